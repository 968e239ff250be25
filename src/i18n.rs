//! Interface language and text.
//!
//! The text lives in message catalogues, one file per language (`src/locales/en.toml`,
//! `zh.toml`): keys by area, `{name}` placeholders, plural forms where a language needs them.
//! `build.rs` checks that every language has exactly English's keys and placeholders and
//! generates [`Lang`] (one variant per file), a constant per key ([`msg`]) and a table per
//! language, so a call site names a key the compiler checks: `t(msg::cart::CHECK_OUT)`,
//! `tf(msg::x::Y, &[("len", &len)])`, `tn(msg::x::COUNT, n)`.
//!
//! The language is chosen once at start-up: the reader's stored choice (`localStorage`
//! `zc_lang`), else the browser's preferred languages, else English. Switching stores the
//! choice and reloads the page, so every text is a plain `&'static str` picked at render time
//! (no reactive text).

use std::cell::Cell;
use std::fmt::Display;

include!(concat!(env!("OUT_DIR"), "/i18n.rs"));

const KEY: &str = "zc_lang";

/// One section's texts: per language (in `Lang::ALL` order), its texts joined by NUL, slot
/// by slot.
pub struct Section {
    texts: &'static [&'static str],
}

impl Section {
    fn text(&self, lang: Lang, slot: u16) -> &'static str {
        self.texts[lang as usize]
            .split('\0')
            .nth(usize::from(slot))
            .unwrap_or("")
    }

    fn len(&self) -> usize {
        self.texts[0].split('\0').count()
    }
}

/// A message key: its section's table and its slot there.
#[derive(Clone, Copy)]
pub struct Msg(&'static Section, u16);

/// A message with plural forms (two slots: `one`, `other`), chosen by a count.
#[derive(Clone, Copy)]
pub struct Plural(&'static Section, u16);

impl Lang {
    /// The language a browser language tag (or a stored code) asks for, if we have it
    /// ("zh-TW" and "zh-Hans" read Chinese too; only Simplified is offered).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        if let Some(exact) = Lang::ALL.iter().find(|l| l.code() == tag) {
            return Some(*exact);
        }
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        Lang::ALL.iter().copied().find(|l| l.code() == primary)
    }

    /// Every text of this language, section by section, slot by slot (plural keys take two).
    pub fn texts(self) -> impl Iterator<Item = &'static str> {
        SECTIONS
            .iter()
            .flat_map(move |s| (0..s.len()).map(move |slot| s.text(self, slot as u16)))
    }

    /// `key` in this language.
    pub fn t(self, key: Msg) -> &'static str {
        key.0.text(self, key.1)
    }

    /// The form of `key` for `n` in this language (`{n}` not yet filled).
    pub fn plural(self, key: Plural, n: i64) -> &'static str {
        let slot = if self.is_one(n) { key.1 } else { key.1 + 1 };
        key.0.text(self, slot)
    }
}

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// The interface language.
pub fn lang() -> Lang {
    CURRENT.with(Cell::get)
}

/// Whether the interface is in Chinese: for behaviour that differs (number formats), not for
/// text, which comes from the catalogues.
pub fn is_zh() -> bool {
    lang() == Lang::Zh
}

/// `key`'s text in the interface language.
pub fn t(key: Msg) -> &'static str {
    lang().t(key)
}

/// `key`'s text with its `{name}` placeholders filled from `args`.
pub fn tf(key: Msg, args: &[(&str, &dyn Display)]) -> String {
    fill(t(key), args)
}

/// The plural form of `key` for `n`, with `{n}` filled.
pub fn tn(key: Plural, n: i64) -> String {
    fill(lang().plural(key, n), &[("n", &n)])
}

/// The plural form of `key` for `n`, with `{n}` and `args` filled.
pub fn tnf(key: Plural, n: i64, args: &[(&str, &dyn Display)]) -> String {
    let text = fill(lang().plural(key, n), args);
    fill(&text, &[("n", &n)])
}

/// `template` with each `{name}` in `args` replaced by its value; other braces are kept.
pub fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            args.iter()
                .find(|(name, _)| *name == &after[..close])
                .map(|a| (close, a.1))
        });
        match value {
            Some((close, value)) => {
                let _ = write!(out, "{value}");
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Sets the language for this page's life (start-up, and tests).
pub fn set_lang(lang: Lang) {
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
