//! `GET /api/v1/live/{id}/ingest`: the host's browser streams its `MediaRecorder` chunks
//! here; one FFmpeg per room turns them into fragmented MP4 (H.264 + AAC, a keyframe and so a
//! fragment every second) whose pieces go to the room's channel as they come out.
//!
//! A second ingest socket for the same room replaces the first (the first is closed with
//! `CLOSE_REPLACED`): a host who reloads the page or switches camera is back on air at once,
//! and the new run continues the room's timeline.

use std::process::Stdio;
use std::sync::Arc;
use std::time::Duration;

use api_types::live_media::{IngestStart, CLOSE_ENDED, CLOSE_REPLACED};
use axum::extract::ws::{CloseFrame, Message, WebSocket};
use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::process::{Child, ChildStdout};
use tokio::sync::mpsc;

use super::channel::{now_ms, Clock, MediaChannel, SourceId, Stop};
use super::fmp4::{Piece, Segmenter};
use super::{live_socket, Origin, Upgrade};
use crate::auth::SignedIn;
use crate::error::{AppError, AppResult};
use crate::extract::ApiPath;
use crate::video::Tools;
use crate::AppState;

/// Largest chunk accepted from the host (a `MediaRecorder` slice of a second is ~100 KB).
const MAX_CHUNK: usize = 8 * 1024 * 1024;
/// Chunks waiting for FFmpeg: a host sending faster than it encodes waits (TCP back-pressure).
const PIPE_CHUNKS: usize = 32;
/// A host whose clock is further off than this from ours is given our clock instead.
const CLOCK_SKEW_MS: i64 = 60_000;

/// The FFmpeg command: WebM/MP4 chunks on stdin, fragmented MP4 on stdout.
fn ffmpeg_args() -> Vec<&'static str> {
    vec![
        "-hide_banner",
        "-nostdin",
        "-loglevel",
        "error",
        // Start as soon as the first chunk's headers are read (the default waits for 5 s).
        "-probesize",
        "65536",
        "-analyzeduration",
        "500000",
        "-i",
        "pipe:0",
        "-map",
        "0:v:0",
        "-map",
        "0:a:0?",
        // ≤ 720 on the short side, even sides, never upscaled.
        "-vf",
        "scale='if(gt(iw,ih),-2,min(iw,720))':'if(gt(iw,ih),min(ih,720),-2)'",
        // Browsers record at a variable rate: keep their timestamps.
        "-fps_mode",
        "vfr",
        "-c:v",
        "libx264",
        "-preset",
        "veryfast",
        "-tune",
        "zerolatency",
        "-profile:v",
        "high",
        "-pix_fmt",
        "yuv420p",
        "-crf",
        "25",
        "-maxrate",
        "2500k",
        "-bufsize",
        "2500k",
        // A keyframe every second, so a fragment every second that a viewer can start at.
        "-force_key_frames",
        "expr:gte(t,n_forced*1)",
        "-c:a",
        "aac",
        "-b:a",
        "96k",
        "-ar",
        "48000",
        "-ac",
        "2",
        "-f",
        "mp4",
        "-movflags",
        "frag_keyframe+empty_moov+default_base_moof",
        "pipe:1",
    ]
}

/// Streams into a live room: its signed-in host only, from this site's pages.
#[utoipa::path(
    get,
    path = "/api/v1/live/{id}/ingest",
    tag = "live",
    params(("id" = i64, Path, description = "The live room")),
    responses(
        (status = 101, description = "Switching to the WebSocket: an optional `IngestStart` text message, then `MediaRecorder` chunks as binary messages (see `api_types::live_media`)"),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 403, description = "`not_your_room`, or `cross_site_request`: the upgrade did not come from this site's pages", body = api_types::ErrorBody),
        (status = 404, description = "No such room", body = api_types::ErrorBody),
        (status = 409, description = "`room_ended`: the room has ended", body = api_types::ErrorBody),
        (status = 426, description = "`upgrade_required`: not a WebSocket upgrade", body = api_types::ErrorBody),
        (status = 503, description = "`video_unavailable`: this server cannot transcode now", body = api_types::ErrorBody),
    ),
    security(("session" = []))
)]
pub async fn ingest(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiPath(id): ApiPath<i64>,
    headers: HeaderMap,
    uri: Uri,
    ws: Upgrade,
) -> AppResult<Response> {
    let (ws, room, tools) = live_socket(
        &state,
        id,
        Origin::SameSite(&headers, &uri),
        ws,
        async |room| {
            if room.host_id != me {
                return Err(AppError::forbidden(
                    api_types::ErrorCode::NotYourRoom,
                    "Only the room's host can stream to it.",
                ));
            }
            Ok(state.videos.tools()?.clone())
        },
    )
    .await?;
    let channel = state.live_media.channel(id, !room.is_demo);
    if !room.is_demo {
        // A room made without `POST /live` (or before a restart) is watched from here on.
        crate::live::ending::watch_host(&state, id);
    }
    // Claimed before answering, so of two sockets the later answered one wins.
    let (source, stop) = channel.claim().ok_or_else(crate::live::chat::room_ended)?;
    Ok(ws
        .max_message_size(MAX_CHUNK)
        .on_upgrade(move |socket| run(socket, channel, tools, source, stop)))
}

/// One ingest connection, until the host leaves, another socket takes over or the room ends.
async fn run(
    mut socket: WebSocket,
    channel: Arc<MediaChannel>,
    tools: Tools,
    source: SourceId,
    mut stop: tokio::sync::watch::Receiver<u64>,
) {
    let mut child = match spawn(&tools) {
        Ok(child) => child,
        Err(e) => {
            tracing::warn!("live {}: ffmpeg: {e}", channel.room_id);
            let _ = socket
                .send(close(1011, "The stream cannot be transcoded now."))
                .await;
            return;
        }
    };
    let (Some(mut stdin), Some(stdout), Some(mut stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        return;
    };
    let (clock_tx, clock_rx) = tokio::sync::watch::channel(None::<i64>);
    let mut output = tokio::spawn(pump(stdout, Arc::clone(&channel), source, clock_rx));
    let errors = tokio::spawn(async move {
        let mut buf = Vec::new();
        let _ = (&mut stderr).take(64 * 1024).read_to_end(&mut buf).await;
        // Keep draining, so a chatty FFmpeg never blocks on a full pipe.
        let _ = tokio::io::copy(&mut stderr, &mut tokio::io::sink()).await;
        buf
    });
    let (chunks, mut chunk_rx) = mpsc::channel::<axum::body::Bytes>(PIPE_CHUNKS);
    let writer = tokio::spawn(async move {
        while let Some(chunk) = chunk_rx.recv().await {
            if stdin.write_all(&chunk).await.is_err() {
                break;
            }
        }
        // Dropping stdin ends FFmpeg's input: it writes the last fragment and exits.
    });
    let mut started_at: Option<i64> = None;
    let reason = loop {
        tokio::select! {
            message = socket.recv() => match message {
                Some(Ok(Message::Binary(chunk))) => {
                    channel.fed();
                    if started_at.is_none() {
                        started_at = Some(now_ms());
                        clock_tx.send_replace(started_at);
                    }
                    if chunks.send(chunk).await.is_err() {
                        break None;
                    }
                }
                Some(Ok(Message::Text(text))) if started_at.is_none() => {
                    if let Ok(start) = serde_json::from_str::<IngestStart>(&text) {
                        let now = now_ms();
                        // A wildly wrong clock would make every latency figure nonsense.
                        let at = if (start.started_at_ms - now).abs() > CLOCK_SKEW_MS { now } else { start.started_at_ms };
                        started_at = Some(at);
                        clock_tx.send_replace(started_at);
                    }
                }
                Some(Ok(_)) => {}
                Some(Err(_)) | None => break None,
            },
            _ = stop.changed() => {
                if let Some(why) = channel.stop_reason(source) {
                    break Some(why);
                }
            }
            _ = &mut output => {
                let stderr = errors.await.unwrap_or_default();
                tracing::warn!("live {}: ffmpeg stopped: {}", channel.room_id, crate::video::last_line(&stderr));
                let _ = socket.send(close(1011, "The stream could not be transcoded.")).await;
                let _ = child.kill().await;
                return;
            }
        }
    };
    match reason {
        Some(Stop::Replaced) => {
            let _ = socket
                .send(close(CLOSE_REPLACED, "Another connection took over."))
                .await;
        }
        Some(Stop::Ended) => {
            let _ = socket.send(close(CLOSE_ENDED, "The room has ended.")).await;
        }
        None => {}
    }
    drop(chunks);
    let _ = writer.await;
    // Let FFmpeg flush the last fragment (published only if this source still owns the room).
    if tokio::time::timeout(Duration::from_secs(5), &mut output)
        .await
        .is_err()
    {
        output.abort();
    }
    let _ = child.kill().await;
}

fn close(code: u16, reason: &'static str) -> Message {
    Message::Close(Some(CloseFrame {
        code,
        reason: reason.into(),
    }))
}

fn spawn(tools: &Tools) -> std::io::Result<Child> {
    tokio::process::Command::new(&tools.ffmpeg)
        .args(ffmpeg_args())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
}

/// FFmpeg's output into the channel, until it ends or cannot be read.
async fn pump(
    mut stdout: ChildStdout,
    channel: Arc<MediaChannel>,
    source: SourceId,
    clock: tokio::sync::watch::Receiver<Option<i64>>,
) {
    let mut segmenter = Segmenter::default();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match stdout.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        segmenter.push(&buf[..n]);
        loop {
            let piece = match segmenter.next_piece() {
                Ok(Some(piece)) => piece,
                Ok(None) => break,
                Err(e) => {
                    tracing::warn!("live {}: {e}", channel.room_id);
                    return;
                }
            };
            let done = match piece {
                Piece::Init(raw) => channel.set_init(source, raw),
                Piece::Fragment(raw) => {
                    // Output only follows input, so the first chunk has set the clock.
                    let since = (*clock.borrow()).unwrap_or_else(now_ms);
                    channel
                        .publish(source, raw, Clock::Since(since))
                        .map(|_| ())
                }
            };
            if let Err(e) = done {
                tracing::warn!("live {}: {e}", channel.room_id);
                return;
            }
        }
    }
}
