//! Search over the seeded world, through HTTP: Chinese and English matching, sorts, filters,
//! paging, bad input, incremental updates and rebuilding a lost or corrupt index.

use crate::common;

use std::collections::HashSet;
use std::time::Instant;

use crate::common::{test_app, SMALL_WORLD};
use serde_json::Value;
use zhongcao_server::AppState;

fn encode(q: &str) -> String {
    q.bytes().map(|b| format!("%{b:02X}")).collect()
}

async fn note_text(app: &common::TestApp, id: i64) -> String {
    let n = app.get_json(&format!("/api/v1/notes/{id}")).await;
    format!(
        "{} {} {} {}",
        n["title"].as_str().unwrap_or(""),
        n["body"].as_str().unwrap_or(""),
        n["topics"],
        n["author"]["display_name"].as_str().unwrap_or("")
    )
    .to_lowercase()
}

fn ids(page: &Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|c| c["id"].as_i64())
        .collect()
}

/// Inserts a note by hand (there is no publish endpoint yet) and returns its id.
async fn insert_note(state: &AppState, title: &str, body: &str) -> i64 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .expect("clock");
    sqlx::query_scalar(
        "INSERT INTO notes (author_id, channel_id, kind, title, body, cover_image_id, score, created_at) \
         VALUES (1, 1, 'image', $1, $2, 1, 0, $3) RETURNING id",
    )
    .bind(title)
    .bind(body)
    .bind(now)
    .fetch_one(&state.db)
    .await
    .expect("insert note")
}

#[tokio::test]
async fn chinese_queries_match_words_inside_longer_text() {
    let app = test_app(SMALL_WORLD).await;
    // Take a two-character word from a real title and search for it.
    let note = app.get_json("/api/v1/notes/1").await;
    let title: Vec<char> = note["title"].as_str().expect("title").chars().collect();
    let word: String = title
        .windows(2)
        .find(|w| w.iter().all(|c| ('\u{4e00}'..='\u{9fff}').contains(c)))
        .map(|w| w.iter().collect())
        .unwrap_or_else(|| "推荐".to_string());
    let page = app
        .get_json(&format!(
            "/api/v1/search/notes?q={}&limit=50",
            encode(&word)
        ))
        .await;
    assert!(
        page["total"].as_i64().unwrap_or(0) > 0,
        "nothing for {word}"
    );
    for id in ids(&page).into_iter().take(10) {
        let text = note_text(&app, id).await;
        // jieba may split the pair differently inside a longer word; one of its characters
        // must still be there.
        assert!(
            word.chars().any(|c| text.contains(c)),
            "{id} does not mention {word}"
        );
    }

    let id = insert_note(&app.state, "防晒霜推荐｜夏天必备", "通勤党的防晒清单").await;
    app.state
        .search
        .index_note(&app.state.db, id)
        .await
        .expect("index");
    let page = app
        .get_json(&format!("/api/v1/search/notes?q={}", encode("防晒")))
        .await;
    assert!(ids(&page).contains(&id), "防晒 should find 防晒霜推荐");
}

#[tokio::test]
async fn new_notes_are_searchable_within_a_second_and_english_is_stemmed() {
    let app = test_app(SMALL_WORLD).await;
    let started = Instant::now();
    let id = insert_note(&app.state, "Zebracorn morning run", "I run along the river").await;
    app.state
        .search
        .index_note(&app.state.db, id)
        .await
        .expect("index");
    let page = app
        .get_json("/api/v1/search/notes?q=zebracorns%20running")
        .await;
    assert_eq!(ids(&page).first(), Some(&id));
    assert!(
        started.elapsed().as_secs_f64() < 1.0,
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn sorts_and_filters_hold_for_every_result() {
    let app = test_app(SMALL_WORLD).await;
    let q = "the";
    let likes = app
        .get_json(&format!("/api/v1/search/notes?q={q}&sort=likes&limit=50"))
        .await;
    let counts: Vec<i64> = likes["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|c| c["like_count"].as_i64())
        .collect();
    assert!(counts.len() > 3, "need results for {q}");
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");

    let newest = app
        .get_json(&format!("/api/v1/search/notes?q={q}&sort=newest&limit=20"))
        .await;
    let mut times = Vec::new();
    for id in ids(&newest) {
        let n = app.get_json(&format!("/api/v1/notes/{id}")).await;
        times.push(n["created_at"].as_i64().expect("time"));
    }
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "{times:?}");

    let video = app
        .get_json(&format!("/api/v1/search/notes?q={q}&type=video&limit=50"))
        .await;
    assert!(video["items"].as_array().is_some_and(|i| !i.is_empty()));
    for card in video["items"].as_array().expect("items") {
        assert_eq!(card["kind"], "video");
    }
    let image = app
        .get_json(&format!("/api/v1/search/notes?q={q}&type=image&limit=50"))
        .await;
    let all = app.get_json(&format!("/api/v1/search/notes?q={q}")).await;
    assert_eq!(
        image["total"].as_i64().unwrap_or(0) + video["total"].as_i64().unwrap_or(0),
        all["total"].as_i64().unwrap_or(-1)
    );

    let week = app
        .get_json(&format!(
            "/api/v1/search/notes?q={q}&time=week&sort=newest&limit=50"
        ))
        .await;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .expect("clock");
    for id in ids(&week).into_iter().rev().take(3) {
        let n = app.get_json(&format!("/api/v1/notes/{id}")).await;
        assert!(now - n["created_at"].as_i64().expect("time") <= 7 * 86_400);
    }
    assert!(week["total"].as_i64() < all["total"].as_i64());
}

#[tokio::test]
async fn pages_do_not_overlap() {
    let app = test_app(SMALL_WORLD).await;
    let mut seen = HashSet::new();
    let mut uri = "/api/v1/search/notes?q=the&limit=7".to_string();
    let total = loop {
        let page = app.get_json(&uri).await;
        let total = page["total"].as_i64().expect("total");
        for id in ids(&page) {
            assert!(seen.insert(id), "{id} twice");
        }
        match page["next_cursor"].as_str() {
            Some(c) => uri = format!("/api/v1/search/notes?q=the&limit=7&cursor={c}"),
            None => break total,
        }
    };
    assert_eq!(seen.len() as i64, total);
}

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

#[tokio::test]
async fn products_are_found_by_name_brand_and_english_words_and_edits_are_searchable() {
    let app = test_app(SMALL_WORLD).await;
    let (id, brand, title_en): (i64, String, String) = sqlx::query_as(
        "SELECT p.id, b.name, p.title_en FROM products p JOIN brands b ON b.id = p.brand_id \
         ORDER BY p.id LIMIT 1",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("a product");
    // By brand: every hit is that brand's product.
    let page = app
        .get_json(&format!(
            "/api/v1/search/products?q={}&limit=50",
            encode(&brand)
        ))
        .await;
    assert!(ids(&page).contains(&id), "{brand}: {page}");
    for item in page["items"].as_array().expect("items") {
        assert_eq!(
            item["brand"].as_str(),
            Some(brand.as_str()),
            "{brand} hit {item}"
        );
    }
    // By the English name, plural-insensitive thanks to stemming.
    let word = title_en
        .split_whitespace()
        .find(|w| w.len() > 4 && w.chars().all(char::is_alphabetic))
        .unwrap_or("cream")
        .to_lowercase();
    let plural = format!("{word}s");
    let page = app
        .get_json(&format!(
            "/api/v1/search/products?q={}&limit=50",
            encode(&plural)
        ))
        .await;
    assert!(page["total"].as_i64().unwrap_or(0) > 0, "{plural}: {page}");

    // An edited product is searchable as soon as it is re-indexed.
    sqlx::query("UPDATE products SET title = '极光琉璃保温杯' WHERE id = $1")
        .bind(id)
        .execute(&app.state.db)
        .await
        .expect("edit");
    let started = Instant::now();
    app.state
        .search
        .index_product(&app.state.db, id)
        .await
        .expect("index");
    let page = app
        .get_json(&format!(
            "/api/v1/search/products?q={}",
            encode("琉璃保温杯")
        ))
        .await;
    assert_eq!(ids(&page).first(), Some(&id), "{page}");
    assert!(started.elapsed().as_secs_f64() < 1.0);
    app.get("/api/v1/search/products?q=").await.expect_error(
        422,
        "search_query_empty",
        "empty product query",
    );
}

#[tokio::test]
async fn bad_search_input_gets_clear_errors() {
    let app = test_app(SMALL_WORLD).await;
    app.expect_error("/api/v1/search/notes?q=", 422, "search_query_empty")
        .await;
    app.expect_error("/api/v1/search/notes?q=%20%20", 422, "search_query_empty")
        .await;
    app.expect_error("/api/v1/search/notes", 400, "bad_request")
        .await;
    app.expect_error(
        &format!("/api/v1/search/notes?q={}", "a".repeat(101)),
        422,
        "search_query_too_long",
    )
    .await;
    app.expect_error("/api/v1/search/notes?q=a&sort=best", 400, "bad_request")
        .await;
    app.expect_error("/api/v1/search/notes?q=a&type=gif", 400, "bad_request")
        .await;
    app.expect_error("/api/v1/search/notes?q=a&time=year", 400, "bad_request")
        .await;
    app.expect_error("/api/v1/search/notes?q=a&limit=0", 422, "invalid_request")
        .await;
    app.expect_error("/api/v1/search/notes?q=a&cursor=zz", 400, "invalid_cursor")
        .await;
    app.expect_error("/api/v1/search/users?q=", 422, "search_query_empty")
        .await;
    // Query syntax characters are just text.
    for q in ["%22", "title%3A", "((", "AND", "*", "%3Cscript%3E"] {
        let res = app.get(&format!("/api/v1/search/notes?q={q}")).await;
        assert_eq!(res.status, 200, "q={q}");
    }
}

#[tokio::test]
async fn a_lost_or_corrupt_index_is_rebuilt() {
    let app = test_app(SMALL_WORLD).await;
    let search_dir = app.dir.path().join("search");
    let count = |state: &AppState| {
        state
            .search
            .search_notes(
                "the",
                zhongcao_server::search::NoteSort::Newest,
                &Default::default(),
                0,
                5,
                0,
            )
            .expect("search")
            .total
    };
    let before = count(&app.state);
    assert!(before > 0);

    std::fs::remove_dir_all(&search_dir).expect("delete index");
    let state = AppState::new(app.state.db.clone(), app.dir.path(), |_| {})
        .await
        .expect("rebuilt");
    assert_eq!(count(&state), before);
    drop(state);

    std::fs::write(search_dir.join("meta.json"), b"{ not json").expect("corrupt");
    let state = AppState::new(app.state.db.clone(), app.dir.path(), |_| {})
        .await
        .expect("rebuilt after corruption");
    assert_eq!(count(&state), before);
}

#[tokio::test]
async fn suggestions_complete_prefixes_and_searches_feed_trending() {
    let app = test_app(SMALL_WORLD).await;
    let note = app.get_json("/api/v1/notes/2").await;
    let topic = note["topics"][0].as_str().expect("topic").to_string();
    let prefix: String = topic.chars().take(1).collect();
    let suggestions = app
        .get_json(&format!("/api/v1/search/suggest?q={}", encode(&prefix)))
        .await;
    let list: Vec<String> = suggestions
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|v| v.as_str().map(str::to_lowercase))
        .collect();
    assert!(!list.is_empty() && list.len() <= 8, "{list:?}");
    assert!(
        list.iter().all(|s| s.starts_with(&prefix.to_lowercase())),
        "{list:?}"
    );
    app.expect_error("/api/v1/search/suggest?q=", 422, "search_query_empty")
        .await;

    // Trending is never empty, and a query many people run rises into it (one person's
    // searches are not enough: tests/it/abuse.rs).
    let before = app.get_json("/api/v1/search/trending").await;
    assert!(before.as_array().is_some_and(|t| !t.is_empty()));
    for _ in 0..60 {
        let res = app
            .request(
                axum::http::Method::GET,
                &format!("/api/v1/search/notes?q={}", encode(&topic)),
            )
            .client_ip(&common::unique_ip())
            .send()
            .await;
        assert_eq!(res.status, axum::http::StatusCode::OK);
    }
    let mut found = false;
    for _ in 0..20 {
        let trending = app.get_json("/api/v1/search/trending").await;
        if trending[0].as_str().map(str::to_lowercase) == Some(topic.to_lowercase()) {
            found = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(found, "{topic} should lead trending");
    // And it is suggested from then on.
    let suggested = app
        .get_json(&format!("/api/v1/search/suggest?q={}", encode(&topic)))
        .await;
    assert!(suggested.as_array().is_some_and(|s| !s.is_empty()));
}

/// User ids on a user-search page.
fn user_ids(page: &serde_json::Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|u| u["user"]["id"].as_i64())
        .collect()
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
