//! The demo rooms' activity: every few seconds, in each live demo room that somebody is
//! watching, a demo viewer says one of `seed-data/live.toml`'s lines (stored with `is_demo`,
//! shown as demo) and a few likes arrive. Rooms nobody watches cost nothing: no writes, no
//! growth. A demo room's flash sale starts again when it ran out, and old demo chat is pruned
//! so the table stays small. Off with `--live-demo-activity=false` (tests, benchmarks).

use std::time::Duration;

use api_types::{ServerEvent, UserSummary};

use super::load;
use crate::db::write_tx;
use crate::error::AppResult;
use crate::seed::live::{corpus, demo_flash_price, DEMO_FLASH_SECS};
use crate::AppState;

/// Demo chat kept per room; older demo lines are deleted.
const KEEP_DEMO_CHAT: i64 = 300;
/// Housekeeping (flash sales, pruning) every this many rounds.
const HOUSEKEEPING_ROUNDS: u64 = 10;

/// Starts the activity loop: one round every `every`.
pub fn start(state: AppState, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut rng = fastrand::Rng::new();
        let mut interval = tokio::time::interval(every);
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut round: u64 = 0;
        loop {
            interval.tick().await;
            round += 1;
            if let Err(e) = one_round(&state, &mut rng, round).await {
                tracing::warn!(error = %e, "demo live activity");
            }
        }
    })
}

/// One round over the live demo rooms.
pub async fn one_round(state: &AppState, rng: &mut fastrand::Rng, round: u64) -> AppResult<()> {
    let rooms: Vec<(i64, i64)> =
        sqlx::query_as("SELECT id, host_id FROM live_rooms WHERE is_demo AND status = 'live'")
            .fetch_all(&state.db)
            .await?;
    for (id, host) in rooms {
        if round.is_multiple_of(HOUSEKEEPING_ROUNDS) {
            housekeeping(state, id).await?;
        }
        let Some(room) = state.live.room(id) else {
            continue; // nobody watching
        };
        let author = demo_viewer(state, rng, host).await?;
        let lines = corpus().chat;
        let line = lines[rng.usize(..lines.len())];
        super::chat::post(state, &room, &author, line, true).await?;
        room.add_likes(rng.i64(1..8));
    }
    Ok(())
}

/// A random seeded person other than the host.
async fn demo_viewer(
    state: &AppState,
    rng: &mut fastrand::Rng,
    host: i64,
) -> AppResult<UserSummary> {
    let people: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(&state.db)
        .await?;
    let (id, username, display_name, avatar): (i64, String, String, String) = sqlx::query_as(
        "SELECT u.id, u.username, u.display_name, a.image_key FROM users u \
         JOIN images a ON a.id = u.avatar_image_id WHERE u.id <> $1 ORDER BY u.id LIMIT 1 OFFSET $2",
    )
    .bind(host)
    .bind(rng.i64(0..(people - 1).max(1)))
    .fetch_one(&state.db)
    .await?;
    Ok(crate::api::rows::user(id, username, display_name, &avatar))
}

/// Starts the pinned product's flash sale again once it ran out (the first demo room keeps
/// one going), and prunes old demo chat.
async fn housekeeping(state: &AppState, id: i64) -> AppResult<()> {
    let now = crate::now_unix();
    let (turn, mut tx) = write_tx(&state.db).await?;
    let row = load::room(&mut tx, id).await?;
    let restart = row.flash_price_fen.is_some() && row.flash(now).is_none();
    if restart {
        if let Some(product) = row.pinned_product_id {
            let price: i64 = sqlx::query_scalar("SELECT price_fen FROM products WHERE id = $1")
                .bind(product)
                .fetch_one(&mut *tx)
                .await?;
            sqlx::query(
                "UPDATE live_rooms SET flash_price_fen = $1, flash_ends_at = $2, pinned_at = $3 \
                 WHERE id = $4",
            )
            .bind(demo_flash_price(price))
            .bind(now + DEMO_FLASH_SECS)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
    }
    sqlx::query(
        "DELETE FROM live_chat WHERE room_id = $1 AND is_demo AND id < \
         (SELECT COALESCE(MIN(id), 0) FROM (SELECT id FROM live_chat WHERE room_id = $1 \
          AND is_demo ORDER BY id DESC LIMIT $2))",
    )
    .bind(id)
    .bind(KEEP_DEMO_CHAT)
    .execute(&mut *tx)
    .await?;
    let row = load::room(&mut tx, id).await?;
    let products = load::products(&mut tx, id).await?;
    tx.commit().await?;
    drop(turn);
    if restart {
        let pinned = load::pinned(&row, &products, now);
        state.live.publish(id, &ServerEvent::Pinned { pinned });
    }
    Ok(())
}
