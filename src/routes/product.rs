//! `/product/:id`: gallery, brand and origin, price of the chosen variant, the option picker
//! (values with nothing in stock for the other choices are disabled), stock state,
//! description, and the notes that tag this product in the masonry feed.

use api_types::{format_cny, LineInput, ProductDetail, Variant, LOW_STOCK, MAX_LINE_QUANTITY};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use super::not_found::NotFound;
use crate::api::{self, ApiError, FeedSource};
use crate::cart::use_cart;
use crate::components::carousel::Carousel;
use crate::components::deferred::WhenNear;
use crate::components::feed::InfiniteFeed;
use crate::components::quantity_stepper::QuantityStepper;
use crate::components::states::EmptyState;
use crate::components::states::ErrorState;
use crate::components::toast::use_toasts;
use crate::components::ui::{Button, ButtonSize, ButtonVariant, Chip};
use crate::format;
use crate::i18n::{is_zh, msg, t, tf};

/// Whether some in-stock variant has `value` on `axis` and matches the other chosen values.
pub fn value_available(
    variants: &[Variant],
    chosen: &[Option<usize>],
    axis: usize,
    value: usize,
) -> bool {
    variants.iter().any(|v| {
        v.stock > 0
            && v.values.get(axis) == Some(&value)
            && chosen
                .iter()
                .enumerate()
                .all(|(a, c)| a == axis || c.is_none() || v.values.get(a) == c.as_ref())
    })
}

/// The variant matching every chosen value, if all axes are chosen.
pub fn chosen_variant<'a>(
    variants: &'a [Variant],
    chosen: &[Option<usize>],
) -> Option<&'a Variant> {
    if chosen.iter().any(Option::is_none) {
        return None;
    }
    variants.iter().find(|v| {
        v.values.len() == chosen.len() && v.values.iter().zip(chosen).all(|(v, c)| Some(*v) == *c)
    })
}

#[component]
pub fn ProductPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok())));
    let product = RwSignal::new(None::<Result<ProductDetail, ApiError>>);
    let retry = RwSignal::new(0u32);
    Effect::new(move |_| {
        retry.track();
        let Some(id) = id.get() else {
            product.set(Some(Err(ApiError::NotFound(
                t(msg::product::NO_SUCH_PRODUCT).into(),
            ))));
            return;
        };
        product.set(None);
        spawn_local(async move {
            let result = api::product(id).await;
            product.set(Some(result));
        });
    });
    move || {
        match product.get() {
        None => view! {
            <div class="product-page" aria-busy="true">
                <div class="product-gallery skeleton shimmer"></div>
            </div>
        }
        .into_any(),
        Some(Err(e)) if e.is_not_found() => view! {
            <NotFound title=t(msg::product::PRODUCT_NOT_FOUND) message=t(msg::product::PRODUCT_DOESNT_EXIST_NO_LONGER)/>
        }
        .into_any(),
        Some(Err(e)) => view! {
            <ErrorState message=e.to_string() on_retry=Callback::new(move |()| retry.update(|r| *r += 1))/>
        }
        .into_any(),
        Some(Ok(p)) => view! { <ProductView p=p/> }.into_any(),
    }
    }
}

#[component]
fn ProductView(p: ProductDetail) -> impl IntoView {
    let variants = StoredValue::new(p.variants.clone());
    // Start from the first variant in stock (or the first one), so a price shows at once.
    let start = p
        .variants
        .iter()
        .find(|v| v.stock > 0)
        .or(p.variants.first())
        .map(|v| v.values.iter().map(|i| Some(*i)).collect::<Vec<_>>())
        .unwrap_or_default();
    let chosen = RwSignal::new(start);
    let index = RwSignal::new(0usize);
    let selected =
        move || chosen.with(|c| variants.with_value(|vs| chosen_variant(vs, c).cloned()));
    let price = move || match selected() {
        Some(v) => format_cny(v.price_fen),
        None => tf(
            msg::product::FROM_PRICE,
            &[("price", &format_cny(p.price_fen))],
        ),
    };
    let stock_state = move || match selected() {
        None => (t(msg::product::CHOOSE_OPTIONS).to_string(), "stock-unknown"),
        Some(v) if v.stock == 0 => (t(msg::common::SOLD_OUT).to_string(), "stock-out"),
        Some(v) if v.stock <= LOW_STOCK => (
            tf(msg::product::ONLY_STOCK_LEFT, &[("stock", &v.stock)]),
            "stock-low",
        ),
        Some(_) => (t(msg::product::STOCK).to_string(), "stock-ok"),
    };
    let pickers = p
        .options
        .iter()
        .enumerate()
        .map(|(axis, option)| {
            let label_id = format!("option-{axis}");
            let group_label = label_id.clone();
            let values = option
                .values
                .iter()
                .enumerate()
                .map(|(i, value)| {
                    let available = move || {
                        chosen.with(|c| variants.with_value(|vs| value_available(vs, c, axis, i)))
                    };
                    let pressed = move || chosen.with(|c| c.get(axis) == Some(&Some(i)));
                    let text = value.value.clone();
                    view! {
                        <Chip
                            text=text
                            selected=Signal::derive(pressed)
                            disabled=Signal::derive(move || !available() && !pressed())
                            strike_disabled=true
                            title=Signal::derive(move || (!available()).then(|| t(msg::product::OUT_STOCK_OTHER_CHOICES).to_string()))
                            on_click=Callback::new(move |_| {
                                chosen.update(|c| {
                                    if let Some(slot) = c.get_mut(axis) {
                                        *slot = if *slot == Some(i) { None } else { Some(i) };
                                    }
                                });
                            })
                        />
                    }
                })
                .collect_view();
            // The option's own (Chinese) name alone reads right in Chinese.
            let option_name = if is_zh() {
                option.name.clone()
            } else {
                format!("{} · {}", option.name, option.name_en)
            };
            view! {
                <div class="option-axis" role="group" aria-labelledby=group_label>
                    <p class="option-name" id=label_id>{option_name}</p>
                    <div class="option-values">{values}</div>
                </div>
            }
        })
        .collect_view();
    let buy_box = view! { <BuyBox name=p.title.clone() selected=Signal::derive(selected)/> };
    let source = Signal::stored(FeedSource::ProductNotes(p.id));
    let name = format!("{} {}", p.brand.name, p.title);
    let no_notes = (
        t(msg::common::NO_NOTES_YET),
        t(msg::product::NOBODY_HAS_WRITTEN_ABOUT_PRODUCT),
    );
    view! {
        <div class="product-page">
            <div class="product-top">
                <div class="product-gallery">
                    <Carousel images=p.images.clone() title=name.clone() index=index sizes=api_types::product_gallery_sizes()/>
                </div>
                <div class="product-info">
                    <p class="product-brand-line">
                        <span class="brand-name-tag">{p.brand.name.clone()}</span>
                        <span class="origin">{p.brand.origin.clone()}</span>
                        {p.brand.cross_border.then(|| view! { <span class="badge-soft">{t(msg::product::CROSS_BORDER_BONDED_WAREHOUSE)}</span> })}
                    </p>
                    <h1 class="product-name">{p.title.clone()}</h1>
                    <p class="product-name-en" lang="en">{p.title_en.clone()}</p>
                    <p class="product-price-line">
                        <span class="price big">{price}</span>
                        <span class="sales">{tf(msg::product::SALES_COUNT_SOLD, &[("sales_count", &(format::count(p.sales_count)))])}</span>
                    </p>
                    {pickers}
                    <p class=move || format!("stock-state {}", stock_state().1) role="status">{move || stock_state().0}</p>
                    {buy_box}
                    <section class="product-description" aria-labelledby="description-heading">
                        <h2 id="description-heading">{t(msg::product::DETAILS)}</h2>
                        <p>{p.description.clone()}</p>
                        <p lang="en" class="muted">{p.description_en.clone()}</p>
                    </section>
                </div>
            </div>
            <section class="product-notes" aria-labelledby="product-notes-heading">
                <h2 id="product-notes-heading">{tf(msg::product::NOTES_ABOUT_PRODUCT_NOTE_COUNT, &[("note_count", &p.note_count)])}</h2>
                {if p.note_count == 0 {
                    // Nothing to fetch.
                    view! { <EmptyState title=no_notes.0 message=no_notes.1/> }
                    .into_any()
                } else {
                    // On a phone the first screen is the gallery and the buy box: the notes (a
                    // feed request and a grid) wait until the reader scrolls towards them.
                    view! {
                        <WhenNear margin="0px 0px 100px 0px" reserve=640>
                            <InfiniteFeed source=source label=tf(msg::product::NOTES_ABOUT_NAME, &[("name", &name)])
                                empty_title=no_notes.0 empty_message=no_notes.1/>
                        </WhenNear>
                    }
                    .into_any()
                }}
            </section>
        </div>
    }
}

/// Quantity, "Add to cart" and "Buy now" for the chosen variant; a sticky bar on phones.
/// The note the product was opened from (`?from_note=`) goes along for attribution.
#[component]
fn BuyBox(name: String, selected: Signal<Option<Variant>>) -> impl IntoView {
    let store = use_cart();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let query = use_query_map();
    let from_note =
        move || query.with_untracked(|q| q.get("from_note").and_then(|n| n.parse::<i64>().ok()));
    let quantity = RwSignal::new(1i64);
    let busy = RwSignal::new(false);
    let stock = move || selected.with(|v| v.as_ref().map_or(0, |v| v.stock));
    let max = Signal::derive(move || stock().clamp(1, MAX_LINE_QUANTITY));
    // A new variant may have less stock than the quantity picked for the last one.
    Effect::new(move |_| {
        let m = max.get();
        if quantity.get_untracked() > m {
            quantity.set(m);
        }
    });
    let unavailable = Signal::derive(move || stock() == 0);
    let line = move || {
        selected.with_untracked(|v| {
            v.as_ref().map(|v| LineInput {
                variant_id: v.id,
                quantity: quantity.get_untracked(),
                from_note: from_note(),
                live_room_id: None,
            })
        })
    };
    let add = move |_| {
        let Some(line) = line() else { return };
        busy.set(true);
        spawn_local(async move {
            match store.add(line).await {
                Ok(()) => toasts.show(t(msg::product::ADDED_CART)),
                Err(e) => toasts.show(e.to_string()),
            }
            busy.set(false);
        });
    };
    let buy_now = move |_| {
        let Some(line) = line() else { return };
        let note = line.from_note.map(|n| format!(":{n}")).unwrap_or_default();
        navigate(
            &format!("/checkout?buy={}:{}{note}", line.variant_id, line.quantity),
            Default::default(),
        );
    };
    view! {
        <div class="buy-box">
            <div class="buy-quantity">
                <span class="option-name" aria-hidden="true">{t(msg::common::QUANTITY)}</span>
                <QuantityStepper value=quantity max=max label=tf(msg::product::QUANTITY_NAME, &[("name", &name)])
                    on_change=Callback::new(move |n| quantity.set(n)) disabled=unavailable/>
            </div>
            <div class="buy-bar">
                <Button variant=ButtonVariant::Secondary size=ButtonSize::Large on_click=Callback::new(add)
                    disabled=Signal::derive(move || unavailable.get() || busy.get())
                    loading=busy>{t(msg::product::ADD_CART)}</Button>
                <Button size=ButtonSize::Large on_click=Callback::new(buy_now)
                    disabled=unavailable>{t(msg::product::BUY_NOW)}</Button>
            </div>
        </div>
    }
}
