//! Cart, addresses, checkout quotes, order placement (prices, stock, idempotency, declines,
//! concurrency), cancelling, the carrier timeline and creator commission, through the HTTP API
//! (tower `oneshot`, one seeded app per test). Responses are parsed into the shared DTOs, so
//! the contract the web client codes against is checked too.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::common::{parse, test_app, TestApp, TestResponse, SMALL_WORLD};
use api_types::{
    Address, Cart, CheckoutQuote, CommissionState, Earnings, OrderDetail, OrderStatus,
    OrderSummary, Page, FREE_SHIPPING_FEN, MAX_ADDRESSES, MAX_CART_LINES, TEST_CARD_DECLINE,
    TEST_CARD_INSUFFICIENT, TEST_CARD_SUCCESS,
};
use axum::http::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use zhongcao_server::auth::{token_hash, SESSION_COOKIE};
use zhongcao_server::{now_unix, utc_date, CommerceConfig};

mod cart;
mod checkout;
mod commission;
mod fulfilment;
mod placing;

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
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
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
         VALUES ($1, $2, (SELECT MIN(avatar_image_id) FROM users), 0) RETURNING id",
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
         JOIN brands b ON b.id = p.brand_id WHERE b.cross_border = $1 \
         ORDER BY v.id LIMIT 1 OFFSET $2",
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
    sqlx::query("UPDATE product_variants SET price_fen = $1, stock = $2 WHERE id = $3")
        .bind(price)
        .bind(stock)
        .bind(id)
        .execute(&app.state.db)
        .await
        .expect("set variant");
}

async fn stock(app: &TestApp, variant: i64) -> i64 {
    sqlx::query_scalar("SELECT stock FROM product_variants WHERE id = $1")
        .bind(variant)
        .fetch_one(&app.state.db)
        .await
        .expect("stock")
}

async fn sales(app: &TestApp, product: i64) -> i64 {
    sqlx::query_scalar("SELECT sales_count FROM products WHERE id = $1")
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
        "UPDATE orders SET paid_at = paid_at - $1, created_at = created_at - $1 WHERE id = $2",
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
