//! Two-level comments: top-level comments with their first replies, "show more replies" per
//! thread and "load more comments" at the end, both paged by the server's cursor.

use super::icon::{Glyph, Icon};
use api_types::{Comment, CommentPage};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::avatar::Avatar;
use crate::api;
use crate::format;

#[component]
fn CommentBody(comment: Comment, reply: bool) -> impl IntoView {
    let now = format::now_unix();
    let author = comment.author.clone();
    let by_note_author = use_context::<NoteAuthor>().is_some_and(|a| a.0 == author.id);
    view! {
        <div class="comment" class:reply=reply>
            <Avatar user=author.clone() size=if reply { 24 } else { 32 }/>
            <div class="comment-main">
                <div class="comment-author">
                    <a href=format!("/user/{}", author.id)>{author.display_name.clone()}</a>
                    {by_note_author.then(|| view! { <span class="author-badge">"Author"</span> })}
                </div>
                <p class="comment-text">
                    {comment.reply_to.map(|to| view! {
                        <span class="reply-to">"Reply "<span class="mention">"@"{to.display_name}</span>": "</span>
                    })}
                    {comment.body.clone()}
                </p>
                <div class="comment-meta">
                    <time>{format::relative_time(comment.created_at, now)}</time>
                    <span class="comment-likes" aria-label=format!("{} likes", comment.like_count)>
                        <Icon glyph=Glyph::Heart size=13/>
                        {format::count(comment.like_count)}
                    </span>
                </div>
            </div>
        </div>
    }
}

#[component]
fn Thread(comment: Comment) -> impl IntoView {
    let id = comment.id;
    let total = comment.reply_count;
    let replies = RwSignal::new(comment.replies.clone());
    // None until the replies endpoint has been asked once (the embedded ones come first).
    let cursor = RwSignal::new(None::<Option<String>>);
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let remaining = move || (total - replies.with(Vec::len) as i64).max(0);
    let more = move |_| {
        if loading.get_untracked() {
            return;
        }
        loading.set(true);
        error.set(None);
        let after = cursor.get_untracked();
        spawn_local(async move {
            let from = after.clone().flatten();
            match api::replies(id, from.as_deref()).await {
                Ok(page) => {
                    if after.is_none() {
                        replies.set(page.items);
                    } else {
                        replies.update(|r| r.extend(page.items));
                    }
                    cursor.set(Some(page.next_cursor));
                }
                Err(e) => error.set(Some(e.to_string())),
            }
            loading.set(false);
        });
    };
    view! {
        <li class="thread" data-comment-id=id>
            <CommentBody comment=comment reply=false/>
            <ul class="replies">
                <For each=move || replies.get() key=|r| r.id let:reply>
                    <li><CommentBody comment=reply reply=true/></li>
                </For>
            </ul>
            <Show when=move || { remaining() > 0 }>
                <button class="link-btn show-replies" on:click=more disabled=move || loading.get()>
                    {move || if loading.get() {
                        "Loading…".to_string()
                    } else {
                        format!("Show {} more {}", remaining(), if remaining() == 1 { "reply" } else { "replies" })
                    }}
                </button>
            </Show>
            {move || error.get().map(|e| view! { <p class="inline-error" role="alert">{e}</p> })}
        </li>
    }
}

#[component]
pub fn Comments(
    note_id: i64,
    /// The note's author: their comments get an "Author" badge.
    author_id: i64,
    initial: CommentPage,
    total_count: i64,
) -> impl IntoView {
    provide_context(NoteAuthor(author_id));
    let items = RwSignal::new(initial.items);
    let cursor = RwSignal::new(initial.next_cursor);
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let load_more = move |note: i64| {
        let Some(after) = cursor.get_untracked() else {
            return;
        };
        if loading.get_untracked() {
            return;
        }
        loading.set(true);
        error.set(None);
        spawn_local(async move {
            match api::comments(note, &after).await {
                Ok(page) => {
                    items.update(|c| c.extend(page.items));
                    cursor.set(page.next_cursor);
                }
                Err(e) => error.set(Some(e.to_string())),
            }
            loading.set(false);
        });
    };
    view! {
        <section class="comments" aria-labelledby="comments-heading">
            <h2 id="comments-heading" class="comments-heading">{format!("{} comments", total_count)}</h2>
            <Show when=move || items.with(Vec::is_empty)>
                <p class="comments-empty">"No comments yet. Be the first to say something nice."</p>
            </Show>
            <ul class="threads">
                <For each=move || items.get() key=|c| c.id let:comment>
                    <Thread comment=comment/>
                </For>
            </ul>
            {move || error.get().map(|e| view! { <p class="inline-error" role="alert">{e}</p> })}
            <Show when=move || cursor.with(Option::is_some)>
                <button class="btn btn-secondary load-more" on:click=move |_| load_more(note_id)
                    disabled=move || loading.get()>
                    {move || if loading.get() { "Loading…" } else { "Load more comments" }}
                </button>
            </Show>
        </section>
    }
}

/// Who wrote the note whose comments these are.
#[derive(Clone, Copy)]
struct NoteAuthor(i64);
