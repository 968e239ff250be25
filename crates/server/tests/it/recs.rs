//! Recommendation signals (note opens with dwell, "Not interested", shares kept for taste) and
//! the personalised For-you feed, through the HTTP API on a small seeded world.

use crate::common;

use axum::http::Method;
use serde_json::{json, Value};

use crate::common::{test_app, TestApp, TestResponse, SMALL_WORLD};

async fn call(
    app: &TestApp,
    method: Method,
    uri: &str,
    cookie: Option<&str>,
    body: Option<Value>,
) -> TestResponse {
    let req = app.request(method, uri).maybe_cookie(cookie);
    match body {
        Some(body) => req.json(&body).send().await,
        None => req.send().await,
    }
}

/// A visible note not written by `user`.
async fn someone_elses_note(app: &TestApp, user: i64) -> i64 {
    sqlx::query_scalar(
        "SELECT id FROM notes WHERE author_id <> ? AND hidden_at IS NULL ORDER BY id LIMIT 1",
    )
    .bind(user)
    .fetch_one(&app.state.db)
    .await
    .expect("a note")
}

async fn count(app: &TestApp, sql: &'static str, user: i64) -> i64 {
    sqlx::query_scalar(sql)
        .bind(user)
        .fetch_one(&app.state.db)
        .await
        .expect("count")
}

#[tokio::test]
async fn note_opens_are_capped_deduplicated_and_validated() {
    let app = test_app(SMALL_WORLD).await;
    let (me, cookie) = common::signed_in_user(&app, "reader_{n}", "Reader {n}").await;
    let note = someone_elses_note(&app, me).await;
    let uri = format!("/api/v1/notes/{note}/open");
    let ok = |ms: u64| json!({ "dwell_ms": ms });

    // Guests are not recorded (yet): a clear 401.
    call(&app, Method::POST, &uri, None, Some(ok(1000)))
        .await
        .expect_error(401, "unauthorized", "guest open");
    // Bad bodies are JSON 4xx errors and write nothing.
    for (body, what) in [
        (json!({ "dwell_ms": -5 }), "negative"),
        (json!({ "dwell_ms": "long" }), "a string"),
        (json!({}), "missing"),
        (json!({ "dwell_ms": 5_000_000_000u64 }), "beyond u32"),
    ] {
        let res = call(&app, Method::POST, &uri, Some(&cookie), Some(body)).await;
        assert!(
            res.status.is_client_error(),
            "{what}: {} {}",
            res.status,
            String::from_utf8_lossy(&res.body)
        );
        res.expect_error(res.status.as_u16(), "validation", what);
    }
    call(
        &app,
        Method::POST,
        "/api/v1/notes/999999999/open",
        Some(&cookie),
        Some(ok(1000)),
    )
    .await
    .expect_error(404, "not_found", "unknown note");
    let opens = "SELECT COUNT(*) FROM note_opens WHERE user_id = ?";
    assert_eq!(count(&app, opens, me).await, 0, "nothing half-written");

    // Two reports of the same note on one day: one row, the longer stay, capped.
    for ms in [4_000u64, 2_000] {
        let res = call(&app, Method::POST, &uri, Some(&cookie), Some(ok(ms))).await;
        assert_eq!(res.status.as_u16(), 204, "open {ms}");
    }
    assert_eq!(count(&app, opens, me).await, 1);
    let dwell = "SELECT dwell_ms FROM note_opens WHERE user_id = ?";
    assert_eq!(count(&app, dwell, me).await, 4_000);
    let res = call(
        &app,
        Method::POST,
        &uri,
        Some(&cookie),
        Some(ok(86_400_000)),
    )
    .await;
    assert_eq!(res.status.as_u16(), 204);
    assert_eq!(
        count(&app, dwell, me).await,
        i64::from(api_types::DWELL_CAP_MS)
    );
}

#[tokio::test]
async fn not_interested_is_idempotent_and_undoable() {
    let app = test_app(SMALL_WORLD).await;
    let (me, cookie) = common::signed_in_user(&app, "picky_{n}", "Picky {n}").await;
    let note = someone_elses_note(&app, me).await;
    let uri = format!("/api/v1/notes/{note}/not-interested");
    let hides = "SELECT COUNT(*) FROM note_hides WHERE user_id = ?";

    call(&app, Method::PUT, &uri, None, None)
        .await
        .expect_error(401, "unauthorized", "guest");
    call(
        &app,
        Method::PUT,
        "/api/v1/notes/999999999/not-interested",
        Some(&cookie),
        None,
    )
    .await
    .expect_error(404, "not_found", "unknown note");
    call(
        &app,
        Method::PUT,
        "/api/v1/notes/abc/not-interested",
        Some(&cookie),
        None,
    )
    .await
    .expect_error(400, "bad_request", "malformed id");
    assert_eq!(count(&app, hides, me).await, 0);

    for _ in 0..2 {
        let res = call(&app, Method::PUT, &uri, Some(&cookie), None).await;
        assert_eq!(res.status.as_u16(), 204);
    }
    assert_eq!(count(&app, hides, me).await, 1);
    let res = call(&app, Method::DELETE, &uri, Some(&cookie), None).await;
    assert_eq!(res.status.as_u16(), 204);
    assert_eq!(count(&app, hides, me).await, 0);
}

#[tokio::test]
async fn signed_in_shares_are_kept_for_taste() {
    let app = test_app(SMALL_WORLD).await;
    let (me, cookie) = common::signed_in_user(&app, "sharer_{n}", "Sharer {n}").await;
    let note = someone_elses_note(&app, me).await;
    let uri = format!("/api/v1/notes/{note}/share");
    for _ in 0..2 {
        let res = call(&app, Method::POST, &uri, Some(&cookie), None).await;
        assert_eq!(res.status.as_u16(), 204);
    }
    let shares = "SELECT COUNT(*) FROM user_shares WHERE user_id = ?";
    assert_eq!(count(&app, shares, me).await, 1);
}
