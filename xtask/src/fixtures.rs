//! What the benchmarks set up through the API before they measure: accounts to act as.

use crate::tools::Result;

/// Signs up `n` bench users named `{prefix}{pid}_{i}`; returns their session cookies
/// (`zc_session=...`).
pub fn bench_users(port: u16, prefix: &str, n: usize) -> Result<Vec<String>> {
    let tag = std::process::id() % 100_000;
    (0..n)
        .map(|i| {
            let body = serde_json::json!({
                "username": format!("{prefix}{tag}_{i}"),
                "display_name": format!("Bench {i}"),
                "password": format!("bench-password-{i}"),
            });
            let reply = crate::http::send_json(port, "POST", "/api/v1/auth/signup", None, &body)?;
            match (reply.status, reply.session_cookie()) {
                (201, Some(cookie)) => Ok(cookie),
                (status, _) => Err(format!("bench sign-up answered {status}: {}", reply.text())),
            }
        })
        .collect()
}
