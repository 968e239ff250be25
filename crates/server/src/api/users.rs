//! Public user profiles.

use std::collections::HashMap;

use api_types::UserProfile;
use axum::extract::State;
use axum::Json;
use sqlx::QueryBuilder;

use super::rows::user;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::extract::ApiPath;
use crate::AppState;

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
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<UserProfile>> {
    profiles(&state.db, &[id])
        .await?
        .pop()
        .map(Json)
        .ok_or_else(|| AppError::NotFound(format!("User {id} does not exist.")))
}

/// Profiles for `ids`, in the order given (unknown ids are skipped).
pub async fn profiles(db: &Db, ids: &[i64]) -> AppResult<Vec<UserProfile>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = QueryBuilder::new(
        "SELECT u.id, u.username, u.display_name, a.image_key, u.bio, u.created_at, \
         (SELECT COUNT(*) FROM notes n WHERE n.author_id = u.id), \
         (SELECT COALESCE(SUM(n.like_count + n.collect_count), 0) FROM notes n WHERE n.author_id = u.id) \
         FROM users u JOIN images a ON a.id = u.avatar_image_id WHERE u.id IN (",
    );
    let mut list = sql.separated(", ");
    for id in ids {
        list.push_bind(*id);
    }
    sql.push(")");
    type Row = (i64, String, String, String, String, i64, i64, i64);
    let rows: Vec<Row> = sql.build_query_as().fetch_all(db).await?;
    let mut by_id: HashMap<i64, UserProfile> = rows
        .into_iter()
        .map(
            |(id, username, name, avatar, bio, joined_at, notes, likes)| {
                let profile = UserProfile {
                    user: user(id, username, name, &avatar),
                    bio,
                    note_count: notes,
                    likes_and_collects: likes,
                    joined_at,
                };
                (id, profile)
            },
        )
        .collect();
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}
