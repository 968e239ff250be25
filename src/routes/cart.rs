//! `/cart`: the cart as a page (phones open this; wide screens use the drawer).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::cart::use_cart;
use crate::components::cart_view::CartContents;
use crate::components::ui::{Button, ButtonSize, ButtonVariant};
use crate::i18n::{msg, t};
use crate::session::use_auth;

#[component]
pub fn CartPage() -> impl IntoView {
    let store = use_cart();
    let auth = use_auth();
    // Stock and prices may have changed since the cart was last priced.
    spawn_local(async move {
        let _ = store.refresh().await;
    });
    view! {
        <div class="page-narrow cart-page">
            <h1 class="page-title">{t(msg::common::CART)}</h1>
            <Show when=move || auth.checked.get() && auth.me.with(Option::is_none)>
                <p class="notice">
                    {t(msg::cart::CART_KEPT_BROWSER)}
                    <Button variant=ButtonVariant::Link size=ButtonSize::Small on_click=Callback::new(move |_| auth.open_sheet())>{t(msg::common::SIGN)}</Button>
                    {t(msg::cart::CHECK_OUT_COMES)}
                </p>
            </Show>
            <CartContents/>
        </div>
    }
}
