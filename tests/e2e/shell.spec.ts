import { expect, test } from "./fixtures";

test("the app can be installed: a manifest with real icons", async ({ page }) => {
  await page.goto("/explore");
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  const res = await page.request.get(href!);
  expect(res.ok()).toBeTruthy();
  const manifest = await res.json();
  expect(manifest.start_url).toBe("/explore");
  expect(manifest.display).toBe("standalone");
  const sizes = manifest.icons.map((i: any) => i.sizes);
  expect(sizes).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  for (const icon of manifest.icons) {
    const img = await page.request.get(icon.src);
    expect(img.ok()).toBeTruthy();
    expect(img.headers()["content-type"]).toMatch(/^image\//);
  }
});

test("phones get a bottom tab bar; wide screens use the header", async ({ page }) => {
  const phone = test.info().project.name === "phone";
  await page.goto("/explore");
  const tabs = page.getByRole("navigation", { name: "Main" });
  if (!phone) {
    await expect(tabs).toBeHidden();
    await expect(page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "+ Publish" })).toBeVisible();
    return;
  }
  await expect(tabs.getByRole("link")).toHaveCount(5);
  await expect(tabs.getByRole("link", { name: "Home" })).toHaveAttribute("aria-current", "page");
  // Touch targets are at least 44 px tall.
  for (const box of await tabs.getByRole("link").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))) {
    expect(box).toBeGreaterThanOrEqual(44);
  }
  await tabs.getByRole("link", { name: "Shop" }).click();
  await expect(page).toHaveURL(/\/shop/);
  await expect(tabs.getByRole("link", { name: "Shop" })).toHaveAttribute("aria-current", "page");
  // Pages with their own bottom bar hide it.
  await page.goto("/publish");
  await expect(tabs).toBeHidden();
});

test("the theme follows the system until the reader picks one, and the choice survives a reload", async ({ page }, info) => {
  test.skip(info.project.name === "phone", "the header's theme button is for wide screens; phones choose in Settings (below)");
  await page.goto("/explore");
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  const toggle = page.getByRole("button", { name: /^Theme: / });
  await expect(toggle).toHaveAccessibleName(/system/);
  await toggle.click();
  await expect(toggle).toHaveAccessibleName(/^Theme: light/);
  await toggle.click();
  await expect(toggle).toHaveAccessibleName(/^Theme: dark/);
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await background()).not.toBe(light);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await background()).not.toBe(light);
  await page.getByRole("button", { name: /^Theme: / }).click();
  // Back on "system": the system says light here, and a change of the system is followed live.
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  expect(await background()).toBe(light);
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await background()).not.toBe(light);
});

test("on a phone the header gives the search field the room; theme and language are in Settings, signed out", async ({ page }, info) => {
  test.skip(info.project.name !== "phone", "the phone header");
  await page.goto("/explore");
  const header = page.locator("header.app-header");
  const search = header.getByRole("search");
  await expect(search).toBeVisible();
  const box = await search.boundingBox();
  expect(box!.width).toBeGreaterThanOrEqual(200);
  // Its placeholder fits, not "Sea…".
  const field = search.getByRole("combobox", { name: "Search notes and people" });
  const fits = await field.evaluate((el: HTMLInputElement) => {
    const probe = document.createElement("span");
    probe.style.cssText = `position:absolute;visibility:hidden;white-space:nowrap;font:${getComputedStyle(el).font}`;
    probe.textContent = el.placeholder;
    document.body.append(probe);
    const width = probe.getBoundingClientRect().width;
    probe.remove();
    return width <= el.clientWidth;
  });
  expect(fits).toBeTruthy();
  // Brand mark, cart and sign-in stay; theme and language leave the header.
  await expect(header.getByRole("link", { name: "Zhongcao 种草 home" })).toBeVisible();
  await expect(header.getByText("Zhongcao", { exact: true })).toBeHidden();
  const account = page.getByRole("navigation", { name: "Account" });
  await expect(account.getByRole("link", { name: /^Cart/ })).toBeVisible();
  await expect(account.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Theme: / })).toBeHidden();
  await expect(page.getByRole("button", { name: /Switch to Chinese/ })).toBeHidden();
  for (const target of await header.locator("a, button, input").filter({ visible: true }).all()) {
    const b = (await target.boundingBox())!;
    expect(Math.min(b.width, b.height), await target.evaluate((e) => e.outerHTML.slice(0, 80))).toBeGreaterThanOrEqual(24);
  }

  // Signed out, "Me" opens Settings, where anyone picks the theme and the language.
  const tabs = page.getByRole("navigation", { name: "Main" });
  await tabs.getByRole("link", { name: "Me", exact: true }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(tabs.getByRole("link", { name: "Me", exact: true })).toHaveAttribute("aria-current", "page");
  const appearance = page.getByRole("region", { name: "Appearance and language" });
  const theme = appearance.getByRole("group", { name: "Theme" });
  await expect(theme.getByRole("radio", { name: "System" })).toBeChecked();
  await theme.getByRole("radio", { name: "Dark" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(theme.getByRole("radio", { name: "Dark" })).toBeChecked();
  await theme.getByRole("radio", { name: "System" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  // The account sections wait for a sign-in.
  await expect(page.getByRole("region", { name: "Account" }).getByRole("button", { name: "Sign in" })).toBeVisible();

  const language = appearance.getByRole("group", { name: "Language" });
  await expect(language.getByRole("radio", { name: "English" })).toBeChecked();
  await language.getByRole("radio", { name: "中文" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1, name: "设置" })).toBeVisible();
  await expect(page.getByRole("group", { name: "语言" }).getByRole("radio", { name: "中文" })).toBeChecked();
  await page.getByRole("group", { name: "语言" }).getByRole("radio", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
});

test("Settings' theme choice and the header's button are one choice", async ({ page }, info) => {
  test.skip(info.project.name === "phone", "the header's button is for wide screens");
  await page.goto("/settings");
  const theme = page.getByRole("group", { name: "Theme" });
  const button = page.getByRole("button", { name: /^Theme: / });
  await theme.getByRole("radio", { name: "Light" }).click();
  await expect(button).toHaveAccessibleName(/^Theme: light/);
  await button.click();
  await expect(theme.getByRole("radio", { name: "Dark" })).toBeChecked();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  // Arrow keys move a radio group's choice.
  await theme.getByRole("radio", { name: "Dark" }).focus();
  await page.keyboard.press("ArrowLeft");
  await expect(theme.getByRole("radio", { name: "Light" })).toBeChecked();
  await expect(button).toHaveAccessibleName(/^Theme: light/);
  await theme.getByRole("radio", { name: "System" }).click();
});

test("keyboard only: skip link → a card → the note → its comments → Escape back to the same card", async ({ page }) => {
  await page.goto("/explore");
  const feed = page.getByRole("feed", { name: "Discover notes" });
  await expect(feed.getByRole("article").first()).toBeVisible();
  // The first Tab reaches the skip link, which jumps past the header.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  // Tab until a note card's title link has focus.
  let title = "";
  for (let i = 0; i < 40 && !title; i++) {
    await page.keyboard.press("Tab");
    title = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el?.classList.contains("card-title") ? el.textContent ?? "" : "";
    });
  }
  expect(title).not.toBe("");
  await page.keyboard.press("Enter");
  const note = page.locator("article.note");
  await expect(note.getByRole("heading", { level: 1 })).toHaveText(title);
  // Focus is inside the note; Tab reaches the comments.
  let inComments = false;
  for (let i = 0; i < 60 && !inComments; i++) {
    await page.keyboard.press("Tab");
    inComments = await page.evaluate(() => !!document.activeElement?.closest(".comments, [aria-label*='omment']"));
  }
  expect(inComments).toBeTruthy();
  await page.keyboard.press("Escape");
  await expect(note).toHaveCount(0);
  // Focus comes back to the card that was opened.
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.closest("article")?.textContent ?? ""))
    .toContain(title);
});

test("on a phone the note is a sheet: a short pull springs back, a long pull down closes it", async ({ page }, info) => {
  test.skip(info.project.name !== "phone", "the swipe is a phone gesture");
  await page.goto("/explore");
  const card = page.getByRole("feed").getByRole("article").first();
  await card.getByRole("link").first().click();
  const note = page.getByRole("dialog").first();
  await expect(note.getByRole("heading", { level: 1 })).toBeVisible();
  const cdp = await page.context().newCDPSession(page);
  const swipe = async (from: number, to: number) => {
    const x = 195;
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x, y: from }] });
    for (let i = 1; i <= 8; i++) {
      await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x, y: from + ((to - from) * i) / 8 }] });
      await page.waitForTimeout(30);
    }
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  };
  await swipe(300, 340);
  await page.waitForTimeout(400);
  await expect(note.getByRole("heading", { level: 1 })).toBeVisible();
  expect(page.url()).toMatch(/\/explore\/\d+/);
  await swipe(300, 560);
  await expect(page).toHaveURL(/\/explore$/);
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(card).toBeVisible();
});

test.describe("in Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("a zh-CN browser gets the Chinese interface, counts in 万, and the switch to English is remembered", async ({ page }) => {
    await page.goto("/explore");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    const feed = page.getByRole("feed");
    await expect(feed.getByRole("article").first()).toBeVisible();
    await expect(page.getByRole("link", { name: "跳到主要内容" })).toBeAttached();
    // "发现" in the desktop header, "首页" in the phone tab bar.
    await expect(page.getByRole("link", { name: /^(发现|首页)$/ }).filter({ visible: true }).first()).toBeVisible();
    // The demo corpus has notes with tens of thousands of likes: Chinese counts group by 万.
    await expect(feed.getByText(/^\d+(\.\d)?万$/).first()).toBeVisible();
    await expect(feed.getByText(/^\d+(\.\d)?[KM]$/)).toHaveCount(0);
    // Relative dates read in Chinese on a note.
    await feed.getByRole("article").first().getByRole("link").first().click();
    await expect(page.getByRole("dialog").locator("time").first()).toHaveText(/(刚刚|分钟前|小时前|天前|^\d{4}-\d{2}-\d{2}$)/);
    await page.keyboard.press("Escape");

    // The header's switch on wide screens; Settings (the tab bar's "我") on phones.
    const phone = test.info().project.name === "phone";
    if (phone) {
      await page.getByRole("navigation", { name: "底部导航" }).getByRole("link", { name: "我" }).click();
      await page.getByRole("group", { name: "语言" }).getByRole("radio", { name: "English" }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      await expect(page.getByRole("group", { name: "Language" }).getByRole("radio", { name: "English" })).toBeChecked();
      await page.goto("/explore");
    } else {
      await page.getByRole("button", { name: /Switch to English|切换到英文/ }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      await expect(page.getByRole("button", { name: /Switch to Chinese/ })).toBeVisible();
    }
    await expect(feed.getByText(/^\d+(\.\d)?K$/).first()).toBeVisible();
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("feed").getByRole("article").first()).toBeVisible();
    if (phone) {
      await page.goto("/settings");
      await page.getByRole("group", { name: "Language" }).getByRole("radio", { name: "中文" }).click();
    } else {
      await page.getByRole("button", { name: /Switch to Chinese/ }).click();
    }
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  });
});
