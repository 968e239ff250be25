import { expect, test, type Page } from "./fixtures";
import { mkdirSync } from "node:fs";

const SHOTS = "artifacts/screenshots";
mkdirSync(SHOTS, { recursive: true });

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${test.info().project.name}-${name}.png` });
}

function prices(texts: string[]): number[] {
  return texts.map((t) => Number(t.replace(/[¥,]/g, "")));
}

test("the shop lists products by category and sorts them by price, all in the URL", async ({ page }) => {
  await page.goto("/shop");
  const grid = page.getByRole("list", { name: "Products" });
  await expect(grid.getByRole("listitem").nth(7)).toBeVisible();

  await page.getByRole("navigation", { name: "Categories" }).getByRole("link", { name: "Fashion" }).click();
  await expect(page).toHaveURL(/category=fashion/);
  await page.getByRole("group", { name: "Sort by" }).getByRole("link", { name: "Price ↑" }).click();
  await expect(page).toHaveURL(/sort=price_asc/);
  await expect(grid.getByRole("listitem").nth(5)).toBeVisible();
  const first = prices(await grid.locator(".price").allInnerTexts()).slice(0, 12);
  expect(first.length).toBeGreaterThan(5);
  for (let i = 1; i < first.length; i++) expect(first[i]).toBeGreaterThanOrEqual(first[i - 1]);

  // Every listed product is a fashion product.
  const href = await grid.getByRole("link").first().getAttribute("href");
  const product = await (await page.request.get(`/api/v1${href!.replace("/product/", "/products/")}`)).json();
  expect(product.category.slug).toBe("fashion");

  // Back returns to the previous order.
  await page.goBack();
  await expect(page).not.toHaveURL(/sort=price_asc/);
  await shot(page, "shop");
});

test("a note's tagged product opens its product page with notes about it", async ({ page }) => {
  // A note that tags products.
  const feed = await (await page.request.get("/api/v1/feed?channel=beauty&limit=50")).json();
  let noteId: number | undefined;
  let product: { id: number; title: string } | undefined;
  for (const item of feed.items) {
    const detail = await (await page.request.get(`/api/v1/notes/${item.id}`)).json();
    if (detail.products.length > 0) {
      noteId = item.id;
      product = detail.products[0];
      break;
    }
  }
  expect(noteId).toBeDefined();
  await page.goto(`/explore/${noteId}`);
  const shopNote = page.getByRole("region", { name: "Shop the note" });
  await expect(shopNote).toBeVisible();
  await shopNote.getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/product/${product!.id}\\?from_note=${noteId}`));
  await expect(page.getByRole("heading", { level: 1, name: product!.title })).toBeVisible();
  await expect(page.locator(".product-price-line .price")).toHaveText(/^(from )?¥[\d,]+(\.\d\d)?$/);
  // The notes under the product render as the reader scrolls towards them.
  await page.getByRole("heading", { name: /^Notes about this product/ }).scrollIntoViewIfNeeded();
  const notes = page.getByRole("feed", { name: /^Notes about / });
  await expect(notes.locator(`[data-note-id="${noteId}"], a[href="/explore/${noteId}"]`).first()).toBeVisible();
  await shot(page, "product-from-note");
});

test("the variant picker disables values that are out of stock and shows stock state", async ({ page }) => {
  // A product with one option axis where some values are sold out and some are not.
  let target: any;
  for (let id = 1; id <= 200 && !target; id++) {
    const p = await (await page.request.get(`/api/v1/products/${id}`)).json();
    if (p.options?.length === 1 && p.variants.some((v: any) => v.stock === 0) && p.variants.some((v: any) => v.stock > 0)) {
      target = p;
    }
  }
  expect(target).toBeDefined();
  await page.goto(`/product/${target.id}`);
  const axis = page.getByRole("group", { name: new RegExp(target.options[0].name) });
  const soldOut = target.variants.find((v: any) => v.stock === 0);
  const inStock = target.variants.find((v: any) => v.stock > 0);
  const soldOutName = target.options[0].values[soldOut.values[0]].value;
  const inStockName = target.options[0].values[inStock.values[0]].value;
  await expect(axis.getByRole("button", { name: soldOutName, exact: true })).toBeDisabled();
  const pick = axis.getByRole("button", { name: inStockName, exact: true });
  await expect(pick).toBeEnabled();
  // The page starts on the first variant in stock; choose ours if it is not already.
  if ((await pick.getAttribute("aria-pressed")) !== "true") await pick.click();
  await expect(pick).toHaveAttribute("aria-pressed", "true");
  const expected = inStock.stock <= 5 ? `Only ${inStock.stock} left` : "In stock";
  await expect(page.getByRole("status").filter({ hasText: expected })).toBeVisible();
  const price = (inStock.price_fen / 100).toLocaleString("en-US", { maximumFractionDigits: 2 });
  await expect(page.locator(".product-price-line .price")).toContainText(`¥${price}`);
  await shot(page, "product-variants");
});

test("search finds products by brand in a Products tab that lives in the URL", async ({ page }) => {
  const top = await (await page.request.get("/api/v1/products?limit=1")).json();
  const brand: string = top.items[0].brand;
  await page.goto(`/search?q=${encodeURIComponent(brand)}`);
  await page.getByRole("navigation", { name: "Result type" }).getByRole("link", { name: "Products" }).click();
  await expect(page).toHaveURL(/type=products/);
  const grid = page.getByRole("list", { name: "Products" });
  const first = grid.getByRole("listitem").first();
  await expect(first).toContainText(brand);
  await first.getByRole("link").click();
  await expect(page).toHaveURL(/\/product\/\d+/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/type=products/);
  await expect(grid.getByRole("listitem").first()).toBeVisible();
});
