//! Calls back whenever the element enters the viewport (extended by `root_margin`), using an
//! IntersectionObserver that is disconnected on cleanup.

use leptos::html::Div;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};

pub fn use_intersection(
    target: NodeRef<Div>,
    root_margin: &'static str,
    on_visible: impl Fn() + Clone + 'static,
) {
    let observer: StoredValue<Option<SendWrapper<IntersectionObserver>>, LocalStorage> =
        StoredValue::new_local(None);
    let on_visible = SendWrapper::new(on_visible);
    Effect::new(move |_| {
        let Some(el) = target.get() else { return };
        let on_visible = (*on_visible).clone();
        // Handed to JS (into_js_value): it must outlive Rust-side cleanup ordering.
        let callback = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let visible = entries.iter().any(|e| {
                e.dyn_into::<IntersectionObserverEntry>()
                    .map(|e| e.is_intersecting())
                    .unwrap_or(false)
            });
            if visible {
                on_visible();
            }
        })
        .into_js_value();
        let init = IntersectionObserverInit::new();
        init.set_root_margin(root_margin);
        if let Ok(io) = IntersectionObserver::new_with_options(callback.unchecked_ref(), &init) {
            io.observe(&el);
            observer.update_value(|o| {
                if let Some(old) = o.take() {
                    old.disconnect();
                }
                *o = Some(SendWrapper::new(io));
            });
        }
    });
    on_cleanup(move || {
        observer.update_value(|o| {
            if let Some(io) = o.take() {
                io.disconnect();
            }
        });
    });
}
