//! The one error type of the API: every failure becomes a status code plus
//! `{"error": {"code", "message"}}`.

use api_types::{ErrorBody, ErrorDetail, FieldError};
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Validation(String),
    /// A form with invalid fields (422, listed in `fields`).
    #[error("Please correct the highlighted fields.")]
    Fields(Vec<FieldError>),
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    Conflict(String),
    /// A refusal the client acts on by its specific code, e.g. 409 `out_of_stock`,
    /// 409 `price_changed` or 422 `idempotency_key_reused`.
    #[error("{message}")]
    Coded {
        status: StatusCode,
        code: &'static str,
        message: String,
    },
    /// The (test-mode) card issuer refused the payment: 402 with a code like `card_declined`.
    #[error("{message}")]
    PaymentRequired { code: &'static str, message: String },
    #[error("{message}")]
    TooManyRequests { message: String, retry_after: u64 },
    #[error("{0}")]
    PayloadTooLarge(String),
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("internal error: {0}")]
    Internal(String),
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Validation(_) | AppError::Fields(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Coded { status, .. } => *status,
            AppError::PaymentRequired { .. } => StatusCode::PAYMENT_REQUIRED,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::Database(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            AppError::NotFound(_) => "not_found",
            AppError::BadRequest(_) => "bad_request",
            AppError::Validation(_) | AppError::Fields(_) => "validation",
            AppError::Unauthorized(_) => "unauthorized",
            AppError::Forbidden(_) => "forbidden",
            AppError::Conflict(_) => "conflict",
            AppError::Coded { code, .. } | AppError::PaymentRequired { code, .. } => code,
            AppError::TooManyRequests { .. } => "rate_limited",
            AppError::PayloadTooLarge(_) => "too_large",
            AppError::UnsupportedMediaType(_) => "unsupported_media_type",
            AppError::Database(_) | AppError::Internal(_) => "internal",
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(mut self) -> Response {
        let status = self.status();
        let retry_after = match &self {
            AppError::TooManyRequests { retry_after, .. } => Some(*retry_after),
            _ => None,
        };
        let fields = match &mut self {
            AppError::Fields(fields) => std::mem::take(fields),
            _ => Vec::new(),
        };
        let message = match &self {
            // Never leak internals to clients; log them instead.
            AppError::Database(_) | AppError::Internal(_) => {
                tracing::error!(error = %self, "request failed");
                "Something went wrong on our side. Please try again.".to_string()
            }
            other => other.to_string(),
        };
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code().to_string(),
                message,
                fields,
            },
        };
        let mut res = (status, Json(body)).into_response();
        if let Some(secs) = retry_after {
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        res
    }
}

impl From<QueryRejection> for AppError {
    fn from(rejection: QueryRejection) -> Self {
        AppError::BadRequest(format!("Malformed query string: {}", rejection.body_text()))
    }
}

impl From<PathRejection> for AppError {
    fn from(rejection: PathRejection) -> Self {
        AppError::BadRequest(format!("Malformed path: {}", rejection.body_text()))
    }
}

impl From<JsonRejection> for AppError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection {
            JsonRejection::JsonDataError(e) => AppError::Validation(e.body_text()),
            JsonRejection::MissingJsonContentType(_) => AppError::UnsupportedMediaType(
                "Send the body as JSON with Content-Type: application/json.".to_string(),
            ),
            other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                AppError::PayloadTooLarge("The request body is too large.".to_string())
            }
            other => AppError::BadRequest(other.body_text()),
        }
    }
}

impl AppError {
    /// A 409 with a specific code (`out_of_stock`, `price_changed`, ...).
    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        AppError::Coded {
            status: StatusCode::CONFLICT,
            code,
            message: message.into(),
        }
    }

    /// A 422 naming one field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        AppError::Fields(vec![FieldError {
            field: field.to_string(),
            message: message.into(),
        }])
    }
}

/// Fallback for unknown `/api/...` paths: JSON 404, never the SPA's index.html.
pub async fn api_not_found() -> AppError {
    AppError::NotFound("No such API endpoint.".to_string())
}

/// Gives refusals made by the framework rather than by `AppError` (405 from routing, a body
/// limit's plain-text 413, ...) the one error shape, keeping their headers (`Allow`).
pub async fn json_errors(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    let status = res.status();
    let is_json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json || !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    // The framework's texts are short; anything longer is not worth showing.
    let text = axum::body::to_bytes(body, 1024)
        .await
        .ok()
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .filter(|t| !t.is_empty());
    let message = |fallback: &str| text.clone().unwrap_or_else(|| fallback.to_string());
    let error = match status {
        StatusCode::BAD_REQUEST => AppError::BadRequest(message("Malformed request.")),
        StatusCode::UNAUTHORIZED => AppError::Unauthorized(message("Please sign in to do that.")),
        StatusCode::FORBIDDEN => AppError::Forbidden(message("Not allowed.")),
        StatusCode::NOT_FOUND => AppError::NotFound(message("No such API endpoint.")),
        StatusCode::PAYLOAD_TOO_LARGE => {
            AppError::PayloadTooLarge(message("The request body is too large."))
        }
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            AppError::UnsupportedMediaType(message("Unsupported Content-Type."))
        }
        StatusCode::UNPROCESSABLE_ENTITY => AppError::Validation(message("Invalid request.")),
        StatusCode::METHOD_NOT_ALLOWED => AppError::Coded {
            status,
            code: "method_not_allowed",
            message: "This endpoint does not take that method; Allow lists those it takes."
                .to_string(),
        },
        // Never pass on a server error's text: it may tell internals.
        _ if status.is_server_error() => AppError::Coded {
            status,
            code: "internal",
            message: "Something went wrong on our side. Please try again.".to_string(),
        },
        _ => AppError::Coded {
            status,
            code: "error",
            message: message(status.canonical_reason().unwrap_or("Refused.")),
        },
    };
    let json = error.into_response();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::CONTENT_ENCODING);
    if let Some(value) = json.headers().get(header::CONTENT_TYPE) {
        parts.headers.insert(header::CONTENT_TYPE, value.clone());
    }
    Response::from_parts(parts, json.into_body())
}
