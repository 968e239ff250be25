import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

/** WCAG 2.1 A and AA rules (or just `rules`); any violation fails with the rule, the element and the reason. */
async function expectNoViolations(page: Page, what: string, rules?: string[]) {
  const axe = new AxeBuilder({ page });
  const result = await (rules ? axe.withRules(rules) : axe.withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])).analyze();
  const problems = result.violations.flatMap((v) =>
    v.nodes.map((n) => `${what}: ${v.id} at ${n.target.join(" ")}: ${(n.failureSummary ?? "").split("\n").slice(1).join(" ")}`),
  );
  expect(problems, problems.join("\n")).toEqual([]);
}

async function visit(page: Page, path: string, ready: (p: Page) => Promise<void>) {
  await page.goto(path);
  await ready(page);
}

for (const theme of ["light", "dark"] as const) {
  test(`axe finds no WCAG A/AA violations on the main pages (${theme})`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto("/explore");
    await page.evaluate((t) => localStorage.setItem("zc_theme", t), theme);
    const origin = new URL(page.url()).origin;

    // Signed out.
    const feed = (p: Page) => expect(p.getByRole("feed").getByRole("article").first()).toBeVisible();
    await visit(page, "/explore", feed);
    await expectNoViolations(page, "feed");
    const noteId = await page.getByRole("feed").getByRole("article").first().getAttribute("data-note-id");
    await visit(page, `/explore/${noteId}`, (p) => expect(p.locator("article.note h1")).toBeVisible());
    await expectNoViolations(page, "note");
    await visit(page, "/search?q=防晒", feed);
    await expectNoViolations(page, "search");
    await visit(page, "/user/2", feed);
    await expectNoViolations(page, "profile");
    await visit(page, "/shop", (p) => expect(p.getByRole("list", { name: "Products" }).getByRole("listitem").first()).toBeVisible());
    await expectNoViolations(page, "shop");
    await visit(page, "/product/1", (p) => expect(p.getByRole("heading", { level: 1 })).toBeVisible());
    await expectNoViolations(page, "product");
    await visit(page, "/settings", (p) => expect(p.getByRole("region", { name: "Appearance and language" })).toBeVisible());
    await expectNoViolations(page, "settings (signed out)");
    // The component gallery: every component in both theme panels on one page.
    await visit(page, "/gallery", (p) => expect(p.locator('section[data-component="carousel"] img').first()).toBeVisible());
    await expectNoViolations(page, "gallery");

    // Signed in, with something in the cart.
    const username = `a11y${theme[0]}${Date.now().toString(36)}`.slice(0, 20);
    const signUp = await page.request.post("/api/v1/auth/signup", {
      headers: { Origin: origin },
      data: { username, display_name: "A11y", password: "a-long-enough-password" },
    });
    expect(signUp.ok()).toBeTruthy();
    const product = await (await page.request.get("/api/v1/products/1")).json();
    const variant = product.variants.find((v: any) => v.stock > 0);
    await page.request.post("/api/v1/cart/items", { headers: { Origin: origin }, data: { variant_id: variant.id, quantity: 1 } });
    await visit(page, "/cart", (p) => expect(p.getByRole("list", { name: "Items in your cart" })).toBeVisible());
    await expectNoViolations(page, "cart");
    await visit(page, "/checkout", (p) => expect(p.getByRole("heading", { name: "Where should we deliver?" })).toBeVisible());
    await expectNoViolations(page, "checkout");
    await visit(page, "/publish", (p) => expect(p.getByRole("heading", { name: "Publish a note" })).toBeVisible());
    await expectNoViolations(page, "publish");
    await visit(page, "/creator", (p) => expect(p.getByRole("heading", { name: /per day$/ })).toBeVisible());
    await expectNoViolations(page, "creator center");
    await visit(page, "/notifications", (p) => expect(p.getByRole("heading", { name: "Notifications" })).toBeVisible());
    await expectNoViolations(page, "notifications");
    await visit(page, "/settings", (p) => expect(p.getByRole("heading", { name: "Settings" })).toBeVisible());
    await expectNoViolations(page, "settings");
  });
}

test("touch targets are 24 px or spaced (WCAG 2.2) and roles have their children, on the pages Lighthouse opens", async ({ page }) => {
  const feed = await (await page.request.get("/api/v1/feed?channel=recommend")).json();
  const products = await (await page.request.get("/api/v1/products?sort=popular&limit=1")).json();
  const rules = ["target-size", "aria-required-children", "aria-required-parent"];
  await visit(page, "/explore", (p) => expect(p.getByRole("feed").getByRole("article").first()).toBeVisible());
  await expectNoViolations(page, "feed", rules);
  await visit(page, `/explore/${feed.items[0].id}`, (p) => expect(p.locator("article.note h1")).toBeVisible());
  await expectNoViolations(page, "note", rules);
  await visit(page, `/product/${products.items[0].id}`, (p) => expect(p.getByRole("heading", { level: 1 })).toBeVisible());
  await expectNoViolations(page, "product", rules);
  await visit(page, "/settings", (p) => expect(p.getByRole("region", { name: "Appearance and language" })).toBeVisible());
  await expectNoViolations(page, "settings", rules);
});
