//! A quantity control: minus, the number, plus. The number can be typed; every change is
//! clamped to `1..=max` before `on_change` hears it.

use leptos::prelude::*;
use stylers_macro::style;

use crate::i18n::{msg, t};

#[component]
pub fn QuantityStepper(
    #[prop(into)] value: Signal<i64>,
    /// Largest allowed (stock, or the per-line limit).
    #[prop(into)]
    max: Signal<i64>,
    on_change: Callback<i64>,
    /// Names the group for assistive tech, e.g. "Quantity of Lip tint".
    #[prop(into)]
    label: String,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    // The number field's native spin arrows are hidden by `.stepper-value` in
    // style/commerce.css: stylers rejects the `appearance` property.
    let styles = style! {
        .stepper {
            display: inline-flex;
            align-items: center;
            border-radius: 999px;
            background: var(--surface-2);
        }
        .stepper-btn {
            width: 36px;
            height: 36px;
            border: 0;
            border-radius: 999px;
            background: none;
            color: var(--text-1);
            font-size: 20px;
            line-height: 1;
            cursor: pointer;
        }
        .stepper-btn:hover:not(:disabled) {
            background: var(--surface-3);
        }
        .stepper-btn:disabled {
            color: var(--text-3);
            cursor: default;
            opacity: 0.5;
        }
        .stepper-value {
            width: 40px;
            height: 36px;
            border: 0;
            background: none;
            color: var(--text-1);
            font: inherit;
            font-weight: 700;
            text-align: center;
        }
    };
    let set = move |n: i64| {
        let n = n.clamp(1, max.get_untracked().max(1));
        if n != value.get_untracked() {
            on_change.run(n);
        }
    };
    view! { class=styles,
        <div class="stepper" role="group" aria-label=label>
            <button type="button" class="stepper-btn" aria-label=t(msg::quantity_stepper::DECREASE_QUANTITY)
                disabled=move || disabled.get() || (value.get() <= 1)
                on:click=move |_| set(value.get_untracked() - 1)>"−"</button>
            <input class="stepper-value" type="number" inputmode="numeric" min="1"
                max=move || max.get().max(1) aria-label=t(msg::common::QUANTITY)
                prop:value=move || value.get().to_string()
                disabled=move || disabled.get()
                on:change=move |ev| {
                    let input = event_target::<web_sys::HtmlInputElement>(&ev);
                    let typed = input.value().trim().parse::<i64>().unwrap_or(value.get_untracked());
                    let n = typed.clamp(1, max.get_untracked().max(1));
                    // Show what will be used, even when it is unchanged (e.g. "50" over stock).
                    input.set_value(&n.to_string());
                    set(n);
                }/>
            <button type="button" class="stepper-btn" aria-label=t(msg::quantity_stepper::INCREASE_QUANTITY)
                disabled=move || disabled.get() || (value.get() >= max.get())
                on:click=move |_| set(value.get_untracked() + 1)>"+"</button>
        </div>
    }
}
