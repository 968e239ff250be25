//! `/live/:id`: a room. Live: the video full screen on phones (chat, the pinned card and the
//! actions over its lower part), beside a side panel on wide screens; ended: the replay with
//! the chat history beside it. The host gets the controls (`host.rs`).

use api_types::{LiveRoomDetail, LiveStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use send_wrapper::SendWrapper;

use super::chat::{ChatComposer, ChatList, ReplayChat, ReplayClock};
use super::host::EndLiveButton;
use super::shopping::{BuySheet, PinnedCard, ProductsSheet, ReplayProducts};
use crate::api::{self, ApiError};
use crate::components::avatar::Avatar;
use crate::components::icon::{Glyph, Icon};
use crate::components::live_player::{LivePlayer, ReplayPlayer};
use crate::components::people::FollowButton;
use crate::components::states::ErrorState;
use crate::components::ui::Spinner;
use crate::format;
use crate::hooks::use_live_events::{use_live_events, LiveEvents};
use crate::i18n::{msg, t, tf};
use crate::routes::not_found::NotFound;
use crate::session::use_auth;

/// How often an ended room is asked again for its replay (it is written as the room ends).
const REPLAY_RETRY_MS: u64 = 1500;

#[component]
pub fn LiveRoomPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok())));
    move || match id.get() {
        Some(id) => view! { <RoomLoader id=id/> }.into_any(),
        None => view! { <NotFound/> }.into_any(),
    }
}

/// Loads room `id` and shows it live or ended. `preview` is the host's own camera, when the
/// room was just started from this page (`go_live.rs`): shown instead of the stream.
#[component]
pub fn RoomLoader(
    id: i64,
    #[prop(optional_no_strip)] preview: Option<SendWrapper<web_sys::MediaStream>>,
) -> impl IntoView {
    let auth = use_auth();
    let detail = RwSignal::new(None::<Result<LiveRoomDetail, ApiError>>);
    let tries = StoredValue::new(0u32);
    let loaded_for = RwSignal::new(0u32);
    let load = move || {
        spawn_local(async move {
            let answer = api::live_room(id).await;
            // An ended room's replay may still be being written: ask again a few times.
            let waiting =
                matches!(&answer, Ok(d) if d.status == LiveStatus::Ended && d.replay_url.is_none());
            // Who was reading when it was asked: a sign-in rebuilds the room (its sockets too).
            let _ = loaded_for.try_set(auth.viewer_epoch.get_untracked());
            let _ = detail.try_set(Some(answer));
            if waiting && tries.try_get_value().is_some_and(|n| n < 4) {
                tries.update_value(|n| *n += 1);
                let reload = move || {
                    spawn_local(async move {
                        if let Ok(d) = api::live_room(id).await {
                            if d.replay_url.is_some() {
                                let _ = detail.try_set(Some(Ok(d)));
                            }
                        }
                    })
                };
                set_timeout(reload, std::time::Duration::from_millis(REPLAY_RETRY_MS));
            }
        });
    };
    // Who is reading changes what the room says (host, muted, following).
    Effect::new(move |_| {
        auth.viewer_epoch.track();
        load();
    });
    let preview = StoredValue::new(preview);
    let on_ended = Callback::new(move |()| load());
    // What is shown changes only with the room's state: a second answer saying the same
    // (the end is told by both sockets) must not rebuild the player under the reader.
    let shape = Memo::new(move |_| {
        let state = detail.with(|d| match d {
            None => 0,
            Some(Err(_)) => 1,
            Some(Ok(d)) if d.status == LiveStatus::Live => 2,
            Some(Ok(d)) if d.replay_url.is_none() => 3,
            Some(Ok(_)) => 4,
        });
        (loaded_for.get(), state)
    });
    move || {
        // Read, not just tracked: a memo decides whether it changed when it is read.
        let _ = shape.get();
        match detail.get_untracked() {
        None => view! { <div class="live-loading"><Spinner/></div> }.into_any(),
        Some(Err(e)) if e.is_not_found() => view! { <NotFound/> }.into_any(),
        Some(Err(e)) => view! {
            <div class="page"><ErrorState message=e.to_string() on_retry=Callback::new(move |()| load())/></div>
        }
        .into_any(),
        Some(Ok(d)) if d.status == LiveStatus::Live => {
            view! { <LiveRoom detail=d on_ended=on_ended preview=preview.get_value()/> }.into_any()
        }
        Some(Ok(d)) => view! { <EndedRoom detail=d/> }.into_any(),
    }
    }
}

#[component]
fn LiveRoom(
    detail: LiveRoomDetail,
    on_ended: Callback<()>,
    preview: Option<SendWrapper<web_sys::MediaStream>>,
) -> impl IntoView {
    let id = detail.id;
    let events = use_live_events(id);
    events.viewers.set(detail.viewers);
    events.likes.set(detail.likes);
    events.pinned.set(detail.pinned.clone());
    events.chat.set(detail.recent_chat.clone());
    events.muted.set(detail.viewer_muted);
    Effect::new(move |_| {
        if events.ended.get() {
            on_ended.run(());
        }
    });
    let is_host = detail.viewer_is_host;
    let products = StoredValue::new(detail.products.clone());
    let sheet_open = RwSignal::new(false);
    let buying = RwSignal::new(None::<i64>);
    let hearts: HeartList = RwSignal::new(Vec::new());
    let stage = match preview {
        Some(stream) => view! { <SelfPreview stream=stream/> }.into_any(),
        None => view! { <LivePlayer room_id=id title=detail.title.clone() ended=events.ended/> }
            .into_any(),
    };
    view! {
        <section class="live-room" class:is-host=is_host aria-label=detail.title.clone()>
            <div class="live-stage">
                {stage}
                <RoomTop detail=detail.clone() events=events/>
                <Hearts events=events hearts=hearts/>
            </div>
            <aside class="live-side">
                <h1 class="live-title">{detail.title.clone()}</h1>
                <PinnedCard room_id=id events=events is_host=is_host buying=buying/>
                <ChatList room_id=id events=events is_host=is_host/>
                <div class="live-actions">
                    <ChatComposer events=events/>
                    <button type="button" class="live-round" on:click=move |_| sheet_open.set(true)>
                        <Icon glyph=Glyph::Bag size=22/>
                        // The name is what shows: "Products" and the count.
                        <span class="visually-hidden">{t(msg::live::PRODUCTS)}" "</span>
                        <span class="live-round-count">{products.with_value(|p| p.len())}</span>
                    </button>
                    <LikeButton events=events hearts=hearts/>
                </div>
            </aside>
            <Show when=move || sheet_open.get()>
                <ProductsSheet room_id=id products=products.get_value() events=events is_host=is_host
                    buying=buying on_close=Callback::new(move |()| sheet_open.set(false))/>
            </Show>
            {move || buying.get().map(|product| view! {
                <BuySheet room_id=id product_id=product on_close=Callback::new(move |()| buying.set(None))/>
            })}
        </section>
    }
}

/// The top bar over the video: back, the host (Follow), viewers, LIVE, and End for the host.
#[component]
fn RoomTop(detail: LiveRoomDetail, events: LiveEvents) -> impl IntoView {
    let host = detail.host.user.clone();
    let following = RwSignal::new(detail.host.followed_by_viewer);
    let viewers = move || {
        tf(
            msg::live::WATCHING,
            &[("count", &format::count(events.viewers.get()))],
        )
    };
    view! {
        <div class="live-top">
            <a class="live-back" href="/live" aria-label=t(msg::live::ALL_LIVE_ROOMS)>
                <Icon glyph=Glyph::ChevronLeft size=22/>
            </a>
            <div class="live-host">
                <a class="live-host-link" href=format!("/user/{}", host.id)>
                    <Avatar user=host.clone() size=36/>
                    <span class="live-host-text">
                        <span class="live-host-name">{host.display_name.clone()}</span>
                        <span class="live-viewers" data-testid="live-viewers">{viewers}</span>
                    </span>
                </a>
                <FollowButton user_id=host.id name=host.display_name.clone() following=following/>
            </div>
            <span class="live-top-tags">
                <span class="live-badge">{t(msg::live::LIVE_BADGE)}</span>
                {detail.is_demo.then(|| view! { <span class="live-tag">{t(msg::live::DEMO)}</span> })}
            </span>
            {detail.viewer_is_host.then(|| view! { <EndLiveButton room_id=detail.id/> })}
        </div>
    }
}

/// The host's own camera, mirrored like a selfie view (no sound: it would echo).
#[component]
fn SelfPreview(stream: SendWrapper<web_sys::MediaStream>) -> impl IntoView {
    let screen = NodeRef::<leptos::html::Video>::new();
    Effect::new(move |_| {
        if let Some(v) = screen.get() {
            v.set_src_object(Some(&stream));
            let _ = v.play();
        }
    });
    view! {
        <div class="live-player is-self">
            <video node_ref=screen class="live-screen" muted=true autoplay=true playsinline=true
                aria-label=t(msg::live::YOUR_CAMERA)></video>
        </div>
    }
}

/// Like: a heart floats up at every tap; taps go out in batches (`LiveEvents::like`).
#[component]
fn LikeButton(events: LiveEvents, hearts: HeartList) -> impl IntoView {
    let likes = move || format::count(events.likes.get());
    view! {
        <button type="button" class="live-round live-like"
            on:click=move |_| {
                events.like();
                float_heart(hearts);
            }>
            <Icon glyph=Glyph::Heart size=22/>
            // The name is what shows: "Like" and the count.
            <span class="visually-hidden">{t(msg::live::LIKE)}" "</span>
            <span class="live-round-count">{likes}</span>
        </button>
    }
}

/// Hearts floating now: (id, colour).
type HeartList = RwSignal<Vec<(u32, u8)>>;

/// Adds a heart to the room's stream of hearts (removed when its animation ends).
fn float_heart(hearts: HeartList) {
    let n = (js_sys::Math::random() * 1e6) as u32;
    hearts.try_update(|h| {
        if h.len() < 24 {
            h.push((n, (n % 5) as u8));
        }
    });
    set_timeout(
        move || {
            hearts.try_update(|h| h.retain(|(id, _)| *id != n));
        },
        std::time::Duration::from_millis(1400),
    );
}

/// The floating hearts over the video's right edge (decorative).
#[component]
fn Hearts(events: LiveEvents, hearts: HeartList) -> impl IntoView {
    // Other people's likes float a heart too (at most one per update).
    Effect::new(move |previous: Option<i64>| {
        let now = events.likes.get();
        if previous.is_some_and(|p| now > p) && hearts.with_untracked(|h| h.is_empty()) {
            float_heart(hearts);
        }
        now
    });
    view! {
        <div class="live-hearts" aria-hidden="true">
            <For each=move || hearts.get() key=|(id, _)| *id let:heart>
                <span class=format!("live-heart hue-{}", heart.1)>
                    <Icon glyph=Glyph::Heart size=22/>
                </span>
            </For>
        </div>
    }
}

/// An ended room: the recording (when there is one) and the chat as it happened.
#[component]
fn EndedRoom(detail: LiveRoomDetail) -> impl IntoView {
    let room_ms = detail
        .ended_at
        .map_or(0, |end| (end - detail.started_at) * 1000);
    let clock = detail
        .replay_url
        .is_some()
        .then(|| ReplayClock::new(room_ms));
    let host = detail.host.user.clone();
    let following = RwSignal::new(detail.host.followed_by_viewer);
    view! {
        <section class="live-room is-ended" aria-label=detail.title.clone()>
            <div class="live-stage">
                {match (detail.replay_url.clone(), clock) {
                    (Some(src), Some(clock)) => view! {
                        <ReplayPlayer src=src title=detail.title.clone() position_ms=clock.position_ms duration_ms=clock.duration_ms/>
                    }.into_any(),
                    _ => view! {
                        <div class="live-player"><p class="live-player-note" role="status">{t(msg::live::NO_RECORDING)}</p></div>
                    }.into_any(),
                }}
                <div class="live-top">
                    <a class="live-back" href="/live" aria-label=t(msg::live::ALL_LIVE_ROOMS)>
                        <Icon glyph=Glyph::ChevronLeft size=22/>
                    </a>
                    <div class="live-host">
                        <a class="live-host-link" href=format!("/user/{}", host.id)>
                            <Avatar user=host.clone() size=36/>
                            <span class="live-host-text">
                                <span class="live-host-name">{host.display_name.clone()}</span>
                                <span class="live-viewers">{t(msg::live::ENDED)}</span>
                            </span>
                        </a>
                        <FollowButton user_id=host.id name=host.display_name.clone() following=following/>
                    </div>
                    <span class="live-top-tags">
                        <span class="live-tag">{t(msg::live::REPLAY)}</span>
                        {detail.is_demo.then(|| view! { <span class="live-tag">{t(msg::live::DEMO)}</span> })}
                    </span>
                </div>
            </div>
            <aside class="live-side">
                <h1 class="live-title">{detail.title.clone()}</h1>
                <ReplayChat room_id=detail.id clock=clock/>
                <ReplayProducts products=detail.products.clone()/>
            </aside>
        </section>
    }
}
