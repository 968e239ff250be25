//! The JSON shapes of the `/api/v1` API, shared by the server and the web client.
//!
//! Invariant: this crate depends on serde only (plus utoipa behind the server-only `openapi`
//! feature), so nothing server-side leaks into the wasm bundle.

use serde::{Deserialize, Serialize};

mod commerce;
mod layout;
pub mod paths;
mod publishing;
mod video;
pub use commerce::*;
pub use layout::*;
pub use publishing::*;
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

/// The one error shape: `{"error": {"code": "...", "message": "..."}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ErrorDetail {
    /// Stable machine-readable code, e.g. `not_found`, `bad_request`, `validation`.
    pub code: String,
    /// Human-readable explanation.
    pub message: String,
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
    pub message: String,
}

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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
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

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FeedPage {
    pub items: Vec<NoteCard>,
    /// Opaque; pass back as `cursor` for the next page. `None` at the end.
    pub next_cursor: Option<String>,
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
    pub comments: CommentPage,
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

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CommentPage {
    pub items: Vec<Comment>,
    pub next_cursor: Option<String>,
    /// Total number of top-level comments (or replies, on the replies endpoint).
    pub total: i64,
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

/// Longest search query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 100;

/// Order of note search results.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SearchSort {
    /// Relevance mixed with engagement and recency.
    #[default]
    General,
    Newest,
    /// Most liked first.
    Likes,
}

/// Which notes a search includes by type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NoteTypeFilter {
    #[default]
    All,
    Image,
    Video,
}

/// How recent the notes a search includes are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TimeFilter {
    #[default]
    Any,
    Day,
    Week,
    HalfYear,
}

impl SearchSort {
    pub const ALL: [SearchSort; 3] = [SearchSort::General, SearchSort::Newest, SearchSort::Likes];

    /// The value used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            SearchSort::General => "general",
            SearchSort::Newest => "newest",
            SearchSort::Likes => "likes",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == raw)
    }
}

impl NoteTypeFilter {
    pub const ALL: [NoteTypeFilter; 3] = [
        NoteTypeFilter::All,
        NoteTypeFilter::Image,
        NoteTypeFilter::Video,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NoteTypeFilter::All => "all",
            NoteTypeFilter::Image => "image",
            NoteTypeFilter::Video => "video",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == raw)
    }
}

impl TimeFilter {
    pub const ALL: [TimeFilter; 4] = [
        TimeFilter::Any,
        TimeFilter::Day,
        TimeFilter::Week,
        TimeFilter::HalfYear,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TimeFilter::Any => "any",
            TimeFilter::Day => "day",
            TimeFilter::Week => "week",
            TimeFilter::HalfYear => "half_year",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == raw)
    }

    /// The window in seconds, if any.
    pub fn seconds(self) -> Option<i64> {
        match self {
            TimeFilter::Any => None,
            TimeFilter::Day => Some(86_400),
            TimeFilter::Week => Some(7 * 86_400),
            TimeFilter::HalfYear => Some(182 * 86_400),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NoteSearchPage {
    pub items: Vec<NoteCard>,
    pub next_cursor: Option<String>,
    /// Number of matching notes.
    pub total: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct UserSearchPage {
    pub items: Vec<UserProfile>,
    pub next_cursor: Option<String>,
    /// Number of matching users.
    pub total: i64,
}

/// A page of people (followers, following, suggestions).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct UserPage {
    pub items: Vec<UserProfile>,
    pub next_cursor: Option<String>,
}

// ---- Accounts ----

/// Usernames: 3 to 20 of `a-z`, `0-9`, `_`.
pub const USERNAME_CHARS: (usize, usize) = (3, 20);
pub const DISPLAY_NAME_MAX_CHARS: usize = 24;
pub const BIO_MAX_CHARS: usize = 200;
pub const PASSWORD_CHARS: (usize, usize) = (8, 128);
pub const COMMENT_MAX_CHARS: usize = 500;
/// Largest avatar upload in bytes.
pub const AVATAR_MAX_BYTES: usize = 5 * 1024 * 1024;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SignUp {
    pub username: String,
    pub display_name: String,
    pub password: String,
    #[serde(default)]
    pub email: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SignIn {
    pub username: String,
    pub password: String,
}

/// The signed-in user's own account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Me {
    pub user: UserSummary,
    pub bio: String,
    pub email: Option<String>,
    pub collections_public: bool,
    pub likes_public: bool,
}

/// Who is signed in on this browser, if anyone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Session {
    pub me: Option<Me>,
}

/// Profile settings; absent fields stay as they are.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProfileUpdate {
    pub display_name: Option<String>,
    pub bio: Option<String>,
    pub collections_public: Option<bool>,
    pub likes_public: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

// ---- Interactions ----

/// State after liking / collecting / following: whether it is on, and the new total.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Toggle {
    pub active: bool,
    pub count: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewComment {
    pub body: String,
    /// Comment being answered: a top-level comment or one of its replies.
    #[serde(default)]
    pub reply_to: Option<i64>,
}

// ---- Notifications ----

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    Like,
    Collect,
    CommentLike,
    Follow,
    Comment,
    Reply,
    Mention,
}

impl NotificationKind {
    pub const ALL: [NotificationKind; 7] = [
        NotificationKind::Like,
        NotificationKind::Collect,
        NotificationKind::CommentLike,
        NotificationKind::Follow,
        NotificationKind::Comment,
        NotificationKind::Reply,
        NotificationKind::Mention,
    ];

    /// The name in JSON and in the server's `notifications.kind` column.
    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::Like => "like",
            NotificationKind::Collect => "collect",
            NotificationKind::CommentLike => "comment_like",
            NotificationKind::Follow => "follow",
            NotificationKind::Comment => "comment",
            NotificationKind::Reply => "reply",
            NotificationKind::Mention => "mention",
        }
    }

    pub fn parse(name: &str) -> Option<NotificationKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// The three tabs of the notifications page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NotificationTab {
    /// Likes and collects.
    #[default]
    Likes,
    /// New followers.
    Follows,
    /// Comments, replies and @mentions.
    Comments,
}

impl NotificationTab {
    pub const ALL: [NotificationTab; 3] = [
        NotificationTab::Likes,
        NotificationTab::Follows,
        NotificationTab::Comments,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NotificationTab::Likes => "likes",
            NotificationTab::Follows => "follows",
            NotificationTab::Comments => "comments",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == raw)
    }
}

/// A note as referenced from elsewhere (a notification, a product).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NoteRef {
    pub id: i64,
    pub title: String,
    pub cover: Image,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Notification {
    pub id: i64,
    pub kind: NotificationKind,
    pub actor: UserSummary,
    pub note: Option<NoteRef>,
    /// The comment's id and text, for comment, reply, mention and comment-like notifications.
    pub comment_id: Option<i64>,
    pub comment: Option<String>,
    pub created_at: i64,
    pub read: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NotificationPage {
    pub items: Vec<Notification>,
    pub next_cursor: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct UnreadCounts {
    pub likes: i64,
    pub follows: i64,
    pub comments: i64,
    pub total: i64,
}

// ---- Shop ----

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ShopCategory {
    pub slug: String,
    pub name_en: String,
    pub name_zh: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Brand {
    pub id: i64,
    pub name: String,
    pub name_en: String,
    /// Country or region of origin, e.g. "日本".
    pub origin: String,
    /// Imported goods ship cross-border from a bonded warehouse.
    pub cross_border: bool,
}

/// Everything a product tile needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProductCard {
    pub id: i64,
    pub title: String,
    pub brand: String,
    pub cover: Image,
    /// Lowest variant price, in fen (1 CNY = 100 fen).
    pub price_fen: i64,
    pub sales_count: i64,
    /// Every variant is out of stock.
    pub sold_out: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProductPage {
    pub items: Vec<ProductCard>,
    pub next_cursor: Option<String>,
}

/// Order of the product grid.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProductSort {
    /// Best sellers first.
    #[default]
    Popular,
    Newest,
    PriceAsc,
    PriceDesc,
}

impl ProductSort {
    pub const ALL: [ProductSort; 4] = [
        ProductSort::Popular,
        ProductSort::Newest,
        ProductSort::PriceAsc,
        ProductSort::PriceDesc,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProductSort::Popular => "popular",
            ProductSort::Newest => "newest",
            ProductSort::PriceAsc => "price_asc",
            ProductSort::PriceDesc => "price_desc",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == raw)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProductSearchPage {
    pub items: Vec<ProductCard>,
    pub next_cursor: Option<String>,
    /// Number of matching products.
    pub total: i64,
}

/// One value of an option axis.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OptionValue {
    pub value: String,
    pub value_en: String,
}

/// An option axis (colour, size, ...) with its values in display order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProductOption {
    pub name: String,
    pub name_en: String,
    pub values: Vec<OptionValue>,
}

/// A purchasable combination with its own SKU, price and stock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Variant {
    pub id: i64,
    pub sku: String,
    /// For each option axis (in order), the index of this variant's value.
    pub values: Vec<usize>,
    pub price_fen: i64,
    pub stock: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProductDetail {
    pub id: i64,
    pub title: String,
    pub title_en: String,
    pub description: String,
    pub description_en: String,
    pub brand: Brand,
    pub category: ShopCategory,
    pub images: Vec<Image>,
    pub options: Vec<ProductOption>,
    pub variants: Vec<Variant>,
    pub price_fen: i64,
    pub sales_count: i64,
    /// Notes that tag this product.
    pub note_count: i64,
}

/// Compact counts as English readers expect them: 999, 1.2K, 12K, 3.4M.
pub fn compact_count_en(n: i64) -> String {
    match n.max(0) {
        n if n < 1_000 => n.to_string(),
        // 999,950 would round to "1000K".
        n if n < 999_950 => one_decimal(n, 1_000, "K"),
        n => one_decimal(n, 1_000_000, "M"),
    }
}

/// Compact counts as Chinese readers expect them, by ten-thousands: 9999, 1.2万, 3.4亿.
pub fn compact_count_zh(n: i64) -> String {
    match n.max(0) {
        n if n < 10_000 => n.to_string(),
        n if n < 99_995_000 => one_decimal(n, 10_000, "万"),
        n => one_decimal(n, 100_000_000, "亿"),
    }
}

/// `n / unit` rounded to one decimal, without a trailing `.0` (integer maths: no float
/// formatting code in the wasm bundle).
pub fn one_decimal(n: i64, unit: i64, suffix: &str) -> String {
    let tenths = (n * 10 + unit / 2) / unit;
    if tenths % 10 == 0 {
        format!("{}{suffix}", tenths / 10)
    } else {
        format!("{}.{}{suffix}", tenths / 10, tenths % 10)
    }
}

/// Stock at or below this shows "only N left".
pub const LOW_STOCK: i64 = 5;

/// `12900` fen → `"¥129"`, `12950` → `"¥129.50"`.
pub fn format_cny(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let fen = fen.unsigned_abs();
    let (yuan, cents) = (fen / 100, fen % 100);
    let mut digits = yuan.to_string();
    // Thousands separators: ¥1,299.
    let mut i = digits.len();
    while i > 3 {
        i -= 3;
        digits.insert(i, ',');
    }
    if cents == 0 {
        format!("{sign}¥{digits}")
    } else {
        format!("{sign}¥{digits}.{cents:02}")
    }
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
