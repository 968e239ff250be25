//! Database connection and migrations.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

pub type Db = SqlitePool;

/// Opens (creating if needed) the SQLite database at `path` in WAL mode and runs migrations.
pub async fn connect(path: &Path) -> Result<Db, sqlx::Error> {
    if let Some(dir) = path.parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir).map_err(sqlx::Error::Io)?;
        }
    }
    let options = SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok(pool)
}

/// SQLite has one writer at a time. Writers of this process queue here, first come first
/// served, instead of polling SQLite's busy handler (which sleeps in growing steps and turns
/// contention into long tail latencies).
static WRITE_LOCK: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Holds this process's write turn until dropped (keep it alive as long as the transaction).
pub type WriteTurn = tokio::sync::MutexGuard<'static, ()>;

/// A write transaction: waits for this process's write turn, then takes SQLite's write lock
/// up front (`BEGIN IMMEDIATE`) so it never fails upgrading from a read.
pub async fn write_tx(
    db: &Db,
) -> Result<(WriteTurn, sqlx::Transaction<'static, sqlx::Sqlite>), sqlx::Error> {
    let turn = WRITE_LOCK.lock().await;
    let tx = db.begin_with("BEGIN IMMEDIATE").await?;
    Ok((turn, tx))
}
