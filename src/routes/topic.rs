//! `/topic/:name?sort=newest`: every note tagged with a #topic, in the masonry feed, with
//! Hot (the default) and Newest tabs kept in the URL.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::FeedSource;
use crate::components::feed::InfiniteFeed;
use crate::components::ui::{Tab, Tabs};
use crate::i18n::{msg, t, tf};

#[component]
pub fn TopicPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let name = Memo::new(move |_| params.with(|p| p.get("name").unwrap_or_default()));
    let newest = Memo::new(move |_| query.with(|q| q.get("sort").as_deref() == Some("newest")));
    let source = Signal::derive(move || {
        if newest.get() {
            FeedSource::TopicNewest(name.get())
        } else {
            FeedSource::Topic(name.get())
        }
    });
    let href = move |sort: Option<&str>| {
        let base = format!("/topic/{}", js_sys::encode_uri_component(&name.get()));
        match sort {
            Some(s) => format!("{base}?sort={s}"),
            None => base,
        }
    };
    let tabs = Signal::derive(move || {
        vec![
            Tab {
                label: t(msg::topic::HOT).to_string(),
                href: href(None),
                count: 0,
                ..Default::default()
            },
            Tab {
                label: t(msg::common::NEWEST).to_string(),
                href: href(Some("newest")),
                count: 0,
                ..Default::default()
            },
        ]
    });
    let label = tf(msg::topic::NOTES_ABOUT, &[("name", &name.get_untracked())]);
    view! {
        <div class="topic-page">
            <header class="page-header">
                <span class="topic-icon" aria-hidden="true">"#"</span>
                <div>
                    <h1>{move || name.get()}</h1>
                    <p class="page-sub">{t(msg::topic::NOTES_TAGGED_TOPIC)}</p>
                </div>
            </header>
            <Tabs label=t(msg::topic::ORDER) tabs=tabs current=Signal::derive(move || usize::from(newest.get()))/>
            <InfiniteFeed source=source label=label/>
        </div>
    }
}
