import { expect, test } from "./fixtures";
import { mkdirSync } from "node:fs";

const SHOTS = "artifacts/screenshots";
mkdirSync(SHOTS, { recursive: true });

test("search from the header, switch tabs and filters, and go Back", async ({ page }) => {
  await page.goto("/explore");
  const box = page.getByRole("search").getByRole("combobox", { name: "Search notes and people" });
  await box.fill("防晒");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=%E9%98%B2%E6%99%92$/);
  const results = page.getByRole("feed", { name: "Search results for 防晒" });
  await expect(results.getByRole("article").first()).toBeVisible();
  // The best matches mention the query.
  const first = await results.getByRole("article").first().getByRole("link").first().textContent();
  expect(first).toContain("防晒");
  await expect(box).toHaveValue("防晒");
  await page.screenshot({ path: `${SHOTS}/${test.info().project.name}-search.png` });

  // Filters live in the URL.
  await page.getByRole("group", { name: "Note type" }).getByRole("link", { name: "Videos" }).click();
  await expect(page).toHaveURL(/kind=video/);
  const videos = page.getByRole("feed", { name: "Search results for 防晒" });
  await expect(videos.getByRole("article").first()).toBeVisible();
  await expect(videos.getByRole("article").first().getByLabel("Video note")).toBeVisible();

  await page.getByRole("group", { name: "Sort" }).getByRole("link", { name: "Most liked" }).click();
  await expect(page).toHaveURL(/sort=likes/);
  await expect(page).toHaveURL(/kind=video/);

  // Back restores the previous results.
  await page.goBack();
  await expect(page).toHaveURL(/kind=video/);
  await expect(page).not.toHaveURL(/sort=likes/);
  await page.goBack();
  await expect(page).toHaveURL(/\/search\?q=%E9%98%B2%E6%99%92$/);
  await expect(page.getByRole("group", { name: "Note type" }).getByRole("link", { name: "All" })).toHaveAttribute(
    "aria-current",
    "true",
  );

  // People tab.
  await page.getByRole("navigation", { name: "Result type" }).getByRole("link", { name: "Users" }).click();
  await expect(page).toHaveURL(/type=users/);
});

test("people search finds a creator by name", async ({ page }) => {
  const profile = await (await page.request.get("/api/v1/users/2")).json();
  const name: string = profile.user.display_name;
  await page.goto(`/search?q=${encodeURIComponent(name)}&type=users`);
  const users = page.getByRole("list", { name: "Users" });
  await expect(users.getByRole("link").first()).toContainText(name);
  await users.getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
});

test("an empty search shows the search home and nonsense shows an empty state", async ({ page }) => {
  await page.goto("/search");
  await expect(page.getByRole("heading", { name: "Search Zhongcao" })).toBeVisible();
  await page.goto("/search?q=qqzzxxjjvv");
  await expect(page.getByText("No notes found")).toBeVisible();
  // Trending searches are offered instead, and lead to results.
  const suggestion = page.locator(".try-instead").getByRole("link").first();
  await expect(suggestion).toBeVisible();
  await suggestion.click();
  await expect(page).not.toHaveURL(/qqzzxxjjvv/);
  await expect(page.getByRole("feed").getByRole("article").first()).toBeVisible();
});

test("suggestions while typing, keyboard picking, history and trending", async ({ page }) => {
  await page.goto("/explore");
  const box = page.getByRole("combobox", { name: "Search notes and people" });
  await box.click();
  const options = page.getByRole("listbox", { name: "Search suggestions" }).getByRole("option");
  // Empty box: trending searches.
  await expect(options.filter({ hasText: "Trending" }).first()).toBeVisible();

  await box.pressSequentially("防", { delay: 50 });
  await expect(options.first()).toBeVisible();
  // The typed part is emphasised in every suggestion.
  const marks = await options.locator("mark").allTextContents();
  expect(marks.length).toBeGreaterThan(0);
  expect(marks.every((m) => m === "防")).toBe(true);
  const firstText = (await options.first().textContent())!.trim();

  await box.press("ArrowDown");
  await expect(options.first()).toHaveAttribute("aria-selected", "true");
  await box.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/search\\?q=${encodeURIComponent(firstText)}$`));
  await expect(page.getByRole("feed").getByRole("article").first()).toBeVisible();

  // The query is in the history, removable one by one and all at once.
  await box.fill("");
  await box.focus();
  const history = options.filter({ has: page.getByRole("button", { name: /from history/ }) });
  await expect(history.first()).toContainText(firstText);
  await box.fill("露营");
  await box.press("Enter");
  await expect(page).toHaveURL(/q=%E9%9C%B2%E8%90%A5/);
  await box.fill("");
  await box.focus();
  await expect(history).toHaveCount(2);
  await page.getByRole("button", { name: `Remove ${firstText} from history` }).click();
  await expect(history).toHaveCount(1);
  await page.getByRole("button", { name: "Clear search history" }).click();
  await expect(history).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/${test.info().project.name}-search-popup.png` });
});

test("the users tab loads more people as you scroll", async ({ page }) => {
  const api = await (await page.request.get("/api/v1/search/users?q=%E5%88%86%E4%BA%AB")).json();
  expect(api.total).toBeGreaterThan(20);
  await page.goto("/search?q=%E5%88%86%E4%BA%AB&type=users");
  const rows = page.getByRole("list", { name: "Users" }).getByRole("listitem");
  await expect(rows.nth(19)).toBeVisible();
  await rows.nth(19).scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 4000);
  await expect.poll(() => rows.count()).toBeGreaterThan(20);
});
