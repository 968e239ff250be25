//! `cargo xtask s3`: a local S3-compatible server for the media store's S3 test, until Ctrl-C.
//! It is moto's server (PyPI `moto[server]`, installed once into `target/s3-venv`, ~40 s):
//! an in-memory S3 that signs nothing and keeps nothing, enough to check what the server
//! sends (keys, ranges, listings). Then
//! `ZC_TEST_S3_URL=http://127.0.0.1:PORT cargo test --profile server -p zhongcao-server-tests -- media_store`.

use std::path::PathBuf;
use std::process::Command;

use crate::tools::{root, run, step, Result};

/// moto's server in its own virtual environment, installed when missing.
fn moto_server() -> Result<PathBuf> {
    let venv = root().join("target").join("s3-venv");
    let server = venv.join("bin").join("moto_server");
    if server.exists() {
        return Ok(server);
    }
    step("Installing moto's S3 server (PyPI moto[server]) into target/s3-venv");
    run(Command::new("python3").arg("-m").arg("venv").arg(&venv))?;
    run(Command::new(venv.join("bin").join("pip")).args(["install", "--quiet", "moto[server]"]))?;
    Ok(server)
}

pub fn serve(port: u16) -> Result {
    let server = moto_server()?;
    step("Starting a local S3 server (Ctrl-C stops it; it keeps nothing)");
    println!("    ZC_TEST_S3_URL=http://127.0.0.1:{port}");
    run(Command::new(server).args(["-H", "127.0.0.1", "-p", &port.to_string()]))
}
