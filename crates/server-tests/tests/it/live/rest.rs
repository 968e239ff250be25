//! The REST half: going live, the lists, a room, pinning, ending, and every refusal in the
//! error shape.

use api_types::{ChatMessage, LiveRoomCard, LiveRoomDetail, LiveStatus, Page, PinnedProduct};
use axum::http::Method;
use serde_json::json;

use super::*;

#[tokio::test]
async fn going_live_lists_the_room_and_one_host_has_one_live_room() {
    let app = live_app().await;
    let host = person(&app).await;
    let fan = person(&app).await;
    let items = products(&app, 3).await;

    let guest = call(
        &app,
        Method::POST,
        "/api/v1/live",
        None,
        Some(json!({"title": "x", "product_ids": items})),
    )
    .await;
    guest.expect_error(401, "unauthorized", "guests cannot go live");
    for (body, field, code) in [
        (
            json!({"title": "  ", "product_ids": items}),
            "title",
            "required",
        ),
        (
            json!({"title": "t".repeat(61), "product_ids": items}),
            "title",
            "too_long",
        ),
        (
            json!({"title": "ok", "product_ids": []}),
            "product_ids",
            "no_products",
        ),
        (
            json!({"title": "ok", "product_ids": [999_999]}),
            "product_ids",
            "product_gone",
        ),
        (
            json!({"title": "ok", "product_ids": (1..=api_types::LIVE_MAX_PRODUCTS as i64 + 1).collect::<Vec<_>>()}),
            "product_ids",
            "too_many_room_products",
        ),
    ] {
        let res = call(&app, Method::POST, "/api/v1/live", Some(&host), Some(body)).await;
        let err = res.expect_error(422, "validation", field);
        assert_eq!(err["error"]["fields"][0]["field"], field, "{err}");
        assert_eq!(err["error"]["fields"][0]["code"], code, "{err}");
    }

    let room = go_live(&app, &host, &items).await;
    assert_eq!(room.status, LiveStatus::Live);
    assert!(room.viewer_is_host && !room.is_demo);
    let listed: Vec<i64> = room.products.iter().map(|p| p.id).collect();
    assert_eq!(listed, items, "the host's order");
    assert!(room.products.iter().all(|p| p.stock > 0 && p.price_fen > 0));

    let again = call(
        &app,
        Method::POST,
        "/api/v1/live",
        Some(&host),
        Some(json!({"title": "two", "product_ids": items})),
    )
    .await;
    let err = again.expect_error(409, "already_live", "a second live room");
    assert_eq!(err["error"]["params"]["id"], room.id, "{err}");

    // The fan follows the host and sees it in the room.
    let follow = call(
        &app,
        Method::PUT,
        &format!("/api/v1/users/{}/follow", host.id),
        Some(&fan),
        None,
    )
    .await;
    assert!(follow.status.is_success(), "follow: {}", follow.status);
    let seen: LiveRoomDetail = get_as(
        &app,
        &format!("/api/v1/live/{}", room.id),
        Some(&fan),
        "detail",
    )
    .await;
    assert!(seen.host.followed_by_viewer && !seen.viewer_is_host);
    assert_eq!(seen.host.user.id, host.id);
    assert_eq!(seen.host.follower_count, 1);

    let live: Page<LiveRoomCard> = app
        .get_json("/api/v1/live")
        .await
        .pipe(serde_json::from_value)
        .expect("page");
    assert!(live
        .items
        .iter()
        .any(|r| r.id == room.id && r.cover.is_some()));
    let err = app
        .get("/api/v1/live/999999")
        .await
        .expect_error(404, "not_found", "unknown room");
    assert_eq!(
        err["error"]["params"],
        json!({"resource": "live_room", "id": 999999})
    );
    app.expect_error("/api/v1/live?status=soon", 422, "invalid_request")
        .await;
    app.expect_error("/api/v1/live?cursor=!!", 400, "invalid_cursor")
        .await;

    // Only the host ends it; ending twice changes nothing; then the host may go live again.
    let uri = format!("/api/v1/live/{}/end", room.id);
    call(&app, Method::POST, &uri, Some(&fan), None)
        .await
        .expect_error(403, "not_your_room", "not the host");
    call(&app, Method::POST, &uri, None, None)
        .await
        .expect_error(401, "unauthorized", "guest");
    call(
        &app,
        Method::POST,
        "/api/v1/live/999999/end",
        Some(&host),
        None,
    )
    .await
    .expect_error(404, "not_found", "unknown");
    let ended: LiveRoomDetail = parse(
        &call(&app, Method::POST, &uri, Some(&host), None).await,
        200,
        "end",
    );
    assert_eq!(ended.status, LiveStatus::Ended);
    assert!(
        ended.ended_at.is_some() && !ended.has_replay,
        "no recording without media"
    );
    let twice: LiveRoomDetail = parse(
        &call(&app, Method::POST, &uri, Some(&host), None).await,
        200,
        "end again",
    );
    assert_eq!(twice.ended_at, ended.ended_at);
    let past: Page<LiveRoomCard> =
        serde_json::from_value(app.get_json("/api/v1/live?status=ended").await).expect("page");
    assert!(past.items.iter().any(|r| r.id == room.id));
    let live: Page<LiveRoomCard> =
        serde_json::from_value(app.get_json("/api/v1/live").await).expect("page");
    assert!(live.items.iter().all(|r| r.id != room.id));
    go_live(&app, &host, &items[..1]).await;
}

#[tokio::test]
async fn lists_page_by_cursor() {
    let app = live_app().await;
    let items = products(&app, 1).await;
    let mut ids = Vec::new();
    for _ in 0..3 {
        let host = person(&app).await;
        ids.push(go_live(&app, &host, &items).await.id);
    }
    let first: Page<LiveRoomCard> =
        serde_json::from_value(app.get_json("/api/v1/live?limit=2").await).expect("page");
    assert_eq!(first.items.len(), 2);
    let cursor = first.next_cursor.expect("a second page");
    let second: Page<LiveRoomCard> = serde_json::from_value(
        app.get_json(&format!("/api/v1/live?limit=2&cursor={cursor}"))
            .await,
    )
    .expect("page");
    let mut seen: Vec<i64> = first
        .items
        .iter()
        .chain(&second.items)
        .map(|r| r.id)
        .collect();
    seen.sort_unstable();
    for id in ids {
        assert!(seen.contains(&id), "room {id} on some page");
    }
    assert_eq!(
        seen.len(),
        first.items.len() + second.items.len(),
        "no room twice"
    );
}

#[tokio::test]
async fn pins_are_the_hosts_and_flash_prices_are_checked() {
    let app = live_app().await;
    let host = person(&app).await;
    let other = person(&app).await;
    let items = products(&app, 2).await;
    let room = go_live(&app, &host, &items).await;
    let uri = format!("/api/v1/live/{}/pin", room.id);
    let price = room.products[0].price_fen;

    call(
        &app,
        Method::PUT,
        &uri,
        Some(&other),
        Some(json!({"product_id": items[0]})),
    )
    .await
    .expect_error(403, "not_your_room", "not the host");
    call(
        &app,
        Method::PUT,
        &uri,
        None,
        Some(json!({"product_id": items[0]})),
    )
    .await
    .expect_error(401, "unauthorized", "guest");
    let unlisted = products(&app, 5).await[4];
    let err = call(
        &app,
        Method::PUT,
        &uri,
        Some(&host),
        Some(json!({"product_id": unlisted})),
    )
    .await
    .expect_error(422, "validation", "not in the room");
    assert_eq!(err["error"]["fields"][0]["code"], "not_in_room", "{err}");
    for (flash, code) in [
        (
            json!({"price_fen": price, "duration_secs": 60}),
            "flash_price",
        ),
        (json!({"price_fen": 0, "duration_secs": 60}), "flash_price"),
        (
            json!({"price_fen": 1, "duration_secs": 0}),
            "flash_duration",
        ),
    ] {
        let err = call(
            &app,
            Method::PUT,
            &uri,
            Some(&host),
            Some(json!({"product_id": items[0], "flash": flash})),
        )
        .await
        .expect_error(422, "validation", "flash");
        assert_eq!(err["error"]["fields"][0]["code"], code, "{err}");
    }
    let pinned: PinnedProduct = parse(&call(&app, Method::PUT, &uri, Some(&host), Some(json!({"product_id": items[0], "flash": {"price_fen": price - 1, "duration_secs": 600}}))).await, 200, "pin");
    assert_eq!(pinned.product.id, items[0]);
    let flash = pinned.flash.expect("a flash sale");
    assert_eq!(flash.price_fen, price - 1);
    assert!(flash.ends_at > zhongcao_server::now_unix() + 590);
    let seen: LiveRoomDetail =
        serde_json::from_value(app.get_json(&format!("/api/v1/live/{}", room.id)).await)
            .expect("detail");
    assert_eq!(seen.pinned, Some(pinned));

    let res = call(&app, Method::DELETE, &uri, Some(&host), None).await;
    assert_eq!(res.status.as_u16(), 204);
    let seen: LiveRoomDetail =
        serde_json::from_value(app.get_json(&format!("/api/v1/live/{}", room.id)).await)
            .expect("detail");
    assert!(seen.pinned.is_none());

    end_live(&app, room.id, &host).await;
    call(
        &app,
        Method::PUT,
        &uri,
        Some(&host),
        Some(json!({"product_id": items[0]})),
    )
    .await
    .expect_error(409, "room_ended", "ended");
}

#[tokio::test]
async fn moderation_refusals_and_chat_history_pages() {
    let app = live_app().await;
    let host = person(&app).await;
    let other = person(&app).await;
    let room = go_live(&app, &host, &products(&app, 1).await).await;
    let base = format!("/api/v1/live/{}", room.id);
    // Messages written straight to the table (the socket tests cover writing them).
    let mut ids = Vec::new();
    for i in 0..5 {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO live_chat (room_id, user_id, body, created_at, offset_ms) \
             VALUES ($1, $2, $3, 0, $4) RETURNING id",
        )
        .bind(room.id)
        .bind(other.id)
        .bind(format!("message {i}"))
        .bind(i * 1000)
        .fetch_one(&app.state.db)
        .await
        .expect("message");
        ids.push(id);
    }
    let msg = format!("{base}/chat/{}", ids[1]);
    call(&app, Method::DELETE, &msg, Some(&other), None)
        .await
        .expect_error(403, "not_your_room", "not the host");
    call(
        &app,
        Method::DELETE,
        &format!("{base}/chat/999999"),
        Some(&host),
        None,
    )
    .await
    .expect_error(404, "not_found", "unknown message");
    assert_eq!(status(&app, Method::DELETE, &msg, Some(&host)).await, 204);
    assert_eq!(
        status(&app, Method::DELETE, &msg, Some(&host)).await,
        204,
        "again"
    );

    let mute = format!("{base}/mutes/{}", other.id);
    call(&app, Method::PUT, &mute, Some(&other), None)
        .await
        .expect_error(403, "not_your_room", "not the host");
    call(
        &app,
        Method::PUT,
        &format!("{base}/mutes/{}", host.id),
        Some(&host),
        None,
    )
    .await
    .expect_error(422, "cannot_mute_self", "self");
    call(
        &app,
        Method::PUT,
        &format!("{base}/mutes/999999"),
        Some(&host),
        None,
    )
    .await
    .expect_error(404, "not_found", "nobody");
    assert_eq!(status(&app, Method::PUT, &mute, Some(&host)).await, 204);
    let seen: LiveRoomDetail = get_as(&app, &base, Some(&other), "detail").await;
    assert!(seen.viewer_muted);
    assert_eq!(seen.recent_chat.len(), 4, "the removed message is gone");
    assert_eq!(status(&app, Method::DELETE, &mute, Some(&host)).await, 204);

    // History: oldest first, paged, without the removed message.
    let first: Page<ChatMessage> =
        serde_json::from_value(app.get_json(&format!("{base}/chat?limit=3")).await).expect("page");
    let texts: Vec<&str> = first.items.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["message 0", "message 2", "message 3"]);
    assert_eq!(first.items[1].offset_ms, 2000);
    let cursor = first.next_cursor.expect("more");
    let rest: Page<ChatMessage> = serde_json::from_value(
        app.get_json(&format!("{base}/chat?limit=3&cursor={cursor}"))
            .await,
    )
    .expect("page");
    assert_eq!(rest.items.len(), 1);
    assert!(rest.next_cursor.is_none());
    app.expect_error("/api/v1/live/999999/chat", 404, "not_found")
        .await;
}

/// `value.pipe(f)`: applies `f` (reads left to right in chains).
trait Pipe: Sized {
    fn pipe<T>(self, f: impl FnOnce(Self) -> T) -> T {
        f(self)
    }
}
impl<T> Pipe for T {}
