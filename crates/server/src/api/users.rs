//! Public user profiles.

use api_types::UserProfile;
use axum::extract::State;
use axum::Json;

use super::rows::user;
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
    let row = sqlx::query_as::<_, (i64, String, String, String, String, i64)>(
        "SELECT u.id, u.username, u.display_name, a.image_key, u.bio, u.created_at \
         FROM users u JOIN images a ON a.id = u.avatar_image_id WHERE u.id = ?",
    )
    .bind(id)
    .fetch_optional(&state.db)
    .await?
    .ok_or_else(|| AppError::NotFound(format!("User {id} does not exist.")))?;
    let (note_count, likes_and_collects) = sqlx::query_as::<_, (i64, i64)>(
        "SELECT COUNT(*), COALESCE(SUM(like_count + collect_count), 0) FROM notes WHERE author_id = ?",
    )
    .bind(id)
    .fetch_one(&state.db)
    .await?;
    let (uid, username, display_name, avatar, bio, joined_at) = row;
    Ok(Json(UserProfile {
        user: user(uid, username, display_name, &avatar),
        bio,
        note_count,
        likes_and_collects,
        joined_at,
    }))
}
