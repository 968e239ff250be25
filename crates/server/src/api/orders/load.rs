//! Loading one order of a buyer with its lines and carrier timeline.

use api_types::{AddressInput, OrderDetail, OrderLine, ShippingMethod, ShippingQuote};
use sqlx::{FromRow, SqliteConnection};

use crate::api::checkout::method_names;
use crate::api::rows::image;
use crate::carrier::Shipment;
use crate::error::{AppError, AppResult};
use crate::{now_unix, AppState};

#[derive(FromRow)]
pub(super) struct OrderRow {
    id: i64,
    number: String,
    shipping_method: String,
    shipping_fen: i64,
    ship_min_days: i64,
    ship_max_days: i64,
    subtotal_fen: i64,
    total_fen: i64,
    cross_border: bool,
    recipient: String,
    phone: String,
    province: String,
    city: String,
    district: String,
    detail: String,
    card_last4: String,
    created_at: i64,
    paid_at: i64,
    cancelled_at: Option<i64>,
}

impl OrderRow {
    pub(super) fn shipment(&self) -> Shipment {
        Shipment {
            paid_at: self.paid_at,
            cross_border: self.cross_border,
            cancelled_at: self.cancelled_at,
        }
    }
}

#[derive(FromRow)]
struct OrderLineRow {
    variant_id: i64,
    product_id: i64,
    sku: String,
    title: String,
    title_en: String,
    variant_label: String,
    variant_label_en: String,
    image_key: String,
    width: i64,
    height: i64,
    ph_top: String,
    ph_bottom: String,
    unit_price_fen: i64,
    quantity: i64,
    from_note: Option<i64>,
}

/// One of `user`'s orders (anyone else's is a 404, not a 403: ids are not disclosed).
pub(super) async fn order_row(
    conn: &mut SqliteConnection,
    user: i64,
    id: i64,
) -> AppResult<OrderRow> {
    sqlx::query_as(
        "SELECT id, number, shipping_method, shipping_fen, ship_min_days, ship_max_days, \
         subtotal_fen, total_fen, cross_border, recipient, phone, province, city, district, \
         detail, card_last4, created_at, paid_at, cancelled_at \
         FROM orders WHERE id = $1 AND user_id = $2",
    )
    .bind(id)
    .bind(user)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| AppError::not_found(api_types::Resource::Order, id))
}

/// An order with its lines, shipping, address snapshot and carrier timeline at `now`.
pub(super) async fn order_detail(
    conn: &mut SqliteConnection,
    user: i64,
    id: i64,
    now: i64,
    step: i64,
) -> AppResult<OrderDetail> {
    let o = order_row(conn, user, id).await?;
    let lines: Vec<OrderLineRow> = sqlx::query_as(
        "SELECT oi.variant_id, oi.product_id, oi.sku, oi.title, oi.title_en, oi.variant_label, \
         oi.variant_label_en, i.image_key, i.width, i.height, i.ph_top, i.ph_bottom, \
         oi.unit_price_fen, oi.quantity, oi.from_note \
         FROM order_items oi JOIN images i ON i.id = oi.image_id \
         WHERE oi.order_id = $1 ORDER BY oi.position",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let shipment = o.shipment();
    let method = ShippingMethod::parse(&o.shipping_method).unwrap_or_default();
    let (name, name_en) = method_names(method);
    Ok(OrderDetail {
        id: o.id,
        number: o.number,
        status: shipment.status(now, step),
        created_at: o.created_at,
        lines: lines
            .into_iter()
            .map(|r| OrderLine {
                variant_id: r.variant_id,
                product_id: r.product_id,
                sku: r.sku,
                title: r.title,
                title_en: r.title_en,
                variant_label: r.variant_label,
                variant_label_en: r.variant_label_en,
                image: image(&r.image_key, r.width, r.height, r.ph_top, r.ph_bottom),
                unit_price_fen: r.unit_price_fen,
                quantity: r.quantity,
                from_note: r.from_note,
            })
            .collect(),
        subtotal_fen: o.subtotal_fen,
        shipping_fen: o.shipping_fen,
        total_fen: o.total_fen,
        // Fee and days as priced at order time.
        shipping: ShippingQuote {
            method,
            name: name.to_string(),
            name_en: name_en.to_string(),
            fee_fen: o.shipping_fen,
            min_days: o.ship_min_days,
            max_days: o.ship_max_days,
        },
        cross_border: o.cross_border,
        address: AddressInput {
            recipient: o.recipient,
            phone: o.phone,
            province: o.province,
            city: o.city,
            district: o.district,
            detail: o.detail,
            is_default: false,
        },
        card_last4: o.card_last4,
        timeline: shipment.timeline(now, step),
        cancellable: shipment.cancellable(now, step),
    })
}

pub(super) async fn load_order(state: &AppState, user: i64, id: i64) -> AppResult<OrderDetail> {
    let mut conn = state.db.acquire().await?;
    order_detail(
        &mut conn,
        user,
        id,
        now_unix(),
        state.commerce.carrier_step_secs,
    )
    .await
}
