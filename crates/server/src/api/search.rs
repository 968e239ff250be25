//! Search endpoints: notes (with sorts and filters) and users.

use api_types::{ErrorCode, ErrorParams};
use std::collections::HashMap;
use std::sync::Arc;

use api_types::{
    CountedPage, NoteCard, NoteTypeFilter, SearchSort, TimeFilter, UserProfile, MAX_QUERY_CHARS,
};
use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use sqlx::QueryBuilder;
use utoipa::IntoParams;

use super::rows::{CardRow, CARD_SELECT};
use super::users::profiles;
use crate::auth::Viewer;
use crate::client::{person_key, Client};
use crate::cursor::{page_limit, Cursor};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::extract::ApiQuery;
use crate::ratelimit::SEARCH;
use crate::search::{Hits, NoteFilter, NoteSort, SearchIndex};
use crate::{now_unix, AppState};

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NoteSearchQuery {
    /// What to look for (1 to 100 characters).
    #[param(min_length = 1, max_length = 100)]
    pub q: String,
    #[serde(default)]
    pub sort: SearchSort,
    #[serde(default, rename = "type")]
    #[param(rename = "type")]
    pub note_type: NoteTypeFilter,
    #[serde(default)]
    pub time: TimeFilter,
    #[param(schema_with = super::openapi::cursor)]
    pub cursor: Option<String>,
    /// Page size, 1..=50 (default 20).
    #[param(minimum = 1, maximum = 50)]
    pub limit: Option<u32>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserSearchQuery {
    /// What to look for (1 to 100 characters).
    #[param(min_length = 1, max_length = 100)]
    pub q: String,
    #[param(schema_with = super::openapi::cursor)]
    pub cursor: Option<String>,
    /// Page size, 1..=50 (default 20).
    #[param(minimum = 1, maximum = 50)]
    pub limit: Option<u32>,
}

/// The trimmed query, or a 422 saying what is wrong with it.
fn validate_query(q: &str) -> AppResult<String> {
    let q = q.trim();
    if q.is_empty() {
        return Err(AppError::unprocessable(
            ErrorCode::SearchQueryEmpty,
            "q must not be empty.",
        ));
    }
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::unprocessable(
            ErrorCode::SearchQueryTooLong,
            format!("q must be at most {MAX_QUERY_CHARS} characters."),
        )
        .with(ErrorParams::max(MAX_QUERY_CHARS)));
    }
    Ok(q.to_string())
}

/// How deep search results page: the index collects `offset + limit` hits, so a forged
/// cursor must not pick the offset (one of 4.6e15 made it reserve petabytes and abort).
pub const MAX_SEARCH_OFFSET: usize = 1_000;

/// The offset a search cursor holds (its key), at most [`MAX_SEARCH_OFFSET`].
fn offset_of(cursor: Option<&str>) -> AppResult<usize> {
    Ok(Cursor::decode_opt(cursor)?.map_or(0, |c| {
        usize::try_from(c.key).unwrap_or(0).min(MAX_SEARCH_OFFSET)
    }))
}

fn next_cursor(offset: usize, limit: usize, total: usize) -> Option<String> {
    (offset + limit < total.min(MAX_SEARCH_OFFSET)).then(|| {
        Cursor {
            key: (offset + limit) as i64,
            id: 0,
        }
        .encode()
    })
}

/// Runs a CPU-bound index lookup off the async workers.
async fn blocking<T: Send + 'static>(
    index: &Arc<SearchIndex>,
    f: impl FnOnce(&SearchIndex) -> Result<T, crate::search::SearchError> + Send + 'static,
) -> AppResult<T> {
    let index = Arc::clone(index);
    tokio::task::spawn_blocking(move || f(&index))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(e.to_string()))
}

/// Note cards for `ids`, in that order.
async fn cards(db: &Db, ids: &[i64]) -> AppResult<Vec<NoteCard>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // The index drops hidden notes when they are hidden; this covers the moment in between.
    let mut sql = QueryBuilder::new(CARD_SELECT);
    sql.push(" WHERE n.hidden_at IS NULL AND n.id IN (");
    let mut list = sql.separated(", ");
    for id in ids {
        list.push_bind(*id);
    }
    sql.push(")");
    let rows: Vec<CardRow> = sql.build_query_as().fetch_all(db).await?;
    let mut by_id: HashMap<i64, NoteCard> = rows
        .into_iter()
        .map(|r| (r.id, NoteCard::from(r)))
        .collect();
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

/// Full-text note search.
#[utoipa::path(get, path = "/api/v1/search/notes", tag = "search", params(NoteSearchQuery),
    responses(
        (status = 200, body = CountedPage<NoteCard>),
        (status = 400, description = "Malformed cursor or unknown sort/type/time", body = api_types::ErrorBody),
        (status = 422, description = "Empty or overlong query, limit out of range", body = api_types::ErrorBody),
        (status = 429, description = "Too many searches lately (see Retry-After)", body = api_types::ErrorBody),
    ))]
pub async fn search_notes(
    State(state): State<AppState>,
    Viewer(viewer): Viewer,
    client: Client,
    ApiQuery(params): ApiQuery<NoteSearchQuery>,
) -> AppResult<Json<CountedPage<NoteCard>>> {
    let q = validate_query(&params.q)?;
    let limit = page_limit(params.limit)? as usize;
    let offset = offset_of(params.cursor.as_deref())?;
    let person = person_key(viewer, &client);
    state.limits.acquire(&SEARCH, &person).await?;
    let now = now_unix();
    let filter = NoteFilter {
        note_type: match params.note_type {
            NoteTypeFilter::All => None,
            NoteTypeFilter::Image => Some("image"),
            NoteTypeFilter::Video => Some("video"),
        },
        since: params.time.seconds().map(|s| now - s),
    };
    let sort = match params.sort {
        SearchSort::General => NoteSort::General,
        SearchSort::Newest => NoteSort::Newest,
        SearchSort::Likes => NoteSort::MostLiked,
    };
    let query_text = q.clone();
    let hits: Hits = blocking(&state.search, move |index| {
        index.search_notes(&q, sort, &filter, offset, limit, now)
    })
    .await?;
    // A first page that found something counts towards trending and suggestions, once per
    // person; recording it must not slow the answer down.
    if offset == 0 && hits.total > 0 {
        let (db, suggester) = (state.db.clone(), Arc::clone(&state.suggester));
        let recs = Arc::clone(&state.recs);
        tokio::spawn(async move {
            if let Err(e) = suggester.record(&db, &query_text, &person, now).await {
                tracing::warn!(error = %e, "could not record a search query");
            }
            // A signed-in person's searches are also a taste signal (see `recs::taste`).
            if let Some(me) = viewer {
                recs.forget(me);
            }
        });
    }
    Ok(Json(CountedPage {
        items: cards(&state.db, &hits.ids).await?,
        next_cursor: next_cursor(offset, limit, hits.total),
        total: hits.total as i64,
    }))
}

/// Users by name, username or bio, then creators by the channels and topics they post in
/// (`美妆`, `护肤` or `beauty` finds beauty creators): name matches first, then the larger
/// share of their notes in the channel or topic, then more followers.
#[utoipa::path(get, path = "/api/v1/search/users", tag = "search", params(UserSearchQuery),
    responses(
        (status = 200, body = CountedPage<UserProfile>),
        (status = 400, description = "Malformed cursor", body = api_types::ErrorBody),
        (status = 422, description = "Empty or overlong query, limit out of range", body = api_types::ErrorBody),
        (status = 429, description = "Too many searches lately (see Retry-After)", body = api_types::ErrorBody),
    ))]
pub async fn search_users(
    State(state): State<AppState>,
    Viewer(viewer): Viewer,
    client: Client,
    ApiQuery(params): ApiQuery<UserSearchQuery>,
) -> AppResult<Json<CountedPage<UserProfile>>> {
    let q = validate_query(&params.q)?;
    let limit = page_limit(params.limit)? as usize;
    let offset = offset_of(params.cursor.as_deref())?;
    let person = person_key(viewer, &client);
    state.limits.acquire(&SEARCH, &person).await?;
    let posting = state.creators.matching(&q);
    // Every name match (as deep as results page), so the creators found by what they post
    // follow them without repeats.
    let by_name = blocking(&state.search, move |index| {
        index.search_users(&q, 0, MAX_SEARCH_OFFSET)
    })
    .await?;
    let mut ids = by_name.ids;
    let named: std::collections::HashSet<i64> = ids.iter().copied().collect();
    let mut others: Vec<(i64, f64)> = posting
        .into_iter()
        .filter(|(id, _)| !named.contains(id))
        .collect();
    if !others.is_empty() {
        let mut sql =
            QueryBuilder::new("SELECT followee_id, COUNT(*) FROM follows WHERE followee_id IN (");
        let mut list = sql.separated(", ");
        for (id, _) in &others {
            list.push_bind(*id);
        }
        sql.push(") GROUP BY followee_id");
        let followers: HashMap<i64, i64> = sql
            .build_query_as()
            .fetch_all(&state.db)
            .await?
            .into_iter()
            .collect();
        // Share first (in steps of a tenth, so a few points of share do not bury a creator
        // many more people follow), then followers.
        others.sort_by(|a, b| {
            let step = |share: f64| (share * 10.0).floor() as i64;
            step(b.1)
                .cmp(&step(a.1))
                .then_with(|| {
                    followers
                        .get(&b.0)
                        .unwrap_or(&0)
                        .cmp(followers.get(&a.0).unwrap_or(&0))
                })
                .then(b.1.total_cmp(&a.1))
                .then(a.0.cmp(&b.0))
        });
        ids.extend(others.into_iter().map(|(id, _)| id));
    }
    let total = ids.len().max(by_name.total);
    let page: Vec<i64> = ids.into_iter().skip(offset).take(limit).collect();
    Ok(Json(CountedPage {
        items: profiles(&state.db, &page, viewer).await?,
        next_cursor: next_cursor(offset, limit, total),
        total: total as i64,
    }))
}

/// Products by name, brand, category or description (both languages), best sellers lifted.
#[utoipa::path(get, path = "/api/v1/search/products", tag = "search", params(UserSearchQuery),
    responses(
        (status = 200, body = api_types::CountedPage<api_types::ProductCard>),
        (status = 400, description = "Malformed cursor", body = api_types::ErrorBody),
        (status = 422, description = "Empty or overlong query, limit out of range", body = api_types::ErrorBody),
        (status = 429, description = "Too many searches lately (see Retry-After)", body = api_types::ErrorBody),
    ))]
pub async fn search_products(
    State(state): State<AppState>,
    Viewer(viewer): Viewer,
    client: Client,
    ApiQuery(params): ApiQuery<UserSearchQuery>,
) -> AppResult<Json<api_types::CountedPage<api_types::ProductCard>>> {
    let q = validate_query(&params.q)?;
    let limit = page_limit(params.limit)? as usize;
    let offset = offset_of(params.cursor.as_deref())?;
    let person = person_key(viewer, &client);
    state.limits.acquire(&SEARCH, &person).await?;
    let hits = blocking(&state.search, move |index| {
        index.search_products(&q, offset, limit)
    })
    .await?;
    Ok(Json(api_types::CountedPage {
        items: super::shop::product_cards(&state.db, &hits.ids).await?,
        next_cursor: next_cursor(offset, limit, hits.total),
        total: hits.total as i64,
    }))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SuggestQuery {
    /// What has been typed so far (1 to 100 characters).
    #[param(min_length = 1, max_length = 100)]
    pub q: String,
}

/// Up to 8 popular topics and searches starting with what has been typed.
#[utoipa::path(get, path = "/api/v1/search/suggest", tag = "search", params(SuggestQuery),
    responses(
        (status = 200, body = Vec<String>),
        (status = 422, description = "Empty or overlong query", body = api_types::ErrorBody),
    ))]
pub async fn suggestions(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<SuggestQuery>,
) -> AppResult<Json<Vec<String>>> {
    let q = validate_query(&params.q)?;
    Ok(Json(state.suggester.suggest(&q)))
}

/// Trending searches: queries at least five different people ran this week (plain text only),
/// then the topics drawing the most engagement.
#[utoipa::path(get, path = "/api/v1/search/trending", tag = "search",
    responses((status = 200, body = Vec<String>)))]
pub async fn trending(State(state): State<AppState>) -> AppResult<Json<Vec<String>>> {
    let now = now_unix();
    Ok(Json(state.suggester.trending(&state.db, now).await?))
}
