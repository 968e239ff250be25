//! The same co-engagement as For-you, for "More like this" under a note and for the creators
//! suggested to a person.

use std::collections::{HashMap, HashSet};

use sqlx::QueryBuilder;

use super::{in_list, Taste};
use crate::db::Db;
use crate::error::AppResult;

/// People must share this many likes or collects for a pair of notes to count as related.
const MIN_SHARED: i64 = 2;

/// Visible notes that people who liked or collected `note` also liked or collected, most
/// shared first (at least [`MIN_SHARED`] people), at most `limit`.
pub async fn also_engaged(db: &Db, note: i64, limit: i64) -> AppResult<Vec<i64>> {
    let mut counts: HashMap<i64, i64> = HashMap::new();
    // Likes with likes and collects with collects: each join walks the indexes (the note's
    // engagers, then their other notes), as the For-you candidates do.
    for table in ["note_likes", "note_collects"] {
        let rows: Vec<(i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT b.note_id, COUNT(*) AS c FROM {table} a \
             JOIN {table} b ON b.user_id = a.user_id AND b.note_id <> a.note_id \
             JOIN notes n ON n.id = b.note_id AND n.hidden_at IS NULL \
             WHERE a.note_id = $1 GROUP BY b.note_id ORDER BY c DESC, b.note_id DESC LIMIT $2"
        )))
        .bind(note)
        .bind(limit.saturating_mul(4))
        .fetch_all(db)
        .await?;
        for (other, c) in rows {
            *counts.entry(other).or_default() += c;
        }
    }
    let mut ranked: Vec<(i64, i64)> = counts
        .into_iter()
        .filter(|&(_, c)| c >= MIN_SHARED)
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
    Ok(ranked
        .into_iter()
        .take(usize::try_from(limit).unwrap_or(0))
        .map(|(id, _)| id)
        .collect())
}

/// Creators to suggest to a person with this taste who is not following them: those whose
/// notes they engaged with most, then the most followed creators of the channels they read,
/// then the most followed of all; never themselves. At most `limit`.
pub async fn suggested_creators(db: &Db, me: i64, t: &Taste, limit: usize) -> AppResult<Vec<i64>> {
    let mut out: Vec<i64> = Vec::new();
    let mut seen: HashSet<i64> = t.followed.iter().copied().chain([me]).collect();
    let mut push = |ids: Vec<i64>, out: &mut Vec<i64>| {
        for id in ids {
            if out.len() < limit && seen.insert(id) {
                out.push(id);
            }
        }
    };

    let mut authors: Vec<(i64, f64)> = t.authors.iter().map(|(&a, &w)| (a, w)).collect();
    authors.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    push(
        authors
            .into_iter()
            .take(limit / 2)
            .map(|(a, _)| a)
            .collect(),
        &mut out,
    );

    let mut channels: Vec<(i64, f64)> = t.channels.iter().map(|(&c, &w)| (c, w)).collect();
    channels.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let channels: Vec<i64> = channels.into_iter().take(3).map(|(c, _)| c).collect();
    if !channels.is_empty() {
        // Creators by how many notes they posted in those channels, weighted by followers.
        let mut qb = QueryBuilder::new(
            "SELECT n.author_id FROM notes n WHERE n.hidden_at IS NULL AND n.channel_id IN ",
        );
        in_list(&mut qb, channels);
        qb.push(
            " GROUP BY n.author_id HAVING COUNT(*) >= 2 \
             ORDER BY COUNT(*) * (1 + (SELECT COUNT(*) FROM follows f \
             WHERE f.followee_id = n.author_id)) DESC, n.author_id LIMIT ",
        )
        .push_bind(i64::try_from(limit * 3).unwrap_or(i64::MAX));
        push(qb.build_query_scalar().fetch_all(db).await?, &mut out);
    }
    if out.len() < limit {
        let popular: Vec<i64> = sqlx::query_scalar(
            "SELECT u.id FROM users u ORDER BY \
             (SELECT COUNT(*) FROM follows f WHERE f.followee_id = u.id) DESC, u.id LIMIT $1",
        )
        .bind(i64::try_from(limit * 3).unwrap_or(i64::MAX))
        .fetch_all(db)
        .await?;
        push(popular, &mut out);
    }
    Ok(out)
}
