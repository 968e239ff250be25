//! Drafts: the editor saves what is typed as it goes (`PUT` again and again) so it survives a
//! closed tab or a failed upload, and lists drafts to resume. Drafts only enforce size limits
//! and that pictures are the user's own; publishing checks everything else.

use api_types::{ErrorCode, ErrorParams};
use std::collections::HashMap;

use api_types::{
    Draft, FieldError, NoteInput, Upload, MAX_NOTE_IMAGES, MAX_NOTE_PRODUCTS, NOTE_BODY_MAX_CHARS,
};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::publish::{check_products, insert_pairs};
use super::rows::image;
use super::shop::product_cards;
use super::uploads::owned_images;
use crate::auth::SignedIn;
use crate::db::{write_tx, Db};
use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, ApiPath};
use crate::{now_unix, AppState};

/// Most drafts one account keeps.
pub const MAX_DRAFTS: i64 = 50;
/// Size limits of a draft (publishing is stricter).
const TITLE_MAX_CHARS: usize = 100;
const BODY_MAX_CHARS: usize = NOTE_BODY_MAX_CHARS * 2;
const CHANNEL_MAX_CHARS: usize = 32;
const LOCATION_MAX_CHARS: usize = api_types::LOCATION_MAX_CHARS * 2;

fn too_long(field: &str, max: usize) -> FieldError {
    FieldError::new(
        field,
        ErrorCode::DraftTooLong,
        format!("Drafts keep at most {max} characters here."),
    )
    .with(ErrorParams::max(max))
}

/// Size limits, then that the pictures are the user's and the products exist: 422 otherwise.
async fn check(conn: &mut SqliteConnection, me: i64, input: &NoteInput) -> AppResult<()> {
    let mut errors = Vec::new();
    let chars = |s: &str| s.chars().count();
    if chars(&input.title) > TITLE_MAX_CHARS {
        errors.push(too_long("title", TITLE_MAX_CHARS));
    }
    if chars(&input.body) > BODY_MAX_CHARS {
        errors.push(too_long("body", BODY_MAX_CHARS));
    }
    if chars(&input.channel) > CHANNEL_MAX_CHARS {
        errors.push(too_long("channel", CHANNEL_MAX_CHARS));
    }
    if input
        .location
        .as_deref()
        .is_some_and(|l| chars(l) > LOCATION_MAX_CHARS)
    {
        errors.push(too_long("location", LOCATION_MAX_CHARS));
    }
    if input.image_ids.len() > MAX_NOTE_IMAGES {
        errors.push(
            FieldError::new(
                "image_ids",
                ErrorCode::TooManyPhotos,
                format!("A note can have at most {MAX_NOTE_IMAGES} photos."),
            )
            .with(ErrorParams::max(MAX_NOTE_IMAGES)),
        );
    } else if let Err(e) = owned_images(conn, me, &input.image_ids).await? {
        errors.push(e);
    }
    if input.product_ids.len() > MAX_NOTE_PRODUCTS {
        errors.push(
            FieldError::new(
                "product_ids",
                ErrorCode::TooManyProducts,
                format!("Tag at most {MAX_NOTE_PRODUCTS} products."),
            )
            .with(ErrorParams::max(MAX_NOTE_PRODUCTS)),
        );
    } else if let Err(e) = check_products(conn, &input.product_ids).await? {
        errors.push(e);
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Fields(errors))
    }
}

/// Writes the draft's pictures and products (replacing what it had).
async fn write_lists(conn: &mut SqliteConnection, draft: i64, input: &NoteInput) -> AppResult<()> {
    for table in ["draft_images", "draft_products"] {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {table} WHERE draft_id = $1"
        )))
        .bind(draft)
        .execute(&mut *conn)
        .await?;
    }
    insert_pairs(
        conn,
        "draft_images (draft_id, position, upload_id)",
        draft,
        &input.image_ids,
    )
    .await?;
    insert_pairs(
        conn,
        "draft_products (draft_id, position, product_id)",
        draft,
        &input.product_ids,
    )
    .await
}

fn location(input: &NoteInput) -> Option<&str> {
    input.location.as_deref().filter(|l| !l.trim().is_empty())
}

/// `me`'s drafts (just `only`, if given), newest first, with their pictures and products.
async fn drafts_of(db: &Db, me: i64, only: Option<i64>) -> AppResult<Vec<Draft>> {
    type Row = (i64, String, String, String, Option<String>, i64);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, title, body, channel, location, updated_at FROM drafts \
         WHERE user_id = $1 AND ($2 IS NULL OR id = $3) ORDER BY updated_at DESC, id DESC",
    )
    .bind(me)
    .bind(only)
    .bind(only)
    .fetch_all(db)
    .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let in_list = |sql: &mut QueryBuilder<Sqlite>| {
        let mut list = sql.separated(", ");
        for id in &ids {
            list.push_bind(*id);
        }
        sql.push(")");
    };

    let mut sql = QueryBuilder::<Sqlite>::new(
        "SELECT d.draft_id, u.id, i.image_key, i.width, i.height, i.ph_top, i.ph_bottom \
         FROM draft_images d JOIN uploads u ON u.id = d.upload_id JOIN images i ON i.id = u.image_id \
         WHERE d.draft_id IN (",
    );
    in_list(&mut sql);
    sql.push(" ORDER BY d.draft_id, d.position");
    let pictures: Vec<(i64, i64, String, i64, i64, String, String)> =
        sql.build_query_as().fetch_all(db).await?;
    let mut images: HashMap<i64, Vec<Upload>> = HashMap::new();
    for (draft, id, key, w, h, top, bottom) in pictures {
        images.entry(draft).or_default().push(Upload {
            id,
            image: image(&key, w, h, top, bottom),
        });
    }

    let mut sql = QueryBuilder::<Sqlite>::new(
        "SELECT draft_id, product_id FROM draft_products WHERE draft_id IN (",
    );
    in_list(&mut sql);
    sql.push(" ORDER BY draft_id, position");
    let tagged: Vec<(i64, i64)> = sql.build_query_as().fetch_all(db).await?;
    let mut product_ids: Vec<i64> = tagged.iter().map(|t| t.1).collect();
    product_ids.sort_unstable();
    product_ids.dedup();
    let cards: HashMap<i64, api_types::ProductCard> = product_cards(db, &product_ids)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let mut products: HashMap<i64, Vec<api_types::ProductCard>> = HashMap::new();
    for (draft, product) in tagged {
        if let Some(card) = cards.get(&product) {
            products.entry(draft).or_default().push(card.clone());
        }
    }

    Ok(rows
        .into_iter()
        .map(|(id, title, body, channel, location, updated_at)| Draft {
            id,
            title,
            body,
            channel,
            images: images.remove(&id).unwrap_or_default(),
            products: products.remove(&id).unwrap_or_default(),
            location,
            updated_at,
        })
        .collect())
}

async fn one_draft(db: &Db, me: i64, id: i64) -> AppResult<Draft> {
    drafts_of(db, me, Some(id))
        .await?
        .pop()
        .ok_or_else(|| no_draft(id))
}

fn no_draft(id: i64) -> AppError {
    AppError::not_found(api_types::Resource::Draft, id)
}

/// The signed-in user's drafts, most recently saved first.
#[utoipa::path(get, path = "/api/v1/drafts", tag = "publishing",
    responses(
        (status = 200, body = Vec<Draft>),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
) -> AppResult<Json<Vec<Draft>>> {
    Ok(Json(drafts_of(&state.db, me, None).await?))
}

/// Starts a draft with what the editor holds.
#[utoipa::path(post, path = "/api/v1/drafts", tag = "publishing", request_body = NoteInput,
    responses(
        (status = 201, body = Draft),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 422, description = "Over a size limit, someone else's picture, or 50 drafts already", body = api_types::ErrorBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiJson(input): ApiJson<NoteInput>,
) -> AppResult<(StatusCode, Json<Draft>)> {
    let now = now_unix();
    let (turn, mut tx) = write_tx(&state.db).await?;
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM drafts WHERE user_id = $1")
        .bind(me)
        .fetch_one(&mut *tx)
        .await?;
    if count >= MAX_DRAFTS {
        return Err(AppError::unprocessable(
            ErrorCode::TooManyDrafts,
            format!("You have {MAX_DRAFTS} drafts already: publish or delete some first."),
        )
        .with(ErrorParams::max(MAX_DRAFTS)));
    }
    check(&mut tx, me, &input).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO drafts (user_id, title, body, channel, location, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(me)
    .bind(&input.title)
    .bind(&input.body)
    .bind(&input.channel)
    .bind(location(&input))
    .bind(now)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    write_lists(&mut tx, id, &input).await?;
    tx.commit().await?;
    drop(turn);
    Ok((
        StatusCode::CREATED,
        Json(one_draft(&state.db, me, id).await?),
    ))
}

/// Saves over a draft (autosave: everything it holds is replaced).
#[utoipa::path(put, path = "/api/v1/drafts/{id}", tag = "publishing",
    params(("id" = i64, Path, description = "Draft id")), request_body = NoteInput,
    responses(
        (status = 200, body = Draft),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 404, description = "No such draft of yours", body = api_types::ErrorBody),
        (status = 422, description = "Over a size limit or someone else's picture", body = api_types::ErrorBody),
    ))]
pub async fn save(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<NoteInput>,
) -> AppResult<Json<Draft>> {
    let (turn, mut tx) = write_tx(&state.db).await?;
    let updated = sqlx::query(
        "UPDATE drafts SET title = $1, body = $2, channel = $3, location = $4, updated_at = $5 \
         WHERE id = $6 AND user_id = $7",
    )
    .bind(&input.title)
    .bind(&input.body)
    .bind(&input.channel)
    .bind(location(&input))
    .bind(now_unix())
    .bind(id)
    .bind(me)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(no_draft(id));
    }
    check(&mut tx, me, &input).await?;
    write_lists(&mut tx, id, &input).await?;
    tx.commit().await?;
    drop(turn);
    Ok(Json(one_draft(&state.db, me, id).await?))
}

/// Deletes a draft (its pictures stay the user's uploads).
#[utoipa::path(delete, path = "/api/v1/drafts/{id}", tag = "publishing",
    params(("id" = i64, Path, description = "Draft id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 404, description = "No such draft of yours", body = api_types::ErrorBody),
    ))]
pub async fn delete(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    let done = sqlx::query("DELETE FROM drafts WHERE id = $1 AND user_id = $2")
        .bind(id)
        .bind(me)
        .execute(&state.db)
        .await?;
    if done.rows_affected() == 0 {
        return Err(no_draft(id));
    }
    Ok(StatusCode::NO_CONTENT)
}
