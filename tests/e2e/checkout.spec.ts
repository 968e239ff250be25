import { allowErrors, expect, test, type Browser, type Page, watch } from "./fixtures";
import { mkdirSync } from "node:fs";

const SHOTS = "artifacts/screenshots";
mkdirSync(SHOTS, { recursive: true });
const DEMO_PASSWORD = "zhongcao-demo";
const SUCCESS_CARD = "4242 4242 4242 4242";
const DECLINE_CARD = "4000 0000 0000 0002";

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${test.info().project.name}-${name}.png`, fullPage: false });
}

function newUsername(): string {
  const project = test.info().project.name.slice(0, 1);
  return `buy${project}${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`.slice(0, 20);
}

type Product = {
  id: number;
  title: string;
  options: { name: string; values: { value: string }[] }[];
  variants: { id: number; values: number[]; stock: number; price_fen: number }[];
};

/** A note that tags a product with one option axis and at least two values in stock. */
async function noteWithProduct(page: Page, skip: number) {
  let found = 0;
  for (const channel of ["beauty", "fashion", "home", "food"]) {
    const feed = await (await page.request.get(`/api/v1/feed?channel=${channel}&limit=50`)).json();
    for (const item of feed.items) {
      const note = await (await page.request.get(`/api/v1/notes/${item.id}`)).json();
      for (const card of note.products) {
        const product: Product = await (await page.request.get(`/api/v1/products/${card.id}`)).json();
        const inStock = product.variants.filter((v) => v.stock >= 3);
        if (product.options.length === 1 && inStock.length >= 2 && note.author) {
          if (found++ === skip) return { note, product, variant: inStock[1] };
        }
      }
    }
  }
  throw new Error("no note tags a suitable product");
}

async function signInAs(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: test.info().project.use.viewport ?? undefined });
  const page = await context.newPage();
  watch(page);
  await page.goto("/explore");
  await page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Sign in" }).click();
  const sheet = page.getByRole("dialog", { name: "Sign in to Zhongcao" });
  await sheet.getByLabel("Username or email").fill(username);
  await sheet.getByLabel("Password").fill(DEMO_PASSWORD);
  await sheet.getByRole("button", { name: "Sign in", exact: true }).last().click();
  await expect(sheet).toBeHidden();
  return page;
}

test("note → tagged product → variant → cart → sign up → address → shipping → declined card → test payment → confirmation → timeline; the creator sees the commission", async ({ page, browser }) => {
  const phone = test.info().project.name === "phone";
  const { note, product, variant } = await noteWithProduct(page, phone ? 1 : 0);
  const valueName = product.options[0].values[variant.values[0]].value;

  // Read the note, open the product it tags.
  await page.goto(`/explore/${note.id}`);
  const shopNote = page.getByRole("region", { name: "Shop the note" });
  await shopNote.getByRole("link", { name: new RegExp(product.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) }).first().click();
  await expect(page).toHaveURL(new RegExp(`/product/${product.id}\\?from_note=${note.id}`));
  await expect(page.getByRole("heading", { level: 1, name: product.title })).toBeVisible();

  // Pick a variant and two of it, add to the (browser) cart.
  await page.getByRole("group", { name: new RegExp(product.options[0].name) }).getByRole("button", { name: valueName, exact: true }).click();
  await expect(page.locator(".product-price-line .price")).toHaveText(new RegExp(`¥${(variant.price_fen / 100).toLocaleString("en-US")}`.replace(".", "\\.")));
  const quantity = page.getByRole("group", { name: `Quantity of ${product.title}` });
  await quantity.getByRole("button", { name: "Increase quantity" }).click();
  await expect(quantity.getByRole("spinbutton", { name: "Quantity" })).toHaveValue("2");
  await page.getByRole("button", { name: "Add to cart" }).click();
  const cartLink = page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Cart, 2 items" });
  await expect(cartLink).toBeVisible();
  if (phone) await shot(page, "buy-box");

  // The cart: a page on phones, a drawer on wide screens.
  await cartLink.click();
  if (phone) {
    await expect(page).toHaveURL(/\/cart$/);
  } else {
    await expect(page.getByRole("dialog", { name: /^Cart/ })).toBeVisible();
  }
  const lines = page.getByRole("list", { name: "Items in your cart" });
  await expect(lines.getByRole("listitem")).toHaveCount(1);
  await expect(lines).toContainText(valueName);
  await expect(page.getByText(/for free standard shipping|Free standard shipping unlocked/)).toBeVisible();
  await shot(page, "cart");
  await page.getByRole("link", { name: "Check out" }).click();

  // Checkout asks for an account; the browser cart comes along.
  await expect(page).toHaveURL(/\/checkout/);
  await page.getByRole("main").getByRole("button", { name: "Sign in" }).click();
  const sheet = page.getByRole("dialog", { name: /^(Sign in to Zhongcao|Create your account)$/ });
  await sheet.getByRole("button", { name: "Create account" }).first().click();
  await sheet.getByLabel("Username").fill(newUsername());
  await sheet.getByLabel("Display name").fill("Checkout Tester");
  await sheet.getByLabel("Password").fill("a-long-enough-password");
  await sheet.getByRole("button", { name: "Create account" }).last().click();
  await expect(sheet).toBeHidden();

  // Address: a bad phone number is caught inline, then the address is saved and chosen.
  await expect(page.getByRole("heading", { name: "Where should we deliver?" })).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Order summary" })).toContainText(product.title);
  await page.getByLabel("Recipient").fill("林小满");
  await page.getByLabel("Mobile number").fill("12345");
  await page.getByLabel("Province").fill("上海市");
  await page.getByLabel("City").fill("上海市");
  await page.getByLabel("District").fill("静安区");
  await page.getByLabel("Street address").fill("南京西路 1266 号 12 楼");
  await page.getByRole("button", { name: "Save address" }).click();
  await expect(page.getByText("Enter an 11-digit mainland mobile number")).toBeVisible();
  await page.getByLabel("Mobile number").fill("138 0013 8000");
  await page.getByRole("button", { name: "Save address" }).click();
  await expect(page.getByRole("radio", { name: /林小满/ })).toBeChecked();
  await shot(page, "checkout-address");
  await page.getByRole("button", { name: "Continue to shipping" }).click();

  // Shipping: express, in the URL.
  await expect(page).toHaveURL(/step=shipping/);
  await page.getByRole("radio", { name: /Express/ }).check();
  await expect(page).toHaveURL(/ship=express/);
  await shot(page, "checkout-shipping");
  await page.getByRole("button", { name: "Continue to payment" }).click();

  // Payment: the decline card first (its 402 is logged by Chromium, as every non-2xx answer).
  allowErrors(/status of 402 .*\/api\/v1\/orders\b/, "the test card that is always declined");
  await expect(page).toHaveURL(/step=payment/);
  await expect(page.getByRole("note")).toContainText("Test mode");
  await page.getByLabel("Card number").fill(DECLINE_CARD);
  await page.getByLabel("Expiry (MM/YY)").fill("12/30");
  await page.getByLabel("CVC").fill("123");
  await shot(page, "checkout-payment");
  await page.getByRole("button", { name: "Review order" }).click();
  await expect(page).toHaveURL(/step=review/);
  const pay = page.getByRole("button", { name: /^Pay ¥/ });
  await pay.click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Payment declined");
  await shot(page, "checkout-declined");
  // Nothing was bought: the cart still holds the line, no order exists.
  const cart = await (await page.request.get("/api/v1/cart")).json();
  expect(cart.lines.map((l: any) => [l.variant_id, l.quantity])).toEqual([[variant.id, 2]]);
  expect((await (await page.request.get("/api/v1/orders")).json()).items).toHaveLength(0);

  // A good card goes through.
  await alert.getByRole("link", { name: "Use another card" }).click();
  await page.getByLabel("Card number").fill(SUCCESS_CARD);
  await page.getByRole("button", { name: "Review order" }).click();
  await expect(page.getByText("Test card ending 4242")).toBeVisible();
  await shot(page, "checkout-review");
  await page.getByRole("button", { name: /^Pay ¥/ }).click();

  // Confirmation and the logistics timeline.
  await expect(page).toHaveURL(/\/orders\/\d+\?placed=1/);
  await expect(page.getByRole("status").filter({ hasText: "Payment successful" })).toBeVisible();
  const timeline = page.getByRole("region", { name: "Delivery" }).getByRole("listitem");
  await expect(timeline.first()).toContainText("Paid");
  await expect(timeline.last()).toContainText("Delivered");
  const heading = await page.getByRole("heading", { level: 1 }).innerText();
  const orderNumber = heading.replace("Order ", "");
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Cart", exact: true })).toBeVisible();
  await shot(page, "order-confirmation");

  // Stock went down by two; the order is listed.
  const after: Product = await (await page.request.get(`/api/v1/products/${product.id}`)).json();
  expect(after.variants.find((v) => v.id === variant.id)!.stock).toBe(variant.stock - 2);
  await page.goto("/orders");
  await expect(page.getByRole("link", { name: `Order ${orderNumber}` })).toBeVisible();

  // The note's author earns a commission on it.
  const creator = await signInAs(browser, note.author.username);
  await creator.goto("/creator/earnings");
  const row = creator.getByRole("row").filter({ hasText: product.title });
  await expect(row.first()).toBeVisible();
  await expect(row.first()).toContainText("Pending");
  await expect(creator.getByText(/attributed orders?\./)).toBeVisible();
  await shot(creator, "earnings");
  await creator.context().close();
});

test("an order can be cancelled before it ships, which puts the stock back", async ({ page }) => {
  const phone = test.info().project.name === "phone";
  const { product, variant } = await noteWithProduct(page, phone ? 3 : 2);
  await page.goto("/explore");
  // The API refuses state changes without a same-site Origin (CSRF guard).
  const headers = { Origin: new URL(page.url()).origin };
  const username = newUsername();
  const signUp = await page.request.post("/api/v1/auth/signup", {
    headers,
    data: { username, display_name: "Cancel Tester", password: "a-long-enough-password" },
  });
  expect(signUp.ok()).toBeTruthy();
  const address = await page.request.post("/api/v1/addresses", {
    headers,
    data: { recipient: "王一", phone: "13900001111", province: "浙江省", city: "杭州市", district: "西湖区", detail: "文三路 99 号 3 单元 501" },
  });
  expect(address.status()).toBe(201);

  // Buy now: straight to checkout with this variant, not the cart.
  await page.goto(`/product/${product.id}`);
  const valueName = product.options[0].values[variant.values[0]].value;
  await page.getByRole("group", { name: new RegExp(product.options[0].name) }).getByRole("button", { name: valueName, exact: true }).click();
  await page.getByRole("button", { name: "Buy now" }).click();
  await expect(page).toHaveURL(new RegExp(`/checkout\\?.*buy=${variant.id}:1`));
  await expect(page.getByRole("radio", { name: /王一/ })).toBeChecked();
  await page.getByRole("button", { name: "Continue to shipping" }).click();
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await page.getByLabel("Card number").fill(SUCCESS_CARD);
  await page.getByLabel("Expiry (MM/YY)").fill("08/31");
  await page.getByLabel("CVC").fill("737");
  await page.getByRole("button", { name: "Review order" }).click();
  await page.getByRole("button", { name: /^Pay ¥/ }).click();
  await expect(page).toHaveURL(/\/orders\/\d+\?placed=1/);
  const bought: Product = await (await page.request.get(`/api/v1/products/${product.id}`)).json();
  const stockAfterBuying = bought.variants.find((v) => v.id === variant.id)!.stock;

  await page.getByRole("button", { name: "Cancel order" }).click();
  await page.getByRole("button", { name: "Yes, cancel it" }).click();
  await expect(page.locator(".order-head .status-badge")).toHaveText("Cancelled");
  await expect(page.getByRole("button", { name: "Cancel order" })).toHaveCount(0);
  const restored: Product = await (await page.request.get(`/api/v1/products/${product.id}`)).json();
  expect(restored.variants.find((v) => v.id === variant.id)!.stock).toBe(stockAfterBuying + 1);
  await shot(page, "order-cancelled");

  // The new account's orders list holds exactly this order, cancelled.
  const number = (await (await page.request.get("/api/v1/orders")).json()).items[0].number;
  await page.goto("/orders");
  const orders = page.getByRole("list", { name: "Your orders" });
  await expect(orders.getByRole("link")).toHaveCount(1);
  const row = orders.getByRole("link", { name: `Order ${number}` });
  await expect(row).toContainText("Cancelled");
  await expect(page.getByText("No orders yet")).toHaveCount(0);
});
