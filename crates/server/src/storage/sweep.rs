//! Orphans: objects a failed or interrupted write left without their database row.

use std::time::Duration;

use super::{Storage, SOURCE_PREFIX};
use crate::db::Db;
use crate::error::AppResult;

/// How old an unreferenced source must be before the sweeper deletes it: an upload writes its
/// object a moment before its row, and must not lose it in between.
pub const ORPHAN_GRACE: Duration = Duration::from_secs(15 * 60);

/// Deletes picture sources older than `grace` that no image row names (left by a crash or a
/// failed insert whose clean-up failed too). Returns how many were deleted.
pub async fn sweep_orphan_sources(db: &Db, storage: &Storage, grace: Duration) -> AppResult<usize> {
    let cutoff = cutoff_millis(grace);
    let mut deleted = 0;
    for meta in storage.list(SOURCE_PREFIX).await? {
        if meta.last_modified.timestamp_millis() > cutoff {
            continue;
        }
        let Some(image_key) = meta
            .location
            .filename()
            .and_then(|name| name.strip_suffix(".jpg"))
        else {
            continue;
        };
        let referenced: Option<i64> =
            sqlx::query_scalar("SELECT id FROM images WHERE image_key = $1")
                .bind(image_key)
                .fetch_optional(db)
                .await?;
        if referenced.is_none() {
            storage.delete(meta.location.as_ref()).await?;
            deleted += 1;
        }
    }
    Ok(deleted)
}

/// Now minus `grace`, in Unix milliseconds (the objects' times are compared in those).
fn cutoff_millis(grace: Duration) -> i64 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(now.saturating_sub(grace).as_millis()).unwrap_or(i64::MAX)
}

/// Sweeps orphans now and then every hour, for the life of the process.
pub fn start_sweeper(db: Db, storage: Storage) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(60 * 60));
        loop {
            every.tick().await;
            match sweep_orphan_sources(&db, &storage, ORPHAN_GRACE).await {
                Ok(0) => {}
                Ok(n) => tracing::info!("removed {n} orphaned picture sources"),
                Err(e) => tracing::warn!(error = %e, "orphan sweep failed"),
            }
        }
    });
}
