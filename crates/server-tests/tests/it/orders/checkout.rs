//! Addresses and checkout quotes.

use super::*;

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
    .expect_error(422, "too_many_addresses", "too many addresses");
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
        .expect_error(422, "cart_empty", "empty cart");

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
