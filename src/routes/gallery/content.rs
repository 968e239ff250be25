//! Specimens of content: avatars, badges, note and product cards, prices, steppers, carousels.

use api_types::{NoteCard as Card, ProductCard};
use leptos::prelude::*;

use super::{in_panel, state, Specimens};
use crate::components::avatar::Avatar;
use crate::components::carousel::Carousel;
use crate::components::masonry_grid::MasonryGrid;
use crate::components::product_tile::ProductTile;
use crate::components::quantity_stepper::QuantityStepper;
use crate::components::ui::{Badge, Price};

pub(super) fn avatars(data: &Specimens, _: &'static str) -> AnyView {
    let users: Vec<_> = data
        .cards
        .iter()
        .take(3)
        .map(|c| c.author.clone())
        .collect();
    let row = move |size: u32| {
        users
            .iter()
            .cloned()
            .map(|u| view! { <Avatar user=u size=size/> })
            .collect_view()
    };
    view! {
        {state("24, 32, 48, 88 px", view! {
            {row(24)}{row(32)}{row(48)}{row(88)}
        })}
    }
    .into_any()
}

pub(super) fn badges(_: &Specimens, _: &'static str) -> AnyView {
    view! {
        {state("Counts", view! {
            <Badge text="1"/>
            <Badge text="12"/>
            <Badge text=crate::components::ui::badge::capped(320)/>
        })}
        {state("Neutral and text", view! {
            <Badge text="7" neutral=true/>
            <Badge text="NEW"/>
            <Badge text="新"/>
        })}
    }
    .into_any()
}

pub(super) fn note_cards(data: &Specimens, _: &'static str) -> AnyView {
    let mut cards: Vec<Card> = data.cards.iter().take(4).cloned().collect();
    if let Some(first) = data.cards.first() {
        let mut long = first.clone();
        long.id = -1;
        long.title = "A very long title that keeps going to show how two lines clamp with an ellipsis at the end".into();
        long.like_count = 123_456;
        let mut zh = first.clone();
        zh.id = -2;
        zh.title = "夏天必备！这三款防晒霜我用了一整个夏天，真心推荐给油皮姐妹".into();
        zh.like_count = 12_000;
        cards.insert(1, long);
        cards.insert(3, zh);
    }
    view! {
        {state("Photos and video, long and Chinese titles, compact counts", view! {
            <div class="gallery-wide"><MasonryGrid cards=Signal::stored(cards) label="Specimen notes"/></div>
        })}
    }
    .into_any()
}

pub(super) fn product_cards(data: &Specimens, _: &'static str) -> AnyView {
    let mut products: Vec<ProductCard> = data.products.iter().take(3).cloned().collect();
    if let Some(last) = products.last_mut() {
        last.sold_out = true;
    }
    view! {
        {state("In stock, and sold out", view! {
            <div class="gallery-products product-grid">
                {products.into_iter().map(|p| {
                    let href = format!("/product/{}", p.id);
                    view! { <ProductTile product=p href=href/> }
                }).collect_view()}
            </div>
        })}
    }
    .into_any()
}

pub(super) fn prices(_: &Specimens, _: &'static str) -> AnyView {
    view! {
        {state("Plain, discounted, large", view! {
            <Price fen=12_800/>
            <Price fen=9_900 original_fen=15_900/>
            <Price fen=25_600 large=true/>
        })}
    }
    .into_any()
}

pub(super) fn steppers(_: &Specimens, _: &'static str) -> AnyView {
    let one = RwSignal::new(1_i64);
    let mid = RwSignal::new(3_i64);
    let top = RwSignal::new(5_i64);
    let set = |s: RwSignal<i64>| Callback::new(move |n| s.set(n));
    view! {
        {state("At one, in the middle, at the stock limit (5)", view! {
            <QuantityStepper value=one max=Signal::stored(5) on_change=set(one) label="Quantity".to_string()/>
            <QuantityStepper value=mid max=Signal::stored(5) on_change=set(mid) label="Quantity".to_string()/>
            <QuantityStepper value=top max=Signal::stored(5) on_change=set(top) label="Quantity".to_string()/>
        })}
        {state("Disabled", view! {
            <QuantityStepper value=mid max=Signal::stored(5) on_change=set(mid) label="Quantity".to_string() disabled=true/>
        })}
    }
    .into_any()
}

pub(super) fn carousels(data: &Specimens, theme: &'static str) -> AnyView {
    match &data.note {
        Some(note) => {
            let index = RwSignal::new(0_usize);
            let images = note.images.clone();
            let title = note.title.clone();
            view! {
                {state("A note's photos", view! {
                    <div class="gallery-carousel"><Carousel images=images title=title index=index label=in_panel("Images", theme)/></div>
                })}
            }
            .into_any()
        }
        None => view! { <p class="muted">"No note to show."</p> }.into_any(),
    }
}
