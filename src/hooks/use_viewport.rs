//! The window's scroll position and size as signals (scroll and resize listeners, removed on
//! cleanup).

use leptos::ev;
use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    pub scroll_y: f64,
    pub width: f64,
    pub height: f64,
}

fn read() -> Viewport {
    let Some(w) = web_sys::window() else {
        return Viewport {
            scroll_y: 0.0,
            width: 1024.0,
            height: 768.0,
        };
    };
    let num = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    Viewport {
        scroll_y: w.scroll_y().unwrap_or(0.0),
        width: num(w.inner_width()),
        height: num(w.inner_height()),
    }
}

pub fn use_viewport() -> ReadSignal<Viewport> {
    let (viewport, set_viewport) = signal(read());
    let on_scroll = window_event_listener(ev::scroll, move |_| set_viewport.set(read()));
    let on_resize = window_event_listener(ev::resize, move |_| set_viewport.set(read()));
    on_cleanup(move || {
        on_scroll.remove();
        on_resize.remove();
    });
    viewport
}
