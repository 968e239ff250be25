//! Livestream shopping (issue 17): `/live` (rooms live now, then replays), `/live/:id` (a
//! room: `room.rs` the page, `chat.rs`, `shopping.rs` the pinned card, products and buying,
//! `host.rs` the host's controls) and `/live/new` (`go_live.rs`: camera, products, on air).

use api_types::{LiveRoomCard, LiveStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError};
use crate::components::avatar::Avatar;
use crate::components::picture::Picture;
use crate::components::states::ErrorState;
use crate::components::ui::{Button, ButtonSize};
use crate::format;
use crate::i18n::{msg, t, tf};

mod chat;
pub mod go_live;
mod host;
pub mod room;
mod shopping;

pub use go_live::GoLivePage;
pub use room::LiveRoomPage;

#[component]
pub fn LiveListPage() -> impl IntoView {
    let live = RwSignal::new(None::<Result<Vec<LiveRoomCard>, ApiError>>);
    let replays = RwSignal::new(None::<Result<Vec<LiveRoomCard>, ApiError>>);
    let load = move || {
        spawn_local(async move {
            let now = api::live_rooms(LiveStatus::Live, None).await;
            let _ = live.try_set(Some(now.map(|p| p.items)));
            let past = api::live_rooms(LiveStatus::Ended, None).await;
            let _ = replays.try_set(Some(past.map(|p| p.items)));
        });
    };
    load();
    let section = move |rooms: RwSignal<Option<Result<Vec<LiveRoomCard>, ApiError>>>,
                        empty: crate::i18n::Msg| {
        move || {
            match rooms.get() {
            None => view! { <div class="live-grid"><div class="live-card skeleton shimmer"></div><div class="live-card skeleton shimmer"></div></div> }.into_any(),
            Some(Err(e)) => view! { <ErrorState message=e.to_string() on_retry=Callback::new(move |()| load())/> }.into_any(),
            Some(Ok(items)) if items.is_empty() => view! { <p class="muted">{t(empty)}</p> }.into_any(),
            Some(Ok(items)) => view! {
                <ul class="live-grid" role="list">
                    {items.into_iter().map(|room| view! { <li><RoomCard room=room/></li> }).collect_view()}
                </ul>
            }.into_any(),
        }
        }
    };
    view! {
        <div class="page live-list-page">
            <div class="live-list-head">
                <h1>{t(msg::live::LIVE)}</h1>
                <Button href="/live/new" size=ButtonSize::Small>{t(msg::live::GO_LIVE)}</Button>
            </div>
            <h2 class="live-section-title">{t(msg::live::LIVE_NOW)}</h2>
            {section(live, msg::live::NO_ONE_LIVE)}
            <h2 class="live-section-title">{t(msg::live::REPLAYS)}</h2>
            {section(replays, msg::live::NO_REPLAYS)}
        </div>
    }
}

/// A room in the lists: its cover (the first product, or the host), LIVE or replay, viewers.
#[component]
fn RoomCard(room: LiveRoomCard) -> impl IntoView {
    let is_live = room.status == LiveStatus::Live;
    let count = if is_live {
        tf(
            msg::live::WATCHING,
            &[("count", &format::count(room.viewers))],
        )
    } else {
        tf(
            msg::live::PEAK_VIEWERS,
            &[("count", &format::count(room.peak_viewers))],
        )
    };
    view! {
        <a class="live-card" href=format!("/live/{}", room.id)>
            <span class="live-card-cover">
                {match room.cover.clone() {
                    Some(image) => view! { <Picture image=image sizes="(max-width: 720px) 50vw, 240px" alt=""/> }.into_any(),
                    None => view! { <Avatar user=room.host.clone() size=96/> }.into_any(),
                }}
                <span class="live-card-tags">
                    {if is_live {
                        view! { <span class="live-badge">{t(msg::live::LIVE_BADGE)}</span> }.into_any()
                    } else {
                        view! { <span class="live-tag">{t(msg::live::REPLAY)}</span> }.into_any()
                    }}
                    {room.is_demo.then(|| view! { <span class="live-tag">{t(msg::live::DEMO)}</span> })}
                </span>
                <span class="live-card-count">{count}</span>
            </span>
            <span class="live-card-title">{room.title.clone()}</span>
            <span class="live-card-host">
                <Avatar user=room.host.clone() size=20/>
                <span>{room.host.display_name.clone()}</span>
            </span>
        </a>
    }
}
