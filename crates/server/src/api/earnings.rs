//! A creator's earnings: the order lines their notes brought in, with the commission each
//! earned and where it stands (pending until delivery, settled once delivered, reversed if
//! the order was cancelled), plus totals over all of them.

use api_types::{CommissionState, EarningLine, Earnings, OrderStatus};
use axum::extract::State;
use axum::Json;
use sqlx::{FromRow, QueryBuilder, Sqlite};

use super::comments::PageQuery;
use crate::auth::SignedIn;
use crate::carrier::{delivered_if_paid_by, Shipment};
use crate::cursor::{cut_page, page_limit, Cursor};
use crate::error::AppResult;
use crate::extract::ApiQuery;
use crate::{now_unix, AppState};

#[derive(FromRow)]
struct EarningRow {
    order_id: i64,
    position: i64,
    number: String,
    created_at: i64,
    paid_at: i64,
    cross_border: bool,
    cancelled_at: Option<i64>,
    note_id: Option<i64>,
    note_title: String,
    live_room_id: Option<i64>,
    product_id: i64,
    product_title: String,
    quantity: i64,
    unit_price_fen: i64,
    rate_bp: i64,
    commission_fen: i64,
}

#[derive(FromRow)]
struct Totals {
    pending: i64,
    settled: i64,
    reversed: i64,
    orders: i64,
}

/// Where a commission stands, from its order's carrier status.
fn commission_state(status: OrderStatus) -> CommissionState {
    match status {
        OrderStatus::Cancelled => CommissionState::Reversed,
        OrderStatus::Delivered => CommissionState::Settled,
        _ => CommissionState::Pending,
    }
}

/// The signed-in user's commission as a creator: attributed lines newest first (paged) and
/// totals over every attributed line.
#[utoipa::path(get, path = "/api/v1/creator/earnings", tag = "orders", params(PageQuery),
    responses(
        (status = 200, body = Earnings),
        (status = 400, description = "Malformed cursor", body = api_types::ErrorBody),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 422, description = "Limit out of range", body = api_types::ErrorBody),
    ))]
pub async fn earnings(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> AppResult<Json<Earnings>> {
    let limit = page_limit(q.limit)?;
    let cursor = Cursor::decode_opt(q.cursor.as_deref())?;
    let now = now_unix();
    let step = state.commerce.carrier_step_secs;

    // Lines newest order first, in order within an order; the cursor is (order, position).
    let mut sql = QueryBuilder::<Sqlite>::new(
        "SELECT oi.order_id, oi.position, o.number, o.created_at, o.paid_at, o.cross_border, \
         o.cancelled_at, oi.from_note AS note_id, COALESCE(n.title, '') AS note_title, \
         oi.live_room_id, oi.product_id, oi.title AS product_title, oi.quantity, \
         oi.unit_price_fen, oi.rate_bp, oi.commission_fen \
         FROM order_items oi JOIN orders o ON o.id = oi.order_id \
         LEFT JOIN notes n ON n.id = oi.from_note WHERE oi.creator_id = ",
    );
    sql.push_bind(me);
    if let Some(c) = cursor {
        sql.push(" AND (oi.order_id < ")
            .push_bind(c.key)
            .push(" OR (oi.order_id = ")
            .push_bind(c.key)
            .push(" AND oi.position > ")
            .push_bind(c.id)
            .push("))");
    }
    sql.push(" ORDER BY oi.order_id DESC, oi.position ASC LIMIT ")
        .push_bind(limit + 1);
    let mut rows: Vec<EarningRow> = sql.build_query_as().fetch_all(&state.db).await?;
    let next_cursor = cut_page(&mut rows, limit, |r| Cursor {
        key: r.order_id,
        id: r.position,
    });

    // Totals in SQL over every line, with the carrier's delivery rule as payment cut-offs.
    let totals: Totals = sqlx::query_as(
        "SELECT \
           COALESCE(CAST(SUM(CASE WHEN o.cancelled_at IS NULL AND o.paid_at > \
             (CASE WHEN o.cross_border THEN $2 ELSE $3 END) \
             THEN oi.commission_fen ELSE 0 END) AS BIGINT), 0) AS pending, \
           COALESCE(CAST(SUM(CASE WHEN o.cancelled_at IS NULL AND o.paid_at <= \
             (CASE WHEN o.cross_border THEN $2 ELSE $3 END) \
             THEN oi.commission_fen ELSE 0 END) AS BIGINT), 0) AS settled, \
           COALESCE(CAST(SUM(CASE WHEN o.cancelled_at IS NOT NULL \
             THEN oi.commission_fen ELSE 0 END) AS BIGINT), 0) AS reversed, \
           COUNT(DISTINCT CASE WHEN o.cancelled_at IS NULL THEN o.id END) AS orders \
         FROM order_items oi JOIN orders o ON o.id = oi.order_id WHERE oi.creator_id = $1",
    )
    .bind(me)
    .bind(delivered_if_paid_by(now, true, step))
    .bind(delivered_if_paid_by(now, false, step))
    .fetch_one(&state.db)
    .await?;

    let lines = rows
        .into_iter()
        .map(|r| {
            let shipment = Shipment {
                paid_at: r.paid_at,
                cross_border: r.cross_border,
                cancelled_at: r.cancelled_at,
            };
            EarningLine {
                order_number: r.number,
                created_at: r.created_at,
                note_id: r.note_id.unwrap_or_default(),
                note_title: r.note_title,
                live_room_id: r.live_room_id,
                product_id: r.product_id,
                product_title: r.product_title,
                quantity: r.quantity,
                sale_fen: r.unit_price_fen * r.quantity,
                rate_bp: r.rate_bp,
                commission_fen: r.commission_fen,
                state: commission_state(shipment.status(now, step)),
            }
        })
        .collect();
    Ok(Json(Earnings {
        total_fen: totals.pending + totals.settled,
        pending_fen: totals.pending,
        settled_fen: totals.settled,
        reversed_fen: totals.reversed,
        orders: totals.orders,
        creator_share_bp: state.commerce.creator_share_bp,
        lines,
        next_cursor,
    }))
}
