//! Uploads: checks, stripping, feed widths, image bombs and the per-account rate limit.

use super::*;

// ---- Uploads ----

#[tokio::test]
async fn uploads_are_checked_stripped_and_served_at_the_feed_widths() {
    let app = test_app(SMALL_WORLD).await;
    let me = user(&app, "Uploader").await;

    // A real PNG, wider than the largest rendition: stored 1080 wide, same shape.
    let res = upload_raw(&app, Some(&me), "image/png", png(1600, 1200)).await;
    let up: Upload = parse(&res, 201, "png upload");
    assert_eq!((up.image.width, up.image.height), (1080, 810));
    assert!(up.image.placeholder.top.starts_with('#') && up.image.placeholder.top.len() == 7);
    for w in IMAGE_WIDTHS {
        let img = app.get(&up.image.url(w)).await;
        assert_eq!(img.status, StatusCode::OK, "width {w}");
        assert_eq!(img.header("content-type"), "image/jpeg");
        let decoded = image::load_from_memory(&img.body).expect("a JPEG");
        assert_eq!(
            (decoded.width(), decoded.height()),
            (w, w * 3 / 4),
            "width {w}"
        );
    }
    app.get(&up.image.url(999))
        .await
        .expect_error(404, "not_found", "unadvertised width");

    // A JPEG is fine as JPEG and as octet-stream; its EXIF (GPS, orientation) is applied and
    // dropped: a 48x32 picture marked "rotate 90°" is stored upright as 32x48.
    let exif = jpeg_with_exif(48, 32, 6);
    assert!(contains(&exif, b"GPS-SECRET"));
    let up: Upload = parse(
        &upload_raw(&app, Some(&me), "image/jpeg", exif.clone()).await,
        201,
        "jpeg with exif",
    );
    assert_eq!(
        (up.image.width, up.image.height),
        (32, 48),
        "turned upright"
    );
    let key = up
        .image
        .url_template
        .split('/')
        .nth(3)
        .expect("key")
        .to_string();
    let source = std::fs::read(app.dir.path().join("images/src").join(format!("{key}.jpg")))
        .expect("stored source");
    assert!(!contains(&source, b"GPS-SECRET") && !contains(&source, b"Exif"));
    let served = app.get(&up.image.url(240)).await;
    assert!(!contains(&served.body, b"GPS-SECRET"));
    assert_eq!(
        upload_raw(&app, Some(&me), "application/octet-stream", jpeg(40, 40))
            .await
            .status,
        StatusCode::CREATED
    );

    // Bigger than an avatar may be (5 MB) but within 10 MB: this route allows it.
    let mut rng = fastrand::Rng::with_seed(7);
    let noise = image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(1500, 1500, |_, _| {
        image::Rgb([rng.u8(..), rng.u8(..), rng.u8(..)])
    }));
    let big = encode(&noise, image::ImageFormat::Png);
    assert!(
        big.len() > 6 * 1024 * 1024 && big.len() < UPLOAD_MAX_BYTES,
        "{}",
        big.len()
    );
    let res = upload_raw(&app, Some(&me), "image/png", big).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.json());

    // Refusals, each with a clear JSON error.
    upload_raw(&app, Some(&me), "text/plain", b"just some text".to_vec())
        .await
        .expect_error(415, "picture_type", "text");
    upload_raw(&app, Some(&me), "image/png", b"just some text".to_vec())
        .await
        .expect_error(415, "picture_type", "text declared PNG");
    let body = upload_raw(&app, Some(&me), "image/png", jpeg(40, 40))
        .await
        .expect_error(415, "picture_type_mismatch", "JPEG bytes declared PNG");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap_or("")
        .contains("image/jpeg"));
    upload_raw(&app, Some(&me), "image/png", Vec::new())
        .await
        .expect_error(422, "upload_empty", "empty");
    let mut over = png(64, 64);
    over.resize(UPLOAD_MAX_BYTES + 1, 0);
    let body = upload_raw(&app, Some(&me), "image/png", over)
        .await
        .expect_error(413, "picture_too_large", "just over 10 MB");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap_or("")
        .contains("10 MB"));
    upload_raw(
        &app,
        Some(&me),
        "image/png",
        vec![0u8; UPLOAD_MAX_BYTES * 2],
    )
    .await
    .expect_error(413, "picture_too_large", "20 MB");
    upload_raw(&app, None, "image/png", png(32, 32))
        .await
        .expect_error(401, "unauthorized", "guest");
    // Only the four accepted uploads exist.
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM uploads WHERE user_id = $1")
        .bind(me.id)
        .fetch_one(&app.state.db)
        .await
        .expect("count");
    assert_eq!(count, 4);
}

#[tokio::test]
async fn image_bombs_are_refused_before_decoding() {
    let app = test_app(SMALL_WORLD).await;
    let me = user(&app, "Bomber").await;
    // 50,000 x 50,000 RGB would be 7.5 GB decoded; 9,000 x 9,000 fits the side limit but not
    // the pixel budget (243 MB decoded). Both files are under 100 bytes.
    for (w, h, code) in [
        (50_000, 50_000, "picture_limits"),
        (9_000, 9_000, "picture_pixels"),
        (12_001, 100, "picture_limits"),
    ] {
        let bomb = png_claiming(w, h);
        assert!(bomb.len() < 100);
        let started = Instant::now();
        let res = upload_raw(&app, Some(&me), "image/png", bomb).await;
        let took = started.elapsed();
        let body = res.expect_error(422, code, &format!("{w}x{h}"));
        assert!(
            took < Duration::from_millis(500),
            "{w}x{h} took {took:?}: it was decoded"
        );
        let message = body["error"]["message"].as_str().unwrap_or("");
        assert!(message.contains("pixels"), "{w}x{h}: {message}");
    }
    // A well-formed header with truncated pixel data is unreadable, not a crash.
    let mut truncated = png(300, 300);
    truncated.truncate(truncated.len() / 2);
    upload_raw(&app, Some(&me), "image/png", truncated)
        .await
        .expect_error(422, "picture_unreadable", "truncated");
}

#[tokio::test]
async fn uploads_are_rate_limited_per_account() {
    let app = test_app(SMALL_WORLD).await;
    let me = user(&app, "Eager").await;
    let other = user(&app, "Patient").await;
    let small = png(16, 16);
    for i in 0..60 {
        let res = upload_raw(&app, Some(&me), "image/png", small.clone()).await;
        assert_eq!(res.status, StatusCode::CREATED, "upload {i}");
    }
    let res = upload_raw(&app, Some(&me), "image/png", small.clone()).await;
    res.expect_error(429, "rate_limited", "61st upload");
    let wait: u64 = res.header("retry-after").parse().expect("Retry-After");
    assert!((1..=600).contains(&wait), "{wait}");
    assert_eq!(
        upload_raw(&app, Some(&other), "image/png", small)
            .await
            .status,
        StatusCode::CREATED,
        "other accounts are not limited"
    );
}
