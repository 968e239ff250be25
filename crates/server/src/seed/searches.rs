//! Demo search history, so trending and suggestions look alive in a fresh world: each
//! channel's own most used topics, each searched by a different number of distinct seeded
//! people over the last few days, written as the per-person rows the app keeps
//! (`search_searchers`). Every query has more than [`MIN_SEARCHERS`] people (the bar a query
//! must clear to be shown). A separate, marked stage (older databases get it on their next
//! start); deterministic, one transaction.

use std::collections::{BTreeMap, HashMap};

use super::{insert_rows, mark_stage, stage_done};
use crate::db::Db;
use crate::now_unix;
use crate::search::suggest::{publishable, MIN_SEARCHERS};

const SEARCHES_SEED: u64 = 0x5eed_2026_0019;
const MARKER: &str = "seeded_searches_at";
/// Topics given a search history.
const QUERIES: usize = 20;
/// People searching for the most searched one; each next one has about 15% fewer.
const TOP_PEOPLE: f64 = 36.0;
/// Searches spread over this many days before now, most of them recent.
const SPREAD_DAYS: f64 = 4.0;

/// Up to `n` topics people would search for, from (channel, topic, notes using it) counts:
/// each channel's most used topics of its own (the ones every channel shares, "日常分享" and the
/// like, are tags rather than searches), taken in turn from each channel.
fn pick_topics(counts: Vec<(i64, String, i64)>, n: usize) -> Vec<String> {
    let mut total: HashMap<String, i64> = HashMap::new();
    for (_, topic, count) in &counts {
        *total.entry(topic.clone()).or_default() += count;
    }
    let mut per_channel: BTreeMap<i64, Vec<(i64, String)>> = BTreeMap::new();
    for (channel, topic, count) in counts {
        // Its own when most of its notes are in this channel.
        if count * 2 > total[&topic] {
            per_channel.entry(channel).or_default().push((count, topic));
        }
    }
    for list in per_channel.values_mut() {
        list.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    }
    let mut picked = Vec::new();
    for round in 0.. {
        let mut any = false;
        for list in per_channel.values() {
            if let Some((_, topic)) = list.get(round) {
                any = true;
                if picked.len() < n {
                    picked.push(topic.clone());
                }
            }
        }
        if !any || picked.len() >= n {
            break;
        }
    }
    picked
}

/// (query, searcher, at) rows for `topics` (most used first) and the seeded `users`.
fn generate(topics: &[String], users: &[i64], now: i64) -> Vec<(String, String, i64)> {
    let mut rng = fastrand::Rng::with_seed(SEARCHES_SEED);
    let mut rows = Vec::new();
    let mut people = users.to_vec();
    for (rank, topic) in topics.iter().enumerate() {
        let Some(query) = publishable(topic) else {
            continue;
        };
        let count =
            (TOP_PEOPLE * 0.85f64.powi(rank as i32)).round() as usize + MIN_SEARCHERS as usize + 1;
        rng.shuffle(&mut people);
        for user in people.iter().take(count) {
            let age = rng.f64().powi(2) * SPREAD_DAYS * 86_400.0;
            rows.push((query.clone(), format!("u{user}"), now - age as i64));
        }
    }
    rows
}

/// Writes the demo search history unless this stage already ran.
pub async fn seed_searches_if_missing(
    db: &Db,
    progress: &mut dyn FnMut(String),
) -> Result<(), sqlx::Error> {
    if stage_done(db, MARKER).await? {
        return Ok(());
    }
    let counts: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT n.channel_id, t.topic, COUNT(*) FROM note_topics t JOIN notes n ON n.id = t.note_id \
         GROUP BY n.channel_id, t.topic",
    )
    .fetch_all(db)
    .await?;
    let topics = pick_topics(counts, QUERIES);
    let users: Vec<i64> = sqlx::query_scalar("SELECT id FROM users ORDER BY id")
        .fetch_all(db)
        .await?;
    let now = now_unix();
    let rows = generate(&topics, &users, now);
    let mut tx = db.begin().await?;
    insert_rows(
        &mut tx,
        "INSERT INTO search_searchers (query, searcher, at) ",
        &rows,
        |mut b, _, (query, searcher, at)| {
            b.push_bind(query.clone())
                .push_bind(searcher.clone())
                .push_bind(*at);
        },
    )
    .await?;
    mark_stage(&mut tx, MARKER, now).await?;
    tx.commit().await?;
    progress(format!(
        "searches   {} people's searches for {} topics",
        rows.len(),
        topics.len()
    ));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_come_from_every_channel_and_shared_tags_are_left_out() {
        let counts = vec![
            (1, "OOTD".to_string(), 50),
            (1, "穿搭".to_string(), 30),
            (2, "防晒".to_string(), 40),
            (1, "日常分享".to_string(), 20),
            (2, "日常分享".to_string(), 20),
            (3, "日常分享".to_string(), 20),
            (3, "露营".to_string(), 5),
        ];
        assert_eq!(
            pick_topics(counts.clone(), 10),
            ["OOTD", "防晒", "露营", "穿搭"]
        );
        assert_eq!(pick_topics(counts, 2), ["OOTD", "防晒"]);
    }

    #[test]
    fn every_query_clears_the_bar_with_distinct_people() {
        let topics: Vec<String> = ["OOTD", "京都旅行", "<b>", "Camping"]
            .iter()
            .map(|t| t.to_string())
            .collect();
        let users: Vec<i64> = (1..=60).collect();
        let rows = generate(&topics, &users, 1_000_000);
        for query in ["ootd", "京都旅行", "camping"] {
            let mine: Vec<_> = rows.iter().filter(|r| r.0 == query).collect();
            let people: std::collections::HashSet<_> = mine.iter().map(|r| &r.1).collect();
            assert_eq!(people.len(), mine.len(), "{query}: one row per person");
            assert!(mine.len() as i64 > MIN_SEARCHERS, "{query}: {}", mine.len());
            assert!(mine
                .iter()
                .all(|r| (1_000_000 - 4 * 86_400..=1_000_000).contains(&r.2)));
        }
        assert!(
            rows.iter().all(|r| r.0 != "<b>"),
            "unshowable topics are skipped"
        );
        let top = rows.iter().filter(|r| r.0 == "ootd").count();
        let third = rows.iter().filter(|r| r.0 == "camping").count();
        assert!(top > third);
    }
}
