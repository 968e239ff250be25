//! Tagging products in a note: search the shop, pick, remove.

use api_types::{ProductCard, MAX_NOTE_PRODUCTS};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::ui::{Button, ButtonSize, ButtonVariant};
use crate::i18n::{is_zh, tr};

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
            <legend>{move || { let n = products.with(Vec::len); if is_zh() { format!("商品（{n}/{MAX_NOTE_PRODUCTS}）") } else { format!("Products ({n}/{MAX_NOTE_PRODUCTS})") } }}</legend>
            <ul class="tagged-products" aria-label=tr("Tagged products", "已添加的商品")>
                {move || products.get().into_iter().map(|p| {
                    let id = p.id;
                    view! {
                        <li class="tagged-chip">
                            <span>{format!("{} {}", p.brand, p.title)}</span>
                            <Button variant=ButtonVariant::Link size=ButtonSize::Small label=if is_zh() { format!("移除商品 {}", p.title) } else { format!("Untag {}", p.title) }
                                on_click=Callback::new(move |_| products.update(|l| l.retain(|x| x.id != id)))>{tr("Remove", "移除")}</Button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <input type="search" class="tag-search" placeholder=tr("Search the shop to tag a product", "搜索商城，添加商品")
                aria-label=tr("Search products to tag", "搜索要添加的商品") disabled=full
                prop:value=move || query.get()
                on:input=move |e| { let q = event_target_value(&e); query.set(q.clone()); search(q); }/>
            <ul class="tag-results" aria-label=tr("Products found", "搜索到的商品")>
                {move || results.get().into_iter().map(|p| {
                    let tagged = products.with(|l| l.iter().any(|x| x.id == p.id));
                    let card = p.clone();
                    view! {
                        <li>
                            <span>{format!("{} {} · {}", p.brand, p.title, api_types::format_cny(p.price_fen))}</span>
                            <Button variant=ButtonVariant::Secondary size=ButtonSize::Small disabled=tagged || full()
                                on_click=Callback::new(move |_| { products.update(|l| l.push(card.clone())); results.set(Vec::new()); query.set(String::new()); })>
                                {if tagged { tr("Tagged", "已添加") } else { tr("Tag", "添加") }}
                            </Button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || error.get().map(|e| view! { <p class="field-error">{e}</p> })}
        </fieldset>
    }
}
