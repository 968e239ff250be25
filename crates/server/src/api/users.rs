//! People: profiles, followers and following, a user's collections and likes, and creators
//! to follow.

use std::collections::{HashMap, HashSet};

use api_types::{NoteCard, Page, UserProfile};
use axum::extract::State;
use axum::Json;
use sqlx::{FromRow, QueryBuilder};

use super::comments::PageQuery;
use super::rows::{user, CardRow, CARD_SELECT};
use crate::auth::Viewer;
use crate::cursor::{cut_page, page_limit, Cursor};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::extract::{ApiPath, ApiQuery};
use crate::AppState;

fn no_user(id: i64) -> AppError {
    AppError::not_found(api_types::Resource::User, id)
}

/// A user's profile header: name, avatar, bio and totals.
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "users",
    params(("id" = i64, Path, description = "User id")),
    responses(
        (status = 200, body = UserProfile),
        (status = 400, description = "Malformed id", body = api_types::ErrorBody),
        (status = 404, description = "No such user", body = api_types::ErrorBody),
    ))]
pub async fn profile(
    State(state): State<AppState>,
    Viewer(viewer): Viewer,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<UserProfile>> {
    profiles(&state.db, &[id], viewer)
        .await?
        .pop()
        .map(Json)
        .ok_or_else(|| no_user(id))
}

/// Profiles for `ids`, in the order given (unknown ids are skipped), with whether `viewer`
/// follows each.
pub async fn profiles(db: &Db, ids: &[i64], viewer: Option<i64>) -> AppResult<Vec<UserProfile>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // Hidden notes count only on their author's own view of the profile.
    let mut sql = QueryBuilder::new(
        "SELECT u.id, u.username, u.display_name, a.image_key, u.bio, u.created_at, \
         u.collections_public, u.likes_public, \
         (SELECT COUNT(*) FROM notes n WHERE n.author_id = u.id \
           AND (n.hidden_at IS NULL OR n.author_id = ",
    );
    sql.push_bind(viewer)
        .push(
            ")) AS notes, \
             (SELECT COALESCE(CAST(SUM(n.like_count + n.collect_count) AS BIGINT), 0) FROM notes n \
             WHERE n.author_id = u.id AND (n.hidden_at IS NULL OR n.author_id = ",
        )
        .push_bind(viewer)
        .push(
            ")) AS likes, \
             (SELECT COUNT(*) FROM follows f WHERE f.follower_id = u.id) AS following, \
             (SELECT COUNT(*) FROM follows f WHERE f.followee_id = u.id) AS followers \
             FROM users u JOIN images a ON a.id = u.avatar_image_id WHERE u.id IN (",
        );
    let mut list = sql.separated(", ");
    for id in ids {
        list.push_bind(*id);
    }
    sql.push(")");
    #[derive(FromRow)]
    struct Row {
        id: i64,
        username: String,
        display_name: String,
        image_key: String,
        bio: String,
        created_at: i64,
        collections_public: bool,
        likes_public: bool,
        notes: i64,
        likes: i64,
        following: i64,
        followers: i64,
    }
    let rows: Vec<Row> = sql.build_query_as().fetch_all(db).await?;
    let followed = followed_among(db, viewer, ids).await?;
    let mut by_id: HashMap<i64, UserProfile> = rows
        .into_iter()
        .map(|r| {
            let profile = UserProfile {
                user: user(r.id, r.username, r.display_name, &r.image_key),
                bio: r.bio,
                note_count: r.notes,
                likes_and_collects: r.likes,
                following_count: r.following,
                follower_count: r.followers,
                joined_at: r.created_at,
                followed_by_viewer: followed.contains(&r.id),
                collections_public: r.collections_public,
                likes_public: r.likes_public,
            };
            (r.id, profile)
        })
        .collect();
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

/// Which of `ids` the viewer follows.
async fn followed_among(db: &Db, viewer: Option<i64>, ids: &[i64]) -> AppResult<HashSet<i64>> {
    let Some(viewer) = viewer else {
        return Ok(HashSet::new());
    };
    let mut sql = QueryBuilder::new("SELECT followee_id FROM follows WHERE follower_id = ");
    sql.push_bind(viewer).push(" AND followee_id IN (");
    let mut list = sql.separated(", ");
    for id in ids {
        list.push_bind(*id);
    }
    sql.push(")");
    Ok(sql
        .build_query_scalar::<i64>()
        .fetch_all(db)
        .await?
        .into_iter()
        .collect())
}

async fn ensure_user(db: &Db, id: i64) -> AppResult<()> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await?;
    found.map(|_| ()).ok_or_else(|| no_user(id))
}

/// Followers (`followers == true`) or followees of `id`, most recent first.
async fn follow_list(
    state: &AppState,
    viewer: Option<i64>,
    id: i64,
    q: PageQuery,
    followers: bool,
) -> AppResult<Json<Page<UserProfile>>> {
    let limit = page_limit(q.limit)?;
    let cursor = Cursor::decode_opt(q.cursor.as_deref())?;
    ensure_user(&state.db, id).await?;
    let (me_col, other_col) = if followers {
        ("followee_id", "follower_id")
    } else {
        ("follower_id", "followee_id")
    };
    let mut sql = QueryBuilder::new(format!(
        "SELECT {other_col}, created_at FROM follows WHERE {me_col} = "
    ));
    sql.push_bind(id);
    if let Some(c) = cursor {
        sql.push(" AND (created_at < ")
            .push_bind(c.key)
            .push(" OR (created_at = ")
            .push_bind(c.key)
            .push(format!(" AND {other_col} < "))
            .push_bind(c.id)
            .push("))");
    }
    sql.push(format!(
        " ORDER BY created_at DESC, {other_col} DESC LIMIT "
    ))
    .push_bind(limit + 1);
    let mut rows: Vec<(i64, i64)> = sql.build_query_as().fetch_all(&state.db).await?;
    let next_cursor = cut_page(&mut rows, limit, |(other, at)| Cursor {
        key: *at,
        id: *other,
    });
    let ids: Vec<i64> = rows.iter().map(|(other, _)| *other).collect();
    Ok(Json(Page {
        items: profiles(&state.db, &ids, viewer).await?,
        next_cursor,
    }))
}

/// People who follow this user, newest first.
#[utoipa::path(get, path = "/api/v1/users/{id}/followers", tag = "users",
    params(("id" = i64, Path), PageQuery),
    responses(
        (status = 200, body = Page<UserProfile>),
        (status = 404, description = "No such user", body = api_types::ErrorBody),
    ))]
pub async fn followers(
    State(state): State<AppState>,
    Viewer(viewer): Viewer,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> AppResult<Json<Page<UserProfile>>> {
    follow_list(&state, viewer, id, q, true).await
}

/// People this user follows, newest first.
#[utoipa::path(get, path = "/api/v1/users/{id}/following", tag = "users",
    params(("id" = i64, Path), PageQuery),
    responses(
        (status = 200, body = Page<UserProfile>),
        (status = 404, description = "No such user", body = api_types::ErrorBody),
    ))]
pub async fn following(
    State(state): State<AppState>,
    Viewer(viewer): Viewer,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> AppResult<Json<Page<UserProfile>>> {
    follow_list(&state, viewer, id, q, false).await
}

#[derive(FromRow)]
struct LinkedCard {
    #[sqlx(flatten)]
    card: CardRow,
    linked_at: i64,
}

/// Notes `id` collected (`links = note_collects`) or liked (`note_likes`), newest first;
/// 403 when the owner keeps that list private from others.
async fn linked_notes(
    state: &AppState,
    viewer: Option<i64>,
    id: i64,
    q: PageQuery,
    links: &'static str,
) -> AppResult<Json<Page<NoteCard>>> {
    let limit = page_limit(q.limit)?;
    let cursor = Cursor::decode_opt(q.cursor.as_deref())?;
    let public_col = if links == "note_collects" {
        "collections_public"
    } else {
        "likes_public"
    };
    let public: Option<bool> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT {public_col} FROM users WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(&state.db)
    .await?;
    let public = public.ok_or_else(|| no_user(id))?;
    if !public && viewer != Some(id) {
        return Err(AppError::forbidden(
            api_types::ErrorCode::PrivateList,
            "This list is private.",
        ));
    }
    let select = CARD_SELECT.replacen("SELECT ", "SELECT l.created_at AS linked_at, ", 1);
    let mut sql = QueryBuilder::new(select);
    sql.push(format!(
        " JOIN {links} l ON l.note_id = n.id WHERE n.hidden_at IS NULL AND l.user_id = "
    ))
    .push_bind(id);
    if let Some(c) = cursor {
        sql.push(" AND (l.created_at < ")
            .push_bind(c.key)
            .push(" OR (l.created_at = ")
            .push_bind(c.key)
            .push(" AND n.id < ")
            .push_bind(c.id)
            .push("))");
    }
    sql.push(" ORDER BY l.created_at DESC, n.id DESC LIMIT ")
        .push_bind(limit + 1);
    let mut rows: Vec<LinkedCard> = sql.build_query_as().fetch_all(&state.db).await?;
    let next_cursor = cut_page(&mut rows, limit, |r| Cursor {
        key: r.linked_at,
        id: r.card.id,
    });
    Ok(Json(Page {
        items: rows.into_iter().map(|r| NoteCard::from(r.card)).collect(),
        next_cursor,
    }))
}

/// Notes this user collected, newest first (403 if they keep collections private).
#[utoipa::path(get, path = "/api/v1/users/{id}/collections", tag = "users",
    params(("id" = i64, Path), PageQuery),
    responses(
        (status = 200, body = Page<NoteCard>),
        (status = 403, description = "Private", body = api_types::ErrorBody),
        (status = 404, description = "No such user", body = api_types::ErrorBody),
    ))]
pub async fn collections(
    State(state): State<AppState>,
    Viewer(viewer): Viewer,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> AppResult<Json<Page<NoteCard>>> {
    linked_notes(&state, viewer, id, q, "note_collects").await
}

/// Notes this user liked, newest first (403 if they keep likes private).
#[utoipa::path(get, path = "/api/v1/users/{id}/likes", tag = "users",
    params(("id" = i64, Path), PageQuery),
    responses(
        (status = 200, body = Page<NoteCard>),
        (status = 403, description = "Private", body = api_types::ErrorBody),
        (status = 404, description = "No such user", body = api_types::ErrorBody),
    ))]
pub async fn likes(
    State(state): State<AppState>,
    Viewer(viewer): Viewer,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> AppResult<Json<Page<NoteCard>>> {
    linked_notes(&state, viewer, id, q, "note_likes").await
}

/// Creators the reader does not follow yet (for an empty following feed): for a signed-in
/// person, those whose notes they engage with and the leading creators of the channels they
/// read first (see `recs::related`); for a guest, the most followed.
#[utoipa::path(get, path = "/api/v1/users/suggested", tag = "users",
    responses((status = 200, body = Page<UserProfile>)))]
pub async fn suggested(
    State(state): State<AppState>,
    Viewer(viewer): Viewer,
) -> AppResult<Json<Page<UserProfile>>> {
    const SUGGESTED: usize = 12;
    let ids: Vec<i64> = match viewer {
        Some(me) => {
            let config = crate::recs::Config::default();
            let taste = crate::recs::taste(&state.db, me, crate::now_unix(), &config).await?;
            crate::recs::related::suggested_creators(&state.db, me, &taste, SUGGESTED).await?
        }
        None => {
            sqlx::query_scalar(
                "SELECT u.id FROM users u \
                 ORDER BY (SELECT COUNT(*) FROM follows f WHERE f.followee_id = u.id) DESC, u.id LIMIT $1",
            )
            .bind(SUGGESTED as i64)
            .fetch_all(&state.db)
            .await?
        }
    };
    Ok(Json(Page {
        items: profiles(&state.db, &ids, viewer).await?,
        next_cursor: None,
    }))
}
