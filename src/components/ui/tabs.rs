//! Underlined tabs that switch views kept in the URL (profile notes/collects, notification
//! kinds, search notes/users). Each tab is a link, the current one has `aria-current="page"`,
//! and an optional count shows as a neutral badge (or a brand-red one for unread counts).

use leptos::prelude::*;
use stylers_macro::style;

use super::badge::Badge;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tab {
    pub label: String,
    pub href: String,
    /// Unread or result count; hidden when zero. The badge is decorative: say the count in
    /// `hidden_suffix` when it matters.
    pub count: i64,
    /// Text for screen readers only, after the label (", 3 unread"); empty for none.
    pub hidden_suffix: String,
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
    /// Counts are unread items: brand-red badges instead of neutral ones.
    #[prop(optional)]
    alert: bool,
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
    let len = Memo::new(move |_| tabs.with(Vec::len));
    view! { class=styles,
        <nav class=class aria-label=label>
            <ul>
                // The links are rebuilt only when the number of tabs changes; labels, counts
                // and addresses update in place, so a focused tab keeps focus when its count
                // changes.
                {move || (0..len.get()).map(|i| {
                    let field = move |f: fn(&Tab) -> String| tabs.with(|t| t.get(i).map(f).unwrap_or_default());
                    let count = move || tabs.with(|t| t.get(i).map_or(0, |t| t.count));
                    view! { class=styles,
                        <li>
                            <a href=move || field(|t| t.href.clone()) aria-current=move || (current.get() == i).then_some("page")>
                                {move || field(|t| t.label.clone())}
                                {move || (count() > 0).then(|| view! { <Badge text=super::badge::capped(count()) neutral=!alert/> })}
                                {move || {
                                    let suffix = field(|t| t.hidden_suffix.clone());
                                    (!suffix.is_empty()).then(|| view! { class=styles, <span class="visually-hidden">{suffix}</span> })
                                }}
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </nav>
    }
}
