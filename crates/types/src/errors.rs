//! The one error shape and its codes.
//!
//! Every refusal carries a stable `code` (and, where its message has values, typed `params`):
//! clients localise by the code, never by the English `message`, which is for API users and
//! logs and may be reworded. A 422 on a form lists its fields, each with a code of its own.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

// Reading wire names back (`read_by_name!`) before the enums that use it.
#[macro_use]
mod names;
mod params;
pub use params::*;

/// The one error shape: `{"error": {"code": "...", "message": "...", "params": {...}}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ErrorDetail {
    /// Stable machine-readable code: what went wrong, for clients to act on and localise.
    pub code: ErrorCode,
    /// Human-readable explanation in English (wording may change; do not match on it).
    pub message: String,
    /// The values the message names (a limit, a wait, a product), by name.
    #[serde(default, skip_serializing_if = "ErrorParams::is_empty")]
    pub params: ErrorParams,
    /// For `validation` errors on a form: which fields are wrong and why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

/// One invalid form field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FieldError {
    /// The request field's name, e.g. `username`.
    pub field: String,
    /// What is wrong with it (one of the field codes, e.g. `too_long`).
    #[serde(default)]
    pub code: ErrorCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "ErrorParams::is_empty")]
    pub params: ErrorParams,
}

impl FieldError {
    pub fn new(field: &str, code: ErrorCode, message: impl Into<String>) -> Self {
        FieldError {
            field: field.to_string(),
            code,
            message: message.into(),
            params: ErrorParams::default(),
        }
    }

    pub fn with(mut self, params: ErrorParams) -> Self {
        self.params = params;
        self
    }
}

/// Every code the API answers with. The doc of each says which `params` it carries.
///
/// Read back by name through [`ErrorCode::from_name`] (serde too), not a derived
/// `Deserialize`: one table instead of the derive's matches keeps the web client's main
/// module smaller.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    // --- For developers (a client following the document never sees them) ---
    /// A malformed query, path, header or body (400).
    BadRequest,
    /// A well-formed request the API does not take: a JSON body of the wrong shape, a query
    /// value outside its enum or range (422).
    InvalidRequest,
    /// The body is not JSON, or not a type the endpoint takes (415).
    UnsupportedMediaType,
    /// 405; `Allow` lists the methods the path takes.
    MethodNotAllowed,
    /// A range request outside the file (416).
    RangeNotSatisfiable,
    /// Any other refusal made by the framework.
    Error,
    /// A WebSocket endpoint asked without an upgrade (426).
    UpgradeRequired,

    // --- General ---
    /// 500: nothing is leaked.
    Internal,
    /// 404: `resource`; `id` or `name` when the request named one.
    NotFound,
    /// 401: sign in first.
    Unauthorized,
    /// 403: not allowed (generic).
    Forbidden,
    /// 403: the `Origin` of an unsafe request is not this site.
    CrossSiteRequest,
    /// 413: the body is over the server's limit.
    TooLarge,
    /// 422 on a form: see `fields`.
    Validation,
    /// 400: a `cursor` this API did not hand out.
    InvalidCursor,
    /// 429: `action`, `retry_after` (seconds); `limit` and `window_secs` unless the action
    /// is `sign_in`.
    RateLimited,
    /// 503: videos cannot be processed on this server now.
    VideoUnavailable,

    // --- Accounts ---
    /// 401.
    WrongCredentials,
    /// 401: the session's account was deleted.
    AccountGone,
    /// 403: a profile's collections or likes are not public.
    PrivateList,
    /// 413: `max` (MB).
    AvatarTooLarge,

    // --- Notes, comments, follows, reports, search ---
    /// 403.
    NotYourNote,
    /// 403.
    NotYourComment,
    /// 409: the same title and text within 24 hours.
    DuplicateNote,
    /// 422.
    CannotFollowSelf,
    /// 422: a reply names a comment under another note.
    ReplyToOtherNote,
    /// 422: `resource` (`note` or `comment`).
    CannotReportOwn,
    /// 422: `max` drafts.
    TooManyDrafts,
    /// 422: `q` is empty.
    SearchQueryEmpty,
    /// 422: `max` characters.
    SearchQueryTooLong,
    /// 422: `max` characters.
    TopicTooLong,

    // --- Pictures and videos ---
    /// 422.
    UploadEmpty,
    /// 413: `max` (MB).
    PictureTooLarge,
    /// 415: not JPEG, PNG or WebP.
    PictureType,
    /// 415: `declared` and `actual` media types.
    PictureTypeMismatch,
    /// 422: damaged or not a picture.
    PictureUnreadable,
    /// 422: `max` pixels per side, `actual` (`WxH`).
    PictureSides,
    /// 422: `max` and `actual` megapixels.
    PicturePixels,
    /// 422 (the decoder's limits). `max` pixels per side, `megapixels`.
    PictureLimits,
    /// 413: `max` (MB).
    VideoTooLarge,
    /// 415: not an MP4, MOV or WebM video.
    NotAVideo,
    /// 422: sound only.
    NoVideoStream,
    /// 422: the length or size cannot be read.
    UnreadableVideo,
    /// 422: `max` (minutes), `actual` (`m:ss`).
    VideoTooLong,
    /// 422: `min` and `max` pixels per side, `actual` (`WxH`).
    VideoSize,
    /// 422: the note's video could not be processed; `actual` is why, when known.
    VideoFailed,

    // --- Shop, cart, checkout, orders ---
    /// 409: `name` (the product).
    SoldOut,
    /// 409: `name` (the product), `stock` left.
    OutOfStock,
    /// 422: `max` lines.
    CartFull,
    /// 422: `max` lines.
    OrderTooLarge,
    /// 422: the selection is empty.
    NothingToBuy,
    /// 422.
    CartEmpty,
    /// 422: `max` addresses.
    TooManyAddresses,
    /// 409: `total_fen` now, `expected_fen` seen on review.
    PriceChanged,
    /// 422: the key was used for a different order.
    IdempotencyKeyReused,
    /// 402.
    CardDeclined,
    /// 402.
    InsufficientFunds,
    /// 402: test mode takes only the test cards.
    TestCardsOnly,
    /// 409.
    AlreadyShipped,

    // --- Live rooms (REST, the events socket's `error` frames, the media sockets) ---
    /// 409: `id` of the room the host is live in already.
    AlreadyLive,
    /// 409: the room has ended (also a refused chat on the events socket).
    RoomEnded,
    /// 403: only the room's host may do that.
    NotYourRoom,
    /// 403 (events socket): the host muted you in this room.
    Muted,
    /// 422: the host cannot mute themselves.
    CannotMuteSelf,
    /// 422 (events socket): an empty chat message.
    ChatEmpty,
    /// 422 (events socket): a chat message over `max` characters.
    ChatTooLong,

    // --- Form fields (`fields[].code`) ---
    /// `field` is empty (address fields, phone, card number).
    Required,
    /// `min` characters.
    TooShort,
    /// `max` characters (address fields, title, text, location).
    TooLong,
    /// Control characters in a field.
    ControlCharacters,
    /// A title with a line break or control characters.
    TitleOneLine,
    /// A note's text with control characters.
    TextControlCharacters,
    /// A location with a line break.
    LocationOneLine,
    /// The note has no title.
    TitleMissing,
    /// The note has no photo (or video).
    PhotoMissing,
    /// The note has no channel.
    ChannelMissing,
    /// A channel that does not exist.
    UnknownChannel,
    /// `max` photos.
    TooManyPhotos,
    /// `max` products.
    TooManyProducts,
    /// The same product twice.
    DuplicateProduct,
    /// A tagged product left the shop.
    ProductGone,
    /// The same photo twice.
    DuplicatePhoto,
    /// A photo that is not (any more) the author's upload.
    PhotoGone,
    /// A video that is not (any more) the author's upload.
    VideoGone,
    /// `max` characters kept in a draft field.
    DraftTooLong,
    /// A comment of 1 to `max` characters.
    CommentLength,
    /// `min` to `max` letters, digits or underscores.
    UsernameFormat,
    /// 1 to `max` characters on one line.
    DisplayNameLength,
    /// `min` to `max` characters.
    PasswordLength,
    /// `max` characters.
    BioTooLong,
    EmailInvalid,
    UsernameTaken,
    EmailTaken,
    /// A sign-up raced another for the same username or email.
    UsernameOrEmailTaken,
    WrongCurrentPassword,
    PhoneInvalid,
    CardNumberInvalid,
    ExpiryFormat,
    CardExpired,
    CvcInvalid,
    /// `max` items of one line.
    QuantityRange,
    /// The address is not one of the buyer's.
    AddressNotSaved,
    /// A live room with no product to sell.
    NoProducts,
    /// A product pinned in a live room that is not one of the room's.
    NotInRoom,
    /// A flash price not below the product's `price_fen`.
    FlashPrice,
    /// A flash sale of `min` to `max` seconds.
    FlashDuration,
    /// A live room listing over `max` products (go-live's own: a note's is `too_many_products`).
    TooManyRoomProducts,

    /// A code this build does not know (a newer server): show the message. Never sent.
    #[default]
    #[serde(skip_serializing)]
    Unknown,
}

/// The codes' wire names in declaration order, `Unknown` (last) left out; the tests in
/// `names.rs` check them (and the params' enums' tables) against the `Serialize` derive.
const ERROR_CODES: &[(&str, ErrorCode)] = &[
    ("bad_request", ErrorCode::BadRequest),
    ("invalid_request", ErrorCode::InvalidRequest),
    ("unsupported_media_type", ErrorCode::UnsupportedMediaType),
    ("method_not_allowed", ErrorCode::MethodNotAllowed),
    ("range_not_satisfiable", ErrorCode::RangeNotSatisfiable),
    ("error", ErrorCode::Error),
    ("upgrade_required", ErrorCode::UpgradeRequired),
    ("internal", ErrorCode::Internal),
    ("not_found", ErrorCode::NotFound),
    ("unauthorized", ErrorCode::Unauthorized),
    ("forbidden", ErrorCode::Forbidden),
    ("cross_site_request", ErrorCode::CrossSiteRequest),
    ("too_large", ErrorCode::TooLarge),
    ("validation", ErrorCode::Validation),
    ("invalid_cursor", ErrorCode::InvalidCursor),
    ("rate_limited", ErrorCode::RateLimited),
    ("video_unavailable", ErrorCode::VideoUnavailable),
    ("wrong_credentials", ErrorCode::WrongCredentials),
    ("account_gone", ErrorCode::AccountGone),
    ("private_list", ErrorCode::PrivateList),
    ("avatar_too_large", ErrorCode::AvatarTooLarge),
    ("not_your_note", ErrorCode::NotYourNote),
    ("not_your_comment", ErrorCode::NotYourComment),
    ("duplicate_note", ErrorCode::DuplicateNote),
    ("cannot_follow_self", ErrorCode::CannotFollowSelf),
    ("reply_to_other_note", ErrorCode::ReplyToOtherNote),
    ("cannot_report_own", ErrorCode::CannotReportOwn),
    ("too_many_drafts", ErrorCode::TooManyDrafts),
    ("search_query_empty", ErrorCode::SearchQueryEmpty),
    ("search_query_too_long", ErrorCode::SearchQueryTooLong),
    ("topic_too_long", ErrorCode::TopicTooLong),
    ("upload_empty", ErrorCode::UploadEmpty),
    ("picture_too_large", ErrorCode::PictureTooLarge),
    ("picture_type", ErrorCode::PictureType),
    ("picture_type_mismatch", ErrorCode::PictureTypeMismatch),
    ("picture_unreadable", ErrorCode::PictureUnreadable),
    ("picture_sides", ErrorCode::PictureSides),
    ("picture_pixels", ErrorCode::PicturePixels),
    ("picture_limits", ErrorCode::PictureLimits),
    ("video_too_large", ErrorCode::VideoTooLarge),
    ("not_a_video", ErrorCode::NotAVideo),
    ("no_video_stream", ErrorCode::NoVideoStream),
    ("unreadable_video", ErrorCode::UnreadableVideo),
    ("video_too_long", ErrorCode::VideoTooLong),
    ("video_size", ErrorCode::VideoSize),
    ("video_failed", ErrorCode::VideoFailed),
    ("sold_out", ErrorCode::SoldOut),
    ("out_of_stock", ErrorCode::OutOfStock),
    ("cart_full", ErrorCode::CartFull),
    ("order_too_large", ErrorCode::OrderTooLarge),
    ("nothing_to_buy", ErrorCode::NothingToBuy),
    ("cart_empty", ErrorCode::CartEmpty),
    ("too_many_addresses", ErrorCode::TooManyAddresses),
    ("price_changed", ErrorCode::PriceChanged),
    ("idempotency_key_reused", ErrorCode::IdempotencyKeyReused),
    ("card_declined", ErrorCode::CardDeclined),
    ("insufficient_funds", ErrorCode::InsufficientFunds),
    ("test_cards_only", ErrorCode::TestCardsOnly),
    ("already_shipped", ErrorCode::AlreadyShipped),
    ("already_live", ErrorCode::AlreadyLive),
    ("room_ended", ErrorCode::RoomEnded),
    ("not_your_room", ErrorCode::NotYourRoom),
    ("muted", ErrorCode::Muted),
    ("cannot_mute_self", ErrorCode::CannotMuteSelf),
    ("chat_empty", ErrorCode::ChatEmpty),
    ("chat_too_long", ErrorCode::ChatTooLong),
    ("required", ErrorCode::Required),
    ("too_short", ErrorCode::TooShort),
    ("too_long", ErrorCode::TooLong),
    ("control_characters", ErrorCode::ControlCharacters),
    ("title_one_line", ErrorCode::TitleOneLine),
    ("text_control_characters", ErrorCode::TextControlCharacters),
    ("location_one_line", ErrorCode::LocationOneLine),
    ("title_missing", ErrorCode::TitleMissing),
    ("photo_missing", ErrorCode::PhotoMissing),
    ("channel_missing", ErrorCode::ChannelMissing),
    ("unknown_channel", ErrorCode::UnknownChannel),
    ("too_many_photos", ErrorCode::TooManyPhotos),
    ("too_many_products", ErrorCode::TooManyProducts),
    ("duplicate_product", ErrorCode::DuplicateProduct),
    ("product_gone", ErrorCode::ProductGone),
    ("duplicate_photo", ErrorCode::DuplicatePhoto),
    ("photo_gone", ErrorCode::PhotoGone),
    ("video_gone", ErrorCode::VideoGone),
    ("draft_too_long", ErrorCode::DraftTooLong),
    ("comment_length", ErrorCode::CommentLength),
    ("username_format", ErrorCode::UsernameFormat),
    ("display_name_length", ErrorCode::DisplayNameLength),
    ("password_length", ErrorCode::PasswordLength),
    ("bio_too_long", ErrorCode::BioTooLong),
    ("email_invalid", ErrorCode::EmailInvalid),
    ("username_taken", ErrorCode::UsernameTaken),
    ("email_taken", ErrorCode::EmailTaken),
    ("username_or_email_taken", ErrorCode::UsernameOrEmailTaken),
    ("wrong_current_password", ErrorCode::WrongCurrentPassword),
    ("phone_invalid", ErrorCode::PhoneInvalid),
    ("card_number_invalid", ErrorCode::CardNumberInvalid),
    ("expiry_format", ErrorCode::ExpiryFormat),
    ("card_expired", ErrorCode::CardExpired),
    ("cvc_invalid", ErrorCode::CvcInvalid),
    ("quantity_range", ErrorCode::QuantityRange),
    ("address_not_saved", ErrorCode::AddressNotSaved),
    ("no_products", ErrorCode::NoProducts),
    ("not_in_room", ErrorCode::NotInRoom),
    ("flash_price", ErrorCode::FlashPrice),
    ("flash_duration", ErrorCode::FlashDuration),
    ("too_many_room_products", ErrorCode::TooManyRoomProducts),
];

read_by_name!(ErrorCode, ERROR_CODES);
