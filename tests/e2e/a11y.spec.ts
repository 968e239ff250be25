import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "./fixtures";

/**
 * Every axe rule for WCAG 2.0, 2.1 and 2.2 A/AA (target-size, off by default, included) and axe's
 * best practices (landmark-unique, region, heading-order, …); or just `rules`. Any violation fails
 * with the rule, the element and the reason.
 */
const ALL_RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"];

async function expectNoViolations(page: Page, what: string, rules?: string[]) {
  // In the page itself (no frames here) and without the passes' details: 3x faster on the gallery.
  const axe = new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ["violations"] });
  const result = await (rules ? axe.withRules(rules) : axe.withTags(ALL_RULES)).analyze();
  const problems = result.violations.flatMap((v) =>
    v.nodes.map((n) => `${what}: ${v.id} at ${n.target.join(" ")}: ${(n.failureSummary ?? "").split("\n").slice(1).join(" ")}`),
  );
  // Soft: one run lists every page's problems.
  expect.soft(problems, problems.join("\n")).toEqual([]);
}

async function visit(page: Page, path: string, ready: (p: Page) => Promise<void>) {
  await page.goto(path);
  await ready(page);
}

// Light runs in English on wide screens, dark in Chinese on phones: every page and opened state
// is checked in both themes, both languages and both layouts without quadrupling the runs (each
// takes most of a minute on CI).
for (const theme of ["light", "dark"] as const) {
  const zh = theme === "dark";
  const t = (en: string, cn: string) => (zh ? cn : en);
  test(`axe (all rules) finds no violations on the main pages and opened states (${theme}, ${zh ? "中文" : "English"})`, async ({ page }) => {
    test.skip(test.info().project.name !== (zh ? "phone" : "desktop"), "light English runs on desktop, dark Chinese on phones");
    test.setTimeout(240_000);
    const wide = (page.viewportSize()?.width ?? 0) >= 768;
    await page.goto("/explore");
    await page.evaluate(([th, lang]) => {
      localStorage.setItem("zc_theme", th);
      localStorage.setItem("zc_lang", lang);
    }, [theme, zh ? "zh" : "en"]);
    const origin = new URL(page.url()).origin;

    // Signed out.
    const feed = (p: Page) => expect(p.getByRole("feed").getByRole("article").first()).toBeVisible();
    await visit(page, "/explore", feed);
    await expect(page.locator("html")).toHaveAttribute("lang", zh ? "zh-CN" : "en");
    await expectNoViolations(page, "feed");
    // Opened: the sign-in sheet, the search suggestions, the note overlay.
    await page.getByRole("navigation", { name: t("Account", "账号") }).getByRole("button", { name: t("Sign in", "登录") }).click();
    await expect(page.getByRole("dialog").getByLabel(t("Password", "密码"))).toBeVisible();
    await expectNoViolations(page, "sign-in sheet");
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toHaveCount(0);
    const box = page.getByRole("search").getByRole("combobox");
    await box.click();
    await box.pressSequentially("防", { delay: 50 });
    await expect(page.getByRole("listbox").getByRole("option").first()).toBeVisible();
    await expectNoViolations(page, "search suggestions");
    // Escape closes the suggestions and keeps the words (a search field's own Escape empties it).
    await page.keyboard.press("Escape");
    await expect(box).toHaveAttribute("aria-expanded", "false");
    await expect(box).toHaveValue("防");
    await page.getByRole("feed").getByRole("article").first().getByRole("link").first().click();
    await expect(page.getByRole("dialog").getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoViolations(page, "note overlay");
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toHaveCount(0);

    // A note whose comments hold replies: "@name" links sit right under their authors' names.
    const items = (await (await page.request.get("/api/v1/feed?channel=recommend")).json()).items as { id: number }[];
    let noteId = items[0].id;
    for (const item of items.slice(0, 10)) {
      const detail = await (await page.request.get(`/api/v1/notes/${item.id}`)).json();
      if (detail.comments.items.some((c: any) => c.replies.length > 0)) {
        noteId = item.id;
        break;
      }
    }
    await visit(page, `/explore/${noteId}`, (p) => expect(p.locator("article.note h1")).toBeVisible());
    // Threads render once they near the screen (phones): bring them in, then back to the top.
    await page.locator("section.comments").scrollIntoViewIfNeeded();
    await expect(page.locator(".comment.reply .comment-author a").first()).toBeVisible();
    await page.evaluate(() => window.scrollTo(0, 0));
    await expectNoViolations(page, "note");
    await visit(page, "/search?q=防晒", feed);
    await expectNoViolations(page, "search");
    await visit(page, "/user/2", feed);
    await expectNoViolations(page, "profile");
    await visit(page, "/shop", (p) => expect(p.locator(".product-grid [role=listitem]").first()).toBeVisible());
    await expectNoViolations(page, "shop");
    await visit(page, "/product/1", (p) => expect(p.getByRole("heading", { level: 1 })).toBeVisible());
    await expectNoViolations(page, "product");
    await visit(page, "/settings", (p) => expect(p.locator("#settings-appearance-title")).toBeVisible());
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
    // The signed-in For-you feed: a card's "More" menu, and its "Why am I seeing this?".
    await visit(page, "/explore", feed);
    const more = page.getByRole("feed").getByRole("article").first().getByRole("button", { name: new RegExp(t("^More options for ", "^更多操作：")) });
    await more.click();
    await expect(page.getByRole("menu").getByRole("menuitem").first()).toBeFocused();
    await expectNoViolations(page, "For-you card menu");
    await page.getByRole("menu").getByRole("menuitem", { name: t("Why am I seeing this?", "为什么推荐给我") }).click();
    await expect(page.locator(".why-text")).toBeVisible();
    await expectNoViolations(page, "For-you why");
    await page.keyboard.press("Escape");
    const product = await (await page.request.get("/api/v1/products/1")).json();
    const variant = product.variants.find((v: any) => v.stock > 0);
    await page.request.post("/api/v1/cart/items", { headers: { Origin: origin }, data: { variant_id: variant.id, quantity: 1 } });
    const cartLines = (p: Page | Locator) => expect(p.getByRole("list", { name: t("Items in your cart", "购物车中的商品") })).toBeVisible();
    await visit(page, "/cart", cartLines);
    await expectNoViolations(page, "cart");
    if (wide) {
      // Wide screens open the cart as a drawer over the page.
      await page.getByRole("navigation", { name: t("Account", "账号") }).getByRole("link", { name: /^(Cart|购物车)/ }).click();
      await cartLines(page.getByRole("dialog"));
      await expectNoViolations(page, "cart drawer");
      await page.keyboard.press("Escape");
      await expect(page.getByRole("dialog")).toHaveCount(0);
    }
    await visit(page, "/checkout", (p) => expect(p.getByRole("heading", { name: t("Where should we deliver?", "送到哪里？") })).toBeVisible());
    await expectNoViolations(page, "checkout");
    await visit(page, "/publish", (p) => expect(p.getByRole("heading", { level: 1 })).toBeVisible());
    await expectNoViolations(page, "publish");
    // With photos: each tile's tools, its cover badge and the counter.
    const photo = { mimeType: "image/jpeg", buffer: await page.screenshot({ type: "jpeg", quality: 60 }) };
    await page.locator('input[type="file"]').setInputFiles([
      { name: "a.jpg", ...photo },
      { name: "b.jpg", ...photo },
    ]);
    await expect(page.locator(".pick-tile")).toHaveCount(2);
    await expect(page.getByRole("progressbar")).toHaveCount(0, { timeout: 30_000 });
    await expectNoViolations(page, "publish with photos");
    await visit(page, "/creator", (p) => expect(p.locator("svg[role=img]").first()).toBeVisible());
    await expectNoViolations(page, "creator center");
    await visit(page, "/notifications", (p) => expect(p.getByRole("heading", { name: t("Notifications", "消息") })).toBeVisible());
    await expectNoViolations(page, "notifications");
    await visit(page, "/settings", (p) => expect(p.getByRole("heading", { name: t("Settings", "设置") })).toBeVisible());
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

test("axe (all rules) finds no violations on the live pages: the list, a live room with its products sheet, a replay", async ({ page }) => {
  test.setTimeout(120_000);
  await visit(page, "/live", (p) => expect(p.locator(".live-card").first()).toBeVisible());
  await expectNoViolations(page, "live rooms");
  const live = await (await page.request.get("/api/v1/live?status=live")).json();
  await visit(page, `/live/${live.items.find((r: any) => r.is_demo).id}`, (p) => expect(p.locator(".live-chat-line").first()).toBeVisible());
  await expectNoViolations(page, "live room");
  await page.getByRole("button", { name: /^Products/ }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectNoViolations(page, "live products sheet");
  await page.keyboard.press("Escape");
  const past = await (await page.request.get("/api/v1/live?status=ended")).json();
  await visit(page, `/live/${past.items.find((r: any) => r.is_demo).id}`, (p) => expect(p.getByTestId("live-chat-history")).toBeAttached());
  // A replay's chat follows the recording: seek to its end so the messages are on the page too.
  const video = page.locator("video");
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.duration || 0), { timeout: 30_000 }).toBeGreaterThan(0);
  await video.evaluate((v: HTMLVideoElement) => {
    v.currentTime = v.duration;
  });
  await expect(page.getByTestId("live-chat-history").locator("li").first()).toBeVisible();
  await expectNoViolations(page, "live replay");
});
