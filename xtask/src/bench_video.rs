//! Video benchmarks (`cargo xtask bench --video`): how long the server takes to transcode a
//! 30 s 1080p upload into its renditions (made with ffmpeg's test source, uploaded over HTTP,
//! timed until `GET /videos/{id}` says ready), and range-request throughput on a rendition
//! (loopback, 50 connections, 256 KB ranges at varied offsets, as a seeking player asks).

use std::time::{Duration, Instant};

use crate::tools::{run, step, Result};

const CLIP_SECONDS: u32 = 30;
const RANGE_BYTES: u64 = 256 * 1024;
const CONNECTIONS: usize = 50;

pub fn video_benchmarks(port: u16) -> Result<()> {
    step("Video: transcode a 30 s 1080p upload (480p + 720p, poster)");
    let dir = std::env::temp_dir().join(format!("zhongcao-bench-video-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let clip = dir.join("clip-1080p.mp4");
    let made = Instant::now();
    run(&mut crate::test_clip::clip_command(
        &clip,
        1920,
        1080,
        30,
        CLIP_SECONDS,
        &["-crf", "20"],
    ))?;
    let bytes = std::fs::read(&clip).map_err(|e| e.to_string())?;
    let _ = std::fs::remove_dir_all(&dir);
    println!(
        "    test clip: {:.1} MB, made in {:.1} s",
        bytes.len() as f64 / 1e6,
        made.elapsed().as_secs_f64()
    );

    let cookie = crate::fixtures::bench_users(port, "video", 1)?
        .pop()
        .ok_or("no bench user")?;
    let sent = Instant::now();
    let reply = crate::http::request(
        port,
        "POST",
        "/api/v1/videos",
        &[("Cookie", &cookie), ("Content-Type", "video/mp4")],
        &bytes,
    )?;
    if reply.status != 201 {
        return Err(format!("upload: HTTP {}: {}", reply.status, reply.text()));
    }
    let uploaded = sent.elapsed();
    let id = reply.json()?["id"].as_i64().ok_or("upload: no id")?;
    let queued = Instant::now();
    let status = loop {
        let reply = crate::http::request(
            port,
            "GET",
            &format!("/api/v1/videos/{id}"),
            &[("Cookie", &cookie)],
            &[],
        )?;
        let status = reply.json()?;
        match status["state"].as_str() {
            Some("ready") => break status,
            Some("failed") => return Err(format!("transcode failed: {}", status["error"])),
            _ if queued.elapsed() > Duration::from_secs(600) => {
                return Err("transcode: not ready after 10 minutes".to_string())
            }
            _ => std::thread::sleep(Duration::from_millis(200)),
        }
    };
    let transcode = queued.elapsed();
    println!(
        "    upload + probe {:.2} s; transcode to ready {:.1} s ({:.2}x real time)",
        uploaded.as_secs_f64(),
        transcode.as_secs_f64(),
        transcode.as_secs_f64() / f64::from(CLIP_SECONDS)
    );
    let renditions = status["video"]["renditions"]
        .as_array()
        .ok_or("ready video without renditions")?;
    let mut biggest = (String::new(), 0u64);
    for r in renditions {
        let url = r["url"].as_str().ok_or("rendition url")?.to_string();
        let head = crate::http::request(port, "GET", &url, &[("Range", "bytes=0-0")], &[])?;
        let total: u64 = head
            .header("content-range")
            .and_then(|v| v.rsplit('/').next())
            .and_then(|v| v.parse().ok())
            .ok_or("rendition: no Content-Range")?;
        println!(
            "    {}x{}: {:.1} MB ({:.0} kbit/s)",
            r["width"],
            r["height"],
            total as f64 / 1e6,
            total as f64 * 8.0 / 1000.0 / f64::from(CLIP_SECONDS)
        );
        if total > biggest.1 {
            biggest = (url, total);
        }
    }

    step("Video: range requests on the largest rendition (loopback, 50 connections, 10 s)");
    let (url, total) = biggest;
    let slots = (total / RANGE_BYTES).max(1);
    let per_connection: Vec<Vec<String>> = (0..CONNECTIONS as u64)
        .map(|c| {
            (0..64u64)
                .map(|i| {
                    let from = ((c * 17 + i * 31) % slots) * RANGE_BYTES;
                    let to = (from + RANGE_BYTES - 1).min(total - 1);
                    let range = format!("bytes={from}-{to}");
                    crate::load::raw_request_with("GET", &url, None, &[("Range", &range)], None)
                })
                .collect()
        })
        .collect();
    let _ = crate::load::run_requests(port, &per_connection[..8], Duration::from_secs(2));
    let report = crate::load::run_requests(port, &per_connection, Duration::from_secs(10));
    let partial = report.statuses.get(&206).copied().unwrap_or(0);
    println!(
        "    {} requests ({partial} x 206), {} errors, {:.0} req/s, ~{:.0} MB/s, p50 {:.2} ms, p99 {:.2} ms",
        report.requests,
        report.errors,
        report.rps(),
        report.rps() * RANGE_BYTES as f64 / 1e6,
        report.percentile_ms(50.0),
        report.percentile_ms(99.0)
    );
    Ok(())
}
