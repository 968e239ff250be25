//! `cargo xtask bench --recs`: the For-you offline evaluation. The server binary seeds a
//! throwaway demo world (its own directory), holds out each demo person's newest likes and
//! collects, and prints recall@50, NDCG@20, coverage and diversity of the recommender beside
//! popularity and random baselines, plus how long ranking one person takes.

use crate::server::{build_server, server_binary};
use crate::tools::{run, step, Result};

pub fn bench_recs() -> Result {
    build_server()?;
    let data = std::env::temp_dir().join(format!("zhongcao-bench-recs-{}", std::process::id()));
    std::fs::create_dir_all(&data).map_err(|e| e.to_string())?;
    step("For-you offline evaluation (seeds a demo world first)");
    let result = run(std::process::Command::new(server_binary())
        .arg("--eval-recs")
        .env("DATA_DIR", &data));
    let _ = std::fs::remove_dir_all(&data);
    result
}
