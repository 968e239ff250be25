//! Suggestions complete prefixes; searches feed the trending list.

use crate::common;

use super::*;
use crate::common::{test_app, SMALL_WORLD};

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
