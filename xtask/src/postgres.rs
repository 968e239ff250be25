//! A throwaway PostgreSQL 15 server for the tests (and `cargo xtask postgres` for developers):
//! `initdb` into a fresh temporary directory, started by `pg_ctl` on a free loopback port (and
//! a unix socket in that directory), tuned for speed over durability, one database created.
//! It is stopped and its directory removed when the handle is dropped (also on an error
//! return or a panic); a watchdog process does the same if xtask dies without unwinding
//! (Ctrl-C, a kill), so no server outlives the run.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use crate::tools::{output, Result};

/// The database every throwaway server gets.
pub const DATABASE: &str = "zhongcao";
/// Its superuser (the same whoever runs xtask, so the URL is predictable).
const SUPERUSER: &str = "postgres";
pub struct Postgres {
    bin: PathBuf,
    /// The temporary directory: `data/` (the cluster), the socket, `server.log`.
    dir: PathBuf,
    pub port: u16,
    /// PostgreSQL refuses to run as root: as root, its commands run as the `postgres` user.
    as_postgres: bool,
}

impl Postgres {
    /// Starts a fresh server on `port` (a free one when None) and creates [`DATABASE`].
    pub fn start(port: Option<u16>) -> Result<Postgres> {
        let bin = crate::tools::postgres_bindir()
            .ok_or("PostgreSQL 15 is not installed (cargo xtask setup installs it)")?;
        let port = match port {
            Some(port) => port,
            None => free_port()?,
        };
        let as_postgres = output("id", &["-u"]).is_some_and(|uid| uid.trim() == "0");
        let dir = std::env::temp_dir().join(format!("zhongcao-pg-{}-{port}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let pg = Postgres {
            bin,
            dir,
            port,
            as_postgres,
        };
        // From here on, dropping `pg` cleans up whatever was made.
        if as_postgres {
            pg.quiet(
                Command::new("chown")
                    .arg(format!("{SUPERUSER}:"))
                    .arg(&pg.dir),
            )
            .map_err(|e| format!("chown postgres (does the `postgres` user exist?): {e}"))?;
        }
        pg.watch_for_exit()?;
        pg.quiet(pg.tool("initdb").args([
            "--pgdata",
            &pg.data().display().to_string(),
            "--username",
            SUPERUSER,
            "--auth=trust",
            "--no-sync",
            "--encoding=UTF8",
            "--locale=C",
        ]))?;
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off \
             -c full_page_writes=off -c synchronous_commit=off",
            pg.dir.display()
        );
        let log = pg.dir.join("server.log");
        let started = pg.quiet(pg.tool("pg_ctl").args([
            "start",
            "--pgdata",
            &pg.data().display().to_string(),
            "--wait",
            "--timeout=60",
            "--log",
            &log.display().to_string(),
            "-o",
            &options,
        ]));
        if let Err(e) = started {
            let log = std::fs::read_to_string(&log).unwrap_or_default();
            return Err(format!("{e}\n{log}"));
        }
        // A client needs no special user: trust authentication over TCP.
        pg.quiet(Command::new(pg.bin.join("createdb")).args([
            "--host=127.0.0.1",
            &format!("--port={port}"),
            &format!("--username={SUPERUSER}"),
            DATABASE,
        ]))?;
        Ok(pg)
    }

    /// The database's URL, as sqlx takes it.
    pub fn url(&self) -> String {
        format!("postgres://{SUPERUSER}@127.0.0.1:{}/{DATABASE}", self.port)
    }

    fn data(&self) -> PathBuf {
        self.dir.join("data")
    }

    /// A server-side tool (initdb, pg_ctl), run as `postgres` when xtask runs as root.
    fn tool(&self, name: &str) -> Command {
        let program = self.bin.join(name);
        if self.as_postgres {
            let mut cmd = Command::new("runuser");
            cmd.args(["-u", SUPERUSER, "--"]).arg(program);
            cmd
        } else {
            Command::new(program)
        }
    }

    /// Runs `cmd` in the temporary directory, keeping its chatter unless it fails.
    fn quiet(&self, cmd: &mut Command) -> Result {
        let shown = format!("{cmd:?}").replace('"', "");
        let out = cmd
            .current_dir(&self.dir)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("could not start {shown}: {e}"))?;
        if out.status.success() {
            return Ok(());
        }
        Err(format!(
            "{shown} exited with {}:\n{}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }

    /// A detached shell (its own process group, so Ctrl-C in the terminal does not reach it)
    /// that waits for xtask to exit and then stops the server and removes its directory, for
    /// the exits that skip `Drop`. After a normal drop it finds the directory gone.
    fn watch_for_exit(&self) -> Result {
        const SCRIPT: &str = r#"
            while kill -0 "$XTASK_PID" 2>/dev/null; do sleep 1; done
            [ -d "$PG_DIR" ] || exit 0
            if [ -f "$PG_DIR/data/postmaster.pid" ]; then
                $PG_AS "$PG_BIN/pg_ctl" stop --pgdata "$PG_DIR/data" --mode=immediate --wait
            fi
            rm -rf "$PG_DIR"
        "#;
        Command::new("sh")
            .args(["-c", SCRIPT])
            .env("XTASK_PID", std::process::id().to_string())
            .env("PG_DIR", &self.dir)
            .env("PG_BIN", &self.bin)
            .env(
                "PG_AS",
                if self.as_postgres {
                    "runuser -u postgres --"
                } else {
                    ""
                },
            )
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .map(drop)
            .map_err(|e| format!("could not start the PostgreSQL watchdog: {e}"))
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        if self.data().join("postmaster.pid").exists() {
            // Immediate: nothing in a throwaway cluster is worth a checkpoint.
            let stopped = self.quiet(self.tool("pg_ctl").args([
                "stop",
                "--pgdata",
                &self.data().display().to_string(),
                "--mode=immediate",
                "--wait",
            ]));
            if let Err(e) = stopped {
                eprintln!("    could not stop the throwaway PostgreSQL: {e}");
            }
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A port nobody listens on right now (the OS picks it; it stays free in practice).
fn free_port() -> Result<u16> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("no free port: {e}"))
}

/// `cargo xtask postgres`: one throwaway server until Ctrl-C.
pub fn serve(port: Option<u16>) -> Result {
    crate::tools::ensure_postgres()?;
    crate::tools::step("Starting a throwaway PostgreSQL (Ctrl-C stops it and deletes its data)");
    let pg = Postgres::start(port)?;
    println!("    {}", pg.url());
    println!("    psql: {}", pg.bin.join("psql").display());
    println!("    data: {}", pg.dir.display());
    loop {
        // Ctrl-C ends xtask here; the watchdog stops the server and removes the directory.
        std::thread::sleep(std::time::Duration::from_secs(3600));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Starts a real server when PostgreSQL is installed (skips, saying so, when not), checks
    /// it answers on its port, and that dropping the handle stops it and removes its files.
    #[test]
    fn a_throwaway_server_starts_answers_and_leaves_nothing_behind() {
        if crate::tools::postgres_bindir().is_none() {
            println!("skipped: PostgreSQL is not installed");
            return;
        }
        let pg = Postgres::start(None).expect("start");
        let dir = pg.dir.clone();
        let psql = pg.bin.join("psql");
        let answer = Command::new(&psql)
            .args([pg.url().as_str(), "-tAc", "SELECT current_database()"])
            .output()
            .expect("psql");
        assert_eq!(String::from_utf8_lossy(&answer.stdout).trim(), DATABASE);
        let port = pg.port;
        drop(pg);
        assert!(!dir.exists(), "{} is left behind", dir.display());
        assert!(
            std::net::TcpStream::connect(("127.0.0.1", port)).is_err(),
            "still listening on {port}"
        );
    }
}
