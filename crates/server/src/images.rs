//! Image files: rendered from their seed on first request, encoded once per format, cached on
//! disk.
//!
//! URLs are content-addressed (`/img/v1/{key}/{width}`, the key fixed at creation and the
//! generator version in the path), so responses are cached by browsers forever. One URL serves
//! lossy WebP to browsers whose `Accept` names `image/webp` and JPEG to the others, with
//! `Vary: Accept`. The earlier `/img/v1/{key}/{width}.jpg` URLs answer the same way.

use api_types::{ErrorCode, ErrorParams};
use axum::http::StatusCode;
use std::io::Cursor as IoCursor;
use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use image::codecs::jpeg::JpegEncoder;
use image::{ImageDecoder, RgbImage};
use tokio::sync::Semaphore;

use crate::error::{AppError, AppResult};
use crate::extract::ApiPath;
use crate::imagegen;
use crate::AppState;

/// Bumped when the generator's output changes, so cached URLs change too.
pub const GENERATOR_VERSION: &str = "v1";
const JPEG_QUALITY: u8 = 80;
/// Lossy WebP quality (libwebp's 0–100 scale), chosen with `tests/it/images/quality.rs`'s
/// `webp_quality_sweep` at 360–720w: photos come out at ~55–60% of JPEG q80's bytes with the
/// same SSIM; the generated art at ~20% (WebP smooths away its ±2% film grain, which JPEG
/// spends most of its bytes on) with 8x8-block mean errors of about a grey level, so no
/// visible banding. q75 saves another ~25% but falls below JPEG's SSIM on photos; from q85
/// WebP starts keeping the grain and doubles in size.
pub const WEBP_QUALITY: f32 = 80.0;
/// libwebp's effort (0 fast … 6 slow): 4 is its default, a good size/speed balance.
const WEBP_METHOD: i32 = 4;
pub const AVATAR_THEME: &str = "avatar";
/// Uploaded pictures: renditions are resized from the stored source file, not generated.
pub const UPLOAD_THEME: &str = "upload";
pub const UPLOAD_AVATAR_THEME: &str = "upload-avatar";
/// Uploads larger than this in either dimension are refused before decoding (image bombs).
pub const MAX_UPLOAD_DIMENSION: u32 = 12_000;
/// ... and so are uploads with more pixels than this in all (a 48-megapixel phone photo fits;
/// a few-kilobyte PNG claiming 12,000 x 12,000 zero pixels does not).
pub const MAX_UPLOAD_PIXELS: u64 = 50_000_000;

/// URL template (with `{w}`) for an image key. The extension-less URL is negotiated (WebP or
/// JPEG); `{w}.jpg` still answers for URLs handed out before.
pub fn url_template(key: &str) -> String {
    format!("/img/{GENERATOR_VERSION}/{key}/{{w}}")
}

/// The encodings a rendition is served in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Jpeg,
    WebP,
}

impl Encoding {
    /// WebP when any `Accept` header names `image/webp` (with a non-zero q), else JPEG. A
    /// wildcard such as `image/*` does not count: old Safari sends it but cannot show WebP.
    pub fn negotiate(headers: &HeaderMap) -> Encoding {
        let webp = headers
            .get_all(header::ACCEPT)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .any(|range| {
                let mut parts = range.split(';');
                let media = parts.next().unwrap_or("").trim();
                media.eq_ignore_ascii_case("image/webp")
                    && parts.all(|param| {
                        let param = param.trim();
                        !param
                            .strip_prefix("q=")
                            .and_then(|q| q.trim().parse::<f32>().ok())
                            .is_some_and(|q| q <= 0.0)
                    })
            });
        if webp {
            Encoding::WebP
        } else {
            Encoding::Jpeg
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Encoding::Jpeg => "image/jpeg",
            Encoding::WebP => "image/webp",
        }
    }

    /// The cache file's extension.
    fn extension(self) -> &'static str {
        match self {
            Encoding::Jpeg => "jpg",
            Encoding::WebP => "webp",
        }
    }

    /// Encodes a rendition at the served quality.
    pub fn encode(self, img: &RgbImage) -> AppResult<Vec<u8>> {
        match self {
            Encoding::Jpeg => encode_jpeg_quality(img, JPEG_QUALITY),
            Encoding::WebP => encode_webp(img, WEBP_QUALITY),
        }
    }
}

/// Lossy WebP at `quality` (0–100).
pub fn encode_webp(img: &RgbImage, quality: f32) -> AppResult<Vec<u8>> {
    let (width, height) = img.dimensions();
    if width == 0 || height == 0 {
        return Err(AppError::Internal("webp encode: empty picture".to_string()));
    }
    let mut config =
        webp::WebPConfig::new().map_err(|()| AppError::Internal("webp config".to_string()))?;
    config.quality = quality;
    config.method = WEBP_METHOD;
    let encoded = webp::Encoder::from_rgb(img.as_raw(), width, height)
        .encode_advanced(&config)
        .map_err(|e| AppError::Internal(format!("webp encode: {e:?}")))?;
    Ok(encoded.to_vec())
}

pub struct ImageStore {
    dir: PathBuf,
    /// Rendering is CPU-bound: at most one job per core at a time.
    permits: Semaphore,
}

impl ImageStore {
    /// Where an uploaded picture's source is kept.
    pub fn source_path(&self, key: &str) -> PathBuf {
        self.dir.join("src").join(format!("{key}.jpg"))
    }

    /// Where a video's files live (its renditions; an upload's source until it is processed):
    /// pictures and videos share one store, so moving it (to object storage) moves both.
    pub fn video_dir(&self, key: &str) -> PathBuf {
        self.dir.join("video").join(key)
    }

    /// Where live rooms' replays and demo clips live (`live_media`).
    pub fn live_dir(&self) -> PathBuf {
        self.dir.join("live")
    }

    /// Where video uploads are written while they arrive and are checked.
    pub fn video_incoming_dir(&self) -> PathBuf {
        self.dir.join("video").join("incoming")
    }

    /// A turn at CPU- and memory-heavy image work (decoding uploads, rendering): at most one
    /// per core at a time, which also bounds how much decoded pixel data is held at once.
    pub async fn permit(&self) -> AppResult<tokio::sync::SemaphorePermit<'_>> {
        self.permits
            .acquire()
            .await
            .map_err(|e| AppError::Internal(e.to_string()))
    }

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
    placeholder_of(&render(theme, seed, w, h))
}

/// Average colours of the top and bottom halves of `img`, as `#rrggbb`.
pub fn placeholder_of(img: &RgbImage) -> (String, String) {
    let (w, h) = img.dimensions();
    let half = (h / 2).max(1).min(h);
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

/// Decodes an uploaded file after checking what it really is: the bytes decide the format
/// (JPEG, PNG, WebP), a `declared` Content-Type that disagrees is refused, and dimensions,
/// pixel count and memory are capped before any pixel is decoded. The camera's EXIF
/// orientation is applied, since re-encoding drops the tag that said how to turn the picture.
pub fn decode_upload(bytes: &[u8], declared: Option<&str>) -> AppResult<image::DynamicImage> {
    use image::ImageFormat;
    let format = image::guess_format(bytes).ok();
    let actual = match format {
        Some(ImageFormat::Jpeg) => "image/jpeg",
        Some(ImageFormat::Png) => "image/png",
        Some(ImageFormat::WebP) => "image/webp",
        _ => {
            return Err(AppError::refuse(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorCode::PictureType,
                "Only JPEG, PNG and WebP pictures can be uploaded.",
            ))
        }
    };
    if let Some(declared) = declared {
        let declared = declared.split(';').next().unwrap_or("").trim();
        let declared = if declared == "image/jpg" {
            "image/jpeg"
        } else {
            declared
        };
        if declared != actual && declared != "application/octet-stream" {
            return Err(AppError::refuse(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorCode::PictureTypeMismatch,
                format!("The file says it is {declared} but it is {actual}."),
            )
            .with(ErrorParams {
                declared: Some(declared.to_string()),
                actual: Some(actual.to_string()),
                ..Default::default()
            }));
        }
    }
    let mut reader = image::ImageReader::new(IoCursor::new(bytes));
    reader.set_format(format.unwrap_or(ImageFormat::Jpeg));
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_UPLOAD_DIMENSION);
    limits.max_image_height = Some(MAX_UPLOAD_DIMENSION);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits.clone());
    // The decoder enforces `limits` while reading the header: a refusal there is a size
    // problem, not a damaged file.
    let (w, h) = reader.into_dimensions().map_err(refusal)?;
    if w > MAX_UPLOAD_DIMENSION || h > MAX_UPLOAD_DIMENSION || w < 16 || h < 16 {
        return Err(AppError::unprocessable(
            ErrorCode::PictureSides,
            format!(
                "Pictures must be between 16 and {MAX_UPLOAD_DIMENSION} pixels on each side (this one is {w}x{h})."
            ),
        )
        .with(ErrorParams {
            min: Some(16),
            max: Some(u64::from(MAX_UPLOAD_DIMENSION)),
            actual: Some(format!("{w}x{h}")),
            ..Default::default()
        }));
    }
    if u64::from(w) * u64::from(h) > MAX_UPLOAD_PIXELS {
        let (max, actual) = (
            MAX_UPLOAD_PIXELS / 1_000_000,
            u64::from(w) * u64::from(h) / 1_000_000,
        );
        return Err(AppError::unprocessable(
            ErrorCode::PicturePixels,
            format!("Pictures can have at most {max} megapixels (this one has {actual})."),
        )
        .with(ErrorParams {
            max: Some(max),
            actual: Some(actual.to_string()),
            ..Default::default()
        }));
    }
    let mut reader = image::ImageReader::new(IoCursor::new(bytes));
    reader.set_format(format.unwrap_or(ImageFormat::Jpeg));
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(refusal)?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = image::DynamicImage::from_decoder(decoder).map_err(refusal)?;
    img.apply_orientation(orientation);
    Ok(img)
}

fn unreadable() -> AppError {
    AppError::unprocessable(
        ErrorCode::PictureUnreadable,
        "The picture could not be read; it may be damaged.",
    )
}

/// A decoding error as the uploader should hear it: too big (the limits) or unreadable.
fn refusal(e: image::ImageError) -> AppError {
    match e {
        image::ImageError::Limits(_) => {
            let megapixels = MAX_UPLOAD_PIXELS / 1_000_000;
            AppError::unprocessable(
                ErrorCode::PictureLimits,
                format!(
                    "Pictures can be at most {MAX_UPLOAD_DIMENSION} pixels on each side and {megapixels} megapixels."
                ),
            )
            .with(ErrorParams {
                max: Some(u64::from(MAX_UPLOAD_DIMENSION)),
                megapixels: Some(megapixels),
                ..Default::default()
            })
        }
        _ => unreadable(),
    }
}

/// Stores an uploaded picture (re-encoded, so metadata such as GPS tags is dropped) as a new
/// image row whose renditions are resized from it on demand. Returns the row id.
pub async fn store_upload(state: &AppState, img: RgbImage, theme: &str) -> AppResult<i64> {
    store_picture(&state.images, &state.db, img, theme).await
}

/// [`store_upload`] for callers without the whole app state (the video worker's posters).
pub async fn store_picture(
    store: &ImageStore,
    db: &crate::Db,
    img: RgbImage,
    theme: &str,
) -> AppResult<i64> {
    let key: String = std::iter::repeat_with(fastrand::alphanumeric)
        .take(20)
        .collect();
    let (width, height) = img.dimensions();
    let (top, bottom) = placeholder_of(&img);
    let path = store.source_path(&key);
    let bytes = tokio::task::spawn_blocking(move || encode_jpeg_quality(&img, 90))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))??;
    if let Some(dir) = path.parent() {
        tokio::fs::create_dir_all(dir)
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
    }
    tokio::fs::write(&path, bytes)
        .await
        .map_err(|e| AppError::Internal(format!("could not store upload: {e}")))?;
    let id = sqlx::query_scalar(
        "INSERT INTO images (image_key, theme, seed, width, height, ph_top, ph_bottom) \
         VALUES ($1, $2, 0, $3, $4, $5, $6) RETURNING id",
    )
    .bind(&key)
    .bind(theme)
    .bind(i64::from(width))
    .bind(i64::from(height))
    .bind(top)
    .bind(bottom)
    .fetch_one(db)
    .await?;
    Ok(id)
}

/// Baseline JPEG at `quality` (1–100).
pub fn encode_jpeg_quality(img: &RgbImage, quality: u8) -> Result<Vec<u8>, AppError> {
    let mut out = IoCursor::new(Vec::with_capacity(64 * 1024));
    JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(img)
        .map_err(|e| AppError::Internal(format!("jpeg encode: {e}")))?;
    Ok(out.into_inner())
}

/// Renders (generated themes) or resizes (uploads) the picture behind an image row.
fn render_row(
    store: &ImageStore,
    key: &str,
    row: &ImageRow,
    width: u32,
    height: u32,
) -> AppResult<RgbImage> {
    if row.theme == UPLOAD_THEME || row.theme == UPLOAD_AVATAR_THEME {
        let source = image::open(store.source_path(key))
            .map_err(|e| AppError::Internal(format!("upload source: {e}")))?;
        Ok(source
            .resize_exact(width, height, image::imageops::FilterType::CatmullRom)
            .to_rgb8())
    } else {
        Ok(render(&row.theme, row.seed as u64, width, height))
    }
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
    let path = state
        .images
        .dir
        .join(format!("{key}-{width}.{}", encoding.extension()));
    let bytes = match tokio::fs::read(&path).await {
        Ok(bytes) => bytes,
        Err(_) => {
            let _permit = state.images.permit().await?;
            let height =
                ((u64::from(width) * row.height as u64) / (row.width.max(1) as u64)).max(1) as u32;
            let store = Arc::clone(&state.images);
            let bytes = tokio::task::spawn_blocking(move || {
                encoding.encode(&render_row(&store, &key, &row, width, height)?)
            })
            .await
            .map_err(|e| AppError::Internal(e.to_string()))??;
            // Write to a temp name then rename, so a concurrent reader never sees half a file.
            let tmp =
                path.with_extension(format!("{}.tmp{}", encoding.extension(), fastrand::u32(..)));
            if let Err(e) = tokio::fs::write(&tmp, &bytes).await {
                tracing::warn!(error = %e, "could not cache image");
            } else if let Err(e) = tokio::fs::rename(&tmp, &path).await {
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

/// Makes sure the cache directory exists.
pub fn prepare_dir(store: &Arc<ImageStore>) -> std::io::Result<()> {
    std::fs::create_dir_all(&store.dir)
}
