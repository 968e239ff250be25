//! `cargo xtask <command>`: the project's automation, so a newcomer needs two commands
//! (`cargo xtask run`, `cargo xtask test`). `cargo xtask help` lists the rest.

mod bench;
mod bench_bundle;
mod bench_flash;
mod bench_live;
mod bench_live_media;
mod bench_publish;
mod bench_recs;
mod bench_shell;
mod bench_video;
mod bench_writes;
mod compress;
mod contract;
mod fixtures;
mod http;
mod live_sockets;
mod load;
mod postgres;
mod s3;
mod server;
mod spa;
mod steps;
// The test-clip recipe, shared with the server tests (see the file for why it lives there).
#[path = "../../crates/server-tests/tests/it/test_clip.rs"]
mod test_clip;
mod tools;
mod view_attrs;

// The web app's build-script catalogue checks (build/i18n.rs), tested natively here.
#[cfg(test)]
mod catalogue_tests;
#[cfg(test)]
#[path = "../../build/i18n.rs"]
#[allow(dead_code)] // `build` is the build script's entry point, not used by the tests
mod catalogues;

use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "Zhongcao's build, run, test and benchmark automation"
)]
struct Cli {
    #[command(subcommand)]
    command: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Install missing tools, build the SPA and the server, start the app on :8080.
    Run {
        /// Passed on to the server (e.g. `--port 8081`; see `zhongcao-server --help`).
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        server_args: Vec<String>,
    },
    /// Everything CI checks: fmt, lints, server and contract tests, wasm unit tests, browser
    /// e2e and Lighthouse.
    Test {
        /// Stop after the unit and contract tests (no SPA build, browser tests or Lighthouse).
        #[arg(long)]
        skip_e2e: bool,
    },
    /// Benchmarks that print numbers; all of them unless one is picked.
    Bench(BenchArgs),
    /// The API contract test alone: Schemathesis over /api/openapi.json.
    Contract(ContractArgs),
    /// Install missing tools, then build the SPA and the server.
    Build,
    /// Install missing tools only.
    Setup,
    /// A throwaway PostgreSQL 15 until Ctrl-C (prints its URL; its data is deleted on exit).
    Postgres {
        /// The TCP port on 127.0.0.1 (a free one when not given).
        #[arg(long)]
        port: Option<u16>,
    },
    /// A local S3-compatible server (moto) until Ctrl-C, for the media store's S3 test
    /// (`ZC_TEST_S3_URL`).
    S3 {
        /// The TCP port on 127.0.0.1.
        #[arg(long, default_value_t = 9000)]
        port: u16,
    },
}

#[derive(Args)]
struct BenchArgs {
    /// Feed API throughput and latency.
    #[arg(long)]
    feed: bool,
    /// Likes and comments under load.
    #[arg(long)]
    writes: bool,
    /// Order placement under load.
    #[arg(long)]
    orders: bool,
    /// Upload to every width served, publish to searchable.
    #[arg(long)]
    publish: bool,
    /// Sizes of the last build's bundle (initial bytes and each chunk).
    #[arg(long)]
    bundle: bool,
    /// The document and a static asset under load.
    #[arg(long)]
    shell: bool,
    /// Video: transcode time for a 30 s 1080p upload, range-request throughput.
    #[arg(long)]
    video: bool,
    /// Live rooms: chat fan-out to 1 vs 500 viewers, memory per viewer, media fan-out, a
    /// flash sale of 10 units to 200 concurrent buyers (must sell exactly 10).
    #[arg(long)]
    live: bool,
    /// The For-you offline evaluation (recommender vs popularity vs random) and its latency.
    #[arg(long)]
    recs: bool,
    /// With `--recs`: measure the server binary already built.
    #[arg(long, requires = "recs")]
    no_build: bool,
    /// With `--shell`: measure a server already running on this port.
    #[arg(long, requires = "shell")]
    port: Option<u16>,
}

#[derive(Args)]
pub struct ContractArgs {
    /// Hypothesis seed, or `random`.
    #[arg(long, default_value = contract::SEED)]
    pub seed: String,
    /// Examples per operation.
    #[arg(long, default_value = contract::MAX_EXAMPLES)]
    pub max_examples: String,
}

fn bench(args: &BenchArgs) -> tools::Result {
    if args.writes {
        bench::bench_writes()
    } else if args.orders {
        bench::bench_orders()
    } else if args.publish {
        bench::bench_publish()
    } else if args.feed {
        bench::bench_feed()
    } else if args.live {
        bench::bench_live()
    } else if args.video {
        bench::bench_video()
    } else if args.recs {
        bench_recs::bench_recs(args.no_build)
    } else if args.shell {
        bench_shell::bench_shell(args.port)
    } else if args.bundle {
        bench_bundle::bundle_sizes().map(|_| ())
    } else {
        bench::bench()
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Task::Setup => tools::setup(false),
        Task::Build => tools::setup(false).and_then(|()| steps::build_all()),
        Task::Run { server_args } => steps::run_app(server_args),
        Task::Test { skip_e2e } => steps::test(*skip_e2e),
        Task::Contract(args) => contract::contract_command(args),
        Task::Bench(args) => bench(args),
        Task::Postgres { port } => postgres::serve(*port),
        Task::S3 { port } => s3::serve(*port),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask failed: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_passes_its_flags_to_the_server() {
        let cli = Cli::try_parse_from(["cargo xtask", "run", "--port", "9000"]);
        match cli.map(|c| c.command) {
            Ok(Task::Run { server_args }) => assert_eq!(server_args, ["--port", "9000"]),
            _ => panic!("`run --port 9000` should parse"),
        }
        assert!(Cli::try_parse_from(["cargo xtask", "bench", "--port", "1"]).is_err());
        assert!(Cli::try_parse_from(["cargo xtask", "bench", "--shell", "--port", "1"]).is_ok());
        let live = Cli::try_parse_from(["cargo xtask", "bench", "--live"]).map(|c| c.command);
        assert!(matches!(
            live,
            Ok(Task::Bench(BenchArgs { live: true, .. }))
        ));
    }
}
