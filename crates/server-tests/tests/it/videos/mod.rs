//! Video notes: uploads checked by ffprobe (a renamed text file, an over-long video, a body
//! over the limit: clear 4xx and nothing left behind), the durable transcoding queue (a job
//! left `processing` by a killed process is taken again at start and completes; a lost
//! source fails with why), renditions never upscaled, publishing with a ready video (a note
//! published before its video is ready waits for it: `waiting_notes.rs`), range requests,
//! the demo world's clips, and 503 without FFmpeg. Clips are made with ffmpeg in the test:
//! small and a second or two long.
//!
//! One module per topic; the helpers shared by them (and by `waiting_notes.rs`) are here.

mod playback;
mod transcoding;
mod uploads;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use api_types::{VideoState, VideoStatus};
use axum::http::Method;

use zhongcao_server::seed::WorldSize;

use crate::common::{parse, TestApp, TestResponse};
use crate::test_clip::clip_command;

pub(crate) const TINY_WORLD: WorldSize = WorldSize {
    users: 12,
    notes: 60,
};

/// Makes a clip with ffmpeg's test sources: `seconds` long, `w`x`h` at 15 fps, with a tone.
pub(crate) fn clip(
    dir: &Path,
    name: &str,
    w: u32,
    h: u32,
    seconds: u32,
    extra: &[&str],
) -> PathBuf {
    let out = dir.join(name);
    let status = clip_command(&out, w, h, 15, seconds, extra)
        .status()
        .expect("ffmpeg runs (cargo xtask setup installs it)");
    assert!(status.success(), "ffmpeg made {name}");
    out
}

pub(crate) async fn upload(
    app: &TestApp,
    cookie: &str,
    content_type: &str,
    bytes: Vec<u8>,
) -> crate::common::TestResponse {
    app.request(Method::POST, "/api/v1/videos")
        .cookie(cookie)
        .bytes(content_type, bytes)
        .send()
        .await
}

/// Uploads the file at `path` as `video/mp4`.
pub(crate) async fn upload_mp4(app: &TestApp, cookie: &str, path: &Path) -> TestResponse {
    upload(app, cookie, "video/mp4", std::fs::read(path).expect("clip")).await
}

/// Polls the video until it is ready or failed.
pub(crate) async fn settled(app: &TestApp, cookie: &str, id: i64) -> VideoStatus {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let res = app
            .request(Method::GET, &format!("/api/v1/videos/{id}"))
            .cookie(cookie)
            .send()
            .await;
        let status: VideoStatus = parse(&res, 200, "video status");
        if matches!(status.state, VideoState::Ready | VideoState::Failed) {
            return status;
        }
        assert!(Instant::now() < deadline, "video {id} still {status:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Files under the video store (sources, renditions, uploads in progress).
fn video_files(app: &TestApp) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&app.dir.path().join("images").join("video"), &mut out);
    out
}

async fn video_rows(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM videos")
        .fetch_one(&app.state.db)
        .await
        .expect("count")
}
