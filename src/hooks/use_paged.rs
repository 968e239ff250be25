//! A cursor-paged list: the one paging hook of the app (feeds, comments and their replies,
//! people, notifications, products, orders). One request in flight, errors kept for a retry,
//! `answered` to tell "empty" from "not yet", and a generation so that answers for a source the
//! list has since left (`reset`) are dropped.
//!
//! The bookkeeping lives in the non-generic [`PageState`], so the wasm carries one copy of it;
//! [`Paged<T>`] adds only the typed items and the request.

use std::future::Future;

use api_types::Page;
use leptos::html::Div;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::use_intersection::use_intersection;
use crate::api::ApiError;

/// Where a paged list stands, whatever its items.
#[derive(Clone, Copy)]
pub struct PageState {
    /// The next page's cursor: None before the first page and after the last (`done`), so a
    /// request without one asks for the first page.
    next: RwSignal<Option<String>>,
    /// The last page has landed.
    pub done: RwSignal<bool>,
    pub loading: RwSignal<bool>,
    pub error: RwSignal<Option<String>>,
    /// An answer (a page or an error) came since the start: "empty" is not "not yet".
    pub answered: RwSignal<bool>,
    /// Bumped by every reset, so that late answers for the old source are dropped.
    generation: StoredValue<u32>,
}

/// A request the state agreed to: the cursor to send and what to check the answer against.
struct Ticket {
    after: Option<String>,
    first: bool,
    generation: u32,
}

impl PageState {
    fn new() -> Self {
        PageState {
            next: RwSignal::new(None),
            done: RwSignal::new(false),
            loading: RwSignal::new(false),
            error: RwSignal::new(None),
            answered: RwSignal::new(false),
            generation: StoredValue::new(0),
        }
    }

    /// The list's current generation: compare with [`PageState::is_current`] later.
    pub fn generation(&self) -> u32 {
        self.generation.get_value()
    }

    /// Not reset since `generation` was read, and not disposed (the reader may have left:
    /// reading a disposed value panics, so this uses `try_`).
    pub fn is_current(&self, generation: u32) -> bool {
        self.generation.try_get_value() == Some(generation)
    }

    /// Starts a request unless one is in flight or the list is complete; clears a shown error.
    fn begin(&self) -> Option<Ticket> {
        if self.loading.get_untracked() || self.done.get_untracked() {
            return None;
        }
        self.loading.set(true);
        self.error.set(None);
        let after = self.next.get_untracked();
        Some(Ticket {
            first: after.is_none(),
            after,
            generation: self.generation.get_value(),
        })
    }

    fn landed(&self, next: Option<String>) {
        self.done.set(next.is_none());
        self.next.set(next);
        self.settle();
    }

    /// A failed request: `message` is shown, unless None (the error was handled elsewhere).
    fn failed(&self, message: Option<String>) {
        if message.is_some() {
            self.error.set(message);
        }
        self.settle();
    }

    fn settle(&self) {
        self.loading.set(false);
        self.answered.set(true);
    }

    /// Back to "nothing loaded", and answers still on their way are dropped.
    fn reset(&self) {
        self.generation.update_value(|g| *g += 1);
        self.next.set(None);
        self.done.set(false);
        self.error.set(None);
        self.loading.set(false);
        self.answered.set(false);
    }

    /// The list already holds its first page, which `next` continues.
    fn seed(&self, next: Option<String>) {
        self.done.set(next.is_none());
        self.next.set(next);
    }
}

/// A paged list of `T`.
pub struct Paged<T: Send + Sync + 'static> {
    pub items: RwSignal<Vec<T>>,
    pub state: PageState,
    /// Loads the next page (a first load, "Try again", "Load more"): ignored while one is
    /// loading or after the last; a shown error is cleared.
    pub load: Callback<()>,
}

impl<T: Send + Sync + 'static> Clone for Paged<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Paged<T> {}

impl<T: Send + Sync + 'static> Paged<T> {
    /// The list starts from `page`, already at hand (a note's first comments).
    pub fn seed(self, page: Page<T>) -> Self {
        self.items.set(page.items);
        self.state.seed(page.next_cursor);
        self
    }

    /// The next page, unless an error waits for "Try again" (scrolling never retries).
    pub fn more(&self) {
        if self.state.error.with_untracked(Option::is_none) {
            self.load.run(());
        }
    }

    /// Asks for the next page whenever `sentinel` comes within `margin` of the viewport.
    pub fn more_when_near(self, sentinel: NodeRef<Div>, margin: &'static str) {
        use_intersection(sentinel, margin, move || self.more());
    }

    /// Empties the list for a new source and loads its first page.
    pub fn reset(&self) {
        self.state.reset();
        self.items.set(Vec::new());
        self.load.run(());
    }

    /// Answered at least once and nothing came back (and no error).
    pub fn is_empty(&self) -> bool {
        self.state.answered.get()
            && self.items.with(Vec::is_empty)
            && self.state.error.with(Option::is_none)
    }
}

/// A paged list that loads nothing yet (see [`Paged::load`], [`Paged::more_when_near`],
/// [`Paged::seed`]). `fetch` gets the cursor (None for the first page); `merge` puts a page's
/// items into the list, told whether it is the first page; `take_error` sees each error first
/// and may handle it (true: not shown), e.g. a 401 that signs the reader out ([`show_errors`]
/// shows them all).
///
/// The three are `Copy` (closures over signals and ids): the request copies them instead of
/// keeping them in reactive storage, one instantiation of which per list would cost the wasm.
pub fn use_paged<T, F, Fut, M, E>(fetch: F, merge: M, take_error: E) -> Paged<T>
where
    T: Send + Sync + 'static,
    F: Fn(Option<String>) -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<Page<T>, ApiError>> + 'static,
    M: Fn(&mut Vec<T>, Vec<T>, bool) + Copy + Send + Sync + 'static,
    E: Fn(&ApiError) -> bool + Copy + Send + Sync + 'static,
{
    let items = RwSignal::new(Vec::new());
    let state = PageState::new();
    let load = Callback::new(move |()| {
        let Some(ticket) = state.begin() else {
            return;
        };
        let request = fetch(ticket.after);
        spawn_local(async move {
            let answer = request.await;
            if !state.is_current(ticket.generation) {
                return;
            }
            match answer {
                Ok(page) => {
                    items.update(|list| merge(list, page.items, ticket.first));
                    state.landed(page.next_cursor);
                }
                Err(e) => state.failed((!take_error(&e)).then(|| e.to_string())),
            }
        });
    });
    Paged { items, state, load }
}

/// The `merge` of most lists: each page after the last.
pub fn append<T>(list: &mut Vec<T>, page: Vec<T>, _first: bool) {
    list.extend(page);
}

/// The `take_error` of most lists: every error is shown.
pub fn show_errors(_: &ApiError) -> bool {
    false
}
