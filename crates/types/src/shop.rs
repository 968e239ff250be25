//! The shop: categories, brands, product cards, pages and details with options and variants.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::Image;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ShopCategory {
    pub slug: String,
    pub name_en: String,
    pub name_zh: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Brand {
    pub id: i64,
    pub name: String,
    pub name_en: String,
    /// Country or region of origin, e.g. "日本".
    pub origin: String,
    /// Imported goods ship cross-border from a bonded warehouse.
    pub cross_border: bool,
}

/// Everything a product tile needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProductCard {
    pub id: i64,
    pub title: String,
    pub brand: String,
    pub cover: Image,
    /// Lowest variant price, in fen (1 CNY = 100 fen).
    pub price_fen: i64,
    pub sales_count: i64,
    /// Every variant is out of stock.
    pub sold_out: bool,
}

/// Order of the product grid.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProductSort {
    /// Best sellers first.
    #[default]
    Popular,
    Newest,
    PriceAsc,
    PriceDesc,
}

impl ProductSort {
    pub const ALL: [ProductSort; 4] = [
        ProductSort::Popular,
        ProductSort::Newest,
        ProductSort::PriceAsc,
        ProductSort::PriceDesc,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProductSort::Popular => "popular",
            ProductSort::Newest => "newest",
            ProductSort::PriceAsc => "price_asc",
            ProductSort::PriceDesc => "price_desc",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == raw)
    }
}

/// One value of an option axis.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OptionValue {
    pub value: String,
    pub value_en: String,
}

/// An option axis (colour, size, ...) with its values in display order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProductOption {
    pub name: String,
    pub name_en: String,
    pub values: Vec<OptionValue>,
}

/// A purchasable combination with its own SKU, price and stock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Variant {
    pub id: i64,
    pub sku: String,
    /// For each option axis (in order), the index of this variant's value.
    pub values: Vec<usize>,
    pub price_fen: i64,
    pub stock: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProductDetail {
    pub id: i64,
    pub title: String,
    pub title_en: String,
    pub description: String,
    pub description_en: String,
    pub brand: Brand,
    pub category: ShopCategory,
    pub images: Vec<Image>,
    pub options: Vec<ProductOption>,
    pub variants: Vec<Variant>,
    pub price_fen: i64,
    pub sales_count: i64,
    /// Notes that tag this product.
    pub note_count: i64,
}

/// Stock at or below this shows "only N left".
pub const LOW_STOCK: i64 = 5;
