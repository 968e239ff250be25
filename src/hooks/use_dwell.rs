//! How long a note stays open, for the For-you ranking: the time it was on a visible tab,
//! reported (`POST /notes/{id}/open`, with `keepalive`) when it closes: the overlay closes,
//! the reader goes to another note or page, or the tab is hidden or left. A hidden tab may
//! never come back, so hiding reports what was read so far; coming back goes on counting and
//! the close reports the whole stay again (the server keeps the longer of one day's reports).
//! An opening that closes once is reported once.

use leptos::prelude::*;

use crate::api;

#[derive(Clone, Copy)]
struct Opening {
    id: i64,
    /// Visible time counted so far (ms), not including the current visible stretch.
    shown_ms: f64,
    /// When the current visible stretch began (None while the tab is hidden).
    visible_since: Option<f64>,
    /// What the last report for this opening said.
    reported_ms: f64,
}

fn now() -> f64 {
    js_sys::Date::now()
}

fn tab_hidden() -> bool {
    document().hidden()
}

impl Opening {
    fn start(id: i64) -> Opening {
        Opening {
            id,
            shown_ms: 0.0,
            visible_since: (!tab_hidden()).then(now),
            reported_ms: 0.0,
        }
    }

    fn pause(&mut self) {
        if let Some(since) = self.visible_since.take() {
            self.shown_ms += (now() - since).max(0.0);
        }
    }

    /// Reports the stay if it grew since the last report and `reportable(id)` says so.
    fn report(&mut self, reportable: &dyn Fn(i64) -> bool) {
        self.pause();
        if self.shown_ms - self.reported_ms >= 1.0 && reportable(self.id) {
            api::report_open(self.id, self.shown_ms.min(f64::from(u32::MAX)) as u32);
        }
        self.reported_ms = self.shown_ms;
    }
}

/// Tracks the note `id` shows; `reportable(id)` decides at report time whether the stay is
/// reported (signed in, the note loaded, not one's own).
pub fn use_dwell(id: Memo<Option<i64>>, reportable: impl Fn(i64) -> bool + Send + Sync + 'static) {
    let reportable = StoredValue::new(reportable);
    let open = StoredValue::new(None::<Opening>);
    let close = move || {
        if let Some(mut o) = open.try_update_value(Option::take).flatten() {
            reportable.with_value(|r| o.report(r));
        }
    };
    Effect::new(move |_| {
        let next = id.get();
        close();
        open.set_value(next.map(Opening::start));
    });
    let hidden = move || {
        open.update_value(|o| {
            if let Some(o) = o {
                reportable.with_value(|r| o.report(r));
            }
        });
    };
    let visibility = window_event_listener_untyped("visibilitychange", move |_| {
        if tab_hidden() {
            hidden();
        } else {
            open.update_value(|o| {
                if let Some(o) = o.as_mut().filter(|o| o.visible_since.is_none()) {
                    o.visible_since = Some(now());
                }
            });
        }
    });
    let pagehide = window_event_listener_untyped("pagehide", move |_| hidden());
    on_cleanup(move || {
        visibility.remove();
        pagehide.remove();
        close();
    });
}
