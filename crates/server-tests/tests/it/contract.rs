//! The API contract: the OpenAPI document says where each parameter goes, every `$ref` in it
//! resolves, every error answer it lists has the one error body, and the answers the framework
//! makes on its own (405, body rejections) keep that shape. `cargo xtask contract` runs
//! Schemathesis over the whole document; these are the cheap, always-on guards.

use axum::http::Method;
use base64::Engine;
use serde_json::{json, Value};

use crate::common::{test_app, TestApp, SMALL_WORLD};

async fn document(app: &TestApp) -> Value {
    app.get_json("/api/openapi.json").await
}

/// `(method, path, operation)` for every operation in the document.
fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("path item") {
            if ["get", "put", "post", "patch", "delete", "head", "options"].contains(&&**method) {
                out.push((method.to_uppercase(), path.clone(), op.clone()));
            }
        }
    }
    assert!(out.len() > 70, "only {} operations", out.len());
    out
}

#[tokio::test]
async fn every_parameter_is_where_the_server_reads_it() {
    let app = test_app(SMALL_WORLD).await;
    let doc = document(&app).await;
    let mut query_params = 0;
    for (method, path, op) in operations(&doc) {
        let params = op["parameters"].as_array().cloned().unwrap_or_default();
        for p in &params {
            let name = p["name"].as_str().expect("parameter name");
            match p["in"].as_str() {
                // A path parameter must be in the path template, and nothing else may be.
                Some("path") => assert!(
                    path.contains(&format!("{{{name}}}")),
                    "{method} {path}: `{name}` is declared in: path but is not in the path"
                ),
                Some("query") => query_params += 1,
                Some("header") => {}
                other => panic!("{method} {path}: `{name}` is in {other:?}"),
            }
        }
        // ...and every `{name}` of the template is a declared path parameter.
        for segment in path.split('/').filter(|s| s.starts_with('{')) {
            let name = segment.trim_matches(|c| c == '{' || c == '}');
            assert!(
                params
                    .iter()
                    .any(|p| p["name"] == name && p["in"] == "path"),
                "{method} {path}: `{name}` is not declared"
            );
        }
    }
    // limit, cursor, q, channel, sort, tab, ...: the audit counted 51.
    assert!(
        query_params >= 50,
        "only {query_params} query parameters declared"
    );
    let feed = &doc["paths"]["/api/v1/feed"]["get"]["parameters"];
    let limit = feed
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["name"] == "limit"))
        .expect("feed limit");
    assert_eq!(limit["in"], "query");
    assert_eq!(limit["schema"]["minimum"], 1);
    assert_eq!(limit["schema"]["maximum"], 50);
}

/// Every `$ref` target in `node` that does not resolve within `root`.
fn dangling(node: &Value, root: &Value, out: &mut Vec<String>) {
    match node {
        Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value.as_str()) {
                    ("$ref", Some(target)) => {
                        let found = target
                            .strip_prefix('#')
                            .and_then(|pointer| root.pointer(pointer));
                        if found.is_none() {
                            out.push(target.to_string());
                        }
                    }
                    _ => dangling(value, root, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| dangling(v, root, out)),
        _ => {}
    }
}

#[tokio::test]
async fn every_ref_resolves() {
    let app = test_app(SMALL_WORLD).await;
    let doc = document(&app).await;
    let mut missing = Vec::new();
    dangling(&doc, &doc, &mut missing);
    assert!(missing.is_empty(), "dangling $refs: {missing:?}");
    for name in ["SearchSort", "NoteTypeFilter", "TimeFilter", "ErrorBody"] {
        assert!(
            doc["components"]["schemas"][name].is_object(),
            "{name} is not a component"
        );
    }
    // The search operation that could not be loaded names them.
    let search = doc["paths"]["/api/v1/search/notes"]["get"].to_string();
    assert!(
        search.contains("#/components/schemas/SearchSort"),
        "{search}"
    );
}

/// Every list answers one of the two generic page shapes, documented once each per item type
/// (`Page_NoteCard`, `CountedPage_Comment`, ...) with `items` referring to the item's component,
/// and the answers on the wire have exactly the documented fields.
#[tokio::test]
async fn every_list_is_a_page_of_named_items() {
    let app = test_app(SMALL_WORLD).await;
    let doc = document(&app).await;
    let mut lists = Vec::new();
    for (method, path, op) in operations(&doc) {
        let answer = &op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"];
        let Some(name) = answer
            .as_str()
            .and_then(|r| r.strip_prefix("#/components/schemas/"))
        else {
            continue;
        };
        let (counted, item) = match name.split_once('_') {
            Some(("Page", item)) => (false, item),
            Some(("CountedPage", item)) => (true, item),
            _ => continue,
        };
        let what = format!("{method} {path} ({name})");
        let schema = &doc["components"]["schemas"][name];
        assert_eq!(
            schema["properties"]["items"],
            json!({"type": "array", "items": {"$ref": format!("#/components/schemas/{item}")}}),
            "{what}"
        );
        assert_eq!(
            schema["properties"]["next_cursor"]["type"],
            json!(["string", "null"]),
            "{what}"
        );
        let mut fields: Vec<&str> = schema["properties"]
            .as_object()
            .expect("properties")
            .keys()
            .map(String::as_str)
            .collect();
        fields.sort_unstable();
        let (want_fields, required) = if counted {
            (
                vec!["items", "next_cursor", "total"],
                json!(["items", "total"]),
            )
        } else {
            (vec!["items", "next_cursor"], json!(["items"]))
        };
        assert_eq!(fields, want_fields, "{what}");
        assert_eq!(schema["required"], required, "{what}");
        lists.push((path, name.to_string()));
    }
    // Feeds, comments, replies, searches, people, notifications, products, orders.
    assert!(lists.len() >= 17, "only {} lists: {lists:?}", lists.len());
    for (path, name) in [
        ("/api/v1/feed", "Page_NoteCard"),
        ("/api/v1/notes/{id}/comments", "CountedPage_Comment"),
        ("/api/v1/comments/{id}/replies", "CountedPage_Comment"),
        ("/api/v1/search/notes", "CountedPage_NoteCard"),
        ("/api/v1/search/users", "CountedPage_UserProfile"),
        ("/api/v1/users/{id}/followers", "Page_UserProfile"),
        ("/api/v1/notifications", "Page_Notification"),
        ("/api/v1/products", "Page_ProductCard"),
        ("/api/v1/search/products", "CountedPage_ProductCard"),
        ("/api/v1/orders", "Page_OrderSummary"),
    ] {
        assert!(
            lists.iter().any(|(p, n)| p == path && n == name),
            "{path} does not answer {name}"
        );
    }
    // The wire: exactly the documented fields.
    for (uri, want) in [
        ("/api/v1/feed?limit=2", vec!["items", "next_cursor"]),
        (
            "/api/v1/search/notes?q=a&limit=2",
            vec!["items", "next_cursor", "total"],
        ),
    ] {
        let page = app.get_json(uri).await;
        let mut keys: Vec<&str> = page
            .as_object()
            .expect("a page")
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(keys, want, "{uri}");
        assert!(
            !page["items"].as_array().expect("items").is_empty(),
            "{uri}"
        );
    }
}

#[tokio::test]
async fn every_error_answer_is_documented_with_the_error_body() {
    let app = test_app(SMALL_WORLD).await;
    let doc = document(&app).await;
    assert_eq!(
        doc["components"]["securitySchemes"]["session"],
        json!({"type": "apiKey", "in": "cookie", "name": "zc_session",
               "description": "The session cookie set by sign-up and sign-in."})
    );
    assert_eq!(
        doc["components"]["securitySchemes"]["guest"]["in"],
        "header"
    );
    assert_eq!(
        doc["components"]["securitySchemes"]["guest"]["name"],
        "X-Guest-Id"
    );
    for (method, path, op) in operations(&doc) {
        let what = format!("{method} {path}");
        let responses = op["responses"].as_object().expect("responses");
        for (status, response) in responses {
            assert!(
                response["description"]
                    .as_str()
                    .is_some_and(|d| !d.is_empty()),
                "{what} {status}: no description"
            );
            if status.starts_with('4') || status.starts_with('5') {
                assert_eq!(
                    response["content"]["application/json"]["schema"]["$ref"],
                    "#/components/schemas/ErrorBody",
                    "{what} {status}"
                );
            }
        }
        let has = |status: &str| responses.contains_key(status);
        if method != "GET" {
            assert!(has("403"), "{what}: the CSRF guard's 403");
        }
        let params = op["parameters"].as_array().cloned().unwrap_or_default();
        if params
            .iter()
            .any(|p| p["in"] == "path" || p["in"] == "query")
        {
            assert!(has("400"), "{what}: a malformed parameter's 400");
        }
        if params.iter().any(|p| p["in"] == "query") {
            assert!(has("422"), "{what}: a parameter out of range");
        }
        if op["requestBody"]["content"]["application/json"].is_object() {
            for status in ["400", "413", "415", "422"] {
                assert!(has(status), "{what}: the JSON body's {status}");
            }
        }
        // Operations that need a session say so, and say which; those that read a reader's
        // taste take a guest's anonymous id instead (`crate::guest`).
        if has("401") {
            let reader = [
                "/api/v1/feed/for-you",
                "/api/v1/notes/{id}/open",
                "/api/v1/notes/{id}/not-interested",
            ];
            let expected = if reader.contains(&path.as_str()) {
                json!([{"session": []}, {"guest": []}])
            } else {
                json!([{"session": []}])
            };
            assert_eq!(op["security"], expected, "{what}");
        }
    }
    // Pictures are raw bodies, documented with their real types.
    for (path, method) in [("/api/v1/uploads", "post"), ("/api/v1/me/avatar", "put")] {
        let op = &doc["paths"][path][method];
        let content = op["requestBody"]["content"].as_object().expect(path);
        let types: Vec<&str> = content.keys().map(String::as_str).collect();
        assert_eq!(types, ["image/jpeg", "image/png", "image/webp"], "{path}");
        for body in content.values() {
            assert_eq!(
                body["schema"],
                json!({"type": "string", "format": "binary"}),
                "{path}"
            );
        }
        assert!(op["responses"]["413"].is_object() && op["responses"]["415"].is_object());
    }
}

#[tokio::test]
async fn method_not_allowed_answers_the_error_shape_with_allow() {
    let app = test_app(SMALL_WORLD).await;
    for (method, uri) in [
        (Method::POST, "/api/v1/feed"),
        (Method::DELETE, "/api/v1/channels"),
        (Method::PUT, "/api/openapi.json"),
        (Method::PUT, "/api/v1/notes/1"),
    ] {
        let res = app.request(method.clone(), uri).send().await;
        res.expect_error(405, "method_not_allowed", &format!("{method} {uri}"));
        assert!(
            res.header("allow").contains("GET"),
            "{method} {uri}: Allow {:?}",
            res.header("allow")
        );
    }
}

#[tokio::test]
async fn unknown_api_paths_are_json_404s_whatever_the_method() {
    let app = test_app(SMALL_WORLD).await;
    for method in [Method::GET, Method::POST, Method::DELETE] {
        app.request(method.clone(), "/api/v1/no-such-thing")
            .send()
            .await
            .expect_error(404, "not_found", &format!("{method} unknown path"));
    }
}

#[tokio::test]
async fn a_body_that_is_not_an_object_is_a_422() {
    let app = test_app(SMALL_WORLD).await;
    // serde would read `["user", "password"]` as a SignIn, field by field.
    for body in [
        json!(["xiaolu_dance_523", "zhongcao-demo"]),
        json!("text"),
        json!(7),
        json!(null),
        json!(true),
    ] {
        let res = app
            .request(Method::POST, "/api/v1/auth/signin")
            .json(&body)
            .send()
            .await;
        let error = res.expect_error(422, "invalid_request", &format!("body {body}"));
        assert!(
            error["error"]["message"]
                .as_str()
                .is_some_and(|m| m.contains("must be a JSON object")),
            "{error}"
        );
    }
    // An object of the wrong shape is a 422 too; not JSON at all is a 400.
    app.request(Method::POST, "/api/v1/auth/signin")
        .json(&json!({"username": 1}))
        .send()
        .await
        .expect_error(422, "invalid_request", "wrong field type");
    app.request(Method::POST, "/api/v1/auth/signin")
        .bytes("application/json", b"{\"username\":".to_vec())
        .send()
        .await
        .expect_error(400, "bad_request", "truncated JSON");
    app.request(Method::POST, "/api/v1/auth/signin")
        .bytes("text/plain", b"{}".to_vec())
        .send()
        .await
        .expect_error(415, "unsupported_media_type", "not JSON");
}

#[tokio::test]
async fn an_oversized_body_is_a_json_413() {
    let app = test_app(SMALL_WORLD).await;
    // Past the API's body limit (a little over the 5 MB avatar maximum).
    let body = format!("{{\"username\":\"{}\"}}", "a".repeat(6 * 1024 * 1024));
    app.request(Method::POST, "/api/v1/auth/signin")
        .bytes("application/json", body.into_bytes())
        .send()
        .await
        .expect_error(413, "too_large", "6 MB of JSON");
}

#[tokio::test]
async fn whole_numbers_written_as_floats_are_integers() {
    let app = test_app(SMALL_WORLD).await;
    let product = app.get_json("/api/v1/products?limit=1").await;
    let id = product["items"][0]["id"].as_i64().expect("product id");
    let detail = app.get_json(&format!("/api/v1/products/{id}")).await;
    let variant = detail["variants"][0]["id"].as_i64().expect("variant id");
    // JSON Schema (and JSON) say 2.0 is the integer 2: the schema's integers admit it.
    let body = format!("{{\"items\":[{{\"variant_id\":{variant}.0,\"quantity\":2.0}}]}}");
    let res = app
        .request(Method::POST, "/api/v1/cart/preview")
        .bytes("application/json", body.into_bytes())
        .send()
        .await;
    assert_eq!(res.status, 200, "{}", String::from_utf8_lossy(&res.body));
    assert_eq!(res.json()["lines"][0]["quantity"], 2, "{}", res.json());
    // A fraction is still no integer.
    app.request(Method::POST, "/api/v1/cart/preview")
        .json(&json!({"items": [{"variant_id": variant, "quantity": 1.5}]}))
        .send()
        .await
        .expect_error(422, "invalid_request", "1.5 items");
}

#[tokio::test]
async fn a_forged_search_cursor_cannot_choose_the_depth() {
    let app = test_app(SMALL_WORLD).await;
    // Schemathesis found this one: an offset of 4.6e15 made the index reserve room for that
    // many hits and the process abort.
    let cursor = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode("4663239361727452.2");
    for kind in ["notes", "users", "products"] {
        let res = app
            .get(&format!("/api/v1/search/{kind}?q=a&cursor={cursor}"))
            .await;
        assert_eq!(
            res.status,
            200,
            "{kind}: {}",
            String::from_utf8_lossy(&res.body)
        );
        assert!(res.json()["next_cursor"].is_null(), "{kind}");
    }
}
