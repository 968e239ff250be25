// Uploading a video note through the composer: a 10 s phone-shaped clip made here with ffmpeg
// goes up with progress, is processed, gets a chosen cover frame and is published; a signed-out
// visitor gets the note's video and its rendition answers a range request. A note published
// while its video is still being processed waits on the author's profile, with progress, and
// goes public by itself; a visitor plays it. A text file
// renamed `.mp4` and an over-long clip get the server's clear messages and leave no note or
// draft behind.
import { allowErrors, expect, test, type Page } from "./fixtures";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync } from "node:fs";

const CLIPS = "test-results/video-upload";
const SHOTS = process.env.UPLOAD_SHOTS; // e.g. /tmp: the composer's states, for a person to look at

/** Makes (once per run) an H.264/AAC MP4 with ffmpeg's test pattern and a tone. */
function clip(name: string, size: string, seconds: number, fps: number): string {
  mkdirSync(CLIPS, { recursive: true });
  const path = `${CLIPS}/${name}`;
  // Written under a temporary name and renamed: another worker may want the same clip.
  if (!existsSync(path)) {
    const part = `${path}.${process.pid}.part.mp4`;
    // prettier-ignore
    execFileSync("ffmpeg", [
      "-v", "error", "-y",
      "-f", "lavfi", "-i", `testsrc2=s=${size}:r=${fps}:d=${seconds}`,
      "-f", "lavfi", "-i", `sine=frequency=440:duration=${seconds}`,
      "-c:v", "libx264", "-preset", "veryfast", "-crf", "32", "-pix_fmt", "yuv420p",
      "-c:a", "aac", "-b:a", "32k", "-shortest", "-movflags", "+faststart", part,
    ]);
    renameSync(part, path);
  }
  return path;
}

function unique(prefix: string): string {
  const project = test.info().project.name.slice(0, 1);
  return `${prefix}${project}${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`.slice(0, 20);
}

async function signUp(page: Page, prefix: string) {
  await page.goto("/explore");
  const headers = { Origin: new URL(page.url()).origin };
  const username = unique(prefix);
  const res = await page.request.post("/api/v1/auth/signup", {
    headers,
    data: { username, display_name: `Filmer ${username.slice(-4)}`, password: "a-long-enough-password" },
  });
  expect(res.ok()).toBeTruthy();
  return (await res.json()).me.user;
}

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/upload-${name}-${test.info().project.name}.png` });
}

test("a creator uploads a 10 s phone video: progress, processing, a chosen cover, published, and it streams for a visitor", async ({ page, browser }) => {
  // Upload and transcode of a small clip: 27–37 s on an idle machine. The server transcodes one
  // video at a time, so with both projects running one waits for the other's (~10 s idle, 40 s
  // on a loaded 2-core machine): the waits below are generous.
  test.setTimeout(240_000);
  const video = clip("phone-10s.mp4", "720x1280", 10, 30);
  const me = await signUp(page, "vid");

  await page.goto("/publish");
  await expect(page.getByRole("heading", { name: "Publish a note" })).toBeVisible();
  // Photos or a video: the video side says its limits.
  await page.getByRole("button", { name: "Video" }).click();
  await expect(page.getByText("One video: MP4, MOV or WebM, up to 200 MB and 5 minutes.")).toBeVisible();
  await expect(page.getByText("Drafts keep your words, not the video")).toBeVisible();
  await expect(page.getByRole("button", { name: "Publish", exact: true })).toBeDisabled();
  await expect(page.getByText("Add a video first.")).toBeVisible();
  await shot(page, "picking");

  // Uploading: a real progress bar with percent text. A local upload of the small clip is
  // over in a blink, so the network is slowed to ~1 MB/s for it (Chromium's own throttling).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 1024 * 1024 });
  await page.getByLabel("Pick a video").setInputFiles(video);
  const uploading = page.getByRole("progressbar", { name: "Uploading the video" });
  const processing = page.getByRole("progressbar", { name: "Processing the video" });
  await expect(uploading).toBeVisible();
  await expect(page.getByText(/^Uploading… \d+%$/)).toBeVisible();
  await expect.poll(async () => Number(await uploading.getAttribute("aria-valuenow"))).toBeGreaterThan(0);
  await shot(page, "uploading");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  // Then the server's processing, polled; then ready, with the true size.
  await expect(page.getByText(/^(Processing… \d+%|Waiting to be processed…)$/).or(page.getByText(/^Ready · /))).toBeVisible({ timeout: 30_000 });
  if (await processing.isVisible()) await shot(page, "processing");
  await expect(page.getByText("Ready · 0:10 · 720×1280")).toBeVisible({ timeout: 150_000 });

  // The cover: slide to a frame near the end, use it.
  const slider = page.getByRole("slider", { name: "Cover frame" });
  await expect(slider).toBeVisible();
  await slider.fill("7");
  await expect(page.getByText("Cover · 0:07")).toBeVisible();
  await expect
    .poll(() => page.locator("video.video-preview").evaluate((v: HTMLVideoElement) => Math.round(v.currentTime)))
    .toBe(7);
  await page.getByRole("button", { name: "Use this frame as cover" }).click();
  await expect(page.getByText("Cover: the frame at 0:07.")).toBeVisible({ timeout: 20_000 });
  await shot(page, "ready");

  await page.getByLabel("Title").fill("Test pattern upright");
  await page.getByRole("radio", { name: /^Tech/ }).check();
  await page.getByLabel("Text").fill("Filmed on a phone, upright. #video");
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page).toHaveURL(/\/explore\/\d+$/, { timeout: 20_000 });
  const noteId = Number(new URL(page.url()).pathname.split("/").pop());

  // Another person, signed out, gets the note with its video; the rendition streams by ranges.
  const visitor = await browser.newContext();
  try {
    const res = await visitor.request.get(`/api/v1/notes/${noteId}`, { baseURL: new URL(page.url()).origin });
    expect(res.ok()).toBeTruthy();
    const note = await res.json();
    expect(note.author.id).toBe(me.id);
    expect(note.kind).toBe("video");
    expect(note.video.duration_ms).toBeGreaterThan(9_500);
    expect([note.video.width, note.video.height]).toEqual([720, 1280]);
    expect(note.video.renditions.length).toBeGreaterThan(0);
    // The chosen frame, not the server's poster, is the cover: a portrait JPEG of the clip.
    expect(note.images[0].url_template).not.toBe(note.video.poster.url_template);
    expect(note.images[0].width).toBeLessThan(note.images[0].height);
    const rendition = note.video.renditions[note.video.renditions.length - 1];
    const part = await visitor.request.get(rendition.url, {
      baseURL: new URL(page.url()).origin,
      headers: { Range: "bytes=100-1099" },
    });
    expect(part.status()).toBe(206);
    expect(part.headers()["content-range"]).toMatch(/^bytes 100-1099\/\d+$/);
    expect((await part.body()).length).toBe(1000);
  } finally {
    await visitor.close();
  }
  // Published: no draft is left.
  expect(await (await page.request.get("/api/v1/drafts")).json()).toHaveLength(0);
});

test("a note published while its video is processing waits on the author's profile and goes public by itself", async ({ page, browser }) => {
  test.skip(test.info().project.name !== "phone", "the same server flow on both widths: run once, on phones");
  // One transcode of the 10 s clip (~10 s idle), maybe queued behind the other tests' ones.
  test.setTimeout(240_000);
  const video = clip("phone-10s.mp4", "720x1280", 10, 30);
  const me = await signUp(page, "wait");
  const title = `Harbour at dusk ${me.id}`;

  await page.goto("/publish");
  await page.getByRole("button", { name: "Video" }).click();
  // The words first, so Publish can go the moment the upload is done.
  await page.getByLabel("Title").fill(title);
  await page.getByRole("radio", { name: /^Travel/ }).check();
  await page.getByLabel("Text").fill("Published before the video was ready. #video");
  await page.getByLabel("Pick a video").setInputFiles(video);
  await expect(page.getByText(/^(Processing… \d+%|Waiting to be processed…)$/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("You can write and publish the note meanwhile: it goes public by itself when the video is ready.")).toBeVisible();
  const publish = page.getByRole("button", { name: "Publish", exact: true });
  await expect(publish).toBeEnabled();
  await publish.click();

  // Its author's profile lists it as waiting, with the video's progress...
  await expect(page).toHaveURL(new RegExp(`/user/${me.id}$`), { timeout: 20_000 });
  await expect(page.getByText("Your note goes public as soon as its video is ready.")).toBeVisible();
  const waiting = page.getByRole("region", { name: "Waiting for their video" });
  await expect(waiting).toBeVisible();
  await expect(waiting.getByText(title)).toBeVisible();
  await expect(waiting.getByRole("progressbar", { name: `${title}: processing` })).toBeVisible();
  await shot(page, "waiting");
  // ...and then, without a reload, the note is among its notes and the list is gone.
  const card = page.getByRole("main").getByRole("link", { name: new RegExp(title) }).first();
  await expect(card).toBeVisible({ timeout: 180_000 });
  await expect(waiting).toHaveCount(0);
  const noteId = Number((await card.getAttribute("href"))?.split("/").pop());
  expect(noteId).toBeGreaterThan(0);

  // A signed-out visitor opens it and it plays.
  const visitor = await browser.newContext();
  try {
    const other = await visitor.newPage();
    await other.goto(new URL(`/explore/${noteId}`, page.url()).href);
    const player = other.locator("video");
    await expect(player).toHaveCount(1, { timeout: 20_000 });
    await player.evaluate((v: HTMLVideoElement) => {
      v.muted = true;
      return v.play();
    });
    await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 20_000 }).toBeGreaterThan(0.5);
  } finally {
    await visitor.close();
  }
});

test("a text file renamed .mp4 and an over-long video get clear messages, and nothing is created", async ({ page }) => {
  // Four picks, a cut-off upload and a slowed one: 20–30 s, more on a busy machine.
  test.setTimeout(120_000);
  // The server refuses both (415 and 422), which Chromium logs.
  allowErrors(/status of 41[35] .*\/api\/v1\/videos\b/, "the server refuses the text file");
  allowErrors(/status of 422 .*\/api\/v1\/videos\b/, "the server refuses the over-long video");
  // The text file's preview is no video: Chromium reports the failed media load.
  allowErrors(/blob:/, "the preview of the text file cannot play");
  allowErrors(/ERR_FAILED|ERR_ABORTED/, "an upload cut off on purpose, then one cancelled");
  // 301 s at 64x64 and 1 frame a second: a few kB, made in well under a second.
  const long = clip("long-301s.mp4", "64x64", 301, 1);
  await signUp(page, "bad");
  await page.goto("/publish");
  await page.getByRole("button", { name: "Video" }).click();

  await page.getByLabel("Pick a video").setInputFiles({
    name: "holiday.mp4",
    mimeType: "video/mp4",
    buffer: Buffer.from("These are my notes, not a video.\n".repeat(40)),
  });
  const alert = page.locator(".video-status.failed[role=alert]");
  await expect(alert).toHaveText("This file is not a video we can read: upload an MP4, MOV or WebM file.");
  // Retrying the same file can't help: no Retry, but Remove.
  await expect(alert.getByRole("button", { name: "Retry" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Publish", exact: true })).toBeDisabled();
  await shot(page, "not-a-video");
  await page.getByRole("button", { name: "Remove video" }).click();

  // The over-long clip, first cut off by the network: Retry sends it again, and the server's
  // answer to the retried upload says why it can't be used.
  await page.route("**/api/v1/videos", (route) => route.abort("failed"), { times: 1 });
  await page.getByLabel("Pick a video").setInputFiles(long);
  await expect(alert).toContainText("Can't reach Zhongcao.");
  await alert.getByRole("button", { name: "Retry" }).click();
  await expect(alert).toHaveText("Videos can be at most 5 minutes long (this one is 5:01).");
  await shot(page, "too-long");
  await page.getByRole("button", { name: "Remove video" }).click();

  // Cancel stops an upload under way (the network slowed so that it is under way).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 64 * 1024 });
  await page.getByLabel("Pick a video").setInputFiles(clip("phone-10s.mp4", "720x1280", 10, 30));
  await expect(page.getByRole("progressbar", { name: "Uploading the video" })).toBeVisible();
  await page.getByRole("button", { name: "Cancel upload" }).click();
  await expect(alert).toContainText("Upload cancelled.");
  await expect(alert.getByRole("button", { name: "Retry" })).toBeVisible();
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await page.getByRole("button", { name: "Remove video" }).click();

  // Over 200 MB is refused before a byte is sent: the file's size is known in the browser.
  // (A 201 MB file made in the page: zero bytes cost nothing to make and are never read.)
  const sent: string[] = [];
  page.on("request", (r) => {
    if (r.url().endsWith("/api/v1/videos")) sent.push(r.url());
  });
  await page.getByLabel("Pick a video").evaluate((input: HTMLInputElement) => {
    const files = new DataTransfer();
    files.items.add(new File([new Uint8Array(201 * 1024 * 1024)], "huge.mp4", { type: "video/mp4" }));
    input.files = files.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });
  await expect(alert).toHaveText("This video is 201 MB: videos can be at most 200 MB.");
  expect(sent).toEqual([]);

  // Nothing was created: no note, no draft.
  const me = (await (await page.request.get("/api/v1/auth/session")).json()).me.user;
  expect((await (await page.request.get(`/api/v1/users/${me.id}`)).json()).note_count).toBe(0);
  expect(await (await page.request.get("/api/v1/drafts")).json()).toHaveLength(0);
});
