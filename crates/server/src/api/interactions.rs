//! What signed-in people do: like and collect notes, like comments, comment and reply,
//! delete their comments, follow people. Toggles are idempotent PUT/DELETE; each change and
//! its counter move together in one write transaction, so counts stay exact under load.

use api_types::{Comment, NewComment, Toggle, COMMENT_MAX_CHARS};
use api_types::{ErrorCode, ErrorParams, FieldError, Resource};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use super::comments::load_comment;
use crate::auth::SignedIn;
use crate::db::write_tx;
use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, ApiPath};
use crate::notify::{self, Kind, Target};
use crate::{now_unix, AppState};

/// One kind of toggle: the link table, the counted table and what to tell the owner.
struct ToggleSpec {
    /// Link table with `(user_id, <key>, created_at)`.
    links: &'static str,
    key: &'static str,
    /// Table holding the counter and the owner of the target.
    target: &'static str,
    counter: &'static str,
    owner: &'static str,
    kind: Kind,
    missing: Resource,
}

const NOTE_LIKE: ToggleSpec = ToggleSpec {
    links: "note_likes",
    key: "note_id",
    target: "notes",
    counter: "like_count",
    owner: "author_id",
    kind: Kind::Like,
    missing: Resource::Note,
};
const NOTE_COLLECT: ToggleSpec = ToggleSpec {
    links: "note_collects",
    key: "note_id",
    target: "notes",
    counter: "collect_count",
    owner: "author_id",
    kind: Kind::Collect,
    missing: Resource::Note,
};
const COMMENT_LIKE: ToggleSpec = ToggleSpec {
    links: "comment_likes",
    key: "comment_id",
    target: "comments",
    counter: "like_count",
    owner: "author_id",
    kind: Kind::CommentLike,
    missing: Resource::Comment,
};

/// Sets `user`'s link to `id` on or off; the counter moves only if the link changed.
async fn toggle(
    state: &AppState,
    spec: &ToggleSpec,
    user: i64,
    id: i64,
    on: bool,
) -> AppResult<Json<Toggle>> {
    let (_turn, mut tx) = write_tx(&state.db).await?;
    // Content hidden pending review is "not found" for everyone but its author.
    let target: Option<(i64, Option<i64>)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {owner}, {note} FROM {target} WHERE id = $1 AND (hidden_at IS NULL OR {owner} = $2)",
        owner = spec.owner,
        target = spec.target,
        note = if spec.target == "comments" {
            "note_id"
        } else {
            "NULL"
        },
    )))
    .bind(id)
    .bind(user)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((owner, note_of_comment)) = target else {
        return Err(AppError::not_found(spec.missing, id));
    };
    let changed = if on {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO {} (user_id, {}, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            spec.links, spec.key
        )))
        .bind(user)
        .bind(id)
        .bind(now_unix())
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1
    } else {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {} WHERE user_id = $1 AND {} = $2",
            spec.links, spec.key
        )))
        .bind(user)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1
    };
    let notice = Target {
        note: if spec.target == "notes" {
            Some(id)
        } else {
            note_of_comment
        },
        comment: (spec.target == "comments").then_some(id),
    };
    if changed {
        let delta = if on { "+ 1" } else { "- 1" };
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE {t} SET {c} = CASE WHEN {c} {delta} < 0 THEN 0 ELSE {c} {delta} END WHERE id = $1",
            t = spec.target,
            c = spec.counter,
        )))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if on {
            notify::send(&mut tx, owner, user, spec.kind, notice).await?;
        } else {
            notify::retract(&mut tx, owner, user, spec.kind, notice).await?;
        }
    }
    let count: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT {} FROM {} WHERE id = $1",
        spec.counter, spec.target
    )))
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    if changed && spec.target == "notes" {
        state.recs.forget(user);
    }
    Ok(Json(Toggle { active: on, count }))
}

macro_rules! toggle_endpoints {
    ($on:ident, $off:ident, $spec:expr, $path:literal, $tag:literal, $what:literal) => {
        #[doc = concat!("Turns on ", $what, " (idempotent).")]
        #[utoipa::path(put, path = $path, tag = $tag,
            params(("id" = i64, Path)),
            responses(
                (status = 200, body = Toggle),
                (status = 401, description = "Not signed in", body = api_types::ErrorBody),
                (status = 403, description = "Cross-site request", body = api_types::ErrorBody),
                (status = 404, description = "No such target", body = api_types::ErrorBody),
            ))]
        pub async fn $on(
            State(state): State<AppState>,
            SignedIn(me): SignedIn,
            ApiPath(id): ApiPath<i64>,
        ) -> AppResult<Json<Toggle>> {
            toggle(&state, &$spec, me, id, true).await
        }

        #[doc = concat!("Turns off ", $what, " (idempotent).")]
        #[utoipa::path(delete, path = $path, tag = $tag,
            params(("id" = i64, Path)),
            responses(
                (status = 200, body = Toggle),
                (status = 401, description = "Not signed in", body = api_types::ErrorBody),
                (status = 404, description = "No such target", body = api_types::ErrorBody),
            ))]
        pub async fn $off(
            State(state): State<AppState>,
            SignedIn(me): SignedIn,
            ApiPath(id): ApiPath<i64>,
        ) -> AppResult<Json<Toggle>> {
            toggle(&state, &$spec, me, id, false).await
        }
    };
}

toggle_endpoints!(
    like_note,
    unlike_note,
    NOTE_LIKE,
    "/api/v1/notes/{id}/like",
    "interactions",
    "a like on a note"
);
toggle_endpoints!(
    collect_note,
    uncollect_note,
    NOTE_COLLECT,
    "/api/v1/notes/{id}/collect",
    "interactions",
    "collecting a note"
);
toggle_endpoints!(
    like_comment,
    unlike_comment,
    COMMENT_LIKE,
    "/api/v1/comments/{id}/like",
    "interactions",
    "a like on a comment"
);

/// Follows or unfollows `target`; the count returned is the target's followers.
async fn set_follow(state: &AppState, me: i64, target: i64, on: bool) -> AppResult<Json<Toggle>> {
    if me == target {
        return Err(AppError::unprocessable(
            ErrorCode::CannotFollowSelf,
            "You cannot follow yourself.",
        ));
    }
    let (_turn, mut tx) = write_tx(&state.db).await?;
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE id = $1")
        .bind(target)
        .fetch_optional(&mut *tx)
        .await?;
    if exists.is_none() {
        return Err(AppError::not_found(Resource::User, target));
    }
    if on {
        let done = sqlx::query(
            "INSERT INTO follows (follower_id, followee_id, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT DO NOTHING",
        )
        .bind(me)
        .bind(target)
        .bind(now_unix())
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 1 {
            notify::send(&mut tx, target, me, Kind::Follow, Target::default()).await?;
        }
    } else {
        let done = sqlx::query("DELETE FROM follows WHERE follower_id = $1 AND followee_id = $2")
            .bind(me)
            .bind(target)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 1 {
            notify::retract(&mut tx, target, me, Kind::Follow, Target::default()).await?;
        }
    }
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM follows WHERE followee_id = $1")
        .bind(target)
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    state.recs.forget(me);
    Ok(Json(Toggle { active: on, count }))
}

/// Follows a user (idempotent).
#[utoipa::path(put, path = "/api/v1/users/{id}/follow", tag = "interactions",
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = Toggle, description = "`count` is the user's followers"),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 404, description = "No such user", body = api_types::ErrorBody),
        (status = 422, description = "Following yourself", body = api_types::ErrorBody),
    ))]
pub async fn follow(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<Toggle>> {
    set_follow(&state, me, id, true).await
}

/// Unfollows a user (idempotent).
#[utoipa::path(delete, path = "/api/v1/users/{id}/follow", tag = "interactions",
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = Toggle),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 404, description = "No such user", body = api_types::ErrorBody),
        (status = 422, description = "Unfollowing yourself", body = api_types::ErrorBody),
    ))]
pub async fn unfollow(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<Toggle>> {
    set_follow(&state, me, id, false).await
}

/// Posts a comment on a note, or a reply to one of its comments.
#[utoipa::path(post, path = "/api/v1/notes/{id}/comments", tag = "interactions",
    params(("id" = i64, Path, description = "Note id")), request_body = NewComment,
    responses(
        (status = 201, body = Comment),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 404, description = "No such note or comment", body = api_types::ErrorBody),
        (status = 422, description = "Empty or too long", body = api_types::ErrorBody),
    ))]
pub async fn post_comment(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiPath(note_id): ApiPath<i64>,
    ApiJson(form): ApiJson<NewComment>,
) -> AppResult<(StatusCode, Json<Comment>)> {
    let body = form.body.trim().to_string();
    let chars = body.chars().count();
    if chars == 0 || chars > COMMENT_MAX_CHARS {
        return Err(AppError::Fields(vec![FieldError::new(
            "body",
            ErrorCode::CommentLength,
            format!("Write 1 to {COMMENT_MAX_CHARS} characters."),
        )
        .with(ErrorParams::range(1, COMMENT_MAX_CHARS))]));
    }
    if crate::text::has_control_chars(&body, true) {
        return Err(AppError::field(
            "body",
            ErrorCode::ControlCharacters,
            "Remove the control characters.",
        ));
    }
    let (_turn, mut tx) = write_tx(&state.db).await?;
    let note_author: i64 = sqlx::query_scalar(
        "SELECT author_id FROM notes WHERE id = $1 AND (hidden_at IS NULL OR author_id = $2)",
    )
    .bind(note_id)
    .bind(me)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| AppError::not_found(Resource::Note, note_id))?;

    // (parent, user answered in "@name", author to notify of the reply)
    let mut parent = None;
    let mut reply_to_user = None;
    let mut replied_author = None;
    if let Some(reply_to) = form.reply_to {
        let target: (i64, Option<i64>, i64) = sqlx::query_as(
            "SELECT note_id, parent_id, author_id FROM comments \
                 WHERE id = $1 AND (hidden_at IS NULL OR author_id = $2)",
        )
        .bind(reply_to)
        .bind(me)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| AppError::not_found(Resource::Comment, reply_to))?;
        let (target_note, target_parent, target_author) = target;
        if target_note != note_id {
            return Err(AppError::unprocessable(
                ErrorCode::ReplyToOtherNote,
                "That comment belongs to another note.",
            ));
        }
        parent = Some(target_parent.unwrap_or(reply_to));
        // Two levels: answering a reply stays under its top-level comment, naming the person.
        reply_to_user = target_parent.map(|_| target_author);
        replied_author = Some(target_author);
    }

    let now = now_unix();
    let comment_id: i64 = sqlx::query_scalar(
        "INSERT INTO comments (note_id, author_id, parent_id, reply_to_user_id, body, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(note_id)
    .bind(me)
    .bind(parent)
    .bind(reply_to_user)
    .bind(&body)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("UPDATE notes SET comment_count = comment_count + 1 WHERE id = $1")
        .bind(note_id)
        .execute(&mut *tx)
        .await?;
    if let Some(parent) = parent {
        sqlx::query("UPDATE comments SET reply_count = reply_count + 1 WHERE id = $1")
            .bind(parent)
            .execute(&mut *tx)
            .await?;
    }

    let target = Target {
        note: Some(note_id),
        comment: Some(comment_id),
    };
    let mut told = vec![me];
    if let Some(author) = replied_author {
        notify::send(&mut tx, author, me, Kind::Reply, target).await?;
        told.push(author);
    }
    if !told.contains(&note_author) {
        notify::send(&mut tx, note_author, me, Kind::Comment, target).await?;
        told.push(note_author);
    }
    for user in crate::mentions::resolve(&mut tx, me, &body).await? {
        sqlx::query(
            "INSERT INTO comment_mentions (comment_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(comment_id)
        .bind(user)
        .execute(&mut *tx)
        .await?;
        if !told.contains(&user) {
            notify::send(&mut tx, user, me, Kind::Mention, target).await?;
            told.push(user);
        }
    }
    tx.commit().await?;
    state.recs.forget(me);
    let comment = load_comment(&state.db, comment_id, Some(me)).await?;
    Ok((StatusCode::CREATED, Json(comment)))
}

/// Deletes one's own comment (and, for a top-level comment, its replies).
#[utoipa::path(delete, path = "/api/v1/comments/{id}", tag = "interactions",
    params(("id" = i64, Path)),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 403, description = "Someone else's comment", body = api_types::ErrorBody),
        (status = 404, description = "No such comment", body = api_types::ErrorBody),
    ))]
pub async fn delete_comment(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    let (_turn, mut tx) = write_tx(&state.db).await?;
    let found: Option<(i64, i64, Option<i64>)> =
        sqlx::query_as("SELECT author_id, note_id, parent_id FROM comments WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((author, note_id, parent)) = found else {
        return Err(AppError::not_found(Resource::Comment, id));
    };
    if author != me {
        return Err(AppError::forbidden(
            ErrorCode::NotYourComment,
            "You can only delete your own comments.",
        ));
    }
    // Count what actually goes: the comment and (top-level) its replies.
    let removed: i64 = if parent.is_none() {
        sqlx::query_scalar("SELECT COUNT(*) + 1 FROM comments WHERE parent_id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?
    } else {
        1
    };
    super::reports::forget_comment_reports(&mut tx, id).await?;
    sqlx::query("DELETE FROM comments WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE notes SET comment_count = CASE WHEN comment_count < $1 THEN 0 ELSE comment_count - $1 END WHERE id = $2")
        .bind(removed)
        .bind(note_id)
        .execute(&mut *tx)
        .await?;
    if let Some(parent) = parent {
        sqlx::query("UPDATE comments SET reply_count = CASE WHEN reply_count < 1 THEN 0 ELSE reply_count - 1 END WHERE id = $1")
            .bind(parent)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
