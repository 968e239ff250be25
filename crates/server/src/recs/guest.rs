//! A guest's taste (see `crate::guest`): what they opened and stayed on, and what they marked
//! "Not interested". The same [`Taste`] as a person's, so the same stages rank it.

use std::collections::HashMap;

use sqlx::QueryBuilder;

use super::{in_list, normalise, Config, Taste};
use crate::db::Db;
use crate::error::AppResult;
use crate::guest::GuestId;

/// Reads a guest's taste: each opened note weighs by the longest stay on it (like
/// [`super::taste`] weighs a person's opens), recently opened and hidden notes are not shown
/// again, and hidden notes' near-duplicates are muted.
pub async fn guest_taste(db: &Db, guest: &GuestId, now: i64, config: &Config) -> AppResult<Taste> {
    let opened: Vec<(i64, i64, i64, f64, i64)> = sqlx::query_as(
        "SELECT g.note_id, n.channel_id, n.author_id, \
                CAST(CASE WHEN MAX(g.dwell_ms) >= 15000 THEN 1.0 \
                     WHEN MAX(g.dwell_ms) >= 5000 THEN 0.5 ELSE 0.1 END AS DOUBLE PRECISION), \
                MAX(g.at) \
         FROM guest_opens g JOIN notes n ON n.id = g.note_id \
         WHERE g.guest_id = $1 GROUP BY g.note_id, n.channel_id, n.author_id",
    )
    .bind(guest.as_str())
    .fetch_all(db)
    .await?;
    let mut t = Taste::default();
    let mut per_note: HashMap<i64, f64> = HashMap::new();
    for &(note, channel, author, w, at) in &opened {
        *t.channels.entry(channel).or_default() += w;
        *t.authors.entry(author).or_default() += w;
        per_note.insert(note, w);
        if at >= now - config.reopen_after_secs {
            t.exclude.insert(note);
        }
    }
    if !per_note.is_empty() {
        let mut qb = QueryBuilder::new("SELECT note_id, topic FROM note_topics WHERE note_id IN ");
        in_list(&mut qb, per_note.keys().copied());
        let rows: Vec<(i64, String)> = qb.build_query_as().fetch_all(db).await?;
        for (note, topic) in rows {
            *t.topics.entry(topic).or_default() += per_note.get(&note).copied().unwrap_or(0.0);
        }
    }
    normalise(&mut t.channels);
    normalise(&mut t.topics);
    normalise(&mut t.authors);
    let mut seeds: Vec<(i64, f64)> = per_note.into_iter().collect();
    seeds.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));
    t.engaged = seeds.into_iter().map(|(id, _)| id).collect();

    let hidden: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT n.id, n.author_id, n.channel_id FROM guest_hides h \
         JOIN notes n ON n.id = h.note_id WHERE h.guest_id = $1",
    )
    .bind(guest.as_str())
    .fetch_all(db)
    .await?;
    for (note, author, channel) in hidden {
        t.exclude.insert(note);
        t.muted.insert((author, channel));
    }
    Ok(t)
}
