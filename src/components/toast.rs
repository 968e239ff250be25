//! Short messages at the bottom of the screen ("Link copied", "Couldn't like: ...").
//! One live region, so screen readers hear each toast once.

use leptos::prelude::*;
use stylers_macro::style;

const TOAST_MS: u64 = 3_500;
/// A toast with a button stays longer: there has to be time to reach for it.
const ACTION_TOAST_MS: u64 = 6_000;

/// A button in a toast ("Undo"), run at most once.
#[derive(Clone)]
pub struct ToastAction {
    pub label: String,
    pub run: Callback<()>,
}

#[derive(Clone)]
struct Message {
    id: u32,
    text: String,
    action: Option<ToastAction>,
}

#[derive(Clone, Copy)]
pub struct Toasts {
    message: RwSignal<Option<Message>>,
    next: StoredValue<u32>,
}

impl Toasts {
    pub fn show(&self, text: impl Into<String>) {
        self.put(text.into(), None, TOAST_MS);
    }

    /// A toast with a button (e.g. "Undo"); the button hides the toast and runs `run`.
    pub fn show_with_action(
        &self,
        text: impl Into<String>,
        label: impl Into<String>,
        run: Callback<()>,
    ) {
        let action = ToastAction {
            label: label.into(),
            run,
        };
        self.put(text.into(), Some(action), ACTION_TOAST_MS);
    }

    fn put(&self, text: String, action: Option<ToastAction>, ms: u64) {
        self.next.update_value(|n| *n += 1);
        let id = self.next.get_value();
        self.message.set(Some(Message { id, text, action }));
        let message = self.message;
        set_timeout(
            move || {
                if message.with_untracked(|m| m.as_ref().is_some_and(|m| m.id == id)) {
                    message.set(None);
                }
            },
            std::time::Duration::from_millis(ms),
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
            {move || {
                toasts.message.get().map(|m| {
                    let action = m.action.map(|a| {
                        let run = a.run;
                        let message = toasts.message;
                        view! {
                            <button type="button" class="toast-action" on:click=move |_| {
                                message.set(None);
                                run.run(());
                            }>{a.label}</button>
                        }
                        .into_any()
                    });
                    view! { <ToastView text=m.text id=m.id action=action/> }
                })
            }}
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
    /// A button after the text ("Undo").
    #[prop(default = None)]
    action: Option<AnyView>,
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
        .toast.has-action {
            display: flex;
            align-items: center;
            gap: 4px;
            padding: 4px 4px 4px 18px;
            pointer-events: auto;
        }
        .toast.has-action :deep(.toast-action) {
            min-height: 40px;
            padding: 0 14px;
            border: 0;
            border-radius: 999px;
            background: transparent;
            color: var(--brand);
            font: inherit;
            font-weight: 700;
            cursor: pointer;
        }
        .toast.has-action :deep(.toast-action:focus-visible) {
            outline: 3px solid var(--focus);
        }
    };
    let has_action = action.is_some();
    view! { class=styles,
        <div class="toast" class:has-action=has_action data-toast=id>
            <span>{text}</span>
            {action}
        </div>
    }
}
