//! Video notes: the upload's processing status and what a player needs.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::Image;

/// Largest video upload in bytes.
pub const VIDEO_MAX_BYTES: u64 = 200 * 1024 * 1024;
/// Longest video, in seconds.
pub const VIDEO_MAX_SECONDS: u32 = 5 * 60;
/// Rendition heights (the short side, so a portrait phone video's "720p" is 720 wide), in
/// ascending order. A source is never upscaled: one smaller than the first rendition is
/// transcoded at its own size only.
pub const VIDEO_RENDITIONS: [u32; 2] = [480, 720];
/// Seconds of watching after which the client reports a view (`POST /notes/{id}/view`).
pub const VIDEO_VIEW_AFTER_SECS: u32 = 3;

/// Where an uploaded video is in its processing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum VideoState {
    /// Waiting for the transcoder.
    Queued,
    /// Being transcoded: see `progress`.
    Processing,
    /// Playable: can be published.
    Ready,
    /// Could not be processed: `error` says why. Upload it again (or another file).
    Failed,
}

/// `POST /videos` → 201 and `GET /videos/{id}` (the uploader only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct VideoStatus {
    /// Pass this as [`crate::NoteInput::video_id`] once `state` is `ready`.
    pub id: i64,
    pub state: VideoState,
    /// 0–100 while processing; 100 when ready.
    pub progress: u8,
    /// Why processing failed (`state` = `failed`).
    pub error: Option<String>,
    /// Length in milliseconds, from the probe.
    pub duration_ms: i64,
    /// Displayed size (rotation applied), from the probe.
    pub width: u32,
    pub height: u32,
    /// The finished video (`state` = `ready`).
    pub video: Option<NoteVideo>,
}

/// One playable file of a video: H.264/AAC MP4 with the index first (`+faststart`), served
/// with HTTP range requests and cached immutably.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct VideoRendition {
    pub url: String,
    pub width: u32,
    pub height: u32,
}

/// A note's video: pick the rendition by the player's size in device pixels.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NoteVideo {
    /// Length of the file in milliseconds.
    pub duration_ms: i64,
    pub width: u32,
    pub height: u32,
    /// Shown before playing (its placeholder colours paint first).
    pub poster: Image,
    /// Smallest first; at least one.
    pub renditions: Vec<VideoRendition>,
}

/// A video note published before its video was ready (`POST /notes` → 202): it goes public by
/// itself when the video is ready. Listed for its author by `GET /me/waiting-notes` until then,
/// or until they dismiss it when it could not be published.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct WaitingNote {
    pub video_id: i64,
    pub title: String,
    /// The video's processing (`ready` only for the moment before the note is written).
    pub state: VideoState,
    /// 0–100.
    pub progress: u8,
    /// Why it will not go public: the video failed, or the note could no longer be published
    /// (e.g. a product it names is gone). `None` while it is on its way. In English, for logs
    /// and API users: people read `error_code`'s text.
    pub error: Option<String>,
    /// `error` as a code the client words in its language, like a refusal's: `video_failed`, or
    /// the one that stopped the note (`product_gone`, `duplicate_note`, ...). `None` while it is on
    /// its way, and for notes an older server stopped (only `error` says why).
    #[serde(default)]
    pub error_code: Option<crate::ErrorCode>,
    /// Unix seconds.
    pub created_at: i64,
}

/// What `POST /notes` answers: the published note (201), or, when its video is still being
/// processed, the note waiting for it (202).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Published {
    Note(Box<crate::NoteDetail>),
    Waiting(WaitingNote),
}
