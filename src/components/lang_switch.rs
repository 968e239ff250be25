//! The interface language: the header's 中 / EN switch (wide screens) and Settings' 中文 /
//! English choice ([`LangChoice`], the only one on phones). The choice is remembered in this
//! browser and the page reloads in that language (see `crate::i18n`).

use leptos::prelude::*;

use super::ui::{Choice, Segmented};
use crate::i18n::{self, tr, Lang};

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

/// 中文 and English side by side (Settings), each written in its own language.
#[component]
pub fn LangChoice() -> impl IntoView {
    let options = [Lang::Zh, Lang::En]
        .into_iter()
        .map(|lang| Choice {
            value: lang.code(),
            label: match lang {
                Lang::Zh => "中文",
                Lang::En => "English",
            },
            glyph: None,
            lang: Some(lang.tag()),
        })
        .collect();
    view! {
        <Segmented legend=tr("Language", "语言") name="language" options=options
            selected=i18n::lang().code()
            hint=tr("The page reloads in the language you choose.", "切换后页面会以所选语言重新载入。")
            on_change=Callback::new(|code: &'static str| {
                if let Some(lang) = Lang::from_tag(code) {
                    if lang != i18n::lang() {
                        i18n::switch_to(lang);
                    }
                }
            })/>
    }
}
