//! The server's error body, read through the browser's JSON parser member by member instead of
//! through serde: the derived deserializers of `ErrorBody`, `FieldError`, `ErrorParams` and
//! their enums cost the main module several KB (brotli) for a shape with a dozen members. A
//! member of the wrong type is skipped; a text whose value is then missing falls back to the
//! server's message (see `error_text`).

use api_types::{ErrorCode, ErrorParams, FieldError, LimitedAction, Resource};
use js_sys::{Array, Reflect, JSON};
use wasm_bindgen::JsValue;

/// The members of `{"error": {"code", "message", "params"?, "fields"?}}` the client uses.
pub struct ErrorFields {
    pub code: ErrorCode,
    pub message: String,
    pub params: ErrorParams,
    pub fields: Vec<FieldError>,
}

/// `None` unless `body` is the error shape (an object with a string `code` and `message`).
pub fn parse(body: &str) -> Option<ErrorFields> {
    let root = JSON::parse(body).ok()?;
    let error = member(&root, "error")?;
    let fields = member(&error, "fields")
        .filter(Array::is_array)
        .map(|list| {
            Array::from(&list)
                .iter()
                .filter_map(|f| field(&f))
                .collect()
        })
        .unwrap_or_default();
    Some(ErrorFields {
        code: ErrorCode::from_name(&string(&error, "code")?),
        message: string(&error, "message")?,
        params: params(&error),
        fields,
    })
}

fn field(value: &JsValue) -> Option<FieldError> {
    Some(FieldError {
        field: string(value, "field")?,
        // As serde read it: a field error without a code is `Unknown`.
        code: string(value, "code").map_or(ErrorCode::Unknown, |c| ErrorCode::from_name(&c)),
        message: string(value, "message")?,
        params: params(value),
    })
}

/// `owner.params`, each value by its name.
fn params(owner: &JsValue) -> ErrorParams {
    let Some(p) = member(owner, "params") else {
        return ErrorParams::default();
    };
    ErrorParams {
        min: unsigned(&p, "min"),
        max: unsigned(&p, "max"),
        actual: string(&p, "actual"),
        declared: string(&p, "declared"),
        megapixels: unsigned(&p, "megapixels"),
        resource: string(&p, "resource").map(|r| Resource::from_name(&r)),
        id: integer(&p, "id"),
        name: string(&p, "name"),
        stock: integer(&p, "stock"),
        total_fen: integer(&p, "total_fen"),
        expected_fen: integer(&p, "expected_fen"),
        price_fen: integer(&p, "price_fen"),
        action: string(&p, "action").map(|a| LimitedAction::from_name(&a)),
        limit: unsigned(&p, "limit"),
        window_secs: unsigned(&p, "window_secs"),
        retry_after: unsigned(&p, "retry_after"),
    }
}

/// `value[name]` when `value` is an object and the member is neither missing nor `null`.
fn member(value: &JsValue, name: &str) -> Option<JsValue> {
    if !value.is_object() {
        return None;
    }
    Reflect::get(value, &JsValue::from_str(name))
        .ok()
        .filter(|m| !m.is_undefined() && !m.is_null())
}

fn string(value: &JsValue, name: &str) -> Option<String> {
    member(value, name)?.as_string()
}

/// A whole number JSON can carry exactly (the server's are far below 2^53).
fn integer(value: &JsValue, name: &str) -> Option<i64> {
    let n = member(value, name)?.as_f64()?;
    (n.fract() == 0.0 && n.abs() <= 9_007_199_254_740_991.0).then_some(n as i64)
}

fn unsigned(value: &JsValue, name: &str) -> Option<u64> {
    integer(value, name).and_then(|n| u64::try_from(n).ok())
}
