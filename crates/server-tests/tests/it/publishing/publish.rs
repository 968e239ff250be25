//! Publishing notes: where a note shows up at once, validation, edit and delete permissions, and
//! the OpenAPI listing.

use super::*;

// ---- Publishing ----

#[tokio::test]
async fn a_published_note_is_everywhere_at_once() {
    let app = test_app(SMALL_WORLD).await;
    let author = user(&app, "Writer").await;
    let fan = user(&app, "Fan").await;
    follow(&app, &fan, author.id).await;
    // Two people called 同名小米: the author follows the newer one, who is the one meant.
    let stranger = user(&app, "同名小米").await;
    let friend = user(&app, "同名小米").await;
    follow(&app, &author, friend.id).await;
    let product: i64 = sqlx::query_scalar("SELECT MIN(id) FROM products")
        .fetch_one(&app.state.db)
        .await
        .expect("product");

    // Pages cached before publishing must not hide the new note afterwards.
    let before_profile: api_types::UserProfile =
        get(&app, &format!("/api/v1/users/{}", author.id), None).await;
    let _: Page<NoteCard> = get(&app, "/api/v1/feed?channel=food", None).await;
    let _: Page<NoteCard> = get(&app, "/api/v1/feed", None).await;

    let pics = [upload(&app, &author).await, upload(&app, &author).await];
    let mut input = note(
        "Qwertyzz 早餐",
        "周末的早餐 with @同名小米, thanks!\n#早餐灵感Qz #brunchqz",
        "food",
        &[pics[1].id, pics[0].id],
    );
    input["product_ids"] = json!([product]);
    input["location"] = json!(" 上海 ");
    let note = publish(&app, &author, input).await;
    assert_eq!(note.title, "Qwertyzz 早餐");
    assert_eq!(note.channel.slug, "food");
    assert_eq!(note.author.id, author.id);
    assert_eq!(note.location.as_deref(), Some("上海"));
    assert_eq!(
        note.images,
        vec![pics[1].image.clone(), pics[0].image.clone()]
    );
    assert_eq!(note.topics, ["brunchqz", "早餐灵感Qz"]);
    assert_eq!(note.mentions.len(), 1);
    assert_eq!(note.mentions[0].user_id, friend.id, "the followed namesake");
    assert_eq!(
        note.products.iter().map(|p| p.id).collect::<Vec<_>>(),
        [product]
    );
    assert!(!note.hidden);

    let profile: Page<NoteCard> =
        get(&app, &format!("/api/v1/feed?author={}", author.id), None).await;
    assert_eq!(ids(&profile), [note.id], "author's profile");
    let after_profile: api_types::UserProfile =
        get(&app, &format!("/api/v1/users/{}", author.id), None).await;
    assert_eq!(after_profile.note_count, before_profile.note_count + 1);
    let channel: Page<NoteCard> = get(&app, "/api/v1/feed?channel=food", None).await;
    assert!(
        ids(&channel).contains(&note.id),
        "first page of its channel"
    );
    let mixed: Page<NoteCard> = get(&app, "/api/v1/feed", None).await;
    let rank = ids(&mixed).iter().position(|id| *id == note.id);
    assert!(
        rank.is_some_and(|r| r < 10),
        "near the top of For you: {rank:?}"
    );
    let following: Page<NoteCard> = get(&app, "/api/v1/feed/following", Some(&fan)).await;
    assert_eq!(
        ids(&following).first(),
        Some(&note.id),
        "follower's feed, newest first"
    );
    let topic: Page<NoteCard> = get(&app, "/api/v1/feed?topic=brunchqz", None).await;
    assert_eq!(ids(&topic), [note.id], "topic page");
    assert_eq!(
        search_ids(&app, "qwertyzz").await,
        [note.id],
        "search, immediately"
    );
    let topics: Vec<TopicSuggestion> = get(&app, "/api/v1/topics/suggest?q=brunch", None).await;
    assert_eq!(
        topics.first().map(|t| (t.name.as_str(), t.note_count)),
        Some(("brunchqz", 1))
    );

    // The mentioned friend is told; the namesake is not.
    let told: Page<Notification> =
        get(&app, "/api/v1/notifications?tab=comments", Some(&friend)).await;
    let mention = told.items.first().expect("a notification");
    assert_eq!(mention.kind, api_types::NotificationKind::Mention);
    assert_eq!(mention.actor.id, author.id);
    assert_eq!(mention.note.as_ref().map(|n| n.id), Some(note.id));
    assert_eq!(mention.comment_id, None);
    let nothing: Page<Notification> =
        get(&app, "/api/v1/notifications?tab=comments", Some(&stranger)).await;
    assert!(nothing.items.is_empty());
}

#[tokio::test]
async fn mentions_take_the_longest_name_even_with_spaces() {
    let app = test_app(SMALL_WORLD).await;
    let author = user(&app, "Writer").await;
    let jess = user(&app, "Jess").await;
    let jess_nyc = user(&app, "Jess in NYC").await;
    let pic = upload(&app, &author).await;
    let body = "Coffee with @Jess in NYC today, then @Jess! And @Nobody Here.";
    let n = publish(&app, &author, note("Coffee run", body, "food", &[pic.id])).await;
    let named: Vec<(i64, &str)> = n
        .mentions
        .iter()
        .map(|m| (m.user_id, m.name.as_str()))
        .collect();
    // Listed by account (Jess signed up first); "Nobody Here" is nobody, so plain text.
    assert_eq!(named, [(jess.id, "Jess"), (jess_nyc.id, "Jess in NYC")]);

    let res = call(
        &app,
        Method::POST,
        &format!("/api/v1/notes/{}/comments", n.id),
        Some(&jess),
        Some(json!({"body": "@Jess in NYC 一起去吗？"})),
    )
    .await;
    let comment: api_types::Comment = parse(&res, 201, "comment");
    assert_eq!(
        comment
            .mentions
            .iter()
            .map(|m| m.user_id)
            .collect::<Vec<_>>(),
        [jess_nyc.id]
    );
    // Jess in NYC is told twice (the note, the comment); plain Jess once (the note).
    let told: Page<Notification> =
        get(&app, "/api/v1/notifications?tab=comments", Some(&jess_nyc)).await;
    let kinds = told
        .items
        .iter()
        .filter(|i| i.kind == api_types::NotificationKind::Mention);
    assert_eq!(kinds.count(), 2);
}

#[tokio::test]
async fn publishing_answers_every_invalid_field() {
    let app = test_app(SMALL_WORLD).await;
    let me = user(&app, "Careful").await;
    let other = user(&app, "Other").await;
    let mine = upload(&app, &me).await;
    let theirs = upload(&app, &other).await;

    let res = publish_raw(&app, &me, note("  ", "text", "food", &[mine.id])).await;
    assert_eq!(error_fields(&res, "empty title"), ["title"]);
    let res = publish_raw(
        &app,
        &me,
        note(
            "这是一个非常非常非常长的标题超过二十个字了",
            "",
            "food",
            &[mine.id],
        ),
    )
    .await;
    assert_eq!(error_fields(&res, "long title"), ["title"]);
    let ten: Vec<i64> = vec![mine.id; MAX_NOTE_IMAGES + 1];
    let res = publish_raw(&app, &me, note("Ten", "", "food", &ten)).await;
    assert_eq!(error_fields(&res, "too many images"), ["image_ids"]);
    let res = publish_raw(&app, &me, note("None", "", "food", &[])).await;
    assert_eq!(error_fields(&res, "no image"), ["image_ids"]);
    let res = publish_raw(&app, &me, note("Theirs", "", "food", &[theirs.id])).await;
    assert_eq!(error_fields(&res, "someone else's upload"), ["image_ids"]);
    let res = publish_raw(&app, &me, note("Twice", "", "food", &[mine.id, mine.id])).await;
    assert_eq!(error_fields(&res, "same upload twice"), ["image_ids"]);
    let res = publish_raw(&app, &me, note("Where", "", "nowhere", &[mine.id])).await;
    assert_eq!(error_fields(&res, "unknown channel"), ["channel"]);
    let res = publish_raw(&app, &me, note("Mixed", "", "recommend", &[mine.id])).await;
    assert_eq!(error_fields(&res, "the virtual channel"), ["channel"]);
    let mut input = note("Shop", "", "food", &[mine.id]);
    input["product_ids"] = json!([999_999]);
    let res = publish_raw(&app, &me, input).await;
    assert_eq!(error_fields(&res, "unknown product"), ["product_ids"]);
    // Everything wrong at once is answered at once.
    let res = publish_raw(&app, &me, note("", "", "nowhere", &[theirs.id])).await;
    assert_eq!(
        error_fields(&res, "all wrong"),
        ["title", "channel", "image_ids"]
    );
    // Nothing was published; guests are asked to sign in.
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notes WHERE author_id = $1")
        .bind(me.id)
        .fetch_one(&app.state.db)
        .await
        .expect("count");
    assert_eq!(count, 0);
    call(
        &app,
        Method::POST,
        "/api/v1/notes",
        None,
        Some(note("Guest", "", "food", &[mine.id])),
    )
    .await
    .expect_error(401, "unauthorized", "guest");
}

#[tokio::test]
async fn only_the_author_edits_or_deletes_and_deleting_removes_it_everywhere() {
    let app = test_app(SMALL_WORLD).await;
    let author = user(&app, "Owner").await;
    let other = user(&app, "Meddler").await;
    let pic = upload(&app, &author).await;
    let n = publish(
        &app,
        &author,
        note("Zyxwvut 初稿", "#draftyqz", "travel", &[pic.id]),
    )
    .await;
    let uri = format!("/api/v1/notes/{}", n.id);
    let edit = note("Plughzz 定稿", "改好了 #finalqz", "home", &[]);

    call(&app, Method::PATCH, &uri, Some(&other), Some(edit.clone()))
        .await
        .expect_error(403, "not_your_note", "someone else edits");
    call(&app, Method::PATCH, &uri, None, Some(edit.clone()))
        .await
        .expect_error(401, "unauthorized", "guest edits");
    call(
        &app,
        Method::PATCH,
        "/api/v1/notes/999999",
        Some(&author),
        Some(edit.clone()),
    )
    .await
    .expect_error(404, "not_found", "unknown note");
    let res = call(
        &app,
        Method::PATCH,
        &uri,
        Some(&author),
        Some(note("", "", "home", &[])),
    )
    .await;
    assert_eq!(error_fields(&res, "edit with no title"), ["title"]);

    // The author's edit: new text, topics and channel; no image_ids keeps the photos.
    let edited: NoteDetail = parse(
        &call(&app, Method::PATCH, &uri, Some(&author), Some(edit)).await,
        200,
        "edit",
    );
    assert_eq!(edited.title, "Plughzz 定稿");
    assert_eq!(edited.topics, ["finalqz"]);
    assert_eq!(edited.channel.slug, "home");
    assert_eq!(edited.images, vec![pic.image.clone()]);
    assert_eq!(search_ids(&app, "plughzz").await, [n.id]);
    assert!(
        search_ids(&app, "zyxwvut").await.is_empty(),
        "the old title is gone"
    );
    let old_topic: Page<NoteCard> = get(&app, "/api/v1/feed?topic=draftyqz", None).await;
    assert!(old_topic.items.is_empty());
    // New photos replace the old ones, cover included.
    let pic2 = upload(&app, &author).await;
    let edited: NoteDetail = parse(
        &call(
            &app,
            Method::PATCH,
            &uri,
            Some(&author),
            Some(note("Plughzz 定稿", "改好了 #finalqz", "home", &[pic2.id])),
        )
        .await,
        200,
        "edit photos",
    );
    assert_eq!(edited.images, vec![pic2.image.clone()]);
    let card: Page<NoteCard> = get(&app, &format!("/api/v1/feed?author={}", author.id), None).await;
    assert_eq!(card.items[0].cover, pic2.image);

    // Deleting.
    call(&app, Method::DELETE, &uri, Some(&other), None)
        .await
        .expect_error(403, "not_your_note", "someone else deletes");
    call(&app, Method::DELETE, &uri, None, None)
        .await
        .expect_error(401, "unauthorized", "guest deletes");
    let res = call(&app, Method::DELETE, &uri, Some(&author), None).await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    app.expect_error(&uri, 404, "not_found").await;
    assert!(
        search_ids(&app, "plughzz").await.is_empty(),
        "out of search"
    );
    let feed: Page<NoteCard> = get(&app, "/api/v1/feed?channel=home", None).await;
    assert!(!ids(&feed).contains(&n.id), "out of the channel feed");
    let profile: api_types::UserProfile =
        get(&app, &format!("/api/v1/users/{}", author.id), None).await;
    assert_eq!(profile.note_count, 0);
    let topics: Vec<TopicSuggestion> = get(&app, "/api/v1/topics/suggest?q=finalqz", None).await;
    assert!(topics.is_empty(), "its topic has no notes left");
    call(&app, Method::DELETE, &uri, Some(&author), None)
        .await
        .expect_error(404, "not_found", "deleted twice");
}

#[tokio::test]
async fn the_openapi_document_lists_the_publishing_endpoints() {
    let app = test_app(SMALL_WORLD).await;
    let doc = app.get_json("/api/openapi.json").await;
    for (path, methods) in [
        ("/api/v1/uploads", &["post"][..]),
        ("/api/v1/notes", &["post"]),
        ("/api/v1/notes/{id}", &["get", "patch", "delete"]),
        ("/api/v1/drafts", &["get", "post"]),
        ("/api/v1/drafts/{id}", &["put", "delete"]),
        ("/api/v1/topics/suggest", &["get"]),
        ("/api/v1/me/following/suggest", &["get"]),
        ("/api/v1/notes/{id}/report", &["post"]),
        ("/api/v1/comments/{id}/report", &["post"]),
        ("/api/v1/notes/{id}/view", &["post"]),
        ("/api/v1/notes/{id}/share", &["post"]),
        ("/api/v1/creator/stats", &["get"]),
    ] {
        for method in methods {
            assert!(
                doc["paths"][path][method].is_object(),
                "openapi lacks {method} {path}"
            );
        }
    }
    assert!(doc["components"]["schemas"]["CreatorStats"].is_object());
}
