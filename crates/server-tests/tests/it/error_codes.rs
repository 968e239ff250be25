//! Every refusal a person can meet carries its own code and the values its message names
//! (`params`), so clients localise by code, not by the English text; field errors too; and
//! the OpenAPI document lists the codes.

use axum::http::Method;
use serde_json::{json, Value};

use crate::common::{signed_in_user, test_app, TestApp, SMALL_WORLD};

async fn send(app: &TestApp, method: Method, uri: &str, cookie: &str, body: Value) -> Value {
    let res = app
        .request(method, uri)
        .cookie(cookie)
        .json(&body)
        .send()
        .await;
    let status = res.status.as_u16();
    let mut body = res.json();
    body["status"] = json!(status);
    body
}

#[tokio::test]
async fn refusals_carry_their_specific_code_and_params() {
    let app = test_app(SMALL_WORLD).await;
    let (_, cookie) = signed_in_user(&app, "coded{n}", "Coded {n}").await;

    // A missing resource names what is missing and which one.
    let res = app.get("/api/v1/notes/987654").await;
    let body = res.expect_error(404, "not_found", "missing note");
    assert_eq!(
        body["error"]["params"],
        json!({"resource": "note", "id": 987654})
    );
    let res = app.get("/api/v1/feed?channel=no-such-channel").await;
    let body = res.expect_error(404, "not_found", "missing channel");
    assert_eq!(
        body["error"]["params"],
        json!({"resource": "channel", "name": "no-such-channel"})
    );

    // Stock: the product's name and what is left, as the message says them.
    let (variant, title): (i64, String) = sqlx::query_as(
        "SELECT v.id, p.title FROM product_variants v JOIN products p ON p.id = v.product_id \
         ORDER BY v.id LIMIT 1",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("a variant");
    sqlx::query("UPDATE product_variants SET stock = 2 WHERE id = $1")
        .bind(variant)
        .execute(&app.state.db)
        .await
        .expect("set stock");
    let body = send(
        &app,
        Method::POST,
        "/api/v1/cart/items",
        &cookie,
        json!({"variant_id": variant, "quantity": 5}),
    )
    .await;
    assert_eq!(body["status"], 409, "{body}");
    assert_eq!(body["error"]["code"], "out_of_stock", "{body}");
    assert_eq!(body["error"]["params"]["stock"], 2, "{body}");
    let name = body["error"]["params"]["name"].as_str().unwrap_or("");
    assert!(!name.is_empty() && title.starts_with(name), "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains(name),
        "the English message still says it: {body}"
    );

    // A whole-request 422 with its limit.
    let long = "a".repeat(200);
    let res = app.get(&format!("/api/v1/search/notes?q={long}")).await;
    let body = res.expect_error(422, "search_query_too_long", "long query");
    assert!(body["error"]["params"]["max"].as_u64().is_some(), "{body}");

    // A form: one code per field, with the values its text needs.
    let body = send(
        &app,
        Method::POST,
        "/api/v1/addresses",
        &cookie,
        json!({"recipient": "", "phone": "123", "province": "上海", "city": "上海",
               "district": "静安", "detail": "路"}),
    )
    .await;
    assert_eq!(body["status"], 422, "{body}");
    assert_eq!(body["error"]["code"], "validation", "{body}");
    let field = |name: &str| {
        body["error"]["fields"]
            .as_array()
            .and_then(|f| f.iter().find(|f| f["field"] == name))
            .cloned()
            .unwrap_or(Value::Null)
    };
    assert_eq!(field("recipient")["code"], "required", "{body}");
    assert_eq!(field("phone")["code"], "phone_invalid", "{body}");
    assert_eq!(field("detail")["code"], "too_short", "{body}");
    assert_eq!(field("detail")["params"], json!({"min": 5, "max": 120}));

    // A cart line's quantity: a field code with its range.
    let body = send(
        &app,
        Method::POST,
        "/api/v1/cart/items",
        &cookie,
        json!({"variant_id": variant, "quantity": 0}),
    )
    .await;
    assert_eq!(field_of(&body, "quantity")["code"], "quantity_range");
    assert_eq!(field_of(&body, "quantity")["params"]["min"], 1);
}

fn field_of(body: &Value, name: &str) -> Value {
    body["error"]["fields"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["field"] == name))
        .cloned()
        .unwrap_or(Value::Null)
}

#[tokio::test]
async fn a_rate_limit_says_what_is_limited_and_for_how_long() {
    let app = test_app(SMALL_WORLD).await;
    let ip = crate::common::unique_ip();
    let username: String = sqlx::query_scalar("SELECT username FROM users ORDER BY id LIMIT 1")
        .fetch_one(&app.state.db)
        .await
        .expect("a seeded user");
    let mut last = None;
    // Wrong passwords for one account from one client until the limiter steps in.
    for _ in 0..12 {
        let res = app
            .request(Method::POST, "/api/v1/auth/signin")
            .client_ip(&ip)
            .json(&json!({"username": username, "password": "wrong-password"}))
            .send()
            .await;
        if res.status.as_u16() == 429 {
            last = Some(res);
            break;
        }
        res.expect_error(401, "wrong_credentials", "wrong password");
    }
    let res = last.expect("the limiter refuses at last");
    let retry_after: u64 = res.header("retry-after").parse().expect("Retry-After");
    let body = res.expect_error(429, "rate_limited", "too many sign-ins");
    assert_eq!(body["error"]["params"]["action"], "sign_in", "{body}");
    assert_eq!(
        body["error"]["params"]["retry_after"], retry_after,
        "{body}"
    );
}

#[tokio::test]
async fn the_document_lists_every_error_code() {
    let app = test_app(SMALL_WORLD).await;
    let doc = app.get_json("/api/openapi.json").await;
    let schemas = &doc["components"]["schemas"];
    let codes: Vec<&str> = schemas["ErrorCode"]["enum"]
        .as_array()
        .expect("ErrorCode is an enum of strings")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for code in [
        "not_found",
        "validation",
        "out_of_stock",
        "price_changed",
        "rate_limited",
    ] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
    // The client's catch-all for newer codes is never sent, so it is not documented.
    assert!(!codes.contains(&"unknown"), "{codes:?}");
    assert_eq!(
        schemas["ErrorDetail"]["properties"]["code"]["$ref"],
        "#/components/schemas/ErrorCode"
    );
}
