//! Cart, addresses, checkout, orders and creator earnings: the shapes of the buying half of the
//! closed loop, plus the pure validation both sides share (the server is the authority; the
//! client runs the same rules to show errors before a round trip).

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::{FieldError, Image};

/// Most of one variant a cart line (or an order line) may hold.
pub const MAX_LINE_QUANTITY: i64 = 20;
/// Most distinct lines a cart may hold.
pub const MAX_CART_LINES: usize = 50;
/// Most saved addresses per account.
pub const MAX_ADDRESSES: usize = 20;
/// Domestic standard shipping is free from this subtotal (¥99).
pub const FREE_SHIPPING_FEN: i64 = 9_900;

/// One line a client asks for: add to cart, merge a guest cart, preview, or buy now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LineInput {
    pub variant_id: i64,
    pub quantity: i64,
    /// The note the product was opened from, for creator attribution.
    #[serde(default)]
    pub from_note: Option<i64>,
}

/// `PUT /cart/items/{variant_id}`: set a line's quantity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct QuantityInput {
    pub quantity: i64,
}

/// `POST /cart/merge` and `POST /cart/preview`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LinesInput {
    pub items: Vec<LineInput>,
}

/// A cart (or checkout) line as the server prices it now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CartLine {
    pub variant_id: i64,
    pub product_id: i64,
    pub sku: String,
    pub title: String,
    pub title_en: String,
    pub brand: String,
    /// The chosen option values joined, e.g. "玫瑰豆沙 · 3.5g"; empty for single-variant products.
    pub variant_label: String,
    pub variant_label_en: String,
    pub image: Image,
    pub unit_price_fen: i64,
    pub quantity: i64,
    /// Units in stock right now.
    pub stock: i64,
    /// Ships from a bonded warehouse (imported goods).
    pub cross_border: bool,
    #[serde(default)]
    pub from_note: Option<i64>,
}

impl CartLine {
    /// Can be bought as it stands: in stock for the whole quantity.
    pub fn available(&self) -> bool {
        self.stock >= self.quantity && self.quantity > 0
    }

    pub fn line_total_fen(&self) -> i64 {
        self.unit_price_fen * self.quantity
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Cart {
    /// Newest first.
    pub lines: Vec<CartLine>,
    /// Sum over the lines that are available.
    pub subtotal_fen: i64,
    /// Units over all lines.
    pub item_count: i64,
    /// How much more for free domestic shipping (0 once reached).
    pub free_shipping_remaining_fen: i64,
}

/// A saved address (mainland China format).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AddressInput {
    pub recipient: String,
    /// Mainland mobile number: 11 digits starting with 1.
    pub phone: String,
    pub province: String,
    pub city: String,
    pub district: String,
    /// Street, building, room.
    pub detail: String,
    #[serde(default)]
    pub is_default: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Address {
    pub id: i64,
    pub recipient: String,
    pub phone: String,
    pub province: String,
    pub city: String,
    pub district: String,
    pub detail: String,
    pub is_default: bool,
}

pub const RECIPIENT_MAX_CHARS: usize = 24;
pub const REGION_MAX_CHARS: usize = 20;
pub const ADDRESS_DETAIL_CHARS: (usize, usize) = (5, 120);

fn field(name: &str, message: &str) -> FieldError {
    FieldError {
        field: name.to_string(),
        message: message.to_string(),
    }
}

fn check_length(
    errors: &mut Vec<FieldError>,
    name: &str,
    label: &str,
    value: &str,
    (min, max): (usize, usize),
) {
    let len = value.trim().chars().count();
    if len == 0 {
        errors.push(field(name, &format!("{label} is required.")));
    } else if len < min {
        errors.push(field(
            name,
            &format!("{label} needs at least {min} characters."),
        ));
    } else if len > max {
        errors.push(field(
            name,
            &format!("{label} can be at most {max} characters."),
        ));
    }
}

/// Every problem with an address, field by field (empty when valid).
pub fn validate_address(a: &AddressInput) -> Vec<FieldError> {
    let mut errors = Vec::new();
    check_length(
        &mut errors,
        "recipient",
        "Recipient",
        &a.recipient,
        (1, RECIPIENT_MAX_CHARS),
    );
    let phone: String = a
        .phone
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .collect();
    let phone_ok = phone.len() == 11
        && phone.bytes().all(|b| b.is_ascii_digit())
        && phone.starts_with('1')
        && matches!(phone.as_bytes()[1], b'3'..=b'9');
    if a.phone.trim().is_empty() {
        errors.push(field("phone", "Phone number is required."));
    } else if !phone_ok {
        errors.push(field(
            "phone",
            "Enter an 11-digit mainland mobile number, e.g. 138 0013 8000.",
        ));
    }
    check_length(
        &mut errors,
        "province",
        "Province",
        &a.province,
        (1, REGION_MAX_CHARS),
    );
    check_length(&mut errors, "city", "City", &a.city, (1, REGION_MAX_CHARS));
    check_length(
        &mut errors,
        "district",
        "District",
        &a.district,
        (1, REGION_MAX_CHARS),
    );
    check_length(
        &mut errors,
        "detail",
        "Street address",
        &a.detail,
        ADDRESS_DETAIL_CHARS,
    );
    errors
}

/// The phone as stored: digits only.
pub fn normalize_phone(raw: &str) -> String {
    raw.chars().filter(|c| c.is_ascii_digit()).collect()
}

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
        errors.push(field("card_number", "Card number is required."));
    } else if !luhn_valid(&p.card_number) {
        errors.push(field("card_number", "This card number is not valid."));
    }
    let expiry = p.expiry.trim();
    let parsed = expiry.split_once('/').and_then(|(m, y)| {
        let m: i64 = m.trim().parse().ok()?;
        let y: i64 = y.trim().parse().ok()?;
        ((1..=12).contains(&m) && (0..100).contains(&y)).then_some((2000 + y, m))
    });
    match parsed {
        None => errors.push(field("expiry", "Enter the expiry as MM/YY.")),
        Some((y, m)) if (y, m) < (year, month) => {
            errors.push(field("expiry", "This card has expired."))
        }
        Some(_) => {}
    }
    let cvc = p.cvc.trim();
    if !(3..=4).contains(&cvc.len()) || !cvc.bytes().all(|b| b.is_ascii_digit()) {
        errors.push(field("cvc", "Enter the 3 or 4 digits on the back."));
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

/// Where an order is. Cross-border orders pass customs between packed and in transit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    Paid,
    Packed,
    CustomsCleared,
    InTransit,
    Delivered,
    Cancelled,
}

impl OrderStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::Paid => "paid",
            OrderStatus::Packed => "packed",
            OrderStatus::CustomsCleared => "customs_cleared",
            OrderStatus::InTransit => "in_transit",
            OrderStatus::Delivered => "delivered",
            OrderStatus::Cancelled => "cancelled",
        }
    }

    /// Shipped orders can no longer be cancelled.
    pub fn shipped(self) -> bool {
        matches!(self, OrderStatus::InTransit | OrderStatus::Delivered)
    }
}

/// One step of the logistics timeline; future steps carry their expected time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TimelineStep {
    pub status: OrderStatus,
    /// Unix seconds: when it happened, or when it is expected.
    pub at: i64,
    pub done: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OrderLine {
    pub variant_id: i64,
    pub product_id: i64,
    pub sku: String,
    pub title: String,
    pub title_en: String,
    pub variant_label: String,
    pub variant_label_en: String,
    pub image: Image,
    /// The price charged, fixed at order time.
    pub unit_price_fen: i64,
    pub quantity: i64,
    pub from_note: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OrderSummary {
    pub id: i64,
    /// Shown to people, e.g. "ZC2611260000123".
    pub number: String,
    pub status: OrderStatus,
    pub created_at: i64,
    pub total_fen: i64,
    pub item_count: i64,
    /// Images of the first few lines.
    pub images: Vec<Image>,
    pub first_title: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OrderPage {
    pub items: Vec<OrderSummary>,
    pub next_cursor: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OrderDetail {
    pub id: i64,
    pub number: String,
    pub status: OrderStatus,
    pub created_at: i64,
    pub lines: Vec<OrderLine>,
    pub subtotal_fen: i64,
    pub shipping_fen: i64,
    pub total_fen: i64,
    pub shipping: ShippingQuote,
    pub cross_border: bool,
    /// A copy of the address as it was when ordering.
    pub address: AddressInput,
    pub card_last4: String,
    /// Every step from paid to delivered (customs only when cross-border); a cancelled order
    /// ends with a done `Cancelled` step.
    pub timeline: Vec<TimelineStep>,
    pub cancellable: bool,
}

/// Commission on one attributed order line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CommissionState {
    /// Order placed, not yet delivered.
    Pending,
    /// Delivered: earned.
    Settled,
    /// The order was cancelled.
    Reversed,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct EarningLine {
    pub order_number: String,
    pub created_at: i64,
    pub note_id: i64,
    pub note_title: String,
    pub product_id: i64,
    pub product_title: String,
    pub quantity: i64,
    /// What the buyer paid for the line.
    pub sale_fen: i64,
    /// The creator's rate on this line in basis points (brand rate × creator share).
    pub rate_bp: i64,
    pub commission_fen: i64,
    pub state: CommissionState,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Earnings {
    /// Pending plus settled.
    pub total_fen: i64,
    pub pending_fen: i64,
    pub settled_fen: i64,
    pub reversed_fen: i64,
    /// Attributed orders that are not cancelled.
    pub orders: i64,
    /// The creator's share of the brand commission, in basis points (5000 = half).
    pub creator_share_bp: i64,
    /// Newest first.
    pub lines: Vec<EarningLine>,
    pub next_cursor: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_cards_pass_luhn_and_typos_do_not() {
        for card in [TEST_CARD_SUCCESS, TEST_CARD_DECLINE, TEST_CARD_INSUFFICIENT] {
            assert!(luhn_valid(card), "{card}");
        }
        assert!(!luhn_valid("4242 4242 4242 4241"));
        assert!(!luhn_valid("4242"));
        assert!(!luhn_valid("4242 4242 4242 424x"));
    }

    #[test]
    fn payment_checks_expiry_against_now() {
        let mut p = PaymentInput {
            card_number: TEST_CARD_SUCCESS.into(),
            expiry: "12/30".into(),
            cvc: "123".into(),
        };
        assert!(validate_payment(&p, (2026, 11)).is_empty());
        p.expiry = "10/26".into();
        let errors = validate_payment(&p, (2026, 11));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "expiry");
        p.expiry = "11/26".into();
        assert!(validate_payment(&p, (2026, 11)).is_empty());
        p.expiry = "13/30".into();
        p.cvc = "12".into();
        assert_eq!(validate_payment(&p, (2026, 11)).len(), 2);
    }

    #[test]
    fn addresses_are_checked_field_by_field() {
        let mut a = AddressInput {
            recipient: "林小满".into(),
            phone: "138 0013 8000".into(),
            province: "上海市".into(),
            city: "上海市".into(),
            district: "静安区".into(),
            detail: "南京西路 1266 号 12 楼".into(),
            is_default: true,
        };
        assert!(validate_address(&a).is_empty());
        a.phone = "12345".into();
        a.detail = "1号".into();
        a.recipient = "  ".into();
        let fields: Vec<String> = validate_address(&a).into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["recipient", "phone", "detail"]);
        assert_eq!(normalize_phone("138-0013 8000"), "13800138000");
    }
}
