//! The app's server for tests and benchmarks: built with the `server` profile, started on a
//! free port over a throwaway data directory, stopped when its guard drops.

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use crate::tools::{cargo, root, run, step, Result};

pub fn server_binary() -> PathBuf {
    root().join("target/server/zhongcao-server")
}

pub fn build_server() -> Result {
    step("Building the server (profile `server`)");
    run(cargo().args(["build", "--profile", "server", "-p", "zhongcao-server"]))
}

/// A running server that is stopped when dropped.
pub struct ServerGuard {
    child: Child,
    pub port: u16,
}

impl ServerGuard {
    /// The server process's id, for reading its `/proc` figures (memory, CPU time).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for ServerGuard {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

/// Starts the built server on a throwaway data directory and waits until it answers.
pub fn start_test_server(data_dir: &Path) -> Result<ServerGuard> {
    start_server_with(data_dir, &[])
}

/// Like [`start_test_server`], with extra environment (e.g. a bigger demo world).
pub fn start_server_with(data_dir: &Path, env: &[(&str, &str)]) -> Result<ServerGuard> {
    let port = free_port()?;
    let child = Command::new(server_binary())
        // Benchmarks and browser tests keep rooms live with no camera for over a minute; the
        // ending of abandoned rooms is tested in tests/it/live_media/abandoned.rs. `env` may
        // set it back.
        .env("LIVE_HOST_GRACE_SECS", "3600")
        .envs(env.iter().copied())
        .current_dir(root())
        .env("PORT", port.to_string())
        .env("DATA_DIR", data_dir)
        .env("DIST_DIR", root().join("dist"))
        .env("RUST_LOG", "warn")
        // Browser tests and benchmarks send everything from 127.0.0.1: dozens of sign-ups,
        // thousands of searches. The limits themselves are tested in tests/it/abuse.rs.
        .env("RATE_LIMIT_FACTOR", "1000")
        .spawn()
        .map_err(|e| format!("could not start the server: {e}"))?;
    let guard = ServerGuard { child, port };
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(180) {
        if crate::http::get(port, "/api/v1/health").is_ok_and(|r| r.status == 200) {
            println!(
                "    server ready on port {port} after {:.1}s",
                started.elapsed().as_secs_f64()
            );
            return Ok(guard);
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    Err("the server did not become ready within 180 s".into())
}
