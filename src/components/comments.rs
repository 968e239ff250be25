//! Two-level comments: top-level comments with their first replies, "show more replies" per
//! thread and "load more comments" at the end (both paged by the server's cursor), a composer
//! with a live character count, replies ("@name" for a reply to a reply), comment likes, and
//! deleting one's own comments. Bodies are rendered as text; `@mentions` become links.

use std::collections::HashMap;

use api_types::{Comment, CountedPage, NewComment, Page, COMMENT_MAX_CHARS};
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::avatar::Avatar;
use super::deferred::WhenNear;
use super::report::{ReportButton, Reportable};
use super::toast::use_toasts;
use super::toggle_action::{ToggleAction, ToggleTarget};
use super::ui::{Button, ButtonSize, ButtonVariant};
use crate::api;
use crate::format;
use crate::hooks::use_next_task::use_render_limit;
use crate::hooks::use_paged::{show_errors, use_paged};
use crate::i18n::{msg, t, tf, tn};
use crate::richtext::{segments, Segment};
use crate::session::use_auth;

/// Shared by the threads and the composer of one note's comments.
#[derive(Clone, Copy)]
struct CommentsCtx {
    note_author: i64,
    /// What the composer answers: (thread id, comment id, name), or a new top-level comment.
    reply_to: RwSignal<Option<(i64, i64, String)>>,
    /// Each thread's reply list, so a posted reply lands in its thread.
    threads: StoredValue<HashMap<i64, RwSignal<Vec<Comment>>>>,
    top: RwSignal<Vec<Comment>>,
    /// The note's total comment count (shown in the heading and the action bar).
    total: RwSignal<i64>,
    /// The reader posted or asked for more: the threads render even if not yet near.
    wanted: RwSignal<bool>,
}

fn comment_text(comment: &Comment) -> impl IntoView {
    segments(&comment.body, &[], &comment.mentions)
        .into_iter()
        .map(|s| match s {
            Segment::Text(t) | Segment::Topic(t) => t.into_any(),
            Segment::LineBreak => view! { <br/> }.into_any(),
            Segment::Mention { user_id, name } => view! {
                <a class="mention" href=format!("/user/{user_id}")>"@"{name}</a>
            }
            .into_any(),
        })
        .collect_view()
}

#[component]
fn CommentBody(comment: Comment, thread: i64) -> impl IntoView {
    let ctx = expect_context::<CommentsCtx>();
    let auth = use_auth();
    let toasts = use_toasts();
    let now = format::now_unix();
    let reply = comment.id != thread;
    let author = comment.author.clone();
    let by_note_author = ctx.note_author == author.id;
    let liked = RwSignal::new(comment.liked);
    let likes = RwSignal::new(comment.like_count);
    let id = comment.id;
    let replies_total = comment.reply_count;
    let mine = move || auth.user_id() == Some(author.id);
    let name = author.display_name.clone();
    let start_reply = move |_| {
        ctx.reply_to.set(Some((thread, id, name.clone())));
        if let Some(el) = document().get_element_by_id("comment-input") {
            if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                let _ = el.focus();
            }
        }
    };
    let deleting = RwSignal::new(false);
    let delete = move |_| {
        let sure = window()
            .confirm_with_message(t(msg::comments::DELETE_COMMENT))
            .unwrap_or(false);
        if !sure || deleting.get_untracked() {
            return;
        }
        deleting.set(true);
        spawn_local(async move {
            match api::delete_comment(id).await {
                Ok(()) => {
                    if reply {
                        // `try_`: the note may be gone by now (reading a disposed value panics).
                        if let Some(list) = ctx
                            .threads
                            .try_with_value(|t| t.get(&thread).copied())
                            .flatten()
                        {
                            list.update(|l| l.retain(|c| c.id != id));
                        }
                        ctx.total.update(|t| *t = (*t - 1).max(0));
                    } else {
                        ctx.top.update(|l| l.retain(|c| c.id != id));
                        ctx.total.update(|t| *t = (*t - 1 - replies_total).max(0));
                    }
                    toasts.show(t(msg::comments::COMMENT_DELETED));
                }
                Err(e) => {
                    deleting.set(false);
                    toasts.show(tf(msg::comments::DELETE_FAILED, &[("error", &e)]));
                }
            }
        });
    };
    view! {
        <div class="comment" class:reply=reply data-comment-id=id>
            <Avatar user=author.clone() size=if reply { 24 } else { 32 }/>
            <div class="comment-main">
                <div class="comment-author">
                    <a href=format!("/user/{}", author.id)>{author.display_name.clone()}</a>
                    {by_note_author.then(|| view! { <span class="author-badge">{t(msg::comments::AUTHOR)}</span> })}
                </div>
                <p class="comment-text">
                    {comment.reply_to.clone().map(|to| view! {
                        <span class="reply-to">{t(msg::comments::REPLY_2)}<a class="mention" href=format!("/user/{}", to.id)>"@"{to.display_name}</a>{t(msg::comments::REPLY_TO_END)}</span>
                    })}
                    {comment_text(&comment)}
                </p>
                <div class="comment-meta">
                    <time>{format::relative_time(comment.created_at, now)}</time>
                    <Button variant=ButtonVariant::Link size=ButtonSize::Small class="comment-action" on_click=Callback::new(start_reply)
                        label=tf(msg::comments::REPLY_DISPLAY_NAME, &[("display_name", &author.display_name)])>{t(msg::comments::REPLY)}</Button>
                    <Show when=mine fallback=move || view! { <ReportButton target=Reportable::Comment(id) class="comment-action"/> }>
                        <Button variant=ButtonVariant::Link size=ButtonSize::Small class="comment-action comment-delete" on_click=Callback::new(delete)
                            disabled=deleting>{t(msg::common::DELETE)}</Button>
                    </Show>
                    <span class="comment-like">
                        <ToggleAction target=ToggleTarget::CommentLike(id) active=liked count=likes size=14/>
                    </span>
                </div>
            </div>
        </div>
    }
}

#[component]
fn Thread(comment: Comment) -> impl IntoView {
    let ctx = expect_context::<CommentsCtx>();
    let id = comment.id;
    let total = comment.reply_count;
    // Replies counted by the server's pages (the embedded ones until the first page).
    let shown_from_server = RwSignal::new(comment.replies.len() as i64);
    // The embedded replies come first; the replies endpoint's first page starts over.
    let list = use_paged(
        move |after: Option<String>| async move {
            api::replies(id, after.as_deref()).await.map(Page::from)
        },
        move |list: &mut Vec<Comment>, page: Vec<Comment>, first: bool| {
            let n = page.len() as i64;
            if first {
                // The first page repeats the embedded replies; keep ones posted here.
                list.retain(|c| !page.iter().any(|p| p.id == c.id));
                let posted = std::mem::take(list);
                *list = page;
                list.extend(posted);
                shown_from_server.set(n);
            } else {
                list.extend(page);
                shown_from_server.update(|s| *s += n);
            }
        },
        show_errors,
    );
    let (replies, state) = (list.items, list.state);
    replies.set(comment.replies.clone());
    ctx.threads.update_value(|t| {
        t.insert(id, replies);
    });
    let (loading, error) = (state.loading, state.error);
    let remaining = move || {
        if state.done.get() {
            0
        } else {
            (total - shown_from_server.get()).max(0)
        }
    };
    let more = move |_| {
        if loading.get_untracked() {
            return;
        }
        ctx.wanted.set(true);
        list.load.run(());
    };
    view! {
        <li class="thread" data-comment-id=id>
            <CommentBody comment=comment thread=id/>
            <ul class="replies">
                <For each=move || replies.get() key=|r| r.id let:reply>
                    <li><CommentBody comment=reply thread=id/></li>
                </For>
            </ul>
            <Show when=move || { remaining() > 0 }>
                <Button variant=ButtonVariant::Link size=ButtonSize::Small class="show-replies" on_click=Callback::new(more) disabled=loading>
                    {move || if loading.get() {
                        t(msg::common::LOADING).to_string()
                    } else {
                        tn(msg::comments::SHOW_MORE_REPLIES, remaining())
                    }}
                </Button>
            </Show>
            {move || error.get().map(|e| view! { <p class="inline-error" role="alert">{e}</p> })}
        </li>
    }
}

#[component]
fn Composer(note_id: i64) -> impl IntoView {
    let ctx = expect_context::<CommentsCtx>();
    let auth = use_auth();
    let text = RwSignal::new(String::new());
    let sending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let chars = move || text.with(|t| t.chars().count());
    let over = move || chars() > COMMENT_MAX_CHARS;
    let empty = move || text.with(|t| t.trim().is_empty());
    let send = Callback::new(move |()| {
        if sending.get_untracked() || empty() || over() {
            return;
        }
        sending.set(true);
        error.set(None);
        let target = ctx.reply_to.get_untracked();
        let form = NewComment {
            body: text.get_untracked(),
            reply_to: target.as_ref().map(|(_, comment, _)| *comment),
        };
        spawn_local(async move {
            match api::post_comment(note_id, &form).await {
                Ok(comment) => {
                    match target {
                        Some((thread, _, _)) => {
                            if let Some(list) = ctx
                                .threads
                                .try_with_value(|t| t.get(&thread).copied())
                                .flatten()
                            {
                                list.update(|l| l.push(comment));
                            }
                        }
                        None => ctx.top.update(|l| l.insert(0, comment)),
                    }
                    ctx.total.update(|t| *t += 1);
                    ctx.wanted.set(true);
                    text.set(String::new());
                    ctx.reply_to.set(None);
                }
                Err(e) => error.set(Some(e.to_string())),
            }
            sending.set(false);
        });
    });
    let submit = move |e: ev::SubmitEvent| {
        e.prevent_default();
        auth.require(send);
    };
    let placeholder = move || match ctx.reply_to.get() {
        Some((_, _, name)) => tf(msg::comments::REPLY_TO_NAME, &[("name", &name)]),
        None => t(msg::comments::SAY_SOMETHING_NICE).to_string(),
    };
    view! {
        <form class="composer" on:submit=submit>
            {move || ctx.reply_to.get().map(|(_, _, name)| view! {
                <p class="replying">
                    {t(msg::comments::REPLYING)}<strong>"@"{name}</strong>
                    <Button variant=ButtonVariant::Link size=ButtonSize::Small on_click=Callback::new(move |_| ctx.reply_to.set(None))>{t(msg::comments::CANCEL)}</Button>
                </p>
            })}
            <div class="composer-row">
                <label for="comment-input" class="visually-hidden">{move || if ctx.reply_to.with(Option::is_some) { t(msg::comments::WRITE_REPLY) } else { t(msg::comments::WRITE_COMMENT) }}</label>
                <textarea
                    id="comment-input"
                    rows="1"
                    placeholder=placeholder
                    aria-describedby="comment-count"
                    aria-invalid=move || over().then_some("true")
                    prop:value=move || text.get()
                    on:input=move |e| text.set(event_target_value(&e))
                    on:keydown=move |e: ev::KeyboardEvent| {
                        // Enter sends; Shift+Enter makes a new line (as in chat apps).
                        if e.key() == "Enter" && !e.shift_key() && !e.is_composing() {
                            e.prevent_default();
                            auth.require(send);
                        }
                    }
                ></textarea>
                <Button size=ButtonSize::Small submit=true
                    disabled=Signal::derive(move || sending.get() || empty() || over())
                    loading=sending>
                    {move || if sending.get() { t(msg::comments::SENDING) } else { t(msg::comments::SEND) }}
                </Button>
            </div>
            <p id="comment-count" class="char-count" class:over=over>
                {move || format!("{}/{COMMENT_MAX_CHARS}", chars())}
            </p>
            {move || error.get().map(|e| view! { <p class="inline-error" role="alert">{e}</p> })}
        </form>
    }
}

/// About how tall a thread without replies is on a phone (px).
const THREAD_HEIGHT_ESTIMATE: u32 = 90;

/// A few threads at once, the rest a few per task.
#[component]
fn Threads(items: RwSignal<Vec<Comment>>) -> impl IntoView {
    let limit = use_render_limit(3, 4, move || items.with_untracked(Vec::len));
    view! {
        <ul class="threads">
            <For each=move || items.with(|c| c.iter().take(limit.get()).cloned().collect::<Vec<_>>()) key=|c| c.id let:comment>
                <Thread comment=comment/>
            </For>
        </ul>
    }
}

#[component]
pub fn Comments(
    note_id: i64,
    /// The note's author: their comments get an "Author" badge.
    author_id: i64,
    initial: CountedPage<Comment>,
    /// The note's comment count, kept current as comments are posted and deleted.
    total: RwSignal<i64>,
) -> impl IntoView {
    // The note brought the first page; the rest come on "Load more comments".
    let list = use_paged(
        // Seeded: every request has a cursor (there is none to ask with after the last page).
        move |after: Option<String>| async move {
            api::comments(note_id, after.as_deref().unwrap_or_default())
                .await
                .map(Page::from)
        },
        |list: &mut Vec<Comment>, page: Vec<Comment>, _first: bool| {
            // Skip any the list already has (a comment posted here may be on a later page).
            let fresh: Vec<Comment> = page
                .into_iter()
                .filter(|n| !list.iter().any(|o| o.id == n.id))
                .collect();
            list.extend(fresh);
        },
        show_errors,
    )
    .seed(initial.into());
    let (items, state) = (list.items, list.state);
    let ctx = CommentsCtx {
        note_author: author_id,
        reply_to: RwSignal::new(None),
        threads: StoredValue::new(HashMap::new()),
        top: items,
        total,
        wanted: RwSignal::new(false),
    };
    provide_context(ctx);
    let (loading, error) = (state.loading, state.error);
    let load_more = move || {
        if state.done.get_untracked() || loading.get_untracked() {
            return;
        }
        ctx.wanted.set(true);
        list.load.run(());
    };
    view! {
        <section class="comments" aria-labelledby="comments-heading">
            <h2 id="comments-heading" class="comments-heading">{move || tf(msg::comments::TOTAL_COMMENTS, &[("total", &(total.get()))])}</h2>
            <Composer note_id=note_id/>
            <Show when=move || items.with(Vec::is_empty)>
                <p class="comments-empty">{t(msg::comments::NO_COMMENTS_YET_FIRST_SAY)}</p>
            </Show>
            // Below the note on a phone: the threads (most of a note page's elements) wait
            // until a reader scrolls towards them.
            <WhenNear margin="0px 0px 120px 0px" reserve=THREAD_HEIGHT_ESTIMATE * items.with_untracked(Vec::len) as u32 now=ctx.wanted>
                <Threads items=items/>
            </WhenNear>
            {move || error.get().map(|e| view! { <p class="inline-error" role="alert">{e}</p> })}
            <Show when=move || !state.done.get()>
                <Button variant=ButtonVariant::Secondary class="load-more"
                    on_click=Callback::new(move |_| load_more())
                    disabled=loading loading=loading>
                    {move || if loading.get() { t(msg::common::LOADING) } else { t(msg::comments::LOAD_MORE_COMMENTS) }}
                </Button>
            </Show>
        </section>
    }
}
