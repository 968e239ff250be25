//! The interface language: the header's 中 / EN switch (wide screens) and Settings' 中文 /
//! English choice ([`LangChoice`], the only one on phones). The choice is remembered in this
//! browser and the page reloads in that language (see `crate::i18n`).

use leptos::prelude::*;

use super::ui::{Choice, Segmented};
use crate::i18n::{self, msg, t, Lang};

#[component]
pub fn LangSwitch() -> impl IntoView {
    // The next language in the list: with two, the other one.
    let current = i18n::lang();
    let at = Lang::ALL.iter().position(|l| *l == current).unwrap_or(0);
    let target = Lang::ALL[(at + 1) % Lang::ALL.len()];
    // The button names the target in the target's own words.
    let text = target.t(msg::lang_switch::BUTTON_TEXT);
    let label = format!(
        "{} · {}",
        target.t(msg::lang_switch::BUTTON_LABEL),
        t(msg::lang_switch::SWITCH_TO_OTHER)
    );
    view! {
        <button type="button" class="icon-link lang-switch" aria-label=label.clone() title=label
            on:click=move |_| i18n::switch_to(target)>
            <span lang=target.tag() aria-hidden="true">{text}</span>
        </button>
    }
}

/// Every language side by side (Settings), each written in its own language.
#[component]
pub fn LangChoice() -> impl IntoView {
    let options = Lang::ALL
        .iter()
        .rev()
        .map(|lang| Choice {
            value: lang.code(),
            label: lang.name(),
            glyph: None,
            lang: Some(lang.tag()),
        })
        .collect();
    view! {
        <Segmented legend=t(msg::lang_switch::LANGUAGE) name="language" options=options
            selected=i18n::lang().code()
            hint=t(msg::lang_switch::PAGE_RELOADS_LANGUAGE_CHOOSE)
            on_change=Callback::new(|code: &'static str| {
                if let Some(lang) = Lang::from_tag(code) {
                    if lang != i18n::lang() {
                        i18n::switch_to(lang);
                    }
                }
            })/>
    }
}
