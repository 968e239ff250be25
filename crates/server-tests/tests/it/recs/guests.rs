//! Guests (not signed in) teach For-you too, through their browser's anonymous `X-Guest-Id`;
//! their signals move to the account when they sign up or in.

use axum::http::Method;
use serde_json::{json, Value};

use super::{channels_of, page_ids};
use crate::common::{test_app, TestApp, TestResponse, SMALL_WORLD};

const GUEST: &str = "0123456789abcdef0123456789abcdef";

async fn as_guest(
    app: &TestApp,
    method: Method,
    uri: &str,
    guest: Option<&str>,
    body: Option<Value>,
) -> TestResponse {
    let mut req = app.request(method, uri);
    if let Some(guest) = guest {
        req = req.header("X-Guest-Id", guest);
    }
    match body {
        Some(body) => req.json(&body).send().await,
        None => req.send().await,
    }
}

async fn guest_page(app: &TestApp, guest: &str) -> Value {
    let res = as_guest(app, Method::GET, "/api/v1/feed/for-you", Some(guest), None).await;
    assert_eq!(
        res.status.as_u16(),
        200,
        "{}",
        String::from_utf8_lossy(&res.body)
    );
    res.json()
}

async fn rows(app: &TestApp, sql: &'static str, key: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(key)
        .fetch_one(&app.state.db)
        .await
        .expect("count")
}

/// A guest who lingers on a dozen notes of one channel sees that channel fill their next page,
/// never the notes just read again; "Not interested" takes a note and its near-duplicates away.
#[tokio::test]
async fn a_guest_is_ranked_from_what_their_browser_opened_and_hid() {
    let app = test_app(SMALL_WORLD).await;
    let cold = page_ids(&guest_page(&app, GUEST).await);
    assert_eq!(cold.len(), 20, "a new guest gets the popular page");
    let (channel, slug): (i64, String) =
        sqlx::query_as("SELECT id, slug FROM channels WHERE slug = 'travel'")
            .fetch_one(&app.state.db)
            .await
            .expect("travel");
    let cold_share = channels_of(&app, &cold)
        .await
        .iter()
        .filter(|&&c| c == channel)
        .count();

    let read = page_ids(
        &app.get_json(&format!("/api/v1/feed?channel={slug}&limit=12"))
            .await,
    );
    for id in &read {
        let res = as_guest(
            &app,
            Method::POST,
            &format!("/api/v1/notes/{id}/open"),
            Some(GUEST),
            Some(json!({ "dwell_ms": 25_000 })),
        )
        .await;
        assert_eq!(res.status.as_u16(), 204, "open {id}");
    }
    let page = guest_page(&app, GUEST).await;
    let ids = page_ids(&page);
    let share = channels_of(&app, &ids)
        .await
        .iter()
        .filter(|&&c| c == channel)
        .count();
    println!("guest travel share: cold {cold_share}/20, after 12 long reads {share}/20");
    assert!(
        share * 100 >= 35 * ids.len(),
        "{share} of {} travel",
        ids.len()
    );
    assert!(
        share >= 3 * cold_share.max(1),
        "{share} vs cold {cold_share}"
    );
    assert!(
        ids.iter().all(|id| !read.contains(id)),
        "notes just read come back"
    );

    // "Not interested" in the first card: it and its author's other notes of that channel go.
    let hidden = ids[0];
    let (author, hidden_channel): (i64, i64) =
        sqlx::query_as("SELECT author_id, channel_id FROM notes WHERE id = $1")
            .bind(hidden)
            .fetch_one(&app.state.db)
            .await
            .expect("note");
    let uri = format!("/api/v1/notes/{hidden}/not-interested");
    for _ in 0..2 {
        let res = as_guest(&app, Method::PUT, &uri, Some(GUEST), None).await;
        assert_eq!(res.status.as_u16(), 204, "idempotent");
    }
    let after = page_ids(&guest_page(&app, GUEST).await);
    assert!(!after.contains(&hidden));
    for id in &after {
        let (a, c): (i64, i64) =
            sqlx::query_as("SELECT author_id, channel_id FROM notes WHERE id = $1")
                .bind(id)
                .fetch_one(&app.state.db)
                .await
                .expect("note");
        assert!(
            (a, c) != (author, hidden_channel),
            "near-duplicate {id} still shown"
        );
    }
    // Another browser's guest is not affected.
    let other = page_ids(&guest_page(&app, "ffffffffffffffffffffffffffffffff").await);
    assert_eq!(other, cold, "another guest sees the cold page");
    // Undo puts it back in reach.
    let res = as_guest(&app, Method::DELETE, &uri, Some(GUEST), None).await;
    assert_eq!(res.status.as_u16(), 204);
    assert_eq!(
        rows(
            &app,
            "SELECT COUNT(*) FROM guest_hides WHERE guest_id = $1",
            GUEST
        )
        .await,
        0
    );
}

#[tokio::test]
async fn malformed_guest_ids_identify_no_one() {
    let app = test_app(SMALL_WORLD).await;
    let note: i64 = sqlx::query_scalar("SELECT MIN(id) FROM notes WHERE hidden_at IS NULL")
        .fetch_one(&app.state.db)
        .await
        .expect("note");
    let open = format!("/api/v1/notes/{note}/open");
    let body = || Some(json!({ "dwell_ms": 1000 }));
    // A malformed id identifies no one, like a wrong API key: signed out, a 401.
    for bad in [
        "nope",
        "0123456789ABCDEF0123456789ABCDEF",
        "0123456789abcdef",
    ] {
        as_guest(&app, Method::GET, "/api/v1/feed/for-you", Some(bad), None)
            .await
            .expect_error(401, "unauthorized", bad);
        as_guest(&app, Method::POST, &open, Some(bad), body())
            .await
            .expect_error(401, "unauthorized", bad);
    }
    as_guest(&app, Method::GET, "/api/v1/feed/for-you", None, None)
        .await
        .expect_error(401, "unauthorized", "no id");
    // Signed in, a stray malformed id changes nothing.
    let (_, cookie) = crate::common::signed_in_user(&app, "idcheck_{n}", "Id Check {n}").await;
    let res = app
        .request(Method::GET, "/api/v1/feed/for-you")
        .maybe_cookie(Some(&cookie))
        .header("X-Guest-Id", "nope")
        .send()
        .await;
    assert_eq!(res.status.as_u16(), 200, "signed in, malformed id");
    as_guest(
        &app,
        Method::POST,
        "/api/v1/notes/999999999/open",
        Some(GUEST),
        body(),
    )
    .await
    .expect_error(404, "not_found", "unknown note");
    assert_eq!(
        rows(
            &app,
            "SELECT COUNT(*) FROM guest_opens WHERE guest_id = $1",
            GUEST
        )
        .await,
        0,
        "nothing written"
    );
}

/// Signing up (or in) with the browser's guest id carries what the guest read and hid over to
/// the account, and forgets the guest.
#[tokio::test]
async fn signing_up_takes_the_guests_signals_along() {
    let app = test_app(SMALL_WORLD).await;
    let notes: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM notes WHERE hidden_at IS NULL ORDER BY id LIMIT 4")
            .fetch_all(&app.state.db)
            .await
            .expect("notes");
    for id in &notes[..3] {
        let res = as_guest(
            &app,
            Method::POST,
            &format!("/api/v1/notes/{id}/open"),
            Some(GUEST),
            Some(json!({ "dwell_ms": 9_000 })),
        )
        .await;
        assert_eq!(res.status.as_u16(), 204);
    }
    let res = as_guest(
        &app,
        Method::PUT,
        &format!("/api/v1/notes/{}/not-interested", notes[3]),
        Some(GUEST),
        None,
    )
    .await;
    assert_eq!(res.status.as_u16(), 204);

    let res = as_guest(
        &app,
        Method::POST,
        "/api/v1/auth/signup",
        Some(GUEST),
        Some(json!({
            "username": "guest_joins",
            "display_name": "Guest Joins",
            "password": "a long enough password",
        })),
    )
    .await;
    assert_eq!(
        res.status.as_u16(),
        201,
        "{}",
        String::from_utf8_lossy(&res.body)
    );
    let me = res.json()["me"]["user"]["id"].as_i64().expect("id");
    let db = &app.state.db;
    let count = |sql: &'static str| sqlx::query_scalar::<_, i64>(sql).bind(me).fetch_one(db);
    assert_eq!(
        count("SELECT COUNT(*) FROM note_opens WHERE user_id = $1")
            .await
            .expect("opens"),
        3
    );
    assert_eq!(
        count("SELECT MIN(dwell_ms) FROM note_opens WHERE user_id = $1")
            .await
            .expect("dwell"),
        9_000
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM note_hides WHERE user_id = $1")
            .await
            .expect("hides"),
        1
    );
    for table in ["guest_opens", "guest_hides"] {
        let left: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM {table} WHERE guest_id = $1"
        )))
        .bind(GUEST)
        .fetch_one(&app.state.db)
        .await
        .expect("count");
        assert_eq!(left, 0, "{table} forgotten");
    }
}
