//! Images over HTTP: one URL answers lossy WebP or JPEG by the request's `Accept` (with
//! `Vary: Accept`), at every width of the rendition ladder, from a disk cache that keeps both
//! encodings; the URLs handed out before (`{w}.jpg`) still answer; uploads are negotiated the
//! same way. `webp_against_jpeg_per_width` prints the bytes per width of both encodings
//! (`cargo test --profile server -p zhongcao-server-tests --test it images -- --nocapture`);
//! `webp_quality_sweep` (ignored) is how the WebP quality was chosen.

use crate::common;

use std::time::{Duration, Instant};

use crate::common::{encode, parse, test_app, TestApp, TestResponse, SMALL_WORLD};
use api_types::{Image, NoteCard, NoteDetail, Page, Upload, AVATAR_SIZES, IMAGE_WIDTHS};
use axum::http::{Method, StatusCode};
use zhongcao_server::images::{encode_jpeg_quality, encode_webp, WEBP_QUALITY};

/// What Chrome sends for an `<img>`.
mod quality;

const CHROME: &str = "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8";
/// Firefox.
const FIREFOX: &str = "image/avif,image/webp,*/*";
/// Safari before 14: a wildcard, but no WebP.
const OLD_SAFARI: &str = "image/png,image/svg+xml,image/*;q=0.8,video/*;q=0.8,*/*;q=0.5";

async fn fetch(app: &TestApp, uri: &str, accept: Option<&str>) -> TestResponse {
    let req = app.request(Method::GET, uri);
    match accept {
        Some(accept) => req.header("accept", accept).send().await,
        None => req.send().await,
    }
}

fn is_webp(bytes: &[u8]) -> bool {
    bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP"
}

fn is_jpeg(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xff, 0xd8, 0xff])
}

/// Asserts a rendition: status, type, caching, `Vary: Accept`, and the decoded size.
fn check_rendition(res: &TestResponse, webp: bool, image: &Image, width: u32, what: &str) {
    assert_eq!(res.status, StatusCode::OK, "{what}");
    let expected_type = if webp { "image/webp" } else { "image/jpeg" };
    assert_eq!(res.header("content-type"), expected_type, "{what}");
    assert!(
        if webp {
            is_webp(&res.body)
        } else {
            is_jpeg(&res.body)
        },
        "{what}: the bytes are not {expected_type}"
    );
    assert_eq!(
        res.header("cache-control"),
        "public, max-age=31536000, immutable",
        "{what}"
    );
    let vary: Vec<String> = res
        .headers
        .get_all("vary")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|v| v.trim().to_ascii_lowercase())
        .collect();
    assert!(vary.iter().any(|v| v == "accept"), "{what}: Vary {vary:?}");
    let decoded = image::load_from_memory(&res.body).expect("a decodable picture");
    assert_eq!(decoded.width(), width, "{what}");
    let expected_h = f64::from(width) * f64::from(image.height) / f64::from(image.width);
    assert!(
        (f64::from(decoded.height()) - expected_h).abs() <= 1.0,
        "{what}: height {} for {expected_h}",
        decoded.height()
    );
}

/// The image key in a URL template `/img/v1/{key}/{w}`.
fn key_of(image: &Image) -> String {
    image
        .url_template
        .split('/')
        .nth(3)
        .expect("a key")
        .to_string()
}

#[tokio::test]
async fn one_url_answers_webp_or_jpeg_by_accept() {
    let app = test_app(SMALL_WORLD).await;
    let note: NoteDetail = parse(&app.get("/api/v1/notes/3").await, 200, "note");
    let image = note.images[0].clone();
    assert!(
        image.url_template.ends_with("/{w}"),
        "{}",
        image.url_template
    );

    for w in IMAGE_WIDTHS {
        let url = image.url(w);
        let webp = fetch(&app, &url, Some(CHROME)).await;
        check_rendition(&webp, true, &image, w, &format!("{url} for Chrome"));
        let jpeg = fetch(&app, &url, None).await;
        check_rendition(&jpeg, false, &image, w, &format!("{url} without Accept"));
        // Both encodings are cached on disk beside each other, and served from there again.
        let dir = app.dir.path().join("images");
        let key = key_of(&image);
        for ext in ["webp", "jpg"] {
            assert!(
                dir.join(format!("{key}-{w}.{ext}")).is_file(),
                "{ext} cached"
            );
        }
        assert_eq!(fetch(&app, &url, Some(FIREFOX)).await.body, webp.body);
        assert_eq!(fetch(&app, &url, Some(OLD_SAFARI)).await.body, jpeg.body);
    }
    // No temp files left behind.
    let leftovers = std::fs::read_dir(app.dir.path().join("images"))
        .expect("cache dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("tmp"))
        .count();
    assert_eq!(leftovers, 0);

    // Only an explicit, non-refused image/webp gets WebP.
    let url = image.url(360);
    for (accept, webp) in [
        ("image/webp", true),
        ("IMAGE/WEBP;q=0.5", true),
        ("image/webp;q=0, */*", false),
        ("image/*", false),
        ("*/*", false),
        ("image/jpeg", false),
        (OLD_SAFARI, false),
    ] {
        let res = fetch(&app, &url, Some(accept)).await;
        check_rendition(&res, webp, &image, 360, accept);
    }

    // The URLs handed out before WebP (`{w}.jpg`) answer, negotiated the same way.
    let legacy = format!("{}.jpg", image.url(480));
    check_rendition(
        &fetch(&app, &legacy, Some(CHROME)).await,
        true,
        &image,
        480,
        "legacy for Chrome",
    );
    check_rendition(
        &fetch(&app, &legacy, None).await,
        false,
        &image,
        480,
        "legacy without Accept",
    );

    // Avatars too.
    let avatar = note.author.avatar_url(AVATAR_SIZES[0]);
    let res = fetch(&app, &avatar, Some(CHROME)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.header("content-type"), "image/webp");
    assert!(is_webp(&res.body));

    // Widths nobody advertised, odd spellings and unknown keys: 404 in the API's JSON shape.
    let base = image.url_template.trim_end_matches("{w}").to_string();
    for file in [
        "333",
        "1081",
        "0",
        "0240",
        "240.png",
        "240.webp",
        "240.jpeg",
        "abc",
        "-240",
        "+240",
        "99999999999999999999",
        "240.jpg.jpg",
    ] {
        let uri = format!("{base}{file}");
        fetch(&app, &uri, Some(CHROME))
            .await
            .expect_error(404, "not_found", &uri);
    }
    // Avatar sizes are not note widths and the other way round.
    let avatar_base = avatar
        .trim_end_matches(&AVATAR_SIZES[0].to_string())
        .to_string();
    fetch(&app, &format!("{avatar_base}360"), None)
        .await
        .expect_error(404, "not_found", "a note width on an avatar");
    fetch(&app, &image.url(AVATAR_SIZES[0]), None)
        .await
        .expect_error(404, "not_found", "an avatar size on a note picture");
    app.expect_error("/img/v1/ffffffffffffffff/240", 404, "not_found")
        .await;
    app.expect_error("/img/v1/..%2F..%2Fetc/240", 404, "not_found")
        .await;
}

/// A fresh account with a session; its cookie.
async fn session(app: &TestApp) -> String {
    common::signed_in_user(app, "photographer_{n}", "Photographer")
        .await
        .1
}

/// A photo-like picture: smooth light with fine sensor noise, which both codecs must carry.
fn photo(w: u32, h: u32) -> image::DynamicImage {
    let mut rng = fastrand::Rng::with_seed(42);
    image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(w, h, |x, y| {
        let (fx, fy) = (x as f32 / w as f32, y as f32 / h as f32);
        let light = 0.5 + 0.5 * (fx * 6.0).sin() * (fy * 4.0).cos();
        let noise = rng.i32(-6..=6) as f32;
        let c = |base: f32| (base * light + noise).clamp(0.0, 255.0) as u8;
        image::Rgb([c(230.0), c(170.0 + 40.0 * fy), c(120.0 + 90.0 * fx)])
    }))
}

#[tokio::test]
async fn uploads_are_resized_from_their_source_in_both_encodings() {
    let app = test_app(SMALL_WORLD).await;
    let cookie = session(&app).await;
    let res = app
        .request(Method::POST, "/api/v1/uploads")
        .cookie(&cookie)
        .bytes(
            "image/jpeg",
            encode(&photo(1600, 1200), image::ImageFormat::Jpeg),
        )
        .send()
        .await;
    let up: Upload = parse(&res, 201, "upload");
    assert_eq!((up.image.width, up.image.height), (1080, 810));
    for w in [360, 560, 1080] {
        let url = up.image.url(w);
        let webp = fetch(&app, &url, Some(CHROME)).await;
        check_rendition(&webp, true, &up.image, w, &format!("upload {w} as WebP"));
        let jpeg = fetch(&app, &url, Some(OLD_SAFARI)).await;
        check_rendition(&jpeg, false, &up.image, w, &format!("upload {w} as JPEG"));
        assert!(webp.body.len() < jpeg.body.len(), "{w}: WebP is smaller");
    }
}
