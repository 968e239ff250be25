//! The one storage seam for media objects (uploaded pictures' sources, rendered images; videos
//! and replays next): an `object_store` behind short keys such as `src/{key}.jpg`.
//!
//! Local files by default, rooted at the media directory with the same paths as before, so
//! existing data directories keep working; an S3-compatible bucket when configured
//! (`--media-store s3://bucket`, the endpoint and keys from the usual `AWS_*` variables).
//!
//! Writes put the object first under its final key, then the database row: a failed insert
//! deletes the object again (best effort), and [`sweep_orphan_sources`] removes whatever a
//! crash between the two left behind.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use futures_util::TryStreamExt;
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjectPath;
use object_store::{ObjectMeta, ObjectStore, PutPayload};

use crate::db::Db;
use crate::error::{AppError, AppResult};

/// Where uploaded pictures' sources live: `src/{image key}.jpg`.
pub const SOURCE_PREFIX: &str = "src";

/// A picture source's object key.
pub fn source_key(image_key: &str) -> String {
    format!("{SOURCE_PREFIX}/{image_key}.jpg")
}

/// Media objects, wherever they are kept.
#[derive(Clone, Debug)]
pub struct Storage {
    objects: Arc<dyn ObjectStore>,
}

impl Storage {
    /// Files under `root` (created if missing).
    pub fn local(root: &Path) -> std::io::Result<Storage> {
        std::fs::create_dir_all(root)?;
        let fs = LocalFileSystem::new_with_prefix(root).map_err(std::io::Error::other)?;
        Ok(Storage {
            objects: Arc::new(fs),
        })
    }

    /// An S3-compatible bucket: `s3://bucket`, with the endpoint, region and keys read from
    /// `AWS_ENDPOINT`, `AWS_REGION`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` (and
    /// `AWS_ALLOW_HTTP=true` for a local server without TLS).
    pub fn s3(url: &str) -> Result<Storage, String> {
        let bucket = url
            .strip_prefix("s3://")
            .map(|b| b.trim_end_matches('/'))
            .filter(|b| !b.is_empty() && !b.contains('/'))
            .ok_or_else(|| format!("media store {url:?}: expected s3://bucket"))?;
        let s3 = AmazonS3Builder::from_env()
            .with_bucket_name(bucket)
            .build()
            .map_err(|e| format!("media store {url:?}: {e}"))?;
        Ok(Storage {
            objects: Arc::new(s3),
        })
    }

    /// The configured store: `s3://bucket`, or local files under `local_root` when unset.
    pub fn from_config(spec: Option<&str>, local_root: &Path) -> Result<Storage, String> {
        match spec {
            None | Some("") => Storage::local(local_root).map_err(|e| e.to_string()),
            Some(url) => Storage::s3(url),
        }
    }

    /// Writes `bytes` under `key`, replacing any object there. Readers never see half an
    /// object (local files are written to a temporary name and renamed).
    pub async fn put(&self, key: &str, bytes: impl Into<Bytes>) -> AppResult<()> {
        self.objects
            .put(&ObjectPath::from(key), PutPayload::from(bytes.into()))
            .await
            .map(|_| ())
            .map_err(|e| storage_error("put", key, e))
    }

    /// The whole object, `None` if there is none.
    pub async fn get(&self, key: &str) -> AppResult<Option<Bytes>> {
        let got = match self.objects.get(&ObjectPath::from(key)).await {
            Ok(got) => got,
            Err(object_store::Error::NotFound { .. }) => return Ok(None),
            Err(e) => return Err(storage_error("get", key, e)),
        };
        got.bytes()
            .await
            .map(Some)
            .map_err(|e| storage_error("read", key, e))
    }

    /// Size and modification time, `None` if there is no such object.
    pub async fn head(&self, key: &str) -> AppResult<Option<ObjectMeta>> {
        match self.objects.head(&ObjectPath::from(key)).await {
            Ok(meta) => Ok(Some(meta)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(storage_error("head", key, e)),
        }
    }

    /// Deletes `key`; an object already gone is no error.
    pub async fn delete(&self, key: &str) -> AppResult<()> {
        match self.objects.delete(&ObjectPath::from(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(storage_error("delete", key, e)),
        }
    }

    /// Deletes `key` after a failed write, logging rather than returning a failure: the
    /// caller reports the first error, and the sweeper catches what is left.
    pub async fn delete_after_failure(&self, key: &str) {
        if let Err(e) = self.delete(key).await {
            tracing::warn!(error = %e, "could not remove {key} after a failed write");
        }
    }

    /// Every object under `prefix` (a folder, without a trailing slash).
    pub async fn list(&self, prefix: &str) -> AppResult<Vec<ObjectMeta>> {
        self.objects
            .list(Some(&ObjectPath::from(prefix)))
            .try_collect()
            .await
            .map_err(|e| storage_error("list", prefix, e))
    }
}

fn storage_error(what: &str, key: &str, e: object_store::Error) -> AppError {
    AppError::Internal(format!("media store: {what} {key}: {e}"))
}

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
