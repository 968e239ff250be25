//! `/img/v1/{key}/{width}`: one rendition, rendered (or resized from the upload's source) at
//! first request and kept in the media store under `{key}-{width}.{jpg|webp}`.

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use image::RgbImage;

use super::{render, Encoding, AVATAR_THEME, GENERATOR_VERSION, UPLOAD_AVATAR_THEME, UPLOAD_THEME};
use crate::error::{AppError, AppResult};
use crate::extract::ApiPath;
use crate::storage::source_key;
use crate::AppState;

/// Renders (generated themes) or resizes (uploads, from their stored `source`) the picture
/// behind an image row.
fn render_row(
    source: Option<&[u8]>,
    row: &ImageRow,
    width: u32,
    height: u32,
) -> AppResult<RgbImage> {
    if is_upload(&row.theme) {
        let source = source.ok_or_else(|| AppError::Internal("upload source missing".into()))?;
        let source = image::load_from_memory_with_format(source, image::ImageFormat::Jpeg)
            .map_err(|e| AppError::Internal(format!("upload source: {e}")))?;
        Ok(source
            .resize_exact(width, height, image::imageops::FilterType::CatmullRom)
            .to_rgb8())
    } else {
        Ok(render(&row.theme, row.seed as u64, width, height))
    }
}

fn is_upload(theme: &str) -> bool {
    theme == UPLOAD_THEME || theme == UPLOAD_AVATAR_THEME
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
    headers: HeaderMap,
) -> AppResult<Response> {
    let not_found = || AppError::missing(api_types::Resource::Image, "No such image.");
    // `{w}` (current URLs) or `{w}.jpg` (URLs handed out before WebP): both negotiate.
    let digits = file.strip_suffix(".jpg").unwrap_or(&file);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(not_found());
    }
    let width: u32 = digits.parse().map_err(|_| not_found())?;
    if width.to_string() != digits {
        return Err(not_found()); // "0240": one URL per rendition
    }
    if key.len() > 32 || !key.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(not_found());
    }
    let row = sqlx::query_as::<_, (String, i64, i64, i64)>(
        "SELECT theme, seed, width, height FROM images WHERE image_key = $1",
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
    let allowed: &[u32] = if row.theme == AVATAR_THEME || row.theme == UPLOAD_AVATAR_THEME {
        &api_types::AVATAR_SIZES
    } else {
        &api_types::IMAGE_WIDTHS
    };
    if !allowed.contains(&width) {
        return Err(not_found());
    }

    let encoding = Encoding::negotiate(&headers);
    let object = format!("{key}-{width}.{}", encoding.extension());
    let bytes = match state.images.objects.get(&object).await? {
        Some(bytes) => bytes,
        None => {
            let _permit = state.images.permit().await?;
            let height =
                ((u64::from(width) * row.height as u64) / (row.width.max(1) as u64)).max(1) as u32;
            let source = if is_upload(&row.theme) {
                state.images.objects.get(&source_key(&key)).await?
            } else {
                None
            };
            let bytes = tokio::task::spawn_blocking(move || {
                encoding.encode(&render_row(source.as_deref(), &row, width, height)?)
            })
            .await
            .map_err(|e| AppError::Internal(e.to_string()))??;
            let bytes = Bytes::from(bytes);
            // A failed cache write costs a re-render next time, not this answer.
            if let Err(e) = state.images.objects.put(&object, bytes.clone()).await {
                tracing::warn!(error = %e, "could not cache image");
            }
            bytes
        }
    };

    Response::builder()
        .header(
            header::CONTENT_TYPE,
            HeaderValue::from_static(encoding.content_type()),
        )
        .header(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        )
        // The same URL answers WebP or JPEG: caches must keep them apart.
        .header(header::VARY, HeaderValue::from_static("Accept"))
        .body(Body::from(bytes))
        .map_err(|e| AppError::Internal(e.to_string()))
}

pub fn router() -> Router<AppState> {
    Router::new().route(
        &format!("/img/{GENERATOR_VERSION}/{{key}}/{{file}}"),
        get(serve_image),
    )
}
