//! Keeps the server's SQL in the dialect both engines run (docs/postgres-plan.md): scans the
//! string literals of `crates/server/src/**/*.rs` that read as SQL for constructs only SQLite
//! accepts. Text only, no parser: a literal is SQL when it holds a statement keyword, and the
//! checks are the audit's list, so a new SQLite-only habit fails here before PostgreSQL runs.

use std::path::{Path, PathBuf};

/// A flag column compared with an integer (`= 1`), which PostgreSQL's `BOOLEAN` refuses.
const FLAGS: [&str; 6] = [
    "is_default",
    "cross_border",
    "from_cart",
    "collections_public",
    "likes_public",
    "is_demo",
];

/// The string literals of Rust source `src` with their line numbers (normal and raw strings;
/// comments and char literals skipped).
fn literals(src: &str) -> Vec<(usize, String)> {
    let b = src.as_bytes();
    let (mut i, mut out) = (0, Vec::new());
    let line = |at: usize| src[..at].matches('\n').count() + 1;
    while i < b.len() {
        let ident_before = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        if src[i..].starts_with("//") {
            i = src[i..].find('\n').map_or(b.len(), |n| i + n);
        } else if src[i..].starts_with("/*") {
            i = src[i + 2..].find("*/").map_or(b.len(), |n| i + n + 4);
        } else if b[i] == b'\'' {
            // A char literal ('x', '\n', '\'') or a lifetime ('a): skip either.
            let rest = &src[i + 1..];
            let len = if rest.starts_with('\\') {
                rest[2..].find('\'').map_or(1, |n| n + 4)
            } else {
                match rest.char_indices().nth(1) {
                    Some((at, '\'')) => at + 2,
                    _ => 1,
                }
            };
            i += len;
        } else if b[i] == b'r' && !ident_before && matches!(b.get(i + 1), Some(b'"' | b'#')) {
            let hashes = src[i + 1..].bytes().take_while(|&c| c == b'#').count();
            if b.get(i + 1 + hashes) != Some(&b'"') {
                i += 1;
                continue;
            }
            let start = i + 2 + hashes;
            let close = format!("\"{}", "#".repeat(hashes));
            let end = src[start..].find(&close).map_or(b.len(), |n| start + n);
            out.push((line(i), src[start..end].to_string()));
            i = end + close.len();
        } else if b[i] == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            out.push((line(i), src[i + 1..j.min(b.len())].to_string()));
            i = j + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// Whether a literal reads as SQL (a statement or clause keyword in capitals, or a `$1`
/// placeholder, which also catches fragments such as `likes = likes + $1`).
fn is_sql(text: &str) -> bool {
    [
        "SELECT ", "INSERT ", "UPDATE ", "DELETE ", " WHERE ", " SET ", "VALUES", "$1",
    ]
    .iter()
    .any(|k| text.contains(k))
}

/// Arguments of the call starting right after `open` (the index past its `(`), split at
/// top-level commas; `None` when the parenthesis does not close in this literal.
fn top_level_args(text: &str, open: usize) -> Option<usize> {
    let (mut depth, mut commas) = (1, 0);
    for c in text[open..].chars() {
        match c {
            '(' => depth += 1,
            ')' if depth == 1 => return Some(commas + 1),
            ')' => depth -= 1,
            ',' if depth == 1 => commas += 1,
            _ => {}
        }
    }
    None
}

/// What in one SQL literal would not run on PostgreSQL (empty when portable).
fn problems(text: &str, in_db_rs: bool) -> Vec<String> {
    let mut found = Vec::new();
    // `{x:?}` is a format argument, not a placeholder.
    let placeholders = text.replace(":?}", "}");
    if placeholders.contains('?') {
        found.push("`?` placeholder (write $1, $2, ...)".to_string());
    }
    let upper = text.to_uppercase();
    let squashed: String = upper.split_whitespace().collect::<Vec<_>>().join(" ");
    if squashed.contains(" IS $") || squashed.contains(" IS ?") {
        found.push("`IS` with a parameter (write IS NOT DISTINCT FROM $N)".to_string());
    }
    if squashed.contains("BEGIN IMMEDIATE") && !in_db_rs {
        found.push("BEGIN IMMEDIATE outside db.rs (use db::write_tx)".to_string());
    }
    for f in ["MAX(", "MIN("] {
        for (at, _) in squashed.match_indices(f) {
            let word_start = at == 0 || !squashed.as_bytes()[at - 1].is_ascii_alphanumeric();
            if word_start && top_level_args(&squashed, at + f.len()).is_some_and(|n| n > 1) {
                found.push(format!("scalar {f}a, b) (write CASE WHEN ...)"));
            }
        }
    }
    for (bad, fix) in [
        (" AS REAL)", "DOUBLE PRECISION"),
        (" AS INTEGER)", "BIGINT"),
        ("INSERT OR ", "ON CONFLICT"),
        ("STRFTIME(", "integer seconds"),
        ("LAST_INSERT_ROWID(", "RETURNING id"),
        (" GLOB ", "LIKE"),
    ] {
        if squashed.contains(bad) {
            found.push(format!("`{}` (write {fix})", bad.trim()));
        }
    }
    let lower = squashed.to_lowercase();
    for flag in FLAGS {
        for op in [" = ", " <> ", " != "] {
            for bit in ['0', '1'] {
                let compared = format!("{flag}{op}{bit}");
                for (at, _) in lower.match_indices(&compared) {
                    let next = lower.as_bytes().get(at + compared.len());
                    if !next.is_some_and(|c| c.is_ascii_alphanumeric()) {
                        found.push(format!("flag `{compared}` (write {flag} / NOT {flag})"));
                    }
                }
            }
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).expect("server source folder is readable");
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn server_sql_is_portable() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../server/src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    assert!(
        files.len() > 50,
        "found only {} files under {root:?}",
        files.len()
    );
    let (mut scanned, mut failures) = (0, Vec::new());
    for file in &files {
        let src = std::fs::read_to_string(file).expect("source file is UTF-8");
        let in_db_rs = file.ends_with("db.rs");
        for (line, text) in literals(&src) {
            if !is_sql(&text) {
                continue;
            }
            scanned += 1;
            for p in problems(&text, in_db_rs) {
                let rel = file.strip_prefix(&root).unwrap_or(file);
                failures.push(format!("{}:{line}: {p}", rel.display()));
            }
        }
    }
    // The server has a few hundred queries: finding far fewer means the scan is broken.
    assert!(
        scanned > 200,
        "only {scanned} SQL literals found: is the scanner broken?"
    );
    assert!(
        failures.is_empty(),
        "SQLite-only SQL:\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_scanner_finds_what_it_looks_for() {
    let planted = r##"
        // "SELECT ? in a comment" is not code
        let c = '"'; let l: &'static str = "x";
        sqlx::query("SELECT id FROM notes WHERE id = ?").bind(1);
        sqlx::query(r#"UPDATE live_rooms SET peak = MAX(peak, $1) WHERE id = $2"#);
        sqlx::query("DELETE FROM n WHERE note_id IS $1 AND is_default = 1");
        format!("SELECT {a:?} FROM t WHERE x = $1 AND y = MAX($2)");
    "##;
    let lits = literals(planted);
    let found: Vec<Vec<String>> = lits
        .iter()
        .filter(|(_, t)| is_sql(t))
        .map(|(_, t)| problems(t, false))
        .collect();
    assert_eq!(found.len(), 4, "{lits:?}");
    assert!(found[0][0].contains("`?` placeholder"), "{found:?}");
    assert!(found[1][0].contains("scalar MAX"), "{found:?}");
    assert_eq!(found[2].len(), 2, "{found:?}");
    assert!(
        found[3].is_empty(),
        "a format argument and one-argument MAX pass: {found:?}"
    );
    assert!(problems("BEGIN IMMEDIATE", true).is_empty());
    assert!(!problems("BEGIN IMMEDIATE", false).is_empty());
}

/// The dialect's SQLite side: a reused `$N` takes its one bound value, `IS NOT DISTINCT FROM`
/// matches NULL with NULL, and the casts decode as the Rust types the server reads.
#[tokio::test]
async fn sqlite_runs_the_portable_forms() {
    use sqlx::Connection;
    let mut conn = sqlx::SqliteConnection::connect("sqlite::memory:")
        .await
        .expect("in-memory SQLite");
    let row: (i64, i64, bool, bool, f64, Option<i64>, i64) = sqlx::query_as(
        "SELECT $1 + $1, $2, $3 IS NOT DISTINCT FROM NULL, $2 IS NOT DISTINCT FROM $1, \
         CAST($4 AS DOUBLE PRECISION), CAST(NULL AS BIGINT), \
         CASE WHEN $2 > $1 THEN $2 ELSE $1 END",
    )
    .bind(2_i64)
    .bind(5_i64)
    .bind(Option::<i64>::None)
    .bind(0.5_f64)
    .fetch_one(&mut conn)
    .await
    .expect("portable forms run on SQLite");
    assert_eq!(row, (4, 5, true, false, 0.5, None, 5));
}
