//! The app's line icons, drawn inline (no icon font, no extra requests). Decorative: the
//! surrounding control carries the accessible name.

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Glyph {
    Heart,
    Star,
    Comment,
    Share,
    Play,
    Close,
    ChevronLeft,
    ChevronRight,
    Search,
    Bell,
    Trash,
    Link,
    Bag,
    Home,
    Plus,
    User,
    Sun,
    Moon,
    Screen,
}

impl Glyph {
    /// (path, filled): filled glyphs use `fill`, the rest are strokes.
    fn path(self) -> (&'static str, bool) {
        match self {
            Glyph::Heart => ("M12 20.5s-7.5-4.6-9.3-9.2C1.5 8 3.6 4.5 7.1 4.5c2 0 3.6 1.1 4.9 2.8 1.3-1.7 2.9-2.8 4.9-2.8 3.5 0 5.6 3.5 4.4 6.8-1.8 4.6-9.3 9.2-9.3 9.2z", false),
            Glyph::Star => ("M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8L12 16.8l-5.2 2.8 1-5.8-4.3-4.1 5.9-.9z", false),
            Glyph::Comment => ("M4 5.5h16v10H9l-5 4z", false),
            Glyph::Share => ("M14 5l6 6-6 6M20 11H9a5 5 0 00-5 5v2", false),
            Glyph::Play => ("M6 3v18l15-9z", true),
            Glyph::Close => ("M6 6l12 12M18 6L6 18", false),
            Glyph::ChevronLeft => ("M15 5l-7 7 7 7", false),
            Glyph::ChevronRight => ("M9 5l7 7-7 7", false),
            Glyph::Search => ("M10.5 17a6.5 6.5 0 100-13 6.5 6.5 0 000 13zM15.5 15.5L20 20", false),
            Glyph::Bell => ("M6 16.5V11a6 6 0 0112 0v5.5l1.5 2h-15zM10 20.5a2 2 0 004 0", false),
            Glyph::Trash => ("M5 7h14M10 7V5h4v2M7 7l1 12h8l1-12", false),
            Glyph::Home => ("M4 11l8-7 8 7v9h-5v-6H9v6H4z", false),
            Glyph::Plus => ("M12 5v14M5 12h14", false),
            Glyph::User => ("M12 12a4 4 0 100-8 4 4 0 000 8zM4.5 20c1.4-3.6 4.3-5.5 7.5-5.5s6.1 1.9 7.5 5.5", false),
            Glyph::Sun => ("M12 16.5a4.5 4.5 0 100-9 4.5 4.5 0 000 9zM12 2.5v2M12 19.5v2M2.5 12h2M19.5 12h2M5.3 5.3l1.4 1.4M17.3 17.3l1.4 1.4M5.3 18.7l1.4-1.4M17.3 6.7l1.4-1.4", false),
            Glyph::Moon => ("M19.5 14.5A8 8 0 019.5 4.5a8 8 0 1010 10z", false),
            Glyph::Screen => ("M3.5 5h17v11h-17zM9 20h6M12 16v4", false),
            Glyph::Bag => ("M5 8h14l-1 12H6zM9 8V6.5a3 3 0 016 0V8", false),
            Glyph::Link => ("M10 14a4 4 0 005.7 0l3-3a4 4 0 00-5.7-5.7l-1 1M14 10a4 4 0 00-5.7 0l-3 3a4 4 0 005.7 5.7l1-1", false),
        }
    }
}

#[component]
pub fn Icon(
    glyph: Glyph,
    /// Drawn size in CSS pixels.
    size: u32,
    /// Fill the outline (a liked heart, a collected star).
    #[prop(optional, into)]
    solid: Signal<bool>,
) -> impl IntoView {
    let (d, always_filled) = glyph.path();
    let filled = move || always_filled || solid.get();
    view! {
        <svg class="icon" width=size height=size viewBox="0 0 24 24" aria-hidden="true">
            <path
                d=d
                fill=move || if filled() { "currentColor" } else { "none" }
                stroke=move || if always_filled { "none" } else { "currentColor" }
                stroke-width="2"
                stroke-linecap="round"
                stroke-linejoin="round"
            />
        </svg>
    }
}
