//! Sign up, sign in and its rate limit, revoking sessions, and the CSRF guard.

use super::*;

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
    let wrong_body = wrong.expect_error(401, "wrong_credentials", "wrong password");
    assert!(wrong.set_cookie_pair(SESSION_COOKIE).is_none());
    // An unknown account gets the same answer, so usernames cannot be probed.
    let unknown = sign_in(&app, "nobody_here_at_all", "whatever-password").await;
    let unknown_body = unknown.expect_error(401, "wrong_credentials", "unknown user");
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
        res.expect_error(401, "wrong_credentials", "failed attempt");
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
    sign_in(&app, &user.username, PASSWORD).await.expect_error(
        401,
        "wrong_credentials",
        "old password",
    );
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
    no_origin.expect_error(403, "cross_site_request", "no Origin");
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
        res.expect_error(403, "cross_site_request", &format!("Origin {origin}"));
    }
    // A cross-site Sec-Fetch-Site does not help without an Origin.
    let res = app
        .request(Method::PUT, &like)
        .cookie(&user.cookie)
        .without_header("origin")
        .header("sec-fetch-site", "cross-site")
        .send()
        .await;
    res.expect_error(403, "cross_site_request", "Sec-Fetch-Site cross-site");
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
    res.expect_error(403, "cross_site_request", "cross-site sign-up");

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
