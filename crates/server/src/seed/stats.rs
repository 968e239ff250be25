//! Demo history for the creator center: daily views and shares of every seeded note over the
//! last 90 days, written as the per-day aggregates the app keeps (`note_daily`), not as one row
//! per view. Views follow a note's popularity (roughly proportional to its likes) and its age:
//! most arrive in the first days after publishing, then a thin tail, with daily noise. A
//! separate, marked stage (older databases get it on their next start); deterministic, one
//! transaction.

use std::fmt::Write;

use super::{mark_stage, stage_done};
use crate::db::Db;
use crate::{app_day, now_unix};

const STATS_SEED: u64 = 0x5eed_2026_0004;
const MARKER: &str = "seeded_stats_at";
/// Days of history, today included.
pub const HISTORY_DAYS: i64 = 90;
/// Views halve every this many days after publishing...
const HALF_LIFE_DAYS: f64 = 2.5;
/// ... down to a tail of this share of the first day's views a day, which arrives in bursts
/// (search, a resurfacing recommendation) on about this share of the days.
const TAIL: f64 = 0.002;
const TAIL_DAYS: f64 = 0.2;
/// Rows per INSERT.
const CHUNK: usize = 5_000;

struct Daily {
    note: i64,
    day: i64,
    views: i64,
    shares: i64,
}

/// `x` rounded up with probability equal to its fraction: small expected values give sparse
/// days rather than a 1 every day.
fn stochastic_round(rng: &mut fastrand::Rng, x: f64) -> i64 {
    let floor = x.floor();
    floor as i64 + i64::from(rng.f64() < x - floor)
}

/// Daily rows for notes given as (id, likes, shares, created_at).
fn generate(notes: &[(i64, i64, i64, i64)], today: i64) -> Vec<Daily> {
    let mut rng = fastrand::Rng::with_seed(STATS_SEED);
    let first = today - HISTORY_DAYS + 1;
    let mut rows = Vec::new();
    for &(note, likes, shares, created_at) in notes {
        let born = app_day(created_at).min(today);
        let life = (today - born + 1) as usize;
        let decay = |age: i64| 0.5f64.powf(age as f64 / HALF_LIFE_DAYS);
        let total_weight: f64 = (0..life as i64).map(|a| decay(a) + TAIL).sum();
        // Lifetime views: likes times a reader-to-liker ratio, plus a few passers-by.
        let lifetime = likes as f64 * (6.0 + 8.0 * rng.f64()) + f64::from(rng.u32(15..60));
        let share_rate = (shares as f64 / lifetime.max(1.0)).min(0.2);
        for day in born.max(first)..=today {
            let burst = rng.f64() < TAIL_DAYS;
            let tail = if burst { TAIL / TAIL_DAYS } else { 0.0 };
            let mean = lifetime * (decay(day - born) + tail) / total_weight;
            let noise = 0.6 + 0.8 * rng.f64();
            let views = stochastic_round(&mut rng, mean * noise);
            if views == 0 {
                continue;
            }
            rows.push(Daily {
                note,
                day,
                views,
                shares: stochastic_round(&mut rng, views as f64 * share_rate),
            });
        }
    }
    rows
}

/// Writes the demo view and share history unless this stage already ran.
pub async fn seed_stats_if_missing(
    db: &Db,
    progress: &mut dyn FnMut(String),
) -> Result<(), sqlx::Error> {
    if stage_done(db, MARKER).await? {
        return Ok(());
    }
    let notes: Vec<(i64, i64, i64, i64)> =
        sqlx::query_as("SELECT id, like_count, share_count, created_at FROM notes ORDER BY id")
            .fetch_all(db)
            .await?;
    if notes.is_empty() {
        return Ok(());
    }
    let started = std::time::Instant::now();
    let now = now_unix();
    let rows = generate(&notes, app_day(now));
    let mut tx = db.begin().await?;
    for chunk in rows.chunks(CHUNK) {
        // Integers we generated, written as literals: binding ~1.5 million values one by one
        // would cost seconds of the first start.
        let mut sql = String::with_capacity(chunk.len() * 32);
        sql.push_str("INSERT INTO note_daily (note_id, day, views, shares) VALUES ");
        for (i, r) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push(',');
            }
            let _ = write!(sql, "({},{},{},{})", r.note, r.day, r.views, r.shares);
        }
        // Live views may have been counted already on a database that predates this stage.
        sql.push_str(
            " ON CONFLICT (note_id, day) DO UPDATE SET views = note_daily.views + excluded.views, \
             shares = note_daily.shares + excluded.shares",
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&mut *tx)
            .await?;
    }
    mark_stage(&mut tx, MARKER, now).await?;
    tx.commit().await?;
    progress(format!(
        "stats      {} days of views and shares for {} notes ({} rows) in {:.1}s",
        HISTORY_DAYS,
        notes.len(),
        rows.len(),
        started.elapsed().as_secs_f64()
    ));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn popular_and_fresh_notes_get_more_views() {
        let today = 20_000;
        let created = |days_ago: i64| crate::app_day_start(today - days_ago) + 3_600;
        let notes = [
            (1, 5_000, 200, created(10)),
            (2, 50, 2, created(10)),
            (3, 5_000, 200, created(200)),
        ];
        let rows = generate(&notes, today);
        let views = |n: i64| -> i64 { rows.iter().filter(|r| r.note == n).map(|r| r.views).sum() };
        assert!(views(1) > 20 * views(2), "{} vs {}", views(1), views(2));
        assert!(
            views(1) > 5 * views(3),
            "an old note only has its tail in the window"
        );
        assert!(rows
            .iter()
            .all(|r| r.day > today - HISTORY_DAYS && r.day <= today));
        assert!(rows.iter().all(|r| r.views > 0 && r.shares <= r.views));
        assert_eq!(
            rows.iter().filter(|r| r.note == 1).map(|r| r.day).min(),
            Some(today - 10),
            "views start on the day the note was published"
        );
        // Deterministic.
        let again = generate(&notes, today);
        assert_eq!(rows.len(), again.len());
    }
}
