//! Note detail and related notes.

use api_types::{Channel, Image, Mention, NoteCard, NoteCounts, NoteDetail, NoteViewer};
use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use sqlx::{FromRow, QueryBuilder};
use utoipa::IntoParams;

use super::comments::top_comments;
use super::rows::{image, note_kind, user, CardRow, CARD_SELECT};
use crate::auth::Viewer;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::extract::{ApiPath, ApiQuery};
use crate::AppState;

#[derive(FromRow)]
struct NoteRow {
    id: i64,
    title: String,
    body: String,
    kind: String,
    video_seconds: Option<i32>,
    video_id: Option<i64>,
    cover_image_id: i64,
    location: Option<String>,
    created_at: i64,
    like_count: i64,
    collect_count: i64,
    comment_count: i64,
    share_count: i64,
    hidden_at: Option<i64>,
    channel_slug: String,
    channel_en: String,
    channel_zh: String,
    author_id: i64,
    author_username: String,
    author_name: String,
    author_avatar: String,
}

pub fn not_found(id: i64) -> AppError {
    AppError::not_found(api_types::Resource::Note, id)
}

/// A note with its images, topics, mentions, counts and first page of comments.
#[utoipa::path(get, path = "/api/v1/notes/{id}", tag = "notes",
    params(("id" = i64, Path, description = "Note id")),
    responses(
        (status = 200, body = NoteDetail),
        (status = 400, description = "Malformed id", body = api_types::ErrorBody),
        (status = 404, description = "No such note", body = api_types::ErrorBody),
    ))]
pub async fn note_detail(
    State(state): State<AppState>,
    Viewer(viewer): Viewer,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<NoteDetail>> {
    Ok(Json(load_note_detail(&state.db, id, viewer).await?))
}

/// A note as `viewer` may see it: a hidden note is "not found" for everyone but its author.
pub async fn load_note_detail(db: &Db, id: i64, viewer: Option<i64>) -> AppResult<NoteDetail> {
    let note: NoteRow = sqlx::query_as(
        "SELECT n.id, n.title, n.body, n.kind, n.video_seconds, n.video_id, n.cover_image_id, \
         n.location, n.created_at, \
         n.like_count, n.collect_count, n.comment_count, n.share_count, n.hidden_at, \
         c.slug AS channel_slug, c.name_en AS channel_en, c.name_zh AS channel_zh, \
         u.id AS author_id, u.username AS author_username, u.display_name AS author_name, \
         ua.image_key AS author_avatar \
         FROM notes n JOIN channels c ON c.id = n.channel_id \
         JOIN users u ON u.id = n.author_id JOIN images ua ON ua.id = u.avatar_image_id \
         WHERE n.id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await?
    .filter(|n: &NoteRow| n.hidden_at.is_none() || viewer == Some(n.author_id))
    .ok_or_else(|| not_found(id))?;

    let images: Vec<Image> = sqlx::query_as::<_, (String, i64, i64, String, String)>(
        "SELECT i.image_key, i.width, i.height, i.ph_top, i.ph_bottom \
         FROM note_images ni JOIN images i ON i.id = ni.image_id \
         WHERE ni.note_id = $1 ORDER BY ni.position",
    )
    .bind(id)
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|(key, w, h, top, bottom)| image(&key, w, h, top, bottom))
    .collect();

    let topics: Vec<String> =
        sqlx::query_scalar("SELECT topic FROM note_topics WHERE note_id = $1 ORDER BY topic")
            .bind(id)
            .fetch_all(db)
            .await?;

    let mentions: Vec<Mention> = sqlx::query_as::<_, (i64, String)>(
        "SELECT u.id, u.display_name FROM note_mentions m JOIN users u ON u.id = m.user_id \
         WHERE m.note_id = $1 ORDER BY u.id",
    )
    .bind(id)
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|(user_id, name)| Mention { user_id, name })
    .collect();

    let comments = top_comments(db, id, None, api_types::DEFAULT_PAGE_LIMIT.into(), viewer).await?;
    let viewer_state = match viewer {
        Some(me) => {
            let (liked, collected, follows_author): (bool, bool, bool) = sqlx::query_as(
                "SELECT EXISTS (SELECT 1 FROM note_likes WHERE user_id = $1 AND note_id = $2), \
                 EXISTS (SELECT 1 FROM note_collects WHERE user_id = $1 AND note_id = $2), \
                 EXISTS (SELECT 1 FROM follows WHERE follower_id = $1 AND followee_id = $3)",
            )
            .bind(me)
            .bind(id)
            .bind(note.author_id)
            .fetch_one(db)
            .await?;
            NoteViewer {
                liked,
                collected,
                follows_author,
            }
        }
        None => NoteViewer::default(),
    };

    let video =
        crate::video::note_video(db, &note.kind, note.video_id, note.cover_image_id).await?;
    Ok(NoteDetail {
        id: note.id,
        title: note.title,
        body: note.body,
        kind: note_kind(&note.kind),
        video_seconds: note.video_seconds,
        images,
        topics,
        mentions,
        channel: Channel {
            slug: note.channel_slug,
            name_en: note.channel_en,
            name_zh: note.channel_zh,
        },
        author: user(
            note.author_id,
            note.author_username,
            note.author_name,
            &note.author_avatar,
        ),
        location: note.location,
        created_at: note.created_at,
        counts: NoteCounts {
            likes: note.like_count,
            collects: note.collect_count,
            comments: note.comment_count,
            shares: note.share_count,
        },
        comments,
        viewer: viewer_state,
        products: super::shop::note_products(db, id).await?,
        hidden: note.hidden_at.is_some(),
        video,
    })
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RelatedQuery {
    /// How many notes, 1..=50 (default 20).
    #[param(minimum = 1, maximum = 50)]
    pub limit: Option<u32>,
}

/// Notes like this one: first those that people who liked or collected it also liked or
/// collected (at most half the list, two people in common at least), then its channel's,
/// those sharing a topic first, then by rank.
#[utoipa::path(get, path = "/api/v1/notes/{id}/related", tag = "notes",
    params(("id" = i64, Path, description = "Note id"), RelatedQuery),
    responses(
        (status = 200, body = Vec<NoteCard>),
        (status = 404, description = "No such note", body = api_types::ErrorBody),
        (status = 422, description = "Limit out of range", body = api_types::ErrorBody),
    ))]
pub async fn related(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<RelatedQuery>,
) -> AppResult<Json<Vec<NoteCard>>> {
    let limit = crate::cursor::page_limit(q.limit)?;
    let channel_id: i64 = sqlx::query_scalar("SELECT channel_id FROM notes WHERE id = $1")
        .bind(id)
        .fetch_optional(&state.db)
        .await?
        .ok_or_else(|| not_found(id))?;
    let also = crate::recs::related::also_engaged(&state.db, id, limit / 2).await?;
    let mut cards: Vec<NoteCard> = Vec::new();
    if !also.is_empty() {
        let mut sql = QueryBuilder::new(CARD_SELECT);
        sql.push(" WHERE n.id IN (");
        let mut list = sql.separated(", ");
        for other in &also {
            list.push_bind(*other);
        }
        sql.push(")");
        let rows: Vec<CardRow> = sql.build_query_as().fetch_all(&state.db).await?;
        let mut by_id: std::collections::HashMap<i64, CardRow> =
            rows.into_iter().map(|r| (r.id, r)).collect();
        cards.extend(
            also.iter()
                .filter_map(|other| by_id.remove(other))
                .map(NoteCard::from),
        );
    }
    let mut sql = QueryBuilder::new(CARD_SELECT);
    sql.push(" WHERE n.hidden_at IS NULL AND n.channel_id = ")
        .push_bind(channel_id)
        .push(" AND n.id <> ")
        .push_bind(id);
    if !also.is_empty() {
        sql.push(" AND n.id NOT IN (");
        let mut list = sql.separated(", ");
        for other in &also {
            list.push_bind(*other);
        }
        sql.push(")");
    }
    sql.push(
        " ORDER BY CASE WHEN EXISTS (SELECT 1 FROM note_topics t \
             JOIN note_topics mine ON mine.topic = t.topic \
             WHERE t.note_id = n.id AND mine.note_id = ",
    )
    .push_bind(id)
    .push(") THEN 0 ELSE 1 END, n.score DESC, n.id DESC LIMIT ")
    .push_bind(limit - cards.len() as i64);
    let rows: Vec<CardRow> = sql.build_query_as().fetch_all(&state.db).await?;
    cards.extend(rows.into_iter().map(NoteCard::from));
    Ok(Json(cards))
}
