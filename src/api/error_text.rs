//! The server's refusals in the interface language, chosen by their `code` (never by the
//! English `message`, which the server may reword): each [`ErrorCode`] names a key of the
//! `[server]` catalogue area, filled from the error's typed `params`. The same goes for the
//! field errors of the shared form checks in `api_types` (`validate_address`,
//! `validate_payment`, `validate_note`) that the client runs before sending. A code this build
//! does not know (a newer server), or one meant for developers, shows the server's message.

use api_types::{ErrorCode, ErrorParams, FieldError, LimitedAction, Resource};

use crate::i18n::{fill, lang, msg, t, Msg, Plural};

/// The text for a whole-request refusal: its code's text, else `message`.
pub fn message(code: ErrorCode, params: &ErrorParams, message: String) -> String {
    text(code, "", params).unwrap_or(message)
}

/// Every field's message in the interface language.
pub fn localize_fields(fields: Vec<FieldError>) -> Vec<FieldError> {
    fields
        .into_iter()
        .map(|f| match text(f.code, &f.field, &f.params) {
            Some(message) => FieldError { message, ..f },
            None => f,
        })
        .collect()
}

/// `code`'s text with its values, if the catalogue has one (`field`: the field it is about).
fn text(code: ErrorCode, field: &str, p: &ErrorParams) -> Option<String> {
    let template = t(key(code, p)?);
    let num = |n: Option<u64>| n.map(|n| n.to_string());
    let money = |fen: Option<i64>| fen.map(api_types::format_cny);
    let args = [
        ("min", num(p.min)),
        ("max", num(p.max)),
        ("actual", p.actual.clone()),
        ("declared", p.declared.clone()),
        ("megapixels", num(p.megapixels)),
        ("name", p.name.clone()),
        ("stock", p.stock.map(|n| n.to_string())),
        ("total", money(p.total_fen)),
        ("expected", money(p.expected_fen)),
        ("price", money(p.price_fen)),
        ("limit", num(p.limit)),
        ("window", p.window_secs.map(window)),
        ("wait", p.retry_after.map(wait)),
        ("label", label(field).map(|l| t(l).to_string())),
    ];
    let mut values: Vec<(&str, &dyn std::fmt::Display)> = Vec::new();
    for (name, value) in &args {
        match value {
            Some(value) => values.push((name, value)),
            // A value the text needs is missing (an older or newer server): its own words.
            None if template.contains(&format!("{{{name}}}")) => return None,
            None => {}
        }
    }
    Some(fill(template, &values))
}

/// The catalogue key for `code`; `None` shows the server's message. The compiler checks that
/// every code is considered.
fn key(code: ErrorCode, p: &ErrorParams) -> Option<Msg> {
    use msg::server as s;
    use ErrorCode as C;
    Some(match code {
        // For developers: the server's own words.
        C::BadRequest
        | C::InvalidRequest
        | C::UnsupportedMediaType
        | C::MethodNotAllowed
        | C::RangeNotSatisfiable
        | C::Error
        | C::UpgradeRequired
        | C::Unknown => return None,
        C::Internal => s::INTERNAL,
        C::NotFound => not_found(p.resource?)?,
        C::Unauthorized => s::SIGN_IN_FIRST,
        C::Forbidden => s::FORBIDDEN,
        C::CrossSiteRequest => s::CROSS_SITE,
        C::TooLarge => s::TOO_LARGE,
        C::Validation => s::FIELDS,
        C::InvalidCursor => s::INVALID_CURSOR,
        C::RateLimited => match p.action? {
            LimitedAction::SignIn => s::RATE_SIGN_IN,
            LimitedAction::SignUp => s::RATE_SIGN_UP,
            LimitedAction::Search => s::RATE_SEARCH,
            LimitedAction::Publish => s::RATE_PUBLISH,
            LimitedAction::Upload => s::RATE_UPLOAD,
            LimitedAction::GuestSignal => s::RATE_GUEST_SIGNAL,
            LimitedAction::LiveChat => s::RATE_LIVE_CHAT,
            LimitedAction::Unknown => return None,
        },
        C::VideoUnavailable => s::VIDEO_UNAVAILABLE,
        C::WrongCredentials => s::WRONG_CREDENTIALS,
        C::AccountGone => s::ACCOUNT_GONE,
        C::PrivateList => s::PRIVATE_LIST,
        C::AvatarTooLarge => s::AVATAR_TOO_LARGE,
        C::NotYourNote => s::NOT_YOUR_NOTE,
        C::NotYourComment => s::NOT_YOUR_COMMENT,
        C::DuplicateNote => s::DUPLICATE_NOTE,
        C::CannotFollowSelf => s::CANNOT_FOLLOW_SELF,
        C::ReplyToOtherNote => s::REPLY_TO_OTHER_NOTE,
        C::CannotReportOwn => match p.resource? {
            Resource::Comment => s::CANNOT_REPORT_OWN_COMMENT,
            _ => s::CANNOT_REPORT_OWN_NOTE,
        },
        C::TooManyDrafts => s::TOO_MANY_DRAFTS,
        C::SearchQueryEmpty => s::SEARCH_QUERY_EMPTY,
        C::SearchQueryTooLong => s::SEARCH_QUERY_TOO_LONG,
        C::TopicTooLong => s::TOPIC_TOO_LONG,
        C::UploadEmpty => s::UPLOAD_EMPTY,
        C::PictureTooLarge => s::PICTURE_TOO_LARGE,
        C::PictureType => s::PICTURE_TYPE,
        C::PictureTypeMismatch => s::PICTURE_TYPE_MISMATCH,
        C::PictureUnreadable => s::PICTURE_UNREADABLE,
        C::PictureSides => s::PICTURE_SIDES,
        C::PicturePixels => s::PICTURE_PIXELS,
        C::PictureLimits => s::PICTURE_LIMITS,
        C::VideoTooLarge => s::VIDEO_TOO_LARGE,
        C::NotAVideo => s::NOT_A_VIDEO,
        C::NoVideoStream => s::NO_VIDEO_STREAM,
        C::UnreadableVideo => s::UNREADABLE_VIDEO,
        C::VideoTooLong => s::VIDEO_TOO_LONG,
        C::VideoSize => s::VIDEO_SIZE,
        C::VideoFailed => s::VIDEO_FAILED,
        C::SoldOut => s::SOLD_OUT,
        C::OutOfStock => s::OUT_OF_STOCK,
        C::CartFull => s::CART_FULL,
        C::OrderTooLarge => s::ORDER_TOO_LARGE,
        C::NothingToBuy => s::NOTHING_TO_BUY,
        C::CartEmpty => s::CART_EMPTY,
        C::TooManyAddresses => s::TOO_MANY_ADDRESSES,
        C::PriceChanged => s::PRICE_CHANGED,
        C::IdempotencyKeyReused => s::IDEMPOTENCY_KEY_REUSED,
        C::CardDeclined => s::CARD_DECLINED,
        C::InsufficientFunds => s::INSUFFICIENT_FUNDS,
        C::TestCardsOnly => s::TEST_CARDS_ONLY,
        C::AlreadyShipped => s::ALREADY_SHIPPED,
        C::AlreadyLive => s::ALREADY_LIVE,
        C::RoomEnded => s::ROOM_ENDED,
        C::NotYourRoom => s::NOT_YOUR_ROOM,
        C::Muted => s::MUTED,
        C::CannotMuteSelf => s::CANNOT_MUTE_SELF,
        C::ChatEmpty => s::CHAT_EMPTY,
        C::ChatTooLong => s::CHAT_TOO_LONG,
        C::Required => s::REQUIRED,
        C::TooShort => s::TOO_SHORT,
        C::TooLong => s::TOO_LONG,
        C::ControlCharacters => s::CONTROL_CHARACTERS,
        C::TitleOneLine => s::TITLE_ONE_LINE,
        C::TextControlCharacters => s::TEXT_CONTROL_CHARACTERS,
        C::LocationOneLine => s::LOCATION_ONE_LINE,
        C::TitleMissing => s::TITLE_MISSING,
        C::PhotoMissing => s::PHOTO_MISSING,
        C::ChannelMissing => s::CHANNEL_MISSING,
        C::UnknownChannel => s::UNKNOWN_CHANNEL,
        C::TooManyPhotos => s::TOO_MANY_PHOTOS,
        C::TooManyProducts => s::TOO_MANY_PRODUCTS,
        C::DuplicateProduct => s::DUPLICATE_PRODUCT,
        C::ProductGone => s::PRODUCT_GONE,
        C::DuplicatePhoto => s::DUPLICATE_PHOTO,
        C::PhotoGone => s::PHOTO_GONE,
        C::VideoGone => s::VIDEO_GONE,
        C::DraftTooLong => s::DRAFT_TOO_LONG,
        C::CommentLength => s::COMMENT_LENGTH,
        C::UsernameFormat => s::USERNAME_FORMAT,
        C::DisplayNameLength => s::DISPLAY_NAME_LENGTH,
        C::PasswordLength => s::PASSWORD_LENGTH,
        C::BioTooLong => s::BIO_TOO_LONG,
        C::EmailInvalid => s::EMAIL_INVALID,
        C::UsernameTaken => s::USERNAME_TAKEN,
        C::EmailTaken => s::EMAIL_TAKEN,
        C::UsernameOrEmailTaken => s::USERNAME_OR_EMAIL_TAKEN,
        C::WrongCurrentPassword => s::WRONG_CURRENT_PASSWORD,
        C::PhoneInvalid => s::PHONE_INVALID,
        C::CardNumberInvalid => s::CARD_NUMBER_INVALID,
        C::ExpiryFormat => s::EXPIRY_FORMAT,
        C::CardExpired => s::CARD_EXPIRED,
        C::CvcInvalid => s::CVC_INVALID,
        C::QuantityRange => s::QUANTITY_RANGE,
        C::AddressNotSaved => s::ADDRESS_NOT_SAVED,
        C::NoProducts => s::NO_PRODUCTS,
        C::NotInRoom => s::NOT_IN_ROOM,
        C::FlashPrice => s::FLASH_PRICE,
        C::FlashDuration => s::FLASH_DURATION,
        C::TooManyRoomProducts => s::TOO_MANY_ROOM_PRODUCTS,
    })
}

fn not_found(resource: Resource) -> Option<Msg> {
    use msg::server as s;
    Some(match resource {
        Resource::Endpoint => s::NOT_FOUND_ENDPOINT,
        Resource::Note => s::NOT_FOUND_NOTE,
        Resource::Comment => s::NOT_FOUND_COMMENT,
        Resource::User => s::NOT_FOUND_USER,
        Resource::Product => s::NOT_FOUND_PRODUCT,
        Resource::Variant => s::NOT_FOUND_VARIANT,
        Resource::Category => s::NOT_FOUND_CATEGORY,
        Resource::Channel => s::NOT_FOUND_CHANNEL,
        Resource::Order => s::NOT_FOUND_ORDER,
        Resource::Address => s::NOT_FOUND_ADDRESS,
        Resource::CartItem => s::NOT_FOUND_CART_ITEM,
        Resource::Draft => s::NOT_FOUND_DRAFT,
        Resource::Image => s::NOT_FOUND_IMAGE,
        Resource::Video => s::NOT_FOUND_VIDEO,
        Resource::WaitingNote => s::NOT_FOUND_WAITING_NOTE,
        Resource::LiveRoom => s::NOT_FOUND_LIVE_ROOM,
        Resource::ChatMessage => s::NOT_FOUND_CHAT_MESSAGE,
        Resource::Replay => s::NOT_FOUND_REPLAY,
        Resource::Unknown => return None,
    })
}

/// How `required`, `too_short` and `too_long` name the field (the request's field names).
fn label(field: &str) -> Option<Msg> {
    use msg::server as s;
    Some(match field {
        "recipient" => s::LABEL_RECIPIENT,
        "phone" => s::LABEL_PHONE,
        "province" => s::LABEL_PROVINCE,
        "city" => s::LABEL_CITY,
        "district" => s::LABEL_DISTRICT,
        "detail" => s::LABEL_DETAIL,
        "card_number" => s::LABEL_CARD_NUMBER,
        "title" => s::LABEL_TITLE,
        "body" => s::LABEL_BODY,
        "location" => s::LABEL_LOCATION,
        _ => return None,
    })
}

/// A wait as the server counts it: seconds under a minute, minutes under two hours, then hours.
fn wait(secs: u64) -> String {
    use msg::server as s;
    if secs < 60 {
        count(s::WAIT_SECONDS, secs)
    } else if secs < 2 * 3600 {
        count(s::WAIT_MINUTES, secs.div_ceil(60))
    } else {
        count(s::WAIT_HOURS, secs.div_ceil(3600))
    }
}

/// A limit's window: "minute", "10 minutes", "hour".
fn window(secs: u64) -> String {
    use msg::server as s;
    if secs >= 3600 && secs.is_multiple_of(3600) {
        count(s::WINDOW_HOURS, secs / 3600)
    } else if secs >= 60 && secs.is_multiple_of(60) {
        count(s::WINDOW_MINUTES, secs / 60)
    } else {
        count(s::WINDOW_SECONDS, secs)
    }
}

fn count(key: Plural, n: u64) -> String {
    let n = i64::try_from(n).unwrap_or(i64::MAX);
    fill(lang().plural(key, n), &[("n", &n)])
}
