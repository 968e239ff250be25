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
    let username: String = sqlx::query_scalar("SELECT username FROM users WHERE id = ?")
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
        "SELECT author_id FROM notes GROUP BY author_id ORDER BY COUNT(*) DESC, author_id LIMIT ?",
    )
    .bind(n)
    .fetch_all(&app.state.db)
    .await
    .expect("authors")
}

async fn notes_of(app: &TestApp, author: i64) -> Vec<i64> {
    sqlx::query_scalar("SELECT id FROM notes WHERE author_id = ? ORDER BY id")
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
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM comments WHERE id = ?")
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

// ---- 1. Sign up and sessions ----

#[tokio::test]
async fn sign_up_sets_a_session_cookie_and_validates_fields() {
    let app = test_app(SMALL_WORLD).await;
    let username = unique_username("Fresh");
    let res = sign_up_response(
        &app,
        json!({"username": format!("  {username} "), "display_name": "Fresh Face", "password": PASSWORD}),
    )
    .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.json());
    assert!(res.header("content-type").starts_with("application/json"));
    let set_cookie = res.header("set-cookie");
    assert!(set_cookie.starts_with("zc_session="), "{set_cookie}");
    assert!(
        set_cookie.len() > "zc_session=".len() + 20,
        "token: {set_cookie}"
    );
    assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
    assert!(set_cookie.contains("SameSite=Lax"), "{set_cookie}");
    assert!(set_cookie.contains("Path=/"), "{set_cookie}");
    assert!(
        !set_cookie.contains("Secure"),
        "no Secure over http: {set_cookie}"
    );
    let me = res.json();
    // Usernames are trimmed and lower-cased.
    assert_eq!(me["me"]["user"]["username"], username.to_lowercase());
    assert_eq!(me["me"]["user"]["display_name"], "Fresh Face");
    let account = account_from(&res);

    let session = get_as(&app, "/api/v1/auth/session", Some(&account)).await;
    assert_eq!(session["me"]["user"]["username"], username.to_lowercase());
    assert_eq!(session["me"]["user"]["id"], account.id);
    let anonymous = app.get_json("/api/v1/auth/session").await;
    assert!(anonymous["me"].is_null(), "{anonymous}");
    assert_eq!(
        session_user(&app, Some("zc_session=not-a-real-token")).await,
        None
    );

    // A client cannot claim https: the Secure flag follows the configured origin only
    // (tests/it/security.rs checks an https one).
    let res = app
        .request(Method::POST, "/api/v1/auth/signup")
        .header("x-forwarded-proto", "https")
        .json(&json!({"username": unique_username("tls"), "display_name": "Tls", "password": PASSWORD}))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED);
    assert!(
        !res.header("set-cookie").contains("Secure"),
        "{}",
        res.header("set-cookie")
    );

    // Every bad field is named at once.
    let res = sign_up_response(
        &app,
        json!({"username": "No Spaces!", "display_name": "", "password": "short", "email": "not-an-email"}),
    )
    .await;
    let mut fields = error_fields(&res, "invalid sign-up");
    fields.sort();
    assert_eq!(fields, ["display_name", "email", "password", "username"]);
    assert!(
        res.set_cookie_pair(SESSION_COOKIE).is_none(),
        "no session on failure"
    );

    let too_long = "a".repeat(api_types::USERNAME_CHARS.1 + 1);
    for (username, why) in [
        ("ab", "too short"),
        (too_long.as_str(), "too long"),
        ("名字abc", "not ascii"),
        ("dot.name", "punctuation"),
    ] {
        let res = sign_up_response(
            &app,
            json!({"username": username, "display_name": "X", "password": PASSWORD}),
        )
        .await;
        assert_eq!(error_fields(&res, why), ["username"], "{why}");
    }
    let long_name = "名".repeat(DISPLAY_NAME_MAX_CHARS + 1);
    let res = sign_up_response(
        &app,
        json!({"username": unique_username("long"), "display_name": long_name, "password": PASSWORD}),
    )
    .await;
    assert_eq!(error_fields(&res, "long display name"), ["display_name"]);

    // Taken username (case-insensitively) and taken email.
    let res = sign_up_response(
        &app,
        json!({"username": username.to_uppercase(), "display_name": "Copy", "password": PASSWORD}),
    )
    .await;
    assert_eq!(error_fields(&res, "duplicate username"), ["username"]);
    let email_user = unique_username("mail");
    let res = sign_up_response(
        &app,
        json!({"username": email_user, "display_name": "Mail", "password": PASSWORD, "email": "Someone@Example.com"}),
    )
    .await;
    assert_eq!(res.status, StatusCode::CREATED);
    assert_eq!(res.json()["me"]["email"], "someone@example.com");
    let res = sign_up_response(
        &app,
        json!({"username": unique_username("mail"), "display_name": "Mail", "password": PASSWORD, "email": "someone@example.com"}),
    )
    .await;
    assert_eq!(error_fields(&res, "duplicate email"), ["email"]);
    // The email then signs in like the username.
    let res = sign_in(&app, "someone@example.com", PASSWORD).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.json());
    assert_eq!(res.json()["me"]["user"]["username"], email_user);

    // A body that is not the form at all.
    let res = app
        .request(Method::POST, "/api/v1/auth/signup")
        .bytes("text/plain", b"username=x".to_vec())
        .send()
        .await;
    res.expect_error(415, "unsupported_media_type", "non-JSON sign-up");
}

// ---- 2. Sign in and its rate limit ----

#[tokio::test]
async fn sign_in_checks_the_password_and_limits_failures() {
    let app = test_app(SMALL_WORLD).await;
    let seeded = seeded_account(&app, 1).await;
    assert_eq!(seeded.id, 1);
    assert_eq!(session_user(&app, Some(&seeded.cookie)).await, Some(1));

    let wrong = sign_in(&app, &seeded.username, "not-the-password").await;
    let wrong_body = wrong.expect_error(401, "unauthorized", "wrong password");
    assert!(wrong.set_cookie_pair(SESSION_COOKIE).is_none());
    // An unknown account gets the same answer, so usernames cannot be probed.
    let unknown = sign_in(&app, "nobody_here_at_all", "whatever-password").await;
    let unknown_body = unknown.expect_error(401, "unauthorized", "unknown user");
    assert_eq!(
        wrong_body["error"]["message"],
        unknown_body["error"]["message"]
    );

    // Account 2: five failures, then even the right password is refused for a while.
    let (second_name,): (String,) = sqlx::query_as("SELECT username FROM users WHERE id = 2")
        .fetch_one(&app.state.db)
        .await
        .expect("user 2");
    for attempt in 0..FAILURES_PER_ACCOUNT {
        let res = sign_in(&app, &second_name, &format!("bad-password-{attempt}")).await;
        res.expect_error(401, "unauthorized", "failed attempt");
    }
    let limited = sign_in(&app, &second_name, DEMO_PASSWORD).await;
    let body = limited.expect_error(429, "rate_limited", "after too many failures");
    assert!(limited.set_cookie_pair(SESSION_COOKIE).is_none());
    let retry: u64 = limited
        .header("retry-after")
        .parse()
        .expect("numeric Retry-After");
    assert!((1..=15 * 60).contains(&retry), "Retry-After {retry}");
    let message = body["error"]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("Too many") && message.contains("minute"),
        "clear message: {message}"
    );
    // Case and spaces do not get around the limit.
    let res = sign_in(
        &app,
        &format!(" {} ", second_name.to_uppercase()),
        DEMO_PASSWORD,
    )
    .await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);

    // The limit is per account: another one still signs in, and a success resets its count.
    let (third_name,): (String,) = sqlx::query_as("SELECT username FROM users WHERE id = 3")
        .fetch_one(&app.state.db)
        .await
        .expect("user 3");
    for _ in 0..FAILURES_PER_ACCOUNT - 1 {
        assert_eq!(
            sign_in(&app, &third_name, "nope-nope").await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        sign_in(&app, &third_name, DEMO_PASSWORD).await.status,
        StatusCode::OK
    );
    for _ in 0..FAILURES_PER_ACCOUNT - 1 {
        assert_eq!(
            sign_in(&app, &third_name, "nope-nope").await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        sign_in(&app, &third_name, DEMO_PASSWORD).await.status,
        StatusCode::OK
    );
}

// ---- 3. Revoking sessions ----

#[tokio::test]
async fn sign_out_and_password_change_revoke_sessions() {
    let app = test_app(SMALL_WORLD).await;
    let (note, _) = seeded_note(&app).await;
    let like = format!("/api/v1/notes/{note}/like");

    // Sign out kills the session on the server, not just the cookie.
    let user = sign_up(&app, "Leaver").await;
    assert_eq!(
        act(&app, Method::PUT, &like, &user).await.status,
        StatusCode::OK
    );
    let res = act(&app, Method::POST, "/api/v1/auth/signout", &user).await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    let cleared = res.header("set-cookie");
    assert!(
        cleared.starts_with("zc_session=;") && cleared.contains("Max-Age=0"),
        "{cleared}"
    );
    assert_eq!(session_user(&app, Some(&user.cookie)).await, None);
    act(&app, Method::DELETE, &like, &user).await.expect_error(
        401,
        "unauthorized",
        "old cookie after sign out",
    );

    // Sign out everywhere: two sessions of one account, both end.
    let seeded = seeded_account(&app, 4).await;
    let other_device = seeded_account(&app, 4).await;
    assert_ne!(
        seeded.cookie, other_device.cookie,
        "each sign-in is its own session"
    );
    assert_eq!(
        session_user(&app, Some(&other_device.cookie)).await,
        Some(4)
    );
    let bystander = seeded_account(&app, 5).await;
    let res = act(&app, Method::POST, "/api/v1/auth/signout-all", &seeded).await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    assert!(res.header("set-cookie").contains("Max-Age=0"));
    for cookie in [&seeded.cookie, &other_device.cookie] {
        assert_eq!(session_user(&app, Some(cookie)).await, None);
    }
    act(&app, Method::PUT, &like, &other_device)
        .await
        .expect_error(401, "unauthorized", "other device after sign-out-all");
    assert_eq!(
        session_user(&app, Some(&bystander.cookie)).await,
        Some(5),
        "other accounts keep their sessions"
    );

    // Changing the password keeps this session and ends the others.
    let user = sign_up(&app, "Changer").await;
    let laptop = account_from(&sign_in(&app, &user.username, PASSWORD).await);
    let res = act_json(
        &app,
        Method::PUT,
        "/api/v1/me/password",
        &user,
        json!({"current_password": "wrong-current", "new_password": "a brand new one"}),
    )
    .await;
    assert_eq!(
        error_fields(&res, "wrong current password"),
        ["current_password"]
    );
    assert_eq!(
        session_user(&app, Some(&laptop.cookie)).await,
        Some(user.id),
        "nothing changed"
    );
    let res = act_json(
        &app,
        Method::PUT,
        "/api/v1/me/password",
        &user,
        json!({"current_password": PASSWORD, "new_password": "short"}),
    )
    .await;
    assert_eq!(error_fields(&res, "short new password"), ["new_password"]);

    let res = act_json(
        &app,
        Method::PUT,
        "/api/v1/me/password",
        &user,
        json!({"current_password": PASSWORD, "new_password": "a brand new one"}),
    )
    .await;
    assert_eq!(
        res.status,
        StatusCode::NO_CONTENT,
        "{}",
        String::from_utf8_lossy(&res.body)
    );
    assert_eq!(session_user(&app, Some(&user.cookie)).await, Some(user.id));
    assert_eq!(session_user(&app, Some(&laptop.cookie)).await, None);
    assert_eq!(
        act(&app, Method::PUT, &like, &user).await.status,
        StatusCode::OK
    );
    sign_in(&app, &user.username, PASSWORD)
        .await
        .expect_error(401, "unauthorized", "old password");
    assert_eq!(
        sign_in(&app, &user.username, "a brand new one")
            .await
            .status,
        StatusCode::OK
    );
}

// ---- 4. CSRF ----

#[tokio::test]
async fn state_changes_need_a_same_site_origin() {
    let app = test_app(SMALL_WORLD).await;
    let (note, _) = seeded_note(&app).await;
    let like = format!("/api/v1/notes/{note}/like");
    let user = sign_up(&app, "Careful").await;
    let (likes_before, _, _) = note_counts(&app, note).await;

    let no_origin = app
        .request(Method::PUT, &like)
        .cookie(&user.cookie)
        .without_header("origin")
        .send()
        .await;
    no_origin.expect_error(403, "forbidden", "no Origin");
    for origin in [
        "http://evil.example",
        "http://test.local.evil.example",
        "http://evil.example/test.local",
        "null",
        "test.local",
        // The scheme and the port count too: this site is plain http on port 80.
        "https://test.local",
        "http://test.local:8080",
        "ftp://test.local",
    ] {
        let res = app
            .request(Method::PUT, &like)
            .cookie(&user.cookie)
            .header("origin", origin)
            .send()
            .await;
        res.expect_error(403, "forbidden", &format!("Origin {origin}"));
    }
    // A cross-site Sec-Fetch-Site does not help without an Origin.
    let res = app
        .request(Method::PUT, &like)
        .cookie(&user.cookie)
        .without_header("origin")
        .header("sec-fetch-site", "cross-site")
        .send()
        .await;
    res.expect_error(403, "forbidden", "Sec-Fetch-Site cross-site");
    assert_eq!(
        note_counts(&app, note).await.0,
        likes_before,
        "refused requests changed nothing"
    );

    // Sign-up is guarded too, so a hostile page cannot log a visitor into its own account.
    let res = app
        .request(Method::POST, "/api/v1/auth/signup")
        .header("origin", "http://evil.example")
        .json(&json!({"username": unique_username("csrf"), "display_name": "X", "password": PASSWORD}))
        .send()
        .await;
    res.expect_error(403, "forbidden", "cross-site sign-up");

    // Reads need no Origin.
    let res = app
        .request(Method::GET, "/api/v1/auth/session")
        .cookie(&user.cookie)
        .without_header("origin")
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK);

    // Same-origin fetch metadata without Origin is accepted.
    let res = app
        .request(Method::PUT, &like)
        .cookie(&user.cookie)
        .without_header("origin")
        .header("sec-fetch-site", "same-origin")
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.json());
    assert_eq!(res.json()["count"], likes_before + 1);
    // So is the same origin spelled with its default port and another case.
    let res = app
        .request(Method::DELETE, &like)
        .cookie(&user.cookie)
        .header("origin", "HTTP://Test.Local:80")
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.json());
    assert_eq!(note_counts(&app, note).await.0, likes_before);
}

// ---- 5. Authorization ----

#[tokio::test]
async fn every_state_change_needs_the_right_user() {
    let app = test_app(SMALL_WORLD).await;
    let (note, author) = seeded_note(&app).await;
    let alice = sign_up(&app, "Alice").await;
    let bob = sign_up(&app, "Bob").await;
    let alices = comment(&app, &alice, note, "Alice was here", None).await;
    let alices_id = alices["id"].as_i64().expect("comment id");
    let counts_before = note_counts(&app, note).await;
    let png = encode(&gradient(32, 32), image::ImageFormat::Png);

    // No session (and a dead one): 401 everywhere, and nothing changes.
    let endpoints: Vec<(Method, String, Option<Value>)> = vec![
        (Method::PUT, format!("/api/v1/notes/{note}/like"), None),
        (Method::DELETE, format!("/api/v1/notes/{note}/like"), None),
        (Method::PUT, format!("/api/v1/notes/{note}/collect"), None),
        (
            Method::DELETE,
            format!("/api/v1/notes/{note}/collect"),
            None,
        ),
        (
            Method::PUT,
            format!("/api/v1/comments/{alices_id}/like"),
            None,
        ),
        (
            Method::DELETE,
            format!("/api/v1/comments/{alices_id}/like"),
            None,
        ),
        (Method::PUT, format!("/api/v1/users/{author}/follow"), None),
        (
            Method::DELETE,
            format!("/api/v1/users/{author}/follow"),
            None,
        ),
        (
            Method::POST,
            format!("/api/v1/notes/{note}/comments"),
            Some(json!({"body": "anonymous"})),
        ),
        (
            Method::DELETE,
            format!("/api/v1/comments/{alices_id}"),
            None,
        ),
        (
            Method::PATCH,
            "/api/v1/me".to_string(),
            Some(json!({"display_name": "Nobody"})),
        ),
        (
            Method::PUT,
            "/api/v1/me/password".to_string(),
            Some(json!({"current_password": PASSWORD, "new_password": "whatever-123"})),
        ),
        (Method::PUT, "/api/v1/me/avatar".to_string(), None),
        (Method::POST, "/api/v1/auth/signout-all".to_string(), None),
        (Method::POST, "/api/v1/notifications/read".to_string(), None),
    ];
    for cookie in [None, Some("zc_session=revoked-or-made-up")] {
        for (method, uri, body) in &endpoints {
            let mut req = app.request(method.clone(), uri).maybe_cookie(cookie);
            req = match (body, uri.ends_with("/avatar")) {
                (Some(body), _) => req.json(body),
                (None, true) => req.bytes("image/png", png.clone()),
                (None, false) => req,
            };
            req.send().await.expect_error(
                401,
                "unauthorized",
                &format!("{method} {uri} with {cookie:?}"),
            );
        }
    }
    for uri in [
        "/api/v1/feed/following",
        "/api/v1/notifications",
        "/api/v1/notifications/unread",
    ] {
        app.get(uri)
            .await
            .expect_error(401, "unauthorized", &format!("GET {uri}"));
    }
    assert_eq!(note_counts(&app, note).await, counts_before);
    assert!(comment_exists(&app, alices_id).await);
    let alice_profile = app.get_json(&format!("/api/v1/users/{}", alice.id)).await;
    assert_eq!(alice_profile["user"]["display_name"], "Alice");

    // Bob cannot delete Alice's comment.
    act(
        &app,
        Method::DELETE,
        &format!("/api/v1/comments/{alices_id}"),
        &bob,
    )
    .await
    .expect_error(403, "forbidden", "deleting someone else's comment");
    assert!(comment_exists(&app, alices_id).await);
    assert_eq!(note_counts(&app, note).await, counts_before);
    let listed = app
        .get_json(&format!("/api/v1/notes/{note}/comments?limit=50"))
        .await;
    assert!(ids(&listed["items"]).contains(&alices_id));
    assert_eq!(
        act(
            &app,
            Method::DELETE,
            &format!("/api/v1/comments/{alices_id}"),
            &alice
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    assert!(!comment_exists(&app, alices_id).await);

    // PATCH /me changes the caller only: ids and usernames in the body are ignored.
    let res = act_json(
        &app,
        Method::PATCH,
        "/api/v1/me",
        &bob,
        json!({"id": alice.id, "user_id": alice.id, "username": "hijacked", "display_name": "Bob Again"}),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.json());
    let me = res.json();
    assert_eq!(me["user"]["id"], bob.id);
    assert_eq!(me["user"]["username"], bob.username.as_str());
    assert_eq!(me["user"]["display_name"], "Bob Again");
    let alice_profile = app.get_json(&format!("/api/v1/users/{}", alice.id)).await;
    assert_eq!(alice_profile["user"]["display_name"], "Alice");
    assert_eq!(alice_profile["user"]["username"], alice.username.as_str());
    let hijacked: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE username = 'hijacked'")
            .fetch_one(&app.state.db)
            .await
            .expect("count");
    assert_eq!(hijacked, 0);
    // Invalid values are refused, not half-applied.
    let res = act_json(
        &app,
        Method::PATCH,
        "/api/v1/me",
        &bob,
        json!({"display_name": "  ", "bio": "x".repeat(api_types::BIO_MAX_CHARS + 1)}),
    )
    .await;
    let mut fields = error_fields(&res, "bad profile");
    fields.sort();
    assert_eq!(fields, ["bio", "display_name"]);
    let bob_profile = app.get_json(&format!("/api/v1/users/{}", bob.id)).await;
    assert_eq!(bob_profile["user"]["display_name"], "Bob Again");
    let res = act_json(
        &app,
        Method::PATCH,
        "/api/v1/me",
        &bob,
        json!({"likes_public": "nope"}),
    )
    .await;
    res.expect_error(422, "validation", "wrong JSON type");

    // Following yourself is refused.
    for method in [Method::PUT, Method::DELETE] {
        act(
            &app,
            method,
            &format!("/api/v1/users/{}/follow", bob.id),
            &bob,
        )
        .await
        .expect_error(422, "validation", "following yourself");
    }

    // Unknown ids: 404.
    let missing = 987_654_321_i64;
    for (method, uri) in [
        (Method::PUT, format!("/api/v1/notes/{missing}/like")),
        (Method::DELETE, format!("/api/v1/notes/{missing}/like")),
        (Method::PUT, format!("/api/v1/notes/{missing}/collect")),
        (Method::DELETE, format!("/api/v1/notes/{missing}/collect")),
        (Method::PUT, format!("/api/v1/comments/{missing}/like")),
        (Method::DELETE, format!("/api/v1/comments/{missing}/like")),
        (Method::PUT, format!("/api/v1/users/{missing}/follow")),
        (Method::DELETE, format!("/api/v1/users/{missing}/follow")),
        (Method::DELETE, format!("/api/v1/comments/{missing}")),
    ] {
        act(&app, method.clone(), &uri, &bob).await.expect_error(
            404,
            "not_found",
            &format!("{method} {uri}"),
        );
    }
    post_comment(&app, &bob, missing, "into the void", None)
        .await
        .expect_error(404, "not_found", "comment on a missing note");
    post_comment(&app, &bob, note, "answering nothing", Some(missing))
        .await
        .expect_error(404, "not_found", "reply to a missing comment");

    // Malformed ids: 400.
    for bad in ["abc", "12abc", "1.5", "99999999999999999999999"] {
        for (method, uri) in [
            (Method::PUT, format!("/api/v1/notes/{bad}/like")),
            (Method::DELETE, format!("/api/v1/notes/{bad}/collect")),
            (Method::PUT, format!("/api/v1/comments/{bad}/like")),
            (Method::PUT, format!("/api/v1/users/{bad}/follow")),
            (Method::DELETE, format!("/api/v1/comments/{bad}")),
        ] {
            act(&app, method.clone(), &uri, &bob).await.expect_error(
                400,
                "bad_request",
                &format!("{method} {uri}"),
            );
        }
        act_json(
            &app,
            Method::POST,
            &format!("/api/v1/notes/{bad}/comments"),
            &bob,
            json!({"body": "hi"}),
        )
        .await
        .expect_error(400, "bad_request", "comment on a malformed note id");
    }
}

// ---- 6. Text that looks like HTML ----

const XSS: [&str; 6] = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"><svg onload=alert(1)>",
    "javascript:alert(1)",
    "&lt;b&gt;already escaped&lt;/b&gt;",
    "'';!--\"<XSS>=&{()}",
];

fn assert_json_response(res: &TestResponse, what: &str) {
    assert!(
        res.header("content-type").starts_with("application/json"),
        "{what}: Content-Type {:?}",
        res.header("content-type")
    );
}

#[tokio::test]
async fn html_in_text_comes_back_as_the_same_plain_text() {
    let app = test_app(SMALL_WORLD).await;
    let (note, _) = seeded_note(&app).await;
    // Display names are capped at 24 characters; a short script tag stands in for long ones.
    let names: Vec<&str> = XSS
        .iter()
        .copied()
        .chain(["<script>x()</script>"])
        .filter(|p| p.chars().count() <= DISPLAY_NAME_MAX_CHARS)
        .collect();
    assert!(names.len() >= 4, "{names:?}");

    for payload in &names {
        let res = sign_up_response(
            &app,
            json!({"username": unique_username("xss"), "display_name": payload, "password": PASSWORD}),
        )
        .await;
        assert_eq!(res.status, StatusCode::CREATED, "{payload}: {}", res.json());
        assert_json_response(&res, "sign-up");
        assert_eq!(res.json()["me"]["user"]["display_name"], *payload);
        let account = account_from(&res);
        let profile = app.get(&format!("/api/v1/users/{}", account.id)).await;
        assert_json_response(&profile, "profile");
        assert_eq!(profile.json()["user"]["display_name"], *payload);
    }

    let writer = sign_up(&app, "Writer").await;
    for payload in XSS {
        if payload.chars().count() <= DISPLAY_NAME_MAX_CHARS {
            let res = act_json(
                &app,
                Method::PATCH,
                "/api/v1/me",
                &writer,
                json!({"display_name": payload}),
            )
            .await;
            assert_eq!(res.status, StatusCode::OK, "{payload}: {}", res.json());
            assert_json_response(&res, "PATCH /me");
            assert_eq!(res.json()["user"]["display_name"], payload);
        }

        let res = act_json(
            &app,
            Method::PATCH,
            "/api/v1/me",
            &writer,
            json!({"bio": payload}),
        )
        .await;
        assert_eq!(res.status, StatusCode::OK, "{payload}: {}", res.json());
        assert_json_response(&res, "PATCH /me");
        assert_eq!(res.json()["bio"], payload);
        let profile = app.get(&format!("/api/v1/users/{}", writer.id)).await;
        assert_json_response(&profile, "profile");
        assert_eq!(profile.json()["bio"], payload);

        let res = post_comment(&app, &writer, note, payload, None).await;
        assert_eq!(res.status, StatusCode::CREATED, "{payload}: {}", res.json());
        assert_json_response(&res, "comment");
        let posted = res.json();
        assert_eq!(posted["body"], payload);
        let id = posted["id"].as_i64().expect("id");
        let stored: String = sqlx::query_scalar("SELECT body FROM comments WHERE id = ?")
            .bind(id)
            .fetch_one(&app.state.db)
            .await
            .expect("stored comment");
        assert_eq!(stored, payload, "stored as given");
        let listed = app
            .get(&format!("/api/v1/notes/{note}/comments?limit=50"))
            .await;
        assert_json_response(&listed, "comment list");
        let listed = listed.json();
        let found = listed["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|c| c["id"] == id)
            .unwrap_or_else(|| panic!("comment {id} listed"));
        assert_eq!(found["body"], payload);
        assert_eq!(found["author"]["id"], writer.id);
    }
}

// ---- 7. Concurrency ----

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_likes_count_exactly() {
    let app = test_app(SMALL_WORLD).await;
    let (note, _) = seeded_note(&app).await;
    let (before, _, _) = note_counts(&app, note).await;

    let signups: Vec<_> = (0..30)
        .map(|i| {
            let req = app
                .request(Method::POST, "/api/v1/auth/signup")
                .json(&json!({
                    "username": unique_username("crowd"),
                    "display_name": format!("Crowd {i}"),
                    "password": PASSWORD,
                }))
                .client_ip(&unique_ip());
            tokio::spawn(req.send())
        })
        .collect();
    let mut crowd = Vec::new();
    for task in signups {
        let res = task.await.expect("sign-up task");
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.json());
        crowd.push(account_from(&res));
    }
    let distinct: HashSet<i64> = crowd.iter().map(|a| a.id).collect();
    assert_eq!(distinct.len(), 30);

    let toggle_all = |method: Method| {
        let tasks: Vec<_> = crowd
            .iter()
            .map(|a| {
                let req = app
                    .request(method.clone(), &format!("/api/v1/notes/{note}/like"))
                    .cookie(&a.cookie);
                tokio::spawn(req.send())
            })
            .collect();
        async move {
            let mut counts = Vec::new();
            for task in tasks {
                let res = task.await.expect("like task");
                assert_eq!(res.status, StatusCode::OK, "{}", res.json());
                counts.push(res.json()["count"].as_i64().expect("count"));
            }
            counts
        }
    };

    let counts = toggle_all(Method::PUT).await;
    assert_eq!(note_counts(&app, note).await.0, before + 30);
    // Every response saw a count between the first and the last like, each exactly once.
    let mut seen = counts.clone();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), 30, "each like saw its own total: {counts:?}");
    assert!(counts
        .iter()
        .all(|c| (before + 1..=before + 30).contains(c)));
    let links: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM note_likes WHERE note_id = ? \
         AND user_id IN (SELECT id FROM users WHERE username LIKE 'crowd\\_%' ESCAPE '\\')",
    )
    .bind(note)
    .fetch_one(&app.state.db)
    .await
    .expect("links");
    assert_eq!(links, 30);

    toggle_all(Method::DELETE).await;
    assert_eq!(note_counts(&app, note).await.0, before);

    // Liking twice counts once; unliking twice uncounts once.
    let one = &crowd[0];
    let like = format!("/api/v1/notes/{note}/like");
    for _ in 0..2 {
        let res = act(&app, Method::PUT, &like, one).await;
        assert_eq!(res.json(), json!({"active": true, "count": before + 1}));
    }
    let detail = get_as(&app, &format!("/api/v1/notes/{note}"), Some(one)).await;
    assert_eq!(detail["viewer"]["liked"], true);
    for _ in 0..2 {
        let res = act(&app, Method::DELETE, &like, one).await;
        assert_eq!(res.json(), json!({"active": false, "count": before}));
    }
    // Concurrent duplicates from one user also count once.
    let tasks: Vec<_> = (0..10)
        .map(|_| tokio::spawn(app.request(Method::PUT, &like).cookie(&one.cookie).send()))
        .collect();
    for task in tasks {
        assert_eq!(task.await.expect("task").status, StatusCode::OK);
    }
    assert_eq!(note_counts(&app, note).await.0, before + 1);
}

// ---- 8. Comments ----

#[tokio::test]
async fn comments_replies_deletes_and_mentions() {
    let app = test_app(SMALL_WORLD).await;
    let (note, _) = seeded_note(&app).await;
    let amy = sign_up(&app, "Amy").await;
    let ben = sign_up(&app, "Ben").await;
    let cat = sign_up(&app, "Cat").await;
    let (_, _, comments_before) = note_counts(&app, note).await;

    let top = comment(&app, &amy, note, "  Where did you buy this?  ", None).await;
    assert_eq!(top["body"], "Where did you buy this?", "trimmed");
    assert_eq!(top["author"]["id"], amy.id);
    assert!(top["reply_to"].is_null());
    let top_id = top["id"].as_i64().expect("id");
    let reply = comment(&app, &ben, note, "Same question!", Some(top_id)).await;
    assert!(
        reply["reply_to"].is_null(),
        "a reply to a top-level comment names nobody"
    );
    let reply_id = reply["id"].as_i64().expect("id");
    let nested = comment(&app, &cat, note, "Try the shop downtown", Some(reply_id)).await;
    assert_eq!(
        nested["reply_to"]["id"], ben.id,
        "answering a reply names its author"
    );
    assert_eq!(nested["reply_to"]["username"], ben.username.as_str());
    let nested_id = nested["id"].as_i64().expect("id");
    assert_eq!(note_counts(&app, note).await.2, comments_before + 3);

    // Both replies sit under the top-level comment (two levels only).
    let parents: Vec<Option<i64>> =
        sqlx::query_scalar("SELECT parent_id FROM comments WHERE id IN (?, ?) ORDER BY id")
            .bind(reply_id)
            .bind(nested_id)
            .fetch_all(&app.state.db)
            .await
            .expect("parents");
    assert_eq!(parents, [Some(top_id), Some(top_id)]);
    let replies = app
        .get_json(&format!("/api/v1/comments/{top_id}/replies"))
        .await;
    assert_eq!(ids(&replies["items"]), [reply_id, nested_id]);
    assert_eq!(replies["total"], 2);
    let listed = app
        .get_json(&format!("/api/v1/notes/{note}/comments?limit=50"))
        .await;
    let listed_top = listed["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|c| c["id"] == top_id)
        .expect("top-level comment listed")
        .clone();
    assert_eq!(listed_top["reply_count"], 2);
    assert_eq!(ids(&listed_top["replies"]), [reply_id, nested_id]);

    // A reply must stay on its note.
    let (other_note,): (i64,) = sqlx::query_as("SELECT id FROM notes WHERE id <> ? LIMIT 1")
        .bind(note)
        .fetch_one(&app.state.db)
        .await
        .expect("another note");
    post_comment(&app, &cat, other_note, "wrong thread", Some(top_id))
        .await
        .expect_error(422, "validation", "reply across notes");

    // Deleting a reply drops one; deleting the top-level comment takes its replies along.
    assert_eq!(
        act(
            &app,
            Method::DELETE,
            &format!("/api/v1/comments/{nested_id}"),
            &cat
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(note_counts(&app, note).await.2, comments_before + 2);
    let replies = app
        .get_json(&format!("/api/v1/comments/{top_id}/replies"))
        .await;
    assert_eq!(replies["total"], 1);
    assert_eq!(
        act(
            &app,
            Method::DELETE,
            &format!("/api/v1/comments/{top_id}"),
            &amy
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(note_counts(&app, note).await.2, comments_before);
    assert!(!comment_exists(&app, top_id).await);
    assert!(
        !comment_exists(&app, reply_id).await,
        "replies go with their comment"
    );
    app.get(&format!("/api/v1/comments/{top_id}/replies"))
        .await
        .expect_error(404, "not_found", "replies of a deleted comment");

    // Length limits count characters, not bytes.
    for (body, why) in [
        ("".to_string(), "empty"),
        ("   \n ".to_string(), "blank"),
        ("好".repeat(COMMENT_MAX_CHARS + 1), "too long"),
        ("bad\u{0007}bell".to_string(), "control character"),
    ] {
        let res = post_comment(&app, &amy, note, &body, None).await;
        assert_eq!(error_fields(&res, why), ["body"], "{why}");
    }
    assert_eq!(note_counts(&app, note).await.2, comments_before);
    let longest = comment(&app, &amy, note, &"好".repeat(COMMENT_MAX_CHARS), None).await;
    assert_eq!(
        longest["body"].as_str().map(|b| b.chars().count()),
        Some(COMMENT_MAX_CHARS)
    );

    // @mentions of an existing display name notify that user and are listed.
    let name = format!("Mona{}", unique_username("m").replace('_', ""));
    let mona = sign_up(&app, &name).await;
    let mona_before = unread(&app, &mona).await;
    let mentioning = comment(
        &app,
        &ben,
        note,
        &format!("@{name}, look at this! @NoSuchPerson"),
        None,
    )
    .await;
    assert_eq!(
        mentioning["mentions"],
        json!([{"user_id": mona.id, "name": name}]),
        "only existing users are mentioned"
    );
    let mona_after = unread(&app, &mona).await;
    assert_eq!(mona_after.comments, mona_before.comments + 1);
    let tab = get_as(&app, "/api/v1/notifications?tab=comments", Some(&mona)).await;
    let first = &tab["items"][0];
    assert_eq!(first["kind"], "mention");
    assert_eq!(first["actor"]["id"], ben.id);
    assert_eq!(first["comment_id"], mentioning["id"]);
    assert_eq!(first["note"]["id"], note);
    assert_eq!(first["read"], false);
    // The mention also shows when the comment is listed.
    let listed = app
        .get_json(&format!("/api/v1/notes/{note}/comments?limit=50"))
        .await;
    let listed = listed["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|c| c["id"] == mentioning["id"])
        .expect("mentioning comment listed")
        .clone();
    assert_eq!(listed["mentions"][0]["user_id"], mona.id);
}

// ---- 9. Follows and the following feed ----

#[tokio::test]
async fn following_feed_shows_followed_authors_newest_first() {
    let app = test_app(SMALL_WORLD).await;
    let fan = sign_up(&app, "Fan").await;
    let empty = get_as(&app, "/api/v1/feed/following", Some(&fan)).await;
    assert_eq!(empty["items"], json!([]));
    assert!(empty["next_cursor"].is_null());

    let authors = prolific_authors(&app, 2).await;
    let (x, y) = (authors[0], authors[1]);
    let profile_x = format!("/api/v1/users/{x}");
    let before = get_as(&app, &profile_x, Some(&fan)).await;
    assert_eq!(before["followed_by_viewer"], false);
    let followers_before = before["follower_count"].as_i64().expect("followers");
    let y_followers_before = app.get_json(&format!("/api/v1/users/{y}")).await["follower_count"]
        .as_i64()
        .expect("followers of y");

    for author in [x, y] {
        let res = act(
            &app,
            Method::PUT,
            &format!("/api/v1/users/{author}/follow"),
            &fan,
        )
        .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.json());
        assert_eq!(res.json()["active"], true);
    }
    // Following again changes nothing.
    let again = act(
        &app,
        Method::PUT,
        &format!("/api/v1/users/{x}/follow"),
        &fan,
    )
    .await;
    assert_eq!(again.json()["count"], followers_before + 1);

    let after = get_as(&app, &profile_x, Some(&fan)).await;
    assert_eq!(after["follower_count"], followers_before + 1);
    assert_eq!(after["followed_by_viewer"], true);
    assert_eq!(
        get_as(&app, &profile_x, None).await["followed_by_viewer"],
        false
    );
    let followers = app.get_json(&format!("/api/v1/users/{x}/followers")).await;
    assert_eq!(
        followers["items"][0]["user"]["id"], fan.id,
        "newest follower first"
    );
    let following = app
        .get_json(&format!("/api/v1/users/{}/following", fan.id))
        .await;
    let mut followed: Vec<i64> = following["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|p| p["user"]["id"].as_i64().expect("id"))
        .collect();
    followed.sort_unstable();
    let mut expected_followed = vec![x, y];
    expected_followed.sort_unstable();
    assert_eq!(followed, expected_followed);
    assert_eq!(
        app.get_json(&format!("/api/v1/users/{}", fan.id)).await["following_count"],
        2
    );

    // The feed, paged small: every note of x and y once, newest first.
    let expected: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM notes WHERE author_id IN (?, ?) ORDER BY created_at DESC, id DESC",
    )
    .bind(x)
    .bind(y)
    .fetch_all(&app.state.db)
    .await
    .expect("expected feed");
    assert!(
        expected.len() > 6,
        "enough notes to page: {}",
        expected.len()
    );
    let mut got = Vec::new();
    let mut uri = "/api/v1/feed/following?limit=4".to_string();
    let mut pages = 0;
    loop {
        let page = get_as(&app, &uri, Some(&fan)).await;
        pages += 1;
        for card in page["items"].as_array().expect("items") {
            let author = card["author"]["id"].as_i64().expect("author");
            assert!(author == x || author == y, "note by unfollowed {author}");
            got.push(card["id"].as_i64().expect("id"));
        }
        match page["next_cursor"].as_str() {
            Some(cursor) => uri = format!("/api/v1/feed/following?limit=4&cursor={cursor}"),
            None => break,
        }
        assert!(pages < 200, "paging does not end");
    }
    let unique: HashSet<i64> = got.iter().copied().collect();
    assert_eq!(unique.len(), got.len(), "no duplicates across pages");
    assert_eq!(got, expected);

    // Unfollowing y drops its notes and its follower.
    let res = act(
        &app,
        Method::DELETE,
        &format!("/api/v1/users/{y}/follow"),
        &fan,
    )
    .await;
    assert_eq!(res.json()["active"], false);
    assert_eq!(
        res.json()["count"],
        y_followers_before,
        "y's followers are back"
    );
    let page = get_as(&app, "/api/v1/feed/following?limit=50", Some(&fan)).await;
    let mut only_x: Vec<i64> = ids(&page["items"]);
    only_x.sort_unstable();
    let x_notes = notes_of(&app, x).await;
    assert!(x_notes.len() <= 50, "one page holds them all");
    assert_eq!(only_x, x_notes);
    assert_eq!(
        get_as(&app, &format!("/api/v1/users/{y}"), Some(&fan)).await["followed_by_viewer"],
        false
    );
}

// ---- 10. Notifications ----

#[tokio::test]
async fn notifications_count_list_read_and_retract() {
    let app = test_app(SMALL_WORLD).await;
    let author_id = prolific_authors(&app, 1).await[0];
    let author = seeded_account(&app, author_id).await;
    let notes = notes_of(&app, author_id).await;
    let (first, second) = (notes[0], notes[1]);
    let fan = sign_up(&app, "Fan Girl").await;
    let u0 = unread(&app, &author).await;
    assert_eq!(u0.total, u0.likes + u0.follows + u0.comments);

    // Acting on your own note tells nobody.
    assert_eq!(
        act(
            &app,
            Method::PUT,
            &format!("/api/v1/notes/{first}/like"),
            &author
        )
        .await
        .status,
        StatusCode::OK
    );
    assert_eq!(unread(&app, &author).await, u0);

    assert_eq!(
        act(
            &app,
            Method::PUT,
            &format!("/api/v1/notes/{first}/like"),
            &fan
        )
        .await
        .status,
        StatusCode::OK
    );
    assert_eq!(
        act(
            &app,
            Method::PUT,
            &format!("/api/v1/users/{author_id}/follow"),
            &fan
        )
        .await
        .status,
        StatusCode::OK
    );
    let said = comment(&app, &fan, first, "Love this", None).await;
    let u1 = unread(&app, &author).await;
    assert_eq!(
        u1,
        UnreadCounts {
            likes: u0.likes + 1,
            follows: u0.follows + 1,
            comments: u0.comments + 1,
            total: u0.total + 3,
        }
    );

    let likes = get_as(&app, "/api/v1/notifications?tab=likes", Some(&author)).await;
    let top = &likes["items"][0];
    assert_eq!(top["kind"], "like");
    assert_eq!(top["actor"]["id"], fan.id);
    assert_eq!(top["note"]["id"], first);
    assert!(top["note"]["title"].as_str().is_some_and(|t| !t.is_empty()));
    assert_eq!(top["read"], false);
    assert!(likes["items"]
        .as_array()
        .expect("items")
        .iter()
        .all(|n| matches!(
            n["kind"].as_str(),
            Some("like" | "collect" | "comment_like")
        )));
    let follows = get_as(&app, "/api/v1/notifications?tab=follows", Some(&author)).await;
    assert_eq!(follows["items"][0]["kind"], "follow");
    assert_eq!(follows["items"][0]["actor"]["id"], fan.id);
    let comments = get_as(&app, "/api/v1/notifications?tab=comments", Some(&author)).await;
    assert_eq!(comments["items"][0]["kind"], "comment");
    assert_eq!(comments["items"][0]["comment"], "Love this");
    assert_eq!(comments["items"][0]["comment_id"], said["id"]);
    // The fan's own notifications are untouched by all that.
    assert_eq!(unread(&app, &fan).await, UnreadCounts::default());

    // Marking one tab read zeroes that tab only.
    let res = act(
        &app,
        Method::POST,
        "/api/v1/notifications/read?tab=likes",
        &author,
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.json());
    let u2: UnreadCounts = serde_json::from_value(res.json()).expect("counts");
    assert_eq!(
        u2,
        UnreadCounts {
            likes: 0,
            follows: u1.follows,
            comments: u1.comments,
            total: u1.follows + u1.comments,
        }
    );
    assert_eq!(unread(&app, &author).await, u2);
    let likes = get_as(&app, "/api/v1/notifications?tab=likes", Some(&author)).await;
    assert_eq!(likes["items"][0]["read"], true);
    act(
        &app,
        Method::POST,
        "/api/v1/notifications/read?tab=everything",
        &author,
    )
    .await
    .expect_error(422, "validation", "unknown tab");

    // Unliking (uncollecting) while unread takes the notification back; a re-like sends one.
    for (on, what) in [("collect", "collect"), ("like", "like")] {
        let uri = format!("/api/v1/notes/{second}/{on}");
        assert_eq!(
            act(&app, Method::PUT, &uri, &fan).await.status,
            StatusCode::OK
        );
        assert_eq!(unread(&app, &author).await.likes, 1, "{what}");
        let listed = get_as(&app, "/api/v1/notifications?tab=likes", Some(&author)).await;
        assert_eq!(listed["items"][0]["kind"], what);
        assert_eq!(listed["items"][0]["note"]["id"], second);
        assert_eq!(
            act(&app, Method::DELETE, &uri, &fan).await.status,
            StatusCode::OK
        );
        assert_eq!(unread(&app, &author).await.likes, 0, "{what} retracted");
        let listed = get_as(&app, "/api/v1/notifications?tab=likes", Some(&author)).await;
        assert!(
            listed["items"]
                .as_array()
                .expect("items")
                .iter()
                .all(|n| !(n["note"]["id"] == second && n["actor"]["id"] == fan.id)),
            "{what} on {second} is gone"
        );
    }
    // Repeated toggling never piles up notifications.
    let uri = format!("/api/v1/notes/{second}/like");
    for _ in 0..3 {
        act(&app, Method::PUT, &uri, &fan).await;
        act(&app, Method::DELETE, &uri, &fan).await;
    }
    act(&app, Method::PUT, &uri, &fan).await;
    act(&app, Method::PUT, &uri, &fan).await;
    assert_eq!(unread(&app, &author).await.likes, 1);
    // A like already read stays in the list after an unlike (history is kept).
    act(
        &app,
        Method::DELETE,
        &format!("/api/v1/notes/{first}/like"),
        &fan,
    )
    .await;
    let listed = get_as(
        &app,
        "/api/v1/notifications?tab=likes&limit=50",
        Some(&author),
    )
    .await;
    assert!(listed["items"]
        .as_array()
        .expect("items")
        .iter()
        .any(|n| n["note"]["id"] == first && n["actor"]["id"] == fan.id && n["read"] == true));

    // A like on a comment lands in the likes tab too.
    let own = comment(&app, &author, first, "Thanks all", None).await;
    let own_id = own["id"].as_i64().expect("id");
    let res = act(
        &app,
        Method::PUT,
        &format!("/api/v1/comments/{own_id}/like"),
        &fan,
    )
    .await;
    assert_eq!(res.json(), json!({"active": true, "count": 1}));
    let listed = get_as(&app, "/api/v1/notifications?tab=likes", Some(&author)).await;
    assert_eq!(listed["items"][0]["kind"], "comment_like");
    assert_eq!(listed["items"][0]["comment_id"], own_id);
    assert_eq!(unread(&app, &author).await.likes, 2);

    // Reading everything clears every tab.
    let res = act(&app, Method::POST, "/api/v1/notifications/read", &author).await;
    let cleared: UnreadCounts = serde_json::from_value(res.json()).expect("counts");
    assert_eq!(cleared, UnreadCounts::default());
}

// ---- 11. Privacy of liked and collected lists ----

#[tokio::test]
async fn private_lists_are_shown_to_their_owner_only() {
    let app = test_app(SMALL_WORLD).await;
    let (note, _) = seeded_note(&app).await;
    let owner = sign_up(&app, "Private Person").await;
    let other = sign_up(&app, "Curious").await;
    for on in ["like", "collect"] {
        let res = act(
            &app,
            Method::PUT,
            &format!("/api/v1/notes/{note}/{on}"),
            &owner,
        )
        .await;
        assert_eq!(res.status, StatusCode::OK);
    }
    let likes = format!("/api/v1/users/{}/likes", owner.id);
    let collections = format!("/api/v1/users/{}/collections", owner.id);
    // Public by default.
    assert_eq!(
        ids(&get_as(&app, &likes, Some(&other)).await["items"]),
        [note]
    );
    assert_eq!(
        ids(&get_as(&app, &collections, None).await["items"]),
        [note]
    );

    let res = act_json(
        &app,
        Method::PATCH,
        "/api/v1/me",
        &owner,
        json!({"likes_public": false}),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.json()["likes_public"], false);
    assert_eq!(
        res.json()["collections_public"],
        true,
        "other settings stay"
    );
    for viewer in [Some(&other), None] {
        let res = app
            .request(Method::GET, &likes)
            .maybe_cookie(viewer.map(|a| a.cookie.as_str()))
            .send()
            .await;
        res.expect_error(403, "forbidden", "someone else's private likes");
    }
    assert_eq!(
        ids(&get_as(&app, &likes, Some(&owner)).await["items"]),
        [note]
    );
    assert_eq!(
        ids(&get_as(&app, &collections, Some(&other)).await["items"]),
        [note]
    );
    let profile = app.get_json(&format!("/api/v1/users/{}", owner.id)).await;
    assert_eq!(profile["likes_public"], false);
    assert_eq!(profile["collections_public"], true);

    let res = act_json(
        &app,
        Method::PATCH,
        "/api/v1/me",
        &owner,
        json!({"collections_public": false}),
    )
    .await;
    assert_eq!(res.json()["collections_public"], false);
    act(&app, Method::GET, &collections, &other)
        .await
        .expect_error(403, "forbidden", "private collections");
    assert_eq!(
        ids(&get_as(&app, &collections, Some(&owner)).await["items"]),
        [note]
    );

    // Back to public.
    act_json(
        &app,
        Method::PATCH,
        "/api/v1/me",
        &owner,
        json!({"likes_public": true}),
    )
    .await;
    assert_eq!(
        ids(&get_as(&app, &likes, Some(&other)).await["items"]),
        [note]
    );
    app.get("/api/v1/users/987654321/likes").await.expect_error(
        404,
        "not_found",
        "likes of a missing user",
    );
}

// ---- 12. Avatar upload ----

#[tokio::test]
async fn avatar_uploads_are_checked_and_served_as_jpeg() {
    let app = test_app(SMALL_WORLD).await;
    let user = sign_up(&app, "Photogenic").await;
    let old_avatar = get_as(&app, "/api/v1/auth/session", Some(&user)).await["me"]["user"]
        ["avatar"]
        .as_str()
        .expect("avatar")
        .to_string();
    let upload = |content_type: &str, bytes: Vec<u8>| {
        app.request(Method::PUT, "/api/v1/me/avatar")
            .cookie(&user.cookie)
            .bytes(content_type, bytes)
            .send()
    };

    // A real (non-square) PNG.
    let png = encode(&gradient(300, 200), image::ImageFormat::Png);
    let res = upload("image/png", png).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.json());
    let avatar = res.json()["user"]["avatar"]
        .as_str()
        .expect("avatar")
        .to_string();
    assert_ne!(avatar, old_avatar);
    assert!(avatar.contains("{w}"), "{avatar}");
    let session = get_as(&app, "/api/v1/auth/session", Some(&user)).await;
    assert_eq!(session["me"]["user"]["avatar"], avatar.as_str());
    let profile = app.get_json(&format!("/api/v1/users/{}", user.id)).await;
    assert_eq!(profile["user"]["avatar"], avatar.as_str());

    let img = app.get(&avatar.replace("{w}", "160")).await;
    assert_eq!(img.status, StatusCode::OK);
    assert_eq!(img.header("content-type"), "image/jpeg");
    assert_eq!(
        image::guess_format(&img.body).expect("format"),
        image::ImageFormat::Jpeg
    );
    let decoded = image::load_from_memory(&img.body).expect("decodes");
    assert_eq!(
        (decoded.width(), decoded.height()),
        (160, 160),
        "square crop"
    );
    let small = app.get(&avatar.replace("{w}", "64")).await;
    assert_eq!(small.status, StatusCode::OK);
    app.get(&avatar.replace("{w}", "999")).await.expect_error(
        404,
        "not_found",
        "unadvertised size",
    );

    // A JPEG sent as JPEG (or as octet-stream) is fine; the same bytes declared PNG are not.
    let jpeg = encode(&gradient(64, 64), image::ImageFormat::Jpeg);
    assert_eq!(
        upload("image/jpeg", jpeg.clone()).await.status,
        StatusCode::OK
    );
    assert_eq!(
        upload("application/octet-stream", jpeg.clone())
            .await
            .status,
        StatusCode::OK
    );
    let current =
        get_as(&app, "/api/v1/auth/session", Some(&user)).await["me"]["user"]["avatar"].clone();
    upload("image/png", jpeg).await.expect_error(
        415,
        "unsupported_media_type",
        "JPEG bytes declared PNG",
    );
    upload("text/plain", b"just some text, not a picture".to_vec())
        .await
        .expect_error(415, "unsupported_media_type", "text file");
    upload("image/png", b"just some text, not a picture".to_vec())
        .await
        .expect_error(415, "unsupported_media_type", "text declared PNG");
    upload(
        "image/png",
        encode(&gradient(8, 8), image::ImageFormat::Png),
    )
    .await
    .expect_error(422, "validation", "tiny picture");
    upload("image/png", Vec::new())
        .await
        .expect_error(422, "validation", "empty upload");

    // Over 5 MB: refused before decoding, whether just over or far over.
    let mut big = encode(&gradient(64, 64), image::ImageFormat::Png);
    big.resize(AVATAR_MAX_BYTES + 1, 0);
    upload("image/png", big)
        .await
        .expect_error(413, "too_large", "just over 5 MB");
    let huge = vec![0u8; AVATAR_MAX_BYTES * 2];
    upload("image/png", huge)
        .await
        .expect_error(413, "too_large", "10 MB");
    // Failed uploads left the avatar alone.
    let after = get_as(&app, "/api/v1/auth/session", Some(&user)).await;
    assert_eq!(after["me"]["user"]["avatar"], current);
}
