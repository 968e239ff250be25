//! The shop catalogue: categories, the product grid (keyset-paged in four orders), product
//! detail with option axes and variants, the notes that tag a product, and the product cards
//! a note shows ("shop the note").

use std::collections::HashMap;

use api_types::{
    Brand, NoteCard, OptionValue, Page, ProductCard, ProductDetail, ProductOption, ProductSort,
    ShopCategory, Variant,
};
use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use sqlx::{FromRow, QueryBuilder, Sqlite};
use utoipa::IntoParams;

use super::comments::PageQuery;
use super::feed::push_keyset;
use super::rows::{image, CardRow, CARD_SELECT};
use crate::cursor::{cut_page, page_limit, Cursor};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::extract::{ApiPath, ApiQuery};
use crate::AppState;

const PRODUCT_CARD_SELECT: &str = "SELECT p.id, p.title, b.name AS brand, p.price_fen, p.sales_count, p.created_at, \
     ci.image_key AS cover_key, ci.width AS cover_width, ci.height AS cover_height, \
     ci.ph_top AS cover_top, ci.ph_bottom AS cover_bottom, \
     NOT EXISTS (SELECT 1 FROM product_variants v WHERE v.product_id = p.id AND v.stock > 0) AS sold_out \
     FROM products p JOIN brands b ON b.id = p.brand_id JOIN images ci ON ci.id = p.cover_image_id";

#[derive(FromRow)]
struct ProductCardRow {
    id: i64,
    title: String,
    brand: String,
    price_fen: i64,
    sales_count: i64,
    created_at: i64,
    cover_key: String,
    cover_width: i64,
    cover_height: i64,
    cover_top: String,
    cover_bottom: String,
    sold_out: bool,
}

impl From<ProductCardRow> for ProductCard {
    fn from(r: ProductCardRow) -> Self {
        ProductCard {
            id: r.id,
            title: r.title,
            brand: r.brand,
            cover: image(
                &r.cover_key,
                r.cover_width,
                r.cover_height,
                r.cover_top,
                r.cover_bottom,
            ),
            price_fen: r.price_fen,
            sales_count: r.sales_count,
            sold_out: r.sold_out,
        }
    }
}

fn no_product(id: i64) -> AppError {
    AppError::not_found(api_types::Resource::Product, id)
}

/// The shop's categories in display order.
#[utoipa::path(get, path = "/api/v1/shop/categories", tag = "shop",
    responses((status = 200, body = Vec<ShopCategory>)))]
pub async fn categories(State(state): State<AppState>) -> AppResult<Json<Vec<ShopCategory>>> {
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT slug, name_en, name_zh FROM product_categories ORDER BY position")
            .fetch_all(&state.db)
            .await?;
    Ok(Json(
        rows.into_iter()
            .map(|(slug, name_en, name_zh)| ShopCategory {
                slug,
                name_en,
                name_zh,
            })
            .collect(),
    ))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProductQuery {
    /// Category slug; all categories when absent.
    pub category: Option<String>,
    /// `popular` (default), `newest`, `price_asc` or `price_desc`.
    #[param(value_type = Option<api_types::ProductSort>)]
    pub sort: Option<String>,
    #[param(schema_with = super::openapi::cursor)]
    pub cursor: Option<String>,
    /// Page size, 1..=50 (default 20).
    #[param(minimum = 1, maximum = 50)]
    pub limit: Option<u32>,
}

/// Keyset condition + ORDER BY for a sort; the key column doubles as the cursor key.
fn push_order(sql: &mut QueryBuilder<Sqlite>, sort: ProductSort, cursor: Option<Cursor>) {
    let (col, desc) = match sort {
        ProductSort::Popular => ("p.sales_count", true),
        ProductSort::Newest => ("p.created_at", true),
        ProductSort::PriceAsc => ("p.price_fen", false),
        ProductSort::PriceDesc => ("p.price_fen", true),
    };
    let (cmp, dir) = if desc { ("<", "DESC") } else { (">", "ASC") };
    if let Some(c) = cursor {
        sql.push(format!(" AND ({col} {cmp} "))
            .push_bind(c.key)
            .push(format!(" OR ({col} = "))
            .push_bind(c.key)
            .push(format!(" AND p.id {cmp} "))
            .push_bind(c.id)
            .push("))");
    }
    sql.push(format!(" ORDER BY {col} {dir}, p.id {dir}"));
}

fn sort_key(sort: ProductSort, r: &ProductCardRow) -> i64 {
    match sort {
        ProductSort::Popular => r.sales_count,
        ProductSort::Newest => r.created_at,
        ProductSort::PriceAsc | ProductSort::PriceDesc => r.price_fen,
    }
}

/// The product grid: one category or all, in the chosen order.
#[utoipa::path(get, path = "/api/v1/products", tag = "shop", params(ProductQuery),
    responses(
        (status = 200, body = Page<ProductCard>),
        (status = 400, description = "Malformed cursor", body = api_types::ErrorBody),
        (status = 404, description = "Unknown category", body = api_types::ErrorBody),
        (status = 422, description = "Unknown sort, limit out of range", body = api_types::ErrorBody),
    ))]
pub async fn products(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<ProductQuery>,
) -> AppResult<Json<Page<ProductCard>>> {
    let limit = page_limit(q.limit)?;
    let cursor = Cursor::decode_opt(q.cursor.as_deref())?;
    let sort = match q.sort.as_deref() {
        None => ProductSort::default(),
        Some(raw) => ProductSort::parse(raw).ok_or_else(|| {
            AppError::InvalidRequest(format!(
                "sort must be popular, newest, price_asc or price_desc, not '{raw}'."
            ))
        })?,
    };
    let category_id = match q.category.as_deref() {
        None | Some("") | Some("all") => None,
        Some(slug) => Some(
            sqlx::query_scalar::<_, i64>("SELECT id FROM product_categories WHERE slug = $1")
                .bind(slug)
                .fetch_optional(&state.db)
                .await?
                .ok_or_else(|| {
                    AppError::missing(
                        api_types::Resource::Category,
                        format!("No category named '{slug}'."),
                    )
                    .with(api_types::ErrorParams {
                        resource: Some(api_types::Resource::Category),
                        name: Some(slug.to_string()),
                        ..Default::default()
                    })
                })?,
        ),
    };
    let mut sql = QueryBuilder::new(PRODUCT_CARD_SELECT);
    sql.push(" WHERE 1 = 1");
    if let Some(id) = category_id {
        sql.push(" AND p.category_id = ").push_bind(id);
    }
    push_order(&mut sql, sort, cursor);
    sql.push(" LIMIT ").push_bind(limit + 1);
    let mut rows: Vec<ProductCardRow> = sql.build_query_as().fetch_all(&state.db).await?;
    let next_cursor = cut_page(&mut rows, limit, |r| Cursor {
        key: sort_key(sort, r),
        id: r.id,
    });
    Ok(Json(Page {
        items: rows.into_iter().map(ProductCard::from).collect(),
        next_cursor,
    }))
}

/// Product cards for `ids`, in that order (unknown ids skipped).
pub async fn product_cards(db: &Db, ids: &[i64]) -> AppResult<Vec<ProductCard>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = QueryBuilder::new(PRODUCT_CARD_SELECT);
    sql.push(" WHERE p.id IN (");
    let mut list = sql.separated(", ");
    for id in ids {
        list.push_bind(*id);
    }
    sql.push(")");
    let rows: Vec<ProductCardRow> = sql.build_query_as().fetch_all(db).await?;
    let mut by_id: HashMap<i64, ProductCard> = rows
        .into_iter()
        .map(|r| (r.id, ProductCard::from(r)))
        .collect();
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

/// The products a note tags, in the author's order.
pub async fn note_products(db: &Db, note_id: i64) -> AppResult<Vec<ProductCard>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT product_id FROM note_products WHERE note_id = $1 ORDER BY position",
    )
    .bind(note_id)
    .fetch_all(db)
    .await?;
    product_cards(db, &ids).await
}

#[derive(FromRow)]
struct ProductRow {
    id: i64,
    title: String,
    title_en: String,
    description: String,
    description_en: String,
    price_fen: i64,
    sales_count: i64,
    brand_id: i64,
    brand_name: String,
    brand_name_en: String,
    origin: String,
    cross_border: bool,
    category_slug: String,
    category_en: String,
    category_zh: String,
}

/// A product with its gallery, option axes, variants (SKU, price, stock) and brand.
#[utoipa::path(get, path = "/api/v1/products/{id}", tag = "shop",
    params(("id" = i64, Path, description = "Product id")),
    responses(
        (status = 200, body = ProductDetail),
        (status = 400, description = "Malformed id", body = api_types::ErrorBody),
        (status = 404, description = "No such product", body = api_types::ErrorBody),
    ))]
pub async fn product_detail(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<ProductDetail>> {
    let db = &state.db;
    let p: ProductRow = sqlx::query_as(
        "SELECT p.id, p.title, p.title_en, p.description, p.description_en, p.price_fen, p.sales_count, \
         b.id AS brand_id, b.name AS brand_name, b.name_en AS brand_name_en, b.origin, b.cross_border, \
         c.slug AS category_slug, c.name_en AS category_en, c.name_zh AS category_zh \
         FROM products p JOIN brands b ON b.id = p.brand_id \
         JOIN product_categories c ON c.id = p.category_id WHERE p.id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await?
    .ok_or_else(|| no_product(id))?;

    let images = sqlx::query_as::<_, (String, i64, i64, String, String)>(
        "SELECT i.image_key, i.width, i.height, i.ph_top, i.ph_bottom FROM product_images pi \
         JOIN images i ON i.id = pi.image_id WHERE pi.product_id = $1 ORDER BY pi.position",
    )
    .bind(id)
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|(key, w, h, top, bottom)| image(&key, w, h, top, bottom))
    .collect();

    let values: Vec<(i64, String, String, String, String)> = sqlx::query_as(
        "SELECT option_pos, option_name, option_name_en, value, value_en FROM product_option_values \
         WHERE product_id = $1 ORDER BY option_pos, value_pos",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    let mut options: Vec<ProductOption> = Vec::new();
    for (pos, name, name_en, value, value_en) in values {
        let pos = usize::try_from(pos).unwrap_or(0);
        if options.len() <= pos {
            options.push(ProductOption {
                name,
                name_en,
                values: Vec::new(),
            });
        }
        if let Some(option) = options.get_mut(pos) {
            option.values.push(OptionValue { value, value_en });
        }
    }

    let variants = sqlx::query_as::<_, (i64, String, Option<i64>, Option<i64>, i64, i64)>(
        "SELECT id, sku, option1, option2, price_fen, stock FROM product_variants \
         WHERE product_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|(vid, sku, o1, o2, price_fen, stock)| Variant {
        id: vid,
        sku,
        values: [o1, o2]
            .into_iter()
            .flatten()
            .map(|v| usize::try_from(v).unwrap_or(0))
            .collect(),
        price_fen,
        stock,
    })
    .collect();

    let note_count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM note_products np JOIN notes n ON n.id = np.note_id \
             WHERE np.product_id = $1 AND n.hidden_at IS NULL",
    )
    .bind(id)
    .fetch_one(db)
    .await?;

    Ok(Json(ProductDetail {
        id: p.id,
        title: p.title,
        title_en: p.title_en,
        description: p.description,
        description_en: p.description_en,
        brand: Brand {
            id: p.brand_id,
            name: p.brand_name,
            name_en: p.brand_name_en,
            origin: p.origin,
            cross_border: p.cross_border,
        },
        category: ShopCategory {
            slug: p.category_slug,
            name_en: p.category_en,
            name_zh: p.category_zh,
        },
        images,
        options,
        variants,
        price_fen: p.price_fen,
        sales_count: p.sales_count,
        note_count,
    }))
}

/// Notes that tag this product, best first.
#[utoipa::path(get, path = "/api/v1/products/{id}/notes", tag = "shop",
    params(("id" = i64, Path, description = "Product id"), PageQuery),
    responses(
        (status = 200, body = Page<NoteCard>),
        (status = 404, description = "No such product", body = api_types::ErrorBody),
    ))]
pub async fn product_notes(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> AppResult<Json<Page<NoteCard>>> {
    let limit = page_limit(q.limit)?;
    let cursor = Cursor::decode_opt(q.cursor.as_deref())?;
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM products WHERE id = $1")
        .bind(id)
        .fetch_optional(&state.db)
        .await?;
    exists.ok_or_else(|| no_product(id))?;
    let mut sql = QueryBuilder::new(CARD_SELECT);
    sql.push(" WHERE n.hidden_at IS NULL AND n.id IN (SELECT note_id FROM note_products WHERE product_id = ")
        .push_bind(id)
        .push(")");
    push_keyset(&mut sql, "score", cursor, limit);
    let mut rows: Vec<CardRow> = sql.build_query_as().fetch_all(&state.db).await?;
    let next_cursor = cut_page(&mut rows, limit, |r| Cursor {
        key: r.score,
        id: r.id,
    });
    Ok(Json(Page {
        items: rows.into_iter().map(NoteCard::from).collect(),
        next_cursor,
    }))
}
