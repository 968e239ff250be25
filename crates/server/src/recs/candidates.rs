//! Stage 1: candidate notes from several sources (followed creators, the person's channels and
//! topics, co-engagement, fresh and popular notes), and the seeds behind "because you liked …".

use std::collections::{HashMap, HashSet};

use sqlx::{QueryBuilder, Sqlite};

use super::Taste;
use crate::db::Db;
use crate::error::AppResult;

/// One candidate note with what scoring needs.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Candidate {
    pub id: i64,
    pub channel_id: i64,
    pub author_id: i64,
    pub like_count: i64,
    pub collect_count: i64,
    pub comment_count: i64,
    pub share_count: i64,
    pub created_at: i64,
    /// Other notes with a near-identical body (see [`dupes`]).
    pub near_dupes: i64,
    /// Reports against the note (it is hidden only after several).
    pub reports: i64,
    pub body_simhash: Option<i64>,
}

pub(super) fn in_list(qb: &mut QueryBuilder<Sqlite>, ids: impl IntoIterator<Item = i64>) {
    qb.push("(");
    let mut sep = qb.separated(", ");
    let mut any = false;
    for id in ids {
        sep.push_bind(id);
        any = true;
    }
    if !any {
        // An empty IN list is not valid everywhere; no row has a negative id.
        sep.push("-1");
    }
    qb.push(")");
}

/// Candidate ids from every source, with the co-engagement count of each note.
pub(super) async fn candidate_ids(
    db: &Db,
    t: &Taste,
) -> AppResult<(HashSet<i64>, HashMap<i64, f64>)> {
    let mut ids: HashSet<i64> = HashSet::new();
    let visible = "n.hidden_at IS NULL";

    // Popular fallback and fresh exploration.
    let popular: Vec<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT n.id FROM notes n WHERE {visible} ORDER BY n.score DESC, n.id DESC LIMIT 150"
    )))
    .fetch_all(db)
    .await?;
    ids.extend(popular);
    let fresh: Vec<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT n.id FROM notes n WHERE {visible} ORDER BY n.created_at DESC, n.id DESC LIMIT 60"
    )))
    .fetch_all(db)
    .await?;
    ids.extend(fresh);

    // Followed creators' newest notes.
    if !t.followed.is_empty() {
        let mut qb = QueryBuilder::new(
            "SELECT n.id FROM notes n WHERE n.hidden_at IS NULL AND n.author_id IN ",
        );
        in_list(&mut qb, t.followed.iter().copied());
        qb.push(" ORDER BY n.created_at DESC, n.id DESC LIMIT 80");
        ids.extend(qb.build_query_scalar::<i64>().fetch_all(db).await?);
    }

    // The best notes of the channels they like, more for stronger affinity.
    let mut channels: Vec<(i64, f64)> = t.channels.iter().map(|(&c, &a)| (c, a)).collect();
    channels.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    for &(channel, affinity) in channels.iter().take(4) {
        let n = (120.0 * affinity).ceil() as i64;
        let got: Vec<i64> = sqlx::query_scalar(
            "SELECT n.id FROM notes n WHERE n.hidden_at IS NULL AND n.channel_id = $1 \
             ORDER BY n.score DESC, n.id DESC LIMIT $2",
        )
        .bind(channel)
        .bind(n.max(10))
        .fetch_all(db)
        .await?;
        ids.extend(got);
    }

    // Their strongest topics.
    let mut topics: Vec<(&String, f64)> = t.topics.iter().map(|(k, &a)| (k, a)).collect();
    topics.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
    for (topic, _) in topics.into_iter().take(6) {
        let got: Vec<i64> = sqlx::query_scalar(
            "SELECT n.id FROM note_topics t JOIN notes n ON n.id = t.note_id \
             WHERE t.topic = $1 AND n.hidden_at IS NULL ORDER BY n.score DESC, n.id DESC LIMIT 30",
        )
        .bind(topic)
        .fetch_all(db)
        .await?;
        ids.extend(got);
    }

    // People who liked or collected what they engaged with also liked…
    let mut co: HashMap<i64, f64> = HashMap::new();
    if !t.engaged.is_empty() {
        let seeds: Vec<i64> = t.engaged.iter().copied().take(SEEDS).collect();
        // Likes with likes and collects with collects: each join walks the indexes (a
        // note's engagers, then their other notes) instead of the whole tables.
        let mut counts: HashMap<i64, i64> = HashMap::new();
        for table in ["note_likes", "note_collects"] {
            let mut qb = QueryBuilder::new(format!(
                "SELECT b.note_id, COUNT(*) AS c FROM {table} a \
                 JOIN {table} b ON b.user_id = a.user_id AND b.note_id <> a.note_id \
                 WHERE a.note_id IN "
            ));
            in_list(&mut qb, seeds.iter().copied());
            qb.push(" GROUP BY b.note_id ORDER BY c DESC, b.note_id DESC LIMIT 150");
            let rows: Vec<(i64, i64)> = qb.build_query_as().fetch_all(db).await?;
            for (note, c) in rows {
                *counts.entry(note).or_default() += c;
            }
        }
        let max = counts.values().copied().max().unwrap_or(1).max(1) as f64;
        for (note, c) in counts {
            co.insert(note, c as f64 / max);
            ids.insert(note);
        }
    }
    Ok((ids, co))
}

/// How many of the person's most engaged notes seed co-engagement.
pub(super) const SEEDS: usize = 40;

/// For each of `notes`, the seed note most of whose likers or collectors also liked or
/// collected it: the "because you liked …" of a co-engagement pick. One indexed join over the
/// page's notes only.
pub async fn also_liked_seeds(
    db: &Db,
    seeds: &[i64],
    notes: &[i64],
) -> AppResult<HashMap<i64, i64>> {
    let mut best: HashMap<i64, (i64, i64)> = HashMap::new();
    if seeds.is_empty() || notes.is_empty() {
        return Ok(HashMap::new());
    }
    for table in ["note_likes", "note_collects"] {
        let mut qb = QueryBuilder::new(format!(
            "SELECT b.note_id, a.note_id, COUNT(*) FROM {table} b \
             JOIN {table} a ON a.user_id = b.user_id WHERE b.note_id IN "
        ));
        in_list(&mut qb, notes.iter().copied());
        qb.push(" AND a.note_id IN ");
        in_list(&mut qb, seeds.iter().copied());
        qb.push(" GROUP BY b.note_id, a.note_id");
        let rows: Vec<(i64, i64, i64)> = qb.build_query_as().fetch_all(db).await?;
        for (note, seed, c) in rows {
            let e = best.entry(note).or_insert((seed, 0));
            if c > e.1 || (c == e.1 && seed < e.0) {
                *e = (seed, c);
            }
        }
    }
    Ok(best.into_iter().map(|(n, (s, _))| (n, s)).collect())
}
