//! Taste signals for the personalised For-you feed that no other table keeps: how long a reader
//! stayed on a note, and "Not interested" on a card. A signed-in person's go to their account;
//! a guest's to their browser's anonymous id (`crate::guest`).

use api_types::{NoteOpen, DWELL_CAP_MS};
use axum::extract::State;
use axum::http::StatusCode;

use super::stats::visible_author;
use crate::client::Client;
use crate::db::write_tx;
use crate::error::AppResult;
use crate::extract::{ApiJson, ApiPath};
use crate::guest::{self, Reader};
use crate::{app_day, now_unix, AppState};

/// Records that the reader opened the note and stayed `dwell_ms` (capped at ten minutes);
/// reported when the note closes. Once per note per day: a second report keeps the longer
/// stay. One's own notes are not recorded.
#[utoipa::path(post, path = "/api/v1/notes/{id}/open", tag = "recommendations",
    params(("id" = i64, Path, description = "Note id")),
    security(("session" = []), ("guest" = [])),
    request_body = NoteOpen,
    responses(
        (status = 204, description = "Recorded"),
        (status = 401, description = "Neither signed in nor a well-formed X-Guest-Id", body = api_types::ErrorBody),
        (status = 429, description = "Too many guest signals from this client lately (see Retry-After)", body = api_types::ErrorBody),
        (status = 404, description = "No such note", body = api_types::ErrorBody),
    ))]
pub async fn record_open(
    State(state): State<AppState>,
    client: Client,
    reader: Reader,
    ApiPath(id): ApiPath<i64>,
    ApiJson(open): ApiJson<NoteOpen>,
) -> AppResult<StatusCode> {
    let now = now_unix();
    let dwell = i64::from(open.dwell_ms.min(DWELL_CAP_MS));
    limit_guests(&state, &client, &reader).await?;
    let (_turn, mut tx) = write_tx(&state.db).await?;
    let me = match &reader {
        Reader::Person(me) => Some(*me),
        Reader::Guest(_) => None,
    };
    let author = visible_author(&mut tx, id, me).await?;
    match &reader {
        Reader::Person(me) if author == *me => return Ok(StatusCode::NO_CONTENT),
        Reader::Person(me) => {
            sqlx::query(
                "INSERT INTO note_opens (user_id, note_id, day, dwell_ms, at) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (user_id, note_id, day) DO UPDATE SET at = excluded.at, \
                 dwell_ms = CASE WHEN excluded.dwell_ms > note_opens.dwell_ms \
                            THEN excluded.dwell_ms ELSE note_opens.dwell_ms END",
            )
            .bind(me)
            .bind(id)
            .bind(app_day(now))
            .bind(dwell)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        Reader::Guest(guest) => {
            guest::record_open(&mut tx, guest, id, app_day(now), dwell, now).await?;
        }
    }
    tx.commit().await?;
    if let Reader::Person(me) = &reader {
        state.recs.opened(*me, id);
    }
    Ok(StatusCode::NO_CONTENT)
}

/// "Not interested": the note and its near-duplicates leave the reader's For-you feed
/// (idempotent).
#[utoipa::path(put, path = "/api/v1/notes/{id}/not-interested", tag = "recommendations",
    params(("id" = i64, Path, description = "Note id")),
    security(("session" = []), ("guest" = [])),
    responses(
        (status = 204, description = "Recorded"),
        (status = 401, description = "Neither signed in nor a well-formed X-Guest-Id", body = api_types::ErrorBody),
        (status = 429, description = "Too many guest signals from this client lately (see Retry-After)", body = api_types::ErrorBody),
        (status = 404, description = "No such note", body = api_types::ErrorBody),
    ))]
pub async fn not_interested(
    State(state): State<AppState>,
    client: Client,
    reader: Reader,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    let now = now_unix();
    limit_guests(&state, &client, &reader).await?;
    let (_turn, mut tx) = write_tx(&state.db).await?;
    match &reader {
        Reader::Person(me) => {
            visible_author(&mut tx, id, Some(*me)).await?;
            sqlx::query(
                "INSERT INTO note_hides (user_id, note_id, created_at) VALUES ($1, $2, $3) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(me)
            .bind(id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        Reader::Guest(guest) => {
            visible_author(&mut tx, id, None).await?;
            guest::hide(&mut tx, guest, id, now).await?;
        }
    }
    tx.commit().await?;
    if let Reader::Person(me) = &reader {
        state.recs.forget(*me);
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Takes back "Not interested" (idempotent; a note that no longer exists is fine).
#[utoipa::path(delete, path = "/api/v1/notes/{id}/not-interested", tag = "recommendations",
    params(("id" = i64, Path, description = "Note id")),
    security(("session" = []), ("guest" = [])),
    responses(
        (status = 204, description = "Removed (or was not there)"),
        (status = 401, description = "Neither signed in nor a well-formed X-Guest-Id", body = api_types::ErrorBody),
        (status = 429, description = "Too many guest signals from this client lately (see Retry-After)", body = api_types::ErrorBody),
    ))]
pub async fn undo_not_interested(
    State(state): State<AppState>,
    client: Client,
    reader: Reader,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    limit_guests(&state, &client, &reader).await?;
    let (_turn, mut tx) = write_tx(&state.db).await?;
    match &reader {
        Reader::Person(me) => {
            sqlx::query("DELETE FROM note_hides WHERE user_id = $1 AND note_id = $2")
                .bind(me)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        Reader::Guest(guest) => guest::unhide(&mut tx, guest, id).await?,
    }
    tx.commit().await?;
    if let Reader::Person(me) = &reader {
        state.recs.forget(*me);
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Guests' signals are counted per client (see [`guest::SIGNALS`]); people's are not.
async fn limit_guests(state: &AppState, client: &Client, reader: &Reader) -> AppResult<()> {
    match reader {
        Reader::Guest(_) => state.limits.acquire(&guest::SIGNALS, client.key()).await,
        Reader::Person(_) => Ok(()),
    }
}
