//! A product in a grid or a "shop the note" row: square photo, brand, title, price, sales,
//! and a sold-out mark.

use api_types::ProductCard;
use leptos::prelude::*;

use super::picture::Picture;
use super::ui::Price;
use crate::format;
use crate::i18n::{msg, t, tf};

#[component]
pub fn ProductTile(
    product: ProductCard,
    /// Where the link goes (the product page, with attribution when opened from a note).
    #[prop(into)]
    href: String,
    /// The `sizes` attribute for the photo: a tile in the shop's grid by default.
    #[prop(default = api_types::product_grid_sizes())]
    sizes: &'static str,
    /// Above the fold: load eagerly with high priority.
    #[prop(optional)]
    eager: bool,
) -> impl IntoView {
    let name = format!("{} {}", product.brand, product.title);
    let label = name.clone();
    view! {
        <article class="product-tile" class:sold-out=product.sold_out aria-label=label>
            <a href=href>
                <div class="product-photo">
                    <Picture image=product.cover.clone() sizes=sizes alt=name eager=eager/>
                    {product.sold_out.then(|| view! { <span class="sold-out-badge">{t(msg::common::SOLD_OUT)}</span> })}
                </div>
                <p class="product-brand">{product.brand.clone()}</p>
                <h3 class="product-title">{product.title.clone()}</h3>
                <p class="product-meta">
                    <Price fen=product.price_fen/>
                    <span class="sales">{tf(msg::product_tile::SALES_COUNT_SOLD, &[("sales_count", &(format::count(product.sales_count)))])}</span>
                </p>
            </a>
        </article>
    }
}
