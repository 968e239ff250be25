//! The app chrome: brand, search, and the account corner (sign in, or notifications with an
//! unread badge and a link to one's own profile and settings).

use leptos::prelude::*;

use super::avatar::Avatar;
use super::deferred::Deferred;
use super::icon::{Glyph, Icon};
use super::lang_switch::LangSwitch;
use super::search_box::SearchBox;
use super::theme_toggle::ThemeToggle;
use super::ui::{Badge, Button, ButtonSize};
use crate::cart::use_cart;
use crate::i18n::{msg, t, tf, tn};
use crate::session::use_auth;

#[component]
pub fn Header() -> impl IntoView {
    let auth = use_auth();
    let cart = use_cart();
    let cart_count = move || cart.count();
    // A link (the `/cart` page on phones); wide screens open the drawer instead.
    let open_cart = move |e: leptos::ev::MouseEvent| {
        let wide = window()
            .inner_width()
            .ok()
            .and_then(|w| w.as_f64())
            .is_some_and(|w| w >= 768.0);
        if wide && !e.ctrl_key() && !e.meta_key() {
            e.prevent_default();
            cart.drawer_open.set(true);
        }
    };
    let cart_link = move || {
        view! {
            <a class="icon-link cart-link" href="/cart" on:click=open_cart
                aria-label=move || match cart_count() {
                    0 => t(msg::common::CART).to_string(),
                    n => tn(msg::header::CART_ITEMS, n),
                }>
                <Icon glyph=Glyph::Bag size=24/>
                {move || (cart_count() > 0).then(|| view! {
                    <Badge text=cart_count().min(99).to_string() class="badge"/>
                })}
            </a>
        }
    };
    let unread = move || auth.unread.with(|u| u.total);
    let account = move || {
        if !auth.checked.get() {
            return view! { <span class="account-placeholder" aria-hidden="true"></span> }
                .into_any();
        }
        match auth.me.get() {
            Some(me) => view! {
                <a class="icon-link bell" href="/notifications"
                    aria-label=move || match unread() {
                        0 => t(msg::header::NOTIFICATIONS).to_string(),
                        n => tf(msg::header::NOTIFICATIONS_UNREAD, &[("n", &n)]),
                    }>
                    <Icon glyph=Glyph::Bell size=24/>
                    {move || (unread() > 0).then(|| view! {
                        <Badge text=super::ui::badge::capped(unread()) class="badge"/>
                    })}
                </a>
                <a class="me-link" href=format!("/user/{}", me.user.id) aria-label=tf(msg::header::PROFILE_DISPLAY_NAME, &[("display_name", &me.user.display_name)])>
                    <Avatar user=me.user.clone() size=32/>
                </a>
            }
            .into_any(),
            None => view! {
                <Button size=ButtonSize::Small on_click=Callback::new(move |_| auth.open_sheet())>{t(msg::common::SIGN)}</Button>
            }
            .into_any(),
        }
    };
    view! {
        // Focuses the main region without putting `#main` in the URL (the router owns the URL).
        <a class="skip-link" href="#main" on:click=move |e| {
            e.prevent_default();
            if let Some(main) = document()
                .get_element_by_id("main")
                .and_then(|m| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(m).ok())
            {
                let _ = main.focus();
            }
        }>{t(msg::header::SKIP_CONTENT)}</a>
        // The header keeps its height while its contents come a task later (see `Deferred`).
        <header class="app-header">
            <Deferred>
            <div class="app-header-inner">
                <a class="brand" href="/explore" aria-label=t(msg::header::ZHONGCAO_HOME)>
                    <svg class="brand-mark" width="32" height="32" viewBox="0 0 64 64" aria-hidden="true">
                        <rect width="64" height="64" rx="16" fill="var(--brand)"/>
                        <path d="M32 50V26M32 30c-4-9-12-12-18-11 0 8 7 14 18 13M32 26c3-9 11-13 18-12 0 9-8 14-18 14" fill="none" stroke="#fff" stroke-width="4.5" stroke-linecap="round" stroke-linejoin="round"/>
                    </svg>
                    <span class="brand-name">"Zhongcao"</span>
                    <span class="brand-zh" lang="zh-CN">"种草"</span>
                </a>
                <SearchBox/>
                <nav class="primary-nav" aria-label=t(msg::header::PRIMARY)>
                    <a href="/explore">{t(msg::common::DISCOVER)}</a>
                    <a href="/shop">{t(msg::common::SHOP)}</a>
                    <a href="/live">{t(msg::header::LIVE)}</a>
                    <a href="/publish" class="nav-publish">{t(msg::header::PUBLISH)}</a>
                </nav>
                <nav class="account-nav" aria-label=t(msg::common::ACCOUNT)><LangSwitch/><ThemeToggle/>{cart_link()}{account}</nav>
            </div>
            </Deferred>
        </header>
    }
}
