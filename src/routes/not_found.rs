//! The 404 page, also used for unknown notes.

use leptos::prelude::*;

use crate::components::ui::Button;
use crate::i18n::{msg, t};

#[component]
pub fn NotFound(
    #[prop(optional, into)] title: Option<String>,
    #[prop(optional, into)] message: Option<String>,
) -> impl IntoView {
    let title = title.unwrap_or_else(|| t(msg::not_found::PAGE_NOT_FOUND).to_string());
    let message =
        message.unwrap_or_else(|| t(msg::not_found::PAGE_WERE_LOOKING_DOESNT_EXIST).to_string());
    view! {
        <section class="not-found" aria-labelledby="not-found-title">
            <p class="not-found-code" aria-hidden="true">"404"</p>
            <h1 id="not-found-title">{title}</h1>
            <p>{message}</p>
            <Button href="/explore">{t(msg::not_found::BACK_DISCOVER)}</Button>
        </section>
    }
}
