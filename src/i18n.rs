//! Interface language: Chinese (zh-CN) or English.
//!
//! The language is chosen once at start-up: the reader's stored choice (`localStorage`
//! `zc_lang`), else the browser's preferred languages, else English. Switching stores the
//! choice and reloads the page, so every string is a plain `&'static str` picked at render time
//! (no reactive text and no message tables in the bundle). Strings live next to their use as
//! `tr("English", "中文")` pairs: one place to read both, and nothing to look up by key.

use std::cell::Cell;

const KEY: &str = "zc_lang";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    /// The BCP 47 tag for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// The value stored in `localStorage`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The language a browser language tag asks for, if we have it ("zh-TW" and "zh-Hans"
    /// read Chinese too; only Simplified is offered).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// The interface language.
pub fn lang() -> Lang {
    CURRENT.with(Cell::get)
}

pub fn is_zh() -> bool {
    lang() == Lang::Zh
}

/// The string for the interface language.
pub fn tr(en: &'static str, zh: &'static str) -> &'static str {
    match lang() {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// Sets the language for this page's life.
fn set_lang(lang: Lang) {
    CURRENT.with(|c| c.set(lang));
}

/// Picks the language at start-up and marks `<html lang>` with it.
pub fn init() {
    let chosen = stored().or_else(browser_preference).unwrap_or(Lang::En);
    set_lang(chosen);
    if let Some(root) = leptos::prelude::document().document_element() {
        let _ = root.set_attribute("lang", chosen.tag());
    }
}

/// Remembers `lang` in this browser and reloads so the whole interface switches.
pub fn switch_to(lang: Lang) {
    let window = leptos::prelude::window();
    if let Ok(Some(storage)) = window.local_storage() {
        let _ = storage.set_item(KEY, lang.code());
    }
    let _ = window.location().reload();
}

fn stored() -> Option<Lang> {
    let storage = leptos::prelude::window().local_storage().ok().flatten()?;
    let value = storage.get_item(KEY).ok().flatten()?;
    Lang::from_tag(&value)
}

fn browser_preference() -> Option<Lang> {
    let navigator = leptos::prelude::window().navigator();
    let languages = navigator.languages();
    let from_list = languages
        .iter()
        .filter_map(|l| l.as_string())
        .find_map(|tag| Lang::from_tag(&tag));
    from_list.or_else(|| navigator.language().and_then(|tag| Lang::from_tag(&tag)))
}
