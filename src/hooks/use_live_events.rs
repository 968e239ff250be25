//! A live room's events socket (`GET /api/v1/live/{id}/ws`, `api_types::live`): the room's
//! state as signals (viewers, likes, chat, the pinned card, stock, muted, ended), `chat` and
//! `like` frames out. The socket reconnects with a growing pause after a drop (the server's
//! `hello` brings the room back as it is), stays closed once the room ends, and closes when
//! the component goes.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Duration;

use api_types::{ChatMessage, ClientEvent, PinnedProduct, ServerEvent, LIKE_MAX_PER_FRAME};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, WebSocket};

/// Chat messages kept on screen (older ones drop off the top).
pub const CHAT_KEEP: usize = 100;
/// Taps on the like button within this long go out as one `like {count}` frame.
const LIKE_BATCH: Duration = Duration::from_millis(300);
/// Pause before the first reconnect; doubled each failed try, up to [`RECONNECT_MAX_MS`].
const RECONNECT_FIRST_MS: u64 = 500;
const RECONNECT_MAX_MS: u64 = 15_000;

/// The room as its socket tells it. `Copy`: pass it to any child.
#[derive(Clone, Copy)]
pub struct LiveEvents {
    pub connected: RwSignal<bool>,
    pub viewers: RwSignal<i64>,
    pub likes: RwSignal<i64>,
    /// Oldest first, at most [`CHAT_KEEP`].
    pub chat: RwSignal<Vec<ChatMessage>>,
    pub pinned: RwSignal<Option<PinnedProduct>>,
    /// Units left per product id, as sales happen (newer than the page's first answer).
    pub stock: RwSignal<HashMap<i64, i64>>,
    /// The host muted the reader.
    pub muted: RwSignal<bool>,
    /// The room ended (the socket then stays closed).
    pub ended: RwSignal<bool>,
    /// The last refusal of a chat or like (already in the interface language).
    pub notice: RwSignal<Option<String>>,
    shared: StoredValue<SendWrapper<Rc<Shared>>>,
}

/// A socket event handler kept alive for as long as its socket.
type Handler = Closure<dyn FnMut(JsValue)>;

#[derive(Default)]
struct Shared {
    socket: RefCell<Option<WebSocket>>,
    /// The handlers of the current socket (dropped with it).
    handlers: RefCell<Vec<Handler>>,
    /// The component went or the room ended: no more reconnects.
    done: Cell<bool>,
    failures: Cell<u32>,
    /// Taps not sent yet, and whether a flush is scheduled.
    pending_likes: Cell<u32>,
    flush_scheduled: Cell<bool>,
}

impl LiveEvents {
    /// Sends a frame if the socket is open; false otherwise.
    pub fn send(&self, event: &ClientEvent) -> bool {
        let Some(shared) = self.shared.try_get_value() else {
            return false;
        };
        let socket = shared.socket.borrow();
        match (socket.as_ref(), serde_json::to_string(event)) {
            (Some(ws), Ok(text)) if ws.ready_state() == WebSocket::OPEN => {
                ws.send_with_str(&text).is_ok()
            }
            _ => false,
        }
    }

    /// One tap on the like button: counted at once on screen, sent with the taps of the next
    /// [`LIKE_BATCH`] as one frame (at most [`LIKE_MAX_PER_FRAME`]; faster tapping is dropped).
    pub fn like(&self) {
        let Some(shared) = self.shared.try_get_value() else {
            return;
        };
        if shared.pending_likes.get() >= LIKE_MAX_PER_FRAME {
            return;
        }
        shared.pending_likes.set(shared.pending_likes.get() + 1);
        self.likes.update(|n| *n += 1);
        if shared.flush_scheduled.replace(true) {
            return;
        }
        let events = *self;
        set_timeout(
            move || {
                let Some(shared) = events.shared.try_get_value() else {
                    return;
                };
                shared.flush_scheduled.set(false);
                let count = shared.pending_likes.replace(0);
                if count > 0 {
                    events.send(&ClientEvent::Like { count });
                }
            },
            LIKE_BATCH,
        );
    }
}

/// Opens room `room_id`'s events socket for as long as the calling component lives.
pub fn use_live_events(room_id: i64) -> LiveEvents {
    let shared = Rc::new(Shared::default());
    let events = LiveEvents {
        connected: RwSignal::new(false),
        viewers: RwSignal::new(0),
        likes: RwSignal::new(0),
        chat: RwSignal::new(Vec::new()),
        pinned: RwSignal::new(None),
        stock: RwSignal::new(HashMap::new()),
        muted: RwSignal::new(false),
        ended: RwSignal::new(false),
        notice: RwSignal::new(None),
        shared: StoredValue::new(SendWrapper::new(Rc::clone(&shared))),
    };
    connect(events, room_id, Rc::clone(&shared));
    let shared = SendWrapper::new(shared);
    on_cleanup(move || {
        shared.done.set(true);
        close(&shared);
    });
    events
}

fn close(shared: &Shared) {
    if let Some(ws) = shared.socket.borrow_mut().take() {
        ws.set_onmessage(None);
        ws.set_onclose(None);
        ws.set_onopen(None);
        let _ = ws.close();
    }
    shared.handlers.borrow_mut().clear();
}

fn connect(events: LiveEvents, room_id: i64, shared: Rc<Shared>) {
    if shared.done.get() {
        return;
    }
    let path = format!("/api/v1/live/{room_id}/ws");
    let Some(ws) = crate::api::socket_url(&path).and_then(|url| WebSocket::new(&url).ok()) else {
        return;
    };
    let on_open = Closure::<dyn FnMut(JsValue)>::new({
        let shared = Rc::clone(&shared);
        move |_| {
            shared.failures.set(0);
            let _ = events.connected.try_set(true);
        }
    });
    let on_message = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
        let text = e
            .dyn_into::<MessageEvent>()
            .ok()
            .and_then(|e| e.data().as_string());
        if let Some(event) = text.and_then(|t| serde_json::from_str::<ServerEvent>(&t).ok()) {
            apply(events, event);
        }
    });
    let on_close = Closure::<dyn FnMut(JsValue)>::new({
        let shared = Rc::clone(&shared);
        move |_| {
            let _ = events.connected.try_set(false);
            let ended = events.ended.try_get_untracked().unwrap_or(true);
            if shared.done.get() || ended {
                return;
            }
            // Back off: 0.5 s, 1 s, 2 s … 15 s between tries.
            let failures = shared.failures.get().min(8);
            shared.failures.set(failures + 1);
            let wait = (RECONNECT_FIRST_MS << failures).min(RECONNECT_MAX_MS);
            let shared = SendWrapper::new(Rc::clone(&shared));
            set_timeout(
                move || connect(events, room_id, SendWrapper::take(shared)),
                Duration::from_millis(wait),
            );
        }
    });
    ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    // The old socket's handlers may be running this very close handler: keep them until now.
    *shared.handlers.borrow_mut() = vec![on_open, on_message, on_close];
    *shared.socket.borrow_mut() = Some(ws);
}

/// One server event into the signals (`try_`: the page may be gone).
fn apply(events: LiveEvents, event: ServerEvent) {
    match event {
        ServerEvent::Hello {
            muted,
            viewers,
            likes,
            pinned,
            recent_chat,
            ..
        } => {
            let _ = events.muted.try_set(muted);
            let _ = events.viewers.try_set(viewers);
            let _ = events.likes.try_set(likes);
            let _ = events.pinned.try_set(pinned);
            let _ = events.chat.try_set(recent_chat);
        }
        ServerEvent::Chat { message } => {
            events.chat.try_update(|chat| {
                chat.push(message);
                let extra = chat.len().saturating_sub(CHAT_KEEP);
                chat.drain(..extra);
            });
        }
        ServerEvent::ChatRemoved { id } => {
            events.chat.try_update(|chat| chat.retain(|m| m.id != id));
        }
        ServerEvent::Likes { total } => {
            // Our own taps not flushed yet stay counted.
            let pending = events
                .shared
                .try_with_value(|s| s.pending_likes.get())
                .unwrap_or(0);
            let _ = events.likes.try_set(total + i64::from(pending));
        }
        ServerEvent::Viewers { count } => {
            let _ = events.viewers.try_set(count);
        }
        ServerEvent::Pinned { pinned } => {
            let _ = events.pinned.try_set(pinned);
        }
        ServerEvent::Stock { product_id, stock } => {
            events.stock.try_update(|s| s.insert(product_id, stock));
            events.pinned.try_update(|p| {
                if let Some(p) = p.as_mut().filter(|p| p.product.id == product_id) {
                    p.product.stock = stock;
                }
            });
        }
        ServerEvent::Muted { muted } => {
            let _ = events.muted.try_set(muted);
        }
        ServerEvent::Ended { .. } => {
            let _ = events.ended.try_set(true);
        }
        ServerEvent::Error {
            code,
            message,
            params,
        } => {
            // In the interface language by its code (the English message if unknown).
            let text = crate::api::error_text::message(code, &params, message);
            let _ = events.notice.try_set(Some(text));
        }
    }
}
