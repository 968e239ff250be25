//! Views and the creator center's daily counts.

use super::*;

// ---- Views and the creator center ----

async fn views_today(app: &TestApp, creator: &User) -> (i64, i64) {
    let stats: CreatorStats = get(app, "/api/v1/creator/stats?days=7", Some(creator)).await;
    let today = stats.series.last().expect("today");
    (today.values.views, today.values.shares)
}

#[tokio::test]
async fn views_count_once_per_viewer_per_day() {
    let app = test_app(SMALL_WORLD).await;
    let author = user(&app, "Viewed").await;
    let (v1, v2) = (user(&app, "V1").await, user(&app, "V2").await);
    let pic = upload(&app, &author).await;
    let n = publish(&app, &author, note("Look", "", "pets", &[pic.id])).await;
    let view = format!("/api/v1/notes/{}/view", n.id);
    let anonymous = |ua: &'static str| {
        app.request(Method::POST, &view)
            .header("user-agent", ua)
            .send()
    };

    for _ in 0..3 {
        assert_eq!(
            call(&app, Method::POST, &view, Some(&v1), None)
                .await
                .status,
            StatusCode::NO_CONTENT
        );
    }
    assert_eq!(
        views_today(&app, &author).await.0,
        1,
        "one signed-in viewer"
    );
    call(&app, Method::POST, &view, Some(&v2), None).await;
    assert_eq!(anonymous("Firefox").await.status, StatusCode::NO_CONTENT);
    anonymous("Firefox").await;
    anonymous("Safari").await;
    assert_eq!(
        views_today(&app, &author).await.0,
        4,
        "two people and two anonymous browsers"
    );
    call(&app, Method::POST, &view, Some(&author), None).await;
    assert_eq!(
        views_today(&app, &author).await.0,
        4,
        "the author's own views do not count"
    );
    call(&app, Method::POST, "/api/v1/notes/999999/view", None, None)
        .await
        .expect_error(404, "not_found", "unknown note");

    // Shares count once per person a day, on the note and in the creator center.
    let share = format!("/api/v1/notes/{}/share", n.id);
    for who in [None, Some(&v1)] {
        assert_eq!(
            call(&app, Method::POST, &share, who, None).await.status,
            StatusCode::NO_CONTENT
        );
    }
    assert_eq!(views_today(&app, &author).await, (4, 2));
    let detail: NoteDetail = get(&app, &format!("/api/v1/notes/{}", n.id), None).await;
    assert_eq!(detail.counts.shares, 2);
}

#[tokio::test]
async fn the_creator_center_counts_each_day() {
    let app = test_app(SMALL_WORLD).await;
    let creator = user(&app, "Creator").await;
    let fan = user(&app, "Buyer").await;
    let stats_uri = "/api/v1/creator/stats";

    // The shape: one entry per day, oldest first, ending today (UTC+8), zeros included.
    let today = app_day(now_unix());
    for days in [7, 30, 90] {
        let stats: CreatorStats =
            get(&app, &format!("{stats_uri}?days={days}"), Some(&creator)).await;
        assert_eq!(stats.days, days);
        assert_eq!(stats.series.len() as i64, days);
        assert_eq!(
            stats.series.first().map(|d| d.day),
            Some(app_day_start(today - days + 1))
        );
        assert_eq!(
            stats.series.last().map(|d| d.day),
            Some(app_day_start(today))
        );
        assert_eq!(stats.totals, api_types::StatValues::default());
        assert!(stats.notes.is_empty());
    }
    for bad in ["5", "365", "0", "-7", "x", ""] {
        call(
            &app,
            Method::GET,
            &format!("{stats_uri}?days={bad}"),
            Some(&creator),
            None,
        )
        .await
        .expect_error(422, "invalid_request", &format!("days={bad}"));
    }
    let default: CreatorStats = get(&app, stats_uri, Some(&creator)).await;
    assert_eq!(default.days, 7);
    call(&app, Method::GET, stats_uri, None, None)
        .await
        .expect_error(401, "unauthorized", "guest");

    // A note tagging a product in stock, then a like, a collect, a comment, a follow, a view,
    // a share and an order from the note, all today.
    let (variant, product): (i64, i64) =
        sqlx::query_as("SELECT id, product_id FROM product_variants ORDER BY id LIMIT 1")
            .fetch_one(&app.state.db)
            .await
            .expect("variant");
    sqlx::query("UPDATE product_variants SET stock = 50 WHERE id = $1")
        .bind(variant)
        .execute(&app.state.db)
        .await
        .expect("stock");
    let pic = upload(&app, &creator).await;
    let mut input = note("Shop my look", "", "fashion", &[pic.id]);
    input["product_ids"] = json!([product]);
    let n = publish(&app, &creator, input).await;
    let other = publish(&app, &creator, note("Another", "", "fashion", &[pic.id])).await;
    let base = format!("/api/v1/notes/{}", n.id);
    for (method, uri, body) in [
        (Method::PUT, format!("{base}/like"), None),
        (Method::PUT, format!("{base}/collect"), None),
        (
            Method::POST,
            format!("{base}/comments"),
            Some(json!({"body": "love it"})),
        ),
        (
            Method::PUT,
            format!("/api/v1/users/{}/follow", creator.id),
            None,
        ),
        (Method::POST, format!("{base}/view"), None),
        (Method::POST, format!("{base}/share"), None),
    ] {
        let res = call(&app, method, &uri, Some(&fan), body).await;
        assert!(res.status.is_success(), "{uri}: {}", res.status);
    }
    // The creator's own comment does not count.
    call(
        &app,
        Method::POST,
        &format!("{base}/comments"),
        Some(&creator),
        Some(json!({"body": "thanks!"})),
    )
    .await;
    let address: Value = call(
        &app,
        Method::POST,
        "/api/v1/addresses",
        Some(&fan),
        Some(
            json!({"recipient": "林小满", "phone": "13800138000", "province": "上海市",
            "city": "上海市", "district": "静安区", "detail": "南京西路 1266 号"}),
        ),
    )
    .await
    .json();
    let order = app
        .request(Method::POST, "/api/v1/orders")
        .cookie(&fan.cookie)
        .header("idempotency-key", "stats-order-1")
        .json(&json!({
            "items": [{"variant_id": variant, "quantity": 2, "from_note": n.id}],
            "address_id": address["id"],
            "shipping": "standard",
            "payment": {"card_number": api_types::TEST_CARD_SUCCESS, "expiry": "12/99", "cvc": "123"},
        }))
        .send()
        .await;
    assert_eq!(order.status, StatusCode::CREATED, "{}", order.json());
    let commission: i64 =
        sqlx::query_scalar("SELECT SUM(commission_fen) FROM order_items WHERE creator_id = $1")
            .bind(creator.id)
            .fetch_one(&app.state.db)
            .await
            .expect("commission");
    assert!(commission > 0);

    let stats: CreatorStats = get(&app, &format!("{stats_uri}?days=30"), Some(&creator)).await;
    let expected = api_types::StatValues {
        views: 1,
        likes: 1,
        collects: 1,
        comments: 1,
        shares: 1,
        new_followers: 1,
        orders: 1,
        commission_fen: commission,
    };
    assert_eq!(
        stats.series.last().map(|d| &d.values),
        Some(&expected),
        "today"
    );
    assert!(stats.series[..29]
        .iter()
        .all(|d| d.values == api_types::StatValues::default()));
    assert_eq!(stats.totals, expected);
    assert_eq!(
        stats.notes.iter().map(|s| s.note.id).collect::<Vec<_>>(),
        [n.id, other.id],
        "most viewed first"
    );
    let per_note = &stats.notes[0].values;
    assert_eq!((per_note.views, per_note.likes, per_note.orders), (1, 1, 1));
    assert_eq!(per_note.commission_fen, commission);
    assert_eq!(
        per_note.new_followers, 0,
        "followers are not attributed to notes"
    );
    assert_eq!(stats.notes[0].created_at, n.created_at);

    // A cancelled order no longer counts.
    let order_id = order.json()["id"].as_i64().expect("order id");
    let res = call(
        &app,
        Method::POST,
        &format!("/api/v1/orders/{order_id}/cancel"),
        Some(&fan),
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.json());
    let stats: CreatorStats = get(&app, &format!("{stats_uri}?days=7"), Some(&creator)).await;
    assert_eq!((stats.totals.orders, stats.totals.commission_fen), (0, 0));
    assert_eq!(stats.totals.likes, 1);
}
