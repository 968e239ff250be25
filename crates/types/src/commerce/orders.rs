//! Orders, their status and timeline, and the creator's earnings from them.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::{AddressInput, Image, ShippingQuote};

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
    /// The live room the line was bought in (the host's commission), if any.
    #[serde(default)]
    pub live_room_id: Option<i64>,
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
