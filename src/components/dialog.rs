//! A modal dialog over a backdrop: a centred sheet (a bottom sheet on phones) or a side
//! drawer. Focus moves in on open, Tab stays inside, Escape or a backdrop click closes, and
//! focus returns to whatever opened it.
//!
//! Its content is built from [`DialogTitle`] (the heading the dialog is labelled by),
//! [`DialogLead`] (a line under it), [`DialogActions`] (a row of buttons at the foot) and
//! [`DialogNote`] (small print at the foot).

use leptos::ev;
use leptos::prelude::*;
use stylers_macro::style;
use wasm_bindgen::JsCast;

use super::icon::Glyph;
use super::ui::IconButton;
use crate::hooks::use_focus_trap::trap_tab;
use crate::i18n::{msg, t};

#[component]
pub fn Dialog(
    /// The id of the element that names the dialog (its heading).
    labelled_by: &'static str,
    on_close: Callback<()>,
    /// `sheet` (centred; a bottom sheet on phones) or `drawer` (from the right edge).
    #[prop(default = "sheet")]
    kind: &'static str,
    /// What to focus first (a CSS selector inside the dialog).
    #[prop(default = "input")]
    autofocus: &'static str,
    /// Only the surface, in the page's flow: no backdrop, no focus handling, no Escape (a
    /// static specimen for the gallery).
    #[prop(optional)]
    inline: bool,
    children: Children,
) -> impl IntoView {
    let styles = style! {
        .sheet-backdrop {
            position: fixed;
            inset: 0;
            z-index: 60;
            display: grid;
            place-items: center;
            padding: var(--space-4);
            background: rgba(0, 0, 0, 0.45);
            animation: fade-in var(--motion-fast) ease-out;
        }
        .sheet {
            position: relative;
            width: min(420px, 100%);
            max-height: calc(100dvh - 32px);
            overflow-y: auto;
            padding: var(--space-6, 32px) var(--space-5) var(--space-5);
            border-radius: var(--radius-xl);
            background: var(--surface);
            box-shadow: var(--shadow-2);
            animation: rise var(--motion-med, 220ms) var(--ease-out, ease-out);
        }
        .drawer-backdrop {
            position: fixed;
            inset: 0;
            z-index: 60;
            display: flex;
            justify-content: flex-end;
            background: rgba(0, 0, 0, 0.45);
            animation: fade-in var(--motion-fast) ease-out;
        }
        .drawer {
            position: relative;
            display: flex;
            flex-direction: column;
            width: min(440px, 100%);
            height: 100%;
            overflow-y: auto;
            padding: var(--space-5);
            background: var(--surface);
            box-shadow: var(--shadow-2);
            animation: slide-in var(--motion) ease-out;
        }
        .drawer:focus {
            outline: none;
        }
        .drawer > :deep(h2) {
            margin: 4px 0 var(--space-4);
        }
        .inline {
            animation: none;
        }
        .close {
            position: absolute;
            top: 10px;
            right: 10px;
            display: flex;
        }
        @media (max-width: 640px) {
            .sheet-backdrop {
                place-items: end stretch;
                padding: 0;
            }
            .sheet {
                width: 100%;
                max-height: 92dvh;
                padding-bottom: calc(var(--space-5) + env(safe-area-inset-bottom));
                border-radius: var(--radius-xl) var(--radius-xl) 0 0;
            }
        }
        @media (prefers-reduced-motion: reduce) {
            .drawer, .drawer-backdrop {
                animation: none;
                transition: none;
            }
        }
    };
    let close = view! { class=styles,
        <div class="close">
            <IconButton glyph=Glyph::Close label=t(msg::dialog::CLOSE) on_click=Callback::new(move |_| on_close.run(()))/>
        </div>
    };
    if inline {
        return view! { class=styles,
            <div class=format!("{kind} inline") role="dialog" aria-labelledby=labelled_by>
                {close}
                {children()}
            </div>
        }
        .into_any();
    }

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
    view! { class=styles,
        <div class=format!("{kind}-backdrop") on:click=move |e| {
            let on_backdrop = e.target().zip(e.current_target()).is_some_and(|(t, c)| t == c);
            if on_backdrop { on_close.run(()); }
        }>
            <div class=kind role="dialog" aria-modal="true" aria-labelledby=labelled_by tabindex="-1"
                node_ref=dialog on:keydown=on_key>
                {close}
                {children()}
            </div>
        </div>
    }
    .into_any()
}

/// The dialog's heading; its `id` is the dialog's `labelled_by`. (In a drawer it sits a little
/// lower, with more room under it: see `Dialog`'s styles.)
#[component]
pub fn DialogTitle(
    /// Optional only for static specimens that no dialog is labelled by.
    #[prop(optional)]
    id: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let styles = style! {
        h2 {
            margin: 0 0 4px;
            font-size: var(--fs-xl);
        }
    };
    view! { class=styles, <h2 id=id>{children()}</h2> }
}

/// A line under the title saying what the dialog is for.
#[component]
pub fn DialogLead(children: Children) -> impl IntoView {
    let styles = style! {
        p {
            margin: 0 0 var(--space-4);
            color: var(--text-2);
        }
    };
    view! { class=styles, <p>{children()}</p> }
}

/// The dialog's buttons, in a row at its foot.
#[component]
pub fn DialogActions(children: Children) -> impl IntoView {
    let styles = style! {
        div {
            display: flex;
            flex-wrap: wrap;
            justify-content: center;
            gap: var(--space-2);
            margin: var(--space-4) 0 0;
        }
    };
    view! { class=styles, <div>{children()}</div> }
}

/// Small print at the dialog's foot (a hint about demo accounts, terms).
#[component]
pub fn DialogNote(children: Children) -> impl IntoView {
    let styles = style! {
        p {
            margin: var(--space-4) 0 0;
            color: var(--text-3);
            font-size: var(--fs-xs);
            text-align: center;
        }
    };
    view! { class=styles, <p>{children()}</p> }
}
