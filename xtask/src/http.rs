//! xtask's HTTP client for one-off requests to a local server (readiness checks, sign-ins,
//! benchmark set-up): `ureq` on loopback. The load generator (`load.rs`) keeps its own loop of
//! pre-rendered keep-alive requests: it is the measuring instrument, and a client library's
//! per-request work would be measured as the server's.

use std::time::Duration;

use crate::tools::Result;

/// A whole response: status, headers and body, whatever the status.
pub struct Reply {
    pub status: u16,
    headers: ureq::http::HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> Result<serde_json::Value> {
        serde_json::from_slice(&self.body).map_err(|e| {
            format!(
                "HTTP {}: not JSON ({e}): {}",
                self.status,
                self.text().chars().take(200).collect::<String>()
            )
        })
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The `zc_session=…` pair a sign-in or sign-up sets, ready for a `Cookie` header.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter_map(|v| v.split(';').next())
            .find(|pair| pair.starts_with("zc_session=") && pair.len() > "zc_session=".len())
            .map(str::to_string)
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(30)))
        // Statuses are the caller's to judge; redirects are answers, not hops to follow.
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into()
}

/// `method path` on the server at `port`. Writes carry the `Origin` the server's CSRF check
/// wants; `headers` come on top (e.g. `Cookie`, `Content-Type`).
pub fn request(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Result<Reply> {
    let what = |e: &dyn std::fmt::Display| format!("{method} {path}: {e}");
    let mut builder = ureq::http::Request::builder()
        .method(method)
        .uri(format!("http://127.0.0.1:{port}{path}"));
    if method != "GET" && method != "HEAD" {
        builder = builder.header("Origin", format!("http://127.0.0.1:{port}"));
    }
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    let request = builder.body(body.to_vec()).map_err(|e| what(&e))?;
    let mut response = agent().run(request).map_err(|e| what(&e))?;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_vec()
        .map_err(|e| what(&e))?;
    Ok(Reply {
        status,
        headers,
        body,
    })
}

pub fn get(port: u16, path: &str) -> Result<Reply> {
    request(port, "GET", path, &[], &[])
}

/// A GET that must answer 200 with JSON.
pub fn get_json(port: u16, path: &str) -> Result<serde_json::Value> {
    let reply = get(port, path)?;
    if reply.status != 200 {
        return Err(format!(
            "GET {path}: HTTP {}: {}",
            reply.status,
            reply.text()
        ));
    }
    reply.json()
}

/// A JSON body sent with `method` (as `cookie`'s session, if any).
pub fn send_json(
    port: u16,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    body: &serde_json::Value,
) -> Result<Reply> {
    let mut headers = vec![("Content-Type", "application/json")];
    if let Some(cookie) = cookie {
        headers.push(("Cookie", cookie));
    }
    request(port, method, path, &headers, body.to_string().as_bytes())
}
