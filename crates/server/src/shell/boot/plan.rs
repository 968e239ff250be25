//! Which API answers a landing route needs first, and how its query string decodes (as the client
//! router decodes it).

use api_types::{paths, NoteTypeFilter, SearchSort, TimeFilter};

/// The explore page's channel when the URL names none (the client's `DEFAULT_CHANNEL`).
const DEFAULT_CHANNEL: &str = "recommend";
/// The following feed's slug in `/explore?channel=` (the client's `FOLLOWING_CHANNEL`).
pub(super) const FOLLOWING_CHANNEL: &str = "following";

/// Which pictures of an answer to preload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preload {
    None,
    /// The first covers of a `Page<NoteCard>`.
    FeedCovers,
    /// The first covers of a `CountedPage<NoteCard>`.
    SearchCovers,
    /// A note's first picture (the note carousel).
    NotePicture,
    /// A product's first picture (the product gallery).
    ProductPicture,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetch {
    pub path: String,
    pub preload: Preload,
    /// The API answers this path the same with or without a session (its handler never looks
    /// at the cookie: the channel list, channel feeds (served from the shared micro-cache),
    /// products, note search). `tests/it/shell/readers.rs` checks it for a signed-in reader
    /// with likes, collects, follows and a cart. A document made only of these is shared by
    /// everyone.
    pub public: bool,
}

/// The API paths a document route asks for first, in the order the client asks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BootPlan {
    pub fetches: Vec<Fetch>,
}

impl BootPlan {
    pub fn is_empty(&self) -> bool {
        self.fetches.is_empty()
    }

    /// Whether every answer is the same for everyone (see [`Fetch::public`]).
    pub fn is_public(&self) -> bool {
        self.fetches.iter().all(|f| f.public)
    }

    /// Two URLs with the same paths get the same document (`/`, `/explore`,
    /// `/explore?channel=recommend`).
    pub fn key(&self) -> String {
        let mut key = String::new();
        for f in &self.fetches {
            key.push_str(&f.path);
            key.push('\n');
        }
        key
    }

    fn push(&mut self, path: String, preload: Preload, public: bool) {
        self.fetches.push(Fetch {
            path,
            preload,
            public,
        });
    }
}

/// The boot plan of a page URL: `/` and `/explore` (`?channel=`), `/explore/{id}`,
/// `/product/{id}` and `/search?q=` (the notes tab). Every other page gets none.
pub fn boot_plan(path: &str, query: &str) -> BootPlan {
    let mut plan = BootPlan::default();
    let feed = |plan: &mut BootPlan, channel: &str| {
        plan.push(paths::CHANNELS.to_string(), Preload::None, true);
        if channel == FOLLOWING_CHANNEL {
            // Signed in only: for anyone else the API says 401 and nothing goes inline.
            plan.push(
                paths::FOLLOWING_FEED.to_string(),
                Preload::FeedCovers,
                false,
            );
        } else {
            plan.push(paths::feed_channel(channel), Preload::FeedCovers, true);
        }
    };
    match path {
        // `/` redirects to `/explore` on the client, dropping the query.
        "/" => feed(&mut plan, DEFAULT_CHANNEL),
        "/explore" | "/explore/" => {
            let channel = query_param(query, "channel").filter(|c| !c.is_empty());
            feed(&mut plan, channel.as_deref().unwrap_or(DEFAULT_CHANNEL));
        }
        "/search" => {
            let tab = query_param(query, "type");
            let q = query_param(query, "q").unwrap_or_default();
            let q = q.trim();
            if !q.is_empty() && !matches!(tab.as_deref(), Some("users" | "products")) {
                let sort = query_param(query, "sort")
                    .and_then(|v| SearchSort::parse(&v))
                    .unwrap_or_default();
                let kind = query_param(query, "kind")
                    .and_then(|v| NoteTypeFilter::parse(&v))
                    .unwrap_or_default();
                let time = query_param(query, "time")
                    .and_then(|v| TimeFilter::parse(&v))
                    .unwrap_or_default();
                plan.push(
                    paths::note_search(q, sort, kind, time),
                    Preload::SearchCovers,
                    true,
                );
            }
        }
        _ => {
            if let Some(id) = path.strip_prefix("/explore/").and_then(id_segment) {
                // The explore shell asks for the channels even under a note page.
                plan.push(paths::CHANNELS.to_string(), Preload::None, true);
                // Liked, collected, following: the reader's own.
                plan.push(paths::note(id), Preload::NotePicture, false);
            } else if let Some(id) = path.strip_prefix("/product/").and_then(id_segment) {
                plan.push(paths::product(id), Preload::ProductPicture, true);
            }
        }
    }
    plan
}

/// A route's `:id` as the client reads it (`str::parse::<i64>`).
fn id_segment(rest: &str) -> Option<i64> {
    if rest.is_empty() || rest.contains('/') {
        return None;
    }
    rest.parse().ok()
}

/// The value of `key` in a query string as the client's router reads it: the browser's
/// `URLSearchParams` (`+` is a space, `%XX` decoded, bad UTF-8 replaced), then leptos_router
/// decodes the value once more with `decodeURIComponent` (kept as is where that fails); the
/// last of repeated keys wins.
pub fn query_param(query: &str, key: &str) -> Option<String> {
    let mut found = None;
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        if form_decode(k) == key {
            found = Some(v);
        }
    }
    found.map(|v| {
        let once = form_decode(v);
        decode_uri_component(&once).unwrap_or(once)
    })
}

fn hex_value(b: u8) -> Option<u8> {
    char::from(b).to_digit(16).map(|d| d as u8)
}

/// `application/x-www-form-urlencoded` decoding as `URLSearchParams` does it.
fn form_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                match (
                    bytes.get(i + 1).copied().and_then(hex_value),
                    bytes.get(i + 2).copied().and_then(hex_value),
                ) {
                    (Some(h), Some(l)) => {
                        out.push(h * 16 + l);
                        i += 3;
                        continue;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// JavaScript's `decodeURIComponent`: `None` where it throws (a `%` without two hex digits,
/// or escapes that are not UTF-8).
fn decode_uri_component(s: &str) -> Option<String> {
    if !s.contains('%') {
        return Some(s.to_string());
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let h = bytes.get(i + 1).copied().and_then(hex_value)?;
            let l = bytes.get(i + 2).copied().and_then(hex_value)?;
            out.push(h * 16 + l);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths_of(path: &str, query: &str) -> Vec<String> {
        boot_plan(path, query)
            .fetches
            .into_iter()
            .map(|f| f.path)
            .collect()
    }

    #[test]
    fn plans_follow_the_client_routes() {
        let explore = vec![
            "/api/v1/channels".to_string(),
            "/api/v1/feed?channel=recommend".to_string(),
        ];
        assert_eq!(paths_of("/", ""), explore);
        assert_eq!(paths_of("/", "channel=food"), explore);
        assert_eq!(paths_of("/explore", ""), explore);
        assert_eq!(paths_of("/explore", "channel="), explore);
        assert_eq!(paths_of("/explore/", "channel=recommend"), explore);
        assert_eq!(
            paths_of("/explore", "channel=food&channel=travel"),
            vec!["/api/v1/channels", "/api/v1/feed?channel=travel"]
        );
        assert_eq!(
            paths_of("/explore", "channel=following"),
            vec!["/api/v1/channels", "/api/v1/feed/following?limit=20"]
        );
        assert_eq!(
            paths_of("/explore/42", ""),
            vec!["/api/v1/channels", "/api/v1/notes/42"]
        );
        assert_eq!(
            paths_of("/product/147", "from_note=3"),
            vec!["/api/v1/products/147"]
        );
        assert!(paths_of("/explore/abc", "").is_empty());
        assert!(paths_of("/explore/1/2", "").is_empty());
        assert!(paths_of("/product/", "").is_empty());
        assert!(paths_of("/shop", "").is_empty());
        assert!(paths_of("/search", "").is_empty());
        assert!(paths_of("/search", "q=+%20").is_empty());
        assert!(paths_of("/search", "q=a&type=users").is_empty());
        assert_eq!(
            paths_of(
                "/search",
                "q=%E9%98%B2%E6%99%92+spf&sort=likes&kind=video&time=week"
            ),
            vec![paths::note_search(
                "防晒 spf",
                SearchSort::Likes,
                NoteTypeFilter::Video,
                TimeFilter::Week
            )]
        );
        assert_eq!(
            paths_of("/search", "q=x&sort=bogus"),
            vec![paths::note_search(
                "x",
                SearchSort::default(),
                NoteTypeFilter::default(),
                TimeFilter::default()
            )]
        );
    }

    #[test]
    fn query_values_decode_like_the_client_router() {
        assert_eq!(query_param("q=a+b", "q").as_deref(), Some("a b"));
        assert_eq!(query_param("q=%E9%98%B2", "q").as_deref(), Some("防"));
        // URLSearchParams, then decodeURIComponent again.
        assert_eq!(query_param("q=%2541", "q").as_deref(), Some("A"));
        assert_eq!(query_param("q=100%", "q").as_deref(), Some("100%"));
        assert_eq!(query_param("q=%25zz", "q").as_deref(), Some("%zz"));
        assert_eq!(query_param("q=%2B", "q").as_deref(), Some("+"));
        assert_eq!(query_param("q", "q").as_deref(), Some(""));
        assert_eq!(query_param("x=1&&q=2&q=3", "q").as_deref(), Some("3"));
        assert_eq!(query_param("a%71=1", "aq").as_deref(), Some("1"));
        assert_eq!(query_param("", "q"), None);
        assert_eq!(query_param("q=%ff", "q").as_deref(), Some("\u{fffd}"));
    }
}
