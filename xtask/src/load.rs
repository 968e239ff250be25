//! A small closed-loop HTTP/1.1 load generator for loopback benchmarks: N connections, each
//! sending keep-alive requests back to back for a fixed time, recording every latency.
//! Requests are pre-rendered HTTP text, so writes (with a session cookie, an Origin and a JSON
//! body) go through the same loop as GETs. A request may carry [`SEQ`] (e.g. in an
//! `Idempotency-Key` header), replaced by a number unique to each send.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Placeholder replaced by a per-send unique number (process id + counter).
pub const SEQ: &str = "{seq}";

/// A header marking a request whose latency is not recorded (a write that sets up the
/// request that is measured, e.g. a like before a re-ranked page); its status still counts.
pub const UNTIMED: (&str, &str) = ("X-Bench-Untimed", "1");

static SENT: AtomicU64 = AtomicU64::new(0);

/// The request to send now: `raw` with [`SEQ`] made unique, if it has one.
fn render(raw: &str) -> Cow<'_, str> {
    if raw.contains(SEQ) {
        let n = SENT.fetch_add(1, Ordering::Relaxed);
        Cow::Owned(raw.replace(SEQ, &format!("{}x{n:010}", std::process::id())))
    } else {
        Cow::Borrowed(raw)
    }
}

pub struct LoadReport {
    /// Successful (2xx) responses.
    pub requests: usize,
    pub errors: usize,
    pub elapsed: Duration,
    /// Sorted latencies of successful responses, in microseconds.
    pub latencies_us: Vec<u64>,
    /// Responses by status code (connection failures are not in here).
    pub statuses: BTreeMap<u16, usize>,
}

impl LoadReport {
    pub fn percentile_ms(&self, p: f64) -> f64 {
        if self.latencies_us.is_empty() {
            return f64::NAN;
        }
        let rank = ((p / 100.0) * (self.latencies_us.len() - 1) as f64).round() as usize;
        self.latencies_us[rank.min(self.latencies_us.len() - 1)] as f64 / 1000.0
    }

    pub fn rps(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// One request as HTTP/1.1 text. `cookie` and `body` (JSON) are optional; writes carry the
/// Origin the server's CSRF check wants.
pub fn raw_request(method: &str, path: &str, cookie: Option<&str>, body: Option<&str>) -> String {
    raw_request_with(method, path, cookie, &[], body)
}

/// [`raw_request`] with extra headers (e.g. `("Idempotency-Key", "bench-{seq}")`).
pub fn raw_request_with(
    method: &str,
    path: &str,
    cookie: Option<&str>,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> String {
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    if method != "GET" {
        req.push_str("Origin: http://127.0.0.1\r\n");
    }
    if let Some(cookie) = cookie {
        req.push_str(&format!("Cookie: {cookie}\r\n"));
    }
    for (name, value) in headers {
        req.push_str(&format!("{name}: {value}\r\n"));
    }
    match body {
        Some(body) => req.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )),
        None => req.push_str("Content-Length: 0\r\n\r\n"),
    }
    req
}

/// Reads one response; returns its status. Content-Length or chunked bodies (a body compressed
/// on the fly has no length up front).
fn read_response(reader: &mut BufReader<TcpStream>) -> std::io::Result<u16> {
    read_response_with(reader, &mut |_, _| {}).map(|(status, _)| status)
}

fn read_response_with(
    reader: &mut BufReader<TcpStream>,
    on_header: &mut dyn FnMut(&str, &str),
) -> std::io::Result<(u16, Vec<u8>)> {
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let status: u16 = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line: {line:?}")))?;
    let mut length = 0usize;
    let mut chunked = false;
    loop {
        line.clear();
        reader.read_line(&mut line)?;
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            on_header(name.trim(), value.trim());
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            } else if name.eq_ignore_ascii_case("transfer-encoding") {
                chunked = value.to_ascii_lowercase().contains("chunked");
            }
        }
    }
    if chunked {
        return read_chunked(reader).map(|body| (status, body));
    }
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body)?;
    Ok((status, body))
}

/// A `Transfer-Encoding: chunked` body (trailers are read and dropped).
fn read_chunked(reader: &mut impl BufRead) -> std::io::Result<Vec<u8>> {
    let mut body = Vec::new();
    let mut line = String::new();
    let next_line = |line: &mut String, reader: &mut dyn BufRead| {
        line.clear();
        match reader.read_line(line)? {
            0 => Err(std::io::Error::from(std::io::ErrorKind::UnexpectedEof)),
            _ => Ok(()),
        }
    };
    loop {
        next_line(&mut line, reader)?;
        let size = line.trim().split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size, 16)
            .map_err(|_| std::io::Error::other(format!("bad chunk size: {line:?}")))?;
        if size == 0 {
            loop {
                next_line(&mut line, reader)?;
                if line.trim_end().is_empty() {
                    return Ok(body);
                }
            }
        }
        let start = body.len();
        body.resize(start + size, 0);
        reader.read_exact(&mut body[start..])?;
        next_line(&mut line, reader)?;
    }
}

struct WorkerResult {
    errors: usize,
    latencies: Vec<u64>,
    statuses: BTreeMap<u16, usize>,
}

fn worker(port: u16, requests: &[String], offset: usize, deadline: Instant) -> WorkerResult {
    let mut errors = 0;
    let mut latencies = Vec::new();
    let mut statuses = BTreeMap::new();
    let mut i = offset;
    while Instant::now() < deadline {
        let Ok(stream) = TcpStream::connect(("127.0.0.1", port)) else {
            errors += 1;
            std::thread::sleep(Duration::from_millis(10));
            continue;
        };
        let _ = stream.set_nodelay(true);
        let Ok(mut writer) = stream.try_clone() else {
            errors += 1;
            continue;
        };
        let mut reader = BufReader::new(stream);
        while Instant::now() < deadline {
            let request = render(&requests[i % requests.len()]);
            let timed = !request.contains("\r\nX-Bench-Untimed: 1\r\n");
            i += 1;
            let start = Instant::now();
            let sent = writer.write_all(request.as_bytes());
            let answer = sent.and_then(|()| read_response(&mut reader));
            if let Ok(status) = answer {
                *statuses.entry(status).or_insert(0) += 1;
            }
            match answer {
                // 206: a range request's answer (video renditions).
                Ok(200 | 201 | 204 | 206) if !timed => {}
                Ok(200 | 201 | 204 | 206) => latencies.push(start.elapsed().as_micros() as u64),
                Ok(_) => errors += 1,
                Err(_) => {
                    errors += 1;
                    break; // reconnect
                }
            }
        }
    }
    WorkerResult {
        errors,
        latencies,
        statuses,
    }
}

/// GETs `paths` round-robin over `connections` connections for `duration`.
pub fn run(port: u16, paths: &[String], connections: usize, duration: Duration) -> LoadReport {
    let requests: Vec<String> = paths
        .iter()
        .map(|p| raw_request("GET", p, None, None))
        .collect();
    let per_connection = vec![requests; connections];
    run_requests(port, &per_connection, duration)
}

/// One connection per entry of `per_connection`, each cycling through its own requests.
pub fn run_requests(port: u16, per_connection: &[Vec<String>], duration: Duration) -> LoadReport {
    let started = Instant::now();
    let deadline = started + duration;
    let results: Vec<WorkerResult> = std::thread::scope(|scope| {
        let handles: Vec<_> = per_connection
            .iter()
            .enumerate()
            .map(|(c, requests)| scope.spawn(move || worker(port, requests, c * 7, deadline)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join().unwrap_or(WorkerResult {
                    errors: 1,
                    latencies: Vec::new(),
                    statuses: BTreeMap::new(),
                })
            })
            .collect()
    });
    let elapsed = started.elapsed();
    let errors = results.iter().map(|r| r.errors).sum();
    let mut statuses = BTreeMap::new();
    for r in &results {
        for (status, n) in &r.statuses {
            *statuses.entry(*status).or_insert(0) += n;
        }
    }
    let mut latencies_us: Vec<u64> = results.into_iter().flat_map(|r| r.latencies).collect();
    latencies_us.sort_unstable();
    LoadReport {
        requests: latencies_us.len(),
        errors,
        elapsed,
        latencies_us,
        statuses,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seq_placeholders_are_unique_per_send() {
        let raw = raw_request_with("POST", "/x", None, &[("Idempotency-Key", "k-{seq}")], None);
        let (a, b) = (render(&raw).into_owned(), render(&raw).into_owned());
        assert!(!a.contains(SEQ) && a != b);
        assert!(matches!(render("GET / HTTP/1.1\r\n\r\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn chunked_bodies_are_read_whole() {
        let raw = b"5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nTrailer: x\r\n\r\nNEXT";
        let mut reader = std::io::Cursor::new(&raw[..]);
        assert_eq!(
            read_chunked(&mut reader).map_err(|e| e.to_string()),
            Ok(b"hello, world".to_vec())
        );
        let mut rest = String::new();
        let _ = reader.read_to_string(&mut rest);
        assert_eq!(rest, "NEXT");
        let mut cut = std::io::Cursor::new(&b"5\r\nhel"[..]);
        assert!(read_chunked(&mut cut).is_err());
    }

    #[test]
    fn percentiles_pick_ranks() {
        let report = LoadReport {
            requests: 100,
            errors: 0,
            elapsed: Duration::from_secs(1),
            latencies_us: (1..=100).map(|v| v * 1000).collect(),
            statuses: BTreeMap::new(),
        };
        assert_eq!(report.percentile_ms(50.0), 51.0);
        assert_eq!(report.percentile_ms(99.0), 99.0);
        assert_eq!(report.rps(), 100.0);
    }
}
