//! Typed client for the `/api/v1` API. Components call these functions and never build URLs
//! by hand; every failure is an [`ApiError`].

use api_types::{
    Channel, CommentPage, ErrorBody, FeedPage, NoteCard, NoteDetail, NoteSearchPage,
    NoteTypeFilter, SearchSort, TimeFilter, UserProfile, UserSearchPage,
};
use gloo_net::http::Request;
use serde::de::DeserializeOwned;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Validation(String),
    #[error("The server had a problem ({status}). Please try again.")]
    Server { status: u16 },
    #[error("Can't reach Zhongcao. Check your connection and try again.")]
    Network(String),
    #[error("Unexpected response from the server.")]
    Decode(String),
}

impl ApiError {
    pub fn is_not_found(&self) -> bool {
        matches!(self, ApiError::NotFound(_))
    }
}

/// Maps a non-success HTTP response to an error, using the server's JSON message when present.
pub fn error_from_response(status: u16, body: &str) -> ApiError {
    let message = serde_json::from_str::<ErrorBody>(body)
        .map(|b| b.error.message)
        .unwrap_or_else(|_| format!("Request failed with status {status}."));
    match status {
        404 => ApiError::NotFound(message),
        400 => ApiError::BadRequest(message),
        422 => ApiError::Validation(message),
        _ => ApiError::Server { status },
    }
}

fn encode(value: &str) -> String {
    String::from(js_sys::encode_uri_component(value))
}

async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let response = Request::get(path)
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    let status = response.status();
    let body = response
        .text()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    if !(200..300).contains(&status) {
        return Err(error_from_response(status, &body));
    }
    serde_json::from_str(&body).map_err(|e| ApiError::Decode(e.to_string()))
}

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
    Author(i64),
    Search(NoteSearch),
}

pub async fn channels() -> Result<Vec<Channel>, ApiError> {
    get_json("/api/v1/channels").await
}

pub fn feed_path(source: &FeedSource, cursor: Option<&str>) -> String {
    let mut path = match source {
        FeedSource::Channel(slug) => format!("/api/v1/feed?channel={}", encode(slug)),
        FeedSource::Topic(topic) => format!("/api/v1/feed?topic={}", encode(topic)),
        FeedSource::Author(id) => format!("/api/v1/feed?author={id}"),
        FeedSource::Search(s) => format!(
            "/api/v1/search/notes?q={}&sort={}&type={}&time={}",
            encode(&s.q),
            s.sort.as_str(),
            s.kind.as_str(),
            s.time.as_str()
        ),
    };
    if let Some(cursor) = cursor {
        path.push_str("&cursor=");
        path.push_str(&encode(cursor));
    }
    path
}

pub async fn feed(source: &FeedSource, cursor: Option<&str>) -> Result<FeedPage, ApiError> {
    let path = feed_path(source, cursor);
    if matches!(source, FeedSource::Search(_)) {
        let page: NoteSearchPage = get_json(&path).await?;
        return Ok(FeedPage {
            items: page.items,
            next_cursor: page.next_cursor,
        });
    }
    get_json(&path).await
}

pub async fn search_users(q: &str, cursor: Option<&str>) -> Result<UserSearchPage, ApiError> {
    let mut path = format!("/api/v1/search/users?q={}", encode(q));
    if let Some(cursor) = cursor {
        path.push_str("&cursor=");
        path.push_str(&encode(cursor));
    }
    get_json(&path).await
}

thread_local! {
    /// Recently fetched or prefetched notes, so opening a card can render at once.
    static NOTE_CACHE: std::cell::RefCell<Vec<NoteDetail>> = const { std::cell::RefCell::new(Vec::new()) };
}
const NOTE_CACHE_SIZE: usize = 24;

fn remember(note: &NoteDetail) {
    NOTE_CACHE.with(|c| {
        let mut c = c.borrow_mut();
        c.retain(|n| n.id != note.id);
        if c.len() >= NOTE_CACHE_SIZE {
            c.remove(0);
        }
        c.push(note.clone());
    });
}

/// A note fetched (or prefetched) recently, without a request.
pub fn cached_note(id: i64) -> Option<NoteDetail> {
    NOTE_CACHE.with(|c| c.borrow().iter().find(|n| n.id == id).cloned())
}

pub async fn note(id: i64) -> Result<NoteDetail, ApiError> {
    let note: NoteDetail = get_json(&format!("/api/v1/notes/{id}")).await?;
    remember(&note);
    Ok(note)
}

/// Warms the cache when a pointer rests on a card (or a finger touches it).
pub fn prefetch_note(id: i64) {
    if cached_note(id).is_some() {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let _ = note(id).await;
    });
}

pub async fn related(id: i64) -> Result<Vec<NoteCard>, ApiError> {
    get_json(&format!("/api/v1/notes/{id}/related?limit=24")).await
}

pub async fn comments(note_id: i64, cursor: &str) -> Result<CommentPage, ApiError> {
    get_json(&format!(
        "/api/v1/notes/{note_id}/comments?cursor={}",
        encode(cursor)
    ))
    .await
}

pub async fn replies(comment_id: i64, cursor: Option<&str>) -> Result<CommentPage, ApiError> {
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
