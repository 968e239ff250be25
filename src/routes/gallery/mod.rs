//! `/gallery` and `/gallery/{component}`: every design-system component in every state, in the
//! light and the dark theme side by side, at phone or desktop width (`?w=phone|desktop`, so a
//! link shares the exact view). Not in the main navigation. Specimens use real data from the
//! API (notes, products, channels) so images, lengths and languages are what users meet.
//!
//! Adding a component to the app means adding an entry to [`ENTRIES`].

use api_types::{Channel, NoteCard as Card, NoteDetail, ProductCard, ProductSort};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::{self, FeedSource};
use crate::components::states::EmptyState;
use crate::components::ui::Spinner;
use crate::i18n::{msg, t};

mod content;
mod controls;
mod feedback;

use content::{avatars, badges, carousels, note_cards, prices, product_cards, steppers};
use controls::{buttons, channel_bar, chips, icon_buttons, segmented, tabs, text_fields};
use feedback::{dialogs, sentinels, skeletons, spinners, states, toasts};

/// Real data for the specimens, fetched once per gallery visit.
#[derive(Clone, Default)]
struct Specimens {
    cards: Vec<Card>,
    products: Vec<ProductCard>,
    channels: Vec<Channel>,
    note: Option<NoteDetail>,
}

struct Entry {
    slug: &'static str,
    name: &'static str,
    about: &'static str,
    /// Renders the specimens for one theme panel (`"light"` / `"dark"`, for unique ids).
    render: fn(&Specimens, &'static str) -> AnyView,
}

const ENTRIES: &[Entry] = &[
    Entry { slug: "button", name: "Button", about: "Primary (one per view), secondary, ghost, danger; three sizes; loading keeps the label and blocks repeat presses; a link can look like a button.", render: buttons },
    Entry { slug: "icon-button", name: "Icon button", about: "44 px round target; the label is the accessible name and the tooltip.", render: icon_buttons },
    Entry { slug: "text-field", name: "Text field", about: "Label, hint, counter and an inline error wired to the control (aria-invalid, aria-describedby).", render: text_fields },
    Entry { slug: "tabs", name: "Tabs", about: "Views kept in the URL; the current tab has aria-current; counts as neutral badges, or red for unread (the count is in the tab's name).", render: tabs },
    Entry { slug: "chip", name: "Chip", about: "Filters (links, aria-current) and toggles (buttons, aria-pressed).", render: chips },
    Entry { slug: "segmented", name: "Segmented choice", about: "One of a few options side by side (theme, language): native radios in a fieldset, so arrow keys move the choice; the chosen one looks like a selected chip.", render: segmented },
    Entry { slug: "channel-bar", name: "Channel chips", about: "The feed's channels; the selected one lives in ?channel=.", render: channel_bar },
    Entry { slug: "avatar", name: "Avatar", about: "Round, decorative (the name beside it is the text); 64 px rendition up to 32 px, 160 px above.", render: avatars },
    Entry { slug: "badge", name: "Badge", about: "Unread and cart counts; 99+ beyond 99; the control it sits on carries the number in its name.", render: badges },
    Entry { slug: "note-card", name: "Note card", about: "Masonry card laid out from the image size the API sends (no layout shift); long and Chinese titles clamp to two lines.", render: note_cards },
    Entry { slug: "product-card", name: "Product card", about: "Shop tile: cover, brand, title, price, sales; sold out is marked.", render: product_cards },
    Entry { slug: "price", name: "Price", about: "Integer fen shown as yuan; a discount shows the struck-through original.", render: prices },
    Entry { slug: "quantity-stepper", name: "Quantity stepper", about: "Clamped to 1…max; the buttons disable at the ends.", render: steppers },
    Entry { slug: "skeleton", name: "Skeletons", about: "Placeholders with varied heights while the first page loads.", render: skeletons },
    Entry { slug: "dialog", name: "Dialog and bottom sheet", about: "Centred on wide screens, a bottom sheet on phones; focus trapped, Escape closes, focus returns.", render: dialogs },
    Entry { slug: "toast", name: "Toast", about: "Short confirmations in one polite live region.", render: toasts },
    Entry { slug: "carousel", name: "Carousel", about: "A note's photos: swipe, arrows, dots; keyboard arrows when focused.", render: carousels },
    Entry { slug: "states", name: "Empty and error states", about: "What a list shows with nothing in it, and when loading failed (with a retry).", render: states },
    Entry { slug: "sentinel", name: "Infinite-scroll sentinel", about: "Loading more, and the end of the feed.", render: sentinels },
    Entry { slug: "spinner", name: "Spinner", about: "Indeterminate progress; stands still under reduced motion.", render: spinners },
];

#[component]
pub fn GalleryPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let slug = Memo::new(move |_| params.with(|p| p.get("component")));
    let phone = Memo::new(move |_| query.with(|q| q.get("w").as_deref() == Some("phone")));
    let specimens = LocalResource::new(load_specimens);

    let width_link = move |phone_width: bool| {
        let base = slug
            .get()
            .map_or("/gallery".to_string(), |s| format!("/gallery/{s}"));
        if phone_width {
            format!("{base}?w=phone")
        } else {
            base
        }
    };
    let suffix = move || if phone.get() { "?w=phone" } else { "" };

    view! {
        <div class="gallery" class:gallery-phone=move || phone.get()>
            <header class="gallery-head">
                <div>
                    <h1><a href=move || format!("/gallery{}", suffix())>{t(msg::gallery::COMPONENT_GALLERY)}</a></h1>
                    <p class="muted">{t(msg::gallery::EVERY_COMPONENT_EVERY_STATE_LIGHT)}</p>
                </div>
                <nav class="gallery-widths" aria-label=t(msg::gallery::PREVIEW_WIDTH)>
                    <a href=move || width_link(true) aria-current=move || phone.get().then_some("page")>{t(msg::gallery::PHONE_390)}</a>
                    <a href=move || width_link(false) aria-current=move || (!phone.get()).then_some("page")>{t(msg::gallery::DESKTOP)}</a>
                </nav>
            </header>
            <div class="gallery-body">
                <nav class="gallery-index" aria-label=t(msg::gallery::COMPONENTS)>
                    <ul>
                        {ENTRIES.iter().map(|e| view! {
                            <li>
                                <a href=move || format!("/gallery/{}{}", e.slug, suffix())
                                    aria-current=move || (slug.get().as_deref() == Some(e.slug)).then_some("page")>{e.name}</a>
                            </li>
                        }).collect_view()}
                    </ul>
                </nav>
                <div class="gallery-sections">
                    {move || {
                        let Some(data) = specimens.get() else {
                            return view! { <div class="gallery-loading" role="status"><Spinner size=28/></div> }.into_any();
                        };
                        let chosen = slug.get();
                        let shown: Vec<&Entry> = ENTRIES
                            .iter()
                            .filter(|e| chosen.as_deref().is_none_or(|s| s == e.slug))
                            .collect();
                        if shown.is_empty() {
                            return view! {
                                <EmptyState title=t(msg::gallery::NO_SUCH_COMPONENT) message=t(msg::gallery::PICK_ONE_FROM_LIST)/>
                            }.into_any();
                        }
                        shown.into_iter().map(|e| section(e, &data, suffix())).collect_view().into_any()
                    }}
                </div>
            </div>
        </div>
    }
}

fn section(entry: &Entry, data: &Specimens, suffix: &'static str) -> impl IntoView {
    let heading = format!("gallery-{}", entry.slug);
    let labelled_by = heading.clone();
    view! {
        <section class="gallery-section" aria-labelledby=labelled_by data-component=entry.slug>
            <h2 id=heading><a href=format!("/gallery/{}{suffix}", entry.slug)>{entry.name}</a></h2>
            <p class="gallery-about">{entry.about}</p>
            <div class="gallery-themes">
                <div class="gallery-panel" data-theme="light">
                    <p class="gallery-panel-label">{t(msg::common::LIGHT)}</p>
                    {(entry.render)(data, "light")}
                </div>
                <div class="gallery-panel" data-theme="dark">
                    <p class="gallery-panel-label">{t(msg::common::DARK)}</p>
                    {(entry.render)(data, "dark")}
                </div>
            </div>
        </section>
    }
}

async fn load_specimens() -> Specimens {
    let channels = api::channels().await.unwrap_or_default();
    let first = channels
        .first()
        .map_or_else(|| "recommend".to_string(), |c| c.slug.clone());
    let cards = api::feed(&FeedSource::Channel(first), None)
        .await
        .map(|p| p.items)
        .unwrap_or_default();
    let note = match cards.first() {
        Some(c) => api::note(c.id).await.ok(),
        None => None,
    };
    let products = api::products(None, ProductSort::Popular, None)
        .await
        .map(|p| p.items)
        .unwrap_or_default();
    Specimens {
        cards,
        products,
        channels,
        note,
    }
}

/// A landmark's name inside one theme panel: both panels hold the same specimens, and
/// landmarks must be told apart by name (axe `landmark-unique`).
fn in_panel(name: &str, theme: &str) -> String {
    format!("{name} ({theme})")
}

/// A labelled row of specimens in one state.
fn state(label: &'static str, content: impl IntoView + 'static) -> impl IntoView {
    view! {
        <div class="gallery-state">
            <p class="gallery-state-label">{label}</p>
            <div class="gallery-row">{content}</div>
        </div>
    }
}
