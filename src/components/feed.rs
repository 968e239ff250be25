//! An infinitely scrolling masonry feed for one source (channel, topic or author): loads pages
//! by cursor when a sentinel nears the viewport, one request at a time; shows skeletons first,
//! an error with retry in place, and an end marker.

use api_types::NoteCard as Card;
use leptos::html::Div;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::card_menu::CardMenuHost;
use super::masonry_grid::MasonryGrid;
use super::states::{EmptyState, ErrorState, ListStatus, SkeletonGrid};
use crate::api::{self, FeedSource};
use crate::components::toast::use_toasts;
use crate::hooks::use_paged::{show_errors, use_paged};
use crate::i18n::{msg, t};

/// Start loading the next page this far before the sentinel is visible.
const PREFETCH_MARGIN_PX: f64 = 1200.0;
/// How many frames a page's check for "still near the end" waits for the grid to draw.
const FRAMES_TO_WAIT_FOR_GRID: u32 = 30;

#[component]
pub fn InfiniteFeed(
    #[prop(into)] source: Signal<FeedSource>,
    #[prop(into)] label: String,
    /// Shown when the source has no notes at all.
    #[prop(optional, into)]
    empty_title: Option<String>,
    #[prop(optional, into)] empty_message: Option<String>,
    /// Extra content under the empty state (e.g. other searches to try).
    #[prop(optional, into)]
    empty_extra: Option<ViewFn>,
    /// Bumping it reloads the feed from its first page (the For-you list re-ranks).
    #[prop(optional, into)]
    refresh: Option<Signal<u32>>,
) -> impl IntoView {
    let empty_title = empty_title.unwrap_or_else(|| t(msg::common::NO_NOTES_YET).to_string());
    let empty_message =
        empty_message.unwrap_or_else(|| t(msg::feed::NOTHING_HAS_BEEN_POSTED_HERE).to_string());
    let sentinel = NodeRef::<Div>::new();

    // After a page lands: a frame later, another page if the sentinel is still near (waiting
    // a few more frames for the grid to draw). Set below: it calls the list that calls it.
    let check_near: StoredValue<Option<Callback<u32>>> = StoredValue::new(None);
    let list = use_paged(
        move |cursor: Option<String>| {
            let src = source.get_untracked();
            async move { api::feed(&src, cursor.as_deref()).await }
        },
        move |cards: &mut Vec<Card>, page: Vec<Card>, _first: bool| {
            // The For-you list is re-ranked at every request, so a later page may repeat a
            // card already shown: each note appears once.
            for card in page {
                if !cards.iter().any(|k| k.id == card.id) {
                    cards.push(card);
                }
            }
            if let Some(check) = check_near.get_value() {
                check.run(FRAMES_TO_WAIT_FOR_GRID);
            }
        },
        show_errors,
    );
    let (cards, state) = (list.items, list.state);

    // Whether the sentinel is near the viewport; None while the grid above it has cards but
    // has not drawn any yet (it is laid out once its width is measured, a frame later), when
    // the sentinel sits near the top and would ask for a page nobody needs yet.
    let near_bottom = move || {
        let el = sentinel.get_untracked()?;
        let grid_drawn = el
            .previous_element_sibling()
            .is_some_and(|grid| grid.has_attribute("role"));
        if !grid_drawn && !cards.with_untracked(Vec::is_empty) {
            return None;
        }
        let viewport_h = web_sys::window()
            .and_then(|w| w.inner_height().ok())
            .and_then(|h| h.as_f64())
            .unwrap_or(800.0);
        Some(el.get_bounding_client_rect().top() < viewport_h + PREFETCH_MARGIN_PX)
    };
    check_near.set_value(Some(Callback::new(move |frames_left: u32| {
        request_animation_frame(move || {
            // The feed may be gone a frame later (the reader left); reading it would panic.
            if check_near.is_disposed() {
                return;
            }
            match near_bottom() {
                Some(true) => list.more(),
                Some(false) => {}
                None if frames_left > 0 => {
                    if let Some(check) = check_near.get_value() {
                        check.run(frames_left - 1);
                    }
                }
                None => {}
            }
        });
    })));

    // A new source starts from scratch.
    Effect::new(move |_| {
        let _ = source.get();
        if let Some(refresh) = refresh {
            refresh.track();
        }
        list.reset();
    });

    list.more_when_near(sentinel, "0px 0px 1200px 0px");

    // For-you cards get the "More" menu: "Not interested" takes the card out at once (the
    // masonry re-flows around the gap) and the toast's Undo puts it back where it was.
    let toasts = use_toasts();
    let auth = crate::session::use_auth();
    let hide = Callback::new(move |id: i64| {
        let generation = state.generation();
        let Some((at, card)) = cards.with_untracked(|cards| {
            cards
                .iter()
                .position(|c| c.id == id)
                .map(|at| (at, cards[at].clone()))
        }) else {
            return;
        };
        cards.update(|c| {
            c.remove(at);
        });
        // Back where it was, unless the feed was reset meanwhile.
        let put_back = move || {
            if !state.is_current(generation) {
                return;
            }
            cards.update(|c| {
                if !c.iter().any(|k| k.id == id) {
                    c.insert(at.min(c.len()), card.clone());
                }
            });
        };
        let put_back = StoredValue::new(put_back);
        if auth.user_id_untracked().is_none() && crate::guest::ensure().is_some() {
            crate::guest::note_taste();
        }
        spawn_local(async move {
            match api::set_not_interested(id, true).await {
                Ok(()) => {
                    let undo = Callback::new(move |()| {
                        spawn_local(async move {
                            match api::set_not_interested(id, false).await {
                                Ok(()) => put_back.with_value(|f| f()),
                                Err(e) => toasts.show(e.to_string()),
                            }
                        });
                    });
                    toasts.show_with_action(
                        t(msg::feed::YOULL_SEE_FEWER_NOTES_LIKE),
                        t(msg::feed::UNDO),
                        undo,
                    );
                }
                Err(e) => {
                    put_back.with_value(|f| f());
                    toasts.show(e.to_string());
                }
            }
        });
    });
    provide_context(CardMenuHost {
        // Guests may say "Not interested" on the public For-you page too: it starts their own.
        enabled: Signal::derive(move || {
            source.with(|s| match s {
                FeedSource::ForYou => true,
                FeedSource::Channel(c) => c == api::FOR_YOU_CHANNEL && auth.user_id().is_none(),
                _ => false,
            })
        }),
        hide,
    });

    let first_load = move || state.loading.get() && cards.with(Vec::is_empty);
    let busy = Signal::derive(move || state.loading.get());
    // Under the error and the empty state, neither "Loading more…" nor the end marker shows.
    let has_cards = move || !cards.with(Vec::is_empty);
    let ok = move || state.error.with(Option::is_none);
    let more_loading =
        Signal::derive(move || ok() && !state.done.get() && state.loading.get() && has_cards());
    let caught_up = Signal::derive(move || ok() && state.done.get() && has_cards());

    view! {
        <section class="feed">
            <Show when=first_load>
                <SkeletonGrid count=12/>
            </Show>
            <MasonryGrid cards=cards virtualize=true busy=busy label=label/>
            <div class="feed-sentinel" node_ref=sentinel aria-hidden="true"></div>
            {move || {
                if let Some(message) = state.error.get() {
                    view! { <ErrorState message=message on_retry=list.load/> }.into_any()
                } else if state.done.get() && cards.with(Vec::is_empty) {
                    view! {
                        <EmptyState title=empty_title.clone() message=empty_message.clone()/>
                        {empty_extra.as_ref().map(|extra| extra.run())}
                    }
                        .into_any()
                } else {
                    ().into_any()
                }
            }}
            <ListStatus loading=more_loading done=caught_up end_text=t(msg::feed::YOURE_ALL_CAUGHT_UP)/>
        </section>
    }
}
