//! A note card in the masonry feed: cover at its true (clamped) aspect ratio, title, author,
//! like count. Positioned absolutely from the layout the grid computed.

use super::icon::{Glyph, Icon};
use api_types::{NoteCard as Card, NoteKind};
use leptos::prelude::*;

use stylers_macro::style;

use super::avatar::Avatar;
use super::card_menu::{CardMenu, CardMenuHost, Panel};
use super::picture::Picture;
use crate::i18n::{msg, t, tf};
use crate::masonry::Placement;
use crate::richtext::highlight;

/// Provided by the search page: card titles emphasise these words.
#[derive(Clone, Debug)]
pub struct SearchHighlight(pub String);
use crate::{api, format};

/// Height of the caption block under the cover; the layout reserves exactly this much.
pub const TEXT_BLOCK: f64 = 86.0;

#[component]
pub fn NoteCard(
    card: Card,
    placement: Signal<Placement>,
    /// 1-based position in the feed, for `aria-posinset`.
    position: usize,
    /// Cards in the first screen load eagerly.
    eager: bool,
) -> impl IntoView {
    let class = style! {
        .card {
            position: absolute;
            top: 0;
            left: 0;
            border-radius: var(--radius-lg);
            background: var(--surface);
        }
        .card:focus-visible {
            outline: 3px solid var(--focus);
            outline-offset: 2px;
        }
        .cover {
            position: relative;
            display: block;
            overflow: hidden;
            border-radius: var(--radius-lg);
        }
        .badge {
            position: absolute;
            top: 8px;
            right: 8px;
            display: flex;
            align-items: center;
            gap: 4px;
            padding: 3px 8px 3px 6px;
            border-radius: 999px;
            background: rgba(0, 0, 0, 0.45);
            color: white;
            font-size: 12px;
            font-weight: 600;
            backdrop-filter: blur(6px);
        }
        .meta {
            display: flex;
            align-items: center;
            justify-content: space-between;
            gap: 8px;
            height: 24px;
            margin-top: 6px;
            font-size: 12px;
            color: var(--text-2);
        }
        /* The row's full 24 px: a target of its own size (WCAG 2.5.8). */
        .author {
            display: flex;
            align-self: stretch;
            align-items: center;
            gap: 6px;
            min-width: 0;
            color: var(--text-2);
            text-decoration: none;
        }
        .likes {
            display: flex;
            align-items: center;
            gap: 3px;
            flex-shrink: 0;
            margin-left: auto;
        }
    };
    let id = card.id;
    let href = format!("/explore/{id}");
    let title_id = format!("note-title-{id}");
    let labelled_by = title_id.clone();
    let video = (card.kind == NoteKind::Video).then(|| {
        let label = card.video_seconds.map(format::duration).unwrap_or_default();
        view! { class=class,
            <span class="badge" aria-label=t(msg::note_card::VIDEO_NOTE)>
                <Icon glyph=Glyph::Play size=12/>
                {label}
            </span>
        }
    });
    let image_height = move || placement.get().image_height;
    let style = move || {
        let p = placement.get();
        format!(
            "transform:translate({}px,{}px);width:{}px",
            format::decimal(p.x, 2),
            format::decimal(p.y, 2),
            format::decimal(p.width, 2)
        )
    };
    let likes_label = tf(
        msg::note_card::LIKE_COUNT_LIKES,
        &[("like_count", &card.like_count)],
    );
    let alt = card.title.clone();
    // On search results the matched words are emphasised (as text nodes, never HTML).
    let title_view = match use_context::<SearchHighlight>() {
        Some(SearchHighlight(q)) => highlight(&card.title, &q)
            .into_iter()
            .map(|(text, hit)| {
                if hit {
                    view! { <mark>{text}</mark> }.into_any()
                } else {
                    text.into_any()
                }
            })
            .collect_view()
            .into_any(),
        None => card.title.clone().into_any(),
    };
    // The For-you list's "More" menu; while it is open the card sits above its neighbours.
    let panel = RwSignal::new(Panel::Closed);
    let menu = use_context::<CardMenuHost>().map(|host| {
        let (title, reason) = (card.title.clone(), card.reason.clone());
        view! {
            <Show when=move || host.enabled.get()>
                <CardMenu note_id=id title=title.clone() reason=reason.clone() panel=panel host=host/>
            </Show>
        }
    });
    view! { class=class,
        <article
            class="card"
            class:menu-open=move || panel.get() != Panel::Closed
            style=style
            aria-labelledby=labelled_by
            aria-posinset=position
            aria-setsize="-1"
            tabindex="0"
            data-note-id=id
            on:pointerenter=move |_| api::prefetch_note(id)
            on:touchstart=move |_| api::prefetch_note(id)
        >
            <a class="cover" href=href.clone() data-noscroll="" tabindex="-1" aria-hidden="true"
                style=move || format!("height:{}px", format::decimal(image_height(), 2))>
                // The same `sizes` the server's preload uses, true at every viewport width.
                <Picture image=card.cover.clone() sizes=api_types::card_sizes() alt=alt eager=eager/>
                {video}
            </a>
            <div class="card-body">
                <a class="card-title" id=title_id href=href data-noscroll="">{title_view}</a>
                <div class="meta">
                    <a class="author" href=format!("/user/{}", card.author.id)>
                        <Avatar user=card.author.clone() size=20/>
                        <span class="author-name">{card.author.display_name.clone()}</span>
                    </a>
                    <span class="likes" aria-label=likes_label>
                        <Icon glyph=Glyph::Heart size=14/>
                        {format::count(card.like_count)}
                    </span>
                    {menu}
                </div>
            </div>
        </article>
    }
}
