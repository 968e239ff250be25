//! Serving an object that never changes under its URL (videos' renditions, live replays):
//! one byte range or the whole object, a strong ETag, `immutable` caching. The ranges follow
//! what tower-http's `ServeFile` answered before (the same range parser): `206` with
//! `Content-Range`, `416` with `Content-Range: bytes */{size}` when unsatisfiable, malformed
//! or multipart.

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::Storage;
use crate::error::{AppError, AppResult};

/// `key` as the answer to a request with `headers`, or `None` when there is no such object.
/// `too_far` is the 416's message, given the object's size.
pub async fn serve_immutable(
    storage: &Storage,
    key: &str,
    headers: &HeaderMap,
    content_type: &'static str,
    too_far: impl FnOnce(u64) -> String,
) -> AppResult<Option<Response>> {
    let Some(meta) = storage.head(key).await? else {
        return Ok(None);
    };
    let size = meta.size;
    // Strong: the bytes behind a URL never change; size and time tell a re-made object apart
    // (the same value the file server gave before, so browsers' copies stay valid).
    let etag = format!(
        "\"{:x}-{:x}\"",
        size,
        meta.last_modified.timestamp_millis().max(0)
    );
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let etag = HeaderValue::from_str(&etag).map_err(|e| AppError::Internal(e.to_string()))?;
    let immutable = HeaderValue::from_static("public, max-age=31536000, immutable");
    if matches {
        let mut res = StatusCode::NOT_MODIFIED.into_response();
        res.headers_mut().insert(header::ETAG, etag);
        res.headers_mut().insert(header::CACHE_CONTROL, immutable);
        return Ok(Some(res));
    }
    let range = match headers.get(header::RANGE) {
        None => None,
        Some(value) => match one_range(value, size) {
            Some(range) => Some(range),
            None => {
                // Our JSON error, keeping `Content-Range: bytes */{size}`.
                let mut res = AppError::refuse(
                    StatusCode::RANGE_NOT_SATISFIABLE,
                    api_types::ErrorCode::RangeNotSatisfiable,
                    too_far(size),
                )
                .into_response();
                let unsatisfied = HeaderValue::from_str(&format!("bytes */{size}"))
                    .map_err(|e| AppError::Internal(e.to_string()))?;
                res.headers_mut().insert(header::CONTENT_RANGE, unsatisfied);
                return Ok(Some(res));
            }
        },
    };
    let (status, from, to) = match range {
        Some((from, to)) => (StatusCode::PARTIAL_CONTENT, from, to),
        None => (StatusCode::OK, 0, size.saturating_sub(1)),
    };
    let length = if size == 0 { 0 } else { to - from + 1 };
    let body = if length == 0 {
        Body::empty()
    } else {
        let stream = storage.get_range(key, from..to + 1).await?;
        Body::from_stream(stream)
    };
    let mut res = Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::ACCEPT_RANGES, "bytes")
        .header(header::CONTENT_LENGTH, length)
        .header(
            header::LAST_MODIFIED,
            meta.last_modified
                .format("%a, %d %b %Y %H:%M:%S GMT")
                .to_string(),
        )
        .header(header::ETAG, etag)
        .header(header::CACHE_CONTROL, immutable);
    if status == StatusCode::PARTIAL_CONTENT {
        res = res.header(header::CONTENT_RANGE, format!("bytes {from}-{to}/{size}"));
    }
    res.body(body)
        .map(Some)
        .map_err(|e| AppError::Internal(e.to_string()))
}

/// The one satisfiable range `value` asks for within `size` bytes, as first and last byte;
/// `None` when it is malformed, unsatisfiable or names several ranges.
fn one_range(value: &HeaderValue, size: u64) -> Option<(u64, u64)> {
    let parsed = http_range_header::parse_range_header(value.to_str().ok()?).ok()?;
    if parsed.ranges.len() != 1 {
        return None;
    }
    let range = parsed.validate(size).ok()?.pop()?;
    Some((*range.start(), *range.end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(v: &str, size: u64) -> Option<(u64, u64)> {
        one_range(&HeaderValue::from_str(v).expect("header"), size)
    }

    #[test]
    fn ranges_as_the_file_server_read_them() {
        assert_eq!(range("bytes=0-99", 1000), Some((0, 99)));
        assert_eq!(range("bytes=-100", 1000), Some((900, 999)));
        assert_eq!(range("bytes=990-", 1000), Some((990, 999)));
        assert_eq!(range("bytes=990-5000", 1000), Some((990, 999)));
        assert_eq!(range("bytes=1000-", 1000), None);
        assert_eq!(range("bytes=0-1,5-6", 1000), None);
        assert_eq!(range("lines=0-1", 1000), None);
    }
}
