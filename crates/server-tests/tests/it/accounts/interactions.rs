//! Concurrent likes, and comments with their replies, deletes and mentions.

use super::*;

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
        "SELECT COUNT(*) FROM note_likes WHERE note_id = $1 \
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
        sqlx::query_scalar("SELECT parent_id FROM comments WHERE id IN ($1, $2) ORDER BY id")
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
    let (other_note,): (i64,) = sqlx::query_as("SELECT id FROM notes WHERE id <> $1 LIMIT 1")
        .bind(note)
        .fetch_one(&app.state.db)
        .await
        .expect("another note");
    post_comment(&app, &cat, other_note, "wrong thread", Some(top_id))
        .await
        .expect_error(422, "reply_to_other_note", "reply across notes");

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
