//! What the live benchmarks share: WebSocket viewers from this process (blocking tungstenite,
//! one small thread each), reading the server's memory, and percentiles.

use std::net::TcpStream;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use api_types::ServerEvent;
use tungstenite::client::IntoClientRequest;
use tungstenite::http::HeaderValue;
use tungstenite::protocol::WebSocketConfig;
use tungstenite::{Message, WebSocket};

use crate::tools::Result;

/// Viewers in the big room (issue 17's figure).
pub const VIEWERS: usize = 500;
/// How long a viewer waits for a frame before the benchmark gives up on it.
const READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Viewer threads only read frames: a small stack is plenty, and 500 of them stay cheap.
const VIEWER_STACK: usize = 256 * 1024;

pub type Socket = WebSocket<TcpStream>;

/// Percentiles of a set of durations, in milliseconds.
#[derive(Clone, Copy, Debug)]
pub struct Spread {
    pub samples: usize,
    pub p50: f64,
    pub p99: f64,
    pub max: f64,
}

impl Spread {
    pub fn of(mut samples: Vec<Duration>) -> Spread {
        samples.sort_unstable();
        let at =
            |p: f64| samples.get(((samples.len().saturating_sub(1)) as f64 * p).round() as usize);
        let ms = |d: Option<&Duration>| d.map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0);
        Spread {
            samples: samples.len(),
            p50: ms(at(0.5)),
            p99: ms(at(0.99)),
            max: ms(samples.last()),
        }
    }
}

/// Opens `path` as a WebSocket, from the site's own origin (the server refuses cross-site
/// upgrades), as `cookie`'s session if any.
pub fn open_socket(port: u16, path: &str, cookie: Option<&str>) -> Result<Socket> {
    let what = |e: &dyn std::fmt::Display| format!("WebSocket {path}: {e}");
    let mut request = format!("ws://127.0.0.1:{port}{path}")
        .into_client_request()
        .map_err(|e| what(&e))?;
    let headers = request.headers_mut();
    let origin =
        HeaderValue::from_str(&format!("http://127.0.0.1:{port}")).map_err(|e| what(&e))?;
    headers.insert("origin", origin);
    if let Some(cookie) = cookie {
        headers.insert(
            "cookie",
            HeaderValue::from_str(cookie).map_err(|e| what(&e))?,
        );
    }
    let stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| what(&e))?;
    stream.set_nodelay(true).map_err(|e| what(&e))?;
    stream
        .set_read_timeout(Some(READ_TIMEOUT))
        .map_err(|e| what(&e))?;
    // The default 128 KiB read buffer times 500 sockets would be this process's main cost.
    let config = WebSocketConfig::default().read_buffer_size(8 * 1024);
    let (socket, _) = tungstenite::client::client_with_config(request, stream, Some(config))
        .map_err(|e| what(&e))?;
    Ok(socket)
}

/// The next events-socket frame as a [`ServerEvent`] (pings are answered by tungstenite).
pub fn next_event(socket: &mut Socket) -> Result<ServerEvent> {
    read_event(socket).map(|(_, event)| event)
}

/// The next [`ServerEvent`] and when its frame was read (before it was parsed: the
/// instrument's own work stays out of the latency).
pub fn read_event(socket: &mut Socket) -> Result<(Instant, ServerEvent)> {
    loop {
        let frame = socket.read().map_err(|e| format!("events socket: {e}"))?;
        let at = Instant::now();
        match frame {
            Message::Text(text) => {
                let event = serde_json::from_str(&text)
                    .map_err(|e| format!("not a server event ({e}): {text}"))?;
                return Ok((at, event));
            }
            Message::Close(frame) => return Err(format!("events socket closed: {frame:?}")),
            _ => {}
        }
    }
}

/// A thread that does not outlive the benchmark's patience.
pub fn spawn_reader<T: Send + 'static>(
    f: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<JoinHandle<Result<T>>> {
    std::thread::Builder::new()
        .stack_size(VIEWER_STACK)
        .spawn(f)
        .map_err(|e| format!("could not start a viewer thread: {e}"))
}

pub fn join<T>(handle: JoinHandle<Result<T>>) -> Result<T> {
    handle
        .join()
        .map_err(|_| "a viewer thread panicked".to_string())?
}

/// A line of `/proc/PID/status` in KiB (e.g. `VmRSS`).
pub fn proc_status_kib(pid: u32, field: &str) -> Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .map_err(|e| format!("/proc/{pid}/status: {e}"))?;
    status_kib(&status, field).ok_or_else(|| format!("no {field} in /proc/{pid}/status"))
}

/// `field`'s value in the text of a `/proc/PID/status` file (`VmRSS:\t  1234 kB`).
fn status_kib(status: &str, field: &str) -> Option<u64> {
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreads_pick_the_nearest_rank() {
        let ms = |n: u64| Duration::from_millis(n);
        let s = Spread::of((1..=100).rev().map(ms).collect());
        assert_eq!((s.samples, s.p50, s.p99, s.max), (100, 51.0, 99.0, 100.0));
        let one = Spread::of(vec![ms(7)]);
        assert_eq!((one.p50, one.p99, one.max), (7.0, 7.0, 7.0));
        assert!(Spread::of(Vec::new()).p99.is_nan(), "no samples, no figure");
    }

    #[test]
    fn status_lines_are_read_by_their_exact_name() {
        let status = "Name:\tzhongcao-server\nVmHWM:\t  250000 kB\nVmRSS:\t  211456 kB\n";
        assert_eq!(status_kib(status, "VmRSS"), Some(211_456));
        assert_eq!(status_kib(status, "VmHWM"), Some(250_000));
        assert_eq!(
            status_kib(status, "VmRS"),
            None,
            "a prefix is not the field"
        );
        assert_eq!(status_kib(status, "VmSwap"), None);
    }
}
