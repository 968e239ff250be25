//! Video notes: uploads checked by ffprobe (a renamed text file, an over-long video, a body
//! over the limit: clear 4xx and nothing left behind), the durable transcoding queue (a job
//! left `processing` by a killed process is taken again at start and completes; a lost
//! source fails with why), renditions never upscaled, publishing with a ready video (a note
//! published before its video is ready waits for it: `waiting_notes.rs`), range requests,
//! the demo world's clips, and 503 without FFmpeg. Clips are made with ffmpeg in the test:
//! small and a second or two long.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use api_types::{NoteDetail, NoteKind, VideoState, VideoStatus};
use axum::http::{Method, StatusCode};
use serde_json::json;
use zhongcao_server::video::{Tools, Videos};
use zhongcao_server::AppState;

use zhongcao_server::seed::WorldSize;

use crate::common::{parse, signed_in_user, test_app, TestApp};
use crate::test_clip::{clip_command, ffmpeg};

pub(crate) const TINY_WORLD: WorldSize = WorldSize {
    users: 12,
    notes: 60,
};

/// Makes a clip with ffmpeg's test sources: `seconds` long, `w`x`h` at 15 fps, with a tone.
pub(crate) fn clip(
    dir: &Path,
    name: &str,
    w: u32,
    h: u32,
    seconds: u32,
    extra: &[&str],
) -> PathBuf {
    let out = dir.join(name);
    let status = clip_command(&out, w, h, 15, seconds, extra)
        .status()
        .expect("ffmpeg runs (cargo xtask setup installs it)");
    assert!(status.success(), "ffmpeg made {name}");
    out
}

pub(crate) async fn upload(
    app: &TestApp,
    cookie: &str,
    content_type: &str,
    bytes: Vec<u8>,
) -> crate::common::TestResponse {
    app.request(Method::POST, "/api/v1/videos")
        .cookie(cookie)
        .bytes(content_type, bytes)
        .send()
        .await
}

/// Polls the video until it is ready or failed.
pub(crate) async fn settled(app: &TestApp, cookie: &str, id: i64) -> VideoStatus {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let res = app
            .request(Method::GET, &format!("/api/v1/videos/{id}"))
            .cookie(cookie)
            .send()
            .await;
        let status: VideoStatus = parse(&res, 200, "video status");
        if matches!(status.state, VideoState::Ready | VideoState::Failed) {
            return status;
        }
        assert!(Instant::now() < deadline, "video {id} still {status:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Files under the video store (sources, renditions, uploads in progress).
fn video_files(app: &TestApp) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&app.dir.path().join("images").join("video"), &mut out);
    out
}

async fn video_rows(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM videos")
        .fetch_one(&app.state.db)
        .await
        .expect("count")
}

#[tokio::test]
async fn what_is_not_a_usable_video_is_refused_and_leaves_nothing() {
    let app = test_app(TINY_WORLD).await;
    let (_, cookie) = signed_in_user(&app, "vid_{n}", "Vid {n}").await;

    let text = b"just some notes, not a video\n".repeat(100);
    let res = upload(&app, &cookie, "video/mp4", text).await;
    res.expect_error(415, "not_a_video", "a text file renamed .mp4");

    // Five minutes and a second of 16x16 frames at 1 fps: long, yet made in a moment.
    let long = app.dir.path().join("long.mp4");
    let made = ffmpeg()
        .args(["-f", "lavfi", "-i"])
        .arg("color=c=black:size=16x16:rate=1:duration=301")
        .args(["-c:v", "libx264", "-preset", "ultrafast"])
        .arg(&long)
        .status()
        .expect("ffmpeg");
    assert!(made.success());
    let res = upload(
        &app,
        &cookie,
        "video/mp4",
        std::fs::read(&long).expect("clip"),
    )
    .await;
    let body = res.expect_error(422, "video_too_long", "over 5 minutes");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("5:01"),
        "says how long: {body}"
    );

    // Sound only is not a video.
    let sound = app.dir.path().join("sound.m4a");
    let made = ffmpeg()
        .args(["-f", "lavfi", "-i", "sine=frequency=440:duration=1"])
        .args(["-c:a", "aac", "-f", "mp4"])
        .arg(&sound)
        .status()
        .expect("ffmpeg");
    assert!(made.success());
    let res = upload(
        &app,
        &cookie,
        "video/mp4",
        std::fs::read(&sound).expect("clip"),
    )
    .await;
    res.expect_error(422, "no_video_stream", "sound only");

    let res = upload(&app, &cookie, "video/mp4", Vec::new()).await;
    res.expect_error(422, "upload_empty", "empty");

    // Over the size limit: said up front, or counted while streaming.
    let res = app
        .request(Method::POST, "/api/v1/videos")
        .cookie(&cookie)
        .header("content-length", &(300u64 * 1024 * 1024).to_string())
        .send()
        .await;
    res.expect_error(413, "video_too_large", "declared 300 MB");
    let small =
        app.with_state(|s| s.with_videos(Videos::new(Tools::from_path()).with_max_bytes(1_000)));
    let res = upload(&small, &cookie, "video/mp4", vec![0u8; 5_000]).await;
    res.expect_error(413, "video_too_large", "5 KB over a 1 KB limit");

    assert_eq!(video_rows(&small).await, 0, "no row for a refused upload");
    assert_eq!(video_files(&small), Vec::<PathBuf>::new(), "no file left");

    let res = small
        .request(Method::POST, "/api/v1/videos")
        .bytes("video/mp4", vec![1, 2, 3])
        .send()
        .await;
    res.expect_error(401, "unauthorized", "signed out");
}

#[tokio::test]
async fn without_ffmpeg_video_endpoints_answer_503() {
    let app = test_app(TINY_WORLD).await.with_state(|s| {
        s.with_videos(Videos::new(Tools::find(
            "/nonexistent/ffmpeg".into(),
            "/nonexistent/ffprobe".into(),
        )))
    });
    let (_, cookie) = signed_in_user(&app, "vid_{n}", "Vid {n}").await;
    let res = upload(&app, &cookie, "video/mp4", vec![0u8; 100]).await;
    res.expect_error(503, "video_unavailable", "no ffmpeg");
}

/// A 360p upload gets one 360p rendition (not upscaled), a poster and progress 100; it can
/// be published only once ready, and the note then carries it.
#[tokio::test]
async fn a_small_upload_is_transcoded_without_upscaling_and_published() {
    let app = test_app(TINY_WORLD).await;
    app.state.start_video_worker().await.expect("worker");
    let (_, cookie) = signed_in_user(&app, "vid_{n}", "Vid {n}").await;
    let source = clip(app.dir.path(), "small.mov", 640, 360, 2, &[]);
    let res = upload(
        &app,
        &cookie,
        "video/quicktime",
        std::fs::read(&source).expect("clip"),
    )
    .await;
    let queued: VideoStatus = parse(&res, 201, "upload");
    assert!(matches!(
        queued.state,
        VideoState::Queued | VideoState::Processing
    ));
    assert_eq!((queued.width, queued.height), (640, 360));
    assert!((1_900..=2_200).contains(&queued.duration_ms), "{queued:?}");

    // Someone else does not see it, and cannot publish it.
    let (_, other) = signed_in_user(&app, "vid_{n}", "Vid {n}").await;
    let res = app
        .request(Method::GET, &format!("/api/v1/videos/{}", queued.id))
        .cookie(&other)
        .send()
        .await;
    res.expect_error(404, "not_found", "another's video");

    let ready = settled(&app, &cookie, queued.id).await;
    assert_eq!(ready.state, VideoState::Ready, "{ready:?}");
    assert_eq!(ready.progress, 100);
    let video = ready.video.expect("ready video");
    let sizes: Vec<(u32, u32)> = video
        .renditions
        .iter()
        .map(|r| (r.width, r.height))
        .collect();
    assert_eq!(sizes, vec![(640, 360)], "one rendition, not upscaled");
    let res = app.get(&video.renditions[0].url).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.header("content-type"), "video/mp4");
    let at = |tag: &[u8]| res.body.windows(4).position(|w| w == tag);
    let (moov, mdat) = (at(b"moov").expect("moov"), at(b"mdat").expect("mdat"));
    assert!(moov < mdat, "+faststart puts the index first");
    assert_eq!(
        app.get(&video.poster.url_template.replace("{w}", "360"))
            .await
            .status,
        StatusCode::OK
    );
    let leftovers: Vec<PathBuf> = video_files(&app)
        .into_iter()
        .filter(|p| {
            !p.to_string_lossy().ends_with(".mp4") || p.to_string_lossy().contains("incoming")
        })
        .collect();
    assert_eq!(leftovers, Vec::<PathBuf>::new(), "source and parts removed");

    let input = json!({"title": "My clip", "body": "#video test", "channel": "fashion", "video_id": ready.id});
    let res = app
        .request(Method::POST, "/api/v1/notes")
        .cookie(&other)
        .json(&input)
        .send()
        .await;
    assert_eq!(res.status.as_u16(), 422, "another's video");
    let res = app
        .request(Method::POST, "/api/v1/notes")
        .cookie(&cookie)
        .json(&input)
        .send()
        .await;
    let note: NoteDetail = parse(&res, 201, "publish with a ready video");
    assert_eq!(note.kind, NoteKind::Video);
    assert_eq!(note.video_seconds, Some(2));
    assert_eq!(note.video.as_ref(), Some(&video));
    assert_eq!(
        note.images,
        vec![video.poster.clone()],
        "the poster is the cover"
    );
    let detail: NoteDetail =
        serde_json::from_value(app.get_json(&format!("/api/v1/notes/{}", note.id)).await)
            .expect("detail");
    assert_eq!(detail.video, Some(video));
}

/// A job a killed process left `processing` (with a stale partial file) is queued again at
/// the next start and completes, at 480p and 720p from a 720p source; one whose source is
/// gone fails with why.
#[tokio::test]
async fn jobs_cut_short_by_a_restart_are_taken_again() {
    let app = test_app(TINY_WORLD).await;
    let (me, cookie) = signed_in_user(&app, "vid_{n}", "Vid {n}").await;
    let key = "vRestart00000000000";
    let dir = app.state.images.video_dir(key);
    std::fs::create_dir_all(&dir).expect("dir");
    let source = clip(app.dir.path(), "hd.mp4", 1280, 720, 1, &[]);
    std::fs::rename(&source, dir.join("source")).expect("source in place");
    std::fs::write(dir.join("480.mp4.part"), b"half a file").expect("stale part");
    let now = zhongcao_server::now_unix();
    let insert = |key: &'static str| {
        sqlx::query_scalar::<_, i64>(
            "INSERT INTO videos (video_key, user_id, status, progress, attempts, duration_ms, \
             width, height, created_at, updated_at) \
             VALUES ($1, $2, 'processing', 37, 1, 1000, 1280, 720, $3, $4) RETURNING id",
        )
        .bind(key)
        .bind(me)
        .bind(now)
        .bind(now)
        .fetch_one(&app.state.db)
    };
    let cut = insert(key).await.expect("row");
    let lost = insert("vLost00000000000000").await.expect("row");

    // The "restarted" process: a new state over the same database and files.
    let restarted = AppState::new(app.state.db.clone(), app.dir.path(), |_| {})
        .await
        .expect("state");
    restarted.start_video_worker().await.expect("worker");

    let done = settled(&app, &cookie, cut).await;
    assert_eq!(done.state, VideoState::Ready, "{done:?}");
    let sizes: Vec<(u32, u32)> = done
        .video
        .expect("video")
        .renditions
        .iter()
        .map(|r| (r.width, r.height))
        .collect();
    assert_eq!(sizes, vec![(854, 480), (1280, 720)]);
    let attempts: i64 = sqlx::query_scalar("SELECT attempts FROM videos WHERE id = $1")
        .bind(cut)
        .fetch_one(&app.state.db)
        .await
        .expect("attempts");
    assert_eq!(attempts, 2, "counted as a second try");
    assert!(!dir.join("480.mp4.part").exists() && !dir.join("source").exists());

    let failed = settled(&app, &cookie, lost).await;
    assert_eq!(failed.state, VideoState::Failed);
    assert!(
        failed.error.as_deref().unwrap_or("").contains("gone"),
        "says why: {failed:?}"
    );
}

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

/// The upload is documented as a raw body of the three container types, with its refusals.
#[tokio::test]
async fn the_upload_is_documented_as_a_raw_video_body() {
    let app = test_app(TINY_WORLD).await;
    let doc = app.get_json("/api/openapi.json").await;
    let op = &doc["paths"]["/api/v1/videos"]["post"];
    let content = op["requestBody"]["content"].as_object().expect("body");
    let types: Vec<&str> = content.keys().map(String::as_str).collect();
    assert_eq!(types, ["video/mp4", "video/quicktime", "video/webm"]);
    for status in ["201", "401", "403", "413", "415", "422", "429", "503"] {
        assert!(op["responses"][status].is_object(), "POST /videos {status}");
    }
    let status = &doc["paths"]["/api/v1/videos/{id}"]["get"];
    assert_eq!(status["security"], json!([{"session": []}]));
    assert!(doc["components"]["schemas"]["VideoStatus"].is_object());
    assert!(doc["components"]["schemas"]["NoteVideo"].is_object());
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
