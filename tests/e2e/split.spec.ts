import { allowErrors, expect, test } from "./fixtures";

// The bundle is split: the feed and the note come with the main module, other pages bring
// their own chunk the first time they are shown (src/lazy.rs, xtask/src/spa.rs).

const wasmFiles = (urls: string[]) => urls.filter((u) => u.endsWith(".wasm")).map((u) => u.split("/").pop()!);

test("the feed loads only the main module; a page's chunk comes when the page is opened", async ({ page }) => {
  const fetched: string[] = [];
  page.on("request", (r) => fetched.push(r.url()));
  await page.goto("/explore");
  await expect(page.getByRole("article").first()).toBeVisible();
  // The main module first; the note, sign-in and cart chunks may follow once the page is idle
  // (prefetch_when_idle), but no other page's chunk comes before it is opened.
  expect(wasmFiles(fetched)[0]).toBe("zhongcao_bg.wasm");
  expect(wasmFiles(fetched)).not.toContain("split_shop.wasm");

  // Client-side navigation to the shop fetches the shop's chunk, and the page works.
  const phone = test.info().project.name === "phone";
  const nav = phone ? page.getByRole("navigation", { name: "Main" }) : page.getByRole("navigation", { name: "Primary" });
  await nav.getByRole("link", { name: "Shop" }).click();
  await expect(page).toHaveURL(/\/shop/);
  await expect(page.getByRole("link", { name: /¥/ }).first()).toBeVisible();
  expect(wasmFiles(fetched)).toContain("split_shop.wasm");
});

test("every build's files sit under their own hash and are cached forever", async ({ page }) => {
  test.skip(test.info().project.name !== "phone", "width-independent: run where the split matters, on phones");
  const wasm: { url: string; cache: string }[] = [];
  page.on("response", (r) => {
    if (r.url().endsWith(".wasm")) wasm.push({ url: r.url(), cache: r.headers()["cache-control"] ?? "" });
  });
  await page.goto("/shop");
  await expect(page.getByRole("link", { name: /¥/ }).first()).toBeVisible();
  expect(wasm.length).toBeGreaterThan(1);
  for (const { url, cache } of wasm) {
    expect(new URL(url).pathname).toMatch(/^\/pkg\/[0-9a-f]{16}\/[\w.]+\.wasm$/);
    expect(cache).toContain("immutable");
  }
});

test("a direct visit to a lazy page works", async ({ page }) => {
  test.skip(test.info().project.name !== "phone", "width-independent: run where the split matters, on phones");
  await page.goto("/search?q=%E9%98%B2%E6%99%92");
  await expect(page.getByRole("article").first()).toBeVisible();
  await page.goto("/gallery/button");
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
});

test("a chunk that fails to download shows an error with a retry, and the retry works", async ({ page }) => {
  test.skip(test.info().project.name !== "phone", "width-independent: run where the split matters, on phones");
  // The network is cut under the chunks on purpose: Chromium logs each refused download, and
  // wasm-split's loader leaves a second failed download's promise unhandled ("Failed to fetch").
  allowErrors(/ERR_INTERNET_DISCONNECTED|Failed to fetch/, "the chunks' downloads are cut on purpose");
  let fail = true;
  await page.route(/\/pkg\/[0-9a-f]{16}\/(split_|chunk_)[\w]+\.wasm$/, (route) =>
    fail ? route.abort("internetdisconnected") : route.continue(),
  );
  await page.goto("/explore");
  await expect(page.getByRole("article").first()).toBeVisible();
  await page.goto("/shop");
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("could not be loaded");
  // The rest of the app is alive: the header still works.
  await expect(page.getByRole("combobox", { name: "Search notes and people" })).toBeEditable();
  fail = false;
  await alert.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("link", { name: /¥/ }).first()).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);
});

test("once the feed is idle the note's chunk is fetched but not run, and opening a note takes it from the cache", async ({ page }) => {
  test.skip(test.info().project.name !== "phone", "width-independent: run where the split matters, on phones");
  const warmed = page.waitForRequest((r) => r.url().endsWith("/split_note.wasm"), { timeout: 20_000 });
  await page.goto("/explore");
  await expect(page.getByRole("feed").getByRole("article").first()).toBeVisible();
  await warmed;
  // A prefetch link, not the split loader: nothing of the chunk is compiled or run yet.
  const loaded = () =>
    page.evaluate(() =>
      performance
        .getEntriesByType("resource")
        .filter((e) => e.name.endsWith("/split_note.wasm"))
        .map((e) => ({ by: (e as PerformanceResourceTiming).initiatorType, bytes: (e as PerformanceResourceTiming).transferSize })),
    );
  await expect.poll(loaded).toEqual([{ by: "link", bytes: expect.any(Number) }]);
  await page.getByRole("feed").getByRole("article").first().getByRole("link").first().click();
  await expect(page.getByRole("dialog").getByRole("heading", { level: 1 })).toBeVisible();
  // The loader's own fetch of the chunk came from the HTTP cache (no bytes over the network).
  expect(await loaded()).toContainEqual({ by: "fetch", bytes: 0 });
});

test("a new account's empty Following tab suggests creators, whose list comes with the people chunk", async ({ page }) => {
  test.skip(test.info().project.name !== "phone", "width-independent: run where the split matters, on phones");
  const fetched: string[] = [];
  page.on("request", (r) => fetched.push(r.url()));
  await page.goto("/explore");
  const username = `sug${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  const res = await page.request.post("/api/v1/auth/signup", {
    headers: { Origin: new URL(page.url()).origin },
    data: { username, display_name: "New here", password: "a-long-enough-password" },
  });
  expect(res.ok()).toBeTruthy();
  await page.goto("/explore?channel=following");
  await expect(page.getByText("Your following feed is empty")).toBeVisible();
  const suggested = page.getByRole("region", { name: "Creators you might like" });
  await expect(suggested).toBeVisible();
  await expect(suggested.getByRole("button", { name: /^Follow/ }).first()).toBeVisible();
  expect(wasmFiles(fetched)).toContain("split_pages.wasm");
});
