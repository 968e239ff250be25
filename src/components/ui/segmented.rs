//! One choice out of a few, all visible at once (theme, language): a `fieldset` with its
//! legend and native radio buttons drawn as a segmented control. Arrow keys move the choice,
//! as radios do; the chosen segment looks like a selected chip.

use leptos::prelude::*;
use stylers_macro::style;

use crate::components::icon::{Glyph, Icon};

/// One segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The radio's value, reported by `on_change`.
    pub value: &'static str,
    pub label: &'static str,
    /// A decorative icon before the label.
    pub glyph: Option<Glyph>,
    /// The label's own language when it differs from the page's ("English" on a Chinese page).
    pub lang: Option<&'static str>,
}

#[component]
pub fn Segmented(
    #[prop(into)] legend: String,
    /// The radio group's `name`, unique on the page (also seeds the hint's id).
    #[prop(into)]
    name: String,
    options: Vec<Choice>,
    /// The chosen `value`.
    #[prop(into)]
    selected: Signal<&'static str>,
    on_change: Callback<&'static str>,
    /// A line under the segments, read with the group.
    #[prop(optional, into)]
    hint: Option<String>,
) -> impl IntoView {
    let styles = style! {
        .segmented {
            min-width: 0;
            margin: 0;
            padding: 0;
            border: 0;
        }
        .segmented-legend {
            margin-bottom: 8px;
            padding: 0;
            color: var(--text-1);
            font-size: var(--fs-sm);
            font-weight: 600;
        }
        .segments {
            display: flex;
            gap: 4px;
            padding: 4px;
            border-radius: 999px;
            background: var(--surface-2);
        }
        .segment {
            position: relative;
            display: flex;
            flex: 1 1 0;
            min-width: 0;
        }
        /* The radio itself covers its segment: the whole pill is the target. */
        .segment-input {
            position: absolute;
            top: 0;
            left: 0;
            width: 100%;
            height: 100%;
            margin: 0;
            opacity: 0;
            cursor: pointer;
        }
        .segment-face {
            display: flex;
            flex: 1;
            align-items: center;
            justify-content: center;
            gap: 6px;
            min-height: 44px;
            padding: 0 14px;
            border-radius: 999px;
            color: var(--text-2);
            font-size: var(--fs-sm);
            font-weight: 600;
            white-space: nowrap;
            transition: background var(--motion-fast), color var(--motion-fast);
        }
        .segment-input:hover + .segment-face {
            background: var(--surface-3);
            color: var(--text-1);
        }
        .segment-input:checked + .segment-face {
            background: var(--text-1);
            color: var(--bg);
        }
        .segment-input:focus-visible + .segment-face {
            outline: 3px solid var(--focus);
            outline-offset: 2px;
        }
        .segmented-hint {
            margin: 8px 0 0;
            color: var(--text-2);
            font-size: var(--fs-xs);
        }
        @media (min-width: 641px) {
            .segments {
                display: inline-flex;
            }
            .segment {
                flex: 0 0 auto;
            }
            .segment-face {
                min-height: 36px;
                padding: 0 18px;
            }
        }
    };
    let hint_id = hint.as_ref().map(|_| format!("{name}-hint"));
    let segments = options
        .into_iter()
        .map(|choice| {
            let value = choice.value;
            view! { class=styles,
                <label class="segment">
                    <input class="segment-input" type="radio" name=name.clone() value=value
                        prop:checked=move || selected.get() == value
                        on:change=move |_| on_change.run(value)/>
                    <span class="segment-face">
                        {choice.glyph.map(|glyph| view! { <Icon glyph=glyph size=18/> })}
                        <span lang=choice.lang>{choice.label}</span>
                    </span>
                </label>
            }
        })
        .collect_view();
    let described_by = hint_id.clone();
    view! { class=styles,
        <fieldset class="segmented" aria-describedby=described_by>
            <legend class="segmented-legend">{legend}</legend>
            <div class="segments">{segments}</div>
            {hint.map(|hint| view! { class=styles, <p class="segmented-hint" id=hint_id>{hint}</p> })}
        </fieldset>
    }
}
