//! The shop catalogue: the seeded shop meets the brief, the product grid pages every product
//! exactly once in each order, product detail is consistent, and notes and products link
//! both ways.

use std::collections::HashSet;

use crate::common::{test_app, TestApp, SMALL_WORLD};
use serde_json::Value;

/// Every product id of a listing, following cursors to the end, checking the order by `key`
/// (then id) when the cards carry it.
async fn all_products(app: &TestApp, query: &str, key: Option<&str>, ascending: bool) -> Vec<i64> {
    let mut ids = Vec::new();
    let mut cursor: Option<String> = None;
    let mut last: Option<(i64, i64)> = None;
    loop {
        let mut uri = format!("/api/v1/products?limit=50{query}");
        if let Some(c) = &cursor {
            uri.push_str(&format!("&cursor={c}"));
        }
        let page = app.get_json(&uri).await;
        for item in page["items"].as_array().expect("items") {
            let id = item["id"].as_i64().expect("id");
            let Some(key) = key else {
                ids.push(id);
                continue;
            };
            let k = item[key].as_i64().unwrap_or(0);
            if let Some((lk, lid)) = last {
                let ordered = if ascending {
                    (k, id) > (lk, lid)
                } else {
                    (k, id) < (lk, lid)
                };
                assert!(ordered, "{query}: ({k}, {id}) after ({lk}, {lid})");
            }
            last = Some((k, id));
            ids.push(id);
        }
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    ids
}

#[tokio::test]
async fn the_seeded_shop_meets_the_brief() {
    let app = test_app(SMALL_WORLD).await;
    let db = &app.state.db;
    let brands: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM brands")
        .fetch_one(db)
        .await
        .expect("brands");
    let products: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM products")
        .fetch_one(db)
        .await
        .expect("products");
    assert!(brands >= 20, "{brands} brands");
    assert!(products >= 500, "{products} products");
    let categories = app.get_json("/api/v1/shop/categories").await;
    let slugs: Vec<&str> = categories
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|c| c["slug"].as_str())
        .collect();
    for wanted in ["beauty", "skincare", "fashion", "home", "food", "digital"] {
        assert!(slugs.contains(&wanted), "category {wanted} in {slugs:?}");
    }
    // Some variants sold out, some low, most in stock; every product has a variant.
    let (out, low, total): (i64, i64, i64) = sqlx::query_as(
        "SELECT SUM(stock = 0), SUM(stock BETWEEN 1 AND 5), COUNT(*) FROM product_variants",
    )
    .fetch_one(db)
    .await
    .expect("stock");
    assert!(
        out > 0 && low > 0 && out + low < total / 2,
        "{out} out, {low} low of {total}"
    );
    let bare: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM products p WHERE NOT EXISTS \
         (SELECT 1 FROM product_variants v WHERE v.product_id = p.id)",
    )
    .fetch_one(db)
    .await
    .expect("bare");
    assert_eq!(bare, 0, "products without variants");
    // The card price is the cheapest variant.
    let wrong: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM products p WHERE p.price_fen <> \
         (SELECT MIN(v.price_fen) FROM product_variants v WHERE v.product_id = p.id)",
    )
    .fetch_one(db)
    .await
    .expect("prices");
    assert_eq!(
        wrong, 0,
        "products whose price is not their cheapest variant"
    );
    let tagged: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT note_id) FROM note_products")
        .fetch_one(db)
        .await
        .expect("tags");
    assert!(tagged > 0, "some notes tag products");
}

#[tokio::test]
async fn the_grid_pages_every_product_once_in_each_order() {
    let app = test_app(SMALL_WORLD).await;
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM products")
        .fetch_one(&app.state.db)
        .await
        .expect("count");
    for (query, key, ascending) in [
        ("", Some("sales_count"), false),
        ("&sort=price_asc", Some("price_fen"), true),
        ("&sort=price_desc", Some("price_fen"), false),
        // Cards do not carry their date: count only.
        ("&sort=newest", None, false),
    ] {
        let ids = all_products(&app, query, key, ascending).await;
        assert_eq!(ids.len() as i64, total, "{query}");
        assert_eq!(
            ids.iter().collect::<HashSet<_>>().len(),
            ids.len(),
            "{query}: duplicates"
        );
    }
    // A category lists exactly its products.
    let beauty = all_products(&app, "&category=beauty", Some("sales_count"), false).await;
    let expected: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM products p JOIN product_categories c ON c.id = p.category_id \
         WHERE c.slug = 'beauty'",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("beauty");
    assert_eq!(beauty.len() as i64, expected);
    assert!(expected > 0);
}

#[tokio::test]
async fn bad_grid_input_gets_clear_errors() {
    let app = test_app(SMALL_WORLD).await;
    app.get("/api/v1/products?category=nope")
        .await
        .expect_error(404, "not_found", "unknown category");
    app.get("/api/v1/products?sort=cheapest")
        .await
        .expect_error(422, "invalid_request", "unknown sort");
    app.get("/api/v1/products?cursor=%%%")
        .await
        .expect_error(400, "invalid_cursor", "bad cursor");
    app.get("/api/v1/products?limit=0")
        .await
        .expect_error(422, "invalid_request", "limit 0");
    app.get("/api/v1/products/999999")
        .await
        .expect_error(404, "not_found", "unknown product");
    app.get("/api/v1/products/abc")
        .await
        .expect_error(400, "bad_request", "malformed id");
}

#[tokio::test]
async fn product_detail_is_consistent_and_notes_link_both_ways() {
    let app = test_app(SMALL_WORLD).await;
    let (note, product): (i64, i64) =
        sqlx::query_as("SELECT note_id, product_id FROM note_products ORDER BY note_id LIMIT 1")
            .fetch_one(&app.state.db)
            .await
            .expect("a tag");
    let detail = app.get_json(&format!("/api/v1/products/{product}")).await;
    let options = detail["options"].as_array().expect("options");
    let variants = detail["variants"].as_array().expect("variants");
    assert!(!variants.is_empty());
    let combos: usize = options
        .iter()
        .map(|o| o["values"].as_array().map_or(1, Vec::len))
        .product();
    assert_eq!(variants.len(), combos, "one variant per combination");
    let mut seen = HashSet::new();
    for v in variants {
        let values: Vec<i64> = v["values"]
            .as_array()
            .expect("values")
            .iter()
            .filter_map(Value::as_i64)
            .collect();
        assert_eq!(values.len(), options.len(), "a value per axis");
        for (axis, value) in values.iter().enumerate() {
            let n = options[axis]["values"].as_array().map_or(0, Vec::len) as i64;
            assert!(*value >= 0 && *value < n, "value index in range");
        }
        assert!(seen.insert(values), "combinations are unique");
        assert!(v["price_fen"].as_i64().unwrap_or(0) > 0);
        assert!(v["stock"].as_i64().unwrap_or(-1) >= 0);
        assert!(!v["sku"].as_str().unwrap_or("").is_empty());
    }
    let cheapest = variants
        .iter()
        .filter_map(|v| v["price_fen"].as_i64())
        .min()
        .expect("a price");
    assert_eq!(detail["price_fen"].as_i64(), Some(cheapest));
    assert!(!detail["images"].as_array().expect("images").is_empty());
    assert!(detail["note_count"].as_i64().unwrap_or(0) >= 1);

    // The note lists the product; the product's notes include the note.
    let shown = app.get_json(&format!("/api/v1/notes/{note}")).await;
    let products: Vec<i64> = shown["products"]
        .as_array()
        .expect("products")
        .iter()
        .filter_map(|p| p["id"].as_i64())
        .collect();
    assert!(products.contains(&product), "{products:?} has {product}");
    let notes = app
        .get_json(&format!("/api/v1/products/{product}/notes?limit=50"))
        .await;
    let ids: Vec<i64> = notes["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|n| n["id"].as_i64())
        .collect();
    assert!(ids.contains(&note), "{ids:?} has {note}");

    // Product images are served at the advertised sizes.
    let url = detail["images"][0]["url_template"]
        .as_str()
        .expect("template")
        .replace("{w}", "240");
    let res = app.get(&url).await;
    assert_eq!(res.status.as_u16(), 200);
    assert_eq!(res.header("content-type"), "image/jpeg");
}
