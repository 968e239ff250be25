//! Video notes on the server: uploaded videos are probed (`probe`), queued as durable jobs and
//! transcoded by a background worker (`jobs`, `transcode`), and their renditions are served
//! with range requests (`serve`). The demo world's video notes get a short clip made from
//! their cover scene at first request (`demo`). Everything runs FFmpeg (`ffmpeg`/`ffprobe`
//! found at start); without it the server still runs and the video endpoints answer 503.
//!
//! Files live in the image store's directory (`ImageStore::video_dir`): one storage seam for
//! pictures and videos.

pub mod demo;
pub mod jobs;
pub mod probe;
pub mod serve;
pub mod transcode;

use std::path::PathBuf;
use std::process::Stdio;

use api_types::{NoteVideo, VideoRendition};
use axum::http::StatusCode;
use sqlx::SqliteConnection;
use tokio::sync::{Notify, Semaphore};

use crate::api::rows::image;
use crate::db::Db;
use crate::error::{AppError, AppResult};

/// Bumped when renditions or demo clips change, so cached URLs change too.
pub const VIDEO_VERSION: &str = "v1";

/// The FFmpeg programs.
#[derive(Clone, Debug)]
pub struct Tools {
    pub ffmpeg: PathBuf,
    pub ffprobe: PathBuf,
}

impl Tools {
    /// The two programs, if both run (`-version`); `None` turns the video endpoints off.
    pub fn find(ffmpeg: PathBuf, ffprobe: PathBuf) -> Option<Tools> {
        let runs = |program: &PathBuf| {
            std::process::Command::new(program)
                .arg("-version")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        if runs(&ffmpeg) && runs(&ffprobe) {
            Some(Tools { ffmpeg, ffprobe })
        } else {
            tracing::warn!(
                "{} or {} cannot run: video uploads and demo videos are off",
                ffmpeg.display(),
                ffprobe.display()
            );
            None
        }
    }

    /// `ffmpeg` and `ffprobe` from PATH (looked for once per process: every test app asks).
    pub fn from_path() -> Option<Tools> {
        static FOUND: std::sync::OnceLock<Option<Tools>> = std::sync::OnceLock::new();
        FOUND
            .get_or_init(|| Tools::find("ffmpeg".into(), "ffprobe".into()))
            .clone()
    }
}

/// The video side of the app state.
pub struct Videos {
    tools: Option<Tools>,
    /// Largest upload accepted, in bytes.
    pub max_bytes: u64,
    /// Wakes the worker when a job is queued.
    pub(crate) wake: Notify,
    /// Demo clips are made one at a time (each takes a core for a second or two).
    pub(crate) demo_turn: Semaphore,
}

impl Videos {
    pub fn new(tools: Option<Tools>) -> Self {
        Videos {
            tools,
            max_bytes: api_types::VIDEO_MAX_BYTES,
            wake: Notify::new(),
            demo_turn: Semaphore::new(1),
        }
    }

    /// The same with another upload size limit (tests).
    pub fn with_max_bytes(mut self, max_bytes: u64) -> Self {
        self.max_bytes = max_bytes;
        self
    }

    /// The programs, or the 503 every video endpoint answers without them.
    pub fn tools(&self) -> AppResult<&Tools> {
        self.tools.as_ref().ok_or_else(|| {
            AppError::refuse(
                StatusCode::SERVICE_UNAVAILABLE,
                api_types::ErrorCode::VideoUnavailable,
                "Videos cannot be processed on this server right now.",
            )
        })
    }

    pub fn available(&self) -> bool {
        self.tools.is_some()
    }
}

/// The URL of one rendition.
pub fn rendition_url(key: &str, short_side: u32) -> String {
    format!("/vid/{VIDEO_VERSION}/{key}/{short_side}.mp4")
}

/// The media store's key of a rendition (the same path under the media directory as before).
pub fn rendition_object(key: &str, short_side: u32) -> String {
    format!("video/{key}/{short_side}.mp4")
}

/// A fresh key for an uploaded video: 'v' and 19 letters or digits.
pub fn new_key() -> String {
    std::iter::once('v')
        .chain(std::iter::repeat_with(fastrand::alphanumeric).take(19))
        .collect()
}

/// The video of a note, for its detail: the uploaded one (`video_id`) when ready, else for a
/// demo video note the clip made from its cover. `None` for photo notes.
pub async fn note_video(
    db: &Db,
    kind: &str,
    video_id: Option<i64>,
    cover_image_id: i64,
) -> AppResult<Option<NoteVideo>> {
    if kind != "video" {
        return Ok(None);
    }
    match video_id {
        Some(id) => ready_video(&mut *db.acquire().await?, id).await,
        None => demo::note_video(db, cover_image_id).await,
    }
}

/// A ready uploaded video as the player sees it (`None` unless ready).
pub async fn ready_video(conn: &mut SqliteConnection, id: i64) -> AppResult<Option<NoteVideo>> {
    /// The video's key, length and size, then its poster's key, size and placeholder.
    type Row = (String, i64, i64, i64, String, i64, i64, String, String);
    let row: Option<Row> = sqlx::query_as(
        "SELECT v.video_key, v.duration_ms, v.width, v.height, \
         i.image_key, i.width, i.height, i.ph_top, i.ph_bottom \
         FROM videos v JOIN images i ON i.id = v.poster_image_id \
         WHERE v.id = $1 AND v.status = 'ready'",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((key, duration_ms, width, height, pkey, pw, ph, top, bottom)) = row else {
        return Ok(None);
    };
    let renditions: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT short_side, width, height FROM video_renditions \
         WHERE video_id = $1 ORDER BY short_side",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(Some(NoteVideo {
        duration_ms,
        width: dim(width),
        height: dim(height),
        poster: image(&pkey, pw, ph, top, bottom),
        renditions: renditions
            .into_iter()
            .map(|(short, w, h)| VideoRendition {
                url: rendition_url(&key, dim(short)),
                width: dim(w),
                height: dim(h),
            })
            .collect(),
    }))
}

fn dim(v: i64) -> u32 {
    u32::try_from(v).unwrap_or(1)
}

/// The last non-empty line of a program's error output, shortened: enough to say why.
pub(crate) fn last_line(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let line = text
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("no output")
        .trim();
    line.chars().take(200).collect()
}
