//! `cargo xtask contract`: Schemathesis (`--checks all`) over every operation of
//! `/api/openapi.json`, against a throwaway server, signed in as demo users. Settings and
//! why each is there: `tests/contract/schemathesis.toml` and `tests/contract/hooks.py`.

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use crate::server::start_test_server;
use crate::tools::{root, step, Result};

/// Schemathesis, pinned: its checks and generators change between releases.
pub const SCHEMATHESIS_VERSION: &str = "4.32.5";

/// Examples per operation and phase: ~4,000 requests over 75 operations, about a minute and a
/// half on two cores.
pub const MAX_EXAMPLES: &str = "20";

/// A fixed seed makes every run send the same requests to the same seeded world, so the step
/// cannot flake; `cargo xtask contract --seed N` (or `--seed random`) explores further.
pub const SEED: &str = "1";

/// The virtualenv Schemathesis is installed into (under target/, so `cargo clean` removes it).
pub fn venv() -> PathBuf {
    root().join("target/schemathesis-venv")
}

fn schemathesis() -> PathBuf {
    venv().join("bin/schemathesis")
}

/// Installs Schemathesis into [`venv`] unless that version is there already.
pub fn ensure_schemathesis() -> Result {
    let current = Command::new(schemathesis())
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    if current.contains(SCHEMATHESIS_VERSION) {
        println!("    schemathesis {SCHEMATHESIS_VERSION}: present");
        return Ok(());
    }
    println!(
        "    installing schemathesis {SCHEMATHESIS_VERSION} into {}",
        venv().display()
    );
    crate::tools::run(Command::new("python3").arg("-m").arg("venv").arg(venv()))?;
    crate::tools::run(Command::new(venv().join("bin/pip")).args([
        "install",
        "--quiet",
        "--disable-pip-version-check",
        &format!("schemathesis=={SCHEMATHESIS_VERSION}"),
    ]))
}

/// `cargo xtask contract [--seed N|random] [--max-examples N]`: builds the server, then runs.
pub fn contract_command(args: &crate::ContractArgs) -> Result {
    crate::tools::setup(false)?;
    ensure_schemathesis()?;
    crate::server::build_server()?;
    run_contract(&args.seed, &args.max_examples)
}

/// The contract test against the built server binary (`cargo xtask test` has just built it).
pub fn run_contract(seed: &str, max_examples: &str) -> Result {
    let seed = match seed {
        "random" => format!("{}", fastish_random()),
        s => s.to_string(),
    };

    step("API contract: Schemathesis --checks all over /api/openapi.json (throwaway server)");
    let data = std::env::temp_dir().join(format!("zhongcao-contract-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let result = (|| {
        let server = start_test_server(&data)?;
        let port = server.port;
        // Three demo users: the reader, and one each for the two ways of signing out (which
        // would otherwise end the reader's session for the rest of the run).
        let sessions = (1..=3)
            .map(|id| sign_in_demo_user(port, id))
            .collect::<Result<Vec<_>>>()?;
        let report = root().join("target/schemathesis-report");
        let _ = std::fs::remove_dir_all(&report);
        let started = Instant::now();
        let output = Command::new(schemathesis())
            .current_dir(root())
            .env("ZC_SESSION", &sessions[0])
            .env("ZC_SIGNOUT_SESSION", &sessions[1])
            .env("ZC_SIGNOUT_ALL_SESSION", &sessions[2])
            // Hypothesis' caches (Unicode tables) go under target/, not the work tree.
            .env(
                "HYPOTHESIS_STORAGE_DIRECTORY",
                root().join("target/hypothesis"),
            )
            .args(["--config-file", "tests/contract/schemathesis.toml", "run"])
            .arg(format!("http://127.0.0.1:{port}/api/openapi.json"))
            .args(["--checks", "all", "--workers", "2", "--no-color"])
            .args(["--max-examples", max_examples, "--seed", &seed])
            // No example database: a run replays nothing from an earlier one.
            .args(["--generation-database", "none"])
            // The CSRF guard refuses writes without a same-site Origin (browsers always send it).
            .args(["-H", &format!("Origin: http://127.0.0.1:{port}")])
            .args(["--report", "junit", "--report-dir"])
            .arg(&report)
            .output()
            .map_err(|e| format!("could not start schemathesis: {e}"))?;
        let text = String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr);
        print!("{}", indent(&text));
        let figures = Figures::read(&text);
        println!(
            "    contract: {} operations, {} requests generated, {} failures, {} errors in {:.0}s (seed {seed}, --max-examples {max_examples})",
            figures.operations,
            figures.generated,
            figures.failures,
            figures.errors,
            started.elapsed().as_secs_f64()
        );
        if output.status.success() && figures.failures == 0 && figures.errors == 0 {
            Ok(())
        } else {
            Err(format!(
                "the API does not keep its contract ({} failures, {} errors; see above, and the \
                 JUnit report in {})",
                figures.failures,
                figures.errors,
                report.display()
            ))
        }
    })();
    let _ = std::fs::remove_dir_all(&data);
    result
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}\n")).collect()
}

/// A seed from the clock, for `--seed random`.
fn fastish_random() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64 % 1_000_000_007)
}

/// The numbers in Schemathesis' summary.
#[derive(Debug, Default, PartialEq)]
struct Figures {
    operations: u64,
    generated: u64,
    failures: u64,
    errors: u64,
}

impl Figures {
    fn read(text: &str) -> Figures {
        let number_before = |line: &str, word: &str| -> Option<u64> {
            let words: Vec<&str> = line.split_whitespace().collect();
            let at = words.iter().position(|w| w.trim_end_matches(',') == word)?;
            words.get(at.checked_sub(1)?)?.parse().ok()
        };
        let mut figures = Figures::default();
        for line in text.lines() {
            let trimmed = line.trim();
            if let Some(rest) = trimmed.strip_prefix("Tested:") {
                figures.operations = rest.trim().parse().unwrap_or(0);
            }
            if trimmed.contains(" generated") {
                figures.generated = number_before(trimmed, "generated").unwrap_or(0);
            }
            // The closing line, e.g. "=== 1 failure, 2 errors, 1 warning in 114.40s ===".
            if trimmed.starts_with('=') && trimmed.contains(" in ") {
                let count = |words: [&str; 2]| {
                    words
                        .iter()
                        .find_map(|w| number_before(trimmed, w))
                        .unwrap_or(0)
                };
                figures.failures = count(["failure", "failures"]);
                figures.errors = count(["error", "errors"]);
            }
        }
        figures
    }
}

/// Signs demo user `id` in (every demo user has the demo password); returns the session token.
fn sign_in_demo_user(port: u16, id: u32) -> Result<String> {
    let profile = crate::http::get_json(port, &format!("/api/v1/users/{id}"))?;
    let username = profile["user"]["username"]
        .as_str()
        .ok_or_else(|| format!("GET /api/v1/users/{id}: no username in {profile}"))?;
    let form = serde_json::json!({"username": username, "password": "zhongcao-demo"});
    let reply = crate::http::send_json(port, "POST", "/api/v1/auth/signin", None, &form)?;
    reply
        .session_cookie()
        .and_then(|pair| pair.strip_prefix("zc_session=").map(str::to_string))
        .ok_or_else(|| {
            format!(
                "signing in {username} set no session: HTTP {}",
                reply.status
            )
        })
}

#[cfg(test)]
mod tests {
    use super::Figures;

    #[test]
    fn reads_the_summary() {
        let text = "API Operations:\n  Selected: 75/75\n  Tested: 75\n\nTest cases:\n  3926 generated, \
                    1 found 1 unique failure, 56 skipped\n\n=== 1 failure, 2 errors, 3 warnings in 114.40s ===\n";
        assert_eq!(
            Figures::read(text),
            Figures {
                operations: 75,
                generated: 3926,
                failures: 1,
                errors: 2
            }
        );
        let clean = "  Tested: 75\n  4100 generated, 0 found 0 unique failures\n=== 3 warnings in 90.01s ===";
        assert_eq!(Figures::read(clean).failures, 0);
        assert_eq!(Figures::read(clean).generated, 4100);
    }
}
