//! Images over HTTP: one URL answers lossy WebP or JPEG by the request's `Accept` (with
//! `Vary: Accept`), at every width of the rendition ladder, from a disk cache that keeps both
//! encodings; the URLs handed out before (`{w}.jpg`) still answer; uploads are negotiated the
//! same way. `webp_against_jpeg_per_width` prints the bytes per width of both encodings
//! (`cargo test --profile server -p zhongcao-server --test it images -- --nocapture`);
//! `webp_quality_sweep` (ignored) is how the WebP quality was chosen.

use crate::common;

use std::time::{Duration, Instant};

use crate::common::{encode, parse, test_app, TestApp, TestResponse, SMALL_WORLD};
use api_types::{FeedPage, Image, NoteDetail, Upload, AVATAR_SIZES, IMAGE_WIDTHS};
use axum::http::{Method, StatusCode};
use zhongcao_server::images::{encode_jpeg_quality, encode_webp, WEBP_QUALITY};

/// What Chrome sends for an `<img>`.
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

/// Bytes of each encoding at every width, for the feed's first covers and a note's first
/// picture: printed as a table (run with `--nocapture`); WebP must come out clearly smaller.
#[tokio::test]
async fn webp_against_jpeg_per_width() {
    let app = test_app(SMALL_WORLD).await;
    let feed: FeedPage = parse(
        &app.get("/api/v1/feed?channel=recommend&limit=6").await,
        200,
        "feed",
    );
    let note: NoteDetail = parse(&app.get("/api/v1/notes/3").await, 200, "note");
    let mut images: Vec<(String, Image)> = feed
        .items
        .iter()
        .map(|c| (format!("cover {}", c.id), c.cover.clone()))
        .collect();
    images.push((format!("note {} #1", note.id), note.images[0].clone()));

    let mut report = String::from("bytes per width, JPEG q80 -> WebP (share):\n");
    report.push_str(&format!("{:<16}", "picture"));
    for w in IMAGE_WIDTHS {
        report.push_str(&format!("{:>22}", format!("{w}w")));
    }
    report.push('\n');
    let (mut jpeg_total, mut webp_total) = (0usize, 0usize);
    // First requests render and encode: the time each encoding costs, render included.
    let (mut jpeg_time, mut webp_time) = (Duration::ZERO, Duration::ZERO);
    for (name, image) in &images {
        report.push_str(&format!("{name:<16}"));
        for w in IMAGE_WIDTHS {
            let started = Instant::now();
            let jpeg = fetch(&app, &image.url(w), None).await.body.len();
            jpeg_time += started.elapsed();
            let started = Instant::now();
            let webp = fetch(&app, &image.url(w), Some(CHROME)).await.body.len();
            webp_time += started.elapsed();
            jpeg_total += jpeg;
            webp_total += webp;
            report.push_str(&format!(
                "{:>22}",
                format!("{jpeg}->{webp} ({}%)", webp * 100 / jpeg.max(1))
            ));
        }
        report.push('\n');
    }
    report.push_str(&format!(
        "all: JPEG {jpeg_total} B, WebP {webp_total} B ({}%); first requests (render + \
         encode) JPEG {} ms, WebP {} ms",
        webp_total * 100 / jpeg_total.max(1),
        jpeg_time.as_millis(),
        webp_time.as_millis()
    ));
    println!("{report}");
    assert!(
        webp_total * 100 < jpeg_total * 85,
        "WebP should be well under JPEG:\n{report}"
    );
}

/// Mean SSIM of two same-sized pictures on luma, over 8x8 windows.
fn ssim(a: &image::RgbImage, b: &image::RgbImage) -> f64 {
    let luma = |p: &image::Rgb<u8>| {
        0.299 * f64::from(p[0]) + 0.587 * f64::from(p[1]) + 0.114 * f64::from(p[2])
    };
    let (w, h) = a.dimensions();
    let (c1, c2) = ((0.01f64 * 255.0).powi(2), (0.03f64 * 255.0).powi(2));
    let (mut total, mut windows) = (0.0f64, 0.0f64);
    for wy in (0..h.saturating_sub(7)).step_by(4) {
        for wx in (0..w.saturating_sub(7)).step_by(4) {
            let (mut sa, mut sb, mut saa, mut sbb, mut sab) = (0.0, 0.0, 0.0, 0.0, 0.0);
            for y in wy..wy + 8 {
                for x in wx..wx + 8 {
                    let (la, lb) = (luma(a.get_pixel(x, y)), luma(b.get_pixel(x, y)));
                    sa += la;
                    sb += lb;
                    saa += la * la;
                    sbb += lb * lb;
                    sab += la * lb;
                }
            }
            let n = 64.0;
            let (ma, mb) = (sa / n, sb / n);
            let (va, vb, cov) = (saa / n - ma * ma, sbb / n - mb * mb, sab / n - ma * mb);
            total += ((2.0 * ma * mb + c1) * (2.0 * cov + c2))
                / ((ma * ma + mb * mb + c1) * (va + vb + c2));
            windows += 1.0;
        }
    }
    total / windows.max(1.0)
}

/// Low-frequency error: the mean and the 99th percentile of the absolute difference of 8x8
/// block means (luma). Grain averages out within a block, so this sees banding and blocking,
/// not lost grain.
fn block_error(a: &image::RgbImage, b: &image::RgbImage) -> (f64, f64) {
    let luma = |p: &image::Rgb<u8>| {
        0.299 * f64::from(p[0]) + 0.587 * f64::from(p[1]) + 0.114 * f64::from(p[2])
    };
    let (w, h) = a.dimensions();
    let mut errors = Vec::new();
    for by in (0..h.saturating_sub(7)).step_by(8) {
        for bx in (0..w.saturating_sub(7)).step_by(8) {
            let (mut sa, mut sb) = (0.0, 0.0);
            for y in by..by + 8 {
                for x in bx..bx + 8 {
                    sa += luma(a.get_pixel(x, y));
                    sb += luma(b.get_pixel(x, y));
                }
            }
            errors.push((sa - sb).abs() / 64.0);
        }
    }
    errors.sort_by(f64::total_cmp);
    let mean = errors.iter().sum::<f64>() / errors.len().max(1) as f64;
    let p99 = errors
        .get(errors.len() * 99 / 100)
        .copied()
        .unwrap_or_default();
    (mean, p99)
}

/// A 200x200 crop of each picture at twice the size, side by side: from the middle, and from
/// the top (where landscapes have their smooth skies) below it.
fn side_by_side(pictures: &[image::RgbImage]) -> image::RgbImage {
    let (crop, zoom) = (200u32, 2u32);
    let mut out = image::RgbImage::new(
        pictures.len() as u32 * (crop * zoom + 8),
        2 * crop * zoom + 8,
    );
    for (i, p) in pictures.iter().enumerate() {
        for (row, y0) in [p.height().saturating_sub(crop) / 2, 0]
            .into_iter()
            .enumerate()
        {
            let x0 = p.width().saturating_sub(crop) / 2;
            let top = row as u32 * (crop * zoom + 8);
            for y in 0..crop * zoom {
                for x in 0..crop * zoom {
                    let (sx, sy) = (x0 + x / zoom, y0 + y / zoom);
                    if sx < p.width() && sy < p.height() {
                        out.put_pixel(
                            i as u32 * (crop * zoom + 8) + x,
                            top + y,
                            *p.get_pixel(sx, sy),
                        );
                    }
                }
            }
        }
    }
    out
}

#[allow(dead_code)]
fn side_by_side_middle(pictures: &[image::RgbImage]) -> image::RgbImage {
    let (crop, zoom) = (200u32, 2u32);
    let mut out = image::RgbImage::new(pictures.len() as u32 * (crop * zoom + 8), crop * zoom);
    for (i, p) in pictures.iter().enumerate() {
        let (x0, y0) = (
            p.width().saturating_sub(crop) / 2,
            p.height().saturating_sub(crop) / 2,
        );
        for y in 0..crop * zoom {
            for x in 0..crop * zoom {
                let (sx, sy) = (x0 + x / zoom, y0 + y / zoom);
                if sx < p.width() && sy < p.height() {
                    out.put_pixel(i as u32 * (crop * zoom + 8) + x, y, *p.get_pixel(sx, sy));
                }
            }
        }
    }
    out
}

/// How the WebP quality was chosen: for generated pictures of every theme and for photos
/// (`PHOTOS=a.jpg:b.jpg`, else a synthetic one), bytes and SSIM of JPEG q80 against WebP at a
/// range of qualities, at the widths phones pick. Writes the decoded pictures as PNG to
/// `target/webp-sweep/` to look at.
/// `cargo test --profile server -p zhongcao-server --test it images -- --ignored --nocapture`
#[test]
#[ignore]
fn webp_quality_sweep() {
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/webp-sweep");
    std::fs::create_dir_all(&out).expect("output dir");
    // A theme renders at each width itself (as the server does); a photo is resized.
    let mut sources: Vec<(String, Option<&str>, image::RgbImage)> = Vec::new();
    for theme in [
        "travel", "food", "beauty", "fashion", "home", "fitness", "tech", "pets", "study",
    ] {
        let shape = image::RgbImage::new(3, 4);
        sources.push((theme.to_string(), Some(theme), shape));
    }
    let photos = std::env::var("PHOTOS").unwrap_or_default();
    for path in photos.split(':').filter(|p| !p.is_empty()) {
        match image::open(path) {
            Ok(img) => {
                let img = img.to_rgb8();
                let name = std::path::Path::new(path)
                    .file_stem()
                    .map(|s| s.to_string_lossy().to_string())
                    .unwrap_or_default();
                sources.push((format!("photo-{name}"), None, img));
            }
            Err(e) => println!("skipping {path}: {e}"),
        }
    }
    if photos.is_empty() {
        sources.push((
            "photo-synthetic".to_string(),
            None,
            photo(1600, 1200).to_rgb8(),
        ));
    }
    let qualities = [60.0f32, 65.0, 70.0, 75.0, 80.0, 85.0];
    println!(
        "{:<22}{:>6}{:>16}{}",
        "picture",
        "width",
        "JPEG q80",
        qualities
            .iter()
            .map(|q| format!("{:>18}", format!("WebP q{q}")))
            .collect::<String>()
    );
    let mut sums = vec![(0usize, 0.0f64); qualities.len() + 1];
    let mut count = 0.0;
    for (i, (name, theme, source)) in sources.iter().enumerate() {
        for width in [360u32, 560, 720] {
            let height = (u64::from(width) * u64::from(source.height()) / u64::from(source.width()))
                .max(1) as u32;
            let img = match theme {
                Some(theme) => {
                    zhongcao_server::images::render(theme, 1000 + i as u64 * 7919, width, height)
                }
                None => image::imageops::resize(
                    source,
                    width,
                    height,
                    image::imageops::FilterType::CatmullRom,
                ),
            };
            let jpeg = encode_jpeg_quality(&img, 80).expect("jpeg");
            let jpeg_back = image::load_from_memory(&jpeg).expect("jpeg").to_rgb8();
            let jpeg_ssim = ssim(&img, &jpeg_back);
            let mut looks = Vec::new();
            sums[0].0 += jpeg.len();
            sums[0].1 += jpeg_ssim;
            let mut line = format!(
                "{name:<22}{width:>6}{:>16}",
                format!("{}B {:.4}", jpeg.len(), jpeg_ssim)
            );
            let (mean, p99) = block_error(&img, &jpeg_back);
            let mut banding = format!(
                "{:<28}{:>16}",
                "  block error mean/p99",
                format!("{mean:.2}/{p99:.2}")
            );
            for (i, q) in qualities.iter().enumerate() {
                let webp = encode_webp(&img, *q).expect("webp");
                let back = image::load_from_memory(&webp).expect("webp").to_rgb8();
                let s = ssim(&img, &back);
                sums[i + 1].0 += webp.len();
                sums[i + 1].1 += s;
                line.push_str(&format!("{:>18}", format!("{}B {s:.4}", webp.len())));
                let (mean, p99) = block_error(&img, &back);
                banding.push_str(&format!("{:>18}", format!("{mean:.2}/{p99:.2}")));
                if width == 560 && *q >= WEBP_QUALITY {
                    looks.push(back);
                }
            }
            if width == 560 {
                // Side by side, crops at twice the size: original, JPEG q80, then WebP from
                // the chosen quality up.
                let mut strip = vec![img.clone(), jpeg_back];
                strip.append(&mut looks);
                side_by_side(&strip)
                    .save(out.join(format!("{name}-{width}.png")))
                    .expect("png");
            }
            count += 1.0;
            println!("{line}\n{banding}");
        }
    }
    println!(
        "{:<28}{:>16}{}",
        "total / mean SSIM",
        format!("{}B {:.4}", sums[0].0, sums[0].1 / count),
        sums[1..]
            .iter()
            .map(|(bytes, s)| format!(
                "{:>18}",
                format!("{}% {:.4}", bytes * 100 / sums[0].0.max(1), s / count)
            ))
            .collect::<String>()
    );
}
