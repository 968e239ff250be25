//! The one ffmpeg recipe for test clips, shared by the video tests and the video benchmark
//! (`cargo xtask bench --video`).
//!
//! Standard library only, because xtask includes this file with `#[path]`: the project's
//! crates never reach into xtask, while xtask (which builds and runs them, and already
//! includes `build/i18n.rs` the same way) is the side that depends on their files. So neither
//! package gains a dependency on the other.

use std::path::Path;
use std::process::Command;

/// ffmpeg that says only what went wrong and overwrites its output: the start of every
/// clip-making command here.
pub fn ffmpeg() -> Command {
    let mut cmd = Command::new("ffmpeg");
    cmd.args(["-hide_banner", "-loglevel", "error", "-y"]);
    cmd
}

/// The ffmpeg command that writes a clip to `out` from ffmpeg's test sources: a `w`x`h`
/// picture at `fps` with a 440 Hz tone, `seconds` long, H.264 (ultrafast) and AAC. `extra`
/// are further output options (e.g. `-crf 20`). The caller runs it.
pub fn clip_command(out: &Path, w: u32, h: u32, fps: u32, seconds: u32, extra: &[&str]) -> Command {
    let mut cmd = ffmpeg();
    cmd.args(["-f", "lavfi", "-i"])
        .arg(format!(
            "testsrc2=size={w}x{h}:rate={fps}:duration={seconds}"
        ))
        .args(["-f", "lavfi", "-i"])
        .arg(format!("sine=frequency=440:duration={seconds}"))
        .args(["-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"])
        .args(extra)
        .arg(out);
    cmd
}
