//! The transcoding queue: renditions never upscaled, publishing once ready, jobs cut short by
//! a restart taken again, a lost source failing with why.

use std::path::PathBuf;

use api_types::{NoteDetail, NoteKind, VideoState, VideoStatus};
use axum::http::{Method, StatusCode};
use serde_json::json;
use zhongcao_server::AppState;

use super::*;
use crate::common::{parse, signed_in_user, test_app};

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
