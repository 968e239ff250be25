//! HTTP-level tests of the API, the image endpoint and static serving (tower `oneshot`).

use crate::common;

use std::collections::HashSet;

use crate::common::{test_app, SMALL_WORLD};
use serde_json::Value;

#[tokio::test]
async fn health_and_channels() {
    let app = test_app(SMALL_WORLD).await;
    let health = app.get_json("/api/v1/health").await;
    assert_eq!(health["status"], "ok");
    assert_eq!(health["notes"], 300);

    let channels = app.get_json("/api/v1/channels").await;
    let slugs: Vec<&str> = channels
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|c| c["slug"].as_str())
        .collect();
    assert_eq!(slugs[0], "recommend");
    assert!(slugs.len() >= 11, "{slugs:?}");
    for slug in [
        "fashion", "beauty", "food", "travel", "home", "fitness", "tech", "pets",
    ] {
        assert!(slugs.contains(&slug), "missing {slug}");
    }
}

fn assert_card(card: &Value) {
    assert!(card["id"].as_i64().is_some());
    assert!(!card["title"].as_str().unwrap_or("").is_empty());
    assert!(matches!(card["kind"].as_str(), Some("image" | "video")));
    let cover = &card["cover"];
    assert!(cover["url_template"].as_str().unwrap_or("").contains("{w}"));
    assert!(cover["width"].as_u64().unwrap_or(0) > 0);
    assert!(cover["height"].as_u64().unwrap_or(0) > 0);
    for side in ["top", "bottom"] {
        let colour = cover["placeholder"][side].as_str().unwrap_or("");
        assert!(
            colour.len() == 7 && colour.starts_with('#'),
            "placeholder {colour}"
        );
    }
    assert!(!card["author"]["display_name"]
        .as_str()
        .unwrap_or("")
        .is_empty());
    assert!(card["like_count"].as_i64().unwrap_or(-1) >= 0);
}

#[tokio::test]
async fn feed_pages_cover_every_note_once() {
    let app = test_app(SMALL_WORLD).await;
    let first = app.get_json("/api/v1/feed").await;
    assert_eq!(first["items"].as_array().map(Vec::len), Some(20));
    assert_card(&first["items"][0]);

    let mut seen = HashSet::new();
    let mut uri = "/api/v1/feed?limit=50".to_string();
    loop {
        let page = app.get_json(&uri).await;
        for card in page["items"].as_array().expect("items") {
            assert!(seen.insert(card["id"].as_i64().expect("id")), "duplicate");
        }
        match page["next_cursor"].as_str() {
            Some(c) => uri = format!("/api/v1/feed?limit=50&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(seen.len(), 300);
}

#[tokio::test]
async fn channel_topic_and_author_filters() {
    let app = test_app(SMALL_WORLD).await;
    let page = app.get_json("/api/v1/feed?channel=food&limit=10").await;
    let items = page["items"].as_array().expect("items");
    assert!(!items.is_empty());
    for card in items.iter().take(5) {
        let id = card["id"].as_i64().expect("id");
        let note = app.get_json(&format!("/api/v1/notes/{id}")).await;
        assert_eq!(note["channel"]["slug"], "food");
    }

    let note = app.get_json("/api/v1/notes/1").await;
    let topic = note["topics"][0].as_str().expect("a topic").to_string();
    let uri = format!(
        "/api/v1/feed?topic={}&limit=50",
        topic
            .bytes()
            .map(|b| format!("%{b:02X}"))
            .collect::<String>()
    );
    let tagged = app.get_json(&uri).await;
    let ids: Vec<i64> = tagged["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|c| c["id"].as_i64())
        .collect();
    assert!(ids.contains(&1), "note 1 is tagged #{topic}");

    let author = note["author"]["id"].as_i64().expect("author");
    let by_author = app
        .get_json(&format!("/api/v1/feed?author={author}&limit=50"))
        .await;
    for card in by_author["items"].as_array().expect("items") {
        assert_eq!(card["author"]["id"].as_i64(), Some(author));
    }
}

#[tokio::test]
async fn user_profiles_total_their_notes() {
    let app = test_app(SMALL_WORLD).await;
    let note = app.get_json("/api/v1/notes/1").await;
    let author = note["author"]["id"].as_i64().expect("author");
    let profile = app.get_json(&format!("/api/v1/users/{author}")).await;
    assert_eq!(profile["user"]["id"].as_i64(), Some(author));
    let mut count = 0;
    let mut uri = format!("/api/v1/feed?author={author}&limit=50");
    loop {
        let page = app.get_json(&uri).await;
        count += page["items"].as_array().expect("items").len() as i64;
        match page["next_cursor"].as_str() {
            Some(c) => uri = format!("/api/v1/feed?author={author}&limit=50&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(profile["note_count"].as_i64(), Some(count));
    assert!(
        profile["likes_and_collects"].as_i64().unwrap_or(-1)
            >= note["counts"]["likes"].as_i64().unwrap_or(0)
    );
}

#[tokio::test]
async fn bad_input_gets_clear_errors() {
    let app = test_app(SMALL_WORLD).await;
    app.expect_error("/api/v1/feed?cursor=not-a-cursor", 400, "invalid_cursor")
        .await;
    app.expect_error("/api/v1/feed?limit=0", 422, "invalid_request")
        .await;
    app.expect_error("/api/v1/feed?limit=51", 422, "invalid_request")
        .await;
    app.expect_error("/api/v1/feed?limit=abc", 400, "bad_request")
        .await;
    app.expect_error("/api/v1/feed?channel=nope", 404, "not_found")
        .await;
    app.expect_error("/api/v1/feed?author=999999", 404, "not_found")
        .await;
    app.expect_error(
        &format!("/api/v1/feed?topic={}", "a".repeat(65)),
        422,
        "topic_too_long",
    )
    .await;
    app.expect_error("/api/v1/notes/999999", 404, "not_found")
        .await;
    app.expect_error("/api/v1/notes/abc", 400, "bad_request")
        .await;
    app.expect_error("/api/v1/notes/1/comments?cursor=%%%", 400, "invalid_cursor")
        .await;
    app.expect_error("/api/v1/notes/999999/comments", 404, "not_found")
        .await;
    app.expect_error("/api/v1/comments/999999/replies", 404, "not_found")
        .await;
    app.expect_error("/api/v1/notes/999999/related", 404, "not_found")
        .await;
    app.expect_error("/api/v1/users/999999", 404, "not_found")
        .await;
    app.expect_error("/api/v1/users/x", 400, "bad_request")
        .await;
    app.expect_error("/api/v1/nope", 404, "not_found").await;
    app.expect_error("/api/nope/deeper", 404, "not_found").await;
    app.expect_error("/api", 404, "not_found").await;
}

/// Finds a note with at least `min` top-level comments.
async fn busy_note(app: &common::TestApp, min: i64) -> Value {
    for id in 1..=300 {
        let note = app.get_json(&format!("/api/v1/notes/{id}")).await;
        if note["comments"]["total"].as_i64().unwrap_or(0) >= min {
            return note;
        }
    }
    panic!("no note with {min} comments");
}

#[tokio::test]
async fn note_detail_is_complete_and_consistent() {
    let app = test_app(SMALL_WORLD).await;
    let note = busy_note(&app, 3).await;
    let images = note["images"].as_array().expect("images");
    assert!((1..=6).contains(&images.len()));
    for image in images {
        assert!(image["width"].as_u64().unwrap_or(0) > 0);
    }
    let body = note["body"].as_str().expect("body");
    for topic in note["topics"].as_array().expect("topics") {
        assert!(body.contains(&format!("#{}", topic.as_str().expect("topic"))));
    }
    for mention in note["mentions"].as_array().expect("mentions") {
        assert!(body.contains(&format!("@{}", mention["name"].as_str().expect("name"))));
    }
    assert!(note["created_at"].as_i64().unwrap_or(0) > 1_600_000_000);

    // The comment count is the number of comments and replies that exist.
    let id = note["id"].as_i64().expect("id");
    let mut top = 0;
    let mut replies = 0;
    let mut uri = format!("/api/v1/notes/{id}/comments?limit=50");
    loop {
        let page = app.get_json(&uri).await;
        for c in page["items"].as_array().expect("items") {
            top += 1;
            replies += c["reply_count"].as_i64().expect("reply_count");
            let embedded = c["replies"].as_array().expect("replies").len() as i64;
            assert!(embedded <= 2 && embedded <= c["reply_count"].as_i64().unwrap_or(0));
        }
        match page["next_cursor"].as_str() {
            Some(cursor) => uri = format!("/api/v1/notes/{id}/comments?limit=50&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(top, note["comments"]["total"].as_i64().expect("total"));
    assert_eq!(
        top + replies,
        note["counts"]["comments"].as_i64().expect("count")
    );
}

#[tokio::test]
async fn replies_page_through_every_reply() {
    let app = test_app(SMALL_WORLD).await;
    // A top-level comment with more replies than the two embedded.
    let mut found = None;
    'outer: for id in 1..=300 {
        let note = app
            .get_json(&format!("/api/v1/notes/{id}/comments?limit=50"))
            .await;
        for c in note["items"].as_array().expect("items") {
            if c["reply_count"].as_i64().unwrap_or(0) > 3 {
                found = Some(c.clone());
                break 'outer;
            }
        }
    }
    let comment = found.expect("a comment with replies");
    let cid = comment["id"].as_i64().expect("id");
    let mut ids = HashSet::new();
    let mut uri = format!("/api/v1/comments/{cid}/replies?limit=2");
    loop {
        let page = app.get_json(&uri).await;
        assert_eq!(page["total"], comment["reply_count"]);
        for r in page["items"].as_array().expect("items") {
            assert!(ids.insert(r["id"].as_i64().expect("id")));
        }
        match page["next_cursor"].as_str() {
            Some(cursor) => uri = format!("/api/v1/comments/{cid}/replies?limit=2&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(
        ids.len() as i64,
        comment["reply_count"].as_i64().expect("count")
    );
}

#[tokio::test]
async fn related_notes_share_the_channel() {
    let app = test_app(SMALL_WORLD).await;
    let note = app.get_json("/api/v1/notes/7").await;
    let related = app.get_json("/api/v1/notes/7/related?limit=5").await;
    let items = related.as_array().expect("array");
    assert!(!items.is_empty() && items.len() <= 5);
    for card in items {
        assert_ne!(card["id"], note["id"]);
        let other = app.get_json(&format!("/api/v1/notes/{}", card["id"])).await;
        assert_eq!(other["channel"], note["channel"]);
    }
}

#[tokio::test]
async fn images_are_real_jpegs_at_the_advertised_sizes() {
    let app = test_app(SMALL_WORLD).await;
    let note = app.get_json("/api/v1/notes/3").await;
    let image = &note["images"][0];
    let template = image["url_template"].as_str().expect("template");
    let res = app.get(&template.replace("{w}", "240")).await;
    assert_eq!(res.status, 200);
    assert_eq!(res.header("content-type"), "image/jpeg");
    assert!(res.header("cache-control").contains("immutable"));
    let decoded = image::load_from_memory(&res.body).expect("a decodable image");
    assert_eq!(decoded.width(), 240);
    let expected_h =
        240.0 * image["height"].as_f64().expect("h") / image["width"].as_f64().expect("w");
    assert!((f64::from(decoded.height()) - expected_h).abs() <= 1.0);
    // Not a flat colour: pixels vary.
    let rgb = decoded.to_rgb8();
    let distinct: HashSet<[u8; 3]> = rgb.pixels().map(|p| p.0).collect();
    assert!(distinct.len() > 200, "only {} colours", distinct.len());

    // Served again from the disk cache, identical.
    let again = app.get(&template.replace("{w}", "240")).await;
    assert_eq!(again.body, res.body);

    let avatar = note["author"]["avatar"].as_str().expect("avatar");
    let res = app.get(&avatar.replace("{w}", "64")).await;
    assert_eq!(res.status, 200);

    assert_eq!(app.get(&template.replace("{w}", "333")).await.status, 404);
    assert_eq!(
        app.get("/img/v1/ffffffffffffffff/240.jpg").await.status,
        404
    );
    assert_eq!(app.get("/img/v1/..%2F..%2Fetc/240.jpg").await.status, 404);
}

#[tokio::test]
async fn spa_fallback_openapi_and_cache_headers() {
    let app = test_app(SMALL_WORLD).await;
    let page = app.get("/explore/12").await;
    assert_eq!(page.status, 200);
    assert!(String::from_utf8_lossy(&page.body).contains("<title>Zhongcao"));
    assert_eq!(page.header("cache-control"), "no-cache");

    let asset = app.get("/zhongcao-web-0123456789abcdef.js").await;
    assert_eq!(asset.status, 200);
    assert!(asset.header("cache-control").contains("immutable"));

    let doc = app.get_json("/api/openapi.json").await;
    assert!(doc["openapi"].as_str().unwrap_or("").starts_with("3."));
    for path in [
        "/api/v1/feed",
        "/api/v1/channels",
        "/api/v1/notes/{id}",
        "/api/v1/notes/{id}/comments",
        "/api/v1/comments/{id}/replies",
        "/api/v1/notes/{id}/related",
        "/api/v1/users/{id}",
    ] {
        assert!(doc["paths"][path].is_object(), "openapi lacks {path}");
    }
}
