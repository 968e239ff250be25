//! Note pictures: `POST /uploads` takes one raw image, checks what it really is and how big it
//! is (before decoding), turns it upright, crops extreme shapes, downsizes it to the largest
//! width the app serves and re-encodes it (which drops EXIF, GPS and other metadata). The
//! stored picture is served at the feed's widths with a placeholder, like every other image.
//! An upload belongs to its uploader: only they may put it in a note or a draft.

use std::collections::{HashMap, HashSet};

use api_types::{ErrorCode, ErrorParams, FieldError, Upload, IMAGE_WIDTHS, UPLOAD_MAX_BYTES};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::Json;
use image::{DynamicImage, GenericImageView, RgbImage};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::rows::image;
use crate::auth::SignedIn;
use crate::error::{AppError, AppResult};
use crate::images::{self, UPLOAD_THEME};
use crate::{now_unix, AppState};

/// Widest stored source: the widest rendition the feed asks for.
pub const SOURCE_MAX_WIDTH: u32 = IMAGE_WIDTHS[IMAGE_WIDTHS.len() - 1];
/// Shapes beyond 16:9 either way are centre-cropped to it: the seeded notes' extremes. (Covers
/// display between 4:3 and 3:4 anyway; a 1:5 screenshot would only make absurd renditions.)
const RATIO_LONG: u64 = 16;
const RATIO_SHORT: u64 = 9;

/// Centre-crops to at most 16:9 (or 9:16), downsizes to [`SOURCE_MAX_WIDTH`] and flattens any
/// transparency onto white.
pub fn prepare(img: DynamicImage) -> RgbImage {
    let (w, h) = img.dimensions();
    let (w64, h64) = (u64::from(w), u64::from(h));
    let img = if h64 * RATIO_SHORT > w64 * RATIO_LONG {
        let keep = (w64 * RATIO_LONG / RATIO_SHORT) as u32;
        img.crop_imm(0, (h - keep) / 2, w, keep)
    } else if w64 * RATIO_SHORT > h64 * RATIO_LONG {
        let keep = (h64 * RATIO_LONG / RATIO_SHORT) as u32;
        img.crop_imm((w - keep) / 2, 0, keep, h)
    } else {
        img
    };
    let img = if img.width() > SOURCE_MAX_WIDTH {
        // Area sampling: fast and clean for big reductions (a 12 MP photo to 1080 px).
        img.thumbnail(SOURCE_MAX_WIDTH, u32::MAX)
    } else {
        img
    };
    if img.color().has_alpha() {
        let rgba = img.to_rgba8();
        RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
            let p = rgba.get_pixel(x, y).0;
            let a = u32::from(p[3]);
            let over_white = |c: u8| ((u32::from(c) * a + 255 * (255 - a)) / 255) as u8;
            image::Rgb([over_white(p[0]), over_white(p[1]), over_white(p[2])])
        })
    } else {
        img.to_rgb8()
    }
}

/// Stores one picture for a note (JPEG, PNG or WebP as the raw body, its type in
/// `Content-Type`). Re-encoded without metadata; served at the feed's widths.
#[utoipa::path(post, path = "/api/v1/uploads", tag = "publishing",
    request_body(description = "The picture itself as the body (not multipart): JPEG, PNG or WebP, with its Content-Type",
        content(([u8] = "image/jpeg"), ([u8] = "image/png"), ([u8] = "image/webp"))),
    responses(
        (status = 201, body = Upload),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 413, description = "Over 10 MB", body = api_types::ErrorBody),
        (status = 415, description = "Not a JPEG, PNG or WebP, or not what Content-Type says", body = api_types::ErrorBody),
        (status = 422, description = "Empty, unreadable, or too small/large in pixels", body = api_types::ErrorBody),
        (status = 429, description = "Too many uploads lately (see Retry-After)", body = api_types::ErrorBody),
    ))]
pub async fn upload(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    headers: HeaderMap,
    // Over the route's body limit the body is refused while buffering: answer that in the
    // API's JSON error shape too, not axum's plain-text 413.
    body: Result<Bytes, BytesRejection>,
) -> AppResult<(StatusCode, Json<Upload>)> {
    let too_large = || {
        let mb = UPLOAD_MAX_BYTES / (1024 * 1024);
        AppError::refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::PictureTooLarge,
            format!("Pictures can be at most {mb} MB."),
        )
        .with(ErrorParams::max(mb))
    };
    let body = body.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => too_large(),
        _ => AppError::BadRequest(e.body_text()),
    })?;
    if body.len() > UPLOAD_MAX_BYTES {
        return Err(too_large());
    }
    if body.is_empty() {
        return Err(upload_empty());
    }
    // Every attempt that reaches the decoder counts, failed ones too: they cost the same.
    state
        .limits
        .acquire(&crate::ratelimit::UPLOAD, &format!("u{me}"))
        .await?;
    let declared = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let picture = {
        let _turn = state.images.permit().await?;
        tokio::task::spawn_blocking(move || {
            images::decode_upload(&body, declared.as_deref()).map(prepare)
        })
        .await
        .map_err(|e| AppError::Internal(e.to_string()))??
    };
    let image_id = images::store_upload(&state, picture, UPLOAD_THEME).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO uploads (user_id, image_id, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(me)
    .bind(image_id)
    .bind(now_unix())
    .fetch_one(&state.db)
    .await?;
    let mut uploads = load_uploads(&mut *state.db.acquire().await?, me, &[id]).await?;
    let upload = uploads
        .pop()
        .ok_or_else(|| AppError::Internal("stored upload vanished".to_string()))?;
    Ok((StatusCode::CREATED, Json(upload)))
}

/// `owner`'s uploads among `ids`, in the order of `ids` (others' and unknown ids skipped).
pub async fn load_uploads(
    conn: &mut SqliteConnection,
    owner: i64,
    ids: &[i64],
) -> AppResult<Vec<Upload>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = QueryBuilder::<Sqlite>::new(
        "SELECT u.id, i.image_key, i.width, i.height, i.ph_top, i.ph_bottom \
         FROM uploads u JOIN images i ON i.id = u.image_id WHERE u.user_id = ",
    );
    sql.push_bind(owner).push(" AND u.id IN (");
    let mut list = sql.separated(", ");
    for id in ids {
        list.push_bind(*id);
    }
    sql.push(")");
    let rows: Vec<(i64, String, i64, i64, String, String)> =
        sql.build_query_as().fetch_all(&mut *conn).await?;
    let by_id: HashMap<i64, Upload> = rows
        .into_iter()
        .map(|(id, key, w, h, top, bottom)| {
            (
                id,
                Upload {
                    id,
                    image: image(&key, w, h, top, bottom),
                },
            )
        })
        .collect();
    Ok(ids.iter().filter_map(|id| by_id.get(id).cloned()).collect())
}

/// The image ids behind `ids`, in order, if every one is an upload of `owner` and none is
/// repeated; otherwise the field error explaining which rule was broken.
pub async fn owned_images(
    conn: &mut SqliteConnection,
    owner: i64,
    ids: &[i64],
) -> AppResult<Result<Vec<i64>, FieldError>> {
    let unique: HashSet<i64> = ids.iter().copied().collect();
    if unique.len() != ids.len() {
        return Ok(Err(FieldError::new(
            "image_ids",
            ErrorCode::DuplicatePhoto,
            "Each photo can be added once.",
        )));
    }
    if ids.is_empty() {
        return Ok(Ok(Vec::new()));
    }
    let mut sql = QueryBuilder::<Sqlite>::new("SELECT id, image_id FROM uploads WHERE user_id = ");
    sql.push_bind(owner).push(" AND id IN (");
    let mut list = sql.separated(", ");
    for id in ids {
        list.push_bind(*id);
    }
    sql.push(")");
    let found: HashMap<i64, i64> = sql
        .build_query_as::<(i64, i64)>()
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .collect();
    Ok(ids
        .iter()
        .map(|id| found.get(id).copied())
        .collect::<Option<Vec<i64>>>()
        .ok_or_else(|| {
            FieldError::new(
                "image_ids",
                ErrorCode::PhotoGone,
                "A photo is missing: upload it again.",
            )
        }))
}

/// The 422 for an upload without a byte (pictures, avatars, videos).
pub fn upload_empty() -> AppError {
    AppError::unprocessable(ErrorCode::UploadEmpty, "The upload was empty.")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blank(w: u32, h: u32) -> DynamicImage {
        DynamicImage::ImageRgb8(RgbImage::new(w, h))
    }

    #[test]
    fn shapes_are_kept_within_16_9_and_1080_wide() {
        assert_eq!(prepare(blank(1600, 1200)).dimensions(), (1080, 810));
        assert_eq!(prepare(blank(600, 800)).dimensions(), (600, 800));
        // A panorama and a long screenshot are cropped to 16:9 and 9:16.
        assert_eq!(prepare(blank(4000, 1000)).dimensions(), (1080, 608));
        assert_eq!(prepare(blank(300, 3000)).dimensions(), (300, 533));
    }

    #[test]
    fn transparency_becomes_white() {
        let clear = DynamicImage::ImageRgba8(image::RgbaImage::new(20, 20));
        assert_eq!(prepare(clear).get_pixel(3, 3).0, [255, 255, 255]);
    }
}
