//! The JSON shapes of the `/api/v1` API, shared by the server and the web client.
//!
//! Invariant: this crate depends on serde only (plus utoipa behind the server-only `openapi`
//! feature), so nothing server-side leaks into the wasm bundle.

use serde::{Deserialize, Serialize};

mod accounts;
mod commerce;
mod date;
mod errors;
mod format;
mod layout;
mod live;
pub mod live_media;
mod notifications;
mod page;
pub mod paths;
mod publishing;
mod search;
mod shop;
mod video;
pub use accounts::*;
pub use commerce::*;
pub use date::*;
pub use errors::*;
pub use format::*;
pub use layout::*;
pub use live::*;
pub use notifications::*;
pub use page::*;
pub use publishing::*;
pub use search::*;
pub use shop::*;
pub use video::*;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// Image widths the server renders (ascending); the client builds `srcset` from the
/// `url_template`. Browsers take the narrowest file with at least DPR pixels per CSS pixel, and
/// the steps fit phone cards: a 193 px card at DPR 1.75 (Lighthouse's phone) takes 360w, a
/// 182 px card at DPR 2.6 480w and at DPR 3 (390 px iPhones) 560w; desktop cards 360w, or 560w
/// at DPR 2. Carousels stop at [`CAROUSEL_MAX_WIDTH`].
pub const IMAGE_WIDTHS: [u32; 6] = [240, 360, 480, 560, 720, 1080];
/// Avatar sizes in pixels (square).
pub const AVATAR_SIZES: [u32; 2] = [64, 160];

/// Largest page a list endpoint returns.
pub const MAX_PAGE_LIMIT: u32 = 50;
/// Page size when the request names none.
pub const DEFAULT_PAGE_LIMIT: u32 = 20;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Channel {
    /// URL slug, e.g. `recommend`, `food`.
    pub slug: String,
    pub name_en: String,
    pub name_zh: String,
}

/// A picture at a known size. `url_template` contains `{w}`, to be replaced with one of
/// [`IMAGE_WIDTHS`] (or [`AVATAR_SIZES`] for avatars).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Image {
    pub url_template: String,
    /// Intrinsic width and height: the client lays out from these before the file loads.
    pub width: u32,
    pub height: u32,
    /// Placeholder painted until the image arrives: a CSS gradient between two colours
    /// sampled from the top and bottom of the picture (`#rrggbb`).
    pub placeholder: Placeholder,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Placeholder {
    pub top: String,
    pub bottom: String,
}

impl Image {
    /// URL of the rendition `width` pixels wide.
    pub fn url(&self, width: u32) -> String {
        self.url_template.replace("{w}", &width.to_string())
    }

    /// A `srcset` attribute value listing every rendition ([`IMAGE_WIDTHS`]): note cards,
    /// product tiles, thumbnails. Pair it with that place's `sizes` ([`card_sizes`] …).
    pub fn srcset(&self) -> String {
        self.srcset_up_to(u32::MAX)
    }

    /// The `srcset` of a carousel (note and product pictures): the renditions up to
    /// [`CAROUSEL_MAX_WIDTH`]. Pair it with [`carousel_sizes`] or [`product_gallery_sizes`].
    pub fn carousel_srcset(&self) -> String {
        self.srcset_up_to(CAROUSEL_MAX_WIDTH)
    }

    /// The renditions at most `max_width` wide, as a `srcset` value: the one place that lists
    /// candidates, so an `<img>` and a `<link rel=preload>` built from it choose alike.
    pub fn srcset_up_to(&self, max_width: u32) -> String {
        IMAGE_WIDTHS
            .iter()
            .filter(|w| **w <= max_width)
            .map(|w| format!("{} {w}w", self.url(*w)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct UserSummary {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    /// Avatar URL template with `{w}` for one of [`AVATAR_SIZES`].
    pub avatar: String,
}

impl UserSummary {
    pub fn avatar_url(&self, size: u32) -> String {
        self.avatar.replace("{w}", &size.to_string())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    Image,
    Video,
}

/// Everything a feed card needs, and nothing more.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NoteCard {
    pub id: i64,
    pub title: String,
    pub kind: NoteKind,
    pub cover: Image,
    pub author: UserSummary,
    pub like_count: i64,
    /// Video length in seconds, for video notes.
    pub video_seconds: Option<i32>,
    /// Why the note is in the reader's own For-you list ("Why am I seeing this?"); only
    /// `/api/v1/feed/for-you` sends it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<FeedReason>,
}

/// Why a note was recommended to someone, in the words of the strongest signal behind it.
///
/// Read through [`FeedReasonWire`], a flat struct: the same JSON, without the buffering serde
/// generates for an internally tagged enum (14 KB of the feed's wasm before optimisation).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case", try_from = "FeedReasonWire")]
pub enum FeedReason {
    /// The reader follows its author.
    Following { author: String },
    /// People who liked a note the reader liked or collected also liked this one.
    AlsoLiked { note_title: String },
    /// The reader often engages with this channel.
    Channel { channel: Channel },
    /// The reader often engages with this topic (without `#`).
    Topic { topic: String },
    /// Popular in a channel: a fallback and exploration pick.
    Popular { channel: Channel },
    /// New, to explore beyond the reader's usual tastes.
    Fresh,
}

/// [`FeedReason`] as it arrives: its `kind` and whichever of the fields that kind has.
#[derive(Deserialize)]
struct FeedReasonWire {
    kind: FeedReasonKind,
    author: Option<String>,
    note_title: Option<String>,
    channel: Option<Channel>,
    topic: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum FeedReasonKind {
    Following,
    AlsoLiked,
    Channel,
    Topic,
    Popular,
    Fresh,
}

impl TryFrom<FeedReasonWire> for FeedReason {
    type Error = &'static str;

    fn try_from(w: FeedReasonWire) -> Result<Self, Self::Error> {
        let missing = "a feed reason lacks the field its kind needs";
        Ok(match w.kind {
            FeedReasonKind::Following => FeedReason::Following {
                author: w.author.ok_or(missing)?,
            },
            FeedReasonKind::AlsoLiked => FeedReason::AlsoLiked {
                note_title: w.note_title.ok_or(missing)?,
            },
            FeedReasonKind::Channel => FeedReason::Channel {
                channel: w.channel.ok_or(missing)?,
            },
            FeedReasonKind::Topic => FeedReason::Topic {
                topic: w.topic.ok_or(missing)?,
            },
            FeedReasonKind::Popular => FeedReason::Popular {
                channel: w.channel.ok_or(missing)?,
            },
            FeedReasonKind::Fresh => FeedReason::Fresh,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Mention {
    pub user_id: i64,
    /// The display name exactly as it appears after `@` in the body.
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NoteCounts {
    pub likes: i64,
    pub collects: i64,
    pub comments: i64,
    pub shares: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NoteDetail {
    pub id: i64,
    pub title: String,
    /// Plain text; `#topic` and `@name` occurrences listed in `topics`/`mentions` become links.
    pub body: String,
    pub kind: NoteKind,
    pub video_seconds: Option<i32>,
    pub images: Vec<Image>,
    pub topics: Vec<String>,
    pub mentions: Vec<Mention>,
    pub channel: Channel,
    pub author: UserSummary,
    pub location: Option<String>,
    /// Unix seconds.
    pub created_at: i64,
    pub counts: NoteCounts,
    /// First page of top-level comments, so opening a note is one request.
    pub comments: CountedPage<Comment>,
    /// What the signed-in reader has done (all false when signed out).
    #[serde(default)]
    pub viewer: NoteViewer,
    /// Products tagged in the note ("shop the note").
    #[serde(default)]
    pub products: Vec<ProductCard>,
    /// Hidden pending review after reports: only its author still sees it (show them why).
    #[serde(default)]
    pub hidden: bool,
    /// The video of a `video` note (none for photo notes).
    #[serde(default)]
    pub video: Option<NoteVideo>,
}

/// The signed-in reader's relation to a note.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NoteViewer {
    pub liked: bool,
    pub collected: bool,
    pub follows_author: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Comment {
    pub id: i64,
    pub author: UserSummary,
    pub body: String,
    /// For a reply to a reply: whom it answers (shown as "@name").
    pub reply_to: Option<UserSummary>,
    pub like_count: i64,
    /// Whether the signed-in reader liked it.
    #[serde(default)]
    pub liked: bool,
    /// `@name` occurrences in `body` that name a user (linked to their profile).
    #[serde(default)]
    pub mentions: Vec<Mention>,
    pub created_at: i64,
    /// Top-level comments only: total replies and the first few of them.
    pub reply_count: i64,
    // Recursive type: tell utoipa not to expand it forever.
    #[cfg_attr(feature = "openapi", schema(no_recursion))]
    pub replies: Vec<Comment>,
    /// Hidden pending review after reports: only its author still sees it (show them why).
    #[serde(default)]
    pub hidden: bool,
}

/// A user's public profile header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct UserProfile {
    pub user: UserSummary,
    pub bio: String,
    pub note_count: i64,
    /// Likes and collects received on all of the user's notes.
    pub likes_and_collects: i64,
    pub following_count: i64,
    pub follower_count: i64,
    /// Unix seconds.
    pub joined_at: i64,
    /// Whether the signed-in reader follows this user.
    #[serde(default)]
    pub followed_by_viewer: bool,
    /// Whether everyone may see this user's Collections / Likes tabs.
    pub collections_public: bool,
    pub likes_public: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Health {
    pub status: String,
    pub notes: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_values_round_trip_and_match_serde() {
        for v in SearchSort::ALL {
            assert_eq!(SearchSort::parse(v.as_str()), Some(v));
        }
        for v in NoteTypeFilter::ALL {
            assert_eq!(NoteTypeFilter::parse(v.as_str()), Some(v));
        }
        for v in TimeFilter::ALL {
            assert_eq!(TimeFilter::parse(v.as_str()), Some(v));
        }
        assert_eq!(TimeFilter::parse("year"), None);
        for v in NotificationKind::ALL {
            assert_eq!(NotificationKind::parse(v.as_str()), Some(v));
            assert_eq!(serde_json::to_value(v).ok(), Some(v.as_str().into()));
        }
    }

    #[test]
    fn feed_reasons_read_back_what_is_written_and_refuse_a_missing_field() {
        let channel = Channel {
            slug: "food".into(),
            name_en: "Food".into(),
            name_zh: "美食".into(),
        };
        for reason in [
            FeedReason::Following {
                author: "Mia".into(),
            },
            FeedReason::AlsoLiked {
                note_title: "Noodles".into(),
            },
            FeedReason::Channel {
                channel: channel.clone(),
            },
            FeedReason::Topic {
                topic: "ramen".into(),
            },
            FeedReason::Popular { channel },
            FeedReason::Fresh,
        ] {
            let json = serde_json::to_string(&reason).expect("writes");
            let back: FeedReason = serde_json::from_str(&json).expect("reads");
            assert_eq!(back, reason, "{json}");
        }
        assert_eq!(
            serde_json::to_value(FeedReason::Fresh).ok(),
            Some(serde_json::json!({"kind": "fresh"}))
        );
        assert!(serde_json::from_str::<FeedReason>(r#"{"kind":"topic"}"#).is_err());
        assert!(serde_json::from_str::<FeedReason>(r#"{"kind":"secret"}"#).is_err());
    }

    #[test]
    fn cny_is_formatted_with_separators_and_cents() {
        assert_eq!(format_cny(12900), "¥129");
        assert_eq!(format_cny(12950), "¥129.50");
        assert_eq!(format_cny(129_905), "¥1,299.05");
        assert_eq!(format_cny(123_456_700), "¥1,234,567");
        assert_eq!(format_cny(5), "¥0.05");
        assert_eq!(format_cny(-300), "-¥3");
        for s in ProductSort::ALL {
            assert_eq!(ProductSort::parse(s.as_str()), Some(s));
        }
    }

    #[test]
    fn srcset_lists_every_width() {
        let img = Image {
            url_template: "/img/n/ab-{w}.jpg".into(),
            width: 3,
            height: 4,
            placeholder: Placeholder {
                top: "#000000".into(),
                bottom: "#ffffff".into(),
            },
        };
        assert_eq!(img.url(480), "/img/n/ab-480.jpg");
        assert_eq!(img.srcset().matches(" 1080w").count(), 1);
        assert_eq!(img.srcset().split(", ").count(), IMAGE_WIDTHS.len());
        assert_eq!(img.carousel_srcset().matches(" 1080w").count(), 0);
        assert_eq!(img.srcset_up_to(240), "/img/n/ab-240.jpg 240w");
    }
}
