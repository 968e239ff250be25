//! Topic suggestions for the editor's `#`: every topic with the number of visible notes using
//! it, in memory so a keystroke never scans `note_topics`. Loaded at start; a write that adds or
//! removes a note's topics re-counts just those topics from the database afterwards, so the
//! numbers cannot drift.

use std::collections::HashMap;
use std::sync::RwLock;

use api_types::TopicSuggestion;

use crate::db::Db;

pub const MAX_TOPIC_SUGGESTIONS: usize = 8;

#[derive(Default)]
pub struct TopicCounts {
    counts: RwLock<HashMap<String, i64>>,
}

impl TopicCounts {
    pub async fn load(db: &Db) -> Result<Self, sqlx::Error> {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT t.topic, COUNT(*) FROM note_topics t JOIN notes n ON n.id = t.note_id \
             WHERE n.hidden_at IS NULL GROUP BY t.topic",
        )
        .fetch_all(db)
        .await?;
        Ok(TopicCounts {
            counts: RwLock::new(rows.into_iter().collect()),
        })
    }

    /// Re-counts `topics` (after a publish, edit, delete or hide touched them).
    pub async fn refresh(&self, db: &Db, topics: &[String]) -> Result<(), sqlx::Error> {
        for topic in topics {
            let n: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM note_topics t JOIN notes n ON n.id = t.note_id \
                 WHERE t.topic = $1 AND n.hidden_at IS NULL",
            )
            .bind(topic)
            .fetch_one(db)
            .await?;
            if let Ok(mut counts) = self.counts.write() {
                if n > 0 {
                    counts.insert(topic.clone(), n);
                } else {
                    counts.remove(topic);
                }
            }
        }
        Ok(())
    }

    /// Topics starting with `q` first, then those containing it (ignoring case), each group
    /// most used first; with an empty `q`, the most used topics.
    pub fn suggest(&self, q: &str) -> Vec<TopicSuggestion> {
        let q = q.trim().trim_start_matches('#').to_lowercase();
        let Ok(counts) = self.counts.read() else {
            return Vec::new();
        };
        let mut hits: Vec<(u8, i64, &String)> = counts
            .iter()
            .filter_map(|(topic, n)| {
                let lower = topic.to_lowercase();
                if lower.starts_with(&q) {
                    Some((0, *n, topic))
                } else if lower.contains(&q) {
                    Some((1, *n, topic))
                } else {
                    None
                }
            })
            .collect();
        hits.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)));
        hits.into_iter()
            .take(MAX_TOPIC_SUGGESTIONS)
            .map(|(_, note_count, name)| TopicSuggestion {
                name: name.clone(),
                note_count,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_then_contains_most_used_first() {
        let topics = TopicCounts::default();
        if let Ok(mut c) = topics.counts.write() {
            c.extend([
                ("咖啡探店".to_string(), 3),
                ("上海咖啡".to_string(), 9),
                ("咖啡".to_string(), 5),
                ("OOTD".to_string(), 7),
            ]);
        }
        let names =
            |q: &str| -> Vec<String> { topics.suggest(q).into_iter().map(|t| t.name).collect() };
        assert_eq!(names("咖啡"), ["咖啡", "咖啡探店", "上海咖啡"]);
        assert_eq!(names("#oo"), ["OOTD"]);
        assert_eq!(names("")[0], "上海咖啡");
        assert!(names("zzz").is_empty());
    }
}
