//! A small count or label on the brand colour: unread notifications, cart units, "NEW".
//! Counts over 99 show "99+". Decorative: the control it decorates carries the number in its
//! accessible name.

use leptos::prelude::*;
use stylers_macro::style;

#[component]
pub fn Badge(
    #[prop(into)] text: Signal<String>,
    /// Neutral grey instead of the brand red (secondary counts, e.g. in tabs).
    #[prop(optional)]
    neutral: bool,
    /// Extra classes for placement at the call site (e.g. pinned to an icon's corner).
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let styles = style! {
        span {
            display: inline-flex;
            align-items: center;
            justify-content: center;
            min-width: 18px;
            height: 18px;
            padding: 0 5px;
            border-radius: 999px;
            background: var(--brand);
            color: #fff;
            font-size: 11px;
            font-weight: 700;
            line-height: 1;
            font-variant-numeric: tabular-nums;
            white-space: nowrap;
        }
        span.neutral {
            background: var(--surface-3);
            color: var(--text-1);
        }
    };
    view! { class=styles,
        <span class=format!("{}{class}", if neutral { "neutral " } else { "" }) aria-hidden="true">{move || text.get()}</span>
    }
}

/// "99+" beyond 99.
pub fn capped(n: i64) -> String {
    if n > 99 {
        "99+".to_string()
    } else {
        n.max(0).to_string()
    }
}
