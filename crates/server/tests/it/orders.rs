//! Cart, addresses, checkout quotes, order placement (prices, stock, idempotency, declines,
//! concurrency), cancelling, the carrier timeline and creator commission, through the HTTP API
//! (tower `oneshot`, one seeded app per test). Responses are parsed into the shared DTOs, so
//! the contract the web client codes against is checked too.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::common::{parse, test_app, TestApp, TestResponse, SMALL_WORLD};
use api_types::{
    Address, Cart, CheckoutQuote, CommissionState, Earnings, OrderDetail, OrderPage, OrderStatus,
    FREE_SHIPPING_FEN, MAX_ADDRESSES, MAX_CART_LINES, TEST_CARD_DECLINE, TEST_CARD_INSUFFICIENT,
    TEST_CARD_SUCCESS,
};
use axum::http::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use zhongcao_server::auth::{token_hash, SESSION_COOKIE};
use zhongcao_server::{now_unix, utc_date, CommerceConfig};

// ---- Helpers ----

/// A signed-in user: id and `zc_session=…` cookie.
#[derive(Clone, Debug)]
struct Buyer {
    id: i64,
    cookie: String,
}

static NEXT: AtomicU64 = AtomicU64::new(1);

/// A session for `user`, inserted directly (signing in costs an argon2 hash per user).
async fn session(app: &TestApp, user: i64) -> Buyer {
    let token = format!("test-{user}-{}", NEXT.fetch_add(1, Ordering::Relaxed));
    let now = now_unix();
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
    )
    .bind(token_hash(&token))
    .bind(user)
    .bind(now)
    .bind(now + 3_600)
    .execute(&app.state.db)
    .await
    .expect("session");
    Buyer {
        id: user,
        cookie: format!("{SESSION_COOKIE}={token}"),
    }
}

/// A fresh account with a session (inserted directly; see [`session`]).
async fn new_buyer(app: &TestApp) -> Buyer {
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (username, display_name, avatar_image_id, created_at) \
         VALUES (?, ?, (SELECT MIN(avatar_image_id) FROM users), 0) RETURNING id",
    )
    .bind(format!("buyer_{n}"))
    .bind(format!("Buyer {n}"))
    .fetch_one(&app.state.db)
    .await
    .expect("user");
    session(app, id).await
}

async fn call(
    app: &TestApp,
    method: Method,
    uri: &str,
    who: Option<&Buyer>,
    body: Option<Value>,
) -> TestResponse {
    let req = app
        .request(method, uri)
        .maybe_cookie(who.map(|b| b.cookie.as_str()));
    match body {
        Some(body) => req.json(&body).send().await,
        None => req.send().await,
    }
}

async fn get<T: DeserializeOwned>(app: &TestApp, uri: &str, who: &Buyer) -> T {
    parse(
        &call(app, Method::GET, uri, Some(who), None).await,
        200,
        uri,
    )
}

async fn cart(app: &TestApp, who: &Buyer) -> Cart {
    get(app, "/api/v1/cart", who).await
}

async fn add(app: &TestApp, who: &Buyer, variant: i64, quantity: i64) -> TestResponse {
    add_from(app, who, variant, quantity, None).await
}

async fn add_from(
    app: &TestApp,
    who: &Buyer,
    variant: i64,
    quantity: i64,
    note: Option<i64>,
) -> TestResponse {
    call(
        app,
        Method::POST,
        "/api/v1/cart/items",
        Some(who),
        Some(json!({"variant_id": variant, "quantity": quantity, "from_note": note})),
    )
    .await
}

async fn set_quantity(app: &TestApp, who: &Buyer, variant: i64, quantity: i64) -> TestResponse {
    let uri = format!("/api/v1/cart/items/{variant}");
    let body = json!({ "quantity": quantity });
    call(app, Method::PUT, &uri, Some(who), Some(body)).await
}

async fn remove(app: &TestApp, who: &Buyer, variant: i64) -> TestResponse {
    let uri = format!("/api/v1/cart/items/{variant}");
    call(app, Method::DELETE, &uri, Some(who), None).await
}

/// A variant picked for a test, with its price and stock set to known values.
#[derive(Clone, Copy, Debug)]
struct Item {
    id: i64,
    product: i64,
    price: i64,
}

/// The `nth` variant of a domestic (or cross-border) brand, set to `price` and `stock`.
async fn item(app: &TestApp, cross_border: bool, nth: i64, price: i64, stock: i64) -> Item {
    let (id, product): (i64, i64) = sqlx::query_as(
        "SELECT v.id, v.product_id FROM product_variants v JOIN products p ON p.id = v.product_id \
         JOIN brands b ON b.id = p.brand_id WHERE b.cross_border = ? \
         ORDER BY v.id LIMIT 1 OFFSET ?",
    )
    .bind(cross_border)
    .bind(nth * 7) // spread over products
    .fetch_one(&app.state.db)
    .await
    .expect("a variant");
    set_variant(app, id, price, stock).await;
    Item { id, product, price }
}

async fn set_variant(app: &TestApp, id: i64, price: i64, stock: i64) {
    sqlx::query("UPDATE product_variants SET price_fen = ?, stock = ? WHERE id = ?")
        .bind(price)
        .bind(stock)
        .bind(id)
        .execute(&app.state.db)
        .await
        .expect("set variant");
}

async fn stock(app: &TestApp, variant: i64) -> i64 {
    sqlx::query_scalar("SELECT stock FROM product_variants WHERE id = ?")
        .bind(variant)
        .fetch_one(&app.state.db)
        .await
        .expect("stock")
}

async fn sales(app: &TestApp, product: i64) -> i64 {
    sqlx::query_scalar("SELECT sales_count FROM products WHERE id = ?")
        .bind(product)
        .fetch_one(&app.state.db)
        .await
        .expect("sales")
}

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.state.db)
        .await
        .expect("count")
}

fn valid_address() -> Value {
    json!({
        "recipient": " 林小满 ",
        "phone": "138 0013 8000",
        "province": "上海市",
        "city": "上海市",
        "district": "静安区",
        "detail": "南京西路 1266 号 12 楼",
    })
}

async fn add_address(app: &TestApp, who: &Buyer, extra: Value) -> Address {
    let mut body = valid_address();
    if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
        body.extend(extra.clone());
    }
    let res = call(
        app,
        Method::POST,
        "/api/v1/addresses",
        Some(who),
        Some(body),
    )
    .await;
    parse(&res, 201, "create address")
}

/// A card expiry two years ahead.
fn expiry() -> String {
    let (year, month, _) = utc_date(now_unix());
    format!("{month:02}/{:02}", (year + 2) % 100)
}

fn card(number: &str) -> Value {
    json!({"card_number": number, "expiry": expiry(), "cvc": "123"})
}

/// An order body paying with the success card; `items: None` buys the cart.
fn order_body(address: i64, items: Option<Value>) -> Value {
    json!({
        "items": items,
        "address_id": address,
        "shipping": "standard",
        "payment": card(TEST_CARD_SUCCESS),
    })
}

fn buy_now(variant: i64, quantity: i64) -> Option<Value> {
    Some(json!([{"variant_id": variant, "quantity": quantity}]))
}

fn new_key() -> String {
    format!("key-{:08}", NEXT.fetch_add(1, Ordering::Relaxed))
}

async fn place(app: &TestApp, who: &Buyer, key: &str, body: &Value) -> TestResponse {
    app.request(Method::POST, "/api/v1/orders")
        .cookie(&who.cookie)
        .header("idempotency-key", key)
        .json(body)
        .send()
        .await
}

/// Places an order that must succeed.
async fn place_ok(app: &TestApp, who: &Buyer, body: &Value) -> OrderDetail {
    let res = place(app, who, &new_key(), body).await;
    parse(&res, 201, "place order")
}

/// Moves an order's payment back in time, as if the carrier had had `secs` to work.
async fn backdate(app: &TestApp, order: i64, secs: i64) {
    sqlx::query(
        "UPDATE orders SET paid_at = paid_at - ?1, created_at = created_at - ?1 WHERE id = ?2",
    )
    .bind(secs)
    .bind(order)
    .execute(&app.state.db)
    .await
    .expect("backdate");
}

fn statuses(order: &OrderDetail) -> Vec<(OrderStatus, bool)> {
    order.timeline.iter().map(|s| (s.status, s.done)).collect()
}

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
        "SELECT id FROM notes WHERE id NOT IN (SELECT note_id FROM note_products WHERE product_id = ?) LIMIT 1",
    )
    .bind(product)
    .fetch_one(&app.state.db)
    .await
    .expect("an unrelated note");
    let variant: i64 =
        sqlx::query_scalar("SELECT MIN(id) FROM product_variants WHERE product_id = ?")
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
         SELECT ?, id, 1, id, 0 FROM product_variants WHERE id <> ? AND stock > 0 ORDER BY id LIMIT ?",
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
        .expect_error(422, "validation", "cart full");
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

// ---- Addresses ----

#[tokio::test]
async fn addresses_are_validated_and_keep_one_default() {
    let app = test_app(SMALL_WORLD).await;
    let me = new_buyer(&app).await;
    let res = call(
        &app,
        Method::POST,
        "/api/v1/addresses",
        Some(&me),
        Some(
            json!({"recipient": " ", "phone": "12345", "province": "上海市", "city": "上海市",
                    "district": "静安区", "detail": "1号"}),
        ),
    )
    .await;
    let body = res.expect_error(422, "validation", "invalid address");
    let fields: Vec<&str> = body["error"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(fields, ["recipient", "phone", "detail"]);

    let first = add_address(&app, &me, json!({})).await;
    assert!(first.is_default, "the first address is the default");
    assert_eq!(first.phone, "13800138000");
    assert_eq!(first.recipient, "林小满", "trimmed");
    let second = add_address(&app, &me, json!({"recipient": "王二"})).await;
    assert!(!second.is_default);
    let third = add_address(&app, &me, json!({"recipient": "张三", "is_default": true})).await;
    assert!(third.is_default);
    let list: Vec<Address> = get(&app, "/api/v1/addresses", &me).await;
    let ids: Vec<(i64, bool)> = list.iter().map(|a| (a.id, a.is_default)).collect();
    assert_eq!(
        ids,
        [(third.id, true), (second.id, false), (first.id, false)]
    );

    // Edit, and move the default with it.
    let mut edit = valid_address();
    edit["recipient"] = json!("李四");
    edit["is_default"] = json!(true);
    let res = call(
        &app,
        Method::PUT,
        &format!("/api/v1/addresses/{}", first.id),
        Some(&me),
        Some(edit.clone()),
    )
    .await;
    let edited: Address = parse(&res, 200, "edit");
    assert_eq!(
        (edited.recipient.as_str(), edited.is_default),
        ("李四", true)
    );
    let defaults = count(&app, "SELECT COUNT(*) FROM addresses WHERE is_default = 1").await;
    assert_eq!(defaults, 1);

    // Someone else's address does not exist for me.
    let you = new_buyer(&app).await;
    let uri = format!("/api/v1/addresses/{}", first.id);
    call(&app, Method::PUT, &uri, Some(&you), Some(edit))
        .await
        .expect_error(404, "not_found", "edit another's address");
    call(&app, Method::DELETE, &uri, Some(&you), None)
        .await
        .expect_error(404, "not_found", "delete another's address");
    assert!(get::<Vec<Address>>(&app, "/api/v1/addresses", &you)
        .await
        .is_empty());

    // Deleting the default promotes the newest remaining address.
    let res = call(&app, Method::DELETE, &uri, Some(&me), None).await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    let list: Vec<Address> = get(&app, "/api/v1/addresses", &me).await;
    let ids: Vec<(i64, bool)> = list.iter().map(|a| (a.id, a.is_default)).collect();
    assert_eq!(ids, [(third.id, true), (second.id, false)]);

    // At most MAX_ADDRESSES.
    for _ in list.len()..MAX_ADDRESSES {
        add_address(&app, &me, json!({})).await;
    }
    call(
        &app,
        Method::POST,
        "/api/v1/addresses",
        Some(&me),
        Some(valid_address()),
    )
    .await
    .expect_error(422, "validation", "too many addresses");
}

// ---- Quotes ----

async fn quote(app: &TestApp, who: &Buyer, items: Option<Value>) -> TestResponse {
    call(
        app,
        Method::POST,
        "/api/v1/checkout/quote",
        Some(who),
        Some(json!({"items": items})),
    )
    .await
}

fn fees(q: &CheckoutQuote) -> Vec<(i64, i64, i64)> {
    q.shipping
        .iter()
        .map(|s| (s.fee_fen, s.min_days, s.max_days))
        .collect()
}

#[tokio::test]
async fn quotes_price_shipping_for_what_is_bought() {
    let app = test_app(SMALL_WORLD).await;
    let me = new_buyer(&app).await;
    let home = item(&app, false, 0, 4_900, 50).await;
    let imported = item(&app, true, 0, 10_000, 50).await;
    let short = item(&app, false, 1, 1_000, 1).await;

    quote(&app, &me, None)
        .await
        .expect_error(422, "validation", "empty cart");

    // Domestic under ¥99: standard ¥8; express ¥18.
    let q: CheckoutQuote = parse(
        &quote(&app, &me, buy_now(home.id, 2)).await,
        200,
        "under 99",
    );
    assert_eq!(q.subtotal_fen, 9_800);
    assert_eq!(fees(&q), [(800, 2, 4), (1_800, 1, 2)]);
    assert_eq!(q.shipping[0].name, "标准快递");
    assert_eq!(q.shipping[1].name_en, "Express");
    assert!(!q.cross_border);
    // From ¥99 standard is free; express never is.
    let q: CheckoutQuote = parse(&quote(&app, &me, buy_now(home.id, 3)).await, 200, "over 99");
    assert_eq!(fees(&q), [(0, 2, 4), (1_800, 1, 2)]);
    // Imported only: the bonded-warehouse fee on both, slower.
    let q: CheckoutQuote = parse(&quote(&app, &me, buy_now(imported.id, 1)).await, 200, "cb");
    assert!(q.cross_border);
    assert_eq!(fees(&q), [(1_200, 5, 9), (3_000, 3, 6)]);
    let q: CheckoutQuote = parse(
        &quote(&app, &me, buy_now(imported.id, 2)).await,
        200,
        "cb 199",
    );
    assert_eq!(fees(&q), [(0, 5, 9), (1_800, 3, 6)]);
    // Mixed: the domestic part pays standard under ¥99 plus the bonded fee.
    let mixed = Some(json!([
        {"variant_id": home.id, "quantity": 1},
        {"variant_id": imported.id, "quantity": 1},
    ]));
    let q: CheckoutQuote = parse(&quote(&app, &me, mixed).await, 200, "mixed");
    assert_eq!(fees(&q), [(2_000, 5, 9), (3_000, 3, 6)]);

    // Buy now: unknown 404, beyond stock 409, bad quantity 422.
    quote(&app, &me, buy_now(99_999_999, 1))
        .await
        .expect_error(404, "not_found", "unknown");
    quote(&app, &me, buy_now(short.id, 2))
        .await
        .expect_error(409, "out_of_stock", "beyond stock");
    quote(&app, &me, buy_now(home.id, 0))
        .await
        .expect_error(422, "validation", "zero");

    // The cart: available lines are quoted, the rest listed as unavailable.
    parse::<Cart>(&add(&app, &me, home.id, 1).await, 200, "add");
    parse::<Cart>(&add(&app, &me, short.id, 1).await, 200, "add");
    set_variant(&app, short.id, 1_000, 0).await;
    let q: CheckoutQuote = parse(&quote(&app, &me, None).await, 200, "cart");
    assert_eq!(q.lines.len(), 1);
    assert_eq!(q.lines[0].variant_id, home.id);
    assert_eq!(q.unavailable.len(), 1);
    assert_eq!(q.unavailable[0].variant_id, short.id);
    assert_eq!(q.subtotal_fen, 4_900);
}

// ---- Placing orders ----

#[tokio::test]
async fn an_order_from_the_cart_buys_the_available_lines_at_server_prices() {
    let app = test_app(SMALL_WORLD).await;
    let me = new_buyer(&app).await;
    let address = add_address(&app, &me, json!({})).await;
    let a = item(&app, false, 0, 3_300, 10).await;
    let b = item(&app, false, 1, 1_250, 10).await;
    let gone = item(&app, false, 2, 999, 5).await;
    for (v, q) in [(a.id, 2), (b.id, 1), (gone.id, 1)] {
        parse::<Cart>(&add(&app, &me, v, q).await, 200, "add");
    }
    set_variant(&app, gone.id, 999, 0).await;
    let sales_before = sales(&app, a.product).await;

    // Extra fields claiming other prices are not read.
    let mut body = order_body(address.id, None);
    body["total_fen"] = json!(1);
    body["subtotal_fen"] = json!(1);
    let order = place_ok(&app, &me, &body).await;
    assert_eq!(order.subtotal_fen, 2 * 3_300 + 1_250);
    assert_eq!(order.shipping_fen, 800);
    assert_eq!(order.total_fen, order.subtotal_fen + 800);
    assert_eq!(order.status, OrderStatus::Paid);
    assert!(order.cancellable);
    assert_eq!(order.card_last4, "4242");
    assert_eq!(order.address.phone, "13800138000");
    assert_eq!(order.shipping.name_en, "Standard");
    let (year, month, day) = utc_date(now_unix());
    assert_eq!(
        order.number,
        format!("ZC{:02}{month:02}{day:02}{:07}", year % 100, order.id)
    );
    let bought: Vec<(i64, i64, i64)> = order
        .lines
        .iter()
        .map(|l| (l.variant_id, l.quantity, l.unit_price_fen))
        .collect();
    assert_eq!(
        bought,
        [(b.id, 1, 1_250), (a.id, 2, 3_300)],
        "cart order, newest first"
    );

    // Bought lines left the cart; the sold-out one stayed. Stock and sales moved.
    let c = cart(&app, &me).await;
    assert_eq!(
        c.lines.iter().map(|l| l.variant_id).collect::<Vec<_>>(),
        [gone.id]
    );
    assert_eq!((stock(&app, a.id).await, stock(&app, b.id).await), (8, 9));
    assert_eq!(sales(&app, a.product).await, sales_before + 2);

    // The order is listed and readable by its buyer only.
    let page: OrderPage = get(&app, "/api/v1/orders", &me).await;
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].id, order.id);
    assert_eq!(page.items[0].item_count, 3);
    assert_eq!(page.items[0].total_fen, order.total_fen);
    assert_eq!(page.items[0].images.len(), 2);
    let again: OrderDetail = get(&app, &format!("/api/v1/orders/{}", order.id), &me).await;
    assert_eq!(again, order);
    let you = new_buyer(&app).await;
    for (method, uri) in [
        (Method::GET, format!("/api/v1/orders/{}", order.id)),
        (Method::POST, format!("/api/v1/orders/{}/cancel", order.id)),
    ] {
        call(&app, method, &uri, Some(&you), None)
            .await
            .expect_error(404, "not_found", "another's order");
    }
    assert!(get::<OrderPage>(&app, "/api/v1/orders", &you)
        .await
        .items
        .is_empty());

    // Nothing left to buy: an empty cart is refused.
    call(
        &app,
        Method::DELETE,
        &format!("/api/v1/cart/items/{}", gone.id),
        Some(&me),
        None,
    )
    .await;
    place(&app, &me, &new_key(), &order_body(address.id, None))
        .await
        .expect_error(422, "validation", "empty cart");
}

#[tokio::test]
async fn tampered_prices_are_ignored_and_a_changed_total_is_refused() {
    let app = test_app(SMALL_WORLD).await;
    let me = new_buyer(&app).await;
    let address = add_address(&app, &me, json!({})).await;
    let a = item(&app, false, 0, 12_000, 10).await;

    let mut body = order_body(
        address.id,
        Some(json!([{"variant_id": a.id, "quantity": 1, "unit_price_fen": 1}])),
    );
    body["total_fen"] = json!(1);
    let order = place_ok(&app, &me, &body).await;
    assert_eq!(order.lines[0].unit_price_fen, 12_000);
    assert_eq!(order.total_fen, 12_000, "free shipping over ¥99");

    // The buyer reviewed ¥120; the price went up since.
    set_variant(&app, a.id, 13_000, 9).await;
    let mut body = order_body(address.id, buy_now(a.id, 1));
    body["expected_total_fen"] = json!(12_000);
    let orders_before = count(&app, "SELECT COUNT(*) FROM orders").await;
    let res = place(&app, &me, &new_key(), &body).await;
    let err = res.expect_error(409, "price_changed", "changed total");
    assert!(err["error"]["message"]
        .as_str()
        .unwrap_or("")
        .contains("¥130"));
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM orders").await,
        orders_before
    );
    assert_eq!(stock(&app, a.id).await, 9, "nothing reserved");
    // With the right total it goes through.
    body["expected_total_fen"] = json!(13_000);
    let order = place_ok(&app, &me, &body).await;
    assert_eq!(order.total_fen, 13_000);
    assert_eq!(stock(&app, a.id).await, 8);
}

#[tokio::test]
async fn idempotency_keys_make_retries_safe() {
    let app = test_app(SMALL_WORLD).await;
    let me = new_buyer(&app).await;
    let address = add_address(&app, &me, json!({})).await;
    let a = item(&app, false, 0, 5_000, 10).await;
    let body = order_body(address.id, buy_now(a.id, 2));
    let key = new_key();

    let first: OrderDetail = parse(&place(&app, &me, &key, &body).await, 201, "first");
    let again: OrderDetail = parse(&place(&app, &me, &key, &body).await, 200, "replay");
    assert_eq!(again.id, first.id);
    assert_eq!(stock(&app, a.id).await, 8, "stock taken once");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM orders").await, 1);

    // The same key for something else is refused, not silently answered with the old order.
    let other = order_body(address.id, buy_now(a.id, 1));
    place(&app, &me, &key, &other)
        .await
        .expect_error(422, "idempotency_key_reused", "reused key");
    // Keys are per user: another buyer's identical key is their own.
    let you = new_buyer(&app).await;
    let yours = add_address(&app, &you, json!({})).await;
    parse::<OrderDetail>(
        &place(&app, &you, &key, &order_body(yours.id, buy_now(a.id, 1))).await,
        201,
        "same key, other user",
    );

    // Missing or malformed keys are a 400.
    let res = app
        .request(Method::POST, "/api/v1/orders")
        .cookie(&me.cookie)
        .json(&body)
        .send()
        .await;
    res.expect_error(400, "bad_request", "no key");
    for bad in [
        "short",
        "has spaces in it",
        &"x".repeat(65),
        "dots.are.not.allowed",
    ] {
        let res = place(&app, &me, bad, &body).await;
        res.expect_error(400, "bad_request", bad);
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM orders").await, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_retries_with_one_key_make_one_order() {
    let app = test_app(SMALL_WORLD).await;
    let me = new_buyer(&app).await;
    let address = add_address(&app, &me, json!({})).await;
    let a = item(&app, false, 0, 5_000, 100).await;
    let body = order_body(address.id, buy_now(a.id, 3));
    let key = new_key();
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let req = app
                .request(Method::POST, "/api/v1/orders")
                .cookie(&me.cookie)
                .header("idempotency-key", &key)
                .json(&body);
            tokio::spawn(req.send())
        })
        .collect();
    let mut created = 0;
    let mut ids = std::collections::HashSet::new();
    for task in tasks {
        let res = task.await.expect("task");
        let order: OrderDetail = match res.status.as_u16() {
            201 => {
                created += 1;
                parse(&res, 201, "created")
            }
            _ => parse(&res, 200, "replayed"),
        };
        ids.insert(order.id);
    }
    assert_eq!(created, 1, "one request creates the order");
    assert_eq!(ids.len(), 1, "every answer is that order");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM orders").await, 1);
    assert_eq!(stock(&app, a.id).await, 97);
}

#[tokio::test]
async fn declined_and_invalid_payments_change_nothing() {
    let app = test_app(SMALL_WORLD).await;
    let me = new_buyer(&app).await;
    let address = add_address(&app, &me, json!({})).await;
    let a = item(&app, false, 0, 5_000, 10).await;
    parse::<Cart>(&add(&app, &me, a.id, 2).await, 200, "add");

    for (card_number, needle) in [
        (
            TEST_CARD_DECLINE,
            "Your card was declined. Nothing was charged; your cart is unchanged.",
        ),
        (TEST_CARD_INSUFFICIENT, "insufficient funds"),
        ("5555 5555 5555 4444", "Test mode"),
    ] {
        let mut body = order_body(address.id, None);
        body["payment"] = card(card_number);
        let err = place(&app, &me, &new_key(), &body).await.expect_error(
            402,
            "card_declined",
            card_number,
        );
        let message = err["error"]["message"].as_str().unwrap_or("");
        assert!(message.contains(needle), "{card_number}: {message}");
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM orders").await, 0);
    assert_eq!(stock(&app, a.id).await, 10);
    assert_eq!(cart(&app, &me).await.item_count, 2);

    // Form errors come back field by field.
    let mut body = order_body(address.id, None);
    body["payment"] = json!({"card_number": "4242 4242 4242 4241", "expiry": "01/20", "cvc": "1"});
    let err =
        place(&app, &me, &new_key(), &body)
            .await
            .expect_error(422, "validation", "invalid card");
    let fields: Vec<&str> = err["error"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(fields, ["card_number", "expiry", "cvc"]);
    // Someone else's address.
    let you = new_buyer(&app).await;
    let yours = add_address(&app, &you, json!({})).await;
    let err = place(&app, &me, &new_key(), &order_body(yours.id, None))
        .await
        .expect_error(422, "validation", "another's address");
    assert_eq!(err["error"]["fields"][0]["field"], "address_id");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM orders").await, 0);
    assert_eq!(cart(&app, &me).await.item_count, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_buyers_race_for_ten_units() {
    let app = test_app(SMALL_WORLD).await;
    let a = item(&app, false, 0, 5_000, 10).await;
    let product_sales = sales(&app, a.product).await;
    // 200 accounts with a session and an address, written in one go.
    let mut buyers = Vec::new();
    for _ in 0..200 {
        buyers.push(new_buyer(&app).await);
    }
    let mut tx = app.state.db.begin().await.expect("tx");
    let mut addresses = Vec::new();
    for b in &buyers {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO addresses (user_id, recipient, phone, province, city, district, detail, \
             is_default, created_at) VALUES (?, '买家', '13800138000', '上海市', '上海市', '静安区', \
             '南京西路 1266 号', 1, 0) RETURNING id",
        )
        .bind(b.id)
        .fetch_one(&mut *tx)
        .await
        .expect("address");
        addresses.push(id);
    }
    tx.commit().await.expect("commit");

    let tasks: Vec<_> = buyers
        .iter()
        .zip(&addresses)
        .map(|(b, address)| {
            let req = app
                .request(Method::POST, "/api/v1/orders")
                .cookie(&b.cookie)
                .header("idempotency-key", &new_key())
                .json(&order_body(*address, buy_now(a.id, 1)));
            tokio::spawn(req.send())
        })
        .collect();
    let (mut created, mut sold_out) = (0, 0);
    for task in tasks {
        let res = task.await.expect("task");
        match res.status.as_u16() {
            201 => created += 1,
            409 => {
                let body = res.json();
                let code = body["error"]["code"].as_str().unwrap_or("");
                assert!(code == "sold_out" || code == "out_of_stock", "{body}");
                sold_out += 1;
            }
            other => panic!("unexpected {other}: {}", String::from_utf8_lossy(&res.body)),
        }
    }
    assert_eq!((created, sold_out), (10, 190));
    assert_eq!(stock(&app, a.id).await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM orders").await, 10);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM product_variants WHERE stock < 0"
        )
        .await,
        0
    );
    assert_eq!(sales(&app, a.product).await, product_sales + 10);
}

// ---- Cancelling and the carrier ----

#[tokio::test]
async fn the_timeline_follows_the_simulated_carrier() {
    let app = test_app(SMALL_WORLD).await;
    let me = new_buyer(&app).await;
    let address = add_address(&app, &me, json!({})).await;
    let home = item(&app, false, 0, 5_000, 10).await;
    let imported = item(&app, true, 0, 5_000, 10).await;
    use OrderStatus::*;

    let order = place_ok(&app, &me, &order_body(address.id, buy_now(home.id, 1))).await;
    assert_eq!(
        statuses(&order),
        [
            (Paid, true),
            (Packed, false),
            (InTransit, false),
            (Delivered, false)
        ]
    );
    let paid = order.timeline[0].at;
    let expected: Vec<i64> = order.timeline.iter().map(|s| s.at - paid).collect();
    assert_eq!(
        expected,
        [0, 60, 120, 300],
        "expected times at 60 s per step"
    );
    // Two and a bit steps later it is on the road and can no longer be cancelled.
    backdate(&app, order.id, 130).await;
    let uri = format!("/api/v1/orders/{}", order.id);
    let later: OrderDetail = get(&app, &uri, &me).await;
    assert_eq!(later.status, InTransit);
    assert!(!later.cancellable);
    assert_eq!(
        statuses(&later),
        [
            (Paid, true),
            (Packed, true),
            (InTransit, true),
            (Delivered, false)
        ]
    );
    backdate(&app, order.id, 300).await;
    assert_eq!(get::<OrderDetail>(&app, &uri, &me).await.status, Delivered);

    let order = place_ok(&app, &me, &order_body(address.id, buy_now(imported.id, 1))).await;
    assert!(order.cross_border);
    backdate(&app, order.id, 200).await;
    let later: OrderDetail = get(&app, &format!("/api/v1/orders/{}", order.id), &me).await;
    assert_eq!(later.status, CustomsCleared);
    assert!(later.cancellable, "customs cleared has not shipped yet");
    assert_eq!(
        statuses(&later),
        [
            (Paid, true),
            (Packed, true),
            (CustomsCleared, true),
            (InTransit, false),
            (Delivered, false)
        ]
    );
    assert_eq!(later.timeline[4].at - later.timeline[0].at, 480);

    // The list shows the same statuses.
    let page: OrderPage = get(&app, "/api/v1/orders?limit=1", &me).await;
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].status, CustomsCleared);
    let cursor = page.next_cursor.expect("a second page");
    let page: OrderPage = get(
        &app,
        &format!("/api/v1/orders?limit=1&cursor={cursor}"),
        &me,
    )
    .await;
    assert_eq!(page.items[0].status, Delivered);
    assert_eq!(page.next_cursor, None);
}

#[tokio::test]
async fn cancelling_restores_stock_until_the_order_ships() {
    let app = test_app(SMALL_WORLD).await;
    let me = new_buyer(&app).await;
    let address = add_address(&app, &me, json!({})).await;
    let a = item(&app, false, 0, 5_000, 10).await;
    let sales_before = sales(&app, a.product).await;
    use OrderStatus::*;

    let order = place_ok(&app, &me, &order_body(address.id, buy_now(a.id, 3))).await;
    assert_eq!(stock(&app, a.id).await, 7);
    backdate(&app, order.id, 61).await; // packed, not shipped
    let uri = format!("/api/v1/orders/{}/cancel", order.id);
    let cancelled: OrderDetail = parse(
        &call(&app, Method::POST, &uri, Some(&me), None).await,
        200,
        "cancel",
    );
    assert_eq!(cancelled.status, Cancelled);
    assert!(!cancelled.cancellable);
    assert_eq!(
        statuses(&cancelled),
        [(Paid, true), (Packed, true), (Cancelled, true)]
    );
    assert_eq!(stock(&app, a.id).await, 10);
    assert_eq!(sales(&app, a.product).await, sales_before);
    // Again: unchanged, stock not restored twice.
    let again: OrderDetail = parse(
        &call(&app, Method::POST, &uri, Some(&me), None).await,
        200,
        "cancel again",
    );
    assert_eq!(again.timeline, cancelled.timeline);
    assert_eq!(stock(&app, a.id).await, 10);

    // Shipped orders stay.
    let order = place_ok(&app, &me, &order_body(address.id, buy_now(a.id, 1))).await;
    backdate(&app, order.id, 121).await;
    call(
        &app,
        Method::POST,
        &format!("/api/v1/orders/{}/cancel", order.id),
        Some(&me),
        None,
    )
    .await
    .expect_error(409, "already_shipped", "cancel after shipping");
    assert_eq!(stock(&app, a.id).await, 9);
}

// ---- Creator commission ----

/// A domestic product a note tags, with its note, the note's author and the brand's rate.
async fn tagged_product(app: &TestApp) -> (i64, i64, i64, Item, i64) {
    let (note, product, author, commission_bp): (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT np.note_id, np.product_id, n.author_id, b.commission_bp FROM note_products np \
         JOIN notes n ON n.id = np.note_id JOIN products p ON p.id = np.product_id \
         JOIN brands b ON b.id = p.brand_id \
         WHERE b.cross_border = 0 AND b.commission_bp > 0 \
         ORDER BY np.note_id, np.product_id LIMIT 1",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("a tagged product");
    let variant: i64 =
        sqlx::query_scalar("SELECT MIN(id) FROM product_variants WHERE product_id = ?")
            .bind(product)
            .fetch_one(&app.state.db)
            .await
            .expect("variant");
    // An odd price, so the commission has to round.
    set_variant(app, variant, 12_345, 100).await;
    let other_note: i64 = sqlx::query_scalar(
        "SELECT id FROM notes WHERE id NOT IN (SELECT note_id FROM note_products WHERE product_id = ?) \
         ORDER BY id LIMIT 1",
    )
    .bind(product)
    .fetch_one(&app.state.db)
    .await
    .expect("an unrelated note");
    let item = Item {
        id: variant,
        product,
        price: 12_345,
    };
    (note, author, commission_bp, item, other_note)
}

fn from_note(variant: i64, quantity: i64, note: i64) -> Option<Value> {
    Some(json!([{"variant_id": variant, "quantity": quantity, "from_note": note}]))
}

#[tokio::test]
async fn creators_earn_from_the_notes_that_sold_and_lose_it_on_cancel() {
    let app = test_app(SMALL_WORLD).await;
    let (note, author, commission_bp, p, other_note) = tagged_product(&app).await;
    let creator = session(&app, author).await;
    let buyer = new_buyer(&app).await;
    let address = add_address(&app, &buyer, json!({})).await;
    let rate = commission_bp * 5_000 / 10_000;
    let commission = 2 * p.price * rate / 10_000;

    let empty: Earnings = get(&app, "/api/v1/creator/earnings", &creator).await;
    assert_eq!(
        (empty.total_fen, empty.orders, empty.lines.len()),
        (0, 0, 0)
    );
    assert_eq!(empty.creator_share_bp, 5_000);

    // Through the cart, opened from the note.
    parse::<Cart>(
        &add_from(&app, &buyer, p.id, 2, Some(note)).await,
        200,
        "add",
    );
    let first = place_ok(&app, &buyer, &order_body(address.id, None)).await;
    assert_eq!(first.lines[0].from_note, Some(note));
    let e: Earnings = get(&app, "/api/v1/creator/earnings", &creator).await;
    assert_eq!(e.lines.len(), 1);
    let line = &e.lines[0];
    assert_eq!(line.order_number, first.number);
    assert_eq!((line.note_id, line.product_id), (note, p.product));
    let title: String = sqlx::query_scalar("SELECT title FROM notes WHERE id = ?")
        .bind(note)
        .fetch_one(&app.state.db)
        .await
        .expect("title");
    assert_eq!(line.note_title, title);
    assert_eq!(line.product_title, first.lines[0].title);
    assert_eq!((line.quantity, line.sale_fen), (2, 2 * p.price));
    assert_eq!((line.rate_bp, line.commission_fen), (rate, commission));
    assert!(commission > 0, "the brand pays commission");
    assert_eq!(line.state, CommissionState::Pending);
    assert_eq!(
        (e.pending_fen, e.settled_fen, e.total_fen, e.orders),
        (commission, 0, commission, 1)
    );

    // A note that does not tag the product earns nothing; nor does buying through one's own note.
    place_ok(
        &app,
        &buyer,
        &order_body(address.id, from_note(p.id, 1, other_note)),
    )
    .await;
    let own_address = add_address(&app, &creator, json!({})).await;
    place_ok(
        &app,
        &creator,
        &order_body(own_address.id, from_note(p.id, 1, note)),
    )
    .await;
    let attributed = count(
        &app,
        "SELECT COUNT(*) FROM order_items WHERE creator_id IS NOT NULL",
    )
    .await;
    assert_eq!(attributed, 1);

    // Buy now from the note: a second line; then deliver the first and cancel the second.
    let second = place_ok(
        &app,
        &buyer,
        &order_body(address.id, from_note(p.id, 1, note)),
    )
    .await;
    let commission2 = p.price * rate / 10_000;
    backdate(&app, first.id, 301).await;
    parse::<OrderDetail>(
        &call(
            &app,
            Method::POST,
            &format!("/api/v1/orders/{}/cancel", second.id),
            Some(&buyer),
            None,
        )
        .await,
        200,
        "cancel",
    );
    let e: Earnings = get(&app, "/api/v1/creator/earnings", &creator).await;
    let states: Vec<(String, CommissionState)> = e
        .lines
        .iter()
        .map(|l| (l.order_number.clone(), l.state))
        .collect();
    assert_eq!(
        states,
        [
            (second.number.clone(), CommissionState::Reversed),
            (first.number.clone(), CommissionState::Settled)
        ],
        "newest first"
    );
    assert_eq!(
        (e.settled_fen, e.pending_fen, e.reversed_fen),
        (commission, 0, commission2)
    );
    assert_eq!(e.total_fen, commission, "reversed commission is not earned");
    assert_eq!(e.orders, 1, "cancelled orders do not count");

    // Totals cover every line, not just the page.
    let page: Earnings = get(&app, "/api/v1/creator/earnings?limit=1", &creator).await;
    assert_eq!(page.lines.len(), 1);
    assert_eq!(
        (page.total_fen, page.reversed_fen),
        (e.total_fen, e.reversed_fen)
    );
    let cursor = page.next_cursor.expect("a second page");
    let rest: Earnings = get(
        &app,
        &format!("/api/v1/creator/earnings?limit=1&cursor={cursor}"),
        &creator,
    )
    .await;
    assert_eq!(rest.lines[0].order_number, first.number);
    assert_eq!(rest.next_cursor, None);

    // The buyer earns nothing.
    let mine: Earnings = get(&app, "/api/v1/creator/earnings", &buyer).await;
    assert!(mine.lines.is_empty());
}

#[tokio::test]
async fn the_creator_share_is_configurable() {
    let app = test_app(SMALL_WORLD).await.with_commerce(CommerceConfig {
        creator_share_bp: 2_500,
        carrier_step_secs: 10,
    });
    let (note, author, commission_bp, p, _) = tagged_product(&app).await;
    let creator = session(&app, author).await;
    let buyer = new_buyer(&app).await;
    let address = add_address(&app, &buyer, json!({})).await;
    let order = place_ok(
        &app,
        &buyer,
        &order_body(address.id, from_note(p.id, 3, note)),
    )
    .await;
    // Ten-second steps: delivered after 50 s.
    assert_eq!(order.timeline[3].at - order.timeline[0].at, 50);
    let e: Earnings = get(&app, "/api/v1/creator/earnings", &creator).await;
    assert_eq!(e.creator_share_bp, 2_500);
    let rate = commission_bp * 2_500 / 10_000;
    assert_eq!(e.lines[0].rate_bp, rate);
    assert_eq!(e.lines[0].commission_fen, 3 * p.price * rate / 10_000);
}
