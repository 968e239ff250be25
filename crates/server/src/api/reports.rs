//! Reporting notes and comments. One report per person per target; when
//! [`REPORT_HIDE_THRESHOLD`] different people have reported something it is hidden (in the same
//! transaction) from everyone but its author, pending review: it leaves feeds, search, topic
//! pages and comment lists.

use api_types::{ErrorCode, ErrorParams, Resource};
use api_types::{ReportInput, ReportReason, ReportResult, REPORT_HIDE_THRESHOLD};
use axum::extract::State;
use axum::Json;
use sqlx::SqliteConnection;

use crate::auth::SignedIn;
use crate::db::write_tx;
use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, ApiPath};
use crate::{now_unix, AppState};

/// What can be reported, as stored in `reports.target_kind`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Note,
    Comment,
}

impl Target {
    fn kind(self) -> &'static str {
        match self {
            Target::Note => "note",
            Target::Comment => "comment",
        }
    }

    fn table(self) -> &'static str {
        match self {
            Target::Note => "notes",
            Target::Comment => "comments",
        }
    }

    fn resource(self) -> Resource {
        match self {
            Target::Note => Resource::Note,
            Target::Comment => Resource::Comment,
        }
    }
}

fn reason_code(reason: ReportReason) -> &'static str {
    match reason {
        ReportReason::Spam => "spam",
        ReportReason::Inappropriate => "inappropriate",
        ReportReason::Misleading => "misleading",
        ReportReason::Other => "other",
    }
}

/// Deletes the reports on a comment and its replies (before the comment goes: ids can be
/// reused, and a new comment must not inherit old reports).
pub async fn forget_comment_reports(conn: &mut SqliteConnection, comment: i64) -> AppResult<()> {
    sqlx::query(
        "DELETE FROM reports WHERE target_kind = 'comment' AND (target_id = $1 \
         OR target_id IN (SELECT id FROM comments WHERE parent_id = $1))",
    )
    .bind(comment)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Deletes the reports on a note and on its comments (before the note goes).
pub async fn forget_note_reports(conn: &mut SqliteConnection, note: i64) -> AppResult<()> {
    sqlx::query("DELETE FROM reports WHERE target_kind = 'note' AND target_id = $1")
        .bind(note)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "DELETE FROM reports WHERE target_kind = 'comment' \
         AND target_id IN (SELECT id FROM comments WHERE note_id = $1)",
    )
    .bind(note)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn report(
    state: &AppState,
    me: i64,
    target: Target,
    id: i64,
    reason: ReportReason,
) -> AppResult<ReportResult> {
    let now = now_unix();
    let (turn, mut tx) = write_tx(&state.db).await?;
    let found: Option<(i64, Option<i64>)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT author_id, hidden_at FROM {} WHERE id = $1",
        target.table()
    )))
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let (author, hidden_at) = found.ok_or_else(|| AppError::not_found(target.resource(), id))?;
    if author == me {
        return Err(AppError::unprocessable(
            ErrorCode::CannotReportOwn,
            format!("You cannot report your own {}.", target.kind()),
        )
        .with(ErrorParams {
            resource: Some(target.resource()),
            ..Default::default()
        }));
    }
    sqlx::query(
        "INSERT INTO reports (reporter_id, target_kind, target_id, reason, created_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
    )
    .bind(me)
    .bind(target.kind())
    .bind(id)
    .bind(reason_code(reason))
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let reports: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM reports WHERE target_kind = $1 AND target_id = $2",
    )
    .bind(target.kind())
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    let hides = hidden_at.is_none() && reports >= REPORT_HIDE_THRESHOLD;
    if hides {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE {} SET hidden_at = $1 WHERE id = $2 AND hidden_at IS NULL",
            target.table()
        )))
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    }
    let topics: Vec<String> = if hides && target == Target::Note {
        sqlx::query_scalar("SELECT topic FROM note_topics WHERE note_id = $1")
            .bind(id)
            .fetch_all(&mut *tx)
            .await?
    } else {
        Vec::new()
    };
    tx.commit().await?;
    drop(turn);
    if hides && target == Target::Note {
        // Out of search, feeds and topic counts at once.
        state.after_note_change(id, &topics).await;
    }
    Ok(ReportResult {
        reports,
        hidden: hidden_at.is_some() || hides,
    })
}

/// Reports a note (once per person; reporting again changes nothing).
#[utoipa::path(post, path = "/api/v1/notes/{id}/report", tag = "publishing",
    params(("id" = i64, Path, description = "Note id")), request_body = ReportInput,
    responses(
        (status = 200, body = ReportResult),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 404, description = "No such note", body = api_types::ErrorBody),
        (status = 422, description = "Your own note, or an unknown reason", body = api_types::ErrorBody),
    ))]
pub async fn report_note(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<ReportInput>,
) -> AppResult<Json<ReportResult>> {
    Ok(Json(
        report(&state, me, Target::Note, id, input.reason).await?,
    ))
}

/// Reports a comment or reply (once per person; reporting again changes nothing).
#[utoipa::path(post, path = "/api/v1/comments/{id}/report", tag = "publishing",
    params(("id" = i64, Path, description = "Comment id")), request_body = ReportInput,
    responses(
        (status = 200, body = ReportResult),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 404, description = "No such comment", body = api_types::ErrorBody),
        (status = 422, description = "Your own comment, or an unknown reason", body = api_types::ErrorBody),
    ))]
pub async fn report_comment(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<ReportInput>,
) -> AppResult<Json<ReportResult>> {
    Ok(Json(
        report(&state, me, Target::Comment, id, input.reason).await?,
    ))
}
