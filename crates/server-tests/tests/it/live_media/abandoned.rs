//! A host who leaves: the room waits the grace period for them, then ends exactly as the
//! host's End does (viewers told, replay kept). Demo rooms never end this way.

use std::time::Duration;

use api_types::live_media::{ingest_path, media_path, MediaMessage, CLOSE_ENDED, KIND_END};
use api_types::ServerEvent;
use futures_util::SinkExt;
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::Message;

use super::ingest::{chunks_by_time, recorded_webm};
use super::{expect_close, live_server_with, next_binary, LiveServer, Socket};
use crate::common::signed_in_user;
use crate::live::{go_live, products, wait_for, watch, Person};

async fn status(server: &LiveServer, id: i64) -> (String, Option<String>) {
    sqlx::query_as("SELECT status, replay_key FROM live_rooms WHERE id = $1")
        .bind(id)
        .fetch_one(&server.app.state.db)
        .await
        .expect("room")
}

/// Polls until room `id` is no longer live; how long that took (panics after `limit`).
async fn ended_within(server: &LiveServer, id: i64, limit: Duration) -> Duration {
    let start = Instant::now();
    while status(server, id).await.0 == "live" {
        assert!(
            start.elapsed() < limit,
            "room {id} still live after {limit:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    start.elapsed()
}

/// Waits for room `id`'s replay key (written once the recording is finished, after the
/// status: ending does not wait for the file).
async fn replay_of(server: &LiveServer, id: i64) -> Option<String> {
    let start = Instant::now();
    loop {
        let (_, key) = status(server, id).await;
        if key.is_some() || start.elapsed() > Duration::from_secs(15) {
            return key;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Sends `chunks` as a recorder would, one every 250 ms; when the last one went.
async fn send_paced(host: &mut Socket, chunks: &[&[u8]]) -> Instant {
    let mut last = Instant::now();
    for chunk in chunks {
        last = Instant::now();
        host.send(Message::Binary(chunk.to_vec().into()))
            .await
            .expect("chunk");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    last
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_host_back_within_the_grace_keeps_the_room_and_one_who_leaves_ends_it() {
    let grace = Duration::from_secs(2);
    let server = live_server_with(|s| s.with_live_host_grace(grace)).await;
    let (host, cookie) = signed_in_user(&server.app, "backhost_{n}", "Back Host {n}").await;
    let id = server.room(host, false).await;
    let origin = server.origin();
    let headers = [("origin", origin.as_str()), ("cookie", cookie.as_str())];
    let dir = tempfile::tempdir().expect("dir");
    let webm = recorded_webm(dir.path());
    let chunks: Vec<&[u8]> = chunks_by_time(&webm).into_iter().map(|c| c.1).collect();
    let (mut events, _) = watch(server.addr, id, None).await;
    let mut viewer = server.connect(&media_path(id), &[]).await.expect("viewer");

    // The host streams a second, then the tab goes away.
    let mut first = server
        .connect(&ingest_path(id), &headers)
        .await
        .expect("host");
    send_paced(&mut first, &chunks[..5]).await;
    first.close(None).await.expect("close");
    drop(first);
    // Back after half the grace, streaming well past the grace counted from leaving.
    tokio::time::sleep(grace / 2).await;
    assert_eq!(status(&server, id).await.0, "live", "within the grace");
    let mut second = server
        .connect(&ingest_path(id), &headers)
        .await
        .expect("back");
    send_paced(&mut second, &chunks[..1]).await;
    let last_media = send_paced(&mut second, &chunks[5..17]).await;
    assert_eq!(status(&server, id).await.0, "live", "the host came back");

    // Gone for good: the room ends after the grace (counted from the last media), not before.
    second.close(None).await.expect("close");
    drop(second);
    ended_within(&server, id, grace * 3).await;
    let after = last_media.elapsed();
    println!("ended {after:?} after the host left (grace {grace:?})");
    assert!(after >= grace, "{after:?}");
    let ended = wait_for(&mut events, 5, |e| matches!(e, ServerEvent::Ended { .. })).await;
    assert!(ended.is_some(), "viewers are told the room ended");
    let end = loop {
        let (_, bytes) = next_binary(&mut viewer, Duration::from_secs(5))
            .await
            .expect("the stream's end");
        let kind = MediaMessage::parse(&bytes).expect("framed").kind;
        if kind != api_types::live_media::KIND_FRAGMENT && kind != api_types::live_media::KIND_INIT
        {
            break kind;
        }
    };
    assert_eq!(end, KIND_END);
    let key = replay_of(&server, id)
        .await
        .expect("what was streamed is kept as the replay");
    assert!(server
        .app
        .state
        .live_media
        .dir
        .join(format!("{key}.mp4"))
        .exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn silent_hosts_and_rooms_a_killed_process_left_end_after_the_grace_but_demos_play_on() {
    let grace = Duration::from_secs(1);
    let server = live_server_with(|s| s.with_live_host_grace(grace)).await;
    let app = &server.app;
    let origin = server.origin();

    // Left live by a process killed mid-stream, its recording never finished.
    let (id, _) = signed_in_user(app, "killed_{n}", "Killed Host {n}").await;
    let orphan = server.room(id, false).await;
    let dir = &app.state.live_media.dir;
    std::fs::create_dir_all(dir).expect("live dir");
    let rec = dir.join(format!("{orphan}-killedproc.rec"));
    let made = crate::test_clip::clip_command(
        &rec,
        160,
        120,
        10,
        2,
        &[
            "-movflags",
            "frag_keyframe+empty_moov+default_base_moof",
            "-f",
            "mp4",
        ],
    )
    .status()
    .expect("ffmpeg");
    assert!(made.success());
    // Went live and never streamed (the page closed between the two).
    let (id, cookie) = signed_in_user(app, "silent_{n}", "Silent Host {n}").await;
    let never = go_live(app, &Person { id, cookie }, &products(app, 1).await).await;
    // Connected, and sends nothing: the socket is closed when the room ends.
    let (id, cookie) = signed_in_user(app, "mute_{n}", "Quiet Host {n}").await;
    let quiet = server.room(id, false).await;
    let headers = [("origin", origin.as_str()), ("cookie", cookie.as_str())];
    let mut quiet_socket = server
        .connect(&ingest_path(quiet), &headers)
        .await
        .expect("host");
    let demo = server.room(server.some_user().await, true).await;
    // The killed process's room at least (the other two may have ended already on a busy
    // machine: their watchers started with them); never the demo.
    assert!(app.state.watch_live_hosts().await.expect("start-up") >= 1);

    for room in [never.id, quiet, orphan] {
        let took = ended_within(&server, room, grace * 6).await;
        println!("room {room} ended after {took:?}");
    }
    expect_close(&mut quiet_socket, CLOSE_ENDED, "the quiet host's ingest").await;
    let replay = replay_of(&server, orphan).await;
    assert_eq!(replay.as_deref(), Some(&*format!("{orphan}-killedproc")));
    assert!(dir.join(format!("{orphan}-killedproc.mp4")).exists());
    assert!(!rec.exists(), "the recording became the replay");
    assert_eq!(status(&server, never.id).await.1, None, "nothing streamed");
    assert_eq!(status(&server, demo).await.0, "live", "demo rooms play on");
}
