//! `/explore`: the channel bar and the discover feed, with note overlays (`/explore/:id`) as a
//! child route on top, so the feed keeps its data and scroll position underneath.

use api_types::Channel;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_query_map};

use crate::api::{self, FeedSource};
use crate::components::channel_bar::ChannelBar;
use crate::components::feed::InfiniteFeed;

pub const DEFAULT_CHANNEL: &str = "recommend";

/// Whether the feed is on screen under the note route (overlay) or not (a directly loaded note
/// renders as a page).
#[derive(Clone, Copy)]
pub struct FeedUnderneath(pub ReadSignal<bool>);

fn is_note_path(path: &str) -> bool {
    path.trim_end_matches('/')
        .strip_prefix("/explore/")
        .is_some_and(|rest| !rest.is_empty())
}

#[component]
pub fn ExploreShell() -> impl IntoView {
    let location = use_location();
    let query = use_query_map();
    let (feed_shown, set_feed_shown) = signal(!is_note_path(&location.pathname.get_untracked()));
    Effect::new(move |_| {
        if !is_note_path(&location.pathname.get()) {
            set_feed_shown.set(true);
        }
    });
    provide_context(FeedUnderneath(feed_shown));

    // The channel only follows the URL on /explore itself: opening a note (whose URL has no
    // `?channel=`) must not reset the feed underneath.
    let channel = Memo::new(move |prev: Option<&String>| {
        let from_url = query
            .with(|q| q.get("channel"))
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| DEFAULT_CHANNEL.to_string());
        match prev {
            Some(prev) if is_note_path(&location.pathname.get()) => prev.clone(),
            _ => from_url,
        }
    });

    let channels = RwSignal::new(Vec::<Channel>::new());
    spawn_local(async move {
        if let Ok(list) = api::channels().await {
            channels.set(list);
        }
    });
    let source = Signal::derive(move || FeedSource::Channel(channel.get()));

    view! {
        <Show when=move || feed_shown.get()>
            <div class="discover">
                <h1 class="visually-hidden">"Discover"</h1>
                <ChannelBar channels=channels selected=channel/>
                <InfiniteFeed source=source label="Discover notes"/>
            </div>
        </Show>
        <Outlet/>
    }
}
