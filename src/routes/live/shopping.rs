//! Buying in a room: the pinned product card (flash price with the normal one struck through,
//! stock left, a countdown), the products sheet, and the buy sheet (pick a variant, then the
//! ordinary checkout with the room on the line: `?buy=variant:1::room`, so the flash price,
//! the host's commission, no-oversell and idempotency are the one checkout's).

use api_types::{format_cny, LiveProduct, ProductDetail, Variant};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use super::host::PinDialog;
use crate::api::{self, ApiError};
use crate::components::dialog::{Dialog, DialogActions, DialogLead, DialogTitle};
use crate::components::picture::Picture;
use crate::components::states::ErrorState;
use crate::components::toast::use_toasts;
use crate::components::ui::{Button, ButtonSize, ButtonVariant, Price, Spinner};
use crate::format;
use crate::hooks::use_live_events::LiveEvents;
use crate::i18n::{is_zh, msg, t, tf};
use crate::session::use_auth;

/// The product's name in the interface language.
fn title_of(p: &LiveProduct) -> String {
    if is_zh() || p.title_en.is_empty() {
        p.title.clone()
    } else {
        p.title_en.clone()
    }
}

/// Seconds until a Unix time, ticking once a second while shown.
fn use_now() -> ReadSignal<i64> {
    let (now, set_now) = signal(format::now_unix());
    if let Ok(handle) = set_interval_with_handle(
        move || set_now.set(format::now_unix()),
        std::time::Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    now
}

/// `mm:ss` (or `h:mm:ss`) left.
fn countdown(secs: i64) -> String {
    let s = secs.max(0);
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{:02}:{:02}", s / 60, s % 60)
    }
}

#[component]
pub fn PinnedCard(
    room_id: i64,
    events: LiveEvents,
    is_host: bool,
    buying: RwSignal<Option<i64>>,
) -> impl IntoView {
    let now = use_now();
    let toasts = use_toasts();
    let auth = use_auth();
    move || {
        let pinned = events.pinned.get()?;
        let product = pinned.product.clone();
        let pid = product.id;
        let flash = pinned.flash.filter(|f| f.ends_at > now.get_untracked());
        let stock = move || {
            events
                .stock
                .with(|s| s.get(&pid).copied())
                .unwrap_or(product.stock)
        };
        let ends_in = move || {
            flash.map(|f| {
                let left = f.ends_at - now.get();
                tf(msg::live::ENDS_IN, &[("time", &countdown(left))])
            })
        };
        let unpin = move |_| {
            spawn_local(async move {
                if let Err(e) = api::unpin_product(room_id).await {
                    toasts.show(e.to_string());
                }
            });
        };
        let buy = move |_| {
            auth.require(Callback::new(move |()| buying.set(Some(pid))));
        };
        Some(view! {
            <div class="live-pinned" data-testid="live-pinned">
                <Picture image=pinned.product.image.clone() sizes="64px" alt=""/>
                <div class="live-pinned-main">
                    <p class="live-pinned-title">{title_of(&pinned.product)}</p>
                    <p class="live-pinned-price">
                        {match flash {
                            Some(f) => view! {
                                <span class="live-flash-tag">{t(msg::live::FLASH_SALE)}</span>
                                <Price fen=f.price_fen original_fen=pinned.product.price_fen/>
                            }.into_any(),
                            None => view! { <Price fen=pinned.product.price_fen/> }.into_any(),
                        }}
                    </p>
                    <p class="live-pinned-meta">
                        <span>{move || if stock() > 0 { tf(msg::live::LEFT, &[("count", &stock())]) } else { t(msg::live::SOLD_OUT).to_string() }}</span>
                        {move || ends_in().map(|e| view! { <span class="live-countdown">{e}</span> })}
                    </p>
                </div>
                {if is_host {
                    view! { <Button size=ButtonSize::Small variant=ButtonVariant::Secondary on_click=Callback::new(unpin)>{t(msg::live::UNPIN)}</Button> }.into_any()
                } else {
                    view! {
                        <Button size=ButtonSize::Small on_click=Callback::new(buy)
                            disabled=Signal::derive(move || stock() == 0)>{t(msg::live::BUY)}</Button>
                    }.into_any()
                }}
            </div>
        })
    }
}

/// The room's products: Buy for viewers, Pin for the host.
#[component]
pub fn ProductsSheet(
    room_id: i64,
    products: Vec<LiveProduct>,
    events: LiveEvents,
    is_host: bool,
    buying: RwSignal<Option<i64>>,
    on_close: Callback<()>,
) -> impl IntoView {
    let auth = use_auth();
    let pinning = RwSignal::new(None::<LiveProduct>);
    let count = products.len();
    view! {
        <Dialog labelled_by="live-products-title" on_close=on_close autofocus="button">
            <DialogTitle id="live-products-title">{tf(msg::live::PRODUCTS_COUNT, &[("count", &count)])}</DialogTitle>
            <ul class="live-products" role="list">
                {products.into_iter().map(|p| {
                    let pid = p.id;
                    let stock = {
                        let base = p.stock;
                        move || events.stock.with(|s| s.get(&pid).copied()).unwrap_or(base)
                    };
                    let product = p.clone();
                    let action = if is_host {
                        view! {
                            <Button size=ButtonSize::Small variant=ButtonVariant::Secondary
                                on_click=Callback::new(move |_| pinning.set(Some(product.clone())))>{t(msg::live::PIN)}</Button>
                        }.into_any()
                    } else {
                        view! {
                            <Button size=ButtonSize::Small disabled=Signal::derive(move || stock() == 0)
                                on_click=Callback::new(move |_| {
                                    on_close.run(());
                                    auth.require(Callback::new(move |()| buying.set(Some(pid))));
                                })>{t(msg::live::BUY)}</Button>
                        }.into_any()
                    };
                    view! {
                        <li class="live-product">
                            <Picture image=p.image.clone() sizes="56px" alt=""/>
                            <span class="live-product-main">
                                <a class="live-product-title" href=format!("/product/{pid}")>{title_of(&p)}</a>
                                <span class="live-product-meta">
                                    <Price fen=p.price_fen/>
                                    <span class="muted">{move || tf(msg::live::LEFT, &[("count", &stock())])}</span>
                                </span>
                            </span>
                            {action}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </Dialog>
        {move || pinning.get().map(|p| view! {
            <PinDialog room_id=room_id product=p on_close=Callback::new(move |pinned: bool| {
                pinning.set(None);
                if pinned {
                    on_close.run(());
                }
            })/>
        })}
    }
}

/// A replay's products: what the room sold, each opening its product page.
#[component]
pub fn ReplayProducts(products: Vec<LiveProduct>) -> impl IntoView {
    let count = products.len();
    (count > 0).then(|| {
        view! {
            <section class="live-replay-products" aria-labelledby="live-replay-products-title">
                <h2 id="live-replay-products-title" class="live-replay-products-title">
                    {tf(msg::live::PRODUCTS_COUNT, &[("count", &count)])}
                </h2>
                <ul class="live-products" role="list">
                    {products.into_iter().map(|p| view! {
                        <li class="live-product">
                            <Picture image=p.image.clone() sizes="56px" alt=""/>
                            <span class="live-product-main">
                                <a class="live-product-title" href=format!("/product/{}", p.id)>{title_of(&p)}</a>
                                <span class="live-product-meta"><Price fen=p.price_fen/></span>
                            </span>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// The option values that make up `variant`, as "Red · M".
fn variant_label(detail: &ProductDetail, variant: &Variant) -> String {
    let names: Vec<String> = detail
        .options
        .iter()
        .zip(&variant.values)
        .filter_map(|(o, &i)| o.values.get(i))
        .map(|v| {
            if is_zh() || v.value_en.is_empty() {
                v.value.clone()
            } else {
                v.value_en.clone()
            }
        })
        .collect();
    if names.is_empty() {
        variant.sku.clone()
    } else {
        names.join(" · ")
    }
}

/// Pick a variant (one in stock is chosen already), then on to checkout with the room.
#[component]
pub fn BuySheet(room_id: i64, product_id: i64, on_close: Callback<()>) -> impl IntoView {
    let navigate = use_navigate();
    let detail = RwSignal::new(None::<Result<ProductDetail, ApiError>>);
    let chosen = RwSignal::new(None::<i64>);
    spawn_local(async move {
        let answer = api::product(product_id).await;
        if let Ok(d) = &answer {
            let first = d.variants.iter().find(|v| v.stock > 0).map(|v| v.id);
            let _ = chosen.try_set(first);
        }
        let _ = detail.try_set(Some(answer));
    });
    let checkout = Callback::new(move |_| {
        if let Some(variant) = chosen.get_untracked() {
            navigate(
                &format!("/checkout?buy={variant}:1::{room_id}"),
                Default::default(),
            );
        }
    });
    view! {
        <Dialog labelled_by="live-buy-title" on_close=on_close autofocus="button">
            {move || match detail.get() {
                None => view! { <DialogTitle id="live-buy-title">{t(msg::live::BUY)}</DialogTitle><Spinner/> }.into_any(),
                Some(Err(e)) => view! {
                    <DialogTitle id="live-buy-title">{t(msg::live::BUY)}</DialogTitle>
                    <ErrorState message=e.to_string()/>
                }.into_any(),
                Some(Ok(d)) => {
                    let options = d.variants.iter().map(|v| {
                        let (vid, label, out) = (v.id, variant_label(&d, v), v.stock == 0);
                        view! {
                            <button type="button" class="live-variant" disabled=out
                                aria-pressed=move || (chosen.get() == Some(vid)).to_string()
                                on:click=move |_| chosen.set(Some(vid))>
                                <span>{label}</span>
                                <span class="muted">{format_cny(v.price_fen)}</span>
                            </button>
                        }
                    }).collect_view();
                    view! {
                        <DialogTitle id="live-buy-title">{d.title.clone()}</DialogTitle>
                        <DialogLead>{t(msg::live::PICK_VARIANT)}</DialogLead>
                        <div class="live-variants">{options}</div>
                        <DialogActions>
                            <Button size=ButtonSize::Large block=true on_click=checkout
                                disabled=Signal::derive(move || chosen.get().is_none())>{t(msg::live::CHECK_OUT)}</Button>
                        </DialogActions>
                    }.into_any()
                }
            }}
        </Dialog>
    }
}
