//! The cart's contents (used by the drawer on wide screens and the `/cart` page on phones):
//! lines with steppers and remove, sold-out and low-stock flags, the free-shipping nudge, the
//! subtotal and the way to checkout.

use api_types::{format_cny, Cart, CartLine, FREE_SHIPPING_FEN, MAX_LINE_QUANTITY};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::dialog::{Dialog, DialogTitle};
use super::icon::Glyph;
use super::picture::Picture;
use super::quantity_stepper::QuantityStepper;
use super::states::EmptyState;
use super::toast::{use_toasts, Toasts};
use super::ui::{Button, IconButton, Price};
use crate::cart::{use_cart, CartStore};
use crate::i18n::{msg, t, tf};
use crate::lazy::Lazy;

/// Runs a cart change; failures become a toast, and the cart is re-read so it shows the truth.
pub fn run_cart_change<F>(store: CartStore, toasts: Toasts, change: F)
where
    F: std::future::Future<Output = Result<(), crate::api::ApiError>> + 'static,
{
    spawn_local(async move {
        if let Err(e) = change.await {
            toasts.show(e.to_string());
            let _ = store.refresh().await;
        }
    });
}

/// How close the cart is to free shipping, as text and a 0–100 bar.
fn nudge(cart: &Cart) -> (String, i64) {
    if cart.free_shipping_remaining_fen <= 0 {
        (
            t(msg::cart_view::FREE_STANDARD_SHIPPING_UNLOCKED).to_string(),
            100,
        )
    } else {
        let remaining = format_cny(cart.free_shipping_remaining_fen);
        (
            tf(
                msg::cart_view::ADD_REMAINING_MORE_FREE_STANDARD,
                &[("remaining", &remaining)],
            ),
            (cart.subtotal_fen * 100 / FREE_SHIPPING_FEN).clamp(0, 100),
        )
    }
}

#[component]
fn CartLineRow(line: CartLine, on_navigate: Callback<()>) -> impl IntoView {
    let store = use_cart();
    let toasts = use_toasts();
    let variant = line.variant_id;
    let name = format!("{} {}", line.brand, line.title);
    let href = match line.from_note {
        Some(note) => format!("/product/{}?from_note={note}", line.product_id),
        None => format!("/product/{}", line.product_id),
    };
    let max = Signal::stored(line.stock.clamp(1, MAX_LINE_QUANTITY));
    let quantity = Signal::stored(line.quantity);
    let flag = if line.stock == 0 {
        Some(t(msg::cart_view::SOLD_OUT_REMOVE_CHECK_OUT).to_string())
    } else if line.quantity > line.stock {
        Some(tf(
            msg::cart_view::ONLY_STOCK_LEFT_LOWER_QUANTITY,
            &[("stock", &line.stock)],
        ))
    } else {
        None
    };
    let change =
        Callback::new(move |n: i64| run_cart_change(store, toasts, store.set_quantity(variant, n)));
    let remove_label = tf(msg::cart_view::REMOVE_NAME, &[("name", &name)]);
    let quantity_label = tf(msg::cart_view::QUANTITY_NAME, &[("name", &name)]);
    view! {
        <li class="cart-line" class:cart-line-out=!line.available()>
            <a class="cart-line-photo" href=href.clone() tabindex="-1" aria-hidden="true"
                on:click=move |_| on_navigate.run(())>
                <Picture image=line.image.clone() sizes="96px" alt=""/>
            </a>
            <div class="cart-line-body">
                <p class="cart-line-brand">{line.brand.clone()}</p>
                <a class="cart-line-title" href=href on:click=move |_| on_navigate.run(())>{line.title.clone()}</a>
                {(!line.variant_label.is_empty()).then(|| view! { <p class="cart-line-variant">{line.variant_label.clone()}</p> })}
                {line.cross_border.then(|| view! { <p class="cart-line-tag">{t(msg::cart_view::CROSS_BORDER)}</p> })}
                {flag.map(|f| view! { <p class="cart-line-flag" role="status">{f}</p> })}
                <div class="cart-line-foot">
                    <Price fen=line.unit_price_fen/>
                    {(line.stock > 0).then(|| view! {
                        <QuantityStepper value=quantity max=max on_change=change label=quantity_label/>
                    })}
                    <IconButton glyph=Glyph::Trash label=remove_label danger=true
                        on_click=Callback::new(move |_| run_cart_change(store, toasts, store.remove(variant)))/>
                </div>
            </div>
        </li>
    }
}

/// The cart's lines and summary. `on_navigate` runs when a link inside is followed (the
/// drawer closes itself).
#[component]
pub fn CartContents(#[prop(optional)] on_navigate: Option<Callback<()>>) -> impl IntoView {
    let store = use_cart();
    let on_navigate = on_navigate.unwrap_or(Callback::new(|()| ()));
    let body = move || {
        if !store.loaded() {
            return view! {
                <div class="cart-loading" aria-busy="true">
                    <div class="skeleton shimmer line"></div>
                    <div class="skeleton shimmer line short"></div>
                </div>
            }
            .into_any();
        }
        let cart = store.cart.get();
        if cart.lines.is_empty() {
            return view! {
                <EmptyState title=t(msg::cart_view::CART_EMPTY)
                    message=t(msg::cart_view::FIND_SOMETHING_LOVE_SHOP_NOTES)>
                    <Button href="/shop" on_click=Callback::new(move |_| on_navigate.run(()))>{t(msg::common::BROWSE_SHOP)}</Button>
                </EmptyState>
            }
            .into_any();
        }
        let (nudge_text, percent) = nudge(&cart);
        let can_checkout = cart.lines.iter().any(CartLine::available);
        let lines = cart
            .lines
            .into_iter()
            .map(|line| view! { <CartLineRow line=line on_navigate=on_navigate/> })
            .collect_view();
        view! {
            <div class="free-shipping">
                <p>{nudge_text}</p>
                <div class="free-shipping-bar" aria-hidden="true">
                    <span style=format!("width:{percent}%")></span>
                </div>
            </div>
            <ul class="cart-lines" aria-label=t(msg::cart_view::ITEMS_CART)>{lines}</ul>
            <div class="cart-summary">
                <p class="cart-subtotal">
                    <span>{tf(msg::cart_view::SUBTOTAL_ITEM_COUNT_ITEMS, &[("item_count", &cart.item_count)])}</span>
                    <Price fen=cart.subtotal_fen large=true/>
                </p>
                <p class="muted small">{t(msg::cart_view::SHIPPING_WORKED_OUT_AT_CHECKOUT)}</p>
                {if can_checkout {
                    view! {
                        <Button href="/checkout" block=true on_click=Callback::new(move |_| on_navigate.run(()))>{t(msg::cart_view::CHECK_OUT)}</Button>
                    }.into_any()
                } else {
                    view! { <Button block=true disabled=true>{t(msg::cart_view::CHECK_OUT)}</Button> }.into_any()
                }}
            </div>
        }
        .into_any()
    };
    view! { <div class="cart-contents">{body}</div> }
}

/// The cart as a side drawer (wide screens); opened from the header.
#[component]
pub fn CartDrawer() -> impl IntoView {
    let store = use_cart();
    view! {
        <Show when=move || store.drawer_open.get()>
            <Lazy load=cart_dialog::load overlay=true/>
        </Show>
    }
}

// The drawer comes with the note's chunk: prefetched when idle, as the first taps need it.
lazy_view!(cart_dialog, note, view! { <super::CartDialog/> });

#[component]
fn CartDialog() -> impl IntoView {
    let store = use_cart();
    // Stock may have changed since the cart was last priced.
    spawn_local(async move {
        let _ = store.refresh().await;
    });
    let close = Callback::new(move |()| store.drawer_open.set(false));
    view! {
        <Dialog labelled_by="cart-title" kind="drawer" autofocus=".cart-contents a, .cart-contents button" on_close=close>
            <DialogTitle id="cart-title">
                {t(msg::common::CART)}
                <span class="muted">{move || match store.count() { 0 => String::new(), n => format!(" · {n}") }}</span>
            </DialogTitle>
            <CartContents on_navigate=close/>
        </Dialog>
    }
}
