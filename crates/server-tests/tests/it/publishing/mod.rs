//! Publishing through the HTTP API (tower `oneshot`, one seeded app per test): uploads and
//! what they refuse (types, sizes, spoofed types, image bombs), publishing and where the note
//! shows up at once, validation, edit/delete permissions, drafts, rate limits, duplicates,
//! reports hiding content, views and the creator center. Responses are parsed into the shared
//! DTOs where the client depends on them.

use crate::common;

use std::time::{Duration, Instant};

use crate::common::{encode, gradient, parse, test_app, TestApp, TestResponse, SMALL_WORLD};
use api_types::{
    CreatorStats, Draft, NoteCard, NoteDetail, Notification, Page, ReportResult, TopicSuggestion,
    Upload, UserSummary, IMAGE_WIDTHS, MAX_NOTE_IMAGES, REPORT_HIDE_THRESHOLD, UPLOAD_MAX_BYTES,
};
use axum::http::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use zhongcao_server::api::drafts::MAX_DRAFTS;
use zhongcao_server::{app_day, app_day_start, now_unix};

mod creator_center;
mod drafts;
mod publish;
mod suggestions;
mod trust;
mod uploads;

// ---- Helpers ----

/// A signed-in user: id and `zc_session=…` cookie.
#[derive(Clone, Debug)]
struct User {
    id: i64,
    cookie: String,
}

/// A fresh account with a session.
async fn user(app: &TestApp, display_name: &str) -> User {
    let (id, cookie) = common::signed_in_user(app, "writer_{n}", display_name).await;
    User { id, cookie }
}

async fn call(
    app: &TestApp,
    method: Method,
    uri: &str,
    who: Option<&User>,
    body: Option<Value>,
) -> TestResponse {
    let req = app
        .request(method, uri)
        .maybe_cookie(who.map(|u| u.cookie.as_str()));
    match body {
        Some(body) => req.json(&body).send().await,
        None => req.send().await,
    }
}

async fn get<T: DeserializeOwned>(app: &TestApp, uri: &str, who: Option<&User>) -> T {
    parse(&call(app, Method::GET, uri, who, None).await, 200, uri)
}

/// The field names of a 422 `Fields` error.
fn error_fields(res: &TestResponse, what: &str) -> Vec<String> {
    let body = res.expect_error(422, "validation", what);
    body["error"]["fields"]
        .as_array()
        .expect("error.fields")
        .iter()
        .map(|f| f["field"].as_str().expect("field").to_string())
        .collect()
}

fn png(w: u32, h: u32) -> Vec<u8> {
    encode(&gradient(w, h), image::ImageFormat::Png)
}

fn jpeg(w: u32, h: u32) -> Vec<u8> {
    encode(&gradient(w, h), image::ImageFormat::Jpeg)
}

async fn upload_raw(
    app: &TestApp,
    who: Option<&User>,
    content_type: &str,
    bytes: Vec<u8>,
) -> TestResponse {
    app.request(Method::POST, "/api/v1/uploads")
        .maybe_cookie(who.map(|u| u.cookie.as_str()))
        .bytes(content_type, bytes)
        .send()
        .await
}

/// Uploads a small PNG that must be accepted.
async fn upload(app: &TestApp, who: &User) -> Upload {
    parse(
        &upload_raw(app, Some(who), "image/png", png(64, 48)).await,
        201,
        "upload",
    )
}

fn note(title: &str, body: &str, channel: &str, images: &[i64]) -> Value {
    json!({"title": title, "body": body, "channel": channel, "image_ids": images})
}

async fn publish_raw(app: &TestApp, who: &User, input: Value) -> TestResponse {
    call(app, Method::POST, "/api/v1/notes", Some(who), Some(input)).await
}

async fn publish(app: &TestApp, who: &User, input: Value) -> NoteDetail {
    parse(&publish_raw(app, who, input).await, 201, "publish")
}

fn ids(page: &Page<NoteCard>) -> Vec<i64> {
    page.items.iter().map(|c| c.id).collect()
}

async fn search_ids(app: &TestApp, q: &str) -> Vec<i64> {
    let page: Value = app
        .get_json(&format!("/api/v1/search/notes?q={q}&limit=50"))
        .await;
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["id"].as_i64().expect("id"))
        .collect()
}

async fn follow(app: &TestApp, who: &User, target: i64) {
    let res = call(
        app,
        Method::PUT,
        &format!("/api/v1/users/{target}/follow"),
        Some(who),
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "follow: {}", res.json());
}

/// A PNG whose header claims `w`×`h` pixels, in a few dozen bytes (an image bomb's shape).
fn png_claiming(w: u32, h: u32) -> Vec<u8> {
    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
            }
        }
        !crc
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend(data);
        out.extend(&body);
        out.extend(crc32(&body).to_be_bytes());
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]); // 8-bit RGB
    chunk(&mut out, b"IHDR", &ihdr);
    // An empty zlib stream: the pixels would have to come from somewhere else.
    chunk(
        &mut out,
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    );
    chunk(&mut out, b"IEND", &[]);
    out
}

/// A JPEG carrying an EXIF block with orientation `orientation` and a GPS-like secret.
fn jpeg_with_exif(w: u32, h: u32, orientation: u16) -> Vec<u8> {
    let plain = jpeg(w, h);
    // TIFF (big-endian), one IFD entry: 0x0112 Orientation, SHORT, 1, value.
    let mut tiff = b"MM\x00\x2a\x00\x00\x00\x08".to_vec();
    tiff.extend([0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01]);
    tiff.extend(orientation.to_be_bytes());
    tiff.extend([0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
    tiff.extend(b"GPS-SECRET-31.2304N-121.4737E");
    let mut app1 = b"Exif\x00\x00".to_vec();
    app1.extend(tiff);
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend(((app1.len() + 2) as u16).to_be_bytes());
    out.extend(app1);
    out.extend(&plain[2..]); // the rest after SOI
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
