//! The one error type of the API: every failure becomes a status code plus
//! `{"error": {"code", "message", "params"?, "fields"?}}`. Each refusal a person can meet has a
//! specific [`ErrorCode`] (and typed [`ErrorParams`] for the values its message names): clients
//! localise by the code, so the English message may be reworded freely.

use api_types::{ErrorBody, ErrorCode, ErrorDetail, ErrorParams, FieldError, Resource};
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// A refusal a person may see: its status, specific code, English message and the values
    /// the message names. Built with [`AppError::refuse`] and its shorthands.
    #[error("{}", .0.message)]
    Refused(Box<Refusal>),
    /// A malformed request (400 `bad_request`): for developers, never shown to a person.
    #[error("{0}")]
    BadRequest(String),
    /// A well-formed request the API does not take (422 `invalid_request`): for developers.
    #[error("{0}")]
    InvalidRequest(String),
    /// A form with invalid fields (422 `validation`, listed in `fields`).
    #[error("Please correct the highlighted fields.")]
    Fields(Vec<FieldError>),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("internal error: {0}")]
    Internal(String),
}

/// See [`AppError::Refused`].
#[derive(Debug)]
pub struct Refusal {
    pub status: StatusCode,
    pub code: ErrorCode,
    pub message: String,
    pub params: ErrorParams,
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Refused(r) => r.status,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::InvalidRequest(_) | AppError::Fields(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Database(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            AppError::Refused(r) => r.code,
            AppError::BadRequest(_) => ErrorCode::BadRequest,
            AppError::InvalidRequest(_) => ErrorCode::InvalidRequest,
            AppError::Fields(_) => ErrorCode::Validation,
            AppError::Database(_) | AppError::Internal(_) => ErrorCode::Internal,
        }
    }

    /// A refusal with `status` and its specific `code`.
    pub fn refuse(status: StatusCode, code: ErrorCode, message: impl Into<String>) -> Self {
        AppError::Refused(Box::new(Refusal {
            status,
            code,
            message: message.into(),
            params: ErrorParams::default(),
        }))
    }

    /// The values the message names (a refusal's; other errors have none).
    pub fn with(mut self, params: ErrorParams) -> Self {
        if let AppError::Refused(r) = &mut self {
            r.params = params;
        }
        self
    }

    /// A 404 `not_found` for `resource` number `id`: "Note 12 does not exist."
    pub fn not_found(resource: Resource, id: i64) -> Self {
        AppError::missing(resource, format!("{} {id} does not exist.", noun(resource))).with(
            ErrorParams {
                resource: Some(resource),
                id: Some(id),
                ..Default::default()
            },
        )
    }

    /// A 404 `not_found` for `resource` with a message of its own.
    pub fn missing(resource: Resource, message: impl Into<String>) -> Self {
        AppError::refuse(StatusCode::NOT_FOUND, ErrorCode::NotFound, message).with(ErrorParams {
            resource: Some(resource),
            ..Default::default()
        })
    }

    /// A 401 `unauthorized`.
    pub fn sign_in_first(message: impl Into<String>) -> Self {
        AppError::refuse(StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized, message)
    }

    /// A 403 with a specific code.
    pub fn forbidden(code: ErrorCode, message: impl Into<String>) -> Self {
        AppError::refuse(StatusCode::FORBIDDEN, code, message)
    }

    /// A 409 with a specific code (`out_of_stock`, `price_changed`, ...).
    pub fn conflict(code: ErrorCode, message: impl Into<String>) -> Self {
        AppError::refuse(StatusCode::CONFLICT, code, message)
    }

    /// A 422 with a specific code, about the request as a whole.
    pub fn unprocessable(code: ErrorCode, message: impl Into<String>) -> Self {
        AppError::refuse(StatusCode::UNPROCESSABLE_ENTITY, code, message)
    }

    /// A 422 naming one field.
    pub fn field(field: &str, code: ErrorCode, message: impl Into<String>) -> Self {
        AppError::Fields(vec![FieldError::new(field, code, message)])
    }

    /// The refusal's parameters, if it is one.
    pub fn params(&self) -> Option<&ErrorParams> {
        match self {
            AppError::Refused(r) => Some(&r.params),
            _ => None,
        }
    }
}

/// How messages name a resource.
fn noun(resource: Resource) -> &'static str {
    match resource {
        Resource::Endpoint => "Endpoint",
        Resource::Note => "Note",
        Resource::Comment => "Comment",
        Resource::User => "User",
        Resource::Product => "Product",
        Resource::Variant => "Variant",
        Resource::Category => "Category",
        Resource::Channel => "Channel",
        Resource::Order => "Order",
        Resource::Address => "Address",
        Resource::CartItem => "Cart item",
        Resource::Draft => "Draft",
        Resource::Image => "Image",
        Resource::Video => "Video",
        Resource::WaitingNote => "Waiting note",
        Resource::LiveRoom => "Live room",
        Resource::ChatMessage => "Message",
        Resource::Replay => "Replay",
        Resource::Unknown => "Item",
    }
}

impl IntoResponse for AppError {
    fn into_response(mut self) -> Response {
        let status = self.status();
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
        let code = self.code();
        let params = match self {
            AppError::Refused(r) => r.params,
            _ => ErrorParams::default(),
        };
        let retry_after = params.retry_after;
        let body = ErrorBody {
            error: ErrorDetail {
                code,
                message,
                params,
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
            JsonRejection::JsonDataError(e) => AppError::InvalidRequest(e.body_text()),
            JsonRejection::MissingJsonContentType(_) => AppError::refuse(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorCode::UnsupportedMediaType,
                "Send the body as JSON with Content-Type: application/json.",
            ),
            other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => body_too_large(),
            other => AppError::BadRequest(other.body_text()),
        }
    }
}

/// The 413 for a body over the server's limit.
pub fn body_too_large() -> AppError {
    AppError::refuse(
        StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::TooLarge,
        "The request body is too large.",
    )
}

/// Fallback for unknown `/api/...` paths: JSON 404, never the SPA's index.html.
pub async fn api_not_found() -> AppError {
    AppError::missing(Resource::Endpoint, "No such API endpoint.")
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
    let (code, fallback) = match status {
        StatusCode::BAD_REQUEST => (ErrorCode::BadRequest, "Malformed request."),
        StatusCode::UNAUTHORIZED => (ErrorCode::Unauthorized, "Please sign in to do that."),
        StatusCode::FORBIDDEN => (ErrorCode::Forbidden, "Not allowed."),
        StatusCode::NOT_FOUND => (ErrorCode::NotFound, "No such API endpoint."),
        StatusCode::PAYLOAD_TOO_LARGE => (ErrorCode::TooLarge, "The request body is too large."),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            (ErrorCode::UnsupportedMediaType, "Unsupported Content-Type.")
        }
        StatusCode::UNPROCESSABLE_ENTITY => (ErrorCode::InvalidRequest, "Invalid request."),
        _ => (
            ErrorCode::Error,
            status.canonical_reason().unwrap_or("Refused."),
        ),
    };
    let error = match status {
        StatusCode::METHOD_NOT_ALLOWED => AppError::refuse(
            status,
            ErrorCode::MethodNotAllowed,
            "This endpoint does not take that method; Allow lists those it takes.",
        ),
        // Never pass on a server error's text: it may tell internals.
        _ if status.is_server_error() => AppError::refuse(
            status,
            ErrorCode::Internal,
            "Something went wrong on our side. Please try again.",
        ),
        // The framework's own texts are for developers: its code says what a person needs.
        _ => AppError::refuse(status, code, message(fallback)),
    };
    let error = match code {
        ErrorCode::NotFound => error.with(ErrorParams {
            resource: Some(Resource::Endpoint),
            ..Default::default()
        }),
        _ => error,
    };
    let json = error.into_response();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::CONTENT_ENCODING);
    if let Some(value) = json.headers().get(header::CONTENT_TYPE) {
        parts.headers.insert(header::CONTENT_TYPE, value.clone());
    }
    Response::from_parts(parts, json.into_body())
}
