//! `/explore/:id`: a note. Over the feed it is a modal dialog (Escape, the close button and
//! Back all pop the history entry); loaded directly it renders as a page.

use crate::components::icon::{Glyph, Icon};
use api_types::{NoteCard as Card, NoteDetail, NoteKind};
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

use super::explore::FeedUnderneath;
use super::not_found::NotFound;
use crate::api::{self, ApiError};
use crate::components::avatar::Avatar;
use crate::components::carousel::{handle_arrow_key, Carousel};
use crate::components::comments::Comments;
use crate::components::deferred::{Deferred, WhenNear};
use crate::components::masonry_grid::MasonryGrid;
use crate::components::people::FollowButton;
use crate::components::product_tile::ProductTile;
use crate::components::report::{ReportButton, Reportable};
use crate::components::states::ErrorState;
use crate::components::toast::{use_toasts, Toasts};
use crate::components::toggle_action::{ToggleAction, ToggleTarget};
use crate::components::ui::{Button, ButtonSize, ButtonVariant};
use crate::components::video_player::VideoPlayer;
use crate::format;
use crate::hooks::use_swipe_to_close::use_swipe_to_close;
use crate::i18n::{msg, t, tf};
use crate::richtext::{segments, Segment};
use crate::session::use_auth;

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

fn focus_without_scroll(el: &web_sys::HtmlElement) {
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
                None => api::note(id).await,
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

/// Moves focus to the comment box (the comment button's job).
fn focus_composer() {
    if let Some(el) = document()
        .get_element_by_id("comment-input")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Shares the note's link: the system share sheet where there is one, else the clipboard.
fn share(note_id: i64, title: &str, toasts: Toasts) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let url = format!(
        "{}/explore/{note_id}",
        window.location().origin().unwrap_or_default()
    );
    let navigator = window.navigator();
    let share_fn = js_sys::Reflect::get(&navigator, &"share".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(share_fn) = share_fn {
        let data = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&data, &"title".into(), &title.into());
        let _ = js_sys::Reflect::set(&data, &"url".into(), &url.clone().into());
        // Cancelling the share sheet rejects the promise; that's fine, nothing to report.
        if share_fn.call1(&navigator, &data).is_ok() {
            return;
        }
    }
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).ok();
    let write = clipboard.as_ref().and_then(|c| {
        js_sys::Reflect::get(c, &"writeText".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    });
    match (clipboard, write) {
        (Some(clipboard), Some(write)) => match write.call1(&clipboard, &url.clone().into()) {
            Ok(promise) => {
                let promise = js_sys::Promise::from(promise);
                leptos::task::spawn_local(async move {
                    match wasm_bindgen_futures::JsFuture::from(promise).await {
                        Ok(_) => toasts.show(t(msg::note::LINK_COPIED)),
                        Err(_) => toasts.show(copy_this(&url)),
                    }
                });
            }
            Err(_) => toasts.show(copy_this(&url)),
        },
        _ => toasts.show(copy_this(&url)),
    }
}

/// The fallback toast when the link could not be copied for the reader.
fn copy_this(url: &str) -> String {
    tf(msg::note::COPY_LINK_URL, &[("url", &url)])
}

#[component]
fn NoteSkeleton(overlay: bool) -> impl IntoView {
    view! {
        <div class="note" class:note-dialog=overlay aria-busy="true">
            // Names the overlay's dialog until the note's own title replaces it.
            <span id="note-title" class="visually-hidden">{t(msg::note::LOADING_NOTE)}</span>
            <div class="note-media skeleton shimmer"></div>
            <div class="note-info">
                <div class="skeleton shimmer line"></div>
                <div class="skeleton shimmer line"></div>
                <div class="skeleton shimmer line short"></div>
            </div>
        </div>
    }
}

#[component]
fn NoteView(
    note: NoteDetail,
    overlay: bool,
    close: Callback<()>,
    index: RwSignal<usize>,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Article>::new();
    Effect::new(move |_| {
        if overlay {
            if let Some(el) = dialog.get() {
                focus_without_scroll(&el);
            }
        }
    });
    let now = format::now_unix();
    let rich = segments(&note.body, &note.topics, &note.mentions)
        .into_iter()
        .map(|s| match s {
            Segment::Text(t) => view! { <span>{t}</span> }.into_any(),
            Segment::LineBreak => view! { <br/> }.into_any(),
            Segment::Topic(t) => {
                let href = format!("/topic/{}", js_sys::encode_uri_component(&t));
                view! { <a class="topic" href=href>"#"{t}</a> }.into_any()
            }
            Segment::Mention { user_id, name } => view! {
                <a class="mention" href=format!("/user/{user_id}")>"@"{name}</a>
            }
            .into_any(),
        })
        .collect_view();
    // A video note without its video (not expected) still says what it is over its pictures.
    let video = (note.kind == NoteKind::Video && note.video.is_none()).then(|| {
        let len = note.video_seconds.map(format::duration).unwrap_or_default();
        view! {
            <span class="video-badge" aria-label=tf(msg::note::VIDEO_NOTE_LEN, &[("len", &len)])>
                <Icon glyph=Glyph::Play size=14/>
                {len.clone()}
            </span>
        }
    });
    let counts = note.counts.clone();
    let shares = counts.shares;
    let note_id = note.id;
    let liked = RwSignal::new(note.viewer.liked);
    let likes = RwSignal::new(counts.likes);
    let collected = RwSignal::new(note.viewer.collected);
    let collects = RwSignal::new(counts.collects);
    let follows_author = RwSignal::new(note.viewer.follows_author);
    let comment_count = RwSignal::new(counts.comments);
    let share_title = note.title.clone();
    let products = note.products.clone();
    let toasts = use_toasts();
    let auth = use_auth();
    let navigate = use_navigate();
    let author_id = note.author.id;
    // One view per reader per day is counted by the server; a video's counts once it has
    // been watched a little (the player says when), not on open.
    let count_view = Callback::new(move |()| {
        spawn_local(async move {
            let _ = api::record_view(note_id).await;
        });
    });
    if note.video.is_none() {
        count_view.run(());
    }
    let delete = move |_| {
        let sure = window()
            .confirm_with_message(t(msg::note::DELETE_NOTE_CANT_UNDONE))
            .unwrap_or(false);
        if !sure {
            return;
        }
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::delete_note(note_id).await {
                Ok(()) => {
                    api::forget_notes();
                    toasts.show(t(msg::note::NOTE_DELETED));
                    navigate(&format!("/user/{author_id}"), Default::default());
                }
                Err(e) => toasts.show(e.to_string()),
            }
        });
    };
    let delete = StoredValue::new(delete);
    let owner_tools = move || {
        if auth.user_id() == Some(author_id) {
            view! {
                <div class="note-owner-tools">
                    <Button variant=ButtonVariant::Secondary size=ButtonSize::Small href=format!("/publish?edit={note_id}")>{t(msg::note::EDIT)}</Button>
                    <Button variant=ButtonVariant::Secondary size=ButtonSize::Small
                        on_click=Callback::new(move |e| delete.with_value(|d| d(e)))>{t(msg::common::DELETE)}</Button>
                </div>
            }
            .into_any()
        } else {
            view! { <ReportButton target=Reportable::Note(note_id) class="note-report"/> }
                .into_any()
        }
    };
    let title = note.title.clone();
    let location = note.location.clone();
    view! {
        <article
            class="note"
            class:note-dialog=overlay
            node_ref=dialog
            aria-labelledby="note-title"
            tabindex="-1"
            data-note-id=note.id
        >
            {overlay.then(|| view! {
                <button class="note-close" aria-label=t(msg::note::CLOSE_NOTE) on:click=move |_| close.run(())>
                    <Icon glyph=Glyph::Close size=22/>
                </button>
            })}
            {match note.video.clone() {
                Some(v) => {
                    // The box takes the video's shape (clamped like covers) before anything loads.
                    let ratio = crate::masonry::display_ratio(v.width, v.height);
                    view! {
                        <div class="note-media note-video" style=format!("--ratio:{}", format::decimal(ratio, 4))>
                            <VideoPlayer video=v title=title.clone() on_watched=count_view/>
                        </div>
                    }
                    .into_any()
                }
                None => view! {
                    <div class="note-media">
                        <Carousel images=note.images.clone() title=title.clone() index=index/>
                        {video}
                    </div>
                }
                .into_any(),
            }}
            <div class="note-info">
                <div class="note-author-row">
                    <a class="note-author" href=format!("/user/{}", note.author.id)>
                        <Avatar user=note.author.clone() size=40/>
                        <span class="note-author-name">{note.author.display_name.clone()}</span>
                    </a>
                    <FollowButton user_id=note.author.id name=note.author.display_name.clone() following=follows_author
                        on_count=Callback::new(move |_| {
                            let on = follows_author.get_untracked();
                            api::update_cached_note(note_id, |c| c.viewer.follows_author = on);
                        })/>
                    {owner_tools}
                </div>
                <div class="note-scroll">
                    {note.hidden.then(|| view! {
                        <p class="notice" role="status">{t(msg::note::HIDDEN_WHILE_REPORTS_ARE_REVIEWED)}</p>
                    })}
                    <h1 id="note-title" class="note-title">{title}</h1>
                    <p class="note-body">{rich}</p>
                    <p class="note-meta">
                        <time datetime=note.created_at.to_string()>{format::relative_time(note.created_at, now)}</time>
                        {location.map(|l| view! { <span class="note-location">" · "{l}</span> })}
                    </p>
                    // The products and the action bar come a task after the note itself (one
                    // long task on a phone's first visit otherwise).
                    {(!products.is_empty()).then(|| view! {
                        <Deferred>
                            <section class="shop-the-note" aria-labelledby="shop-note-heading">
                                <h2 id="shop-note-heading">{t(msg::note::SHOP_NOTE)}</h2>
                                <div class="shop-note-row">
                                    {products.clone().into_iter().map(|p| view! {
                                        <ProductTile href=format!("/product/{}?from_note={note_id}", p.id) product=p sizes="132px"/>
                                    }).collect_view()}
                                </div>
                            </section>
                        </Deferred>
                    })}
                    <hr class="divider"/>
                    {
                        let comments = note.comments.clone();
                        let (note_id, author_id) = (note.id, note.author.id);
                        view! {
                            <Deferred>
                                <Comments note_id=note_id author_id=author_id initial=comments.clone() total=comment_count/>
                            </Deferred>
                        }
                    }
                </div>
                <Deferred>
                <div class="note-actions" role="group" aria-label=t(msg::note::NOTE_ACTIONS)>
                    <ToggleAction target=ToggleTarget::NoteLike(note_id) active=liked count=likes
                        on_settled=Callback::new(move |(on, n)| api::update_cached_note(note_id, |c| { c.viewer.liked = on; c.counts.likes = n; }))/>
                    <ToggleAction target=ToggleTarget::NoteCollect(note_id) active=collected count=collects
                        on_settled=Callback::new(move |(on, n)| api::update_cached_note(note_id, |c| { c.viewer.collected = on; c.counts.collects = n; }))/>
                    <button type="button" class="action" aria-label=move || tf(msg::note::COMMENT_COMMENT_COUNT_COMMENTS, &[("comment_count", &(format::count(comment_count.get())))])
                        on:click=move |_| focus_composer()>
                        <Icon glyph=Glyph::Comment size=22/>
                        <span class="action-count">{move || format::count(comment_count.get())}</span>
                    </button>
                    <button type="button" class="action" aria-label=tf(msg::note::SHARE_SHARES_SHARES, &[("shares", &(format::count(shares)))]) on:click={
                        let share_title = share_title.clone();
                        move |_| {
                        share(note_id, &share_title, toasts);
                        spawn_local(async move { let _ = api::record_share(note_id).await; });
                    }}>
                        <Icon glyph=Glyph::Share size=22/>
                        <span class="action-count">{format::count(shares)}</span>
                    </button>
                </div>
                </Deferred>
            </div>
        </article>
    }
}
