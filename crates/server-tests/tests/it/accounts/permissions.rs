//! Who may change what, and text that looks like HTML coming back as the same plain text.

use super::*;

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
    .expect_error(403, "not_your_comment", "deleting someone else's comment");
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
    res.expect_error(422, "invalid_request", "wrong JSON type");

    // Following yourself is refused.
    for method in [Method::PUT, Method::DELETE] {
        act(
            &app,
            method,
            &format!("/api/v1/users/{}/follow", bob.id),
            &bob,
        )
        .await
        .expect_error(422, "cannot_follow_self", "following yourself");
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
        let stored: String = sqlx::query_scalar("SELECT body FROM comments WHERE id = $1")
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
