// A guest's For you learns too (issue 15): the browser makes an anonymous id, keeps it in
// localStorage and sends it as X-Guest-Id; "Not interested" and the time a note stays open go
// to it; once it has a signal, For you comes from the guest's own ranking; signing up takes
// what it learned to the account and the browser forgets the id.
import { expect, test, type Page } from "./fixtures";

function feed(page: Page) {
  return page.getByRole("feed", { name: "Discover notes" });
}

function newUsername(): string {
  const project = test.info().project.name.slice(0, 1);
  return `gst${project}${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`.slice(0, 20);
}

const forYouAnswer = (page: Page) =>
  page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/feed/for-you" && !r.url().includes("cursor="));

test("a guest's Not interested and reading shape their own For you, and signing up keeps them", async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto("/explore");
  const first = feed(page).getByRole("article").first();
  await expect(first).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem("zc-guest-id"))).toBeNull();

  // "Not interested" from the card's menu, signed out: the card leaves, and the request carries
  // the browser's new anonymous id.
  const id = Number(await first.getAttribute("data-note-id"));
  const title = (await first.locator(".card-title").innerText()).trim();
  // Before it knows anything, "Why am I seeing this?" says so.
  const more = first.getByRole("button", { name: `More options for ${title}` });
  await more.click();
  await page.getByRole("menu").getByRole("menuitem", { name: "Why am I seeing this?" }).click();
  await expect(first.locator(".why-text")).toHaveText(
    "Popular on Zhongcao right now. Read, like and collect, and For you learns what you like.",
  );
  await page.keyboard.press("Escape");
  await expect(first.locator(".why-text")).toHaveCount(0);
  const hidden = page.waitForRequest((r) => r.method() === "PUT" && r.url().endsWith(`/api/v1/notes/${id}/not-interested`));
  await more.click();
  await page.getByRole("menu").getByRole("menuitem", { name: "Not interested" }).click();
  const guest = (await hidden).headers()["x-guest-id"];
  expect(guest).toMatch(/^[0-9a-f]{32}$/);
  expect((await (await hidden).response())?.status()).toBe(204);
  expect(await page.evaluate(() => localStorage.getItem("zc-guest-id"))).toBe(guest);
  await expect(feed(page).locator(`[data-note-id="${id}"]`)).toHaveCount(0);

  // Reading a note: closing it reports the time it was open, for the same guest.
  const next = feed(page).getByRole("article").first();
  const nextId = await next.getAttribute("data-note-id");
  await next.locator(".card-title").click();
  await expect(page.locator("article.note h1")).toBeVisible();
  await page.waitForTimeout(600);
  const report = page.waitForRequest((r) => r.method() === "POST" && r.url().endsWith(`/api/v1/notes/${nextId}/open`));
  await page.keyboard.press("Escape");
  expect((await report).headers()["x-guest-id"]).toBe(guest);

  // Reloaded, For you is the guest's own ranking, without the note they did not want.
  const own = forYouAnswer(page);
  await page.reload();
  const answer = await own;
  expect(answer.request().headers()["x-guest-id"]).toBe(guest);
  const ids = ((await answer.json()).items as { id: number }[]).map((c) => c.id);
  expect(ids.length).toBe(20);
  expect(ids).not.toContain(id);
  await expect(feed(page).getByRole("article").first()).toBeVisible();
  await expect(feed(page).locator(`[data-note-id="${id}"]`)).toHaveCount(0);

  // Signing up takes it along: the account's For you leaves the note out too, and the browser
  // forgets the guest id.
  const signup = page.waitForRequest((r) => r.method() === "POST" && r.url().endsWith("/api/v1/auth/signup"));
  await page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Sign in" }).click();
  const sheet = page.getByRole("dialog", { name: /^(Sign in to Zhongcao|Create your account)$/ });
  await sheet.getByRole("button", { name: "Create account" }).first().click();
  const username = newUsername();
  await sheet.getByLabel("Username", { exact: true }).fill(username);
  await sheet.getByLabel("Display name").fill(`Guest ${username.slice(-4)}`);
  await sheet.getByLabel("Password").fill("a-good-long-password");
  await sheet.locator("form").getByRole("button", { name: "Create account" }).click();
  await expect(sheet).toBeHidden();
  expect((await signup).headers()["x-guest-id"]).toBe(guest);
  expect(await page.evaluate(() => localStorage.getItem("zc-guest-id"))).toBeNull();
  const mine = forYouAnswer(page);
  await page.reload();
  const account = await mine;
  expect(account.request().headers()["x-guest-id"]).toBeUndefined();
  const accountIds = ((await account.json()).items as { id: number }[]).map((c) => c.id);
  expect(accountIds).not.toContain(id);
  await expect(feed(page).getByRole("article").first()).toBeVisible();
});
