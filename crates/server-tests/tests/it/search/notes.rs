//! Note search: Chinese words inside longer text, English stemming, new notes searchable
//! within a second, sorts and filters, pages that do not overlap.

use crate::common;

use std::collections::HashSet;
use std::time::Instant;

use super::*;
use crate::common::{test_app, SMALL_WORLD};
use zhongcao_server::AppState;

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

/// Inserts a note by hand (no checks, no limits) and indexes it; returns its id.
async fn insert_indexed_note(state: &AppState, title: &str, body: &str) -> i64 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .expect("clock");
    let id = sqlx::query_scalar(
        "INSERT INTO notes (author_id, channel_id, kind, title, body, cover_image_id, score, created_at) \
         VALUES (1, 1, 'image', $1, $2, 1, 0, $3) RETURNING id",
    )
    .bind(title)
    .bind(body)
    .bind(now)
    .fetch_one(&state.db)
    .await
    .expect("insert note");
    state.search.index_note(&state.db, id).await.expect("index");
    id
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

    let id = insert_indexed_note(&app.state, "防晒霜推荐｜夏天必备", "通勤党的防晒清单").await;
    let page = app
        .get_json(&format!("/api/v1/search/notes?q={}", encode("防晒")))
        .await;
    assert!(ids(&page).contains(&id), "防晒 should find 防晒霜推荐");
}

#[tokio::test]
async fn new_notes_are_searchable_within_a_second_and_english_is_stemmed() {
    let app = test_app(SMALL_WORLD).await;
    let started = Instant::now();
    let id =
        insert_indexed_note(&app.state, "Zebracorn morning run", "I run along the river").await;
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
