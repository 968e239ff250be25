//! Channels and the discover feed.

use api_types::{ErrorCode, ErrorParams, Resource};
use std::collections::HashMap;

use api_types::{Channel, FeedReason, NoteCard, Page};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use sqlx::QueryBuilder;
use utoipa::IntoParams;

use super::rows::{CardRow, CARD_SELECT};
use crate::auth::{self, SignedIn};
use crate::cursor::{cut_page, page_limit, Cursor};
use crate::error::{AppError, AppResult};
use crate::extract::ApiQuery;
use crate::guest::Reader;
use crate::AppState;

/// The virtual channel that mixes every channel.
pub const RECOMMEND: &str = "recommend";
const MAX_TOPIC_CHARS: usize = 64;

pub async fn list_channels(db: &crate::db::Db) -> AppResult<Vec<Channel>> {
    let rows = sqlx::query_as::<_, (String, String, String)>(
        "SELECT slug, name_en, name_zh FROM channels ORDER BY position",
    )
    .fetch_all(db)
    .await?;
    let mut channels = vec![Channel {
        slug: RECOMMEND.to_string(),
        name_en: "For you".to_string(),
        name_zh: "推荐".to_string(),
    }];
    channels.extend(rows.into_iter().map(|(slug, name_en, name_zh)| Channel {
        slug,
        name_en,
        name_zh,
    }));
    Ok(channels)
}

/// All channels, the virtual "recommend" one first.
#[utoipa::path(get, path = "/api/v1/channels", tag = "feed",
    responses((status = 200, body = Vec<Channel>)))]
pub async fn channels(State(state): State<AppState>) -> AppResult<Json<Vec<Channel>>> {
    Ok(Json(list_channels(&state.db).await?))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FeedQuery {
    /// Channel slug; `recommend` (the default) mixes all channels.
    pub channel: Option<String>,
    /// Only notes tagged with this #topic (without the `#`).
    #[param(min_length = 1, max_length = 64)]
    pub topic: Option<String>,
    /// Only notes by this user.
    pub author: Option<i64>,
    #[param(schema_with = super::openapi::feed_sort)]
    pub sort: Option<String>,
    #[param(schema_with = super::openapi::cursor)]
    pub cursor: Option<String>,
    /// Page size, 1..=50 (default 20).
    #[param(minimum = 1, maximum = 50)]
    pub limit: Option<u32>,
}

/// One page of the discover feed, best first. The same for everyone (cached and inlined into
/// shared documents); a signed-in person's own For-you list is `/api/v1/feed/for-you`.
#[utoipa::path(get, path = "/api/v1/feed", tag = "feed", params(FeedQuery),
    responses(
        (status = 200, body = Page<NoteCard>),
        (status = 400, description = "Malformed cursor or query", body = api_types::ErrorBody),
        (status = 404, description = "Unknown channel or author", body = api_types::ErrorBody),
        (status = 422, description = "Limit out of range, topic too long", body = api_types::ErrorBody),
    ))]
pub async fn feed(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(q): ApiQuery<FeedQuery>,
) -> AppResult<Response> {
    // An author's own profile list also shows their hidden notes: personal, so never cached.
    // Only profile lists look up the session; the hot channel feeds stay cookie-blind.
    if let Some(author) = q.author {
        if auth::viewer_of(&state.db, &headers).await? == Some(author) {
            let page = feed_page(&state, q, true).await?;
            return Ok(Json(page).into_response());
        }
    }
    let key = format!(
        "{}|{}|{}|{}|{}|{}",
        q.channel.as_deref().unwrap_or(RECOMMEND),
        q.topic.as_deref().unwrap_or(""),
        q.author.unwrap_or(0),
        q.sort.as_deref().unwrap_or(""),
        q.cursor.as_deref().unwrap_or(""),
        q.limit.unwrap_or(api_types::DEFAULT_PAGE_LIMIT)
    );
    if let Some(body) = state.feed_cache.get(&key) {
        return Ok(json_bytes(body));
    }
    let page = feed_page(&state, q, false).await?;
    let body =
        Bytes::from(serde_json::to_vec(&page).map_err(|e| AppError::Internal(e.to_string()))?);
    state.feed_cache.put(key, body.clone());
    Ok(json_bytes(body))
}

/// Cursors of the personal list carry the offset with this id, which no note has (so a cursor
/// of another list is refused rather than misread).
const PERSONAL_CURSOR_ID: i64 = -1;

/// The reader's own For-you list, best first (see `crate::recs`): ranked from what they like,
/// collect, comment, share, follow and linger on, varied (at most two notes of one author or
/// topic in any six), without what they liked, collected, wrote, opened in the last hours or
/// marked "Not interested" (nor that note's near-duplicates). A guest (not signed in) is ranked
/// from what their browser's anonymous `X-Guest-Id` opened and hid. Personal, so never cached
/// by HTTP; the server keeps a signed-in person's ranked list up to a minute and ranks again
/// after a like, collect, comment, share, follow or "Not interested" (a page may hold fewer
/// than `limit` notes when some were opened since). The list is about 200 notes deep; after it
/// `next_cursor` is null.
#[utoipa::path(get, path = "/api/v1/feed/for-you", tag = "feed",
    params(FollowingQuery),
    security(("session" = []), ("guest" = [])),
    responses(
        (status = 200, body = Page<NoteCard>),
        (status = 400, description = "Malformed cursor or query", body = api_types::ErrorBody),
        (status = 401, description = "Neither signed in nor a well-formed X-Guest-Id", body = api_types::ErrorBody),
        (status = 422, description = "Limit out of range", body = api_types::ErrorBody),
    ))]
pub async fn for_you_feed(
    State(state): State<AppState>,
    reader: Reader,
    ApiQuery(q): ApiQuery<FollowingQuery>,
) -> AppResult<Json<Page<NoteCard>>> {
    let limit = page_limit(q.limit)?;
    let offset = match Cursor::decode_opt(q.cursor.as_deref())? {
        None => 0,
        Some(c) if c.id == PERSONAL_CURSOR_ID && c.key >= 0 => c.key,
        Some(_) => return Err(crate::cursor::invalid_cursor()),
    };
    // A person's whole list is ranked and read once and kept a minute (see `recs::cache`);
    // pages slice it. A guest's is ranked at each request, only as deep as the page asks:
    // guests are many and short-lived, and their signals few.
    let config = crate::recs::Config::default();
    let now = crate::now_unix();
    let (cards, opened) = match &reader {
        Reader::Person(me) => match state.recs.get(*me) {
            Some(kept) => kept,
            None => {
                let ranked =
                    crate::recs::recommend_explained(&state.db, *me, now, &config, config.list_len)
                        .await?;
                let cards = std::sync::Arc::new(explained_cards(&state, &ranked).await?);
                state.recs.put(*me, std::sync::Arc::clone(&cards));
                (cards, Default::default())
            }
        },
        Reader::Guest(guest) => {
            // This page and one more note, to know whether another page follows.
            let want = usize::try_from(offset.saturating_add(limit).saturating_add(1))
                .unwrap_or(usize::MAX);
            let taste = crate::recs::guest::guest_taste(&state.db, guest, now, &config).await?;
            let ranked = crate::recs::rank(&state.db, &taste, now, &config, want).await?;
            let cards = explained_cards(&state, &ranked).await?;
            (std::sync::Arc::new(cards), Default::default())
        }
    };
    let start = usize::try_from(offset)
        .unwrap_or(usize::MAX)
        .min(cards.len());
    let end = start
        .saturating_add(usize::try_from(limit).unwrap_or(0))
        .min(cards.len());
    let items: Vec<NoteCard> = cards[start..end]
        .iter()
        .filter(|c| !opened.contains(&c.id))
        .cloned()
        .collect();
    let next_cursor = (end < cards.len()).then(|| {
        Cursor {
            key: end as i64,
            id: PERSONAL_CURSOR_ID,
        }
        .encode()
    });
    Ok(Json(Page { items, next_cursor }))
}

/// Cards for the ranked list, in order, each with its "Why am I seeing this?" in words.
async fn explained_cards(
    state: &AppState,
    ranked: &crate::recs::Ranked,
) -> AppResult<Vec<NoteCard>> {
    use crate::recs::Why;
    let picks = &ranked.picks;
    let mut sql = QueryBuilder::new(CARD_SELECT);
    sql.push(" WHERE n.id IN (");
    let mut list = sql.separated(", ");
    for p in picks {
        list.push_bind(p.id);
    }
    if picks.is_empty() {
        list.push("-1");
    }
    sql.push(")");
    let rows: Vec<CardRow> = sql.build_query_as().fetch_all(&state.db).await?;
    let mut by_id: HashMap<i64, CardRow> = rows.into_iter().map(|r| (r.id, r)).collect();

    let channels: HashMap<i64, Channel> = sqlx::query_as::<_, (i64, String, String, String)>(
        "SELECT id, slug, name_en, name_zh FROM channels",
    )
    .fetch_all(&state.db)
    .await?
    .into_iter()
    .map(|(id, slug, name_en, name_zh)| {
        (
            id,
            Channel {
                slug,
                name_en,
                name_zh,
            },
        )
    })
    .collect();
    let co: Vec<i64> = picks
        .iter()
        .filter(|p| p.why == Why::AlsoLiked)
        .map(|p| p.id)
        .collect();
    let seed_of = crate::recs::also_liked_seeds(&state.db, &ranked.seeds, &co).await?;
    let mut titles: HashMap<i64, String> = HashMap::new();
    let wanted: std::collections::HashSet<i64> = seed_of.values().copied().collect();
    if !wanted.is_empty() {
        let mut qb = QueryBuilder::new("SELECT id, title FROM notes WHERE id IN (");
        let mut list = qb.separated(", ");
        for id in &wanted {
            list.push_bind(*id);
        }
        qb.push(")");
        titles = qb
            .build_query_as()
            .fetch_all(&state.db)
            .await?
            .into_iter()
            .collect();
    }
    let mut items = Vec::with_capacity(picks.len());
    for p in picks {
        let Some(row) = by_id.remove(&p.id) else {
            continue;
        };
        let channel_id: Option<i64> = match &p.why {
            Why::Channel(c) | Why::Popular(c) => Some(*c),
            _ => None,
        };
        let channel = channel_id.and_then(|c| channels.get(&c).cloned());
        let reason = match &p.why {
            Why::Following(_) => Some(FeedReason::Following {
                author: row.author_name.clone(),
            }),
            Why::AlsoLiked => seed_of
                .get(&p.id)
                .and_then(|seed| titles.get(seed))
                .map(|title| FeedReason::AlsoLiked {
                    note_title: title.clone(),
                }),
            Why::Channel(_) => channel.map(|channel| FeedReason::Channel { channel }),
            Why::Topic(topic) => Some(FeedReason::Topic {
                topic: topic.clone(),
            }),
            Why::Popular(_) => channel.map(|channel| FeedReason::Popular { channel }),
            Why::Fresh => Some(FeedReason::Fresh),
        };
        let mut card = NoteCard::from(row);
        // A co-engagement seed whose likes are gone since the ranking has no title to name:
        // the note is still among the popular ones of its channel.
        card.reason = reason.or_else(|| {
            channels
                .get(&p.channel_id)
                .cloned()
                .map(|channel| FeedReason::Popular { channel })
        });
        items.push(card);
    }
    Ok(items)
}

fn json_bytes(body: Bytes) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// A page of the feed; `with_hidden` includes notes hidden pending review (the author's own
/// profile list only).
async fn feed_page(state: &AppState, q: FeedQuery, with_hidden: bool) -> AppResult<Page<NoteCard>> {
    let limit = page_limit(q.limit)?;
    let cursor = Cursor::decode_opt(q.cursor.as_deref())?;
    // The ordering column doubles as the cursor key.
    let order = match q.sort.as_deref() {
        None | Some("hot") => "score",
        Some("newest") => "created_at",
        Some(other) => {
            return Err(AppError::InvalidRequest(format!(
                "sort must be 'hot' or 'newest', not '{other}'."
            )))
        }
    };
    let slug = q.channel.as_deref().unwrap_or(RECOMMEND);
    let channel_id = if slug == RECOMMEND {
        None
    } else {
        let id = sqlx::query_scalar::<_, i64>("SELECT id FROM channels WHERE slug = $1")
            .bind(slug)
            .fetch_optional(&state.db)
            .await?;
        Some(id.ok_or_else(|| {
            AppError::missing(Resource::Channel, format!("No channel named '{slug}'.")).with(
                ErrorParams {
                    resource: Some(Resource::Channel),
                    name: Some(slug.to_string()),
                    ..Default::default()
                },
            )
        })?)
    };

    if let Some(topic) = &q.topic {
        if topic.is_empty() || topic.chars().count() > MAX_TOPIC_CHARS {
            return Err(AppError::unprocessable(
                ErrorCode::TopicTooLong,
                format!("topic must be 1 to {MAX_TOPIC_CHARS} characters."),
            )
            .with(ErrorParams::max(MAX_TOPIC_CHARS)));
        }
    }
    if let Some(author) = q.author {
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE id = $1")
            .bind(author)
            .fetch_optional(&state.db)
            .await?;
        if exists.is_none() {
            return Err(AppError::not_found(Resource::User, author));
        }
    }

    let mut sql = QueryBuilder::new(CARD_SELECT);
    sql.push(if with_hidden {
        " WHERE 1 = 1"
    } else {
        " WHERE n.hidden_at IS NULL"
    });
    if let Some(id) = channel_id {
        sql.push(" AND n.channel_id = ").push_bind(id);
    }
    if let Some(topic) = q.topic {
        sql.push(" AND n.id IN (SELECT note_id FROM note_topics WHERE topic = ")
            .push_bind(topic)
            .push(")");
    }
    if let Some(author) = q.author {
        sql.push(" AND n.author_id = ").push_bind(author);
    }
    push_keyset(&mut sql, order, cursor, limit);
    let mut rows: Vec<CardRow> = sql.build_query_as().fetch_all(&state.db).await?;
    let next_cursor = cut_page(&mut rows, limit, |r| Cursor {
        key: if order == "score" {
            r.score
        } else {
            r.created_at
        },
        id: r.id,
    });
    Ok(Page {
        items: rows.into_iter().map(NoteCard::from).collect(),
        next_cursor,
    })
}

/// Appends the keyset condition and ORDER BY for `n.{order} DESC, n.id DESC`, fetching one
/// extra row to tell whether another page exists.
pub fn push_keyset(
    sql: &mut QueryBuilder<sqlx::Sqlite>,
    order: &str,
    cursor: Option<Cursor>,
    limit: i64,
) {
    push_keyset_on(sql, &format!("n.{order}"), "n.id", cursor, limit);
}

/// [`push_keyset`] for any (key, id) column pair, both descending.
pub fn push_keyset_on(
    sql: &mut QueryBuilder<sqlx::Sqlite>,
    key: &str,
    id: &str,
    cursor: Option<Cursor>,
    limit: i64,
) {
    if let Some(c) = cursor {
        sql.push(format!(" AND ({key} < "))
            .push_bind(c.key)
            .push(format!(" OR ({key} = "))
            .push_bind(c.key)
            .push(format!(" AND {id} < "))
            .push_bind(c.id)
            .push("))");
    }
    sql.push(format!(" ORDER BY {key} DESC, {id} DESC LIMIT "))
        .push_bind(limit + 1);
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FollowingQuery {
    #[param(schema_with = super::openapi::cursor)]
    pub cursor: Option<String>,
    /// Page size, 1..=50 (default 20).
    #[param(minimum = 1, maximum = 50)]
    pub limit: Option<u32>,
}

/// Newest notes from the people the signed-in user follows (never cached: it is personal).
#[utoipa::path(get, path = "/api/v1/feed/following", tag = "feed", params(FollowingQuery),
    responses(
        (status = 200, body = Page<NoteCard>),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
    ))]
pub async fn following_feed(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiQuery(q): ApiQuery<FollowingQuery>,
) -> AppResult<Json<Page<NoteCard>>> {
    let limit = page_limit(q.limit)?;
    let cursor = Cursor::decode_opt(q.cursor.as_deref())?;
    let mut sql = QueryBuilder::new(CARD_SELECT);
    sql.push(" WHERE n.hidden_at IS NULL AND n.author_id IN (SELECT followee_id FROM follows WHERE follower_id = ")
        .push_bind(me)
        .push(")");
    push_keyset(&mut sql, "created_at", cursor, limit);
    let mut rows: Vec<CardRow> = sql.build_query_as().fetch_all(&state.db).await?;
    let next_cursor = cut_page(&mut rows, limit, |r| Cursor {
        key: r.created_at,
        id: r.id,
    });
    Ok(Json(Page {
        items: rows.into_iter().map(NoteCard::from).collect(),
        next_cursor,
    }))
}
