//! Rendering in steps: a signal that turns true one task later (the page around it paints
//! first, what waits for it renders in a task of its own), and a list limit that grows each
//! task. On a phone, one long task that builds a whole page blocks taps for hundreds of
//! milliseconds (Total Blocking Time); a few shorter ones do not.

use leptos::prelude::*;

pub fn use_next_task() -> ReadSignal<bool> {
    let (ready, set_ready) = signal(false);
    set_timeout(
        move || {
            // The component may be gone by then; a disposed signal just ignores it.
            let _ = set_ready.try_set(true);
        },
        std::time::Duration::ZERO,
    );
    ready
}

/// How many items of a long list to render: `first` at once, then `step` more each task until
/// `len()` are out (then no limit), so a list of comments does not build in one long task.
pub fn use_render_limit(
    first: usize,
    step: usize,
    len: impl Fn() -> usize + Copy + 'static,
) -> ReadSignal<usize> {
    let (limit, set_limit) = signal(first);
    Effect::new(move |_| {
        let shown = limit.get();
        if shown == usize::MAX {
            return;
        }
        set_timeout(
            move || {
                // The list may be gone by then, and `len()` reads it: reading a disposed
                // signal panics (the wasm traps).
                if set_limit.is_disposed() {
                    return;
                }
                let next = if shown + step >= len() {
                    usize::MAX
                } else {
                    shown + step
                };
                let _ = set_limit.try_set(next);
            },
            std::time::Duration::ZERO,
        );
    });
    limit
}

/// Resolves in a later task (a zero timeout): async work that has just done something long
/// (decoding a big answer) lets the browser paint and take input before it goes on.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        set_timeout(
            move || {
                let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
            },
            std::time::Duration::ZERO,
        );
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
