//! Publishing, editing and deleting notes. A note is written with its pictures, topics,
//! mentions and products in one write transaction, then indexed for search before the answer
//! goes out, so it is in the author's profile, its channel, followers' following feeds, its
//! topic pages and search the moment the call returns.
//!
//! Trust: at most [`PUBLISH`](crate::ratelimit::PUBLISH) notes per account, and
//! the same text (ignoring case and spacing) twice within a day is refused as a duplicate.

mod checks;
pub mod waiting;
mod write;

use api_types::{NoteDetail, NoteInput, WaitingNote};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::notes::load_note_detail;
use crate::auth::SignedIn;
use crate::db::write_tx;
use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, ApiPath};
use crate::ratelimit::PUBLISH;
use crate::text::topic_candidates;
use crate::{now_unix, AppState};
use checks::{form_errors, refuse_duplicate, resolve, tidy, video_for_note, VideoForNote};
use write::{fresh_score, note_topics, notify_mentions, own_note, write_parts};

pub use checks::{check_products, DUPLICATE_WINDOW_SECS};
pub use write::{insert_pairs, FRESH_RANK};

/// Publishes a note (from a draft, which is then deleted, if `draft_id` names one). A video
/// note whose video is still being processed waits for it (202): it is published by itself
/// when the video is ready (see [`waiting`]).
#[utoipa::path(post, path = "/api/v1/notes", tag = "publishing", request_body = NoteInput,
    responses(
        (status = 201, body = NoteDetail),
        (status = 202, description = "The video is still being processed: the note is kept and goes public by itself when the video is ready", body = WaitingNote),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 409, description = "`duplicate_note`: the same text within 24 hours", body = api_types::ErrorBody),
        (status = 422, description = "Invalid fields, listed in `fields`; `video_failed`: the video could not be processed", body = api_types::ErrorBody),
        (status = 429, description = "Too many notes lately (see Retry-After)", body = api_types::ErrorBody),
    ))]
pub async fn create_note(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiJson(input): ApiJson<NoteInput>,
) -> AppResult<Response> {
    match publish(&state, me, input, Asked::Now).await? {
        Outcome::Note(id) => {
            let note = load_note_detail(&state.db, id, Some(me)).await?;
            Ok((StatusCode::CREATED, Json(note)).into_response())
        }
        Outcome::Waiting(video) => {
            let note = waiting::load(&state.db, me, video).await?;
            Ok((StatusCode::ACCEPTED, Json(note)).into_response())
        }
    }
}

/// Who asks for a note to be written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Asked {
    /// The author, now: rate-limited, and a video still being processed makes the note wait.
    Now,
    /// A waiting note whose video is ready (its request was checked and counted when made).
    Waited,
}

/// What became of a publishing request.
pub(crate) enum Outcome {
    Note(i64),
    /// Kept until the video with this id is ready.
    Waiting(i64),
}

/// Writes `me`'s note `input` in one transaction, or keeps it until its video is ready.
pub(crate) async fn publish(
    state: &AppState,
    me: i64,
    input: NoteInput,
    asked: Asked,
) -> AppResult<Outcome> {
    let input = tidy(input);
    let errors = form_errors(&input, false);
    let topics = topic_candidates(&input.body);
    let now = now_unix();

    let (turn, mut tx) = write_tx(&state.db).await?;
    let refs = resolve(&mut tx, me, &input, errors).await?;
    // Checked and recorded in the note's own transaction: concurrent publishes queue behind
    // it, so none can slip past the limit, and a refused or failed one does not count.
    let account = format!("u{me}");
    if asked == Asked::Now {
        state.limits.check_in(&mut tx, &PUBLISH, &account).await?;
    }
    refuse_duplicate(&mut tx, me, &input, None, now).await?;
    let video = match input.video_id {
        Some(video) => match video_for_note(&mut tx, me, video).await? {
            VideoForNote::Ready(v) => Some(v),
            VideoForNote::Processing { progress } => {
                if asked == Asked::Waited {
                    return Err(AppError::Internal(format!(
                        "video {video} is not ready ({progress}%)"
                    )));
                }
                waiting::keep(&mut tx, me, video, &input, now).await?;
                delete_draft(&mut tx, me, input.draft_id).await?;
                state.limits.record_in(&mut tx, &PUBLISH, &account).await?;
                tx.commit().await?;
                drop(turn);
                return Ok(Outcome::Waiting(video));
            }
        },
        None => None,
    };
    let score = fresh_score(&mut tx).await?;
    // A video note's pictures are the ones the author gave (the first one, e.g. a chosen
    // frame, is the cover), else its poster.
    let images: Vec<i64> = match video {
        Some(v) if refs.images.is_empty() => vec![v.poster_image_id],
        _ => refs.images.clone(),
    };
    let cover = images.first().copied().ok_or_else(|| {
        AppError::field(
            "image_ids",
            api_types::ErrorCode::PhotoMissing,
            "Add at least one photo.",
        )
    })?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO notes (author_id, channel_id, kind, title, body, location, video_seconds, \
         video_id, cover_image_id, score, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(me)
    .bind(refs.channel_id)
    .bind(if video.is_some() { "video" } else { "image" })
    .bind(&input.title)
    .bind(&input.body)
    .bind(&input.location)
    .bind(video.map(|v| v.seconds))
    .bind(input.video_id.filter(|_| video.is_some()))
    .bind(cover)
    .bind(score)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let mentions = crate::mentions::resolve(&mut tx, me, &input.body).await?;
    write_parts(
        &mut tx,
        id,
        Some(&images),
        &topics,
        &mentions,
        &refs.products,
    )
    .await?;
    notify_mentions(&mut tx, me, id, &mentions).await?;
    if let Some(video) = input.video_id {
        waiting::forget(&mut tx, video).await?;
    }
    delete_draft(&mut tx, me, input.draft_id).await?;
    if asked == Asked::Now {
        state.limits.record_in(&mut tx, &PUBLISH, &account).await?;
    }
    tx.commit().await?;
    drop(turn);

    state.after_note_change(id, &topics).await;
    for topic in &topics {
        state.suggester.add(topic, 1);
    }
    Ok(Outcome::Note(id))
}

/// The draft a note was published from goes with it.
async fn delete_draft(
    conn: &mut sqlx::SqliteConnection,
    me: i64,
    draft: Option<i64>,
) -> AppResult<()> {
    if let Some(draft) = draft {
        sqlx::query("DELETE FROM drafts WHERE id = $1 AND user_id = $2")
            .bind(draft)
            .bind(me)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Edits one's own note: title, text (so topics and mentions), channel, location, products,
/// and the photos when `image_ids` is not empty (empty keeps them).
#[utoipa::path(patch, path = "/api/v1/notes/{id}", tag = "publishing",
    params(("id" = i64, Path, description = "Note id")), request_body = NoteInput,
    responses(
        (status = 200, body = NoteDetail),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 403, description = "Someone else's note", body = api_types::ErrorBody),
        (status = 404, description = "No such note", body = api_types::ErrorBody),
        (status = 409, description = "`duplicate_note`: the same text as another recent note", body = api_types::ErrorBody),
        (status = 422, description = "Invalid fields, listed in `fields`", body = api_types::ErrorBody),
    ))]
pub async fn edit_note(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<NoteInput>,
) -> AppResult<Json<NoteDetail>> {
    let input = tidy(input);
    let keep_images = input.image_ids.is_empty();
    let errors = form_errors(&input, keep_images);
    let topics = topic_candidates(&input.body);
    let now = now_unix();

    let (turn, mut tx) = write_tx(&state.db).await?;
    own_note(&mut tx, me, id).await?;
    let refs = resolve(&mut tx, me, &input, errors).await?;
    refuse_duplicate(&mut tx, me, &input, Some(id), now).await?;
    let mut touched = note_topics(&mut tx, id).await?;
    let before: Vec<i64> =
        sqlx::query_scalar("SELECT user_id FROM note_mentions WHERE note_id = $1")
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
    sqlx::query(
        "UPDATE notes SET title = $1, body = $2, channel_id = $3, location = $4, updated_at = $5, \
         cover_image_id = COALESCE($6, cover_image_id) WHERE id = $7",
    )
    .bind(&input.title)
    .bind(&input.body)
    .bind(refs.channel_id)
    .bind(&input.location)
    .bind(now)
    .bind(refs.images.first().copied())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let mentions = crate::mentions::resolve(&mut tx, me, &input.body).await?;
    let images = (!keep_images).then_some(refs.images.as_slice());
    write_parts(&mut tx, id, images, &topics, &mentions, &refs.products).await?;
    let added: Vec<i64> = mentions
        .iter()
        .copied()
        .filter(|u| !before.contains(u))
        .collect();
    notify_mentions(&mut tx, me, id, &added).await?;
    tx.commit().await?;
    drop(turn);

    touched.extend(topics);
    state.after_note_change(id, &touched).await;
    Ok(Json(load_note_detail(&state.db, id, Some(me)).await?))
}

/// Deletes one's own note with its comments, likes and collects; it leaves every feed and
/// search at once. Orders it brought in keep their history.
#[utoipa::path(delete, path = "/api/v1/notes/{id}", tag = "publishing",
    params(("id" = i64, Path, description = "Note id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 403, description = "Someone else's note", body = api_types::ErrorBody),
        (status = 404, description = "No such note", body = api_types::ErrorBody),
    ))]
pub async fn delete_note(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    let (turn, mut tx) = write_tx(&state.db).await?;
    own_note(&mut tx, me, id).await?;
    let topics = note_topics(&mut tx, id).await?;
    super::reports::forget_note_reports(&mut tx, id).await?;
    sqlx::query("DELETE FROM notes WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    drop(turn);
    state.after_note_change(id, &topics).await;
    Ok(StatusCode::NO_CONTENT)
}
