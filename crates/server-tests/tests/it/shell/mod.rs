//! The app shell (`shell/`) through the HTTP router: files from memory with content
//! negotiation, ETags and cache policy, 404s for missing files, the history fallback, and the
//! boot data and image preloads put into documents. Each test serves a dist directory it
//! writes itself (no real build needed).

use crate::common;

use std::io::Read;
use std::path::Path;

use crate::common::{gradient, parse, test_app, TestApp, TestResponse, SMALL_WORLD};
use api_types::{
    card_sizes, carousel_sizes, paths, product_gallery_sizes, CountedPage, NoteCard, NoteDetail,
    NoteTypeFilter, Page, ProductDetail, SearchSort, TimeFilter, Upload,
};
use axum::http::{Method, StatusCode};
use serde_json::{json, Map, Value};
use zhongcao_server::shell::{brotli, gzip};

mod documents;
mod files;
mod readers;

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
    let robots = include_str!("../../../../../public/robots.txt");
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
