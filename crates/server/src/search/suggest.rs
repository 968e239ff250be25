//! Search suggestions and trending searches.
//!
//! Suggestions come from an in-memory list of popular terms (topics weighted by how many notes
//! use them, plus queries people ran), sorted so a prefix is a binary search away. Trending
//! mixes recent queries (decayed by age) with the topics drawing the most engagement lately.

use std::sync::RwLock;

use crate::db::Db;

pub const MAX_SUGGESTIONS: usize = 8;
pub const TRENDING: usize = 10;

/// Lower-cased, trimmed, single-spaced: the form queries are counted and matched in.
pub fn normalize(q: &str) -> String {
    q.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[derive(Default)]
pub struct Suggester {
    /// (normalised term, display term, weight), sorted by normalised term.
    terms: RwLock<Vec<(String, String, i64)>>,
}

impl Suggester {
    pub async fn load(db: &Db) -> Result<Self, sqlx::Error> {
        let topics: Vec<(String, i64)> = sqlx::query_as(
            "SELECT t.topic, COUNT(*) FROM note_topics t JOIN notes n ON n.id = t.note_id \
                 WHERE n.hidden_at IS NULL GROUP BY t.topic",
        )
        .fetch_all(db)
        .await?;
        let queries: Vec<(String, i64)> = sqlx::query_as("SELECT query, count FROM search_queries")
            .fetch_all(db)
            .await?;
        let suggester = Suggester::default();
        for (term, weight) in topics.into_iter().chain(queries) {
            suggester.add(&term, weight);
        }
        Ok(suggester)
    }

    /// Adds weight to a term (inserting it when new).
    pub fn add(&self, term: &str, weight: i64) {
        let key = normalize(term);
        if key.is_empty() {
            return;
        }
        if let Ok(mut terms) = self.terms.write() {
            match terms.binary_search_by(|(k, _, _)| k.as_str().cmp(&key)) {
                Ok(i) => terms[i].2 += weight,
                Err(i) => terms.insert(i, (key, term.trim().to_string(), weight)),
            }
        }
    }

    /// The most popular terms starting with `prefix`.
    pub fn suggest(&self, prefix: &str) -> Vec<String> {
        let key = normalize(prefix);
        let Ok(terms) = self.terms.read() else {
            return Vec::new();
        };
        let start = terms.partition_point(|(k, _, _)| k.as_str() < key.as_str());
        let mut matches: Vec<&(String, String, i64)> = terms[start..]
            .iter()
            .take_while(|(k, _, _)| k.starts_with(&key))
            .collect();
        matches.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.len().cmp(&b.0.len())));
        matches
            .into_iter()
            .take(MAX_SUGGESTIONS)
            .map(|(_, display, _)| display.clone())
            .collect()
    }
}

/// Counts a query that found something.
pub async fn record_query(db: &Db, q: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO search_queries (query, count, last_at) VALUES (?, 1, ?) \
         ON CONFLICT (query) DO UPDATE SET count = search_queries.count + 1, last_at = excluded.last_at",
    )
    .bind(normalize(q))
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// Recent queries first (count decayed by age), then the topics with the most engagement on
/// notes from the last 30 days, without duplicates.
pub async fn trending(db: &Db, now: i64) -> Result<Vec<String>, sqlx::Error> {
    let recent: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT query, count, last_at FROM search_queries WHERE last_at >= ? \
         ORDER BY last_at DESC LIMIT 200",
    )
    .bind(now - 7 * 86_400)
    .fetch_all(db)
    .await?;
    let mut scored: Vec<(f64, String)> = recent
        .into_iter()
        .map(|(q, count, at)| {
            let age_hours = ((now - at).max(0) as f64) / 3_600.0;
            (count as f64 / (1.0 + age_hours / 24.0), q)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let topics: Vec<String> = sqlx::query_scalar(
        "SELECT t.topic FROM note_topics t JOIN notes n ON n.id = t.note_id \
         WHERE n.created_at >= ? AND n.hidden_at IS NULL GROUP BY t.topic \
         ORDER BY SUM(n.like_count + n.collect_count) DESC LIMIT ?",
    )
    .bind(now - 30 * 86_400)
    .bind(TRENDING as i64)
    .fetch_all(db)
    .await?;
    let mut out: Vec<String> = Vec::new();
    for term in scored.into_iter().map(|(_, q)| q).chain(topics) {
        if out.len() == TRENDING {
            break;
        }
        if !out.iter().any(|t| normalize(t) == normalize(&term)) {
            out.push(term);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_find_the_most_popular_terms() {
        let s = Suggester::default();
        s.add("防晒霜", 5);
        s.add("防晒", 9);
        s.add("防脱", 2);
        s.add("OOTD", 7);
        s.add("露营", 3);
        assert_eq!(s.suggest("防"), vec!["防晒", "防晒霜", "防脱"]);
        assert_eq!(s.suggest("防晒霜"), vec!["防晒霜"]);
        assert_eq!(s.suggest("oo"), vec!["OOTD"]);
        assert!(s.suggest("zzz").is_empty());
        s.add("  ootd ", 1);
        assert_eq!(s.suggest("o").len(), 1, "normalised duplicates merge");
    }

    #[test]
    fn normalisation() {
        assert_eq!(normalize("  Kyoto   Travel "), "kyoto travel");
    }
}
