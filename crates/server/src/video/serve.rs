//! `/vid/v1/{key}/{short side}.mp4`: renditions with HTTP range requests (tower-http's
//! `ServeFile` does the ranges: `206` with `Content-Range`, `416` when unsatisfiable,
//! `Accept-Ranges: bytes`), cached for good (the URL is content-addressed) with a strong ETag.
//! Keys starting with `v` are uploads; `d` + an image key is a demo note's clip, made at first
//! request. Served outside the compression layer: a compressed body breaks byte ranges.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower::ServiceExt;
use tower_http::services::ServeFile;

use super::VIDEO_VERSION;
use crate::error::{AppError, AppResult};
use crate::extract::ApiPath;
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route(
        &format!("/vid/{VIDEO_VERSION}/{{key}}/{{file}}"),
        get(serve_video),
    )
}

/// The rendition's short side, if `file` is one canonical `{digits}.mp4` name.
fn short_side(file: &str) -> Option<u32> {
    let digits = file.strip_suffix(".mp4")?;
    let n: u32 = digits.parse().ok()?;
    (n.to_string() == digits && (2..=4096).contains(&n)).then_some(n)
}

fn valid_key(key: &str) -> bool {
    (2..=40).contains(&key.len())
        && key.bytes().all(|b| b.is_ascii_alphanumeric())
        && (key.starts_with('v') || key.starts_with('d'))
}

async fn serve_video(
    State(state): State<AppState>,
    ApiPath((key, file)): ApiPath<(String, String)>,
    req: Request,
) -> AppResult<Response> {
    let not_found = || AppError::missing(api_types::Resource::Video, "No such video.");
    let short = short_side(&file).ok_or_else(not_found)?;
    if !valid_key(&key) {
        return Err(not_found());
    }
    let path = state.images.video_dir(&key).join(format!("{short}.mp4"));
    let meta = match tokio::fs::metadata(&path).await {
        Ok(meta) => meta,
        Err(_) if key.starts_with('d') => {
            super::demo::ensure(&state, &key[1..], short).await?;
            tokio::fs::metadata(&path).await.map_err(|_| not_found())?
        }
        // An upload's renditions appear (renamed into place) only when it is ready.
        Err(_) => return Err(not_found()),
    };
    serve_mp4(&path, &meta, req).await
}

/// An MP4 file that never changes under its URL, with byte ranges, a strong ETag and
/// `immutable` caching (videos' renditions, live replays).
pub async fn serve_mp4(
    path: &std::path::Path,
    meta: &std::fs::Metadata,
    req: Request,
) -> AppResult<Response> {
    // Strong: the bytes behind a URL never change; size and time tell a re-made file apart.
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_millis());
    let etag = format!("\"{:x}-{:x}\"", meta.len(), modified);
    let matches = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let etag = HeaderValue::from_str(&etag).map_err(|e| AppError::Internal(e.to_string()))?;
    let immutable = HeaderValue::from_static("public, max-age=31536000, immutable");
    if matches {
        let mut res = StatusCode::NOT_MODIFIED.into_response();
        res.headers_mut().insert(header::ETAG, etag);
        res.headers_mut().insert(header::CACHE_CONTROL, immutable);
        return Ok(res);
    }
    let res = ServeFile::new(path)
        .oneshot(req)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let (mut parts, body) = res.into_parts();
    if parts.status == StatusCode::RANGE_NOT_SATISFIABLE {
        // Our JSON error, keeping `Content-Range: bytes */{size}` (ServeFile's body is empty).
        let mut res = AppError::refuse(
            StatusCode::RANGE_NOT_SATISFIABLE,
            api_types::ErrorCode::RangeNotSatisfiable,
            format!(
                "The video has {} bytes: ask for a range inside them.",
                meta.len()
            ),
        )
        .into_response();
        if let Some(range) = parts.headers.get(header::CONTENT_RANGE) {
            res.headers_mut()
                .insert(header::CONTENT_RANGE, range.clone());
        }
        return Ok(res);
    }
    if parts.status.is_success() {
        parts.headers.insert(header::ETAG, etag);
        parts.headers.insert(header::CACHE_CONTROL, immutable);
        parts
            .headers
            .insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
        parts
            .headers
            .insert(header::CONTENT_TYPE, HeaderValue::from_static("video/mp4"));
    }
    Ok(Response::from_parts(parts, Body::new(body)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_name_per_rendition() {
        assert_eq!(short_side("480.mp4"), Some(480));
        assert_eq!(short_side("0480.mp4"), None);
        assert_eq!(short_side("480"), None);
        assert_eq!(short_side("../480.mp4"), None);
        assert!(valid_key("vAbc123"));
        assert!(!valid_key("incoming"));
        assert!(!valid_key("v../x"));
    }
}
