//! One events socket: `hello` first, then the room's events out and the viewer's `chat` and
//! `like` in. A bad frame (over [`FRAME_MAX_BYTES`], binary, or not a client event) closes
//! this socket with its close code and touches nothing else; a refused chat or like is an
//! `error` event and the socket stays.

use std::time::{Duration, Instant};

use api_types::{ClientEvent, ServerEvent, UserSummary, FRAME_MAX_BYTES, LIKE_MAX_PER_FRAME};
use axum::extract::ws::{close_code, CloseFrame, Message, Utf8Bytes, WebSocket};
use tokio::sync::broadcast::error::RecvError;

use super::{chat, frame, Viewing};
use crate::AppState;

/// A send that takes longer than this means a stuck client: its socket is closed.
const SEND_TIMEOUT: Duration = Duration::from_secs(10);
/// Likes one socket may add per second; more are dropped quietly (hearts, not votes).
const LIKES_PER_SECOND: u32 = 20;

/// Who is on the other end.
pub struct Peer {
    /// Signed in (may chat), or a guest (watches, may like).
    pub user: Option<UserSummary>,
}

/// Why the server closes a socket.
enum Close {
    /// The room ended: 1000.
    Normal,
    TooBig,
    Binary,
    NotAnEvent,
}

impl Close {
    fn frame(self) -> CloseFrame {
        let (code, reason) = match self {
            Close::Normal => (close_code::NORMAL, "The live room ended."),
            Close::TooBig => (close_code::SIZE, "Frames are at most 4 KB."),
            Close::Binary => (close_code::UNSUPPORTED, "Only JSON text frames."),
            Close::NotAnEvent => (close_code::POLICY, "Not a chat or like event."),
        };
        CloseFrame {
            code,
            reason: Utf8Bytes::from_static(reason),
        }
    }
}

/// Serves the socket until either side ends it.
pub async fn run(mut socket: WebSocket, state: AppState, mut viewing: Viewing, peer: Peer) {
    let user_id = peer.user.as_ref().map(|u| u.id);
    let hello = match hello(&state, &viewing, user_id).await {
        Ok(hello) => hello,
        Err(e) => {
            tracing::warn!(error = %e, "live socket hello");
            return;
        }
    };
    if !send(&mut socket, frame(&hello)).await {
        return;
    }
    let mut likes = LikeBudget::default();
    loop {
        tokio::select! {
            incoming = socket.recv() => {
                // A closed or broken connection (a frame over the transport cap included).
                let Some(Ok(message)) = incoming else { return };
                let reply = match message {
                    Message::Text(text) if text.len() > FRAME_MAX_BYTES => Err(Close::TooBig),
                    Message::Binary(_) => Err(Close::Binary),
                    Message::Text(text) => match serde_json::from_str::<ClientEvent>(&text) {
                        Ok(event) => Ok(handle(&state, &viewing, &peer, &mut likes, event).await),
                        Err(_) => Err(Close::NotAnEvent),
                    },
                    Message::Close(_) => return,
                    // Pings are answered by the library.
                    Message::Ping(_) | Message::Pong(_) => Ok(None),
                };
                match reply {
                    Ok(Some(event)) => {
                        if !send(&mut socket, frame(&event)).await {
                            return;
                        }
                    }
                    Ok(None) => {}
                    Err(close) => return close_with(socket, close).await,
                }
            }
            event = viewing.events.recv() => match event {
                Ok(out) => {
                    if out.only_user.is_some_and(|only| Some(only) != user_id) {
                        continue;
                    }
                    if !send(&mut socket, out.frame).await {
                        return;
                    }
                    if out.closes {
                        return close_with(socket, Close::Normal).await;
                    }
                }
                // Too slow for the room: the missed events are skipped (counts and stock
                // are totals, so the next ones put the socket right again).
                Err(RecvError::Lagged(_)) => continue,
                Err(RecvError::Closed) => return,
            },
        }
    }
}

/// The snapshot a socket starts with.
async fn hello(
    state: &AppState,
    viewing: &Viewing,
    user: Option<i64>,
) -> crate::error::AppResult<ServerEvent> {
    let room = &viewing.room;
    let mut conn = state.db.acquire().await?;
    let row = super::load::room(&mut conn, room.id).await?;
    let products = super::load::products(&mut conn, room.id).await?;
    let recent_chat =
        super::load::recent_chat(&mut conn, room.id, room.host_id, super::load::RECENT_CHAT)
            .await?;
    let muted = match user {
        Some(u) => super::load::is_muted(&mut conn, room.id, u).await?,
        None => false,
    };
    Ok(ServerEvent::Hello {
        room_id: room.id,
        user_id: user,
        is_host: user == Some(room.host_id),
        muted,
        viewers: room.viewers(),
        likes: room.likes(),
        pinned: super::load::pinned(&row, &products, crate::now_unix()),
        recent_chat,
    })
}

/// A client event: what to tell this socket alone, if anything (chat itself arrives through
/// the room's channel like everyone else's).
async fn handle(
    state: &AppState,
    viewing: &Viewing,
    peer: &Peer,
    likes: &mut LikeBudget,
    event: ClientEvent,
) -> Option<ServerEvent> {
    match event {
        ClientEvent::Chat { text } => {
            let Some(author) = &peer.user else {
                return Some(chat::error_event(&chat::not_signed_in()));
            };
            match chat::post(state, &viewing.room, author, &text, false).await {
                Ok(_) => None,
                Err(e) => Some(chat::error_event(&e)),
            }
        }
        ClientEvent::Like { count } => {
            if count == 0 || count > LIKE_MAX_PER_FRAME {
                // The client's mistake, not the person's: a developer's code.
                return Some(ServerEvent::Error {
                    code: api_types::ErrorCode::InvalidRequest,
                    message: format!("Send 1 to {LIKE_MAX_PER_FRAME} likes at a time."),
                    params: api_types::ErrorParams::default(),
                });
            }
            let allowed = likes.take(count);
            if allowed > 0 {
                viewing.room.add_likes(i64::from(allowed));
            }
            None
        }
    }
}

/// Likes left for this socket in the current second.
struct LikeBudget {
    since: Instant,
    used: u32,
}

impl Default for LikeBudget {
    fn default() -> Self {
        LikeBudget {
            since: Instant::now(),
            used: 0,
        }
    }
}

impl LikeBudget {
    fn take(&mut self, count: u32) -> u32 {
        if self.since.elapsed() >= Duration::from_secs(1) {
            *self = LikeBudget::default();
        }
        let allowed = count.min(LIKES_PER_SECOND.saturating_sub(self.used));
        self.used += allowed;
        allowed
    }
}

/// Sends a text frame; false when the socket is gone or stuck.
async fn send(socket: &mut WebSocket, text: Utf8Bytes) -> bool {
    matches!(
        tokio::time::timeout(SEND_TIMEOUT, socket.send(Message::Text(text))).await,
        Ok(Ok(()))
    )
}

async fn close_with(mut socket: WebSocket, close: Close) {
    let _ = tokio::time::timeout(
        SEND_TIMEOUT,
        socket.send(Message::Close(Some(close.frame()))),
    )
    .await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn likes_are_capped_per_second() {
        let mut budget = LikeBudget::default();
        assert_eq!(budget.take(10), 10);
        assert_eq!(budget.take(10), 10);
        assert_eq!(budget.take(10), 0);
        budget.since -= Duration::from_secs(1);
        assert_eq!(budget.take(3), 3);
    }
}
