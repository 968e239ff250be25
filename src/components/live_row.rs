//! Discover's row of hosts live now (issue 17): round avatars in a red LIVE ring with a small
//! LIVE pill and the host's name, each opening its room, then "All" to `/live`.
//!
//! It sits between the channel bar and the feed, so it must not move the feed: its height is
//! fixed and held from the first frame (the server's first paint holds the same band under its
//! channel row, `style/first-paint.css`), with grey circles until the rooms arrive. The rooms
//! are asked for once the page has loaded (the feed and its pictures go first). No one live
//! (or no answer): the row goes, the one case where the feed moves up.
//! Its code is in the main module (it is on the feed page): keep it small.

use leptos::prelude::*;
use leptos::task::spawn_local;
use stylers_macro::style;
use wasm_bindgen::prelude::*;

use crate::api::{self, LiveNow};
use crate::components::avatar::Avatar;
use crate::components::icon::{Glyph, Icon};
use crate::i18n::{msg, t};

/// Hosts shown at most (the rest are one tap away, behind "All").
const MAX_HOSTS: usize = 12;
/// Grey circles while the rooms load.
const PLACEHOLDERS: usize = 5;

#[component]
pub fn LiveRow() -> impl IntoView {
    // None: loading; Some(empty): nothing to show.
    let rooms = RwSignal::new(None::<Vec<LiveNow>>);
    after_load(move || {
        spawn_local(async move {
            let live = api::live_now(MAX_HOSTS).await.unwrap_or_default();
            let _ = rooms.try_set(Some(live));
        })
    });
    let class = style! {
        section {
            height: 100px;
            margin: 0 0 8px;
        }
        ul {
            display: flex;
            gap: 12px;
            height: 100%;
            margin: 0;
            padding: 4px 2px 0;
            list-style: none;
            overflow-x: auto;
            scrollbar-width: none;
        }
        a, .slot {
            display: flex;
            flex-direction: column;
            align-items: center;
            gap: 8px;
            width: 72px;
            color: var(--text-1);
            text-decoration: none;
        }
        .ring {
            position: relative;
            display: grid;
            place-items: center;
            flex-shrink: 0;
            width: 64px;
            height: 64px;
            border-radius: 50%;
            background: linear-gradient(45deg, #ff8a3d, #ff2d55 50%, #e0183a);
        }
        .ring .avatar {
            width: 58px;
            height: 58px;
            border: 2px solid var(--bg);
            border-radius: 50%;
            background: var(--surface-2);
            object-fit: cover;
        }
        .pill {
            position: absolute;
            left: 50%;
            bottom: -6px;
            transform: translateX(-50%);
            padding: 0 6px;
            border: 2px solid var(--bg);
            border-radius: 999px;
            background: var(--brand);
            color: #fff;
            font-size: 10px;
            font-weight: 700;
            line-height: 14px;
            white-space: nowrap;
        }
        .name {
            max-width: 72px;
            overflow: hidden;
            font-size: 12px;
            line-height: 16px;
            text-overflow: ellipsis;
            white-space: nowrap;
        }
        .all .ring, .slot .ring {
            background: var(--surface-2);
            color: var(--text-2);
        }
        a:hover .name {
            color: var(--brand-text);
        }
    };
    move || {
        let items = rooms.get();
        if items.as_ref().is_some_and(Vec::is_empty) {
            return None;
        }
        let list = match items {
            None => (0..PLACEHOLDERS)
                .map(|_| {
                    view! { class=class, <li class="slot"><span class="ring"></span></li> }
                        .into_any()
                })
                .collect::<Vec<_>>(),
            Some(items) => items
                .into_iter()
                .map(|room| {
                    view! { class=class,
                        <li>
                            <a href=format!("/live/{}", room.id)>
                                <span class="ring">
                                    <Avatar user=room.host.clone() size=58/>
                                    <span class="pill">{t(msg::explore::LIVE_PILL)}</span>
                                </span>
                                <span class="name">{room.host.display_name}</span>
                            </a>
                        </li>
                    }
                    .into_any()
                })
                .chain(std::iter::once(
                    view! { class=class,
                        <li>
                            <a class="all" href="/live">
                                <span class="ring"><Icon glyph=Glyph::ChevronRight size=24/></span>
                                <span class="name">{t(msg::explore::ALL_LIVE)}</span>
                            </a>
                        </li>
                    }
                    .into_any(),
                ))
                .collect(),
        };
        Some(view! { class=class,
            <section aria-label=t(msg::explore::LIVE_NOW)>
                <ul>{list}</ul>
            </section>
        })
    }
}

/// Runs `f` once the document has loaded (at once if it has).
fn after_load(f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let loaded = window
        .document()
        .is_some_and(|d| d.ready_state() == "complete");
    if loaded {
        f();
        return;
    }
    let once = web_sys::AddEventListenerOptions::new();
    once.set_once(true);
    let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
        "load",
        Closure::once_into_js(f).unchecked_ref(),
        &once,
    );
}
