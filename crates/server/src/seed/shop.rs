//! The demo shop: categories, brands, 500+ products (brand × template from `shop_corpus`)
//! with photo galleries, option axes and variants (some sold out, some low on stock), and the
//! products that notes tag. A separate, marked stage, so older databases get it on next
//! start. Deterministic, written in one transaction.

use super::shop_corpus::{BrandDef, ProductDef, BRANDS, CATEGORIES, PRODUCTS};
use super::{insert_images, insert_rows, lognormal, mark_stage, mix, stage_done, ImageGen};
use crate::db::Db;
use crate::images::placeholder_colors;

const SHOP_SEED: u64 = 0x5eed_2026_0003;
const MARKER: &str = "seeded_shop_at";
/// About this many products (every brand × category pair gets the same number of templates).
const TARGET_PRODUCTS: usize = 520;
const BASE_WIDTH: u32 = 1080;

/// Which shop categories a note channel's notes may tag.
fn categories_for_channel(channel: &str) -> &'static [&'static str] {
    match channel {
        "fashion" => &["fashion"],
        "beauty" => &["beauty", "skincare"],
        "food" => &["food"],
        "home" => &["home"],
        "tech" => &["digital"],
        "fitness" | "outdoors" => &["sports"],
        "pets" => &["pets"],
        _ => &[],
    }
}

struct ProductRow {
    id: i64,
    brand: i64,
    category: i64,
    def: &'static ProductDef,
    cover: i64,
    price: i64,
    sales: i64,
    created_at: i64,
}

struct VariantRow {
    product: i64,
    sku: String,
    option1: Option<i64>,
    option2: Option<i64>,
    price: i64,
    stock: i64,
}

/// A shop-style price from a range: whole yuan ending in 9 (¥129, ¥89).
fn price_in(rng: &mut fastrand::Rng, (lo, hi): (u32, u32)) -> i64 {
    let fen = i64::from(rng.u32(lo..=hi.max(lo)));
    let yuan = (fen / 1000).max(1) * 10 - 1;
    (yuan.max(1)) * 100
}

fn stock_for(rng: &mut fastrand::Rng, all_gone: bool) -> i64 {
    if all_gone {
        return 0;
    }
    match rng.u32(..100) {
        0..=7 => 0,
        8..=17 => rng.i64(1..=5),
        _ => rng.i64(10..=400),
    }
}

fn sku_prefix(brand: &BrandDef) -> String {
    let letters: String = brand
        .name_en
        .chars()
        .filter(char::is_ascii_alphabetic)
        .take(3)
        .collect::<String>()
        .to_ascii_uppercase();
    if letters.is_empty() {
        "ZC".to_string()
    } else {
        letters
    }
}

/// Adds the shop unless this stage already ran.
pub async fn seed_shop_if_missing(
    db: &Db,
    now: i64,
    progress: &mut dyn FnMut(String),
) -> Result<(), sqlx::Error> {
    if stage_done(db, MARKER).await? {
        return Ok(());
    }
    let started = std::time::Instant::now();
    let mut rng = fastrand::Rng::with_seed(SHOP_SEED);
    let first_image: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM images")
        .fetch_one(db)
        .await?;

    // Every (brand, category) pair gets the same number of distinct templates.
    let pairs: Vec<(usize, usize)> = BRANDS
        .iter()
        .enumerate()
        .flat_map(|(b, brand)| {
            brand.categories.iter().filter_map(move |slug| {
                CATEGORIES
                    .iter()
                    .position(|c| c.slug == *slug)
                    .map(|c| (b, c))
            })
        })
        .collect();
    let per_pair = TARGET_PRODUCTS.div_ceil(pairs.len().max(1));

    let mut images: Vec<ImageGen> = Vec::new();
    let mut gallery: Vec<(i64, i64, i64)> = Vec::new();
    let mut products: Vec<ProductRow> = Vec::new();
    let mut options: Vec<(
        i64,
        i64,
        &'static str,
        &'static str,
        i64,
        &'static str,
        &'static str,
    )> = Vec::new();
    let mut variants: Vec<VariantRow> = Vec::new();
    for (b, c) in pairs {
        let category = &CATEGORIES[c];
        let mut templates: Vec<&'static ProductDef> = PRODUCTS
            .iter()
            .filter(|p| p.category == category.slug)
            .collect();
        rng.shuffle(&mut templates);
        for def in templates.into_iter().take(per_pair) {
            let id = products.len() as i64 + 1;
            // A gallery of 2–5 photos, mostly square as product shots are.
            let count = rng.usize(2..=5);
            let (w, h) = match rng.u32(..10) {
                0..=6 => (BASE_WIDTH, BASE_WIDTH),
                7 | 8 => (BASE_WIDTH, BASE_WIDTH * 4 / 3),
                _ => (BASE_WIDTH, BASE_WIDTH * 3 / 4),
            };
            let mut cover = 0;
            for pos in 0..count {
                let image_id = first_image + images.len() as i64;
                let seed = mix(SHOP_SEED ^ image_id as u64);
                images.push(ImageGen {
                    key: format!("p{:015x}", seed >> 4),
                    theme: category.theme,
                    seed,
                    width: w,
                    height: h,
                    top: String::new(),
                    bottom: String::new(),
                });
                if pos == 0 {
                    cover = image_id;
                }
                gallery.push((id, pos as i64, image_id));
            }

            let base = price_in(&mut rng, def.price_fen);
            let all_gone = rng.u32(..100) < 3;
            let axes: Vec<usize> = def.options.iter().map(|o| o.values.len()).collect();
            for (pos, option) in def.options.iter().enumerate().take(2) {
                for (vpos, (value, value_en)) in option.values.iter().enumerate() {
                    options.push((
                        id,
                        pos as i64,
                        option.name_zh,
                        option.name_en,
                        vpos as i64,
                        value,
                        value_en,
                    ));
                }
            }
            let combos: Vec<(Option<i64>, Option<i64>)> = match axes.as_slice() {
                [] => vec![(None, None)],
                [a] => (0..*a).map(|i| (Some(i as i64), None)).collect(),
                [a, b, ..] => (0..*a)
                    .flat_map(|i| (0..*b).map(move |j| (Some(i as i64), Some(j as i64))))
                    .collect(),
            };
            let prefix = sku_prefix(&BRANDS[b]);
            let mut min_price = i64::MAX;
            for (n, (o1, o2)) in combos.into_iter().enumerate() {
                // Later values of the first axis (bigger sizes, sets) cost a little more.
                let step = o1.unwrap_or(0);
                let price = (base + base * step * 12 / 100) / 100 * 100;
                min_price = min_price.min(price);
                variants.push(VariantRow {
                    product: id,
                    sku: format!("{prefix}-{id:05}-{:02}", n + 1),
                    option1: o1,
                    option2: o2,
                    price,
                    stock: stock_for(&mut rng, all_gone),
                });
            }
            products.push(ProductRow {
                id,
                brand: b as i64 + 1,
                category: c as i64 + 1,
                def,
                cover,
                price: min_price,
                sales: lognormal(&mut rng, 5.5, 1.6, 250_000.0),
                created_at: now - rng.i64(0..180 * 86_400),
            });
        }
    }

    // Placeholders need a tiny render each: do them off the async runtime.
    let images = tokio::task::spawn_blocking(move || {
        let mut images = images;
        for img in &mut images {
            let (top, bottom) = placeholder_colors(img.theme, img.seed, img.width, img.height);
            img.top = top;
            img.bottom = bottom;
        }
        images
    })
    .await
    .map_err(|e| sqlx::Error::Protocol(format!("shop placeholders failed: {e}")))?;

    // Notes tag products of their channel's categories, preferring ones their text mentions.
    let notes: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT n.id, c.slug, n.title || ' ' || n.body FROM notes n \
         JOIN channels c ON c.id = n.channel_id ORDER BY n.id",
    )
    .fetch_all(db)
    .await?;
    let mut tags: Vec<(i64, i64, i64)> = Vec::new();
    for (note, channel, text) in &notes {
        let cats = categories_for_channel(channel);
        if cats.is_empty() || rng.u32(..100) >= 30 {
            continue;
        }
        let candidates: Vec<&ProductRow> = products
            .iter()
            .filter(|p| cats.contains(&CATEGORIES[(p.category - 1) as usize].slug))
            .collect();
        if candidates.is_empty() {
            continue;
        }
        let text = text.to_lowercase();
        let matching: Vec<&&ProductRow> = candidates
            .iter()
            .filter(|p| {
                p.def
                    .keywords
                    .iter()
                    .any(|k| text.contains(&k.to_lowercase()))
            })
            .collect();
        let count = if rng.u32(..4) == 0 { 2 } else { 1 };
        let mut chosen: Vec<i64> = Vec::new();
        for _ in 0..count {
            // Mostly what the note talks about; now and then something else from its world.
            let pick = if !matching.is_empty() && rng.u32(..10) < 9 {
                matching[rng.usize(..matching.len())].id
            } else {
                candidates[rng.usize(..candidates.len())].id
            };
            if !chosen.contains(&pick) {
                chosen.push(pick);
            }
        }
        for (pos, product) in chosen.into_iter().enumerate() {
            tags.push((*note, product, pos as i64));
        }
    }

    let mut tx = db.begin().await?;
    insert_rows(
        &mut tx,
        "INSERT INTO product_categories (id, slug, name_en, name_zh, position) ",
        *CATEGORIES,
        |mut b, i, c| {
            b.push_bind(i as i64 + 1)
                .push_bind(c.slug)
                .push_bind(c.name_en)
                .push_bind(c.name_zh)
                .push_bind(i as i64);
        },
    )
    .await?;
    insert_rows(
        &mut tx,
        "INSERT INTO brands (id, name, name_en, origin, commission_bp, cross_border) ",
        *BRANDS,
        |mut b, i, brand| {
            b.push_bind(i as i64 + 1)
                .push_bind(brand.name)
                .push_bind(brand.name_en)
                .push_bind(brand.origin)
                .push_bind(i64::from(brand.commission_bp))
                .push_bind(brand.cross_border);
        },
    )
    .await?;
    insert_images(&mut tx, first_image, &images).await?;
    insert_rows(
        &mut tx,
        "INSERT INTO products (id, brand_id, category_id, title, title_en, description, \
         description_en, cover_image_id, price_fen, sales_count, created_at) ",
        &products,
        |mut b, _, p| {
            b.push_bind(p.id)
                .push_bind(p.brand)
                .push_bind(p.category)
                .push_bind(p.def.title_zh)
                .push_bind(p.def.title_en)
                .push_bind(p.def.description_zh)
                .push_bind(p.def.description_en)
                .push_bind(p.cover)
                .push_bind(p.price)
                .push_bind(p.sales)
                .push_bind(p.created_at);
        },
    )
    .await?;
    insert_rows(
        &mut tx,
        "INSERT INTO product_images (product_id, position, image_id) ",
        &gallery,
        |mut b, _, (product, pos, image)| {
            b.push_bind(*product).push_bind(*pos).push_bind(*image);
        },
    )
    .await?;
    insert_rows(
        &mut tx,
        "INSERT INTO product_option_values (product_id, option_pos, option_name, option_name_en, \
         value_pos, value, value_en) ",
        &options,
        |mut b, _, (product, pos, name, name_en, vpos, value, value_en)| {
            b.push_bind(*product)
                .push_bind(*pos)
                .push_bind(*name)
                .push_bind(*name_en)
                .push_bind(*vpos)
                .push_bind(*value)
                .push_bind(*value_en);
        },
    )
    .await?;
    insert_rows(
        &mut tx,
        "INSERT INTO product_variants (product_id, sku, option1, option2, price_fen, stock) ",
        &variants,
        |mut b, _, v| {
            b.push_bind(v.product)
                .push_bind(v.sku.clone())
                .push_bind(v.option1)
                .push_bind(v.option2)
                .push_bind(v.price)
                .push_bind(v.stock);
        },
    )
    .await?;
    insert_rows(
        &mut tx,
        "INSERT INTO note_products (note_id, product_id, position) ",
        &tags,
        |mut b, _, (note, product, pos)| {
            b.push_bind(*note).push_bind(*product).push_bind(*pos);
        },
    )
    .await?;
    mark_stage(&mut tx, MARKER, now).await?;
    tx.commit().await?;
    progress(format!(
        "shop       {} brands, {} products, {} variants, {} product tags on notes in {:.1}s",
        BRANDS.len(),
        products.len(),
        variants.len(),
        tags.len(),
        started.elapsed().as_secs_f64()
    ));
    Ok(())
}
