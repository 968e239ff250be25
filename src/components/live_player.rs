//! A live room's video: Media Source Extensions fed by the room's media socket
//! (`api_types::live_media`: an init segment, then fMP4 fragments that each start with a
//! keyframe), and a replay's plain `<video>`.
//!
//! The `SourceBuffer` runs in `"sequence"` mode (a skipped fragment leaves no gap), appends
//! one message at a time (never while `updating`), drops what is more than
//! [`KEEP_BEHIND_SECS`] behind the playhead, and jumps to the live edge when playback falls
//! more than [`MAX_BEHIND_SECS`] behind it. It starts muted (browsers allow only that without
//! a tap), with a "Tap to unmute" button.
//!
//! Latency: each fragment's `captured_at_ms` (the host's clock when its first frame was
//! filmed) is kept with the media time it starts at (the buffer's end when it is appended); once the playhead passes that
//! time, the frame on screen was filmed `captured_at + (playhead − start)` and the
//! glass-to-glass latency is now minus that. It is shown in a small badge and as
//! `data-latency-ms` on the player (read by the end-to-end test).

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use std::time::Duration;

use api_types::live_media::{media_path, MediaMessage, KIND_END, KIND_FRAGMENT, KIND_INIT};
use leptos::html::Video;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    BinaryType, HtmlVideoElement, MediaSource, MessageEvent, SourceBuffer, SourceBufferAppendMode,
    WebSocket,
};

use crate::i18n::{msg, t, tf};

/// Playback further than this behind the newest media jumps to it.
const MAX_BEHIND_SECS: f64 = 3.0;
/// Where a jump lands: this far before the newest media, so playback does not stall at once.
const EDGE_MARGIN_SECS: f64 = 0.6;
/// Media kept behind the playhead (the rest is removed from the buffer).
const KEEP_BEHIND_SECS: f64 = 20.0;
/// Messages waiting for the buffer beyond this mean the player cannot keep up: the oldest
/// fragments are dropped (the next one starts with a keyframe anyway).
const QUEUE_MAX: usize = 8;
/// Pause before the media socket is opened again after a drop.
const RECONNECT: Duration = Duration::from_millis(1500);

/// The `<video>` events the player follows.
const MEDIA_EVENTS: [&str; 5] = ["timeupdate", "playing", "pause", "waiting", "volumechange"];

/// What goes into the `SourceBuffer`, in order.
enum Job {
    Append {
        bytes: Vec<u8>,
        captured_at: Option<u64>,
    },
    Trim {
        end: f64,
    },
}

/// The player's moving parts, owned by the JS callbacks (one thread; never sent).
#[derive(Default)]
struct Pipe {
    video: Option<HtmlVideoElement>,
    source: Option<MediaSource>,
    buffer: Option<SourceBuffer>,
    mime: Option<String>,
    socket: Option<WebSocket>,
    queue: VecDeque<Job>,
    /// Fragments appended and not yet reached: (media time of their start, captured_at).
    marks: VecDeque<(f64, u64)>,
    closures: Vec<Closure<dyn FnMut(JsValue)>>,
    /// The `<video>`'s one listener, removed before it is dropped (the element outlives us).
    media_listener: Option<Closure<dyn FnMut(JsValue)>>,
    socket_closures: Vec<Closure<dyn FnMut(JsValue)>>,
    done: bool,
    object_url: Option<String>,
}

type Shared = Rc<RefCell<Pipe>>;

/// The live video of room `room_id`. `ended` is set when the stream says the room ended.
#[component]
pub fn LivePlayer(
    room_id: i64,
    #[prop(into)] title: String,
    ended: RwSignal<bool>,
) -> impl IntoView {
    let screen = NodeRef::<Video>::new();
    let latency = RwSignal::new(None::<i64>);
    let muted = RwSignal::new(true);
    let playing = RwSignal::new(false);
    let unsupported = RwSignal::new(false);
    let pipe: Shared = Rc::new(RefCell::new(Pipe::default()));

    let started = StoredValue::new(false);
    let setup_pipe = SendWrapper::new(Rc::clone(&pipe));
    Effect::new(move |_| {
        let Some(video) = screen.get() else { return };
        if started.get_value() {
            return;
        }
        started.set_value(true);
        let video: HtmlVideoElement = video;
        if start(&setup_pipe, video, room_id, latency, muted, playing, ended).is_err() {
            unsupported.set(true);
        }
    });
    let cleanup_pipe = SendWrapper::new(pipe);
    on_cleanup(move || stop(&cleanup_pipe));

    let unmute = move |_| {
        if let Some(v) = screen.get_untracked() {
            v.set_muted(false);
            muted.set(false);
            play(&v);
        }
    };
    let latency_text = move || {
        latency.get().map(|ms| {
            tf(
                msg::live::LATENCY,
                &[("seconds", &crate::format::decimal(ms as f64 / 1000.0, 1))],
            )
        })
    };
    view! {
        <div class="live-player" data-latency-ms=move || latency.get().map(|l| l.to_string())>
            <video
                node_ref=screen
                class="live-screen"
                muted=true
                autoplay=true
                playsinline=true
                aria-label=title
            ></video>
            <Show when=move || unsupported.get()>
                <p class="live-player-note" role="status">{t(msg::live::CANT_PLAY)}</p>
            </Show>
            <Show when=move || !playing.get() && !unsupported.get() && !ended.get()>
                <p class="live-player-note" role="status">{t(msg::live::CONNECTING)}</p>
            </Show>
            <Show when=move || muted.get() && playing.get()>
                <button type="button" class="live-unmute" on:click=unmute>
                    {t(msg::live::TAP_TO_UNMUTE)}
                </button>
            </Show>
            <span class="live-latency" aria-hidden="true">{latency_text}</span>
        </div>
    }
}

fn play(video: &HtmlVideoElement) {
    if let Ok(promise) = video.play() {
        leptos::task::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}

/// Makes the `MediaSource`, puts it in the `<video>`, and opens the socket once it is open.
fn start(
    pipe: &Shared,
    video: HtmlVideoElement,
    room_id: i64,
    latency: RwSignal<Option<i64>>,
    muted: RwSignal<bool>,
    playing: RwSignal<bool>,
    ended: RwSignal<bool>,
) -> Result<(), JsValue> {
    let source = MediaSource::new()?;
    let url = web_sys::Url::create_object_url_with_source(&source)?;
    let on_open = Closure::<dyn FnMut(JsValue)>::new({
        let pipe = Rc::clone(pipe);
        move |_| open_socket(&pipe, room_id, ended)
    });
    source.set_onsourceopen(Some(on_open.as_ref().unchecked_ref()));
    // One listener for the element's media events: the playhead moved or playback changed.
    let on_media = Closure::<dyn FnMut(JsValue)>::new({
        let pipe = Rc::clone(pipe);
        move |e: JsValue| {
            let kind = e
                .dyn_ref::<web_sys::Event>()
                .map(|e| e.type_())
                .unwrap_or_default();
            let p = pipe.borrow();
            let Some(v) = p.video.clone() else { return };
            drop(p);
            let _ = playing.try_set(!v.paused() && v.ready_state() >= 2);
            let _ = muted.try_set(v.muted());
            if kind == "timeupdate" {
                measure(&pipe, &v, latency);
                chase_edge(&pipe, &v);
            }
        }
    });
    for event in MEDIA_EVENTS {
        video.add_event_listener_with_callback(event, on_media.as_ref().unchecked_ref())?;
    }
    video.set_muted(true);
    video.set_src(&url);
    let mut p = pipe.borrow_mut();
    p.object_url = Some(url);
    p.video = Some(video);
    p.source = Some(source);
    p.closures.push(on_open);
    p.media_listener = Some(on_media);
    Ok(())
}

fn open_socket(pipe: &Shared, room_id: i64, ended: RwSignal<bool>) {
    if pipe.borrow().done {
        return;
    }
    let Some(ws) =
        crate::api::socket_url(&media_path(room_id)).and_then(|u| WebSocket::new(&u).ok())
    else {
        return;
    };
    ws.set_binary_type(BinaryType::Arraybuffer);
    let on_message = Closure::<dyn FnMut(JsValue)>::new({
        let pipe = Rc::clone(pipe);
        move |e: JsValue| {
            let Some(data) = e.dyn_ref::<MessageEvent>().map(|e| e.data()) else {
                return;
            };
            let bytes = js_sys::Uint8Array::new(&data).to_vec();
            receive(&pipe, &bytes, ended);
        }
    });
    let on_close = Closure::<dyn FnMut(JsValue)>::new({
        let pipe = SendWrapper::new(Rc::clone(pipe));
        move |_| {
            if pipe.borrow().done || ended.try_get_untracked().unwrap_or(true) {
                return;
            }
            // A dropped connection (not the end): the same buffer takes the new socket's
            // init segment and fragments ("sequence" mode joins them).
            let pipe = pipe.clone();
            set_timeout(move || open_socket(&pipe, room_id, ended), RECONNECT);
        }
    });
    ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    let mut p = pipe.borrow_mut();
    p.socket = Some(ws);
    p.socket_closures = vec![on_message, on_close];
}

/// One media message: the init segment makes (or feeds) the buffer, fragments queue up.
fn receive(pipe: &Shared, bytes: &[u8], ended: RwSignal<bool>) {
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
            let appends = p
                .queue
                .iter()
                .filter(|j| {
                    matches!(
                        j,
                        Job::Append {
                            captured_at: Some(_),
                            ..
                        }
                    )
                })
                .count();
            if appends >= QUEUE_MAX {
                // Behind: drop the oldest waiting fragment (each one starts with a keyframe).
                if let Some(at) = p.queue.iter().position(|j| {
                    matches!(
                        j,
                        Job::Append {
                            captured_at: Some(_),
                            ..
                        }
                    )
                }) {
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
fn ensure_buffer(pipe: &Shared, mime: &str) -> bool {
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
fn pump(pipe: &Shared) {
    let mut p = pipe.borrow_mut();
    let Some(buffer) = p.buffer.clone() else {
        return;
    };
    if buffer.updating() {
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
        play(v);
    }
}

/// Jumps to the live edge when playback lags more than [`MAX_BEHIND_SECS`] behind it.
fn chase_edge(pipe: &Shared, v: &HtmlVideoElement) {
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
fn measure(pipe: &Shared, v: &HtmlVideoElement, latency: RwSignal<Option<i64>>) {
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

/// Stops everything: socket, buffer, object URL, callbacks.
fn stop(pipe: &Shared) {
    let mut p = pipe.borrow_mut();
    p.done = true;
    if let Some(ws) = p.socket.take() {
        ws.set_onmessage(None);
        ws.set_onclose(None);
        let _ = ws.close();
    }
    if let Some(v) = p.video.take() {
        if let Some(listener) = p.media_listener.take() {
            for event in MEDIA_EVENTS {
                let _ =
                    v.remove_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
            }
        }
        let _ = v.pause();
        v.remove_attribute("src").ok();
        v.load();
    }
    if let Some(url) = p.object_url.take() {
        let _ = web_sys::Url::revoke_object_url(&url);
    }
    if let Some(b) = p.buffer.take() {
        b.set_onupdateend(None);
    }
    if let Some(s) = p.source.take() {
        s.set_onsourceopen(None);
    }
    p.queue.clear();
    p.marks.clear();
    p.closures.clear();
    p.socket_closures.clear();
}

/// An ended room's recording: a plain `<video>` with the browser's controls.
#[component]
pub fn ReplayPlayer(
    #[prop(into)] src: String,
    #[prop(into)] title: String,
    /// The playhead in milliseconds, for chat shown in step with the recording.
    position_ms: RwSignal<i64>,
) -> impl IntoView {
    view! {
        <div class="live-player is-replay">
            <video
                class="live-screen"
                src=src
                controls=true
                playsinline=true
                preload="metadata"
                aria-label=title
                on:timeupdate=move |e| {
                    let t = event_target::<HtmlVideoElement>(&e).current_time();
                    position_ms.set((t * 1000.0) as i64);
                }
            ></video>
        </div>
    }
}
