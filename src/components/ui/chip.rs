//! A pill for filters and choices. As a link (`href`) it navigates and marks the current one
//! with `aria-current`; as a button it toggles and reports `aria-pressed`, and can be disabled
//! (a choice that is not available now, optionally struck through like a sold-out option).

use leptos::ev::MouseEvent;
use leptos::prelude::*;
use stylers_macro::style;

#[component]
pub fn Chip(
    #[prop(into)] text: Signal<String>,
    /// Selected (current filter, pressed toggle).
    #[prop(optional, into)]
    selected: Signal<bool>,
    /// A link chip (filters that live in the URL).
    #[prop(optional, into)]
    href: Option<String>,
    #[prop(optional)] on_click: Option<Callback<MouseEvent>>,
    #[prop(optional)] class: &'static str,
    /// The `aria-current` token a selected link chip carries: `"page"` (the default) or, for
    /// one value in a set of filters, `"true"`.
    #[prop(default = "page")]
    current: &'static str,
    /// Button chips only: not pressable (greyed out).
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// Button chips only: struck through while disabled (an option that is sold out).
    #[prop(optional)]
    strike_disabled: bool,
    /// A tooltip, e.g. why the chip is disabled.
    #[prop(optional, into)]
    title: MaybeProp<String>,
) -> impl IntoView {
    let styles = style! {
        .chip {
            display: inline-flex;
            align-items: center;
            min-height: 36px;
            padding: 0 14px;
            border: 0;
            border-radius: 999px;
            background: var(--surface-2);
            color: var(--text-2);
            font: inherit;
            font-size: var(--fs-sm);
            text-decoration: none;
            white-space: nowrap;
            cursor: pointer;
            transition: background var(--motion-fast), color var(--motion-fast);
        }
        .chip:hover, .chip.is-hover {
            background: var(--surface-3);
            color: var(--text-1);
        }
        .chip.selected {
            background: var(--text-1);
            color: var(--bg);
            font-weight: 600;
        }
        .chip:disabled, .chip:disabled:hover {
            background: var(--surface-2);
            color: var(--text-3);
            cursor: not-allowed;
            opacity: 0.6;
        }
        .chip.strike:disabled {
            text-decoration: line-through;
        }
    };
    // `class:selected` rather than a reactive `class` string, which would replace the whole
    // attribute and drop the scoped-style class when the chip toggles.
    let classes = format!(
        "chip{} {class}",
        if strike_disabled { " strike" } else { "" }
    );
    let title = move || title.get();
    match href {
        Some(href) => view! { class=styles,
            <a class=classes class:selected=move || selected.get() href=href title=title aria-current=move || selected.get().then_some(current)>{move || text.get()}</a>
        }
        .into_any(),
        None => view! { class=styles,
            <button type="button" class=classes class:selected=move || selected.get() aria-pressed=move || selected.get().to_string()
                title=title disabled=move || disabled.get()
                on:click=move |e| {
                    if let Some(on_click) = on_click {
                        on_click.run(e);
                    }
                }>
                {move || text.get()}
            </button>
        }
        .into_any(),
    }
}
