//! The demo world's video notes: a short clip made from the note's cover scene at first
//! request and cached like the images (nothing is rendered at seed time, so the first start
//! stays fast). The scene is rendered once a little larger than the frame and the camera
//! pans across it; the frames go to ffmpeg as raw RGB on stdin, with a soft tone under them.

use std::io::Write;
use std::process::Stdio;

use api_types::{NoteVideo, VideoRendition};

use super::{rendition_url, transcode::plan};
use crate::api::rows::image;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::images;
use crate::AppState;

/// Length of a demo clip; the player loops it.
pub const DEMO_MS: i64 = 6_000;
const FPS: u32 = 24;
/// The one size demo clips are made in (short side).
pub const DEMO_SHORT_SIDE: u32 = 480;

/// The frame size of a demo clip for a cover of `width`x`height`.
fn frame_size(width: u32, height: u32) -> (u32, u32) {
    let p = plan(width.max(2), height.max(2));
    let first = p
        .iter()
        .find(|p| p.short_side == DEMO_SHORT_SIDE)
        .or(p.first())
        .copied();
    first.map_or((DEMO_SHORT_SIDE, DEMO_SHORT_SIDE), |p| (p.width, p.height))
}

/// A demo video note's video: its cover as poster, one rendition, [`DEMO_MS`] long.
pub async fn note_video(db: &Db, cover_image_id: i64) -> AppResult<Option<NoteVideo>> {
    let row: Option<(String, i64, i64, String, String)> = sqlx::query_as(
        "SELECT image_key, width, height, ph_top, ph_bottom FROM images WHERE id = $1",
    )
    .bind(cover_image_id)
    .fetch_optional(db)
    .await?;
    let Some((key, w, h, top, bottom)) = row else {
        return Ok(None);
    };
    let (fw, fh) = frame_size(u32::try_from(w).unwrap_or(2), u32::try_from(h).unwrap_or(2));
    Ok(Some(NoteVideo {
        duration_ms: DEMO_MS,
        width: fw,
        height: fh,
        renditions: vec![VideoRendition {
            url: rendition_url(&format!("d{key}"), fw.min(fh)),
            width: fw,
            height: fh,
        }],
        poster: image(&key, w, h, top, bottom),
    }))
}

/// Makes the clip for the demo note whose cover is `image_key`, unless it exists.
pub async fn ensure(state: &AppState, image_key: &str, short: u32) -> AppResult<()> {
    let not_found = || AppError::missing(api_types::Resource::Video, "No such video.");
    let row: Option<(String, i64, i64, i64)> = sqlx::query_as(
        "SELECT i.theme, i.seed, i.width, i.height FROM images i \
         WHERE i.image_key = $1 AND EXISTS (SELECT 1 FROM notes n \
         WHERE n.cover_image_id = i.id AND n.kind = 'video' AND n.video_id IS NULL)",
    )
    .bind(image_key)
    .fetch_optional(&state.db)
    .await?;
    let (theme, seed, w, h) = row.ok_or_else(not_found)?;
    let (fw, fh) = frame_size(u32::try_from(w).unwrap_or(2), u32::try_from(h).unwrap_or(2));
    if fw.min(fh) != short {
        return Err(not_found());
    }
    let tools = state.videos.tools()?.clone();
    let _turn = state
        .videos
        .demo_turn
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let dir = state.images.video_dir(&format!("d{image_key}"));
    let path = dir.join(format!("{short}.mp4"));
    let object = super::rendition_object(&format!("d{image_key}"), short);
    if state.images.objects.head(&object).await?.is_some() {
        return Ok(()); // made while this request waited its turn
    }
    tokio::fs::create_dir_all(&dir)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let part = dir.join(format!("{short}.mp4.part{}", fastrand::u32(..)));
    let made = {
        let part = part.clone();
        tokio::task::spawn_blocking(move || make_clip(&tools, &theme, seed as u64, fw, fh, &part))
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?
    };
    let renamed = match made {
        Ok(()) => tokio::fs::rename(&part, &path)
            .await
            .map_err(|e| e.to_string()),
        Err(e) => Err(e),
    };
    if let Err(e) = renamed {
        let _ = tokio::fs::remove_file(&part).await;
        return Err(AppError::Internal(format!("demo video: {e}")));
    }
    state.images.objects.adopt_file(&object, &path).await
}

/// Renders the frames and encodes them (blocking: one core for a second or two).
fn make_clip(
    tools: &super::Tools,
    theme: &str,
    seed: u64,
    width: u32,
    height: u32,
    out: &std::path::Path,
) -> Result<(), String> {
    // A quarter larger than the frame: room for the camera to travel.
    let (bw, bh) = (width + width / 4, height + height / 4);
    let scene = images::render(theme, seed, bw, bh);
    let frames = (DEMO_MS as u32) * FPS / 1000;
    let secs = format!("{}", DEMO_MS as f64 / 1000.0);
    let fade_out = format!("{}", DEMO_MS as f64 / 1000.0 - 1.0);
    let mut child = std::process::Command::new(&tools.ffmpeg)
        .args(["-hide_banner", "-nostdin", "-loglevel", "error", "-y"])
        .args(["-f", "rawvideo", "-pix_fmt", "rgb24"])
        .args(["-s", &format!("{width}x{height}"), "-r", &FPS.to_string()])
        .args(["-i", "pipe:0"])
        // A soft A3 with fades: the player has sound to unmute, and none of it is loud.
        .args(["-f", "lavfi", "-i", "sine=frequency=220:sample_rate=44100"])
        .args([
            "-filter:a",
            &format!("volume=0.08,afade=t=in:d=1,afade=t=out:st={fade_out}:d=1"),
        ])
        .args(["-map", "0:v", "-map", "1:a", "-t", &secs])
        .args(["-c:v", "libx264", "-preset", "veryfast", "-crf", "26"])
        .args(["-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k"])
        .args(["-movflags", "+faststart", "-f", "mp4"])
        .arg(out)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("ffmpeg: {e}"))?;
    let mut stdin = child.stdin.take().ok_or("ffmpeg stdin")?;
    let mut frame = vec![0u8; (width * height * 3) as usize];
    let row = (width * 3) as usize;
    let (dx, dy) = (bw - width, bh - height);
    let mut written = Ok(());
    for i in 0..frames {
        // Ease in and out along a diagonal.
        let t = f64::from(i) / f64::from(frames.max(2) - 1);
        let e = t * t * (3.0 - 2.0 * t);
        let x0 = (e * f64::from(dx)).round() as u32;
        let y0 = ((1.0 - e) * f64::from(dy)).round() as u32;
        let src = scene.as_raw();
        let src_row = (bw * 3) as usize;
        for y in 0..height {
            let from = (y + y0) as usize * src_row + (x0 * 3) as usize;
            let to = y as usize * row;
            frame[to..to + row].copy_from_slice(&src[from..from + row]);
        }
        if let Err(e) = stdin.write_all(&frame) {
            written = Err(format!("ffmpeg input: {e}"));
            break;
        }
    }
    drop(stdin);
    let out = child
        .wait_with_output()
        .map_err(|e| format!("ffmpeg: {e}"))?;
    if !out.status.success() {
        return Err(format!("ffmpeg: {}", super::last_line(&out.stderr)));
    }
    written
}
