//! The interface-language switch in the header: 中 / EN. The choice is remembered in this
//! browser and the page reloads in the other language (see `crate::i18n`).

use leptos::prelude::*;

use crate::i18n::{self, Lang};

#[component]
pub fn LangSwitch() -> impl IntoView {
    let (target, text, text_lang, label) = match i18n::lang() {
        Lang::En => (Lang::Zh, "中", "zh-CN", "中文 · Switch to Chinese"),
        Lang::Zh => (Lang::En, "EN", "en", "EN · 切换到英文"),
    };
    view! {
        <button type="button" class="icon-link lang-switch" aria-label=label title=label
            on:click=move |_| i18n::switch_to(target)>
            <span lang=text_lang aria-hidden="true">{text}</span>
        </button>
    }
}
