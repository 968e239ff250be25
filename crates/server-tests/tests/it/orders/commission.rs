//! Creator commission: creators earn from the notes that sold and lose it on cancel.

use super::*;

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
        sqlx::query_scalar("SELECT MIN(id) FROM product_variants WHERE product_id = $1")
            .bind(product)
            .fetch_one(&app.state.db)
            .await
            .expect("variant");
    // An odd price, so the commission has to round.
    set_variant(app, variant, 12_345, 100).await;
    let other_note: i64 = sqlx::query_scalar(
        "SELECT id FROM notes WHERE id NOT IN (SELECT note_id FROM note_products WHERE product_id = $1) \
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
    let title: String = sqlx::query_scalar("SELECT title FROM notes WHERE id = $1")
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
