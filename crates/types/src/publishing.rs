//! Publishing: uploads, the note editor's content (shared by publish, edit and drafts),
//! topic and mention suggestions, reports, views, and the creator center's numbers.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::{ErrorCode, ErrorParams, FieldError, Image, NoteCard, ProductCard, UserSummary};

/// Most images a note may carry.
pub const MAX_NOTE_IMAGES: usize = 9;
/// Titles are short, as on the real app.
pub const NOTE_TITLE_MAX_CHARS: usize = 20;
pub const NOTE_BODY_MAX_CHARS: usize = 1_000;
pub const LOCATION_MAX_CHARS: usize = 40;
/// Most products one note may tag.
pub const MAX_NOTE_PRODUCTS: usize = 5;
/// Largest image upload in bytes.
pub const UPLOAD_MAX_BYTES: usize = 10 * 1024 * 1024;
/// Reports from this many different people hide a note or comment until reviewed.
pub const REPORT_HIDE_THRESHOLD: i64 = 3;
/// Longest stay on a note that counts, in milliseconds: a tab left open says nothing more.
pub const DWELL_CAP_MS: u32 = 10 * 60 * 1000;

/// `POST /notes/{id}/open`: a reader (signed in, or a guest by `X-Guest-Id`) closed a note
/// after `dwell_ms` milliseconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NoteOpen {
    /// Time spent on the note; longer stays count as [`DWELL_CAP_MS`]. Any unsigned 32-bit
    /// value is accepted, so the schema states that range (a plain u32 reads as int32).
    #[cfg_attr(feature = "openapi", schema(value_type = i64, minimum = 0, maximum = 4_294_967_295_i64))]
    pub dwell_ms: u32,
}

/// `POST /uploads` (the raw image as the body, its type in `Content-Type`) → 201.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Upload {
    /// Pass this in [`NoteInput::image_ids`].
    pub id: i64,
    /// The stored image: re-encoded without metadata, at the feed's widths, with a placeholder.
    pub image: Image,
}

/// What the editor holds: the body of `POST /notes`, `PATCH /notes/{id}`, `POST /drafts` and
/// `PUT /drafts/{id}`. Drafts accept anything within the size limits; publishing checks
/// everything. `#topic` and `@name` are found in `body` by the server.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NoteInput {
    pub title: String,
    pub body: String,
    /// A channel slug (not `recommend`); empty while undecided in a draft.
    #[serde(default)]
    pub channel: String,
    /// Upload ids in display order; the first is the cover.
    #[serde(default)]
    pub image_ids: Vec<i64>,
    #[serde(default)]
    pub product_ids: Vec<i64>,
    #[serde(default)]
    pub location: Option<String>,
    /// Publishing from a draft deletes the draft in the same transaction.
    #[serde(default)]
    pub draft_id: Option<i64>,
    /// A ready video (`POST /videos`) makes a video note; its poster is the cover unless
    /// `image_ids` names one (e.g. a frame the author picked).
    #[serde(default)]
    pub video_id: Option<i64>,
}

fn too_many(name: &str, code: ErrorCode, max: usize, message: String) -> FieldError {
    FieldError::new(name, code, message).with(ErrorParams::max(max))
}

/// Everything that stops `input` from being published (empty when it can be).
pub fn validate_note(input: &NoteInput) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let title = input.title.trim().chars().count();
    if title == 0 {
        errors.push(FieldError::new(
            "title",
            ErrorCode::TitleMissing,
            "Give your note a title.",
        ));
    } else if title > NOTE_TITLE_MAX_CHARS {
        errors.push(too_many(
            "title",
            ErrorCode::TooLong,
            NOTE_TITLE_MAX_CHARS,
            format!("Titles can be at most {NOTE_TITLE_MAX_CHARS} characters."),
        ));
    }
    if input.body.chars().count() > NOTE_BODY_MAX_CHARS {
        errors.push(too_many(
            "body",
            ErrorCode::TooLong,
            NOTE_BODY_MAX_CHARS,
            format!("The text can be at most {NOTE_BODY_MAX_CHARS} characters."),
        ));
    }
    if input.image_ids.is_empty() && input.video_id.is_none() {
        errors.push(FieldError::new(
            "image_ids",
            ErrorCode::PhotoMissing,
            "Add at least one photo.",
        ));
    } else if input.image_ids.len() > MAX_NOTE_IMAGES {
        errors.push(too_many(
            "image_ids",
            ErrorCode::TooManyPhotos,
            MAX_NOTE_IMAGES,
            format!("A note can have at most {MAX_NOTE_IMAGES} photos."),
        ));
    }
    if input.channel.trim().is_empty() {
        errors.push(FieldError::new(
            "channel",
            ErrorCode::ChannelMissing,
            "Pick a channel.",
        ));
    }
    if input.product_ids.len() > MAX_NOTE_PRODUCTS {
        errors.push(too_many(
            "product_ids",
            ErrorCode::TooManyProducts,
            MAX_NOTE_PRODUCTS,
            format!("Tag at most {MAX_NOTE_PRODUCTS} products."),
        ));
    }
    if input
        .location
        .as_deref()
        .is_some_and(|l| l.chars().count() > LOCATION_MAX_CHARS)
    {
        errors.push(too_many(
            "location",
            ErrorCode::TooLong,
            LOCATION_MAX_CHARS,
            format!("Locations can be at most {LOCATION_MAX_CHARS} characters."),
        ));
    }
    errors
}

/// A saved draft, as the editor resumes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Draft {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub channel: String,
    pub images: Vec<Upload>,
    pub products: Vec<ProductCard>,
    pub location: Option<String>,
    /// Unix seconds.
    pub updated_at: i64,
}

/// `GET /topics/suggest?q=`: existing topics starting with (or containing) `q`, most used first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TopicSuggestion {
    pub name: String,
    pub note_count: i64,
}

/// Why a note or comment is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReportReason {
    Spam,
    Inappropriate,
    Misleading,
    Other,
}

impl ReportReason {
    pub const ALL: [ReportReason; 4] = [
        ReportReason::Spam,
        ReportReason::Inappropriate,
        ReportReason::Misleading,
        ReportReason::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ReportReason::Spam => "Spam or advertising",
            ReportReason::Inappropriate => "Inappropriate or offensive",
            ReportReason::Misleading => "Misleading or fake",
            ReportReason::Other => "Something else",
        }
    }
}

/// `POST /notes/{id}/report` and `POST /comments/{id}/report`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReportInput {
    pub reason: ReportReason,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReportResult {
    /// Distinct people who reported it (a second report by the same person changes nothing).
    pub reports: i64,
    /// It is now hidden pending review.
    pub hidden: bool,
}

/// One day (or a whole period) of a creator's numbers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StatValues {
    pub views: i64,
    pub likes: i64,
    pub collects: i64,
    pub comments: i64,
    pub shares: i64,
    pub new_followers: i64,
    /// Attributed orders (not cancelled).
    pub orders: i64,
    pub commission_fen: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct DayStats {
    /// Unix seconds at the start of the day (UTC+8, the app's home time zone).
    pub day: i64,
    pub values: StatValues,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NoteStats {
    pub note: NoteCard,
    pub created_at: i64,
    /// Over the period.
    pub values: StatValues,
}

/// `GET /creator/stats?days=7|30|90`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CreatorStats {
    pub days: i64,
    /// One entry per day, oldest first, zeros included.
    pub series: Vec<DayStats>,
    pub totals: StatValues,
    /// The creator's notes, most viewed in the period first.
    pub notes: Vec<NoteStats>,
}

/// People to `@`: `GET /me/following/suggest?q=`.
pub type MentionSuggestions = Vec<UserSummary>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_need_a_title_a_photo_and_a_channel() {
        let mut n = NoteInput::default();
        let fields: Vec<String> = validate_note(&n).into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["title", "image_ids", "channel"]);
        n.title = "周末去哪儿".into();
        n.image_ids = vec![1, 2];
        n.channel = "travel".into();
        assert!(validate_note(&n).is_empty());
        n.title = "这是一个非常非常非常非常长的标题超过了二十个字".into();
        n.image_ids = (0..10).collect();
        let fields: Vec<String> = validate_note(&n).into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["title", "image_ids"]);
    }
}
