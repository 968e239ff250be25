//! Taste signals for the personalised For-you feed that no other table keeps: how long a
//! signed-in person stayed on a note, and "Not interested" on a card. Guests are not recorded
//! yet (their anonymous per-browser id comes with the client work).

use api_types::{NoteOpen, DWELL_CAP_MS};
use axum::extract::State;
use axum::http::StatusCode;

use super::stats::visible_author;
use crate::auth::SignedIn;
use crate::db::write_tx;
use crate::error::AppResult;
use crate::extract::{ApiJson, ApiPath};
use crate::{app_day, now_unix, AppState};

/// Records that the signed-in person opened the note and stayed `dwell_ms` (capped at ten
/// minutes); reported when the note closes. Once per note per day: a second report keeps the
/// longer stay. One's own notes are not recorded.
#[utoipa::path(post, path = "/api/v1/notes/{id}/open", tag = "recommendations",
    params(("id" = i64, Path, description = "Note id")),
    request_body = NoteOpen,
    responses(
        (status = 204, description = "Recorded"),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 404, description = "No such note", body = api_types::ErrorBody),
    ))]
pub async fn record_open(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiPath(id): ApiPath<i64>,
    ApiJson(open): ApiJson<NoteOpen>,
) -> AppResult<StatusCode> {
    let now = now_unix();
    let dwell = i64::from(open.dwell_ms.min(DWELL_CAP_MS));
    let (_turn, mut tx) = write_tx(&state.db).await?;
    if visible_author(&mut tx, id, Some(me)).await? == me {
        return Ok(StatusCode::NO_CONTENT);
    }
    sqlx::query(
        "INSERT INTO note_opens (user_id, note_id, day, dwell_ms, at) VALUES (?, ?, ?, ?, ?) \
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
    tx.commit().await?;
    state.recs.opened(me, id);
    Ok(StatusCode::NO_CONTENT)
}

/// "Not interested": the note and its near-duplicates leave the person's For-you feed
/// (idempotent).
#[utoipa::path(put, path = "/api/v1/notes/{id}/not-interested", tag = "recommendations",
    params(("id" = i64, Path, description = "Note id")),
    responses(
        (status = 204, description = "Recorded"),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 404, description = "No such note", body = api_types::ErrorBody),
    ))]
pub async fn not_interested(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    let (_turn, mut tx) = write_tx(&state.db).await?;
    visible_author(&mut tx, id, Some(me)).await?;
    sqlx::query(
        "INSERT INTO note_hides (user_id, note_id, created_at) VALUES (?, ?, ?) \
         ON CONFLICT DO NOTHING",
    )
    .bind(me)
    .bind(id)
    .bind(now_unix())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    state.recs.forget(me);
    Ok(StatusCode::NO_CONTENT)
}

/// Takes back "Not interested" (idempotent; a note that no longer exists is fine).
#[utoipa::path(delete, path = "/api/v1/notes/{id}/not-interested", tag = "recommendations",
    params(("id" = i64, Path, description = "Note id")),
    responses(
        (status = 204, description = "Removed (or was not there)"),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
    ))]
pub async fn undo_not_interested(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    let (_turn, mut tx) = write_tx(&state.db).await?;
    sqlx::query("DELETE FROM note_hides WHERE user_id = ? AND note_id = ?")
        .bind(me)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    state.recs.forget(me);
    Ok(StatusCode::NO_CONTENT)
}
