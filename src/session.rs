//! Who is signed in, app-wide: the `Auth` context, the "sign in first" gate that interactions
//! go through, and the unread-notifications badge count.

use api_types::{Me, UnreadCounts};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;

/// `localStorage` key remembering that this browser was signed in at its last session check.
/// The session cookie is HttpOnly, so on a fresh load the app cannot tell a signed-in reader
/// from a guest until the check answers; the For-you feed waits for it only when this says
/// "signed in" (guests paint the public first page at once, from the document).
const SIGNED_IN_HINT: &str = "zc-signed-in";

/// Whether this browser was signed in last time we knew.
pub fn signed_in_hint() -> bool {
    storage().is_some_and(|s| s.get_item(SIGNED_IN_HINT).ok().flatten().is_some())
}

fn set_signed_in_hint(on: bool) {
    if let Some(s) = storage() {
        let _ = if on {
            s.set_item(SIGNED_IN_HINT, "1")
        } else {
            s.remove_item(SIGNED_IN_HINT)
        };
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// How often the unread badge refreshes while the tab is open.
const UNREAD_POLL_MS: u32 = 30_000;

#[derive(Clone, Copy)]
pub struct Auth {
    /// The signed-in user; `None` when signed out.
    pub me: RwSignal<Option<Me>>,
    /// False until the first session check answers (avoids flashing "Sign in").
    pub checked: RwSignal<bool>,
    /// Whether the sign-in sheet is open.
    pub sheet_open: RwSignal<bool>,
    /// What to do once the sheet succeeds (the interaction that asked for an account).
    pending: StoredValue<Option<Callback<()>>>,
    pub unread: RwSignal<UnreadCounts>,
    /// Bumped when pages should re-read what depends on the viewer (liked, following,
    /// private tabs): on sign-out, and on sign-in unless an interaction is pending (then the
    /// page keeps its state and the interaction updates it, so a re-read cannot race it).
    pub viewer_epoch: RwSignal<u32>,
}

impl Auth {
    pub fn user_id(&self) -> Option<i64> {
        self.me.with(|m| m.as_ref().map(|m| m.user.id))
    }

    pub fn user_id_untracked(&self) -> Option<i64> {
        self.me.with_untracked(|m| m.as_ref().map(|m| m.user.id))
    }

    /// Runs `action` now when signed in; otherwise opens the sign-in sheet and runs it after
    /// the reader signs in or up, so they never lose their place.
    pub fn require(&self, action: Callback<()>) {
        if self.user_id_untracked().is_some() {
            action.run(());
        } else {
            self.pending.set_value(Some(action));
            self.sheet_open.set(true);
        }
    }

    /// Opens the sign-in sheet with nothing pending.
    pub fn open_sheet(&self) {
        self.pending.set_value(None);
        self.sheet_open.set(true);
    }

    /// Called by the sheet on success.
    pub fn signed_in(&self, me: Me) {
        api::forget_notes();
        // The server moved what the guest id learned to the account with this sign-in.
        crate::guest::forget();
        set_signed_in_hint(true);
        self.me.set(Some(me));
        self.sheet_open.set(false);
        self.refresh_unread();
        match self.pending.try_update_value(Option::take).flatten() {
            Some(action) => action.run(()),
            None => self.viewer_epoch.update(|e| *e += 1),
        }
    }

    pub fn dismiss_sheet(&self) {
        self.pending.set_value(None);
        self.sheet_open.set(false);
    }

    pub fn signed_out(&self) {
        api::forget_notes();
        set_signed_in_hint(false);
        self.me.set(None);
        self.unread.set(UnreadCounts::default());
        self.viewer_epoch.update(|e| *e += 1);
    }

    pub fn refresh_unread(&self) {
        if self.user_id_untracked().is_none() {
            return;
        }
        let unread = self.unread;
        spawn_local(async move {
            if let Ok(counts) = api::unread_counts().await {
                unread.set(counts);
            }
        });
    }
}

/// Creates the context, asks the server who is signed in, and keeps the badge fresh.
pub fn provide_auth() -> Auth {
    let auth = Auth {
        me: RwSignal::new(None),
        checked: RwSignal::new(false),
        sheet_open: RwSignal::new(false),
        pending: StoredValue::new(None),
        unread: RwSignal::new(UnreadCounts::default()),
        viewer_epoch: RwSignal::new(0),
    };
    provide_context(auth);
    spawn_local(async move {
        // Not in the task that mounts the app: its first calls compile on the main thread.
        crate::hooks::use_next_task::next_task().await;
        if let Ok(session) = api::session().await {
            set_signed_in_hint(session.me.is_some());
            auth.me.set(session.me);
        }
        auth.checked.set(true);
        auth.refresh_unread();
    });
    let poll = set_interval_with_handle(
        move || auth.refresh_unread(),
        std::time::Duration::from_millis(UNREAD_POLL_MS.into()),
    );
    if let Ok(handle) = poll {
        on_cleanup(move || handle.clear());
    }
    auth
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}
