//! Each signed-in person's ranked For-you list, as the cards it shows (reasons included), kept
//! for a short while so the list is ranked and read once and later pages and refreshes only
//! slice it. Forgotten when the person does
//! something that changes their taste (like, collect, comment, share, follow, "Not
//! interested"); an opened note is only struck off the kept list (it must not come back, but
//! nothing else about the list changed). Entries expire after `ttl` so the world's new notes
//! and counts come in; the map is bounded and drops expired entries, then everything, when
//! full.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use api_types::NoteCard;

/// How long a ranked list is reused.
pub const TTL: Duration = Duration::from_secs(60);
/// How many people's lists are kept (200 cards, about 100 KB each).
pub const CAPACITY: usize = 5_000;

struct Entry {
    at: Instant,
    cards: Arc<Vec<NoteCard>>,
    /// Notes opened since the ranking.
    opened: HashSet<i64>,
}

pub struct RankCache {
    ttl: Duration,
    capacity: usize,
    entries: Mutex<HashMap<i64, Entry>>,
}

impl Default for RankCache {
    fn default() -> Self {
        RankCache::new(TTL, CAPACITY)
    }
}

impl RankCache {
    pub fn new(ttl: Duration, capacity: usize) -> Self {
        RankCache {
            ttl,
            capacity,
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// The person's kept list and the notes opened since, if fresh.
    pub fn get(&self, user: i64) -> Option<(Arc<Vec<NoteCard>>, HashSet<i64>)> {
        let entries = self.entries.lock().ok()?;
        entries
            .get(&user)
            .filter(|e| e.at.elapsed() < self.ttl)
            .map(|e| (Arc::clone(&e.cards), e.opened.clone()))
    }

    pub fn put(&self, user: i64, cards: Arc<Vec<NoteCard>>) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= self.capacity && !entries.contains_key(&user) {
                let ttl = self.ttl;
                entries.retain(|_, e| e.at.elapsed() < ttl);
                if entries.len() >= self.capacity {
                    entries.clear();
                }
            }
            entries.insert(
                user,
                Entry {
                    at: Instant::now(),
                    cards,
                    opened: HashSet::new(),
                },
            );
        }
    }

    /// The person's taste changed: rank again next time.
    pub fn forget(&self, user: i64) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.remove(&user);
        }
    }

    /// The person opened `note`: it leaves their kept list (the positions of the others stay,
    /// so the next page neither skips nor repeats a note).
    pub fn opened(&self, user: i64, note: i64) {
        if let Ok(mut entries) = self.entries.lock() {
            if let Some(e) = entries.get_mut(&user) {
                e.opened.insert(note);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_expire_are_forgotten_and_bounded() {
        let cache = RankCache::new(Duration::from_millis(40), 2);
        let list = Arc::new(Vec::new());
        cache.put(1, Arc::clone(&list));
        cache.opened(1, 7);
        assert_eq!(cache.get(1).map(|(_, o)| o), Some(HashSet::from([7])));
        cache.forget(1);
        assert!(cache.get(1).is_none());
        for user in 1..=3 {
            cache.put(user, Arc::clone(&list));
        }
        assert!(cache.entries.lock().map(|e| e.len()).unwrap_or(99) <= 2);
        std::thread::sleep(Duration::from_millis(50));
        assert!(cache.get(3).is_none(), "expired");
    }
}
