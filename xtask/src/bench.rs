//! `cargo xtask bench`: numbers, not pass/fail timings. Prints bundle sizes, feed API
//! throughput and latency under loopback load, live rooms at 500 viewers (`bench_live.rs`),
//! and the DOM size after a long scroll.

use std::process::Command;
use std::time::Duration;

use crate::server::{start_server_with, start_test_server, ServerGuard};
use crate::steps::build_all;
use crate::tools::{cargo, root, run, setup, step, Result};

fn kb(n: usize) -> String {
    format!("{:.1} KB", n as f64 / 1024.0)
}

const FEED_P99_BUDGET_MS: f64 = 20.0;
const DOM_BUDGET: usize = 3_000;
const SEARCH_P99_BUDGET_MS: f64 = 25.0;

fn dir_size(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| {
                    let path = e.path();
                    if path.is_dir() {
                        dir_size(&path)
                    } else {
                        e.metadata().map_or(0, |m| m.len())
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

fn feed_paths(port: u16) -> Vec<String> {
    let mut paths = Vec::new();
    let channels = [
        "recommend",
        "fashion",
        "beauty",
        "food",
        "travel",
        "home",
        "tech",
    ];
    for channel in channels {
        let mut path = format!("/api/v1/feed?channel={channel}&limit=20");
        // Follow a few cursors so deep pages are measured too.
        for _ in 0..4 {
            paths.push(path.clone());
            let Ok(page) = crate::http::get_json(port, &path) else {
                break;
            };
            let Some(cursor) = page["next_cursor"].as_str() else {
                break;
            };
            path = format!("/api/v1/feed?channel={channel}&limit=20&cursor={cursor}");
        }
    }
    paths
}

const SUGGEST_P99_BUDGET_MS: f64 = 10.0;

/// Queries for the search benchmarks (URL-encoded): Chinese words, a two-word Chinese query,
/// English words and phrases.
const SEARCH_QUERIES: [&str; 8] = [
    "%E9%98%B2%E6%99%92",                      // 防晒
    "%E9%9C%B2%E8%90%A5",                      // 露营
    "%E7%A9%BF%E6%90%AD",                      // 穿搭
    "%E4%B8%8A%E6%B5%B7%20%E5%92%96%E5%95%A1", // 上海 咖啡
    "running",
    "skincare%20routine",
    "kyoto",
    "budget%20travel",
];

/// For every query: plain note search, user search, and each `extra` template (`{q}` replaced).
fn search_paths(extra: &[&str]) -> Vec<String> {
    SEARCH_QUERIES
        .iter()
        .flat_map(|q| {
            let mut paths = vec![
                format!("/api/v1/search/notes?q={q}"),
                format!("/api/v1/search/users?q={q}"),
            ];
            paths.extend(extra.iter().map(|t| t.replace("{q}", q)));
            paths
        })
        .collect()
}

/// The search figures again on a 100,000-note world: index build time and size, query and
/// suggestion latency. Returns (search p99, suggest p99) in ms.
fn big_corpus_search() -> Result<(f64, f64)> {
    step("Search on a generated 100,000-note corpus (seeding and indexing at start)");
    let data = std::env::temp_dir().join(format!("zhongcao-bench-100k-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let started = std::time::Instant::now();
    let server = start_server_with(&data, &[("SEED_NOTES", "100000"), ("SEED_USERS", "2000")])?;
    println!(
        "    100k world seeded and indexed, server ready in {:.1} s (build time per step printed above)",
        started.elapsed().as_secs_f64()
    );
    println!(
        "    search index on disk: {}",
        kb(dir_size(&data.join("search")) as usize)
    );
    let paths = search_paths(&["/api/v1/search/notes?q={q}&sort=likes&time=half_year"]);
    let search = crate::load::run(server.port, &paths, 4, Duration::from_secs(8));
    let p99 = search.percentile_ms(99.0);
    println!(
        "    search, 4 connections: {} requests, {} errors, p50 {:.2} ms, p99 {:.2} ms ({} the {SEARCH_P99_BUDGET_MS} ms budget)",
        search.requests,
        search.errors,
        search.percentile_ms(50.0),
        p99,
        if p99 <= SEARCH_P99_BUDGET_MS { "within" } else { "OVER" }
    );
    let prefixes = [
        "%E9%98%B2",
        "%E9%9C%B2",
        "%E7%A9%BF",
        "o",
        "k",
        "sk",
        "%E5%A4%8F",
        "b",
    ];
    let suggest_paths: Vec<String> = prefixes
        .iter()
        .map(|p| format!("/api/v1/search/suggest?q={p}"))
        .collect();
    let suggest = crate::load::run(server.port, &suggest_paths, 4, Duration::from_secs(5));
    let suggest_p99 = suggest.percentile_ms(99.0);
    println!(
        "    suggestions, 4 connections: {} requests, p50 {:.2} ms, p99 {:.2} ms ({} the {SUGGEST_P99_BUDGET_MS} ms budget)",
        suggest.requests,
        suggest.percentile_ms(50.0),
        suggest_p99,
        if suggest_p99 <= SUGGEST_P99_BUDGET_MS { "within" } else { "OVER" }
    );
    drop(server);
    let _ = std::fs::remove_dir_all(&data);
    Ok((p99, suggest_p99))
}

/// Only order placement: `cargo xtask bench --orders`.
pub fn bench_orders() -> Result {
    with_test_server("o", |port| crate::bench_writes::order_benchmarks(port, 8)).map(|_| ())
}

/// Builds the server and runs `f` against it on a throwaway seeded database.
fn with_test_server<T>(tag: &str, f: impl FnOnce(u16) -> Result<T>) -> Result<T> {
    with_test_server_guard(tag, |server| f(server.port))
}

/// [`with_test_server`] for benchmarks that also watch the server process (memory, CPU).
fn with_test_server_guard<T>(tag: &str, f: impl FnOnce(&ServerGuard) -> Result<T>) -> Result<T> {
    setup(false)?;
    step("Building the server");
    run(cargo().args(["build", "--profile", "server", "-p", "zhongcao-server"]))?;
    let data = std::env::temp_dir().join(format!("zhongcao-bench-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    std::fs::create_dir_all(root().join("dist")).map_err(|e| e.to_string())?;
    let server = start_test_server(&data)?;
    let result = f(&server);
    drop(server);
    let _ = std::fs::remove_dir_all(&data);
    result
}

/// Only publishing (uploads, variants, publish-to-searchable): `cargo xtask bench --publish`.
pub fn bench_publish() -> Result {
    with_test_server("p", crate::bench_publish::publish_benchmarks).map(|_| ())
}

/// The feed under load, 50 connections for 10 s after a warm-up; prints and returns the report.
fn feed_benchmark(port: u16) -> crate::load::LoadReport {
    step("Feed API under load (loopback, 50 connections, 10 s)");
    let paths = feed_paths(port);
    println!(
        "    {} distinct feed URLs (7 channels x 4 pages)",
        paths.len()
    );
    let _ = crate::load::run(port, &paths, 8, Duration::from_secs(2)); // warm-up
    let report = crate::load::run(port, &paths, 50, Duration::from_secs(10));
    let p99 = report.percentile_ms(99.0);
    println!(
        "    {} requests, {} errors, {:.0} req/s, p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms ({} the {FEED_P99_BUDGET_MS} ms p99 budget)",
        report.requests,
        report.errors,
        report.rps(),
        report.percentile_ms(50.0),
        report.percentile_ms(90.0),
        p99,
        report.percentile_ms(100.0),
        if p99 <= FEED_P99_BUDGET_MS { "within" } else { "OVER" }
    );
    report
}

/// Only video (transcode time, range requests): `cargo xtask bench --video`.
pub fn bench_video() -> Result {
    with_test_server("v", crate::bench_video::video_benchmarks)
}

/// Only live rooms (fan-out, memory per viewer, media, the flash sale):
/// `cargo xtask bench --live`.
pub fn bench_live() -> Result {
    with_test_server_guard("l", crate::bench_live::live_benchmarks).map(|_| ())
}

/// Only the feed under load: `cargo xtask bench --feed`.
pub fn bench_feed() -> Result {
    with_test_server("f", |port| Ok(feed_benchmark(port))).map(|_| ())
}

/// Only the write endpoints (a quick loop while tuning them): `cargo xtask bench --writes`.
pub fn bench_writes() -> Result {
    with_test_server("w", crate::bench_writes::write_benchmarks).map(|_| ())
}

pub fn bench() -> Result {
    setup(true)?;
    build_all()?;
    let bundle = crate::bench_bundle::bundle_sizes()?;

    let data = std::env::temp_dir().join(format!("zhongcao-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let server = start_test_server(&data)?;
    let report = feed_benchmark(server.port);
    let p99 = report.percentile_ms(99.0);
    let (shell_rps, shell_p99) = crate::bench_shell::shell_benchmarks(server.port)?;

    step("Search API (loopback): latency at 4 connections, throughput at 50");
    let search_paths = search_paths(&["/api/v1/search/notes?q={q}&sort=newest&type=image"]);
    let search = crate::load::run(server.port, &search_paths, 4, Duration::from_secs(8));
    let search_p99 = search.percentile_ms(99.0);
    println!(
        "    4 connections: {} requests, {} errors, p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms ({} the {SEARCH_P99_BUDGET_MS} ms p99 budget)",
        search.requests,
        search.errors,
        search.percentile_ms(50.0),
        search.percentile_ms(90.0),
        search_p99,
        if search_p99 <= SEARCH_P99_BUDGET_MS { "within" } else { "OVER" }
    );
    let busy = crate::load::run(server.port, &search_paths, 50, Duration::from_secs(8));
    println!(
        "    50 connections: {:.0} req/s, p50 {:.2} ms, p99 {:.2} ms (queueing on 2 cores dominates)",
        busy.rps(),
        busy.percentile_ms(50.0),
        busy.percentile_ms(99.0)
    );
    let (like_p99, comment_p99) = crate::bench_writes::write_benchmarks(server.port)?;
    let (order_p99_8, order_p99_50) = crate::bench_writes::order_benchmarks(server.port, 4)?;
    let (upload_p99, publish_p99, searchable_p99) =
        crate::bench_publish::publish_benchmarks(server.port)?;
    let live = crate::bench_live::live_benchmarks(&server)?;

    let index_bytes = dir_size(&data.join("search"));
    println!("    search index on disk: {}", kb(index_bytes as usize));

    step("DOM size after scrolling 1,000 cards (headless Chromium)");
    let dom = Command::new("node")
        .arg("tests/bench/dom-after-scroll.mjs")
        .env("BASE_URL", format!("http://127.0.0.1:{}", server.port))
        .env("CARDS", "1000")
        .current_dir(root())
        .output()
        .map_err(|e| format!("node: {e}"))?;
    let out = String::from_utf8_lossy(&dom.stdout);
    print!("{out}");
    if !dom.status.success() {
        eprintln!("{}", String::from_utf8_lossy(&dom.stderr));
        return Err("DOM benchmark failed".into());
    }
    let elements: usize = out
        .lines()
        .find_map(|l| l.strip_prefix("DOM_ELEMENTS="))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(usize::MAX);
    println!(
        "    {} DOM elements after 1,000 cards ({} the {DOM_BUDGET} budget)",
        elements,
        if elements <= DOM_BUDGET {
            "within"
        } else {
            "OVER"
        }
    );
    drop(server);
    let _ = std::fs::remove_dir_all(&data);

    let (big_p99, suggest_p99) = big_corpus_search()?;

    step("Summary");
    println!(
        "    first load (JS + wasm + CSS, brotli) {}; largest lazy chunk {}; whole app {}",
        kb(bundle.initial_br),
        kb(bundle.largest_chunk_br),
        kb(bundle.total_br)
    );
    println!(
        "    feed p99 @50 conns {p99:.2} ms ({:.0} req/s)",
        report.rps()
    );
    println!("    /explore document @50 conns {shell_rps:.0} req/s, p99 {shell_p99:.2} ms (br)");
    println!(
        "    search p99 @4 conn {search_p99:.2} ms ({:.0} req/s at 50 conns)",
        busy.rps()
    );
    println!(
        "    like/unlike p99 @50 users {like_p99:.2} ms; comment p99 @8 users {comment_p99:.2} ms"
    );
    println!("    order p99 @8 users {order_p99_8:.2} ms; @50 users {order_p99_50:.2} ms");
    println!(
        "    upload + 4 widths p99 {upload_p99:.1} ms per photo; publish p99 {publish_p99:.1} ms; searchable p99 {searchable_p99:.1} ms"
    );
    println!(
        "    live chat fan-out p99: 1 viewer {:.2} ms, {} viewers {:.2} ms; {:.1} KiB server RSS per viewer; flash sale {} of {} units sold to {} buyers",
        live.fan_out_one.p99,
        crate::live_sockets::VIEWERS,
        live.fan_out_all.p99,
        live.kib_per_viewer,
        live.flash.sold,
        live.flash.units,
        live.flash.buyers
    );
    println!("    DOM after 1k cards {elements}");
    println!(
        "    search p99 @4 conn, 100k notes {big_p99:.2} ms; suggestions p99 {suggest_p99:.2} ms"
    );
    Ok(())
}
