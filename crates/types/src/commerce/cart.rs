//! The cart: lines, quantities and their bounds.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::Image;

/// Most of one variant a cart line (or an order line) may hold.
pub const MAX_LINE_QUANTITY: i64 = 20;
/// Most distinct lines a cart may hold.
pub const MAX_CART_LINES: usize = 50;

/// One line a client asks for: add to cart, merge a guest cart, preview, or buy now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LineInput {
    pub variant_id: i64,
    pub quantity: i64,
    /// The note the product was opened from, for creator attribution.
    #[serde(default)]
    pub from_note: Option<i64>,
    /// The live room the product was bought in: its host earns the commission, and a flash
    /// sale running on the room's pinned product prices the line.
    #[serde(default)]
    pub live_room_id: Option<i64>,
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
    /// The live room the line came from (kept only when the room lists the product).
    #[serde(default)]
    pub live_room_id: Option<i64>,
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
