//! The phone's bottom tab bar: Home, Shop, Publish, Messages, Me (one's profile; Settings
//! when signed out), one thumb away (safe-area aware, 44 px targets). Hidden on wide screens
//! (the header has the same links) and on pages with their own bottom action bar (note,
//! product, cart, checkout, publish, a live room).

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::icon::{Glyph, Icon};
use crate::i18n::{msg, t, tf};
use crate::session::use_auth;

/// Pages whose own sticky actions sit where the tab bar would.
fn has_own_bar(path: &str) -> bool {
    path.starts_with("/explore/")
        || path.starts_with("/product/")
        || path.starts_with("/checkout")
        || path == "/cart"
        || path.starts_with("/publish")
        || (path.starts_with("/live/") && path != "/live/new")
}

#[component]
pub fn TabBar() -> impl IntoView {
    let auth = use_auth();
    let location = use_location();
    let path = move || location.pathname.get();
    let hidden = move || has_own_bar(&path());
    let me_href = move || match auth.user_id() {
        Some(id) => format!("/user/{id}"),
        None => "/settings".to_string(),
    };
    let current = move |prefix: &'static str| {
        move || {
            let p = path();
            let on = if prefix == "/user" {
                // "Me" is one's profile, or Settings (theme, language, sign in) when signed out.
                match auth.user_id() {
                    Some(id) => p == format!("/user/{id}"),
                    None => p == "/settings",
                }
            } else {
                p == prefix || p.starts_with(&format!("{prefix}/"))
            };
            on.then_some("page")
        }
    };
    let unread = move || auth.unread.with(|u| u.total);
    view! {
        <nav class="tab-bar" aria-label=t(msg::tab_bar::MAIN) class:tab-bar-hidden=hidden>
            <a href="/explore" aria-current=current("/explore")><Icon glyph=Glyph::Home size=24/><span>{t(msg::tab_bar::HOME)}</span></a>
            <a href="/shop" aria-current=current("/shop")><Icon glyph=Glyph::Bag size=24/><span>{t(msg::common::SHOP)}</span></a>
            <a href="/publish" class="tab-publish" aria-label=t(msg::common::PUBLISH)><Icon glyph=Glyph::Plus size=24/></a>
            <a href="/notifications" aria-current=current("/notifications")
                aria-label=move || match unread() {
                    0 => t(msg::tab_bar::MESSAGES).to_string(),
                    n => tf(msg::tab_bar::MESSAGES_UNREAD, &[("n", &n)]),
                }>
                <Icon glyph=Glyph::Comment size=24/><span aria-hidden="true">{t(msg::tab_bar::MESSAGES)}</span>
                {move || (unread() > 0).then(|| view! { <span class="badge" aria-hidden="true">{unread().min(99)}</span> })}
            </a>
            <a href=me_href aria-current=current("/user")><Icon glyph=Glyph::User size=24/><span>{t(msg::tab_bar::ME)}</span></a>
        </nav>
    }
}
