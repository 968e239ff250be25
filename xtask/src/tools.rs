//! Installing what the build and the tests need, skipping whatever is already present.

use std::path::{Path, PathBuf};
use std::process::Command;

pub type Result<T = ()> = std::result::Result<T, String>;

/// Must equal the `wasm-bindgen` version in Cargo.lock exactly.
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";

/// The workspace root (xtask lives one level below it).
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(Path::to_path_buf).unwrap_or(manifest)
}

/// Prints a section header with the time since xtask started, so a slow CI run shows where
/// its minutes went.
pub fn step(message: &str) {
    static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    let elapsed = STARTED.get_or_init(std::time::Instant::now).elapsed();
    println!("\n==> [{:>4}s] {message}", elapsed.as_secs());
}

/// Runs a command in the workspace root with `node_modules/.bin` and cargo's bin dir on PATH.
pub fn run(cmd: &mut Command) -> Result {
    let shown = format!("{cmd:?}");
    println!("    $ {}", shown.replace('"', ""));
    let status = cmd
        .current_dir(root())
        .env("PATH", tool_path())
        .status()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} exited with {status}"))
    }
}

/// Output of a command, or None when it cannot run or fails.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .env("PATH", tool_path())
        .current_dir(root())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

pub fn tool_path() -> String {
    let mut parts = vec![root().join("node_modules/.bin").display().to_string()];
    if let Some(home) = std::env::var_os("HOME") {
        parts.push(PathBuf::from(home).join(".cargo/bin").display().to_string());
    }
    if let Ok(path) = std::env::var("PATH") {
        parts.push(path);
    }
    parts.join(":")
}

/// The cargo that runs xtask (the same toolchain), for builds and checks.
pub fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

fn ensure_wasm_target() -> Result {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        println!("    wasm32-unknown-unknown target: present");
        return Ok(());
    }
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn ensure_cargo_tool(binary: &str, krate: &str, version: &str, locked: bool) -> Result {
    let current = output(binary, &["--version"]).unwrap_or_default();
    if current.contains(version) {
        println!("    {binary} {version}: present");
        return Ok(());
    }
    println!("    installing {krate} {version} (takes a few minutes, once)");
    let mut cmd = cargo();
    cmd.args(["install", krate, "--version", version]);
    if locked {
        cmd.arg("--locked");
    }
    run(&mut cmd)
}

fn ensure_npm_packages() -> Result {
    let root = root();
    let marker = root.join("node_modules/.package-lock.json");
    let fresh = match (marker.metadata(), root.join("package-lock.json").metadata()) {
        (Ok(installed), Ok(lock)) => match (installed.modified(), lock.modified()) {
            (Ok(a), Ok(b)) => a >= b,
            _ => false,
        },
        _ => false,
    };
    if fresh
        && ["wasm-opt", "esbuild"]
            .iter()
            .all(|b| root.join("node_modules/.bin").join(b).exists())
    {
        println!("    npm packages (playwright, binaryen wasm-opt, esbuild): present");
        return Ok(());
    }
    // Browsers come from Debian; Playwright must never download its own.
    run(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))
}

const APT_PACKAGES: [(&str, &str); 4] = [
    ("chromium", "/usr/bin/chromium"),
    ("chromium-driver", "/usr/bin/chromedriver"),
    (
        "fonts-noto-cjk",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    ),
    (
        "fonts-noto-color-emoji",
        "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf",
    ),
];

fn ensure_browser() -> Result {
    let missing: Vec<&str> = APT_PACKAGES
        .iter()
        .filter(|(_, file)| !Path::new(file).exists())
        .map(|(pkg, _)| *pkg)
        .collect();
    if missing.is_empty() {
        println!("    chromium, chromedriver, CJK and emoji fonts: present");
        return Ok(());
    }
    apt_install(&missing)
}

/// `apt-get update` then installs `packages` from Debian (through sudo when not root).
fn apt_install(packages: &[&str]) -> Result {
    let sudo = output("id", &["-u"]).is_some_and(|u| u.trim() != "0");
    let apt = |args: &[&str]| {
        let mut cmd = if sudo {
            let mut c = Command::new("sudo");
            c.arg("apt-get");
            c
        } else {
            Command::new("apt-get")
        };
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut cmd)
    };
    apt(&["update", "-qq"])?;
    let mut args = vec!["install", "-y", "-qq", "--no-install-recommends"];
    args.extend(packages);
    apt(&args)
}

/// FFmpeg (Debian's `ffmpeg`, which brings `ffprobe`): the server transcodes uploaded videos
/// and makes the demo world's videos with it, and the server tests make their clips with it.
fn ensure_ffmpeg() -> Result {
    let present = |tool: &str| output(tool, &["-version"]).is_some();
    if present("ffmpeg") && present("ffprobe") {
        println!("    ffmpeg, ffprobe: present");
        return Ok(());
    }
    apt_install(&["ffmpeg"])
}

/// Debian 12's PostgreSQL; `pg_config --bindir` is the fallback for other layouts.
const DEBIAN_BINDIR: &str = "/usr/lib/postgresql/15/bin";

/// PostgreSQL's binaries, or None when it is not installed.
pub fn postgres_bindir() -> Option<PathBuf> {
    let debian = PathBuf::from(DEBIAN_BINDIR);
    if debian.join("initdb").exists() {
        return Some(debian);
    }
    let dir = PathBuf::from(output("pg_config", &["--bindir"])?.trim());
    dir.join("initdb").exists().then_some(dir)
}

/// PostgreSQL 15 (Debian 12's `postgresql`, which also creates the `postgres` user): the
/// server tests run against a throwaway one (`postgres.rs`).
pub fn ensure_postgres() -> Result {
    if let Some(bin) = postgres_bindir() {
        println!("    PostgreSQL ({}): present", bin.display());
        return Ok(());
    }
    apt_install(&["postgresql"])
}

/// Installs the build tools; with `for_tests`, also the browser, fonts and PostgreSQL.
pub fn setup(for_tests: bool) -> Result {
    step("Checking tools (installing only what is missing)");
    ensure_wasm_target()?;
    ensure_cargo_tool(
        "wasm-bindgen",
        "wasm-bindgen-cli",
        WASM_BINDGEN_VERSION,
        false,
    )?;
    ensure_npm_packages()?;
    ensure_ffmpeg()?;
    if for_tests {
        ensure_browser()?;
        ensure_postgres()?;
    }
    Ok(())
}
