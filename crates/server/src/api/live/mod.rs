//! Livestream rooms under `/api/v1/live`: reading (the list of live rooms and replays, a room,
//! its chat history) here; the host's actions in `host.rs`; the events socket in `ws.rs`.

pub mod host;
pub mod ws;

use api_types::{ChatMessage, LiveHost, LiveRoomCard, LiveRoomDetail, LiveStatus, Page};
use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use sqlx::{FromRow, QueryBuilder, Sqlite};
use utoipa::IntoParams;

use super::comments::PageQuery;
use super::feed::push_keyset_on;
use super::rows::{image, user};
use crate::auth::Viewer;
use crate::cursor::{cut_page, page_limit, Cursor};
use crate::error::{AppError, AppResult};
use crate::extract::{ApiPath, ApiQuery};
use crate::live::load;
use crate::{now_unix, AppState};

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LiveListQuery {
    /// `live` (default: rooms live now) or `ended` (past rooms; replays where `has_replay`).
    #[param(value_type = Option<api_types::LiveStatus>)]
    pub status: Option<String>,
    #[param(schema_with = super::openapi::cursor)]
    pub cursor: Option<String>,
    /// Page size, 1..=50 (default 20).
    #[param(minimum = 1, maximum = 50)]
    pub limit: Option<u32>,
}

#[derive(FromRow)]
struct CardRow {
    id: i64,
    title: String,
    status: String,
    is_demo: bool,
    started_at: i64,
    ended_at: Option<i64>,
    has_replay: bool,
    likes: i64,
    peak_viewers: i64,
    host_id: i64,
    username: String,
    display_name: String,
    avatar_key: String,
    cover_key: Option<String>,
    cover_width: Option<i64>,
    cover_height: Option<i64>,
    cover_top: Option<String>,
    cover_bottom: Option<String>,
}

/// Rooms live now (or ended ones), newest start first.
#[utoipa::path(get, path = "/api/v1/live", tag = "live", params(LiveListQuery),
    responses(
        (status = 200, body = Page<LiveRoomCard>),
        (status = 400, description = "Malformed cursor", body = api_types::ErrorBody),
        (status = 422, description = "Unknown status or limit out of range", body = api_types::ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<LiveListQuery>,
) -> AppResult<Json<Page<LiveRoomCard>>> {
    let status = match q.status.as_deref() {
        None | Some("") => LiveStatus::Live,
        Some(raw) => LiveStatus::parse(raw).ok_or_else(|| {
            AppError::InvalidRequest("status must be `live` or `ended`.".to_string())
        })?,
    };
    let limit = page_limit(q.limit)?;
    let cursor = Cursor::decode_opt(q.cursor.as_deref())?;
    let mut sql = QueryBuilder::<Sqlite>::new(
        "SELECT r.id, r.title, r.status, r.is_demo, r.started_at, r.ended_at, \
         r.replay_key IS NOT NULL AS has_replay, r.likes, r.peak_viewers, r.host_id, \
         u.username, u.display_name, a.image_key AS avatar_key, \
         ci.image_key AS cover_key, ci.width AS cover_width, ci.height AS cover_height, \
         ci.ph_top AS cover_top, ci.ph_bottom AS cover_bottom \
         FROM live_rooms r JOIN users u ON u.id = r.host_id \
         JOIN images a ON a.id = u.avatar_image_id \
         LEFT JOIN products cp ON cp.id = (SELECT rp.product_id FROM live_room_products rp \
           WHERE rp.room_id = r.id ORDER BY rp.position LIMIT 1) \
         LEFT JOIN images ci ON ci.id = cp.cover_image_id \
         WHERE r.status = ",
    );
    sql.push_bind(status.as_str());
    push_keyset_on(&mut sql, "r.started_at", "r.id", cursor, limit);
    let mut rows: Vec<CardRow> = sql.build_query_as().fetch_all(&state.db).await?;
    let next_cursor = cut_page(&mut rows, limit, |r| Cursor {
        key: r.started_at,
        id: r.id,
    });
    let items = rows
        .into_iter()
        .map(|r| {
            let status = LiveStatus::parse(&r.status).unwrap_or(LiveStatus::Ended);
            let cover = match (r.cover_key, r.cover_width, r.cover_height) {
                (Some(key), Some(w), Some(h)) => Some(image(
                    &key,
                    w,
                    h,
                    r.cover_top.unwrap_or_default(),
                    r.cover_bottom.unwrap_or_default(),
                )),
                _ => None,
            };
            LiveRoomCard {
                id: r.id,
                title: r.title,
                host: user(r.host_id, r.username, r.display_name, &r.avatar_key),
                status,
                is_demo: r.is_demo,
                started_at: r.started_at,
                ended_at: r.ended_at,
                viewers: match status {
                    LiveStatus::Live => state.live.viewers(r.id),
                    LiveStatus::Ended => 0,
                },
                likes: state.live.room(r.id).map_or(r.likes, |room| room.likes()),
                peak_viewers: r.peak_viewers,
                has_replay: r.has_replay,
                cover,
            }
        })
        .collect();
    Ok(Json(Page { items, next_cursor }))
}

/// A room: host, products, pinned card, counts and recent chat.
#[utoipa::path(get, path = "/api/v1/live/{id}", tag = "live",
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = LiveRoomDetail),
        (status = 404, description = "No such room", body = api_types::ErrorBody),
    ))]
pub async fn detail(
    State(state): State<AppState>,
    Viewer(me): Viewer,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<LiveRoomDetail>> {
    let mut conn = state.db.acquire().await?;
    let row = load::room(&mut conn, id).await?;
    let products = load::products(&mut conn, id).await?;
    let recent_chat = load::recent_chat(&mut conn, id, row.host_id, load::RECENT_CHAT).await?;
    let viewer_muted = match me {
        Some(me) => load::is_muted(&mut conn, id, me).await?,
        None => false,
    };
    drop(conn);
    let host = super::users::profiles(&state.db, &[row.host_id], me)
        .await?
        .pop()
        .ok_or_else(|| AppError::Internal(format!("room {id} has no host")))?;
    let room = state.live.room(id);
    let pinned = load::pinned(&row, &products, now_unix());
    Ok(Json(LiveRoomDetail {
        id,
        title: row.title.clone(),
        host: LiveHost {
            user: host.user,
            follower_count: host.follower_count,
            followed_by_viewer: host.followed_by_viewer,
        },
        status: row.status(),
        is_demo: row.is_demo,
        started_at: row.started_at,
        ended_at: row.ended_at,
        viewers: if row.is_live() {
            room.as_ref().map_or(0, |r| r.viewers())
        } else {
            0
        },
        likes: room.as_ref().map_or(row.likes, |r| r.likes()),
        peak_viewers: row.peak_viewers,
        has_replay: row.replay_key.is_some(),
        replay_url: row
            .replay_key
            .as_deref()
            .map(api_types::live_media::replay_url),
        products,
        pinned,
        recent_chat,
        viewer_is_host: me == Some(row.host_id),
        viewer_muted,
    }))
}

/// A room's chat from the start, oldest first (for replays: each message's `offset_ms`
/// places it beside the recording). Removed messages are left out.
#[utoipa::path(get, path = "/api/v1/live/{id}/chat", tag = "live",
    params(("id" = i64, Path), PageQuery),
    responses(
        (status = 200, body = Page<ChatMessage>),
        (status = 400, description = "Malformed cursor", body = api_types::ErrorBody),
        (status = 404, description = "No such room", body = api_types::ErrorBody),
        (status = 422, description = "Limit out of range", body = api_types::ErrorBody),
    ))]
pub async fn chat_history(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> AppResult<Json<Page<ChatMessage>>> {
    let limit = page_limit(q.limit)?;
    let cursor = Cursor::decode_opt(q.cursor.as_deref())?;
    let mut conn = state.db.acquire().await?;
    let row = load::room(&mut conn, id).await?;
    let after = cursor.map_or(0, |c| c.id);
    let mut items = load::chat_after(&mut conn, id, row.host_id, after, limit).await?;
    let next_cursor = cut_page(&mut items, limit, |m| Cursor {
        key: m.offset_ms,
        id: m.id,
    });
    Ok(Json(Page { items, next_cursor }))
}
