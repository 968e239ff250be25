//! Placing orders: server prices, tampering, idempotency keys, declined payments and races for
//! stock.

use super::*;

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
    let page: Page<OrderSummary> = get(&app, "/api/v1/orders", &me).await;
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
    assert!(get::<Page<OrderSummary>>(&app, "/api/v1/orders", &you)
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
        .expect_error(422, "cart_empty", "empty cart");
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

    for (card_number, code, needle) in [
        (
            TEST_CARD_DECLINE,
            "card_declined",
            "Your card was declined. Nothing was charged; your cart is unchanged.",
        ),
        (
            TEST_CARD_INSUFFICIENT,
            "insufficient_funds",
            "insufficient funds",
        ),
        ("5555 5555 5555 4444", "test_cards_only", "Test mode"),
    ] {
        let mut body = order_body(address.id, None);
        body["payment"] = card(card_number);
        let err = place(&app, &me, &new_key(), &body)
            .await
            .expect_error(402, code, card_number);
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
             is_default, created_at) VALUES ($1, '买家', '13800138000', '上海市', '上海市', '静安区', \
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
