//! What an uploaded file is, as `ffprobe` sees it (JSON output parsed with serde), and the
//! checks a video must pass before a job is queued: a container we accept (MP4/MOV, WebM or
//! Matroska), a real video stream (not cover art), a length within the limit and sane
//! dimensions.

use api_types::{ErrorCode, ErrorParams};
use std::collections::HashMap;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use api_types::VIDEO_MAX_SECONDS;
use axum::http::StatusCode;
use serde::Deserialize;

use super::Tools;
use crate::error::{AppError, AppResult};

/// Smallest and largest side accepted, in pixels.
pub const MIN_SIDE: u32 = 16;
pub const MAX_SIDE: u32 = 4096;
/// ffprobe reads headers only; anything slower is a hostile or broken file.
const PROBE_TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Deserialize)]
struct Output {
    #[serde(default)]
    streams: Vec<Stream>,
    format: Option<Format>,
}

#[derive(Deserialize)]
struct Stream {
    codec_type: Option<String>,
    width: Option<u32>,
    height: Option<u32>,
    #[serde(default)]
    side_data_list: Vec<SideData>,
    #[serde(default)]
    tags: HashMap<String, String>,
    #[serde(default)]
    disposition: HashMap<String, i64>,
}

#[derive(Deserialize)]
struct SideData {
    rotation: Option<f64>,
}

#[derive(Deserialize)]
struct Format {
    format_name: String,
    duration: Option<String>,
}

/// A checked video.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Probed {
    pub duration_ms: i64,
    /// Displayed size: the stream's rotation applied.
    pub width: u32,
    pub height: u32,
    pub has_audio: bool,
}

fn not_a_video() -> AppError {
    AppError::refuse(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ErrorCode::NotAVideo,
        "This file is not a video we can read: upload an MP4, MOV or WebM file.",
    )
}

fn refused(code: ErrorCode, message: String) -> AppError {
    AppError::unprocessable(code, message)
}

/// `m:ss`.
pub fn clock(ms: i64) -> String {
    let secs = ms.max(0) / 1000;
    format!("{}:{:02}", secs / 60, secs % 60)
}

/// Probes `path` and checks it (see the module doc).
pub async fn probe(tools: &Tools, path: &Path) -> AppResult<Probed> {
    let child = tokio::process::Command::new(&tools.ffprobe)
        .args([
            "-v",
            "error",
            "-print_format",
            "json",
            "-show_format",
            "-show_streams",
        ])
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| AppError::Internal(format!("ffprobe: {e}")))?;
    let out = tokio::time::timeout(PROBE_TIMEOUT, child.wait_with_output())
        .await
        .map_err(|_| not_a_video())?
        .map_err(|e| AppError::Internal(format!("ffprobe: {e}")))?;
    if !out.status.success() {
        tracing::info!(
            "ffprobe refused an upload: {}",
            super::last_line(&out.stderr)
        );
        return Err(not_a_video());
    }
    check(&out.stdout)
}

/// Checks ffprobe's JSON output.
pub fn check(json: &[u8]) -> AppResult<Probed> {
    let out: Output = serde_json::from_slice(json).map_err(|_| not_a_video())?;
    let format = out.format.ok_or_else(not_a_video)?;
    let accepted = format
        .format_name
        .split(',')
        .any(|f| matches!(f, "mov" | "mp4" | "webm" | "matroska"));
    if !accepted {
        return Err(not_a_video());
    }
    let video = out
        .streams
        .iter()
        .find(|s| {
            s.codec_type.as_deref() == Some("video")
                && s.disposition.get("attached_pic").copied().unwrap_or(0) == 0
        })
        .ok_or_else(|| {
            refused(
                ErrorCode::NoVideoStream,
                "This file has no picture, only sound: upload a video.".to_string(),
            )
        })?;
    let has_audio = out
        .streams
        .iter()
        .any(|s| s.codec_type.as_deref() == Some("audio"));
    let seconds: f64 = format
        .duration
        .as_deref()
        .and_then(|d| d.parse().ok())
        .filter(|d: &f64| d.is_finite() && *d > 0.0)
        .ok_or_else(|| {
            refused(
                ErrorCode::UnreadableVideo,
                "The video's length cannot be read; it may be damaged.".to_string(),
            )
        })?;
    let duration_ms = (seconds * 1000.0).round() as i64;
    if duration_ms > i64::from(VIDEO_MAX_SECONDS) * 1000 {
        let (max, actual) = (VIDEO_MAX_SECONDS / 60, clock(duration_ms));
        return Err(refused(
            ErrorCode::VideoTooLong,
            format!("Videos can be at most {max} minutes long (this one is {actual})."),
        )
        .with(ErrorParams {
            max: Some(u64::from(max)),
            actual: Some(actual),
            ..Default::default()
        }));
    }
    let (Some(w), Some(h)) = (video.width, video.height) else {
        return Err(refused(
            ErrorCode::UnreadableVideo,
            "The video's size cannot be read; it may be damaged.".to_string(),
        ));
    };
    let rotation = video
        .side_data_list
        .iter()
        .find_map(|d| d.rotation)
        .or_else(|| video.tags.get("rotate").and_then(|r| r.parse().ok()))
        .unwrap_or(0.0);
    let quarter_turn = ((rotation.round() as i64).rem_euclid(180)) == 90;
    let (width, height) = if quarter_turn { (h, w) } else { (w, h) };
    let sides = MIN_SIDE..=MAX_SIDE;
    if !sides.contains(&width) || !sides.contains(&height) {
        return Err(refused(
            ErrorCode::VideoSize,
            format!(
                "Videos must be between {MIN_SIDE} and {MAX_SIDE} pixels on each side (this one is {width}x{height})."
            ),
        )
        .with(ErrorParams {
            min: Some(u64::from(MIN_SIDE)),
            max: Some(u64::from(MAX_SIDE)),
            actual: Some(format!("{width}x{height}")),
            ..Default::default()
        }));
    }
    Ok(Probed {
        duration_ms,
        width,
        height,
        has_audio,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(format: &str, duration: &str, streams: &str) -> Vec<u8> {
        format!(r#"{{"streams":[{streams}],"format":{{"format_name":"{format}","duration":"{duration}"}}}}"#)
            .into_bytes()
    }

    const VIDEO: &str = r#"{"codec_type":"video","width":1920,"height":1080}"#;

    #[test]
    fn phone_videos_turned_on_their_side_are_portrait() {
        let rotated = r#"{"codec_type":"video","width":1920,"height":1080,"side_data_list":[{"rotation":-90}]}"#;
        let p = check(&json("mov,mp4,m4a,3gp,3g2,mj2", "10.5", rotated)).expect("ok");
        assert_eq!((p.width, p.height, p.duration_ms), (1080, 1920, 10_500));
        let p = check(&json("matroska,webm", "3", VIDEO)).expect("ok");
        assert_eq!((p.width, p.height, p.has_audio), (1920, 1080, false));
    }

    #[test]
    fn refusals_have_their_codes() {
        let code = |r: AppResult<Probed>| r.err().map(|e| e.code());
        assert_eq!(
            code(check(&json("png_pipe", "1", VIDEO))),
            Some(ErrorCode::NotAVideo)
        );
        assert_eq!(code(check(b"not json")), Some(ErrorCode::NotAVideo));
        assert_eq!(
            code(check(&json("mp4", "301", VIDEO))),
            Some(ErrorCode::VideoTooLong)
        );
        let cover_art = r#"{"codec_type":"video","width":500,"height":500,"disposition":{"attached_pic":1}},{"codec_type":"audio"}"#;
        assert_eq!(
            code(check(&json("mov,mp4", "30", cover_art))),
            Some(ErrorCode::NoVideoStream)
        );
        let tiny = r#"{"codec_type":"video","width":8,"height":8}"#;
        assert_eq!(
            code(check(&json("mp4", "3", tiny))),
            Some(ErrorCode::VideoSize)
        );
    }
}
