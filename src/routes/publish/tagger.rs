//! Tagging products in a note: search the shop, pick, remove.

use api_types::{ProductCard, MAX_NOTE_PRODUCTS};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::ui::{Button, ButtonSize, ButtonVariant};
use crate::i18n::{msg, t, tf};

/// Tag products from the shop: search, add (up to the limit), remove.
#[component]
pub(super) fn ProductTagger(
    products: RwSignal<Vec<ProductCard>>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let results = RwSignal::new(Vec::<ProductCard>::new());
    let generation = StoredValue::new(0u32);
    let search = move |q: String| {
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        if q.trim().is_empty() {
            results.set(Vec::new());
            return;
        }
        spawn_local(async move {
            if let Ok(page) = api::search_products(&q, None).await {
                // `try_`: the editor may be gone by now; reading a disposed value panics.
                if generation.try_get_value() == Some(mine) {
                    results.set(page.items.into_iter().take(5).collect());
                }
            }
        });
    };
    let full = move || products.with(Vec::len) >= MAX_NOTE_PRODUCTS;
    view! {
        <fieldset class="field product-tagger">
            <legend>{move || { let n = products.with(Vec::len); tf(msg::publish_tagger::PRODUCTS_N_MAX_NOTE_PRODUCTS, &[("max_note_products", &MAX_NOTE_PRODUCTS), ("n", &n)]) }}</legend>
            <ul class="tagged-products" aria-label=t(msg::publish_tagger::TAGGED_PRODUCTS)>
                {move || products.get().into_iter().map(|p| {
                    let id = p.id;
                    view! {
                        <li class="tagged-chip">
                            <span>{format!("{} {}", p.brand, p.title)}</span>
                            <Button variant=ButtonVariant::Link size=ButtonSize::Small label=tf(msg::publish_tagger::UNTAG_TITLE, &[("title", &p.title)])
                                on_click=Callback::new(move |_| products.update(|l| l.retain(|x| x.id != id)))>{t(msg::publish_tagger::REMOVE)}</Button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <input type="search" class="tag-search" placeholder=t(msg::publish_tagger::SEARCH_SHOP_TAG_PRODUCT)
                aria-label=t(msg::publish_tagger::SEARCH_PRODUCTS_TAG) disabled=full
                prop:value=move || query.get()
                on:input=move |e| { let q = event_target_value(&e); query.set(q.clone()); search(q); }/>
            <ul class="tag-results" aria-label=t(msg::publish_tagger::PRODUCTS_FOUND)>
                {move || results.get().into_iter().map(|p| {
                    let tagged = products.with(|l| l.iter().any(|x| x.id == p.id));
                    let card = p.clone();
                    view! {
                        <li>
                            <span>{format!("{} {} · {}", p.brand, p.title, api_types::format_cny(p.price_fen))}</span>
                            <Button variant=ButtonVariant::Secondary size=ButtonSize::Small disabled=tagged || full()
                                on_click=Callback::new(move |_| { products.update(|l| l.push(card.clone())); results.set(Vec::new()); query.set(String::new()); })>
                                {if tagged { t(msg::publish_tagger::TAGGED) } else { t(msg::publish_tagger::TAG) }}
                            </Button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || error.get().map(|e| view! { <p class="field-error">{e}</p> })}
        </fieldset>
    }
}
