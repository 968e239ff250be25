//! The 404 page, also used for unknown notes.

use leptos::prelude::*;

use crate::components::ui::Button;
use crate::i18n::tr;

#[component]
pub fn NotFound(
    #[prop(optional, into)] title: Option<String>,
    #[prop(optional, into)] message: Option<String>,
) -> impl IntoView {
    let title = title.unwrap_or_else(|| tr("Page not found", "页面不存在").to_string());
    let message = message.unwrap_or_else(|| {
        tr(
            "The page you were looking for doesn't exist or has moved.",
            "你要找的页面不存在或已被移走。",
        )
        .to_string()
    });
    view! {
        <section class="not-found" aria-labelledby="not-found-title">
            <p class="not-found-code" aria-hidden="true">"404"</p>
            <h1 id="not-found-title">{title}</h1>
            <p>{message}</p>
            <Button href="/explore">{tr("Back to Discover", "返回发现")}</Button>
        </section>
    }
}
