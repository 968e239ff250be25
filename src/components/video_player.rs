//! A video note's player: the poster (with its placeholder colours) in a box sized from the
//! video before anything loads, a `<video>` over it (rendition picked by the box's size in
//! device pixels), controls of our own (play/pause, a seek slider with the time as text,
//! mute), keyboard shortcuts while it has focus, a retry on errors, and a callback once it
//! has really been watched for [`VIDEO_VIEW_AFTER_SECS`].
//!
//! Only the note page uses it, so its code stays in the `note` chunk and its styles in the
//! lazily loaded `style/video.css`. It is written lean on purpose: one listener reads the
//! element's state on any media event, one click handler serves every button (`data-act`),
//! and parts show and hide with `hidden` rather than as separate views.

use api_types::{NoteVideo, VideoRendition, VIDEO_VIEW_AFTER_SECS};
use leptos::html::{Div, Video};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::picture::Picture;
use crate::i18n::{msg, t, tf};

/// Seconds the arrow keys seek.
const SEEK_STEP: f64 = 5.0;
/// A jump in `currentTime` larger than this between two `timeupdate`s is a seek or a loop,
/// not watching.
const MAX_TICK: f64 = 1.5;
/// The media events the player follows.
const EVENTS: [&str; 9] = [
    "play",
    "pause",
    "playing",
    "waiting",
    "canplay",
    "volumechange",
    "loadedmetadata",
    "timeupdate",
    "error",
];
const PLAY_PATH: &str = "M6 3v18l15-9z";
const PAUSE_PATH: &str = "M7 4h3.5v16H7zM13.5 4H17v16h-3.5z";
const MUTED_PATH: &str = "M4 9h4l5-4v14l-5-4H4zM16 9.5l5 5M21 9.5l-5 5";
const SOUND_PATH: &str = "M4 9h4l5-4v14l-5-4H4zM16.5 8.5a5 5 0 010 7M19 6a8.5 8.5 0 010 12";

/// The rendition to load for a box of `box_w`x`box_h` CSS pixels: the smallest whose width
/// covers the picture's drawn width (the video is letterboxed in the box) in device pixels,
/// else the largest. `renditions` is smallest first.
pub fn pick_rendition(
    renditions: &[VideoRendition],
    video_w: u32,
    video_h: u32,
    box_w: f64,
    box_h: f64,
    dpr: f64,
) -> Option<&VideoRendition> {
    let (vw, vh) = (f64::from(video_w.max(1)), f64::from(video_h.max(1)));
    let scale = (box_w / vw).min(box_h / vh);
    let needed = vw * scale * dpr;
    renditions
        .iter()
        .find(|r| f64::from(r.width) + 0.5 >= needed)
        .or(renditions.last())
}

/// `m:ss` for a time in seconds.
fn clock(seconds: f64) -> String {
    let s = if seconds.is_finite() {
        seconds.max(0.0) as i64
    } else {
        0
    };
    format!("{}:{:02}", s / 60, s % 60)
}

/// Starts playing; a refusal (autoplay rules, or a pause before it began) leaves the player
/// paused with its play button, which is all the reader needs to see.
fn start(el: &web_sys::HtmlVideoElement) {
    if let Ok(promise) = el.play() {
        leptos::task::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}

/// Sets a signal only when the value changes (media events repeat the same state often).
fn put<T: PartialEq + Send + Sync + 'static>(s: RwSignal<T>, v: T) {
    if s.with_untracked(|old| *old != v) {
        s.set(v);
    }
}

#[component]
pub fn VideoPlayer(
    video: NoteVideo,
    #[prop(into)] title: String,
    /// Called once, after this long of actual playback ([`VIDEO_VIEW_AFTER_SECS`]).
    on_watched: Callback<()>,
) -> impl IntoView {
    let screen = NodeRef::<Video>::new();
    let root = NodeRef::<Div>::new();
    let duration = RwSignal::new(video.duration_ms as f64 / 1000.0);
    let current = RwSignal::new(0.0f64);
    let playing = RwSignal::new(false);
    let muted = RwSignal::new(false);
    let started = RwSignal::new(false);
    let waiting = RwSignal::new(false);
    let failed = RwSignal::new(false);
    // Muted autoplay on phones: the "Tap to unmute" button stays until sound is on.
    let autoplayed = RwSignal::new(false);
    // Watching, for the view: seconds of actual playback, and where the last tick was.
    let watched = StoredValue::new(0.0f64);
    let last_tick = StoredValue::new(0.0f64);
    let counted = StoredValue::new(false);
    let listener = StoredValue::new(None::<SendWrapper<js_sys::Function>>);

    // Everything the controls show is read from the element on its own events.
    let sync = move |e: web_sys::Event| {
        let Some(v) = screen.get_untracked() else {
            return;
        };
        put(playing, !v.paused());
        put(muted, v.muted());
        if !v.muted() {
            put(autoplayed, false);
        }
        let d = v.duration();
        if d.is_finite() && d > 0.0 {
            put(duration, d);
        }
        match e.type_().as_str() {
            "play" => put(started, true),
            "waiting" => put(waiting, true),
            "playing" | "canplay" => put(waiting, false),
            "error" => {
                put(failed, true);
                put(waiting, false);
            }
            "timeupdate" => {
                let now = v.current_time();
                put(current, now);
                let step = now - last_tick.get_value();
                last_tick.set_value(now);
                if step > 0.0 && step < MAX_TICK && !v.paused() {
                    watched.update_value(|w| *w += step);
                    if !counted.get_value()
                        && watched.get_value() >= f64::from(VIDEO_VIEW_AFTER_SECS)
                    {
                        counted.set_value(true);
                        on_watched.run(());
                    }
                }
            }
            _ => {}
        }
    };

    // Once the box exists: listen, pick the file for its size; narrow screens (the phone
    // sheet) start at once, muted.
    let renditions = video.renditions.clone();
    let (vw, vh) = (video.width, video.height);
    Effect::new(move |done: Option<()>| {
        if done.is_some() {
            return;
        }
        let (Some(el), Some(v)) = (root.get(), screen.get()) else {
            return;
        };
        let f: js_sys::Function = Closure::<dyn FnMut(web_sys::Event)>::new(sync)
            .into_js_value()
            .unchecked_into();
        for name in EVENTS {
            let _ = v.add_event_listener_with_callback(name, &f);
        }
        listener.set_value(Some(SendWrapper::new(f)));
        let w = window();
        let chosen = pick_rendition(
            &renditions,
            vw,
            vh,
            f64::from(el.client_width()),
            f64::from(el.client_height()),
            w.device_pixel_ratio().max(1.0),
        );
        if let Some(r) = chosen {
            v.set_src(&r.url);
        }
        let narrow = w
            .match_media("(max-width: 760px)")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches());
        if narrow {
            v.set_muted(true);
            autoplayed.set(true);
            start(&v);
        }
    });
    // Leaving the note stops the sound (and the download); no event reaches a gone player.
    on_cleanup(move || {
        if let Some(v) = screen.get_untracked() {
            if let Some(f) = listener.try_update_value(Option::take).flatten() {
                for name in EVENTS {
                    let _ = v.remove_event_listener_with_callback(name, &f);
                }
            }
            let _ = v.pause();
        }
    });

    let toggle_play = move || {
        if let Some(v) = screen.get_untracked() {
            if v.paused() {
                start(&v);
            } else {
                let _ = v.pause();
            }
        }
    };
    let toggle_mute = move || {
        if let Some(v) = screen.get_untracked() {
            v.set_muted(!v.muted());
        }
    };
    let seek_to = move |to: f64| {
        if !to.is_finite() {
            return;
        }
        if let Some(v) = screen.get_untracked() {
            let to = to.clamp(0.0, duration.get_untracked().max(0.0));
            v.set_current_time(to);
            current.set(to);
            last_tick.set_value(to);
        }
    };

    // Every button says what it does in `data-act`.
    let on_click = move |e: web_sys::MouseEvent| {
        let act = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("[data-act]").ok().flatten())
            .and_then(|el| el.get_attribute("data-act"));
        let Some(v) = screen.get_untracked() else {
            return;
        };
        match act.as_deref() {
            Some("play") => toggle_play(),
            Some("mute") => toggle_mute(),
            Some("unmute") => v.set_muted(false),
            Some("retry") => {
                failed.set(false);
                v.load();
                start(&v);
            }
            _ => {}
        }
    };
    let on_key = move |e: web_sys::KeyboardEvent| {
        let on_button = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlButtonElement>().ok())
            .is_some();
        match e.key().as_str() {
            // Space on a button presses that button.
            " " if on_button => return,
            " " | "k" | "K" => toggle_play(),
            "ArrowLeft" => seek_to(current.get_untracked() - SEEK_STEP),
            "ArrowRight" => seek_to(current.get_untracked() + SEEK_STEP),
            "m" | "M" => toggle_mute(),
            _ => return,
        }
        e.prevent_default();
        // The note's own arrow keys (its carousel) do not also act.
        e.stop_propagation();
    };

    let total = move || clock(duration.get().round());
    let poster = video.poster.clone();
    view! {
        <div class="vp" node_ref=root tabindex="0" role="group"
            aria-label=tf(msg::video::PLAYER_TITLE, &[("title", &title)])
            aria-roledescription=t(msg::video::VIDEO_PLAYER)
            on:keydown=on_key on:click=on_click>
            <Picture image=poster sizes=api_types::carousel_sizes() alt=title.clone() eager=true fit="contain" carousel=true/>
            <video class="vp-screen" node_ref=screen preload="metadata" playsinline="" loop="" aria-hidden="true" data-act="play"></video>
            <div class="vp-spinner" aria-hidden="true" hidden=move || !(waiting.get() && playing.get())></div>
            <button type="button" class="vp-big" data-act="play" aria-label=t(msg::video::PLAY)
                hidden=move || started.get() || playing.get()>
                <svg width="30" height="30" viewBox="0 0 24 24" aria-hidden="true"><path d=PLAY_PATH fill="currentColor"/></svg>
            </button>
            <button type="button" class="vp-unmute" data-act="unmute" hidden=move || !(autoplayed.get() && muted.get())>
                <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true"><path d=MUTED_PATH/></svg>
                {t(msg::video::TAP_TO_UNMUTE)}
            </button>
            <div class="vp-bar">
                <button type="button" class="vp-ctl" data-act="play"
                    aria-label=move || t(if playing.get() { msg::video::PAUSE } else { msg::video::PLAY })>
                    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true">
                        <path d=move || if playing.get() { PAUSE_PATH } else { PLAY_PATH } fill="currentColor"/>
                    </svg>
                </button>
                <input type="range" class="vp-seek" min="0" step="0.1"
                    max=move || crate::format::decimal(duration.get(), 1)
                    prop:value=move || crate::format::decimal(current.get(), 1)
                    aria-label=t(msg::video::SEEK)
                    aria-valuetext=move || tf(msg::video::TIME_OF, &[("current", &clock(current.get())), ("total", &total())])
                    on:input=move |e| {
                        // Read as a number by the browser: parsing or printing floats in Rust
                        // would pull their (large) code into the chunk.
                        if let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                            seek_to(input.value_as_number());
                        }
                    }/>
                <span class="vp-time" aria-hidden="true">{move || format!("{} / {}", clock(current.get()), total())}</span>
                <button type="button" class="vp-ctl" data-act="mute" aria-label=t(msg::video::MUTE)
                    aria-pressed=move || if muted.get() { "true" } else { "false" }>
                    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true">
                        <path d=move || if muted.get() { MUTED_PATH } else { SOUND_PATH }/>
                    </svg>
                </button>
            </div>
            <div class="vp-failed" role="alert" hidden=move || !failed.get()>
                <p>{t(msg::video::COULD_NOT_PLAY)}</p>
                <button type="button" class="vp-retry" data-act="retry">{t(msg::video::TRY_AGAIN)}</button>
            </div>
        </div>
    }
}
