//! The masonry grid: lays cards out with [`crate::masonry::layout`] from the sizes the API sent
//! and, when virtualised, renders only the cards near the viewport, so the DOM stays bounded
//! however far one scrolls.

use api_types::NoteCard as Card;
use leptos::html::Div;
use leptos::prelude::*;

use super::note_card::{NoteCard, TEXT_BLOCK};
use crate::hooks::use_element_width::use_element_width;
use crate::hooks::use_viewport::use_viewport;
use crate::masonry::{columns_for_width, gap_for_width, layout, visible, Layout};

#[component]
pub fn MasonryGrid(
    #[prop(into)] cards: Signal<Vec<Card>>,
    /// Render only cards within about a screen of the viewport.
    #[prop(optional)]
    virtualize: bool,
    /// `aria-busy` while more cards are loading.
    #[prop(optional, into)]
    busy: Signal<bool>,
    #[prop(into)] label: String,
) -> impl IntoView {
    let container = NodeRef::<Div>::new();
    let viewport = use_viewport();
    let width = use_element_width(container);

    let grid: Memo<Layout> = Memo::new(move |_| {
        let w = width.get();
        let gap = gap_for_width(w);
        cards.with(|cards| {
            let sizes: Vec<(u32, u32)> = cards
                .iter()
                .map(|c| (c.cover.width, c.cover.height))
                .collect();
            layout(w, columns_for_width(w), gap, TEXT_BLOCK, &sizes)
        })
    });

    // Whether card `i` is on the screen now (it decides the cover's loading priority).
    let on_screen = move |i: usize| {
        let Some(p) = grid.with_untracked(|g| g.placements.get(i).copied()) else {
            return false;
        };
        let top = container
            .get_untracked()
            .map(|el| el.get_bounding_client_rect().top())
            .unwrap_or(0.0)
            + p.y;
        top < viewport.get_untracked().height && top + p.height > 0.0
    };
    // The cards on the screen render first and the rest one task later: two dozen cards made
    // in one go block a phone's main thread for a few hundred milliseconds.
    let all_cards = RwSignal::new(false);
    Effect::new(move |_| {
        if width.get() > 0.0 && !all_cards.get_untracked() {
            set_timeout(
                move || {
                    let _ = all_cards.try_set(true);
                },
                std::time::Duration::ZERO,
            );
        }
    });

    let shown = Memo::new(move |_| {
        let layout = grid.get();
        // Nothing before the container is measured: a card made at width 0 would be laid out
        // in the wrong column count and pick its loading priority from it.
        if width.get() <= 0.0 {
            return Vec::new();
        }
        let v = viewport.get();
        // The screen's top in the grid's own coordinates.
        let top = -container
            .get()
            .map(|el| el.get_bounding_client_rect().top())
            .unwrap_or(0.0);
        if !all_cards.get() {
            visible(&layout, top, top + v.height)
        } else if virtualize {
            // One screen of overscan each way keeps fast flicks from showing holes.
            visible(&layout, top - v.height, top + 2.0 * v.height)
        } else {
            (0..layout.placements.len()).collect()
        }
    });

    let items = move || {
        let indices = shown.get();
        cards.with(|cards| {
            indices
                .into_iter()
                .filter_map(|i| cards.get(i).map(|c| (i, c.clone())))
                .collect::<Vec<_>>()
        })
    };
    // The covers of the first two rows load eagerly with high priority, if they are on screen
    // when they are made (not so under a note or a product, or further down the feed).
    let eager = move |i: usize| i < grid.with_untracked(|g| g.columns) * 2 && on_screen(i);
    // A feed is made of articles: until one is rendered (nothing loaded yet, nothing to show,
    // or every card virtualised away while the grid is far below), it is a plain box, not an
    // empty feed (ARIA's required children).
    let holds_cards = Memo::new(move |_| shown.with(|s| !s.is_empty()));
    let label = StoredValue::new(label);

    view! {
        <div
            class="masonry"
            node_ref=container
            role=move || holds_cards.get().then_some("feed")
            aria-label=move || holds_cards.get().then(|| label.get_value())
            aria-busy=move || busy.get().to_string()
            data-columns=move || grid.with(|g| g.columns)
            data-count=move || cards.with(Vec::len)
            style=move || format!("height:{}px", crate::format::decimal(grid.with(|g| g.height), 2))
        >
            <For
                each=items
                key=|(i, card)| (*i, card.id)
                children=move |(i, card)| {
                    let placement = Signal::derive(move || {
                        grid.with(|g| g.placements.get(i).copied().unwrap_or_default())
                    });
                    view! {
                        <NoteCard
                            card=card
                            placement=placement
                            position=i + 1
                            eager=eager(i)
                        />
                    }
                }
            />
        </div>
    }
}
