//! The media store (`zhongcao_server::storage`): a picture's object and its database row are
//! written so that a failure leaves neither half, the sweeper deletes old objects no row
//! names (and nothing else), and local files keep the paths existing data directories use.

use std::time::Duration;

use crate::common::{encode, gradient, parse, signed_in_user, test_app, TestApp, SMALL_WORLD};
use api_types::Upload;
use axum::http::Method;
use zhongcao_server::storage::{source_key, sweep_orphan_sources, SOURCE_PREFIX};

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

#[tokio::test]
async fn a_failed_insert_leaves_no_picture_object() {
    let app = test_app(SMALL_WORLD).await;
    let (_, cookie) = signed_in_user(&app, "storeuser", "Store User").await;
    let before = sources(&app).await;
    // The row's insert fails after the object was written: the object must go again.
    sqlx::query(
        "CREATE TRIGGER refuse_images BEFORE INSERT ON images \
         BEGIN SELECT RAISE(ABORT, 'refused by the test'); END",
    )
    .execute(&app.state.db)
    .await
    .expect("trigger");
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
