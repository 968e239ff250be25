//! The content width of an element as a signal, kept current by a ResizeObserver (so a
//! scrollbar appearing, a font loading or a window resize all re-lay-out the grid). The first
//! width comes from the observer's first report, after the browser's own layout: reading it
//! while rendering would force a layout in the middle of building the page.

use leptos::html::Div;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::ResizeObserver;

pub fn use_element_width(target: NodeRef<Div>) -> ReadSignal<f64> {
    let (width, set_width) = signal(0.0_f64);
    let observer: StoredValue<Option<SendWrapper<ResizeObserver>>, LocalStorage> =
        StoredValue::new_local(None);
    Effect::new(move |_| {
        let Some(el) = target.get() else { return };
        let measured = el.clone();
        // Handed to JS (into_js_value) so it outlives any Rust-side cleanup ordering.
        let callback = Closure::<dyn Fn()>::new(move || {
            let w = f64::from(measured.client_width());
            if (w - width.get_untracked()).abs() > 0.5 {
                set_width.set(w);
            }
        })
        .into_js_value();
        if let Ok(ro) = ResizeObserver::new(callback.unchecked_ref()) {
            ro.observe(&el);
            observer.update_value(|o| {
                if let Some(old) = o.take() {
                    old.disconnect();
                }
                *o = Some(SendWrapper::new(ro));
            });
        }
    });
    on_cleanup(move || {
        observer.update_value(|o| {
            if let Some(ro) = o.take() {
                ro.disconnect();
            }
        });
    });
    width
}
