//! Data for the deterministic demo shop: categories, brands and product templates, in
//! Chinese and English, read from `seed-data/shop/` (TOML, compiled in).
//!
//! The seeder crosses brands with the templates of the categories each brand sells in, so a
//! template never names a brand: the brand is shown next to the title. Nothing here is random
//! until the seeder picks from it with its own rng.
//!
//! | table | file | meaning |
//! | --- | --- | --- |
//! | [`CATEGORIES`] | `categories.toml` | the shop's eight categories, each with the image theme for its photos |
//! | [`BRANDS`] | `brands.toml` | invented brands, their origin, categories, commission and shipping |
//! | [`PRODUCTS`] | `products/<category>.toml`, `options.toml` | product templates: titles, descriptions, price range, options, keywords |
//!
//! Prices are in fen (1 CNY = 100 fen); a variant takes one value from each option axis.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

use super::data::{leak, leak_all, parse};

/// A shop category; `theme` is the procedural-image theme used for its product photos
/// (must be one of: "fashion", "beauty", "food", "home", "tech", "fitness", "pets", "study",
/// "outdoors", "travel").
#[derive(Clone, Copy, Debug)]
pub struct CategoryDef {
    pub slug: &'static str,
    pub name_en: &'static str,
    pub name_zh: &'static str,
    pub theme: &'static str,
}

#[derive(Clone, Copy, Debug)]
pub struct BrandDef {
    /// The brand as shown, e.g. "栖露" or "Maison Lueur".
    pub name: &'static str,
    /// Romanised or English name.
    pub name_en: &'static str,
    /// Country/region of origin shown in the shop ("中国", "日本", "韩国", "法国", "美国", ...).
    pub origin: &'static str,
    /// Categories (slugs from CATEGORIES) this brand sells in (1–3).
    pub categories: &'static [&'static str],
    /// Brand commission rate paid per sale, in basis points (e.g. 1000 = 10%); between 500
    /// and 2000.
    pub commission_bp: u32,
    /// Imported brands ship cross-border from a bonded warehouse.
    pub cross_border: bool,
}

/// One option axis of a product (e.g. colour or size) with its values.
#[derive(Clone, Copy, Debug)]
pub struct OptionDef {
    pub name_zh: &'static str,
    pub name_en: &'static str,
    /// Values as (zh, en).
    pub values: &'static [(&'static str, &'static str)],
}

#[derive(Clone, Copy, Debug)]
pub struct ProductDef {
    /// A CATEGORIES slug.
    pub category: &'static str,
    /// Product name without the brand, Chinese, e-commerce style, 6–24 chars.
    pub title_zh: &'static str,
    /// English product name without the brand.
    pub title_en: &'static str,
    /// 2–4 concrete sentences (texture, use, who it suits, ingredients or material).
    pub description_zh: &'static str,
    /// The same in English.
    pub description_en: &'static str,
    /// Base price range in fen (1 CNY = 100 fen), inclusive.
    pub price_fen: (u32, u32),
    /// 0–2 option axes; variant = one value per axis. The product of value counts is <= 12.
    pub options: &'static [OptionDef],
    /// Words a note about this product would use, for tagging notes with products (Chinese
    /// and English keywords, 2–5).
    pub keywords: &'static [&'static str],
}

/// The shop's categories, in display order.
pub static CATEGORIES: LazyLock<&'static [CategoryDef]> = LazyLock::new(|| {
    #[derive(Deserialize)]
    struct File {
        category: Vec<Category>,
    }
    #[derive(Deserialize)]
    struct Category {
        slug: String,
        name_en: String,
        name_zh: String,
        theme: String,
    }
    let file: File = parse(
        "shop/categories.toml",
        include_str!("../../seed-data/shop/categories.toml"),
    );
    leak_all(file.category.into_iter().map(|c| CategoryDef {
        slug: leak(c.slug),
        name_en: leak(c.name_en),
        name_zh: leak(c.name_zh),
        theme: leak(c.theme),
    }))
});

/// Invented brands; about a third are imported and ship cross-border.
pub static BRANDS: LazyLock<&'static [BrandDef]> = LazyLock::new(|| {
    #[derive(Deserialize)]
    struct File {
        brand: Vec<Brand>,
    }
    #[derive(Deserialize)]
    struct Brand {
        name: String,
        name_en: String,
        origin: String,
        categories: Vec<String>,
        commission_bp: u32,
        cross_border: bool,
    }
    let file: File = parse(
        "shop/brands.toml",
        include_str!("../../seed-data/shop/brands.toml"),
    );
    leak_all(file.brand.into_iter().map(|b| BrandDef {
        name: leak(b.name),
        name_en: leak(b.name_en),
        origin: leak(b.origin),
        categories: leak_all(b.categories.into_iter().map(leak)),
        commission_bp: b.commission_bp,
        cross_border: b.cross_border,
    }))
});

/// Each category's template file, in the order of `categories.toml`.
const PRODUCT_FILES: &[(&str, &str)] = &[
    (
        "beauty",
        include_str!("../../seed-data/shop/products/beauty.toml"),
    ),
    (
        "skincare",
        include_str!("../../seed-data/shop/products/skincare.toml"),
    ),
    (
        "fashion",
        include_str!("../../seed-data/shop/products/fashion.toml"),
    ),
    (
        "home",
        include_str!("../../seed-data/shop/products/home.toml"),
    ),
    (
        "food",
        include_str!("../../seed-data/shop/products/food.toml"),
    ),
    (
        "digital",
        include_str!("../../seed-data/shop/products/digital.toml"),
    ),
    (
        "sports",
        include_str!("../../seed-data/shop/products/sports.toml"),
    ),
    (
        "pets",
        include_str!("../../seed-data/shop/products/pets.toml"),
    ),
];

/// Product templates, grouped by category; the seeder pairs each with the brands of its
/// category. A template names its option axes, which `options.toml` defines.
pub static PRODUCTS: LazyLock<&'static [ProductDef]> = LazyLock::new(|| {
    #[derive(Deserialize)]
    struct Options {
        option: HashMap<String, OptionAxis>,
    }
    #[derive(Deserialize)]
    struct OptionAxis {
        name_zh: String,
        name_en: String,
        values: Vec<(String, String)>,
    }
    #[derive(Deserialize)]
    struct File {
        product: Vec<Product>,
    }
    #[derive(Deserialize)]
    struct Product {
        title_zh: String,
        title_en: String,
        description_zh: String,
        description_en: String,
        price_fen: (u32, u32),
        options: Vec<String>,
        keywords: Vec<String>,
    }
    let options: Options = parse(
        "shop/options.toml",
        include_str!("../../seed-data/shop/options.toml"),
    );
    let axes: HashMap<String, OptionDef> = options
        .option
        .into_iter()
        .map(|(name, o)| {
            let def = OptionDef {
                name_zh: leak(o.name_zh),
                name_en: leak(o.name_en),
                values: leak_all(o.values.into_iter().map(|(zh, en)| (leak(zh), leak(en)))),
            };
            (name, def)
        })
        .collect();
    let mut products = Vec::new();
    for &(category, text) in PRODUCT_FILES {
        let file: File = parse(&format!("shop/products/{category}.toml"), text);
        for p in file.product {
            let options = p.options.iter().map(|name| {
                // Compiled-in data, checked by the tests below: a typo fails them, not a user.
                *axes.get(name).unwrap_or_else(|| {
                    panic!(
                        "shop/products/{category}.toml: {}: no option {name} in options.toml",
                        p.title_zh
                    )
                })
            });
            products.push(ProductDef {
                category,
                options: leak_all(options),
                title_zh: leak(p.title_zh),
                title_en: leak(p.title_en),
                description_zh: leak(p.description_zh),
                description_en: leak(p.description_en),
                price_fen: p.price_fen,
                keywords: leak_all(p.keywords.into_iter().map(leak)),
            });
        }
    }
    leak_all(products)
});

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    const THEMES: &[&str] = &[
        "fashion", "beauty", "food", "home", "tech", "fitness", "pets", "study", "outdoors",
        "travel",
    ];

    fn category_exists(slug: &str) -> bool {
        CATEGORIES.iter().any(|c| c.slug == slug)
    }

    fn variant_count(p: &ProductDef) -> usize {
        p.options.iter().map(|o| o.values.len()).product()
    }

    #[test]
    fn categories_are_the_eight_in_order_with_known_themes() {
        let slugs: Vec<&str> = CATEGORIES.iter().map(|c| c.slug).collect();
        assert_eq!(
            slugs,
            ["beauty", "skincare", "fashion", "home", "food", "digital", "sports", "pets"]
        );
        for c in CATEGORIES.iter() {
            assert!(THEMES.contains(&c.theme), "{}: theme {}", c.slug, c.theme);
            assert!(!c.name_en.is_empty() && !c.name_zh.is_empty(), "{}", c.slug);
        }
    }

    #[test]
    fn brands_are_well_formed() {
        assert!(BRANDS.len() >= 28, "only {} brands", BRANDS.len());
        let mut names = HashSet::new();
        for b in BRANDS.iter() {
            assert!(names.insert(b.name), "duplicate brand {}", b.name);
            assert!(!b.name_en.is_empty() && !b.origin.is_empty(), "{}", b.name);
            assert!(
                (1..=3).contains(&b.categories.len()),
                "{}: {} categories",
                b.name,
                b.categories.len()
            );
            for c in b.categories {
                assert!(category_exists(c), "{}: unknown category {c}", b.name);
            }
            assert!(
                (500..=2000).contains(&b.commission_bp),
                "{}: commission {}",
                b.name,
                b.commission_bp
            );
        }
        let cross = BRANDS.iter().filter(|b| b.cross_border).count();
        let share = cross as f64 / BRANDS.len() as f64;
        assert!((0.25..=0.45).contains(&share), "cross-border share {share}");
    }

    #[test]
    fn every_category_has_enough_brands_and_templates() {
        for c in CATEGORIES.iter() {
            let brands = BRANDS
                .iter()
                .filter(|b| b.categories.contains(&c.slug))
                .count();
            let templates = PRODUCTS.iter().filter(|p| p.category == c.slug).count();
            assert!(brands >= 3, "{}: {brands} brands", c.slug);
            assert!(templates >= 12, "{}: {templates} templates", c.slug);
        }
        assert!(PRODUCTS.len() >= 120, "only {} templates", PRODUCTS.len());
    }

    #[test]
    fn products_are_well_formed() {
        let mut titles = HashSet::new();
        for p in PRODUCTS.iter() {
            let t = p.title_zh;
            assert!(category_exists(p.category), "{t}: unknown category");
            let chars = t.chars().count();
            assert!((6..=24).contains(&chars), "{t}: {chars} chars");
            assert!(!p.title_en.is_empty(), "{t}: empty English title");
            assert!(titles.insert(t), "duplicate title {t}");
            assert!(
                !p.description_zh.is_empty() && !p.description_en.is_empty(),
                "{t}"
            );
            let (lo, hi) = p.price_fen;
            assert!(lo > 0 && lo <= hi, "{t}: price {lo}..={hi}");
            assert!(p.options.len() <= 2, "{t}: {} option axes", p.options.len());
            for o in p.options {
                assert!(!o.values.is_empty(), "{t}: empty option {}", o.name_en);
                let zh: HashSet<&str> = o.values.iter().map(|v| v.0).collect();
                let en: HashSet<&str> = o.values.iter().map(|v| v.1).collect();
                assert_eq!(zh.len(), o.values.len(), "{t}: repeated {}", o.name_zh);
                assert_eq!(en.len(), o.values.len(), "{t}: repeated {}", o.name_en);
            }
            let variants = variant_count(p);
            assert!((1..=12).contains(&variants), "{t}: {variants} variants");
            assert!(
                (2..=5).contains(&p.keywords.len()),
                "{t}: {} keywords",
                p.keywords.len()
            );
            assert!(
                p.keywords.iter().all(|k| !k.is_empty()),
                "{t}: empty keyword"
            );
        }
    }

    #[test]
    fn templates_never_name_a_brand() {
        for p in PRODUCTS.iter() {
            for b in BRANDS.iter() {
                for text in [p.title_zh, p.title_en, p.description_zh, p.description_en] {
                    assert!(
                        !text.contains(b.name) && !text.contains(b.name_en),
                        "{}: mentions brand {}",
                        p.title_zh,
                        b.name
                    );
                }
            }
        }
    }

    #[test]
    fn text_is_plain() {
        for p in PRODUCTS.iter() {
            for text in [p.title_zh, p.title_en, p.description_zh, p.description_en] {
                assert!(!text.contains('<') && !text.contains('>'), "{text}");
                assert_eq!(text.trim(), text, "{text}");
            }
        }
    }
}
