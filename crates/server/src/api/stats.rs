//! Views, shares and the creator center.
//!
//! A view counts once per viewer per day (UTC+8): signed in, the viewer is the account;
//! signed out, a hash of the day, the client's key and the User-Agent (no cookie is set and
//! no address is stored). A share counts once per person per note per day: the account, or
//! signed out the client's key alone (a User-Agent costs nothing to change). Views and shares
//! move per-note-per-day counters (`note_daily`) in the same transaction, so the creator
//! center reads aggregates, one indexed query per metric.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};

use api_types::{CreatorStats, DayStats, NoteCard, NoteStats, StatValues};
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::Json;
use base64::Engine;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use utoipa::IntoParams;

use super::notes::not_found;
use super::rows::{CardRow, CARD_SELECT};
use crate::auth::{SignedIn, Viewer};
use crate::client::{person_key, Client};
use crate::db::write_tx;
use crate::error::{AppError, AppResult};
use crate::extract::{ApiPath, ApiQuery};
use crate::{app_day, app_day_start, now_unix, AppState, APP_UTC_OFFSET};

/// Periods the creator center offers, in days.
pub const PERIODS: [i64; 3] = [7, 30, 90];
/// Notes listed in the creator center, most viewed first.
pub const TOP_NOTES: usize = 50;

/// Who is viewing, for once-a-day counting: "u{id}" signed in, else "a" + a hash of the day,
/// client key and User-Agent (the day in the hash means keys cannot be linked across days).
fn viewer_key(viewer: Option<i64>, day: i64, address: &str, user_agent: &str) -> String {
    match viewer {
        Some(id) => format!("u{id}"),
        None => {
            let digest = Sha256::digest(format!("{day}|{address}|{user_agent}").as_bytes());
            let hash = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&digest[..16]);
            format!("a{hash}")
        }
    }
}

/// The last day whose older view and share rows were pruned (only today's rows matter for
/// dedupe).
static PRUNED_BEFORE: AtomicI64 = AtomicI64::new(0);

/// The author of a note `viewer` may see; 404 otherwise.
pub(crate) async fn visible_author(
    conn: &mut SqliteConnection,
    note: i64,
    viewer: Option<i64>,
) -> AppResult<i64> {
    let found: Option<(i64, Option<i64>)> =
        sqlx::query_as("SELECT author_id, hidden_at FROM notes WHERE id = $1")
            .bind(note)
            .fetch_optional(&mut *conn)
            .await?;
    match found {
        Some((author, hidden)) if hidden.is_none() || viewer == Some(author) => Ok(author),
        _ => Err(not_found(note)),
    }
}

/// Adds to today's view or share counter of a note.
async fn bump_daily(
    conn: &mut SqliteConnection,
    note: i64,
    day: i64,
    column: &'static str,
) -> AppResult<()> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO note_daily (note_id, day, {column}) VALUES ($1, $2, 1) \
         ON CONFLICT (note_id, day) DO UPDATE SET {column} = note_daily.{column} + 1"
    )))
    .bind(note)
    .bind(day)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Counts a view of the note: once per viewer per day; the author's own views do not count.
#[utoipa::path(post, path = "/api/v1/notes/{id}/view", tag = "publishing",
    params(("id" = i64, Path, description = "Note id")),
    responses(
        (status = 204, description = "Counted (or already counted today)"),
        (status = 404, description = "No such note", body = api_types::ErrorBody),
    ))]
pub async fn record_view(
    State(state): State<AppState>,
    Viewer(viewer): Viewer,
    client: Client,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    let day = app_day(now_unix());
    let user_agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let key = viewer_key(viewer, day, client.key(), user_agent);
    let (_turn, mut tx) = write_tx(&state.db).await?;
    let author = visible_author(&mut tx, id, viewer).await?;
    if viewer == Some(author) {
        return Ok(StatusCode::NO_CONTENT);
    }
    let first = sqlx::query(
        "INSERT INTO note_views (note_id, viewer_key, day) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
    )
    .bind(id)
    .bind(&key)
    .bind(day)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if first {
        bump_daily(&mut tx, id, day, "views").await?;
    }
    // Once a day, drop the view and share rows of days before yesterday.
    if PRUNED_BEFORE.fetch_max(day - 1, Ordering::Relaxed) < day - 1 {
        for table in ["note_views", "note_shares"] {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DELETE FROM {table} WHERE day < $1"
            )))
            .bind(day - 1)
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Counts a share of the note (the share sheet or a copied link): once per person per day.
#[utoipa::path(post, path = "/api/v1/notes/{id}/share", tag = "publishing",
    params(("id" = i64, Path, description = "Note id")),
    responses(
        (status = 204, description = "Counted (or already counted today)"),
        (status = 404, description = "No such note", body = api_types::ErrorBody),
    ))]
pub async fn record_share(
    State(state): State<AppState>,
    Viewer(viewer): Viewer,
    client: Client,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    let day = app_day(now_unix());
    let sharer = person_key(viewer, &client);
    let (_turn, mut tx) = write_tx(&state.db).await?;
    visible_author(&mut tx, id, viewer).await?;
    let first = sqlx::query(
        "INSERT INTO note_shares (note_id, sharer_key, day) VALUES ($1, $2, $3) \
         ON CONFLICT DO NOTHING",
    )
    .bind(id)
    .bind(&sharer)
    .bind(day)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if !first {
        return Ok(StatusCode::NO_CONTENT);
    }
    // Signed-in shares are also kept for taste (note_shares is pruned daily).
    if let Some(me) = viewer {
        sqlx::query(
            "INSERT INTO user_shares (user_id, note_id, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT DO NOTHING",
        )
        .bind(me)
        .bind(id)
        .bind(now_unix())
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query("UPDATE notes SET share_count = share_count + 1 WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    bump_daily(&mut tx, id, day, "shares").await?;
    tx.commit().await?;
    if let Some(me) = viewer {
        state.recs.forget(me);
    }
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatsQuery {
    /// The period: 7 (the default), 30 or 90 days, today included.
    #[param(schema_with = super::openapi::stats_days)]
    pub days: Option<String>,
}

/// Which of [`StatValues`]' fields a metric's two numbers go to.
#[derive(Clone, Copy)]
enum Metric {
    ViewsShares,
    Likes,
    Collects,
    Comments,
    Followers,
    Orders,
}

impl Metric {
    fn add(self, v: &mut StatValues, a: i64, b: i64) {
        match self {
            Metric::ViewsShares => {
                v.views += a;
                v.shares += b;
            }
            Metric::Likes => v.likes += a,
            Metric::Collects => v.collects += a,
            Metric::Comments => v.comments += a,
            Metric::Followers => v.new_followers += a,
            Metric::Orders => {
                v.orders += a;
                v.commission_fen += b;
            }
        }
    }
}

fn add_values(total: &mut StatValues, v: &StatValues) {
    total.views += v.views;
    total.likes += v.likes;
    total.collects += v.collects;
    total.comments += v.comments;
    total.shares += v.shares;
    total.new_followers += v.new_followers;
    total.orders += v.orders;
    total.commission_fen += v.commission_fen;
}

/// The day number of a `created_at` column in SQL (UTC+8, like [`app_day`]).
fn sql_day(column: &str) -> String {
    format!("(({column} + {APP_UTC_OFFSET}) / 86400)")
}

/// Rows per (note, day) of a `(note_id, user_id, created_at)` interaction table (likes,
/// collects) on the creator's notes since `?2`.
fn per_note_day(table: &str) -> String {
    format!(
        "SELECT l.note_id, {day}, COUNT(*), 0 FROM {table} l \
         JOIN notes n ON n.id = l.note_id WHERE n.author_id = $1 AND l.created_at >= $2 \
         GROUP BY l.note_id, {day}",
        day = sql_day("l.created_at")
    )
}

/// The signed-in creator's numbers over the last `days` days: a series per day (oldest first,
/// zeros included), totals, and their notes most viewed first.
#[utoipa::path(get, path = "/api/v1/creator/stats", tag = "publishing", params(StatsQuery),
    responses(
        (status = 200, body = CreatorStats),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 422, description = "days is not 7, 30 or 90", body = api_types::ErrorBody),
    ))]
pub async fn creator_stats(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiQuery(q): ApiQuery<StatsQuery>,
) -> AppResult<Json<CreatorStats>> {
    // Any other value, numeric or not, is a 422 naming the choices.
    let days = match q.days.as_deref() {
        None => PERIODS[0],
        Some(raw) => raw
            .parse::<i64>()
            .ok()
            .filter(|d| PERIODS.contains(d))
            .ok_or_else(|| {
                AppError::InvalidRequest(format!("days must be 7, 30 or 90, not '{raw}'."))
            })?,
    };
    let today = app_day(now_unix());
    let first = today - days + 1;
    let since = app_day_start(first);
    let db = &state.db;

    // (note id or 0, day, a, b) per metric; each query reads one index range.
    let per_note_day: [(Metric, String); 5] = [
        (
            Metric::ViewsShares,
            format!(
                "SELECT d.note_id, d.day, d.views, d.shares FROM note_daily d \
                 JOIN notes n ON n.id = d.note_id WHERE n.author_id = $1 AND d.day >= {}",
                sql_day("$2")
            ),
        ),
        (
            Metric::Likes,
            per_note_day("note_likes"),
        ),
        (
            Metric::Collects,
            per_note_day("note_collects"),
        ),
        (
            Metric::Comments,
            format!(
                "SELECT c.note_id, {day}, COUNT(*), 0 FROM comments c \
                 JOIN notes n ON n.id = c.note_id WHERE n.author_id = $1 AND c.author_id <> $1 \
                 AND c.created_at >= $2 GROUP BY c.note_id, {day}",
                day = sql_day("c.created_at")
            ),
        ),
        (
            // Attributed orders: count an order once per note (and once per day below).
            Metric::Orders,
            format!(
                "SELECT COALESCE(oi.from_note, 0), {day}, COUNT(DISTINCT o.id), CAST(SUM(oi.commission_fen) AS BIGINT) \
                 FROM order_items oi JOIN orders o ON o.id = oi.order_id \
                 WHERE oi.creator_id = $1 AND o.cancelled_at IS NULL AND o.created_at >= $2 \
                 GROUP BY oi.from_note, {day}",
                day = sql_day("o.created_at")
            ),
        ),
    ];
    let mut series = vec![StatValues::default(); days as usize];
    let mut by_note: HashMap<i64, StatValues> = HashMap::new();
    let slot = |day: i64| {
        usize::try_from(day - first)
            .ok()
            .filter(|i| *i < days as usize)
    };
    for (metric, sql) in &per_note_day {
        let rows: Vec<(i64, i64, i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(me)
            .bind(since)
            .fetch_all(db)
            .await?;
        for (note, day, a, b) in rows {
            metric.add(by_note.entry(note).or_default(), a, b);
            // An order with lines from two notes is one order on its day.
            if !matches!(metric, Metric::Orders) {
                if let Some(i) = slot(day) {
                    metric.add(&mut series[i], a, b);
                }
            }
        }
    }
    let per_day: [(Metric, String); 2] = [
        (
            Metric::Followers,
            format!(
                "SELECT {day}, COUNT(*), 0 FROM follows WHERE followee_id = $1 AND created_at >= $2 \
                 GROUP BY {day}",
                day = sql_day("created_at")
            ),
        ),
        (
            Metric::Orders,
            format!(
                "SELECT {day}, COUNT(DISTINCT o.id), CAST(SUM(oi.commission_fen) AS BIGINT) \
                 FROM order_items oi JOIN orders o ON o.id = oi.order_id \
                 WHERE oi.creator_id = $1 AND o.cancelled_at IS NULL AND o.created_at >= $2 \
                 GROUP BY {day}",
                day = sql_day("o.created_at")
            ),
        ),
    ];
    for (metric, sql) in &per_day {
        let rows: Vec<(i64, i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(me)
            .bind(since)
            .fetch_all(db)
            .await?;
        for (day, a, b) in rows {
            if let Some(i) = slot(day) {
                metric.add(&mut series[i], a, b);
            }
        }
    }

    let mut totals = StatValues::default();
    for v in &series {
        add_values(&mut totals, v);
    }

    // Every note of the creator (hidden ones too: they are theirs), most viewed first.
    let mine: Vec<(i64, i64)> =
        sqlx::query_as("SELECT id, created_at FROM notes WHERE author_id = $1")
            .bind(me)
            .fetch_all(db)
            .await?;
    let mut ranked: Vec<(i64, i64, StatValues)> = mine
        .into_iter()
        .map(|(id, created_at)| (id, created_at, by_note.remove(&id).unwrap_or_default()))
        .collect();
    ranked.sort_by(|a, b| {
        b.2.views
            .cmp(&a.2.views)
            .then(b.2.likes.cmp(&a.2.likes))
            .then(b.1.cmp(&a.1))
            .then(b.0.cmp(&a.0))
    });
    ranked.truncate(TOP_NOTES);
    let cards = cards(&mut *db.acquire().await?, &ranked).await?;
    let notes = ranked
        .into_iter()
        .filter_map(|(id, created_at, values)| {
            cards.get(&id).map(|card| NoteStats {
                note: card.clone(),
                created_at,
                values,
            })
        })
        .collect();

    Ok(Json(CreatorStats {
        days,
        series: series
            .into_iter()
            .enumerate()
            .map(|(i, values)| DayStats {
                day: app_day_start(first + i as i64),
                values,
            })
            .collect(),
        totals,
        notes,
    }))
}

/// Note cards for the ranked notes (hidden ones included), by id.
async fn cards(
    conn: &mut SqliteConnection,
    ranked: &[(i64, i64, StatValues)],
) -> AppResult<HashMap<i64, NoteCard>> {
    if ranked.is_empty() {
        return Ok(HashMap::new());
    }
    let mut sql = QueryBuilder::<Sqlite>::new(CARD_SELECT);
    sql.push(" WHERE n.id IN (");
    let mut list = sql.separated(", ");
    for (id, _, _) in ranked {
        list.push_bind(*id);
    }
    sql.push(")");
    let rows: Vec<CardRow> = sql.build_query_as().fetch_all(&mut *conn).await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.id, NoteCard::from(r)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anonymous_keys_change_with_the_day_and_hide_the_address() {
        let a = viewer_key(None, 20_000, "203.0.113.9", "Firefox");
        assert!(a.starts_with('a') && !a.contains("203"));
        assert_eq!(a, viewer_key(None, 20_000, "203.0.113.9", "Firefox"));
        assert_ne!(a, viewer_key(None, 20_001, "203.0.113.9", "Firefox"));
        assert_ne!(a, viewer_key(None, 20_000, "203.0.113.9", "Chrome"));
        assert_eq!(viewer_key(Some(7), 20_000, "x", "y"), "u7");
    }
}
