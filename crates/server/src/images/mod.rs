//! Image files: rendered from their seed on first request, encoded once per format, cached on
//! disk.
//!
//! URLs are content-addressed (`/img/v1/{key}/{width}`, the key fixed at creation and the
//! generator version in the path), so responses are cached by browsers forever. One URL serves
//! lossy WebP to browsers whose `Accept` names `image/webp` and JPEG to the others, with
//! `Vary: Accept`. The earlier `/img/v1/{key}/{width}.jpg` URLs answer the same way.
//!
//! Parts: `encoding` (WebP or JPEG per request), `decode` (checking uploads), `serve` (the
//! route); the bytes live in the media store (`crate::storage`).

mod decode;
mod encoding;
mod serve;

use std::path::PathBuf;

use image::RgbImage;
use tokio::sync::Semaphore;

pub use decode::{decode_upload, MAX_UPLOAD_DIMENSION, MAX_UPLOAD_PIXELS};
pub use encoding::{encode_jpeg_quality, encode_webp, Encoding, WEBP_QUALITY};
pub use serve::router;

use crate::error::{AppError, AppResult};
use crate::imagegen;
use crate::storage::{source_key, Storage};
use crate::AppState;

/// Bumped when the generator's output changes, so cached URLs change too.
pub const GENERATOR_VERSION: &str = "v1";
pub const AVATAR_THEME: &str = "avatar";
/// Uploaded pictures: renditions are resized from the stored source file, not generated.
pub const UPLOAD_THEME: &str = "upload";
pub const UPLOAD_AVATAR_THEME: &str = "upload-avatar";

/// URL template (with `{w}`) for an image key. The extension-less URL is negotiated (WebP or
/// JPEG); `{w}.jpg` still answers for URLs handed out before.
pub fn url_template(key: &str) -> String {
    format!("/img/{GENERATOR_VERSION}/{key}/{{w}}")
}

pub struct ImageStore {
    /// The local media directory: videos and live replays still use it directly (FFmpeg
    /// reads and writes files); pictures go through `objects`.
    dir: PathBuf,
    /// Pictures' sources and renditions (local files under `dir` unless configured).
    pub objects: Storage,
    /// Rendering is CPU-bound: at most one job per core at a time.
    permits: Semaphore,
}

impl ImageStore {
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

    /// The same local directory with pictures kept in `objects` instead.
    pub fn with_objects(&self, objects: Storage) -> ImageStore {
        ImageStore::new(self.dir.clone(), objects)
    }

    /// A store over `dir`, with pictures in `objects` (usually local files under `dir`).
    pub fn new(dir: PathBuf, objects: Storage) -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        ImageStore {
            dir,
            objects,
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

/// Stores an uploaded picture (re-encoded, so metadata such as GPS tags is dropped) as a new
/// image row whose renditions are resized from it on demand. Returns the row id.
pub async fn store_upload(state: &AppState, img: RgbImage, theme: &str) -> AppResult<i64> {
    store_picture(&state.images, &state.db, img, theme).await
}

/// [`store_upload`] for callers without the whole app state (the video worker's posters).
///
/// The object is written first under its final key, then the row: if the insert fails the
/// object is deleted again, so neither half is left (the sweeper catches a crash between).
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
    let bytes = tokio::task::spawn_blocking(move || encode_jpeg_quality(&img, 90))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))??;
    let object = source_key(&key);
    store.objects.put(&object, bytes).await?;
    let inserted: AppResult<i64> = async {
        let (_turn, mut tx) = crate::db::write_tx(db).await?;
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
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }
    .await;
    if inserted.is_err() {
        store.objects.delete_after_failure(&object).await;
    }
    inserted
}
