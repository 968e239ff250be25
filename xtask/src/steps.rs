//! Build, run and test pipelines.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use crate::server::{build_server, server_binary, start_test_server};
use crate::tools::{cargo, root, run, setup, step, tool_path, Result};

/// Release build of the SPA (see `spa.rs`), then precompressed copies of its text assets.
pub fn build_spa() -> Result {
    // Milliseconds, and it catches what the compiler cannot: a tag cut short by a `>`.
    crate::view_attrs::check()?;
    crate::spa::build_spa()?;
    check_scoped_styles()
}

/// stylers names a `style!` block's class from a seed that is only the block's count of
/// non-whitespace characters, so two blocks of equal length silently share a class (and each
/// other's rules). Every block must end up with its own class.
fn check_scoped_styles() -> Result {
    fn blocks_in(dir: &Path) -> usize {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return 0;
        };
        entries
            .flatten()
            .map(|e| {
                let path = e.path();
                if path.is_dir() {
                    blocks_in(&path)
                } else if path.extension().is_some_and(|x| x == "rs") {
                    std::fs::read_to_string(&path)
                        .map(|s| s.matches("style! {").count())
                        .unwrap_or(0)
                } else {
                    0
                }
            })
            .sum()
    }
    let blocks = blocks_in(&root().join("src"));
    let css_path = root().join("target/stylers.css");
    let css =
        std::fs::read_to_string(&css_path).map_err(|e| format!("{}: {e}", css_path.display()))?;
    let classes = scoped_classes(&css);
    if classes.len() != blocks {
        return Err(format!(
            "{blocks} style! blocks but {} scoped classes in stylers.css: two blocks have the same \
             number of non-whitespace characters (stylers' class seed); change one slightly",
            classes.len()
        ));
    }
    println!("    {blocks} style! blocks, each with its own scoped class");
    Ok(())
}

/// Every browser test runs under the page guard of `tests/e2e/fixtures.ts` (page errors,
/// console errors and leaked text such as `undefined` or code fail the test): a spec must take
/// `test` from there, never from `@playwright/test` directly.
fn check_e2e_guard() -> Result {
    let dir = root().join("tests/e2e");
    let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut specs = 0;
    let mut unguarded = Vec::new();
    for path in entries.flatten().map(|e| e.path()) {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if !name.ends_with(".spec.ts") {
            continue;
        }
        specs += 1;
        let source =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        if !uses_page_guard(&source) {
            unguarded.push(name.to_string());
        }
    }
    if !unguarded.is_empty() {
        unguarded.sort();
        return Err(format!(
            "{} must import `test` and `expect` from \"./fixtures\" (the page guard), not \"@playwright/test\"",
            unguarded.join(", ")
        ));
    }
    println!("    {specs} e2e specs, all under the page guard (tests/e2e/fixtures.ts)");
    Ok(())
}

fn uses_page_guard(spec: &str) -> bool {
    spec.contains("from \"./fixtures\"") && !spec.contains("\"@playwright/test\"")
}

/// The distinct stylers classes (`.l-123456`, `.l--12345`) in a stylesheet.
fn scoped_classes(css: &str) -> std::collections::BTreeSet<&str> {
    css.match_indices(".l-")
        .filter_map(|(i, _)| {
            let rest = &css[i + 1..];
            let digits_from = if rest[2..].starts_with('-') { 3 } else { 2 };
            let len = rest[digits_from..]
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len() - digits_from);
            (len > 0).then(|| &rest[..digits_from + len])
        })
        .collect()
}

/// The server's tests, which also leave the server binary in `target/server/`.
const SERVER_TESTS: &[&str] = &[
    "test",
    "--profile",
    "server",
    "-p",
    "zhongcao-server",
    "-p",
    "zhongcao-server-tests",
    "-p",
    "api-types",
];

pub fn build_all() -> Result {
    build_spa()?;
    build_server()
}

pub fn run_app(args: &[String]) -> Result {
    setup(false)?;
    build_all()?;
    step("Starting the server");
    let mut cmd = Command::new(server_binary());
    cmd.args(args).env("PATH", tool_path());
    run_foreground(&mut cmd)
}

fn run_foreground(cmd: &mut Command) -> Result {
    let status = cmd
        .current_dir(root())
        .status()
        .map_err(|e| format!("could not start the server: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the server exited with {status}"))
    }
}

pub fn test(skip_e2e: bool) -> Result {
    let started = Instant::now();
    setup(true)?;
    crate::contract::ensure_schemathesis()?;

    step("Formatting (cargo fmt --check)");
    run(cargo().args(["fmt", "--all", "--", "--check"]))?;

    step("Lints: no unbraced `>` in a view! attribute (it would end the tag: text, not code)");
    crate::view_attrs::check()?;
    step("Lints: every e2e spec runs under the page guard");
    check_e2e_guard()?;

    step("Lints: server, shared types, xtask (clippy -D warnings)");
    run(cargo().args([
        "clippy",
        "--all-targets",
        "-p",
        "zhongcao-server",
        "-p",
        "zhongcao-server-tests",
        "-p",
        "api-types",
        "-p",
        "xtask",
        "--",
        "-D",
        "warnings",
    ]))?;
    // The production build without demo data must keep compiling (about 30 s: only the server
    // crate is checked again, its dependencies are shared with the step above).
    step("Lints: server without the demo world (--no-default-features)");
    run(cargo().args([
        "clippy",
        "-p",
        "zhongcao-server",
        "--no-default-features",
        "--",
        "-D",
        "warnings",
    ]))?;
    step("Lints: web app for wasm32 (clippy -D warnings)");
    run(cargo().args([
        "clippy",
        "--all-targets",
        "-p",
        "zhongcao-web",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ]))?;

    step("xtask tests (the dev profile `cargo xtask` itself was built with)");
    run(cargo().args(["test", "-p", "xtask"]))?;

    // This also builds the server binary the browser tests run (the crash test needs it), with
    // the features of this invocation; a separate `cargo build` would resolve features without
    // the dev-dependencies and rebuild half the dependency tree (four minutes on CI).
    step(
        "Server and shared-type tests (SQLite; a throwaway PostgreSQL for the schema parity test)",
    );
    {
        // Dropped at the end of this block, also when the tests fail: stopped and deleted.
        let pg = crate::postgres::Postgres::start(None)?;
        println!("    PostgreSQL on {}", pg.url());
        run(cargo()
            .args(SERVER_TESTS)
            .env("ZC_TEST_POSTGRES_URL", pg.url()))?;
    }

    // The API against its own OpenAPI document, on the server binary just built.
    crate::contract::run_contract(crate::contract::SEED, crate::contract::MAX_EXAMPLES)?;

    step("Web app unit tests (wasm-bindgen-test in headless Chromium)");
    run(cargo()
        .args([
            "test",
            "-p",
            "zhongcao-web",
            "--target",
            "wasm32-unknown-unknown",
            // With the test-only third language (src/locales, build/i18n.rs): the same one
            // build, and the tests show the app's text comes out in it.
            "--features",
            "pseudo-locale",
        ])
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
            "wasm-bindgen-test-runner",
        )
        .env("CHROMEDRIVER", "/usr/bin/chromedriver")
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120"))?;

    if !skip_e2e {
        // The server binary is the one the server tests just built.
        build_spa()?;
        step("Browser end-to-end tests (Playwright + Debian Chromium) on a throwaway database");
        let data = std::env::temp_dir().join(format!("zhongcao-e2e-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&data);
        let result = (|| {
            let server = start_test_server(&data)?;
            let base = format!("http://127.0.0.1:{}", server.port);
            run(Command::new("npx")
                .args(["playwright", "test"])
                .env("BASE_URL", &base)
                .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))?;
            step("Lighthouse (mobile): accessibility 100 on the feed, a note, a product, a search and the gallery; speed floors");
            run(Command::new("node")
                .arg("tests/lighthouse.mjs")
                .env("BASE_URL", &base)
                .env("CHROME_PATH", "/usr/bin/chromium"))
        })();
        let _ = std::fs::remove_dir_all(&data);
        result?;
    }
    println!(
        "\nAll checks passed in {:.0}s.",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{scoped_classes, uses_page_guard};

    #[test]
    fn a_spec_must_take_test_from_the_page_guard() {
        assert!(uses_page_guard(
            "import { expect, test, type Page } from \"./fixtures\";\n"
        ));
        assert!(!uses_page_guard(
            "import { expect, test } from \"@playwright/test\";\n"
        ));
        // Both: the spec could still take an unguarded `test`.
        assert!(!uses_page_guard(
            "import { test } from \"@playwright/test\";\nimport { watch } from \"./fixtures\";\n"
        ));
    }

    #[test]
    fn scoped_classes_are_found_once_each() {
        let css = ".a.l-123456:hover{x:1}.b.l--12345,.c.l-123456{y:2} .fill-1{z:3}";
        let found: Vec<_> = scoped_classes(css).into_iter().collect();
        assert_eq!(found, vec!["l--12345", "l-123456"]);
    }
}
