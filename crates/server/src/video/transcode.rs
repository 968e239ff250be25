//! FFmpeg runs: the renditions of an uploaded video (one decode, H.264/AAC MP4 with the index
//! first so playback starts before the download ends) with progress from `-progress pipe:1`,
//! and a poster frame.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use api_types::VIDEO_RENDITIONS;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader};

use super::Tools;

/// One output size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan {
    /// The short side: the rendition's name (480 → `480.mp4`).
    pub short_side: u32,
    pub width: u32,
    pub height: u32,
}

/// The renditions of a `width`x`height` video: each of [`VIDEO_RENDITIONS`] its short side
/// reaches, never upscaled; a smaller source gets one rendition at its own size. Sides are
/// even (H.264 in 4:2:0 needs it).
pub fn plan(width: u32, height: u32) -> Vec<Plan> {
    let short = width.min(height).max(2);
    let long = width.max(height);
    let mut shorts: Vec<u32> = VIDEO_RENDITIONS
        .iter()
        .copied()
        .filter(|s| *s <= short)
        .collect();
    if shorts.is_empty() {
        shorts.push(short & !1);
    }
    shorts
        .into_iter()
        .map(|s| {
            // The nearest even length, but never past the source's own.
            let other = ((u64::from(long) * u64::from(s) + u64::from(short))
                / (2 * u64::from(short))
                * 2) as u32;
            let other = other.min(long & !1).max(2);
            let (w, h) = if width <= height {
                (s, other)
            } else {
                (other, s)
            };
            Plan {
                short_side: s,
                width: w,
                height: h,
            }
        })
        .collect()
}

/// Where a rendition is written while it is made (renamed into place when all are done).
/// Each attempt writes its own: an ffmpeg orphaned by a killed server may still be writing
/// the previous attempt's file.
pub fn part_path(dir: &Path, short_side: u32, attempt: i64) -> PathBuf {
    dir.join(format!("{short_side}.mp4.part{attempt}"))
}

pub fn final_path(dir: &Path, short_side: u32) -> PathBuf {
    dir.join(format!("{short_side}.mp4"))
}

/// Transcodes `source` into every planned rendition under `dir` (as `.part` files), calling
/// `progress` with 0–99 as it goes. Fails with a sentence for the uploader.
pub async fn renditions(
    tools: &Tools,
    source: &Path,
    dir: &Path,
    attempt: i64,
    plans: &[Plan],
    duration_ms: i64,
    mut progress: impl FnMut(u8),
) -> Result<(), String> {
    let mut graph = format!("[0:v]split={}", plans.len());
    for i in 0..plans.len() {
        graph.push_str(&format!("[s{i}]"));
    }
    for (i, p) in plans.iter().enumerate() {
        graph.push_str(&format!(
            ";[s{i}]scale={}:{},setsar=1[o{i}]",
            p.width, p.height
        ));
    }
    let mut cmd = tokio::process::Command::new(&tools.ffmpeg);
    cmd.args(["-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i"])
        .arg(source)
        .args(["-progress", "pipe:1", "-nostats", "-filter_complex", &graph]);
    for (i, p) in plans.iter().enumerate() {
        cmd.args(["-map", &format!("[o{i}]"), "-map", "0:a:0?"])
            // No metadata (phones write the place) and no chapters in what is served.
            .args(["-map_metadata", "-1", "-map_chapters", "-1"])
            .args(["-c:v", "libx264", "-preset", "veryfast", "-crf", "23"])
            .args(["-pix_fmt", "yuv420p", "-fpsmax", "30"])
            .args(["-c:a", "aac", "-b:a", "128k", "-ac", "2"])
            .args(["-movflags", "+faststart", "-f", "mp4"])
            .arg(part_path(dir, p.short_side, attempt));
    }
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| format!("The converter could not start ({e})."))?;
    let stdout = child.stdout.take().ok_or("no ffmpeg output")?;
    let mut stderr = child.stderr.take().ok_or("no ffmpeg errors")?;
    // Read the errors alongside, so a chatty failure cannot fill the pipe and stall ffmpeg.
    let errors = tokio::spawn(async move {
        let mut buf = Vec::new();
        let _ = stderr.read_to_end(&mut buf).await;
        buf
    });
    // A generous bound: a stuck converter must not hold the queue for ever.
    let limit = Duration::from_secs(120) + Duration::from_millis(duration_ms.max(0) as u64 * 20);
    let started = Instant::now();
    let mut lines = BufReader::new(stdout).lines();
    let mut last = 0u8;
    let read = async {
        while let Ok(Some(line)) = lines.next_line().await {
            if let Some(us) = line
                .strip_prefix("out_time_us=")
                .and_then(|v| v.trim().parse::<i64>().ok())
            {
                let pct = (us / 10 / duration_ms.max(1)).clamp(0, 99) as u8;
                if pct > last {
                    last = pct;
                    progress(pct);
                }
            }
        }
    };
    if tokio::time::timeout(limit, read).await.is_err() {
        let _ = child.kill().await;
        return Err(format!(
            "Converting took longer than {} s and was stopped.",
            started.elapsed().as_secs()
        ));
    }
    let status = child
        .wait()
        .await
        .map_err(|e| format!("The converter failed ({e})."))?;
    let stderr = errors.await.unwrap_or_default();
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "The video could not be converted: {}",
            super::last_line(&stderr)
        ))
    }
}

/// A frame a little into the video (1 s, or a third of a shorter one) as PNG bytes.
pub async fn poster_frame(
    tools: &Tools,
    source: &Path,
    duration_ms: i64,
) -> Result<Vec<u8>, String> {
    let at = (duration_ms / 3).min(1_000);
    let out = tokio::process::Command::new(&tools.ffmpeg)
        .args(["-hide_banner", "-nostdin", "-loglevel", "error"])
        .args(["-ss", &format!("{}.{:03}", at / 1000, at % 1000), "-i"])
        .arg(source)
        .args([
            "-frames:v",
            "1",
            "-f",
            "image2pipe",
            "-c:v",
            "png",
            "pipe:1",
        ])
        .stdin(Stdio::null())
        .kill_on_drop(true)
        .output();
    let out = tokio::time::timeout(Duration::from_secs(60), out)
        .await
        .map_err(|_| "Taking a poster frame took too long.".to_string())?
        .map_err(|e| format!("The converter could not start ({e})."))?;
    if !out.status.success() || out.stdout.is_empty() {
        return Err(format!(
            "No frame could be taken from the video: {}",
            super::last_line(&out.stderr)
        ));
    }
    Ok(out.stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes(w: u32, h: u32) -> Vec<(u32, u32)> {
        plan(w, h).iter().map(|p| (p.width, p.height)).collect()
    }

    #[test]
    fn renditions_are_never_upscaled() {
        assert_eq!(sizes(1920, 1080), vec![(854, 480), (1280, 720)]);
        assert_eq!(sizes(1080, 1920), vec![(480, 854), (720, 1280)]);
        assert_eq!(sizes(640, 360), vec![(640, 360)]);
        assert_eq!(sizes(853, 480), vec![(852, 480)]);
        assert_eq!(sizes(1000, 600), vec![(800, 480)]);
        assert_eq!(sizes(101, 51), vec![(100, 50)]);
    }
}
