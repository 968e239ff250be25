//! The player's side of the `SourceBuffer`: the queue of appends and trims (one at a time,
//! never while `updating`), the first play, the jump to the live edge and the latency of the
//! frame on screen. The socket and the element's life are `mod.rs`'s.

use std::rc::Rc;

use api_types::live_media::{MediaMessage, KIND_END, KIND_FRAGMENT, KIND_INIT};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlVideoElement, SourceBufferAppendMode};

use super::Shared;

/// Playback further than this behind the newest media jumps to it.
const MAX_BEHIND_SECS: f64 = 3.0;
/// Where a jump lands: this far before the newest media, so playback does not stall at once.
const EDGE_MARGIN_SECS: f64 = 0.6;
/// Media kept behind the playhead (the rest is removed from the buffer).
const KEEP_BEHIND_SECS: f64 = 20.0;
/// Messages waiting for the buffer beyond this mean the player cannot keep up: the oldest
/// fragments are dropped (the next one starts with a keyframe anyway).
const QUEUE_MAX: usize = 8;

/// What goes into the `SourceBuffer`, in order.
pub(super) enum Job {
    Append {
        bytes: Vec<u8>,
        captured_at: Option<u64>,
    },
    Trim {
        end: f64,
    },
}

impl Job {
    /// A fragment (not the init segment, not a trim).
    fn is_fragment(&self) -> bool {
        matches!(
            self,
            Job::Append {
                captured_at: Some(_),
                ..
            }
        )
    }
}

/// One media message: the init segment makes (or feeds) the buffer, fragments queue up.
pub(super) fn receive(pipe: &Shared, bytes: &[u8], ended: RwSignal<bool>) {
    let Some(message) = MediaMessage::parse(bytes) else {
        return;
    };
    match message.kind {
        KIND_INIT => {
            let Some((mime, init)) = message.init_parts() else {
                return;
            };
            if !ensure_buffer(pipe, mime) {
                return;
            }
            let mut p = pipe.borrow_mut();
            // Fragments of the old format are of no use once a new init arrives.
            p.queue.retain(|job| matches!(job, Job::Trim { .. }));
            p.queue.push_back(Job::Append {
                bytes: init.to_vec(),
                captured_at: None,
            });
        }
        KIND_FRAGMENT => {
            let mut p = pipe.borrow_mut();
            if p.buffer.is_none() {
                return;
            }
            if p.queue.iter().filter(|j| j.is_fragment()).count() >= QUEUE_MAX {
                // Behind: drop the oldest waiting fragment (each one starts with a keyframe).
                if let Some(at) = p.queue.iter().position(Job::is_fragment) {
                    p.queue.remove(at);
                }
            }
            p.queue.push_back(Job::Append {
                bytes: message.payload.to_vec(),
                captured_at: Some(message.captured_at_ms),
            });
        }
        KIND_END => {
            let _ = ended.try_set(true);
            return;
        }
        _ => return,
    }
    pump(pipe);
}

/// The `SourceBuffer` for `mime`, made on the first init segment; false if the browser
/// cannot play it.
pub(super) fn ensure_buffer(pipe: &Shared, mime: &str) -> bool {
    let mut p = pipe.borrow_mut();
    if p.buffer.is_some() {
        if p.mime.as_deref() != Some(mime) {
            if let Some(b) = &p.buffer {
                // A new format in the same buffer (Chromium and Firefox allow the switch).
                let _ = b.change_type(mime);
            }
            p.mime = Some(mime.to_string());
        }
        return true;
    }
    let Some(source) = p.source.clone() else {
        return false;
    };
    let Ok(buffer) = source.add_source_buffer(mime) else {
        return false;
    };
    buffer.set_mode(SourceBufferAppendMode::Sequence);
    let on_update_end = Closure::<dyn FnMut(JsValue)>::new({
        let pipe = Rc::clone(pipe);
        move |_| {
            start_playing(&pipe);
            pump(&pipe);
        }
    });
    buffer.set_onupdateend(Some(on_update_end.as_ref().unchecked_ref()));
    p.closures.push(on_update_end);
    p.buffer = Some(buffer);
    p.mime = Some(mime.to_string());
    true
}

/// Feeds the next job to the buffer unless it is busy.
pub(super) fn pump(pipe: &Shared) {
    let mut p = pipe.borrow_mut();
    let Some(buffer) = p.buffer.clone() else {
        return;
    };
    if buffer.updating() || p.held {
        return;
    }
    // Trim now and then: media well behind the playhead only costs memory.
    if let Some(v) = &p.video {
        let now = v.current_time();
        let ranges = buffer.buffered().ok();
        let first = ranges
            .as_ref()
            .filter(|r| r.length() > 0)
            .and_then(|r| r.start(0).ok());
        if let Some(first) = first {
            if now - first > KEEP_BEHIND_SECS * 1.5 {
                p.queue.push_front(Job::Trim {
                    end: now - KEEP_BEHIND_SECS,
                });
            }
        }
    }
    let Some(job) = p.queue.pop_front() else {
        return;
    };
    match job {
        Job::Append {
            mut bytes,
            captured_at,
        } => {
            // The stream is continuous, so a fragment starts where the buffer ends now.
            // (`timestampOffset` is no guide: "sequence" mode moves it only at the first frame.)
            let start = buffer
                .buffered()
                .ok()
                .filter(|r| r.length() > 0)
                .and_then(|r| r.end(r.length() - 1).ok())
                .unwrap_or(0.0);
            if buffer.append_buffer_with_u8_array(&mut bytes).is_ok() {
                if let Some(at) = captured_at {
                    p.marks.push_back((start, at));
                }
            } else {
                // QuotaExceeded or a decode error: start over from the next keyframe.
                p.marks.clear();
            }
        }
        Job::Trim { end } => {
            if end > 0.0 {
                let _ = buffer.remove(0.0, end);
            }
        }
    }
}

/// Starts playback at the first media, from its beginning.
fn start_playing(pipe: &Shared) {
    let p = pipe.borrow();
    let (Some(v), Some(b)) = (&p.video, &p.buffer) else {
        return;
    };
    if !v.paused() {
        return;
    }
    if let Some(start) = b
        .buffered()
        .ok()
        .filter(|r| r.length() > 0)
        .and_then(|r| r.start(0).ok())
    {
        if v.current_time() < start {
            v.set_current_time(start);
        }
        super::play(v);
    }
}

/// Jumps to the live edge when playback lags more than [`MAX_BEHIND_SECS`] behind it.
pub(super) fn chase_edge(pipe: &Shared, v: &HtmlVideoElement) {
    let p = pipe.borrow();
    let Some(b) = &p.buffer else { return };
    let Some(ranges) = b.buffered().ok().filter(|r| r.length() > 0) else {
        return;
    };
    let Ok(edge) = ranges.end(ranges.length() - 1) else {
        return;
    };
    if edge - v.current_time() > MAX_BEHIND_SECS {
        v.set_current_time(edge - EDGE_MARGIN_SECS);
    }
}

/// The latency of the frame on screen, from the last fragment the playhead has reached.
pub(super) fn measure(pipe: &Shared, v: &HtmlVideoElement, latency: RwSignal<Option<i64>>) {
    let now = v.current_time();
    let mut p = pipe.borrow_mut();
    let mut reached = None;
    while let Some(&(start, at)) = p.marks.front() {
        if start > now {
            break;
        }
        reached = Some((start, at));
        p.marks.pop_front();
    }
    let Some((start, at)) = reached else { return };
    // Keep the reached mark: the next timeupdate inside the same fragment measures from it.
    p.marks.push_front((start, at));
    let filmed = at as f64 + (now - start) * 1000.0;
    let ms = (js_sys::Date::now() - filmed).round() as i64;
    let _ = latency.try_set(Some(ms.max(0)));
}
