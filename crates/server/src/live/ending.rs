//! How a room ends: the host's End, or a host who left. Either way the same steps run
//! ([`end_room`]): the guarded status change, `ended` to the events sockets, the stream's end
//! to the media sockets, and the recording kept as the replay.
//!
//! A host who leaves (the ingest socket closed, or no media on it) has `AppState::live_host_grace`
//! to come back: each live room a person hosts has one watcher ([`watch_host`]) that ends it
//! once nothing came from the host for that long. Started when the room goes live, when its
//! ingest connects (rooms made another way) and, at start-up, for every room a previous
//! process left live ([`watch_live_hosts`]): after a kill -9 nobody else would end them.
//! Demo rooms are played by the server and never end this way.

use std::time::Duration;

use api_types::ServerEvent;

use crate::db::write_tx;
use crate::error::AppResult;
use crate::live_media::channel::now_ms;
use crate::live_media::record;
use crate::{now_unix, AppState};

/// How long a host may be gone (no ingest, no media) before the room ends, unless configured.
pub const HOST_GRACE: Duration = Duration::from_secs(60);

/// Ends live room `id` as the host's End does. `false` if it was not live (ended already, by
/// another request or watcher: of two, one ends it).
pub async fn end_room(state: &AppState, id: i64) -> AppResult<bool> {
    let now = now_unix();
    let (turn, mut tx) = write_tx(&state.db).await?;
    // Guarded by the status: of two concurrent ends, one ends the room.
    let ended: Option<bool> = sqlx::query_scalar(
        "UPDATE live_rooms SET status = 'ended', ended_at = $1 \
         WHERE id = $2 AND status = 'live' RETURNING is_demo",
    )
    .bind(now)
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    tx.commit().await?;
    drop(turn);
    let Some(is_demo) = ended else {
        return Ok(false);
    };
    // Likes not flushed yet are still saved by the room's ticker.
    state
        .live
        .publish(id, &ServerEvent::Ended { ended_at: now });
    // The stream stops: its recording, finished outside the write turn (it waits for the
    // file), is the replay; a demo room's is its generated clip. A room this process never
    // streamed may have a recording a killed process left behind.
    let key = match state.live_media.end(id).await {
        Some(key) => Some(key),
        None if !is_demo => {
            let media = &state.live_media;
            record::salvage(&media.dir, id, media.tools.as_ref()).await
        }
        None => None,
    };
    // The replay's object first, then the row that names it.
    let key = match key {
        Some(key) if !is_demo => {
            let file = record::replay_path(&state.live_media.dir, &key);
            let object = record::replay_object(&key);
            match state.images.objects.adopt_file(&object, &file).await {
                Ok(()) => Some(key),
                Err(e) => {
                    tracing::warn!(error = %e, "room {id}: the replay could not be stored");
                    None
                }
            }
        }
        key => key,
    };
    if let Some(key) = key {
        let (turn, mut tx) = write_tx(&state.db).await?;
        sqlx::query("UPDATE live_rooms SET replay_key = $1 WHERE id = $2")
            .bind(key)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        drop(turn);
    }
    Ok(true)
}

/// Watches host-streamed room `id` until it ends: once nothing came from its host (an ingest
/// connecting, a media chunk) for the grace period, the room ends. One watcher per room:
/// further calls change nothing.
pub fn watch_host(state: &AppState, id: i64) {
    if !state.live_media.start_watching(id) {
        return;
    }
    let state = state.clone();
    let grace = state.live_host_grace;
    let grace_ms = i64::try_from(grace.as_millis()).unwrap_or(i64::MAX);
    // Checked a few times per grace period: the room ends at most a quarter late.
    let every = (grace / 4).clamp(Duration::from_millis(50), Duration::from_secs(5));
    tokio::spawn(async move {
        let since = now_ms();
        loop {
            tokio::time::sleep(every).await;
            let fed = state.live_media.get(id).map_or(0, |c| c.fed_at_ms());
            if now_ms() - fed.max(since) < grace_ms {
                continue;
            }
            match end_room(&state, id).await {
                Ok(true) => {
                    tracing::info!("live {id}: the host left {}s ago; ended", grace.as_secs());
                    break;
                }
                Ok(false) => break,
                // A busy database: try again at the next check.
                Err(e) => tracing::warn!(error = %e, "live {id}: ending an abandoned room"),
            }
        }
        state.live_media.stop_watching(id);
    });
}

/// At start-up: every host-streamed room a previous process left live waits the grace period
/// for its host, then ends. Returns how many.
pub async fn watch_live_hosts(state: &AppState) -> Result<usize, sqlx::Error> {
    let rooms: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM live_rooms WHERE status = 'live' AND NOT is_demo ORDER BY id",
    )
    .fetch_all(&state.db)
    .await?;
    for &id in &rooms {
        watch_host(state, id);
    }
    Ok(rooms.len())
}
