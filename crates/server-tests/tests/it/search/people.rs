//! User search: by name, and by what creators post about (channels and topics).

use crate::common;

use super::*;
use crate::common::{test_app, user_ids, SMALL_WORLD};

#[tokio::test]
async fn users_are_found_by_name() {
    let app = test_app(SMALL_WORLD).await;
    let profile = app.get_json("/api/v1/users/3").await;
    let name = profile["user"]["username"].as_str().expect("username");
    let page = app
        .get_json(&format!("/api/v1/search/users?q={}", encode(name)))
        .await;
    let found: Vec<i64> = page["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|u| u["user"]["id"].as_i64())
        .collect();
    assert_eq!(found.first(), Some(&3), "{name}: {found:?}");
}

/// The "美妆 / beauty lists beauty creators": user search also matches creators by
/// the channels and topics they post in, name matches first, and follows publishing.
#[tokio::test]
async fn users_are_found_by_what_they_post() {
    let app = test_app(SMALL_WORLD).await;
    // Creators with a good share of their visible notes in Beauty.
    let beauty: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT n.author_id, SUM(c.slug = 'beauty'), COUNT(*) FROM notes n \
         JOIN channels c ON c.id = n.channel_id WHERE n.hidden_at IS NULL \
         GROUP BY n.author_id \
         HAVING SUM(c.slug = 'beauty') >= 2 AND SUM(c.slug = 'beauty') * 10 >= COUNT(*)",
    )
    .fetch_all(&app.state.db)
    .await
    .expect("beauty creators");
    assert!(!beauty.is_empty(), "the small world has beauty creators");
    let is_beauty = |id: &i64| beauty.iter().any(|(a, _, _)| a == id);

    let zh = user_ids(
        &app.get_json(&format!("/api/v1/search/users?q={}", encode("美妆")))
            .await,
    );
    let en = user_ids(&app.get_json("/api/v1/search/users?q=beauty&limit=50").await);
    let en_upper = user_ids(&app.get_json("/api/v1/search/users?q=Beauty&limit=50").await);
    assert!(
        !zh.is_empty() && !en.is_empty(),
        "美妆 {zh:?}, beauty {en:?}"
    );
    assert!(
        zh.iter().take(5).all(is_beauty),
        "美妆 lists beauty creators: {zh:?}"
    );
    assert!(
        en.iter().take(5).all(is_beauty),
        "beauty lists beauty creators: {en:?}"
    );
    assert_eq!(en, en_upper, "case does not matter");
    // Everyone with at least two notes and a tenth of them in Beauty is found by its name.
    for (id, _, _) in &beauty {
        assert!(en.contains(id), "{id} posts beauty notes: {en:?}");
    }
    // A topic finds everyone who used it on two notes or more.
    let topic = user_ids(
        &app.get_json(&format!(
            "/api/v1/search/users?q={}&limit=50",
            encode("护肤")
        ))
        .await,
    );
    let topic_creators: Vec<i64> = sqlx::query_scalar(
        "SELECT n.author_id FROM note_topics t JOIN notes n ON n.id = t.note_id \
         WHERE t.topic = '护肤' AND n.hidden_at IS NULL GROUP BY n.author_id \
         HAVING COUNT(*) >= 2",
    )
    .fetch_all(&app.state.db)
    .await
    .expect("topic creators");
    for id in &topic_creators {
        assert!(topic.contains(id), "{id} uses 护肤: {topic:?}");
    }

    // A name match comes before everyone found by what they post.
    let (outsider, _) = common::signed_in_user(&app, "fan_{n}", "Beauty Fan {n}").await;
    // (Inserted directly: sign-up would index the name.)
    app.state
        .search
        .index_user(&app.state.db, outsider)
        .await
        .expect("index");
    let en = user_ids(&app.get_json("/api/v1/search/users?q=beauty&limit=50").await);
    assert_eq!(en.first(), Some(&outsider), "{en:?}");

    // Someone who starts posting beauty notes is found by it once they publish.
    let (writer, cookie) = common::signed_in_user(&app, "newbeauty_{n}", "Newcomer {n}").await;
    let before = user_ids(&app.get_json("/api/v1/search/users?q=beauty&limit=50").await);
    assert!(!before.contains(&writer));
    let png = common::encode(&common::gradient(64, 48), image::ImageFormat::Png);
    let upload = app
        .request(axum::http::Method::POST, "/api/v1/uploads")
        .cookie(&cookie)
        .bytes("image/png", png)
        .send()
        .await;
    assert_eq!(upload.status.as_u16(), 201, "upload");
    let image = upload.json()["id"].as_i64().expect("upload id");
    let res = app
        .request(axum::http::Method::POST, "/api/v1/notes")
        .cookie(&cookie)
        .json(&serde_json::json!({
            "title": "Lipstick swatches",
            "body": "Five shades on warm skin.",
            "channel": "beauty",
            "image_ids": [image],
        }))
        .send()
        .await;
    assert_eq!(
        res.status.as_u16(),
        201,
        "publish: {}",
        String::from_utf8_lossy(&res.body)
    );
    let after = user_ids(&app.get_json("/api/v1/search/users?q=beauty&limit=50").await);
    assert!(after.contains(&writer), "{writer} not in {after:?}");
    let page = app.get_json("/api/v1/search/users?q=beauty&limit=5").await;
    assert_eq!(user_ids(&page).len(), 5.min(after.len()));
    assert_eq!(page["total"].as_i64(), Some(after.len() as i64));
}
