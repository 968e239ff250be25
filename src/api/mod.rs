//! Typed client for the `/api/v1` API. Components call these functions and never build URLs
//! by hand; every failure is an [`ApiError`].

use api_types::{
    Address, AddressInput, Cart, Channel, CheckoutQuote, Comment, CountedPage, CreatorStats, Draft,
    Earnings, FieldError, LineInput, LinesInput, Me, NewComment, NoteCard, NoteDetail, NoteInput,
    NoteTypeFilter, Notification, NotificationTab, OrderDetail, OrderSummary, Page, PasswordChange,
    PlaceOrder, ProductCard, ProductDetail, ProductSort, ProfileUpdate, Published, QuantityInput,
    QuoteInput, ReportInput, ReportReason, ReportResult, SearchSort, Session, ShopCategory, SignIn,
    SignUp, TimeFilter, Toggle, TopicSuggestion, UnreadCounts, Upload, UserProfile, UserSummary,
    WaitingNote,
};
use gloo_net::http::{Method, Request, RequestBuilder};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::i18n::{msg, t, tf};
mod accounts;
mod error_body;
pub mod error_text;
mod interactions;
mod live;
mod publishing;
mod reading;
mod shop;

pub use accounts::*;
pub use interactions::*;
pub use live::*;
pub use publishing::*;
pub use reading::*;
pub use shop::*;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    NotFound(String),
    BadRequest(String),
    Validation(String),
    /// A form the server refused, field by field.
    Fields {
        message: String,
        fields: Vec<FieldError>,
    },
    /// Not signed in (or the session ended).
    Unauthorized(String),
    Forbidden(String),
    RateLimited(String),
    Rejected(String),
    /// The request clashes with the current state (sold out, price changed, already shipped).
    Conflict(String),
    /// The (test-mode) card was declined.
    PaymentDeclined(String),
    /// A failure without a message of its own; these show fixed texts (see `Display`).
    Server {
        status: u16,
    },
    /// The request did not get through (the text is the browser's detail, not shown).
    Network(String),
    /// The answer was not what was expected (the text is the decoder's detail, not shown).
    Decode(String),
}

/// The message to show: the server's (already in the interface language, see
/// [`error_from_response`]) or, for failures without one, a fixed text.
impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::NotFound(message)
            | ApiError::BadRequest(message)
            | ApiError::Validation(message)
            | ApiError::Fields { message, .. }
            | ApiError::Unauthorized(message)
            | ApiError::Forbidden(message)
            | ApiError::RateLimited(message)
            | ApiError::Rejected(message)
            | ApiError::Conflict(message)
            | ApiError::PaymentDeclined(message) => f.write_str(message),
            ApiError::Server { status } => {
                f.write_str(&tf(msg::api::SERVER_PROBLEM, &[("status", status)]))
            }
            ApiError::Network(_) => f.write_str(t(msg::api::CANT_REACH_ZHONGCAO_CHECK_CONNECTION)),
            ApiError::Decode(_) => f.write_str(t(msg::api::UNEXPECTED_RESPONSE_FROM_SERVER)),
        }
    }
}

impl std::error::Error for ApiError {}

impl ApiError {
    pub fn is_not_found(&self) -> bool {
        matches!(self, ApiError::NotFound(_))
    }

    /// The server's message for `field` of a refused form.
    pub fn field(&self, field: &str) -> Option<String> {
        match self {
            ApiError::Fields { fields, .. } => fields
                .iter()
                .find(|f| f.field == field)
                .map(|f| f.message.clone()),
            _ => None,
        }
    }
}

/// Maps a non-success HTTP response to an error, using the server's JSON message when present.
/// The text shown is chosen by the error's `code` (see [`error_text`]); the server's English
/// `message` only for codes this build does not know.
pub fn error_from_response(status: u16, body: &str) -> ApiError {
    let (message, fields) = match error_body::parse(body) {
        Some(error) => (
            error_text::message(error.code, &error.params, error.message),
            error_text::localize_fields(error.fields),
        ),
        None => (
            tf(msg::server::FAILED_STATUS, &[("status", &status)]),
            Vec::new(),
        ),
    };
    match status {
        404 => ApiError::NotFound(message),
        400 => ApiError::BadRequest(message),
        401 => ApiError::Unauthorized(message),
        403 => ApiError::Forbidden(message),
        429 => ApiError::RateLimited(message),
        413 | 415 => ApiError::Rejected(message),
        402 => ApiError::PaymentDeclined(message),
        409 => ApiError::Conflict(message),
        422 if !fields.is_empty() => ApiError::Fields { message, fields },
        422 => ApiError::Validation(message),
        _ => ApiError::Server { status },
    }
}

/// `encodeURIComponent`, in Rust so the server builds the same paths (`api_types::paths`).
fn encode(value: &str) -> String {
    api_types::paths::encode_component(value)
}

// The async request code is not generic: each endpoint only adds its (small) decode step,
// which keeps the wasm bundle from growing a request state machine per response type.

async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    decode(&get_text(path).await?)
}

async fn get_text(path: &str) -> Result<String, ApiError> {
    if let Some(body) = take_boot(path) {
        return Ok(body);
    }
    let mut request = Request::get(path).header("Accept", "application/json");
    if let Some(guest) = crate::guest::current() {
        request = request.header(GUEST_HEADER, &guest);
    }
    let request = request
        .build()
        .map_err(|e| ApiError::Network(e.to_string()))?;
    send_raw(request).await
}

thread_local! {
    /// The answers the server put into the document for this page's first requests, read at
    /// the first request (see [`take_boot`]), with the time they were read.
    static BOOT: std::cell::RefCell<Option<(js_sys::Object, f64)>> = const { std::cell::RefCell::new(None) };
}

/// The id of the document's inline data: `<script type="application/json" id="zc-boot">`
/// holding `{"<api path>": <that GET's JSON answer>, …}` (the server's `shell::boot`).
const BOOT_ELEMENT_ID: &str = "zc-boot";
/// Inline answers not asked for this soon after start are dropped: they would be stale.
const BOOT_MAX_AGE_MS: f64 = 30_000.0;

/// Reads (and removes) the inline data element; an empty object if there is none.
fn read_boot() -> js_sys::Object {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(BOOT_ELEMENT_ID));
    let Some(element) = element else {
        return js_sys::Object::new();
    };
    // A script element's markup is its text, unescaped.
    let text = element.inner_html();
    element.remove();
    js_sys::JSON::parse(&text)
        .ok()
        .and_then(|v| wasm_bindgen::JsCast::dyn_into::<js_sys::Object>(v).ok())
        .unwrap_or_default()
}

/// The inline answer for exactly `path`, if the document brought one: each is used once (a
/// later request for the same path goes to the network) and only while fresh. The server's
/// JSON goes through the browser's parser and back (numbers here are far below 2^53).
fn take_boot(path: &str) -> Option<String> {
    BOOT.with(|boot| {
        let mut boot = boot.borrow_mut();
        let now = js_sys::Date::now();
        let (data, read_at) = boot.get_or_insert_with(|| (read_boot(), now));
        if now - *read_at > BOOT_MAX_AGE_MS {
            return None;
        }
        let key = wasm_bindgen::JsValue::from_str(path);
        let value = js_sys::Reflect::get(data, &key)
            .ok()
            .filter(|v| !v.is_undefined())?;
        let _ = js_sys::Reflect::delete_property(data, &key);
        js_sys::JSON::stringify(&value).ok().map(String::from)
    })
}

/// Drops the inline answers not used yet: they were for whoever was signed in at load.
fn forget_boot() {
    BOOT.with(|boot| *boot.borrow_mut() = Some((js_sys::Object::new(), 0.0)));
}

fn decode<T: DeserializeOwned>(body: &str) -> Result<T, ApiError> {
    // 204 answers have no body; callers asking for `()` accept `null`.
    let body = if body.is_empty() { "null" } else { body };
    serde_json::from_str(body).map_err(|e| ApiError::Decode(e.to_string()))
}

fn encode_body<B: Serialize>(body: Option<&B>) -> Result<Option<String>, ApiError> {
    body.map(serde_json::to_string)
        .transpose()
        .map_err(|e| ApiError::Decode(e.to_string()))
}

/// A state-changing call with a JSON body (or none). Cookies go along: the session lives in
/// an HttpOnly cookie, and the browser adds the `Origin` the server checks.
async fn send_json<B: Serialize, T: DeserializeOwned>(
    method: Method,
    path: &str,
    body: Option<&B>,
) -> Result<T, ApiError> {
    send_with(RequestBuilder::new(path).method(method), body).await
}

/// [`send_json`] for a request that needs extra headers.
async fn send_with<B: Serialize, T: DeserializeOwned>(
    builder: RequestBuilder,
    body: Option<&B>,
) -> Result<T, ApiError> {
    let json = encode_body(body)?;
    decode(&send_text(builder, json).await?)
}

/// A guest's anonymous id goes with every request (see `crate::guest`); the server reads it
/// only where a guest's taste matters (For-you, its signals, and signing in or up).
const GUEST_HEADER: &str = "X-Guest-Id";

async fn send_text(builder: RequestBuilder, json: Option<String>) -> Result<String, ApiError> {
    let mut builder = builder.header("Accept", "application/json");
    if let Some(guest) = crate::guest::current() {
        builder = builder.header(GUEST_HEADER, &guest);
    }
    let request = match json {
        Some(json) => builder
            .header("Content-Type", "application/json")
            .body(json),
        None => builder.build(),
    }
    .map_err(|e| ApiError::Network(e.to_string()))?;
    send_raw(request).await
}

async fn send_raw(request: Request) -> Result<String, ApiError> {
    let response = request
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    let status = response.status();
    let body = response
        .text()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    if !(200..300).contains(&status) {
        return Err(error_from_response(status, &body));
    }
    Ok(body)
}

fn page_path(base: String, cursor: Option<&str>) -> String {
    match cursor {
        Some(c) => format!(
            "{base}{}cursor={}",
            if base.contains('?') { "&" } else { "?" },
            encode(c)
        ),
        None => base,
    }
}

/// PUT to switch something on, DELETE to switch it off.
fn toggle_method(on: bool) -> Method {
    if on {
        Method::PUT
    } else {
        Method::DELETE
    }
}
