//! The shop, cart, checkout, orders and creator earnings.

use super::*;

pub async fn shop_categories() -> Result<Vec<ShopCategory>, ApiError> {
    get_json("/api/v1/shop/categories").await
}

/// A page of the product grid; `category` None means every category.
pub async fn products(
    category: Option<&str>,
    sort: ProductSort,
    cursor: Option<&str>,
) -> Result<Page<ProductCard>, ApiError> {
    let mut base = format!("/api/v1/products?sort={}", sort.as_str());
    if let Some(c) = category {
        base.push_str("&category=");
        base.push_str(&encode(c));
    }
    get_json(&page_path(base, cursor)).await
}

pub async fn product(id: i64) -> Result<ProductDetail, ApiError> {
    get_json(&api_types::paths::product(id)).await
}

pub async fn search_products(
    q: &str,
    cursor: Option<&str>,
) -> Result<api_types::CountedPage<api_types::ProductCard>, ApiError> {
    get_json(&page_path(
        format!("/api/v1/search/products?q={}", encode(q)),
        cursor,
    ))
    .await
}

// ---- Cart, checkout, orders, earnings ----

pub async fn cart() -> Result<Cart, ApiError> {
    get_json("/api/v1/cart").await
}

/// Adds to the signed-in cart.
pub async fn add_to_cart(line: &LineInput) -> Result<Cart, ApiError> {
    send_json(Method::POST, "/api/v1/cart/items", Some(line)).await
}

pub async fn set_cart_quantity(variant: i64, quantity: i64) -> Result<Cart, ApiError> {
    send_json(
        Method::PUT,
        &format!("/api/v1/cart/items/{variant}"),
        Some(&QuantityInput { quantity }),
    )
    .await
}

pub async fn remove_from_cart(variant: i64) -> Result<Cart, ApiError> {
    send_json::<(), _>(
        Method::DELETE,
        &format!("/api/v1/cart/items/{variant}"),
        None,
    )
    .await
}

/// Moves a signed-out (browser) cart into the account's cart.
pub async fn merge_cart(items: Vec<LineInput>) -> Result<Cart, ApiError> {
    send_json(
        Method::POST,
        "/api/v1/cart/merge",
        Some(&LinesInput { items }),
    )
    .await
}

/// Prices a browser cart without storing it.
pub async fn preview_cart(items: Vec<LineInput>) -> Result<Cart, ApiError> {
    send_json(
        Method::POST,
        "/api/v1/cart/preview",
        Some(&LinesInput { items }),
    )
    .await
}

pub async fn addresses() -> Result<Vec<Address>, ApiError> {
    get_json("/api/v1/addresses").await
}

pub async fn save_address(id: Option<i64>, form: &AddressInput) -> Result<Address, ApiError> {
    match id {
        Some(id) => send_json(Method::PUT, &format!("/api/v1/addresses/{id}"), Some(form)).await,
        None => send_json(Method::POST, "/api/v1/addresses", Some(form)).await,
    }
}

pub async fn delete_address(id: i64) -> Result<(), ApiError> {
    send_json::<(), ()>(Method::DELETE, &format!("/api/v1/addresses/{id}"), None).await
}

pub async fn quote(items: Option<Vec<LineInput>>) -> Result<CheckoutQuote, ApiError> {
    send_json(
        Method::POST,
        "/api/v1/checkout/quote",
        Some(&QuoteInput { items }),
    )
    .await
}

/// Places an order. `key` stays the same for retries of one attempt, so a double click or a
/// lost response can never buy twice.
pub async fn place_order(form: &PlaceOrder, key: &str) -> Result<OrderDetail, ApiError> {
    send_with(
        RequestBuilder::new("/api/v1/orders")
            .method(Method::POST)
            .header("Idempotency-Key", key),
        Some(form),
    )
    .await
}

pub async fn orders(cursor: Option<&str>) -> Result<Page<OrderSummary>, ApiError> {
    get_json(&page_path("/api/v1/orders".into(), cursor)).await
}

pub async fn order(id: i64) -> Result<OrderDetail, ApiError> {
    get_json(&format!("/api/v1/orders/{id}")).await
}

pub async fn cancel_order(id: i64) -> Result<OrderDetail, ApiError> {
    send_json::<(), _>(Method::POST, &format!("/api/v1/orders/{id}/cancel"), None).await
}

pub async fn earnings(cursor: Option<&str>) -> Result<Earnings, ApiError> {
    get_json(&page_path("/api/v1/creator/earnings".into(), cursor)).await
}
