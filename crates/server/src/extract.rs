//! Extractors whose rejections use the API's JSON error shape.

use axum::extract::{FromRequest, FromRequestParts, Request};
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// `Query<T>` that answers a malformed query string with a JSON 400.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(AppError))]
pub struct ApiQuery<T>(pub T);

/// `Path<T>` that answers a malformed path parameter with a JSON 400.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(AppError))]
pub struct ApiPath<T>(pub T);

/// `Json<T>` for request bodies, which are all JSON objects: a malformed body is a JSON
/// 400/413/415, and a body that is JSON but not an object of `T`'s fields is a 422. serde
/// would otherwise read a struct from an array of its fields in order, so `["a", "b"]` would
/// pass for `{"username": "a", "password": "b"}`.
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let axum::Json(value) = axum::Json::<serde_json::Value>::from_request(req, state).await?;
        let kind = match &value {
            serde_json::Value::Object(_) => None,
            serde_json::Value::Array(_) => Some("an array"),
            serde_json::Value::String(_) => Some("a string"),
            serde_json::Value::Number(_) => Some("a number"),
            serde_json::Value::Bool(_) => Some("a boolean"),
            serde_json::Value::Null => Some("null"),
        };
        if let Some(kind) = kind {
            return Err(AppError::InvalidRequest(format!(
                "The body must be a JSON object, not {kind}."
            )));
        }
        let mut value = value;
        whole_floats_to_integers(&mut value);
        serde_json::from_value(value).map(ApiJson).map_err(|e| {
            AppError::InvalidRequest(format!(
                "Failed to deserialize the JSON body into the target type: {e}"
            ))
        })
    }
}

/// JSON has one number type: `2.0` is the integer 2 (JSON Schema says so too), but serde reads
/// integer fields only from numbers written without a fraction. Whole numbers written as
/// floats become integers, as long as an `i64` holds them exactly.
fn whole_floats_to_integers(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Number(n) if n.is_f64() => {
            if let Some(f) = n.as_f64() {
                // 2^53: beyond it a float no longer spells one integer.
                if f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_992.0 {
                    *value = serde_json::Value::from(f as i64);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(whole_floats_to_integers),
        serde_json::Value::Object(map) => map.values_mut().for_each(whole_floats_to_integers),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::whole_floats_to_integers;
    use serde_json::json;

    #[test]
    fn whole_floats_become_integers_and_fractions_stay() {
        let mut v = json!({"a": 2.0, "b": [1.5, -3.0, 1e3], "c": {"d": 7}, "e": 1e300});
        whole_floats_to_integers(&mut v);
        assert_eq!(
            v,
            json!({"a": 2, "b": [1.5, -3, 1000], "c": {"d": 7}, "e": 1e300})
        );
        assert!(v["a"].is_i64());
    }
}
