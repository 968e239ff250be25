//! A signal that turns true one task later: the page around it paints first, and what waits
//! for it renders in a task of its own. On a phone, one long task that builds a whole page
//! blocks taps for hundreds of milliseconds (Total Blocking Time); a few shorter ones do not.

use leptos::prelude::*;

pub fn use_next_task() -> ReadSignal<bool> {
    let (ready, set_ready) = signal(false);
    set_timeout(
        move || {
            // The component may be gone by then; a disposed signal just ignores it.
            let _ = set_ready.try_set(true);
        },
        std::time::Duration::ZERO,
    );
    ready
}
