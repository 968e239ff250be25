//! Guests, and the cart: lines, variant labels, bounds, merging a browser cart and previews.

use super::*;

// ---- Guests ----

#[tokio::test]
async fn guests_must_sign_in_except_to_preview() {
    let app = test_app(SMALL_WORLD).await;
    let a = item(&app, false, 0, 5_000, 3).await;
    let line = json!({"variant_id": a.id, "quantity": 1});
    for (method, uri, body) in [
        (Method::GET, "/api/v1/cart", None),
        (Method::POST, "/api/v1/cart/items", Some(line.clone())),
        (
            Method::PUT,
            "/api/v1/cart/items/1",
            Some(json!({"quantity": 1})),
        ),
        (Method::DELETE, "/api/v1/cart/items/1", None),
        (
            Method::POST,
            "/api/v1/cart/merge",
            Some(json!({"items": [line]})),
        ),
        (Method::GET, "/api/v1/addresses", None),
        (Method::POST, "/api/v1/addresses", Some(valid_address())),
        (Method::PUT, "/api/v1/addresses/1", Some(valid_address())),
        (Method::DELETE, "/api/v1/addresses/1", None),
        (Method::POST, "/api/v1/checkout/quote", Some(json!({}))),
        (Method::POST, "/api/v1/orders", Some(order_body(1, None))),
        (Method::GET, "/api/v1/orders", None),
        (Method::GET, "/api/v1/orders/1", None),
        (Method::POST, "/api/v1/orders/1/cancel", None),
        (Method::GET, "/api/v1/creator/earnings", None),
    ] {
        let what = format!("{method} {uri} as a guest");
        call(&app, method, uri, None, body)
            .await
            .expect_error(401, "unauthorized", &what);
    }
    // Preview prices a browser cart for anyone, and stores nothing.
    let res = call(
        &app,
        Method::POST,
        "/api/v1/cart/preview",
        None,
        Some(json!({"items": [line]})),
    )
    .await;
    let preview: Cart = parse(&res, 200, "preview");
    assert_eq!(preview.lines.len(), 1);
    assert_eq!(preview.subtotal_fen, 5_000);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM cart_items").await, 0);
    // The new routes are documented.
    let doc = app.get_json("/api/openapi.json").await;
    for path in [
        "/api/v1/cart",
        "/api/v1/cart/items/{variant_id}",
        "/api/v1/cart/preview",
        "/api/v1/addresses/{id}",
        "/api/v1/checkout/quote",
        "/api/v1/orders",
        "/api/v1/orders/{id}/cancel",
        "/api/v1/creator/earnings",
    ] {
        assert!(doc["paths"][path].is_object(), "openapi lacks {path}");
    }
}

// ---- Cart ----

#[tokio::test]
async fn the_cart_adds_sets_and_removes_lines_priced_by_the_server() {
    let app = test_app(SMALL_WORLD).await;
    let me = new_buyer(&app).await;
    let a = item(&app, false, 0, 2_990, 30).await;
    let b = item(&app, true, 0, 12_900, 4).await;

    let c: Cart = parse(&add(&app, &me, a.id, 2).await, 200, "add a");
    assert_eq!(c.lines.len(), 1);
    assert_eq!((c.item_count, c.subtotal_fen), (2, 5_980));
    assert_eq!(c.free_shipping_remaining_fen, FREE_SHIPPING_FEN - 5_980);
    let c: Cart = parse(&add(&app, &me, a.id, 3).await, 200, "add a again");
    assert_eq!(c.lines[0].quantity, 5, "adds to the line");
    let c: Cart = parse(&add(&app, &me, b.id, 1).await, 200, "add b");
    let order: Vec<i64> = c.lines.iter().map(|l| l.variant_id).collect();
    assert_eq!(order, [b.id, a.id], "newest first");
    assert!(c.lines[0].cross_border && !c.lines[1].cross_border);
    assert_eq!(c.subtotal_fen, 5 * 2_990 + 12_900);
    assert_eq!(c.free_shipping_remaining_fen, 0);
    assert_eq!(c.lines[0].unit_price_fen, 12_900);
    assert_eq!(c.lines[0].stock, 4);
    assert!(
        !c.lines[0].image.url_template.is_empty(),
        "the product cover"
    );

    // Prices are read now: a price change shows in the next answer.
    set_variant(&app, a.id, 3_100, 30).await;
    assert_eq!(cart(&app, &me).await.lines[1].unit_price_fen, 3_100);

    // Quantities: 1..=20, capped per line, never beyond stock.
    for bad in [0, -1, 21] {
        add(&app, &me, a.id, bad)
            .await
            .expect_error(422, "validation", "quantity out of range");
    }
    let c: Cart = parse(&add(&app, &me, a.id, 20).await, 200, "add beyond 20");
    assert_eq!(
        c.lines[0].variant_id, a.id,
        "an add makes the line the newest"
    );
    assert_eq!(c.lines[0].quantity, 20);
    let body = add(&app, &me, b.id, 4)
        .await
        .expect_error(409, "out_of_stock", "more than stock");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("Only 4 left"),
        "{body}"
    );
    set_variant(&app, b.id, 12_900, 0).await;
    add(&app, &me, b.id, 1)
        .await
        .expect_error(409, "sold_out", "sold out");
    add(&app, &me, 99_999_999, 1)
        .await
        .expect_error(404, "not_found", "unknown variant");

    // A sold-out line stays in the cart but leaves the subtotal.
    let c = cart(&app, &me).await;
    assert_eq!(c.item_count, 21);
    assert_eq!(c.subtotal_fen, 20 * 3_100);

    // Set.
    let put = |v: i64, q: i64| set_quantity(&app, &me, v, q);
    let c: Cart = parse(&put(a.id, 4).await, 200, "set a");
    let quantity = |c: &Cart, v: i64| {
        c.lines
            .iter()
            .find(|l| l.variant_id == v)
            .map(|l| l.quantity)
    };
    assert_eq!(quantity(&c, a.id), Some(4));
    put(a.id, 0).await.expect_error(422, "validation", "set 0");
    put(a.id, 31)
        .await
        .expect_error(422, "validation", "set 31");
    set_variant(&app, a.id, 3_100, 3).await;
    let body = put(a.id, 5)
        .await
        .expect_error(409, "out_of_stock", "set beyond stock");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap_or("")
        .contains("Only 3 left"));
    let other = item(&app, false, 1, 1_000, 10).await;
    put(other.id, 1)
        .await
        .expect_error(404, "not_found", "set a line not in the cart");

    // Remove, idempotently.
    let del = || remove(&app, &me, b.id);
    let c: Cart = parse(&del().await, 200, "remove b");
    assert_eq!(c.lines.len(), 1);
    let c: Cart = parse(&del().await, 200, "remove b again");
    assert_eq!(c.lines.len(), 1);

    // Someone else's cart is their own.
    let you = new_buyer(&app).await;
    assert!(cart(&app, &you).await.lines.is_empty());
}

#[tokio::test]
async fn variant_labels_follow_the_option_axes() {
    let app = test_app(SMALL_WORLD).await;
    let me = new_buyer(&app).await;
    let two_axes: i64 = sqlx::query_scalar(
        "SELECT v.id FROM product_variants v WHERE v.option2 IS NOT NULL ORDER BY v.id LIMIT 1",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("a variant with two axes");
    let plain: i64 = sqlx::query_scalar(
        "SELECT v.id FROM product_variants v WHERE v.option1 IS NULL ORDER BY v.id LIMIT 1",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("a variant without options");
    for v in [two_axes, plain] {
        set_variant(&app, v, 1_000, 10).await;
        parse::<Cart>(&add(&app, &me, v, 1).await, 200, "add");
    }
    let c = cart(&app, &me).await;
    let line = c
        .lines
        .iter()
        .find(|l| l.variant_id == two_axes)
        .expect("line");
    let product = app
        .get_json(&format!("/api/v1/products/{}", line.product_id))
        .await;
    let variant = product["variants"]
        .as_array()
        .and_then(|vs| vs.iter().find(|v| v["id"] == two_axes))
        .expect("variant in product");
    let value = |axis: usize, key: &str| {
        let idx = variant["values"][axis].as_u64().expect("index") as usize;
        product["options"][axis]["values"][idx][key]
            .as_str()
            .expect("value")
            .to_string()
    };
    assert_eq!(
        line.variant_label,
        format!("{} · {}", value(0, "value"), value(1, "value"))
    );
    assert_eq!(
        line.variant_label_en,
        format!("{} · {}", value(0, "value_en"), value(1, "value_en"))
    );
    assert_eq!(line.title, product["title"].as_str().unwrap_or_default());
    let plain_line = c
        .lines
        .iter()
        .find(|l| l.variant_id == plain)
        .expect("plain");
    assert_eq!(plain_line.variant_label, "");
}

#[tokio::test]
async fn the_cart_keeps_only_notes_that_tag_the_product_and_is_bounded() {
    let app = test_app(SMALL_WORLD).await;
    let me = new_buyer(&app).await;
    let (note, product): (i64, i64) =
        sqlx::query_as("SELECT note_id, product_id FROM note_products ORDER BY note_id LIMIT 1")
            .fetch_one(&app.state.db)
            .await
            .expect("a tag");
    let other_note: i64 = sqlx::query_scalar(
        "SELECT id FROM notes WHERE id NOT IN (SELECT note_id FROM note_products WHERE product_id = $1) LIMIT 1",
    )
    .bind(product)
    .fetch_one(&app.state.db)
    .await
    .expect("an unrelated note");
    let variant: i64 =
        sqlx::query_scalar("SELECT MIN(id) FROM product_variants WHERE product_id = $1")
            .bind(product)
            .fetch_one(&app.state.db)
            .await
            .expect("variant");
    set_variant(&app, variant, 1_000, 20).await;

    let c: Cart = parse(
        &add_from(&app, &me, variant, 1, Some(other_note)).await,
        200,
        "add",
    );
    assert_eq!(
        c.lines[0].from_note, None,
        "a note that does not tag it is dropped"
    );
    let c: Cart = parse(
        &add_from(&app, &me, variant, 1, Some(note)).await,
        200,
        "add",
    );
    assert_eq!(
        c.lines[0].from_note,
        Some(note),
        "a later valid note is kept"
    );
    let c: Cart = parse(
        &add_from(&app, &me, variant, 1, Some(other_note)).await,
        200,
        "add",
    );
    assert_eq!(
        c.lines[0].from_note,
        Some(note),
        "an invalid note does not clear it"
    );

    // At most MAX_CART_LINES lines.
    sqlx::query(
        "INSERT INTO cart_items (user_id, variant_id, quantity, seq, added_at) \
         SELECT $1, id, 1, id, 0 FROM product_variants WHERE id <> $2 AND stock > 0 ORDER BY id LIMIT $3",
    )
    .bind(me.id)
    .bind(variant)
    .bind(MAX_CART_LINES as i64 - 1)
    .execute(&app.state.db)
    .await
    .expect("fill the cart");
    assert_eq!(cart(&app, &me).await.lines.len(), MAX_CART_LINES);
    let spare: i64 = sqlx::query_scalar(
        "SELECT MAX(id) FROM product_variants WHERE id NOT IN (SELECT variant_id FROM cart_items)",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("spare");
    set_variant(&app, spare, 1_000, 5).await;
    add(&app, &me, spare, 1)
        .await
        .expect_error(422, "cart_full", "cart full");
    // Adding to a line already there is fine.
    parse::<Cart>(
        &add(&app, &me, variant, 1).await,
        200,
        "add to an existing line",
    );
}

#[tokio::test]
async fn merge_fits_a_browser_cart_in_and_preview_stores_nothing() {
    let app = test_app(SMALL_WORLD).await;
    let me = new_buyer(&app).await;
    let a = item(&app, false, 0, 1_000, 50).await;
    let low = item(&app, false, 1, 2_000, 3).await;
    let gone = item(&app, false, 2, 3_000, 0).await;
    let mine = item(&app, false, 3, 4_000, 50).await;
    parse::<Cart>(&add(&app, &me, mine.id, 2).await, 200, "own line");
    parse::<Cart>(&add(&app, &me, a.id, 15).await, 200, "own line a");

    let guest = json!({"items": [
        {"variant_id": low.id, "quantity": 5},
        {"variant_id": a.id, "quantity": 10},
        {"variant_id": gone.id, "quantity": 1},
        {"variant_id": 99_999_999, "quantity": 1},
    ]});
    let c: Cart = parse(
        &call(
            &app,
            Method::POST,
            "/api/v1/cart/merge",
            Some(&me),
            Some(guest.clone()),
        )
        .await,
        200,
        "merge",
    );
    let got: Vec<(i64, i64)> = c.lines.iter().map(|l| (l.variant_id, l.quantity)).collect();
    // The browser's lines come first in its order; clamped to stock (3) and to 20 per line.
    assert_eq!(got, [(low.id, 3), (a.id, 20), (mine.id, 2)]);
    assert!(c.lines.iter().all(|l| l.available()));

    // Preview: priced, unknown left out, quantities 1..=20 but not trimmed to stock.
    let before = count(&app, "SELECT COUNT(*) FROM cart_items").await;
    let preview: Cart = parse(
        &call(
            &app,
            Method::POST,
            "/api/v1/cart/preview",
            None,
            Some(json!({"items": [
                {"variant_id": low.id, "quantity": 5},
                {"variant_id": a.id, "quantity": 30},
                {"variant_id": 99_999_999, "quantity": 1},
            ]})),
        )
        .await,
        200,
        "preview",
    );
    let got: Vec<(i64, i64, bool)> = preview
        .lines
        .iter()
        .map(|l| (l.variant_id, l.quantity, l.available()))
        .collect();
    assert_eq!(got, [(low.id, 5, false), (a.id, 20, true)]);
    assert_eq!(
        preview.subtotal_fen,
        20 * 1_000,
        "only available lines count"
    );
    assert_eq!(preview.item_count, 25);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM cart_items").await, before);
}
