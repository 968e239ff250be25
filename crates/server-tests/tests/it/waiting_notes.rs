//! Video notes published before their video is ready (issue 16): `POST /notes` answers 202
//! and keeps the note, which goes public by itself when the transcoding job finishes (also
//! when that happened while the server was stopping); until then only its author sees it, in
//! `GET /me/waiting-notes`, and a failed video says why there until dismissed.

use api_types::{ErrorCode, NoteDetail, NoteKind, VideoState, VideoStatus, WaitingNote};
use axum::http::Method;
use serde_json::json;
use zhongcao_server::AppState;

use crate::common::{parse, signed_in_user, test_app, TestApp};
use crate::videos::{clip, settled, upload_mp4, TINY_WORLD};

async fn waiting(app: &TestApp, cookie: &str) -> Vec<WaitingNote> {
    let res = app
        .request(Method::GET, "/api/v1/me/waiting-notes")
        .cookie(cookie)
        .send()
        .await;
    parse(&res, 200, "waiting notes")
}

async fn notes_of(app: &TestApp, author: i64) -> Vec<(i64, String, String)> {
    sqlx::query_as("SELECT id, kind, title FROM notes WHERE author_id = $1 ORDER BY id")
        .bind(author)
        .fetch_all(&app.state.db)
        .await
        .expect("notes")
}

async fn publish(
    app: &TestApp,
    cookie: &str,
    input: &serde_json::Value,
) -> crate::common::TestResponse {
    app.request(Method::POST, "/api/v1/notes")
        .cookie(cookie)
        .json(input)
        .send()
        .await
}

/// A video row in a given state, without a job behind it.
async fn video_row(app: &TestApp, me: i64, key: &str, status: &str) -> i64 {
    let now = zhongcao_server::now_unix();
    sqlx::query_scalar(
        "INSERT INTO videos (video_key, user_id, status, progress, duration_ms, width, height, \
         created_at, updated_at) VALUES ($1, $2, $3, 40, 1500, 64, 64, $4, $5) RETURNING id",
    )
    .bind(key)
    .bind(me)
    .bind(status)
    .bind(now)
    .bind(now)
    .fetch_one(&app.state.db)
    .await
    .expect("video row")
}

#[tokio::test]
async fn a_note_published_before_its_video_is_ready_goes_public_by_itself() {
    let app = test_app(TINY_WORLD).await;
    let (me, cookie) = signed_in_user(&app, "wait_{n}", "Wait {n}").await;
    let (_, other) = signed_in_user(&app, "wait_{n}", "Wait {n}").await;
    // No worker yet: the job stays queued while the note is published.
    let source = clip(app.dir.path(), "phone.mp4", 360, 640, 2, &[]);
    let res = upload_mp4(&app, &cookie, &source).await;
    let video: VideoStatus = parse(&res, 201, "upload");
    let before = notes_of(&app, me).await;

    let input = json!({"title": "Sunset walk", "body": "Golden hour #video", "channel": "travel", "video_id": video.id});
    let res = publish(&app, &cookie, &input).await;
    let kept: WaitingNote = parse(&res, 202, "publish while the video is queued");
    assert_eq!(kept.video_id, video.id);
    assert_eq!(kept.title, "Sunset walk");
    assert_eq!(kept.state, VideoState::Queued);
    assert_eq!((&kept.error, kept.error_code), (&None, None));
    assert_eq!(waiting(&app, &cookie).await, vec![kept.clone()]);
    assert_eq!(waiting(&app, &other).await, vec![], "only the author's");
    assert_eq!(notes_of(&app, me).await, before, "nothing public yet");

    app.state.start_video_worker().await.expect("worker");
    let ready = settled(&app, &cookie, video.id).await;
    assert_eq!(ready.state, VideoState::Ready, "{ready:?}");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !waiting(&app, &cookie).await.is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "the note is still waiting"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let after = notes_of(&app, me).await;
    assert_eq!(after.len(), before.len() + 1, "published once: {after:?}");
    let (id, kind, title) = after.last().cloned().expect("the new note");
    assert_eq!((kind.as_str(), title.as_str()), ("video", "Sunset walk"));
    let note: NoteDetail =
        serde_json::from_value(app.get_json(&format!("/api/v1/notes/{id}")).await).expect("detail");
    assert_eq!(note.kind, NoteKind::Video);
    assert_eq!(note.video, ready.video, "plays for everyone");
    assert_eq!(note.topics, vec!["video".to_string()]);
}

#[tokio::test]
async fn a_failed_video_says_why_until_its_waiting_note_is_dismissed() {
    let app = test_app(TINY_WORLD).await;
    let (me, cookie) = signed_in_user(&app, "wait_{n}", "Wait {n}").await;
    let (_, other) = signed_in_user(&app, "wait_{n}", "Wait {n}").await;
    let video = video_row(&app, me, "vWaitFail000000000", "processing").await;
    let input = json!({"title": "Doomed", "body": "", "channel": "fashion", "video_id": video});
    let res = publish(&app, &cookie, &input).await;
    let kept: WaitingNote = parse(&res, 202, "publish while processing");
    assert_eq!((kept.state, kept.progress), (VideoState::Processing, 40));

    sqlx::query(
        "UPDATE videos SET status = 'failed', error = 'The file has no picture.' WHERE id = $1",
    )
    .bind(video)
    .execute(&app.state.db)
    .await
    .expect("fail it");
    let listed = waiting(&app, &cookie).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].state, VideoState::Failed);
    assert_eq!(
        listed[0].error.as_deref(),
        Some("The video could not be processed: The file has no picture.")
    );
    assert_eq!(listed[0].error_code, Some(ErrorCode::VideoFailed));

    let path = format!("/api/v1/me/waiting-notes/{video}");
    let res = app
        .request(Method::DELETE, &path)
        .cookie(&other)
        .send()
        .await;
    res.expect_error(404, "not_found", "someone else's");
    let res = app
        .request(Method::DELETE, &path)
        .cookie(&cookie)
        .send()
        .await;
    assert_eq!(res.status.as_u16(), 204);
    assert_eq!(waiting(&app, &cookie).await, vec![]);
    let res = app
        .request(Method::DELETE, &path)
        .cookie(&cookie)
        .send()
        .await;
    res.expect_error(404, "not_found", "already dismissed");
}

#[tokio::test]
async fn a_note_whose_video_became_ready_during_a_restart_is_published_at_start() {
    let app = test_app(TINY_WORLD).await;
    let (me, cookie) = signed_in_user(&app, "wait_{n}", "Wait {n}").await;
    let video = video_row(&app, me, "vWaitRestart000000", "processing").await;
    let input =
        json!({"title": "Across a restart", "body": "", "channel": "food", "video_id": video});
    let res = publish(&app, &cookie, &input).await;
    let _: WaitingNote = parse(&res, 202, "publish while processing");
    let before = notes_of(&app, me).await;
    // The job finished, and the process stopped before the note was written.
    ready_across_a_restart(&app, &[video]).await;
    let after = notes_of(&app, me).await;
    assert_eq!(after.len(), before.len() + 1, "{after:?}");
    assert_eq!(after.last().map(|n| n.2.as_str()), Some("Across a restart"));
    assert_eq!(waiting(&app, &cookie).await, vec![]);
}

/// Marks `videos` ready (with some poster) and starts a fresh server over the same database,
/// which publishes the notes waiting for ready videos at start.
async fn ready_across_a_restart(app: &TestApp, videos: &[i64]) {
    let poster: i64 = sqlx::query_scalar("SELECT id FROM images ORDER BY id LIMIT 1")
        .fetch_one(&app.state.db)
        .await
        .expect("an image");
    for video in videos {
        sqlx::query(
            "UPDATE videos SET status = 'ready', progress = 100, poster_image_id = $1 WHERE id = $2",
        )
        .bind(poster)
        .bind(video)
        .execute(&app.state.db)
        .await
        .expect("ready");
    }
    let restarted = AppState::new(app.state.db.clone(), app.dir.path(), |_| {})
        .await
        .expect("state");
    restarted.start_video_worker().await.expect("worker");
}

/// Why a waiting note did not go public is sent as a code the client words in its language
/// (the English `error` stays, for logs): the refusal met when its video was ready, here a
/// field's (a product that left the shop meanwhile) and a whole request's (the same note
/// published meanwhile).
#[tokio::test]
async fn why_a_waiting_note_was_not_published_is_sent_as_a_code() {
    let app = test_app(TINY_WORLD).await;
    let (me, cookie) = signed_in_user(&app, "wait_{n}", "Wait {n}").await;
    let product: i64 = sqlx::query_scalar(
        "SELECT id FROM products WHERE id NOT IN (SELECT product_id FROM order_items) \
         AND id NOT IN (SELECT pinned_product_id FROM live_rooms \
                        WHERE pinned_product_id IS NOT NULL) ORDER BY id LIMIT 1",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("a product nobody ordered");
    let gone = video_row(&app, me, "vWaitGone000000000", "processing").await;
    let twin = video_row(&app, me, "vWaitTwin000000000", "processing").await;
    let input = json!({"title": "With a product", "body": "", "channel": "fashion",
        "product_ids": [product], "video_id": gone});
    let _: WaitingNote = parse(&publish(&app, &cookie, &input).await, 202, "with a product");
    let input = json!({"title": "Twin", "body": "Same words", "channel": "food", "video_id": twin});
    let _: WaitingNote = parse(&publish(&app, &cookie, &input).await, 202, "twin");

    // Meanwhile the product leaves the shop and the author publishes the same note.
    sqlx::query("DELETE FROM products WHERE id = $1")
        .bind(product)
        .execute(&app.state.db)
        .await
        .expect("product gone");
    sqlx::query(
        "INSERT INTO notes (author_id, channel_id, kind, title, body, cover_image_id, score, \
         created_at) VALUES ($1, 1, 'image', 'Twin', 'Same words', 1, 0, $2)",
    )
    .bind(me)
    .bind(zhongcao_server::now_unix())
    .execute(&app.state.db)
    .await
    .expect("the same note");
    ready_across_a_restart(&app, &[gone, twin]).await;

    let res = app
        .request(Method::GET, "/api/v1/me/waiting-notes")
        .cookie(&cookie)
        .send()
        .await;
    let listed: serde_json::Value = parse(&res, 200, "waiting notes");
    let why = |video: i64| {
        let note = listed
            .as_array()
            .and_then(|l| l.iter().find(|w| w["video_id"] == video))
            .unwrap_or_else(|| panic!("video {video}'s note is still listed: {listed}"));
        (note["error_code"].clone(), note["error"].clone())
    };
    let (code, error) = why(gone);
    assert_eq!(code, json!("product_gone"), "{listed}");
    assert!(
        error.as_str().is_some_and(|e| e.contains("product")),
        "{error}"
    );
    let (code, error) = why(twin);
    assert_eq!(code, json!("duplicate_note"), "{listed}");
    assert!(
        error.as_str().is_some_and(|e| e.contains("24 hours")),
        "{error}"
    );
}
