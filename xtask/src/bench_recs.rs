//! `cargo xtask bench --recs`: the For-you offline evaluation, then its latency under load.
//! The server binary seeds a throwaway demo world (its own directory), holds out each demo
//! person's newest likes and collects, and prints recall@50, NDCG@20, coverage and diversity
//! of the recommender beside popularity and random baselines, plus how long ranking one person
//! takes. Then a server on another fresh demo world serves personalised first pages to 50
//! distinct signed-in people (each with likes in one channel) on 50 connections.

use std::time::Duration;

use crate::load::{raw_request, raw_request_with, run_requests, UNTIMED};
use crate::server::{build_server, server_binary, start_test_server};
use crate::tools::{run, step, Result};

/// The budget for a personalised first page at 50 connections.
const FIRST_PAGE_P99_BUDGET_MS: f64 = 30.0;
const PEOPLE: usize = 50;
const FIRST_PAGE: &str = "/api/v1/feed/for-you?limit=20";

/// With `no_build`, measures the server binary already built (another build may queue long).
pub fn bench_recs(no_build: bool) -> Result {
    if !no_build {
        build_server()?;
    }
    let data = std::env::temp_dir().join(format!("zhongcao-bench-recs-{}", std::process::id()));
    std::fs::create_dir_all(&data).map_err(|e| e.to_string())?;
    step("For-you offline evaluation (seeds a demo world first)");
    let result = run(std::process::Command::new(server_binary())
        .arg("--eval-recs")
        .env("DATA_DIR", &data));
    let _ = std::fs::remove_dir_all(&data);
    result?;
    latency()
}

/// GETs `path` on a new connection; the body if it answers 200.
fn get(port: u16, path: &str, cookie: Option<&str>) -> Result<String> {
    let headers: Vec<(&str, &str)> = cookie.map(|c| ("Cookie", c)).into_iter().collect();
    let reply = crate::http::request(port, "GET", path, &headers, &[])?;
    if reply.status != 200 {
        return Err(format!(
            "GET {path} answered {}: {}",
            reply.status,
            reply.text()
        ));
    }
    Ok(reply.text())
}

fn ids(body: &str) -> Result<Vec<i64>> {
    let page: serde_json::Value = serde_json::from_str(body).map_err(|e| e.to_string())?;
    Ok(page["items"]
        .as_array()
        .map(|items| items.iter().filter_map(|n| n["id"].as_i64()).collect())
        .unwrap_or_default())
}

fn latency() -> Result {
    let data =
        std::env::temp_dir().join(format!("zhongcao-bench-recs-load-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    std::fs::create_dir_all(crate::tools::root().join("dist")).map_err(|e| e.to_string())?;
    step("For-you latency: 50 signed-in people, 50 connections (seeds a demo world first)");
    let server = start_test_server(&data)?;
    let port = server.port;
    let cookies = crate::fixtures::bench_users(port, "recs", PEOPLE)?;
    let channels: serde_json::Value =
        serde_json::from_str(&get(port, "/api/v1/channels", None)?).map_err(|e| e.to_string())?;
    let slugs: Vec<String> = channels
        .as_array()
        .map(|c| {
            c.iter()
                .filter_map(|c| c["slug"].as_str())
                .filter(|s| *s != "recommend")
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    if slugs.is_empty() {
        return Err("no channels".into());
    }
    // Each person likes ten notes of one channel (people differ within a channel too), and
    // keeps one more note to like and unlike during the re-ranking run.
    let mut spare = Vec::new();
    for (u, cookie) in cookies.iter().enumerate() {
        let slug = &slugs[u % slugs.len()];
        let pool = ids(&get(
            port,
            &format!("/api/v1/feed?channel={slug}&limit=50"),
            None,
        )?)?;
        let start = (u / slugs.len()) * 5 % pool.len().max(1);
        let picks: Vec<i64> = pool.iter().cycle().skip(start).take(11).copied().collect();
        for id in &picks[..picks.len().saturating_sub(1)] {
            let path = format!("/api/v1/notes/{id}/like");
            let reply = crate::http::request(port, "PUT", &path, &[("Cookie", cookie)], &[])?;
            if reply.status != 200 {
                return Err(format!(
                    "like {id}: HTTP {}: {}",
                    reply.status,
                    reply.text()
                ));
            }
        }
        spare.push(picks.last().copied().unwrap_or(1));
    }

    // Every person's list is ranked on their first visit, one at a time.
    let mut first = Vec::new();
    for cookie in &cookies {
        let started = std::time::Instant::now();
        get(port, FIRST_PAGE, Some(cookie))?;
        first.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    first.sort_by(f64::total_cmp);
    let at = |v: &[f64], q: f64| v[((v.len() as f64 * q) as usize).min(v.len() - 1)];
    println!(
        "    first visit (ranks the list), one at a time: p50 {:.1} ms, p99 {:.1} ms",
        at(&first, 0.5),
        at(&first, 0.99)
    );

    let per_person: Vec<Vec<String>> = cookies
        .iter()
        .map(|cookie| vec![raw_request("GET", FIRST_PAGE, Some(cookie), None)])
        .collect();
    let kept = run_requests(port, &per_person, Duration::from_secs(10));
    let p99 = kept.percentile_ms(99.0);
    println!(
        "    first page, 50 people on 50 connections, 10 s: {} requests, {} errors, {:.0} req/s, \
         p50 {:.2} ms, p99 {:.2} ms ({} the {FIRST_PAGE_P99_BUDGET_MS} ms budget)",
        kept.requests,
        kept.errors,
        kept.rps(),
        kept.percentile_ms(50.0),
        p99,
        if p99 <= FIRST_PAGE_P99_BUDGET_MS {
            "within"
        } else {
            "OVER"
        }
    );

    // A like (or unlike) before every page: each page is ranked afresh.
    let per_person: Vec<Vec<String>> = cookies
        .iter()
        .zip(&spare)
        .map(|(cookie, id)| {
            let path = format!("/api/v1/notes/{id}/like");
            vec![
                raw_request_with("PUT", &path, Some(cookie), &[UNTIMED], None),
                raw_request("GET", FIRST_PAGE, Some(cookie), None),
                raw_request_with("DELETE", &path, Some(cookie), &[UNTIMED], None),
                raw_request("GET", FIRST_PAGE, Some(cookie), None),
            ]
        })
        .collect();
    let fresh = run_requests(port, &per_person, Duration::from_secs(10));
    println!(
        "    first page right after a like (ranked afresh), 50 connections, 10 s: {} pages, \
         {} errors, p50 {:.1} ms, p99 {:.1} ms",
        fresh.requests,
        fresh.errors,
        fresh.percentile_ms(50.0),
        fresh.percentile_ms(99.0)
    );
    drop(server);
    let _ = std::fs::remove_dir_all(&data);
    if kept.errors > 0 || fresh.errors > 0 {
        return Err("For-you requests failed under load".into());
    }
    Ok(())
}
