//! Short messages at the bottom of the screen ("Link copied", "Couldn't like: ...").
//! One live region, so screen readers hear each toast once.

use leptos::prelude::*;
use stylers_macro::style;

const TOAST_MS: u64 = 3_500;

#[derive(Clone, Copy)]
pub struct Toasts {
    message: RwSignal<Option<(u32, String)>>,
    next: StoredValue<u32>,
}

impl Toasts {
    pub fn show(&self, text: impl Into<String>) {
        self.next.update_value(|n| *n += 1);
        let id = self.next.get_value();
        self.message.set(Some((id, text.into())));
        let message = self.message;
        set_timeout(
            move || {
                if message.with_untracked(|m| m.as_ref().is_some_and(|(i, _)| *i == id)) {
                    message.set(None);
                }
            },
            std::time::Duration::from_millis(TOAST_MS),
        );
    }
}

pub fn provide_toasts() -> Toasts {
    let toasts = Toasts {
        message: RwSignal::new(None),
        next: StoredValue::new(0),
    };
    provide_context(toasts);
    toasts
}

pub fn use_toasts() -> Toasts {
    expect_context::<Toasts>()
}

/// The live region; render once in the app shell.
#[component]
pub fn ToastRegion() -> impl IntoView {
    let styles = style! {
        .toast-region {
            position: fixed;
            left: 50%;
            bottom: calc(24px + env(safe-area-inset-bottom));
            z-index: 80;
            transform: translateX(-50%);
            pointer-events: none;
        }
    };
    let toasts = use_toasts();
    view! { class=styles,
        <div class="toast-region" role="status" aria-live="polite">
            {move || toasts.message.get().map(|(id, text)| view! { <ToastView text=text id=id/> })}
        </div>
    }
}

/// One toast: the dark pill. Shown by [`ToastRegion`]; on its own only as a specimen.
#[component]
pub fn ToastView(
    #[prop(into)] text: String,
    /// Which message this is (`data-toast`), so each new one is a new element.
    #[prop(optional)]
    id: Option<u32>,
) -> impl IntoView {
    let styles = style! {
        .toast {
            max-width: min(92vw, 480px);
            padding: 12px 18px;
            border-radius: 999px;
            background: var(--text-1);
            color: var(--bg);
            box-shadow: var(--shadow-2);
            font-size: var(--fs-sm);
            font-weight: 600;
            text-align: center;
            animation: rise var(--motion-fast) ease-out;
        }
    };
    view! { class=styles, <div class="toast" data-toast=id>{text}</div> }
}
