//! People who are not signed in still teach For-you what they like. Their browser makes a
//! random anonymous id, keeps it on the device (no account, no cookie) and sends it as
//! `X-Guest-Id`; the server keeps that guest's opens and "Not interested" under it (migration
//! 0009), bounded per guest and pruned after [`RETENTION_DAYS`], and moves them to the account
//! when the guest signs in or up with the same header.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use sqlx::SqliteConnection;

use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::ratelimit::{Policy, Refusal, Rule, Store};
use crate::AppState;

/// The request header that carries a guest's anonymous id.
pub const HEADER: &str = "x-guest-id";
/// Guest rows older than this are deleted.
pub const RETENTION_DAYS: i64 = 30;
/// Rows kept per guest and table: the newest win (a taste needs no more).
pub const MAX_ROWS_PER_GUEST: i64 = 300;

/// Guest signals per client (opens and "Not interested" under any number of anonymous ids):
/// the per-guest cap bounds one id's rows, this bounds how fast one client mints new ones.
/// Counted in memory: a signal is one small write, and a shared count would double it.
pub const SIGNALS: Policy = Policy {
    name: "guest-signals",
    rules: &[Rule {
        limit: 600,
        window: Duration::from_secs(10 * 60),
    }],
    store: Store::Local,
    refusal: Refusal::Action {
        action: api_types::LimitedAction::GuestSignal,
        words: "record this many views",
    },
};

/// A guest's anonymous id: 32 lowercase hex digits (128 random bits), made by the browser.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct GuestId(String);

impl GuestId {
    pub fn parse(raw: &str) -> Option<GuestId> {
        let ok = raw.len() == 32 && raw.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        ok.then(|| GuestId(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id a request carries, if it carries a well-formed one. Like any API key, a
    /// malformed one identifies no one: it is ignored (and a request that needs a reader is
    /// then a 401).
    pub fn from_headers(headers: &axum::http::HeaderMap) -> Option<GuestId> {
        headers
            .get(HEADER)
            .and_then(|v| v.to_str().ok())
            .and_then(GuestId::parse)
    }
}

/// `X-Guest-Id` on sign-in and sign-up, as the OpenAPI document describes it there (where it
/// reads a reader, it is the `guest` security scheme instead: see `api::openapi`).
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
pub struct GuestHeader {
    /// The browser's anonymous id while it was a guest (32 lowercase hexadecimal digits; any
    /// other value is ignored): what it learned moves to the account.
    #[param(rename = "X-Guest-Id", value_type = String)]
    #[allow(dead_code)]
    x_guest_id: Option<String>,
}

/// An optional `X-Guest-Id` (sign-in and sign-up take the guest's signals along).
pub struct MaybeGuest(pub Option<GuestId>);

impl FromRequestParts<AppState> for MaybeGuest {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> AppResult<Self> {
        Ok(MaybeGuest(GuestId::from_headers(&parts.headers)))
    }
}

/// Whose taste a request speaks for: a signed-in person, else a guest with an anonymous id;
/// 401 when neither.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reader {
    Person(i64),
    Guest(GuestId),
}

impl FromRequestParts<AppState> for Reader {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> AppResult<Self> {
        if let Viewer(Some(me)) = Viewer::from_request_parts(parts, state).await? {
            return Ok(Reader::Person(me));
        }
        match GuestId::from_headers(&parts.headers) {
            Some(guest) => Ok(Reader::Guest(guest)),
            None => Err(AppError::sign_in_first(
                "Please sign in (or send the browser's X-Guest-Id: 32 lowercase hexadecimal digits) to do that.",
            )),
        }
    }
}

/// Records a guest's stay on a note (once per note and day, keeping the longest).
pub async fn record_open(
    conn: &mut SqliteConnection,
    guest: &GuestId,
    note: i64,
    day: i64,
    dwell_ms: i64,
    now: i64,
) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO guest_opens (guest_id, note_id, day, dwell_ms, at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (guest_id, note_id, day) DO UPDATE SET at = excluded.at, \
         dwell_ms = CASE WHEN excluded.dwell_ms > guest_opens.dwell_ms \
                    THEN excluded.dwell_ms ELSE guest_opens.dwell_ms END",
    )
    .bind(guest.as_str())
    .bind(note)
    .bind(day)
    .bind(dwell_ms)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    trim(conn, guest, TRIM_OPENS).await?;
    prune_daily(conn, now).await
}

/// "Not interested" from a guest (idempotent).
pub async fn hide(
    conn: &mut SqliteConnection,
    guest: &GuestId,
    note: i64,
    now: i64,
) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO guest_hides (guest_id, note_id, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT DO NOTHING",
    )
    .bind(guest.as_str())
    .bind(note)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    trim(conn, guest, TRIM_HIDES).await?;
    prune_daily(conn, now).await
}

/// Takes a guest's "Not interested" back (idempotent).
pub async fn unhide(conn: &mut SqliteConnection, guest: &GuestId, note: i64) -> AppResult<()> {
    sqlx::query("DELETE FROM guest_hides WHERE guest_id = $1 AND note_id = $2")
        .bind(guest.as_str())
        .bind(note)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Moves a guest's signals to `user`'s account (in the caller's transaction) and forgets the
/// guest. Where the account already has a row for the same note (and day), the longer stay wins.
pub async fn merge_into(conn: &mut SqliteConnection, guest: &GuestId, user: i64) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO note_opens (user_id, note_id, day, dwell_ms, at) \
         SELECT $1, g.note_id, g.day, g.dwell_ms, g.at FROM guest_opens g \
         JOIN notes n ON n.id = g.note_id WHERE g.guest_id = $2 AND n.author_id <> $3 \
         ON CONFLICT (user_id, note_id, day) DO UPDATE SET \
         dwell_ms = CASE WHEN excluded.dwell_ms > note_opens.dwell_ms \
                    THEN excluded.dwell_ms ELSE note_opens.dwell_ms END, \
         at = CASE WHEN excluded.at > note_opens.at THEN excluded.at ELSE note_opens.at END",
    )
    .bind(user)
    .bind(guest.as_str())
    .bind(user)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO note_hides (user_id, note_id, created_at) \
         SELECT $1, note_id, created_at FROM guest_hides WHERE guest_id = $2 \
         ON CONFLICT DO NOTHING",
    )
    .bind(user)
    .bind(guest.as_str())
    .execute(&mut *conn)
    .await?;
    for table in ["guest_opens", "guest_hides"] {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {table} WHERE guest_id = $1"
        )))
        .bind(guest.as_str())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The statements that keep a guest's newest [`MAX_ROWS_PER_GUEST`] rows of each table.
const TRIM_OPENS: &str = "DELETE FROM guest_opens WHERE guest_id = $1 AND (note_id, day) NOT IN \
     (SELECT note_id, day FROM guest_opens WHERE guest_id = $2 ORDER BY at DESC LIMIT $3)";
const TRIM_HIDES: &str = "DELETE FROM guest_hides WHERE guest_id = $1 AND note_id NOT IN \
     (SELECT note_id FROM guest_hides WHERE guest_id = $2 ORDER BY created_at DESC LIMIT $3)";

/// Trims the one table a signal was just written to (see [`TRIM_OPENS`], [`TRIM_HIDES`]).
async fn trim(conn: &mut SqliteConnection, guest: &GuestId, sql: &'static str) -> AppResult<()> {
    sqlx::query(sql)
        .bind(guest.as_str())
        .bind(guest.as_str())
        .bind(MAX_ROWS_PER_GUEST)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Once a day per process, drops guest rows older than [`RETENTION_DAYS`].
async fn prune_daily(conn: &mut SqliteConnection, now: i64) -> AppResult<()> {
    static PRUNED_DAY: AtomicI64 = AtomicI64::new(0);
    let day = now / 86_400;
    if PRUNED_DAY.fetch_max(day, Ordering::Relaxed) >= day {
        return Ok(());
    }
    let before = now - RETENTION_DAYS * 86_400;
    sqlx::query("DELETE FROM guest_opens WHERE at < $1")
        .bind(before)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM guest_hides WHERE created_at < $1")
        .bind(before)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::GuestId;

    #[test]
    fn guest_ids_are_32_lowercase_hex_digits() {
        assert!(GuestId::parse("0123456789abcdef0123456789abcdef").is_some());
        assert!(GuestId::parse("0123456789ABCDEF0123456789abcdef").is_none());
        assert!(GuestId::parse("0123456789abcdef").is_none());
        assert!(GuestId::parse("0123456789abcdef0123456789abcdeg").is_none());
        assert!(GuestId::parse("' OR 1=1; --                    ").is_none());
    }
}
