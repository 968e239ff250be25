//! Short messages at the bottom of the screen ("Link copied", "Couldn't like: ...").
//! One live region, so screen readers hear each toast once.

use leptos::prelude::*;

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
    let toasts = use_toasts();
    view! {
        <div class="toast-region" role="status" aria-live="polite">
            {move || toasts.message.get().map(|(id, text)| view! {
                <div class="toast" data-toast=id>{text}</div>
            })}
        </div>
    }
}
