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

use std::time::{Duration, Instant};

use api_types::{ClientEvent, GoLiveInput, LiveRoomDetail, ServerEvent};
use tungstenite::Message;

use crate::live_sockets::{
    join, next_event, open_socket, proc_status_kib, read_event, spawn_reader, Socket, Spread,
    VIEWERS,
};
use crate::server::ServerGuard;
use crate::tools::{step, Result};

/// Chat messages per measurement, and the pause between them: spaced so each message's
/// fan-out is measured alone, not queued behind the previous one.
const ROUNDS: usize = 20;
const ROUND_GAP: Duration = Duration::from_millis(100);
/// Everything `--live` measured, for the table and `cargo xtask bench`'s summary.
pub struct LiveFigures {
    pub fan_out_one: Spread,
    pub fan_out_all: Spread,
    pub kib_per_viewer: f64,
    pub media: Option<crate::bench_live_media::MediaFigures>,
    pub flash: crate::bench_flash::FlashFigures,
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
