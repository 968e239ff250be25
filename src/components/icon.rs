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
        }
    }
}

#[component]
pub fn Icon(
    glyph: Glyph,
    /// Drawn size in CSS pixels.
    size: u32,
) -> impl IntoView {
    let (d, filled) = glyph.path();
    view! {
        <svg class="icon" width=size height=size viewBox="0 0 24 24" aria-hidden="true">
            <path
                d=d
                fill=if filled { "currentColor" } else { "none" }
                stroke=if filled { "none" } else { "currentColor" }
                stroke-width="2"
                stroke-linecap="round"
                stroke-linejoin="round"
            />
        </svg>
    }
}
