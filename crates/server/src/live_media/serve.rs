//! `/live-media/{key}.mp4`: ended rooms' replays, plain MP4 objects served like videos (byte
//! ranges, immutable caching: a key's file never changes). A demo room's replay
//! (`demo-{id}`) is made at first request. Served outside the compression layer.

use axum::extract::{Request, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;

use super::record::{replay_object, replay_path};
use crate::error::{AppError, AppResult};
use crate::extract::ApiPath;
use crate::storage::serve_immutable;
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/live-media/{file}", get(serve_replay))
}

/// The key of `file` if it is one canonical `{key}.mp4` name (letters, digits, dashes).
fn replay_key(file: &str) -> Option<&str> {
    let key = file.strip_suffix(".mp4")?;
    let ok = (1..=64).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !key.starts_with('-');
    ok.then_some(key)
}

async fn serve_replay(
    State(state): State<AppState>,
    ApiPath(file): ApiPath<String>,
    req: Request,
) -> AppResult<Response> {
    let not_found = || AppError::missing(api_types::Resource::Replay, "No such replay.");
    let key = replay_key(&file).ok_or_else(not_found)?;
    let object = replay_object(key);
    let too_far = |size| format!("The video has {size} bytes: ask for a range inside them.");
    let headers = req.headers();
    let storage = &state.images.objects;
    if let Some(res) = serve_immutable(storage, &object, headers, "video/mp4", too_far).await? {
        return Ok(res);
    }
    if !key.starts_with("demo-") {
        return Err(not_found());
    }
    let path = replay_path(&state.live_media.dir, key);
    super::demo::ensure_replay(&state, key, &path).await?;
    serve_immutable(storage, &object, headers, "video/mp4", too_far)
        .await?
        .ok_or_else(not_found)
}

#[cfg(test)]
mod tests {
    use super::replay_key;

    #[test]
    fn one_name_per_replay() {
        assert_eq!(replay_key("12-abcdef0123.mp4"), Some("12-abcdef0123"));
        assert_eq!(replay_key("demo-3.mp4"), Some("demo-3"));
        assert_eq!(replay_key("demo-3"), None);
        assert_eq!(replay_key("../x.mp4"), None);
        assert_eq!(replay_key("-x.mp4"), None);
        assert_eq!(replay_key("X.mp4"), None);
    }
}
