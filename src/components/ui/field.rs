//! A labelled text input or text area with a hint, a character counter and an inline error.
//! The error is tied to the control (`aria-invalid`, `aria-describedby`) and announced when it
//! appears; the label is a real `<label for>`.

use std::cell::Cell;

use leptos::prelude::*;
use stylers_macro::style;

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// A page-unique id for label/description wiring.
pub fn unique_id(prefix: &str) -> String {
    let n = NEXT_ID.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    format!("{prefix}-{n}")
}

#[component]
pub fn TextField(
    /// The control's id (its error and hint get `{id}-error` / `{id}-hint`); a generated one
    /// when absent.
    #[prop(optional, into)]
    id: Option<String>,
    /// May change while shown ("Username or email" / "Username").
    #[prop(into)]
    label: Signal<String>,
    value: RwSignal<String>,
    /// Shown under the control in the danger colour; `None` when valid.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    #[prop(optional, into)] hint: Option<String>,
    /// `text`, `email`, `password`, `tel`, `search`…
    #[prop(default = "text")]
    kind: &'static str,
    /// May change while shown (`current-password` / `new-password`).
    #[prop(optional, into)]
    autocomplete: Option<Signal<String>>,
    #[prop(optional, into)] placeholder: Option<String>,
    /// A text area of this many rows instead of a one-line input.
    #[prop(optional)]
    rows: Option<u32>,
    /// Stops typing past it (`maxlength`) and shows "n/max" unless `counter` is false.
    #[prop(optional)]
    max_chars: Option<usize>,
    /// Show the "n/max" counter when `max_chars` is set (hide it where the limit is a
    /// formality, like a 128-character password).
    #[prop(default = true)]
    counter: bool,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] disabled: Signal<bool>,
    /// Extra classes (layout, the gallery's forced states).
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let styles = style! {
        .field {
            display: flex;
            flex-direction: column;
            gap: 6px;
            min-width: 0;
        }
        .field.is-focus {
            outline: none;
        }
        label {
            font-size: var(--fs-sm);
            font-weight: 600;
            color: var(--text-1);
        }
        input, textarea {
            min-height: 46px;
            padding: 0 14px;
            border: 1px solid var(--border);
            border-radius: var(--radius-md);
            background: var(--surface);
            color: var(--text-1);
            font: inherit;
            transition: border-color var(--motion-fast);
        }
        textarea {
            padding: 10px 14px;
            resize: vertical;
            line-height: 1.5;
        }
        input:hover, textarea:hover, .is-hover input, .is-hover textarea {
            border-color: var(--text-3);
        }
        input:focus, textarea:focus, .is-focus input, .is-focus textarea {
            border-color: var(--text-3);
            outline: 2px solid var(--focus);
            outline-offset: 1px;
        }
        input:disabled, textarea:disabled {
            background: var(--surface-2);
            color: var(--text-3);
            cursor: not-allowed;
        }
        .invalid input, .invalid textarea {
            border-color: var(--danger);
        }
        .below {
            display: flex;
            justify-content: space-between;
            gap: 12px;
        }
        .below:empty {
            display: none;
        }
        .hint {
            margin: 0;
            color: var(--text-3);
            font-size: var(--fs-xs);
        }
        .error {
            margin: 0;
            color: var(--danger);
            font-size: var(--fs-sm);
            font-weight: 500;
        }
        .counter {
            margin: 0 0 0 auto;
            color: var(--text-3);
            font-size: var(--fs-xs);
            font-variant-numeric: tabular-nums;
        }
    };
    let id = id.unwrap_or_else(|| unique_id("field"));
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let has_hint = hint.is_some();
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            if has_hint {
                ids.push(hint_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move || error.with(Option::is_some);
    let maxlength = max_chars.map(|m| m.to_string());
    let control = match rows {
        Some(rows) => view! { class=styles,
            <textarea
                id=id.clone()
                rows=rows
                placeholder=placeholder.clone()
                maxlength=maxlength.clone()
                required=required
                disabled=move || disabled.get()
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=described_by.clone()
                prop:value=move || value.get()
                on:input=move |e| value.set(event_target_value(&e))
            ></textarea>
        }
        .into_any(),
        None => view! { class=styles,
            <input
                id=id.clone()
                type=kind
                autocomplete=move || autocomplete.map(|a| a.get())
                placeholder=placeholder.clone()
                maxlength=maxlength.clone()
                required=required
                disabled=move || disabled.get()
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=described_by.clone()
                prop:value=move || value.get()
                on:input=move |e| value.set(event_target_value(&e))
            />
        }
        .into_any(),
    };
    view! { class=styles,
        // `class:invalid` rather than a reactive `class` string, which would replace the whole
        // attribute and drop the scoped-style class when an error appears.
        <div class=format!("field {class}") class:invalid=invalid>
            <label for=id.clone()>{move || label.get()}</label>
            {control}
            <div class="below">
                {move || error.get().map(|message| view! { class=styles,
                    <p class="error" id=error_id.clone() role="alert">{message}</p>
                })}
                {hint.map(|hint| view! { class=styles, <p class="hint" id=hint_id.clone()>{hint}</p> })}
                {max_chars.filter(|_| counter).map(|max| view! { class=styles,
                    <p class="counter" aria-hidden="true">{move || format!("{}/{max}", value.with(|v| v.chars().count()))}</p>
                })}
            </div>
        </div>
    }
}
