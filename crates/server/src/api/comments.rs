//! Two-level comments: top-level comments (most liked first) each with their first replies,
//! and a replies endpoint for the rest.

use std::collections::HashMap;

use api_types::{Comment, CountedPage};
use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use sqlx::{FromRow, QueryBuilder};
use utoipa::IntoParams;

use super::rows::user;
use crate::auth::Viewer;
use crate::cursor::{cut_page, page_limit, Cursor};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::extract::{ApiPath, ApiQuery};
use crate::AppState;

/// Replies embedded under each top-level comment.
pub const FIRST_REPLIES: i64 = 2;

const COMMENT_SELECT: &str = "SELECT c.id, c.parent_id, c.body, c.like_count, c.reply_count, c.created_at, c.hidden_at, \
     a.id AS author_id, a.username AS author_username, a.display_name AS author_name, \
     aa.image_key AS author_avatar, \
     r.id AS reply_to_id, r.username AS reply_to_username, r.display_name AS reply_to_name, \
     ra.image_key AS reply_to_avatar \
     FROM comments c \
     JOIN users a ON a.id = c.author_id JOIN images aa ON aa.id = a.avatar_image_id \
     LEFT JOIN users r ON r.id = c.reply_to_user_id LEFT JOIN images ra ON ra.id = r.avatar_image_id";

#[derive(FromRow)]
struct CommentRow {
    id: i64,
    parent_id: Option<i64>,
    body: String,
    like_count: i64,
    reply_count: i64,
    created_at: i64,
    hidden_at: Option<i64>,
    author_id: i64,
    author_username: String,
    author_name: String,
    author_avatar: String,
    reply_to_id: Option<i64>,
    reply_to_username: Option<String>,
    reply_to_name: Option<String>,
    reply_to_avatar: Option<String>,
}

impl From<CommentRow> for Comment {
    fn from(r: CommentRow) -> Self {
        let reply_to = match (
            r.reply_to_id,
            r.reply_to_username,
            r.reply_to_name,
            r.reply_to_avatar,
        ) {
            (Some(id), Some(username), Some(name), Some(avatar)) => {
                Some(user(id, username, name, &avatar))
            }
            _ => None,
        };
        Comment {
            id: r.id,
            author: user(
                r.author_id,
                r.author_username,
                r.author_name,
                &r.author_avatar,
            ),
            body: r.body,
            reply_to,
            like_count: r.like_count,
            liked: false,
            mentions: Vec::new(),
            created_at: r.created_at,
            reply_count: r.reply_count,
            replies: Vec::new(),
            hidden: r.hidden_at.is_some(),
        }
    }
}

/// Fills in what depends on more than the comment row: whether `viewer` liked each comment
/// (replies included) and the users its `@mentions` name.
async fn decorate(db: &Db, items: &mut [Comment], viewer: Option<i64>) -> AppResult<()> {
    let ids: Vec<i64> = items
        .iter()
        .flat_map(|c| std::iter::once(c.id).chain(c.replies.iter().map(|r| r.id)))
        .collect();
    if ids.is_empty() {
        return Ok(());
    }
    let mut liked = std::collections::HashSet::new();
    if let Some(viewer) = viewer {
        let mut sql = QueryBuilder::new("SELECT comment_id FROM comment_likes WHERE user_id = ");
        sql.push_bind(viewer).push(" AND comment_id IN (");
        let mut list = sql.separated(", ");
        for id in &ids {
            list.push_bind(*id);
        }
        sql.push(")");
        liked.extend(sql.build_query_scalar::<i64>().fetch_all(db).await?);
    }
    let mut sql = QueryBuilder::new(
        "SELECT m.comment_id, u.id, u.display_name FROM comment_mentions m \
         JOIN users u ON u.id = m.user_id WHERE m.comment_id IN (",
    );
    let mut list = sql.separated(", ");
    for id in &ids {
        list.push_bind(*id);
    }
    sql.push(") ORDER BY u.id");
    let rows: Vec<(i64, i64, String)> = sql.build_query_as().fetch_all(db).await?;
    let mut mentions: HashMap<i64, Vec<api_types::Mention>> = HashMap::new();
    for (comment, user_id, name) in rows {
        mentions
            .entry(comment)
            .or_default()
            .push(api_types::Mention { user_id, name });
    }
    let mut fill = |c: &mut Comment| {
        c.liked = liked.contains(&c.id);
        c.mentions = mentions.remove(&c.id).unwrap_or_default();
    };
    for c in items.iter_mut() {
        fill(c);
        c.replies.iter_mut().for_each(&mut fill);
    }
    Ok(())
}

/// Keeps hidden comments out of a list, except for their own author (`viewer`).
fn push_visible(sql: &mut QueryBuilder<sqlx::Sqlite>, viewer: Option<i64>) {
    match viewer {
        Some(me) => {
            sql.push(" AND (c.hidden_at IS NULL OR c.author_id = ")
                .push_bind(me)
                .push(")");
        }
        None => {
            sql.push(" AND c.hidden_at IS NULL");
        }
    }
}

/// One comment as the API shows it (after it is posted).
pub async fn load_comment(db: &Db, id: i64, viewer: Option<i64>) -> AppResult<Comment> {
    let mut sql = QueryBuilder::new(COMMENT_SELECT);
    sql.push(" WHERE c.id = ").push_bind(id);
    let row: CommentRow = sql
        .build_query_as()
        .fetch_optional(db)
        .await?
        .ok_or_else(|| AppError::not_found(api_types::Resource::Comment, id))?;
    let mut items = [Comment::from(row)];
    decorate(db, &mut items, viewer).await?;
    let [comment] = items;
    Ok(comment)
}

/// A page of top-level comments with their first replies.
pub async fn top_comments(
    db: &Db,
    note_id: i64,
    cursor: Option<Cursor>,
    limit: i64,
    viewer: Option<i64>,
) -> AppResult<CountedPage<Comment>> {
    let mut sql = QueryBuilder::new(COMMENT_SELECT);
    sql.push(" WHERE c.note_id = ")
        .push_bind(note_id)
        .push(" AND c.parent_id IS NULL");
    push_visible(&mut sql, viewer);
    if let Some(c) = cursor {
        sql.push(" AND (c.like_count < ")
            .push_bind(c.key)
            .push(" OR (c.like_count = ")
            .push_bind(c.key)
            .push(" AND c.id > ")
            .push_bind(c.id)
            .push("))");
    }
    sql.push(" ORDER BY c.like_count DESC, c.id ASC LIMIT ")
        .push_bind(limit + 1);
    let mut rows: Vec<CommentRow> = sql.build_query_as().fetch_all(db).await?;
    let next = cut_page(&mut rows, limit, |r| Cursor {
        key: r.like_count,
        id: r.id,
    });
    let mut items: Vec<Comment> = rows.into_iter().map(Comment::from).collect();

    let with_replies: Vec<i64> = items
        .iter()
        .filter(|c| c.reply_count > 0)
        .map(|c| c.id)
        .collect();
    if !with_replies.is_empty() {
        // ROW_NUMBER keeps it to one query for all parents (SQLite >= 3.25 and PostgreSQL).
        let mut sql = QueryBuilder::new("SELECT * FROM (SELECT x.*, ROW_NUMBER() OVER (PARTITION BY x.parent_id ORDER BY x.id) AS rn FROM (");
        sql.push(COMMENT_SELECT).push(" WHERE c.parent_id IN (");
        let mut ids = sql.separated(", ");
        for id in &with_replies {
            ids.push_bind(*id);
        }
        sql.push(")");
        push_visible(&mut sql, viewer);
        sql.push(") x) y WHERE y.rn <= ")
            .push_bind(FIRST_REPLIES)
            .push(" ORDER BY y.parent_id, y.id");
        let replies: Vec<CommentRow> = sql.build_query_as().fetch_all(db).await?;
        let mut by_parent: HashMap<i64, Vec<Comment>> = HashMap::new();
        for r in replies {
            if let Some(parent) = r.parent_id {
                by_parent.entry(parent).or_default().push(Comment::from(r));
            }
        }
        for item in &mut items {
            if let Some(replies) = by_parent.remove(&item.id) {
                item.replies = replies;
            }
        }
    }

    decorate(db, &mut items, viewer).await?;
    let total: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM comments WHERE note_id = $1 AND parent_id IS NULL \
         AND (hidden_at IS NULL OR author_id = $2)",
    )
    .bind(note_id)
    .bind(viewer)
    .fetch_one(db)
    .await?;
    Ok(CountedPage {
        items,
        next_cursor: next,
        total,
    })
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    #[param(schema_with = super::openapi::cursor)]
    pub cursor: Option<String>,
    /// Page size, 1..=50 (default 20).
    #[param(minimum = 1, maximum = 50)]
    pub limit: Option<u32>,
}

/// Top-level comments of a note, most liked first, each with its first replies.
#[utoipa::path(get, path = "/api/v1/notes/{id}/comments", tag = "comments",
    params(("id" = i64, Path, description = "Note id"), PageQuery),
    responses(
        (status = 200, body = CountedPage<Comment>),
        (status = 400, description = "Malformed cursor", body = api_types::ErrorBody),
        (status = 404, description = "No such note", body = api_types::ErrorBody),
        (status = 422, description = "Limit out of range", body = api_types::ErrorBody),
    ))]
pub async fn note_comments(
    State(state): State<AppState>,
    Viewer(viewer): Viewer,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> AppResult<Json<CountedPage<Comment>>> {
    let limit = page_limit(q.limit)?;
    let cursor = Cursor::decode_opt(q.cursor.as_deref())?;
    // A hidden note's comments are as hidden as the note (its author still sees them).
    let exists: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM notes WHERE id = $1 AND (hidden_at IS NULL OR author_id = $2)",
    )
    .bind(id)
    .bind(viewer)
    .fetch_optional(&state.db)
    .await?;
    if exists.is_none() {
        return Err(AppError::not_found(api_types::Resource::Note, id));
    }
    Ok(Json(
        top_comments(&state.db, id, cursor, limit, viewer).await?,
    ))
}

/// Replies to a top-level comment, oldest first.
#[utoipa::path(get, path = "/api/v1/comments/{id}/replies", tag = "comments",
    params(("id" = i64, Path, description = "Top-level comment id"), PageQuery),
    responses(
        (status = 200, body = CountedPage<Comment>),
        (status = 400, description = "Malformed cursor", body = api_types::ErrorBody),
        (status = 404, description = "No such comment", body = api_types::ErrorBody),
        (status = 422, description = "Limit out of range", body = api_types::ErrorBody),
    ))]
pub async fn replies(
    State(state): State<AppState>,
    Viewer(viewer): Viewer,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> AppResult<Json<CountedPage<Comment>>> {
    let limit = page_limit(q.limit)?;
    let cursor = Cursor::decode_opt(q.cursor.as_deref())?;
    let total: Option<i64> = sqlx::query_scalar(
        "SELECT reply_count FROM comments WHERE id = $1 AND parent_id IS NULL \
         AND (hidden_at IS NULL OR author_id = $2)",
    )
    .bind(id)
    .bind(viewer)
    .fetch_optional(&state.db)
    .await?;
    let total = total.ok_or_else(|| AppError::not_found(api_types::Resource::Comment, id))?;
    let mut sql = QueryBuilder::new(COMMENT_SELECT);
    sql.push(" WHERE c.parent_id = ").push_bind(id);
    push_visible(&mut sql, viewer);
    if let Some(c) = cursor {
        sql.push(" AND c.id > ").push_bind(c.id);
    }
    sql.push(" ORDER BY c.id ASC LIMIT ").push_bind(limit + 1);
    let mut rows: Vec<CommentRow> = sql.build_query_as().fetch_all(&state.db).await?;
    let next = cut_page(&mut rows, limit, |r| Cursor { key: 0, id: r.id });
    let mut items: Vec<Comment> = rows.into_iter().map(Comment::from).collect();
    decorate(&state.db, &mut items, viewer).await?;
    Ok(Json(CountedPage {
        items,
        next_cursor: next,
        total,
    }))
}
