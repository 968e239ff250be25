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
    card_sizes, carousel_sizes, paths, product_gallery_sizes, Channel, CountedPage, Image,
    NoteCard, NoteDetail, Page, ProductDetail,
};
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::Router;
use tower::ServiceExt;

use super::first_paint::{self, FirstPaint};

mod plan;

use plan::FOLLOWING_CHANNEL;
pub use plan::{boot_plan, query_param, BootPlan, Fetch, Preload};

/// The `id` of the inline data element.
pub const BOOT_ELEMENT_ID: &str = "zc-boot";
/// Covers preloaded on feed and search pages: the first rows of the masonry.
pub const PRELOAD_COVERS: usize = 6;
/// Largest API answer put inline.
const MAX_INLINE_BYTES: usize = 512 * 1024;

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
        Preload::FeedCovers => serde_json::from_slice::<Page<NoteCard>>(body)
            .map(|p| covers(p.items))
            .unwrap_or_default(),
        Preload::SearchCovers => serde_json::from_slice::<CountedPage<NoteCard>>(body)
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
            let page = serde_json::from_slice::<Page<NoteCard>>(body).ok()?;
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
            let page = serde_json::from_slice::<CountedPage<NoteCard>>(body).ok()?;
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
