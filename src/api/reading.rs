//! Reading: feeds, note search, notes (with a small cache of recent ones), comments, profiles,
//! search suggestions.

use super::*;

/// A note search as the URL describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteSearch {
    pub q: String,
    pub sort: SearchSort,
    pub kind: NoteTypeFilter,
    pub time: TimeFilter,
}

/// Which notes a feed lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeedSource {
    Channel(String),
    Topic(String),
    TopicNewest(String),
    Author(i64),
    Search(NoteSearch),
    /// Newest notes from people the signed-in user follows.
    Following,
    /// The reader's own ranked For-you list: signed in, or a guest whose browser has taught it.
    ForYou,
    /// Notes a user collected / liked.
    Collections(i64),
    Likes(i64),
    /// Notes that tag a product.
    ProductNotes(i64),
}

/// The pseudo-channel slug of the following feed in `/explore?channel=`.
pub const FOLLOWING_CHANNEL: &str = "following";

/// The channel slug of For you (the public page, or the reader's own list).
pub const FOR_YOU_CHANNEL: &str = "recommend";

/// The personal For-you list (signed in, or a guest by its anonymous id; its own cursors).
pub const FOR_YOU_FEED: &str = "/api/v1/feed/for-you?limit=20";

pub async fn channels() -> Result<Vec<Channel>, ApiError> {
    get_json(api_types::paths::CHANNELS).await
}

pub fn feed_path(source: &FeedSource, cursor: Option<&str>) -> String {
    let mut path = match source {
        FeedSource::Channel(slug) => api_types::paths::feed_channel(slug),
        FeedSource::Topic(topic) => format!("/api/v1/feed?topic={}", encode(topic)),
        FeedSource::TopicNewest(topic) => {
            format!("/api/v1/feed?topic={}&sort=newest", encode(topic))
        }
        FeedSource::Author(id) => format!("/api/v1/feed?author={id}"),
        FeedSource::Following => api_types::paths::FOLLOWING_FEED.to_string(),
        FeedSource::ForYou => FOR_YOU_FEED.to_string(),
        FeedSource::Collections(id) => format!("/api/v1/users/{id}/collections?limit=20"),
        FeedSource::Likes(id) => format!("/api/v1/users/{id}/likes?limit=20"),
        FeedSource::ProductNotes(id) => format!("/api/v1/products/{id}/notes?limit=20"),
        FeedSource::Search(s) => api_types::paths::note_search(&s.q, s.sort, s.kind, s.time),
    };
    if let Some(cursor) = cursor {
        path.push_str("&cursor=");
        path.push_str(&encode(cursor));
    }
    path
}

/// A page of any feed. A note search answers a `CountedPage`, read here as a `Page` (its
/// `total` skipped): the main module then carries one page decoder for the feed, not two.
pub async fn feed(source: &FeedSource, cursor: Option<&str>) -> Result<Page<NoteCard>, ApiError> {
    get_json(&feed_path(source, cursor)).await
}

pub async fn search_users(
    q: &str,
    cursor: Option<&str>,
) -> Result<CountedPage<UserProfile>, ApiError> {
    let mut path = format!("/api/v1/search/users?q={}", encode(q));
    if let Some(cursor) = cursor {
        path.push_str("&cursor=");
        path.push_str(&encode(cursor));
    }
    get_json(&path).await
}

thread_local! {
    /// Recently fetched notes, so opening a card can render at once.
    static NOTE_CACHE: std::cell::RefCell<Vec<NoteDetail>> = const { std::cell::RefCell::new(Vec::new()) };
    /// Prefetched notes as the server's JSON text: read only when opened, by the note's own
    /// chunk, so the main module carries no `NoteDetail` decoder.
    static PREFETCHED: std::cell::RefCell<Vec<(i64, String)>> = const { std::cell::RefCell::new(Vec::new()) };
}
const NOTE_CACHE_SIZE: usize = 24;

/// Adds `item` to a most-recent-last list of at most [`NOTE_CACHE_SIZE`], replacing its own
/// older copy (`same`) and dropping the oldest when full.
fn push_recent<T>(list: &mut Vec<T>, item: T, same: impl Fn(&T) -> bool) {
    list.retain(|x| !same(x));
    if list.len() >= NOTE_CACHE_SIZE {
        list.remove(0);
    }
    list.push(item);
}

fn remember(note: &NoteDetail) {
    NOTE_CACHE.with(|c| push_recent(&mut c.borrow_mut(), note.clone(), |n| n.id == note.id));
}

/// A note fetched (or prefetched) recently, without a request.
pub fn cached_note(id: i64) -> Option<NoteDetail> {
    if let Some(note) = NOTE_CACHE.with(|c| c.borrow().iter().find(|n| n.id == id).cloned()) {
        return Some(note);
    }
    let text = PREFETCHED.with(|p| {
        let mut p = p.borrow_mut();
        let at = p.iter().position(|(n, _)| *n == id)?;
        Some(p.remove(at).1)
    })?;
    let note: NoteDetail = decode(&text).ok()?;
    remember(&note);
    Some(note)
}

pub async fn note(id: i64) -> Result<NoteDetail, ApiError> {
    let note: NoteDetail = get_json(&api_types::paths::note(id)).await?;
    remember(&note);
    Ok(note)
}

/// Warms the cache when a pointer rests on a card (or a finger touches it).
pub fn prefetch_note(id: i64) {
    let known = NOTE_CACHE.with(|c| c.borrow().iter().any(|n| n.id == id))
        || PREFETCHED.with(|p| p.borrow().iter().any(|(n, _)| *n == id));
    if known {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(text) = get_text(&api_types::paths::note(id)).await {
            PREFETCHED.with(|p| push_recent(&mut p.borrow_mut(), (id, text), |(n, _)| *n == id));
        }
    });
}

pub async fn related(id: i64) -> Result<Vec<NoteCard>, ApiError> {
    get_json(&format!("/api/v1/notes/{id}/related?limit=24")).await
}

pub async fn comments(note_id: i64, cursor: &str) -> Result<CountedPage<Comment>, ApiError> {
    get_json(&format!(
        "/api/v1/notes/{note_id}/comments?cursor={}",
        encode(cursor)
    ))
    .await
}

pub async fn replies(
    comment_id: i64,
    cursor: Option<&str>,
) -> Result<CountedPage<Comment>, ApiError> {
    let mut path = format!("/api/v1/comments/{comment_id}/replies?limit=10");
    if let Some(cursor) = cursor {
        path.push_str("&cursor=");
        path.push_str(&encode(cursor));
    }
    get_json(&path).await
}

pub async fn user(id: i64) -> Result<UserProfile, ApiError> {
    get_json(&format!("/api/v1/users/{id}")).await
}

pub async fn suggest(q: &str) -> Result<Vec<String>, ApiError> {
    get_json(&format!("/api/v1/search/suggest?q={}", encode(q))).await
}

pub async fn trending() -> Result<Vec<String>, ApiError> {
    get_json("/api/v1/search/trending").await
}

/// Forgets every cached note: what the reader has liked or collected changes on sign-in/out.
pub fn forget_notes() {
    NOTE_CACHE.with(|c| c.borrow_mut().clear());
    PREFETCHED.with(|p| p.borrow_mut().clear());
    forget_boot();
}

/// Updates a cached note in place (after a like, collect, follow or comment).
pub fn update_cached_note(id: i64, change: impl FnOnce(&mut NoteDetail)) {
    NOTE_CACHE.with(|c| {
        if let Some(n) = c.borrow_mut().iter_mut().find(|n| n.id == id) {
            change(n);
        }
    });
}
