//! Trust: publishing rate limits, duplicates, and reports hiding notes and comments.

use super::*;

// ---- Trust: rate limits, duplicates, reports ----

#[tokio::test]
async fn publishing_is_rate_limited_and_duplicates_are_refused() {
    let app = test_app(SMALL_WORLD).await;
    let me = user(&app, "Prolific").await;
    let other = user(&app, "Copycat").await;
    let pic = upload(&app, &me).await;
    let their_pic = upload(&app, &other).await;

    let first = publish(
        &app,
        &me,
        note("Morning Run", "Five  km\nbefore work", "fitness", &[pic.id]),
    )
    .await;
    // The same words, differently cased and spaced: a duplicate within 24 hours.
    let res = publish_raw(
        &app,
        &me,
        note(
            " morning run ",
            "five km before   WORK ",
            "fitness",
            &[pic.id],
        ),
    )
    .await;
    let body = res.expect_error(409, "duplicate_note", "duplicate");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap_or("")
        .contains("24 hours"));
    // Someone else may say the same; so may an edit of the note itself.
    publish(
        &app,
        &other,
        note(
            "Morning Run",
            "Five km before work",
            "fitness",
            &[their_pic.id],
        ),
    )
    .await;
    let res = call(
        &app,
        Method::PATCH,
        &format!("/api/v1/notes/{}", first.id),
        Some(&me),
        Some(note("Morning run", "five km before work", "fitness", &[])),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.json());

    // Four more make five in ten minutes; the sixth waits.
    for i in 2..=5 {
        publish(
            &app,
            &me,
            note(&format!("Run {i}"), "", "fitness", &[pic.id]),
        )
        .await;
    }
    let res = publish_raw(&app, &me, note("Run 6", "", "fitness", &[pic.id])).await;
    let body = res.expect_error(429, "rate_limited", "sixth note");
    let wait: u64 = res.header("retry-after").parse().expect("Retry-After");
    assert!((500..=600).contains(&wait), "about ten minutes: {wait}");
    let message = body["error"]["message"].as_str().unwrap_or("");
    assert!(message.contains("5 times per 10 minutes"), "{message}");
    // Refused attempts do not count, and other people are not limited.
    publish(&app, &other, note("Run 6", "", "fitness", &[their_pic.id])).await;
    let mine: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notes WHERE author_id = $1")
        .bind(me.id)
        .fetch_one(&app.state.db)
        .await
        .expect("count");
    assert_eq!(mine, 5);
}

#[tokio::test]
async fn reports_from_enough_people_hide_notes_and_comments() {
    let app = test_app(SMALL_WORLD).await;
    let author = user(&app, "Reported").await;
    let fan = user(&app, "StillFan").await;
    follow(&app, &fan, author.id).await;
    let reporters = [
        user(&app, "R1").await,
        user(&app, "R2").await,
        user(&app, "R3").await,
    ];
    let pic = upload(&app, &author).await;
    let n = publish(
        &app,
        &author,
        note("Spammyqz deal", "#spamtopicqz", "beauty", &[pic.id]),
    )
    .await;
    let report_uri = format!("/api/v1/notes/{}/report", n.id);
    let reason = json!({"reason": "spam"});

    call(
        &app,
        Method::POST,
        &report_uri,
        Some(&author),
        Some(reason.clone()),
    )
    .await
    .expect_error(422, "cannot_report_own", "own note");
    call(&app, Method::POST, &report_uri, None, Some(reason.clone()))
        .await
        .expect_error(401, "unauthorized", "guest");
    call(
        &app,
        Method::POST,
        &report_uri,
        Some(&reporters[0]),
        Some(json!({"reason": "boring"})),
    )
    .await
    .expect_error(422, "invalid_request", "unknown reason");
    call(
        &app,
        Method::POST,
        "/api/v1/notes/999999/report",
        Some(&reporters[0]),
        Some(reason.clone()),
    )
    .await
    .expect_error(404, "not_found", "unknown note");
    // The same person twice counts once.
    for _ in 0..2 {
        let r: ReportResult = parse(
            &call(
                &app,
                Method::POST,
                &report_uri,
                Some(&reporters[0]),
                Some(reason.clone()),
            )
            .await,
            200,
            "first reporter",
        );
        assert_eq!(
            r,
            ReportResult {
                reports: 1,
                hidden: false
            }
        );
    }
    let r: ReportResult = parse(
        &call(
            &app,
            Method::POST,
            &report_uri,
            Some(&reporters[1]),
            Some(json!({"reason": "misleading"})),
        )
        .await,
        200,
        "second reporter",
    );
    assert_eq!(
        r,
        ReportResult {
            reports: 2,
            hidden: false
        }
    );
    assert_eq!(
        search_ids(&app, "spammyqz").await,
        [n.id],
        "still visible at 2"
    );
    let r: ReportResult = parse(
        &call(
            &app,
            Method::POST,
            &report_uri,
            Some(&reporters[2]),
            Some(reason.clone()),
        )
        .await,
        200,
        "third reporter",
    );
    assert_eq!(
        r,
        ReportResult {
            reports: REPORT_HIDE_THRESHOLD,
            hidden: true
        }
    );

    // Gone for everyone else...
    let uri = format!("/api/v1/notes/{}", n.id);
    app.expect_error(&uri, 404, "not_found").await;
    call(&app, Method::GET, &uri, Some(&fan), None)
        .await
        .expect_error(404, "not_found", "hidden from a follower");
    assert!(
        search_ids(&app, "spammyqz").await.is_empty(),
        "out of search"
    );
    let channel: Page<NoteCard> = get(&app, "/api/v1/feed?channel=beauty", None).await;
    assert!(!ids(&channel).contains(&n.id), "out of the channel feed");
    let following: Page<NoteCard> = get(&app, "/api/v1/feed/following", Some(&fan)).await;
    assert!(
        !ids(&following).contains(&n.id),
        "out of the following feed"
    );
    let topic: Page<NoteCard> = get(&app, "/api/v1/feed?topic=spamtopicqz", None).await;
    assert!(topic.items.is_empty(), "off its topic page");
    let public_profile: Page<NoteCard> = get(
        &app,
        &format!("/api/v1/feed?author={}", author.id),
        Some(&fan),
    )
    .await;
    assert!(public_profile.items.is_empty());
    let header: api_types::UserProfile =
        get(&app, &format!("/api/v1/users/{}", author.id), None).await;
    assert_eq!(header.note_count, 0);
    call(&app, Method::PUT, &format!("{uri}/like"), Some(&fan), None)
        .await
        .expect_error(404, "not_found", "liking a hidden note");
    // ... but its author still sees it, marked hidden.
    let own: NoteDetail = get(&app, &uri, Some(&author)).await;
    assert!(own.hidden);
    let own_profile: Page<NoteCard> = get(
        &app,
        &format!("/api/v1/feed?author={}", author.id),
        Some(&author),
    )
    .await;
    assert_eq!(ids(&own_profile), [n.id]);
    let own_header: api_types::UserProfile =
        get(&app, &format!("/api/v1/users/{}", author.id), Some(&author)).await;
    assert_eq!(own_header.note_count, 1);

    // Comments: hidden from the list for everyone but their author.
    // A seeded note with few comments, so the new one is on the first page.
    let (seeded_note,): (i64,) = sqlx::query_as(
        "SELECT id FROM notes ORDER BY (SELECT COUNT(*) FROM comments c WHERE c.note_id = notes.id), id LIMIT 1",
    )
        .fetch_one(&app.state.db)
        .await
        .expect("note");
    let comment: Value = call(
        &app,
        Method::POST,
        &format!("/api/v1/notes/{seeded_note}/comments"),
        Some(&fan),
        Some(json!({"body": "buy followers at example.com"})),
    )
    .await
    .json();
    let comment_id = comment["id"].as_i64().expect("comment id");
    let comments_uri = format!("/api/v1/notes/{seeded_note}/comments?limit=50");
    let listed = |page: &Value| {
        page["items"]
            .as_array()
            .expect("items")
            .iter()
            .any(|c| c["id"].as_i64() == Some(comment_id))
    };
    assert!(
        listed(&app.get_json(&comments_uri).await),
        "listed before the reports"
    );
    for (i, reporter) in reporters.iter().enumerate() {
        let r: ReportResult = parse(
            &call(
                &app,
                Method::POST,
                &format!("/api/v1/comments/{comment_id}/report"),
                Some(reporter),
                Some(reason.clone()),
            )
            .await,
            200,
            "comment report",
        );
        assert_eq!(r.hidden, i + 1 == REPORT_HIDE_THRESHOLD as usize);
    }
    call(
        &app,
        Method::POST,
        &format!("/api/v1/comments/{comment_id}/report"),
        Some(&fan),
        Some(reason.clone()),
    )
    .await
    .expect_error(422, "cannot_report_own", "own comment");
    let for_others: Value = app.get_json(&comments_uri).await;
    assert!(!listed(&for_others), "hidden from others");
    let for_author = call(&app, Method::GET, &comments_uri, Some(&fan), None)
        .await
        .json();
    assert!(listed(&for_author), "its author still sees it");
    let mine = for_author["items"]
        .as_array()
        .and_then(|items| items.iter().find(|c| c["id"].as_i64() == Some(comment_id)))
        .expect("own comment");
    assert_eq!(mine["hidden"], true);
    // Deleting it deletes its reports (ids may be reused).
    let res = call(
        &app,
        Method::DELETE,
        &format!("/api/v1/comments/{comment_id}"),
        Some(&fan),
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    let left: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM reports WHERE target_kind = 'comment'")
            .fetch_one(&app.state.db)
            .await
            .expect("reports");
    assert_eq!(left, 0);
}
