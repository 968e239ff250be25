//! Cancelling orders and the simulated carrier's timeline.

use super::*;

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
    let page: Page<OrderSummary> = get(&app, "/api/v1/orders?limit=1", &me).await;
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].status, CustomsCleared);
    let cursor = page.next_cursor.expect("a second page");
    let page: Page<OrderSummary> = get(
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
