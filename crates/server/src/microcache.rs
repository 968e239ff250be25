//! A tiny time-bounded response cache for hot, public, read-only pages (the first pages of
//! each feed are requested by everyone). Entries live for `ttl`, so what a reader sees is at
//! most that stale; the map is bounded and cleared when full. Every [`MicroCache::clear`]
//! moves a generation number, so caches built from these pages (the app shell's documents)
//! can tell that what they hold is out of date.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::Bytes;

pub struct MicroCache {
    ttl: Duration,
    capacity: usize,
    entries: Mutex<HashMap<String, (Instant, Bytes)>>,
    generation: AtomicU64,
}

impl MicroCache {
    pub fn new(ttl: Duration, capacity: usize) -> Self {
        MicroCache {
            ttl,
            capacity,
            entries: Mutex::new(HashMap::new()),
            generation: AtomicU64::new(0),
        }
    }

    /// How many times the cache was cleared: anything derived from its pages under another
    /// generation may show what a write has since changed.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    pub fn get(&self, key: &str) -> Option<Bytes> {
        let entries = self.entries.lock().ok()?;
        entries
            .get(key)
            .filter(|(at, _)| at.elapsed() < self.ttl)
            .map(|(_, body)| body.clone())
    }

    /// Drops everything (after a write that changes what cached pages show).
    pub fn clear(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    pub fn put(&self, key: String, body: Bytes) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= self.capacity {
                let ttl = self.ttl;
                entries.retain(|_, (at, _)| at.elapsed() < ttl);
                if entries.len() >= self.capacity {
                    entries.clear();
                }
            }
            entries.insert(key, (Instant::now(), body));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_expire_and_capacity_is_bounded() {
        let cache = MicroCache::new(Duration::from_millis(30), 2);
        cache.put("a".into(), Bytes::from_static(b"1"));
        assert_eq!(cache.get("a"), Some(Bytes::from_static(b"1")));
        cache.put("b".into(), Bytes::from_static(b"2"));
        cache.put("c".into(), Bytes::from_static(b"3"));
        assert!(cache.entries.lock().map(|e| e.len()).unwrap_or(99) <= 2);
        std::thread::sleep(Duration::from_millis(40));
        assert_eq!(cache.get("c"), None);
    }

    #[test]
    fn clearing_moves_the_generation() {
        let cache = MicroCache::new(Duration::from_secs(1), 2);
        let before = cache.generation();
        cache.put("a".into(), Bytes::from_static(b"1"));
        assert_eq!(cache.generation(), before);
        cache.clear();
        assert_eq!(cache.generation(), before + 1);
    }
}
