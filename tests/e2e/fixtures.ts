// The browser-test guard every spec imports instead of "@playwright/test": a test fails when its
// page throws (`pageerror`), logs a `console.error` that is not expected below, or shows text no
// person should read (`undefined`, `NaN`, `[object Object]`, or source code such as `move |` or
// `on:click=`, which a tag cut short inside a view! prints). Text is read at the end of each
// test and before every `page.goto`, so each page a test leaves is checked too.
//
// Pages of other contexts (a second user's browser) are watched with `watch(page)`. A test that
// provokes an error on purpose (a refused upload, a declined card, a cut network) says so with
// `allowErrors(pattern, why)`.
import { expect, test as base, type ConsoleMessage, type Page } from "@playwright/test";

export { expect };
export type { Browser, Locator, Page } from "@playwright/test";
// For specs that need their own API client (e.g. a reader with no cookies).
export { request } from "@playwright/test";

/** Errors the current test provokes on purpose (see `allowErrors`). */
let allowed: { pattern: RegExp; why: string }[] = [];

/**
 * Lets the current test provoke console errors or page errors matching `pattern` (tested against
 * the message and, for a console message, its source URL): e.g. Chromium logs every non-2xx fetch,
 * so a test that makes the server refuse something allows that status for that URL. Say why.
 */
export function allowErrors(pattern: RegExp, why: string): void {
  allowed.push({ pattern, why });
}

/** Visible text that means a value or a piece of code leaked into the page. */
const LEAKS: { pattern: RegExp; what: string }[] = [
  { pattern: /\bundefined\b/, what: "undefined" },
  { pattern: /\bNaN\b/, what: "NaN" },
  { pattern: /\[object [A-Z]\w*\]/, what: "[object …]" },
  // view! prints the tokens of a cut tag with spaces: `move | _ |`, `on : click =`, `= count`.
  { pattern: /\bmove\s*\|/, what: "a closure (move |)" },
  { pattern: /\|\s*_\s*\|/, what: "a closure (|_|)" },
  { pattern: /=\s*>/, what: "=>" },
  { pattern: /\bon\s*:\s*[a-z]+\s*=/, what: "an event handler (on:…=)" },
  { pattern: /=\s*count\b/, what: "= count" },
  { pattern: /\.get\(\s*\)/, what: ".get()" },
];

type Watched = { page: Page; problems: string[] };
// One test runs at a time per worker process: this is the current test's list.
let watched: Watched[] = [];

function expectedConsoleError(message: ConsoleMessage): boolean {
  const text = `${message.text()} (${message.location().url ?? ""})`;
  return allowed.some((a) => a.pattern.test(text));
}

/** The leaks in a page's visible text, each with a little context. */
export async function leaksIn(page: Page): Promise<string[]> {
  let text: string;
  try {
    text = await page.evaluate(() => document.body?.innerText ?? "");
  } catch {
    // Mid-navigation: the next check reads the next document.
    return [];
  }
  return LEAKS.flatMap(({ pattern, what }) => {
    const m = pattern.exec(text);
    if (!m) return [];
    const around = text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40).replace(/\s+/g, " ");
    return [`visible text shows ${what}: "…${around}…"`];
  });
}

/** Fails the current test on this page's errors and leaked text (the `page` fixture is watched already). */
export function watch(page: Page): void {
  const entry: Watched = { page, problems: [] };
  watched.push(entry);
  page.on("pageerror", (e) => {
    if (!allowed.some((a) => a.pattern.test(e.message))) {
      // The first frames say where (a wasm panic is "unreachable" and nothing more).
      const where = (e.stack ?? "").split("\n").slice(1, 4).join(" | ");
      entry.problems.push(`pageerror at ${page.url()}: ${e.message} ${where}`);
    }
  });
  page.on("console", (m) => {
    if (m.type() === "error" && !expectedConsoleError(m)) {
      entry.problems.push(`console.error at ${page.url()}: ${m.text()} (${m.location().url ?? "?"})`);
    }
  });
  const goto = page.goto.bind(page);
  page.goto = async (url, options) => {
    for (const leak of await leaksIn(page)) entry.problems.push(`${leak} (at ${page.url()}, before going to ${url})`);
    return goto(url, options);
  };
}

export const test = base.extend<{ guard: void }>({
  // Set up before and torn down after every other fixture: it sees all the pages' problems.
  guard: [
    async ({}, use) => {
      watched = [];
      allowed = [];
      await use();
      const problems = watched.flatMap((entry) => entry.problems);
      watched = [];
      expect(problems, `the page guard (tests/e2e/fixtures.ts):\n${problems.join("\n")}`).toEqual([]);
    },
    { auto: true },
  ],
  page: async ({ page }, use) => {
    watch(page);
    page.context().on("page", (popup) => watch(popup));
    await use(page);
    // The text the test leaves on screen, in every page still open.
    for (const entry of watched) {
      if (!entry.page.isClosed()) {
        for (const leak of await leaksIn(entry.page)) entry.problems.push(`${leak} (at ${entry.page.url()})`);
      }
    }
  },
});
