//! Skeletons, empty and error states, and the status row under a paged list.

use leptos::prelude::*;
use stylers_macro::style;

use super::ui::{Button, Spinner};
use crate::i18n::{msg, t};

/// The centred title + message block shared by the empty and error states.
#[component]
fn StateBlock(
    /// `error` or `empty` (the root's modifier class).
    kind: &'static str,
    #[prop(optional)] role: Option<&'static str>,
    title: String,
    message: String,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let styles = style! {
        .state {
            display: flex;
            flex-direction: column;
            align-items: center;
            gap: var(--space-2);
            padding: 64px var(--space-4);
            text-align: center;
        }
        .state-title {
            margin: 0;
            font-size: var(--fs-lg);
            font-weight: bold;
        }
        .state-message {
            margin: 0 0 var(--space-3);
            color: var(--text-2);
        }
    };
    view! { class=styles,
        <div class=format!("state state-{kind}") role=role>
            <p class="state-title">{title}</p>
            <p class="state-message">{message}</p>
            {children.map(|c| c())}
        </div>
    }
}

#[component]
pub fn ErrorState(
    #[prop(into)] message: String,
    /// Shown as a "Try again" button when present.
    #[prop(optional)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    view! {
        <StateBlock kind="error" role="alert" title=t(msg::states::SOMETHING_WENT_WRONG).to_string() message=message>
            {on_retry.map(|retry| view! {
                <Button on_click=Callback::new(move |_| retry.run(()))>{t(msg::states::TRY_AGAIN)}</Button>
            })}
        </StateBlock>
    }
}

#[component]
pub fn EmptyState(
    #[prop(into)] title: String,
    #[prop(into)] message: String,
    /// An action under the message (e.g. a "Sign in" or "Browse the shop" button).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    view! {
        <StateBlock kind="empty" title=title message=message>
            {children.map(|c| c())}
        </StateBlock>
    }
}

/// Placeholder cards with varied heights while the first page loads. The bars use the shared
/// `.skeleton.shimmer` blocks (style/main.css).
#[component]
pub fn SkeletonGrid(
    count: usize,
    /// In the normal flow, instead of laid over the (still empty) list it stands in for, as the
    /// feed does.
    #[prop(optional)]
    standalone: bool,
) -> impl IntoView {
    const HEIGHTS: [u32; 6] = [260, 200, 300, 230, 280, 210];
    let styles = style! {
        .skeleton-grid {
            display: grid;
            grid-template-columns: repeat(auto-fill, minmax(200px, 1fr));
            gap: 16px;
            position: absolute;
            inset: 0 0 auto 0;
        }
        .skeleton-grid.standalone {
            position: static;
        }
        @media (max-width: 640px) {
            .skeleton-grid {
                grid-template-columns: 1fr 1fr;
                gap: 10px;
            }
        }
    };
    view! { class=styles,
        <div class="skeleton-grid" class:standalone=standalone aria-hidden="true">
            {(0..count)
                .map(|i| {
                    let h = HEIGHTS[i % HEIGHTS.len()];
                    view! { class=styles,
                        <div class="skeleton-card">
                            <div class="skeleton shimmer" style=format!("height:{h}px")></div>
                            <div class="skeleton shimmer line"></div>
                            <div class="skeleton shimmer line short"></div>
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// The row under a paged list: a spinner and "Loading more…" while the next page loads
/// (announced politely), else, once the list is complete, an optional quiet end marker.
#[component]
pub fn ListStatus(
    /// A page is loading (the caller leaves out the first page if something else shows it).
    #[prop(into)]
    loading: Signal<bool>,
    /// Every page is in: shows `end_text`, if any, while not loading.
    #[prop(optional, into)]
    done: Signal<bool>,
    /// What the loading row says; "Loading more…" when absent.
    #[prop(optional)]
    loading_text: Option<&'static str>,
    /// The end marker, e.g. "You're all caught up"; none when absent.
    #[prop(optional)]
    end_text: Option<&'static str>,
) -> impl IntoView {
    let styles = style! {
        .list-status {
            display: flex;
            align-items: center;
            justify-content: center;
            gap: var(--space-2);
            margin: var(--space-6) 0;
            color: var(--text-3);
            font-size: var(--fs-sm);
        }
    };
    let loading_text = loading_text.unwrap_or_else(|| t(msg::states::LOADING_MORE));
    move || {
        if loading.get() {
            view! { class=styles,
                <p class="list-status feed-more" role="status"><Spinner size=16/>{loading_text}</p>
            }
            .into_any()
        } else if done.get() {
            end_text
                .map(|text| view! { class=styles, <p class="list-status feed-end">{text}</p> })
                .into_any()
        } else {
            ().into_any()
        }
    }
}
