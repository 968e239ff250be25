//! Product search: by name, brand and English words; edits are searchable.

use std::time::Instant;

use super::*;
use crate::common::{test_app, SMALL_WORLD};

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
