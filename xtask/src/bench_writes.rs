//! The write benchmarks of `cargo xtask bench`: likes and comments under load, and order
//! placement (`--orders`), each on a running test server.

use std::time::Duration;

use crate::tools::{step, Result};

/// Likes/unlikes (50 users on 20 hot notes) and comments (8 users) under load; p99s in ms.
pub fn write_benchmarks(port: u16) -> Result<(f64, f64)> {
    step("Write endpoints under load: like/unlike (50 users, 8 s), comments (8 users, 5 s)");
    let cookies = crate::fixtures::bench_users(port, "bench", 50)?;
    let per_user: Vec<Vec<String>> = cookies
        .iter()
        .enumerate()
        .map(|(u, cookie)| {
            (0..20)
                .flat_map(|n| {
                    // Everyone hits the same 20 notes: counter rows are contended on purpose.
                    let path = format!("/api/v1/notes/{}/like", 1 + (n + u) % 20);
                    [
                        crate::load::raw_request("PUT", &path, Some(cookie), None),
                        crate::load::raw_request("DELETE", &path, Some(cookie), None),
                    ]
                })
                .collect()
        })
        .collect();
    let likes = crate::load::run_requests(port, &per_user, Duration::from_secs(8));
    let like_p99 = likes.percentile_ms(99.0);
    println!(
        "    like/unlike: {} requests, {} errors, {:.0} req/s, p50 {:.2} ms, p99 {:.2} ms",
        likes.requests,
        likes.errors,
        likes.rps(),
        likes.percentile_ms(50.0),
        like_p99
    );
    let per_commenter: Vec<Vec<String>> = cookies
        .iter()
        .take(8)
        .enumerate()
        .map(|(u, cookie)| {
            (0..10)
                .map(|n| {
                    let body = format!(r#"{{"body":"bench comment {u}-{n} 好看！"}}"#);
                    let path = format!("/api/v1/notes/{}/comments", 1 + (n + u) % 20);
                    crate::load::raw_request("POST", &path, Some(cookie), Some(&body))
                })
                .collect()
        })
        .collect();
    let comments = crate::load::run_requests(port, &per_commenter, Duration::from_secs(5));
    let comment_p99 = comments.percentile_ms(99.0);
    println!(
        "    comments: {} requests, {} errors, {:.0} req/s, p50 {:.2} ms, p99 {:.2} ms",
        comments.requests,
        comments.errors,
        comments.rps(),
        comments.percentile_ms(50.0),
        comment_p99
    );
    if likes.errors > 0 || comments.errors > 0 {
        return Err("write benchmark requests failed".into());
    }
    Ok((like_p99, comment_p99))
}

/// Well-stocked variants (at least `min_stock` units) of the 100 most popular products, as
/// (variant id, stock): where real buying concentrates. Read through the public API.
/// The shop's best sellers, most popular first, read 50 a page until `at_least` are in
/// (or the shop ends).
pub fn popular_product_ids(port: u16, at_least: usize) -> Result<Vec<i64>> {
    let mut ids: Vec<i64> = Vec::new();
    let mut path = "/api/v1/products?sort=popular&limit=50".to_string();
    while ids.len() < at_least {
        let page = crate::http::get_json(port, &path)?;
        let items = page["items"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default();
        ids.extend(items.iter().filter_map(|p| p["id"].as_i64()));
        let Some(cursor) = page["next_cursor"].as_str() else {
            break;
        };
        path = format!("/api/v1/products?sort=popular&limit=50&cursor={cursor}");
    }
    Ok(ids)
}

fn hot_variants(port: u16, min_stock: i64) -> Result<Vec<(i64, i64)>> {
    let ids = popular_product_ids(port, 100)?;
    let mut variants = Vec::new();
    for id in ids {
        let detail = crate::http::get_json(port, &format!("/api/v1/products/{id}"))?;
        let list = detail["variants"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default();
        for v in list {
            if let (Some(vid), Some(stock)) = (v["id"].as_i64(), v["stock"].as_i64()) {
                if stock >= min_stock {
                    variants.push((vid, stock));
                }
            }
        }
    }
    if variants.is_empty() {
        return Err("no variant in stock to order".into());
    }
    Ok(variants)
}

/// Gives each bench user a delivery address; returns the address ids.
pub(crate) fn bench_addresses(port: u16, cookies: &[String]) -> Result<Vec<i64>> {
    let body = serde_json::json!({
        "recipient": "压测", "phone": "13800138000", "province": "上海市", "city": "上海市",
        "district": "静安区", "detail": "南京西路 1266 号",
    });
    cookies
        .iter()
        .map(|cookie| {
            let reply =
                crate::http::send_json(port, "POST", "/api/v1/addresses", Some(cookie), &body)?;
            if reply.status != 201 {
                return Err(format!(
                    "address answered {}: {}",
                    reply.status,
                    reply.text()
                ));
            }
            reply.json()?["id"]
                .as_i64()
                .ok_or_else(|| "address without id".into())
        })
        .collect()
}

/// Order placement: signed-in users buying one unit now (a fresh Idempotency-Key per
/// request) from the hot variants, at 8 and 50 connections. Returns the p99s in ms.
pub fn order_benchmarks(port: u16, secs: u64) -> Result<(f64, f64)> {
    step(&format!(
        "Order placement (buy now, unique Idempotency-Keys): 8 and 50 users, {secs} s each"
    ));
    let cookies = crate::fixtures::bench_users(port, "buyer", 50)?;
    let addresses = bench_addresses(port, &cookies)?;
    let variants = hot_variants(port, 150)?;
    let units: i64 = variants.iter().map(|v| v.1).sum();
    println!(
        "    {} variants (150+ units each) of the 100 best sellers, {units} units in stock",
        variants.len()
    );
    let expiry = "12/99";
    let per_user: Vec<Vec<String>> = cookies
        .iter()
        .zip(&addresses)
        .enumerate()
        .map(|(u, (cookie, address))| {
            (0..64)
                .map(|n| {
                    // Users spread over every variant, so none sells out during the run.
                    let (variant, _) = variants[(u * 64 + n) % variants.len()];
                    let body = format!(
                        r#"{{"items":[{{"variant_id":{variant},"quantity":1}}],"address_id":{address},"shipping":"standard","payment":{{"card_number":"4242 4242 4242 4242","expiry":"{expiry}","cvc":"123"}}}}"#
                    );
                    let key = format!("bench-{}", crate::load::SEQ);
                    crate::load::raw_request_with(
                        "POST",
                        "/api/v1/orders",
                        Some(cookie),
                        &[("Idempotency-Key", key.as_str())],
                        Some(&body),
                    )
                })
                .collect()
        })
        .collect();
    let mut p99s = Vec::new();
    for users in [8, 50] {
        let report = crate::load::run_requests(port, &per_user[..users], Duration::from_secs(secs));
        let created = report.statuses.get(&201).copied().unwrap_or(0);
        let others: Vec<String> = report
            .statuses
            .iter()
            .filter(|(status, _)| **status != 201)
            .map(|(status, n)| format!("{n}x{status}"))
            .collect();
        let p99 = report.percentile_ms(99.0);
        println!(
            "    {users} users: {} requests, {:.0} orders/s, p50 {:.2} ms, p99 {:.2} ms; 201: {created}, other: {}",
            report.statuses.values().sum::<usize>(),
            report.rps(),
            report.percentile_ms(50.0),
            p99,
            if others.is_empty() { "none".to_string() } else { others.join(", ") }
        );
        p99s.push(p99);
    }
    Ok((p99s[0], p99s[1]))
}
