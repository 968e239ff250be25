//! A room's chat: the running list (text nodes only; demo messages marked; the host can
//! remove a message or mute its writer), the composer (signed in and not muted), and an ended
//! room's history in step with its replay.

use api_types::{ChatMessage, ClientEvent, CHAT_MAX_CHARS};
use leptos::html::Ol;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::toast::use_toasts;
use crate::hooks::use_live_events::LiveEvents;
use crate::i18n::{msg, t, tf};
use crate::session::use_auth;

/// Pages of history read for a replay (50 messages each).
const HISTORY_PAGES: usize = 6;

#[component]
pub fn ChatList(room_id: i64, events: LiveEvents, is_host: bool) -> impl IntoView {
    let list = NodeRef::<Ol>::new();
    // New messages scroll into view (the newest sit at the bottom, above the composer).
    Effect::new(move |_| {
        events.chat.track();
        if let Some(el) = list.get() {
            el.set_scroll_top(el.scroll_height());
        }
    });
    view! {
        <ol class="live-chat" node_ref=list aria-label=t(msg::live::CHAT) aria-live="polite" data-testid="live-chat" tabindex="0">
            <For each=move || events.chat.get() key=|m| m.id let:message>
                <ChatLine room_id=room_id message=message is_host=is_host/>
            </For>
        </ol>
    }
}

#[component]
fn ChatLine(room_id: i64, message: ChatMessage, is_host: bool) -> impl IntoView {
    let toasts = use_toasts();
    let writer = message.user.id;
    let mid = message.id;
    let actions = (is_host && !message.by_host).then(|| {
        let remove = move |_| {
            spawn_local(async move {
                if let Err(e) = api::remove_chat_message(room_id, mid).await {
                    toasts.show(e.to_string());
                }
            });
        };
        let name = message.user.display_name.clone();
        let mute = move |_| {
            let name = name.clone();
            spawn_local(async move {
                match api::set_live_mute(room_id, writer, true).await {
                    Ok(()) => toasts.show(tf(msg::live::MUTED_NAME, &[("name", &name)])),
                    Err(e) => toasts.show(e.to_string()),
                }
            });
        };
        view! {
            <span class="live-chat-actions">
                <button type="button" on:click=remove>{t(msg::live::REMOVE)}</button>
                <button type="button" on:click=mute>{t(msg::live::MUTE)}</button>
            </span>
        }
    });
    view! {
        <li class="live-chat-line" class:is-demo=message.is_demo class:by-host=message.by_host>
            <span class="live-chat-name">{message.user.display_name.clone()}</span>
            {message.by_host.then(|| view! { <span class="live-chat-tag">{t(msg::live::HOST)}</span> })}
            {message.is_demo.then(|| view! { <span class="live-chat-tag">{t(msg::live::DEMO)}</span> })}
            " "
            <span class="live-chat-text">{message.text.clone()}</span>
            {actions}
        </li>
    }
}

/// The message field: guests get the sign-in sheet, muted readers a disabled field.
#[component]
pub fn ChatComposer(events: LiveEvents) -> impl IntoView {
    let auth = use_auth();
    let toasts = use_toasts();
    let text = RwSignal::new(String::new());
    // Refusals (too fast, muted) come back on the socket.
    Effect::new(move |_| {
        if let Some(notice) = events.notice.get() {
            toasts.show(notice);
            events.notice.set(None);
        }
    });
    let send = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let body = text.get_untracked().trim().to_string();
        if body.is_empty() {
            return;
        }
        auth.require(Callback::new(move |()| {
            if events.send(&ClientEvent::Chat { text: body.clone() }) {
                text.set(String::new());
            } else {
                toasts.show(t(msg::live::NOT_CONNECTED));
            }
        }));
    };
    let placeholder = move || {
        if events.muted.get() {
            t(msg::live::YOU_ARE_MUTED)
        } else {
            t(msg::live::SAY_SOMETHING)
        }
    };
    view! {
        <form class="live-composer" on:submit=send>
            <input
                type="text"
                class="live-input"
                aria-label=t(msg::live::CHAT_MESSAGE)
                placeholder=placeholder
                maxlength=CHAT_MAX_CHARS.to_string()
                enterkeyhint="send"
                autocomplete="off"
                disabled=move || events.muted.get()
                prop:value=move || text.get()
                on:input=move |e| text.set(event_target_value(&e))
                on:focus=move |_| {
                    if auth.user_id_untracked().is_none() {
                        auth.open_sheet();
                    }
                }
            />
        </form>
    }
}

/// Where a replay's playhead is, for the chat beside it: the recording reports its time and
/// length, the room its own length (messages carry their time from the room's start).
#[derive(Clone, Copy)]
pub struct ReplayClock {
    pub position_ms: RwSignal<i64>,
    pub duration_ms: RwSignal<i64>,
    /// From the room's start to its end.
    pub room_ms: i64,
}

impl ReplayClock {
    pub fn new(room_ms: i64) -> Self {
        ReplayClock {
            position_ms: RwSignal::new(0),
            duration_ms: RwSignal::new(0),
            room_ms,
        }
    }

    /// The recording's time of a message written `offset_ms` into the room. A recording
    /// shorter than the room (it starts with the host's first frames and leaves out the
    /// gaps of a dropped connection; a demo replay is a short loop) spreads the room's chat
    /// over its own length, so no message falls beyond its end.
    fn at(&self, offset_ms: i64) -> i64 {
        replay_time(offset_ms, self.room_ms, self.duration_ms.get())
    }
}

/// `offset_ms` into a room of `room_ms` on a recording of `video_ms` (0: length unknown yet).
/// Never past the recording's end: the room's times are whole seconds, a message's are not.
pub fn replay_time(offset_ms: i64, room_ms: i64, video_ms: i64) -> i64 {
    if video_ms <= 0 {
        return offset_ms;
    }
    let at = if room_ms > video_ms {
        (offset_ms as f64 * video_ms as f64 / room_ms as f64).round() as i64
    } else {
        offset_ms
    };
    at.min(video_ms)
}

/// An ended room's chat. Beside its recording (`clock`) it follows the playhead: a message
/// shows once the replay reaches the moment it was written, seeking back takes the later ones
/// away, and the newest shown scrolls into view. Without a recording all of it shows.
#[component]
pub fn ReplayChat(room_id: i64, clock: Option<ReplayClock>) -> impl IntoView {
    let items = RwSignal::new(Vec::<ChatMessage>::new());
    let loaded = RwSignal::new(false);
    spawn_local(async move {
        let mut cursor: Option<String> = None;
        for _ in 0..HISTORY_PAGES {
            let Ok(page) = api::live_chat(room_id, cursor.as_deref()).await else {
                break;
            };
            if items.try_update(|l| l.extend(page.items)).is_none() {
                return;
            }
            cursor = page.next_cursor;
            if cursor.is_none() {
                break;
            }
        }
        let _ = loaded.try_set(true);
    });
    // How many messages (oldest first) the playhead has reached.
    let shown = Memo::new(move |_| {
        let Some(clock) = clock else {
            return items.with(Vec::len);
        };
        let now = clock.position_ms.get();
        items.with(|l| l.partition_point(|m| clock.at(m.offset_ms) <= now))
    });
    let scroller = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        shown.track();
        // A frame later: the list has its new lines by then.
        request_animation_frame(move || {
            if let Some(el) = scroller.get_untracked() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    });
    let waiting = move || clock.is_some() && shown.get() == 0 && items.with(|l| !l.is_empty());
    view! {
        <div class="live-history" node_ref=scroller tabindex="0" role="region" aria-label=t(msg::live::CHAT_REPLAY)>
            <h2 class="live-history-title">{t(msg::live::CHAT_REPLAY)}</h2>
            <Show when=move || loaded.get() && items.with(|l| l.is_empty())>
                <p class="muted">{t(msg::live::NO_CHAT)}</p>
            </Show>
            <Show when=waiting>
                <p class="muted">{t(msg::live::CHAT_FOLLOWS_REPLAY)}</p>
            </Show>
            <ol class="live-chat is-history" data-testid="live-chat-history" aria-label=t(msg::live::CHAT_REPLAY)>
                <For each=move || items.with(|l| l[..shown.get().min(l.len())].to_vec()) key=|m| m.id let:message>
                    {
                        let at = clock.map_or(message.offset_ms, |c| c.at(message.offset_ms));
                        view! {
                            <li class="live-chat-line" class:is-demo=message.is_demo class:by-host=message.by_host>
                                <span class="live-chat-time">{clock_text(at)}</span>
                                <span class="live-chat-name">{message.user.display_name.clone()}</span>
                                {message.is_demo.then(|| view! { <span class="live-chat-tag">{t(msg::live::DEMO)}</span> })}
                                " "
                                <span class="live-chat-text">{message.text.clone()}</span>
                            </li>
                        }
                    }
                </For>
            </ol>
        </div>
    }
}

/// `m:ss` (or `h:mm:ss`) from milliseconds.
fn clock_text(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}
