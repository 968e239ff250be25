// Lighthouse (mobile preset: a mid-range phone on a throttled network, simulated) on the feed
// and the component gallery. Fails unless accessibility scores 100; prints the performance
// score and the main metrics, and keeps the HTML reports in target/lighthouse/.
//
//   BASE_URL=http://127.0.0.1:8080 node tests/lighthouse.mjs
import { mkdirSync, writeFileSync } from "node:fs";
import { launch } from "chrome-launcher";
import lighthouse from "lighthouse";

const base = process.env.BASE_URL ?? "http://127.0.0.1:8080";
const pages = [
  ["feed", "/explore"],
  ["gallery", "/gallery"],
];
const outDir = "target/lighthouse";
mkdirSync(outDir, { recursive: true });

const chrome = await launch({
  chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
  chromeFlags: [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
let failed = false;
try {
  for (const [name, path] of pages) {
    const result = await lighthouse(`${base}${path}`, {
      port: chrome.port,
      output: "html",
      logLevel: "error",
      onlyCategories: ["accessibility", "performance"],
    });
    const { categories, audits } = result.lhr;
    writeFileSync(`${outDir}/${name}.html`, result.report);
    const score = (c) => Math.round((categories[c]?.score ?? 0) * 100);
    const metric = (id) => audits[id]?.displayValue ?? "n/a";
    console.log(
      `lighthouse ${name} (${path}): accessibility ${score("accessibility")}, performance ${score("performance")}` +
        ` | FCP ${metric("first-contentful-paint")}, LCP ${metric("largest-contentful-paint")},` +
        ` TBT ${metric("total-blocking-time")}, CLS ${metric("cumulative-layout-shift")}`,
    );
    if (score("accessibility") !== 100) {
      failed = true;
      for (const ref of categories.accessibility.auditRefs) {
        const audit = audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          console.error(`  ${name}: ${ref.id}: ${audit.title}`);
          for (const item of audit.details?.items ?? []) console.error(`    ${item.node?.snippet ?? ""}`);
        }
      }
    }
  }
} finally {
  await chrome.kill();
}
if (failed) {
  console.error("Lighthouse accessibility is below 100 (see above and target/lighthouse/).");
  process.exit(1);
}
