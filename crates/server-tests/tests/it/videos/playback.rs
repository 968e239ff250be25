//! Playing videos: range requests on renditions, the demo world's clips, and the CSP that
//! lets pages play them.

use std::process::Command;
use std::time::Instant;

use api_types::NoteDetail;
use axum::http::{Method, StatusCode};

use super::*;
use crate::common::test_app;

/// Ranges on a rendition: first, middle and last bytes, a suffix, open-ended, and ranges
/// that cannot be satisfied (416); the whole file with a strong ETag and immutable caching,
/// 304 when it matches, and never compressed.
#[tokio::test]
async fn renditions_answer_range_requests() {
    let app = test_app(TINY_WORLD).await;
    let dir = app.state.images.video_dir("vRange0000000000000");
    std::fs::create_dir_all(&dir).expect("dir");
    let data: Vec<u8> = (0..10_000u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(dir.join("480.mp4"), &data).expect("file");
    let url = "/vid/v1/vRange0000000000000/480.mp4";
    let n = data.len();

    let whole = app
        .request(Method::GET, url)
        .header("accept-encoding", "gzip, br")
        .send()
        .await;
    assert_eq!(whole.status, StatusCode::OK);
    assert_eq!(whole.body, data);
    assert_eq!(whole.header("accept-ranges"), "bytes");
    assert_eq!(whole.header("content-type"), "video/mp4");
    assert_eq!(whole.header("content-encoding"), "", "never compressed");
    assert!(whole.header("cache-control").contains("immutable"));
    let etag = whole.header("etag");
    assert!(etag.starts_with('"'), "strong ETag: {etag}");

    let range = |r: String| app.request(Method::GET, url).header("range", &r).send();
    for (header, from, to) in [
        ("bytes=0-99".to_string(), 0, 99),
        ("bytes=4000-4999".to_string(), 4000, 4999),
        (format!("bytes={}-{}", n - 100, n - 1), n - 100, n - 1),
        ("bytes=-100".to_string(), n - 100, n - 1),
        (format!("bytes={}-", n - 10), n - 10, n - 1),
        ("bytes=9990-20000".to_string(), 9990, n - 1),
    ] {
        let res = range(header.clone()).await;
        assert_eq!(res.status, StatusCode::PARTIAL_CONTENT, "{header}");
        assert_eq!(
            res.header("content-range"),
            format!("bytes {from}-{to}/{n}"),
            "{header}"
        );
        assert_eq!(res.body, data[from..=to], "{header}");
        assert_eq!(res.header("etag"), etag);
    }
    for bad in [format!("bytes={n}-"), format!("bytes={}-{}", n + 5, n + 10)] {
        let res = range(bad.clone()).await;
        assert_eq!(res.status, StatusCode::RANGE_NOT_SATISFIABLE, "{bad}");
        assert_eq!(res.header("content-range"), format!("bytes */{n}"), "{bad}");
        assert_eq!(
            res.json()["error"]["code"],
            "range_not_satisfiable",
            "{bad}"
        );
    }

    let res = app
        .request(Method::GET, url)
        .header("if-none-match", &etag)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NOT_MODIFIED);
    assert!(res.body.is_empty());

    for missing in [
        "/vid/v1/vRange0000000000000/720.mp4",
        "/vid/v1/vRange0000000000000/0480.mp4",
        "/vid/v1/vNope/480.mp4",
        "/vid/v1/incoming/480.mp4",
    ] {
        assert_eq!(
            app.get(missing).await.status,
            StatusCode::NOT_FOUND,
            "{missing}"
        );
    }
}

/// A seeded video note has a real clip, made at first request from its cover, then cached.
#[tokio::test]
async fn demo_video_notes_get_a_watchable_clip() {
    let app = test_app(TINY_WORLD).await;
    let id: i64 =
        sqlx::query_scalar("SELECT id FROM notes WHERE kind = 'video' ORDER BY id LIMIT 1")
            .fetch_one(&app.state.db)
            .await
            .expect("a seeded video note");
    let note: NoteDetail =
        serde_json::from_value(app.get_json(&format!("/api/v1/notes/{id}")).await).expect("detail");
    let video = note.video.expect("demo video");
    assert_eq!(video.renditions.len(), 1);
    let r = &video.renditions[0];
    assert_eq!(r.width.min(r.height), 480);
    let started = Instant::now();
    let res = app.get(&r.url).await;
    let first = started.elapsed();
    assert_eq!(
        res.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&res.body[..res.body.len().min(200)])
    );
    assert!(
        res.body.len() > 20_000,
        "a real clip: {} bytes",
        res.body.len()
    );
    let file = app.dir.path().join("demo.mp4");
    std::fs::write(&file, &res.body).expect("write");
    let probed = Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-show_entries",
            "stream=codec_name,width,height",
            "-of",
            "csv=p=0",
        ])
        .arg(&file)
        .output()
        .expect("ffprobe");
    let streams = String::from_utf8_lossy(&probed.stdout);
    assert!(
        streams.contains(&format!("h264,{},{}", r.width, r.height)),
        "{streams}"
    );
    assert!(streams.contains("aac"), "{streams}");
    let again = app.get(&r.url).await;
    assert_eq!(again.body, res.body, "cached, not made again");
    println!("demo clip made in {:.2} s", first.as_secs_f64());
}

/// Pages let videos play: from this site (renditions under /vid/) and from `blob:` URLs, the
/// composer's preview of a picked file (shown, and its cover frame captured, before upload).
/// Without `media-src`, `default-src 'none'` refuses both.
#[tokio::test]
async fn pages_allow_videos_from_the_site_and_local_previews() {
    let app = test_app(TINY_WORLD).await;
    let page = app.get("/publish").await;
    let csp = page.header("content-security-policy");
    let media = csp
        .split(';')
        .map(str::trim)
        .find_map(|d| d.strip_prefix("media-src "))
        .unwrap_or_else(|| panic!("no media-src in {csp}"));
    let sources: Vec<&str> = media.split_whitespace().collect();
    assert_eq!(sources, ["'self'", "blob:"], "{csp}");
}
