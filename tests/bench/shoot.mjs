// Screenshots pages once their images have loaded: `node tests/bench/shoot.mjs OUT_DIR URL...`
// (used by hand to look at what we build; BASE_URL defaults to the local server).
import { chromium } from "@playwright/test";

const [outDir, ...paths] = process.argv.slice(2);
const base = process.env.BASE_URL ?? "http://127.0.0.1:8080";
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const sizes = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } };
for (const [name, viewport] of Object.entries(sizes)) {
  const page = await browser.newPage({ viewport, deviceScaleFactor: name === "phone" ? 2 : 1, colorScheme: process.env.COLOR_SCHEME ?? "light" });
  for (const path of paths) {
    await page.goto(base + path);
    await page.waitForTimeout(600);
    await page.waitForFunction(() =>
      Array.from(document.images)
        .filter((i) => { const r = i.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth; })
        .every((i) => i.complete), null, { timeout: 20000 }).catch(() => {});
    await page.waitForTimeout(400);
    const file = `${outDir}/${name}-${path.replace(/[^a-z0-9]+/gi, "_")}.png`;
    await page.screenshot({ path: file });
    console.log(file);
  }
  await page.close();
}
await browser.close();
