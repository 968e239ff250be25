//! The one storage seam for media objects (uploaded pictures' sources, rendered images; videos
//! and replays next): an `object_store` behind short keys such as `src/{key}.jpg`.
//!
//! Local files by default, rooted at the media directory with the same paths as before, so
//! existing data directories keep working; an S3-compatible bucket when configured
//! (`--media-store s3://bucket`, the endpoint and keys from the usual `AWS_*` variables).
//!
//! Writes put the object first under its final key, then the database row: a failed insert
//! deletes the object again (best effort), and [`sweep_orphan_sources`] removes whatever a
//! crash between the two left behind (`sweep`). Objects are served with byte ranges and strong
//! ETags (`serve`).

mod serve;
mod sweep;

pub use serve::serve_immutable;
pub use sweep::{start_sweeper, sweep_orphan_sources, ORPHAN_GRACE};

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Bytes;
use futures_util::stream::BoxStream;
use futures_util::{StreamExt, TryStreamExt};
pub use object_store::aws::AmazonS3Builder;
use object_store::buffered::BufWriter;
use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjectPath;
use object_store::{GetOptions, GetRange, GetResultPayload, ObjectMeta, ObjectStore, PutPayload};
use tokio::io::{AsyncReadExt, AsyncSeekExt, AsyncWriteExt};

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
    /// The directory behind the keys when the objects are local files: a file written there
    /// by FFmpeg is already its object.
    local_root: Option<PathBuf>,
}

impl Storage {
    /// Files under `root` (created if missing).
    pub fn local(root: &Path) -> std::io::Result<Storage> {
        std::fs::create_dir_all(root)?;
        let fs = LocalFileSystem::new_with_prefix(root).map_err(std::io::Error::other)?;
        Ok(Storage {
            objects: Arc::new(fs),
            local_root: Some(root.to_path_buf()),
        })
    }

    /// An S3-compatible bucket: `s3://bucket`, with the endpoint, region and keys read from
    /// `AWS_ENDPOINT`, `AWS_REGION`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` (and
    /// `AWS_ALLOW_HTTP=true` for a local server without TLS).
    pub fn s3(url: &str) -> Result<Storage, String> {
        Storage::s3_with(url, AmazonS3Builder::from_env())
    }

    /// [`Storage::s3`] with the endpoint and keys set on `builder` (tests, other tools).
    pub fn s3_with(url: &str, builder: AmazonS3Builder) -> Result<Storage, String> {
        let bucket = url
            .strip_prefix("s3://")
            .map(|b| b.trim_end_matches('/'))
            .filter(|b| !b.is_empty() && !b.contains('/'))
            .ok_or_else(|| format!("media store {url:?}: expected s3://bucket"))?;
        let s3 = builder
            .with_bucket_name(bucket)
            .build()
            .map_err(|e| format!("media store {url:?}: {e}"))?;
        Ok(Storage {
            objects: Arc::new(s3),
            local_root: None,
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

    /// Makes the local file `path` the object `key`: nothing to do when the store is that very
    /// directory, else the file is streamed up (in parts, so a video is never held whole) and
    /// the local file removed.
    pub async fn adopt_file(&self, key: &str, path: &Path) -> AppResult<()> {
        if let Some(root) = &self.local_root {
            if root.join(key) == path {
                return Ok(());
            }
        }
        let mut file = tokio::fs::File::open(path).await.map_err(|e| {
            AppError::Internal(format!("media store: open {}: {e}", path.display()))
        })?;
        let mut upload = BufWriter::new(Arc::clone(&self.objects), ObjectPath::from(key));
        let copied = async {
            tokio::io::copy(&mut file, &mut upload).await?;
            upload.shutdown().await
        }
        .await;
        if let Err(e) = copied {
            let _ = upload.abort().await;
            return Err(AppError::Internal(format!("media store: put {key}: {e}")));
        }
        if let Err(e) = tokio::fs::remove_file(path).await {
            tracing::warn!(error = %e, "could not remove {} once stored", path.display());
        }
        Ok(())
    }

    /// The bytes `range` of `key` as a stream (the caller checked the range against its size).
    pub async fn get_range(
        &self,
        key: &str,
        range: Range<u64>,
    ) -> AppResult<BoxStream<'static, std::io::Result<Bytes>>> {
        let options = GetOptions {
            range: Some(GetRange::Bounded(range.clone())),
            ..GetOptions::default()
        };
        let got = self
            .objects
            .get_opts(&ObjectPath::from(key), options)
            .await
            .map_err(|e| storage_error("get", key, e))?;
        match got.payload {
            // A local file is read in 64 KiB steps, as the file server did: object_store's own
            // stream reads 8 KiB per blocking task.
            GetResultPayload::File(file, _) => {
                let mut file = tokio::fs::File::from_std(file);
                file.seek(std::io::SeekFrom::Start(range.start))
                    .await
                    .map_err(|e| AppError::Internal(format!("media store: seek {key}: {e}")))?;
                Ok(read_in_chunks(file.take(range.end - range.start)))
            }
            GetResultPayload::Stream(stream) => Ok(stream.map_err(std::io::Error::other).boxed()),
        }
    }

    /// Deletes every object under `prefix` (a folder, without a trailing slash).
    pub async fn delete_prefix(&self, prefix: &str) -> AppResult<()> {
        for meta in self.list(prefix).await? {
            self.delete(meta.location.as_ref()).await?;
        }
        Ok(())
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

/// `reader` as a stream of chunks of up to 64 KiB.
fn read_in_chunks(
    reader: impl tokio::io::AsyncRead + Send + Unpin + 'static,
) -> BoxStream<'static, std::io::Result<Bytes>> {
    const CHUNK: usize = 64 * 1024;
    futures_util::stream::unfold(reader, |mut reader| async move {
        let mut buffer = vec![0u8; CHUNK];
        match reader.read(&mut buffer).await {
            Ok(0) => None,
            Ok(n) => {
                buffer.truncate(n);
                Some((Ok(Bytes::from(buffer)), reader))
            }
            Err(e) => Some((Err(e), reader)),
        }
    })
    .boxed()
}

fn storage_error(what: &str, key: &str, e: object_store::Error) -> AppError {
    AppError::Internal(format!("media store: {what} {key}: {e}"))
}
