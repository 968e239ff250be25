//! The events socket over a real loopback connection: fan-out, the chat rules, bad frames,
//! cross-site upgrades, moderation, viewer counts, likes.

use std::time::Instant;

use api_types::{ErrorCode, LimitedAction, ServerEvent};
use axum::http::Method;
use futures_util::SinkExt;
use serde_json::json;
use tokio_tungstenite::tungstenite::Message;

use super::*;

fn is_chat(text: &str) -> impl Fn(&ServerEvent) -> bool + '_ {
    move |e| matches!(e, ServerEvent::Chat { message } if message.text == text)
}

fn error_code(e: &ServerEvent) -> Option<ErrorCode> {
    match e {
        ServerEvent::Error { code, .. } => Some(*code),
        _ => None,
    }
}

#[tokio::test]
async fn two_viewers_get_a_chat_within_a_second_and_guests_cannot_chat() {
    let app = live_app().await;
    let host = person(&app).await;
    let fan = person(&app).await;
    let room = go_live(&app, &host, &products(&app, 1).await).await;
    let addr = serve(&app).await;

    let (mut guest, hello) = watch(addr, room.id, None).await;
    let ServerEvent::Hello {
        user_id, is_host, ..
    } = hello
    else {
        unreachable!()
    };
    assert_eq!((user_id, is_host), (None, false));
    let (mut host_ws, hello) = watch(addr, room.id, Some(&host)).await;
    assert!(matches!(hello, ServerEvent::Hello { is_host: true, .. }));
    let (mut fan_ws, _) = watch(addr, room.id, Some(&fan)).await;

    let sent = Instant::now();
    say(&mut fan_ws, "  好看！<b>link</b>\n ").await;
    for ws in [&mut guest, &mut host_ws] {
        let got = wait_for(ws, 1, is_chat("好看！<b>link</b>")).await;
        let Some(ServerEvent::Chat { message }) = got else {
            panic!("no chat within a second")
        };
        assert_eq!(message.user.id, fan.id);
        assert!(!message.is_demo && !message.by_host);
    }
    assert!(sent.elapsed().as_millis() < 1000);

    say(&mut guest, "hello from a guest").await;
    let refused = wait_for(&mut guest, 2, |e| error_code(e).is_some())
        .await
        .expect("an error");
    assert_eq!(error_code(&refused), Some(ErrorCode::Unauthorized));
    say(&mut fan_ws, &"长".repeat(201)).await;
    let refused = wait_for(&mut fan_ws, 2, |e| error_code(e).is_some())
        .await
        .expect("an error");
    assert!(
        matches!(&refused, ServerEvent::Error { code: ErrorCode::ChatTooLong, params, .. } if params.max == Some(200)),
        "{refused:?}"
    );
    say(&mut fan_ws, " \n ").await;
    let refused = wait_for(&mut fan_ws, 2, |e| error_code(e).is_some())
        .await
        .expect("an error");
    assert_eq!(error_code(&refused), Some(ErrorCode::ChatEmpty));
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM live_chat WHERE room_id = $1")
        .bind(room.id)
        .fetch_one(&app.state.db)
        .await
        .expect("count");
    assert_eq!(stored, 1, "only the valid message was kept");

    // The host's messages say so; the sixth message in ten seconds is refused.
    say(&mut host_ws, "welcome").await;
    let got = wait_for(&mut fan_ws, 2, is_chat("welcome")).await;
    assert!(matches!(got, Some(ServerEvent::Chat { message }) if message.by_host));
    for i in 0..4 {
        say(&mut fan_ws, &format!("again {i}")).await;
    }
    say(&mut fan_ws, "one too many").await;
    let refused = wait_for(&mut fan_ws, 2, |e| error_code(e).is_some())
        .await
        .expect("an error");
    let ServerEvent::Error { code, params, .. } = refused else {
        unreachable!()
    };
    assert_eq!(code, ErrorCode::RateLimited);
    assert_eq!(params.action, Some(LimitedAction::LiveChat));
    assert_eq!((params.limit, params.window_secs), (Some(5), Some(10)));
    assert!(params.retry_after.is_some_and(|s| (1..=10).contains(&s)));
}

#[tokio::test]
async fn bad_frames_close_only_their_own_socket() {
    let app = live_app().await;
    let host = person(&app).await;
    let fan = person(&app).await;
    let room = go_live(&app, &host, &products(&app, 1).await).await;
    let addr = serve(&app).await;
    let (mut keeper, _) = watch(addr, room.id, Some(&fan)).await;
    let (mut host_ws, _) = watch(addr, room.id, Some(&host)).await;

    let (mut big, _) = watch(addr, room.id, None).await;
    send_json(&mut big, json!({"type": "chat", "text": "x".repeat(5000)})).await;
    assert_eq!(close_code(&mut big).await, Some(1009), "too big");

    let (mut garbage, _) = watch(addr, room.id, Some(&fan)).await;
    garbage
        .send(Message::Text("{not json".into()))
        .await
        .expect("send");
    assert_eq!(close_code(&mut garbage).await, Some(1008), "not JSON");

    let (mut unknown, _) = watch(addr, room.id, None).await;
    send_json(&mut unknown, json!({"type": "shout", "text": "hi"})).await;
    assert_eq!(
        close_code(&mut unknown).await,
        Some(1008),
        "not a client event"
    );

    let (mut binary, _) = watch(addr, room.id, None).await;
    binary
        .send(Message::Binary(vec![1, 2, 3].into()))
        .await
        .expect("send");
    assert_eq!(close_code(&mut binary).await, Some(1003), "binary");

    // The others are untouched: a chat still reaches both.
    say(&mut host_ws, "still here?").await;
    assert!(wait_for(&mut keeper, 2, is_chat("still here?"))
        .await
        .is_some());
    assert!(wait_for(&mut host_ws, 2, is_chat("still here?"))
        .await
        .is_some());
    let status: String = sqlx::query_scalar("SELECT status FROM live_rooms WHERE id = $1")
        .bind(room.id)
        .fetch_one(&app.state.db)
        .await
        .expect("room");
    assert_eq!(status, "live");
}

#[tokio::test]
async fn upgrades_are_refused_as_json_before_upgrading() {
    let app = live_app().await;
    let host = person(&app).await;
    let room = go_live(&app, &host, &products(&app, 1).await).await;
    let uri = format!("/api/v1/live/{}/ws", room.id);

    // Cross-site, no Origin at all, unknown room, not an upgrade: each its JSON refusal.
    let res = app
        .request(Method::GET, &uri)
        .header("origin", "http://evil.example")
        .send()
        .await;
    res.expect_error(403, "cross_site_request", "cross-site");
    let res = app
        .request(Method::GET, &uri)
        .without_header("origin")
        .send()
        .await;
    res.expect_error(403, "cross_site_request", "no origin");
    let res = app
        .request(Method::GET, "/api/v1/live/999999/ws")
        .send()
        .await;
    res.expect_error(404, "not_found", "unknown room");
    let res = app.request(Method::GET, &uri).send().await;
    res.expect_error(426, "upgrade_required", "plain GET");

    // Over a real connection the handshake fails with the same 403.
    let addr = serve(&app).await;
    match open(addr, room.id, Some(&host), Some("https://evil.example")).await {
        Err(tokio_tungstenite::tungstenite::Error::Http(res)) => assert_eq!(res.status(), 403),
        other => panic!("cross-site upgrade: {:?}", other.map(|_| "connected")),
    }
    end_live(&app, room.id, &host).await;
    let res = app.request(Method::GET, &uri).send().await;
    res.expect_error(409, "room_ended", "ended room");
}

#[tokio::test]
async fn the_host_removes_messages_and_mutes_people() {
    let app = live_app().await;
    let host = person(&app).await;
    let troll = person(&app).await;
    let room = go_live(&app, &host, &products(&app, 1).await).await;
    let addr = serve(&app).await;
    let (mut watcher, _) = watch(addr, room.id, None).await;
    let (mut troll_ws, _) = watch(addr, room.id, Some(&troll)).await;

    say(&mut troll_ws, "buy my stuff elsewhere").await;
    let Some(ServerEvent::Chat { message }) =
        wait_for(&mut watcher, 2, is_chat("buy my stuff elsewhere")).await
    else {
        panic!("no chat")
    };
    let res = call(
        &app,
        Method::DELETE,
        &format!("/api/v1/live/{}/chat/{}", room.id, message.id),
        Some(&host),
        None,
    )
    .await;
    assert_eq!(res.status.as_u16(), 204);
    let removed = wait_for(&mut watcher, 2, |e| {
        matches!(e, ServerEvent::ChatRemoved { .. })
    })
    .await;
    assert_eq!(removed, Some(ServerEvent::ChatRemoved { id: message.id }));

    let res = call(
        &app,
        Method::PUT,
        &format!("/api/v1/live/{}/mutes/{}", room.id, troll.id),
        Some(&host),
        None,
    )
    .await;
    assert_eq!(res.status.as_u16(), 204);
    let told = wait_for(&mut troll_ws, 2, |e| matches!(e, ServerEvent::Muted { .. })).await;
    assert_eq!(told, Some(ServerEvent::Muted { muted: true }));
    say(&mut troll_ws, "am I muted?").await;
    let refused = wait_for(&mut troll_ws, 2, |e| error_code(e).is_some())
        .await
        .expect("an error");
    assert_eq!(error_code(&refused), Some(ErrorCode::Muted));
    // Others were not told anything about the mute, and the refused text went nowhere.
    let leaked = wait_for(&mut watcher, 1, |e| {
        matches!(e, ServerEvent::Muted { .. } | ServerEvent::Chat { .. })
    })
    .await;
    assert!(leaked.is_none(), "{leaked:?}");
    let (_again, hello) = watch(addr, room.id, Some(&troll)).await;
    assert!(matches!(hello, ServerEvent::Hello { muted: true, .. }));

    // Ending the room tells every socket and closes it normally.
    end_live(&app, room.id, &host).await;
    let ended = wait_for(&mut watcher, 2, |e| matches!(e, ServerEvent::Ended { .. })).await;
    assert!(ended.is_some());
    assert_eq!(close_code(&mut watcher).await, Some(1000));
}

#[tokio::test]
async fn viewer_counts_and_likes_reach_everyone() {
    let app = live_app().await;
    let host = person(&app).await;
    let room = go_live(&app, &host, &products(&app, 1).await).await;
    let addr = serve(&app).await;
    let (mut first, hello) = watch(addr, room.id, Some(&host)).await;
    assert!(
        matches!(hello, ServerEvent::Hello { viewers: 1, .. }),
        "{hello:?}"
    );
    let (second, _) = watch(addr, room.id, None).await;
    let (mut third, _) = watch(addr, room.id, None).await;
    let seen = wait_for(&mut first, 3, |e| {
        matches!(e, ServerEvent::Viewers { count: 3 })
    })
    .await;
    assert!(seen.is_some(), "three viewers");
    let detail: LiveRoomDetail =
        serde_json::from_value(app.get_json(&format!("/api/v1/live/{}", room.id)).await)
            .expect("detail");
    assert_eq!(detail.viewers, 3);
    drop(second);
    let seen = wait_for(&mut first, 3, |e| {
        matches!(e, ServerEvent::Viewers { count: 2 })
    })
    .await;
    assert!(seen.is_some(), "one left");

    // Likes: batched into one total, capped per frame, saved.
    send_json(&mut third, json!({"type": "like", "count": 4})).await;
    send_json(&mut third, json!({"type": "like", "count": 3})).await;
    let seen = wait_for(&mut first, 2, |e| {
        matches!(e, ServerEvent::Likes { total: 7 })
    })
    .await;
    assert!(seen.is_some(), "seven likes");
    send_json(&mut third, json!({"type": "like", "count": 500})).await;
    let refused = wait_for(&mut third, 2, |e| error_code(e).is_some())
        .await
        .expect("an error");
    assert_eq!(error_code(&refused), Some(ErrorCode::InvalidRequest));
    let (likes, peak): (i64, i64) =
        sqlx::query_as("SELECT likes, peak_viewers FROM live_rooms WHERE id = $1")
            .bind(room.id)
            .fetch_one(&app.state.db)
            .await
            .expect("room");
    assert_eq!((likes, peak), (7, 3));
}
