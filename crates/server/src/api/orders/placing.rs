//! Placing an order in one write transaction: the idempotency key and request hash, order
//! numbers, creator commission, and the stock and price checks.

use api_types::{AddressInput, CartLine, ErrorCode, PlaceOrder};
use axum::http::HeaderMap;
use base64::Engine;
use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;

use crate::api::checkout::{card_last4, select_lines, shipping_quote};
use crate::error::{AppError, AppResult};
use crate::utc_date;

/// The header naming one attempt to place an order; retries send the same key.
pub const IDEMPOTENCY_HEADER: &str = "idempotency-key";

/// The `Idempotency-Key` header: 8..=64 of `[A-Za-z0-9_-]`, else a 400 saying so.
pub(super) fn idempotency_key(headers: &HeaderMap) -> AppResult<String> {
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
pub(super) fn request_hash(order: &PlaceOrder) -> AppResult<String> {
    let mut canonical = order.clone();
    canonical.payment.card_number = card_last4(&order.payment.card_number);
    canonical.payment.cvc.clear();
    let json = serde_json::to_vec(&canonical).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(&json)))
}

/// The order already placed with this key, if any: `Some(id)` for the same request, 422
/// `idempotency_key_reused` for a different one.
pub(super) async fn earlier_order(
    conn: &mut SqliteConnection,
    user: i64,
    key: &str,
    hash: &str,
) -> AppResult<Option<i64>> {
    let found: Option<(i64, String)> = sqlx::query_as(
        "SELECT id, request_hash FROM orders WHERE user_id = $1 AND idempotency_key = $2",
    )
    .bind(user)
    .bind(key)
    .fetch_optional(&mut *conn)
    .await?;
    match found {
        None => Ok(None),
        Some((id, earlier)) if earlier == hash => Ok(Some(id)),
        Some(_) => Err(AppError::unprocessable(
            ErrorCode::IdempotencyKeyReused,
            "This Idempotency-Key was used for a different order. Use a new key for a new order.",
        )),
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
pub(super) struct Placement<'a> {
    pub(super) user: i64,
    pub(super) key: &'a str,
    pub(super) hash: &'a str,
    pub(super) order: &'a PlaceOrder,
    pub(super) address: &'a AddressInput,
    pub(super) creator_share_bp: i64,
    pub(super) now: i64,
}

pub(super) enum Placed {
    New(i64),
    Replayed(i64),
}

/// The whole order in the caller's write transaction; any error leaves nothing behind
/// (dropping the transaction rolls it back).
pub(super) async fn place_in_tx(
    conn: &mut SqliteConnection,
    p: Placement<'_>,
) -> AppResult<Placed> {
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
                ErrorCode::PriceChanged,
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
            "UPDATE product_variants SET stock = stock - $1 WHERE id = $2 AND stock >= $1",
        )
        .bind(l.line.quantity)
        .bind(l.line.variant_id)
        .execute(&mut *conn)
        .await?;
        if reserved.rows_affected() != 1 {
            let left: i64 = sqlx::query_scalar("SELECT stock FROM product_variants WHERE id = $1")
                .bind(l.line.variant_id)
                .fetch_one(&mut *conn)
                .await?;
            return Err(crate::api::cart::short_of_stock(&l.line.title, left));
        }
        sqlx::query("UPDATE products SET sales_count = sales_count + $1 WHERE id = $2")
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
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)",
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
        // Attribution: a line bought in a live room pays the room's host (the pricing kept
        // the room only if it lists the product); else the note must tag this product. Buying
        // through one's own room or note earns nothing.
        let creator: Option<i64> = match (line.live_room_id, line.from_note) {
            (Some(room), _) => sqlx::query_scalar("SELECT host_id FROM live_rooms WHERE id = $1")
                .bind(room)
                .fetch_optional(&mut *conn)
                .await?
                .filter(|host| *host != p.user),
            (None, Some(note)) => sqlx::query_scalar(
                "SELECT n.author_id FROM notes n JOIN note_products np \
                 ON np.note_id = n.id AND np.product_id = $1 WHERE n.id = $2",
            )
            .bind(line.product_id)
            .bind(note)
            .fetch_optional(&mut *conn)
            .await?
            .filter(|author| *author != p.user),
            (None, None) => None,
        };
        let rate = creator.map_or(0, |_| creator_rate_bp(l.commission_bp, p.creator_share_bp));
        sqlx::query(
            "INSERT INTO order_items (order_id, position, variant_id, product_id, sku, title, \
             title_en, variant_label, variant_label_en, image_id, unit_price_fen, quantity, \
             from_note, live_room_id, creator_id, rate_bp, commission_fen) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
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
        .bind(line.live_room_id)
        .bind(creator)
        .bind(rate)
        .bind(commission_fen(line.line_total_fen(), rate))
        .execute(&mut *conn)
        .await?;
        if from_cart {
            sqlx::query("DELETE FROM cart_items WHERE user_id = $1 AND variant_id = $2")
                .bind(p.user)
                .bind(line.variant_id)
                .execute(&mut *conn)
                .await?;
        }
    }
    Ok(Placed::New(id))
}

#[cfg(test)]
mod tests {
    use api_types::ShippingMethod;

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
