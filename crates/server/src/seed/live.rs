//! Demo live rooms: a few rooms live at first start (hosted by the most followed demo
//! creators, selling shop products, one pinned with a flash sale) with some demo chat, and a
//! couple of past rooms with a replay (`replay_key = 'demo-<id>'`, which the media side
//! renders) and a chat history spread over their length. A marked stage, deterministic, one
//! transaction; the chat lines are `seed-data/live.toml`. The rooms' ongoing chat and likes
//! come from `live::demo` while the server runs.

use serde::Deserialize;

use super::data::{parse, texts};
use super::{mark_stage, stage_done};
use crate::db::Db;

const LIVE_SEED: u64 = 0x5eed_2026_0017;
const MARKER: &str = "seeded_live_at";
/// Products each demo room lists.
const PRODUCTS_PER_ROOM: usize = 4;
/// Length of a past demo room, seconds.
const REPLAY_SECS: i64 = 40 * 60;
/// The first flash sale's length; `live::demo` starts a new one when it ends.
pub const DEMO_FLASH_SECS: i64 = 15 * 60;

#[derive(Deserialize)]
pub struct LiveCorpus {
    #[serde(deserialize_with = "texts")]
    pub live_titles: &'static [&'static str],
    #[serde(deserialize_with = "texts")]
    pub replay_titles: &'static [&'static str],
    #[serde(deserialize_with = "texts")]
    pub chat: &'static [&'static str],
}

/// The demo rooms' text, read once.
pub fn corpus() -> &'static LiveCorpus {
    static CORPUS: std::sync::OnceLock<LiveCorpus> = std::sync::OnceLock::new();
    CORPUS.get_or_init(|| parse("live.toml", include_str!("../../seed-data/live.toml")))
}

/// A demo flash price: 80% of `price`, rounded down to a yuan (at least 1 fen below).
pub fn demo_flash_price(price: i64) -> i64 {
    ((price * 8 / 10) / 100 * 100).clamp(1, (price - 1).max(1))
}

/// Writes the demo rooms unless this stage already ran (needs users and the shop).
pub async fn seed_live_if_missing(
    db: &Db,
    now: i64,
    progress: &mut dyn FnMut(String),
) -> Result<(), sqlx::Error> {
    if stage_done(db, MARKER).await? {
        return Ok(());
    }
    let text = corpus();
    let rooms = text.live_titles.len() + text.replay_titles.len();
    // The most followed creators host; ties by id, so the choice is the same every time.
    let hosts: Vec<i64> = sqlx::query_scalar(
        "SELECT u.id FROM users u ORDER BY \
         (SELECT COUNT(*) FROM follows f WHERE f.followee_id = u.id) DESC, u.id LIMIT $1",
    )
    .bind(rooms as i64)
    .fetch_all(db)
    .await?;
    let products: Vec<(i64, i64)> =
        sqlx::query_as("SELECT id, price_fen FROM products ORDER BY sales_count DESC, id LIMIT $1")
            .bind((rooms * PRODUCTS_PER_ROOM) as i64)
            .fetch_all(db)
            .await?;
    let people: Vec<i64> = sqlx::query_scalar("SELECT id FROM users ORDER BY id")
        .fetch_all(db)
        .await?;
    if hosts.len() < rooms || products.len() < rooms * PRODUCTS_PER_ROOM || people.len() < 2 {
        progress("live rooms skipped: too few users or products".to_string());
        return Ok(());
    }
    let mut rng = fastrand::Rng::with_seed(LIVE_SEED);
    let mut tx = db.begin().await?;
    let mut messages = 0;
    for (i, host) in hosts.iter().enumerate() {
        let live = i < text.live_titles.len();
        let (title, started_at, ended_at) = if live {
            (text.live_titles[i], now - rng.i64(15 * 60..90 * 60), None)
        } else {
            let days = (i - text.live_titles.len()) as i64 + 1;
            let start = now - days * 86_400 - rng.i64(0..6 * 3600);
            (
                text.replay_titles[i - text.live_titles.len()],
                start,
                Some(start + REPLAY_SECS),
            )
        };
        let room: i64 = sqlx::query_scalar(
            "INSERT INTO live_rooms (host_id, title, status, is_demo, started_at, ended_at, \
             likes, peak_viewers) VALUES ($1, $2, $3, TRUE, $4, $5, $6, $7) RETURNING id",
        )
        .bind(host)
        .bind(title)
        .bind(if live { "live" } else { "ended" })
        .bind(started_at)
        .bind(ended_at)
        .bind(rng.i64(200..5_000))
        .bind(rng.i64(20..300))
        .fetch_one(&mut *tx)
        .await?;
        let listed = &products[i * PRODUCTS_PER_ROOM..(i + 1) * PRODUCTS_PER_ROOM];
        for (position, (product, _)) in listed.iter().enumerate() {
            sqlx::query(
                "INSERT INTO live_room_products (room_id, product_id, position) VALUES ($1, $2, $3)",
            )
            .bind(room)
            .bind(product)
            .bind(position as i64)
            .execute(&mut *tx)
            .await?;
        }
        let (pinned, price) = listed[0];
        if live {
            // The first room runs a flash sale on its pinned product.
            let flash = (i == 0).then(|| demo_flash_price(price));
            sqlx::query(
                "UPDATE live_rooms SET pinned_product_id = $1, pinned_at = $2, \
                 flash_price_fen = $3, flash_ends_at = $4 WHERE id = $5",
            )
            .bind(pinned)
            .bind(now)
            .bind(flash)
            .bind(flash.map(|_| now + DEMO_FLASH_SECS))
            .bind(room)
            .execute(&mut *tx)
            .await?;
        } else {
            sqlx::query("UPDATE live_rooms SET replay_key = $1 WHERE id = $2")
                .bind(format!("demo-{room}"))
                .bind(room)
                .execute(&mut *tx)
                .await?;
        }
        // Chat over the room's time so far (a replay's whole length), oldest first.
        let span = ended_at.unwrap_or(now) - started_at;
        let count = if live { 12 } else { 40 };
        let mut offsets: Vec<i64> = (0..count).map(|_| rng.i64(0..span * 1000)).collect();
        offsets.sort_unstable();
        for offset_ms in offsets {
            let author = people[rng.usize(..people.len())];
            let author = if author == *host { people[0] } else { author };
            sqlx::query(
                "INSERT INTO live_chat (room_id, user_id, body, created_at, offset_ms, is_demo) \
                 VALUES ($1, $2, $3, $4, $5, TRUE)",
            )
            .bind(room)
            .bind(author)
            .bind(text.chat[rng.usize(..text.chat.len())])
            .bind(started_at + offset_ms / 1000)
            .bind(offset_ms)
            .execute(&mut *tx)
            .await?;
            messages += 1;
        }
    }
    mark_stage(&mut tx, MARKER, now).await?;
    tx.commit().await?;
    progress(format!(
        "live       {} rooms live, {} replays, {messages} demo chat messages",
        text.live_titles.len(),
        text.replay_titles.len()
    ));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_corpus_has_what_the_rooms_need() {
        let c = corpus();
        assert!(c.live_titles.len() >= 3 && c.replay_titles.len() >= 2);
        assert!(c.chat.len() >= 20);
        for line in c.chat {
            assert!(api_types::CHAT_MAX_CHARS >= line.chars().count() && !line.trim().is_empty());
        }
        for title in c.live_titles.iter().chain(c.replay_titles) {
            assert!(title.chars().count() <= api_types::LIVE_TITLE_MAX_CHARS);
        }
    }

    #[test]
    fn demo_flash_prices_are_below_the_price() {
        assert_eq!(demo_flash_price(12_900), 10_300);
        assert_eq!(demo_flash_price(150), 100);
        assert_eq!(demo_flash_price(2), 1);
    }
}
