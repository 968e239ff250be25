//! Offline evaluation of the For-you ranking (`cargo xtask bench --recs`): in a freshly seeded
//! demo world, hold out each demo person's newest 20% of likes and collects, rank with only
//! the rest, and measure how much of the held-out part each ranking finds: the recommender
//! beside a popularity baseline (the shared hot ranking) and a random one.
//!
//! Caveat: note counters still include the held-out likes, which helps popularity and the
//! recommender's popularity term alike.

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use super::{recommend, Config};
use crate::db::Db;
use crate::error::AppResult;

/// Share of each person's interactions held out.
const HOLDOUT: f64 = 0.2;
/// People with fewer interactions than this are not evaluated.
const MIN_INTERACTIONS: usize = 10;

/// One ranking's averages.
#[derive(Debug, Clone, Copy, Default)]
pub struct Metrics {
    pub recall_at_50: f64,
    pub ndcg_at_20: f64,
    /// Distinct notes in all top-20 lists over the visible catalogue.
    pub coverage: f64,
    /// Share of top-20 pairs from different channels.
    pub diversity: f64,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub people: usize,
    pub held_out: usize,
    pub recommender: Metrics,
    pub popularity: Metrics,
    pub random: Metrics,
    /// Per-person time to rank (ms), median and p99, one at a time.
    pub latency_p50_ms: f64,
    pub latency_p99_ms: f64,
}

fn ndcg(list: &[i64], relevant: &HashSet<i64>, k: usize) -> f64 {
    let dcg: f64 = list
        .iter()
        .take(k)
        .enumerate()
        .filter(|(_, id)| relevant.contains(id))
        .map(|(i, _)| 1.0 / ((i + 2) as f64).log2())
        .sum();
    let ideal: f64 = (0..relevant.len().min(k))
        .map(|i| 1.0 / ((i + 2) as f64).log2())
        .sum();
    if ideal > 0.0 {
        dcg / ideal
    } else {
        0.0
    }
}

#[derive(Default)]
struct Acc {
    recall: f64,
    ndcg: f64,
    diversity: f64,
    shown: HashSet<i64>,
    n: usize,
}

impl Acc {
    fn add(&mut self, list: &[i64], held: &HashSet<i64>, channels: &HashMap<i64, i64>) {
        let hits = list.iter().take(50).filter(|id| held.contains(id)).count();
        self.recall += hits as f64 / held.len().max(1) as f64;
        self.ndcg += ndcg(list, held, 20);
        let top: Vec<i64> = list.iter().take(20).copied().collect();
        self.shown.extend(&top);
        let (mut pairs, mut differ) = (0usize, 0usize);
        for i in 0..top.len() {
            for j in i + 1..top.len() {
                pairs += 1;
                if channels.get(&top[i]) != channels.get(&top[j]) {
                    differ += 1;
                }
            }
        }
        self.diversity += differ as f64 / pairs.max(1) as f64;
        self.n += 1;
    }

    fn metrics(&self, catalogue: usize) -> Metrics {
        let n = self.n.max(1) as f64;
        Metrics {
            recall_at_50: self.recall / n,
            ndcg_at_20: self.ndcg / n,
            coverage: self.shown.len() as f64 / catalogue.max(1) as f64,
            diversity: self.diversity / n,
        }
    }
}

/// Runs the evaluation on `db`, a seeded demo world it may change (held-out rows are
/// deleted): give it a throwaway copy.
pub async fn evaluate(db: &Db, now: i64, config: &Config) -> AppResult<Report> {
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT user_id, note_id, MAX(created_at) FROM ( \
           SELECT user_id, note_id, created_at FROM note_likes \
           UNION ALL SELECT user_id, note_id, created_at FROM note_collects \
         ) AS e GROUP BY user_id, note_id ORDER BY user_id, 3, note_id",
    )
    .fetch_all(db)
    .await?;
    let mut per_user: HashMap<i64, Vec<i64>> = HashMap::new();
    for (user, note, _) in rows {
        per_user.entry(user).or_default().push(note);
    }
    let mut held: HashMap<i64, HashSet<i64>> = HashMap::new();
    let mut tx = db.begin().await?;
    for (user, notes) in &per_user {
        if notes.len() < MIN_INTERACTIONS {
            continue;
        }
        let keep = notes.len() - ((notes.len() as f64 * HOLDOUT).ceil() as usize);
        let out: HashSet<i64> = notes[keep..].iter().copied().collect();
        for note in &out {
            for table in ["note_likes", "note_collects"] {
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "DELETE FROM {table} WHERE user_id = $1 AND note_id = $2"
                )))
                .bind(user)
                .bind(note)
                .execute(&mut *tx)
                .await?;
            }
        }
        held.insert(*user, out);
    }
    tx.commit().await?;

    let catalogue: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT id, channel_id, author_id FROM notes WHERE hidden_at IS NULL \
         ORDER BY score DESC, id DESC",
    )
    .fetch_all(db)
    .await?;
    let channels: HashMap<i64, i64> = catalogue.iter().map(|&(id, c, _)| (id, c)).collect();
    let mut users: Vec<i64> = held.keys().copied().collect();
    users.sort_unstable();
    let mut rng = fastrand::Rng::with_seed(0x5eed_2026_0015);
    let (mut rec, mut pop, mut rand) = (Acc::default(), Acc::default(), Acc::default());
    let mut times = Vec::new();
    let mut held_out = 0;
    for user in users {
        let Some(truth) = held.get(&user) else {
            continue;
        };
        held_out += truth.len();
        let kept: HashSet<i64> = per_user
            .get(&user)
            .map(|n| n.iter().copied().filter(|id| !truth.contains(id)).collect())
            .unwrap_or_default();
        let eligible = |&&(id, _, author): &&(i64, i64, i64)| author != user && !kept.contains(&id);
        let started = Instant::now();
        let list = recommend(db, user, now, config, 50).await?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        rec.add(&list, truth, &channels);
        let popular: Vec<i64> = catalogue
            .iter()
            .filter(eligible)
            .take(50)
            .map(|c| c.0)
            .collect();
        pop.add(&popular, truth, &channels);
        let pool: Vec<i64> = catalogue.iter().filter(eligible).map(|c| c.0).collect();
        let mut random: Vec<i64> = Vec::new();
        let mut seen = HashSet::new();
        while random.len() < 50.min(pool.len()) {
            let id = pool[rng.usize(..pool.len())];
            if seen.insert(id) {
                random.push(id);
            }
        }
        rand.add(&random, truth, &channels);
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| {
        times
            .get(((times.len() as f64 * q) as usize).min(times.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0.0)
    };
    Ok(Report {
        people: rec.n,
        held_out,
        recommender: rec.metrics(catalogue.len()),
        popularity: pop.metrics(catalogue.len()),
        random: rand.metrics(catalogue.len()),
        latency_p50_ms: at(0.5),
        latency_p99_ms: at(0.99),
    })
}

impl Report {
    /// The table `cargo xtask bench --recs` prints.
    pub fn table(&self) -> String {
        let mut out = format!(
            "For-you offline evaluation: {} people, {} held-out likes/collects (newest 20% each)\n\
             {:<12} {:>10} {:>9} {:>9} {:>10}\n",
            self.people, self.held_out, "ranking", "recall@50", "NDCG@20", "coverage", "diversity"
        );
        for (name, m) in [
            ("recommender", self.recommender),
            ("popularity", self.popularity),
            ("random", self.random),
        ] {
            out.push_str(&format!(
                "{:<12} {:>10.4} {:>9.4} {:>8.1}% {:>10.3}\n",
                name,
                m.recall_at_50,
                m.ndcg_at_20,
                m.coverage * 100.0,
                m.diversity
            ));
        }
        let lift = if self.popularity.ndcg_at_20 > 0.0 {
            (self.recommender.ndcg_at_20 / self.popularity.ndcg_at_20 - 1.0) * 100.0
        } else {
            f64::INFINITY
        };
        out.push_str(&format!(
            "NDCG@20 vs popularity: {lift:+.0}% (target +30%)\n\
             ranking one person, one at a time: p50 {:.1} ms, p99 {:.1} ms\n",
            self.latency_p50_ms, self.latency_p99_ms
        ));
        out
    }
}
