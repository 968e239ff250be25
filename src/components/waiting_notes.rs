//! On the author's own profile: their video notes published before the video was ready, each
//! with its processing progress, or why it will not go public and a Dismiss. It asks again
//! every two seconds while one is on its way, and calls `on_published` when one has gone
//! public (so the profile's notes show it). Why one will not go public is worded from its
//! `error_code` like any refusal of the server.

use std::time::Duration;

use api_types::{ErrorParams, VideoState, WaitingNote};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, error_text};
use crate::components::ui::{Button, ButtonSize, ButtonVariant};
use crate::i18n::{msg, t, tf};

const POLL_EVERY: Duration = Duration::from_secs(2);

/// Asks for the list; again in [`POLL_EVERY`] while a note is on its way. Stops once the
/// component is gone (its signal disposed).
fn refresh(list: RwSignal<Vec<WaitingNote>>, on_published: Callback<()>) {
    spawn_local(async move {
        let fetched = api::waiting_notes().await;
        let Some(before) = list.try_get_untracked() else {
            return;
        };
        let on_way = match fetched {
            Ok(now) => {
                let published = before
                    .iter()
                    .any(|w| w.error.is_none() && !now.iter().any(|n| n.video_id == w.video_id));
                let on_way = now.iter().any(|w| w.error.is_none());
                list.set(now);
                if published {
                    api::forget_notes();
                    on_published.run(());
                }
                on_way
            }
            // A dropped connection: keep the list and try again.
            Err(_) => before.iter().any(|w| w.error.is_none()),
        };
        if on_way {
            set_timeout(move || refresh(list, on_published), POLL_EVERY);
        }
    });
}

#[component]
pub fn WaitingNotes(#[prop(into)] on_published: Callback<()>) -> impl IntoView {
    let list = RwSignal::new(Vec::<WaitingNote>::new());
    refresh(list, on_published);
    let dismiss = move |video_id: i64| {
        spawn_local(async move {
            if api::dismiss_waiting_note(video_id).await.is_ok() {
                list.try_update(|l| l.retain(|w| w.video_id != video_id));
            }
        });
    };
    view! {
        <Show when=move || list.with(|l| !l.is_empty())>
            <section class="waiting-notes" aria-labelledby="waiting-heading">
                <h2 id="waiting-heading">{t(msg::user::WAITING_HEADING)}</h2>
                <p class="field-hint">{t(msg::user::WAITING_HINT)}</p>
                <ul>
                    <For each=move || list.get() key=|w| (w.video_id, w.state, w.progress, w.error.clone()) let:w>
                        <WaitingItem note=w on_dismiss=Callback::new(dismiss)/>
                    </For>
                </ul>
            </section>
        </Show>
    }
}

/// Why `note` will not go public, in the interface language: its code's text, else the
/// server's English words (a note an older server stopped, or a code this build cannot word).
pub fn failure_text(note: &WaitingNote) -> Option<String> {
    let why = note.error.clone()?;
    Some(match note.error_code {
        Some(code) => error_text::message(code, &ErrorParams::default(), why),
        None => why,
    })
}

#[component]
fn WaitingItem(note: WaitingNote, on_dismiss: Callback<i64>) -> impl IntoView {
    let id = note.video_id;
    let title = note.title.clone();
    let body = match failure_text(&note) {
        Some(why) => view! {
            <p class="waiting-error">{why}</p>
            <Button variant=ButtonVariant::Secondary size=ButtonSize::Small
                label=tf(msg::user::WAITING_DISMISS_LABEL, &[("title", &title)])
                on_click=Callback::new(move |_| on_dismiss.run(id))>
                {t(msg::user::WAITING_DISMISS)}
            </Button>
        }
        .into_any(),
        None => {
            let progress = note.progress;
            let state = match note.state {
                VideoState::Queued => t(msg::upload::QUEUED).to_string(),
                VideoState::Processing => tf(msg::upload::PROCESSING_PCT, &[("pct", &progress)]),
                _ => t(msg::user::WAITING_PUBLISHING).to_string(),
            };
            view! {
                <p class="waiting-state">{state}</p>
                <div class="video-bar processing" role="progressbar"
                    aria-label=tf(msg::user::WAITING_PROGRESS, &[("title", &title)])
                    aria-valuemin="0" aria-valuemax="100" aria-valuenow=progress>
                    <span style=format!("width:{progress}%")></span>
                </div>
            }
            .into_any()
        }
    };
    view! {
        <li class="waiting-note">
            <p class="waiting-title">{note.title}</p>
            {body}
        </li>
    }
}
