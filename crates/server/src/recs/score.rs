//! Stages 2 and 3: each candidate's score (CES mixed with the person's affinities and
//! freshness) and the re-rank for diversity and exploration, with why each note is there.

use std::collections::HashMap;

use super::{dupes, Candidate, Config, Taste};

/// Why a note is on someone's list: the strongest signal behind it, by ids (the feed turns
/// them into names, "Why am I seeing this?").
#[derive(Clone, Debug, PartialEq)]
pub enum Why {
    /// They follow its author.
    Following(i64),
    /// People who liked or collected what they did also liked it; the seed is found per page
    /// ([`also_liked_seeds`]), only for the notes shown.
    AlsoLiked,
    /// Their affinity for its channel.
    Channel(i64),
    /// Their affinity for one of its topics.
    Topic(String),
    /// Popular in its channel (fallback and exploration).
    Popular(i64),
    /// New (exploration).
    Fresh,
}

/// One note of the ranked list and why it is there.
#[derive(Clone, Debug)]
pub struct Pick {
    pub id: i64,
    pub channel_id: i64,
    pub why: Why,
}

/// A scored candidate.
pub(super) struct Scored {
    pub(super) c: Candidate,
    pub(super) topic: Option<String>,
    pub(super) personal: f64,
    pub(super) explore: f64,
    /// Why, when ranked on `personal` / on `explore` (an exploration slot).
    pub(super) why: Why,
    pub(super) why_explore: Why,
}

/// Notes younger than this are "fresh" when they are picked for exploration.
pub(super) const FRESH_SECS: i64 = 3 * 86_400;

/// A co-engagement contribution this strong names the liked note behind it even where the
/// channel counts more: "because you liked …" is the more specific reason.
pub(super) const STRONG_CO: f64 = 0.15;

/// Below this affinity contribution a note is on the list for its popularity, not its match.
pub(super) const WEAK_AFFINITY: f64 = 0.08;

/// The CES of a note under `config`.
pub fn ces(c: &Candidate, config: &Config) -> f64 {
    config.ces_like * c.like_count as f64
        + config.ces_collect * c.collect_count as f64
        + config.ces_comment * c.comment_count as f64
        + config.ces_share * c.share_count as f64
}

pub(super) fn score(
    candidates: Vec<Candidate>,
    topics: &HashMap<i64, Vec<String>>,
    t: &Taste,
    co: &HashMap<i64, f64>,
    now: i64,
    config: &Config,
) -> Vec<Scored> {
    let max_ces = candidates
        .iter()
        .map(|c| ces(c, config))
        .fold(0.0, f64::max);
    let log_max = (1.0 + max_ces).ln().max(1e-9);
    let mut out: Vec<Scored> = candidates
        .into_iter()
        .filter(|c| !t.muted.contains(&(c.author_id, c.channel_id)))
        .filter(|c| {
            c.body_simhash
                .is_none_or(|h| !t.muted_bodies.iter().any(|&m| dupes::near(h, m)))
        })
        .map(|c| {
            let popular = (1.0 + ces(&c, config)).ln() / log_max;
            let age_days = ((now - c.created_at).max(0) as f64) / 86_400.0;
            let fresh = 0.5f64.powf(age_days / config.fresh_half_life_days);
            let note_topics = topics.get(&c.id);
            let (topic_aff, best_topic) = note_topics
                .map(|ts| {
                    ts.iter()
                        .filter_map(|x| t.topics.get(x).map(|a| (*a, x)))
                        .fold(
                            (0.0, None),
                            |acc, (a, x)| {
                                if a > acc.0 {
                                    (a, Some(x))
                                } else {
                                    acc
                                }
                            },
                        )
                })
                .unwrap_or((0.0, None));
            let followed = t.followed.contains(&c.author_id);
            let by_channel = 0.55 * t.channels.get(&c.channel_id).copied().unwrap_or(0.0);
            let by_topic = 0.2 * topic_aff;
            let by_co = 0.3 * co.get(&c.id).copied().unwrap_or(0.0);
            let affinity = by_channel
                + by_topic
                + 0.1 * t.authors.get(&c.author_id).copied().unwrap_or(0.0)
                + if followed { 0.25 } else { 0.0 }
                + by_co;
            // Soft ads and spam lose: each report and each pasted copy of the body costs a
            // share of the whole score (a few at most count, so one rival cannot bury a note).
            let quality = config.report_factor.powi(c.reports.clamp(0, 3) as i32)
                * config
                    .duplicate_factor
                    .powi((c.near_dupes - 1).clamp(0, 3) as i32);
            let base = quality * (config.w_popular * popular + config.w_fresh * fresh);
            let affinity = quality * affinity;
            let why_explore = if now - c.created_at < FRESH_SECS {
                Why::Fresh
            } else {
                Why::Popular(c.channel_id)
            };
            // A followed creator is the plainest reason; otherwise the largest share of the
            // affinity, unless it is too small to be what put the note here.
            let why = if followed {
                Why::Following(c.author_id)
            } else if by_co.max(by_channel).max(by_topic) < WEAK_AFFINITY {
                why_explore.clone()
            } else if by_co >= STRONG_CO || (by_co >= by_channel && by_co >= by_topic) {
                Why::AlsoLiked
            } else if by_topic > by_channel {
                best_topic.map_or(Why::Channel(c.channel_id), |x| Why::Topic(x.clone()))
            } else {
                Why::Channel(c.channel_id)
            };
            Scored {
                topic: note_topics.and_then(|ts| ts.iter().min().cloned()),
                personal: base + config.w_affinity * affinity,
                explore: base,
                why,
                why_explore,
                c,
            }
        })
        .collect();
    out.sort_by(|a, b| b.personal.total_cmp(&a.personal).then(b.c.id.cmp(&a.c.id)));
    out
}

/// Greedy diversity re-rank: each slot takes the best remaining note that keeps the window
/// rule, after penalties for repeating an author or channel; exploration slots rank by
/// popularity and freshness alone.
pub(super) fn rerank(mut pool: Vec<Scored>, config: &Config, want: usize) -> Vec<Pick> {
    let mut out: Vec<Scored> = Vec::new();
    let mut whys: Vec<Why> = Vec::new();
    let mut per_author: HashMap<i64, usize> = HashMap::new();
    let mut per_channel: HashMap<i64, usize> = HashMap::new();
    while out.len() < want && !pool.is_empty() {
        let explore = config.explore_every > 0
            && out.len() % config.explore_every == config.explore_every - 1;
        let window_start = out.len().saturating_sub(config.window.saturating_sub(1));
        let recent = &out[window_start..];
        let fits = |s: &Scored| {
            let authors = recent
                .iter()
                .filter(|r| r.c.author_id == s.c.author_id)
                .count();
            let topics = match &s.topic {
                Some(topic) => recent
                    .iter()
                    .filter(|r| r.topic.as_ref() == Some(topic))
                    .count(),
                None => 0,
            };
            authors < config.window_max && topics < config.window_max
        };
        let mut best: Option<(usize, f64)> = None;
        for (i, s) in pool.iter().enumerate() {
            if !fits(s) {
                continue;
            }
            let base = if explore { s.explore } else { s.personal };
            let value = base
                - config.author_repeat_penalty
                    * per_author.get(&s.c.author_id).copied().unwrap_or(0) as f64
                - config.channel_repeat_penalty
                    * per_channel.get(&s.c.channel_id).copied().unwrap_or(0) as f64;
            if best.is_none_or(|(_, v)| value > v) {
                best = Some((i, value));
            }
        }
        // Nothing keeps the window rule: take the best left rather than end the list.
        let pick = best.map(|(i, _)| i).unwrap_or(0);
        let s = pool.remove(pick);
        *per_author.entry(s.c.author_id).or_default() += 1;
        *per_channel.entry(s.c.channel_id).or_default() += 1;
        // Exploration picks are there for popularity or freshness, unless a followed creator
        // wrote them (still the plainest truth).
        whys.push(if explore && !matches!(s.why, Why::Following(_)) {
            s.why_explore.clone()
        } else {
            s.why.clone()
        });
        out.push(s);
    }
    out.into_iter()
        .zip(whys)
        .map(|(s, why)| Pick {
            id: s.c.id,
            channel_id: s.c.channel_id,
            why,
        })
        .collect()
}
