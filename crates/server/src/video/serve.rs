//! `/vid/v1/{key}/{short side}.mp4`: renditions from the media store with HTTP range requests
//! (`storage::serve_immutable`: `206` with `Content-Range`, `416` when unsatisfiable,
//! `Accept-Ranges: bytes`), cached for good (the URL is content-addressed) with a strong ETag.
//! Keys starting with `v` are uploads; `d` + an image key is a demo note's clip, made at first
//! request. Served outside the compression layer: a compressed body breaks byte ranges.

use axum::extract::{Request, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;

use super::{rendition_object, VIDEO_VERSION};
use crate::error::{AppError, AppResult};
use crate::extract::ApiPath;
use crate::storage::serve_immutable;
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
    let object = rendition_object(&key, short);
    let too_far = |size| format!("The video has {size} bytes: ask for a range inside them.");
    let headers = req.headers();
    let serve = || {
        serve_immutable(
            &state.images.objects,
            &object,
            headers,
            "video/mp4",
            too_far,
        )
    };
    if let Some(res) = serve().await? {
        return Ok(res);
    }
    // An upload's renditions appear only when it is ready; a demo clip is made now.
    if !key.starts_with('d') {
        return Err(not_found());
    }
    super::demo::ensure(&state, &key[1..], short).await?;
    serve().await?.ok_or_else(not_found)
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
