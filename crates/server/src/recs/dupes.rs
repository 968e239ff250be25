//! Near-duplicate note bodies: a 64-bit SimHash over character 3-grams of the body (letters
//! and digits only, lower-cased), so copies with other punctuation, spacing, case or emoji
//! match. The threshold is tight: one changed character already moves about 6 bits, and a
//! looser one (7) joined a quarter of the demo world's templated bodies. Two
//! bodies are near-duplicates when their hashes differ in at most [`MAX_DISTANCE`] bits. Used
//! twice: notes whose body is pasted across other notes rank down (marketing copy), and
//! "Not interested" on a note also hides its near-duplicates.
//!
//! Each note keeps its hash and its number of near-duplicates (`notes.body_simhash`,
//! `notes.near_dupes`): recounted for the note and its neighbours when it is published or
//! edited, and for everyone at start (which also hashes notes that have no hash yet, such as
//! seeded ones, and heals counts a deletion left behind).

use std::collections::HashMap;

use crate::db::Db;

/// Hashes this many bits apart or fewer are near-duplicates.
pub const MAX_DISTANCE: u32 = 3;
/// Bodies shorter than this (in letters and digits) are too short to call copies.
const MIN_CHARS: usize = 24;

/// The SimHash of `body`, or `None` when it is too short to compare.
pub fn simhash(body: &str) -> Option<i64> {
    let chars: Vec<char> = body
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    if chars.len() < MIN_CHARS {
        return None;
    }
    let mut seen = std::collections::HashSet::new();
    let mut votes = [0i32; 64];
    for gram in chars.windows(3) {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325; // FNV-1a: stable across builds and machines
        for c in gram {
            for b in (*c as u32).to_le_bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        if !seen.insert(h) {
            continue;
        }
        for (bit, vote) in votes.iter_mut().enumerate() {
            *vote += if h >> bit & 1 == 1 { 1 } else { -1 };
        }
    }
    let mut out: u64 = 0;
    for (bit, vote) in votes.iter().enumerate() {
        if *vote > 0 {
            out |= 1 << bit;
        }
    }
    Some(out as i64)
}

pub fn near(a: i64, b: i64) -> bool {
    (a ^ b).count_ones() <= MAX_DISTANCE
}

/// Every note's hash, bucketed by each of its four 16-bit bands: near-duplicates (at most 3
/// bits apart) share at least one band exactly, so only a bucket is compared.
struct Bands {
    hashes: Vec<(i64, i64)>,
    buckets: HashMap<(u8, u16), Vec<usize>>,
}

impl Bands {
    fn new(hashes: Vec<(i64, i64)>) -> Self {
        let mut buckets: HashMap<(u8, u16), Vec<usize>> = HashMap::new();
        for (i, &(_, h)) in hashes.iter().enumerate() {
            for band in 0..4u8 {
                buckets.entry((band, band_of(h, band))).or_default().push(i);
            }
        }
        Bands { hashes, buckets }
    }

    /// Ids of other notes near `hash` (not `id` itself).
    fn neighbours(&self, id: i64, hash: i64) -> Vec<i64> {
        let mut out: Vec<i64> = Vec::new();
        for band in 0..4u8 {
            for &i in self
                .buckets
                .get(&(band, band_of(hash, band)))
                .map(Vec::as_slice)
                .unwrap_or(&[])
            {
                let (other, h) = self.hashes[i];
                if other != id && near(hash, h) && !out.contains(&other) {
                    out.push(other);
                }
            }
        }
        out
    }
}

fn band_of(hash: i64, band: u8) -> u16 {
    ((hash as u64) >> (16 * u32::from(band))) as u16
}

async fn all_hashes(db: &Db) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT id, body_simhash FROM notes WHERE body_simhash IS NOT NULL")
        .fetch_all(db)
        .await
}

/// At start: hashes notes without a hash, then recounts everyone's near-duplicates (writing
/// only counts that changed).
pub async fn backfill(db: &Db) -> Result<(), sqlx::Error> {
    let missing: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, body FROM notes WHERE body_simhash IS NULL")
            .fetch_all(db)
            .await?;
    if !missing.is_empty() {
        let mut tx = db.begin().await?;
        for (id, body) in &missing {
            // Too short to compare stays NULL (looked at again next start; cheap).
            sqlx::query("UPDATE notes SET body_simhash = $1 WHERE id = $2")
                .bind(simhash(body))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
    }
    let bands = Bands::new(all_hashes(db).await?);
    let current: HashMap<i64, i64> = sqlx::query_as("SELECT id, near_dupes FROM notes")
        .fetch_all(db)
        .await?
        .into_iter()
        .collect();
    let mut tx = db.begin().await?;
    for &(id, hash) in &bands.hashes {
        let n = bands.neighbours(id, hash).len() as i64;
        if current.get(&id).copied().unwrap_or(0) != n {
            sqlx::query("UPDATE notes SET near_dupes = $1 WHERE id = $2")
                .bind(n)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// After `note` was published or edited: its hash, and the counts of the note and of its old
/// and new neighbours.
pub async fn refresh(db: &Db, note: i64) -> Result<(), sqlx::Error> {
    let Some((old, body)): Option<(Option<i64>, String)> =
        sqlx::query_as("SELECT body_simhash, body FROM notes WHERE id = $1")
            .bind(note)
            .fetch_optional(db)
            .await?
    else {
        return Ok(());
    };
    let new = simhash(&body);
    let mut hashes = all_hashes(db).await?;
    hashes.retain(|(id, _)| *id != note);
    let before = Bands::new(hashes.clone());
    let mut affected: Vec<i64> = old.map(|h| before.neighbours(note, h)).unwrap_or_default();
    if let Some(h) = new {
        hashes.push((note, h));
    }
    let after = Bands::new(hashes);
    let mut tx = db.begin().await?;
    let mine = new.map(|h| after.neighbours(note, h)).unwrap_or_default();
    sqlx::query("UPDATE notes SET body_simhash = $1, near_dupes = $2 WHERE id = $3")
        .bind(new)
        .bind(mine.len() as i64)
        .bind(note)
        .execute(&mut *tx)
        .await?;
    affected.extend(mine);
    affected.sort_unstable();
    affected.dedup();
    for other in affected {
        let Some(&(_, h)) = after.hashes.iter().find(|(id, _)| *id == other) else {
            continue;
        };
        sqlx::query("UPDATE notes SET near_dupes = $1 WHERE id = $2")
            .bind(after.neighbours(other, h).len() as i64)
            .bind(other)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_with_small_changes_are_near_and_other_texts_are_not() {
        let ad = "Limited offer! DM me for the 50% discount code on this miracle serum, \
                  only 3 days left, link in bio, free shipping worldwide";
        // Pasted with other punctuation, case, spacing and emoji: the same letters.
        let copy = "LIMITED OFFER!!! dm me for the 50 % discount code on this miracle \
                    serum ✨ only 3 days left ~ link in bio ~ free shipping worldwide 🌍";
        let other = "We hiked the ridge trail at dawn; the fog lifted just as we reached \
                     the top and the whole valley opened up below us";
        let (a, b, c) = (simhash(ad), simhash(copy), simhash(other));
        assert!(near(a.unwrap_or(0), b.unwrap_or(-1)), "{a:?} {b:?}");
        assert!(!near(a.unwrap_or(0), c.unwrap_or(0)), "{a:?} {c:?}");
        assert_eq!(simhash("too short"), None);
    }
}
