//! Checking and decoding uploaded pictures: the bytes decide the format, and sizes are capped
//! before any pixel is decoded.

use api_types::{ErrorCode, ErrorParams};
use axum::http::StatusCode;
use image::ImageDecoder;
use std::io::Cursor as IoCursor;

use crate::error::{AppError, AppResult};

/// Uploads larger than this in either dimension are refused before decoding (image bombs).
pub const MAX_UPLOAD_DIMENSION: u32 = 12_000;
/// ... and so are uploads with more pixels than this in all (a 48-megapixel phone photo fits;
/// a few-kilobyte PNG claiming 12,000 x 12,000 zero pixels does not).
pub const MAX_UPLOAD_PIXELS: u64 = 50_000_000;

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
