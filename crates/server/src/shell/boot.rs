//! Starting the network before the wasm runs: for the pages people land on, the document
//! carries the first page of data inline and preloads for the first pictures.
//!
//! The boot contract with the client (`src/api.rs`):
//!
//! ```html
//! <script type="application/json" id="zc-boot">{"<api path>": <that path's JSON answer>, …}</script>
//! ```
//!
//! Keys are exactly the paths the client requests first on that route (built by
//! `api_types::paths`, as the client builds them); values are the bodies the API answers to
//! `GET <path>` for this requester (only 200 answers are included), obtained by calling the
//! API router in-process: with the request's cookie where the answer is personal (a note's
//! viewer flags, the following feed), without where the API answers everyone alike
//! ([`Fetch::public`]), so such documents are shared by everyone. The client uses each entry
//! once instead of fetching it. `<`, `>`, `&`, U+2028 and U+2029 are written as `\uXXXX`, so
//! no user text can end the element.

use std::net::SocketAddr;

use api_types::{
    card_sizes, carousel_sizes, paths, product_gallery_sizes, Channel, FeedPage, Image, NoteDetail,
    NoteSearchPage, NoteTypeFilter, ProductDetail, SearchSort, TimeFilter,
};
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::Router;
use tower::ServiceExt;

use super::first_paint::{self, FirstPaint};

/// The `id` of the inline data element.
pub const BOOT_ELEMENT_ID: &str = "zc-boot";
/// The explore page's channel when the URL names none (the client's `DEFAULT_CHANNEL`).
const DEFAULT_CHANNEL: &str = "recommend";
/// The following feed's slug in `/explore?channel=` (the client's `FOLLOWING_CHANNEL`).
const FOLLOWING_CHANNEL: &str = "following";
/// Covers preloaded on feed and search pages: the first rows of the masonry.
pub const PRELOAD_COVERS: usize = 6;
/// Largest API answer put inline.
const MAX_INLINE_BYTES: usize = 512 * 1024;

/// Which pictures of an answer to preload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preload {
    None,
    /// The first covers of a `FeedPage`.
    FeedCovers,
    /// The first covers of a `NoteSearchPage`.
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
    /// products, note search). `tests/it/shell.rs` checks it for a signed-in reader with likes,
    /// collects, follows and a cart. A document made only of these is shared by everyone.
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

/// `index.html` split where the boot goes: before `</head>` (or `<body`, or at the end).
#[derive(Clone)]
pub struct Template {
    before: Bytes,
    after: Bytes,
}

impl Template {
    pub fn new(html: &Bytes) -> Template {
        let at = find_ci(html, b"</head>")
            .or_else(|| find_ci(html, b"<body"))
            .unwrap_or(html.len());
        Template {
            before: html.slice(..at),
            after: html.slice(at..),
        }
    }
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// What an in-process API request carries over from the page request.
#[derive(Clone, Default)]
pub struct RequestContext {
    /// The page request came with a session cookie (whether or not it goes along).
    pub signed_in: bool,
    cookie: Option<HeaderValue>,
    host: Option<HeaderValue>,
    connect_info: Option<ConnectInfo<SocketAddr>>,
    /// Read only when the proxy is trusted (`client`), so the API sees the same client.
    forwarded_for: Option<HeaderValue>,
}

impl RequestContext {
    /// `with_cookie`: the page request's cookies go along (a personal document); without,
    /// the API answers as to anyone signed out (a shared document).
    pub fn from_request(req: &Request, with_cookie: bool) -> RequestContext {
        RequestContext {
            signed_in: crate::auth::session_token(req.headers()).is_some(),
            cookie: with_cookie
                .then(|| req.headers().get(header::COOKIE).cloned())
                .flatten(),
            host: req.headers().get(header::HOST).cloned(),
            connect_info: req.extensions().get::<ConnectInfo<SocketAddr>>().cloned(),
            forwarded_for: req.headers().get("x-forwarded-for").cloned(),
        }
    }

    fn request(&self, path: &str) -> Option<Request> {
        let mut builder = Request::get(path).header(header::ACCEPT, "application/json");
        if let Some(cookie) = &self.cookie {
            builder = builder.header(header::COOKIE, cookie.clone());
        }
        if let Some(host) = &self.host {
            builder = builder.header(header::HOST, host.clone());
        }
        if let Some(forwarded) = &self.forwarded_for {
            builder = builder.header("x-forwarded-for", forwarded.clone());
        }
        let mut req = builder.body(Body::empty()).ok()?;
        if let Some(info) = self.connect_info {
            req.extensions_mut().insert(info);
        }
        Some(req)
    }
}

/// `GET path` through the API router; the body if it is a 200 JSON answer.
async fn fetch(api: Router, req: Request) -> Option<Bytes> {
    let res = api.oneshot(req).await.ok()?;
    let json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if res.status() != StatusCode::OK || !json {
        return None;
    }
    let body = axum::body::to_bytes(res.into_body(), MAX_INLINE_BYTES)
        .await
        .ok()?;
    // Only well-formed JSON goes inline (the escaping below relies on it).
    serde_json::from_slice::<serde::de::IgnoredAny>(&body).ok()?;
    Some(body)
}

/// The pictures to preload from an answer, with the `sizes` their `<img>` uses.
fn preloads(kind: Preload, body: &[u8]) -> Vec<(String, &'static str)> {
    let covers = |items: Vec<api_types::NoteCard>| {
        items
            .into_iter()
            .take(PRELOAD_COVERS)
            .map(|c| (c.cover.srcset(), card_sizes()))
            .collect()
    };
    let first = |images: Vec<Image>, sizes: &'static str| {
        images
            .into_iter()
            .take(1)
            .map(|i| (i.carousel_srcset(), sizes))
            .collect()
    };
    match kind {
        Preload::None => Vec::new(),
        Preload::FeedCovers => serde_json::from_slice::<FeedPage>(body)
            .map(|p| covers(p.items))
            .unwrap_or_default(),
        Preload::SearchCovers => serde_json::from_slice::<NoteSearchPage>(body)
            .map(|p| covers(p.items))
            .unwrap_or_default(),
        Preload::NotePicture => serde_json::from_slice::<NoteDetail>(body)
            .map(|n| first(n.images, carousel_sizes()))
            .unwrap_or_default(),
        Preload::ProductPicture => serde_json::from_slice::<ProductDetail>(body)
            .map(|p| first(p.images, product_gallery_sizes()))
            .unwrap_or_default(),
    }
}

/// Writes valid JSON text so that it cannot end or confuse a `<script>` element: `<`, `>`
/// and `&` (which JSON allows only inside strings) and the line separators become `\uXXXX`
/// escapes, which decode to the same characters.
pub fn escape_json_for_script(json: &[u8], out: &mut Vec<u8>) {
    let mut i = 0;
    while i < json.len() {
        match json[i] {
            b'<' => out.extend_from_slice(b"\\u003c"),
            b'>' => out.extend_from_slice(b"\\u003e"),
            b'&' => out.extend_from_slice(b"\\u0026"),
            0xE2 if json.get(i + 1) == Some(&0x80)
                && matches!(json.get(i + 2), Some(0xA8 | 0xA9)) =>
            {
                out.extend_from_slice(if json[i + 2] == 0xA8 {
                    b"\\u2028"
                } else {
                    b"\\u2029"
                });
                i += 3;
                continue;
            }
            b => out.push(b),
        }
        i += 1;
    }
}

/// An attribute value between double quotes.
fn escape_attr(value: &str, out: &mut Vec<u8>) {
    for c in value.chars() {
        match c {
            '&' => out.extend_from_slice(b"&amp;"),
            '"' => out.extend_from_slice(b"&quot;"),
            '<' => out.extend_from_slice(b"&lt;"),
            '>' => out.extend_from_slice(b"&gt;"),
            c => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
}

/// The document for `plan`: the API answers fetched in-process (in parallel) and put inline,
/// with preloads for their first pictures, before `</head>`.
pub async fn build(
    template: &Template,
    plan: &BootPlan,
    api: &Router,
    ctx: &RequestContext,
) -> Vec<u8> {
    let handles: Vec<_> = plan
        .fetches
        .iter()
        .map(|f| {
            let (api, req) = (api.clone(), ctx.request(&f.path));
            tokio::spawn(async move {
                match req {
                    Some(req) => fetch(api, req).await,
                    None => None,
                }
            })
        })
        .collect();
    let mut answers = Vec::with_capacity(handles.len());
    for (f, handle) in plan.fetches.iter().zip(handles) {
        if let Ok(Some(body)) = handle.await {
            answers.push((f, body));
        }
    }
    assemble(template, &answers, ctx.signed_in)
}

/// The first screen painted from the answers (`first_paint`), if the route has one.
fn first_paint_of(answers: &[(&Fetch, Bytes)], signed_in: bool) -> Option<String> {
    let channels = answers
        .iter()
        .find(|(f, _)| f.path == paths::CHANNELS)
        .and_then(|(_, body)| serde_json::from_slice::<Vec<Channel>>(body).ok());
    let query_of = |path: &str, key: &str| {
        path.split_once('?')
            .and_then(|(_, query)| query_param(query, key))
            .unwrap_or_default()
    };
    answers.iter().find_map(|(f, body)| match f.preload {
        // Nothing to picture (an empty feed, a search that finds nothing): no cover, which
        // would wait for a picture that never comes; the app paints its empty state itself.
        Preload::FeedCovers => {
            let page = serde_json::from_slice::<FeedPage>(body).ok()?;
            if page.items.is_empty() {
                return None;
            }
            let current = if f.path == paths::FOLLOWING_FEED {
                FOLLOWING_CHANNEL.to_string()
            } else {
                query_of(&f.path, "channel")
            };
            Some(first_paint::render(
                &FirstPaint::Feed {
                    channels: channels.as_deref(),
                    current: &current,
                    page: &page,
                },
                signed_in,
            ))
        }
        Preload::SearchCovers => {
            let page = serde_json::from_slice::<NoteSearchPage>(body).ok()?;
            if page.items.is_empty() {
                return None;
            }
            let query = query_of(&f.path, "q");
            Some(first_paint::render(
                &FirstPaint::Search {
                    query: &query,
                    cards: &page.items,
                },
                signed_in,
            ))
        }
        Preload::NotePicture => {
            let note = serde_json::from_slice::<NoteDetail>(body).ok()?;
            Some(first_paint::render(&FirstPaint::Note(&note), signed_in))
        }
        Preload::ProductPicture => {
            let product = serde_json::from_slice::<ProductDetail>(body).ok()?;
            Some(first_paint::render(
                &FirstPaint::Product(&product),
                signed_in,
            ))
        }
        Preload::None => None,
    })
}

fn assemble(template: &Template, answers: &[(&Fetch, Bytes)], signed_in: bool) -> Vec<u8> {
    let inline: usize = answers
        .iter()
        .map(|(f, b)| f.path.len() + b.len() + 8)
        .sum();
    let mut out = Vec::with_capacity(template.before.len() + template.after.len() + inline + 4096);
    out.extend_from_slice(&template.before);
    for (f, body) in answers {
        for (srcset, sizes) in preloads(f.preload, body) {
            out.extend_from_slice(
                b"<link rel=\"preload\" as=\"image\" fetchpriority=\"high\" imagesrcset=\"",
            );
            escape_attr(&srcset, &mut out);
            out.extend_from_slice(b"\" imagesizes=\"");
            escape_attr(sizes, &mut out);
            out.extend_from_slice(b"\">");
        }
    }
    if !answers.is_empty() {
        out.extend_from_slice(b"<script type=\"application/json\" id=\"");
        out.extend_from_slice(BOOT_ELEMENT_ID.as_bytes());
        out.extend_from_slice(b"\">{");
        for (i, (f, body)) in answers.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            let key = serde_json::to_string(&f.path).unwrap_or_else(|_| "\"\"".to_string());
            escape_json_for_script(key.as_bytes(), &mut out);
            out.push(b':');
            escape_json_for_script(body, &mut out);
        }
        out.extend_from_slice(b"}</script>");
    }
    match first_paint_of(answers, signed_in) {
        Some(paint) => {
            // Right after `<body …>`, before the app mounts beside it.
            let at = find_ci(&template.after, b"<body")
                .and_then(|start| {
                    template.after[start..]
                        .iter()
                        .position(|b| *b == b'>')
                        .map(|end| start + end + 1)
                })
                .unwrap_or(template.after.len());
            out.extend_from_slice(&template.after[..at]);
            out.extend_from_slice(paint.as_bytes());
            out.extend_from_slice(&template.after[at..]);
        }
        None => out.extend_from_slice(&template.after),
    }
    out
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

    #[test]
    fn script_escaping_keeps_json_and_closes_nothing() {
        let original = serde_json::json!({
            "title": "</script><img src=x onerror=alert(1)> & <!-- \u{2028}\u{2029}",
            "n": 1,
        });
        let json = serde_json::to_vec(&original).unwrap_or_default();
        let mut out = Vec::new();
        escape_json_for_script(&json, &mut out);
        let text = String::from_utf8(out).unwrap_or_default();
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        assert!(!text.contains('\u{2028}') && !text.contains('\u{2029}'));
        let escaped: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        assert_eq!(original, escaped);
    }

    #[test]
    fn template_splits_before_head_end() {
        let t = Template::new(&Bytes::from_static(
            b"<html><HEAD><title>t</title></HEAD><body>",
        ));
        assert_eq!(&t.before[..], b"<html><HEAD><title>t</title>");
        assert_eq!(&t.after[..], b"</HEAD><body>");
        let t = Template::new(&Bytes::from_static(b"<title>t</title>"));
        assert!(t.after.is_empty());
    }
}
