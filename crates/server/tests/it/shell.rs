//! The app shell (`shell.rs`) through the HTTP router: files from memory with content
//! negotiation, ETags and cache policy, 404s for missing files, the history fallback, and the
//! boot data and image preloads put into documents. Each test serves a dist directory it
//! writes itself (no real build needed).

use crate::common;

use std::io::Read;
use std::path::Path;

use crate::common::{gradient, parse, test_app, TestApp, TestResponse, SMALL_WORLD};
use api_types::{
    card_sizes, carousel_sizes, paths, product_gallery_sizes, FeedPage, NoteDetail, NoteSearchPage,
    NoteTypeFilter, ProductDetail, SearchSort, TimeFilter, Upload,
};
use axum::http::{Method, StatusCode};
use serde_json::{json, Map, Value};
use zhongcao_server::shell::{brotli, gzip};

const BUILD: &str = "0123456789abcdef";
const INDEX: &str = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>Zhongcao 种草 · Discover</title>\n\
<link rel=\"modulepreload\" href=\"/pkg/0123456789abcdef/zhongcao-web.js\">\n\
<link rel=\"preload\" href=\"/pkg/0123456789abcdef/zhongcao-web_bg.wasm\" as=\"fetch\" type=\"application/wasm\" crossorigin>\n\
<link rel=\"stylesheet\" href=\"/pkg/0123456789abcdef/app.css\">\n\
</head>\n<body>\n<noscript>Zhongcao needs JavaScript and WebAssembly to run.</noscript>\n</body>\n</html>\n";
const BOOT_OPEN: &str = "<script type=\"application/json\" id=\"zc-boot\">";

fn write(dist: &Path, rel: &str, data: &[u8], precompress: bool) {
    let path = dist.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("dist dir");
    }
    std::fs::write(&path, data).expect("dist file");
    if precompress {
        std::fs::write(format!("{}.br", path.display()), brotli(data, 11)).expect("br");
        std::fs::write(format!("{}.gz", path.display()), gzip(data, 9)).expect("gz");
    }
}

/// A fake wasm module: the magic number, then compressible bytes.
fn wasm() -> Vec<u8> {
    let mut data = b"\0asm\x01\0\0\0".to_vec();
    data.extend((0..20_000u32).map(|i| (i % 61) as u8));
    data
}

/// A seeded app serving a dist directory written here, as a build lays it out.
async fn shell_app() -> TestApp {
    let mut app = test_app(SMALL_WORLD).await;
    let dist = app.dir.path().join("dist-shell");
    write(&dist, "index.html", INDEX.as_bytes(), true);
    let pkg = format!("pkg/{BUILD}");
    write(&dist, &format!("{pkg}/zhongcao-web_bg.wasm"), &wasm(), true);
    let js = "export default function init() { return import('./split.js'); }\n".repeat(20);
    write(
        &dist,
        &format!("{pkg}/zhongcao-web.js"),
        js.as_bytes(),
        true,
    );
    write(&dist, &format!("{pkg}/chunk_1.wasm"), &wasm()[..400], false);
    write(
        &dist,
        "zhongcao-web-0123456789abcdef.js",
        js.as_bytes(),
        false,
    );
    // Unhashed files without precompressed copies (the server makes them at start).
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\">{}</svg>",
        "<circle r=\"1\"/>".repeat(40)
    );
    write(&dist, "favicon.svg", svg.as_bytes(), false);
    let robots = include_str!("../../../../public/robots.txt");
    write(&dist, "robots.txt", robots.as_bytes(), false);
    write(&dist, "data.bin", &[b'a'; 1000], false);
    write(
        &dist,
        "icon-192.png",
        &[0x89, b'P', b'N', b'G', 0, 1, 2, 3],
        false,
    );
    app.router = zhongcao_server::app(app.state.clone(), dist);
    app
}

async fn get(app: &TestApp, uri: &str, headers: &[(&str, &str)]) -> TestResponse {
    let mut req = app.request(Method::GET, uri).without_header("origin");
    for (name, value) in headers {
        req = req.header(name, value);
    }
    req.send().await
}

fn unbrotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::BrotliDecompress(&mut &data[..], &mut out).expect("brotli");
    out
}

fn gunzip(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(data)
        .read_to_end(&mut out)
        .expect("gzip");
    out
}

/// The response body as text, decoded from whatever `Content-Encoding` it has.
fn text(res: &TestResponse) -> String {
    let body = match res.header("content-encoding").as_str() {
        "br" => unbrotli(&res.body),
        "gzip" => gunzip(&res.body),
        "" => res.body.clone(),
        other => panic!("unexpected encoding {other}"),
    };
    String::from_utf8(body).expect("UTF-8")
}

/// The inline boot data of a document (`None` if it has none); the element must end at the
/// first `</script>` after it and hold a JSON object.
fn boot(html: &str) -> Option<Map<String, Value>> {
    let start = html.find(BOOT_OPEN)? + BOOT_OPEN.len();
    let end = start
        + html[start..]
            .find("</script>")
            .expect("boot element closed");
    let head_end = html.find("</head>").expect("</head>");
    assert!(end < head_end, "boot data belongs in the head");
    match serde_json::from_str(&html[start..end]) {
        Ok(Value::Object(map)) => Some(map),
        other => panic!("boot data is not a JSON object: {other:?}"),
    }
}

/// `(imagesrcset, imagesizes)` of every image preload, in order.
fn preloads(html: &str) -> Vec<(String, String)> {
    let attr = |tag: &str, name: &str| {
        let from = tag.find(&format!("{name}=\""))? + name.len() + 2;
        Some(tag[from..from + tag[from..].find('"')?].replace("&amp;", "&"))
    };
    html.split("<link rel=\"preload\" as=\"image\" fetchpriority=\"high\" ")
        .skip(1)
        .map(|rest| {
            let tag = &rest[..rest.find('>').expect("tag end")];
            (
                attr(tag, "imagesrcset").expect("imagesrcset"),
                attr(tag, "imagesizes").expect("imagesizes"),
            )
        })
        .collect()
}

fn keys(map: &Map<String, Value>) -> Vec<&str> {
    map.keys().map(String::as_str).collect()
}

#[tokio::test]
async fn files_are_negotiated_from_the_precompressed_copies() {
    let app = shell_app().await;
    let dist = app.dir.path().join("dist-shell");
    let wasm_path = format!("/pkg/{BUILD}/zhongcao-web_bg.wasm");
    let on_disk = |rel: &str| std::fs::read(dist.join(rel)).expect("file");

    for (uri, rel, content_type, cache) in [
        (
            wasm_path.as_str(),
            format!("pkg/{BUILD}/zhongcao-web_bg.wasm"),
            "application/wasm",
            "public, max-age=31536000, immutable",
        ),
        (
            "/shop",
            "index.html".to_string(),
            "text/html; charset=utf-8",
            "no-cache",
        ),
    ] {
        let br = get(&app, uri, &[("accept-encoding", "gzip, deflate, br, zstd")]).await;
        assert_eq!(br.status, 200, "{uri}");
        assert_eq!(br.header("content-type"), content_type, "{uri}");
        assert_eq!(br.header("content-encoding"), "br", "{uri}");
        assert_eq!(br.header("cache-control"), cache, "{uri}");
        assert!(br.header("vary").contains("Accept-Encoding"), "{uri}");
        // The build's own copy, byte for byte: nothing compressed it again.
        assert_eq!(br.body, on_disk(&format!("{rel}.br")), "{uri}");

        let gz = get(&app, uri, &[("accept-encoding", "br;q=0, gzip")]).await;
        assert_eq!(gz.header("content-encoding"), "gzip", "{uri}");
        assert_eq!(gz.body, on_disk(&format!("{rel}.gz")), "{uri}");

        for refused in [
            None,
            Some("identity"),
            Some("br;q=0, gzip;q=0"),
            Some("*;q=0"),
        ] {
            let headers: Vec<(&str, &str)> =
                refused.iter().map(|v| ("accept-encoding", *v)).collect();
            let plain = get(&app, uri, &headers).await;
            assert_eq!(plain.header("content-encoding"), "", "{uri} {refused:?}");
            assert_eq!(plain.body, on_disk(&rel), "{uri} {refused:?}");
        }
        let etags: Vec<String> = [&br, &gz]
            .iter()
            .map(|r| r.header("etag"))
            .chain([get(&app, uri, &[]).await.header("etag")])
            .collect();
        assert!(etags.iter().all(|t| t.starts_with('"') && t.ends_with('"')));
        assert!(etags[0] != etags[1] && etags[1] != etags[2], "{etags:?}");
    }
    let doc = get(&app, "/shop", &[("accept-encoding", "br")]).await;
    assert_eq!(doc.header("vary"), "Cookie, Accept-Encoding");

    // Compressed at start where the build wrote no copies; round-trips exactly.
    let svg = get(&app, "/favicon.svg", &[("accept-encoding", "br, gzip")]).await;
    assert_eq!(svg.header("content-type"), "image/svg+xml");
    assert_eq!(svg.header("cache-control"), "no-cache");
    assert_eq!(svg.header("content-encoding"), "br");
    assert_eq!(unbrotli(&svg.body), on_disk("favicon.svg"));
    let robots = get(&app, "/robots.txt", &[]).await;
    assert_eq!(robots.status, 200);
    assert_eq!(robots.header("content-type"), "text/plain; charset=utf-8");
    assert!(text(&robots).contains("Disallow: /api/"));
    let png = get(&app, "/icon-192.png", &[("accept-encoding", "gzip")]).await;
    assert_eq!(png.header("content-type"), "image/png");
    assert_eq!(png.header("content-encoding"), "");
    // Not compressed on the fly either (the compression layer only wraps the API).
    let bin = get(&app, "/data.bin", &[("accept-encoding", "gzip, br")]).await;
    assert_eq!(bin.header("content-encoding"), "");
    assert_eq!(bin.body, vec![b'a'; 1000]);
    let api = get(&app, "/api/v1/channels", &[("accept-encoding", "gzip")]).await;
    assert_eq!(
        api.header("content-encoding"),
        "gzip",
        "the API is still compressed"
    );

    // Trunk-style hashed names stay immutable; unhashed build files are revalidated.
    let trunk = get(&app, "/zhongcao-web-0123456789abcdef.js", &[]).await;
    assert!(trunk.header("cache-control").contains("immutable"));
    let chunk = get(&app, &format!("/pkg/{BUILD}/chunk_1.wasm"), &[]).await;
    assert_eq!(chunk.status, 200);
    assert!(chunk.header("cache-control").contains("immutable"));
}

#[tokio::test]
async fn etags_answer_304_and_head_has_no_body() {
    let app = shell_app().await;
    let wasm_path = format!("/pkg/{BUILD}/zhongcao-web_bg.wasm");
    for (uri, ae) in [
        (wasm_path.as_str(), "br"),
        (wasm_path.as_str(), "gzip"),
        ("/robots.txt", ""),
        ("/shop", "br"),
        ("/explore", "br"),
    ] {
        let first = get(&app, uri, &[("accept-encoding", ae)]).await;
        let tag = first.header("etag");
        assert!(!tag.is_empty(), "{uri}");
        let again = get(
            &app,
            uri,
            &[("accept-encoding", ae), ("if-none-match", &tag)],
        )
        .await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{uri} {ae}");
        assert!(again.body.is_empty());
        assert_eq!(again.header("etag"), tag);
        assert_eq!(again.header("cache-control"), first.header("cache-control"));
        let weak = format!("\"other\", W/{tag}");
        let weakly = get(
            &app,
            uri,
            &[("accept-encoding", ae), ("if-none-match", &weak)],
        )
        .await;
        assert_eq!(weakly.status, StatusCode::NOT_MODIFIED, "{uri} weak");
        let changed = get(
            &app,
            uri,
            &[("accept-encoding", ae), ("if-none-match", "\"x\"")],
        )
        .await;
        assert_eq!(changed.status, 200, "{uri}");
        assert_eq!(changed.body, first.body, "{uri}");

        let head = app
            .request(Method::HEAD, uri)
            .header("accept-encoding", ae)
            .send()
            .await;
        assert_eq!(head.status, 200, "HEAD {uri}");
        assert!(head.body.is_empty(), "HEAD {uri}");
        assert_eq!(head.header("etag"), tag, "HEAD {uri}");
        assert_eq!(head.header("content-length"), first.body.len().to_string());
    }
    let post = app.request(Method::POST, "/robots.txt").send().await;
    assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn missing_files_are_404_and_pages_fall_back_to_the_document() {
    let app = shell_app().await;
    for uri in [
        "/pkg/fedcba9876543210/chunk_3.wasm",
        &format!("/pkg/{BUILD}/chunk_99.wasm"),
        "/pkg/fedcba9876543210/zhongcao-web.js",
        "/foo.png",
        "/deep/path/app.css",
        "/index.html.br",
        "/img/nope",
    ] {
        let res = get(&app, uri, &[("accept-encoding", "br")]).await;
        assert_eq!(res.status, 404, "{uri}");
        assert!(
            !text(&res).contains("<html"),
            "{uri} must not be the document"
        );
        assert_eq!(res.header("cache-control"), "no-cache", "{uri}");
    }
    for uri in [
        "/",
        "/shop",
        "/user/7",
        "/topic/node.js",
        "/topic/%E7%A9%BF%E6%90%AD",
        "/orders/3",
        "/no/such/page",
    ] {
        let res = get(&app, uri, &[("accept-encoding", "gzip, br")]).await;
        assert_eq!(res.status, 200, "{uri}");
        assert_eq!(
            res.header("content-type"),
            "text/html; charset=utf-8",
            "{uri}"
        );
        assert_eq!(res.header("content-encoding"), "br", "{uri}");
        assert_eq!(res.header("cache-control"), "no-cache", "{uri}");
        assert_eq!(res.header("vary"), "Cookie, Accept-Encoding", "{uri}");
        assert!(text(&res).contains("<title>Zhongcao 种草"), "{uri}");
    }
    app.expect_error("/api/nope", 404, "not_found").await;
    app.expect_error("/api/v1/nope.json", 404, "not_found")
        .await;
    app.expect_error("/api", 404, "not_found").await;
}

#[tokio::test]
async fn explore_documents_carry_the_first_feed_page_and_cover_preloads() {
    let app = shell_app().await;
    for (uri, channel) in [
        ("/explore", "recommend"),
        ("/", "recommend"),
        ("/explore?channel=food", "food"),
    ] {
        let res = get(&app, uri, &[("accept-encoding", "br")]).await;
        assert_eq!(res.status, 200, "{uri}");
        assert_eq!(res.header("content-encoding"), "br");
        let html = text(&res);
        let data = boot(&html).unwrap_or_else(|| panic!("{uri}: no boot data"));
        let feed_path = paths::feed_channel(channel);
        assert_eq!(
            keys(&data),
            vec![paths::CHANNELS, feed_path.as_str()],
            "{uri}"
        );
        // Exactly what the API answers for these paths.
        assert_eq!(data[paths::CHANNELS], app.get_json(paths::CHANNELS).await);
        assert_eq!(data[&feed_path], app.get_json(&feed_path).await, "{uri}");
        let page: FeedPage = serde_json::from_value(data[&feed_path].clone()).expect("FeedPage");
        assert!(page.items.len() >= 6, "{uri}: a full first page");

        let links = preloads(&html);
        let expected: Vec<(String, String)> = page
            .items
            .iter()
            .take(6)
            .map(|c| (c.cover.srcset(), card_sizes().to_string()))
            .collect();
        assert_eq!(links, expected, "{uri}");
        assert!(html.find("imagesrcset").unwrap_or(0) < html.find("</head>").unwrap_or(0));

        // The first screen is painted from the same page, right after <body>, with the same
        // files as the preloads (the masonry's first eight covers, two columns).
        let body_at = html.find("<body").expect("body");
        let paint_at = html
            .find(r#"<div id="zc-first-paint""#)
            .expect("first paint");
        assert!(paint_at > body_at, "{uri}: the first paint is in the body");
        assert_eq!(
            html.matches(r#"class="fp-cover""#).count(),
            page.items.len().min(8)
        );
        assert_eq!(html.matches(r#"class="fp-col""#).count(), 2);
        for card in page.items.iter().take(6) {
            let srcset = card.cover.srcset().replace('&', "&amp;");
            assert!(
                html[paint_at..].contains(&format!(r#"srcset="{srcset}""#)),
                "{uri}"
            );
        }
    }
    // Pages without boot data get the document as built.
    let shop = get(&app, "/shop", &[]).await;
    assert_eq!(text(&shop), INDEX);
    // Anyone not signed in gets no following feed inline.
    let following = text(&get(&app, "/explore?channel=following", &[]).await);
    assert_eq!(
        keys(&boot(&following).expect("boot")),
        vec![paths::CHANNELS]
    );
}

#[tokio::test]
async fn note_product_and_search_documents() {
    let app = shell_app().await;
    let card = &app.get_json("/api/v1/feed?channel=recommend").await["items"][0];
    let note_id = card["id"].as_i64().expect("note id");
    let html = text(&get(&app, &format!("/explore/{note_id}"), &[]).await);
    let data = boot(&html).expect("boot");
    let note_path = paths::note(note_id);
    assert_eq!(keys(&data), vec![paths::CHANNELS, note_path.as_str()]);
    assert_eq!(data[&note_path], app.get_json(&note_path).await);
    let note: NoteDetail = serde_json::from_value(data[&note_path].clone()).expect("NoteDetail");
    assert_eq!(
        preloads(&html),
        vec![(
            note.images[0].carousel_srcset(),
            carousel_sizes().to_string()
        )]
    );

    let product_path = paths::product(1);
    let html = text(&get(&app, "/product/1?from_note=3", &[]).await);
    let data = boot(&html).expect("boot");
    assert_eq!(keys(&data), vec![product_path.as_str()]);
    assert_eq!(data[&product_path], app.get_json(&product_path).await);
    let product: ProductDetail = serde_json::from_value(data[&product_path].clone()).expect("dto");
    assert_eq!(
        preloads(&html),
        vec![(
            product.images[0].carousel_srcset(),
            product_gallery_sizes().to_string()
        )]
    );

    // A missing note or product: the document without its data (the client shows the 404).
    let html = text(&get(&app, "/explore/999999", &[]).await);
    assert_eq!(keys(&boot(&html).expect("boot")), vec![paths::CHANNELS]);
    assert!(boot(&text(&get(&app, "/product/999999", &[]).await)).is_none());

    let search_path = paths::note_search(
        "防晒",
        SearchSort::Likes,
        NoteTypeFilter::default(),
        TimeFilter::default(),
    );
    let html = text(&get(&app, "/search?q=%E9%98%B2%E6%99%92&sort=likes", &[]).await);
    let data = boot(&html).expect("boot");
    assert_eq!(keys(&data), vec![search_path.as_str()]);
    assert_eq!(data[&search_path], app.get_json(&search_path).await);
    let page: NoteSearchPage = serde_json::from_value(data[&search_path].clone()).expect("dto");
    assert!(!page.items.is_empty(), "防晒 finds notes");
    assert_eq!(preloads(&html).len(), page.items.len().min(6));
    assert!(html.contains(r#"<div id="zc-first-paint""#));
    assert!(boot(&text(&get(&app, "/search?q=x&type=users", &[]).await)).is_none());

    // A search that finds nothing: its answer rides along, but no first screen, which would
    // stay up waiting for a picture that never comes.
    let html = text(&get(&app, "/search?q=qzxjvwkq", &[]).await);
    let data = boot(&html).expect("boot");
    let page: NoteSearchPage =
        serde_json::from_value(data.values().next().expect("the search answer").clone())
            .expect("dto");
    assert!(page.items.is_empty());
    assert!(
        !html.contains(r#"<div id="zc-first-paint""#),
        "no first paint for an empty search"
    );
}

// ---- Signed-in readers and user text ----

/// A user with a session (id, cookie).
async fn user(app: &TestApp) -> (i64, String) {
    common::signed_in_user(app, "shell_{n}", "Shell {n}").await
}

#[tokio::test]
async fn user_text_cannot_break_out_of_the_boot_element() {
    let app = shell_app().await;
    let (_, cookie) = user(&app).await;
    let png = common::encode(&gradient(64, 48), image::ImageFormat::Png);
    let upload: Upload = parse(
        &app.request(Method::POST, "/api/v1/uploads")
            .cookie(&cookie)
            .bytes("image/png", png)
            .send()
            .await,
        201,
        "upload",
    );
    // Titles are at most 20 characters; the body takes the whole payload.
    let title = "</script><img src=x>";
    let body =
        "</script><img src=x onerror=alert(1)> <!-- <script>alert(2)</script> & \u{2028} end";
    let res = app
        .request(Method::POST, "/api/v1/notes")
        .cookie(&cookie)
        .json(&json!({"title": title, "body": body, "channel": "food", "image_ids": [upload.id]}))
        .send()
        .await;
    let note: NoteDetail = parse(&res, 201, "publish");

    for who in [None, Some(cookie.as_str())] {
        let res = app
            .request(Method::GET, &format!("/explore/{}", note.id))
            .maybe_cookie(who)
            .send()
            .await;
        let html = text(&res);
        assert!(
            !html.contains("<img src=x"),
            "markup from user text in {html}"
        );
        assert!(!html.contains("alert(2)</script>"));
        let data = boot(&html).expect("boot data parses up to its own end");
        let inline = &data[&paths::note(note.id)];
        assert_eq!(inline["title"], title, "signed in: {}", who.is_some());
        assert_eq!(inline["body"], body);
    }
    // In the feed's inline page too (the food channel, newest first includes it or not:
    // whatever is there must parse).
    let html = text(&get(&app, "/explore?channel=food", &[]).await);
    assert!(!html.contains("<img src=x"));
    assert!(boot(&html).is_some());
}

#[tokio::test]
async fn signed_in_documents_are_their_own_and_never_shared() {
    let app = shell_app().await;
    let card = &app.get_json("/api/v1/feed?channel=recommend").await["items"][0];
    let note_id = card["id"].as_i64().expect("note id");
    let page = format!("/explore/{note_id}");
    let note_path = paths::note(note_id);
    let viewer = |html: &str| boot(html).expect("boot")[&note_path]["viewer"].clone();

    // An anonymous document is built (and cached) first.
    let anon = text(&get(&app, &page, &[("accept-encoding", "br")]).await);
    assert_eq!(viewer(&anon)["liked"], false);

    let (_, alice) = user(&app).await;
    let (_, bob) = user(&app).await;
    let liked = app
        .request(Method::PUT, &format!("/api/v1/notes/{note_id}/like"))
        .cookie(&alice)
        .send()
        .await;
    assert_eq!(liked.status, 200);
    let follow = app
        .request(Method::PUT, &format!("/api/v1/notes/{note_id}/collect"))
        .cookie(&alice)
        .send()
        .await;
    assert_eq!(follow.status, 200);

    for ae in ["br", "gzip", ""] {
        let res = app
            .request(Method::GET, &page)
            .cookie(&alice)
            .header("accept-encoding", ae)
            .send()
            .await;
        assert_eq!(res.header("cache-control"), "no-cache");
        assert_eq!(res.header("vary"), "Cookie, Accept-Encoding");
        let html = text(&res);
        assert_eq!(
            viewer(&html),
            json!({"liked": true, "collected": true, "follows_author": false})
        );
        // The same as Alice's own API call.
        let own = app
            .request(Method::GET, &note_path)
            .cookie(&alice)
            .send()
            .await;
        assert_eq!(boot(&html).expect("boot")[&note_path], own.json());
    }
    // Bob and anonymous readers (cached or rebuilt) never see Alice's flags.
    let bobs = text(&app.request(Method::GET, &page).cookie(&bob).send().await);
    assert_eq!(viewer(&bobs)["liked"], false);
    assert_eq!(viewer(&bobs)["collected"], false);
    for _ in 0..2 {
        let anon = text(&get(&app, &page, &[("accept-encoding", "br")]).await);
        assert_eq!(viewer(&anon)["liked"], false);
        assert_eq!(viewer(&anon)["collected"], false);
    }
    // A signed-in reader's following feed goes inline; it is theirs only.
    let html = text(
        &app.request(Method::GET, "/explore?channel=following")
            .cookie(&alice)
            .send()
            .await,
    );
    assert_eq!(
        keys(&boot(&html).expect("boot")),
        vec![paths::CHANNELS, paths::FOLLOWING_FEED]
    );
}

/// Answers marked public (`Fetch::public`) must not depend on who asks: a reader with likes,
/// collects, follows and a cart gets the same bytes as anyone, so documents made of them are
/// shared by signed-in readers too, without anyone's data.
#[tokio::test]
async fn public_answers_are_the_same_for_everyone_and_their_documents_shared() {
    let app = shell_app().await;
    let feed = app.get_json("/api/v1/feed?channel=recommend").await;
    let (note_id, author) = (
        feed["items"][0]["id"].as_i64().expect("id"),
        feed["items"][0]["author"]["id"].as_i64().expect("author"),
    );
    let product: ProductDetail = parse(&app.get("/api/v1/products/1").await, 200, "product");
    let (_, alice) = user(&app).await;
    for (method, uri, body) in [
        (Method::PUT, format!("/api/v1/notes/{note_id}/like"), None),
        (
            Method::PUT,
            format!("/api/v1/notes/{note_id}/collect"),
            None,
        ),
        (Method::PUT, format!("/api/v1/users/{author}/follow"), None),
        (
            Method::POST,
            "/api/v1/cart/items".to_string(),
            Some(json!({"variant_id": product.variants[0].id, "quantity": 1})),
        ),
    ] {
        let req = app.request(method, &uri).cookie(&alice);
        let res = match body {
            Some(body) => req.json(&body).send().await,
            None => req.send().await,
        };
        assert!(res.status.is_success(), "{uri}: {}", res.status);
    }
    for uri in [
        "/",
        "/explore?channel=food",
        "/product/1",
        "/search?q=%E9%98%B2%E6%99%92",
    ] {
        let plan = zhongcao_server::shell::boot_plan(
            uri.split('?').next().unwrap_or(uri),
            uri.split_once('?').map_or("", |(_, q)| q),
        );
        assert!(plan.is_public(), "{uri}");
        for fetch in &plan.fetches {
            let anyone = app.get(&fetch.path).await;
            let hers = app
                .request(Method::GET, &fetch.path)
                .cookie(&alice)
                .send()
                .await;
            assert_eq!(anyone.status, 200, "{}", fetch.path);
            assert_eq!(
                hers.body, anyone.body,
                "{} depends on the reader",
                fetch.path
            );
        }
        let anon = boot(&text(&get(&app, uri, &[]).await)).expect("boot");
        let signed_in = app.request(Method::GET, uri).cookie(&alice).send().await;
        assert_eq!(signed_in.header("vary"), "Cookie, Accept-Encoding");
        assert_eq!(boot(&text(&signed_in)).expect("boot"), anon, "{uri}");
    }
    // Personal answers are not public.
    assert!(!zhongcao_server::shell::boot_plan("/explore/1", "").is_public());
    assert!(!zhongcao_server::shell::boot_plan("/explore", "channel=following").is_public());
}

#[tokio::test]
async fn a_deleted_note_leaves_the_cached_documents_at_once() {
    let app = shell_app().await;
    let (_, cookie) = user(&app).await;
    let png = common::encode(&gradient(64, 48), image::ImageFormat::Png);
    let upload: Upload = parse(
        &app.request(Method::POST, "/api/v1/uploads")
            .cookie(&cookie)
            .bytes("image/png", png)
            .send()
            .await,
        201,
        "upload",
    );
    let res = app
        .request(Method::POST, "/api/v1/notes")
        .cookie(&cookie)
        .json(&json!({"title": "Soon gone", "body": "here for a moment", "channel": "food", "image_ids": [upload.id]}))
        .send()
        .await;
    let note: NoteDetail = parse(&res, 201, "publish");
    let page = format!("/explore/{}", note.id);
    let note_path = paths::note(note.id);
    let before = boot(&text(&get(&app, &page, &[]).await)).expect("boot");
    assert!(before.contains_key(&note_path));

    let deleted = app
        .request(Method::DELETE, &format!("/api/v1/notes/{}", note.id))
        .cookie(&cookie)
        .send()
        .await;
    assert_eq!(deleted.status, 204);
    let after = boot(&text(&get(&app, &page, &[]).await)).expect("boot");
    assert!(
        !after.contains_key(&note_path),
        "served a cached document with a deleted note"
    );
}
