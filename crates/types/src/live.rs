//! Livestream shopping rooms: the REST shapes under `/api/v1/live` and the events WebSocket's
//! protocol (`GET /api/v1/live/{id}/ws`).
//!
//! The socket speaks JSON text frames, one event per frame, tagged by `"type"`:
//!
//! - server → client ([`ServerEvent`]): `hello` first (a snapshot: who you are, viewers,
//!   likes, the pinned card, recent chat), then `chat`, `chat_removed`, `likes` (the room's
//!   total, flushed about every 200 ms while likes arrive), `viewers` (on change, at most
//!   once a second), `pinned` (the card, or `null` when unpinned), `stock` (after every sale
//!   of a product in the room), `muted` (only to the person muted or unmuted), `ended` (the
//!   socket then closes with 1000), and `error` (a refused chat or like, with an [`ErrorCode`]
//!   and its params like a REST refusal: the socket stays).
//! - client → server ([`ClientEvent`]): `chat {text}` (signed in, not muted, 1..=
//!   [`CHAT_MAX_CHARS`] characters after trimming, rate-limited) and `like {count}`
//!   (1..=[`LIKE_MAX_PER_FRAME`]).
//!
//! A frame over [`FRAME_MAX_BYTES`] closes the socket with 1009, a binary frame with 1003, and
//! a frame that is not one of the client events with 1008; nothing else changes.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::{ErrorCode, ErrorParams, Image, UserSummary};

/// Longest chat message, in characters after trimming.
pub const CHAT_MAX_CHARS: usize = 200;
/// Most likes one `like` frame may carry.
pub const LIKE_MAX_PER_FRAME: u32 = 10;
/// Largest client frame the events socket accepts, in bytes.
pub const FRAME_MAX_BYTES: usize = 4 * 1024;
/// Longest room title, in characters after trimming.
pub const LIVE_TITLE_MAX_CHARS: usize = 60;
/// Most products a room lists.
pub const LIVE_MAX_PRODUCTS: usize = 20;
/// Longest flash sale, in seconds.
pub const FLASH_MAX_SECS: i64 = 24 * 3600;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LiveStatus {
    Live,
    Ended,
}

impl LiveStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            LiveStatus::Live => "live",
            LiveStatus::Ended => "ended",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [LiveStatus::Live, LiveStatus::Ended]
            .into_iter()
            .find(|s| s.as_str() == raw)
    }
}

/// A room in a list: live now, or ended (a replay when `has_replay`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LiveRoomCard {
    pub id: i64,
    pub title: String,
    pub host: UserSummary,
    pub status: LiveStatus,
    /// Played by the server (a demo clip and generated chat): shown as demo to people.
    pub is_demo: bool,
    /// Unix seconds.
    pub started_at: i64,
    pub ended_at: Option<i64>,
    /// Sockets watching now (0 once ended).
    pub viewers: i64,
    pub likes: i64,
    pub peak_viewers: i64,
    /// The recording can be watched (`/api/v1/live/{id}/media`).
    pub has_replay: bool,
    /// The first product's picture, for the card.
    pub cover: Option<Image>,
}

/// A product as a room lists it, priced and stocked now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LiveProduct {
    pub id: i64,
    pub title: String,
    pub title_en: String,
    pub brand: String,
    pub image: Image,
    /// Lowest variant price, in fen.
    pub price_fen: i64,
    /// Units left over all variants.
    pub stock: i64,
}

/// A flash sale on the pinned product: every variant at `price_fen` until `ends_at`, when
/// bought from the room (`live_room_id` on the line).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FlashSale {
    pub price_fen: i64,
    /// Unix seconds.
    pub ends_at: i64,
}

/// The product card pinned over the stream.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PinnedProduct {
    pub product: LiveProduct,
    /// Present while a flash sale runs.
    pub flash: Option<FlashSale>,
    /// Unix seconds.
    pub pinned_at: i64,
}

/// One chat message. Its text is text: never markup.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ChatMessage {
    pub id: i64,
    pub user: UserSummary,
    pub text: String,
    /// Unix seconds.
    pub created_at: i64,
    /// Milliseconds from the room's start, to replay chat beside the recording.
    pub offset_ms: i64,
    /// Written by the demo world, not a person: shown as demo.
    pub is_demo: bool,
    /// Written by the room's host.
    pub by_host: bool,
}

/// The host as a room shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LiveHost {
    pub user: UserSummary,
    pub follower_count: i64,
    /// Whether the signed-in reader follows the host.
    pub followed_by_viewer: bool,
}

/// `GET /api/v1/live/{id}`: everything a room's page needs at first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LiveRoomDetail {
    pub id: i64,
    pub title: String,
    pub host: LiveHost,
    pub status: LiveStatus,
    pub is_demo: bool,
    pub started_at: i64,
    pub ended_at: Option<i64>,
    pub viewers: i64,
    pub likes: i64,
    pub peak_viewers: i64,
    pub has_replay: bool,
    /// Where the recording plays (a plain MP4, `live_media::replay_url`), once ended.
    #[serde(default)]
    pub replay_url: Option<String>,
    /// In the host's order.
    pub products: Vec<LiveProduct>,
    pub pinned: Option<PinnedProduct>,
    /// The newest messages (not removed), oldest first.
    pub recent_chat: Vec<ChatMessage>,
    /// The reader is this room's host.
    pub viewer_is_host: bool,
    /// The host muted the reader: their chat is refused.
    pub viewer_muted: bool,
}

/// `POST /api/v1/live`: go live.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct GoLiveInput {
    /// 1..=60 characters after trimming.
    pub title: String,
    /// 1..=20 distinct products from the shop, in the order the room lists them.
    pub product_ids: Vec<i64>,
}

/// `PUT /api/v1/live/{id}/pin`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PinInput {
    /// One of the room's products.
    pub product_id: i64,
    #[serde(default)]
    pub flash: Option<FlashInput>,
}

/// A flash sale to start with the pin.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FlashInput {
    /// Below the product's lowest price, at least 1 fen.
    pub price_fen: i64,
    /// 1..=86400.
    pub duration_secs: i64,
}

/// What the server sends on the events socket.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerEvent {
    /// The first frame: the room as it is now.
    Hello {
        room_id: i64,
        /// The signed-in reader, if any (guests watch but cannot chat).
        user_id: Option<i64>,
        is_host: bool,
        muted: bool,
        viewers: i64,
        likes: i64,
        pinned: Option<PinnedProduct>,
        /// Oldest first.
        recent_chat: Vec<ChatMessage>,
    },
    Chat {
        message: ChatMessage,
    },
    /// The host removed a message.
    ChatRemoved {
        id: i64,
    },
    /// The room's like total.
    Likes {
        total: i64,
    },
    Viewers {
        count: i64,
    },
    /// The pinned card changed (`null`: unpinned).
    Pinned {
        pinned: Option<PinnedProduct>,
    },
    /// Units left of a product in the room, after a sale or cancellation.
    Stock {
        product_id: i64,
        stock: i64,
    },
    /// Sent only to the person concerned.
    Muted {
        muted: bool,
    },
    /// The host ended the room; the socket closes next.
    Ended {
        ended_at: i64,
    },
    /// A refused `chat` or `like`; the socket stays open. The code and params are those of
    /// the REST error shape, so clients localise them the same way: `unauthorized` (a guest's
    /// chat), `chat_empty`, `chat_too_long` (`max`), `rate_limited` (`action` `live_chat`,
    /// `limit`, `window_secs`, `retry_after`), `muted`, `room_ended`, and `invalid_request`
    /// (a like count outside 1..=[`LIKE_MAX_PER_FRAME`]: a client's mistake).
    Error {
        code: ErrorCode,
        /// English, for logs and API users.
        message: String,
        #[serde(default, skip_serializing_if = "ErrorParams::is_empty")]
        params: ErrorParams,
    },
}

/// What a client may send on the events socket.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientEvent {
    Chat { text: String },
    Like { count: u32 },
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LimitedAction;

    #[test]
    fn error_frames_carry_a_code_and_params_like_rest_errors() {
        let frame = ServerEvent::Error {
            code: ErrorCode::RateLimited,
            message: "You can send chat messages at most 5 times per 10 seconds.".into(),
            params: ErrorParams {
                action: Some(LimitedAction::LiveChat),
                limit: Some(5),
                window_secs: Some(10),
                retry_after: Some(7),
                ..Default::default()
            },
        };
        let json = serde_json::to_value(&frame).expect("serialize");
        assert_eq!(json["type"], "error");
        assert_eq!(json["code"], "rate_limited");
        assert_eq!(json["params"]["action"], "live_chat");
        assert_eq!(json["params"]["retry_after"], 7);
        let back: ServerEvent = serde_json::from_value(json).expect("deserialize");
        assert_eq!(back, frame);

        // No params: none on the wire; a newer server's code reads as `Unknown`.
        let muted = serde_json::to_string(&ServerEvent::Error {
            code: ErrorCode::Muted,
            message: "The host muted you in this room.".into(),
            params: ErrorParams::default(),
        })
        .expect("serialize");
        assert!(!muted.contains("params") && muted.contains(r#""code":"muted""#));
        let newer: ServerEvent =
            serde_json::from_str(r#"{"type":"error","code":"room_on_fire","message":"Hot."}"#)
                .expect("deserialize");
        assert!(matches!(
            newer,
            ServerEvent::Error {
                code: ErrorCode::Unknown,
                ..
            }
        ));
    }
}
