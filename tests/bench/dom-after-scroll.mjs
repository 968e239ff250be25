// Scrolls the discover feed until CARDS cards have loaded, then prints the DOM size.
// Used by `cargo xtask bench`.
import { chromium } from "@playwright/test";

const base = process.env.BASE_URL ?? "http://127.0.0.1:8080";
const target = Number(process.env.CARDS ?? 1000);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(`${base}/explore`);
const grid = page.getByRole("feed", { name: "Discover notes" });
await grid.getByRole("article").first().waitFor();
const started = Date.now();
let loaded = 0;
while (loaded < target && Date.now() - started < 180_000) {
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.waitForTimeout(120);
  loaded = Number(await grid.getAttribute("data-count"));
}
await page.waitForTimeout(500);
const elements = await page.evaluate(() => document.getElementsByTagName("*").length);
const articles = await grid.getByRole("article").count();
console.log(`    loaded ${loaded} cards in ${((Date.now() - started) / 1000).toFixed(1)} s; ${articles} cards rendered`);
console.log(`DOM_ELEMENTS=${elements}`);
await browser.close();
if (loaded < target) process.exit(1);
