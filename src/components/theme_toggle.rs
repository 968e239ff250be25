//! Light, dark, or whatever the system says, remembered in this browser (`localStorage`) and
//! applied as `data-theme` on `<html>` (always set: index.html resolves it before the first
//! paint and follows the system while on "system"). Two controls share one choice: the header's
//! button (wide screens) cycles the three, and Settings offers them side by side
//! ([`ThemeChoice`], the only one on phones).

use leptos::prelude::*;

use super::icon::{Glyph, Icon};
use super::ui::{Choice, Segmented};
use crate::i18n::{msg, t};

const KEY: &str = "zc_theme";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    fn next(self) -> Self {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }

    /// The radio value in [`ThemeChoice`].
    fn code(self) -> &'static str {
        self.stored().unwrap_or("system")
    }

    fn from_code(code: &str) -> Option<Self> {
        match code {
            "system" => Some(Theme::System),
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    fn stored(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }
}

fn load() -> Theme {
    let stored = window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(KEY).ok().flatten());
    match stored.as_deref() {
        Some("light") => Theme::Light,
        Some("dark") => Theme::Dark,
        _ => Theme::System,
    }
}

thread_local! {
    // Reference-counted rather than owned by whichever component asked first, so it outlives
    // every page.
    static CHOSEN: ArcRwSignal<Theme> = ArcRwSignal::new(load());
}

/// The reader's choice, shared by every theme control on the page.
fn chosen() -> RwSignal<Theme> {
    CHOSEN.with(|c| RwSignal::from(c.clone()))
}

/// Remembers and applies `theme`; every control follows.
fn choose(theme: Theme) {
    apply(theme);
    CHOSEN.with(|c| c.set(theme));
}

fn apply(theme: Theme) {
    if let Ok(Some(storage)) = window().local_storage() {
        let _ = match theme.stored() {
            Some(value) => storage.set_item(KEY, value),
            None => storage.remove_item(KEY),
        };
    }
    // "System" resolves to what the system says now; index.html's listener follows changes.
    let value = theme.stored().unwrap_or_else(|| {
        let dark = window()
            .match_media("(prefers-color-scheme: dark)")
            .ok()
            .flatten()
            .is_some_and(|q| q.matches());
        if dark {
            "dark"
        } else {
            "light"
        }
    });
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-theme", value);
    }
}

#[component]
pub fn ThemeToggle() -> impl IntoView {
    let theme = chosen();
    let label = move || match theme.get() {
        Theme::System => t(msg::theme_toggle::THEME_SYSTEM_SWITCH_LIGHT),
        Theme::Light => t(msg::theme_toggle::THEME_LIGHT_SWITCH_DARK),
        Theme::Dark => t(msg::theme_toggle::THEME_DARK_SWITCH_SYSTEM),
    };
    view! {
        <button type="button" class="icon-link theme-toggle" aria-label=label title=label
            on:click=move |_| {
                choose(theme.get_untracked().next());
            }>
            {move || {
                let glyph = match theme.get() {
                    Theme::System => Glyph::Screen,
                    Theme::Light => Glyph::Sun,
                    Theme::Dark => Glyph::Moon,
                };
                view! { <Icon glyph=glyph size=22/> }
            }}
        </button>
    }
}

/// System, light and dark side by side (Settings).
#[component]
pub fn ThemeChoice() -> impl IntoView {
    let theme = chosen();
    let options = vec![
        Choice {
            value: Theme::System.code(),
            label: t(msg::theme_toggle::SYSTEM),
            glyph: Some(Glyph::Screen),
            lang: None,
        },
        Choice {
            value: Theme::Light.code(),
            label: t(msg::common::LIGHT),
            glyph: Some(Glyph::Sun),
            lang: None,
        },
        Choice {
            value: Theme::Dark.code(),
            label: t(msg::common::DARK),
            glyph: Some(Glyph::Moon),
            lang: None,
        },
    ];
    view! {
        <Segmented legend=t(msg::theme_toggle::THEME) name="theme" options=options
            selected=Signal::derive(move || theme.get().code())
            on_change=Callback::new(|code: &'static str| {
                if let Some(theme) = Theme::from_code(code) {
                    choose(theme);
                }
            })/>
    }
}
