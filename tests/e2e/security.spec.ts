// The Content-Security-Policy holds in a real browser: the main pages and what people do on
// them (open a note and swipe its pictures, search with suggestions, the sign-in sheet, a
// product, checkout, publishing with photo previews from blob: URLs, the gallery in both
// themes) run without a single CSP violation, and the served document's inline scripts are
// exactly the ones its policy hashes. A violation fails the test however it shows: as a
// `securitypolicyviolation` event in the page or as a console message.
import { createHash } from "node:crypto";
import { expect, test, type Browser, type Page } from "./fixtures";

/** Starts collecting CSP (and Permissions-Policy header) problems on `page`, across navigations. */
async function recordViolations(page: Page): Promise<string[]> {
  const found: string[] = [];
  await page.exposeBinding("zcCspViolation", ({ frame }, text: string) => found.push(`${text} (at ${frame.url()})`));
  // Registered through the DevTools protocol, so it runs before the document's own scripts and
  // is not itself subject to the page's policy.
  await page.addInitScript(() => {
    document.addEventListener(
      "securitypolicyviolation",
      (e) => (window as any).zcCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} in ${e.sourceFile}:${e.lineNumber} (${e.sample})`),
      true,
    );
  });
  page.on("console", (m) => {
    if (/Content Security Policy|Permissions-Policy|Refused to/i.test(m.text())) found.push(`console: ${m.text()}`);
  });
  return found;
}

/** A JPEG photo (a screenshot of a coloured page) to upload. */
async function photo(browser: Browser, colour: string) {
  const page = await browser.newPage({ viewport: { width: 640, height: 800 }, deviceScaleFactor: 1 });
  await page.setContent(`<body style="margin:0;background:linear-gradient(${colour},#fff)"></body>`);
  const buffer = await page.screenshot({ type: "jpeg", quality: 80 });
  await page.close();
  return { name: `${colour.slice(1)}.jpg`, mimeType: "image/jpeg", buffer };
}

function sources(csp: string, directive: string): string[] {
  const found = csp.split(";").map((d) => d.trim().split(/\s+/)).find((d) => d[0] === directive);
  expect(found, `${directive} in ${csp}`).toBeTruthy();
  return found!.slice(1);
}

test("the document's inline scripts are exactly those its policy hashes, and every kind of answer carries the headers", async ({ page }) => {
  const doc = await page.request.get("/explore");
  const csp = doc.headers()["content-security-policy"];
  expect(csp).toBeTruthy();
  const html = await doc.text();
  // Executable inline scripts: no src, not a JSON data block.
  const inline = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter(([, attrs]) => !/\bsrc=/.test(attrs) && !/application\/json/.test(attrs))
    .map(([, , body]) => `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
  expect(inline.length).toBeGreaterThanOrEqual(3);
  const script = sources(csp, "script-src");
  expect(script.filter((s) => s.startsWith("'sha256-")).sort()).toEqual([...new Set(inline)].sort());
  expect(script).toContain("'wasm-unsafe-eval'");
  expect(script).not.toContain("'unsafe-inline'");
  expect(script).not.toContain("'unsafe-eval'");

  const pkg = html.match(/\/pkg\/[0-9a-f]{16}\//)![0];
  const channels = await (await page.request.get("/api/v1/channels")).json();
  expect(channels.length).toBeGreaterThan(0);
  const feed = await (await page.request.get("/api/v1/feed?channel=recommend&limit=1")).json();
  const picture = feed.items[0].cover.url_template.replace("{w}", "240");
  for (const [what, url, status] of [
    ["document", "/explore", 200],
    ["JS glue", `${pkg}zhongcao.js`, 200],
    ["main wasm", `${pkg}zhongcao_bg.wasm`, 200],
    ["stylesheet", `${pkg}app.css`, 200],
    ["API JSON", "/api/v1/channels", 200],
    ["image", picture, 200],
    ["API 404", "/api/v1/no-such-thing", 404],
    ["file 404", "/no-such-file.png", 404],
  ] as const) {
    const res = await page.request.get(url);
    expect(res.status(), `${what} ${url}`).toBe(status);
    const h = res.headers();
    expect(h["content-security-policy"], what).toBe(csp);
    expect(h["x-content-type-options"], what).toBe("nosniff");
    expect(h["x-frame-options"], what).toBe("DENY");
    expect(h["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
    expect(h["cross-origin-opener-policy"], what).toBe("same-origin");
    expect(h["permissions-policy"], what).toContain("geolocation=()");
    expect(h["strict-transport-security"], `${what}: no HSTS over http`).toBeUndefined();
  }
});

test("the policy is enforced and a violation is seen: an injected inline script does not run", async ({ browser }) => {
  // A page of its own, outside the page guard: the refusal it provokes is a console error.
  const page = await browser.newPage();
  const violations = await recordViolations(page);
  await page.goto("/explore");
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.zcInjected = true;";
    document.head.append(script);
  });
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(violations.join("\n")).toContain("script-src-elem blocked inline");
  expect(await page.evaluate(() => (window as any).zcInjected)).toBeUndefined();
  await page.close();
});

test("browsing signed out: feed, a note and its pictures, search with suggestions, the sign-in sheet, a product, the gallery in both themes — no CSP violation", async ({ page }) => {
  const violations = await recordViolations(page);
  const phone = test.info().project.name === "phone";

  await page.goto("/explore");
  const cards = page.locator("main a[href^='/explore/']");
  await expect(cards.first()).toBeVisible();
  // The lazily loaded note chunk (and pages.css) come in when a note opens.
  await cards.first().click();
  await expect(page).toHaveURL(/\/explore\/\d+/);
  // The note opens over the feed (the feed's cards are articles too: wait for the note itself,
  // or Escape may come before the overlay is there to close).
  const note = page.getByRole("dialog");
  await expect(note.getByRole("heading", { level: 1 })).toBeVisible();
  const next = page.getByRole("button", { name: "Next image" });
  if (!phone && (await next.count()) > 0 && (await next.first().isEnabled())) await next.first().click();
  await page.keyboard.press("Escape");
  await expect(note).toHaveCount(0);

  // Search: the combobox's suggestions, then the results page.
  const box = page.getByRole("combobox", { name: "Search notes and people" });
  await box.click();
  await box.fill("口红");
  await expect(page.getByRole("listbox").first()).toBeVisible();
  await box.press("Enter");
  await expect(page).toHaveURL(/\/search\?/);
  await expect(page.locator("main a[href^='/explore/']").first()).toBeVisible();

  // A product (the shop chunk).
  await page.goto("/shop");
  const product = page.locator("main a[href^='/product/']").first();
  await expect(product).toBeVisible();
  await product.click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // The sign-in sheet.
  await page.goto("/explore");
  const account = page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Sign in" });
  const signIn = phone ? page.getByRole("button", { name: "Sign in" }).first() : account;
  await signIn.click();
  await expect(page.getByRole("dialog", { name: "Sign in to Zhongcao" })).toBeVisible();
  await page.keyboard.press("Escape");

  // The gallery, light then dark (both themes are also side by side on it).
  for (const theme of ["light", "dark"]) {
    await page.evaluate((t) => localStorage.setItem("zc_theme", t), theme);
    await page.goto("/gallery");
    await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
    await page.mouse.wheel(0, 4000);
    await page.waitForTimeout(300);
  }
  await page.waitForLoadState("networkidle");
  expect(violations, violations.join("\n")).toEqual([]);
});

test("signed in: publishing with photo previews, settings, checkout — no CSP violation", async ({ page, browser }) => {
  const violations = await recordViolations(page);
  await page.goto("/explore");
  const headers = { Origin: new URL(page.url()).origin };
  const username = `csp${test.info().project.name.slice(0, 1)}${Date.now().toString(36)}`.slice(0, 20);
  const signUp = await page.request.post("/api/v1/auth/signup", {
    headers,
    data: { username, display_name: "Policy Tester", password: "a-long-enough-password" },
  });
  expect(signUp.ok()).toBeTruthy();

  // Publish: picked photos preview from blob: URLs, then upload.
  await page.goto("/publish");
  await expect(page.getByRole("heading", { name: "Publish a note" })).toBeVisible();
  await page.getByLabel("Add photos").setInputFiles([await photo(browser, "#ff7a8a"), await photo(browser, "#7ab8ff")]);
  await expect(page.getByRole("listitem", { name: /^Photo \d$/ })).toHaveCount(2);
  await expect(page.getByRole("progressbar")).toHaveCount(0, { timeout: 30_000 });

  // Settings (the avatar form previews from a blob: URL too).
  await page.goto("/settings");
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();

  // Checkout of one product, bought now.
  const feed = await (await page.request.get("/api/v1/products?limit=5")).json();
  const productId = (feed.items ?? feed)[0].id;
  const product = await (await page.request.get(`/api/v1/products/${productId}`)).json();
  const variant = product.variants.find((v: { stock: number }) => v.stock > 0);
  await page.goto(`/checkout?buy=${variant.id}:1`);
  await expect(page.getByRole("heading", { name: "Where should we deliver?" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(violations, violations.join("\n")).toEqual([]);
});
