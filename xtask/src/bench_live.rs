//! `cargo xtask bench --live`: live rooms at scale, against the real server process.
//!
//! - Chat fan-out: a signed-in host sends chat messages on the room's events socket; every
//!   viewer socket records when each one arrives. Measured at 1 viewer (the baseline: one
//!   socket's path through the server) and at 500.
//! - Memory per viewer: the server's RSS (`/proc/PID/status`) before and after the 500
//!   sockets open, divided by 500. Only the server's share: the viewers live in this process.
//! - Media (`bench_live_media.rs`): 1 then 500 viewers on a demo room's media socket.
//! - Flash sale (`bench_flash.rs`): 10 units, 200 concurrent buyers, exactly 10 sold.
//!
//! Viewers are blocking tungstenite sockets, one small thread each: this process is the
//! measuring instrument, so it stays simple (no runtime of its own in the numbers). Both
//! processes share the machine's cores, so the figures include this process's scheduling.

use std::net::TcpStream;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use api_types::{ClientEvent, GoLiveInput, LiveRoomDetail, ServerEvent};
use tungstenite::client::IntoClientRequest;
use tungstenite::http::HeaderValue;
use tungstenite::protocol::WebSocketConfig;
use tungstenite::{Message, WebSocket};

use crate::server::ServerGuard;
use crate::tools::{step, Result};

/// Viewers in the big room (issue 17's figure).
pub const VIEWERS: usize = 500;
/// Chat messages per measurement, and the pause between them: spaced so each message's
/// fan-out is measured alone, not queued behind the previous one.
const ROUNDS: usize = 20;
const ROUND_GAP: Duration = Duration::from_millis(100);
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

/// Everything `--live` measured, for the table and `cargo xtask bench`'s summary.
pub struct LiveFigures {
    pub fan_out_one: Spread,
    pub fan_out_all: Spread,
    pub kib_per_viewer: f64,
    pub media: Option<crate::bench_live_media::MediaFigures>,
    pub flash: crate::bench_flash::FlashFigures,
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
fn read_event(socket: &mut Socket) -> Result<(Instant, ServerEvent)> {
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

/// Opens the room's events socket and reads its `hello`.
fn watch(port: u16, room: i64, cookie: Option<&str>) -> Result<Socket> {
    let mut socket = open_socket(port, &format!("/api/v1/live/{room}/ws"), cookie)?;
    match next_event(&mut socket)? {
        ServerEvent::Hello { .. } => Ok(socket),
        other => Err(format!("the first frame was not hello: {other:?}")),
    }
}

/// What the host's chat of measurement `phase` starts with; the round's number follows.
fn round_prefix(phase: &str) -> String {
    format!("fan-out {phase} #")
}

/// A viewer's side of one measurement: the arrival time of every round's message.
fn receive_rounds(mut socket: Socket, phase: &'static str) -> Result<Vec<Instant>> {
    let prefix = round_prefix(phase);
    let mut arrived = vec![None; ROUNDS];
    let mut missing = ROUNDS;
    while missing > 0 {
        if let (at, ServerEvent::Chat { message }) = read_event(&mut socket)? {
            let round = message
                .text
                .strip_prefix(&prefix)
                .and_then(|n| n.parse().ok());
            if let Some(slot) = round.and_then(|r: usize| arrived.get_mut(r)) {
                if slot.is_none() {
                    *slot = Some(at);
                    missing -= 1;
                }
            }
        }
    }
    let _ = socket.close(None);
    let _ = socket.flush();
    Ok(arrived.into_iter().flatten().collect())
}

/// The host sends [`ROUNDS`] messages; every viewer times each one. Returns the spread of
/// (arrival at a viewer − sent), over all viewers and rounds.
fn fan_out(host: &mut Socket, viewers: Vec<Socket>, phase: &'static str) -> Result<Spread> {
    let readers = viewers
        .into_iter()
        .map(|socket| spawn_reader(move || receive_rounds(socket, phase)))
        .collect::<Result<Vec<_>>>()?;
    let mut sent = Vec::with_capacity(ROUNDS);
    for round in 0..ROUNDS {
        let text = format!("{}{round}", round_prefix(phase));
        let frame = serde_json::to_string(&ClientEvent::Chat { text: text.clone() })
            .map_err(|e| e.to_string())?;
        let now = Instant::now();
        host.send(Message::text(frame))
            .map_err(|e| format!("host's chat: {e}"))?;
        sent.push(now);
        // The host gets its own message back too: that is the server's acceptance (a
        // refusal, e.g. a rate limit, would come back as an error frame instead).
        loop {
            match next_event(host)? {
                ServerEvent::Chat { message } if message.text == text => break,
                ServerEvent::Error { code, message, .. } => {
                    return Err(format!("the host's chat was refused: {code:?}: {message}"));
                }
                _ => {}
            }
        }
        std::thread::sleep(ROUND_GAP);
    }
    let mut latencies = Vec::with_capacity(ROUNDS * readers.len());
    for reader in readers {
        let arrived = join(reader)?;
        latencies.extend(arrived.iter().zip(&sent).map(|(a, s)| a.duration_since(*s)));
    }
    Ok(Spread::of(latencies))
}

fn spread_line(label: &str, s: &Spread) -> String {
    format!(
        "    {label}: {} arrivals, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        s.samples, s.p50, s.p99, s.max
    )
}

/// The whole `--live` set on a running server; prints the table and returns the figures.
pub fn live_benchmarks(server: &ServerGuard) -> Result<LiveFigures> {
    let port = server.port;
    let started = Instant::now();
    step(&format!(
        "Live rooms: chat fan-out to 1 and {VIEWERS} viewers, memory per viewer"
    ));
    let host = crate::fixtures::bench_users(port, "host", 1)?
        .pop()
        .ok_or("no host")?;
    // The flash sale's product is listed from the start: a room's products are fixed when
    // it goes live.
    let product = crate::bench_flash::flash_product(port)?;
    let body = serde_json::to_value(GoLiveInput {
        title: "压测直播 Bench live".into(),
        product_ids: vec![product.id],
    })
    .map_err(|e| e.to_string())?;
    let reply = crate::http::send_json(port, "POST", "/api/v1/live", Some(&host), &body)?;
    if reply.status != 201 {
        return Err(format!("go live: HTTP {}: {}", reply.status, reply.text()));
    }
    let room: LiveRoomDetail = serde_json::from_slice(&reply.body).map_err(|e| e.to_string())?;
    let mut host_socket = watch(port, room.id, Some(&host))?;

    let fan_out_one = fan_out(&mut host_socket, vec![watch(port, room.id, None)?], "one")?;
    println!("{}", spread_line("1 viewer (baseline)", &fan_out_one));

    let pid = server.pid();
    let rss_before = proc_status_kib(pid, "VmRSS")?;
    let opening = Instant::now();
    let viewers = (0..VIEWERS)
        .map(|_| watch(port, room.id, None))
        .collect::<Result<Vec<_>>>()?;
    let opened = opening.elapsed();
    // Let the server's per-socket tasks settle (viewer-count ticks) before reading memory.
    std::thread::sleep(Duration::from_millis(1500));
    let rss_after = proc_status_kib(pid, "VmRSS")?;
    let kib_per_viewer = (rss_after as f64 - rss_before as f64) / VIEWERS as f64;
    println!(
        "    {VIEWERS} sockets opened (hello read) in {:.2} s; server RSS {:.1} → {:.1} MiB: {kib_per_viewer:.1} KiB per viewer",
        opened.as_secs_f64(),
        rss_before as f64 / 1024.0,
        rss_after as f64 / 1024.0,
    );
    let fan_out_all = fan_out(&mut host_socket, viewers, "all")?;
    println!(
        "{}",
        spread_line(&format!("{VIEWERS} viewers"), &fan_out_all)
    );

    let media = crate::bench_live_media::media_benchmark(server)?;
    let flash = crate::bench_flash::flash_sale(port, &host, &room, &product)?;
    let _ = host_socket.close(None);
    let _ = host_socket.flush();
    let figures = LiveFigures {
        fan_out_one,
        fan_out_all,
        kib_per_viewer,
        media,
        flash,
    };
    print_table(&figures);
    println!("    (--live took {:.0} s)", started.elapsed().as_secs_f64());
    Ok(figures)
}

fn print_table(f: &LiveFigures) {
    step("Live rooms: summary");
    let row = |what: &str, one: String, many: String| {
        println!("    {what:<34} {one:>16} {many:>18}");
    };
    row("", "1 viewer".into(), format!("{VIEWERS} viewers"));
    let ms = |v: f64| format!("{v:.2} ms");
    row(
        "chat fan-out p50",
        ms(f.fan_out_one.p50),
        ms(f.fan_out_all.p50),
    );
    row(
        "chat fan-out p99",
        ms(f.fan_out_one.p99),
        ms(f.fan_out_all.p99),
    );
    row(
        "chat fan-out max",
        ms(f.fan_out_one.max),
        ms(f.fan_out_all.max),
    );
    row(
        "server RSS per viewer (events)",
        "-".into(),
        format!("{:.1} KiB", f.kib_per_viewer),
    );
    if let Some(m) = &f.media {
        row(
            "media: server CPU",
            format!("{:.1} %", m.one.cpu_percent),
            format!("{:.1} %", m.all.cpu_percent),
        );
        row(
            "media: KB/s per viewer",
            format!("{:.0}", m.one.kb_per_sec_per_viewer),
            format!("{:.0}", m.all.kb_per_sec_per_viewer),
        );
        row(
            "media: server sends, MB/s",
            format!("{:.2}", m.one.total_mb_per_sec),
            format!("{:.1}", m.all.total_mb_per_sec),
        );
        row(
            "media: RSS per viewer",
            "-".into(),
            format!("{:.1} KiB", m.kib_per_viewer),
        );
    }
    let s = &f.flash;
    println!(
        "    flash sale: {} units, {} buyers at once: {} sold, {} refused ({}), stock left {}; order p50 {:.1} ms, p99 {:.1} ms, all answered in {:.2} s",
        s.units, s.buyers, s.sold, s.refused, s.refusal_codes, s.stock_left, s.orders.p50, s.orders.p99, s.wall.as_secs_f64()
    );
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
