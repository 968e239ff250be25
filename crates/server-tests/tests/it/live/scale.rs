//! A measurement, not a check of behaviour (ignored by default; run with
//! `cargo test --profile server -p zhongcao-server-tests -- --ignored live::scale --nocapture`):
//! 500 viewers on one room over loopback, the time from one chat message to its arrival at
//! every socket, and the process's memory per open socket (client and server halves both
//! live in this process, so it is an upper bound for the server's share).

use std::time::Instant;

use api_types::ServerEvent;

use super::*;

fn rss_kib() -> i64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement: run on purpose"]
async fn chat_fan_out_to_500_viewers() {
    const VIEWERS: usize = 500;
    let app = live_app().await;
    let host = person(&app).await;
    let room = go_live(&app, &host, &products(&app, 1).await).await;
    let addr = serve(&app).await;
    let before = rss_kib();
    let mut sockets = Vec::with_capacity(VIEWERS);
    for _ in 0..VIEWERS {
        sockets.push(watch(addr, room.id, None).await.0);
    }
    let per_socket = (rss_kib() - before) as f64 / VIEWERS as f64;
    let (mut host_ws, _) = watch(addr, room.id, Some(&host)).await;
    let mut latencies = Vec::new();
    for round in 0..5 {
        let text = format!("round {round}");
        let sent = Instant::now();
        say(&mut host_ws, &text).await;
        let waits = sockets.iter_mut().map(|ws| {
            let text = text.clone();
            async move {
                let got = wait_for(
                    ws,
                    5,
                    |e| matches!(e, ServerEvent::Chat { message } if message.text == text),
                )
                .await;
                assert!(got.is_some(), "every viewer gets the message");
                sent.elapsed()
            }
        });
        latencies.extend(futures_util::future::join_all(waits).await);
        tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    }
    latencies.sort_unstable();
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    println!(
        "{VIEWERS} viewers: chat fan-out p50 {:?}, p99 {:?}, max {:?}; ~{per_socket:.0} KiB RSS per socket (client + server)",
        pct(0.5),
        pct(0.99),
        latencies[latencies.len() - 1]
    );
    assert!(pct(0.99).as_millis() < 1000, "within a second");
}
