//! HTTP-level tests of accounts and interactions: sign up / in / out, sessions and their
//! revocation, the sign-in rate limit, the CSRF guard, who may change what, text that looks
//! like HTML, concurrent likes, comments and replies, follows and the following feed,
//! notifications, list privacy and avatar uploads (tower `oneshot`, one seeded app per test).

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::common::{encode, gradient, test_app, unique_ip, TestApp, TestResponse, SMALL_WORLD};
use api_types::{UnreadCounts, AVATAR_MAX_BYTES, COMMENT_MAX_CHARS, DISPLAY_NAME_MAX_CHARS};
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use zhongcao_server::auth::{DEMO_PASSWORD, SESSION_COOKIE};
use zhongcao_server::ratelimit::SIGN_IN_PAIR;

mod follows;
mod interactions;
mod permissions;
mod profile;
mod sessions;

/// Wrong passwords one client may send one account before that client is held back.
const FAILURES_PER_ACCOUNT: usize = SIGN_IN_PAIR.rules[0].limit as usize;

// ---- Helpers ----

/// Password of every account these tests sign up.
const PASSWORD: &str = "correct horse battery";

/// A signed-in account: its id, username and `zc_session=…` cookie pair.
#[derive(Clone, Debug)]
struct Account {
    id: i64,
    username: String,
    cookie: String,
}

/// A username no other test account has (names stay within the 20-character limit).
fn unique_username(prefix: &str) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("{prefix}_{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

fn account_from(res: &TestResponse) -> Account {
    let body = res.json();
    Account {
        id: body["me"]["user"]["id"].as_i64().expect("me.user.id"),
        username: body["me"]["user"]["username"]
            .as_str()
            .expect("me.user.username")
            .to_string(),
        cookie: res
            .set_cookie_pair(SESSION_COOKIE)
            .expect("a session cookie is set"),
    }
}

/// Each from its own address: these tests sign up more people than one client may.
async fn sign_up_response(app: &TestApp, form: Value) -> TestResponse {
    app.request(Method::POST, "/api/v1/auth/signup")
        .json(&form)
        .client_ip(&unique_ip())
        .send()
        .await
}

/// Signs up a fresh account with `display_name` and returns it signed in.
async fn sign_up(app: &TestApp, display_name: &str) -> Account {
    let username = unique_username("tester");
    let res = sign_up_response(
        app,
        json!({"username": username, "display_name": display_name, "password": PASSWORD}),
    )
    .await;
    assert_eq!(
        res.status,
        StatusCode::CREATED,
        "sign up {username}: {}",
        res.json()
    );
    account_from(&res)
}

async fn sign_in(app: &TestApp, username: &str, password: &str) -> TestResponse {
    app.request(Method::POST, "/api/v1/auth/signin")
        .json(&json!({"username": username, "password": password}))
        .send()
        .await
}

/// Signs in as seeded user `id` with the documented demo password.
async fn seeded_account(app: &TestApp, id: i64) -> Account {
    let username: String = sqlx::query_scalar("SELECT username FROM users WHERE id = $1")
        .bind(id)
        .fetch_one(&app.state.db)
        .await
        .expect("seeded user");
    let res = sign_in(app, &username, DEMO_PASSWORD).await;
    assert_eq!(
        res.status,
        StatusCode::OK,
        "sign in {username}: {}",
        res.json()
    );
    account_from(&res)
}

/// Sends a bodiless request as `who` (same-site Origin preset).
async fn act(app: &TestApp, method: Method, uri: &str, who: &Account) -> TestResponse {
    app.request(method, uri).cookie(&who.cookie).send().await
}

/// Sends a JSON request as `who`.
async fn act_json(
    app: &TestApp,
    method: Method,
    uri: &str,
    who: &Account,
    body: Value,
) -> TestResponse {
    app.request(method, uri)
        .cookie(&who.cookie)
        .json(&body)
        .send()
        .await
}

/// A GET that must answer 200, as `who` (or anonymously).
async fn get_as(app: &TestApp, uri: &str, who: Option<&Account>) -> Value {
    let res = app
        .request(Method::GET, uri)
        .maybe_cookie(who.map(|a| a.cookie.as_str()))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "GET {uri}: {}", res.json());
    res.json()
}

/// Who the session cookie belongs to, per `GET /api/v1/auth/session` (`None`: nobody).
async fn session_user(app: &TestApp, cookie: Option<&str>) -> Option<i64> {
    let res = app
        .request(Method::GET, "/api/v1/auth/session")
        .maybe_cookie(cookie)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let body = res.json();
    assert!(body.get("me").is_some(), "session has a `me` key: {body}");
    body["me"]["user"]["id"].as_i64()
}

/// The field names of a 422 `Fields` error.
fn error_fields(res: &TestResponse, what: &str) -> Vec<String> {
    let body = res.expect_error(422, "validation", what);
    body["error"]["fields"]
        .as_array()
        .expect("error.fields")
        .iter()
        .map(|f| f["field"].as_str().expect("field name").to_string())
        .collect()
}

/// `(likes, collects, comments)` of a note as its detail page shows them.
async fn note_counts(app: &TestApp, note: i64) -> (i64, i64, i64) {
    let detail = app.get_json(&format!("/api/v1/notes/{note}")).await;
    let counts = &detail["counts"];
    (
        counts["likes"].as_i64().expect("likes"),
        counts["collects"].as_i64().expect("collects"),
        counts["comments"].as_i64().expect("comments"),
    )
}

async fn unread(app: &TestApp, who: &Account) -> UnreadCounts {
    let body = get_as(app, "/api/v1/notifications/unread", Some(who)).await;
    serde_json::from_value(body).expect("UnreadCounts")
}

/// A seeded note with the fewest comments (so new ones show on the first page) and its author.
async fn seeded_note(app: &TestApp) -> (i64, i64) {
    sqlx::query_as(
        "SELECT id, author_id FROM notes \
         ORDER BY (SELECT COUNT(*) FROM comments c WHERE c.note_id = notes.id), id LIMIT 1",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("a seeded note")
}

/// The `n` seeded authors with the most notes, most prolific first.
async fn prolific_authors(app: &TestApp, n: i64) -> Vec<i64> {
    sqlx::query_scalar(
        "SELECT author_id FROM notes GROUP BY author_id ORDER BY COUNT(*) DESC, author_id LIMIT $1",
    )
    .bind(n)
    .fetch_all(&app.state.db)
    .await
    .expect("authors")
}

async fn notes_of(app: &TestApp, author: i64) -> Vec<i64> {
    sqlx::query_scalar("SELECT id FROM notes WHERE author_id = $1 ORDER BY id")
        .bind(author)
        .fetch_all(&app.state.db)
        .await
        .expect("notes of author")
}

async fn post_comment(
    app: &TestApp,
    who: &Account,
    note: i64,
    body: &str,
    reply_to: Option<i64>,
) -> TestResponse {
    act_json(
        app,
        Method::POST,
        &format!("/api/v1/notes/{note}/comments"),
        who,
        json!({"body": body, "reply_to": reply_to}),
    )
    .await
}

/// Posts a comment that must succeed; returns its JSON.
async fn comment(
    app: &TestApp,
    who: &Account,
    note: i64,
    body: &str,
    reply_to: Option<i64>,
) -> Value {
    let res = post_comment(app, who, note, body, reply_to).await;
    assert_eq!(res.status, StatusCode::CREATED, "comment: {}", res.json());
    res.json()
}

async fn comment_exists(app: &TestApp, id: i64) -> bool {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM comments WHERE id = $1")
        .bind(id)
        .fetch_optional(&app.state.db)
        .await
        .expect("query comment");
    found.is_some()
}

fn ids(items: &Value) -> Vec<i64> {
    items
        .as_array()
        .expect("items array")
        .iter()
        .map(|i| i["id"].as_i64().expect("id"))
        .collect()
}
