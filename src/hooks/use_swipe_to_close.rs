//! Swipe down to close a full-screen sheet (the note on phones). A drag that starts while the
//! sheet is scrolled to the top and moves mostly downwards pulls the sheet with the finger; let
//! go past [`CLOSE_AT`] pixels (or flick) and it closes, otherwise it springs back. Sideways
//! drags are left to the carousel. Nothing is prevented, so scrolling stays native.

use leptos::html::Div;
use leptos::prelude::*;
use web_sys::TouchEvent;

/// How far (CSS px) the sheet must be pulled to close on release.
pub const CLOSE_AT: f64 = 110.0;
/// A faster pull closes from a shorter distance (px per ms).
const FLICK_SPEED: f64 = 0.6;
/// Movement before the direction is decided.
const SLOP: f64 = 8.0;
/// Only phones get the gesture (the note is a centred dialog on wider screens).
const MAX_WIDTH: f64 = 760.0;

#[derive(Clone, Copy, Debug)]
struct Drag {
    x0: f64,
    y0: f64,
    t0: f64,
    /// `Some(true)` once the drag is known to be downward, `Some(false)` sideways/up.
    down: Option<bool>,
    dy: f64,
}

#[derive(Clone, Copy)]
pub struct SwipeToClose {
    scroller: NodeRef<Div>,
    sheet: NodeRef<Div>,
    drag: StoredValue<Option<Drag>>,
    close: Callback<()>,
}

/// `scroller` is the scrolling overlay, `sheet` the element that follows the finger.
pub fn use_swipe_to_close(
    scroller: NodeRef<Div>,
    sheet: NodeRef<Div>,
    close: Callback<()>,
) -> SwipeToClose {
    SwipeToClose {
        scroller,
        sheet,
        drag: StoredValue::new(None),
        close,
    }
}

fn first_touch(e: &TouchEvent) -> Option<(f64, f64)> {
    let t = e.touches().get(0).or_else(|| e.changed_touches().get(0))?;
    Some((f64::from(t.client_x()), f64::from(t.client_y())))
}

impl SwipeToClose {
    pub fn start(&self, e: &TouchEvent) {
        let narrow = window()
            .inner_width()
            .ok()
            .and_then(|w| w.as_f64())
            .is_some_and(|w| w <= MAX_WIDTH);
        let at_top = self
            .scroller
            .get_untracked()
            .is_some_and(|s| s.scroll_top() <= 0);
        let drag = match (
            narrow && at_top && e.touches().length() == 1,
            first_touch(e),
        ) {
            (true, Some((x0, y0))) => Some(Drag {
                x0,
                y0,
                t0: js_sys::Date::now(),
                down: None,
                dy: 0.0,
            }),
            _ => None,
        };
        self.drag.set_value(drag);
    }

    pub fn moved(&self, e: &TouchEvent) {
        let (Some(mut drag), Some((x, y))) = (self.drag.get_value(), first_touch(e)) else {
            return;
        };
        let (dx, dy) = (x - drag.x0, y - drag.y0);
        if drag.down.is_none() && (dx.abs() > SLOP || dy.abs() > SLOP) {
            drag.down = Some(dy > dx.abs());
        }
        if drag.down == Some(false) {
            self.drag.set_value(None);
            return;
        }
        if drag.down == Some(true) {
            drag.dy = dy.max(0.0);
            self.follow(drag.dy);
        }
        self.drag.set_value(Some(drag));
    }

    pub fn end(&self) {
        let Some(drag) = self.drag.get_value() else {
            return;
        };
        self.drag.set_value(None);
        if drag.down != Some(true) {
            return;
        }
        let speed = drag.dy / (js_sys::Date::now() - drag.t0).max(1.0);
        if drag.dy >= CLOSE_AT || (drag.dy > 40.0 && speed >= FLICK_SPEED) {
            self.close.run(());
        } else {
            self.release();
        }
    }

    /// Moves the sheet with the finger (a little resistance past the threshold).
    fn follow(&self, dy: f64) {
        let Some(sheet) = self.sheet.get_untracked() else {
            return;
        };
        let shown = if dy > CLOSE_AT {
            CLOSE_AT + (dy - CLOSE_AT) / 2.0
        } else {
            dy
        };
        let style = web_sys::HtmlElement::style(&sheet);
        let _ = style.set_property("transition", "none");
        let _ = style.set_property("transform", &format!("translateY({}px)", shown as i64));
        let _ = style.set_property("opacity", if dy > CLOSE_AT { "0.8" } else { "1" });
    }

    fn release(&self) {
        if let Some(sheet) = self.sheet.get_untracked() {
            let style = web_sys::HtmlElement::style(&sheet);
            let _ = style.set_property(
                "transition",
                "transform var(--motion) ease, opacity var(--motion) ease",
            );
            let _ = style.remove_property("transform");
            let _ = style.remove_property("opacity");
        }
    }
}
