import { allowErrors, expect, test, type Browser, type Page, watch } from "./fixtures";
import { mkdirSync } from "node:fs";

const SHOTS = "artifacts/screenshots";
mkdirSync(SHOTS, { recursive: true });
const DEMO_PASSWORD = "zhongcao-demo";

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${test.info().project.name}-${name}.png` });
}

/** A fresh, valid username (3–20 of a-z, 0-9, _), unique per run and project. */
function newUsername(): string {
  const project = test.info().project.name.slice(0, 1);
  return `e2e${project}${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`.slice(0, 20);
}

/** The sign-in sheet (titled by its mode). */
function authSheet(page: Page) {
  return page.getByRole("dialog", { name: /^(Sign in to Zhongcao|Create your account)$/ });
}

/** The header's "Sign in" button (the sheet has its own). */
function headerSignIn(page: Page) {
  return page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Sign in" });
}

function noteDialogOrPage(page: Page) {
  return page.locator("article.note");
}

async function signInAs(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: test.info().project.use.viewport ?? undefined });
  const page = await context.newPage();
  watch(page);
  await page.goto("/explore");
  await headerSignIn(page).click();
  const sheet = authSheet(page);
  await sheet.getByLabel("Username or email").fill(username);
  await sheet.getByLabel("Password").fill(DEMO_PASSWORD);
  await sheet.getByRole("button", { name: "Sign in", exact: true }).last().click();
  await expect(sheet).toBeHidden();
  return page;
}

test("signed out: like → sign up in the sheet → the like lands and survives reload → comment, reply, follow → following feed → the author is notified", async ({ page, browser }) => {
  // Browse signed out and open a note from the feed.
  await page.goto("/explore");
  // Each project opens a different note, so their like counts don't race.
  const index = test.info().project.name === "phone" ? 1 : 0;
  const card = page.getByRole("feed", { name: "Discover notes" }).getByRole("article").nth(index);
  await card.getByRole("link").first().click();
  const note = noteDialogOrPage(page);
  await expect(note).toBeVisible();
  const noteId = await note.getAttribute("data-note-id");
  const detail = await (await page.request.get(`/api/v1/notes/${noteId}`)).json();
  const author = detail.author as { id: number; username: string; display_name: string };

  // Liking asks for an account first.
  const like = note.getByRole("button", { name: /^Like,/ });
  await expect(like).toHaveAttribute("aria-pressed", "false");
  const likesBefore: number = detail.counts.likes;
  await like.click();
  const sheet = authSheet(page);
  await expect(sheet).toBeVisible();
  await expect(sheet.getByLabel("Username or email")).toBeFocused();
  await shot(page, "auth-sheet");

  // Sign up instead; a too-short password is refused inline first (the server's 422).
  allowErrors(/status of 422 .*\/api\/v1\/auth\/signup\b/, "the too-short password is refused on purpose");
  const username = newUsername();
  const displayName = `Tester ${username.slice(-5)}`;
  await sheet.getByRole("button", { name: "Create account" }).first().click();
  await sheet.getByLabel("Username", { exact: true }).fill(username);
  await sheet.getByLabel("Display name").fill(displayName);
  await sheet.getByLabel("Password").fill("short");
  await sheet.locator("form").getByRole("button", { name: "Create account" }).click();
  await expect(sheet.getByText("Use 8 to 128 characters.")).toBeVisible();
  await expect(sheet.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await sheet.getByLabel("Password").fill("a-good-long-password");
  await sheet.locator("form").getByRole("button", { name: "Create account" }).click();
  await expect(sheet).toBeHidden();

  // The like asked for before signing up is applied, and we stayed on the note.
  await expect(like).toHaveAttribute("aria-pressed", "true");
  // Exactly one more like on the server (the button shows compact counts, e.g. "1.6k").
  await expect
    .poll(async () => (await (await page.request.get(`/api/v1/notes/${noteId}`)).json()).counts.likes)
    .toBe(likesBefore + 1);
  await expect(page.getByRole("link", { name: `Your profile, ${displayName}` })).toBeVisible();

  // It survives a reload (the server has it, and the session cookie too).
  await page.reload();
  await expect(noteDialogOrPage(page).getByRole("button", { name: /^Like,/ })).toHaveAttribute("aria-pressed", "true");

  // Comment, then reply to our own comment.
  const text = `Saved for my trip ${username}`;
  const box = page.getByRole("textbox", { name: "Write a comment" });
  await box.fill(text);
  await expect(page.getByText(`${text.length}/500`)).toBeVisible();
  await page.getByRole("button", { name: "Send" }).click();
  const comments = page.getByRole("region", { name: /comments/ });
  // The threads render as a reader scrolls towards them, and at once when the reader posts.
  const mine = comments.locator(".thread").filter({ hasText: text });
  await expect(mine).toBeVisible();
  await mine.getByRole("button", { name: `Reply to ${displayName}` }).first().click();
  const replyBox = page.getByRole("textbox", { name: "Write a reply" });
  await expect(replyBox).toBeFocused();
  await replyBox.fill("Replying to myself, with <b>no</b> HTML");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(mine.locator(".replies")).toContainText("Replying to myself, with <b>no</b> HTML");
  await expect(mine.locator(".replies b")).toHaveCount(0);

  // Follow the author from the note.
  const follow = noteDialogOrPage(page).getByRole("button", { name: `Follow ${author.display_name}` });
  await follow.click();
  await expect(noteDialogOrPage(page).getByRole("button", { name: `Unfollow ${author.display_name}` })).toHaveAttribute("aria-pressed", "true");
  await shot(page, "note-signed-in");

  // The author's notes are in the following feed.
  await page.goto("/explore?channel=following");
  const following = page.getByRole("feed", { name: "Notes from people you follow" });
  await expect(following.getByRole("article").first()).toBeVisible();
  const cards = following.getByRole("article");
  const count = await cards.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < Math.min(count, 6); i++) {
    await expect(cards.nth(i)).toContainText(author.display_name);
  }
  await shot(page, "following-feed");

  // The author signs in elsewhere and sees the new follower, the like and the comment.
  const authorPage = await signInAs(browser, author.username);
  await expect(authorPage.getByRole("link", { name: /Notifications, \d+ unread/ })).toBeVisible();
  await authorPage.goto("/notifications?tab=follows");
  await expect(authorPage.getByRole("main")).toContainText(`${displayName}`);
  await expect(authorPage.getByRole("main")).toContainText("started following you");
  await authorPage.goto("/notifications?tab=likes");
  await expect(authorPage.getByRole("main").getByText(displayName).first()).toBeVisible();
  await authorPage.goto("/notifications?tab=comments");
  await expect(authorPage.getByRole("main")).toContainText(text);
  await shot(authorPage, "notifications");
  await authorPage.context().close();
});

test("signing out ends the session; the sheet closes with Escape and keeps focus in itself", async ({ page }) => {
  await page.goto("/explore");
  await headerSignIn(page).click();
  const sheet = authSheet(page);
  await expect(sheet).toBeVisible();
  // Tab from the last control wraps to the first one inside the dialog.
  await sheet.getByRole("button", { name: "Sign in", exact: true }).last().focus();
  await page.keyboard.press("Tab");
  expect(await sheet.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  await page.keyboard.press("Escape");
  await expect(sheet).toBeHidden();

  // A wrong password gets a clear message, not a page error (the 401 is logged by Chromium).
  allowErrors(/status of 401 .*\/api\/v1\/auth\/signin\b/, "the wrong password is refused on purpose");
  await headerSignIn(page).click();
  // A fresh unknown name each run: failed attempts are rate-limited per account.
  await sheet.getByLabel("Username or email").fill(`nobody_${newUsername()}`);
  await sheet.getByLabel("Password").fill("wrong-password");
  await sheet.getByRole("button", { name: "Sign in", exact: true }).last().click();
  await expect(sheet.getByRole("alert")).toContainText("Wrong username or password.");
  await page.keyboard.press("Escape");

  const username = newUsername();
  await headerSignIn(page).click();
  await sheet.getByRole("button", { name: "Create account" }).first().click();
  await sheet.getByLabel("Username", { exact: true }).fill(username);
  await sheet.getByLabel("Display name").fill("Short-lived");
  await sheet.getByLabel("Password").fill("another-long-password");
  await sheet.locator("form").getByRole("button", { name: "Create account" }).click();
  await expect(sheet).toBeHidden();

  await page.goto("/settings");
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(headerSignIn(page)).toBeVisible();
  const session = await (await page.request.get("/api/v1/auth/session")).json();
  expect(session.me).toBeNull();
});

test("Settings serves everyone: appearance and language first, the account sections after signing in from it", async ({ page }) => {
  await page.goto("/settings");
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  const appearance = page.getByRole("region", { name: "Appearance and language" });
  await expect(appearance.getByRole("group", { name: "Theme" }).getByRole("radio")).toHaveCount(3);
  await expect(appearance.getByRole("group", { name: "Language" }).getByRole("radio")).toHaveCount(2);
  const gate = page.getByRole("region", { name: "Account" });
  await expect(gate).toContainText("Sign in to edit your profile, privacy and password.");
  await expect(page.getByRole("region", { name: "Profile" })).toHaveCount(0);

  await gate.getByRole("button", { name: "Sign in" }).click();
  const sheet = authSheet(page);
  await sheet.getByRole("button", { name: "Create account" }).first().click();
  await sheet.getByLabel("Username", { exact: true }).fill(newUsername());
  await sheet.getByLabel("Display name").fill("Settings first");
  await sheet.getByLabel("Password").fill("another-long-password");
  await sheet.locator("form").getByRole("button", { name: "Create account" }).click();
  await expect(sheet).toBeHidden();

  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("region", { name: "Profile" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Account" })).toHaveCount(0);
  const headings = await page.locator("section.settings-card h2").allTextContents();
  expect(headings).toEqual(["Appearance and language", "Profile", "Privacy", "Password", "Sessions"]);
  await shot(page, "settings-signed-in");
});
