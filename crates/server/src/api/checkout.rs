//! Checkout: which lines a checkout buys (the cart's available lines, or a buy-now
//! selection), shipping prices for them, the quote, and the test-mode card authorisation.
//! Order placement uses the same selection and pricing, so a quote and the order it leads to
//! cannot disagree.

use api_types::{
    CartLine, CheckoutQuote, LineInput, PaymentInput, QuoteInput, ShippingMethod, ShippingQuote,
    FREE_SHIPPING_FEN, MAX_CART_LINES,
};
use api_types::{ErrorCode, ErrorParams, Resource};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use sqlx::SqliteConnection;

use super::cart::{check_quantity, short_of_stock};
use super::lines::{cart_lines, dedupe, requested_lines, PricedLine};
use crate::auth::SignedIn;
use crate::error::{AppError, AppResult};
use crate::extract::ApiJson;
use crate::AppState;

/// Domestic standard delivery, free from [`FREE_SHIPPING_FEN`] of domestic goods.
pub const STANDARD_FEE_FEN: i64 = 800;
/// Express delivery, never free.
pub const EXPRESS_FEE_FEN: i64 = 1_800;
/// The bonded-warehouse leg of imported goods, added to either method.
pub const BONDED_FEE_FEN: i64 = 1_200;
/// The bonded-warehouse fee is waived from this cross-border subtotal (¥199).
pub const BONDED_FREE_FEN: i64 = 19_900;

/// A method's display names (Chinese, English).
pub fn method_names(method: ShippingMethod) -> (&'static str, &'static str) {
    match method {
        ShippingMethod::Standard => ("标准快递", "Standard"),
        ShippingMethod::Express => ("顺丰特快", "Express"),
    }
}

/// Prices one shipping method for `lines`: the domestic fee (standard is free over ¥99 of
/// domestic goods, or when everything is imported) plus the bonded-warehouse fee when some
/// line is imported (free over ¥199 of imported goods), with slower days for customs.
pub fn shipping_quote(method: ShippingMethod, lines: &[CartLine]) -> ShippingQuote {
    let (imported, domestic): (Vec<&CartLine>, Vec<&CartLine>) =
        lines.iter().partition(|l| l.cross_border);
    let domestic_fen: i64 = domestic.iter().map(|l| l.line_total_fen()).sum();
    let imported_fen: i64 = imported.iter().map(|l| l.line_total_fen()).sum();
    let cross_border = !imported.is_empty();
    let bonded = if !cross_border || imported_fen >= BONDED_FREE_FEN {
        0
    } else {
        BONDED_FEE_FEN
    };
    let (fee, days, slow_days) = match method {
        ShippingMethod::Standard => {
            let free = domestic.is_empty() || domestic_fen >= FREE_SHIPPING_FEN;
            let fee = if free { 0 } else { STANDARD_FEE_FEN };
            (fee, (2, 4), (5, 9))
        }
        ShippingMethod::Express => (EXPRESS_FEE_FEN, (1, 2), (3, 6)),
    };
    let (min_days, max_days) = if cross_border { slow_days } else { days };
    let (name, name_en) = method_names(method);
    ShippingQuote {
        method,
        name: name.to_string(),
        name_en: name_en.to_string(),
        fee_fen: fee + bonded,
        min_days,
        max_days,
    }
}

/// Every shipping method priced for `lines`, standard first.
pub fn shipping_quotes(lines: &[CartLine]) -> Vec<ShippingQuote> {
    ShippingMethod::ALL
        .into_iter()
        .map(|m| shipping_quote(m, lines))
        .collect()
}

/// A buy-now selection checked before any database work: 1..=50 distinct variants, 1..=20
/// units each (repeated variants are added up first).
pub fn check_items(items: &[LineInput]) -> AppResult<Vec<LineInput>> {
    let items = dedupe(items);
    if items.is_empty() {
        return Err(AppError::unprocessable(
            ErrorCode::NothingToBuy,
            "Choose something to buy.",
        ));
    }
    if items.len() > MAX_CART_LINES {
        return Err(AppError::unprocessable(
            ErrorCode::OrderTooLarge,
            format!("An order holds up to {MAX_CART_LINES} different items."),
        )
        .with(ErrorParams::max(MAX_CART_LINES)));
    }
    for item in &items {
        check_quantity(item.quantity)?;
    }
    Ok(items)
}

/// What a checkout would buy, priced now: `(lines, unavailable)`.
///
/// - `None`: the cart's available lines; the rest come back as unavailable. An empty cart is
///   a 422; a cart where nothing can be bought is a 409 naming the first short line.
/// - `Some`: a buy-now selection (see [`check_items`]); an unknown variant is a 404 and too
///   little stock a 409.
pub async fn select_lines(
    conn: &mut SqliteConnection,
    user: i64,
    items: Option<&[LineInput]>,
) -> AppResult<(Vec<PricedLine>, Vec<PricedLine>)> {
    match items {
        None => {
            let (lines, unavailable): (Vec<PricedLine>, Vec<PricedLine>) = cart_lines(conn, user)
                .await?
                .into_iter()
                .partition(|p| p.line.available());
            match (lines.is_empty(), unavailable.first()) {
                (true, None) => Err(AppError::unprocessable(
                    ErrorCode::CartEmpty,
                    "Your cart is empty.",
                )),
                (true, Some(short)) => Err(short_of_stock(&short.line.title, short.line.stock)),
                (false, _) => Ok((lines, unavailable)),
            }
        }
        Some(items) => {
            let items = check_items(items)?;
            let (lines, unknown) = requested_lines(conn, &items).await?;
            if let Some(id) = unknown.first() {
                return Err(AppError::not_found(Resource::Variant, *id));
            }
            if let Some(short) = lines.iter().find(|p| !p.line.available()) {
                return Err(short_of_stock(&short.line.title, short.line.stock));
            }
            Ok((lines, Vec::new()))
        }
    }
}

/// Prices a checkout: the signed-in cart (`items` absent) or a buy-now selection, with every
/// shipping option.
#[utoipa::path(post, path = "/api/v1/checkout/quote", tag = "checkout", request_body = QuoteInput,
    responses(
        (status = 200, body = CheckoutQuote),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 404, description = "Unknown variant (buy now)", body = api_types::ErrorBody),
        (status = 409, description = "`sold_out` / `out_of_stock`", body = api_types::ErrorBody),
        (status = 422, description = "Empty cart, bad quantity", body = api_types::ErrorBody),
    ))]
pub async fn quote(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiJson(input): ApiJson<QuoteInput>,
) -> AppResult<Json<CheckoutQuote>> {
    let mut conn = state.db.acquire().await?;
    let (lines, unavailable) = select_lines(&mut conn, me, input.items.as_deref()).await?;
    let lines: Vec<CartLine> = lines.into_iter().map(|p| p.line).collect();
    Ok(Json(CheckoutQuote {
        subtotal_fen: lines.iter().map(CartLine::line_total_fen).sum(),
        cross_border: lines.iter().any(|l| l.cross_border),
        shipping: shipping_quotes(&lines),
        unavailable: unavailable.into_iter().map(|p| p.line).collect(),
        lines,
    }))
}

/// The card number's digits (spaces and dashes dropped).
pub fn card_digits(number: &str) -> String {
    number.chars().filter(char::is_ascii_digit).collect()
}

/// The last four digits, the only part of a card that is kept.
pub fn card_last4(number: &str) -> String {
    let digits = card_digits(number);
    digits[digits.len().saturating_sub(4)..].to_string()
}

/// Test-mode authorisation (no real provider): one number succeeds, two decline the way a
/// real issuer would, any other valid number is refused with a hint. A refusal charges and
/// changes nothing.
pub fn authorise(payment: &PaymentInput) -> AppResult<()> {
    let declined = |code: ErrorCode, message: &str| {
        Err(AppError::refuse(
            StatusCode::PAYMENT_REQUIRED,
            code,
            message,
        ))
    };
    match card_digits(&payment.card_number).as_str() {
        "4242424242424242" => Ok(()),
        "4000000000000002" => declined(
            ErrorCode::CardDeclined,
            "Your card was declined. Nothing was charged; your cart is unchanged.",
        ),
        "4000000000009995" => declined(
            ErrorCode::InsufficientFunds,
            "Your card was declined: insufficient funds. Nothing was charged; your cart is unchanged.",
        ),
        _ => declined(
            ErrorCode::TestCardsOnly,
            "Test mode: use one of the test cards (4242 4242 4242 4242 succeeds; \
             4000 0000 0000 0002 and 4000 0000 0000 9995 are declined). Nothing was charged.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use api_types::{Image, Placeholder};

    fn line(price: i64, quantity: i64, cross_border: bool) -> CartLine {
        CartLine {
            variant_id: 1,
            product_id: 1,
            sku: "SKU".into(),
            title: "t".into(),
            title_en: "t".into(),
            brand: "b".into(),
            variant_label: String::new(),
            variant_label_en: String::new(),
            image: Image {
                url_template: String::new(),
                width: 1,
                height: 1,
                placeholder: Placeholder {
                    top: String::new(),
                    bottom: String::new(),
                },
            },
            unit_price_fen: price,
            quantity,
            stock: 99,
            cross_border,
            from_note: None,
            live_room_id: None,
        }
    }

    fn fees(lines: &[CartLine]) -> Vec<(i64, i64, i64)> {
        shipping_quotes(lines)
            .into_iter()
            .map(|q| (q.fee_fen, q.min_days, q.max_days))
            .collect()
    }

    #[test]
    fn domestic_standard_is_free_from_99_yuan() {
        assert_eq!(fees(&[line(4_900, 2, false)]), [(800, 2, 4), (1_800, 1, 2)]);
        assert_eq!(fees(&[line(4_950, 2, false)]), [(0, 2, 4), (1_800, 1, 2)]);
        let q = shipping_quote(ShippingMethod::Express, &[line(100, 1, false)]);
        assert_eq!(
            (q.name.as_str(), q.name_en.as_str()),
            ("顺丰特快", "Express")
        );
    }

    #[test]
    fn imported_goods_add_the_bonded_leg() {
        // Only imported goods: standard's domestic part is free, the bonded fee applies.
        assert_eq!(
            fees(&[line(10_000, 1, true)]),
            [(1_200, 5, 9), (3_000, 3, 6)]
        );
        // Waived from ¥199 of imported goods.
        assert_eq!(fees(&[line(19_900, 1, true)]), [(0, 5, 9), (1_800, 3, 6)]);
        // Mixed: domestic under ¥99 pays standard, plus the bonded fee.
        assert_eq!(
            fees(&[line(5_000, 1, false), line(20_000, 1, true)]),
            [(800, 5, 9), (1_800, 3, 6)]
        );
        assert_eq!(
            fees(&[line(5_000, 1, false), line(5_000, 1, true)]),
            [(2_000, 5, 9), (3_000, 3, 6)]
        );
    }

    #[test]
    fn only_the_success_card_authorises() {
        let pay = |n: &str| PaymentInput {
            card_number: n.into(),
            expiry: "12/30".into(),
            cvc: "123".into(),
        };
        assert!(authorise(&pay(api_types::TEST_CARD_SUCCESS)).is_ok());
        for (n, code) in [
            (api_types::TEST_CARD_DECLINE, ErrorCode::CardDeclined),
            (
                api_types::TEST_CARD_INSUFFICIENT,
                ErrorCode::InsufficientFunds,
            ),
            ("5555 5555 5555 4444", ErrorCode::TestCardsOnly),
        ] {
            let err = authorise(&pay(n)).expect_err(n);
            assert_eq!(err.status(), StatusCode::PAYMENT_REQUIRED, "{n}");
            assert_eq!(err.code(), code, "{n}");
        }
        assert_eq!(card_last4("4242 4242 4242 4242"), "4242");
        assert_eq!(card_last4("12"), "12");
    }
}
