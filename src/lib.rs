//! Zhongcao web client: a Leptos single-page app (client-side rendered, built by `cargo xtask build`: split into lazily loaded chunks).
//!
//! Map: `api` is the only place that talks HTTP; `session` holds who is signed in; `masonry` is the pure layout maths;
//! `routes/` holds one file per page; `components/` the reusable pieces; `hooks/` small
//! browser-event helpers.

#[macro_use]
pub mod lazy;
pub mod api;
pub mod app;
pub mod cart;
pub mod components;
pub mod format;
pub mod guest;
pub mod hooks;
pub mod i18n;
pub mod masonry;
pub mod richtext;
pub mod routes;
pub mod session;

pub fn start() {
    i18n::init();
    leptos::mount::mount_to_body(app::App);
}
