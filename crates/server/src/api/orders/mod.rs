//! Orders: placing one (idempotent, priced and stocked on the server in one write
//! transaction, with creator attribution per line), the buyer's order list and detail with the
//! simulated carrier's timeline, and cancelling before shipment.

mod load;
mod placing;

use api_types::{AddressInput, Image, OrderDetail, OrderSummary, Page, PlaceOrder};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use sqlx::{FromRow, QueryBuilder, Sqlite};

use super::addresses::find_address;
use super::checkout::{authorise, check_items};
use super::comments::PageQuery;
use super::feed::push_keyset_on;
use super::rows::image;
use crate::auth::SignedIn;
use crate::carrier::Shipment;
use crate::cursor::{cut_page, page_limit, Cursor};
use crate::db::write_tx;
use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::{now_unix, utc_date, AppState};
use load::{load_order, order_detail, order_row};
use placing::{earlier_order, idempotency_key, place_in_tx, request_hash, Placed, Placement};

pub use placing::{commission_fen, creator_rate_bp, IDEMPOTENCY_HEADER};

/// Order lines whose images an order summary shows.
const SUMMARY_IMAGES: i64 = 4;

/// Places an order for the cart's available lines (`items` absent; bought lines leave the
/// cart) or a buy-now selection. Prices come from the catalogue, never from the request.
/// Retrying with the same `Idempotency-Key` and body returns the same order (200).
#[utoipa::path(post, path = "/api/v1/orders", tag = "orders", request_body = PlaceOrder,
    params(("Idempotency-Key" = String, Header, pattern = "^[A-Za-z0-9_-]{8,64}$",
        description = "8..=64 of [A-Za-z0-9_-]; new per order, the same on retries")),
    responses(
        (status = 201, description = "Placed", body = OrderDetail),
        (status = 200, description = "Already placed with this key", body = OrderDetail),
        (status = 400, description = "Missing or malformed Idempotency-Key", body = api_types::ErrorBody),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 402, description = "`card_declined`, `insufficient_funds` or `test_cards_only`: nothing was charged or changed", body = api_types::ErrorBody),
        (status = 404, description = "Unknown variant (buy now)", body = api_types::ErrorBody),
        (status = 409, description = "`out_of_stock` / `sold_out` or `price_changed` (e.g. a live room's flash sale ended): nothing was charged", body = api_types::ErrorBody),
        (status = 422, description = "Invalid card, expiry, CVC or address_id (fields); empty cart; `idempotency_key_reused`", body = api_types::ErrorBody),
    ))]
pub async fn place(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    headers: HeaderMap,
    ApiJson(order): ApiJson<PlaceOrder>,
) -> AppResult<(StatusCode, Json<OrderDetail>)> {
    let key = idempotency_key(&headers)?;
    let hash = request_hash(&order)?;
    let now = now_unix();
    let address = {
        let mut conn = state.db.acquire().await?;
        if let Some(id) = earlier_order(&mut conn, me, &key, &hash).await? {
            drop(conn);
            return Ok((StatusCode::OK, Json(load_order(&state, me, id).await?)));
        }
        if let Some(items) = &order.items {
            check_items(items)?;
        }
        let (year, month, _) = utc_date(now);
        let mut errors = api_types::validate_payment(&order.payment, (year, month));
        let address = find_address(&mut conn, me, order.address_id).await?;
        if address.is_none() {
            errors.push(api_types::FieldError::new(
                "address_id",
                api_types::ErrorCode::AddressNotSaved,
                "Choose one of your saved addresses.",
            ));
        }
        match address {
            Some(a) if errors.is_empty() => AddressInput {
                recipient: a.recipient,
                phone: a.phone,
                province: a.province,
                city: a.city,
                district: a.district,
                detail: a.detail,
                is_default: false,
            },
            _ => return Err(AppError::Fields(errors)),
        }
    };
    // Test mode authorises before the transaction, as a real provider call would (never
    // inside the write lock). A real integration would void it if the transaction fails.
    authorise(&order.payment)?;

    let (turn, mut tx) = write_tx(&state.db).await?;
    let placed = place_in_tx(
        &mut tx,
        Placement {
            user: me,
            key: &key,
            hash: &hash,
            order: &order,
            address: &address,
            creator_share_bp: state.commerce.creator_share_bp,
            // Taken under the write lock, so order times follow order ids.
            now: now_unix(),
        },
    )
    .await?;
    tx.commit().await?;
    drop(turn);
    match placed {
        Placed::New(id) => {
            // Rooms that list what sold show the new stock to their viewers.
            state.live.order_stock_changed(&state.db, id).await;
            Ok((StatusCode::CREATED, Json(load_order(&state, me, id).await?)))
        }
        Placed::Replayed(id) => Ok((StatusCode::OK, Json(load_order(&state, me, id).await?))),
    }
}

/// One of the signed-in user's orders.
#[utoipa::path(get, path = "/api/v1/orders/{id}", tag = "orders",
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = OrderDetail),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 404, description = "No such order of yours", body = api_types::ErrorBody),
    ))]
pub async fn detail(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<OrderDetail>> {
    Ok(Json(load_order(&state, me, id).await?))
}

#[derive(FromRow)]
struct SummaryRow {
    id: i64,
    number: String,
    created_at: i64,
    total_fen: i64,
    cross_border: bool,
    paid_at: i64,
    cancelled_at: Option<i64>,
    item_count: i64,
    first_title: String,
}

/// The signed-in user's orders, newest first.
#[utoipa::path(get, path = "/api/v1/orders", tag = "orders", params(PageQuery),
    responses(
        (status = 200, body = Page<OrderSummary>),
        (status = 400, description = "Malformed cursor", body = api_types::ErrorBody),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 422, description = "Limit out of range", body = api_types::ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> AppResult<Json<Page<OrderSummary>>> {
    let limit = page_limit(q.limit)?;
    let cursor = Cursor::decode_opt(q.cursor.as_deref())?;
    let mut sql = QueryBuilder::<Sqlite>::new(
        "SELECT o.id, o.number, o.created_at, o.total_fen, o.cross_border, o.paid_at, \
         o.cancelled_at, \
         (SELECT COALESCE(CAST(SUM(quantity) AS BIGINT), 0) FROM order_items WHERE order_id = o.id) AS item_count, \
         COALESCE((SELECT title FROM order_items WHERE order_id = o.id AND position = 0), '') \
           AS first_title \
         FROM orders o WHERE o.user_id = ",
    );
    sql.push_bind(me);
    push_keyset_on(&mut sql, "o.created_at", "o.id", cursor, limit);
    let mut rows: Vec<SummaryRow> = sql.build_query_as().fetch_all(&state.db).await?;
    let next_cursor = cut_page(&mut rows, limit, |r| Cursor {
        key: r.created_at,
        id: r.id,
    });

    let mut images: Vec<(i64, Image)> = Vec::new();
    if !rows.is_empty() {
        let mut sql = QueryBuilder::<Sqlite>::new(
            "SELECT oi.order_id, i.image_key, i.width, i.height, i.ph_top, i.ph_bottom \
             FROM order_items oi JOIN images i ON i.id = oi.image_id WHERE oi.position < ",
        );
        sql.push_bind(SUMMARY_IMAGES).push(" AND oi.order_id IN (");
        let mut list = sql.separated(", ");
        for r in &rows {
            list.push_bind(r.id);
        }
        sql.push(") ORDER BY oi.order_id, oi.position");
        let found: Vec<(i64, String, i64, i64, String, String)> =
            sql.build_query_as().fetch_all(&state.db).await?;
        images = found
            .into_iter()
            .map(|(order, key, w, h, top, bottom)| (order, image(&key, w, h, top, bottom)))
            .collect();
    }
    let now = now_unix();
    let step = state.commerce.carrier_step_secs;
    let items = rows
        .into_iter()
        .map(|r| {
            let shipment = Shipment {
                paid_at: r.paid_at,
                cross_border: r.cross_border,
                cancelled_at: r.cancelled_at,
            };
            OrderSummary {
                id: r.id,
                number: r.number,
                status: shipment.status(now, step),
                created_at: r.created_at,
                total_fen: r.total_fen,
                item_count: r.item_count,
                images: images
                    .iter()
                    .filter(|(order, _)| *order == r.id)
                    .map(|(_, img)| img.clone())
                    .collect(),
                first_title: r.first_title,
            }
        })
        .collect();
    Ok(Json(Page { items, next_cursor }))
}

/// Cancels an order that has not shipped: its stock goes back and its sales and any creator
/// commission are reversed, in one write transaction. Cancelling again changes nothing.
#[utoipa::path(post, path = "/api/v1/orders/{id}/cancel", tag = "orders",
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = OrderDetail),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 404, description = "No such order of yours", body = api_types::ErrorBody),
        (status = 409, description = "`already_shipped`", body = api_types::ErrorBody),
    ))]
pub async fn cancel(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<OrderDetail>> {
    let now = now_unix();
    let step = state.commerce.carrier_step_secs;
    let (_turn, mut tx) = write_tx(&state.db).await?;
    let order = order_row(&mut tx, me, id).await?;
    let shipment = order.shipment();
    if shipment.cancelled_at.is_none() {
        if shipment.status(now, step).shipped() {
            return Err(AppError::conflict(
                api_types::ErrorCode::AlreadyShipped,
                "This order has shipped and can no longer be cancelled.",
            ));
        }
        sqlx::query("UPDATE orders SET cancelled_at = $1 WHERE id = $2 AND cancelled_at IS NULL")
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let lines: Vec<(i64, i64, i64)> = sqlx::query_as(
            "SELECT variant_id, product_id, quantity FROM order_items WHERE order_id = $1",
        )
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
        for (variant, product, quantity) in lines {
            sqlx::query("UPDATE product_variants SET stock = stock + $1 WHERE id = $2")
                .bind(quantity)
                .bind(variant)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "UPDATE products SET sales_count = CASE WHEN sales_count < $1 THEN 0 \
                 ELSE sales_count - $1 END WHERE id = $2",
            )
            .bind(quantity)
            .bind(product)
            .execute(&mut *tx)
            .await?;
        }
    }
    let detail = order_detail(&mut tx, me, id, now, step).await?;
    tx.commit().await?;
    // The stock came back: rooms listing these products show it.
    state.live.order_stock_changed(&state.db, id).await;
    Ok(Json(detail))
}
