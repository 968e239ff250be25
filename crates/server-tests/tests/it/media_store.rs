//! The media store (`zhongcao_server::storage`): a picture's object and its database row are
//! written so that a failure leaves neither half, the sweeper deletes old objects no row
//! names (and nothing else), and local files keep the paths existing data directories use.
//! With `ZC_TEST_S3_URL` set (`cargo xtask s3` starts a local server), the same against S3.

use std::time::Duration;

use crate::common::{encode, gradient, parse, signed_in_user, test_app, TestApp, SMALL_WORLD};
use api_types::Upload;
use axum::http::Method;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use zhongcao_server::storage::{
    source_key, sweep_orphan_sources, AmazonS3Builder, Storage, SOURCE_PREFIX,
};

/// The keys under `src/`, sorted.
async fn sources(app: &TestApp) -> Vec<String> {
    let mut keys: Vec<String> = app
        .state
        .images
        .objects
        .list(SOURCE_PREFIX)
        .await
        .expect("list sources")
        .into_iter()
        .map(|meta| meta.location.to_string())
        .collect();
    keys.sort();
    keys
}

async fn post_picture(app: &TestApp, cookie: &str) -> crate::common::TestResponse {
    app.request(Method::POST, "/api/v1/uploads")
        .cookie(cookie)
        .bytes(
            "image/png",
            encode(&gradient(64, 48), image::ImageFormat::Png),
        )
        .send()
        .await
}

/// The image key inside an upload's URL template (`/img/v1/{key}/{w}`).
fn image_key(upload: &Upload) -> String {
    upload
        .image
        .url_template
        .split('/')
        .nth(3)
        .expect("key")
        .to_string()
}

/// From now on every `images` insert fails (after the upload's object was written).
async fn refuse_image_rows(app: &TestApp) {
    sqlx::query(
        "CREATE TRIGGER refuse_images BEFORE INSERT ON images \
         BEGIN SELECT RAISE(ABORT, 'refused by the test'); END",
    )
    .execute(&app.state.db)
    .await
    .expect("trigger");
}

#[tokio::test]
async fn a_failed_insert_leaves_no_picture_object() {
    let app = test_app(SMALL_WORLD).await;
    let (_, cookie) = signed_in_user(&app, "storeuser", "Store User").await;
    let before = sources(&app).await;
    // The row's insert fails after the object was written: the object must go again.
    refuse_image_rows(&app).await;
    post_picture(&app, &cookie).await.expect_error(
        500,
        "internal",
        "upload whose row cannot be written",
    );
    assert_eq!(sources(&app).await, before, "no object without its row");

    sqlx::query("DROP TRIGGER refuse_images")
        .execute(&app.state.db)
        .await
        .expect("drop trigger");
    let upload: Upload = parse(&post_picture(&app, &cookie).await, 201, "upload");
    let key = image_key(&upload);
    assert!(sources(&app).await.contains(&source_key(&key)));
    // Local files keep today's layout: `images/src/{key}.jpg` under the data directory.
    assert!(app
        .dir
        .path()
        .join("images/src")
        .join(format!("{key}.jpg"))
        .is_file());
}

#[tokio::test]
async fn the_sweeper_deletes_old_unreferenced_sources_only() {
    let app = test_app(SMALL_WORLD).await;
    let (_, cookie) = signed_in_user(&app, "sweepuser", "Sweep User").await;
    let upload: Upload = parse(&post_picture(&app, &cookie).await, 201, "upload");
    let kept = source_key(&image_key(&upload));
    // What a crash between the object and its row leaves behind.
    let orphan = source_key("OrphanWithoutARow0001");
    app.state
        .images
        .objects
        .put(&orphan, b"not a row's picture".to_vec())
        .await
        .expect("put orphan");
    let (db, objects) = (&app.state.db, &app.state.images.objects);

    // Young objects are left alone: an upload writes its object a moment before its row.
    let swept = sweep_orphan_sources(db, objects, Duration::from_secs(3600)).await;
    assert_eq!(swept.expect("sweep"), 0);
    assert!(sources(&app).await.contains(&orphan));

    tokio::time::sleep(Duration::from_millis(20)).await;
    let swept = sweep_orphan_sources(db, objects, Duration::ZERO).await;
    assert_eq!(swept.expect("sweep"), 1);
    let left = sources(&app).await;
    assert!(!left.contains(&orphan), "the orphan is gone");
    assert!(left.contains(&kept), "a referenced source stays");
    // ... and is still served.
    let res = app
        .get(&upload.image.url_template.replace("{w}", "360"))
        .await;
    assert_eq!(res.status, 200);
}

/// A bucket on the S3-compatible server at `ZC_TEST_S3_URL` (e.g. `cargo xtask s3`'s
/// `http://127.0.0.1:9000`), created for this test; `None` when the variable is unset.
async fn s3_bucket() -> Option<Storage> {
    let endpoint = std::env::var("ZC_TEST_S3_URL").ok()?;
    let bucket = format!("zc-test-{}", fastrand::u64(..));
    // CreateBucket is a plain `PUT /{bucket}`: the local test server takes it unsigned.
    let host = endpoint
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let mut conn = tokio::net::TcpStream::connect(&host)
        .await
        .expect("S3 test server");
    let request = format!(
        "PUT /{bucket} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    conn.write_all(request.as_bytes())
        .await
        .expect("create bucket");
    let mut answer = String::new();
    conn.read_to_string(&mut answer).await.expect("answer");
    assert!(
        answer.starts_with("HTTP/1.1 200"),
        "create bucket: {answer}"
    );
    let builder = AmazonS3Builder::new()
        .with_endpoint(&endpoint)
        .with_allow_http(true)
        .with_region("us-east-1")
        .with_access_key_id("test")
        .with_secret_access_key("test");
    Some(Storage::s3_with(&format!("s3://{bucket}"), builder).expect("s3 store"))
}

/// The same paths against a real S3-compatible server: pictures stored and rendered through
/// it, a failed insert leaving no object, the sweeper, and a video served by byte ranges.
#[tokio::test]
async fn an_s3_bucket_serves_the_same() {
    let Some(bucket) = s3_bucket().await else {
        eprintln!("ZC_TEST_S3_URL unset: the S3 test is skipped");
        return;
    };
    let app = test_app(SMALL_WORLD)
        .await
        .with_state(|state| state.with_media_store(bucket));
    let (_, cookie) = signed_in_user(&app, "s3user", "S3 User").await;
    let upload: Upload = parse(&post_picture(&app, &cookie).await, 201, "upload");
    let key = image_key(&upload);
    assert_eq!(sources(&app).await, vec![source_key(&key)]);
    let res = app.get(&upload.image.url(360)).await;
    assert_eq!(res.status, 200);
    assert!(res.body.starts_with(&[0xff, 0xd8, 0xff]), "a JPEG");
    let cached = format!("{key}-360.jpg");
    assert!(app
        .state
        .images
        .objects
        .head(&cached)
        .await
        .expect("head")
        .is_some());
    assert!(!app
        .dir
        .path()
        .join("images/src")
        .join(format!("{key}.jpg"))
        .exists());

    refuse_image_rows(&app).await;
    post_picture(&app, &cookie).await.expect_error(
        500,
        "internal",
        "upload whose row cannot be written",
    );
    assert_eq!(sources(&app).await, vec![source_key(&key)]);

    let orphan = source_key("OrphanInTheBucket0001");
    let objects = &app.state.images.objects;
    objects
        .put(&orphan, b"left behind".to_vec())
        .await
        .expect("put");
    tokio::time::sleep(Duration::from_millis(1100)).await; // S3 times are in seconds
    let swept = sweep_orphan_sources(&app.state.db, objects, Duration::ZERO).await;
    assert_eq!(swept.expect("sweep"), 1);
    assert_eq!(sources(&app).await, vec![source_key(&key)]);

    let data: Vec<u8> = (0..10_000u32).map(|i| (i * 7 % 251) as u8).collect();
    objects
        .put("video/vS3Range00000000000/480.mp4", data.clone())
        .await
        .expect("put video");
    let url = "/vid/v1/vS3Range00000000000/480.mp4";
    let res = app
        .request(Method::GET, url)
        .header("range", "bytes=4000-4999")
        .send()
        .await;
    assert_eq!(res.status, 206);
    assert_eq!(res.header("content-range"), "bytes 4000-4999/10000");
    assert_eq!(res.body, data[4000..5000]);
    let res = app
        .request(Method::GET, url)
        .header("range", "bytes=10000-")
        .send()
        .await;
    assert_eq!(res.status, 416);
    assert_eq!(res.header("content-range"), "bytes */10000");
    let whole = app.get(url).await;
    assert_eq!((whole.status.as_u16(), whole.body.len()), (200, data.len()));
}
