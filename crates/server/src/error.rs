//! The one error type of the API: every failure becomes a status code plus
//! `{"error": {"code", "message"}}`.

use api_types::{ErrorBody, ErrorDetail, FieldError};
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::{header, HeaderValue, StatusCode};
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
