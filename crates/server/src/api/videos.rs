//! Video uploads: `POST /videos` streams the body to a file (never whole in memory), probes
//! it, and queues a transcoding job; `GET /videos/{id}` tells the uploader how it goes. A
//! refused, cut-off or failed upload leaves no file and no row behind.

use api_types::{ErrorCode, ErrorParams};
use std::path::{Path, PathBuf};

use api_types::{VideoState, VideoStatus};
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::Json;
use futures_util::StreamExt;
use tokio::io::AsyncWriteExt;

use crate::auth::SignedIn;
use crate::error::{AppError, AppResult};
use crate::extract::ApiPath;
use crate::video::jobs::SOURCE_NAME;
use crate::video::{new_key, probe, ready_video};
use crate::{now_unix, AppState};

/// Removes a file (or a directory) when dropped unless [`Incoming::keep`] was called: an
/// upload cut off by the client (the handler's future dropped), refused or failed leaves
/// nothing behind.
struct Incoming {
    path: PathBuf,
    keep: bool,
}

impl Incoming {
    fn new(path: PathBuf) -> Self {
        Incoming { path, keep: false }
    }

    fn keep(mut self) {
        self.keep = true;
    }
}

impl Drop for Incoming {
    fn drop(&mut self) {
        if !self.keep {
            let _ = if self.path.is_dir() {
                std::fs::remove_dir_all(&self.path)
            } else {
                std::fs::remove_file(&self.path)
            };
        }
    }
}

fn too_large(max: u64) -> AppError {
    let mb = max / (1024 * 1024);
    AppError::refuse(
        StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::VideoTooLarge,
        format!("Videos can be at most {mb} MB."),
    )
    .with(ErrorParams::max(mb))
}

/// Writes `body` to `path`, refusing it past `max` bytes.
async fn receive(body: Body, path: &Path, max: u64) -> AppResult<u64> {
    let internal = |e: std::io::Error| AppError::Internal(format!("video upload: {e}"));
    let mut file = tokio::fs::File::create(path).await.map_err(internal)?;
    let mut stream = body.into_data_stream();
    let mut size = 0u64;
    while let Some(chunk) = stream.next().await {
        let chunk =
            chunk.map_err(|e| AppError::BadRequest(format!("The upload broke off: {e}")))?;
        size += chunk.len() as u64;
        if size > max {
            return Err(too_large(max));
        }
        file.write_all(&chunk).await.map_err(internal)?;
    }
    file.flush().await.map_err(internal)?;
    Ok(size)
}

/// Uploads one video for a note (MP4, MOV or WebM as the raw body, at most 200 MB and 5
/// minutes). It is checked now and converted in the background: poll `GET /videos/{id}`
/// until `ready`, then publish with `video_id`.
#[utoipa::path(post, path = "/api/v1/videos", tag = "publishing",
    request_body(description = "The video itself as the body (not multipart): MP4, MOV or WebM (the bytes decide what it is, not Content-Type)",
        content(([u8] = "video/mp4"), ([u8] = "video/quicktime"), ([u8] = "video/webm"))),
    responses(
        (status = 201, body = VideoStatus),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 413, description = "Over 200 MB", body = api_types::ErrorBody),
        (status = 415, description = "`not_a_video`: not an MP4, MOV or WebM video", body = api_types::ErrorBody),
        (status = 422, description = "`video_too_long` (over 5 minutes), `no_video_stream`, `video_size`, `unreadable_video` or `upload_empty`", body = api_types::ErrorBody),
        (status = 429, description = "Too many uploads lately (see Retry-After)", body = api_types::ErrorBody),
        (status = 503, description = "`video_unavailable`: this server cannot process videos now", body = api_types::ErrorBody),
    ))]
pub async fn upload(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    headers: HeaderMap,
    body: Body,
) -> AppResult<(StatusCode, Json<VideoStatus>)> {
    let tools = state.videos.tools()?.clone();
    let max = state.videos.max_bytes;
    // A declared length over the limit is refused before a byte is read.
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max) {
        return Err(too_large(max));
    }
    // Pictures and videos share the upload budget: each costs real work.
    state
        .limits
        .acquire(&crate::ratelimit::UPLOAD, &format!("u{me}"))
        .await?;

    let incoming_dir = state.images.video_incoming_dir();
    tokio::fs::create_dir_all(&incoming_dir)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let key = new_key();
    let incoming = Incoming::new(incoming_dir.join(&key));
    let size = receive(body, &incoming.path, max).await?;
    if size == 0 {
        return Err(crate::api::uploads::upload_empty());
    }
    let probed = probe::probe(&tools, &incoming.path).await?;

    // Into the video's own directory, then the row: a failure (or a dropped request) between
    // the two removes the directory again, so there is never a file without a row or a row
    // without its file.
    let dir = Incoming::new(state.images.video_dir(&key));
    tokio::fs::create_dir_all(&dir.path)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    tokio::fs::rename(&incoming.path, dir.path.join(SOURCE_NAME))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let id = {
        let now = now_unix();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO videos (video_key, user_id, status, duration_ms, width, height, \
             created_at, updated_at) VALUES ($1, $2, 'queued', $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(&key)
        .bind(me)
        .bind(probed.duration_ms)
        .bind(i64::from(probed.width))
        .bind(i64::from(probed.height))
        .bind(now)
        .bind(now)
        .fetch_one(&state.db)
        .await?;
        id
    };
    dir.keep();
    drop(incoming); // renamed away already: nothing to remove
    state.videos.wake.notify_one();
    Ok((
        StatusCode::CREATED,
        Json(load_status(&state, me, id).await?),
    ))
}

/// How one's uploaded video is getting on: queued, processing (with progress), ready (with
/// the playable video) or failed (with why).
#[utoipa::path(get, path = "/api/v1/videos/{id}", tag = "publishing",
    params(("id" = i64, Path, description = "Video id")),
    responses(
        (status = 200, body = VideoStatus),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 404, description = "No such video of yours", body = api_types::ErrorBody),
    ))]
pub async fn status(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<VideoStatus>> {
    Ok(Json(load_status(&state, me, id).await?))
}

/// `owner`'s video `id` (404 for anyone else's).
pub async fn load_status(state: &AppState, owner: i64, id: i64) -> AppResult<VideoStatus> {
    let row: Option<(String, i64, Option<String>, i64, i64, i64)> = sqlx::query_as(
        "SELECT status, progress, error, duration_ms, width, height FROM videos \
         WHERE id = $1 AND user_id = $2",
    )
    .bind(id)
    .bind(owner)
    .fetch_optional(&state.db)
    .await?;
    let (status, progress, error, duration_ms, width, height) =
        row.ok_or_else(|| AppError::not_found(api_types::Resource::Video, id))?;
    let state_of = match status.as_str() {
        "queued" => VideoState::Queued,
        "processing" => VideoState::Processing,
        "ready" => VideoState::Ready,
        _ => VideoState::Failed,
    };
    let video = if state_of == VideoState::Ready {
        ready_video(&mut *state.db.acquire().await?, id).await?
    } else {
        None
    };
    Ok(VideoStatus {
        id,
        state: state_of,
        progress: progress.clamp(0, 100) as u8,
        error,
        duration_ms,
        width: u32::try_from(width).unwrap_or(1),
        height: u32::try_from(height).unwrap_or(1),
        video,
    })
}
