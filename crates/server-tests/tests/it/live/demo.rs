//! The demo world's rooms: live ones with a pinned product (one on a flash sale), past ones
//! with a replay and chat history, and generated chat only where somebody watches.

use api_types::{ChatMessage, LiveRoomCard, LiveRoomDetail, Page, ServerEvent};

use super::*;

#[tokio::test]
async fn the_demo_world_has_live_rooms_and_replays() {
    let app = live_app().await;
    let live: Page<LiveRoomCard> =
        serde_json::from_value(app.get_json("/api/v1/live").await).expect("page");
    let demo: Vec<_> = live.items.iter().filter(|r| r.is_demo).collect();
    assert_eq!(demo.len(), 3);
    let mut flash_sales = 0;
    for card in &demo {
        let room: LiveRoomDetail =
            serde_json::from_value(app.get_json(&format!("/api/v1/live/{}", card.id)).await)
                .expect("room");
        assert_eq!(room.products.len(), 4);
        let pinned = room.pinned.expect("a pinned product");
        if let Some(flash) = pinned.flash {
            assert!(flash.price_fen < pinned.product.price_fen);
            flash_sales += 1;
        }
        assert!(!room.recent_chat.is_empty() && room.recent_chat.iter().all(|m| m.is_demo));
        assert_ne!(room.host.user.id, 0);
    }
    assert_eq!(flash_sales, 1);

    let past: Page<LiveRoomCard> =
        serde_json::from_value(app.get_json("/api/v1/live?status=ended").await).expect("page");
    assert_eq!(
        past.items
            .iter()
            .filter(|r| r.is_demo && r.has_replay)
            .count(),
        2
    );
    for card in past.items.iter().filter(|r| r.is_demo) {
        let key: Option<String> =
            sqlx::query_scalar("SELECT replay_key FROM live_rooms WHERE id = $1")
                .bind(card.id)
                .fetch_one(&app.state.db)
                .await
                .expect("room");
        assert_eq!(key, Some(format!("demo-{}", card.id)));
        let chat: Page<ChatMessage> = serde_json::from_value(
            app.get_json(&format!("/api/v1/live/{}/chat?limit=50", card.id))
                .await,
        )
        .expect("chat");
        assert_eq!(chat.items.len(), 40);
        let ended = card.ended_at.expect("ended");
        assert!(chat
            .items
            .windows(2)
            .all(|w| w[0].offset_ms <= w[1].offset_ms));
        assert!(chat
            .items
            .iter()
            .all(|m| m.offset_ms <= (ended - card.started_at) * 1000));
    }
}

#[tokio::test]
async fn demo_chat_is_generated_only_where_somebody_watches() {
    let app = live_app().await;
    let rooms: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM live_rooms WHERE is_demo AND status = 'live' ORDER BY id",
    )
    .fetch_all(&app.state.db)
    .await
    .expect("rooms");
    let count = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM live_chat")
            .fetch_one(&app.state.db)
            .await
            .expect("count")
    };
    let before = count().await;
    let mut rng = fastrand::Rng::with_seed(7);
    zhongcao_server::live::demo::one_round(&app.state, &mut rng, 1)
        .await
        .expect("round");
    assert_eq!(count().await, before, "nobody watches: nothing written");

    let addr = serve(&app).await;
    let (mut ws, _) = watch(addr, rooms[0], None).await;
    zhongcao_server::live::demo::one_round(&app.state, &mut rng, 2)
        .await
        .expect("round");
    assert_eq!(count().await, before + 1, "one line in the watched room");
    let got = wait_for(&mut ws, 2, |e| matches!(e, ServerEvent::Chat { .. })).await;
    assert!(matches!(got, Some(ServerEvent::Chat { message }) if message.is_demo));
    let got = wait_for(&mut ws, 2, |e| matches!(e, ServerEvent::Likes { .. })).await;
    assert!(got.is_some(), "demo likes");
}
