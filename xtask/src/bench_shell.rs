//! The app shell under load (`cargo xtask bench --shell`, also part of `cargo xtask bench`):
//! the `/explore` document with its inline feed page, as a phone asks for it (brotli), and the
//! main wasm module for comparison, 50 loopback connections each; then the same document for
//! 50 signed-in readers (built per request). `--port N` measures a server that is already
//! running (e.g. an older build, for a before/after comparison) instead of building one.

use std::time::Duration;

use crate::load::{raw_request_with, run_requests, LoadReport};
use crate::tools::{root, step, Result};

const CONNECTIONS: usize = 50;
const DOCUMENT: &str = "/explore";
/// What the document should sustain on the 2-core machine, the load generator included.
const DOCUMENT_RPS_TARGET: f64 = 20_000.0;

/// Status, `Content-Encoding` and body length of one request.
fn probe(port: u16, path: &str, headers: &[(&str, &str)]) -> Result<(u16, String, usize)> {
    let reply = crate::http::request(port, "GET", path, headers, &[])?;
    let encoding = reply.header("content-encoding").unwrap_or_default();
    Ok((reply.status, encoding.to_string(), reply.body.len()))
}

/// The main wasm module the document loads (`…_bg.wasm`, else the first `.wasm` it names).
fn main_wasm(html: &str) -> Option<String> {
    let names: Vec<&str> = html
        .split('"')
        .filter(|s| s.starts_with('/') && s.ends_with(".wasm"))
        .collect();
    names
        .iter()
        .find(|s| s.ends_with("_bg.wasm"))
        .or(names.first())
        .map(|s| s.to_string())
}

fn report(what: &str, r: &LoadReport, bytes: &str) {
    println!(
        "    {what}: {} requests, {} errors, {:.0} req/s, p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms; {bytes}",
        r.requests,
        r.errors,
        r.rps(),
        r.percentile_ms(50.0),
        r.percentile_ms(90.0),
        r.percentile_ms(99.0),
        r.percentile_ms(100.0),
    );
}

/// `path` with `headers` on [`CONNECTIONS`] connections: a 2 s warm-up, then `secs`.
fn load(port: u16, per_connection: &[Vec<String>], secs: u64) -> LoadReport {
    let _ = run_requests(port, &per_connection[..8], Duration::from_secs(2));
    run_requests(port, per_connection, Duration::from_secs(secs))
}

/// Document and static-asset throughput against the server on `port`; returns the
/// document's (req/s, p99 ms).
pub fn shell_benchmarks(port: u16) -> Result<(f64, f64)> {
    step(&format!(
        "App shell under load (loopback, {CONNECTIONS} connections, Accept-Encoding: br)"
    ));
    let br = [("Accept-Encoding", "br")];
    let (status, _, _) = probe(port, DOCUMENT, &[])?;
    if status != 200 {
        return Err(format!("{DOCUMENT} answered {status}"));
    }
    // The plain document names the build's files.
    let html = crate::http::get(port, "/shop")
        .map(|reply| reply.text())
        .unwrap_or_default();
    let (_, enc, doc_br) = probe(port, DOCUMENT, &br)?;
    let (_, _, doc_raw) = probe(port, DOCUMENT, &[])?;
    let doc_bytes = format!(
        "{doc_br} bytes ({}), {doc_raw} bytes identity",
        if enc.is_empty() { "identity" } else { &enc }
    );
    let request = raw_request_with("GET", DOCUMENT, None, &br, None);
    let document = load(port, &vec![vec![request]; CONNECTIONS], 10);
    report(&format!("document {DOCUMENT}"), &document, &doc_bytes);
    let verdict = if document.rps() >= DOCUMENT_RPS_TARGET {
        "meets"
    } else {
        "BELOW"
    };
    println!(
        "    document throughput {verdict} the {DOCUMENT_RPS_TARGET:.0} req/s target ({:?})",
        document.statuses
    );

    // For scale: the feed's first page from the API's micro-cache, same connections.
    let feed = "/api/v1/feed?channel=recommend";
    let (_, _, feed_bytes) = probe(port, feed, &[])?;
    let request = raw_request_with("GET", feed, None, &[], None);
    let api = load(port, &vec![vec![request]; CONNECTIONS], 5);
    report(
        &format!("for scale, API {feed}"),
        &api,
        &format!("{feed_bytes} bytes identity"),
    );

    match main_wasm(&html) {
        Some(wasm) => {
            let (status, enc, wasm_br) = probe(port, &wasm, &br)?;
            let (_, _, wasm_raw) = probe(port, &wasm, &[])?;
            if status != 200 {
                return Err(format!("{wasm} answered {status}"));
            }
            let request = raw_request_with("GET", &wasm, None, &br, None);
            let asset = load(port, &vec![vec![request]; CONNECTIONS], 10);
            report(
                &format!("static {wasm}"),
                &asset,
                &format!(
                    "{wasm_br} bytes ({}), {wasm_raw} bytes identity",
                    if enc.is_empty() { "identity" } else { &enc }
                ),
            );
        }
        None => println!("    (no wasm named in the document: build the app for the asset figure)"),
    }

    // Signed-in readers: /explore holds only answers that are the same for everyone, so they
    // share a cached document too; a note page carries their own flags (liked, collected,
    // following) and is built per request: in-process API calls plus a brotli pass.
    let cookies = crate::fixtures::bench_users(port, "shell", CONNECTIONS)?;
    let per_user = |path: &str| -> Vec<Vec<String>> {
        cookies
            .iter()
            .map(|c| vec![raw_request_with("GET", path, Some(c), &br, None)])
            .collect()
    };
    let signed_in = load(port, &per_user(DOCUMENT), 5);
    report(
        &format!("document {DOCUMENT}, {CONNECTIONS} signed-in readers"),
        &signed_in,
        "shared (answers the same for everyone)",
    );
    let note = crate::http::get_json(port, "/api/v1/feed?channel=recommend")
        .ok()
        .and_then(|page| page["items"][0]["id"].as_i64());
    if let Some(id) = note {
        let page = format!("/explore/{id}");
        let personal = load(port, &per_user(&page), 5);
        report(
            &format!("document {page}, {CONNECTIONS} signed-in readers"),
            &personal,
            "built per request (their viewer flags)",
        );
    }
    Ok((document.rps(), document.percentile_ms(99.0)))
}

/// `cargo xtask bench --shell [--port N]`: against a running server on N, or a fresh one.
pub fn bench_shell(port: Option<u16>) -> Result {
    if let Some(port) = port {
        return shell_benchmarks(port).map(|_| ());
    }
    crate::tools::setup(false)?;
    if root().join("dist/index.html").exists() {
        crate::server::build_server()?;
    } else {
        crate::steps::build_all()?;
    }
    let data = std::env::temp_dir().join(format!("zhongcao-bench-s-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let server = crate::server::start_test_server(&data)?;
    let result = shell_benchmarks(server.port);
    drop(server);
    let _ = std::fs::remove_dir_all(&data);
    result.map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_main_wasm() {
        let html = r#"<link rel="modulepreload" href="/pkg/0123456789abcdef/zhongcao.js" />
<link rel="preload" href="/pkg/0123456789abcdef/zhongcao_bg.wasm" as="fetch" />
<script type="module">init({ module_or_path: "/pkg/0123456789abcdef/zhongcao_bg.wasm" });</script>"#;
        assert_eq!(
            main_wasm(html).as_deref(),
            Some("/pkg/0123456789abcdef/zhongcao_bg.wasm")
        );
        assert_eq!(main_wasm("<p>none</p>"), None);
    }
}
