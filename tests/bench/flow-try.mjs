import { chromium } from "@playwright/test";
const base = "http://127.0.0.1:8090";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
for (const [name, viewport] of [["desktop", { width: 1440, height: 900 }], ["phone", { width: 390, height: 844 }]]) {
  const page = await browser.newPage({ viewport });
  page.on("console", (m) => { if (m.type() === "error") console.log("console:", m.text()); });
  await page.goto(base + "/explore/1");
  await page.waitForTimeout(1500);
  await page.getByRole("button", { name: /^Like,/ }).first().click();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `/tmp/shots/${name}-sheet.png` });
  await page.getByLabel("Username or email").fill("xiaolu_dance_523");
  await page.getByLabel("Password").fill("zhongcao-demo");
  await page.getByRole("button", { name: "Sign in", exact: true }).last().click();
  await page.waitForTimeout(1500);
  await page.getByLabel("Write a comment").fill("Looks lovely! @宋小满呀 have you tried this?");
  await page.getByRole("button", { name: "Send" }).click();
  await page.waitForTimeout(1000);
  await page.screenshot({ path: `/tmp/shots/${name}-note-signed-in.png` });
  await page.goto(base + "/explore?channel=following");
  await page.waitForTimeout(2000);
  await page.screenshot({ path: `/tmp/shots/${name}-following.png` });
  await page.goto(base + "/user/2");
  await page.waitForTimeout(2000);
  await page.screenshot({ path: `/tmp/shots/${name}-profile.png` });
  await page.close();
}
await browser.close();
