//! The "More" menu on a For-you card: "Not interested" and "Why am I seeing this?". A menu
//! button (`aria-haspopup="menu"`) with a small popover above it; arrows move between the
//! items, Escape closes and focus goes back to the button; leaving it (Tab, a tap elsewhere)
//! closes it too.

use api_types::{Channel, FeedReason};
use leptos::prelude::*;
use stylers_macro::style;
use wasm_bindgen::JsCast;

use crate::i18n::{is_zh, msg, t, tf};

/// Provided by a feed whose cards get the menu (the signed-in For-you list).
#[derive(Clone, Copy)]
pub struct CardMenuHost {
    /// Whether cards show the menu now.
    pub enabled: Signal<bool>,
    /// "Not interested": takes the card out of the feed (with an undo).
    pub hide: Callback<i64>,
}

/// What the popover shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    Closed,
    Menu,
    Why,
}

/// Longest note title quoted in a reason, in characters.
const QUOTE_CHARS: usize = 24;

fn quote(title: &str) -> String {
    let mut chars = title.chars();
    let head: String = chars.by_ref().take(QUOTE_CHARS).collect();
    if chars.next().is_some() {
        format!("{}…", head.trim_end())
    } else {
        head
    }
}

fn channel_name(channel: &Channel) -> &str {
    if is_zh() {
        &channel.name_zh
    } else {
        &channel.name_en
    }
}

/// "Why am I seeing this?" in a sentence, in the interface language. `None`: the server gave
/// no reason (older servers, or a note ranked by the general score alone).
pub fn reason_text(reason: Option<&FeedReason>) -> String {
    match reason {
        Some(FeedReason::Following { author }) => {
            tf(msg::card_menu::REASON_FOLLOWING, &[("author", author)])
        }
        Some(FeedReason::AlsoLiked { note_title }) => tf(
            msg::card_menu::REASON_ALSO_LIKED,
            &[("title", &quote(note_title))],
        ),
        Some(FeedReason::Channel { channel }) => tf(
            msg::card_menu::REASON_CHANNEL,
            &[("channel", &channel_name(channel))],
        ),
        Some(FeedReason::Topic { topic }) => tf(msg::card_menu::REASON_TOPIC, &[("topic", topic)]),
        Some(FeedReason::Popular { channel }) => tf(
            msg::card_menu::REASON_POPULAR,
            &[("channel", &channel_name(channel))],
        ),
        Some(FeedReason::Fresh) => t(msg::card_menu::NEW_NOTE_HELP_EXPLORE_BEYOND).to_string(),
        // The public For-you page (a guest who has not taught it anything yet).
        None => t(msg::card_menu::POPULAR_ZHONGCAO_RIGHT_NOW_READ).to_string(),
    }
}

fn items_of(menu: &web_sys::Element) -> Vec<web_sys::HtmlElement> {
    let Ok(list) = menu.query_selector_all("[role=menuitem]") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

/// Focuses item `index` of the menu (negative: from the end), a frame after it was drawn.
fn focus_item(menu: NodeRef<leptos::html::Div>, index: i32) {
    request_animation_frame(move || {
        let Some(menu) = menu.get_untracked() else {
            return;
        };
        let items = items_of(&menu);
        let len = items.len() as i32;
        if len == 0 {
            return;
        }
        let i = index.rem_euclid(len) as usize;
        let _ = items[i].focus();
    });
}

#[component]
pub fn CardMenu(
    note_id: i64,
    title: String,
    reason: Option<FeedReason>,
    /// Shared with the card, which lifts itself above its neighbours while this is open.
    panel: RwSignal<Panel>,
    host: CardMenuHost,
) -> impl IntoView {
    let class = style! {
        .more {
            position: relative;
            flex-shrink: 0;
            margin-right: -4px;
        }
        /* 24 px drawn, 44 px to touch (the box reaches past the row, invisibly). */
        .more-btn {
            position: relative;
            display: grid;
            place-items: center;
            width: 24px;
            height: 24px;
            padding: 0;
            border: 0;
            border-radius: 999px;
            background: transparent;
            color: var(--text-2);
            cursor: pointer;
        }
        .more-btn::after {
            content: "";
            position: absolute;
            inset: -10px;
        }
        .more-btn:hover,
        .more-btn[aria-expanded="true"] {
            background: var(--surface-2);
            color: var(--text-1);
        }
        .more-btn:focus-visible {
            outline: 3px solid var(--focus);
            outline-offset: 1px;
        }
        .pop {
            position: absolute;
            right: 0;
            bottom: calc(100% + 8px);
            z-index: 2;
            min-width: 176px;
            max-width: 232px;
            padding: 6px;
            border-radius: var(--radius-md);
            background: var(--surface);
            color: var(--text-1);
            box-shadow: var(--shadow-2);
            border: 1px solid var(--surface-3);
            animation: rise var(--motion-fast) ease-out;
        }
        .item {
            display: flex;
            align-items: center;
            width: 100%;
            min-height: 44px;
            padding: 0 12px;
            border: 0;
            border-radius: var(--radius-sm);
            background: transparent;
            color: var(--text-1);
            font: inherit;
            font-size: 14px;
            text-align: left;
            white-space: nowrap;
            cursor: pointer;
        }
        .item:hover,
        .item:focus-visible {
            background: var(--surface-2);
            outline: none;
        }
        .why {
            width: 224px;
            max-width: none;
            padding: 12px 14px;
            font-size: 13px;
            line-height: 1.5;
            white-space: normal;
        }
        .why:focus {
            outline: none;
        }
        .why-title {
            margin: 0 0 4px;
            font-weight: 600;
            font-size: 13px;
        }
        .why-text {
            margin: 0;
            color: var(--text-2);
        }
        @media (min-width: 768px) {
            .more-btn::after {
                inset: -4px;
            }
            .item {
                min-height: 38px;
            }
        }
    };
    let root = NodeRef::<leptos::html::Div>::new();
    let button = NodeRef::<leptos::html::Button>::new();
    let menu = NodeRef::<leptos::html::Div>::new();
    let menu_id = format!("card-menu-{note_id}");
    let label = tf(msg::card_menu::MORE_OPTIONS_TITLE, &[("title", &title)]);
    let why = reason_text(reason.as_ref());
    let open = move |focus_index: i32| {
        panel.set(Panel::Menu);
        focus_item(menu, focus_index);
    };
    let close_to_button = move || {
        panel.set(Panel::Closed);
        if let Some(b) = button.get_untracked() {
            let _ = b.focus();
        }
    };
    let on_button_key = move |e: web_sys::KeyboardEvent| match e.key().as_str() {
        "ArrowDown" => {
            e.prevent_default();
            open(0);
        }
        "ArrowUp" => {
            e.prevent_default();
            open(-1);
        }
        _ => {}
    };
    let on_menu_key = move |e: web_sys::KeyboardEvent| {
        let Some(el) = menu.get_untracked() else {
            return;
        };
        let items = items_of(&el);
        let current = document().active_element();
        let at = items
            .iter()
            .position(|i| current.as_ref() == Some(i.unchecked_ref()))
            .map_or(-1, |p| p as i32);
        let target = match e.key().as_str() {
            "ArrowDown" => at + 1,
            "ArrowUp" => at - 1,
            "Home" => 0,
            "End" => -1,
            "Escape" => {
                e.prevent_default();
                e.stop_propagation();
                close_to_button();
                return;
            }
            _ => return,
        };
        e.prevent_default();
        focus_item(menu, target);
    };
    // Focus leaving the menu and its button (Tab, a tap elsewhere) closes it.
    let on_focus_out = move |e: web_sys::FocusEvent| {
        let inside = e
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .zip(root.get_untracked())
            .is_some_and(|(t, r)| r.contains(Some(&t)));
        if !inside {
            panel.set(Panel::Closed);
        }
    };
    let not_interested = move |_| {
        panel.set(Panel::Closed);
        host.hide.run(note_id);
    };
    let show_why = move |_| {
        panel.set(Panel::Why);
        if let Some(b) = button.get_untracked() {
            let _ = b.focus();
        }
    };
    let menu_label = t(msg::card_menu::CARD_OPTIONS);
    let menu_id_ref = menu_id.clone();
    view! { class=class,
        <div class="more" node_ref=root on:focusout=on_focus_out
            on:keydown=move |e: web_sys::KeyboardEvent| {
                // Escape closes whatever is open, also when focus has not reached the menu yet
                // (the button that just opened it still has it).
                if e.key() == "Escape" && panel.get_untracked() != Panel::Closed {
                    e.prevent_default();
                    close_to_button();
                }
            }>
            <button
                type="button"
                class="more-btn"
                node_ref=button
                aria-label=label
                aria-haspopup="menu"
                aria-expanded=move || (panel.get() == Panel::Menu).to_string()
                aria-controls=move || (panel.get() == Panel::Menu).then(|| menu_id_ref.clone())
                on:click=move |_| {
                    if panel.get_untracked() == Panel::Menu {
                        panel.set(Panel::Closed);
                    } else {
                        open(0);
                    }
                }
                on:keydown=on_button_key
            >
                <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <circle cx="5" cy="12" r="2" fill="currentColor"/>
                    <circle cx="12" cy="12" r="2" fill="currentColor"/>
                    <circle cx="19" cy="12" r="2" fill="currentColor"/>
                </svg>
            </button>
            <Show when=move || panel.get() == Panel::Menu>
                <div class="pop" role="menu" id=menu_id.clone() aria-label=menu_label node_ref=menu
                    on:keydown=on_menu_key>
                    <button type="button" class="item" role="menuitem" tabindex="-1" on:click=not_interested>
                        {t(msg::card_menu::NOT_INTERESTED)}
                    </button>
                    <button type="button" class="item" role="menuitem" tabindex="-1" on:click=show_why>
                        {t(msg::card_menu::WHY_AM_I_SEEING)}
                    </button>
                </div>
            </Show>
            <Show when=move || panel.get() == Panel::Why>
                // Focusable, so a tap on it keeps it open (focus stays inside).
                <div class="pop why" role="status" tabindex="-1">
                    <p class="why-title">{t(msg::card_menu::WHY_AM_I_SEEING)}</p>
                    <p class="why-text">{why.clone()}</p>
                </div>
            </Show>
        </div>
    }
}
