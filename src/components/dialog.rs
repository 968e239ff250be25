//! A modal dialog over a backdrop: a centred sheet (a bottom sheet on phones) or a side
//! drawer. Focus moves in on open, Tab stays inside, Escape or a backdrop click closes, and
//! focus returns to whatever opened it.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::icon::{Glyph, Icon};
use crate::hooks::use_focus_trap::trap_tab;
use crate::i18n::tr;

#[component]
pub fn Dialog(
    /// The id of the element that names the dialog (its heading).
    labelled_by: &'static str,
    on_close: Callback<()>,
    /// `sheet` or `drawer` (see style/main.css).
    #[prop(default = "sheet")]
    kind: &'static str,
    /// What to focus first (a CSS selector inside the dialog).
    #[prop(default = "input")]
    autofocus: &'static str,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Div>::new();
    let opener = send_wrapper::SendWrapper::new(
        document()
            .active_element()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()),
    );
    on_cleanup(move || {
        if let Some(el) = opener.take() {
            let _ = el.focus();
        }
    });
    Effect::new(move |_| {
        if let Some(el) = dialog.get() {
            let target = el
                .query_selector(autofocus)
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            let _ = match target {
                Some(t) => t.focus(),
                None => el.focus(),
            };
        }
    });
    let on_key = move |e: ev::KeyboardEvent| {
        if let Some(el) = dialog.get_untracked() {
            trap_tab(&el, &e);
        }
    };
    // On the window, so Escape works even when focus fell out (a button became disabled).
    let escape = window_event_listener(ev::keydown, move |e: web_sys::KeyboardEvent| {
        if e.key() == "Escape" {
            e.prevent_default();
            e.stop_immediate_propagation();
            on_close.run(());
        }
    });
    on_cleanup(move || escape.remove());
    view! {
        <div class=format!("{kind}-backdrop") on:click=move |e| {
            let on_backdrop = e.target().zip(e.current_target()).is_some_and(|(t, c)| t == c);
            if on_backdrop { on_close.run(()); }
        }>
            <div class=kind role="dialog" aria-modal="true" aria-labelledby=labelled_by tabindex="-1"
                node_ref=dialog on:keydown=on_key>
                <button class="sheet-close" type="button" aria-label=tr("Close", "关闭") on:click=move |_| on_close.run(())>
                    <Icon glyph=Glyph::Close size=20/>
                </button>
                {children()}
            </div>
        </div>
    }
}
