//! The typed values an error's message names (`ErrorParams`) and the enums among them.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// The values a message names. Which are set depends on the code (see [`super::ErrorCode`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ErrorParams {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u64>,
    /// The refused value as the message shows it (`4000x12`, `6:10`, `image/png`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declared: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub megapixels: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<Resource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// A slug or a product's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stock: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_fen: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_fen: Option<i64>,
    /// A product's (lowest) price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_fen: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<LimitedAction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window_secs: Option<u64>,
    /// Seconds until it is allowed again (as the `Retry-After` header).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
}

impl ErrorParams {
    pub fn is_empty(&self) -> bool {
        self == &ErrorParams::default()
    }

    /// Just a maximum.
    pub fn max(max: impl TryInto<u64>) -> Self {
        ErrorParams {
            max: max.try_into().ok(),
            ..Default::default()
        }
    }

    /// A range.
    pub fn range(min: impl TryInto<u64>, max: impl TryInto<u64>) -> Self {
        ErrorParams {
            min: min.try_into().ok(),
            ..ErrorParams::max(max)
        }
    }
}

/// What a `not_found` (or `cannot_report_own`) is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Resource {
    Endpoint,
    Note,
    Comment,
    User,
    Product,
    Variant,
    Category,
    Channel,
    Order,
    Address,
    CartItem,
    Draft,
    Image,
    Video,
    WaitingNote,
    LiveRoom,
    /// A live room's chat message.
    ChatMessage,
    /// A live room's recording.
    Replay,
    /// Newer than this build. Never sent.
    #[serde(skip_serializing)]
    Unknown,
}

/// What a `rate_limited` holds back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LimitedAction {
    /// Failed sign-ins.
    SignIn,
    SignUp,
    Search,
    Publish,
    Upload,
    /// A guest's views and "Not interested" (recorded in the background).
    GuestSignal,
    /// Chat messages in live rooms.
    LiveChat,
    /// Newer than this build. Never sent.
    #[serde(skip_serializing)]
    Unknown,
}

pub(super) const RESOURCES: &[(&str, Resource)] = &[
    ("endpoint", Resource::Endpoint),
    ("note", Resource::Note),
    ("comment", Resource::Comment),
    ("user", Resource::User),
    ("product", Resource::Product),
    ("variant", Resource::Variant),
    ("category", Resource::Category),
    ("channel", Resource::Channel),
    ("order", Resource::Order),
    ("address", Resource::Address),
    ("cart_item", Resource::CartItem),
    ("draft", Resource::Draft),
    ("image", Resource::Image),
    ("video", Resource::Video),
    ("waiting_note", Resource::WaitingNote),
    ("live_room", Resource::LiveRoom),
    ("chat_message", Resource::ChatMessage),
    ("replay", Resource::Replay),
];
pub(super) const LIMITED_ACTIONS: &[(&str, LimitedAction)] = &[
    ("sign_in", LimitedAction::SignIn),
    ("sign_up", LimitedAction::SignUp),
    ("search", LimitedAction::Search),
    ("publish", LimitedAction::Publish),
    ("upload", LimitedAction::Upload),
    ("guest_signal", LimitedAction::GuestSignal),
    ("live_chat", LimitedAction::LiveChat),
];

read_by_name!(Resource, RESOURCES);
read_by_name!(LimitedAction, LIMITED_ACTIONS);
