//! The signed-in cart: add, set, remove, merge a signed-out browser cart, and price a browser
//! cart without storing it. Every answer is the whole cart priced now, so the client never
//! does money arithmetic of its own.

use api_types::{Cart, LineInput, LinesInput, QuantityInput, MAX_CART_LINES, MAX_LINE_QUANTITY};
use api_types::{ErrorCode, ErrorParams, FieldError, Resource};
use axum::extract::State;
use axum::Json;
use sqlx::SqliteConnection;

use super::lines::{cart_lines, cart_of, dedupe, requested_lines, tagged_pairs};
use crate::auth::SignedIn;
use crate::db::{write_tx, Db};
use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, ApiPath};
use crate::{now_unix, AppState};

/// The user's cart priced now.
pub async fn load_cart(db: &Db, user: i64) -> AppResult<Cart> {
    let mut conn = db.acquire().await?;
    let lines = cart_lines(&mut conn, user).await?;
    Ok(cart_of(lines.into_iter().map(|p| p.line).collect()))
}

/// 422 unless `quantity` is 1..=MAX_LINE_QUANTITY.
pub fn check_quantity(quantity: i64) -> AppResult<()> {
    if (1..=MAX_LINE_QUANTITY).contains(&quantity) {
        Ok(())
    } else {
        Err(AppError::Fields(vec![FieldError::new(
            "quantity",
            ErrorCode::QuantityRange,
            format!("Choose between 1 and {MAX_LINE_QUANTITY}."),
        )
        .with(ErrorParams::range(1, MAX_LINE_QUANTITY))]))
    }
}

/// 409 for a variant with too little stock for `wanted`: `sold_out` when none is left.
pub fn short_of_stock(title: &str, stock: i64) -> AppError {
    if stock <= 0 {
        AppError::conflict(ErrorCode::SoldOut, format!("{title} is sold out.")).with(ErrorParams {
            name: Some(title.to_string()),
            ..Default::default()
        })
    } else {
        AppError::conflict(
            ErrorCode::OutOfStock,
            format!("Only {stock} left of {title}."),
        )
        .with(ErrorParams {
            name: Some(title.to_string()),
            stock: Some(stock),
            ..Default::default()
        })
    }
}

/// How an add treats limits: a person's add is refused with a reason; a merged browser cart
/// is fitted in silently.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fit {
    Strict,
    Clamp,
}

/// The next `seq` for the user's cart: higher is newer.
async fn next_seq(conn: &mut SqliteConnection, user: i64) -> AppResult<i64> {
    Ok(
        sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) + 1 FROM cart_items WHERE user_id = $1")
            .bind(user)
            .fetch_one(&mut *conn)
            .await?,
    )
}

/// Adds `item` to the cart as the newest line (`seq`). Strict: errors for unknown, sold-out,
/// short or full; Clamp: skips or trims instead. Runs inside the caller's write transaction.
async fn add_line(
    conn: &mut SqliteConnection,
    user: i64,
    item: &LineInput,
    seq: i64,
    fit: Fit,
) -> AppResult<()> {
    let variant: Option<(i64, i64, String)> = sqlx::query_as(
        "SELECT v.product_id, v.stock, p.title FROM product_variants v \
         JOIN products p ON p.id = v.product_id WHERE v.id = $1",
    )
    .bind(item.variant_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((product_id, stock, title)) = variant else {
        return match fit {
            Fit::Strict => Err(AppError::not_found(Resource::Variant, item.variant_id)),
            Fit::Clamp => Ok(()),
        };
    };
    let existing: Option<i64> = sqlx::query_scalar(
        "SELECT quantity FROM cart_items WHERE user_id = $1 AND variant_id = $2",
    )
    .bind(user)
    .bind(item.variant_id)
    .fetch_optional(&mut *conn)
    .await?;
    if existing.is_none() {
        let lines: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cart_items WHERE user_id = $1")
            .bind(user)
            .fetch_one(&mut *conn)
            .await?;
        if lines >= MAX_CART_LINES as i64 {
            return match fit {
                Fit::Strict => Err(AppError::unprocessable(
                    ErrorCode::CartFull,
                    format!(
                        "Your cart holds up to {MAX_CART_LINES} different items. Remove one first."
                    ),
                )
                .with(ErrorParams::max(MAX_CART_LINES))),
                Fit::Clamp => Ok(()),
            };
        }
    }
    let wanted = existing
        .unwrap_or(0)
        .saturating_add(item.quantity.clamp(1, MAX_LINE_QUANTITY))
        .min(MAX_LINE_QUANTITY);
    let quantity = match fit {
        Fit::Strict if wanted > stock => return Err(short_of_stock(&title, stock)),
        Fit::Strict => wanted,
        Fit::Clamp if stock <= 0 => return Ok(()),
        Fit::Clamp => wanted.min(stock),
    };
    let from_note = match item.from_note {
        Some(note) => tagged_pairs(conn, &[(note, product_id)])
            .await?
            .contains(&(note, product_id))
            .then_some(note),
        None => None,
    };
    let live_room_id = match item.live_room_id {
        Some(room) => crate::live::room_lists(conn, room, product_id)
            .await?
            .then_some(room),
        None => None,
    };
    // A later add with a valid note (room) re-attributes the line; one without keeps the old.
    sqlx::query(
        "INSERT INTO cart_items (user_id, variant_id, quantity, from_note, live_room_id, seq, \
         added_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (user_id, variant_id) DO UPDATE SET quantity = excluded.quantity, \
         from_note = COALESCE(excluded.from_note, cart_items.from_note), \
         live_room_id = COALESCE(excluded.live_room_id, cart_items.live_room_id), \
         seq = excluded.seq, added_at = excluded.added_at",
    )
    .bind(user)
    .bind(item.variant_id)
    .bind(quantity)
    .bind(from_note)
    .bind(live_room_id)
    .bind(seq)
    .bind(now_unix())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The signed-in user's cart, newest line first, priced now.
#[utoipa::path(get, path = "/api/v1/cart", tag = "cart",
    responses(
        (status = 200, body = Cart),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
    ))]
pub async fn get_cart(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
) -> AppResult<Json<Cart>> {
    Ok(Json(load_cart(&state.db, me).await?))
}

/// Adds units of a variant (the line becomes the newest; at most 20 per line).
#[utoipa::path(post, path = "/api/v1/cart/items", tag = "cart", request_body = LineInput,
    responses(
        (status = 200, body = Cart),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 404, description = "No such variant", body = api_types::ErrorBody),
        (status = 409, description = "`sold_out`, or `out_of_stock` (\"Only N left\")", body = api_types::ErrorBody),
        (status = 422, description = "Quantity outside 1..=20, or the cart is full", body = api_types::ErrorBody),
    ))]
pub async fn add_item(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiJson(item): ApiJson<LineInput>,
) -> AppResult<Json<Cart>> {
    check_quantity(item.quantity)?;
    {
        let (_turn, mut tx) = write_tx(&state.db).await?;
        let seq = next_seq(&mut tx, me).await?;
        add_line(&mut tx, me, &item, seq, Fit::Strict).await?;
        tx.commit().await?;
    }
    Ok(Json(load_cart(&state.db, me).await?))
}

/// Sets a line's quantity.
#[utoipa::path(put, path = "/api/v1/cart/items/{variant_id}", tag = "cart",
    params(("variant_id" = i64, Path)), request_body = QuantityInput,
    responses(
        (status = 200, body = Cart),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 404, description = "Not in the cart", body = api_types::ErrorBody),
        (status = 409, description = "`sold_out` or `out_of_stock`", body = api_types::ErrorBody),
        (status = 422, description = "Quantity outside 1..=20", body = api_types::ErrorBody),
    ))]
pub async fn set_item(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiPath(variant_id): ApiPath<i64>,
    ApiJson(input): ApiJson<QuantityInput>,
) -> AppResult<Json<Cart>> {
    check_quantity(input.quantity)?;
    let (turn, mut tx) = write_tx(&state.db).await?;
    let line: Option<(i64, String)> = sqlx::query_as(
        "SELECT v.stock, p.title FROM cart_items c \
         JOIN product_variants v ON v.id = c.variant_id JOIN products p ON p.id = v.product_id \
         WHERE c.user_id = $1 AND c.variant_id = $2",
    )
    .bind(me)
    .bind(variant_id)
    .fetch_optional(&mut *tx)
    .await?;
    let (stock, title) = line
        .ok_or_else(|| AppError::missing(Resource::CartItem, "That item is not in your cart."))?;
    if input.quantity > stock {
        return Err(short_of_stock(&title, stock));
    }
    sqlx::query("UPDATE cart_items SET quantity = $1 WHERE user_id = $2 AND variant_id = $3")
        .bind(input.quantity)
        .bind(me)
        .bind(variant_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    drop(turn);
    Ok(Json(load_cart(&state.db, me).await?))
}

/// Removes a line (idempotent: removing what is not there is fine).
#[utoipa::path(delete, path = "/api/v1/cart/items/{variant_id}", tag = "cart",
    params(("variant_id" = i64, Path)),
    responses(
        (status = 200, body = Cart),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
    ))]
pub async fn remove_item(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiPath(variant_id): ApiPath<i64>,
) -> AppResult<Json<Cart>> {
    {
        let (_turn, mut tx) = write_tx(&state.db).await?;
        sqlx::query("DELETE FROM cart_items WHERE user_id = $1 AND variant_id = $2")
            .bind(me)
            .bind(variant_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
    }
    Ok(Json(load_cart(&state.db, me).await?))
}

/// Merges a signed-out browser cart (items newest first) into the account's cart in one
/// transaction. It never fails on a line: unknown and sold-out variants are skipped, and
/// quantities are trimmed to the stock, 20 per line and 50 lines (a browser cart has at most
/// 50 distinct lines; more are ignored).
#[utoipa::path(post, path = "/api/v1/cart/merge", tag = "cart", request_body = LinesInput,
    responses(
        (status = 200, body = Cart),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
    ))]
pub async fn merge(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiJson(input): ApiJson<LinesInput>,
) -> AppResult<Json<Cart>> {
    let items: Vec<LineInput> = dedupe(&input.items)
        .into_iter()
        .filter(|i| i.quantity >= 1)
        .take(MAX_CART_LINES)
        .collect();
    {
        let (_turn, mut tx) = write_tx(&state.db).await?;
        let base = next_seq(&mut tx, me).await?;
        let count = items.len() as i64;
        for (i, item) in items.iter().enumerate() {
            // The browser's first line ends up the newest, above the account's own lines.
            add_line(&mut tx, me, item, base + count - i as i64, Fit::Clamp).await?;
        }
        tx.commit().await?;
    }
    Ok(Json(load_cart(&state.db, me).await?))
}

/// Prices a browser cart without storing anything; no sign-in needed. Unknown variants are
/// left out; quantities are kept within 1..=20 but not trimmed to the stock, so the client
/// can say "only N left".
#[utoipa::path(post, path = "/api/v1/cart/preview", tag = "cart", request_body = LinesInput,
    responses((status = 200, body = Cart)))]
pub async fn preview(
    State(state): State<AppState>,
    ApiJson(input): ApiJson<LinesInput>,
) -> AppResult<Json<Cart>> {
    let mut items = dedupe(&input.items);
    items.truncate(MAX_CART_LINES);
    for item in &mut items {
        item.quantity = item.quantity.clamp(1, MAX_LINE_QUANTITY);
    }
    let mut conn = state.db.acquire().await?;
    let (lines, _unknown) = requested_lines(&mut conn, &items).await?;
    Ok(Json(cart_of(lines.into_iter().map(|p| p.line).collect())))
}
