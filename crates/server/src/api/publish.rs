//! Publishing, editing and deleting notes. A note is written with its pictures, topics,
//! mentions and products in one write transaction, then indexed for search before the answer
//! goes out, so it is in the author's profile, its channel, followers' following feeds, its
//! topic pages and search the moment the call returns.
//!
//! Trust: at most [`PUBLISH`](crate::ratelimit::PUBLISH) notes per account, and
//! the same text (ignoring case and spacing) twice within a day is refused as a duplicate.

use std::collections::HashSet;

use api_types::{validate_note, FieldError, NoteDetail, NoteInput};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::feed::RECOMMEND;
use super::notes::{load_note_detail, not_found};
use super::uploads::owned_images;
use crate::auth::SignedIn;
use crate::db::write_tx;
use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, ApiPath};
use crate::notify::{self, Kind, Target};
use crate::ratelimit::PUBLISH;
use crate::text::{content_key, has_control_chars, mention_candidates, topic_candidates};
use crate::{now_unix, AppState};

/// A new note enters the ranking just below this many notes, so it shows near the top of the
/// "For you" feed and (so at least as high) of its channel; each newer note slots in above it.
pub const FRESH_RANK: i64 = 8;
/// How far back an identical note by the same author counts as a duplicate.
pub const DUPLICATE_WINDOW_SECS: i64 = 24 * 3600;

/// The editor's content with surrounding whitespace trimmed and line ends made `\n`.
fn tidy(mut input: NoteInput) -> NoteInput {
    input.title = input.title.trim().to_string();
    input.body = input.body.replace("\r\n", "\n").trim().to_string();
    input.channel = input.channel.trim().to_string();
    input.location = input
        .location
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty());
    input
}

fn field(name: &str, message: &str) -> FieldError {
    FieldError {
        field: name.to_string(),
        message: message.to_string(),
    }
}

/// What is wrong with `input` before looking anything up. `keep_images`: an edit without
/// `image_ids` keeps the note's photos.
fn form_errors(input: &NoteInput, keep_images: bool) -> Vec<FieldError> {
    let mut errors = validate_note(input);
    if keep_images {
        errors.retain(|e| e.field != "image_ids");
    }
    let mut flag = |name: &str, bad: bool, message: &str| {
        if bad && !errors.iter().any(|e| e.field == name) {
            errors.push(field(name, message));
        }
    };
    flag(
        "title",
        has_control_chars(&input.title, false),
        "Keep the title on one line, without control characters.",
    );
    flag(
        "body",
        has_control_chars(&input.body, true),
        "Remove the control characters from the text.",
    );
    flag(
        "location",
        input
            .location
            .as_deref()
            .is_some_and(|l| has_control_chars(l, false)),
        "Keep the location on one line.",
    );
    errors
}

/// The rows `input` refers to, all checked: they exist and are the author's to use.
struct Resolved {
    channel_id: i64,
    /// Image ids (not upload ids) in display order; empty when an edit keeps its photos.
    images: Vec<i64>,
    products: Vec<i64>,
}

/// Error if a product is tagged twice or is not in the shop (any more).
pub async fn check_products(
    conn: &mut SqliteConnection,
    ids: &[i64],
) -> AppResult<Result<(), FieldError>> {
    let unique: HashSet<i64> = ids.iter().copied().collect();
    if unique.len() != ids.len() {
        return Ok(Err(field(
            "product_ids",
            "Each product can be tagged once.",
        )));
    }
    if ids.is_empty() {
        return Ok(Ok(()));
    }
    let mut sql = QueryBuilder::<Sqlite>::new("SELECT COUNT(*) FROM products WHERE id IN (");
    let mut list = sql.separated(", ");
    for id in ids {
        list.push_bind(*id);
    }
    sql.push(")");
    let found: i64 = sql.build_query_scalar().fetch_one(&mut *conn).await?;
    Ok(if found as usize == ids.len() {
        Ok(())
    } else {
        Err(field(
            "product_ids",
            "A tagged product is not in the shop any more.",
        ))
    })
}

/// Checks the channel, photos and products of `input` (those without an error in `errors`
/// yet) and answers every problem at once as a 422.
async fn resolve(
    conn: &mut SqliteConnection,
    me: i64,
    input: &NoteInput,
    mut errors: Vec<FieldError>,
) -> AppResult<Resolved> {
    let has = |errors: &[FieldError], name: &str| errors.iter().any(|e| e.field == name);
    let mut channel_id = 0;
    if !has(&errors, "channel") {
        let found: Option<i64> = sqlx::query_scalar("SELECT id FROM channels WHERE slug = ?")
            .bind(&input.channel)
            .fetch_optional(&mut *conn)
            .await?;
        match found {
            Some(id) if input.channel != RECOMMEND => channel_id = id,
            _ => errors.push(field("channel", "Pick one of the channels.")),
        }
    }
    let mut images = Vec::new();
    if !has(&errors, "image_ids") {
        match owned_images(conn, me, &input.image_ids).await? {
            Ok(ids) => images = ids,
            Err(e) => errors.push(e),
        }
    }
    if !has(&errors, "product_ids") {
        if let Err(e) = check_products(conn, &input.product_ids).await? {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        Ok(Resolved {
            channel_id,
            images,
            products: input.product_ids.clone(),
        })
    } else {
        Err(AppError::Fields(errors))
    }
}

/// Users named by `@name`: someone the author follows first, else the oldest account with
/// that display name. Names nobody has stay plain text.
async fn resolve_mentions(
    conn: &mut SqliteConnection,
    author: i64,
    names: &[String],
) -> AppResult<Vec<i64>> {
    let mut users = Vec::new();
    for name in names {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT u.id FROM users u WHERE u.display_name = ?1 \
             ORDER BY EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = ?2 \
             AND f.followee_id = u.id) DESC, u.id LIMIT 1",
        )
        .bind(name)
        .bind(author)
        .fetch_optional(&mut *conn)
        .await?;
        if let Some(id) = found.filter(|id| !users.contains(id)) {
            users.push(id);
        }
    }
    Ok(users)
}

/// 409 `duplicate_note` if `author` published the same text (another note than `except`)
/// within [`DUPLICATE_WINDOW_SECS`].
async fn refuse_duplicate(
    conn: &mut SqliteConnection,
    author: i64,
    input: &NoteInput,
    except: Option<i64>,
    now: i64,
) -> AppResult<()> {
    // The author's recent notes: few (publishing is rate-limited), read by index.
    let recent: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, title, body FROM notes WHERE author_id = ? AND created_at > ?")
            .bind(author)
            .bind(now - DUPLICATE_WINDOW_SECS)
            .fetch_all(&mut *conn)
            .await?;
    let key = content_key(&input.title, &input.body);
    if recent
        .iter()
        .any(|(id, title, body)| Some(*id) != except && content_key(title, body) == key)
    {
        return Err(AppError::conflict(
            "duplicate_note",
            "You published a note with the same title and text in the last 24 hours. \
             Change it, or edit the one you published.",
        ));
    }
    Ok(())
}

/// The score that places a new note at [`FRESH_RANK`] of the whole ranking.
async fn fresh_score(conn: &mut SqliteConnection) -> AppResult<i64> {
    let at_rank: Option<i64> = sqlx::query_scalar(
        "SELECT score FROM notes WHERE hidden_at IS NULL ORDER BY score DESC, id DESC \
         LIMIT 1 OFFSET ?",
    )
    .bind(FRESH_RANK - 1)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(match at_rank {
        Some(score) => score + 1,
        // A young world: go first.
        None => {
            let top: Option<i64> = sqlx::query_scalar("SELECT MAX(score) FROM notes")
                .fetch_one(&mut *conn)
                .await?;
            top.map_or(0, |s| s + 1)
        }
    })
}

/// Replaces a note's photos (unless `images` is None), topics, mentions and products.
async fn write_parts(
    conn: &mut SqliteConnection,
    note: i64,
    images: Option<&[i64]>,
    topics: &[String],
    mentions: &[i64],
    products: &[i64],
) -> AppResult<()> {
    if let Some(images) = images {
        sqlx::query("DELETE FROM note_images WHERE note_id = ?")
            .bind(note)
            .execute(&mut *conn)
            .await?;
        insert_pairs(
            conn,
            "note_images (note_id, position, image_id)",
            note,
            images,
        )
        .await?;
    }
    for table in ["note_topics", "note_mentions", "note_products"] {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {table} WHERE note_id = ?"
        )))
        .bind(note)
        .execute(&mut *conn)
        .await?;
    }
    if !topics.is_empty() {
        let mut sql = QueryBuilder::<Sqlite>::new("INSERT INTO note_topics (note_id, topic) ");
        sql.push_values(topics, |mut row, topic| {
            row.push_bind(note).push_bind(topic);
        });
        sql.build().execute(&mut *conn).await?;
    }
    if !mentions.is_empty() {
        let mut sql = QueryBuilder::<Sqlite>::new("INSERT INTO note_mentions (note_id, user_id) ");
        sql.push_values(mentions, |mut row, user| {
            row.push_bind(note).push_bind(*user);
        });
        sql.build().execute(&mut *conn).await?;
    }
    insert_pairs(
        conn,
        "note_products (note_id, position, product_id)",
        note,
        products,
    )
    .await
}

/// Inserts `(owner, position, value)` rows for `values` in order.
pub async fn insert_pairs(
    conn: &mut SqliteConnection,
    table_and_columns: &'static str,
    owner: i64,
    values: &[i64],
) -> AppResult<()> {
    if values.is_empty() {
        return Ok(());
    }
    let mut sql = QueryBuilder::<Sqlite>::new(format!("INSERT INTO {table_and_columns} "));
    sql.push_values(values.iter().enumerate(), |mut row, (position, value)| {
        row.push_bind(owner)
            .push_bind(position as i64)
            .push_bind(*value);
    });
    sql.build().execute(&mut *conn).await?;
    Ok(())
}

/// Tells newly `@`-mentioned people about the note.
async fn notify_mentions(
    conn: &mut sqlx::Transaction<'static, Sqlite>,
    author: i64,
    note: i64,
    users: &[i64],
) -> AppResult<()> {
    let target = Target {
        note: Some(note),
        comment: None,
    };
    for user in users {
        notify::send(conn, *user, author, Kind::Mention, target).await?;
    }
    Ok(())
}

async fn note_topics(conn: &mut SqliteConnection, note: i64) -> AppResult<Vec<String>> {
    Ok(
        sqlx::query_scalar("SELECT topic FROM note_topics WHERE note_id = ?")
            .bind(note)
            .fetch_all(&mut *conn)
            .await?,
    )
}

/// After a note's visible content changed: search, the feed cache and topic counts follow.
/// Failures are logged, not returned: the note itself is saved, and the search index is
/// rebuilt at the next start when it is out of step.
pub async fn after_change(state: &AppState, note: i64, topics: &[String]) {
    if let Err(e) = state.search.index_note(&state.db, note).await {
        tracing::warn!(error = %e, "could not index note {note}");
    }
    state.feed_cache.clear();
    if let Err(e) = state.topics.refresh(&state.db, topics).await {
        tracing::warn!(error = %e, "could not re-count topics");
    }
    if let Err(e) = crate::recs::dupes::refresh(&state.db, note).await {
        tracing::warn!(error = %e, "could not compare note {note} with near-duplicates");
    }
    let author: Result<Option<i64>, sqlx::Error> =
        sqlx::query_scalar("SELECT author_id FROM notes WHERE id = ?")
            .bind(note)
            .fetch_optional(&state.db)
            .await;
    let refreshed = match author {
        Ok(Some(author)) => state.creators.refresh(&state.db, author).await,
        // Deleted: whose it was is gone with it.
        Ok(None) => state.creators.reload(&state.db).await,
        Err(e) => Err(e),
    };
    if let Err(e) = refreshed {
        tracing::warn!(error = %e, "could not refresh what creators post about");
    }
}

/// Ok if `note` is `me`'s: 404 if there is no such note (or it is hidden from `me`), 403 if it
/// is someone else's.
async fn own_note(conn: &mut SqliteConnection, me: i64, note: i64) -> AppResult<()> {
    let found: Option<(i64, Option<i64>)> =
        sqlx::query_as("SELECT author_id, hidden_at FROM notes WHERE id = ?")
            .bind(note)
            .fetch_optional(&mut *conn)
            .await?;
    match found {
        None => Err(not_found(note)),
        Some((author, _)) if author == me => Ok(()),
        Some((_, Some(_))) => Err(not_found(note)),
        Some(_) => Err(AppError::Forbidden(
            "You can only change your own notes.".to_string(),
        )),
    }
}

/// Publishes a note (from a draft, which is then deleted, if `draft_id` names one).
#[utoipa::path(post, path = "/api/v1/notes", tag = "publishing", request_body = NoteInput,
    responses(
        (status = 201, body = NoteDetail),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 409, description = "`duplicate_note`: the same text within 24 hours", body = api_types::ErrorBody),
        (status = 422, description = "Invalid fields, listed in `fields`", body = api_types::ErrorBody),
        (status = 429, description = "Too many notes lately (see Retry-After)", body = api_types::ErrorBody),
    ))]
pub async fn create_note(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiJson(input): ApiJson<NoteInput>,
) -> AppResult<(StatusCode, Json<NoteDetail>)> {
    let input = tidy(input);
    let errors = form_errors(&input, false);
    let topics = topic_candidates(&input.body);
    let names = mention_candidates(&input.body);
    let now = now_unix();

    let (turn, mut tx) = write_tx(&state.db).await?;
    let refs = resolve(&mut tx, me, &input, errors).await?;
    // Checked and recorded in the note's own transaction: concurrent publishes queue behind
    // it, so none can slip past the limit, and a refused or failed one does not count.
    let account = format!("u{me}");
    state.limits.check_in(&mut tx, &PUBLISH, &account).await?;
    refuse_duplicate(&mut tx, me, &input, None, now).await?;
    let score = fresh_score(&mut tx).await?;
    let cover = refs
        .images
        .first()
        .copied()
        .ok_or_else(|| AppError::field("image_ids", "Add at least one photo."))?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO notes (author_id, channel_id, kind, title, body, location, video_seconds, \
         cover_image_id, score, created_at) \
         VALUES (?, ?, 'image', ?, ?, ?, NULL, ?, ?, ?) RETURNING id",
    )
    .bind(me)
    .bind(refs.channel_id)
    .bind(&input.title)
    .bind(&input.body)
    .bind(&input.location)
    .bind(cover)
    .bind(score)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let mentions = resolve_mentions(&mut tx, me, &names).await?;
    write_parts(
        &mut tx,
        id,
        Some(&refs.images),
        &topics,
        &mentions,
        &refs.products,
    )
    .await?;
    notify_mentions(&mut tx, me, id, &mentions).await?;
    if let Some(draft) = input.draft_id {
        sqlx::query("DELETE FROM drafts WHERE id = ? AND user_id = ?")
            .bind(draft)
            .bind(me)
            .execute(&mut *tx)
            .await?;
    }
    state.limits.record_in(&mut tx, &PUBLISH, &account).await?;
    tx.commit().await?;
    drop(turn);

    after_change(&state, id, &topics).await;
    for topic in &topics {
        state.suggester.add(topic, 1);
    }
    let note = load_note_detail(&state.db, id, Some(me)).await?;
    Ok((StatusCode::CREATED, Json(note)))
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
    let names = mention_candidates(&input.body);
    let now = now_unix();

    let (turn, mut tx) = write_tx(&state.db).await?;
    own_note(&mut tx, me, id).await?;
    let refs = resolve(&mut tx, me, &input, errors).await?;
    refuse_duplicate(&mut tx, me, &input, Some(id), now).await?;
    let mut touched = note_topics(&mut tx, id).await?;
    let before: Vec<i64> =
        sqlx::query_scalar("SELECT user_id FROM note_mentions WHERE note_id = ?")
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
    sqlx::query(
        "UPDATE notes SET title = ?, body = ?, channel_id = ?, location = ?, updated_at = ?, \
         cover_image_id = COALESCE(?, cover_image_id) WHERE id = ?",
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
    let mentions = resolve_mentions(&mut tx, me, &names).await?;
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
    after_change(&state, id, &touched).await;
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
    sqlx::query("DELETE FROM notes WHERE id = ?")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    drop(turn);
    after_change(&state, id, &topics).await;
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidying_and_form_errors() {
        let input = tidy(NoteInput {
            title: "  周末去哪儿 ".into(),
            body: "第一行\r\n第二行  ".into(),
            channel: " travel ".into(),
            image_ids: vec![1],
            location: Some("   ".into()),
            ..NoteInput::default()
        });
        assert_eq!(input.title, "周末去哪儿");
        assert_eq!(input.body, "第一行\n第二行");
        assert_eq!(input.channel, "travel");
        assert_eq!(input.location, None);
        assert!(form_errors(&input, false).is_empty());

        let bad = NoteInput {
            title: "a\u{7}b".into(),
            body: "ok\u{0}".into(),
            ..input.clone()
        };
        let fields: Vec<String> = form_errors(&bad, false)
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["title", "body"]);
        let keep = NoteInput {
            image_ids: vec![],
            ..input
        };
        assert!(
            form_errors(&keep, true).is_empty(),
            "an edit may keep its photos"
        );
        assert_eq!(form_errors(&keep, false)[0].field, "image_ids");
    }
}
