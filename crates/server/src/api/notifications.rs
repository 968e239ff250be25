//! The signed-in user's notifications: three tabs, unread counts, mark as read.

use api_types::{NoteRef, Notification, NotificationKind, NotificationTab, Page, UnreadCounts};
use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use sqlx::{FromRow, QueryBuilder};
use utoipa::IntoParams;

use super::rows::{image, user};
use crate::auth::SignedIn;
use crate::cursor::{cut_page, page_limit, Cursor};
use crate::error::{AppError, AppResult};
use crate::extract::ApiQuery;
use crate::{now_unix, AppState};

fn kinds(tab: NotificationTab) -> &'static [NotificationKind] {
    use NotificationKind as K;
    match tab {
        NotificationTab::Likes => &[K::Like, K::Collect, K::CommentLike],
        NotificationTab::Follows => &[K::Follow],
        NotificationTab::Comments => &[K::Comment, K::Reply, K::Mention],
    }
}

fn parse_kind(raw: &str) -> NotificationKind {
    // The column only ever holds names written from the enum.
    NotificationKind::parse(raw).unwrap_or(NotificationKind::Like)
}

fn parse_tab(raw: Option<&str>) -> AppResult<Option<NotificationTab>> {
    match raw {
        None => Ok(None),
        Some(raw) => NotificationTab::parse(raw).map(Some).ok_or_else(|| {
            AppError::InvalidRequest(format!(
                "tab must be likes, follows or comments, not '{raw}'."
            ))
        }),
    }
}

fn push_kinds(sql: &mut QueryBuilder<sqlx::Sqlite>, tab: NotificationTab) {
    sql.push(" AND n.kind IN (");
    let mut list = sql.separated(", ");
    for kind in kinds(tab) {
        list.push_bind(kind.as_str());
    }
    sql.push(")");
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NotificationQuery {
    /// `likes` (likes and collects, the default), `follows` or `comments` (and @mentions).
    #[param(value_type = Option<NotificationTab>)]
    pub tab: Option<String>,
    #[param(schema_with = super::openapi::cursor)]
    pub cursor: Option<String>,
    /// Page size, 1..=50 (default 20).
    #[param(minimum = 1, maximum = 50)]
    pub limit: Option<u32>,
}

#[derive(FromRow)]
struct Row {
    id: i64,
    kind: String,
    created_at: i64,
    read_at: Option<i64>,
    actor_id: i64,
    actor_username: String,
    actor_name: String,
    actor_avatar: String,
    note_id: Option<i64>,
    note_title: Option<String>,
    cover_key: Option<String>,
    cover_width: Option<i64>,
    cover_height: Option<i64>,
    cover_top: Option<String>,
    cover_bottom: Option<String>,
    comment_id: Option<i64>,
    comment_body: Option<String>,
}

/// One tab of notifications, newest first.
#[utoipa::path(get, path = "/api/v1/notifications", tag = "notifications", params(NotificationQuery),
    responses(
        (status = 200, body = Page<Notification>),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 422, description = "Unknown tab", body = api_types::ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiQuery(q): ApiQuery<NotificationQuery>,
) -> AppResult<Json<Page<Notification>>> {
    let tab = parse_tab(q.tab.as_deref())?.unwrap_or_default();
    let limit = page_limit(q.limit)?;
    let cursor = Cursor::decode_opt(q.cursor.as_deref())?;
    let mut sql = QueryBuilder::new(
        "SELECT n.id, n.kind, n.created_at, n.read_at, \
         a.id AS actor_id, a.username AS actor_username, a.display_name AS actor_name, \
         ai.image_key AS actor_avatar, \
         t.id AS note_id, t.title AS note_title, ci.image_key AS cover_key, ci.width AS cover_width, \
         ci.height AS cover_height, ci.ph_top AS cover_top, ci.ph_bottom AS cover_bottom, \
         c.id AS comment_id, c.body AS comment_body \
         FROM notifications n \
         JOIN users a ON a.id = n.actor_id JOIN images ai ON ai.id = a.avatar_image_id \
         LEFT JOIN notes t ON t.id = n.note_id LEFT JOIN images ci ON ci.id = t.cover_image_id \
         LEFT JOIN comments c ON c.id = n.comment_id \
         WHERE n.user_id = ",
    );
    sql.push_bind(me);
    push_kinds(&mut sql, tab);
    if let Some(c) = cursor {
        sql.push(" AND n.id < ").push_bind(c.id);
    }
    sql.push(" ORDER BY n.id DESC LIMIT ").push_bind(limit + 1);
    let mut rows: Vec<Row> = sql.build_query_as().fetch_all(&state.db).await?;
    let next_cursor = cut_page(&mut rows, limit, |r| Cursor { key: 0, id: r.id });
    let items = rows
        .into_iter()
        .map(|r| {
            let note = match (r.note_id, r.note_title, r.cover_key) {
                (Some(id), Some(title), Some(key)) => Some(NoteRef {
                    id,
                    title,
                    cover: image(
                        &key,
                        r.cover_width.unwrap_or(1),
                        r.cover_height.unwrap_or(1),
                        r.cover_top.unwrap_or_default(),
                        r.cover_bottom.unwrap_or_default(),
                    ),
                }),
                _ => None,
            };
            Notification {
                id: r.id,
                kind: parse_kind(&r.kind),
                actor: user(r.actor_id, r.actor_username, r.actor_name, &r.actor_avatar),
                note,
                comment_id: r.comment_id,
                comment: r.comment_body,
                created_at: r.created_at,
                read: r.read_at.is_some(),
            }
        })
        .collect();
    Ok(Json(Page { items, next_cursor }))
}

async fn unread_counts(state: &AppState, me: i64) -> AppResult<UnreadCounts> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT kind, COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL GROUP BY kind",
    )
    .bind(me)
    .fetch_all(&state.db)
    .await?;
    let mut counts = UnreadCounts::default();
    for (kind, n) in rows {
        let tab = NotificationTab::ALL
            .into_iter()
            .find(|t| NotificationKind::parse(&kind).is_some_and(|k| kinds(*t).contains(&k)));
        match tab {
            Some(NotificationTab::Likes) => counts.likes += n,
            Some(NotificationTab::Follows) => counts.follows += n,
            Some(NotificationTab::Comments) => counts.comments += n,
            None => {}
        }
    }
    counts.total = counts.likes + counts.follows + counts.comments;
    Ok(counts)
}

/// Unread notifications per tab (for the badge in the app chrome).
#[utoipa::path(get, path = "/api/v1/notifications/unread", tag = "notifications",
    responses(
        (status = 200, body = UnreadCounts),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
    ))]
pub async fn unread(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
) -> AppResult<Json<UnreadCounts>> {
    Ok(Json(unread_counts(&state, me).await?))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReadQuery {
    /// Only this tab; all notifications when absent.
    #[param(value_type = Option<NotificationTab>)]
    pub tab: Option<String>,
}

/// Marks a tab (or everything) as read; returns the new unread counts.
#[utoipa::path(post, path = "/api/v1/notifications/read", tag = "notifications", params(ReadQuery),
    responses(
        (status = 200, body = UnreadCounts),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 422, description = "Unknown tab", body = api_types::ErrorBody),
    ))]
pub async fn mark_read(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiQuery(q): ApiQuery<ReadQuery>,
) -> AppResult<Json<UnreadCounts>> {
    let tab = parse_tab(q.tab.as_deref())?;
    let mut sql = QueryBuilder::new("UPDATE notifications AS n SET read_at = ");
    sql.push_bind(now_unix())
        .push(" WHERE n.user_id = ")
        .push_bind(me)
        .push(" AND n.read_at IS NULL");
    if let Some(tab) = tab {
        push_kinds(&mut sql, tab);
    }
    sql.build().execute(&state.db).await?;
    Ok(Json(unread_counts(&state, me).await?))
}
