//! `--live`'s media part: viewers on a demo room's media socket (`/api/v1/live/{id}/media`,
//! binary `[kind][captured_at_ms][payload]` messages, `api_types::live_media`). The demo
//! room plays a looped clip in real time, so the server's work is pure fan-out: measured as
//! its CPU use (`/proc/PID/stat`) and the bytes every viewer receives, at 1 viewer and at
//! [`VIEWERS`], plus the server's RSS per media viewer.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use api_types::live_media::{media_path, MediaMessage, KIND_FRAGMENT};
use tungstenite::Message;

use crate::live_sockets::{join, open_socket, proc_status_kib, spawn_reader, Socket, VIEWERS};
use crate::server::ServerGuard;
use crate::tools::{step, Result};

/// How long each measurement counts bytes and CPU time (after a settling second).
const WINDOW: Duration = Duration::from_secs(4);
/// A fresh data directory makes the demo clip with FFmpeg at start-up: give it this long.
const FIRST_FRAGMENT_WITHIN: Duration = Duration::from_secs(60);
/// Linux's `USER_HZ`: the unit of `/proc/PID/stat`'s CPU times on every common platform.
const TICKS_PER_SEC: f64 = 100.0;

/// One measurement window.
#[derive(Clone, Copy, Debug)]
pub struct MediaWindow {
    /// Of one core (200 % is both cores of a 2-core machine).
    pub cpu_percent: f64,
    pub kb_per_sec_per_viewer: f64,
    pub total_mb_per_sec: f64,
    /// Fewest fragments any viewer got in the window.
    pub min_fragments: u64,
}

pub struct MediaFigures {
    pub one: MediaWindow,
    pub all: MediaWindow,
    pub kib_per_viewer: f64,
}

/// The server's CPU time so far (user + system), in seconds.
fn cpu_seconds(pid: u32) -> Result<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map_err(|e| format!("/proc/{pid}/stat: {e}"))?;
    stat_cpu_ticks(&stat)
        .map(|ticks| ticks as f64 / TICKS_PER_SEC)
        .ok_or_else(|| format!("unexpected /proc/{pid}/stat: {stat}"))
}

/// utime + stime of a `/proc/PID/stat` line. They are fields 14 and 15; counting starts
/// after the command name's closing parenthesis, as the name may hold spaces and ')'.
fn stat_cpu_ticks(stat: &str) -> Option<u64> {
    let (_, rest) = stat.rsplit_once(')')?;
    let mut fields = rest.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some(user + system)
}

/// A read that only ran into the socket's read timeout (nothing arrived yet).
fn read_timed_out(e: &tungstenite::Error) -> bool {
    matches!(e, tungstenite::Error::Io(e) if matches!(
        e.kind(),
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
    ))
}

/// The first live demo room (the server plays it whether or not anyone watches).
fn demo_room(port: u16) -> Result<Option<i64>> {
    let page = crate::http::get_json(port, "/api/v1/live?limit=50")?;
    Ok(page["items"].as_array().and_then(|rooms| {
        rooms
            .iter()
            .find(|r| r["is_demo"] == true && r["status"] == "live")
            .and_then(|r| r["id"].as_i64())
    }))
}

/// What all viewers received, shared with their threads.
#[derive(Default)]
struct Tally {
    bytes: AtomicU64,
    stop: AtomicBool,
}

/// A viewer: counts bytes until told to stop; returns its fragment arrival times.
fn watch(mut socket: Socket, tally: Arc<Tally>) -> Result<Vec<Instant>> {
    // Short reads so the stop flag is seen soon after it is set.
    socket
        .get_mut()
        .set_read_timeout(Some(Duration::from_millis(500)))
        .map_err(|e| e.to_string())?;
    let mut fragments = Vec::new();
    while !tally.stop.load(Ordering::Relaxed) {
        match socket.read() {
            Ok(Message::Binary(data)) => {
                tally.bytes.fetch_add(data.len() as u64, Ordering::Relaxed);
                if MediaMessage::parse(&data).is_some_and(|m| m.kind == KIND_FRAGMENT) {
                    fragments.push(Instant::now());
                }
            }
            Ok(Message::Close(frame)) => return Err(format!("media socket closed: {frame:?}")),
            Ok(_) => {}
            Err(e) if read_timed_out(&e) => {}
            Err(e) => return Err(format!("media socket: {e}")),
        }
    }
    let _ = socket.close(None);
    let _ = socket.flush();
    Ok(fragments)
}

/// Opens `n` viewers, lets them settle, then measures one [`WINDOW`]. Returns the window and
/// the server's RSS growth in KiB while they opened.
fn measure(server: &ServerGuard, room: i64, n: usize) -> Result<(MediaWindow, f64)> {
    let pid = server.pid();
    let rss_before = proc_status_kib(pid, "VmRSS")?;
    let tally = Arc::new(Tally::default());
    let mut readers = Vec::with_capacity(n);
    for _ in 0..n {
        let socket = open_socket(server.port, &media_path(room), None)?;
        let tally = Arc::clone(&tally);
        readers.push(spawn_reader(move || watch(socket, tally))?);
    }
    std::thread::sleep(Duration::from_secs(1));
    let rss_after = proc_status_kib(pid, "VmRSS")?;
    let (bytes_0, cpu_0, start) = (
        tally.bytes.load(Ordering::Relaxed),
        cpu_seconds(pid)?,
        Instant::now(),
    );
    std::thread::sleep(WINDOW);
    let (bytes_1, cpu_1, end) = (
        tally.bytes.load(Ordering::Relaxed),
        cpu_seconds(pid)?,
        Instant::now(),
    );
    tally.stop.store(true, Ordering::Relaxed);
    let mut min_fragments = u64::MAX;
    for reader in readers {
        let got = join(reader)?;
        let in_window = got.iter().filter(|t| **t >= start && **t <= end).count();
        min_fragments = min_fragments.min(in_window as u64);
    }
    let secs = end.duration_since(start).as_secs_f64();
    let bytes = (bytes_1 - bytes_0) as f64;
    let window = MediaWindow {
        cpu_percent: (cpu_1 - cpu_0) / secs * 100.0,
        kb_per_sec_per_viewer: bytes / secs / n as f64 / 1000.0,
        total_mb_per_sec: bytes / secs / 1e6,
        min_fragments,
    };
    Ok((window, rss_after as f64 - rss_before as f64))
}

/// Waits until the demo room's stream is flowing (its clip may still be in the making).
fn wait_for_stream(port: u16, room: i64) -> Result<bool> {
    let mut socket = open_socket(port, &media_path(room), None)?;
    let started = Instant::now();
    while started.elapsed() < FIRST_FRAGMENT_WITHIN {
        match socket.read() {
            Ok(Message::Binary(data))
                if MediaMessage::parse(&data).is_some_and(|m| m.kind == KIND_FRAGMENT) =>
            {
                let _ = socket.close(None);
                let _ = socket.flush();
                return Ok(true);
            }
            Ok(Message::Close(_)) => return Ok(false),
            Ok(_) => {}
            Err(e) if read_timed_out(&e) => {}
            Err(e) => return Err(format!("media socket: {e}")),
        }
    }
    Ok(false)
}

/// The media figures, or `None` (said why) when this server plays no demo stream.
pub fn media_benchmark(server: &ServerGuard) -> Result<Option<MediaFigures>> {
    step(&format!(
        "Live media: a demo room's stream to 1 and {VIEWERS} viewers ({} s windows)",
        WINDOW.as_secs()
    ));
    let Some(room) = demo_room(server.port)? else {
        println!("    skipped: no live demo room (seeded without the demo world?)");
        return Ok(None);
    };
    if !wait_for_stream(server.port, room)? {
        println!("    skipped: demo room {room} sent no fragment (is FFmpeg installed?)");
        return Ok(None);
    }
    let (one, _) = measure(server, room, 1)?;
    let (all, rss_kib) = measure(server, room, VIEWERS)?;
    for (n, w) in [(1, &one), (VIEWERS, &all)] {
        println!(
            "    {n} viewer(s): server CPU {:.1} % of a core, {:.0} KB/s per viewer, {:.2} MB/s sent, every viewer got ≥ {} fragments",
            w.cpu_percent, w.kb_per_sec_per_viewer, w.total_mb_per_sec, w.min_fragments
        );
    }
    if all.min_fragments == 0 {
        return Err(format!(
            "a media viewer of {VIEWERS} got no fragment in {} s",
            WINDOW.as_secs()
        ));
    }
    let kib_per_viewer = rss_kib / VIEWERS as f64;
    println!("    server RSS per media viewer: {kib_per_viewer:.1} KiB");
    Ok(Some(MediaFigures {
        one,
        all,
        kib_per_viewer,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_time_is_utime_plus_stime_even_with_a_strange_command_name() {
        let stat = "4242 (zc server) x) S 1 4242 4242 0 -1 4194560 9270 0 0 0 1234 567 0 0 20 0 \
                    30 0 123456 1000000 50000";
        assert_eq!(stat_cpu_ticks(stat), Some(1234 + 567));
        assert_eq!(stat_cpu_ticks("4242 (zhongcao-server) S 1 2"), None);
        assert_eq!(stat_cpu_ticks("no parenthesis"), None);
    }
}
