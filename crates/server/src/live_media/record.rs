//! A live room's recording: the init segment and every fragment appended to a file as they
//! are published (a concatenated fragmented MP4 is itself playable), then, when the room
//! ends, copied (no re-encoding) into an ordinary MP4 with its index first, so the replay
//! seeks and reports its length everywhere.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use axum::body::Bytes;
use tokio::io::AsyncWriteExt;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::video::Tools;

/// Pieces waiting to be written (~1 s each): a disk this far behind stops the recording
/// rather than holding the stream's memory.
const WRITE_QUEUE: usize = 120;

pub struct Recorder {
    key: String,
    dir: PathBuf,
    tx: Option<mpsc::Sender<Bytes>>,
    writer: JoinHandle<std::io::Result<u64>>,
    init: Option<Vec<u8>>,
    fragments: u64,
}

/// A fresh replay key for room `room_id`: the room and 10 random letters or digits.
pub fn new_key(room_id: i64) -> String {
    let tail: String = std::iter::repeat_with(|| fastrand::alphanumeric().to_ascii_lowercase())
        .take(10)
        .collect();
    format!("{room_id}-{tail}")
}

/// Where the replay `key` lives under `dir`.
pub fn replay_path(dir: &Path, key: &str) -> PathBuf {
    dir.join(format!("{key}.mp4"))
}

/// The replay `key`'s media store key (`dir` is the store's `live` folder when local).
pub fn replay_object(key: &str) -> String {
    format!("live/{key}.mp4")
}

impl Recorder {
    /// Starts recording room `room_id` under `dir` (the file is made with the first piece).
    pub fn start(dir: &Path, room_id: i64) -> Recorder {
        let key = new_key(room_id);
        let part = dir.join(format!("{key}.rec"));
        let (tx, mut rx) = mpsc::channel::<Bytes>(WRITE_QUEUE);
        let dir_owned = dir.to_path_buf();
        let writer = tokio::spawn(async move {
            let mut file = None;
            let mut written = 0u64;
            while let Some(piece) = rx.recv().await {
                if file.is_none() {
                    tokio::fs::create_dir_all(&dir_owned).await?;
                    file = Some(tokio::fs::File::create(&part).await?);
                }
                if let Some(f) = file.as_mut() {
                    f.write_all(&piece).await?;
                    written += piece.len() as u64;
                }
            }
            if let Some(mut f) = file {
                f.flush().await?;
            }
            Ok(written)
        });
        Recorder {
            key,
            dir: dir.to_path_buf(),
            tx: Some(tx),
            writer,
            init: None,
            fragments: 0,
        }
    }

    fn send(&mut self, piece: Bytes) {
        let full = match &self.tx {
            Some(tx) => tx.try_send(piece).is_err(),
            None => false,
        };
        if full {
            tracing::warn!(
                "replay {}: the disk fell behind; recording stops here",
                self.key
            );
            self.tx = None;
        }
    }

    /// The stream's format. A source whose format differs from the recorded one (a host who
    /// came back with another camera) cannot continue the same file: recording stops there.
    pub fn init(&mut self, raw: &[u8]) {
        match &self.init {
            None => {
                self.init = Some(raw.to_vec());
                self.send(Bytes::copy_from_slice(raw));
            }
            Some(old) if old.as_slice() != raw && self.tx.is_some() => {
                tracing::warn!(
                    "replay {}: the stream's format changed; recording stops here",
                    self.key
                );
                self.tx = None;
            }
            Some(_) => {}
        }
    }

    pub fn fragment(&mut self, raw: Bytes) {
        if self.init.is_some() {
            self.fragments += 1;
            self.send(raw);
        }
    }

    /// Finishes the file and returns the replay's key, or `None` if nothing was recorded.
    pub async fn finish(mut self, tools: Option<&Tools>) -> Option<String> {
        self.tx = None;
        let part = self.dir.join(format!("{}.rec", self.key));
        let written = match self.writer.await {
            Ok(Ok(n)) => n,
            Ok(Err(e)) => {
                tracing::warn!("replay {}: {e}", self.key);
                0
            }
            Err(e) => {
                tracing::warn!("replay {}: {e}", self.key);
                0
            }
        };
        if written == 0 || self.fragments == 0 {
            let _ = tokio::fs::remove_file(&part).await;
            return None;
        }
        into_replay(&self.dir, &self.key, tools)
            .await
            .then_some(self.key)
    }
}

/// Makes the recording `{key}.rec` under `dir` the replay `{key}.mp4`: copied with its index
/// first, or, if that fails (no FFmpeg, a cut-off last fragment), renamed as it is: the
/// fragmented file plays, only seeking is slower. `false` if there is no replay.
async fn into_replay(dir: &Path, key: &str, tools: Option<&Tools>) -> bool {
    let part = dir.join(format!("{key}.rec"));
    let path = replay_path(dir, key);
    let remuxed = match tools {
        Some(tools) => faststart_copy(tools, &part, &path).await,
        None => Err("no ffmpeg".to_string()),
    };
    match remuxed {
        Ok(()) => {
            let _ = tokio::fs::remove_file(&part).await;
            true
        }
        Err(e) => {
            tracing::warn!("replay {key}: kept fragmented ({e})");
            match tokio::fs::rename(&part, &path).await {
                Ok(()) => true,
                Err(e) => {
                    tracing::warn!("replay {key}: {e}");
                    false
                }
            }
        }
    }
}

/// The recording a stopped process left for room `room_id` (`{room_id}-*.rec`: killed before
/// the room ended, so never finished), made into its replay now; `None` if there is none.
/// The largest one wins (a room streamed across several killed processes keeps its longest).
pub async fn salvage(dir: &Path, room_id: i64, tools: Option<&Tools>) -> Option<String> {
    let prefix = format!("{room_id}-");
    let mut best: Option<(u64, String)> = None;
    let mut entries = tokio::fs::read_dir(dir).await.ok()?;
    while let Ok(Some(entry)) = entries.next_entry().await {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(key) = name.strip_suffix(".rec").filter(|k| k.starts_with(&prefix)) else {
            continue;
        };
        let len = entry.metadata().await.map_or(0, |m| m.len());
        if len > 0 && best.as_ref().is_none_or(|(l, _)| len > *l) {
            best = Some((len, key.to_string()));
        }
    }
    let (_, key) = best?;
    into_replay(dir, &key, tools).await.then_some(key)
}

/// Copies `source` into an MP4 at `out` with the index first (written aside, then renamed).
pub async fn faststart_copy(tools: &Tools, source: &Path, out: &Path) -> Result<(), String> {
    let tmp = out.with_extension(format!("mp4.part{}", fastrand::u32(..)));
    let run = tokio::process::Command::new(&tools.ffmpeg)
        .args(["-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i"])
        .arg(source)
        .args([
            "-map",
            "0",
            "-c",
            "copy",
            "-movflags",
            "+faststart",
            "-f",
            "mp4",
        ])
        .arg(&tmp)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .output();
    let result = match tokio::time::timeout(Duration::from_secs(600), run).await {
        Err(_) => Err("copying took too long".to_string()),
        Ok(Err(e)) => Err(e.to_string()),
        Ok(Ok(out)) if !out.status.success() => Err(crate::video::last_line(&out.stderr)),
        Ok(Ok(_)) => tokio::fs::rename(&tmp, out)
            .await
            .map_err(|e| e.to_string()),
    };
    if result.is_err() {
        let _ = tokio::fs::remove_file(&tmp).await;
    }
    result
}
