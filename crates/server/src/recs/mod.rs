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
pub mod dupes;
pub mod eval;
pub mod guest;
pub mod related;

use std::collections::{HashMap, HashSet};

use sqlx::{QueryBuilder, Sqlite};

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

fn in_list(qb: &mut QueryBuilder<Sqlite>, ids: impl IntoIterator<Item = i64>) {
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

fn normalise<K: std::hash::Hash + Eq>(map: &mut HashMap<K, f64>) {
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
           SELECT note_id, CAST(? AS REAL) AS w FROM note_likes WHERE user_id = ? \
           UNION ALL SELECT note_id, CAST(? AS REAL) FROM note_collects WHERE user_id = ? \
           UNION ALL SELECT DISTINCT note_id, CAST(? AS REAL) FROM comments WHERE author_id = ? \
           UNION ALL SELECT note_id, CAST(? AS REAL) FROM user_shares WHERE user_id = ? \
           UNION ALL SELECT note_id, CASE WHEN MAX(dwell_ms) >= 15000 THEN 1.0 \
                     WHEN MAX(dwell_ms) >= 5000 THEN 0.5 ELSE 0.1 END \
                     FROM note_opens WHERE user_id = ? GROUP BY note_id \
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
        sqlx::query_scalar::<_, i64>("SELECT followee_id FROM follows WHERE follower_id = ?")
            .bind(user)
            .fetch_all(db)
            .await?
            .into_iter()
            .collect();
    let excluded: Vec<i64> = sqlx::query_scalar(
        "SELECT note_id FROM note_likes WHERE user_id = ? \
         UNION SELECT note_id FROM note_collects WHERE user_id = ? \
         UNION SELECT note_id FROM note_opens WHERE user_id = ? AND at >= ? \
         UNION SELECT id FROM notes WHERE author_id = ?",
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
         JOIN notes n ON n.id = h.note_id WHERE h.user_id = ?",
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
async fn search_taste(db: &Db, user: i64, config: &Config, t: &mut Taste) -> AppResult<()> {
    let queries: Vec<String> = sqlx::query_scalar(
        "SELECT query FROM search_searchers WHERE searcher = ? ORDER BY at DESC LIMIT ?",
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

/// Candidate ids from every source, with the co-engagement count of each note.
async fn candidate_ids(db: &Db, t: &Taste) -> AppResult<(HashSet<i64>, HashMap<i64, f64>)> {
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
            "SELECT n.id FROM notes n WHERE n.hidden_at IS NULL AND n.channel_id = ? \
             ORDER BY n.score DESC, n.id DESC LIMIT ?",
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
             WHERE t.topic = ? AND n.hidden_at IS NULL ORDER BY n.score DESC, n.id DESC LIMIT 30",
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
struct Scored {
    c: Candidate,
    topic: Option<String>,
    personal: f64,
    explore: f64,
    /// Why, when ranked on `personal` / on `explore` (an exploration slot).
    why: Why,
    why_explore: Why,
}

/// Notes younger than this are "fresh" when they are picked for exploration.
const FRESH_SECS: i64 = 3 * 86_400;

/// A co-engagement contribution this strong names the liked note behind it even where the
/// channel counts more: "because you liked …" is the more specific reason.
const STRONG_CO: f64 = 0.15;

/// Below this affinity contribution a note is on the list for its popularity, not its match.
const WEAK_AFFINITY: f64 = 0.08;

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

/// How many of the person's most engaged notes seed co-engagement.
const SEEDS: usize = 40;

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

/// The CES of a note under `config`.
pub fn ces(c: &Candidate, config: &Config) -> f64 {
    config.ces_like * c.like_count as f64
        + config.ces_collect * c.collect_count as f64
        + config.ces_comment * c.comment_count as f64
        + config.ces_share * c.share_count as f64
}

fn score(
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
fn rerank(mut pool: Vec<Scored>, config: &Config, want: usize) -> Vec<Pick> {
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

#[cfg(test)]
mod tests {
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
