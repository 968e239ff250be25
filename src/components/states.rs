//! Skeletons, empty and error states.

use leptos::prelude::*;

use super::ui::Button;
use crate::i18n::tr;

#[component]
pub fn ErrorState(
    #[prop(into)] message: String,
    /// Shown as a "Try again" button when present.
    #[prop(optional)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    view! {
        <div class="state state-error" role="alert">
            <p class="state-title">{tr("Something went wrong", "出错了")}</p>
            <p class="state-message">{message}</p>
            {on_retry.map(|retry| view! {
                <Button on_click=Callback::new(move |_| retry.run(()))>{tr("Try again", "重试")}</Button>
            })}
        </div>
    }
}

#[component]
pub fn EmptyState(#[prop(into)] title: String, #[prop(into)] message: String) -> impl IntoView {
    view! {
        <div class="state state-empty">
            <p class="state-title">{title}</p>
            <p class="state-message">{message}</p>
        </div>
    }
}

/// Placeholder cards with varied heights while the first page loads.
#[component]
pub fn SkeletonGrid(count: usize) -> impl IntoView {
    const HEIGHTS: [u32; 6] = [260, 200, 300, 230, 280, 210];
    view! {
        <div class="skeleton-grid" aria-hidden="true">
            {(0..count)
                .map(|i| {
                    let h = HEIGHTS[i % HEIGHTS.len()];
                    view! {
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
