//! Light, dark, or whatever the system says: one button cycles the three, remembered in this
//! browser (`localStorage`) and applied as `data-theme` on `<html>` (always set: index.html
//! resolves it before the first paint and follows the system while on "system").

use leptos::prelude::*;

use super::icon::{Glyph, Icon};
use crate::i18n::tr;

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
    let theme = RwSignal::new(load());
    let label = move || match theme.get() {
        Theme::System => tr(
            "Theme: system (switch to light)",
            "主题：跟随系统（切换到浅色）",
        ),
        Theme::Light => tr("Theme: light (switch to dark)", "主题：浅色（切换到深色）"),
        Theme::Dark => tr(
            "Theme: dark (switch to system)",
            "主题：深色（切换到跟随系统）",
        ),
    };
    view! {
        <button type="button" class="icon-link theme-toggle" aria-label=label title=label
            on:click=move |_| {
                let next = theme.get_untracked().next();
                apply(next);
                theme.set(next);
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
