//! What a host does: go live with products from the shop, pin one (optionally with a flash
//! sale), remove a chat message, mute and unmute a person, end the room. Each is one write
//! transaction, and its event goes to the room's sockets after the commit.

use std::collections::HashSet;

use api_types::{
    ErrorCode, ErrorParams, FieldError, GoLiveInput, LiveRoomDetail, PinInput, PinnedProduct,
    Resource, ServerEvent, FLASH_MAX_SECS, LIVE_MAX_PRODUCTS, LIVE_TITLE_MAX_CHARS,
};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use sqlx::SqliteConnection;

use super::detail;
use crate::auth::{SignedIn, Viewer};
use crate::db::write_tx;
use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, ApiPath};
use crate::live::load::{self, RoomRow};
use crate::{now_unix, AppState};

/// The room if `me` hosts it: 404 unknown, 403 someone else's.
async fn hosted_room(conn: &mut SqliteConnection, id: i64, me: i64) -> AppResult<RoomRow> {
    let row = load::room(conn, id).await?;
    if row.host_id != me {
        return Err(AppError::forbidden(
            ErrorCode::NotYourRoom,
            "Only the room's host can do that.",
        ));
    }
    Ok(row)
}

/// The hosted room, which must still be live (409 `room_ended`).
async fn hosted_live_room(conn: &mut SqliteConnection, id: i64, me: i64) -> AppResult<RoomRow> {
    let row = hosted_room(conn, id, me).await?;
    if !row.is_live() {
        return Err(crate::live::chat::room_ended());
    }
    Ok(row)
}

/// Whom a host's change is told to, once committed.
enum Tell {
    Nobody,
    /// Every socket in the room.
    Room(ServerEvent),
    /// One person's sockets in the room.
    Person(i64, ServerEvent),
}

/// Runs a host's change to room `id`: in one write turn, checks that `me` hosts it (and,
/// with `live_only`, that it is still live), runs `change` on the transaction, commits, and
/// only then sends the event `change` chose.
async fn host_change<T>(
    state: &AppState,
    me: i64,
    id: i64,
    live_only: bool,
    change: impl AsyncFnOnce(&mut SqliteConnection) -> AppResult<(T, Tell)>,
) -> AppResult<T> {
    let (turn, mut tx) = write_tx(&state.db).await?;
    if live_only {
        hosted_live_room(&mut tx, id, me).await?;
    } else {
        hosted_room(&mut tx, id, me).await?;
    }
    let (out, tell) = change(&mut tx).await?;
    tx.commit().await?;
    drop(turn);
    match tell {
        Tell::Nobody => {}
        Tell::Room(event) => state.live.publish(id, &event),
        Tell::Person(user, event) => state.live.publish_to(id, user, &event),
    }
    Ok(out)
}

/// Goes live: a new room listing products from the shop, in the order given.
#[utoipa::path(post, path = "/api/v1/live", tag = "live", request_body = GoLiveInput,
    responses(
        (status = 201, description = "Live", body = LiveRoomDetail),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 409, description = "`already_live` (`id`): you have a live room; end it first", body = api_types::ErrorBody),
        (status = 422, description = "Title empty or too long; no products, too many (`too_many_room_products`, `max`) or unknown ones (fields)", body = api_types::ErrorBody),
    ))]
pub async fn go_live(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiJson(input): ApiJson<GoLiveInput>,
) -> AppResult<(StatusCode, Json<LiveRoomDetail>)> {
    let title = input.title.trim().to_string();
    let mut errors = Vec::new();
    let title_len = title.chars().count();
    if title_len == 0 {
        errors.push(FieldError::new(
            "title",
            ErrorCode::Required,
            "Give the room a title.",
        ));
    } else if title_len > LIVE_TITLE_MAX_CHARS {
        errors.push(
            FieldError::new(
                "title",
                ErrorCode::TooLong,
                format!("A title can be at most {LIVE_TITLE_MAX_CHARS} characters."),
            )
            .with(ErrorParams::max(LIVE_TITLE_MAX_CHARS)),
        );
    }
    let mut seen = HashSet::new();
    let products: Vec<i64> = input
        .product_ids
        .iter()
        .copied()
        .filter(|p| seen.insert(*p))
        .collect();
    if products.is_empty() {
        errors.push(FieldError::new(
            "product_ids",
            ErrorCode::NoProducts,
            "Choose at least one product to sell.",
        ));
    } else if products.len() > LIVE_MAX_PRODUCTS {
        errors.push(
            FieldError::new(
                "product_ids",
                ErrorCode::TooManyRoomProducts,
                format!("A live room can sell at most {LIVE_MAX_PRODUCTS} products."),
            )
            .with(ErrorParams::max(LIVE_MAX_PRODUCTS)),
        );
    }
    if !errors.is_empty() {
        return Err(AppError::Fields(errors));
    }
    let now = now_unix();
    let (turn, mut tx) = write_tx(&state.db).await?;
    for p in &products {
        let known: Option<i64> = sqlx::query_scalar("SELECT id FROM products WHERE id = $1")
            .bind(p)
            .fetch_optional(&mut *tx)
            .await?;
        if known.is_none() {
            return Err(AppError::field(
                "product_ids",
                ErrorCode::ProductGone,
                format!("Product {p} is not in the shop."),
            ));
        }
    }
    let live: Option<i64> =
        sqlx::query_scalar("SELECT id FROM live_rooms WHERE host_id = $1 AND status = 'live'")
            .bind(me)
            .fetch_optional(&mut *tx)
            .await?;
    if let Some(live) = live {
        return Err(AppError::conflict(
            ErrorCode::AlreadyLive,
            format!("You are live already (room {live}). End that room first."),
        )
        .with(ErrorParams {
            id: Some(live),
            ..Default::default()
        }));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO live_rooms (host_id, title, status, is_demo, started_at) \
         VALUES ($1, $2, 'live', FALSE, $3) RETURNING id",
    )
    .bind(me)
    .bind(&title)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    for (position, p) in products.iter().enumerate() {
        sqlx::query(
            "INSERT INTO live_room_products (room_id, product_id, position) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(p)
        .bind(position as i64)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    drop(turn);
    // A host who never streams, or leaves, does not keep the room live for ever.
    crate::live::ending::watch_host(&state, id);
    let Json(room) = detail(State(state), Viewer(Some(me)), ApiPath(id)).await?;
    Ok((StatusCode::CREATED, Json(room)))
}

/// Ends the host's room (again: no change). Its sockets get `ended` and close.
#[utoipa::path(post, path = "/api/v1/live/{id}/end", tag = "live",
    params(("id" = i64, Path)),
    responses(
        (status = 200, description = "Ended", body = LiveRoomDetail),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 403, description = "`not_your_room`", body = api_types::ErrorBody),
        (status = 404, description = "No such room", body = api_types::ErrorBody),
    ))]
pub async fn end(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<LiveRoomDetail>> {
    let row = {
        let mut conn = state.db.acquire().await?;
        hosted_room(&mut conn, id, me).await?
    };
    if row.is_live() {
        crate::live::ending::end_room(&state, id).await?;
    }
    detail(State(state), Viewer(Some(me)), ApiPath(id)).await
}

/// Pins one of the room's products over the stream, optionally with a flash sale (every
/// variant at `price_fen` for `duration_secs`, when bought from this room).
#[utoipa::path(put, path = "/api/v1/live/{id}/pin", tag = "live",
    params(("id" = i64, Path)), request_body = PinInput,
    responses(
        (status = 200, description = "Pinned", body = PinnedProduct),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 403, description = "`not_your_room`", body = api_types::ErrorBody),
        (status = 404, description = "No such room", body = api_types::ErrorBody),
        (status = 409, description = "`room_ended`", body = api_types::ErrorBody),
        (status = 422, description = "Not one of the room's products; flash price or duration out of range (fields)", body = api_types::ErrorBody),
    ))]
pub async fn pin(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<PinInput>,
) -> AppResult<Json<PinnedProduct>> {
    let now = now_unix();
    host_change(&state, me, id, true, async |conn| {
        let products = load::products(conn, id).await?;
        let Some(product) = products.iter().find(|p| p.id == input.product_id) else {
            return Err(AppError::field(
                "product_id",
                ErrorCode::NotInRoom,
                "Pin one of the room's products.",
            ));
        };
        flash_errors(&input, product.price_fen)?;
        sqlx::query(
            "UPDATE live_rooms SET pinned_product_id = $1, pinned_at = $2, flash_price_fen = $3, \
             flash_ends_at = $4 WHERE id = $5",
        )
        .bind(input.product_id)
        .bind(now)
        .bind(input.flash.map(|f| f.price_fen))
        .bind(input.flash.map(|f| now + f.duration_secs))
        .bind(id)
        .execute(&mut *conn)
        .await?;
        let row = load::room(conn, id).await?;
        let pinned = load::pinned(&row, &products, now)
            .ok_or_else(|| AppError::Internal("the pinned product vanished".to_string()))?;
        let event = ServerEvent::Pinned {
            pinned: Some(pinned.clone()),
        };
        Ok((Json(pinned), Tell::Room(event)))
    })
    .await
}

/// A flash sale's price (below the product's lowest, `price_fen`) and duration, checked.
fn flash_errors(input: &PinInput, price_fen: i64) -> AppResult<()> {
    let Some(flash) = input.flash else {
        return Ok(());
    };
    let mut errors = Vec::new();
    if !(1..price_fen).contains(&flash.price_fen) {
        errors.push(
            FieldError::new(
                "flash.price_fen",
                ErrorCode::FlashPrice,
                format!(
                    "A flash price is below the lowest price ({}).",
                    api_types::format_cny(price_fen)
                ),
            )
            .with(ErrorParams {
                price_fen: Some(price_fen),
                ..Default::default()
            }),
        );
    }
    if !(1..=FLASH_MAX_SECS).contains(&flash.duration_secs) {
        errors.push(
            FieldError::new(
                "flash.duration_secs",
                ErrorCode::FlashDuration,
                format!("A flash sale lasts 1 to {FLASH_MAX_SECS} seconds."),
            )
            .with(ErrorParams::range(1, FLASH_MAX_SECS)),
        );
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Fields(errors))
    }
}

/// Takes the pinned card down (and ends its flash sale).
#[utoipa::path(delete, path = "/api/v1/live/{id}/pin", tag = "live",
    params(("id" = i64, Path)),
    responses(
        (status = 204, description = "Unpinned"),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 403, description = "`not_your_room`", body = api_types::ErrorBody),
        (status = 404, description = "No such room", body = api_types::ErrorBody),
        (status = 409, description = "`room_ended`", body = api_types::ErrorBody),
    ))]
pub async fn unpin(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    host_change(&state, me, id, true, async |conn| {
        sqlx::query(
            "UPDATE live_rooms SET pinned_product_id = NULL, pinned_at = NULL, \
             flash_price_fen = NULL, flash_ends_at = NULL WHERE id = $1",
        )
        .bind(id)
        .execute(&mut *conn)
        .await?;
        Ok(((), Tell::Room(ServerEvent::Pinned { pinned: None })))
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes a chat message: out of every list and replay, and off every viewer's screen.
#[utoipa::path(delete, path = "/api/v1/live/{id}/chat/{message_id}", tag = "live",
    params(("id" = i64, Path), ("message_id" = i64, Path)),
    responses(
        (status = 204, description = "Removed (or already)"),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 403, description = "`not_your_room`", body = api_types::ErrorBody),
        (status = 404, description = "No such room or message in it", body = api_types::ErrorBody),
    ))]
pub async fn remove_message(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiPath((id, message_id)): ApiPath<(i64, i64)>,
) -> AppResult<StatusCode> {
    host_change(&state, me, id, false, async |conn| {
        let found: Option<Option<i64>> =
            sqlx::query_scalar("SELECT removed_at FROM live_chat WHERE id = $1 AND room_id = $2")
                .bind(message_id)
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?;
        match found {
            None => return Err(AppError::not_found(Resource::ChatMessage, message_id)),
            Some(Some(_)) => return Ok(((), Tell::Nobody)),
            Some(None) => {}
        }
        sqlx::query("UPDATE live_chat SET removed_at = $1 WHERE id = $2")
            .bind(now_unix())
            .bind(message_id)
            .execute(&mut *conn)
            .await?;
        Ok(((), Tell::Room(ServerEvent::ChatRemoved { id: message_id })))
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Mutes a person in the room: their chat is refused from now on (they are told).
#[utoipa::path(put, path = "/api/v1/live/{id}/mutes/{user_id}", tag = "live",
    params(("id" = i64, Path), ("user_id" = i64, Path)),
    responses(
        (status = 204, description = "Muted (or already)"),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 403, description = "`not_your_room`", body = api_types::ErrorBody),
        (status = 404, description = "No such room or person", body = api_types::ErrorBody),
        (status = 422, description = "`cannot_mute_self`", body = api_types::ErrorBody),
    ))]
pub async fn mute(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiPath((id, user_id)): ApiPath<(i64, i64)>,
) -> AppResult<StatusCode> {
    set_muted(&state, me, id, user_id, true).await
}

/// Lets a muted person chat again.
#[utoipa::path(delete, path = "/api/v1/live/{id}/mutes/{user_id}", tag = "live",
    params(("id" = i64, Path), ("user_id" = i64, Path)),
    responses(
        (status = 204, description = "Not muted (any more)"),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 403, description = "`not_your_room`", body = api_types::ErrorBody),
        (status = 404, description = "No such room or person", body = api_types::ErrorBody),
        (status = 422, description = "`cannot_mute_self`", body = api_types::ErrorBody),
    ))]
pub async fn unmute(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiPath((id, user_id)): ApiPath<(i64, i64)>,
) -> AppResult<StatusCode> {
    set_muted(&state, me, id, user_id, false).await
}

async fn set_muted(
    state: &AppState,
    me: i64,
    id: i64,
    user_id: i64,
    muted: bool,
) -> AppResult<StatusCode> {
    host_change(state, me, id, false, async |conn| {
        if user_id == me {
            return Err(AppError::unprocessable(
                ErrorCode::CannotMuteSelf,
                "The host cannot mute themselves.",
            ));
        }
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(&mut *conn)
            .await?;
        if exists.is_none() {
            return Err(AppError::not_found(Resource::User, user_id));
        }
        let changed = if muted {
            sqlx::query(
                "INSERT INTO live_mutes (room_id, user_id, muted_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (room_id, user_id) DO NOTHING",
            )
            .bind(id)
            .bind(user_id)
            .bind(now_unix())
            .execute(&mut *conn)
            .await?
        } else {
            sqlx::query("DELETE FROM live_mutes WHERE room_id = $1 AND user_id = $2")
                .bind(id)
                .bind(user_id)
                .execute(&mut *conn)
                .await?
        };
        // Told only when it changed: PUT and DELETE are idempotent.
        let tell = if changed.rows_affected() > 0 {
            Tell::Person(user_id, ServerEvent::Muted { muted })
        } else {
            Tell::Nobody
        };
        Ok((StatusCode::NO_CONTENT, tell))
    })
    .await
}
