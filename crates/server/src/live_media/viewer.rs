//! `GET /api/v1/live/{id}/media`: a viewer's stream. First the init segment, then the
//! fragments since the newest keyframe, then each new one, framed as `api_types::live_media`
//! says. A viewer that falls more than the channel's queue behind skips to the next keyframe
//! fragment; one whose socket accepts nothing for [`SEND_TIMEOUT`] is closed. Either way the
//! server holds at most one message for it beyond the room's shared queue.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use api_types::live_media::{encode_message, KIND_END};
use axum::body::Bytes;
use axum::extract::ws::{Message, WebSocket};
use axum::extract::State;
use axum::response::Response;
use tokio::sync::broadcast::error::RecvError;

use super::channel::{Event, MediaChannel};
use super::{live_socket, Origin, Upgrade};
use crate::error::AppResult;
use crate::extract::ApiPath;
use crate::AppState;

/// How long one message may wait for a viewer's socket before the viewer is let go.
pub const SEND_TIMEOUT: Duration = Duration::from_secs(15);

/// Watches a live room's stream (anyone may).
#[utoipa::path(
    get,
    path = "/api/v1/live/{id}/media",
    tag = "live",
    params(("id" = i64, Path, description = "The live room")),
    responses(
        (status = 101, description = "Switching to the WebSocket: binary messages `[kind u8][captured_at_ms u64 BE][payload]`, first the init segment, then fMP4 fragments (see `api_types::live_media`)"),
        (status = 404, description = "No such room", body = api_types::ErrorBody),
        (status = 409, description = "`room_ended`: the room has ended", body = api_types::ErrorBody),
        (status = 426, description = "`upgrade_required`: not a WebSocket upgrade", body = api_types::ErrorBody),
    )
)]
pub async fn media(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
    ws: Upgrade,
) -> AppResult<Response> {
    let (ws, room, ()) = live_socket(&state, id, Origin::Any, ws, async |_| Ok(())).await?;
    // A demo room nobody started yet (made after start-up) starts playing for its first viewer.
    if room.is_demo && state.live_media.get(id).is_none() {
        super::demo::start(&state, id);
    }
    let channel = state.live_media.channel(id, !room.is_demo);
    // Viewers send nothing worth reading: a small read buffer (tungstenite allocates 128 KiB
    // per socket by default, which 500 viewers turned into 64 MB).
    Ok(ws
        .read_buffer_size(4096)
        .max_message_size(4096)
        .on_upgrade(move |socket| watch(socket, channel)))
}

async fn send(socket: &mut WebSocket, message: Bytes) -> bool {
    matches!(
        tokio::time::timeout(SEND_TIMEOUT, socket.send(Message::Binary(message))).await,
        Ok(Ok(()))
    )
}

/// One viewer, until either side leaves or the room ends.
async fn watch(mut socket: WebSocket, channel: Arc<MediaChannel>) {
    let end = || Bytes::from(encode_message(KIND_END, 0, &[]));
    let Some((init, backlog, mut rx)) = channel.join() else {
        let _ = send(&mut socket, end()).await;
        return;
    };
    channel.viewers.fetch_add(1, Ordering::Relaxed);
    let _viewer = Leaves(&channel);
    let mut has_init = false;
    if let Some(init) = init {
        has_init = send(&mut socket, init).await;
        if !has_init {
            return;
        }
        for fragment in backlog {
            if !send(&mut socket, fragment.message.clone()).await {
                return;
            }
        }
    }
    // After a skip, wait for a fragment a player can start at.
    let mut need_key = false;
    loop {
        tokio::select! {
            event = rx.recv() => match event {
                Ok(Event::Init(message)) => {
                    if !send(&mut socket, message).await {
                        return;
                    }
                    has_init = true;
                    need_key = true;
                }
                Ok(Event::Fragment(fragment)) => {
                    if !has_init || (need_key && !fragment.is_key) {
                        continue;
                    }
                    need_key = false;
                    if !send(&mut socket, fragment.message.clone()).await {
                        return;
                    }
                }
                Ok(Event::End) | Err(RecvError::Closed) => {
                    let _ = send(&mut socket, end()).await;
                    let _ = socket.send(Message::Close(None)).await;
                    return;
                }
                Err(RecvError::Lagged(skipped)) => {
                    channel.skipped.fetch_add(skipped, Ordering::Relaxed);
                    need_key = true;
                }
            },
            message = socket.recv() => match message {
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => return,
                Some(Ok(_)) => {}
            },
        }
    }
}

/// Counts the viewer out however the connection ends.
struct Leaves<'a>(&'a MediaChannel);

impl Drop for Leaves<'_> {
    fn drop(&mut self) {
        self.0.viewers.fetch_sub(1, Ordering::Relaxed);
    }
}
