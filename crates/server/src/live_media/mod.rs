//! The live rooms' media (issue 17): one fragmented-MP4 stream (H.264 + AAC) per live room,
//! from the host's browser or a demo loop to every viewer, recorded for the replay.
//!
//! - `ingest`: the host's WebSocket; `MediaRecorder` chunks go through one FFmpeg per room
//!   (H.264/AAC, a keyframe a second, fragmented MP4 on its stdout).
//! - `fmp4`: cuts that output into the init segment and fragments, reads their times.
//! - `channel`: a room's stream in memory (init, newest fragments, bounded broadcast), its
//!   timeline (restarts and loops continue it) and its recording (`record`).
//! - `viewer`: the viewers' WebSocket (framing in `api_types::live_media`).
//! - `demo`: rooms the server plays from a generated clip, in a loop, and demo replays.
//! - `serve`: replays as files with byte ranges at `/live-media/{key}.mp4`.
//!
//! Rooms themselves (REST, chat, products) are `crate::live`'s: it calls [`LiveMedia::end`]
//! when a room ends and stores the key it returns as `live_rooms.replay_key`.

pub mod channel;
pub mod clock_face;
pub mod demo;
pub mod fmp4;
#[cfg(test)]
mod fmp4_tests;
pub mod ingest;
pub mod record;
pub mod serve;
pub mod viewer;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::ws::WebSocketUpgrade;
use axum::http::{HeaderMap, StatusCode, Uri};
use tokio::sync::Semaphore;

use self::channel::MediaChannel;
use self::record::Recorder;
use crate::auth::is_same_site;
use crate::error::{AppError, AppResult};
use crate::video::Tools;
use crate::AppState;

/// A WebSocket upgrade, or why the request is not one (answered as JSON, see [`upgrade`]).
pub type Upgrade = Result<WebSocketUpgrade, WebSocketUpgradeRejection>;

/// The upgrade, or 426 `upgrade_required` in the error shape.
pub fn upgrade(ws: Upgrade) -> AppResult<WebSocketUpgrade> {
    ws.map_err(|_| {
        AppError::refuse(
            StatusCode::UPGRADE_REQUIRED,
            api_types::ErrorCode::UpgradeRequired,
            "This is a WebSocket: connect with one.",
        )
    })
}

/// Where a live room's socket may be opened from.
pub enum Origin<'a> {
    /// Anywhere (watching the stream changes nothing).
    Any,
    /// Only this site's pages (the request's headers and URI): upgrades are GETs, which the
    /// CSRF guard lets through, so sockets that act check the same rule here.
    SameSite(&'a HeaderMap, &'a Uri),
}

/// Everything a live room's socket checks before upgrading, in the one order all of them
/// answer (as JSON, never a half-open socket): a cross-site `Origin` (403
/// `cross_site_request`), the room (404; 409 `room_ended` once it ended), what this socket
/// requires of its own (`admit`: e.g. only the host, FFmpeg at hand), then the upgrade
/// itself (426 `upgrade_required`). Returns the upgrade, the room and what `admit` found.
pub async fn live_socket<T>(
    state: &AppState,
    id: i64,
    origin: Origin<'_>,
    ws: Upgrade,
    admit: impl AsyncFnOnce(&Room) -> AppResult<T>,
) -> AppResult<(WebSocketUpgrade, Room, T)> {
    if let Origin::SameSite(headers, uri) = origin {
        if !is_same_site(&state.site, headers, uri) {
            return Err(AppError::forbidden(
                api_types::ErrorCode::CrossSiteRequest,
                "Cross-site socket refused: the Origin header must match this site.",
            ));
        }
    }
    let room = live_room(state, id).await?;
    let admitted = admit(&room).await?;
    Ok((upgrade(ws)?, room, admitted))
}

/// A room as the media side needs it.
pub struct Room {
    pub host_id: i64,
    pub is_demo: bool,
    pub live: bool,
}

/// Room `id`, or 404.
pub async fn room(state: &AppState, id: i64) -> AppResult<Room> {
    let row: Option<(i64, String, bool)> =
        sqlx::query_as("SELECT host_id, status, is_demo FROM live_rooms WHERE id = $1")
            .bind(id)
            .fetch_optional(&state.db)
            .await?;
    let (host_id, status, is_demo) =
        row.ok_or_else(|| AppError::not_found(api_types::Resource::LiveRoom, id))?;
    Ok(Room {
        host_id,
        is_demo,
        live: status == "live",
    })
}

/// Room `id` while it is live: 404 if there is none, 409 `room_ended` once it ended.
pub async fn live_room(state: &AppState, id: i64) -> AppResult<Room> {
    let room = room(state, id).await?;
    if !room.live {
        return Err(crate::live::chat::room_ended());
    }
    Ok(room)
}

/// Every live room's stream, by room id.
pub struct LiveMedia {
    /// Replays and demo clips (`images/live`).
    pub dir: PathBuf,
    pub tools: Option<Tools>,
    channels: Mutex<HashMap<i64, Arc<MediaChannel>>>,
    /// Demo clips and replays are made one at a time (each takes a core for seconds).
    pub(crate) demo_turn: Semaphore,
    /// Rooms whose host a watcher waits for (`live::ending::watch_host`): one each.
    watched: Mutex<HashSet<i64>>,
}

impl LiveMedia {
    pub fn new(dir: PathBuf, tools: Option<Tools>) -> Self {
        LiveMedia {
            dir,
            tools,
            channels: Mutex::new(HashMap::new()),
            demo_turn: Semaphore::new(1),
            watched: Mutex::new(HashSet::new()),
        }
    }

    fn watched(&self) -> std::sync::MutexGuard<'_, HashSet<i64>> {
        self.watched.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Marks room `room_id` as watched for its host; `false` if it already was.
    pub fn start_watching(&self, room_id: i64) -> bool {
        self.watched().insert(room_id)
    }

    /// The watcher of room `room_id` is done (the room ended).
    pub fn stop_watching(&self, room_id: i64) {
        self.watched().remove(&room_id);
    }

    fn channels(&self) -> std::sync::MutexGuard<'_, HashMap<i64, Arc<MediaChannel>>> {
        self.channels.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Room `room_id`'s stream, made on first use; `record` makes a new one keep a recording.
    pub fn channel(&self, room_id: i64, record: bool) -> Arc<MediaChannel> {
        let mut channels = self.channels();
        let channel = channels.entry(room_id).or_insert_with(|| {
            let recorder = record.then(|| Recorder::start(&self.dir, room_id));
            Arc::new(MediaChannel::new(room_id, recorder))
        });
        Arc::clone(channel)
    }

    /// Room `room_id`'s stream if it has one.
    pub fn get(&self, room_id: i64) -> Option<Arc<MediaChannel>> {
        self.channels().get(&room_id).cloned()
    }

    /// Ends room `room_id`'s stream: its source stops (FFmpeg is killed, a demo loop ends),
    /// viewers get the end message, and the recording is finished. Returns the replay key
    /// (`live_rooms.replay_key`) if anything was recorded; a demo room's replay is the
    /// generated `demo-{id}`. Waits for the replay's file (a copy, no re-encoding).
    pub async fn end(&self, room_id: i64) -> Option<String> {
        let channel = self.channels().remove(&room_id)?;
        let recorder = channel.end();
        match recorder {
            Some(recorder) => recorder.finish(self.tools.as_ref()).await,
            None => Some(demo::replay_key(room_id)),
        }
    }

    /// How many rooms have a stream.
    pub fn rooms(&self) -> usize {
        self.channels().len()
    }
}
