//! What the note editor asks while someone types: existing topics after `#`, and people they
//! follow after `@`.

use api_types::{ErrorCode, ErrorParams};
use api_types::{TopicSuggestion, UserSummary, MAX_QUERY_CHARS};
use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use utoipa::IntoParams;

use super::rows::user;
use crate::auth::SignedIn;
use crate::error::{AppError, AppResult};
use crate::extract::ApiQuery;
use crate::AppState;

/// Most people suggested after `@`.
pub const MAX_MENTION_SUGGESTIONS: i64 = 8;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SuggestQuery {
    /// What follows the `#` or `@` so far (may be empty).
    #[serde(default)]
    #[param(max_length = 100)]
    pub q: String,
}

/// The typed text without a leading `#`/`@`, or a 422 when it is too long to be a name.
fn typed(q: &str, marker: char) -> AppResult<String> {
    let q = q.trim().trim_start_matches(marker).trim();
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::unprocessable(
            ErrorCode::SearchQueryTooLong,
            format!("q must be at most {MAX_QUERY_CHARS} characters."),
        )
        .with(ErrorParams::max(MAX_QUERY_CHARS)));
    }
    Ok(q.to_string())
}

/// `q` as a LIKE pattern matching it literally (`%` and `_` escaped with `\`).
fn like_literal(q: &str) -> String {
    q.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Up to 8 existing topics: those starting with `q`, then those containing it, most used first
/// (with an empty `q`, the most used topics).
#[utoipa::path(get, path = "/api/v1/topics/suggest", tag = "publishing", params(SuggestQuery),
    responses(
        (status = 200, body = Vec<TopicSuggestion>),
        (status = 422, description = "Query too long", body = api_types::ErrorBody),
    ))]
pub async fn suggest_topics(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<SuggestQuery>,
) -> AppResult<Json<Vec<TopicSuggestion>>> {
    let q = typed(&params.q, '#')?;
    Ok(Json(state.topics.suggest(&q)))
}

/// Up to 8 people the signed-in user follows whose display name or username contains `q`
/// (starting with it first, then most recently followed); with an empty `q`, the most
/// recently followed.
#[utoipa::path(get, path = "/api/v1/me/following/suggest", tag = "publishing", params(SuggestQuery),
    responses(
        (status = 200, body = Vec<UserSummary>),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 422, description = "Query too long", body = api_types::ErrorBody),
    ))]
pub async fn suggest_mentions(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiQuery(params): ApiQuery<SuggestQuery>,
) -> AppResult<Json<Vec<UserSummary>>> {
    let q = like_literal(&typed(&params.q, '@')?);
    // LOWER on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
    let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT u.id, u.username, u.display_name, a.image_key \
         FROM follows f JOIN users u ON u.id = f.followee_id \
         JOIN images a ON a.id = u.avatar_image_id \
         WHERE f.follower_id = $1 \
         AND (LOWER(u.display_name) LIKE '%' || LOWER($2) || '%' ESCAPE '\\' \
              OR LOWER(u.username) LIKE '%' || LOWER($2) || '%' ESCAPE '\\') \
         ORDER BY CASE WHEN LOWER(u.display_name) LIKE LOWER($2) || '%' ESCAPE '\\' \
                       OR LOWER(u.username) LIKE LOWER($2) || '%' ESCAPE '\\' THEN 0 ELSE 1 END, \
                  f.created_at DESC, u.id DESC \
         LIMIT $3",
    )
    .bind(me)
    .bind(&q)
    .bind(MAX_MENTION_SUGGESTIONS)
    .fetch_all(&state.db)
    .await?;
    Ok(Json(
        rows.into_iter()
            .map(|(id, username, name, avatar)| user(id, username, name, &avatar))
            .collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_is_literal_in_like_patterns() {
        assert_eq!(like_literal("50%_off\\"), "50\\%\\_off\\\\");
        assert_eq!(typed(" @糯米 ", '@').ok().as_deref(), Some("糯米"));
        assert!(typed(&"x".repeat(101), '#').is_err());
    }
}
