//! `/explore`: the channel bar and the discover feed, with note overlays (`/explore/:id`) as a
//! child route on top, so the feed keeps its data and scroll position underneath.

use api_types::Channel;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_query_map};

use crate::api::{self, FeedSource, FOLLOWING_CHANNEL};
use crate::components::channel_bar::ChannelBar;
use crate::components::feed::InfiniteFeed;
use crate::components::live_row::LiveRow;
use crate::components::people::PersonRow;
use crate::components::states::{EmptyState, SkeletonGrid};
use crate::components::ui::Button;
use crate::i18n::{msg, t};
use crate::lazy::Lazy;
use crate::session::{signed_in_hint, use_auth};

pub const DEFAULT_CHANNEL: &str = api::FOR_YOU_CHANNEL;

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

    // Fetched once the feed is first shown: a note opened directly does not need them.
    let channels = RwSignal::new(Vec::<Channel>::new());
    let fetch_channels = move || {
        spawn_local(async move {
            if let Ok(mut list) = api::channels().await {
                // "Following" sits before the recommended feed, as on the real app.
                list.insert(
                    0,
                    Channel {
                        slug: FOLLOWING_CHANNEL.to_string(),
                        // Ours, not the server's: its name in the interface language.
                        name_en: t(msg::explore::FOLLOWING_CHANNEL).to_string(),
                        name_zh: t(msg::explore::FOLLOWING_CHANNEL).to_string(),
                    },
                );
                channels.set(list);
            }
        })
    };
    Effect::new(move |fetched: Option<bool>| {
        if fetched == Some(true) || !feed_shown.get() {
            return fetched.unwrap_or(false);
        }
        fetch_channels();
        true
    });
    let auth = use_auth();
    let on_following = Memo::new(move |_| channel.get() == FOLLOWING_CHANNEL);
    // For you: a signed-in reader's own ranked list; guests read the public "recommend" page
    // (inline in the document). Until the session check answers, a browser that was signed
    // in last time waits (skeletons) rather than paint the public list and swap it; a guest
    // paints at once. Signing in or out changes the source, which reloads the feed.
    let for_you = Memo::new(move |_| channel.get() == DEFAULT_CHANNEL);
    let hinted = signed_in_hint();
    let waiting = Memo::new(move |_| for_you.get() && hinted && !auth.checked.get());
    let personal = Memo::new(move |_| auth.user_id().is_some());
    // A guest whose browser recorded a signal (a note read, "Not interested") gets their own
    // ranking too, through its anonymous id; read at load and when the tab is pressed again.
    let guest_taste = RwSignal::new(crate::guest::has_taste());
    let source = Memo::new(move |_| {
        if for_you.get() && (personal.get() || guest_taste.get()) {
            FeedSource::ForYou
        } else {
            FeedSource::Channel(channel.get())
        }
    });
    // Pressing the current channel again re-reads it (For you re-ranks).
    let refresh = RwSignal::new(0u32);
    let on_reselect = Callback::new(move |()| {
        window().scroll_to_with_x_and_y(0.0, 0.0);
        guest_taste.set(crate::guest::has_taste());
        refresh.update(|r| *r += 1);
    });
    let feed = move || {
        if waiting.get() {
            return view! { <section class="feed"><SkeletonGrid count=12/></section> }.into_any();
        }
        if !on_following.get() {
            return view! {
                <InfiniteFeed source=source label=t(msg::explore::DISCOVER_NOTES) refresh=refresh/>
            }
            .into_any();
        }
        if !auth.checked.get() {
            return ().into_any();
        }
        match auth.user_id() {
            None => view! {
                <EmptyState title=t(msg::explore::SEE_WHAT_PEOPLE_FOLLOW_POST)
                    message=t(msg::explore::SIGN_GET_FEED_NEWEST_NOTES)>
                    <Button on_click=Callback::new(move |_| auth.open_sheet())>{t(msg::common::SIGN)}</Button>
                </EmptyState>
            }
            .into_any(),
            // Keyed on the user: a different account starts a fresh feed.
            Some(_) => view! {
                <InfiniteFeed
                    source=Signal::stored(FeedSource::Following)
                    label=t(msg::explore::NOTES_FROM_PEOPLE_FOLLOW)
                    empty_title=t(msg::explore::FOLLOWING_FEED_EMPTY)
                    empty_message=t(msg::explore::FOLLOW_SOME_CREATORS_THEIR_NEWEST)
                    empty_extra=|| view! { <Lazy load=suggested_creators::load/> }
                />
            }
            .into_any(),
        }
    };

    view! {
        <Show when=move || feed_shown.get()>
            <div class="discover">
                <h1 class="visually-hidden">{t(msg::common::DISCOVER)}</h1>
                <ChannelBar channels=channels selected=channel on_reselect=on_reselect live=true/>
                <LiveRow/>
                {feed}
            </div>
        </Show>
        <Outlet/>
    }
}

// The people list of an empty following feed comes with the `pages` chunk (people, profiles):
// the first load of Discover does not carry it.
lazy_view!(
    suggested_creators,
    pages,
    view! { <crate::routes::explore::SuggestedCreators/> }
);

/// Popular creators to follow, for an empty following feed.
#[component]
pub fn SuggestedCreators() -> impl IntoView {
    let people = RwSignal::new(Vec::new());
    spawn_local(async move {
        if let Ok(page) = api::suggested_creators().await {
            people.set(page.items);
        }
    });
    view! {
        <Show when=move || people.with(|p| !p.is_empty())>
            <section class="suggested" aria-labelledby="suggested-heading">
                <h2 id="suggested-heading">{t(msg::explore::CREATORS_MIGHT_LIKE)}</h2>
                <ul class="user-results">
                    <For each=move || people.get() key=|p| p.user.id let:p>
                        <PersonRow profile=p/>
                    </For>
                </ul>
            </section>
        </Show>
    }
}
