// "For you" that learns (issue 15), in the browser: a fresh account's For-you first page moves
// towards a channel after it likes and collects a dozen of its notes; "Not interested" in a
// card's menu takes the card away for good; "Why am I seeing this?" says why in a sentence.
import { expect, test, type Page } from "./fixtures";
import { mkdirSync } from "node:fs";

const SHOTS = "artifacts/screenshots";
mkdirSync(SHOTS, { recursive: true });

/** The channel the account learns to like. */
const CHANNEL = "pets";

function feed(page: Page) {
  return page.getByRole("feed", { name: "Discover notes" });
}

/** A fresh, valid username (3–20 of a-z, 0-9, _), unique per run and project. */
function newUsername(): string {
  const project = test.info().project.name.slice(0, 1);
  return `rec${project}${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`.slice(0, 20);
}

/** Loads `/explore` (For you) and returns the ids of the first page the app asked for. */
async function forYouFirstPage(page: Page): Promise<number[]> {
  const answer = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/feed/for-you" && !r.url().includes("cursor="));
  await page.goto("/explore");
  const body = await (await answer).json();
  await expect(feed(page).getByRole("article").first()).toBeVisible();
  return body.items.map((c: { id: number }) => c.id);
}

async function channelsOf(page: Page, ids: number[]): Promise<string[]> {
  return Promise.all(ids.map(async (id) => (await (await page.request.get(`/api/v1/notes/${id}`)).json()).channel.slug as string));
}

const share = (slugs: string[]) => slugs.filter((s) => s === CHANNEL).length / slugs.length;

test("For you learns from likes and collects; Not interested removes a card for good; Why says why", async ({ page }) => {
  test.setTimeout(90_000);
  // Sign up through the sheet, on the feed: the feed becomes the account's own list.
  await page.goto("/explore");
  await expect(feed(page).getByRole("article").first()).toBeVisible();
  const personal = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/feed/for-you");
  await page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Sign in" }).click();
  const sheet = page.getByRole("dialog", { name: /^(Sign in to Zhongcao|Create your account)$/ });
  await sheet.getByRole("button", { name: "Create account" }).first().click();
  const username = newUsername();
  await sheet.getByLabel("Username", { exact: true }).fill(username);
  await sheet.getByLabel("Display name").fill(`Recs ${username.slice(-4)}`);
  await sheet.getByLabel("Password").fill("a-good-long-password");
  await sheet.locator("form").getByRole("button", { name: "Create account" }).click();
  await expect(sheet).toBeHidden();
  expect((await personal).status()).toBe(200);

  // The first page before: a new person's page is varied and popular.
  const before = await forYouFirstPage(page);
  expect(before.length).toBe(20);
  const shareBefore = share(await channelsOf(page, before));

  // Twelve notes of one channel: three liked in the note overlay, the rest liked and
  // collected through the API (the session's cookie goes along).
  const pets = (await (await page.request.get(`/api/v1/feed?channel=${CHANNEL}&limit=30`)).json()).items as { id: number }[];
  const origin = new URL(page.url()).origin;
  // Reports of how long a note was open (Playwright does not see those a page sends as it
  // unloads, `keepalive`, so the overlay's is checked below).
  const opens: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().endsWith("/open")) opens.push(new URL(r.url()).pathname);
  });
  for (const note of pets.slice(0, 3)) {
    await page.goto(`/explore/${note.id}`);
    const like = page.locator("article.note").getByRole("button", { name: /^Like,/ });
    await expect(like).toHaveAttribute("aria-pressed", "false");
    await like.click();
    await expect(like).toHaveAttribute("aria-pressed", "true");
  }
  for (const note of pets.slice(3, 12)) {
    for (const action of ["like", "collect"]) {
      const res = await page.request.put(`/api/v1/notes/${note.id}/${action}`, { headers: { Origin: origin } });
      expect(res.ok(), `${action} ${note.id}`).toBeTruthy();
    }
  }

  // Reloaded, the page has moved towards the channel.
  const after = await forYouFirstPage(page);
  const shareAfter = share(await channelsOf(page, after));
  expect(shareAfter, `${CHANNEL} share before ${shareBefore}, after ${shareAfter}`).toBeGreaterThanOrEqual(0.35);
  expect(after).not.toEqual(before);

  // "Why am I seeing this?" answers in a sentence.
  const card = feed(page).getByRole("article").first();
  const title = (await card.locator(".card-title").innerText()).trim();
  const more = card.getByRole("button", { name: `More options for ${title}` });
  await expect(more).toHaveAttribute("aria-haspopup", "menu");
  await more.click();
  const menu = page.getByRole("menu");
  await expect(menu.getByRole("menuitem")).toHaveText(["Not interested", "Why am I seeing this?"]);
  await expect(menu.getByRole("menuitem").first()).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitem", { name: "Why am I seeing this?" })).toBeFocused();
  await page.keyboard.press("Enter");
  const why = card.locator(".why-text");
  await expect(why).toHaveText(
    /^(You follow .+\.|Because you liked “.+”: people who liked it also liked this\.|You often read \w+ notes\.|You often read notes about #.+\.|Popular in \w+ right now\.|A new note, to help you explore beyond your usual tastes\.|Popular on Zhongcao right now\. Read, like and collect, and For you learns what you like\.)$/,
  );
  await page.keyboard.press("Escape");
  await expect(why).toHaveCount(0);
  await expect(more).toBeFocused();

  // The menu by keyboard: Escape closes it and focus goes back to the button.
  await page.keyboard.press("Enter");
  await expect(menu).toBeVisible();
  await expect(menu.getByRole("menuitem").first()).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toHaveCount(0);
  await expect(more).toBeFocused();

  // "Not interested": the card leaves at once, the toast offers Undo, and after a reload it is
  // not on the page.
  const id = Number(await card.getAttribute("data-note-id"));
  const hidden = page.waitForResponse((r) => r.url().endsWith(`/api/v1/notes/${id}/not-interested`) && r.request().method() === "PUT");
  await more.click();
  await menu.getByRole("menuitem", { name: "Not interested" }).click();
  await expect(feed(page).locator(`[data-note-id="${id}"]`)).toHaveCount(0);
  expect((await hidden).status()).toBe(204);
  await expect(page.getByRole("button", { name: "Undo" })).toBeVisible();
  const reloaded = await forYouFirstPage(page);
  expect(reloaded).not.toContain(id);
  await expect(feed(page).locator(`[data-note-id="${id}"]`)).toHaveCount(0);
  // Nor its near-duplicates: nothing else by that author in that channel.
  const noteOf = async (n: number) => (await (await page.request.get(`/api/v1/notes/${n}`)).json()) as { author: { id: number }; channel: { slug: string } };
  const gone = await noteOf(id);
  for (const other of await Promise.all(reloaded.map(noteOf))) {
    expect(other.author.id === gone.author.id && other.channel.slug === gone.channel.slug, "a near-duplicate came back").toBe(false);
  }

  // Closing the note overlay reports the time it was open, once.
  const opened = feed(page).getByRole("article").first();
  const openedId = await opened.getAttribute("data-note-id");
  await opened.locator(".card-title").click();
  await expect(page.locator("article.note h1")).toBeVisible();
  await page.waitForTimeout(700);
  const report = page.waitForRequest((r) => r.method() === "POST" && r.url().endsWith(`/api/v1/notes/${openedId}/open`));
  await page.keyboard.press("Escape");
  expect((await report).postDataJSON().dwell_ms).toBeGreaterThanOrEqual(600);
  await page.waitForTimeout(300);
  expect(opens.filter((p) => p === `/api/v1/notes/${openedId}/open`)).toHaveLength(1);
});
