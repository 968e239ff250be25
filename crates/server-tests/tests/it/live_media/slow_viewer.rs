//! A viewer that stops reading costs the server a bounded queue, shared by the room, and
//! holds up no one else. (On loopback the kernel's socket buffers, up to `tcp_wmem`'s 4 MB,
//! absorb a stalled viewer's first minutes of a demo room, so the queue's bound is checked on
//! the receiver every viewer's task reads from.)

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use api_types::live_media::media_path;
use tokio::sync::broadcast::error::RecvError;
use zhongcao_server::live_media::channel::{Event, QUEUE_FRAGMENTS};

use super::{live_server, now_ms, read_fragment, read_init};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_viewer_that_never_reads_is_skipped_ahead_and_delays_no_one() {
    let server = live_server().await;
    let host = server.some_user().await;
    let id = server.room(host, true).await;
    server
        .app
        .state
        .start_live_demos()
        .await
        .expect("demo rooms");
    let mut fast = server.connect(&media_path(id), &[]).await.expect("viewer");
    let (_, _, info) = read_init(&mut fast, Duration::from_secs(240)).await;
    let channel = server
        .app
        .state
        .live_media
        .get(id)
        .expect("the room's stream");
    // What every viewer's task reads from: a receiver nobody reads.
    let (_, _, mut idle) = channel.join().expect("joined");

    // A viewer with a tiny receive window that never reads.
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket.set_recv_buffer_size(4096).expect("buffer size");
    let stream = socket.connect(server.addr).await.expect("connect");
    let (mut slow, _) = tokio_tungstenite::client_async(
        server.request(&media_path(id), &[]),
        tokio_tungstenite::MaybeTlsStream::Plain(stream),
    )
    .await
    .expect("slow viewer");

    let stall = Instant::now();
    let mut last = Instant::now();
    let mut longest_gap = Duration::ZERO;
    let mut fragments = 0;
    while stall.elapsed() < Duration::from_secs(8) {
        read_fragment(&mut fast, &info, Duration::from_secs(5))
            .await
            .expect("the fast viewer keeps getting fragments");
        longest_gap = longest_gap.max(last.elapsed());
        last = Instant::now();
        fragments += 1;
    }
    println!(
        "fast viewer beside a stalled one: {fragments} fragments, longest gap {longest_gap:?}"
    );
    assert!(
        longest_gap < Duration::from_millis(1_700),
        "{longest_gap:?}"
    );
    assert_eq!(channel.viewers.load(Ordering::Relaxed), 2);
    // The room keeps at most its queue for a reader that fell behind; the reader then skips
    // to what is current (a viewer's task does so, to the next keyframe fragment).
    match idle.recv().await {
        Err(RecvError::Lagged(skipped)) => {
            assert!(skipped >= 1 && skipped as usize + QUEUE_FRAGMENTS + 1 >= fragments)
        }
        other => panic!("expected to have lagged, got {other:?}"),
    }
    // What is left for it is at most the queue, ending at the live edge.
    let mut kept = Vec::new();
    while let Ok(event) = idle.try_recv() {
        if let Event::Fragment(fragment) = event {
            kept.push(fragment);
        }
    }
    assert!(
        !kept.is_empty() && kept.len() <= QUEUE_FRAGMENTS,
        "{} kept",
        kept.len()
    );
    let oldest = now_ms() as i64 - kept[0].captured_at_ms as i64;
    assert!(
        oldest <= 1_000 * QUEUE_FRAGMENTS as i64 + 500,
        "{oldest} ms behind"
    );

    // When it reads again, it is soon back at the live edge, not 8 s behind.
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
        assert!(
            caught_up.elapsed() < Duration::from_secs(3),
            "still {behind} ms behind"
        );
    }
}
