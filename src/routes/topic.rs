//! `/topic/:name`: every note tagged with a #topic, in the masonry feed.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::FeedSource;
use crate::components::feed::InfiniteFeed;

#[component]
pub fn TopicPage() -> impl IntoView {
    let params = use_params_map();
    let name = Memo::new(move |_| params.with(|p| p.get("name").unwrap_or_default()));
    let source = Signal::derive(move || FeedSource::Topic(name.get()));
    view! {
        <div class="topic-page">
            <header class="page-header">
                <span class="topic-icon" aria-hidden="true">"#"</span>
                <div>
                    <h1>{move || name.get()}</h1>
                    <p class="page-sub">"Notes tagged with this topic"</p>
                </div>
            </header>
            <InfiniteFeed source=source label=format!("Notes about #{}", name.get_untracked())/>
        </div>
    }
}
