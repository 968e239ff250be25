//! Publishing benchmarks: what one photo costs from upload to every feed width being served,
//! and how long a published note takes to become searchable. Sequential on purpose: these are
//! per-item latencies, not throughput under load.

use std::time::{Duration, Instant};

use crate::tools::{step, Result};

const PHOTOS: usize = 20;
const NOTES_PER_USER: usize = 5; // the per-account limit per 10 minutes
const USERS: usize = 4;
const WIDTHS: [u32; 4] = [240, 480, 720, 1080];

/// A photo-like 1600×1200 JPEG: soft light and colour with fine grain, different per `seed`.
fn photo(seed: u32) -> Result<Vec<u8>> {
    let mut state = seed.wrapping_mul(2_654_435_761) | 1;
    let hue = (seed * 53 % 255) as i32;
    let img = image::RgbImage::from_fn(1600, 1200, |x, y| {
        // xorshift32 grain
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let grain = (state % 21) as i32 - 10;
        let (x, y) = (x as i32, y as i32);
        let light = 255 - ((x - 800).pow(2) + (y - 500).pow(2)) / 9_000;
        let px = |base: i32| (base + grain).clamp(0, 255) as u8;
        image::Rgb([
            px(light * (120 + hue / 2) / 255),
            px(light * (90 + y / 12) / 255),
            px(light * (60 + x / 16) / 255),
        ])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&img)
        .map_err(|e| format!("encode the bench photo: {e}"))?;
    Ok(out.into_inner())
}

/// One request with a binary body; returns (status, body).
fn exchange(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Result<(u16, Vec<u8>)> {
    crate::http::request(port, method, path, headers, body).map(|reply| (reply.status, reply.body))
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn summary(label: &str, mut ms: Vec<f64>) -> f64 {
    ms.sort_by(f64::total_cmp);
    let mean = ms.iter().sum::<f64>() / ms.len().max(1) as f64;
    let p99 = percentile(&ms, 99.0);
    println!(
        "    {label:<44} mean {mean:>7.1} ms, p50 {:>7.1} ms, p99 {p99:>7.1} ms",
        percentile(&ms, 50.0)
    );
    p99
}

/// Uploads one photo as `cookie`; returns (upload id, URL template).
fn upload(port: u16, cookie: &str, photo: &[u8]) -> Result<(i64, String)> {
    let (status, body) = exchange(
        port,
        "POST",
        "/api/v1/uploads",
        &[("Cookie", cookie), ("Content-Type", "image/jpeg")],
        photo,
    )?;
    if status != 201 {
        return Err(format!(
            "upload answered {status}: {}",
            String::from_utf8_lossy(&body)
        ));
    }
    let upload: serde_json::Value =
        serde_json::from_slice(&body).map_err(|e| format!("upload answered no JSON: {e}"))?;
    let id = upload["id"].as_i64().ok_or("upload without id")?;
    let template = upload["image"]["url_template"]
        .as_str()
        .ok_or("upload without url")?;
    Ok((id, template.to_string()))
}

/// Letters only, so the search analyzer keeps the token whole: 0 → "a", 27 → "bb".
fn letters(mut n: usize) -> String {
    let mut out = String::new();
    loop {
        out.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
        if n == 0 {
            return out;
        }
    }
}

/// Per-photo upload and rendition times, then publish and publish-to-searchable latency.
/// Returns (upload + variants p99, publish p99, searchable p99) in ms.
pub fn publish_benchmarks(port: u16) -> Result<(f64, f64, f64)> {
    step(&format!(
        "Publishing: {PHOTOS} uploads of 1600x1200 JPEGs (+ each feed width once), {} notes to searchable",
        USERS * NOTES_PER_USER
    ));
    let cookies = crate::fixtures::bench_users(port, "writer", USERS)?;
    let photos: Vec<Vec<u8>> = (0..4).map(|i| photo(i + 1)).collect::<Result<_>>()?;
    println!(
        "    photos: {} KB each on average",
        photos.iter().map(Vec::len).sum::<usize>() / photos.len() / 1024
    );

    let (mut uploads, mut variants, mut totals) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..PHOTOS {
        let started = Instant::now();
        let (_, template) = upload(port, &cookies[0], &photos[i % photos.len()])?;
        let uploaded = started.elapsed();
        for w in WIDTHS {
            let path = template.replace("{w}", &w.to_string());
            let (status, body) = exchange(port, "GET", &path, &[], &[])?;
            if status != 200 || body.len() < 1_000 {
                return Err(format!("{path} answered {status} ({} bytes)", body.len()));
            }
        }
        let total = started.elapsed();
        uploads.push(uploaded.as_secs_f64() * 1e3);
        variants.push((total - uploaded).as_secs_f64() * 1e3);
        totals.push(total.as_secs_f64() * 1e3);
    }
    summary("upload (check, decode, resize, encode, store)", uploads);
    summary("4 feed widths, first request each", variants);
    let upload_p99 = summary("upload + variants, per photo", totals);

    let tag = std::process::id() as usize;
    let (mut publishes, mut searchable) = (Vec::new(), Vec::new());
    let mut first_try = 0;
    for (u, cookie) in cookies.iter().enumerate() {
        let (picture, _) = upload(port, cookie, &photos[u % photos.len()])?;
        for n in 0..NOTES_PER_USER {
            let token = format!("zq{}", letters(tag * 100 + u * NOTES_PER_USER + n));
            let note = format!(
                r#"{{"title":"Bench {token}","body":"Publish-to-search benchmark #benchnotes","channel":"food","image_ids":[{picture}]}}"#
            );
            let started = Instant::now();
            let (status, body) = exchange(
                port,
                "POST",
                "/api/v1/notes",
                &[("Cookie", cookie), ("Content-Type", "application/json")],
                note.as_bytes(),
            )?;
            let published = started.elapsed();
            if status != 201 {
                return Err(format!(
                    "publish answered {status}: {}",
                    String::from_utf8_lossy(&body)
                ));
            }
            let mut tries = 0;
            loop {
                tries += 1;
                let path = format!("/api/v1/search/notes?q={token}");
                let (_, found) = exchange(port, "GET", &path, &[], &[])?;
                if String::from_utf8_lossy(&found).contains("\"total\":1") {
                    break;
                }
                if started.elapsed() > Duration::from_secs(10) {
                    return Err(format!("note {token} not searchable after 10 s"));
                }
            }
            first_try += usize::from(tries == 1);
            publishes.push(published.as_secs_f64() * 1e3);
            searchable.push(started.elapsed().as_secs_f64() * 1e3);
        }
    }
    let publish_p99 = summary("publish (POST /notes, indexing included)", publishes);
    let search_p99 = summary("publish to searchable", searchable);
    println!(
        "    found by the first search after the publish answered: {first_try}/{}",
        USERS * NOTES_PER_USER
    );
    Ok((upload_p99, publish_p99, search_p99))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_letters_only() {
        assert_eq!(letters(0), "a");
        assert_eq!(letters(27), "bb");
        assert!(letters(123_456_789).chars().all(|c| c.is_ascii_lowercase()));
    }
}
