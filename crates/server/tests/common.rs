//! Test helpers: a seeded database in a temp dir and a one-shot request runner.

#![allow(dead_code)]

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;
use zhongcao_server::seed::{seed_if_empty, WorldSize};
use zhongcao_server::{app, db, AppState};

pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub dir: tempfile::TempDir,
}

pub const SMALL_WORLD: WorldSize = WorldSize {
    users: 40,
    notes: 300,
};

pub async fn test_app(size: WorldSize) -> TestApp {
    // Server-side errors show up in the failing test's output.
    let _ = tracing_subscriber::fmt()
        .with_test_writer()
        .with_env_filter("warn")
        .try_init();
    let dir = tempfile::tempdir().expect("temp dir");
    let pool = db::connect(&dir.path().join("test.sqlite3"))
        .await
        .expect("database");
    seed_if_empty(&pool, size, |_| {}).await.expect("seed");
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).expect("dist dir");
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><title>Zhongcao</title>",
    )
    .expect("index");
    std::fs::write(
        dist.join("zhongcao-web-0123456789abcdef.js"),
        "console.log(1)",
    )
    .expect("asset");
    let state = AppState::new(pool, dir.path(), |_| {})
        .await
        .expect("state");
    TestApp {
        router: app(state.clone(), dist),
        state,
        dir,
    }
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: Vec<u8>,
}

impl TestResponse {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body[..self.body.len().min(200)])
            )
        })
    }

    pub fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    }
}

impl TestApp {
    pub async fn get(&self, uri: &str) -> TestResponse {
        let res = self
            .router
            .clone()
            .oneshot(Request::get(uri).body(Body::empty()).expect("request"))
            .await
            .expect("response");
        let status = res.status();
        let headers = res.headers().clone();
        let body = res
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec();
        TestResponse {
            status,
            headers,
            body,
        }
    }

    pub async fn get_json(&self, uri: &str) -> Value {
        let res = self.get(uri).await;
        assert_eq!(res.status, StatusCode::OK, "GET {uri}: {:?}", res.json());
        res.json()
    }

    /// Asserts the error shape and status.
    pub async fn expect_error(&self, uri: &str, status: u16, code: &str) {
        let res = self.get(uri).await;
        assert_eq!(res.status.as_u16(), status, "GET {uri}");
        assert!(
            res.header("content-type").starts_with("application/json"),
            "GET {uri} should answer JSON"
        );
        let body = res.json();
        assert_eq!(body["error"]["code"], code, "GET {uri}: {body}");
        assert!(
            body["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "GET {uri}: message"
        );
    }
}
