//! One room's stream in memory: its init segment, the fragments since the newest keyframe
//! (for viewers who join), a bounded broadcast of what comes next, the room's recording, and
//! which source (an ingest socket or the demo loop) may publish.

use std::sync::atomic::{AtomicI64, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use api_types::live_media::{encode_init, encode_message, HEADER_LEN, KIND_FRAGMENT};
use axum::body::Bytes;
use tokio::sync::{broadcast, watch};

use super::fmp4::{FragmentInfo, InitInfo};
use super::record::Recorder;

/// Fragments a viewer may fall behind (~1 s each) before it skips to the newest: for live,
/// being current beats being complete. The queue is shared by all viewers, so memory per
/// room stays a few fragments however many viewers are slow.
pub const QUEUE_FRAGMENTS: usize = 4;
/// Fragments kept for joiners beyond the newest keyframe's (all of ours start with one).
const BACKLOG_MAX: usize = 8;

/// What viewers are sent, each already framed once for all of them.
#[derive(Clone, Debug)]
pub enum Event {
    /// The stream's format (changed).
    Init(Bytes),
    Fragment(Arc<Fragment>),
    /// The room ended.
    End,
}

#[derive(Debug)]
pub struct Fragment {
    /// The framed message ([`KIND_FRAGMENT`], capture time, `moof`+`mdat`).
    pub message: Bytes,
    pub is_key: bool,
    pub captured_at_ms: u64,
    /// Length of its main track, in seconds.
    pub duration_secs: f64,
}

/// What a joining viewer gets: the init message (if the stream has begun), the fragments
/// since the newest keyframe, and the receiver of everything after them.
pub type Joined = (
    Option<Bytes>,
    Vec<Arc<Fragment>>,
    broadcast::Receiver<Event>,
);

/// When a fragment was captured.
#[derive(Clone, Copy, Debug)]
pub enum Clock {
    /// Now (a demo loop "captures" as it sends).
    Now,
    /// This Unix time in ms was media time 0 of the source (an ingest's recording start).
    Since(i64),
}

/// A source's right to publish: taken by [`MediaChannel::claim`], lost when another source
/// claims the room or it ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SourceId(u64);

/// Why a source must stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    Replaced,
    Ended,
}

const ENDED: u64 = u64::MAX;

struct Inner {
    init: Option<(InitInfo, Vec<u8>, Bytes)>,
    /// The newest keyframe fragment and those after it.
    backlog: Vec<Arc<Fragment>>,
    /// End of everything published, in seconds of the room's timeline.
    timeline_end: f64,
    /// Seconds added to the current run's own times (`None`: set by the run's first fragment).
    run_offset: Option<f64>,
    recorder: Option<Recorder>,
}

pub struct MediaChannel {
    pub room_id: i64,
    inner: Mutex<Inner>,
    tx: broadcast::Sender<Event>,
    /// The source allowed to publish ([`ENDED`] once the room ended).
    source: watch::Sender<u64>,
    next_source: AtomicU64,
    pub viewers: AtomicUsize,
    /// Fragments skipped by viewers that fell behind, over the room's life.
    pub skipped: AtomicU64,
    /// Unix ms when the host last showed up (an ingest connecting, a chunk of media): a room
    /// whose host is gone longer than the grace period ends (`live::ending`).
    fed_at_ms: AtomicI64,
}

impl MediaChannel {
    pub fn new(room_id: i64, recorder: Option<Recorder>) -> Self {
        MediaChannel {
            room_id,
            inner: Mutex::new(Inner {
                init: None,
                backlog: Vec::new(),
                timeline_end: 0.0,
                run_offset: None,
                recorder,
            }),
            tx: broadcast::channel(QUEUE_FRAGMENTS).0,
            source: watch::channel(0).0,
            next_source: AtomicU64::new(1),
            viewers: AtomicUsize::new(0),
            skipped: AtomicU64::new(0),
            fed_at_ms: AtomicI64::new(0),
        }
    }

    /// The host is here now (a socket connected, media arrived).
    pub fn fed(&self) {
        self.fed_at_ms.store(now_ms(), Ordering::Relaxed);
    }

    /// Unix ms when the host was last here (0: never, in this process).
    pub fn fed_at_ms(&self) -> i64 {
        self.fed_at_ms.load(Ordering::Relaxed)
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves plain data behind: keep going.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Makes a new source the one that publishes (the previous one is told [`Stop::Replaced`]),
    /// or `None` once the room ended. Its output is a new run: its times are moved to follow on.
    pub fn claim(&self) -> Option<(SourceId, watch::Receiver<u64>)> {
        let id = self.next_source.fetch_add(1, Ordering::Relaxed);
        let mut claimed = false;
        self.source.send_if_modified(|current| {
            if *current == ENDED {
                return false;
            }
            *current = id;
            claimed = true;
            true
        });
        if !claimed {
            return None;
        }
        self.fed();
        self.lock().run_offset = None;
        Some((SourceId(id), self.source.subscribe()))
    }

    /// Why `source` must stop, if it must.
    pub fn stop_reason(&self, source: SourceId) -> Option<Stop> {
        match *self.source.borrow() {
            ENDED => Some(Stop::Ended),
            current if current != source.0 => Some(Stop::Replaced),
            _ => None,
        }
    }

    /// Starts a new run of `source`'s fragments (a demo loop's next lap).
    pub fn new_run(&self, source: SourceId) {
        let mut inner = self.lock();
        if self.stop_reason(source).is_none() {
            inner.run_offset = None;
        }
    }

    /// The stream's format. Viewers hear of it when it differs from the one they have.
    pub fn set_init(&self, source: SourceId, raw: Vec<u8>) -> Result<(), String> {
        let info = InitInfo::parse(&raw).map_err(|e| e.to_string())?;
        let mut inner = self.lock();
        if self.stop_reason(source).is_some() {
            return Ok(());
        }
        if let Some(recorder) = inner.recorder.as_mut() {
            recorder.init(&raw);
        }
        if inner.init.as_ref().is_some_and(|(_, old, _)| *old == raw) {
            return Ok(());
        }
        let message = Bytes::from(encode_init(&info.mime(), &raw));
        inner.backlog.clear();
        inner.init = Some((info, raw, message.clone()));
        let _ = self.tx.send(Event::Init(message));
        Ok(())
    }

    /// Moves `raw` onto the room's timeline, frames it, records it and sends it to viewers.
    /// Returns the fragment's length in seconds (0 if `source` no longer publishes).
    pub fn publish(&self, source: SourceId, mut raw: Vec<u8>, clock: Clock) -> Result<f64, String> {
        let mut inner = self.lock();
        if self.stop_reason(source).is_some() {
            return Ok(0.0);
        }
        let Some(info) = inner.init.as_ref().map(|(info, _, _)| info.clone()) else {
            return Err("a fragment before the init segment".into());
        };
        let info = &info;
        let parsed = FragmentInfo::parse(&raw, info).map_err(|e| e.to_string())?;
        let secs = |track: u32, ticks: u64| {
            info.track(track)
                .map_or(0.0, |t| ticks as f64 / f64::from(t.timescale))
        };
        // One offset in seconds for all tracks keeps them in sync: a run starts where the
        // longest track of the previous one ended (like MSE's "sequence" mode).
        let run_start = parsed
            .runs
            .iter()
            .map(|r| secs(r.track_id, r.start))
            .fold(f64::INFINITY, f64::min);
        let next_run = inner.timeline_end - run_start;
        let offset = *inner.run_offset.get_or_insert(next_run);
        let timescales: Vec<(u32, u32)> = info.tracks.iter().map(|t| (t.id, t.timescale)).collect();
        super::fmp4::rewrite_starts(&mut raw, |track, start| {
            let scale = timescales.iter().find(|t| t.0 == track).map_or(1, |t| t.1);
            (start as f64 + offset * f64::from(scale)).round().max(0.0) as u64
        })
        .map_err(|e| e.to_string())?;
        let end = parsed
            .runs
            .iter()
            .map(|r| secs(r.track_id, r.start + r.duration) + offset)
            .fold(inner.timeline_end, f64::max);
        inner.timeline_end = end;
        let main = parsed.main_run(info);
        let duration_secs = secs(main.track_id, main.duration);
        let captured_at_ms = match clock {
            Clock::Now => now_ms(),
            Clock::Since(start) => (start as f64 + secs(main.track_id, main.start) * 1000.0) as i64,
        }
        .max(0) as u64;
        let is_key = parsed.is_key(info);
        let message = Bytes::from(encode_message(KIND_FRAGMENT, captured_at_ms, &[&raw]));
        if let Some(recorder) = inner.recorder.as_mut() {
            recorder.fragment(message.slice(HEADER_LEN..));
        }
        let fragment = Arc::new(Fragment {
            message,
            is_key,
            captured_at_ms,
            duration_secs,
        });
        if is_key || inner.backlog.len() >= BACKLOG_MAX {
            inner.backlog.clear();
        }
        inner.backlog.push(Arc::clone(&fragment));
        let _ = self.tx.send(Event::Fragment(fragment));
        Ok(duration_secs)
    }

    /// What a joining viewer is sent first (the format, the fragments since the newest
    /// keyframe) and the receiver of what follows, taken together so nothing is missed or
    /// doubled; `None` once the room ended.
    pub fn join(&self) -> Option<Joined> {
        let inner = self.lock();
        if *self.source.borrow() == ENDED {
            return None;
        }
        let init = inner.init.as_ref().map(|(_, _, m)| m.clone());
        Some((init, inner.backlog.clone(), self.tx.subscribe()))
    }

    /// Ends the room: sources stop, viewers are told, and the recording (if any) is handed
    /// back to be finished.
    pub fn end(&self) -> Option<Recorder> {
        let mut inner = self.lock();
        self.source.send_replace(ENDED);
        let _ = self.tx.send(Event::End);
        inner.backlog.clear();
        inner.recorder.take()
    }

    /// Seconds of media published so far.
    pub fn timeline_secs(&self) -> f64 {
        self.lock().timeline_end
    }
}

/// Unix time in milliseconds.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}
