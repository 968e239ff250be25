//! Underlined tabs that switch views kept in the URL (profile notes/collects, notification
//! kinds, search notes/users). Each tab is a link, the current one has `aria-current="page"`,
//! and an optional count shows as a neutral badge.

use leptos::prelude::*;
use stylers_macro::style;

use super::badge::Badge;

#[derive(Clone, Debug, PartialEq)]
pub struct Tab {
    pub label: String,
    pub href: String,
    /// Unread or result count; hidden when zero.
    pub count: i64,
}

#[component]
pub fn Tabs(
    /// The navigation landmark's name ("Profile sections").
    #[prop(into)]
    label: String,
    #[prop(into)] tabs: Signal<Vec<Tab>>,
    /// Index of the current tab.
    #[prop(into)]
    current: Signal<usize>,
    /// Extra classes for layout at the call site (spacing around the bar).
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let styles = style! {
        nav {
            margin-bottom: 12px;
            border-bottom: 1px solid var(--border);
        }
        ul {
            display: flex;
            flex-wrap: wrap;
            gap: 0 24px;
            margin: 0;
            padding: 0;
            list-style: none;
        }
        a {
            display: inline-flex;
            align-items: center;
            gap: 6px;
            min-height: 44px;
            border-bottom: 2px solid transparent;
            color: var(--text-2);
            font-weight: 600;
            text-decoration: none;
            white-space: nowrap;
        }
        a:hover, a.is-hover {
            color: var(--text-1);
        }
        a[aria-current="page"] {
            border-bottom-color: var(--brand);
            color: var(--text-1);
        }
    };
    view! { class=styles,
        <nav class=class aria-label=label>
            <ul>
                {move || tabs.get().into_iter().enumerate().map(|(i, tab)| {
                    let count = tab.count;
                    view! { class=styles,
                        <li>
                            <a href=tab.href aria-current=move || (current.get() == i).then_some("page")>
                                {tab.label}
                                {(count > 0).then(|| view! { <Badge text=super::badge::capped(count) neutral=true/> })}
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </nav>
    }
}
