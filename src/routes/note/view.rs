//! The note itself (pictures or video, text, products, actions, comments, related notes),
//! the same over the feed and as a page; its loading skeleton; sharing.

use api_types::{NoteDetail, NoteKind};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;

use super::focus_without_scroll;
use crate::api;
use crate::components::avatar::Avatar;
use crate::components::carousel::Carousel;
use crate::components::comments::Comments;
use crate::components::deferred::Deferred;
use crate::components::icon::{Glyph, Icon};
use crate::components::people::FollowButton;
use crate::components::product_tile::ProductTile;
use crate::components::report::{ReportButton, Reportable};
use crate::components::toast::{use_toasts, Toasts};
use crate::components::toggle_action::{ToggleAction, ToggleTarget};
use crate::components::ui::{Button, ButtonSize, ButtonVariant};
use crate::components::video_player::VideoPlayer;
use crate::format;
use crate::i18n::{msg, t, tf};
use crate::richtext::{segments, Segment};
use crate::session::use_auth;

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
pub(super) fn NoteSkeleton(overlay: bool) -> impl IntoView {
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
pub(super) fn NoteView(
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
    let (body, topics, mentions) = (
        note.body.clone(),
        note.topics.clone(),
        note.mentions.clone(),
    );
    let rich = move || {
        segments(&body, &topics, &mentions)
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
            .collect_view()
    };
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
    let author = note.author.clone();
    let (hidden, created_at) = (note.hidden, note.created_at);
    let comments = note.comments.clone();
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
                // The picture comes first (it is what a phone paints first); the author, the
                // text and everything after it follow a task at a time, in reading order, so
                // nothing already on screen moves.
                <Deferred>
                <div class="note-author-row">
                    <a class="note-author" href=format!("/user/{}", author.id)>
                        <Avatar user=author.clone() size=40/>
                        <span class="note-author-name">{author.display_name.clone()}</span>
                    </a>
                    <FollowButton user_id=author.id name=author.display_name.clone() following=follows_author
                        on_count=Callback::new(move |_| {
                            let on = follows_author.get_untracked();
                            api::update_cached_note(note_id, |c| c.viewer.follows_author = on);
                        })/>
                    {owner_tools}
                </div>
                </Deferred>
                <div class="note-scroll">
                    <Deferred>
                    {hidden.then(|| view! {
                        <p class="notice" role="status">{t(msg::note::HIDDEN_WHILE_REPORTS_ARE_REVIEWED)}</p>
                    })}
                    <h1 id="note-title" class="note-title">{title.clone()}</h1>
                    <p class="note-body">{rich.clone()}</p>
                    <p class="note-meta">
                        <time datetime=created_at.to_string()>{format::relative_time(created_at, now)}</time>
                        {location.clone().map(|l| view! { <span class="note-location">" · "{l}</span> })}
                    </p>
                    // The products and the action bar come a task after the note itself (one
                    // long task on a phone's first visit otherwise).
                    {let products = products.clone();
                    (!products.is_empty()).then(move || view! {
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
                    {let comments = comments.clone();
                    view! {
                        <Deferred>
                            <Comments note_id=note_id author_id=author_id initial=comments.clone() total=comment_count/>
                        </Deferred>
                    }}
                    </Deferred>
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
