//! The PostgreSQL migrations (`crates/server/migrations_pg/`) describe the same schema as the
//! SQLite ones (issue 18). Both are migrated fresh and described as one set of facts each
//! (tables, columns with a type class, nullability and default, identity ids, primary keys,
//! unique constraints, explicit indexes with their columns, order, uniqueness and predicate,
//! foreign keys with their delete rule, the number of CHECKs per table); the sets must be equal.
//! Runs when `ZC_TEST_POSTGRES_URL` names a PostgreSQL database (`cargo xtask test` starts a
//! throwaway one); skips, saying so, without it. The test works in a database of its own,
//! created and dropped here, so it never touches the one the URL names.

use std::collections::BTreeSet;
use std::str::FromStr;

use sqlx::postgres::PgConnectOptions;
// The database names below are made here, never from input.
use sqlx::{AssertSqlSafe, Connection, PgConnection, SqlitePool};

/// Columns SQLite keeps as 0/1 `INTEGER`s and PostgreSQL as `BOOLEAN` (a new flag goes here and
/// in the engine seam's boolean reads).
const INTEGER_FLAGS: [(&str, &str); 6] = [
    ("users", "collections_public"),
    ("users", "likes_public"),
    ("brands", "cross_border"),
    ("addresses", "is_default"),
    ("orders", "from_cart"),
    ("orders", "cross_border"),
];

fn is_integer_flag(table: &str, column: &str) -> bool {
    INTEGER_FLAGS.contains(&(table, column))
}

#[tokio::test]
async fn postgres_migrations_describe_the_sqlite_schema() {
    let Ok(url) = std::env::var("ZC_TEST_POSTGRES_URL") else {
        println!("skipped: ZC_TEST_POSTGRES_URL is not set (cargo xtask test sets it)");
        return;
    };
    let sqlite = sqlite_facts().await;
    // Not vacuous: the schema's main tables and a partial unique index are there.
    for fact in [
        "table notes",
        "table live_chat",
        "index addresses_one_default on addresses (user_id) unique where is_default",
    ] {
        assert!(sqlite.contains(fact), "{fact:?} missing from {sqlite:#?}");
    }
    let postgres = postgres_facts(&url).await;
    let only_sqlite: Vec<_> = sqlite.difference(&postgres).collect();
    let only_postgres: Vec<_> = postgres.difference(&sqlite).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "the schemas differ\nonly in SQLite: {only_sqlite:#?}\nonly in PostgreSQL: {only_postgres:#?}"
    );
    println!("{} schema facts match on both engines", sqlite.len());
}

/// SQLite's declared type as the PostgreSQL type it must have.
fn type_class(table: &str, column: &str, declared: &str) -> &'static str {
    match declared {
        "INTEGER" | "BIGINT" if is_integer_flag(table, column) => "boolean",
        "INTEGER" | "BIGINT" => "bigint",
        "BOOLEAN" => "boolean",
        "TEXT" => "text",
        "REAL" => "double precision",
        other => panic!("{table}.{column}: no PostgreSQL class for SQLite type {other:?}"),
    }
}

/// A default as both engines print it: PostgreSQL's casts and SQLite's 0/1 flags normalised.
fn normalize_default(table: &str, column: &str, default: Option<String>) -> String {
    let Some(default) = default else {
        return "-".into();
    };
    let default = default.trim_end_matches("::text").to_lowercase();
    match default.as_str() {
        "0" if is_integer_flag(table, column) => "false".into(),
        "1" if is_integer_flag(table, column) => "true".into(),
        _ => default,
    }
}

/// An index predicate without parentheses, casts and case; `flag = 1` as `flag`.
fn normalize_predicate(predicate: &str) -> String {
    let mut text = predicate
        .replace(['(', ')'], "")
        .replace("::text", "")
        .to_lowercase();
    for (_, flag) in INTEGER_FLAGS {
        text = text.replace(&format!("{flag} = 1"), flag);
    }
    text.trim().to_string()
}

fn index_fact(name: &str, table: &str, columns: &str, unique: bool, predicate: &str) -> String {
    let unique = if unique { " unique" } else { "" };
    let predicate = if predicate.is_empty() {
        String::new()
    } else {
        format!(" where {}", normalize_predicate(predicate))
    };
    format!("index {name} on {table} ({columns}){unique}{predicate}")
}

fn delete_rule(rule: &str) -> &str {
    match rule {
        "a" | "NO ACTION" => "no action",
        "c" | "CASCADE" => "cascade",
        "n" | "SET NULL" => "set null",
        "r" | "RESTRICT" => "restrict",
        "d" | "SET DEFAULT" => "set default",
        other => panic!("unknown delete rule {other:?}"),
    }
}

async fn sqlite_facts() -> BTreeSet<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let db: SqlitePool = zhongcao_server::db::connect(&dir.path().join("schema.db"))
        .await
        .expect("migrate SQLite");
    let mut facts = BTreeSet::new();
    let tables: Vec<(String, String)> = sqlx::query_as(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name",
    )
    .fetch_all(&db)
    .await
    .expect("tables");
    for (table, sql) in &tables {
        facts.insert(format!("table {table}"));
        // PostgreSQL needs no CHECK for a flag: BOOLEAN holds two values.
        let checks = sql.matches("CHECK (").count() - sql.matches(" IN (0, 1))").count();
        facts.insert(format!("checks {table} {checks}"));

        let columns: Vec<(i64, String, String, bool, Option<String>, i64)> =
            sqlx::query_as("SELECT * FROM pragma_table_info(?)")
                .bind(table)
                .fetch_all(&db)
                .await
                .expect("columns");
        let mut key: Vec<(i64, &str, &str)> = columns
            .iter()
            .filter(|c| c.5 > 0)
            .map(|c| (c.5, c.1.as_str(), c.2.as_str()))
            .collect();
        key.sort();
        for (_, column, declared, not_null, default, pk) in &columns {
            // A primary key column is NOT NULL in PostgreSQL (SQLite reports 0 for its rowid
            // alias and, by an old quirk, allows NULL in other key columns).
            let null = if *not_null || *pk > 0 {
                "not null"
            } else {
                "null"
            };
            let class = type_class(table, column, declared);
            let default = normalize_default(table, column, default.clone());
            facts.insert(format!(
                "column {table}.{column} {class} {null} default {default}"
            ));
        }
        // A lone INTEGER key named `id` is SQLite's rowid: an identity column in PostgreSQL.
        if let [(_, "id", "INTEGER")] = key.as_slice() {
            facts.insert(format!("identity {table}.id"));
        }
        // A table without a key (rate_events) has none in PostgreSQL either.
        if !key.is_empty() {
            let key: Vec<&str> = key.iter().map(|k| k.1).collect();
            facts.insert(format!("primary key {table} ({})", key.join(", ")));
        }

        let indexes: Vec<(i64, String, bool, String, bool)> =
            sqlx::query_as("SELECT * FROM pragma_index_list(?)")
                .bind(table)
                .fetch_all(&db)
                .await
                .expect("indexes");
        for (_, index, unique, origin, _) in indexes {
            let parts: Vec<(i64, i64, Option<String>, bool, String, bool)> =
                sqlx::query_as("SELECT * FROM pragma_index_xinfo(?)")
                    .bind(&index)
                    .fetch_all(&db)
                    .await
                    .expect("index columns");
            let columns: Vec<String> = parts
                .into_iter()
                .filter(|p| p.5)
                .map(|(_, _, name, desc, _, _)| {
                    let name = name.unwrap_or_default();
                    if desc {
                        format!("{name} DESC")
                    } else {
                        name
                    }
                })
                .collect();
            let columns = columns.join(", ");
            match origin.as_str() {
                "c" => {
                    let (sql,): (String,) =
                        sqlx::query_as("SELECT sql FROM sqlite_master WHERE name = ?")
                            .bind(&index)
                            .fetch_one(&db)
                            .await
                            .expect("index sql");
                    let predicate = sql.split_once(" WHERE ").map_or("", |(_, p)| p);
                    facts.insert(index_fact(&index, table, &columns, unique, predicate));
                }
                "u" => {
                    facts.insert(format!("unique {table} ({columns})"));
                }
                // The primary key, already described from table_info.
                _ => {}
            }
        }

        let keys: Vec<(String, String, String, String)> = sqlx::query_as(
            "SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list(?)",
        )
        .bind(table)
        .fetch_all(&db)
        .await
        .expect("foreign keys");
        for (target, from, to, on_delete) in keys {
            let rule = delete_rule(&on_delete);
            facts.insert(format!(
                "foreign key {table}.{from} -> {target}.{to} on delete {rule}"
            ));
        }
    }
    db.close().await;
    facts
}

async fn postgres_facts(url: &str) -> BTreeSet<String> {
    let options = PgConnectOptions::from_str(url).expect("ZC_TEST_POSTGRES_URL");
    let mut admin = PgConnection::connect_with(&options)
        .await
        .expect("connect to ZC_TEST_POSTGRES_URL");
    let name = format!("zc_schema_{}_{}", std::process::id(), fastrand::u32(..));
    sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .expect("create the test's database");
    let mut conn = PgConnection::connect_with(&options.clone().database(&name))
        .await
        .expect("connect to the test's database");
    let described = async {
        sqlx::migrate!("../server/migrations_pg")
            .run(&mut conn)
            .await
            .map_err(|e| format!("PostgreSQL migrations failed: {e}"))?;
        describe_postgres(&mut conn)
            .await
            .map_err(|e| format!("describing the PostgreSQL schema: {e}"))
    }
    .await;
    let _ = conn.close().await;
    let dropped = sqlx::query(AssertSqlSafe(format!("DROP DATABASE {name} WITH (FORCE)")))
        .execute(&mut admin)
        .await;
    described
        .and_then(|facts| dropped.map(|_| facts).map_err(|e| e.to_string()))
        .unwrap_or_else(|e| panic!("{e}"))
}

async fn describe_postgres(conn: &mut PgConnection) -> Result<BTreeSet<String>, sqlx::Error> {
    let mut facts = BTreeSet::new();
    let columns: Vec<(String, String, String, bool, Option<String>, bool)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable = 'NO', \
                column_default::text, is_identity = 'YES' \
         FROM information_schema.columns \
         WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations'",
    )
    .fetch_all(&mut *conn)
    .await?;
    for (table, column, class, not_null, default, identity) in columns {
        facts.insert(format!("table {table}"));
        let null = if not_null { "not null" } else { "null" };
        let default = normalize_default(&table, &column, default);
        facts.insert(format!(
            "column {table}.{column} {class} {null} default {default}"
        ));
        if identity {
            facts.insert(format!("identity {table}.{column}"));
        }
    }

    // Constraints: primary keys, unique constraints, foreign keys (single-column here, but
    // every column is listed in key order), and the number of CHECKs per table.
    let constraints: Vec<(String, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT t.relname::text, c.contype::text, \
                (SELECT string_agg(a.attname::text, ', ' ORDER BY k.i) \
                   FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, i) \
                   JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum), \
                c.confdeltype::text, \
                CASE WHEN c.contype = 'f' THEN (SELECT r.relname || '.' || string_agg(a.attname::text, ', ' ORDER BY k.i) \
                   FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, i) \
                   JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum \
                   JOIN pg_class r ON r.oid = c.confrelid GROUP BY r.relname) END \
         FROM pg_constraint c \
         JOIN pg_class t ON t.oid = c.conrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace \
         WHERE n.nspname = 'public' AND t.relname <> '_sqlx_migrations'",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut checks = std::collections::BTreeMap::<String, usize>::new();
    for (table, kind, columns, on_delete, target) in constraints {
        match kind.as_str() {
            "p" => facts.insert(format!("primary key {table} ({columns})")),
            "u" => facts.insert(format!("unique {table} ({columns})")),
            "f" => facts.insert(format!(
                "foreign key {table}.{columns} -> {} on delete {}",
                target.unwrap_or_default(),
                delete_rule(&on_delete)
            )),
            "c" => {
                *checks.entry(table).or_default() += 1;
                true
            }
            other => panic!("{table}: unexpected constraint kind {other:?}"),
        };
    }
    let tables: Vec<String> = facts
        .iter()
        .filter_map(|f| f.strip_prefix("table ").map(str::to_string))
        .collect();
    for table in tables {
        let count = checks.get(&table).copied().unwrap_or(0);
        facts.insert(format!("checks {table} {count}"));
    }

    // Indexes made by CREATE INDEX (not those behind a key or unique constraint).
    let indexes: Vec<(String, String, String, bool, Option<String>)> = sqlx::query_as(
        "SELECT i.relname::text, t.relname::text, \
                string_agg(pg_get_indexdef(x.indexrelid, k.n, true) \
                    || CASE WHEN x.indoption[k.n - 1] & 1 = 1 THEN ' DESC' ELSE '' END, \
                    ', ' ORDER BY k.n), \
                x.indisunique, pg_get_expr(x.indpred, x.indrelid) \
         FROM pg_index x \
         JOIN pg_class i ON i.oid = x.indexrelid \
         JOIN pg_class t ON t.oid = x.indrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace \
         CROSS JOIN LATERAL generate_series(1, x.indnkeyatts) AS k(n) \
         WHERE n.nspname = 'public' AND t.relname <> '_sqlx_migrations' \
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c \
                           WHERE c.conindid = x.indexrelid AND c.conrelid = x.indrelid) \
         GROUP BY i.relname, t.relname, x.indisunique, x.indpred, x.indrelid",
    )
    .fetch_all(&mut *conn)
    .await?;
    for (index, table, columns, unique, predicate) in indexes {
        let predicate = predicate.unwrap_or_default();
        // pg_get_indexdef quotes names that are also keywords ("position").
        let columns = columns.replace('"', "");
        facts.insert(index_fact(&index, &table, &columns, unique, &predicate));
    }
    Ok(facts)
}
