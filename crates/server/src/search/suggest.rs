//! Search suggestions and trending searches.
//!
//! Suggestions come from an in-memory list of popular terms (topics weighted by how many notes
//! use them, plus queries enough people ran), sorted so a prefix is a binary search away.
//! Trending mixes recent queries with the topics drawing the most engagement lately.
//!
//! What one person types must not reach everyone else's screen: a query is counted once per
//! person (`search_searchers`: the account, or a guest's salted client key), shows up in
//! trending or suggestions only once [`MIN_SEARCHERS`] distinct people ran it within the
//! window, and only if [`publishable`] (short, plain words: no markup, links, control
//! characters or contact details; compared after NFKC folding).

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Mutex, RwLock};

use unicode_normalization::UnicodeNormalization;

use crate::db::{write_tx, Db};

pub const MAX_SUGGESTIONS: usize = 8;
pub const TRENDING: usize = 10;
/// Distinct people who must have run a query before others are shown it.
pub const MIN_SEARCHERS: i64 = 5;
/// Trending counts the people of the last week...
pub const TRENDING_WINDOW: i64 = 7 * 86_400;
/// ... suggestions those of the last 30 days, after which searches are forgotten.
pub const SUGGEST_WINDOW: i64 = 30 * 86_400;
/// Longest query shown to others, in characters.
pub const MAX_SHOWN_CHARS: usize = 30;
/// Punctuation a shown query may hold besides letters, digits and spaces.
const ALLOWED_PUNCTUATION: &str = "-'&+·#";
/// Words of contact spam and link-dropping; a shown query contains none of them.
const BLOCKED_WORDS: &[&str] = &[
    "http",
    "www",
    "wechat",
    "weixin",
    "whatsapp",
    "telegram",
    "vx",
    "qq",
    "微信",
    "薇信",
    "威信",
    "加v",
    "v信",
    "加我",
    "私聊",
    "私信",
    "电报",
    "联系方式",
];
/// How long a computed trending list is reused (it is recomputed sooner when a query gains
/// a searcher that matters).
const TRENDING_CACHE_SECS: i64 = 60;

/// Lower-cased, trimmed, single-spaced: the form notes are compared in.
pub fn normalize(q: &str) -> String {
    q.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The form a query is counted and shown in (NFKC-folded, [`normalize`]d), or `None` when it
/// must never be shown to others: too long, with markup, links, control characters, emoji or
/// other symbols, a long run of digits (phone and QQ numbers), or contact-spam words.
pub fn publishable(q: &str) -> Option<String> {
    let folded: String = q.nfkc().collect();
    let key = normalize(&folded);
    let chars = key.chars().count();
    if chars == 0 || chars > MAX_SHOWN_CHARS {
        return None;
    }
    let plain = key
        .chars()
        .all(|c| c.is_alphanumeric() || c == ' ' || ALLOWED_PUNCTUATION.contains(c));
    if !plain || !key.chars().any(char::is_alphabetic) {
        return None;
    }
    let mut digits = 0;
    for c in key.chars() {
        digits = if c.is_ascii_digit() { digits + 1 } else { 0 };
        if digits >= 6 {
            return None;
        }
    }
    let squeezed: String = key.chars().filter(|c| *c != ' ').collect();
    if BLOCKED_WORDS.iter().any(|w| squeezed.contains(w)) {
        return None;
    }
    Some(key)
}

#[derive(Default)]
pub struct Suggester {
    /// (normalised term, display term, weight), sorted by normalised term.
    terms: RwLock<Vec<(String, String, i64)>>,
    /// The last trending list and when it was computed.
    trending: Mutex<Option<(i64, Vec<String>)>>,
    /// When searches older than the window were last pruned (unix seconds).
    pruned_at: AtomicI64,
}

impl Suggester {
    pub async fn load(db: &Db) -> Result<Self, sqlx::Error> {
        let topics: Vec<(String, i64)> = sqlx::query_as(
            "SELECT t.topic, COUNT(*) FROM note_topics t JOIN notes n ON n.id = t.note_id \
                 WHERE n.hidden_at IS NULL GROUP BY t.topic",
        )
        .fetch_all(db)
        .await?;
        let queries: Vec<(String, i64)> = sqlx::query_as(
            "SELECT query, COUNT(*) FROM search_searchers WHERE at >= $1 \
             GROUP BY query HAVING COUNT(*) >= $2",
        )
        .bind(crate::now_unix() - SUGGEST_WINDOW)
        .bind(MIN_SEARCHERS)
        .fetch_all(db)
        .await?;
        let suggester = Suggester::default();
        for (term, weight) in topics.into_iter().chain(queries) {
            suggester.add(&term, weight);
        }
        Ok(suggester)
    }

    /// Adds weight to a term (inserting it when new), unless it is not [`publishable`].
    pub fn add(&self, term: &str, weight: i64) {
        let Some(key) = publishable(term) else {
            return;
        };
        if let Ok(mut terms) = self.terms.write() {
            match terms.binary_search_by(|(k, _, _)| k.as_str().cmp(&key)) {
                Ok(i) => terms[i].2 += weight,
                Err(i) => {
                    // Topics keep their spelling ("OOTD"); folded forms show as folded.
                    let display = normalize(term.trim());
                    let display = if display == key {
                        term.split_whitespace().collect::<Vec<_>>().join(" ")
                    } else {
                        key.clone()
                    };
                    terms.insert(i, (key, display, weight));
                }
            }
        }
    }

    /// The most popular terms starting with `prefix`.
    pub fn suggest(&self, prefix: &str) -> Vec<String> {
        let folded: String = prefix.nfkc().collect();
        let key = normalize(&folded);
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

    /// Counts that `searcher` ran `q` and found something: once per person, however often.
    /// A query that has just reached [`MIN_SEARCHERS`] people joins the suggestions.
    pub async fn record(
        &self,
        db: &Db,
        q: &str,
        searcher: &str,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        let Some(key) = publishable(q) else {
            return Ok(());
        };
        let (turn, mut tx) = write_tx(db).await?;
        let new = sqlx::query(
            "INSERT INTO search_searchers (query, searcher, at) VALUES ($1, $2, $3) \
             ON CONFLICT (query, searcher) DO NOTHING",
        )
        .bind(&key)
        .bind(searcher)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if !new {
            sqlx::query("UPDATE search_searchers SET at = $1 WHERE query = $2 AND searcher = $3")
                .bind(now)
                .bind(&key)
                .bind(searcher)
                .execute(&mut *tx)
                .await?;
        }
        let last = self.pruned_at.load(Ordering::Relaxed);
        if now - last > 3_600
            && self
                .pruned_at
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        {
            sqlx::query("DELETE FROM search_searchers WHERE at < $1")
                .bind(now - SUGGEST_WINDOW)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        drop(turn);
        if !new {
            return Ok(());
        }
        let people: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM search_searchers WHERE query = $1 AND at >= $2",
        )
        .bind(&key)
        .bind(now - SUGGEST_WINDOW)
        .fetch_one(db)
        .await?;
        if people >= MIN_SEARCHERS {
            self.add(&key, if people == MIN_SEARCHERS { people } else { 1 });
            // Trending may have changed: compute it afresh next time.
            if let Ok(mut cached) = self.trending.lock() {
                *cached = None;
            }
        }
        Ok(())
    }

    /// Recent queries enough people ran (each person weighted by how recent their search
    /// is), then the topics with the most engagement on notes of the last 30 days, without
    /// duplicates; reused for up to a minute.
    pub async fn trending(&self, db: &Db, now: i64) -> Result<Vec<String>, sqlx::Error> {
        if let Ok(cached) = self.trending.lock() {
            if let Some((at, list)) = cached.as_ref() {
                if (now - at).abs() < TRENDING_CACHE_SECS {
                    return Ok(list.clone());
                }
            }
        }
        let list = trending(db, now).await?;
        if let Ok(mut cached) = self.trending.lock() {
            *cached = Some((now, list.clone()));
        }
        Ok(list)
    }
}

async fn trending(db: &Db, now: i64) -> Result<Vec<String>, sqlx::Error> {
    // A search a day old counts half as much as one just now.
    let queries: Vec<String> = sqlx::query_scalar(
        "SELECT query FROM search_searchers WHERE at >= $1 GROUP BY query HAVING COUNT(*) >= $2 \
         ORDER BY SUM(1.0 / (1.0 + ($3 - at) / 86400.0)) DESC, query LIMIT $4",
    )
    .bind(now - TRENDING_WINDOW)
    .bind(MIN_SEARCHERS)
    .bind(now)
    .bind(TRENDING as i64 * 2)
    .fetch_all(db)
    .await?;
    let topics: Vec<String> = sqlx::query_scalar(
        "SELECT t.topic FROM note_topics t JOIN notes n ON n.id = t.note_id \
         WHERE n.created_at >= $1 AND n.hidden_at IS NULL GROUP BY t.topic \
         ORDER BY SUM(n.like_count + n.collect_count) DESC LIMIT $2",
    )
    .bind(now - 30 * 86_400)
    .bind(TRENDING as i64 * 2)
    .fetch_all(db)
    .await?;
    let mut out: Vec<String> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    for term in queries.into_iter().chain(topics) {
        if out.len() == TRENDING {
            break;
        }
        // Checked again on the way out: the rules may be stricter than when it was stored.
        let Some(key) = publishable(&term) else {
            continue;
        };
        if !keys.contains(&key) {
            keys.push(key);
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
    fn only_plain_short_text_is_shown_to_others() {
        let too_long = "长".repeat(31);
        for bad in [
            "口红 <img src=x onerror=alert(1)> buy at evil.example",
            "see http://evil.example",
            "ｈｔｔｐｓ evil",
            "www evil",
            "shop evil.com",
            "加微信 abc",
            "加 v 看更多",
            "call 13800138000",
            "nul\u{0}byte",
            "rtl\u{202e}override",
            "emoji 🔥",
            "a@b",
            "!!!",
            "123456",
            "",
            "   ",
            &too_long,
        ] {
            assert_eq!(publishable(bad), None, "{bad:?}");
        }
        assert_eq!(
            publishable("  Kyoto   Travel "),
            Some("kyoto travel".into())
        );
        assert_eq!(
            publishable("ＯＯＴＤ"),
            Some("ootd".into()),
            "full-width folds"
        );
        assert_eq!(publishable("防晒霜 推荐"), Some("防晒霜 推荐".into()));
        assert_eq!(publishable("iphone 15 pro"), Some("iphone 15 pro".into()));
        assert_eq!(publishable("H&M"), Some("h&m".into()));
        assert!(publishable(&"长".repeat(30)).is_some());
    }

    #[test]
    fn suggestions_leave_out_what_cannot_be_shown() {
        let s = Suggester::default();
        s.add("OOTD", 3);
        s.add("ootd <script>", 50);
        s.add("ootd.com", 50);
        assert_eq!(s.suggest("oo"), vec!["OOTD"]);
        assert_eq!(s.suggest("ＯＯ"), vec!["OOTD"], "the prefix is folded too");
    }

    #[test]
    fn normalisation() {
        assert_eq!(normalize("  Kyoto   Travel "), "kyoto travel");
    }
}
