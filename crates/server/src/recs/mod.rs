//! The personalised For-you ranking, in stages as production recommenders do it:
//!
//! 1. **Candidates** from several sources: notes of followed creators, the best notes of the
//!    channels and topics the person engages with, item-to-item co-engagement ("people who
//!    liked this also liked"), fresh notes for exploration and popular notes as a fallback.
//! 2. **Scoring**: a community engagement score in the spirit of XHS's CES (like 1, collect 1,
//!    comment 4, share 4, follow 8; see [`Config`]) mixed with the person's affinity for the
//!    note's channel, topics and author, co-engagement, and freshness.
//! 3. **Re-ranking** for diversity: at most two notes of one author or one topic in any window
//!    of six, repeats of an author or channel on the page cost score, and every fifth slot is
//!    exploration (ranked without affinity).
//!
//! Never shown: hidden notes, notes the person liked, collected, wrote, opened in the last
//! hours or marked "Not interested", and near-duplicates of the latter (same author, same
//! channel). Computed online per request from indexed reads (no precomputed state to keep
//! fresh); the first page costs a handful of queries over a few hundred candidates.
//!
//! Every stage reads plain tables with portable SQL (IN lists, GROUP BY, UNION ALL).

pub mod cache;
mod candidates;
pub mod dupes;
pub mod eval;
pub mod guest;
pub mod related;
mod score;
mod taste;

pub use candidates::{also_liked_seeds, Candidate};
use candidates::{candidate_ids, in_list, SEEDS};
pub use score::{ces, Pick, Why};
use score::{rerank, score};
use taste::normalise;
pub use taste::{taste, Taste};

use std::collections::HashMap;

use sqlx::QueryBuilder;

use crate::db::Db;
use crate::error::AppResult;

/// Weights and sizes of the ranking; [`Config::default`] is what the feed uses.
#[derive(Clone, Debug)]
pub struct Config {
    /// Community engagement score: per like, collect, comment, share, and follow gained.
    pub ces_like: f64,
    pub ces_collect: f64,
    pub ces_comment: f64,
    pub ces_share: f64,
    /// Follows a note brought its author. Not attributed to notes yet, so it adds nothing
    /// until follows record their source note; kept so the formula is the whole CES.
    pub ces_follow: f64,
    /// Mix of the final score.
    pub w_popular: f64,
    pub w_affinity: f64,
    pub w_fresh: f64,
    /// Freshness halves every this many days.
    pub fresh_half_life_days: f64,
    /// Diversity: at most `window_max` notes of one author or topic in any `window` in a row.
    pub window: usize,
    pub window_max: usize,
    /// Score lost per earlier note of the same author / channel on the list.
    pub author_repeat_penalty: f64,
    pub channel_repeat_penalty: f64,
    /// Every `explore_every`-th slot is ranked without affinity (0 turns exploration off).
    pub explore_every: usize,
    /// How deep the personal list goes (then the feed ends).
    pub list_len: usize,
    /// Notes opened within this many seconds are not shown again.
    pub reopen_after_secs: i64,
    /// Weight of one recent note search naming a channel or topic (a like is 1).
    pub w_search: f64,
    /// How many of the person's newest searches count.
    pub searches: i64,
    /// Score kept per report against a note (up to three count) and per other note with a
    /// near-identical body beyond the first (one repost is common and harmless; a text pasted
    /// across three or more notes is marketing).
    pub report_factor: f64,
    pub duplicate_factor: f64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            ces_like: 1.0,
            ces_collect: 1.0,
            ces_comment: 4.0,
            ces_share: 4.0,
            ces_follow: 8.0,
            w_popular: 0.35,
            w_affinity: 1.0,
            w_fresh: 0.15,
            fresh_half_life_days: 14.0,
            window: 6,
            window_max: 2,
            author_repeat_penalty: 0.25,
            channel_repeat_penalty: 0.03,
            explore_every: 5,
            list_len: 200,
            reopen_after_secs: 6 * 3600,
            w_search: 2.0,
            searches: 20,
            report_factor: 0.5,
            duplicate_factor: 0.5,
        }
    }
}

/// The person's For-you list: the first `want` note ids (at most `config.list_len`), best
/// first. The re-rank is the costly part, so pages ask only for what they show (plus one, to
/// know whether more follow).
pub async fn recommend(
    db: &Db,
    user: i64,
    now: i64,
    config: &Config,
    want: usize,
) -> AppResult<Vec<i64>> {
    Ok(recommend_explained(db, user, now, config, want)
        .await?
        .picks
        .into_iter()
        .map(|p| p.id)
        .collect())
}

/// A person's ranked list with the reason of each note, and the notes they engaged with most
/// (to name the one behind an [`Why::AlsoLiked`]).
#[derive(Clone, Debug, Default)]
pub struct Ranked {
    pub picks: Vec<Pick>,
    pub seeds: Vec<i64>,
}

/// [`recommend`] with reasons.
pub async fn recommend_explained(
    db: &Db,
    user: i64,
    now: i64,
    config: &Config,
    want: usize,
) -> AppResult<Ranked> {
    let t = taste(db, user, now, config).await?;
    rank(db, &t, now, config, want).await
}

/// The ranked list (the first `want` notes, at most `config.list_len`) for a taste: a
/// person's ([`taste`]) or a guest's ([`guest::guest_taste`]).
pub async fn rank(db: &Db, t: &Taste, now: i64, config: &Config, want: usize) -> AppResult<Ranked> {
    let (mut ids, co) = candidate_ids(db, t).await?;
    ids.retain(|id| !t.exclude.contains(id));
    let seeds: Vec<i64> = t.engaged.iter().copied().take(SEEDS).collect();
    if ids.is_empty() {
        return Ok(Ranked {
            picks: Vec::new(),
            seeds,
        });
    }
    let mut qb = QueryBuilder::new(
        "SELECT n.id, n.channel_id, n.author_id, n.like_count, n.collect_count, n.comment_count, \
         n.share_count, n.created_at, n.near_dupes, n.body_simhash, \
         (SELECT COUNT(*) FROM reports r WHERE r.target_kind = 'note' AND r.target_id = n.id) \
         AS reports FROM notes n WHERE n.hidden_at IS NULL AND n.id IN ",
    );
    in_list(&mut qb, ids.iter().copied());
    let candidates: Vec<Candidate> = qb.build_query_as().fetch_all(db).await?;
    let mut qb = QueryBuilder::new("SELECT note_id, topic FROM note_topics WHERE note_id IN ");
    in_list(&mut qb, candidates.iter().map(|c| c.id));
    let topic_rows: Vec<(i64, String)> = qb.build_query_as().fetch_all(db).await?;
    let mut topics: HashMap<i64, Vec<String>> = HashMap::new();
    for (note, topic) in topic_rows {
        topics.entry(note).or_default().push(topic);
    }
    let scored = score(candidates, &topics, t, &co, now, config);
    Ok(Ranked {
        picks: rerank(scored, config, want.min(config.list_len)),
        seeds,
    })
}

#[cfg(test)]
mod tests {
    use super::score::Scored;
    use super::*;

    fn scored(id: i64, author: i64, topic: &str, personal: f64) -> Scored {
        Scored {
            c: Candidate {
                id,
                channel_id: 1,
                author_id: author,
                like_count: 0,
                collect_count: 0,
                comment_count: 0,
                share_count: 0,
                created_at: 0,
                near_dupes: 0,
                reports: 0,
                body_simhash: None,
            },
            topic: Some(topic.to_string()),
            personal,
            explore: personal,
            why: Why::Fresh,
            why_explore: Why::Fresh,
        }
    }

    #[test]
    fn rerank_keeps_at_most_two_per_author_or_topic_in_six() {
        // Ten notes of one author and topic score best; ten varied ones score less.
        let mut pool: Vec<Scored> = (0..10)
            .map(|i| scored(i, 1, "same", 10.0 - i as f64 * 0.01))
            .collect();
        pool.extend((10..30).map(|i| scored(i, i, &format!("t{i}"), 1.0)));
        let config = Config {
            author_repeat_penalty: 0.0,
            channel_repeat_penalty: 0.0,
            explore_every: 0,
            ..Config::default()
        };
        let ids: Vec<i64> = rerank(pool, &config, 30)
            .into_iter()
            .map(|p| p.id)
            .collect();
        for window in ids.windows(6).take(10) {
            let same = window.iter().filter(|&&id| id < 10).count();
            assert!(same <= 2, "{window:?}");
        }
        assert_eq!(ids[0], 0, "the best note still leads");
    }

    #[test]
    fn ces_uses_the_configured_weights() {
        let c = Candidate {
            id: 1,
            channel_id: 1,
            author_id: 1,
            like_count: 10,
            collect_count: 5,
            comment_count: 2,
            share_count: 1,
            created_at: 0,
            near_dupes: 0,
            reports: 0,
            body_simhash: None,
        };
        assert_eq!(ces(&c, &Config::default()), 10.0 + 5.0 + 8.0 + 4.0);
    }
}
