//! Uploads: what is not a usable video is refused with a clear 4xx and leaves nothing
//! behind; 503 without FFmpeg; the upload's documentation.

use std::path::PathBuf;

use axum::http::Method;
use serde_json::json;
use zhongcao_server::video::{Tools, Videos};

use super::*;
use crate::common::{signed_in_user, test_app};
use crate::test_clip::ffmpeg;

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
    let res = upload_mp4(&app, &cookie, &long).await;
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
    let res = upload_mp4(&app, &cookie, &sound).await;
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
