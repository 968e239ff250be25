//! Follows, the following feed and notifications.

use super::*;

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
        "SELECT id FROM notes WHERE author_id IN ($1, $2) ORDER BY created_at DESC, id DESC",
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
    .expect_error(422, "invalid_request", "unknown tab");

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
