//! A live room's video: Media Source Extensions fed by the room's media socket
//! (`api_types::live_media`: an init segment, then fMP4 fragments that each start with a
//! keyframe), and a replay's plain `<video>`.
//!
//! The `SourceBuffer` runs in `"sequence"` mode (a skipped fragment leaves no gap), appends
//! one message at a time (never while `updating`), drops what is far behind the playhead, and
//! jumps to the live edge when playback falls behind it (`buffer.rs`). It starts muted
//! (browsers allow only that without a tap), with a "Tap to unmute" button.
//!
//! iPhones (iOS 17.1+) have no `MediaSource`, only `ManagedMediaSource`: the same interface,
//! used when `MediaSource` is missing, which plays only with AirPlay off
//! (`disableRemotePlayback`) and says when it wants data (`startstreaming`) and when it has
//! enough (`endstreaming`: appends wait, the queue keeps the newest fragments).
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

use api_types::live_media::media_path;
use leptos::html::Video;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{BinaryType, HtmlVideoElement, MediaSource, MessageEvent, SourceBuffer, WebSocket};

use crate::i18n::{msg, t, tf};

mod buffer;

use buffer::{chase_edge, measure, pump, receive, Job};

/// Pause before the media socket is opened again after a drop.
const RECONNECT: Duration = Duration::from_millis(1500);

/// The `<video>` events the player follows.
const MEDIA_EVENTS: [&str; 5] = ["timeupdate", "playing", "pause", "waiting", "volumechange"];

/// A `ManagedMediaSource`'s handlers (set as properties: web-sys has no names for them).
const STREAMING_HANDLERS: [&str; 2] = ["onstartstreaming", "onendstreaming"];

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
    /// A `ManagedMediaSource` said it has enough (`endstreaming`): appends wait.
    held: bool,
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
    let source = new_media_source(&video)?;
    let url = web_sys::Url::create_object_url_with_source(&source)?;
    let on_open = Closure::<dyn FnMut(JsValue)>::new({
        let pipe = Rc::clone(pipe);
        move |_| open_socket(&pipe, room_id, ended)
    });
    source.set_onsourceopen(Some(on_open.as_ref().unchecked_ref()));
    // A ManagedMediaSource's wishes (a plain MediaSource never sends these).
    let on_streaming = Closure::<dyn FnMut(JsValue)>::new({
        let pipe = Rc::clone(pipe);
        move |e: JsValue| {
            let wants = e
                .dyn_ref::<web_sys::Event>()
                .is_some_and(|e| e.type_() == "startstreaming");
            pipe.borrow_mut().held = !wants;
            if wants {
                pump(&pipe);
            }
        }
    });
    for handler in STREAMING_HANDLERS {
        js_sys::Reflect::set(&source, &handler.into(), on_streaming.as_ref())?;
    }
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
    p.closures.push(on_streaming);
    p.media_listener = Some(on_media);
    Ok(())
}

/// A `MediaSource`, or where there is none (iPhone Safari) a `ManagedMediaSource`, which has
/// the same interface (web-sys has no binding for it: found and made through `Reflect`).
fn new_media_source(video: &HtmlVideoElement) -> Result<MediaSource, JsValue> {
    let global = js_sys::global();
    if js_sys::Reflect::get(&global, &"MediaSource".into())?.is_function() {
        return MediaSource::new();
    }
    let managed: js_sys::Function =
        js_sys::Reflect::get(&global, &"ManagedMediaSource".into())?.dyn_into()?;
    // Without this a ManagedMediaSource never opens (it must not be sent over AirPlay).
    js_sys::Reflect::set(video, &"disableRemotePlayback".into(), &JsValue::TRUE)?;
    Ok(js_sys::Reflect::construct(&managed, &js_sys::Array::new())?.unchecked_into())
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
        for handler in STREAMING_HANDLERS {
            let _ = js_sys::Reflect::set(&s, &handler.into(), &JsValue::NULL);
        }
    }
    p.queue.clear();
    p.marks.clear();
    p.closures.clear();
    p.socket_closures.clear();
}

/// An ended room's recording: a plain `<video>` with the browser's controls, reporting its
/// playhead and length (for the chat beside it).
#[component]
pub fn ReplayPlayer(
    #[prop(into)] src: String,
    #[prop(into)] title: String,
    /// The playhead in milliseconds (moves with playback and seeks).
    position_ms: RwSignal<i64>,
    /// The recording's length in milliseconds, once known.
    duration_ms: RwSignal<i64>,
) -> impl IntoView {
    let millis = |secs: f64| {
        if secs.is_finite() {
            (secs * 1000.0) as i64
        } else {
            0
        }
    };
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
                    position_ms.set(millis(event_target::<HtmlVideoElement>(&e).current_time()));
                }
                on:durationchange=move |e| {
                    duration_ms.set(millis(event_target::<HtmlVideoElement>(&e).duration()));
                }
            ></video>
        </div>
    }
}
