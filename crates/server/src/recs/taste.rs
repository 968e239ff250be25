//! Stage 0: what a person has shown they care about (channels, topics, authors, follows), and
//! what must never be shown to them again.

use std::collections::{HashMap, HashSet};

use sqlx::QueryBuilder;

use super::{in_list, Config};
use crate::db::Db;
use crate::error::AppResult;

/// What the person has shown they care about, as normalised affinities in 0..=1.
#[derive(Default, Debug)]
pub struct Taste {
    pub channels: HashMap<i64, f64>,
    pub topics: HashMap<String, f64>,
    pub authors: HashMap<i64, f64>,
    pub followed: HashSet<i64>,
    /// Notes they engaged with (seeds for co-engagement), most weighted first.
    pub engaged: Vec<i64>,
    /// Never shown again: liked, collected, written, recently opened, not interested.
    pub exclude: HashSet<i64>,
    /// (author, channel) of notes marked "Not interested": near-duplicates.
    pub muted: HashSet<(i64, i64)>,
    /// Body hashes of notes marked "Not interested": notes with a near-identical body are
    /// near-duplicates too, whoever posted them.
    pub muted_bodies: Vec<i64>,
}

impl Taste {
    pub fn is_cold(&self) -> bool {
        self.channels.is_empty() && self.topics.is_empty() && self.followed.is_empty()
    }
}

pub(super) fn normalise<K: std::hash::Hash + Eq>(map: &mut HashMap<K, f64>) {
    let max = map.values().copied().fold(0.0, f64::max);
    if max > 0.0 {
        for v in map.values_mut() {
            *v /= max;
        }
    }
}

/// Reads a person's taste: engagement weighted like CES (like 1, collect 1, comment 4, share
/// 4; a long stay on a note counts like a like), follows, and what must not be shown.
pub async fn taste(db: &Db, user: i64, now: i64, config: &Config) -> AppResult<Taste> {
    // (note, weight) for every engagement, newest first per kind, bounded.
    let engaged: Vec<(i64, i64, i64, f64)> = sqlx::query_as(
        "SELECT e.note_id, n.channel_id, n.author_id, e.w FROM ( \
           SELECT note_id, CAST($1 AS DOUBLE PRECISION) AS w FROM note_likes WHERE user_id = $2 \
           UNION ALL SELECT note_id, CAST($3 AS DOUBLE PRECISION) FROM note_collects WHERE user_id = $4 \
           UNION ALL SELECT DISTINCT note_id, CAST($5 AS DOUBLE PRECISION) FROM comments WHERE author_id = $6 \
           UNION ALL SELECT note_id, CAST($7 AS DOUBLE PRECISION) FROM user_shares WHERE user_id = $8 \
           UNION ALL SELECT note_id, CAST(CASE WHEN MAX(dwell_ms) >= 15000 THEN 1.0 \
                     WHEN MAX(dwell_ms) >= 5000 THEN 0.5 ELSE 0.1 END AS DOUBLE PRECISION) \
                     FROM note_opens WHERE user_id = $9 GROUP BY note_id \
         ) e JOIN notes n ON n.id = e.note_id",
    )
    .bind(config.ces_like)
    .bind(user)
    .bind(config.ces_collect)
    .bind(user)
    .bind(config.ces_comment)
    .bind(user)
    .bind(config.ces_share)
    .bind(user)
    .bind(user)
    .fetch_all(db)
    .await?;
    let mut t = Taste::default();
    let mut per_note: HashMap<i64, f64> = HashMap::new();
    for &(note, channel, author, w) in &engaged {
        *t.channels.entry(channel).or_default() += w;
        *t.authors.entry(author).or_default() += w;
        *per_note.entry(note).or_default() += w;
    }
    if !per_note.is_empty() {
        let mut qb = QueryBuilder::new("SELECT note_id, topic FROM note_topics WHERE note_id IN ");
        in_list(&mut qb, per_note.keys().copied());
        let rows: Vec<(i64, String)> = qb.build_query_as().fetch_all(db).await?;
        for (note, topic) in rows {
            *t.topics.entry(topic).or_default() += per_note.get(&note).copied().unwrap_or(0.0);
        }
    }
    search_taste(db, user, config, &mut t).await?;
    normalise(&mut t.channels);
    normalise(&mut t.topics);
    normalise(&mut t.authors);
    let mut seeds: Vec<(i64, f64)> = per_note.into_iter().collect();
    seeds.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));
    t.engaged = seeds.into_iter().map(|(id, _)| id).collect();

    t.followed =
        sqlx::query_scalar::<_, i64>("SELECT followee_id FROM follows WHERE follower_id = $1")
            .bind(user)
            .fetch_all(db)
            .await?
            .into_iter()
            .collect();
    let excluded: Vec<i64> = sqlx::query_scalar(
        "SELECT note_id FROM note_likes WHERE user_id = $1 \
         UNION SELECT note_id FROM note_collects WHERE user_id = $2 \
         UNION SELECT note_id FROM note_opens WHERE user_id = $3 AND at >= $4 \
         UNION SELECT id FROM notes WHERE author_id = $5",
    )
    .bind(user)
    .bind(user)
    .bind(user)
    .bind(now - config.reopen_after_secs)
    .bind(user)
    .fetch_all(db)
    .await?;
    t.exclude.extend(excluded);
    let hidden: Vec<(i64, i64, i64, Option<i64>)> = sqlx::query_as(
        "SELECT n.id, n.author_id, n.channel_id, n.body_simhash FROM note_hides h \
         JOIN notes n ON n.id = h.note_id WHERE h.user_id = $1",
    )
    .bind(user)
    .fetch_all(db)
    .await?;
    for (note, author, channel, body) in hidden {
        t.exclude.insert(note);
        t.muted.insert((author, channel));
        t.muted_bodies.extend(body);
    }
    Ok(t)
}

/// The person's newest note searches (recorded for trending, as `u<id>`) add to the channels
/// and topics they name: a channel by its slug or either name, a topic by itself.
pub(super) async fn search_taste(
    db: &Db,
    user: i64,
    config: &Config,
    t: &mut Taste,
) -> AppResult<()> {
    let queries: Vec<String> = sqlx::query_scalar(
        "SELECT query FROM search_searchers WHERE searcher = $1 ORDER BY at DESC LIMIT $2",
    )
    .bind(format!("u{user}"))
    .bind(config.searches)
    .fetch_all(db)
    .await?;
    if queries.is_empty() {
        return Ok(());
    }
    let channels: Vec<(i64, String, String, String)> =
        sqlx::query_as("SELECT id, slug, name_en, name_zh FROM channels")
            .fetch_all(db)
            .await?;
    let words: Vec<String> = queries
        .iter()
        .flat_map(|q| {
            let q = q.trim().trim_start_matches('#').to_lowercase();
            let mut w: Vec<String> = q.split_whitespace().map(str::to_string).collect();
            if w.len() > 1 {
                w.push(q);
            }
            w
        })
        .collect();
    for word in &words {
        for (id, slug, en, zh) in &channels {
            if [slug, en, zh].iter().any(|n| n.to_lowercase() == *word) {
                *t.channels.entry(*id).or_default() += config.w_search;
            }
        }
    }
    let mut qb = QueryBuilder::new("SELECT DISTINCT topic FROM note_topics WHERE topic IN (");
    let mut list = qb.separated(", ");
    for word in &words {
        list.push_bind(word.clone());
    }
    qb.push(")");
    let topics: Vec<String> = qb.build_query_scalar().fetch_all(db).await?;
    for topic in topics {
        let n = words.iter().filter(|w| **w == topic).count() as f64;
        *t.topics.entry(topic).or_default() += config.w_search * n;
    }
    Ok(())
}
