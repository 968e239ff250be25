//! `cargo xtask <command>`: the project's automation, so a newcomer needs two commands.
//!
//! - `run`   install missing tools, build the SPA and the server, start the app on :8080
//! - `test`  everything CI checks: fmt, clippy, server tests, wasm unit tests, browser e2e
//! - `bench` bundle sizes, feed API throughput/latency, writes, order placement, publishing
//!   (uploads, publish-to-searchable), DOM size after a long scroll (`--feed`, `--writes`,
//!   `--orders`, `--publish`, `--bundle` (sizes of the last build), `--shell` (the document
//!   and a static asset under load), `--recs` (the For-you offline evaluation): just those)
//! - `contract` the API contract test alone: Schemathesis over /api/openapi.json
//!   (`--seed N|random`, `--max-examples N`)
//! - `build`, `setup` the first steps of `run` on their own

mod bench;
mod bench_bundle;
mod bench_publish;
mod bench_recs;
mod bench_shell;
mod contract;
mod load;
mod spa;
mod steps;
mod tools;
mod view_attrs;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, rest) = match args.split_first() {
        Some((c, rest)) => (c.as_str(), rest),
        None => ("help", &[][..]),
    };
    let result = match command {
        "setup" => tools::setup(false),
        "build" => tools::setup(false).and_then(|()| steps::build_all()),
        "run" => steps::run_app(rest),
        "test" => steps::test(rest),
        "contract" => contract::contract_command(rest),
        "bench" if rest.iter().any(|a| a == "--writes") => bench::bench_writes(),
        "bench" if rest.iter().any(|a| a == "--orders") => bench::bench_orders(),
        "bench" if rest.iter().any(|a| a == "--publish") => bench::bench_publish(),
        "bench" if rest.iter().any(|a| a == "--feed") => bench::bench_feed(),
        "bench" if rest.iter().any(|a| a == "--recs") => bench_recs::bench_recs(),
        "bench" if rest.iter().any(|a| a == "--shell") => bench_shell::bench_shell(rest),
        "bench" if rest.iter().any(|a| a == "--bundle") => bench_bundle::bundle_sizes().map(|_| ()),
        "bench" => bench::bench(),
        _ => {
            eprintln!(
                "usage: cargo xtask <run [--port N] | test [--skip-e2e] | bench [--feed | --writes | --orders | --publish | --recs [--no-build] | --bundle | --shell [--port N]] | contract [--seed N|random] [--max-examples N] | build | setup>"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask {command} failed: {e}");
            ExitCode::FAILURE
        }
    }
}
