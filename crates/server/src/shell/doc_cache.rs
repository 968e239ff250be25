//! The cache of documents built for anonymous readers.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use tokio::sync::OnceCell;

use super::entity::Entity;
use super::{DOC_FRESH, DOC_MAX_AGE};

/// Distinct anonymous documents kept (route + query); the map is pruned, then cleared, beyond.
const DOC_CACHE_CAPACITY: usize = 512;

/// A document built for anonymous readers, shared for [`DOC_FRESH`] (see [`DocCache`]).
pub(super) struct Built {
    pub(super) at: Instant,
    pub(super) generation: u64,
    pub(super) doc: Arc<Entity>,
}

#[derive(Default)]
pub(super) struct Slot {
    ready: Option<Built>,
    /// The build in progress: everyone without a usable document waits on this one.
    pending: Option<Arc<OnceCell<Arc<Entity>>>>,
}

/// Anonymous documents by their boot paths: one build at a time per key, its three encodings
/// compressed once; an entry older than [`DOC_FRESH`] is rebuilt by one request while others
/// keep getting it up to [`DOC_MAX_AGE`]; a write that clears the feed cache (a new
/// generation) retires every entry at once.
pub(super) struct DocCache {
    pub(super) slots: Mutex<HashMap<String, Slot>>,
}

pub(super) enum Lookup {
    Ready(Arc<Entity>),
    Wait {
        cell: Arc<OnceCell<Arc<Entity>>>,
        stale: Option<Arc<Entity>>,
        start: bool,
    },
}

impl DocCache {
    pub(super) fn lookup(&self, key: &str, generation: u64) -> Option<Lookup> {
        let mut slots = self.slots.lock().ok()?;
        if slots.len() >= DOC_CACHE_CAPACITY && !slots.contains_key(key) {
            slots.retain(|_, s| {
                s.pending.is_some()
                    || s.ready
                        .as_ref()
                        .is_some_and(|r| r.at.elapsed() < DOC_MAX_AGE)
            });
            if slots.len() >= DOC_CACHE_CAPACITY {
                slots.clear();
            }
        }
        if !slots.contains_key(key) {
            slots.insert(key.to_string(), Slot::default());
        }
        let slot = slots.get_mut(key)?;
        let usable = slot.ready.as_ref().filter(|r| r.generation == generation);
        if let Some(r) = usable {
            if r.at.elapsed() < DOC_FRESH {
                return Some(Lookup::Ready(Arc::clone(&r.doc)));
            }
        }
        let stale = usable
            .filter(|r| r.at.elapsed() < DOC_MAX_AGE)
            .map(|r| Arc::clone(&r.doc));
        let (cell, start) = match &slot.pending {
            Some(cell) => (Arc::clone(cell), false),
            None => {
                let cell = Arc::new(OnceCell::new());
                slot.pending = Some(Arc::clone(&cell));
                (cell, true)
            }
        };
        Some(Lookup::Wait { cell, stale, start })
    }

    pub(super) fn finish(&self, key: &str, cell: &Arc<OnceCell<Arc<Entity>>>, built: Built) {
        let Ok(mut slots) = self.slots.lock() else {
            return;
        };
        if let Some(slot) = slots.get_mut(key) {
            if slot.pending.as_ref().is_some_and(|p| Arc::ptr_eq(p, cell)) {
                slot.pending = None;
                slot.ready = Some(built);
            }
        }
    }
}
