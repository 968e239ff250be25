//! Image files: rendered from their seed on first request, encoded once, cached on disk.
//!
//! URLs are content-addressed (`/img/v1/{key}/{width}.jpg`, the key fixed at creation and the
//! generator version in the path), so responses are cached by browsers forever.

use std::io::Cursor as IoCursor;
use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use image::codecs::jpeg::JpegEncoder;
use image::RgbImage;
use tokio::sync::Semaphore;

use crate::error::{AppError, AppResult};
use crate::extract::ApiPath;
use crate::imagegen;
use crate::AppState;

/// Bumped when the generator's output changes, so cached URLs change too.
pub const GENERATOR_VERSION: &str = "v1";
const JPEG_QUALITY: u8 = 80;
pub const AVATAR_THEME: &str = "avatar";

/// URL template (with `{w}`) for an image key.
pub fn url_template(key: &str) -> String {
    format!("/img/{GENERATOR_VERSION}/{key}/{{w}}.jpg")
}

pub struct ImageStore {
    dir: PathBuf,
    /// Rendering is CPU-bound: at most one job per core at a time.
    permits: Semaphore,
}

impl ImageStore {
    pub fn new(dir: PathBuf) -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        ImageStore {
            dir,
            permits: Semaphore::new(cores),
        }
    }
}

/// Renders the picture for an image row at the given size.
pub fn render(theme: &str, seed: u64, width: u32, height: u32) -> RgbImage {
    if theme == AVATAR_THEME {
        imagegen::render_avatar(seed, width)
    } else {
        imagegen::render_note_image(seed, theme, width, height)
    }
}

/// Average colours of the top and bottom halves, as `#rrggbb`, for the loading placeholder.
pub fn placeholder_colors(theme: &str, seed: u64, width: u32, height: u32) -> (String, String) {
    // A tiny render is enough: we only need the two averages.
    let (w, h) = if width >= height {
        (8, (8 * height / width).max(2))
    } else {
        ((8 * width / height).max(2), 8)
    };
    let img = render(theme, seed, w, h);
    let half = h / 2;
    let avg = |rows: std::ops::Range<u32>| {
        let mut sum = [0u64; 3];
        let mut n = 0u64;
        for y in rows {
            for x in 0..w {
                let p = img.get_pixel(x, y);
                for c in 0..3 {
                    sum[c] += u64::from(p[c]);
                }
                n += 1;
            }
        }
        let n = n.max(1);
        format!("#{:02x}{:02x}{:02x}", sum[0] / n, sum[1] / n, sum[2] / n)
    };
    (avg(0..half), avg(half..h))
}

fn encode_jpeg(img: &RgbImage) -> Result<Vec<u8>, AppError> {
    let mut out = IoCursor::new(Vec::with_capacity(64 * 1024));
    JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
        .encode_image(img)
        .map_err(|e| AppError::Internal(format!("jpeg encode: {e}")))?;
    Ok(out.into_inner())
}

struct ImageRow {
    theme: String,
    seed: i64,
    width: i64,
    height: i64,
}

async fn serve_image(
    State(state): State<AppState>,
    ApiPath((key, file)): ApiPath<(String, String)>,
) -> AppResult<Response> {
    let not_found = || AppError::NotFound("No such image.".to_string());
    let width: u32 = file
        .strip_suffix(".jpg")
        .and_then(|w| w.parse().ok())
        .ok_or_else(not_found)?;
    if key.len() > 32 || !key.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(not_found());
    }
    let row = sqlx::query_as::<_, (String, i64, i64, i64)>(
        "SELECT theme, seed, width, height FROM images WHERE image_key = ?",
    )
    .bind(&key)
    .fetch_optional(&state.db)
    .await?
    .map(|(theme, seed, width, height)| ImageRow {
        theme,
        seed,
        width,
        height,
    })
    .ok_or_else(not_found)?;

    // Only the advertised sizes exist: keeps the disk cache bounded.
    let allowed: &[u32] = if row.theme == AVATAR_THEME {
        &api_types::AVATAR_SIZES
    } else {
        &api_types::IMAGE_WIDTHS
    };
    if !allowed.contains(&width) {
        return Err(not_found());
    }

    let path = state.images.dir.join(format!("{key}-{width}.jpg"));
    let bytes = match tokio::fs::read(&path).await {
        Ok(bytes) => bytes,
        Err(_) => {
            let _permit = state
                .images
                .permits
                .acquire()
                .await
                .map_err(|e| AppError::Internal(e.to_string()))?;
            let height =
                ((u64::from(width) * row.height as u64) / (row.width.max(1) as u64)).max(1) as u32;
            let seed = row.seed as u64;
            let theme = row.theme.clone();
            let bytes = tokio::task::spawn_blocking(move || {
                encode_jpeg(&render(&theme, seed, width, height))
            })
            .await
            .map_err(|e| AppError::Internal(e.to_string()))??;
            // Write to a temp name then rename, so a concurrent reader never sees half a file.
            let tmp = path.with_extension(format!("tmp{}", fastrand::u32(..)));
            if let Err(e) = tokio::fs::write(&tmp, &bytes).await {
                tracing::warn!(error = %e, "could not cache image");
            } else if let Err(e) = tokio::fs::rename(&tmp, &path).await {
                tracing::warn!(error = %e, "could not cache image");
            }
            bytes
        }
    };

    Response::builder()
        .header(header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg"))
        .header(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        )
        .body(Body::from(bytes))
        .map_err(|e| AppError::Internal(e.to_string()))
}

pub fn router() -> Router<AppState> {
    Router::new().route(
        &format!("/img/{GENERATOR_VERSION}/{{key}}/{{file}}"),
        get(serve_image),
    )
}

/// Makes sure the cache directory exists.
pub fn prepare_dir(store: &Arc<ImageStore>) -> std::io::Result<()> {
    std::fs::create_dir_all(&store.dir)
}
