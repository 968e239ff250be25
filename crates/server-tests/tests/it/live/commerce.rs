//! Buying in a room: the flash price comes from the server, the host earns the commission,
//! viewers see stock move, and a flash sale of 10 units to 200 concurrent buyers sells
//! exactly 10.

use api_types::{CheckoutQuote, Earnings, OrderDetail, PinnedProduct, TEST_CARD_SUCCESS};
use axum::http::Method;
use serde_json::json;
use zhongcao_server::{now_unix, utc_date};

use super::*;

/// A saved address for `who`, written directly.
async fn address(app: &TestApp, who: &Person) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO addresses (user_id, recipient, phone, province, city, district, detail, \
         created_at) VALUES ($1, '林小满', '13800138000', '上海市', '上海市', '静安区', \
         '南京西路 1266 号', 0) RETURNING id",
    )
    .bind(who.id)
    .fetch_one(&app.state.db)
    .await
    .expect("address")
}

fn order(address: i64, variant: i64, room: Option<i64>, expected: Option<i64>) -> Value {
    let (year, month, _) = utc_date(now_unix());
    json!({
        "items": [{"variant_id": variant, "quantity": 1, "live_room_id": room}],
        "address_id": address,
        "shipping": "express",
        "payment": {"card_number": TEST_CARD_SUCCESS, "expiry": format!("{month:02}/{:02}", (year + 2) % 100), "cvc": "123"},
        "expected_total_fen": expected,
    })
}

async fn place(app: &TestApp, who: &Person, body: &Value, key: &str) -> TestResponse {
    app.request(Method::POST, "/api/v1/orders")
        .cookie(&who.cookie)
        .header("idempotency-key", key)
        .json(body)
        .send()
        .await
}

/// A room listing a product with a commission-paying brand, its first variant at `price` with
/// `stock` units (the product's other variants sold out), pinned with a flash sale at
/// `flash`: (room, product, variant, brand commission bp).
async fn flash_room(
    app: &TestApp,
    host: &Person,
    price: i64,
    stock: i64,
    flash: i64,
) -> (i64, i64, i64, i64) {
    let (product, commission_bp): (i64, i64) = sqlx::query_as(
        "SELECT p.id, b.commission_bp FROM products p JOIN brands b ON b.id = p.brand_id \
         WHERE b.commission_bp > 0 AND b.cross_border = 0 ORDER BY p.id LIMIT 1",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("a product");
    let variant: i64 =
        sqlx::query_scalar("SELECT MIN(id) FROM product_variants WHERE product_id = $1")
            .bind(product)
            .fetch_one(&app.state.db)
            .await
            .expect("variant");
    sqlx::query("UPDATE product_variants SET stock = 0 WHERE product_id = $1")
        .bind(product)
        .execute(&app.state.db)
        .await
        .expect("stock");
    sqlx::query("UPDATE product_variants SET price_fen = $1, stock = $2 WHERE id = $3")
        .bind(price)
        .bind(stock)
        .bind(variant)
        .execute(&app.state.db)
        .await
        .expect("variant");
    sqlx::query("UPDATE products SET price_fen = $1 WHERE id = $2")
        .bind(price)
        .bind(product)
        .execute(&app.state.db)
        .await
        .expect("product");
    let room = go_live(app, host, &[product]).await;
    let res = call(
        app,
        Method::PUT,
        &format!("/api/v1/live/{}/pin", room.id),
        Some(host),
        Some(json!({"product_id": product, "flash": {"price_fen": flash, "duration_secs": 600}})),
    )
    .await;
    let pinned: PinnedProduct = parse(&res, 200, "pin");
    assert_eq!(pinned.product.stock, stock);
    (room.id, product, variant, commission_bp)
}

#[tokio::test]
async fn flash_prices_come_from_the_server_and_the_host_earns_the_commission() {
    let app = live_app().await;
    let host = person(&app).await;
    let buyer = person(&app).await;
    let addr_id = address(&app, &buyer).await;
    let (room, product, variant, commission_bp) = flash_room(&app, &host, 20_000, 50, 12_345).await;

    // The quote prices the room's line at the flash price; without the room, the usual price.
    let quote = |room: Option<i64>| {
        call(
            &app,
            Method::POST,
            "/api/v1/checkout/quote",
            Some(&buyer),
            Some(json!({"items": [{"variant_id": variant, "quantity": 2, "live_room_id": room}]})),
        )
    };
    let in_room: CheckoutQuote = parse(&quote(Some(room)).await, 200, "quote in room");
    assert_eq!(
        (
            in_room.lines[0].unit_price_fen,
            in_room.lines[0].live_room_id
        ),
        (12_345, Some(room))
    );
    let outside: CheckoutQuote = parse(&quote(None).await, 200, "quote");
    assert_eq!(outside.lines[0].unit_price_fen, 20_000);
    // A room that does not list the product is dropped from the line (no price, no credit).
    let other_host = person(&app).await;
    let unrelated: Vec<i64> = products(&app, 3)
        .await
        .into_iter()
        .filter(|p| *p != product)
        .collect();
    let other_room = go_live(&app, &other_host, &unrelated).await;
    let elsewhere: CheckoutQuote = parse(&quote(Some(other_room.id)).await, 200, "quote elsewhere");
    assert_eq!(
        (
            elsewhere.lines[0].unit_price_fen,
            elsewhere.lines[0].live_room_id
        ),
        (20_000, None)
    );

    let express = in_room
        .shipping
        .iter()
        .find(|s| s.name_en == "Express")
        .expect("express")
        .fee_fen;
    let placed: OrderDetail = parse(
        &place(
            &app,
            &buyer,
            &order(addr_id, variant, Some(room), Some(12_345 + express)),
            "room-order-1",
        )
        .await,
        201,
        "order",
    );
    assert_eq!(placed.lines[0].unit_price_fen, 12_345);

    let earnings: Earnings =
        get_as(&app, "/api/v1/creator/earnings", Some(&host), "earnings").await;
    let rate = commission_bp * 5_000 / 10_000;
    assert_eq!(earnings.lines.len(), 1);
    let line = &earnings.lines[0];
    assert_eq!(
        (line.live_room_id, line.rate_bp, line.sale_fen),
        (Some(room), rate, 12_345)
    );
    assert_eq!(line.commission_fen, 12_345 * rate / 10_000);
    assert_eq!(earnings.total_fen, line.commission_fen);

    // Buying in one's own room earns nothing.
    let host_address = address(&app, &host).await;
    parse::<OrderDetail>(
        &place(
            &app,
            &host,
            &order(host_address, variant, Some(room), None),
            "room-order-2",
        )
        .await,
        201,
        "own room",
    );
    let earnings: Earnings =
        get_as(&app, "/api/v1/creator/earnings", Some(&host), "earnings").await;
    assert_eq!(earnings.lines.len(), 1);

    // Once the flash sale is over, the total the buyer saw is refused rather than charged.
    sqlx::query("UPDATE live_rooms SET flash_ends_at = $1 WHERE id = $2")
        .bind(now_unix() - 1)
        .bind(room)
        .execute(&app.state.db)
        .await
        .expect("end the sale");
    let res = place(
        &app,
        &buyer,
        &order(addr_id, variant, Some(room), Some(12_345 + express)),
        "room-order-3",
    )
    .await;
    res.expect_error(409, "price_changed", "the flash sale ended");
}

#[tokio::test]
async fn a_sale_in_the_room_pushes_the_stock_to_viewers() {
    let app = live_app().await;
    let host = person(&app).await;
    let buyer = person(&app).await;
    let addr_id = address(&app, &buyer).await;
    let (room, product, variant, _) = flash_room(&app, &host, 9_900, 5, 5_000).await;
    let addr = serve(&app).await;
    let (mut viewer, hello) = watch(addr, room, None).await;
    let ServerEvent::Hello {
        pinned: Some(pinned),
        ..
    } = hello
    else {
        panic!("pinned in hello")
    };
    assert_eq!(
        (pinned.product.stock, pinned.flash.map(|f| f.price_fen)),
        (5, Some(5_000))
    );

    parse::<OrderDetail>(
        &place(
            &app,
            &buyer,
            &order(addr_id, variant, Some(room), None),
            "stock-push-1",
        )
        .await,
        201,
        "order",
    );
    let got = wait_for(&mut viewer, 1, |e| matches!(e, ServerEvent::Stock { .. })).await;
    assert_eq!(
        got,
        Some(ServerEvent::Stock {
            product_id: product,
            stock: 4
        })
    );
}

#[tokio::test]
async fn a_flash_sale_of_ten_to_two_hundred_buyers_sells_exactly_ten() {
    let app = live_app().await;
    let host = person(&app).await;
    let (room, product, variant, _) = flash_room(&app, &host, 19_900, 10, 9_900).await;
    let sales_before: i64 = sqlx::query_scalar("SELECT sales_count FROM products WHERE id = $1")
        .bind(product)
        .fetch_one(&app.state.db)
        .await
        .expect("sales");
    let mut buyers = Vec::new();
    for _ in 0..200 {
        let buyer = person(&app).await;
        let address = address(&app, &buyer).await;
        buyers.push((buyer, address));
    }
    let tasks: Vec<_> = buyers
        .into_iter()
        .enumerate()
        .map(|(i, (buyer, address))| {
            let req = app
                .request(Method::POST, "/api/v1/orders")
                .cookie(&buyer.cookie)
                .header("idempotency-key", &format!("flash-{i:04}"))
                .json(&order(address, variant, Some(room), None));
            tokio::spawn(req.send())
        })
        .collect();
    let (mut sold, mut refused) = (0, 0);
    for task in tasks {
        let res = task.await.expect("request");
        match res.status.as_u16() {
            201 => {
                let placed: OrderDetail = parse(&res, 201, "order");
                assert_eq!(placed.lines[0].unit_price_fen, 9_900, "the flash price");
                sold += 1;
            }
            409 => {
                let body = res.json();
                let code = body["error"]["code"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string();
                assert!(code == "sold_out" || code == "out_of_stock", "{body}");
                refused += 1;
            }
            other => panic!("unexpected {other}: {}", String::from_utf8_lossy(&res.body)),
        }
    }
    assert_eq!((sold, refused), (10, 190));
    let (stock, sales): (i64, i64) = sqlx::query_as(
        "SELECT v.stock, p.sales_count FROM product_variants v JOIN products p ON p.id = v.product_id \
         WHERE v.id = $1",
    )
    .bind(variant)
    .fetch_one(&app.state.db)
    .await
    .expect("stock");
    assert_eq!((stock, sales - sales_before), (0, 10));
    let lines: i64 = sqlx::query_scalar(
        "SELECT COALESCE(SUM(quantity), 0) FROM order_items WHERE live_room_id = $1",
    )
    .bind(room)
    .fetch_one(&app.state.db)
    .await
    .expect("lines");
    assert_eq!(lines, 10, "ten units attributed to the room");
}

#[tokio::test]
async fn a_cart_line_put_in_from_a_room_keeps_the_room() {
    let app = live_app().await;
    let host = person(&app).await;
    let buyer = person(&app).await;
    let addr_id = address(&app, &buyer).await;
    let (room, _product, variant, _) = flash_room(&app, &host, 30_000, 20, 25_000).await;
    let res = call(
        &app,
        Method::POST,
        "/api/v1/cart/items",
        Some(&buyer),
        Some(json!({"variant_id": variant, "quantity": 1, "live_room_id": room})),
    )
    .await;
    let cart: api_types::Cart = parse(&res, 200, "add from the room");
    assert_eq!(
        (cart.lines[0].live_room_id, cart.lines[0].unit_price_fen),
        (Some(room), 25_000)
    );
    let mut body = order(addr_id, variant, None, None);
    body["items"] = Value::Null;
    let placed: OrderDetail = parse(
        &place(&app, &buyer, &body, "cart-room-1").await,
        201,
        "order from the cart",
    );
    assert_eq!(placed.lines[0].unit_price_fen, 25_000);
    let credited: Option<i64> =
        sqlx::query_scalar("SELECT creator_id FROM order_items WHERE order_id = $1")
            .bind(placed.id)
            .fetch_one(&app.state.db)
            .await
            .expect("line");
    assert_eq!(credited, Some(host.id));
}
