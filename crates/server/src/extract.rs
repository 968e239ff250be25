//! Extractors whose rejections use the API's JSON error shape.

use axum::extract::FromRequestParts;

use crate::error::AppError;

/// `Query<T>` that answers a malformed query string with a JSON 400.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(AppError))]
pub struct ApiQuery<T>(pub T);

/// `Path<T>` that answers a malformed path parameter with a JSON 400.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(AppError))]
pub struct ApiPath<T>(pub T);

/// `Json<T>` that answers a malformed body with a JSON 400/415/422.
#[derive(axum::extract::FromRequest)]
#[from_request(via(axum::Json), rejection(AppError))]
pub struct ApiJson<T>(pub T);
