//! A viewer that stops reading costs the server a bounded queue, shared by the room, and
//! holds up no one else.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use api_types::live_media::media_path;

use super::{live_server, now_ms, read_fragment, read_init};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_viewer_that_never_reads_is_skipped_ahead_and_delays_no_one() {
    let server = live_server().await;
    let host = server.some_user().await;
    let id = server.room(host, true).await;
    server.app.state.start_live_demos().await.expect("demo rooms");
    let mut fast = server.connect(&media_path(id), &[]).await.expect("viewer");
    let (_, _, info) = read_init(&mut fast, Duration::from_secs(240)).await;

    // A tiny receive window: the server's sends to it stall within a fragment.
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket.set_recv_buffer_size(4096).expect("buffer size");
    let stream = socket.connect(server.addr).await.expect("connect");
    let (mut slow, _) = tokio_tungstenite::client_async(server.request(&media_path(id), &[]), stream)
        .await
        .expect("slow viewer");

    let stall = Instant::now();
    let mut last = Instant::now();
    let mut longest_gap = Duration::ZERO;
    let mut fragments = 0;
    while stall.elapsed() < Duration::from_secs(12) {
        read_fragment(&mut fast, &info, Duration::from_secs(5))
            .await
            .expect("the fast viewer keeps getting fragments");
        longest_gap = longest_gap.max(last.elapsed());
        last = Instant::now();
        fragments += 1;
    }
    let channel = server.app.state.live_media.get(id).expect("the room's stream");
    let skipped = channel.skipped.load(Ordering::Relaxed);
    println!("slow viewer: {skipped} fragments skipped; fast viewer: {fragments} fragments, longest gap {longest_gap:?}");
    assert!(longest_gap < Duration::from_millis(1_700), "{longest_gap:?}");
    assert_eq!(channel.viewers.load(Ordering::Relaxed), 2);
    // Not queued for it: dropped from the shared queue it fell behind.
    assert!(skipped >= 3, "{skipped}");

    // When it reads again, it is soon back at the live edge, not 12 s behind.
    let (_, _, slow_info) = read_init(&mut slow, Duration::from_secs(5)).await;
    let caught_up = Instant::now();
    loop {
        let fragment = read_fragment(&mut slow, &slow_info, Duration::from_secs(5))
            .await
            .expect("fragments again");
        let behind = now_ms() as i64 - fragment.captured_at_ms as i64;
        if behind < 2_000 {
            break;
        }
        assert!(caught_up.elapsed() < Duration::from_secs(3), "still {behind} ms behind");
    }
}
