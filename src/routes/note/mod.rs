//! `/explore/:id`: a note. Over the feed it is a modal dialog (Escape, the close button and
//! Back all pop the history entry); loaded directly it renders as a page. The note's own view
//! is in [`view`].

mod view;

use api_types::{NoteCard as Card, NoteDetail};
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

use super::explore::FeedUnderneath;
use super::not_found::NotFound;
use crate::api::{self, ApiError};
use crate::components::carousel::handle_arrow_key;
use crate::components::deferred::WhenNear;
use crate::components::masonry_grid::MasonryGrid;
use crate::components::states::ErrorState;
use crate::hooks::use_swipe_to_close::use_swipe_to_close;
use crate::i18n::{msg, t};
use crate::session::use_auth;
use view::{NoteSkeleton, NoteView};

#[derive(Clone)]
enum Loaded {
    Loading,
    Ready(Box<NoteDetail>),
    Failed(ApiError),
}

/// Toggles a class on <html> (scroll locking must happen on the root scroller).
fn set_root_class(class: &str, on: bool) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let list = root.class_list();
        let _ = if on {
            list.add_1(class)
        } else {
            list.remove_1(class)
        };
    }
}

pub(super) fn focus_without_scroll(el: &web_sys::HtmlElement) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = el.focus_with_options(&options);
}

/// When the note overlay closes, focus goes back to what opened it (the card's link), or to
/// that card's title if the feed re-rendered it meanwhile.
fn return_focus_on_close(note_id: Option<i64>) {
    let opener = SendWrapper::new(
        document()
            .active_element()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()),
    );
    on_cleanup(move || {
        let opener = opener.take().filter(|el| el.is_connected());
        let target = opener.or_else(|| {
            let id = note_id?;
            document()
                .query_selector(&format!("[data-note-id=\"{id}\"] .card-title"))
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        });
        if let Some(el) = target {
            focus_without_scroll(&el);
        }
    });
}

#[component]
pub fn NoteRoute() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok())));
    let overlay = use_context::<FeedUnderneath>().is_some_and(|f| f.0.get_untracked());
    let navigate = use_navigate();
    if overlay {
        return_focus_on_close(id.get_untracked());
    }

    let note = RwSignal::new(Loaded::Loading);
    let related = RwSignal::new(Vec::<Card>::new());
    let generation = StoredValue::new(0u32);
    let retry_tick = RwSignal::new(0u32);
    let auth = use_auth();
    // How long it stays open, for the reader's For-you list (not for one's own notes, nor for
    // a note that did not load).
    crate::hooks::use_dwell::use_dwell(id, move |id| {
        let Some(note) = api::cached_note(id) else {
            return false;
        };
        match auth.user_id_untracked() {
            Some(me) => note.author.id != me,
            // A guest's reading teaches their For-you through the browser's anonymous id.
            None => {
                let recorded = crate::guest::ensure().is_some();
                if recorded {
                    crate::guest::note_taste();
                }
                recorded
            }
        }
    });
    Effect::new(move |_| {
        retry_tick.track();
        // Re-read after signing in or out: liked, collected and following are per viewer.
        auth.viewer_epoch.track();
        let Some(id) = id.get() else {
            note.set(Loaded::Failed(ApiError::NotFound(
                t(msg::note::NO_SUCH_NOTE).into(),
            )));
            return;
        };
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        related.set(Vec::new());
        // A prefetched note renders at once; otherwise show the skeleton while it loads.
        let cached = api::cached_note(id);
        note.set(match &cached {
            Some(n) => Loaded::Ready(Box::new(n.clone())),
            None => Loaded::Loading,
        });
        spawn_local(async move {
            let result = match cached {
                Some(n) => Ok(n),
                None => {
                    // On a direct visit this runs in the task that started the note's chunk,
                    // and the answer is in the document: decoding it and drawing the note
                    // each get a task of their own (one long task on a phone otherwise).
                    crate::hooks::use_next_task::next_task().await;
                    let result = api::note(id).await;
                    crate::hooks::use_next_task::next_task().await;
                    result
                }
            };
            // `try_`: the reader may have left the note while it loaded, and reading a
            // disposed value panics (the wasm traps: "unreachable").
            if generation.try_get_value() != Some(mine) {
                return;
            }
            let ok = result.is_ok();
            note.set(match result {
                Ok(n) => Loaded::Ready(Box::new(n)),
                Err(e) => Loaded::Failed(e),
            });
            if ok {
                if let Ok(cards) = api::related(id).await {
                    if generation.try_get_value() == Some(mine) {
                        related.set(cards);
                    }
                }
            }
        });
    });

    // Closing pops our history entry when we are over the feed; a direct visit goes to the feed.
    let close = Callback::new(move |()| {
        if overlay {
            if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                let _ = history.back();
            }
        } else {
            navigate("/explore", Default::default());
        }
    });

    let carousel_index = RwSignal::new(0usize);
    Effect::new(move |_| {
        id.track();
        carousel_index.set(0);
    });

    if overlay {
        set_root_class("has-overlay", true);
        // Focus goes into the dialog and back to what opened it on close.
        let opener = SendWrapper::new(
            web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()),
        );
        on_cleanup(move || {
            set_root_class("has-overlay", false);
            if let Some(el) = opener.take() {
                focus_without_scroll(&el);
            }
        });
    }
    let keys = window_event_listener(ev::keydown, move |e: web_sys::KeyboardEvent| {
        // The sign-in sheet over the note takes Escape for itself.
        if e.key() == "Escape" && overlay && !auth.sheet_open.get_untracked() {
            e.prevent_default();
            close.run(());
            return;
        }
        let count = note.with_untracked(|n| match n {
            // A video note's arrows seek in its player instead.
            Loaded::Ready(n) if n.video.is_none() => n.images.len(),
            _ => 0,
        });
        if handle_arrow_key(&e, carousel_index, count) {
            e.prevent_default();
        }
    });
    on_cleanup(move || keys.remove());

    let body = move || {
        match note.get() {
        Loaded::Loading => view! { <NoteSkeleton overlay=overlay/> }.into_any(),
        Loaded::Failed(e) if e.is_not_found() => view! {
            <div class="note-missing">
                <NotFound title=t(msg::note::NOTE_NOT_FOUND) message=t(msg::note::NOTE_DOESNT_EXIST_HAS_BEEN)/>
            </div>
        }
        .into_any(),
        Loaded::Failed(e) => view! {
            <ErrorState message=e.to_string() on_retry=Callback::new(move |()| retry_tick.update(|t| *t += 1))/>
        }
        .into_any(),
        Loaded::Ready(n) => view! {
            <NoteView note=*n overlay=overlay close=close index=carousel_index/>
        }
        .into_any(),
    }
    };
    let related_section = move || {
        (!related.with(Vec::is_empty)).then(|| {
            view! {
                <section class="related" aria-labelledby="related-heading">
                    <h2 id="related-heading">{t(msg::note::MORE_LIKE)}</h2>
                    // Two dozen cards cost a phone a few hundred milliseconds: they are made as
                    // the reader scrolls towards them, not while the note itself loads.
                    <WhenNear margin="0px 0px 200px 0px" reserve=900>
                        <MasonryGrid cards=related label=t(msg::note::RELATED_NOTES)/>
                    </WhenNear>
                </section>
            }
        })
    };

    if overlay {
        // On phones the note is a full-screen sheet: pull it down from the top to close.
        let scroller = NodeRef::<leptos::html::Div>::new();
        let sheet = NodeRef::<leptos::html::Div>::new();
        let swipe = use_swipe_to_close(scroller, sheet, close);
        view! {
            <div class="note-overlay" node_ref=scroller
                on:touchstart=move |e| swipe.start(&e)
                on:touchmove=move |e| swipe.moved(&e)
                on:touchend=move |_| swipe.end()
                on:touchcancel=move |_| swipe.end()
                on:click=move |e| {
                // A click on the backdrop itself (not inside the dialog) closes.
                let on_backdrop = e.target().zip(e.current_target()).is_some_and(|(t, c)| t == c);
                if on_backdrop { close.run(()); }
            }>
                // The dialog holds the note and its related notes (all of the sheet), so
                // `aria-modal` hides nothing the reader can scroll to; an `article` may not
                // be a dialog itself.
                <div class="note-overlay-inner" node_ref=sheet role="dialog" aria-modal="true" aria-labelledby="note-title">
                    <div class="note-grabber" aria-hidden="true"></div>
                    {body}
                    {related_section}
                </div>
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class="note-page">
                <a class="back-link" href="/explore">{t(msg::note::DISCOVER)}</a>
                {body}
                {related_section}
            </div>
        }
        .into_any()
    }
}
