//! The app chrome: brand and primary navigation.

use leptos::prelude::*;

use super::search_box::SearchBox;

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
