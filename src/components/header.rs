//! The app chrome: brand and primary navigation.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};

use super::icon::{Glyph, Icon};
use crate::routes::search::search_href;

/// The search box: a `search` landmark; submitting goes to `/search?q=`. On the results page
/// it shows the current query.
#[component]
fn SearchBox() -> impl IntoView {
    let navigate = use_navigate();
    let location = use_location();
    let query = use_query_map();
    let value = RwSignal::new(String::new());
    Effect::new(move |_| {
        if location.pathname.get() == "/search" {
            value.set(query.with(|q| q.get("q").unwrap_or_default()));
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = value.get_untracked();
        if !q.trim().is_empty() {
            navigate(&search_href(&q), Default::default());
        }
    };
    view! {
        <form class="search-box" role="search" on:submit=submit>
            <input
                type="search"
                name="q"
                aria-label="Search notes and people"
                placeholder="Search notes, topics, people"
                maxlength="100"
                autocomplete="off"
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <button type="submit" aria-label="Search"><Icon glyph=Glyph::Search size=18/></button>
        </form>
    }
}

#[component]
pub fn Header() -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="app-header">
            <div class="app-header-inner">
                <a class="brand" href="/explore" aria-label="Zhongcao home">
                    <svg class="brand-mark" width="32" height="32" viewBox="0 0 64 64" aria-hidden="true">
                        <rect width="64" height="64" rx="16" fill="var(--brand)"/>
                        <path d="M32 50V26M32 30c-4-9-12-12-18-11 0 8 7 14 18 13M32 26c3-9 11-13 18-12 0 9-8 14-18 14" fill="none" stroke="#fff" stroke-width="4.5" stroke-linecap="round" stroke-linejoin="round"/>
                    </svg>
                    <span class="brand-name">"Zhongcao"</span>
                    <span class="brand-zh" lang="zh-CN">"种草"</span>
                </a>
                <SearchBox/>
                <nav class="primary-nav" aria-label="Primary">
                    <a href="/explore" aria-current="page">"Discover"</a>
                </nav>
            </div>
        </header>
    }
}
