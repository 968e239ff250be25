//! The host's browser → FFmpeg → viewers, and the replay it leaves.

use std::time::Duration;

use api_types::live_media::{
    ingest_path, media_path, replay_url, IngestStart, MediaMessage, CLOSE_REPLACED, KIND_END,
    KIND_FRAGMENT,
};
use axum::http::Method;
use futures_util::SinkExt;
use tokio_tungstenite::tungstenite::Message;

use super::{
    expect_close, live_server, next_binary, now_ms, read_fragment, read_init, top_boxes, Socket,
};
use crate::common::signed_in_user;

/// Seconds of WebM the "browser" records.
const RECORDED_SECS: u32 = 6;

/// A WebM like Chromium's `MediaRecorder` makes (VP8 + Opus), in clusters of 250 ms: encoded
/// ahead, so the test's own encoder does not compete with the server's on a busy machine.
pub(super) fn recorded_webm(dir: &std::path::Path) -> Vec<u8> {
    let out = dir.join("recorded.webm");
    let status = crate::test_clip::ffmpeg()
        .args(["-f", "lavfi", "-i"])
        .arg(format!(
            "testsrc=size=320x240:rate=15:duration={RECORDED_SECS}"
        ))
        .args(["-f", "lavfi", "-i"])
        .arg(format!(
            "sine=frequency=440:sample_rate=48000:duration={RECORDED_SECS}"
        ))
        .args([
            "-c:v",
            "libvpx",
            "-deadline",
            "realtime",
            "-cpu-used",
            "8",
            "-b:v",
            "500k",
        ])
        .args([
            "-c:a",
            "libopus",
            "-cluster_time_limit",
            "250",
            "-f",
            "webm",
        ])
        .arg(&out)
        .status()
        .expect("ffmpeg");
    assert!(status.success());
    std::fs::read(&out).expect("webm")
}

/// The WebM cut where each Cluster starts, with the cluster's time in ms (0 for the header).
pub(super) fn chunks_by_time(webm: &[u8]) -> Vec<(u64, &[u8])> {
    const CLUSTER: [u8; 4] = [0x1F, 0x43, 0xB6, 0x75];
    let starts: Vec<usize> = (0..webm.len().saturating_sub(4))
        .filter(|&i| webm[i..i + 4] == CLUSTER)
        .collect();
    let time_of = |at: usize| {
        // Cluster ID, its size (an EBML variable-length integer), then Timestamp (0xE7).
        let size_len = webm[at + 4].leading_zeros() as usize + 1;
        let t = at + 4 + size_len;
        assert_eq!(webm[t], 0xE7, "a cluster opens with its timestamp");
        let len = (webm[t + 1] & 0x7f) as usize;
        webm[t + 2..t + 2 + len]
            .iter()
            .fold(0u64, |v, b| v << 8 | u64::from(*b))
    };
    let mut out = vec![(0, &webm[..starts[0]])];
    for (i, &at) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(webm.len());
        out.push((time_of(at), &webm[at..end]));
    }
    out
}

/// Sends the recording as a browser would: each cluster when its time has come.
async fn stream_like_a_browser(mut host: Socket, webm: Vec<u8>) {
    let started = tokio::time::Instant::now();
    let started_at_ms = now_ms() as i64;
    let start = serde_json::to_string(&IngestStart { started_at_ms }).expect("json");
    host.send(Message::Text(start.into()))
        .await
        .expect("start message");
    for (at_ms, chunk) in chunks_by_time(&webm) {
        // MediaRecorder hands a chunk over once its 250 ms have been recorded.
        tokio::time::sleep_until(started + Duration::from_millis(at_ms + 250)).await;
        host.send(Message::Binary(chunk.to_vec().into()))
            .await
            .expect("chunk");
    }
    // Like a tab that stops recording: the socket closes.
    let _ = host.close(None).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hosts_webm_reaches_viewers_as_fmp4_and_ends_as_a_replay() {
    let server = live_server().await;
    let app = &server.app;
    let (host, cookie) = signed_in_user(app, "livehost_{n}", "Live Host {n}").await;
    let (_, stranger) = signed_in_user(app, "liveguest_{n}", "Stranger {n}").await;
    let id = server.room(host, false).await;
    let origin = server.origin();
    let path = ingest_path(id);

    // Refusals come as JSON before any upgrade.
    let refused = |r: Result<Socket, (u16, String)>| r.expect_err("refused");
    let guest = server.connect(&path, &[("origin", &origin)]).await;
    assert_eq!(refused(guest), (401, "unauthorized".to_string()));
    let not_host = server
        .connect(&path, &[("origin", &origin), ("cookie", &stranger)])
        .await;
    assert_eq!(refused(not_host), (403, "not_your_room".to_string()));
    let unknown = server
        .connect(
            &ingest_path(987_654),
            &[("origin", &origin), ("cookie", &cookie)],
        )
        .await;
    assert_eq!(refused(unknown), (404, "not_found".to_string()));
    let cross_site = server
        .connect(
            &path,
            &[("origin", "http://evil.example"), ("cookie", &cookie)],
        )
        .await;
    assert_eq!(refused(cross_site), (403, "cross_site_request".to_string()));
    let plain_get = app.request(Method::GET, &media_path(id)).send().await;
    plain_get.expect_error(426, "upgrade_required", "media without an upgrade");

    let mut viewer = server.connect(&media_path(id), &[]).await.expect("viewer");
    let headers = [("origin", origin.as_str()), ("cookie", cookie.as_str())];
    // A second ingest socket takes over from the first.
    let mut first = server.connect(&path, &headers).await.expect("host");
    let second = server.connect(&path, &headers).await.expect("host again");
    expect_close(&mut first, CLOSE_REPLACED, "the first ingest").await;

    let dir = tempfile::tempdir().expect("dir");
    let webm = recorded_webm(dir.path());
    assert!(
        chunks_by_time(&webm).len() > 4 * RECORDED_SECS as usize,
        "clusters of ~250 ms"
    );
    let sending = tokio::spawn(stream_like_a_browser(second, webm));
    let (mime, init, info) = read_init(&mut viewer, Duration::from_secs(20)).await;
    assert_eq!(top_boxes(&init), ["ftyp", "moov"]);
    assert!(
        mime.contains("avc1.") && mime.contains("mp4a.40.2"),
        "{mime}"
    );
    let mut delays = Vec::new();
    let mut media_secs = 0.0;
    while let Some(fragment) = read_fragment(&mut viewer, &info, Duration::from_secs(10)).await {
        assert!(fragment.info.is_key(&info));
        let main = fragment.info.main_run(&info);
        let scale = info.track(main.track_id).expect("track").timescale;
        media_secs += main.duration as f64 / f64::from(scale);
        delays.push(now_ms() as i64 - fragment.captured_at_ms as i64);
        if media_secs >= f64::from(RECORDED_SECS) - 0.5 {
            break;
        }
    }
    sending.await.expect("sent");
    println!(
        "ingest → viewer: {} fragments, delay from capture (ms): {delays:?}",
        delays.len()
    );
    assert!(delays.len() >= 4, "{delays:?}");
    // The fragment's first frame to its arrival: a fragment's length (1 s), the 250 ms chunk
    // and transcoding: ~1.2 s measured. The goal (≤ 5 s) must hold for the median; a single
    // fragment may be later while the two cores are saturated by builds beside the test.
    let mut sorted = delays.clone();
    sorted.sort_unstable();
    assert!(sorted[sorted.len() / 2] < 5_000, "median of {delays:?}");
    assert!(delays.iter().all(|d| (0..10_000).contains(d)), "{delays:?}");

    let key = app.state.live_media.end(id).await.expect("a replay");
    let end = loop {
        let (_, bytes) = next_binary(&mut viewer, Duration::from_secs(5))
            .await
            .expect("end");
        let kind = MediaMessage::parse(&bytes).expect("framed").kind;
        if kind != KIND_FRAGMENT {
            break kind;
        }
    };
    assert_eq!(end, KIND_END);

    let file = app.state.live_media.dir.join(format!("{key}.mp4"));
    let probe = std::process::Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-show_entries",
            "format=duration",
            "-of",
            "csv=p=0",
        ])
        .arg(&file)
        .output()
        .expect("ffprobe");
    let duration: f64 = String::from_utf8_lossy(&probe.stdout)
        .trim()
        .parse()
        .expect("a duration");
    println!("replay {key}: {duration:.2} s");
    assert!(
        (duration - f64::from(RECORDED_SECS)).abs() < 1.0,
        "{duration} s"
    );

    let size = std::fs::metadata(&file).expect("replay file").len();
    let res = app
        .request(Method::GET, &replay_url(&key))
        .header("range", "bytes=0-99")
        .send()
        .await;
    assert_eq!(res.status, 206);
    assert_eq!(res.header("content-range"), format!("bytes 0-99/{size}"));
    assert_eq!(res.header("content-type"), "video/mp4");
    assert!(res.header("cache-control").contains("immutable"));
    assert_eq!(res.body.len(), 100);
    // Index first: a player can start and seek before the rest arrives.
    assert_eq!(&top_boxes_prefix(&res.body), "ftyp");
    let missing = app.get(&replay_url("1-nosuchreplay")).await;
    missing.expect_error(404, "not_found", "unknown replay");
}

/// The type of the first box of `bytes`.
fn top_boxes_prefix(bytes: &[u8]) -> String {
    String::from_utf8_lossy(&bytes[4..8]).into_owned()
}
