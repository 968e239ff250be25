// Screenshots of Discover's live row and a live room, in Chinese, light and dark, at phone
// (390x844) and desktop (1440x900) sizes, into docs/screenshots/. Needs a running server:
//   BASE_URL=http://127.0.0.1:8080 node tests/shots/live-screenshots.mjs
import { chromium } from "@playwright/test";

const base = process.env.BASE_URL ?? "http://127.0.0.1:8080";
const out = "docs/screenshots";
const sizes = { phone: { width: 390, height: 844 }, desktop: { width: 1440, height: 900 } };

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--autoplay-policy=no-user-gesture-required"],
});
const rooms = await (await fetch(`${base}/api/v1/live?status=live`)).json();
const room = rooms.items.find((r) => r.is_demo) ?? rooms.items[0];
const ended = await (await fetch(`${base}/api/v1/live?status=ended`)).json();
const replay = ended.items.find((r) => r.is_demo && r.has_replay) ?? ended.items.find((r) => r.has_replay);
for (const [size, viewport] of Object.entries(sizes)) {
  for (const theme of ["light", "dark"]) {
    const context = await browser.newContext({
      viewport,
      locale: "zh-CN",
      deviceScaleFactor: size === "phone" ? 2 : 1,
      isMobile: size === "phone",
      hasTouch: size === "phone",
    });
    await context.addInitScript((t) => {
      localStorage.setItem("zc_theme", t);
      localStorage.setItem("zc_lang", "zh");
    }, theme);
    const page = await context.newPage();
    const suffix = theme === "dark" ? "-dark" : "";
    await page.goto(`${base}/explore`);
    await page.getByRole("region", { name: "正在直播" }).getByRole("link").first().waitFor();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `${out}/${size}-discover-live-zh${suffix}.png` });
    await page.goto(`${base}/live/${room.id}`);
    await page.waitForFunction(() => {
      const v = document.querySelector("video.live-screen");
      return v && v.currentTime > 1;
    }, null, { timeout: 30_000 });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `${out}/${size}-live-room-zh${suffix}.png` });
    // A replay, two thirds in: the chat beside it has reached that far.
    if (replay) {
      await page.goto(`${base}/live/${replay.id}`);
      const video = page.locator(".live-player.is-replay video");
      await page.waitForFunction(() => document.querySelector(".live-player.is-replay video")?.duration > 0, null, { timeout: 30_000 });
      await video.evaluate((v) => { v.currentTime = v.duration * 0.66; });
      await page.waitForTimeout(1500);
      await page.screenshot({ path: `${out}/${size}-live-replay-zh${suffix}.png` });
    }
    await context.close();
  }
}
await browser.close();
