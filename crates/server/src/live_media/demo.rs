//! Demo rooms: every `live_rooms` row with `status = 'live' AND is_demo` is played by the
//! server from a generated clip, in a loop, as if live. The clip (a product scene from
//! `imagegen` with a sweeping clock hand and a ticking sound, 16 s, already fragmented MP4
//! with a keyframe a second) is made once per look and cached on disk; looping only re-times
//! and sends its fragments, so a demo room costs a timer a second and no FFmpeg.
//! Ended demo rooms' replays (`demo-{id}`) are the clip three times over, made on first request.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;

use super::channel::{Clock, MediaChannel};
use super::fmp4::{Piece, Segmenter};
use super::LiveMedia;
use crate::error::{AppError, AppResult};
use crate::video::Tools;
use crate::AppState;

/// Bumped when the clip changes, so cached files are made again.
const CLIP_VERSION: &str = "v2";
pub const CLIP_SECS: u32 = 16;
const FPS: u32 = 24;
/// Portrait, like a phone's live.
pub const WIDTH: u32 = 480;
pub const HEIGHT: u32 = 854;
/// The looks a demo room can have (room id modulo their number), each one clip on disk.
const LOOKS: [(&str, u64); 4] = [("beauty", 11), ("food", 23), ("fashion", 37), ("tech", 41)];

/// The replay key of demo room `room_id`.
pub fn replay_key(room_id: i64) -> String {
    format!("demo-{room_id}")
}

/// Starts playing every live demo room (at start-up). Failures are logged.
pub async fn start_all(state: &AppState) -> Result<usize, sqlx::Error> {
    let rooms: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM live_rooms WHERE status = 'live' AND is_demo ORDER BY id",
    )
    .fetch_all(&state.db)
    .await?;
    for &id in &rooms {
        start(state, id);
    }
    Ok(rooms.len())
}

/// Plays demo room `room_id` until it ends (a second call while it plays changes nothing
/// viewers notice: the newer loop takes over).
pub fn start(state: &AppState, room_id: i64) {
    let media = Arc::clone(&state.live_media);
    let channel = media.channel(room_id, false);
    tokio::spawn(async move {
        if let Err(e) = play(&media, &channel).await {
            tracing::warn!("demo live {room_id}: {e}");
        }
    });
}

async fn play(media: &LiveMedia, channel: &MediaChannel) -> Result<(), String> {
    let Some((source, mut stop)) = channel.claim() else {
        return Ok(());
    };
    let tools = media.tools.clone().ok_or("no ffmpeg")?;
    let look = LOOKS[channel.room_id.rem_euclid(LOOKS.len() as i64) as usize];
    let path = ensure_clip(media, &tools, look).await?;
    let bytes = tokio::fs::read(&path).await.map_err(|e| e.to_string())?;
    let (init, fragments) = split(&bytes)?;
    channel.set_init(source, init)?;
    // Paced by the room's timeline, which each lap extends by its longest track.
    let started = Instant::now();
    let timeline_at_start = channel.timeline_secs();
    loop {
        channel.new_run(source);
        for fragment in &fragments {
            if channel.stop_reason(source).is_some() {
                return Ok(());
            }
            channel.publish(source, fragment.clone(), Clock::Now)?;
            let ahead = channel.timeline_secs() - timeline_at_start;
            let due = started + Duration::from_secs_f64(ahead.max(0.0));
            tokio::select! {
                _ = tokio::time::sleep_until(due) => {}
                _ = stop.changed() => {}
            }
        }
    }
}

/// A fragmented MP4 file's init segment and fragments.
pub fn split(bytes: &[u8]) -> Result<(Vec<u8>, Vec<Vec<u8>>), String> {
    let mut segmenter = Segmenter::default();
    segmenter.push(bytes);
    let (mut init, mut fragments) = (None, Vec::new());
    while let Some(piece) = segmenter.next_piece().map_err(|e| e.to_string())? {
        match piece {
            Piece::Init(raw) => init = Some(raw),
            Piece::Fragment(raw) => fragments.push(raw),
        }
    }
    match init {
        Some(init) if !fragments.is_empty() => Ok((init, fragments)),
        _ => Err("the clip has no fragments".to_string()),
    }
}

/// The cached clip of `look`, made now if missing.
async fn ensure_clip(
    media: &LiveMedia,
    tools: &Tools,
    look: (&'static str, u64),
) -> Result<PathBuf, String> {
    let path = media
        .dir
        .join(format!("demo-clip-{CLIP_VERSION}-{}.mp4", look.0));
    if tokio::fs::try_exists(&path).await.unwrap_or(false) {
        return Ok(path);
    }
    let _turn = media.demo_turn.acquire().await.map_err(|e| e.to_string())?;
    if tokio::fs::try_exists(&path).await.unwrap_or(false) {
        return Ok(path); // made while this one waited its turn
    }
    tokio::fs::create_dir_all(&media.dir)
        .await
        .map_err(|e| e.to_string())?;
    let part = path.with_extension(format!("mp4.part{}", fastrand::u32(..)));
    let made = {
        let (tools, part) = (tools.clone(), part.clone());
        tokio::task::spawn_blocking(move || make_clip(&tools, look, &part))
            .await
            .map_err(|e| e.to_string())?
    };
    let renamed = match made {
        Ok(()) => tokio::fs::rename(&part, &path)
            .await
            .map_err(|e| e.to_string()),
        Err(e) => Err(e),
    };
    if renamed.is_err() {
        let _ = tokio::fs::remove_file(&part).await;
    }
    renamed.map(|()| path)
}

/// Renders the frames and encodes them (blocking: a core for a few seconds, once per look).
fn make_clip(tools: &Tools, (theme, seed): (&str, u64), out: &Path) -> Result<(), String> {
    let scene = crate::images::render(theme, seed, WIDTH, HEIGHT);
    let frames = CLIP_SECS * FPS;
    // A tick each second over a quiet hum: something to hear, nothing loud.
    let audio = "aevalsrc=0.25*sin(2*PI*1320*t)*lt(mod(t\\,1)\\,0.05)+0.04*sin(2*PI*220*t):s=48000:c=stereo";
    let mut child = std::process::Command::new(&tools.ffmpeg)
        .args(["-hide_banner", "-nostdin", "-loglevel", "error", "-y"])
        .args(["-f", "rawvideo", "-pix_fmt", "rgb24"])
        .args(["-s", &format!("{WIDTH}x{HEIGHT}"), "-r", &FPS.to_string()])
        .args(["-i", "pipe:0", "-f", "lavfi", "-i", audio])
        .args(["-map", "0:v", "-map", "1:a", "-t", &CLIP_SECS.to_string()])
        .args([
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "27", "-pix_fmt", "yuv420p",
        ])
        // A keyframe every second, and nowhere else: one fragment a second.
        .args([
            "-g",
            &FPS.to_string(),
            "-keyint_min",
            &FPS.to_string(),
            "-sc_threshold",
            "0",
        ])
        .args(["-c:a", "aac", "-b:a", "64k"])
        .args([
            "-f",
            "mp4",
            "-movflags",
            "frag_keyframe+empty_moov+default_base_moof",
        ])
        .arg(out)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("ffmpeg: {e}"))?;
    let mut stdin = child.stdin.take().ok_or("ffmpeg stdin")?;
    let mut written = Ok(());
    for i in 0..frames {
        let frame = super::clock_face::draw(&scene, i as f32 / (FPS * CLIP_SECS) as f32);
        if let Err(e) = stdin.write_all(frame.as_raw()) {
            written = Err(format!("ffmpeg input: {e}"));
            break;
        }
    }
    drop(stdin);
    let out = child
        .wait_with_output()
        .map_err(|e| format!("ffmpeg: {e}"))?;
    if !out.status.success() {
        return Err(format!("ffmpeg: {}", crate::video::last_line(&out.stderr)));
    }
    written
}

/// Makes sure the replay of ended demo room `key` (`demo-{id}`) exists; 404 unless such a
/// room exists.
pub async fn ensure_replay(state: &AppState, key: &str, path: &Path) -> AppResult<()> {
    let not_found = || AppError::missing(api_types::Resource::Replay, "No such replay.");
    let id: Option<i64> =
        sqlx::query_scalar("SELECT id FROM live_rooms WHERE replay_key = $1 AND is_demo")
            .bind(key)
            .fetch_optional(&state.db)
            .await?;
    let id = id.ok_or_else(not_found)?;
    let media = &state.live_media;
    let tools = state.videos.tools()?.clone();
    let look = LOOKS[id.rem_euclid(LOOKS.len() as i64) as usize];
    let clip = ensure_clip(media, &tools, look)
        .await
        .map_err(AppError::Internal)?;
    let _turn = media
        .demo_turn
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let object = super::record::replay_object(key);
    if state.images.objects.head(&object).await?.is_some() {
        return Ok(());
    }
    let looped = path.with_extension(format!("mp4.part{}", fastrand::u32(..)));
    let made = match loop_three_times(&tools, &clip, &looped).await {
        Ok(()) => tokio::fs::rename(&looped, path)
            .await
            .map_err(|e| e.to_string()),
        Err(e) => Err(e),
    };
    if made.is_err() {
        let _ = tokio::fs::remove_file(&looped).await;
    }
    made.map_err(|e| AppError::Internal(format!("demo replay: {e}")))?;
    state.images.objects.adopt_file(&object, path).await
}

/// The clip played three times in a row, as one MP4 with its index first (a copy: no
/// re-encoding).
async fn loop_three_times(tools: &Tools, clip: &Path, out: &Path) -> Result<(), String> {
    let run = tokio::process::Command::new(&tools.ffmpeg)
        .args([
            "-hide_banner",
            "-nostdin",
            "-loglevel",
            "error",
            "-y",
            "-stream_loop",
            "2",
            "-i",
        ])
        .arg(clip)
        .args(["-c", "copy", "-movflags", "+faststart", "-f", "mp4"])
        .arg(out)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .output()
        .await
        .map_err(|e| e.to_string())?;
    if run.status.success() {
        Ok(())
    } else {
        Err(crate::video::last_line(&run.stderr))
    }
}
