//! Test helpers: a seeded database in a temp dir and a one-shot request runner.

#![allow(dead_code)]

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;
use zhongcao_server::seed::{seed_if_empty, WorldSize};
use zhongcao_server::{app, db, AppState, CommerceConfig};

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

    /// Asserts the API error shape: `status`, JSON, `error.code` and a non-empty message.
    pub fn expect_error(&self, status: u16, code: &str, what: &str) -> Value {
        assert_eq!(
            self.status.as_u16(),
            status,
            "{what}: {}",
            String::from_utf8_lossy(&self.body[..self.body.len().min(300)])
        );
        assert!(
            self.header("content-type").starts_with("application/json"),
            "{what}: error should be JSON, got {:?}",
            self.header("content-type")
        );
        let body = self.json();
        assert_eq!(body["error"]["code"], code, "{what}: {body}");
        assert!(
            body["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{what}: message in {body}"
        );
        body
    }

    /// The `name=value` pair of the cookie `name` set by this response, if any.
    pub fn set_cookie_pair(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter_map(|v| v.split(';').next())
            .find(|pair| pair.trim().split_once('=').is_some_and(|(n, _)| n == name))
            .map(|pair| pair.trim().to_string())
    }
}

/// Runs one request through a clone of the router and collects the whole response.
async fn run(router: Router, req: Request<Body>) -> TestResponse {
    let res = router.oneshot(req).await.expect("response");
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

/// The `Host` every [`TestRequest`] is sent to.
pub const HOST: &str = "test.local";
/// A same-site `Origin` for [`HOST`], which the CSRF guard accepts.
pub const ORIGIN: &str = "http://test.local";

/// A request under construction: `Host` and a same-site `Origin` are preset (so state-changing
/// requests pass the CSRF guard), and can be changed or removed. Owns a router clone, so it
/// can be sent from a spawned task.
pub struct TestRequest {
    router: Router,
    method: Method,
    uri: String,
    headers: HeaderMap,
    body: Vec<u8>,
    peer: Option<std::net::SocketAddr>,
}

impl TestRequest {
    /// Sends the request as if from `ip` (the socket peer the server sees); without this the
    /// request has no peer address, like the shell's in-process calls.
    pub fn client_ip(mut self, ip: &str) -> Self {
        let ip: std::net::IpAddr = ip.parse().expect("IP address");
        self.peer = Some(std::net::SocketAddr::new(ip, 40_000));
        self
    }

    /// Sets (replaces) a header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        let name = HeaderName::from_bytes(name.as_bytes()).expect("header name");
        let value = HeaderValue::from_str(value).expect("header value");
        self.headers.insert(name, value);
        self
    }

    /// Removes a header (e.g. the preset `origin`).
    pub fn without_header(mut self, name: &str) -> Self {
        self.headers.remove(name);
        self
    }

    /// Sends a cookie pair such as `zc_session=…`.
    pub fn cookie(self, cookie: &str) -> Self {
        self.header("cookie", cookie)
    }

    /// Sends a cookie pair if there is one.
    pub fn maybe_cookie(self, cookie: Option<&str>) -> Self {
        match cookie {
            Some(c) => self.cookie(c),
            None => self,
        }
    }

    /// A JSON body with `Content-Type: application/json`.
    pub fn json(self, value: &Value) -> Self {
        let body = serde_json::to_vec(value).expect("serialise JSON body");
        self.bytes("application/json", body)
    }

    /// A raw body with the given `Content-Type`.
    pub fn bytes(mut self, content_type: &str, body: Vec<u8>) -> Self {
        self = self.header("content-type", content_type);
        self.body = body;
        self
    }

    pub async fn send(self) -> TestResponse {
        let mut req = Request::builder()
            .method(self.method)
            .uri(self.uri)
            .body(Body::from(self.body))
            .expect("request");
        *req.headers_mut() = self.headers;
        if let Some(peer) = self.peer {
            req.extensions_mut()
                .insert(axum::extract::ConnectInfo(peer));
        }
        run(self.router, req).await
    }
}

impl TestApp {
    /// The same app (database, temp dir) served with other commerce settings.
    pub fn with_commerce(self, commerce: CommerceConfig) -> TestApp {
        let state = self.state.with_commerce(commerce);
        TestApp {
            router: app(state.clone(), self.dir.path().join("dist")),
            state,
            dir: self.dir,
        }
    }

    /// The same app (database, temp dir) with its state changed by `change`.
    pub fn with_state(self, change: impl FnOnce(AppState) -> AppState) -> TestApp {
        let state = change(self.state);
        TestApp {
            router: app(state.clone(), self.dir.path().join("dist")),
            state,
            dir: self.dir,
        }
    }

    pub async fn get(&self, uri: &str) -> TestResponse {
        run(
            self.router.clone(),
            Request::get(uri).body(Body::empty()).expect("request"),
        )
        .await
    }

    /// Starts a request with `Host: test.local` and `Origin: http://test.local`.
    pub fn request(&self, method: Method, uri: &str) -> TestRequest {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_static(HOST));
        headers.insert(header::ORIGIN, HeaderValue::from_static(ORIGIN));
        TestRequest {
            router: self.router.clone(),
            method,
            uri: uri.to_string(),
            headers,
            body: Vec::new(),
            peer: None,
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

/// Parses a response that must have `status` into a DTO.
pub fn parse<T: serde::de::DeserializeOwned>(res: &TestResponse, status: u16, what: &str) -> T {
    assert_eq!(
        res.status.as_u16(),
        status,
        "{what}: {}",
        String::from_utf8_lossy(&res.body[..res.body.len().min(400)])
    );
    serde_json::from_slice(&res.body).unwrap_or_else(|e| panic!("{what}: not the DTO ({e})"))
}

/// `img` encoded as `format` (PNG, JPEG …): real picture bytes for upload tests.
pub fn encode(img: &image::DynamicImage, format: image::ImageFormat) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, format).expect("encode test image");
    out.into_inner()
}

/// A `w`×`h` RGB gradient, so the encoded file is a real picture.
pub fn gradient(w: u32, h: u32) -> image::DynamicImage {
    image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x * 255 / w) as u8, (y * 255 / h) as u8, 128])
    }))
}

static NEXT_IP: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);

/// A client address no other request of this test binary uses (198.18.0.0/15, the range set
/// aside for benchmarks): for requests that must not share a client's rate limits.
pub fn unique_ip() -> String {
    let n = NEXT_IP.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    std::net::Ipv4Addr::from(0xC612_0000 + n).to_string()
}

static NEXT_USER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// A fresh account with a session, inserted directly (signing up costs an argon2 hash):
/// its id and `zc_session=…` cookie. `{n}` in either name becomes a per-test-binary counter.
pub async fn signed_in_user(app: &TestApp, username: &str, display_name: &str) -> (i64, String) {
    let n = NEXT_USER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (username, display_name, avatar_image_id, created_at) \
         VALUES ($1, $2, (SELECT MIN(avatar_image_id) FROM users), 0) RETURNING id",
    )
    .bind(username.replace("{n}", &n.to_string()))
    .bind(display_name.replace("{n}", &n.to_string()))
    .fetch_one(&app.state.db)
    .await
    .expect("user");
    let token = format!("test-{id}-{n}");
    let now = zhongcao_server::now_unix();
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(zhongcao_server::auth::token_hash(&token))
    .bind(id)
    .bind(now)
    .bind(now + 3_600)
    .execute(&app.state.db)
    .await
    .expect("session");
    (
        id,
        format!("{}={token}", zhongcao_server::auth::SESSION_COOKIE),
    )
}

/// The user ids on a page of people (`items[].user.id`: search results, suggestions).
pub fn user_ids(page: &serde_json::Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|u| u["user"]["id"].as_i64())
        .collect()
}
