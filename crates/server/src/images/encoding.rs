//! How renditions are encoded: lossy WebP for browsers that take it, baseline JPEG for the
//! others, chosen per request from `Accept`.

use axum::http::{header, HeaderMap};
use image::codecs::jpeg::JpegEncoder;
use image::RgbImage;
use std::io::Cursor as IoCursor;

use crate::error::{AppError, AppResult};

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
    pub(super) fn extension(self) -> &'static str {
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

/// Baseline JPEG at `quality` (1–100).
pub fn encode_jpeg_quality(img: &RgbImage, quality: u8) -> Result<Vec<u8>, AppError> {
    let mut out = IoCursor::new(Vec::with_capacity(64 * 1024));
    JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(img)
        .map_err(|e| AppError::Internal(format!("jpeg encode: {e}")))?;
    Ok(out.into_inner())
}
