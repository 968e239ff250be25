//! Placeholder while the page is being written.

use leptos::prelude::*;

#[component]
pub fn SettingsPage() -> impl IntoView {
    view! { <p>"Loading…"</p> }
}
