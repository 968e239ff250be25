import { expect, test } from "./fixtures";
import { mkdirSync } from "node:fs";

// Screenshots of the gallery in both app themes, kept as build artifacts for designers.
const ARTIFACTS = "target/gallery-screenshots";

test("every component in the gallery renders in both theme panels at its own URL", async ({ page }) => {
  // Twenty components that do not depend on the window's width: wide screens only; phones
  // still capture the whole gallery below.
  test.skip(test.info().project.name !== "desktop", "width-independent; run on desktop");
  test.setTimeout(180_000);
  await page.goto("/gallery");
  const index = page.getByRole("navigation", { name: "Components" });
  const links = index.getByRole("link");
  // The gallery's code is a lazily loaded chunk: wait for it before counting.
  await expect(links.first()).toBeVisible();
  const count = await links.count();
  expect(count).toBeGreaterThanOrEqual(19);
  const entries: { name: string; href: string }[] = [];
  for (let i = 0; i < count; i++) {
    const link = links.nth(i);
    entries.push({ name: (await link.innerText()).trim(), href: (await link.getAttribute("href")) ?? "" });
  }
  // The overview shows them all.
  await expect(page.locator("section.gallery-section")).toHaveCount(count);

  // Each component's own URL, reached through the index (client-side navigation, as a designer
  // clicks); the direct load of such a URL is the width-switch test's first step below.
  for (const { name, href } of entries) {
    await page.getByRole("navigation", { name: "Components" }).getByRole("link", { name, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${href.replace(/[?]/g, "\\?")}$`));
    const section = page.getByRole("region", { name, exact: true });
    await expect(section, `${name} at ${href}`).toBeVisible();
    await expect(page.locator("section.gallery-section"), `${href} shows one component`).toHaveCount(1);
    await expect(page.getByRole("navigation", { name: "Components" }).getByRole("link", { name, exact: true })).toHaveAttribute("aria-current", "page");
    // Per theme panel: every state row has real size and something in it, and the panel's
    // background (the dark one is dark).
    const panels = await section.evaluate((el) =>
      ["light", "dark"].map((theme) => {
        const panel = el.querySelector(`.gallery-panel[data-theme="${theme}"]`);
        const rows = [...(panel?.querySelectorAll(".gallery-row") ?? [])].map((row) => {
          const box = row.getBoundingClientRect();
          return { width: box.width, height: box.height, children: row.children.length };
        });
        return { theme, rows, background: panel ? getComputedStyle(panel).backgroundColor : "" };
      }),
    );
    for (const { theme, rows } of panels) {
      expect(rows.length, `${name} ${theme} has states`).toBeGreaterThan(0);
      rows.forEach((row, r) => {
        expect(row.height > 8 && row.width > 8, `${name} ${theme} row ${r} has content`).toBeTruthy();
        expect(row.children, `${name} ${theme} row ${r} has content`).toBeGreaterThan(0);
      });
    }
    expect(panels[0].background).not.toBe(panels[1].background);
  }
  // Page errors fail the test through the page guard (fixtures.ts).
});

test("specimens are live: a loading button blocks presses, a toggle chip toggles, the dialog traps and returns focus", async ({ page }) => {
  await page.goto("/gallery/button");
  const light = page.locator('.gallery-panel[data-theme="light"]');
  const publish = light.getByRole("button", { name: "Publish" }).first();
  await publish.click();
  await expect(publish).toHaveAttribute("aria-busy", "true");
  await expect(publish).not.toHaveAttribute("aria-busy", "true", { timeout: 5_000 });

  await page.goto("/gallery/chip");
  const chip = page.locator('.gallery-panel[data-theme="light"]').getByRole("button", { name: "Video only" });
  await expect(chip).toHaveAttribute("aria-pressed", "true");
  await chip.click();
  await expect(chip).toHaveAttribute("aria-pressed", "false");

  await page.goto("/gallery/text-field");
  const phone = page.locator('.gallery-panel[data-theme="light"]').getByRole("textbox", { name: "Phone" });
  await expect(phone).toHaveAttribute("aria-invalid", "true");
  await expect(phone).toHaveAccessibleDescription(/11-digit/);

  await page.goto("/gallery/dialog");
  const open = page.locator('.gallery-panel[data-theme="dark"]').getByRole("button", { name: "Open dialog" });
  await open.click();
  const dialog = page.getByRole("dialog", { name: "Delete this note?" });
  await expect(dialog).toBeVisible();
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBeTruthy();
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();
});

test("the width switch is a link away and the gallery is captured in both themes", async ({ page }, info) => {
  test.setTimeout(120_000);
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.goto("/gallery/button");
  await page.getByRole("link", { name: "Phone 390" }).click();
  await expect(page).toHaveURL(/\/gallery\/button\?w=phone$/);
  const panel = page.locator('.gallery-panel[data-theme="light"]');
  if ((page.viewportSize()?.width ?? 0) > 900) {
    expect(Math.round((await panel.boundingBox())!.width)).toBe(390);
  }
  await page.getByRole("link", { name: "Desktop" }).click();
  await expect(page).toHaveURL(/\/gallery\/button$/);

  for (const theme of ["light", "dark"]) {
    await page.evaluate((t) => localStorage.setItem("zc_theme", t), theme);
    await page.goto("/gallery");
    await expect(page.locator('section[data-component="carousel"] img').first()).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
    await page.screenshot({ path: `${ARTIFACTS}/${info.project.name}-${theme}.png`, fullPage: true });
  }
});
