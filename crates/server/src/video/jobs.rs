//! The durable transcoding queue: the `videos` table is the queue. One worker per server
//! process takes the oldest `queued` job (a guarded UPDATE, so two processes never take the
//! same one), transcodes it, takes a poster through the image pipeline, and marks it `ready`
//! with its renditions, or `failed` with why. A job left `processing` by a process that died
//! (kill -9, power cut) is queued again when the server starts ([`requeue`]); a job that keeps
//! killing its worker gives up after [`MAX_ATTEMPTS`].

use std::path::Path;
use std::time::{Duration, Instant};

use crate::api::uploads::prepare;
use crate::images::{store_picture, UPLOAD_THEME};
use crate::{now_unix, AppState};

use super::transcode::{self, final_path, part_path, Plan};

/// Tries per job, counting the ones cut short by a restart.
pub const MAX_ATTEMPTS: i64 = 3;
/// The uploaded file, kept in the video's directory until it is processed.
pub const SOURCE_NAME: &str = "source";
/// How often progress is written while transcoding.
const PROGRESS_EVERY: Duration = Duration::from_millis(500);

/// A job as the worker takes it.
#[derive(Debug, sqlx::FromRow)]
struct Job {
    id: i64,
    video_key: String,
    duration_ms: i64,
    width: i64,
    height: i64,
    attempts: i64,
}

/// Queues again every job left `processing` (by a process that stopped mid-way): its
/// partial files are overwritten when it runs again. Returns how many.
pub async fn requeue(state: &AppState) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE videos SET status = 'queued', progress = 0, updated_at = $1 \
         WHERE status = 'processing'",
    )
    .bind(now_unix())
    .execute(&state.db)
    .await?;
    Ok(done.rows_affected())
}

/// Requeues what a previous run left half-done and starts the worker (nothing when FFmpeg is
/// missing: jobs then wait in the queue).
pub async fn start(state: &AppState) -> Result<(), sqlx::Error> {
    let requeued = requeue(state).await?;
    if requeued > 0 {
        tracing::info!("{requeued} video job(s) were cut short and are queued again");
    }
    crate::api::publish::waiting::publish_all_ready(state).await?;
    if !state.videos.available() {
        return Ok(());
    }
    let state = state.clone();
    tokio::spawn(async move {
        loop {
            match claim(&state).await {
                Ok(Some(job)) => run(&state, job).await,
                Ok(None) => {
                    // Woken by an upload; the timeout is a safety net (another process's queue).
                    let _ =
                        tokio::time::timeout(Duration::from_secs(30), state.videos.wake.notified())
                            .await;
                }
                Err(e) => {
                    tracing::warn!(error = %e, "video queue");
                    tokio::time::sleep(Duration::from_secs(5)).await;
                }
            }
        }
    });
    Ok(())
}

/// Takes the oldest queued job, if any.
async fn claim(state: &AppState) -> Result<Option<Job>, sqlx::Error> {
    sqlx::query_as(
        "UPDATE videos SET status = 'processing', progress = 0, attempts = attempts + 1, \
         updated_at = $1 \
         WHERE id = (SELECT id FROM videos WHERE status = 'queued' ORDER BY id LIMIT 1) \
         AND status = 'queued' \
         RETURNING id, video_key, duration_ms, width, height, attempts",
    )
    .bind(now_unix())
    .fetch_optional(&state.db)
    .await
}

async fn run(state: &AppState, job: Job) {
    let dir = state.images.video_dir(&job.video_key);
    let started = Instant::now();
    let outcome = if job.attempts > MAX_ATTEMPTS {
        Err(format!(
            "Processing was cut short {MAX_ATTEMPTS} times; upload the video again."
        ))
    } else {
        process(state, &job, &dir).await
    };
    let saved = match outcome {
        Ok(()) => {
            tracing::info!(
                "video {} ready in {:.1} s",
                job.id,
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Err(why) => {
            tracing::info!("video {} failed: {why}", job.id);
            // Nothing half-made stays behind: the files and objects go, the row says why.
            let objects = format!("video/{}", job.video_key);
            if let Err(e) = state.images.objects.delete_prefix(&objects).await {
                tracing::warn!(error = %e, "could not remove a failed video's objects");
            }
            if let Err(e) = tokio::fs::remove_dir_all(&dir).await {
                if e.kind() != std::io::ErrorKind::NotFound {
                    tracing::warn!(error = %e, "could not remove a failed video's files");
                }
            }
            sqlx::query(
                "UPDATE videos SET status = 'failed', error = $1, updated_at = $2 WHERE id = $3",
            )
            .bind(why)
            .bind(now_unix())
            .bind(job.id)
            .execute(&state.db)
            .await
            .map(|_| ())
        }
    };
    if let Err(e) = saved {
        tracing::warn!(error = %e, "could not record video {}'s outcome", job.id);
    }
}

/// Transcodes, takes the poster and marks the job ready.
async fn process(state: &AppState, job: &Job, dir: &Path) -> Result<(), String> {
    let tools = state.videos.tools().map_err(|e| e.to_string())?;
    let source = dir.join(SOURCE_NAME);
    if !tokio::fs::try_exists(&source).await.unwrap_or(false) {
        return Err("The uploaded file is gone; upload the video again.".to_string());
    }
    remove_parts(dir).await;
    let plans = transcode::plan(
        u32::try_from(job.width).unwrap_or(2),
        u32::try_from(job.height).unwrap_or(2),
    );
    let mut last_write = Instant::now();
    let (tx, mut rx) = tokio::sync::watch::channel(0u8);
    // Progress is written from its own task, so a slow write never stalls reading ffmpeg.
    let db = state.db.clone();
    let id = job.id;
    let writer = tokio::spawn(async move {
        while rx.changed().await.is_ok() {
            let pct = *rx.borrow_and_update();
            let _ = sqlx::query(
                "UPDATE videos SET progress = $1 WHERE id = $2 AND status = 'processing'",
            )
            .bind(i64::from(pct))
            .bind(id)
            .execute(&db)
            .await;
        }
    });
    let converted = transcode::renditions(
        tools,
        &source,
        dir,
        job.attempts,
        &plans,
        job.duration_ms,
        |pct| {
            if last_write.elapsed() >= PROGRESS_EVERY {
                last_write = Instant::now();
                let _ = tx.send(pct);
            }
        },
    )
    .await;
    drop(tx);
    let _ = writer.await;
    converted?;

    let png = transcode::poster_frame(tools, &source, job.duration_ms).await?;
    let picture = tokio::task::spawn_blocking(move || image::load_from_memory(&png).map(prepare))
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| format!("The poster frame could not be read ({e})."))?;
    let poster = store_picture(&state.images, &state.db, picture, UPLOAD_THEME)
        .await
        .map_err(|e| e.to_string())?;

    let mut sizes = Vec::with_capacity(plans.len());
    for p in &plans {
        let to = final_path(dir, p.short_side);
        tokio::fs::rename(part_path(dir, p.short_side, job.attempts), &to)
            .await
            .map_err(|e| format!("A converted file could not be stored ({e})."))?;
        let bytes = tokio::fs::metadata(&to)
            .await
            .map_err(|e| e.to_string())?
            .len();
        // Into the media store under its final key before the row says it is ready.
        let object = super::rendition_object(&job.video_key, p.short_side);
        state
            .images
            .objects
            .adopt_file(&object, &to)
            .await
            .map_err(|e| format!("A converted file could not be stored ({e})."))?;
        sizes.push((*p, bytes));
    }
    mark_ready(state, job.id, poster, &sizes)
        .await
        .map_err(|e| format!("The result could not be saved ({e})."))?;
    // A note published while this video was being processed goes public now.
    crate::api::publish::waiting::publish_ready(state, job.id).await;
    // The source is not needed once every rendition exists.
    if let Err(e) = tokio::fs::remove_file(&source).await {
        tracing::warn!(error = %e, "could not remove a processed video's source");
    }
    Ok(())
}

/// Removes the partial files of earlier attempts (cut short by a restart).
async fn remove_parts(dir: &Path) {
    let Ok(mut entries) = tokio::fs::read_dir(dir).await else {
        return;
    };
    while let Ok(Some(entry)) = entries.next_entry().await {
        if entry.file_name().to_string_lossy().contains(".mp4.part") {
            let _ = tokio::fs::remove_file(entry.path()).await;
        }
    }
}

async fn mark_ready(
    state: &AppState,
    id: i64,
    poster: i64,
    sizes: &[(Plan, u64)],
) -> Result<(), sqlx::Error> {
    let (turn, mut tx) = crate::db::write_tx(&state.db).await?;
    sqlx::query("DELETE FROM video_renditions WHERE video_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    for (p, bytes) in sizes {
        sqlx::query(
            "INSERT INTO video_renditions (video_id, short_side, width, height, bytes) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(i64::from(p.short_side))
        .bind(i64::from(p.width))
        .bind(i64::from(p.height))
        .bind(*bytes as i64)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query(
        "UPDATE videos SET status = 'ready', progress = 100, error = NULL, \
         poster_image_id = $1, updated_at = $2 WHERE id = $3",
    )
    .bind(poster)
    .bind(now_unix())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    drop(turn);
    Ok(())
}
