//! Light, dark, or whatever the system says: one button cycles the three, remembered in this
//! browser (`localStorage`) and applied as `data-theme` on `<html>` (index.html applies it
//! again before the first paint of the next visit).

use leptos::prelude::*;

use super::icon::{Glyph, Icon};

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
    let storage = window().local_storage().ok().flatten();
    let root = document().document_element();
    match theme.stored() {
        Some(value) => {
            if let Some(s) = storage {
                let _ = s.set_item(KEY, value);
            }
            if let Some(root) = root {
                let _ = root.set_attribute("data-theme", value);
            }
        }
        None => {
            if let Some(s) = storage {
                let _ = s.remove_item(KEY);
            }
            if let Some(root) = root {
                let _ = root.remove_attribute("data-theme");
            }
        }
    }
}

#[component]
pub fn ThemeToggle() -> impl IntoView {
    let theme = RwSignal::new(load());
    let label = move || match theme.get() {
        Theme::System => "Theme: system (switch to light)",
        Theme::Light => "Theme: light (switch to dark)",
        Theme::Dark => "Theme: dark (switch to system)",
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
