//! Like / collect buttons: optimistic (the heart fills at once), rolled back with a toast if
//! the server refuses, and gated on an account (signed out, the sign-in sheet opens and the
//! like lands after signing in).

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::icon::{Glyph, Icon};
use super::toast::use_toasts;
use crate::api::{self, ApiError};
use crate::format;
use crate::i18n::{msg, t, tf};
use crate::session::use_auth;

/// What a toggle button switches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToggleTarget {
    NoteLike(i64),
    NoteCollect(i64),
    CommentLike(i64),
}

impl ToggleTarget {
    async fn send(self, on: bool) -> Result<api_types::Toggle, ApiError> {
        match self {
            ToggleTarget::NoteLike(id) => api::set_note_like(id, on).await,
            ToggleTarget::NoteCollect(id) => api::set_note_collect(id, on).await,
            ToggleTarget::CommentLike(id) => api::set_comment_like(id, on).await,
        }
    }

    fn glyph(self) -> Glyph {
        match self {
            ToggleTarget::NoteCollect(_) => Glyph::Star,
            _ => Glyph::Heart,
        }
    }

    /// (verb for the accessible name, noun for the count; in Chinese the count's unit)
    fn words(self) -> (&'static str, &'static str) {
        match self {
            ToggleTarget::NoteLike(_) => {
                (t(msg::toggle_action::LIKE), t(msg::toggle_action::LIKES))
            }
            ToggleTarget::NoteCollect(_) => (
                t(msg::toggle_action::COLLECT),
                t(msg::toggle_action::COLLECTS),
            ),
            ToggleTarget::CommentLike(_) => (
                t(msg::toggle_action::LIKE_COMMENT),
                t(msg::toggle_action::LIKES),
            ),
        }
    }
}

#[component]
pub fn ToggleAction(
    target: ToggleTarget,
    active: RwSignal<bool>,
    count: RwSignal<i64>,
    #[prop(default = 22)] size: u32,
    /// Told the confirmed state after the server answers.
    #[prop(optional)]
    on_settled: Option<Callback<(bool, i64)>>,
) -> impl IntoView {
    let auth = use_auth();
    let toasts = use_toasts();
    let in_flight = RwSignal::new(false);
    let act = Callback::new(move |()| {
        if in_flight.get_untracked() {
            return;
        }
        let on = !active.get_untracked();
        let before = count.get_untracked();
        active.set(on);
        count.set((before + if on { 1 } else { -1 }).max(0));
        in_flight.set(true);
        spawn_local(async move {
            match target.send(on).await {
                Ok(t) => {
                    active.set(t.active);
                    count.set(t.count);
                    if let Some(cb) = on_settled {
                        cb.run((t.active, t.count));
                    }
                }
                Err(e) => {
                    active.set(!on);
                    count.set(before);
                    let (verb, _) = target.words();
                    toasts.show(tf(
                        msg::toggle_action::FAILED,
                        &[("verb", &verb), ("error", &e)],
                    ));
                }
            }
            in_flight.set(false);
        });
    });
    let (verb, noun) = target.words();
    view! {
        <button
            type="button"
            class="action"
            class:active=move || active.get()
            class:collect=matches!(target, ToggleTarget::NoteCollect(_))
            aria-pressed=move || active.get().to_string()
            aria-label=move || {
                tf(msg::toggle_action::VERB_COUNT_NOUN, &[("count", &(format::count(count.get()))), ("noun", &noun), ("verb", &verb)])
            }
            on:click=move |_| auth.require(act)
        >
            <Icon glyph=target.glyph() size=size solid=Signal::derive(move || active.get())/>
            <span class="action-count">{move || format::count(count.get())}</span>
        </button>
    }
}
