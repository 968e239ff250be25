//! What creators post about, for user search: "美妆", "护肤" or "beauty" lists the people whose
//! notes are in the Beauty channel or carry those topics, not only those with the word in their
//! name or bio. In memory (a few entries per creator and term), loaded at start and refreshed
//! for one author when a note of theirs is published, edited, hidden or deleted, so a search
//! never scans notes.

use std::collections::HashMap;
use std::sync::RwLock;

use crate::db::Db;

/// A creator counts for a term when it is on at least this many of their notes and this share
/// of them (demo creators post a little everywhere; two beauty notes in forty is not a beauty
/// creator).
const MIN_NOTES: i64 = 2;
const MIN_SHARE: f64 = 0.1;

#[derive(Default)]
pub struct CreatorTerms {
    /// Lower-cased term (channel slug, English or Chinese name; topic) to (creator, share of
    /// their visible notes with it).
    by_term: RwLock<HashMap<String, Vec<(i64, f64)>>>,
}

/// (author, term, notes with it, whether the term is a channel's) and (author, visible notes).
type Counts = (Vec<(i64, String, i64, bool)>, HashMap<i64, i64>);

async fn counts(db: &Db, only: Option<i64>) -> Result<Counts, sqlx::Error> {
    let mut rows: Vec<(i64, String, i64, bool)> = Vec::new();
    let per_channel: Vec<(i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT n.author_id, c.slug, c.name_en, c.name_zh, COUNT(*) FROM notes n \
         JOIN channels c ON c.id = n.channel_id \
         WHERE n.hidden_at IS NULL AND ($1 IS NULL OR n.author_id = $2) \
         GROUP BY n.author_id, n.channel_id, c.slug, c.name_en, c.name_zh",
    )
    .bind(only)
    .bind(only)
    .fetch_all(db)
    .await?;
    let mut totals: HashMap<i64, i64> = HashMap::new();
    for (author, slug, en, zh, n) in per_channel {
        *totals.entry(author).or_default() += n;
        for term in [slug, en, zh] {
            rows.push((author, term, n, true));
        }
    }
    let per_topic: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT n.author_id, t.topic, COUNT(*) FROM note_topics t \
         JOIN notes n ON n.id = t.note_id \
         WHERE n.hidden_at IS NULL AND ($1 IS NULL OR n.author_id = $2) \
         GROUP BY n.author_id, t.topic",
    )
    .bind(only)
    .bind(only)
    .fetch_all(db)
    .await?;
    rows.extend(per_topic.into_iter().map(|(a, t, n)| (a, t, n, false)));
    Ok((rows, totals))
}

fn normalise(term: &str) -> String {
    term.trim().trim_start_matches('#').trim().to_lowercase()
}

impl CreatorTerms {
    pub async fn load(db: &Db) -> Result<Self, sqlx::Error> {
        let terms = CreatorTerms::default();
        let (rows, totals) = counts(db, None).await?;
        terms.merge(rows, &totals);
        Ok(terms)
    }

    fn merge(&self, rows: Vec<(i64, String, i64, bool)>, totals: &HashMap<i64, i64>) {
        let Ok(mut by_term) = self.by_term.write() else {
            return;
        };
        for (author, term, n, is_channel) in rows {
            let total = totals.get(&author).copied().unwrap_or(0).max(1);
            let share = n as f64 / total as f64;
            // A topic is on few notes, so two are enough; a channel also needs its share. A
            // newcomer whose few notes are mostly on it counts from the first.
            let enough = n >= MIN_NOTES && (!is_channel || share >= MIN_SHARE);
            if !(enough || share >= 0.5) {
                continue;
            }
            let list = by_term.entry(normalise(&term)).or_default();
            // A channel's slug and English name can be the same word: keep the larger share.
            match list.iter_mut().find(|(a, _)| *a == author) {
                Some(entry) => entry.1 = entry.1.max(share),
                None => list.push((author, share)),
            }
        }
    }

    /// Re-reads everyone (after a note whose author is no longer known was deleted).
    pub async fn reload(&self, db: &Db) -> Result<(), sqlx::Error> {
        let (rows, totals) = counts(db, None).await?;
        if let Ok(mut by_term) = self.by_term.write() {
            by_term.clear();
        }
        self.merge(rows, &totals);
        Ok(())
    }

    /// Re-reads one author's channels and topics (after a note of theirs changed).
    pub async fn refresh(&self, db: &Db, author: i64) -> Result<(), sqlx::Error> {
        let (rows, totals) = counts(db, Some(author)).await?;
        if let Ok(mut by_term) = self.by_term.write() {
            by_term.retain(|_, list| {
                list.retain(|(a, _)| *a != author);
                !list.is_empty()
            });
        }
        self.merge(rows, &totals);
        Ok(())
    }

    /// Creators posting about `q` (the whole query, or each of its words), with the largest
    /// share of their notes that matches.
    pub fn matching(&self, q: &str) -> HashMap<i64, f64> {
        let whole = normalise(q);
        let mut keys = vec![whole.clone()];
        keys.extend(
            whole
                .split_whitespace()
                .filter(|w| *w != whole)
                .map(str::to_string),
        );
        let mut out: HashMap<i64, f64> = HashMap::new();
        let Ok(by_term) = self.by_term.read() else {
            return out;
        };
        for key in keys {
            for &(author, share) in by_term.get(&key).map(Vec::as_slice).unwrap_or(&[]) {
                let e = out.entry(author).or_default();
                *e = e.max(share);
            }
        }
        out
    }
}
