//! Orders: placing one (idempotent, priced and stocked on the server in one write
//! transaction, with creator attribution per line), the buyer's order list and detail with the
//! simulated carrier's timeline, and cancelling before shipment.

use api_types::{
    AddressInput, CartLine, Image, OrderDetail, OrderLine, OrderPage, OrderSummary, PlaceOrder,
    ShippingMethod, ShippingQuote,
};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use base64::Engine;
use sha2::{Digest, Sha256};
use sqlx::{FromRow, QueryBuilder, Sqlite, SqliteConnection};

use super::addresses::find_address;
use super::checkout::{
    authorise, card_last4, check_items, method_names, select_lines, shipping_quote,
};
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

/// The header naming one attempt to place an order; retries send the same key.
pub const IDEMPOTENCY_HEADER: &str = "idempotency-key";

/// Order lines whose images an order summary shows.
const SUMMARY_IMAGES: i64 = 4;

/// The `Idempotency-Key` header: 8..=64 of `[A-Za-z0-9_-]`, else a 400 saying so.
fn idempotency_key(headers: &HeaderMap) -> AppResult<String> {
    let bad = || {
        AppError::BadRequest(
            "Send an Idempotency-Key header of 8 to 64 letters, digits, '-' or '_', new for each \
             order and the same when retrying it."
                .to_string(),
        )
    };
    let key = headers
        .get(IDEMPOTENCY_HEADER)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(bad)?;
    let ok = (8..=64).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(key.to_string())
    } else {
        Err(bad())
    }
}

/// A fingerprint of the request as parsed (unknown fields are dropped by then), with the card
/// reduced to its last four digits and no CVC, so no card data is kept.
fn request_hash(order: &PlaceOrder) -> AppResult<String> {
    let mut canonical = order.clone();
    canonical.payment.card_number = card_last4(&order.payment.card_number);
    canonical.payment.cvc.clear();
    let json = serde_json::to_vec(&canonical).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(&json)))
}

/// The order already placed with this key, if any: `Some(id)` for the same request, 422
/// `idempotency_key_reused` for a different one.
async fn earlier_order(
    conn: &mut SqliteConnection,
    user: i64,
    key: &str,
    hash: &str,
) -> AppResult<Option<i64>> {
    let found: Option<(i64, String)> = sqlx::query_as(
        "SELECT id, request_hash FROM orders WHERE user_id = ? AND idempotency_key = ?",
    )
    .bind(user)
    .bind(key)
    .fetch_optional(&mut *conn)
    .await?;
    match found {
        None => Ok(None),
        Some((id, earlier)) if earlier == hash => Ok(Some(id)),
        Some(_) => Err(AppError::Coded {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code: "idempotency_key_reused",
            message: "This Idempotency-Key was used for a different order. Use a new key for a \
                      new order."
                .to_string(),
        }),
    }
}

/// "ZC" + yyMMdd (UTC) + the id, zero-padded to seven digits: "ZC2611260000123".
fn order_number(id: i64, now: i64) -> String {
    let (year, month, day) = utc_date(now);
    format!("ZC{:02}{month:02}{day:02}{id:07}", year.rem_euclid(100))
}

/// The creator's rate on a line: the brand's commission times the creator's share.
pub fn creator_rate_bp(brand_commission_bp: i64, creator_share_bp: i64) -> i64 {
    brand_commission_bp * creator_share_bp / 10_000
}

/// Commission on a line, rounded down to the fen.
pub fn commission_fen(line_total_fen: i64, rate_bp: i64) -> i64 {
    line_total_fen * rate_bp / 10_000
}

/// Everything `place_in_tx` needs besides the connection.
struct Placement<'a> {
    user: i64,
    key: &'a str,
    hash: &'a str,
    order: &'a PlaceOrder,
    address: &'a AddressInput,
    creator_share_bp: i64,
    now: i64,
}

enum Placed {
    New(i64),
    Replayed(i64),
}

/// The whole order in the caller's write transaction; any error leaves nothing behind
/// (dropping the transaction rolls it back).
async fn place_in_tx(conn: &mut SqliteConnection, p: Placement<'_>) -> AppResult<Placed> {
    // Again under the write lock: of two requests with one key, the second sees the first.
    if let Some(id) = earlier_order(conn, p.user, p.key, p.hash).await? {
        return Ok(Placed::Replayed(id));
    }
    let from_cart = p.order.items.is_none();
    let (lines, _) = select_lines(conn, p.user, p.order.items.as_deref()).await?;
    let cart_lines: Vec<CartLine> = lines.iter().map(|l| l.line.clone()).collect();
    let shipping = shipping_quote(p.order.shipping, &cart_lines);
    let subtotal: i64 = cart_lines.iter().map(CartLine::line_total_fen).sum();
    let total = subtotal + shipping.fee_fen;
    if let Some(expected) = p.order.expected_total_fen {
        if expected != total {
            return Err(AppError::conflict(
                "price_changed",
                format!(
                    "Prices or shipping changed since you reviewed this order: the total is now \
                     {} (you saw {}). Nothing was charged; please review it again.",
                    api_types::format_cny(total),
                    api_types::format_cny(expected)
                ),
            ));
        }
    }
    // Reserve stock; the guard keeps it from ever going negative.
    for l in &lines {
        let reserved = sqlx::query(
            "UPDATE product_variants SET stock = stock - ?1 WHERE id = ?2 AND stock >= ?1",
        )
        .bind(l.line.quantity)
        .bind(l.line.variant_id)
        .execute(&mut *conn)
        .await?;
        if reserved.rows_affected() != 1 {
            let left: i64 = sqlx::query_scalar("SELECT stock FROM product_variants WHERE id = ?")
                .bind(l.line.variant_id)
                .fetch_one(&mut *conn)
                .await?;
            return Err(super::cart::short_of_stock(&l.line.title, left));
        }
        sqlx::query("UPDATE products SET sales_count = sales_count + ? WHERE id = ?")
            .bind(l.line.quantity)
            .bind(l.line.product_id)
            .execute(&mut *conn)
            .await?;
    }
    // Under the write lock, so MAX + 1 cannot race; the number embeds the id.
    let id: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM orders")
        .fetch_one(&mut *conn)
        .await?;
    let a = p.address;
    sqlx::query(
        "INSERT INTO orders (id, user_id, number, idempotency_key, request_hash, from_cart, \
         shipping_method, shipping_fen, ship_min_days, ship_max_days, subtotal_fen, total_fen, \
         cross_border, recipient, phone, province, city, district, detail, card_last4, \
         created_at, paid_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(p.user)
    .bind(order_number(id, p.now))
    .bind(p.key)
    .bind(p.hash)
    .bind(from_cart)
    .bind(p.order.shipping.as_str())
    .bind(shipping.fee_fen)
    .bind(shipping.min_days)
    .bind(shipping.max_days)
    .bind(subtotal)
    .bind(total)
    .bind(cart_lines.iter().any(|l| l.cross_border))
    .bind(&a.recipient)
    .bind(&a.phone)
    .bind(&a.province)
    .bind(&a.city)
    .bind(&a.district)
    .bind(&a.detail)
    .bind(card_last4(&p.order.payment.card_number))
    .bind(p.now)
    .bind(p.now)
    .execute(&mut *conn)
    .await?;
    for (position, l) in lines.iter().enumerate() {
        let line = &l.line;
        // Attribution: the note must tag this product, and buying through one's own note
        // earns nothing.
        let creator: Option<i64> = match line.from_note {
            Some(note) => sqlx::query_scalar(
                "SELECT n.author_id FROM notes n JOIN note_products np \
                 ON np.note_id = n.id AND np.product_id = ? WHERE n.id = ?",
            )
            .bind(line.product_id)
            .bind(note)
            .fetch_optional(&mut *conn)
            .await?
            .filter(|author| *author != p.user),
            None => None,
        };
        let rate = creator.map_or(0, |_| creator_rate_bp(l.commission_bp, p.creator_share_bp));
        sqlx::query(
            "INSERT INTO order_items (order_id, position, variant_id, product_id, sku, title, \
             title_en, variant_label, variant_label_en, image_id, unit_price_fen, quantity, \
             from_note, creator_id, rate_bp, commission_fen) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(position as i64)
        .bind(line.variant_id)
        .bind(line.product_id)
        .bind(&line.sku)
        .bind(&line.title)
        .bind(&line.title_en)
        .bind(&line.variant_label)
        .bind(&line.variant_label_en)
        .bind(l.image_id)
        .bind(line.unit_price_fen)
        .bind(line.quantity)
        .bind(line.from_note)
        .bind(creator)
        .bind(rate)
        .bind(commission_fen(line.line_total_fen(), rate))
        .execute(&mut *conn)
        .await?;
        if from_cart {
            sqlx::query("DELETE FROM cart_items WHERE user_id = ? AND variant_id = ?")
                .bind(p.user)
                .bind(line.variant_id)
                .execute(&mut *conn)
                .await?;
        }
    }
    Ok(Placed::New(id))
}

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
        (status = 402, description = "`card_declined`: nothing was charged or changed", body = api_types::ErrorBody),
        (status = 404, description = "Unknown variant (buy now)", body = api_types::ErrorBody),
        (status = 409, description = "`out_of_stock` / `sold_out` or `price_changed`: nothing was charged", body = api_types::ErrorBody),
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
            errors.push(api_types::FieldError {
                field: "address_id".to_string(),
                message: "Choose one of your saved addresses.".to_string(),
            });
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
        Placed::New(id) => Ok((StatusCode::CREATED, Json(load_order(&state, me, id).await?))),
        Placed::Replayed(id) => Ok((StatusCode::OK, Json(load_order(&state, me, id).await?))),
    }
}

#[derive(FromRow)]
struct OrderRow {
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
    fn shipment(&self) -> Shipment {
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
async fn order_row(conn: &mut SqliteConnection, user: i64, id: i64) -> AppResult<OrderRow> {
    sqlx::query_as(
        "SELECT id, number, shipping_method, shipping_fen, ship_min_days, ship_max_days, \
         subtotal_fen, total_fen, cross_border, recipient, phone, province, city, district, \
         detail, card_last4, created_at, paid_at, cancelled_at \
         FROM orders WHERE id = ? AND user_id = ?",
    )
    .bind(id)
    .bind(user)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| AppError::NotFound(format!("Order {id} does not exist.")))
}

/// An order with its lines, shipping, address snapshot and carrier timeline at `now`.
async fn order_detail(
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
         WHERE oi.order_id = ? ORDER BY oi.position",
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

async fn load_order(state: &AppState, user: i64, id: i64) -> AppResult<OrderDetail> {
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
        (status = 200, body = OrderPage),
        (status = 400, description = "Malformed cursor", body = api_types::ErrorBody),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 422, description = "Limit out of range", body = api_types::ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> AppResult<Json<OrderPage>> {
    let limit = page_limit(q.limit)?;
    let cursor = Cursor::decode_opt(q.cursor.as_deref())?;
    let mut sql = QueryBuilder::<Sqlite>::new(
        "SELECT o.id, o.number, o.created_at, o.total_fen, o.cross_border, o.paid_at, \
         o.cancelled_at, \
         (SELECT COALESCE(SUM(quantity), 0) FROM order_items WHERE order_id = o.id) AS item_count, \
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
    Ok(Json(OrderPage { items, next_cursor }))
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
                "already_shipped",
                "This order has shipped and can no longer be cancelled.",
            ));
        }
        sqlx::query("UPDATE orders SET cancelled_at = ? WHERE id = ? AND cancelled_at IS NULL")
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let lines: Vec<(i64, i64, i64)> = sqlx::query_as(
            "SELECT variant_id, product_id, quantity FROM order_items WHERE order_id = ?",
        )
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
        for (variant, product, quantity) in lines {
            sqlx::query("UPDATE product_variants SET stock = stock + ? WHERE id = ?")
                .bind(quantity)
                .bind(variant)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "UPDATE products SET sales_count = CASE WHEN sales_count < ?1 THEN 0 \
                 ELSE sales_count - ?1 END WHERE id = ?2",
            )
            .bind(quantity)
            .bind(product)
            .execute(&mut *tx)
            .await?;
        }
    }
    let detail = order_detail(&mut tx, me, id, now, step).await?;
    tx.commit().await?;
    Ok(Json(detail))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_embed_the_date_and_id() {
        // 2026-11-26 12:00 UTC.
        assert_eq!(order_number(123, 1_795_694_400), "ZC2611260000123");
        assert_eq!(order_number(12_345_678, 1_795_694_400), "ZC26112612345678");
    }

    #[test]
    fn commission_is_the_brand_rate_times_the_share_rounded_down() {
        assert_eq!(creator_rate_bp(1_000, 5_000), 500);
        assert_eq!(creator_rate_bp(1_500, 3_333), 499);
        assert_eq!(commission_fen(12_900, 500), 645);
        assert_eq!(commission_fen(999, 500), 49);
    }

    #[test]
    fn keys_are_checked() {
        let with = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert(
                IDEMPOTENCY_HEADER,
                axum::http::HeaderValue::from_str(v).expect("header"),
            );
            idempotency_key(&h).is_ok()
        };
        assert!(with("order-2026_abc"));
        assert!(!with("short"));
        assert!(!with(&"a".repeat(65)));
        assert!(!with("has space in it"));
        assert!(idempotency_key(&HeaderMap::new()).is_err());
    }

    #[test]
    fn the_hash_ignores_card_digits_beyond_the_last_four() {
        let order = |card: &str, cvc: &str| PlaceOrder {
            items: None,
            address_id: 1,
            shipping: ShippingMethod::Standard,
            payment: api_types::PaymentInput {
                card_number: card.into(),
                expiry: "12/30".into(),
                cvc: cvc.into(),
            },
            expected_total_fen: None,
        };
        let a = request_hash(&order("4242 4242 4242 4242", "123")).ok();
        assert_eq!(a, request_hash(&order("4242424242424242", "999")).ok());
        assert_ne!(a, request_hash(&order("4000 0000 0000 0002", "123")).ok());
    }
}
