//! Drafts: autosave, resume, and going away when published.

use super::*;

// ---- Drafts ----

#[tokio::test]
async fn drafts_autosave_resume_and_go_away_when_published() {
    let app = test_app(SMALL_WORLD).await;
    let me = user(&app, "Drafter").await;
    let other = user(&app, "Snoop").await;
    let pic = upload(&app, &me).await;
    let product: i64 = sqlx::query_scalar("SELECT MIN(id) FROM products")
        .fetch_one(&app.state.db)
        .await
        .expect("product");

    let first: Draft = parse(
        &call(
            &app,
            Method::POST,
            "/api/v1/drafts",
            Some(&me),
            Some(json!({"title": "", "body": "周"})),
        )
        .await,
        201,
        "start a draft",
    );
    assert_eq!(
        (
            first.title.as_str(),
            first.body.as_str(),
            first.channel.as_str()
        ),
        ("", "周", "")
    );
    let uri = format!("/api/v1/drafts/{}", first.id);
    // Autosave as the text grows; a title longer than publishing allows is kept.
    let long_title = "一个很长很长很长很长很长很长很长很长的草稿标题";
    let mut last = first.clone();
    for body in ["周末", "周末去", "周末去哪儿 #citywalk"] {
        let mut input = note(long_title, body, "travel", &[pic.id]);
        input["product_ids"] = json!([product]);
        input["location"] = json!("杭州");
        last = parse(
            &call(&app, Method::PUT, &uri, Some(&me), Some(input)).await,
            200,
            "autosave",
        );
        assert_eq!(last.body, body);
    }
    assert!(last.updated_at >= first.updated_at);
    // A failed upload in between leaves the draft alone.
    upload_raw(&app, Some(&me), "image/png", b"not a picture".to_vec())
        .await
        .expect_error(415, "picture_type", "bad upload");
    let list: Vec<Draft> = get(&app, "/api/v1/drafts", Some(&me)).await;
    assert_eq!(list, vec![last.clone()], "resume: the latest save");
    assert_eq!(last.title, long_title);
    assert_eq!(last.images, vec![pic.clone()]);
    assert_eq!(
        last.products.iter().map(|p| p.id).collect::<Vec<_>>(),
        [product]
    );
    assert_eq!(last.location.as_deref(), Some("杭州"));

    // Others cannot see or touch it.
    let theirs: Vec<Draft> = get(&app, "/api/v1/drafts", Some(&other)).await;
    assert!(theirs.is_empty());
    call(
        &app,
        Method::PUT,
        &uri,
        Some(&other),
        Some(note("x", "", "", &[])),
    )
    .await
    .expect_error(404, "not_found", "someone else's draft");
    call(&app, Method::DELETE, &uri, Some(&other), None)
        .await
        .expect_error(404, "not_found", "someone else deletes a draft");
    call(&app, Method::GET, "/api/v1/drafts", None, None)
        .await
        .expect_error(401, "unauthorized", "guest");

    // Size limits only, and pictures must be one's own.
    let res = call(
        &app,
        Method::PUT,
        &uri,
        Some(&me),
        Some(note(&"长".repeat(101), "", "", &[])),
    )
    .await;
    assert_eq!(error_fields(&res, "huge title"), ["title"]);
    let theirs = upload(&app, &other).await;
    let res = call(
        &app,
        Method::PUT,
        &uri,
        Some(&me),
        Some(note("t", "", "", &[theirs.id])),
    )
    .await;
    assert_eq!(error_fields(&res, "someone else's picture"), ["image_ids"]);
    let list: Vec<Draft> = get(&app, "/api/v1/drafts", Some(&me)).await;
    assert_eq!(list, vec![last.clone()], "refused saves change nothing");

    // Publishing from the draft (with a proper title) deletes it.
    let mut input = note("周末去哪儿", &last.body, "travel", &[pic.id]);
    input["draft_id"] = json!(last.id);
    let published = publish(&app, &me, input).await;
    assert_eq!(published.topics, ["citywalk"]);
    let list: Vec<Draft> = get(&app, "/api/v1/drafts", Some(&me)).await;
    assert!(list.is_empty(), "the draft is gone");

    // At most 50 drafts.
    for i in 0..MAX_DRAFTS {
        let res = call(
            &app,
            Method::POST,
            "/api/v1/drafts",
            Some(&me),
            Some(note(&format!("d{i}"), "", "", &[])),
        )
        .await;
        assert_eq!(res.status, StatusCode::CREATED, "draft {i}");
    }
    let res = call(
        &app,
        Method::POST,
        "/api/v1/drafts",
        Some(&me),
        Some(note("one more", "", "", &[])),
    )
    .await;
    res.expect_error(422, "too_many_drafts", "51st draft");
    let list: Vec<Draft> = get(&app, "/api/v1/drafts", Some(&me)).await;
    assert_eq!(list.len() as i64, MAX_DRAFTS);
    assert_eq!(
        list[0].title,
        format!("d{}", MAX_DRAFTS - 1),
        "newest first"
    );
    let res = call(
        &app,
        Method::DELETE,
        &format!("/api/v1/drafts/{}", list[0].id),
        Some(&me),
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
}
