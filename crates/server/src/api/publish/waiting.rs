//! Video notes published before their video was ready. The request is checked and kept
//! (`waiting_video_notes`); when the transcoding job marks the video ready, the note is
//! written from it exactly as if it had been published then, and the kept request goes in the
//! same transaction. A server that stops in between publishes it at its next start. If the
//! video fails, or the note can no longer be published (a product gone, a duplicate), the
//! author's list says why until they dismiss it.

use api_types::{ErrorCode, NoteInput, VideoState, WaitingNote};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use sqlx::SqliteConnection;

use super::checks::video_failed_message;
use super::{publish, Asked, Outcome};
use crate::auth::SignedIn;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::extract::ApiPath;
use crate::AppState;

/// Keeps `me`'s request for the note of `video` (a second request for the same video
/// replaces the first).
pub(super) async fn keep(
    conn: &mut SqliteConnection,
    me: i64,
    video: i64,
    input: &NoteInput,
    now: i64,
) -> AppResult<()> {
    let json = serde_json::to_string(input).map_err(|e| AppError::Internal(e.to_string()))?;
    sqlx::query(
        "INSERT INTO waiting_video_notes (video_id, author_id, input, error, created_at) \
         VALUES ($1, $2, $3, NULL, $4) \
         ON CONFLICT (video_id) DO UPDATE SET input = excluded.input, error = NULL, \
         error_code = NULL, created_at = excluded.created_at",
    )
    .bind(video)
    .bind(me)
    .bind(json)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The kept request goes once its note is written.
pub(super) async fn forget(conn: &mut SqliteConnection, video: i64) -> AppResult<()> {
    sqlx::query("DELETE FROM waiting_video_notes WHERE video_id = $1")
        .bind(video)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

type Row = (
    i64,
    String,
    String,
    i64,
    Option<String>,
    Option<String>,
    Option<String>,
    i64,
);

const SELECT: &str = "SELECT w.video_id, w.input, v.status, v.progress, v.error, w.error, \
                      w.error_code, w.created_at \
                      FROM waiting_video_notes w JOIN videos v ON v.id = w.video_id";

fn waiting_note(
    (video_id, input, status, progress, video_error, error, error_code, created_at): Row,
) -> WaitingNote {
    let title = serde_json::from_str::<NoteInput>(&input)
        .map(|i| i.title)
        .unwrap_or_default();
    let state = match status.as_str() {
        "queued" => VideoState::Queued,
        "processing" => VideoState::Processing,
        "ready" => VideoState::Ready,
        _ => VideoState::Failed,
    };
    let (error, error_code) = match state {
        VideoState::Failed => (
            Some(video_failed_message(video_error)),
            Some(ErrorCode::VideoFailed),
        ),
        // A name this build does not know (written by a newer one) is left out: `Unknown`
        // is never sent, and `error` still says why.
        _ => (
            error,
            error_code
                .map(|name| ErrorCode::from_name(&name))
                .filter(|code| *code != ErrorCode::Unknown),
        ),
    };
    WaitingNote {
        video_id,
        title,
        state,
        progress: u8::try_from(progress.clamp(0, 100)).unwrap_or(0),
        error,
        error_code,
        created_at,
    }
}

/// `me`'s waiting note for `video`.
pub(super) async fn load(db: &Db, me: i64, video: i64) -> AppResult<WaitingNote> {
    // Constant text only: no input is formatted into the SQL.
    let row: Option<Row> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE w.video_id = $1 AND w.author_id = $2"
    )))
    .bind(video)
    .bind(me)
    .fetch_optional(db)
    .await?;
    row.map(waiting_note)
        .ok_or_else(|| AppError::missing(api_types::Resource::WaitingNote, "No such waiting note."))
}

/// The signed-in author's video notes waiting for their video (newest first).
#[utoipa::path(get, path = "/api/v1/me/waiting-notes", tag = "publishing",
    responses(
        (status = 200, body = Vec<WaitingNote>),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
) -> AppResult<Json<Vec<WaitingNote>>> {
    let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE w.author_id = $1 ORDER BY w.created_at DESC, w.video_id DESC"
    )))
    .bind(me)
    .fetch_all(&state.db)
    .await?;
    Ok(Json(rows.into_iter().map(waiting_note).collect()))
}

/// Drops a waiting note (it will not be published; the video stays the author's).
#[utoipa::path(delete, path = "/api/v1/me/waiting-notes/{video_id}", tag = "publishing",
    params(("video_id" = i64, Path, description = "The waiting note's video")),
    responses(
        (status = 204, description = "Dropped"),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 404, description = "No such waiting note of the signed-in author", body = api_types::ErrorBody),
    ))]
pub async fn dismiss(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiPath(video): ApiPath<i64>,
) -> AppResult<StatusCode> {
    let done =
        sqlx::query("DELETE FROM waiting_video_notes WHERE video_id = $1 AND author_id = $2")
            .bind(video)
            .bind(me)
            .execute(&state.db)
            .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::missing(
            api_types::Resource::WaitingNote,
            "No such waiting note.",
        ));
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Publishes the note waiting for `video`, now ready (the transcoding job calls this). When
/// it cannot be published any more, the author's list says why.
pub async fn publish_ready(state: &AppState, video: i64) {
    let row: Result<Option<(i64, String)>, _> = sqlx::query_as(
        "SELECT author_id, input FROM waiting_video_notes WHERE video_id = $1 AND error IS NULL",
    )
    .bind(video)
    .fetch_optional(&state.db)
    .await;
    let (author, input) = match row {
        Ok(Some(row)) => row,
        Ok(None) => return,
        Err(e) => {
            tracing::warn!(error = %e, "could not read the note waiting for video {video}");
            return;
        }
    };
    let outcome = match serde_json::from_str::<NoteInput>(&input) {
        Ok(input) => publish(state, author, input, Asked::Waited).await,
        Err(e) => Err(AppError::Internal(e.to_string())),
    };
    let (why, code) = match outcome {
        Ok(Outcome::Note(id)) => {
            tracing::info!("note {id} published with its video {video}");
            return;
        }
        Ok(Outcome::Waiting(_)) => return,
        // The first field's code: the note's fields were checked when it was kept, so what
        // fails now is what changed since (a product or photo gone), one at a time in practice.
        Err(AppError::Fields(fields)) => (
            fields
                .iter()
                .map(|f| f.message.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            fields.first().map_or(ErrorCode::Validation, |f| f.code),
        ),
        Err(e @ (AppError::Database(_) | AppError::Internal(_))) => {
            tracing::warn!(error = %e, "could not publish the note waiting for video {video}");
            (
                "Something went wrong on our side; publish it again.".to_string(),
                ErrorCode::Internal,
            )
        }
        Err(e) => (e.to_string(), e.code()),
    };
    let saved = sqlx::query(
        "UPDATE waiting_video_notes SET error = $1, error_code = $2 WHERE video_id = $3",
    )
    .bind(&why)
    .bind(code.name())
    .bind(video)
    .execute(&state.db)
    .await;
    if let Err(e) = saved {
        tracing::warn!(error = %e, "could not record why video {video}'s note was not published");
    }
}

/// At start: the notes whose video became ready while the server was stopping.
pub async fn publish_all_ready(state: &AppState) -> Result<(), sqlx::Error> {
    let videos: Vec<i64> = sqlx::query_scalar(
        "SELECT w.video_id FROM waiting_video_notes w JOIN videos v ON v.id = w.video_id \
         WHERE v.status = 'ready' AND w.error IS NULL ORDER BY w.video_id",
    )
    .fetch_all(&state.db)
    .await?;
    for video in videos {
        publish_ready(state, video).await;
    }
    Ok(())
}
