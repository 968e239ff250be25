//! A cursor-paged list that loads its next page as its end nears the viewport: one request
//! in flight, errors kept for a retry, and `loaded_once` to tell "empty" from "not yet".

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::use_intersection::use_intersection;
use crate::api::ApiError;

/// One page: its items and the cursor of the next (None at the end).
pub type Page<T> = (Vec<T>, Option<String>);

pub struct Paged<T: Send + Sync + 'static> {
    pub items: RwSignal<Vec<T>>,
    pub cursor: RwSignal<Option<String>>,
    pub loading: RwSignal<bool>,
    pub loaded_once: RwSignal<bool>,
    pub error: RwSignal<Option<String>>,
    /// Loads the next page (ignored while one is loading).
    pub load: Callback<()>,
}

impl<T: Send + Sync + 'static> Clone for Paged<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Paged<T> {}

impl<T: Send + Sync + 'static> Paged<T> {
    /// Loaded at least once and nothing came back (and no error).
    pub fn is_empty(&self) -> bool {
        self.loaded_once.get() && self.items.with(Vec::is_empty) && self.error.with(Option::is_none)
    }
}

/// Starts loading at once. `fetch` gets the cursor (None for the first page); `on_page` sees
/// each page before its items are appended; `on_error` may take an error over (return true),
/// e.g. a 401 that signs the reader out, instead of showing it.
pub fn use_paged<T, F, Fut>(
    sentinel: NodeRef<leptos::html::Div>,
    fetch: F,
    on_page: impl Fn(&[T]) + Send + Sync + 'static,
    on_error: impl Fn(&ApiError) -> bool + Send + Sync + 'static,
) -> Paged<T>
where
    T: Send + Sync + 'static,
    F: Fn(Option<String>) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<Page<T>, ApiError>> + 'static,
{
    let items = RwSignal::new(Vec::new());
    let cursor = RwSignal::new(None::<String>);
    let loading = RwSignal::new(false);
    let loaded_once = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let fetch = StoredValue::new(fetch);
    let on_page = StoredValue::new(on_page);
    let on_error = StoredValue::new(on_error);
    let load = Callback::new(move |()| {
        if loading.get_untracked() {
            return;
        }
        loading.set(true);
        error.set(None);
        let request = fetch.with_value(|f| f(cursor.get_untracked()));
        spawn_local(async move {
            // The list may be gone by now (the reader left): `try_` reads, as reading a
            // disposed value panics; writes to it are no-ops.
            match request.await {
                Ok((page, next)) => {
                    on_page.try_with_value(|f| f(&page));
                    items.update(|i| i.extend(page));
                    cursor.set(next);
                }
                Err(e) => {
                    if !on_error.try_with_value(|f| f(&e)).unwrap_or(true) {
                        error.set(Some(e.to_string()));
                    }
                }
            }
            loading.set(false);
            loaded_once.set(true);
        });
    });
    load.run(());
    use_intersection(sentinel, "0px 0px 600px 0px", move || {
        if cursor.with_untracked(Option::is_some) && error.with_untracked(Option::is_none) {
            load.run(());
        }
    });
    Paged {
        items,
        cursor,
        loading,
        loaded_once,
        error,
        load,
    }
}
