//! Checkout: shipping methods and quotes, the test-mode card and its validation, placing an order.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::{CartLine, ErrorCode, FieldError, LineInput};

/// Domestic standard shipping is free from this subtotal (¥99).
pub const FREE_SHIPPING_FEN: i64 = 9_900;

/// How the domestic part travels; imported goods add the bonded-warehouse leg either way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ShippingMethod {
    #[default]
    Standard,
    Express,
}

impl ShippingMethod {
    pub const ALL: [ShippingMethod; 2] = [ShippingMethod::Standard, ShippingMethod::Express];

    pub fn as_str(self) -> &'static str {
        match self {
            ShippingMethod::Standard => "standard",
            ShippingMethod::Express => "express",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == raw)
    }
}

/// One shipping choice priced for a particular set of lines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ShippingQuote {
    pub method: ShippingMethod,
    pub name: String,
    pub name_en: String,
    /// Domestic fee plus the bonded-warehouse fee when imported goods are in the order.
    pub fee_fen: i64,
    pub min_days: i64,
    pub max_days: i64,
}

/// `POST /checkout/quote`: price the signed-in cart (items `None`) or a buy-now selection.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct QuoteInput {
    #[serde(default)]
    pub items: Option<Vec<LineInput>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CheckoutQuote {
    /// Only lines that can be bought (unavailable cart lines stay in the cart).
    pub lines: Vec<CartLine>,
    /// Cart lines left out because they sold out or have too little stock.
    pub unavailable: Vec<CartLine>,
    pub subtotal_fen: i64,
    /// Some line ships cross-border from a bonded warehouse (adds customs clearance).
    pub cross_border: bool,
    /// Priced for these lines, standard first.
    pub shipping: Vec<ShippingQuote>,
}

/// A test-mode card. See README for the numbers that succeed and decline.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PaymentInput {
    pub card_number: String,
    /// `MM/YY`.
    pub expiry: String,
    pub cvc: String,
}

/// Always succeeds.
pub const TEST_CARD_SUCCESS: &str = "4242 4242 4242 4242";
/// Always declined by the (simulated) issuer.
pub const TEST_CARD_DECLINE: &str = "4000 0000 0000 0002";
/// Declined for insufficient funds.
pub const TEST_CARD_INSUFFICIENT: &str = "4000 0000 0000 9995";

/// Luhn checksum over the digits of a card number (spaces allowed).
pub fn luhn_valid(number: &str) -> bool {
    let digits: Vec<u32> = number
        .chars()
        .filter(|c| *c != ' ')
        .map(|c| c.to_digit(10))
        .collect::<Option<_>>()
        .unwrap_or_default();
    if !(12..=19).contains(&digits.len()) {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                *d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Form-level card checks (number, expiry not in the past, CVC); `now` is (year, month).
pub fn validate_payment(p: &PaymentInput, (year, month): (i64, i64)) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if p.card_number.trim().is_empty() {
        errors.push(FieldError::new(
            "card_number",
            ErrorCode::Required,
            "Card number is required.",
        ));
    } else if !luhn_valid(&p.card_number) {
        errors.push(FieldError::new(
            "card_number",
            ErrorCode::CardNumberInvalid,
            "This card number is not valid.",
        ));
    }
    let expiry = p.expiry.trim();
    let parsed = expiry.split_once('/').and_then(|(m, y)| {
        let m: i64 = m.trim().parse().ok()?;
        let y: i64 = y.trim().parse().ok()?;
        ((1..=12).contains(&m) && (0..100).contains(&y)).then_some((2000 + y, m))
    });
    match parsed {
        None => errors.push(FieldError::new(
            "expiry",
            ErrorCode::ExpiryFormat,
            "Enter the expiry as MM/YY.",
        )),
        Some((y, m)) if (y, m) < (year, month) => errors.push(FieldError::new(
            "expiry",
            ErrorCode::CardExpired,
            "This card has expired.",
        )),
        Some(_) => {}
    }
    let cvc = p.cvc.trim();
    if !(3..=4).contains(&cvc.len()) || !cvc.bytes().all(|b| b.is_ascii_digit()) {
        errors.push(FieldError::new(
            "cvc",
            ErrorCode::CvcInvalid,
            "Enter the 3 or 4 digits on the back.",
        ));
    }
    errors
}

/// `POST /orders` with an `Idempotency-Key` header. Prices are never taken from the client.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PlaceOrder {
    /// `None`: the available lines of the signed-in cart (bought lines leave the cart).
    /// `Some`: a buy-now selection; the cart is untouched.
    #[serde(default)]
    pub items: Option<Vec<LineInput>>,
    pub address_id: i64,
    pub shipping: ShippingMethod,
    pub payment: PaymentInput,
    /// The total the buyer saw on review; if the server's total differs the order is refused
    /// (409 `price_changed`) rather than charging something else.
    #[serde(default)]
    pub expected_total_fen: Option<i64>,
}
