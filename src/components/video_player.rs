//! A video note's player: the poster (with its placeholder colours) in a box sized from the
//! video before anything loads, a `<video>` over it (rendition picked by the box's size in
//! device pixels), controls of our own (play/pause, a seek slider with the time as text,
//! mute), keyboard shortcuts while it has focus, a retry on errors, and a callback once it
//! has really been watched for [`VIDEO_VIEW_AFTER_SECS`].
//!
//! Only the note page uses it, so its code stays in the `note` chunk.

use api_types::{NoteVideo, VideoRendition, VIDEO_VIEW_AFTER_SECS};
use leptos::html::{Div, Video};
use leptos::prelude::*;
use stylers_macro::style;
use wasm_bindgen::JsCast;

use super::picture::Picture;
use crate::i18n::{msg, t, tf};

/// Seconds the arrow keys seek.
const SEEK_STEP: f64 = 5.0;
/// A jump in `currentTime` larger than this between two `timeupdate`s is a seek or a loop,
/// not watching.
const MAX_TICK: f64 = 1.5;

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

fn narrow_screen() -> bool {
    window()
        .match_media("(max-width: 760px)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
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

#[component]
pub fn VideoPlayer(
    video: NoteVideo,
    #[prop(into)] title: String,
    /// Called once, after this long of actual playback ([`VIDEO_VIEW_AFTER_SECS`]).
    on_watched: Callback<()>,
) -> impl IntoView {
    let styles = style! {
        .player {
            position: relative;
            display: block;
            width: 100%;
            height: 100%;
            overflow: hidden;
            background: #000;
            color: #fff;
        }
        .player:focus-visible {
            outline: 3px solid var(--focus);
            outline-offset: -3px;
        }
        .poster, .screen {
            position: absolute;
            inset: 0;
            width: 100%;
            height: 100%;
        }
        .screen {
            object-fit: contain;
            background: transparent;
            cursor: pointer;
        }
        .big-play {
            position: absolute;
            top: 50%;
            left: 50%;
            display: grid;
            place-items: center;
            width: 72px;
            height: 72px;
            margin: -36px 0 0 -36px;
            padding: 0 0 0 5px;
            border: 0;
            border-radius: 50%;
            background: rgba(0, 0, 0, 0.55);
            color: #fff;
            cursor: pointer;
            backdrop-filter: blur(6px);
        }
        .big-play:hover {
            background: rgba(0, 0, 0, 0.7);
        }
        .unmute {
            position: absolute;
            top: 14px;
            left: 14px;
            display: inline-flex;
            align-items: center;
            gap: 6px;
            min-height: 44px;
            padding: 0 14px;
            border: 0;
            border-radius: 999px;
            background: rgba(0, 0, 0, 0.6);
            color: #fff;
            font: inherit;
            font-size: var(--fs-sm);
            font-weight: 600;
            cursor: pointer;
        }
        .bar {
            position: absolute;
            left: 0;
            right: 0;
            bottom: 0;
            display: flex;
            align-items: center;
            gap: 4px;
            padding: 24px 8px 6px;
            background: linear-gradient(180deg, rgba(0, 0, 0, 0), rgba(0, 0, 0, 0.62));
        }
        .ctl {
            display: grid;
            flex: none;
            place-items: center;
            width: 44px;
            height: 44px;
            padding: 0;
            border: 0;
            border-radius: 50%;
            background: none;
            color: #fff;
            cursor: pointer;
        }
        .ctl:hover {
            background: rgba(255, 255, 255, 0.16);
        }
        .ctl:focus-visible, .big-play:focus-visible, .unmute:focus-visible, .seek:focus-visible {
            outline: 3px solid var(--focus);
            outline-offset: 1px;
        }
        .seek {
            flex: 1;
            min-width: 0;
            height: 44px;
            margin: 0 6px;
            accent-color: var(--brand);
            cursor: pointer;
        }
        .time {
            flex: none;
            min-width: 76px;
            font-size: var(--fs-xs);
            font-weight: 600;
            font-variant-numeric: tabular-nums;
            text-align: center;
            text-shadow: 0 1px 2px rgba(0, 0, 0, 0.5);
        }
        .failed {
            position: absolute;
            inset: 0;
            display: flex;
            flex-direction: column;
            align-items: center;
            justify-content: center;
            gap: 14px;
            padding: 24px;
            background: rgba(0, 0, 0, 0.72);
            text-align: center;
        }
        .retry {
            min-height: 44px;
            padding: 0 20px;
            border: 0;
            border-radius: 999px;
            background: #fff;
            color: #1f1f22;
            font: inherit;
            font-weight: 600;
            cursor: pointer;
        }
        .spinner {
            position: absolute;
            top: 50%;
            left: 50%;
            width: 40px;
            height: 40px;
            margin: -20px 0 0 -20px;
            border: 3px solid rgba(255, 255, 255, 0.35);
            border-top-color: #fff;
            border-radius: 50%;
            animation: spin 0.8s linear infinite;
            pointer-events: none;
        }
    };

    let screen = NodeRef::<Video>::new();
    let root = NodeRef::<Div>::new();
    let total = video.duration_ms as f64 / 1000.0;
    let duration = RwSignal::new(total);
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

    // Once the box exists, pick the file for its size; phones start muted at once.
    let renditions = video.renditions.clone();
    let (vw, vh) = (video.width, video.height);
    Effect::new(move |done: Option<()>| {
        if done.is_some() {
            return;
        }
        let (Some(el), Some(v)) = (root.get(), screen.get()) else {
            return;
        };
        let dpr = window().device_pixel_ratio().max(1.0);
        let chosen = pick_rendition(
            &renditions,
            vw,
            vh,
            f64::from(el.client_width()),
            f64::from(el.client_height()),
            dpr,
        );
        // Set once, not through a reactive attribute: writing `src` again restarts loading.
        if let Some(r) = chosen {
            v.set_src(&r.url);
        }
        if narrow_screen() {
            v.set_muted(true);
            muted.set(true);
            autoplayed.set(true);
            start(&v);
        }
    });
    // Leaving the note stops the sound (and the download).
    on_cleanup(move || {
        if let Some(v) = screen.get_untracked() {
            let _ = v.pause();
        }
    });

    let toggle_play = move || {
        let Some(v) = screen.get_untracked() else {
            return;
        };
        if v.paused() {
            start(&v);
        } else {
            let _ = v.pause();
        }
    };
    let toggle_mute = move || {
        if let Some(v) = screen.get_untracked() {
            v.set_muted(!v.muted());
        }
    };
    let seek_to = move |to: f64| {
        if let Some(v) = screen.get_untracked() {
            let end = duration.get_untracked().max(0.0);
            let to = to.clamp(0.0, end);
            v.set_current_time(to);
            current.set(to);
            last_tick.set_value(to);
        }
    };
    let retry = move |_| {
        failed.set(false);
        if let Some(v) = screen.get_untracked() {
            v.load();
            start(&v);
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

    let on_time = move |_| {
        let Some(v) = screen.get_untracked() else {
            return;
        };
        let now = v.current_time();
        current.set(now);
        let step = now - last_tick.get_value();
        last_tick.set_value(now);
        if step > 0.0 && step < MAX_TICK && !v.paused() {
            watched.update_value(|w| *w += step);
            if !counted.get_value() && watched.get_value() >= f64::from(VIDEO_VIEW_AFTER_SECS) {
                counted.set_value(true);
                on_watched.run(());
            }
        }
    };

    let time_text = move || {
        format!(
            "{} / {}",
            clock(current.get()),
            clock(duration.get().round())
        )
    };
    let time_value = move || {
        tf(
            msg::video::TIME_OF,
            &[
                ("current", &clock(current.get())),
                ("total", &clock(duration.get().round())),
            ],
        )
    };
    let ratio = format!("{}", f64::from(vh.max(1)) / f64::from(vw.max(1)));
    let poster = video.poster.clone();

    view! { class=styles,
        <div class="player" node_ref=root tabindex="0" role="group"
            aria-label=tf(msg::video::PLAYER_TITLE, &[("title", &title)])
            aria-roledescription=t(msg::video::VIDEO_PLAYER)
            data-ratio=ratio
            on:keydown=on_key>
            <div class="poster">
                <Picture image=poster sizes=api_types::carousel_sizes() alt=title.clone() eager=true fit="contain" carousel=true/>
            </div>
            <video class="screen" node_ref=screen
                preload="metadata"
                playsinline=""
                loop=""
                aria-hidden="true"
                on:click=move |_| toggle_play()
                on:play=move |_| { playing.set(true); started.set(true); }
                on:pause=move |_| playing.set(false)
                on:waiting=move |_| waiting.set(true)
                on:playing=move |_| waiting.set(false)
                on:canplay=move |_| waiting.set(false)
                on:volumechange=move |_| {
                    if let Some(v) = screen.get_untracked() {
                        muted.set(v.muted());
                        if !v.muted() { autoplayed.set(false); }
                    }
                }
                on:loadedmetadata=move |_| {
                    if let Some(v) = screen.get_untracked() {
                        let d = v.duration();
                        if d.is_finite() && d > 0.0 { duration.set(d); }
                    }
                }
                on:timeupdate=on_time
                on:error=move |_| { failed.set(true); waiting.set(false); playing.set(false); }
            ></video>
            <Show when=move || waiting.get() && playing.get() && !failed.get()>
                <div class="spinner" aria-hidden="true"></div>
            </Show>
            <Show when=move || !started.get() && !playing.get() && !failed.get()>
                <button type="button" class="big-play" aria-label=t(msg::video::PLAY) on:click=move |_| toggle_play()>
                    <svg width="30" height="30" viewBox="0 0 24 24" aria-hidden="true"><path d="M6 3v18l15-9z" fill="currentColor"/></svg>
                </button>
            </Show>
            <Show when=move || autoplayed.get() && muted.get() && !failed.get()>
                <button type="button" class="unmute" on:click=move |_| {
                    if let Some(v) = screen.get_untracked() { v.set_muted(false); }
                }>
                    <MuteGlyph muted=true/>
                    {t(msg::video::TAP_TO_UNMUTE)}
                </button>
            </Show>
            <div class="bar">
                <button type="button" class="ctl"
                    aria-label=move || t(if playing.get() { msg::video::PAUSE } else { msg::video::PLAY })
                    on:click=move |_| toggle_play()>
                    {move || if playing.get() {
                        view! { <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true"><path d="M7 4h3.5v16H7zM13.5 4H17v16h-3.5z" fill="currentColor"/></svg> }.into_any()
                    } else {
                        view! { <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true"><path d="M6 3v18l15-9z" fill="currentColor"/></svg> }.into_any()
                    }}
                </button>
                <input type="range" class="seek" min="0" step="0.1"
                    max=move || format!("{:.1}", duration.get())
                    prop:value=move || format!("{:.1}", current.get())
                    aria-label=t(msg::video::SEEK)
                    aria-valuetext=time_value
                    on:input=move |e| {
                        if let Ok(to) = event_target_value(&e).parse::<f64>() { seek_to(to); }
                    }/>
                <span class="time" aria-hidden="true">{time_text}</span>
                <button type="button" class="ctl"
                    aria-label=t(msg::video::MUTE)
                    aria-pressed=move || if muted.get() { "true" } else { "false" }
                    on:click=move |_| toggle_mute()>
                    {move || view! { <MuteGlyph muted=muted.get()/> }}
                </button>
            </div>
            <Show when=move || failed.get()>
                <div class="failed" role="alert">
                    <p>{t(msg::video::COULD_NOT_PLAY)}</p>
                    <button type="button" class="retry" on:click=retry>{t(msg::video::TRY_AGAIN)}</button>
                </div>
            </Show>
        </div>
    }
}

/// A speaker, with waves or crossed out.
#[component]
fn MuteGlyph(muted: bool) -> impl IntoView {
    let d = if muted {
        "M4 9h4l5-4v14l-5-4H4zM16 9.5l5 5M21 9.5l-5 5"
    } else {
        "M4 9h4l5-4v14l-5-4H4zM16.5 8.5a5 5 0 010 7M19 6a8.5 8.5 0 010 12"
    };
    view! {
        <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true">
            <path d=d fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>
        </svg>
    }
}
