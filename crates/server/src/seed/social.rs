//! The demo world's social graph: who follows whom, who liked and collected what, and the
//! notifications those actions caused. A separate stage (marked in `app_meta`) so databases
//! seeded before accounts existed get it too. Deterministic, written in one transaction.

use sqlx::{QueryBuilder, Sqlite};

use super::{mark_stage, stage_done};
use crate::db::Db;

const SOCIAL_SEED: u64 = 0x5eed_2026_0002;
const MARKER: &str = "seeded_social_at";
/// Notifications newer than this stay unread, so demo accounts open to a live badge.
const UNREAD_WINDOW: i64 = 3 * 86_400;
const CHUNK: usize = 150;
/// Share of a demo person's likes and collects that fall in their favourite channels.
pub const TASTE_SHARE: f64 = 0.75;

struct Link {
    user: i64,
    target: i64,
    at: i64,
}

async fn insert_links(
    tx: &mut sqlx::Transaction<'_, Sqlite>,
    head: &'static str,
    links: &[Link],
) -> Result<(), sqlx::Error> {
    for chunk in links.chunks(CHUNK) {
        let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(head);
        qb.push_values(chunk, |mut b, l| {
            b.push_bind(l.user).push_bind(l.target).push_bind(l.at);
        });
        qb.push(" ON CONFLICT DO NOTHING");
        qb.build().execute(&mut **tx).await?;
    }
    Ok(())
}

/// Adds follows, likes, collects and notifications unless this stage already ran.
pub async fn seed_social_if_missing(
    db: &Db,
    now: i64,
    progress: &mut dyn FnMut(String),
) -> Result<(), sqlx::Error> {
    if stage_done(db, MARKER).await? {
        return Ok(());
    }
    let users: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT u.id, COALESCE(CAST(SUM(n.like_count) AS BIGINT), 0) FROM users u \
         LEFT JOIN notes n ON n.author_id = u.id GROUP BY u.id ORDER BY u.id",
    )
    .fetch_all(db)
    .await?;
    let ranked: Vec<(i64, i64, i64)> =
        sqlx::query_as("SELECT id, created_at, channel_id FROM notes ORDER BY score DESC, id DESC")
            .fetch_all(db)
            .await?;
    let notes: Vec<(i64, i64)> = ranked.iter().map(|&(id, at, _)| (id, at)).collect();
    // Each channel's notes, best first: where a person with a taste for it looks.
    let mut by_channel: std::collections::BTreeMap<i64, Vec<(i64, i64)>> = Default::default();
    for &(id, at, channel) in &ranked {
        by_channel.entry(channel).or_default().push((id, at));
    }
    let channels: Vec<&Vec<(i64, i64)>> = by_channel.values().collect();
    if users.len() < 2 || notes.is_empty() {
        return Ok(());
    }
    let started = std::time::Instant::now();
    let mut rng = fastrand::Rng::with_seed(SOCIAL_SEED);
    let day = 86_400;
    let since = |rng: &mut fastrand::Rng, from: i64| from + rng.i64(0..(now - from).max(1));

    // Popular creators draw more followers: pick followees weighted by likes received.
    let weights: Vec<f64> = users
        .iter()
        .map(|(_, likes)| (*likes as f64 + 50.0).sqrt())
        .collect();
    let total: f64 = weights.iter().sum();
    let pick_user = |rng: &mut fastrand::Rng| {
        let mut x = rng.f64() * total;
        for (i, w) in weights.iter().enumerate() {
            x -= w;
            if x <= 0.0 {
                return users[i].0;
            }
        }
        users[users.len() - 1].0
    };
    let mut follows = Vec::new();
    let mut likes = Vec::new();
    let mut collects = Vec::new();
    for (user, _) in &users {
        let n = rng.usize(3..40).min(users.len() - 1);
        for _ in 0..n {
            let target = pick_user(&mut rng);
            if target != *user {
                follows.push(Link {
                    user: *user,
                    target,
                    at: since(&mut rng, now - 120 * day),
                });
            }
        }
        // Stable tastes: most of a person's likes and collects fall in one or two favourite
        // channels (the first favoured more), so the recommender has something to learn and
        // `xtask bench --recs` something to predict. The rest lean to the best-ranked notes,
        // as they would on a real feed.
        let favourites: Vec<usize> = if channels.is_empty() {
            Vec::new()
        } else {
            let first = rng.usize(..channels.len());
            let mut f = vec![first];
            if rng.bool() && channels.len() > 1 {
                f.push((first + 1 + rng.usize(..channels.len() - 1)) % channels.len());
            }
            f
        };
        let top = (notes.len() / 3).max(1);
        for (count, list) in [
            (rng.usize(8..60), &mut likes),
            (rng.usize(4..30), &mut collects),
        ] {
            for _ in 0..count {
                let (note, created) = if !favourites.is_empty() && rng.f64() < TASTE_SHARE {
                    let pick = if favourites.len() > 1 && rng.f64() < 0.35 {
                        favourites[1]
                    } else {
                        favourites[0]
                    };
                    let list = channels[pick];
                    // Half from the channel's best third, half from all of it.
                    let end = if rng.bool() {
                        (list.len() / 3).max(1)
                    } else {
                        list.len()
                    };
                    list[rng.usize(..end)]
                } else if rng.bool() {
                    notes[rng.usize(..top)]
                } else {
                    notes[rng.usize(..notes.len())]
                };
                list.push(Link {
                    user: *user,
                    target: note,
                    at: since(&mut rng, created.max(now - 60 * day)),
                });
            }
        }
    }

    let mut tx = db.begin().await?;
    insert_links(
        &mut tx,
        "INSERT INTO follows (follower_id, followee_id, created_at) ",
        &follows,
    )
    .await?;
    insert_links(
        &mut tx,
        "INSERT INTO note_likes (user_id, note_id, created_at) ",
        &likes,
    )
    .await?;
    insert_links(
        &mut tx,
        "INSERT INTO note_collects (user_id, note_id, created_at) ",
        &collects,
    )
    .await?;
    // The demo users' likes and collects come on top of the generated counts.
    sqlx::query(
        "UPDATE notes SET like_count = like_count + x.n \
         FROM (SELECT note_id, COUNT(*) AS n FROM note_likes GROUP BY note_id) AS x \
         WHERE x.note_id = notes.id",
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE notes SET collect_count = collect_count + x.n \
         FROM (SELECT note_id, COUNT(*) AS n FROM note_collects GROUP BY note_id) AS x \
         WHERE x.note_id = notes.id",
    )
    .execute(&mut *tx)
    .await?;
    // The notifications these actions would have sent (not to oneself), oldest first so ids
    // follow time as they do for live ones.
    sqlx::query(
        "INSERT INTO notifications (user_id, actor_id, kind, note_id, created_at, read_at) \
         SELECT user_id, actor_id, kind, note_id, created_at, \
         CASE WHEN created_at < $1 THEN created_at + 3600 END FROM ( \
           SELECT f.followee_id AS user_id, f.follower_id AS actor_id, 'follow' AS kind, \
                  NULL AS note_id, f.created_at FROM follows f \
           UNION ALL \
           SELECT n.author_id, l.user_id, 'like', l.note_id, l.created_at \
           FROM note_likes l JOIN notes n ON n.id = l.note_id WHERE n.author_id <> l.user_id \
           UNION ALL \
           SELECT n.author_id, c.user_id, 'collect', c.note_id, c.created_at \
           FROM note_collects c JOIN notes n ON n.id = c.note_id WHERE n.author_id <> c.user_id \
         ) ORDER BY created_at",
    )
    .bind(now - UNREAD_WINDOW)
    .execute(&mut *tx)
    .await?;
    mark_stage(&mut tx, MARKER, now).await?;
    tx.commit().await?;
    progress(format!(
        "social     {} follows, {} likes, {} collects in {:.1}s",
        follows.len(),
        likes.len(),
        collects.len(),
        started.elapsed().as_secs_f64()
    ));
    Ok(())
}
