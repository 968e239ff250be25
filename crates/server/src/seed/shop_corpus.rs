//! Data for the deterministic demo shop: categories, brands and product templates, in
//! Chinese and English.
//!
//! The seeder crosses brands with the templates of the categories each brand sells in, so a
//! template never names a brand: the brand is shown next to the title. Every table here is
//! plain `&'static` data; nothing is random until the seeder picks from it with its own rng.
//!
//! | table | meaning |
//! | --- | --- |
//! | [`CATEGORIES`] | the shop's eight categories, each with the image theme for its photos |
//! | [`BRANDS`] | invented brands, their origin, categories, commission and shipping |
//! | [`PRODUCTS`] | product templates: titles, descriptions, price range, options, keywords |
//!
//! Prices are in fen (1 CNY = 100 fen); a variant takes one value from each option axis.

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

/// The shop's categories, in display order.
pub const CATEGORIES: &[CategoryDef] = &[
    CategoryDef {
        slug: "beauty",
        name_en: "Makeup",
        name_zh: "彩妆",
        theme: "beauty",
    },
    CategoryDef {
        slug: "skincare",
        name_en: "Skincare",
        name_zh: "护肤",
        theme: "beauty",
    },
    CategoryDef {
        slug: "fashion",
        name_en: "Fashion",
        name_zh: "服饰鞋包",
        theme: "fashion",
    },
    CategoryDef {
        slug: "home",
        name_en: "Home",
        name_zh: "家居生活",
        theme: "home",
    },
    CategoryDef {
        slug: "food",
        name_en: "Food & Drinks",
        name_zh: "食品饮料",
        theme: "food",
    },
    CategoryDef {
        slug: "digital",
        name_en: "Electronics",
        name_zh: "数码电器",
        theme: "tech",
    },
    CategoryDef {
        slug: "sports",
        name_en: "Sports & Outdoors",
        name_zh: "运动户外",
        theme: "fitness",
    },
    CategoryDef {
        slug: "pets",
        name_en: "Pet Supplies",
        name_zh: "宠物用品",
        theme: "pets",
    },
];

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

/// Invented brands; about a third are imported and ship cross-border.
pub const BRANDS: &[BrandDef] = &[
    // Makeup and skincare
    BrandDef {
        name: "栖露",
        name_en: "Qilu",
        origin: "中国",
        categories: &["skincare", "beauty"],
        commission_bp: 1500,
        cross_border: false,
    },
    BrandDef {
        name: "花间漫",
        name_en: "Huajianman",
        origin: "中国",
        categories: &["beauty"],
        commission_bp: 1800,
        cross_border: false,
    },
    BrandDef {
        name: "小棠",
        name_en: "Xiaotang",
        origin: "中国",
        categories: &["beauty", "skincare"],
        commission_bp: 2000,
        cross_border: false,
    },
    BrandDef {
        name: "澄研",
        name_en: "Chengyan Lab",
        origin: "中国",
        categories: &["skincare"],
        commission_bp: 1600,
        cross_border: false,
    },
    BrandDef {
        name: "Maison Lueur",
        name_en: "Maison Lueur",
        origin: "法国",
        categories: &["beauty", "skincare"],
        commission_bp: 1200,
        cross_border: true,
    },
    BrandDef {
        name: "花火研究所",
        name_en: "Hanabi Lab",
        origin: "日本",
        categories: &["skincare", "beauty"],
        commission_bp: 1100,
        cross_border: true,
    },
    BrandDef {
        name: "SOYEON",
        name_en: "Soyeon",
        origin: "韩国",
        categories: &["beauty", "skincare"],
        commission_bp: 1300,
        cross_border: true,
    },
    // Fashion
    BrandDef {
        name: "素衣记",
        name_en: "Suyi Studio",
        origin: "中国",
        categories: &["fashion"],
        commission_bp: 1500,
        cross_border: false,
    },
    BrandDef {
        name: "燕麦工作室",
        name_en: "Oat Studio",
        origin: "中国",
        categories: &["fashion", "home"],
        commission_bp: 1400,
        cross_border: false,
    },
    BrandDef {
        name: "Maru Basics",
        name_en: "Maru Basics",
        origin: "日本",
        categories: &["fashion"],
        commission_bp: 1000,
        cross_border: true,
    },
    BrandDef {
        name: "野屿",
        name_en: "Yeyu",
        origin: "中国",
        categories: &["fashion", "sports"],
        commission_bp: 1400,
        cross_border: false,
    },
    BrandDef {
        name: "南絮",
        name_en: "Nanxu",
        origin: "中国",
        categories: &["fashion"],
        commission_bp: 1700,
        cross_border: false,
    },
    // Home
    BrandDef {
        name: "木间",
        name_en: "Mujian",
        origin: "中国",
        categories: &["home"],
        commission_bp: 1200,
        cross_border: false,
    },
    BrandDef {
        name: "拾光家居",
        name_en: "Shiguang Home",
        origin: "中国",
        categories: &["home"],
        commission_bp: 1300,
        cross_border: false,
    },
    BrandDef {
        name: "Nordvik",
        name_en: "Nordvik",
        origin: "瑞典",
        categories: &["home"],
        commission_bp: 900,
        cross_border: true,
    },
    BrandDef {
        name: "Casa Olivo",
        name_en: "Casa Olivo",
        origin: "意大利",
        categories: &["home", "food"],
        commission_bp: 1000,
        cross_border: true,
    },
    // Food
    BrandDef {
        name: "山野食记",
        name_en: "Shanye Foods",
        origin: "中国",
        categories: &["food"],
        commission_bp: 1800,
        cross_border: false,
    },
    BrandDef {
        name: "鲜焙坊",
        name_en: "Xianbei Bakery",
        origin: "中国",
        categories: &["food"],
        commission_bp: 2000,
        cross_border: false,
    },
    BrandDef {
        name: "茶野",
        name_en: "Chaye",
        origin: "中国",
        categories: &["food"],
        commission_bp: 1600,
        cross_border: false,
    },
    BrandDef {
        name: "Kiwa Farm",
        name_en: "Kiwa Farm",
        origin: "新西兰",
        categories: &["food"],
        commission_bp: 1200,
        cross_border: true,
    },
    // Electronics
    BrandDef {
        name: "声悦",
        name_en: "Shengyue Audio",
        origin: "中国",
        categories: &["digital"],
        commission_bp: 800,
        cross_border: false,
    },
    BrandDef {
        name: "LUMO",
        name_en: "Lumo",
        origin: "中国",
        categories: &["digital"],
        commission_bp: 700,
        cross_border: false,
    },
    BrandDef {
        name: "迈格",
        name_en: "Maige",
        origin: "中国",
        categories: &["digital", "sports"],
        commission_bp: 900,
        cross_border: false,
    },
    BrandDef {
        name: "Sorano",
        name_en: "Sorano",
        origin: "日本",
        categories: &["digital", "home"],
        commission_bp: 600,
        cross_border: true,
    },
    // Sports and outdoors
    BrandDef {
        name: "跃动",
        name_en: "Yuedong",
        origin: "中国",
        categories: &["sports", "fashion"],
        commission_bp: 1500,
        cross_border: false,
    },
    BrandDef {
        name: "轻山",
        name_en: "Qingshan Outdoor",
        origin: "中国",
        categories: &["sports"],
        commission_bp: 1300,
        cross_border: false,
    },
    BrandDef {
        name: "Peakline",
        name_en: "Peakline",
        origin: "美国",
        categories: &["sports", "fashion"],
        commission_bp: 1100,
        cross_border: true,
    },
    BrandDef {
        name: "Fjellmark",
        name_en: "Fjellmark",
        origin: "挪威",
        categories: &["sports"],
        commission_bp: 1000,
        cross_border: true,
    },
    // Pets
    BrandDef {
        name: "毛孩食堂",
        name_en: "Fur Kid Kitchen",
        origin: "中国",
        categories: &["pets"],
        commission_bp: 1800,
        cross_border: false,
    },
    BrandDef {
        name: "喵呜研究所",
        name_en: "Meow Lab",
        origin: "中国",
        categories: &["pets"],
        commission_bp: 1600,
        cross_border: false,
    },
    BrandDef {
        name: "Woolly Paws",
        name_en: "Woolly Paws",
        origin: "澳大利亚",
        categories: &["pets"],
        commission_bp: 1200,
        cross_border: true,
    },
    BrandDef {
        name: "猫森",
        name_en: "Nekomori",
        origin: "日本",
        categories: &["pets", "home"],
        commission_bp: 1000,
        cross_border: true,
    },
];

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

// ---------------------------------------------------------------------------------------
// Shared option axes
// ---------------------------------------------------------------------------------------

const SIZES_CLOTHING: OptionDef = OptionDef {
    name_zh: "尺码",
    name_en: "Size",
    values: &[("S", "S"), ("M", "M"), ("L", "L"), ("XL", "XL")],
};

const SIZES_SML: OptionDef = OptionDef {
    name_zh: "尺码",
    name_en: "Size",
    values: &[("S", "S"), ("M", "M"), ("L", "L")],
};

const SIZES_WAIST: OptionDef = OptionDef {
    name_zh: "尺码",
    name_en: "Size",
    values: &[
        ("25", "25"),
        ("26", "26"),
        ("27", "27"),
        ("28", "28"),
        ("29", "29"),
        ("30", "30"),
    ],
};

const SIZES_SHOES: OptionDef = OptionDef {
    name_zh: "鞋码",
    name_en: "Shoe size",
    values: &[
        ("35", "EU 35"),
        ("36", "EU 36"),
        ("37", "EU 37"),
        ("38", "EU 38"),
        ("39", "EU 39"),
        ("40", "EU 40"),
    ],
};

const SIZES_SHOES_UNISEX: OptionDef = OptionDef {
    name_zh: "鞋码",
    name_en: "Shoe size",
    values: &[
        ("37", "EU 37"),
        ("38", "EU 38"),
        ("39", "EU 39"),
        ("40", "EU 40"),
        ("41", "EU 41"),
        ("42", "EU 42"),
    ],
};

const SIZES_PET: OptionDef = OptionDef {
    name_zh: "尺码",
    name_en: "Size",
    values: &[
        ("S（5kg以内）", "S (under 5 kg)"),
        ("M（5–10kg）", "M (5–10 kg)"),
        ("L（10–20kg）", "L (10–20 kg)"),
    ],
};

const LIP_SHADES: OptionDef = OptionDef {
    name_zh: "色号",
    name_en: "Shade",
    values: &[
        ("#01 豆沙玫瑰", "#01 Dusty Rose"),
        ("#02 枫叶棕", "#02 Maple Brown"),
        ("#03 番茄红", "#03 Tomato Red"),
        ("#04 奶茶粉", "#04 Milk Tea Pink"),
        ("#05 复古正红", "#05 Classic Red"),
        ("#06 蜜桃橘", "#06 Peach Coral"),
    ],
};

const LIP_TINT_SHADES: OptionDef = OptionDef {
    name_zh: "色号",
    name_en: "Shade",
    values: &[
        ("#11 西柚红", "#11 Grapefruit"),
        ("#12 莓果紫", "#12 Berry"),
        ("#13 焦糖奶茶", "#13 Caramel Latte"),
        ("#14 樱桃红", "#14 Cherry"),
        ("#15 裸杏色", "#15 Nude Apricot"),
    ],
};

const BALM_SHADES: OptionDef = OptionDef {
    name_zh: "色号",
    name_en: "Shade",
    values: &[
        ("透明无色", "Clear"),
        ("淡樱粉", "Sheer Blossom"),
        ("暖杏色", "Warm Apricot"),
    ],
};

const FOUNDATION_SHADES: OptionDef = OptionDef {
    name_zh: "色号",
    name_en: "Shade",
    values: &[
        ("N10 象牙白", "N10 Ivory"),
        ("N20 自然色", "N20 Natural"),
        ("W25 暖米色", "W25 Warm Beige"),
        ("W35 小麦色", "W35 Wheat"),
    ],
};

const EYESHADOW_TONES: OptionDef = OptionDef {
    name_zh: "色系",
    name_en: "Palette",
    values: &[
        ("大地奶茶", "Milk Tea Neutrals"),
        ("玫瑰烟粉", "Smoky Rose"),
        ("焦糖橘棕", "Caramel Copper"),
    ],
};

const BLUSH_SHADES: OptionDef = OptionDef {
    name_zh: "色号",
    name_en: "Shade",
    values: &[
        ("蜜桃粉", "Peach Pink"),
        ("杏仁奶茶", "Almond Latte"),
        ("葡萄柚", "Grapefruit"),
        ("干玫瑰", "Dried Rose"),
    ],
};

const CONTOUR_TONES: OptionDef = OptionDef {
    name_zh: "色调",
    name_en: "Tone",
    values: &[("冷调", "Cool"), ("暖调", "Warm")],
};

const MASCARA_COLOURS: OptionDef = OptionDef {
    name_zh: "颜色",
    name_en: "Colour",
    values: &[("自然黑", "Black"), ("柔雾棕", "Soft Brown")],
};

const EYELINER_COLOURS: OptionDef = OptionDef {
    name_zh: "颜色",
    name_en: "Colour",
    values: &[
        ("纯黑", "Jet Black"),
        ("深棕", "Dark Brown"),
        ("酒红棕", "Wine Brown"),
    ],
};

const BROW_SHADES: OptionDef = OptionDef {
    name_zh: "色号",
    name_en: "Shade",
    values: &[
        ("灰棕色", "Taupe"),
        ("浅咖色", "Light Brown"),
        ("深咖色", "Dark Brown"),
    ],
};

const POWDER_SHADES: OptionDef = OptionDef {
    name_zh: "色号",
    name_en: "Shade",
    values: &[("透明色", "Translucent"), ("自然肤色", "Natural")],
};

const SERUM_SIZES: OptionDef = OptionDef {
    name_zh: "规格",
    name_en: "Size",
    values: &[("30ml", "30 ml"), ("50ml", "50 ml")],
};

const CREAM_SIZES: OptionDef = OptionDef {
    name_zh: "规格",
    name_en: "Size",
    values: &[("30g", "30 g"), ("50g", "50 g")],
};

const TONER_SIZES: OptionDef = OptionDef {
    name_zh: "规格",
    name_en: "Size",
    values: &[("150ml", "150 ml"), ("300ml", "300 ml")],
};

const SUNSCREEN_SIZES: OptionDef = OptionDef {
    name_zh: "规格",
    name_en: "Size",
    values: &[("40ml", "40 ml"), ("60ml", "60 ml")],
};

const HAND_CREAM_SCENTS: OptionDef = OptionDef {
    name_zh: "香型",
    name_en: "Scent",
    values: &[
        ("白茶", "White Tea"),
        ("小苍兰", "Freesia"),
        ("无花果", "Fig"),
    ],
};

const COLOURS_TROUSERS: OptionDef = OptionDef {
    name_zh: "颜色",
    name_en: "Colour",
    values: &[
        ("黑色", "Black"),
        ("卡其色", "Khaki"),
        ("烟灰色", "Smoke Grey"),
    ],
};

const COLOURS_KNIT: OptionDef = OptionDef {
    name_zh: "颜色",
    name_en: "Colour",
    values: &[
        ("奶油白", "Cream"),
        ("燕麦色", "Oatmeal"),
        ("雾霾蓝", "Haze Blue"),
    ],
};

const COLOURS_COAT: OptionDef = OptionDef {
    name_zh: "颜色",
    name_en: "Colour",
    values: &[("驼色", "Camel"), ("黑色", "Black"), ("燕麦色", "Oatmeal")],
};

const COLOURS_BLACK_KHAKI: OptionDef = OptionDef {
    name_zh: "颜色",
    name_en: "Colour",
    values: &[("卡其色", "Khaki"), ("黑色", "Black")],
};

const COLOURS_BLACK_GREY: OptionDef = OptionDef {
    name_zh: "颜色",
    name_en: "Colour",
    values: &[("黑色", "Black"), ("炭灰色", "Charcoal")],
};

const COLOURS_BLACK_BROWN: OptionDef = OptionDef {
    name_zh: "颜色",
    name_en: "Colour",
    values: &[("黑色", "Black"), ("焦糖棕", "Caramel Brown")],
};

const COLOURS_SATIN: OptionDef = OptionDef {
    name_zh: "颜色",
    name_en: "Colour",
    values: &[
        ("香槟色", "Champagne"),
        ("黑色", "Black"),
        ("墨绿色", "Forest Green"),
    ],
};

const COLOURS_MAMIAN: OptionDef = OptionDef {
    name_zh: "颜色",
    name_en: "Colour",
    values: &[("黛蓝", "Indigo"), ("胭脂红", "Rouge Red")],
};

const COLOURS_HOODIE: OptionDef = OptionDef {
    name_zh: "颜色",
    name_en: "Colour",
    values: &[
        ("麻灰色", "Heather Grey"),
        ("黑色", "Black"),
        ("燕麦色", "Oatmeal"),
    ],
};

const COLOURS_BAG: OptionDef = OptionDef {
    name_zh: "颜色",
    name_en: "Colour",
    values: &[
        ("米白色", "Natural"),
        ("黑色", "Black"),
        ("军绿色", "Olive"),
    ],
};

const WASHES_DENIM: OptionDef = OptionDef {
    name_zh: "颜色",
    name_en: "Wash",
    values: &[("浅蓝", "Light Wash"), ("深蓝", "Dark Wash")],
};

const SCARF_PRINTS: OptionDef = OptionDef {
    name_zh: "花色",
    name_en: "Print",
    values: &[
        ("复古马鞍", "Vintage Saddle"),
        ("莫奈睡莲", "Water Lilies"),
        ("蓝白格纹", "Blue Gingham"),
    ],
};

const COLOURS_BLACK_WHITE: OptionDef = OptionDef {
    name_zh: "颜色",
    name_en: "Colour",
    values: &[("白色", "White"), ("黑色", "Black")],
};

const COLOURS_WOOD: OptionDef = OptionDef {
    name_zh: "颜色",
    name_en: "Finish",
    values: &[("原木色", "Natural Oak"), ("胡桃色", "Walnut")],
};

const COLOURS_WHITE_WOOD: OptionDef = OptionDef {
    name_zh: "颜色",
    name_en: "Colour",
    values: &[("白色", "White"), ("原木色", "Natural Wood")],
};

const COLOURS_MIRROR: OptionDef = OptionDef {
    name_zh: "边框",
    name_en: "Frame",
    values: &[
        ("白色", "White"),
        ("黑色", "Black"),
        ("原木色", "Natural Wood"),
    ],
};

const STORAGE_SIZES: OptionDef = OptionDef {
    name_zh: "规格",
    name_en: "Size",
    values: &[("小号", "Small"), ("中号", "Medium"), ("大号", "Large")],
};

const BED_SIZES: OptionDef = OptionDef {
    name_zh: "规格",
    name_en: "Bed size",
    values: &[("1.5m床", "1.5 m bed"), ("1.8m床", "1.8 m bed")],
};

const COLOURS_BEDDING: OptionDef = OptionDef {
    name_zh: "颜色",
    name_en: "Colour",
    values: &[
        ("雾霾灰", "Mist Grey"),
        ("奶白色", "Milk White"),
        ("豆绿色", "Sage"),
    ],
};

const RUG_SIZES: OptionDef = OptionDef {
    name_zh: "尺寸",
    name_en: "Size",
    values: &[("120×160cm", "120 × 160 cm"), ("160×230cm", "160 × 230 cm")],
};

const CURTAIN_SIZES: OptionDef = OptionDef {
    name_zh: "尺寸",
    name_en: "Size",
    values: &[
        ("宽1.5m×高2.7m", "1.5 m × 2.7 m"),
        ("宽2m×高2.7m", "2 m × 2.7 m"),
    ],
};

const COLOURS_CURTAIN: OptionDef = OptionDef {
    name_zh: "颜色",
    name_en: "Colour",
    values: &[
        ("燕麦色", "Oatmeal"),
        ("雾霾蓝", "Haze Blue"),
        ("浅灰色", "Light Grey"),
    ],
};

const SHELF_TIERS: OptionDef = OptionDef {
    name_zh: "层数",
    name_en: "Tiers",
    values: &[
        ("三层", "3 tiers"),
        ("四层", "4 tiers"),
        ("五层", "5 tiers"),
    ],
};

const COLOURS_SOFA: OptionDef = OptionDef {
    name_zh: "颜色",
    name_en: "Colour",
    values: &[
        ("奶咖色", "Latte"),
        ("米白色", "Ivory"),
        ("焦糖色", "Caramel"),
    ],
};

const CANDLE_SCENTS: OptionDef = OptionDef {
    name_zh: "香型",
    name_en: "Scent",
    values: &[
        ("无花果", "Fig"),
        ("雪松", "Cedarwood"),
        ("白茶", "White Tea"),
        ("西西里柑橘", "Sicilian Citrus"),
    ],
};

const DINNERWARE_SETS: OptionDef = OptionDef {
    name_zh: "套装",
    name_en: "Set",
    values: &[
        ("两人份 8件", "For two, 8 pieces"),
        ("四人份 16件", "For four, 16 pieces"),
    ],
};

const VACUUM_EDITIONS: OptionDef = OptionDef {
    name_zh: "版本",
    name_en: "Edition",
    values: &[("标准版", "Standard"), ("自动集尘版", "Self-Emptying")],
};

const COLOURS_LINEN: OptionDef = OptionDef {
    name_zh: "颜色",
    name_en: "Colour",
    values: &[
        ("亚麻本色", "Natural Flax"),
        ("鼠尾草绿", "Sage Green"),
        ("陶土色", "Terracotta"),
        ("燕麦白", "Oat White"),
    ],
};

const ART_SIZES: OptionDef = OptionDef {
    name_zh: "尺寸",
    name_en: "Size",
    values: &[("40×60cm", "40 × 60 cm"), ("60×90cm", "60 × 90 cm")],
};

const MOCHI_FLAVOURS: OptionDef = OptionDef {
    name_zh: "口味",
    name_en: "Flavour",
    values: &[
        ("香芋", "Taro"),
        ("抹茶", "Matcha"),
        ("黑芝麻", "Black Sesame"),
    ],
};

const COFFEE_ROASTS: OptionDef = OptionDef {
    name_zh: "烘焙度",
    name_en: "Roast",
    values: &[
        ("中烘 果香", "Medium, fruity"),
        ("深烘 醇厚", "Dark, full-bodied"),
    ],
};

const GRANOLA_FLAVOURS: OptionDef = OptionDef {
    name_zh: "口味",
    name_en: "Flavour",
    values: &[
        ("混合莓果", "Mixed Berry"),
        ("酸奶块", "Yogurt Bites"),
        ("可可", "Cocoa"),
    ],
};

const SPICE_LEVELS: OptionDef = OptionDef {
    name_zh: "辣度",
    name_en: "Heat",
    values: &[("微辣", "Mild"), ("中辣", "Medium"), ("特辣", "Extra Hot")],
};

const BUN_PACKS: OptionDef = OptionDef {
    name_zh: "规格",
    name_en: "Pack",
    values: &[("12只装", "12 buns"), ("24只装", "24 buns")],
};

const COCOA_LEVELS: OptionDef = OptionDef {
    name_zh: "可可含量",
    name_en: "Cocoa",
    values: &[("70%", "70%"), ("85%", "85%")],
};

const ICE_JELLY_FLAVOURS: OptionDef = OptionDef {
    name_zh: "口味",
    name_en: "Flavour",
    values: &[
        ("红糖", "Brown Sugar"),
        ("玫瑰", "Rose"),
        ("山楂", "Hawthorn"),
    ],
};

const MILK_TEA_FLAVOURS: OptionDef = OptionDef {
    name_zh: "口味",
    name_en: "Flavour",
    values: &[
        ("芋泥", "Taro"),
        ("黑糖珍珠", "Brown Sugar Boba"),
        ("茉莉", "Jasmine"),
    ],
};

const BAGEL_FLAVOURS: OptionDef = OptionDef {
    name_zh: "口味",
    name_en: "Flavour",
    values: &[("原味", "Plain"), ("蓝莓", "Blueberry"), ("芝士", "Cheese")],
};

const CHICKEN_FLAVOURS: OptionDef = OptionDef {
    name_zh: "口味",
    name_en: "Flavour",
    values: &[
        ("黑胡椒", "Black Pepper"),
        ("奥尔良", "Orleans"),
        ("香辣", "Spicy"),
    ],
};

const COLOURS_AUDIO: OptionDef = OptionDef {
    name_zh: "颜色",
    name_en: "Colour",
    values: &[
        ("曜石黑", "Obsidian Black"),
        ("云雾白", "Cloud White"),
        ("雾霾蓝", "Mist Blue"),
    ],
};

const COLOURS_BLACK_WHITE_DEVICE: OptionDef = OptionDef {
    name_zh: "颜色",
    name_en: "Colour",
    values: &[("星空黑", "Midnight Black"), ("珍珠白", "Pearl White")],
};

const KEYBOARD_SWITCHES: OptionDef = OptionDef {
    name_zh: "轴体",
    name_en: "Switches",
    values: &[
        ("线性红轴", "Linear Red"),
        ("段落茶轴", "Tactile Brown"),
        ("静音轴", "Silent"),
    ],
};

const COLOURS_KEYBOARD: OptionDef = OptionDef {
    name_zh: "配色",
    name_en: "Colourway",
    values: &[("奶白", "Milk White"), ("深空灰", "Space Grey")],
};

const WATCH_SIZES: OptionDef = OptionDef {
    name_zh: "表盘",
    name_en: "Case size",
    values: &[("42mm", "42 mm"), ("46mm", "46 mm")],
};

const COLOURS_WATCH: OptionDef = OptionDef {
    name_zh: "颜色",
    name_en: "Colour",
    values: &[("曜石黑", "Obsidian Black"), ("月光银", "Moonlight Silver")],
};

const PHONE_MODELS: OptionDef = OptionDef {
    name_zh: "适用机型",
    name_en: "Fits",
    values: &[
        ("iPhone 15", "iPhone 15"),
        ("iPhone 15 Pro", "iPhone 15 Pro"),
        ("iPhone 16", "iPhone 16"),
        ("iPhone 16 Pro", "iPhone 16 Pro"),
    ],
};

const COLOURS_CASE: OptionDef = OptionDef {
    name_zh: "颜色",
    name_en: "Colour",
    values: &[
        ("透明", "Clear"),
        ("磨砂黑", "Frosted Black"),
        ("奶茶色", "Milk Tea"),
    ],
};

const COLOURS_ALUMINIUM: OptionDef = OptionDef {
    name_zh: "颜色",
    name_en: "Colour",
    values: &[("银色", "Silver"), ("深空灰", "Space Grey")],
};

const READER_STORAGE: OptionDef = OptionDef {
    name_zh: "存储",
    name_en: "Storage",
    values: &[("16GB", "16 GB"), ("32GB", "32 GB")],
};

const COLOURS_MOUSE: OptionDef = OptionDef {
    name_zh: "颜色",
    name_en: "Colour",
    values: &[
        ("石墨黑", "Graphite"),
        ("燕麦白", "Oat White"),
        ("薄荷绿", "Mint"),
    ],
};

const COLOURS_ACTIVE: OptionDef = OptionDef {
    name_zh: "颜色",
    name_en: "Colour",
    values: &[
        ("经典黑", "Black"),
        ("雾粉色", "Dusty Pink"),
        ("灰绿色", "Sage"),
    ],
};

const COLOURS_OUTDOOR: OptionDef = OptionDef {
    name_zh: "颜色",
    name_en: "Colour",
    values: &[
        ("岩石灰", "Rock Grey"),
        ("松林绿", "Pine Green"),
        ("落日橙", "Sunset Orange"),
    ],
};

const COLOURS_SHOE_SPORT: OptionDef = OptionDef {
    name_zh: "颜色",
    name_en: "Colour",
    values: &[("白灰", "White / Grey"), ("黑橙", "Black / Orange")],
};

const DUMBBELL_WEIGHTS: OptionDef = OptionDef {
    name_zh: "重量",
    name_en: "Weight",
    values: &[("单只10kg", "10 kg each"), ("单只20kg", "20 kg each")],
};

const ROLLER_LENGTHS: OptionDef = OptionDef {
    name_zh: "长度",
    name_en: "Length",
    values: &[("33cm", "33 cm"), ("45cm", "45 cm")],
};

const KETTLEBELL_WEIGHTS: OptionDef = OptionDef {
    name_zh: "重量",
    name_en: "Weight",
    values: &[("8kg", "8 kg"), ("12kg", "12 kg"), ("16kg", "16 kg")],
};

const COLOURS_TENT: OptionDef = OptionDef {
    name_zh: "颜色",
    name_en: "Colour",
    values: &[("沙漠卡其", "Desert Khaki"), ("森林绿", "Forest Green")],
};

const CAT_FOOD_WEIGHTS: OptionDef = OptionDef {
    name_zh: "规格",
    name_en: "Size",
    values: &[("1.5kg", "1.5 kg"), ("5.4kg", "5.4 kg")],
};

const DOG_FOOD_WEIGHTS: OptionDef = OptionDef {
    name_zh: "规格",
    name_en: "Size",
    values: &[("2kg", "2 kg"), ("10kg", "10 kg")],
};

const TREAT_FLAVOURS: OptionDef = OptionDef {
    name_zh: "口味",
    name_en: "Flavour",
    values: &[
        ("鸡胸肉", "Chicken Breast"),
        ("三文鱼", "Salmon"),
        ("鹌鹑", "Quail"),
    ],
};

const LITTER_SCENTS: OptionDef = OptionDef {
    name_zh: "香型",
    name_en: "Scent",
    values: &[
        ("原味", "Unscented"),
        ("绿茶", "Green Tea"),
        ("水蜜桃", "Peach"),
    ],
};

const SCRATCHER_SIZES: OptionDef = OptionDef {
    name_zh: "尺寸",
    name_en: "Size",
    values: &[
        ("标准款 48cm", "Standard 48 cm"),
        ("加大款 68cm", "Large 68 cm"),
    ],
};

const CAT_TREE_SIZES: OptionDef = OptionDef {
    name_zh: "规格",
    name_en: "Size",
    values: &[
        ("小号 高80cm", "Small, 80 cm tall"),
        ("大号 高140cm", "Large, 140 cm tall"),
    ],
};

const COLOURS_PET: OptionDef = OptionDef {
    name_zh: "颜色",
    name_en: "Colour",
    values: &[("奶咖色", "Latte"), ("雾灰色", "Misty Grey")],
};

const COLOURS_HARNESS: OptionDef = OptionDef {
    name_zh: "颜色",
    name_en: "Colour",
    values: &[
        ("柠檬黄", "Lemon"),
        ("天空蓝", "Sky Blue"),
        ("樱花粉", "Blossom Pink"),
    ],
};

const PUZZLE_SIZES: OptionDef = OptionDef {
    name_zh: "尺寸",
    name_en: "Size",
    values: &[
        ("小号 直径8cm", "Small, 8 cm"),
        ("大号 直径12cm", "Large, 12 cm"),
    ],
};

// ---------------------------------------------------------------------------------------
// Product templates
// ---------------------------------------------------------------------------------------

/// Product templates, grouped by category; the seeder pairs each with the brands of its
/// category.
pub const PRODUCTS: &[ProductDef] = &[
    // -- Makeup ---------------------------------------------------------------------------
    ProductDef {
        category: "beauty",
        title_zh: "丝绒雾面口红",
        title_en: "Velvet Matte Lipstick",
        description_zh: "丝绒雾面质地，一抹显色，薄涂自然、厚涂气场全开。添加角鲨烷和乳木果油，上唇不拔干、不卡唇纹。黄皮也能轻松驾驭，通勤约会都合适。",
        description_en: "A velvet matte finish with rich colour in a single swipe: sheer for everyday, built up for drama. Squalane and shea butter keep lips comfortable without settling into lines. The shades flatter warm and olive skin tones alike.",
        price_fen: (9900, 32000),
        options: &[LIP_SHADES],
        keywords: &["口红", "lipstick", "口红试色", "唇妆"],
    },
    ProductDef {
        category: "beauty",
        title_zh: "水光镜面唇釉",
        title_en: "Glossy Mirror Lip Tint",
        description_zh: "水润镜面光泽，上嘴像刚喝过水一样饱满透亮。轻薄不黏腻，成膜后不易沾杯。单涂做日常妆，叠在口红上做出嘟嘟唇效果。",
        description_en: "A juicy mirror shine that makes lips look plump and fresh. Lightweight and non-sticky, it sets enough to resist transferring onto cups. Wear it alone for an everyday look or layer it over lipstick for extra volume.",
        price_fen: (6900, 22000),
        options: &[LIP_TINT_SHADES],
        keywords: &["唇釉", "lip tint", "水光", "唇妆"],
    },
    ProductDef {
        category: "beauty",
        title_zh: "轻薄持妆粉底液 30ml",
        title_en: "Lightweight Long-Wear Foundation 30ml",
        description_zh: "水感轻薄质地，一泵就能推开全脸，遮住泛红和痘印又不厚重。控油配方持妆八小时，午后不暗沉、不斑驳。混油皮和油皮尤其适合，干皮建议搭配保湿妆前。",
        description_en: "A watery, featherlight texture that covers redness and marks with a single pump. The oil-control formula wears for eight hours without dulling or breaking up. Ideal for combination and oily skin; dry skin should prep with a hydrating primer.",
        price_fen: (12900, 45000),
        options: &[FOUNDATION_SHADES],
        keywords: &["粉底液", "foundation", "底妆", "持妆"],
    },
    ProductDef {
        category: "beauty",
        title_zh: "柔焦遮瑕气垫",
        title_en: "Soft-Focus Cushion Foundation",
        description_zh: "细腻柔焦粉芯，拍开后毛孔和细纹被模糊掉，呈现奶油肌效果。中高遮瑕力，痘印和黑眼圈一拍就淡。附赠替换芯，出门补妆很方便。",
        description_en: "A fine soft-focus cushion that blurs pores and fine lines for a creamy skin finish. Medium-to-high coverage fades marks and dark circles in a few pats. Comes with a refill, so touch-ups on the go are easy.",
        price_fen: (9900, 36000),
        options: &[FOUNDATION_SHADES],
        keywords: &["气垫", "cushion", "底妆", "遮瑕"],
    },
    ProductDef {
        category: "beauty",
        title_zh: "九色大地眼影盘",
        title_en: "9-Pan Everyday Eyeshadow Palette",
        description_zh: "九色包含哑光、珠光和细闪，日常妆和约会妆一盘搞定。粉质细腻不飞粉，晕染过渡自然，新手也不容易画脏。配色温柔耐看，单眼皮内双都好驾驭。",
        description_en: "Nine shades of matte, shimmer and fine sparkle cover both everyday and date-night looks. The powders are finely milled, blend smoothly and barely kick up fallout, so beginners won't get muddy results. Soft, wearable tones suit monolids and hooded eyes alike.",
        price_fen: (12900, 42000),
        options: &[EYESHADOW_TONES],
        keywords: &["眼影盘", "eyeshadow", "眼妆", "眼影"],
    },
    ProductDef {
        category: "beauty",
        title_zh: "奶油质地腮红",
        title_en: "Cream Blush",
        description_zh: "奶油霜状质地，指腹点涂即可晕开，和底妆融合得很自然。上脸呈现由内而外的好气色，不会浮粉。可以兼作唇颊两用，出差一支就够。",
        description_en: "A soft cream that melts in with a fingertip and blends seamlessly into foundation. It gives a lit-from-within flush that never looks powdery. Doubles as a lip colour, so it's the only product you need for a trip.",
        price_fen: (7900, 26000),
        options: &[BLUSH_SHADES],
        keywords: &["腮红", "blush", "cream blush", "好气色"],
    },
    ProductDef {
        category: "beauty",
        title_zh: "纤长卷翘睫毛膏",
        title_en: "Lengthening Curl Mascara",
        description_zh: "细小弧形刷头，能刷到眼头和下睫毛，根根分明不结块。防水防晕配方，一整天都保持卷翘。温水就能卸除，对眼周更友好。",
        description_en: "A slim curved brush reaches inner-corner and lower lashes, separating each one without clumps. The smudge-proof, water-resistant formula holds the curl all day. Removes with warm water, so it's gentle on the eye area.",
        price_fen: (6900, 19900),
        options: &[MASCARA_COLOURS],
        keywords: &["睫毛膏", "mascara", "眼妆"],
    },
    ProductDef {
        category: "beauty",
        title_zh: "控油定妆喷雾 100ml",
        title_en: "Oil-Control Setting Spray 100ml",
        description_zh: "超细雾化喷头，喷在妆面上均匀不滴落。成膜后锁住底妆，减少口罩沾妆和出油斑驳。化妆前喷一次、完妆后再喷一次效果更好。",
        description_en: "An ultra-fine mist that covers the face evenly without dripping. It sets into a light film that locks makeup in place and cuts down on transfer and shine. Use once before makeup and again to finish for the best hold.",
        price_fen: (8900, 26000),
        options: &[],
        keywords: &["定妆喷雾", "setting spray", "持妆", "控油"],
    },
    ProductDef {
        category: "beauty",
        title_zh: "高光修容二合一盘",
        title_en: "Highlight & Contour Duo",
        description_zh: "一格细腻珠光高光、一格哑光修容，轻扫就能提升面部立体感。修容色不发灰不发脏，适合新手打造小V脸。高光是细闪而非大颗粒，日常也不会太夸张。",
        description_en: "One pan of fine pearl highlighter and one of matte contour sculpt the face with a light sweep. The contour shade never turns grey or muddy, making it beginner-friendly. The highlight is a subtle sheen rather than chunky glitter, so it works for every day.",
        price_fen: (9900, 29900),
        options: &[CONTOUR_TONES],
        keywords: &["修容", "高光", "contour", "highlighter"],
    },
    ProductDef {
        category: "beauty",
        title_zh: "三色调色遮瑕盘",
        title_en: "Tri-Colour Correcting Concealer Palette",
        description_zh: "橘色调遮黑眼圈，绿色调中和泛红，肤色调盖痘印，一盘解决三种瑕疵。膏体服帖不卡纹，叠加粉底也不会厚重。附带小刷子，精准点涂更方便。",
        description_en: "Peach cancels dark circles, green neutralises redness and a skin tone hides blemishes, so one palette handles three concerns. The balm sits smoothly without creasing and layers under foundation without cakiness. A small brush is included for precise dabbing.",
        price_fen: (7900, 22000),
        options: &[],
        keywords: &["遮瑕", "concealer", "黑眼圈", "痘印"],
    },
    ProductDef {
        category: "beauty",
        title_zh: "隐形毛孔妆前乳 30ml",
        title_en: "Pore-Blurring Primer 30ml",
        description_zh: "丝滑硅感质地，轻薄一层填平毛孔和凹凸，底妆更服帖。含控油粉体，T区出油明显减少。不含香精，敏感肌也可以放心使用。",
        description_en: "A silky primer that fills in pores and uneven texture so foundation glides on smoothly. Oil-absorbing powders keep the T-zone noticeably less shiny. Fragrance-free and suitable for sensitive skin.",
        price_fen: (9900, 28000),
        options: &[],
        keywords: &["妆前乳", "primer", "毛孔", "底妆"],
    },
    ProductDef {
        category: "beauty",
        title_zh: "极细防水眼线笔",
        title_en: "Ultra-Fine Waterproof Eyeliner",
        description_zh: "0.01mm极细笔尖，内眼线和下垂眼线都能轻松画出。速干防水，油皮下午也不晕成熊猫眼。笔触顺滑不断墨，手残党也能一笔成型。",
        description_en: "A 0.01 mm tip draws tightlines and soft downturned wings with ease. Quick-drying and waterproof, it won't smudge on oily lids by afternoon. The ink flows smoothly without skipping, so even shaky hands get a clean line.",
        price_fen: (4900, 15900),
        options: &[EYELINER_COLOURS],
        keywords: &["眼线笔", "eyeliner", "眼妆"],
    },
    ProductDef {
        category: "beauty",
        title_zh: "自然野生眉笔",
        title_en: "Natural Brow Pencil",
        description_zh: "极细扁头笔芯，可以一根一根画出毛流感，营造自然野生眉。另一头是螺旋眉刷，晕开边缘更柔和。持久不脱色，出汗也不容易掉。",
        description_en: "A flat, fine lead draws individual hair-like strokes for a natural, fluffy brow. The spoolie on the other end softens edges. Long-wearing and sweat-resistant, it stays put all day.",
        price_fen: (3900, 12900),
        options: &[BROW_SHADES],
        keywords: &["眉笔", "brow pencil", "眉毛"],
    },
    ProductDef {
        category: "beauty",
        title_zh: "控油柔焦散粉",
        title_en: "Oil-Control Setting Powder",
        description_zh: "粉质细如面粉，轻扫一层就能定住底妆，呈现柔雾哑光肌。吸油不吸水，油皮持妆一整天，干皮也不会显得干燥起皮。附带粉扑，按压定妆更服帖。",
        description_en: "Flour-fine powder that sets makeup with one light sweep for a soft matte finish. It absorbs oil without drawing out moisture, so oily skin stays matte all day and dry skin doesn't look flaky. A puff is included for pressing it into place.",
        price_fen: (8900, 29900),
        options: &[POWDER_SHADES],
        keywords: &["散粉", "setting powder", "定妆", "控油"],
    },
    ProductDef {
        category: "beauty",
        title_zh: "淡彩滋润唇膏",
        title_en: "Tinted Lip Balm",
        description_zh: "含荷荷巴油和蜂蜡，一涂就能抚平干燥起皮。淡淡的颜色刚好提气色，素颜也能用。秋冬换季放在包里随时补涂。",
        description_en: "Jojoba oil and beeswax smooth away dryness and flakes in one swipe. A hint of colour brightens your face even without makeup. Keep one in your bag for dry autumn and winter days.",
        price_fen: (3900, 12900),
        options: &[BALM_SHADES],
        keywords: &["润唇膏", "lip balm", "唇部护理"],
    },
    ProductDef {
        category: "beauty",
        title_zh: "化妆刷套装 8支",
        title_en: "8-Piece Makeup Brush Set",
        description_zh: "包含粉底刷、散粉刷、腮红刷、眼影刷等八支常用刷具，新手一套就够。纤维毛柔软不扎脸，抓粉均匀不吃粉。附带收纳筒，出差旅行也方便携带。",
        description_en: "Eight essentials including foundation, powder, blush and eyeshadow brushes: everything a beginner needs. Soft synthetic bristles pick up product evenly without soaking it up. Comes with a storage cup that's easy to pack for travel.",
        price_fen: (9900, 35000),
        options: &[],
        keywords: &["化妆刷", "makeup brushes", "化妆教程"],
    },
    // -- Skincare -------------------------------------------------------------------------
    ProductDef {
        category: "skincare",
        title_zh: "水光保湿精华液",
        title_en: "Hydrating Glow Serum",
        description_zh: "五重分子玻尿酸搭配泛醇，层层补水，上脸水润透亮。质地清爽像水一样，吸收很快，后续上妆不搓泥。干皮、混合皮和换季缺水的肌肤都适用。",
        description_en: "Five weights of hyaluronic acid with panthenol hydrate layer by layer for a dewy glow. The water-light texture absorbs quickly and won't pill under makeup. Suits dry and combination skin, and anyone feeling parched between seasons.",
        price_fen: (15900, 68000),
        options: &[SERUM_SIZES],
        keywords: &["精华液", "serum", "保湿", "补水"],
    },
    ProductDef {
        category: "skincare",
        title_zh: "维C焕亮精华",
        title_en: "Vitamin C Brightening Serum",
        description_zh: "含稳定型维C衍生物和阿魏酸，坚持使用能淡化暗沉和痘印。质地轻盈不黏腻，白天使用记得配合防晒。初次使用建议隔天一次，让皮肤慢慢建立耐受。",
        description_en: "A stable vitamin C derivative with ferulic acid fades dullness and post-acne marks with regular use. The light, non-sticky texture layers easily; pair it with sunscreen in the daytime. Start every other day so skin can build tolerance.",
        price_fen: (16900, 59000),
        options: &[SERUM_SIZES],
        keywords: &["维C精华", "vitamin C serum", "提亮", "淡斑"],
    },
    ProductDef {
        category: "skincare",
        title_zh: "A醇抗初老晚霜",
        title_en: "Retinol Renewal Night Cream",
        description_zh: "0.1%微囊包裹A醇，缓释不刺激，改善细纹和粗糙。添加神经酰胺和角鲨烷，边抗老边修护屏障。适合25岁以上开始抗初老的人群，孕期和哺乳期不建议使用。",
        description_en: "0.1% encapsulated retinol releases slowly to smooth fine lines and rough texture with less irritation. Ceramides and squalane support the skin barrier while it works. Ideal for anyone over 25 starting on anti-ageing; not recommended during pregnancy or breastfeeding.",
        price_fen: (19900, 78000),
        options: &[CREAM_SIZES],
        keywords: &["A醇", "retinol", "抗初老", "晚霜"],
    },
    ProductDef {
        category: "skincare",
        title_zh: "积雪草修护面霜",
        title_en: "Centella Repair Cream",
        description_zh: "积雪草提取物搭配神经酰胺，舒缓泛红、修护受损屏障。乳霜质地绵密却不油腻，涂完脸摸起来软软的。换季敏感、刷酸后或医美术后都可以用。",
        description_en: "Centella extract with ceramides calms redness and repairs a damaged barrier. The cream is rich yet not greasy, leaving skin soft to the touch. Good for seasonal sensitivity, after acids or following in-clinic treatments.",
        price_fen: (12900, 39900),
        options: &[CREAM_SIZES],
        keywords: &["面霜", "moisturizer", "修护", "敏感肌"],
    },
    ProductDef {
        category: "skincare",
        title_zh: "氨基酸温和洗面奶 120g",
        title_en: "Gentle Amino Acid Cleanser 120g",
        description_zh: "氨基酸表活，泡沫细密绵软，洗后不紧绷。能带走多余油脂和日常污垢，但不会过度清洁。早晚都能用，敏感肌和学生党都很友好。",
        description_en: "Amino acid surfactants whip into a soft, dense foam that leaves skin comfortable, never tight. It lifts excess oil and daily grime without over-stripping. Gentle enough for morning and night, and friendly to sensitive skin and student budgets.",
        price_fen: (5900, 16900),
        options: &[],
        keywords: &["洗面奶", "cleanser", "洁面", "氨基酸"],
    },
    ProductDef {
        category: "skincare",
        title_zh: "清透防晒乳 SPF50+",
        title_en: "Sheer Sunscreen SPF50+",
        description_zh: "SPF50+ PA++++高倍防护，通勤和户外都能用。质地像乳液一样清透，不泛白、不搓泥，可以直接当妆前。防水防汗，海边出游记得每两小时补涂。",
        description_en: "SPF50+ PA++++ protection for commutes and days outdoors. The lotion-light texture leaves no white cast, doesn't pill and works as a makeup base. Water- and sweat-resistant; at the beach, reapply every two hours.",
        price_fen: (9900, 29900),
        options: &[SUNSCREEN_SIZES],
        keywords: &["防晒霜", "sunscreen", "防晒", "SPF"],
    },
    ProductDef {
        category: "skincare",
        title_zh: "温和卸妆膏 100g",
        title_en: "Melting Cleansing Balm 100g",
        description_zh: "固体膏状，接触体温后化成油状，轻松溶解防水睫毛膏和防晒。乳化快、冲洗干净，不会糊眼也不闷闭口。卸完脸摸起来水润不干涩。",
        description_en: "A solid balm that melts into an oil on contact, dissolving waterproof mascara and sunscreen with ease. It emulsifies quickly and rinses clean without blurring vision or clogging pores. Skin feels soft, not stripped, afterwards.",
        price_fen: (8900, 25900),
        options: &[],
        keywords: &["卸妆膏", "cleansing balm", "卸妆"],
    },
    ProductDef {
        category: "skincare",
        title_zh: "神经酰胺保湿爽肤水",
        title_en: "Ceramide Hydrating Toner",
        description_zh: "含三重神经酰胺和甘油，质地微稠，拍在脸上迅速被吸收。可以手拍，也可以做湿敷。洁面后第一步使用，为后续精华打底。",
        description_en: "Three ceramides and glycerin in a slightly silky toner that sinks in fast. Pat it on by hand or soak cotton pads for a quick mask. Use it first after cleansing to prep skin for serum.",
        price_fen: (8900, 32000),
        options: &[TONER_SIZES],
        keywords: &["爽肤水", "toner", "湿敷", "保湿"],
    },
    ProductDef {
        category: "skincare",
        title_zh: "玻尿酸补水面膜 10片",
        title_en: "Hyaluronic Sheet Masks ×10",
        description_zh: "天丝膜布轻薄贴脸，精华液饱满但不滴落。敷15分钟，干燥起皮的脸马上喝饱水。熬夜后、上妆前或者坐飞机后都可以来一片。",
        description_en: "Thin lyocell sheets hug the face and are soaked in serum without dripping. Fifteen minutes leaves dry, flaky skin plump and quenched. Perfect after a late night, before makeup or after a flight.",
        price_fen: (6900, 19900),
        options: &[],
        keywords: &["面膜", "sheet mask", "补水"],
    },
    ProductDef {
        category: "skincare",
        title_zh: "胜肽淡纹眼霜 15g",
        title_en: "Peptide Firming Eye Cream 15g",
        description_zh: "多重胜肽搭配咖啡因，针对细纹、浮肿和黑眼圈。金属按摩头清凉舒服，早上用消肿效果明显。质地轻薄，上妆前使用也不会卡粉。",
        description_en: "Multiple peptides with caffeine target fine lines, puffiness and dark circles. The cooling metal applicator is especially de-puffing in the morning. Light enough to wear under concealer without creasing.",
        price_fen: (15900, 49900),
        options: &[],
        keywords: &["眼霜", "eye cream", "细纹", "黑眼圈"],
    },
    ProductDef {
        category: "skincare",
        title_zh: "水杨酸净痘精华",
        title_en: "Salicylic Acid Clarifying Serum",
        description_zh: "2%水杨酸深入毛孔，疏通闭口和黑头。搭配烟酰胺和锌，帮助控油、淡化痘印。刷酸新手建议从每周两到三次开始，白天务必防晒。",
        description_en: "2% salicylic acid works deep in pores to clear closed comedones and blackheads. Niacinamide and zinc help balance oil and fade marks. If you're new to acids, start two or three nights a week and always wear sunscreen.",
        price_fen: (9900, 29900),
        options: &[SERUM_SIZES],
        keywords: &["刷酸", "水杨酸", "acne", "闭口"],
    },
    ProductDef {
        category: "skincare",
        title_zh: "舒缓修护喷雾 150ml",
        title_en: "Soothing Face Mist 150ml",
        description_zh: "细腻喷雾含温泉水和红没药醇，随时给脸降温舒缓。空调房里干燥、晒后泛红时喷一喷就很舒服。也可以喷在粉扑上，让底妆更服帖。",
        description_en: "A fine mist of thermal spring water and bisabolol that cools and calms on the spot. A few sprays relieve dryness in air-conditioned rooms and redness after sun. Mist your sponge with it for a smoother foundation finish.",
        price_fen: (5900, 16900),
        options: &[],
        keywords: &["喷雾", "face mist", "舒缓", "晒后修护"],
    },
    ProductDef {
        category: "skincare",
        title_zh: "烟酰胺亮肤身体乳 250ml",
        title_en: "Niacinamide Body Lotion 250ml",
        description_zh: "5%烟酰胺搭配乳木果油，滋润的同时改善暗沉和鸡皮。质地好推开，吸收快不黏衣服。淡淡的白茶香，洗完澡涂一身心情很好。",
        description_en: "5% niacinamide with shea butter moisturises while evening out dullness and bumpy skin. It spreads easily and absorbs fast, so it won't stick to clothes. A soft white tea scent makes the post-shower routine a treat.",
        price_fen: (6900, 18900),
        options: &[],
        keywords: &["身体乳", "body lotion", "身体护理", "烟酰胺"],
    },
    ProductDef {
        category: "skincare",
        title_zh: "深层清洁泥膜 100g",
        title_en: "Purifying Clay Mask 100g",
        description_zh: "高岭土和火山泥吸附毛孔里的油脂和污垢，鼻翼黑头明显减少。敷8到10分钟即可冲洗，不要等完全干透。油皮每周两次，干皮只涂T区就好。",
        description_en: "Kaolin and volcanic clay draw oil and grime out of pores, visibly reducing blackheads around the nose. Rinse after 8 to 10 minutes, before it dries completely. Oily skin can use it twice a week; dry skin only on the T-zone.",
        price_fen: (7900, 22900),
        options: &[],
        keywords: &["泥膜", "clay mask", "清洁", "黑头"],
    },
    ProductDef {
        category: "skincare",
        title_zh: "滋养护手霜 50g",
        title_en: "Nourishing Hand Cream 50g",
        description_zh: "含乳木果油和尿囊素，滋润却不油手，涂完马上就能打字。淡淡的香气留香两三个小时。小巧一支，包里、办公桌上各放一支刚刚好。",
        description_en: "Shea butter and allantoin nourish without a greasy feel, so you can type straight away. The light fragrance lingers for two or three hours. Compact enough to keep one in your bag and one on your desk.",
        price_fen: (4900, 12900),
        options: &[HAND_CREAM_SCENTS],
        keywords: &["护手霜", "hand cream", "滋润"],
    },
    // -- Fashion --------------------------------------------------------------------------
    ProductDef {
        category: "fashion",
        title_zh: "垂感高腰阔腿西裤",
        title_en: "Drapey High-Rise Wide-Leg Trousers",
        description_zh: "醋酸混纺面料，垂坠感好，走路带风不起皱。高腰设计拉长腿部比例，小个子也能穿出气场。搭配衬衫或针织衫，通勤休闲都合适。",
        description_en: "An acetate-blend fabric with a fluid drape that moves beautifully and resists creasing. The high rise lengthens the leg, so they work on petite frames too. Pair with a shirt or knit for the office or the weekend.",
        price_fen: (15900, 49900),
        options: &[SIZES_CLOTHING, COLOURS_TROUSERS],
        keywords: &["阔腿裤", "wide leg trousers", "通勤穿搭", "西裤"],
    },
    ProductDef {
        category: "fashion",
        title_zh: "慵懒宽松针织开衫",
        title_en: "Relaxed Knit Cardigan",
        description_zh: "羊毛混纺纱线，软糯亲肤不扎人。宽松落肩版型，单穿或叠穿都很慵懒随性。春秋当外套，冬天可以搭在大衣里面。",
        description_en: "A soft wool-blend yarn that feels cosy and never itchy. The relaxed dropped-shoulder fit looks effortless worn alone or layered. A light jacket in spring and autumn, and a mid-layer under your coat in winter.",
        price_fen: (19900, 59900),
        options: &[SIZES_SML, COLOURS_KNIT],
        keywords: &["针织开衫", "cardigan", "针织", "chunky cardigan"],
    },
    ProductDef {
        category: "fashion",
        title_zh: "纯棉牛津纺白衬衫",
        title_en: "Cotton Oxford White Shirt",
        description_zh: "100%纯棉牛津纺，挺括有质感，越洗越软。微宽松版型，可以塞进裤腰也可以敞开当外套。衣橱基础款，一件能搭出好几种风格。",
        description_en: "100% cotton oxford cloth that feels crisp and softens with every wash. A slightly relaxed fit that works tucked in or worn open as a light jacket. A wardrobe staple that styles a dozen ways.",
        price_fen: (12900, 39900),
        options: &[SIZES_CLOTHING],
        keywords: &["白衬衫", "white shirt", "衬衫", "基础款"],
    },
    ProductDef {
        category: "fashion",
        title_zh: "复古水洗牛仔外套",
        title_en: "Vintage Wash Denim Jacket",
        description_zh: "经过石磨水洗处理，颜色自然做旧，有种穿了很多年的松弛感。面料厚实有型，春秋单穿正好。搭配卫衣或连衣裙都很出片。",
        description_en: "Stone-washed for a naturally faded, lived-in look. The sturdy denim holds its shape and is just right on its own in spring and autumn. Looks great over a hoodie or a dress.",
        price_fen: (25900, 69900),
        options: &[SIZES_CLOTHING],
        keywords: &["牛仔外套", "denim jacket", "复古"],
    },
    ProductDef {
        category: "fashion",
        title_zh: "高腰直筒牛仔裤",
        title_en: "High-Rise Straight Jeans",
        description_zh: "含少量弹力纤维，坐下蹲下都不勒。直筒裤型修饰腿型，遮住胯宽和腿部线条。九分长度露出脚踝，配乐福鞋和小白鞋都好看。",
        description_en: "A touch of stretch means no digging in when you sit or squat. The straight leg skims hips and thighs for a flattering line. The ankle length shows off loafers and white sneakers alike.",
        price_fen: (19900, 49900),
        options: &[SIZES_WAIST, WASHES_DENIM],
        keywords: &["牛仔裤", "straight leg jeans", "显瘦"],
    },
    ProductDef {
        category: "fashion",
        title_zh: "双面羊毛大衣",
        title_en: "Double-Faced Wool Coat",
        description_zh: "双面呢工艺，含羊毛90%，轻盈又保暖。手工缝制无里布，垂感好、线条干净。长度过膝，搭配毛衣和阔腿裤就是秋冬通勤标配。",
        description_en: "Double-faced construction with 90% wool: warm yet surprisingly light. Hand-finished seams and no lining give it a clean, fluid drape. Knee-length, it pairs with a sweater and wide-leg trousers for the autumn and winter commute.",
        price_fen: (89900, 299900),
        options: &[SIZES_CLOTHING, COLOURS_COAT],
        keywords: &["羊毛大衣", "wool coat", "大衣", "秋冬穿搭"],
    },
    ProductDef {
        category: "fashion",
        title_zh: "经典中长款风衣",
        title_en: "Classic Midi Trench Coat",
        description_zh: "高密棉质面料，防风又有一定防泼水效果。经典双排扣和腰带设计，系上显腰身、敞开很随性。春秋通勤必备，配牛仔裤或半身裙都合适。",
        description_en: "Dense cotton gabardine that blocks wind and shrugs off light showers. The classic double-breasted front and belt cinch the waist or hang open for a relaxed look. A spring and autumn essential over jeans or a skirt.",
        price_fen: (49900, 159900),
        options: &[SIZES_CLOTHING, COLOURS_BLACK_KHAKI],
        keywords: &["风衣", "trench coat", "通勤穿搭"],
    },
    ProductDef {
        category: "fashion",
        title_zh: "醋酸缎面半身裙",
        title_en: "Satin Midi Skirt",
        description_zh: "醋酸缎面自带柔和光泽，走动时像水波一样流动。松紧腰头舒适不勒，斜裁版型显瘦。搭配针织衫温柔，搭配T恤随性。",
        description_en: "Acetate satin with a soft sheen that ripples as you walk. The elastic waist is comfortable and the bias cut is flattering. Romantic with a knit, effortless with a tee.",
        price_fen: (15900, 45900),
        options: &[SIZES_SML, COLOURS_SATIN],
        keywords: &["半身裙", "slip skirt", "缎面"],
    },
    ProductDef {
        category: "fashion",
        title_zh: "新中式织金马面裙",
        title_en: "Woven-Gold Mamian Pleated Skirt",
        description_zh: "传统马面裙版型，两侧褶裥行走时层层展开。织金面料纹样精致，配短款针织或衬衫日常也能穿。过年拜年、拍照出游都很有氛围。",
        description_en: "A traditional mamian silhouette whose side pleats fan open as you walk. The gold-woven pattern is intricate, yet it styles easily with a cropped knit or shirt. Perfect for New Year visits and travel photos.",
        price_fen: (29900, 89900),
        options: &[SIZES_SML, COLOURS_MAMIAN],
        keywords: &["马面裙", "新中式", "国风", "汉服"],
    },
    ProductDef {
        category: "fashion",
        title_zh: "软牛皮乐福鞋",
        title_en: "Soft Leather Loafers",
        description_zh: "头层软牛皮，不磨脚，新鞋上脚就很舒服。2.5cm小跟，久走不累。配西裤通勤、配白袜和半身裙都很好看。",
        description_en: "Supple full-grain leather that's comfortable from the first wear, with no rubbing. A 2.5 cm heel keeps long walks easy. Wear them with trousers for work or with white socks and a skirt.",
        price_fen: (29900, 89900),
        options: &[SIZES_SHOES, COLOURS_BLACK_BROWN],
        keywords: &["乐福鞋", "loafers", "通勤穿搭"],
    },
    ProductDef {
        category: "fashion",
        title_zh: "百搭厚底小白鞋",
        title_en: "Everyday Platform White Sneakers",
        description_zh: "3.5cm厚底悄悄增高，鞋垫软弹，逛街一天脚不累。皮面好打理，湿巾一擦就干净。百搭基础款，裙子、牛仔裤、运动裤都能配。",
        description_en: "A 3.5 cm platform adds subtle height and the springy insole keeps your feet happy all day. The leather upper wipes clean in seconds. A versatile basic for skirts, jeans and joggers.",
        price_fen: (19900, 59900),
        options: &[SIZES_SHOES],
        keywords: &["小白鞋", "white sneakers", "百搭"],
    },
    ProductDef {
        category: "fashion",
        title_zh: "大容量帆布托特包",
        title_en: "Large Canvas Tote Bag",
        description_zh: "16安重磅帆布，硬挺不塌，能装下14寸电脑和水杯。内置拉链袋和手机隔层，小物件不乱跑。上班、上课、逛超市都很实用。",
        description_en: "Heavy 16 oz canvas that keeps its shape and fits a 14-inch laptop plus a water bottle. An inner zip pocket and phone sleeve keep small things in place. Practical for work, class or a grocery run.",
        price_fen: (9900, 29900),
        options: &[COLOURS_BAG],
        keywords: &["托特包", "tote bag", "通勤包"],
    },
    ProductDef {
        category: "fashion",
        title_zh: "重磅纯棉连帽卫衣",
        title_en: "Heavyweight Cotton Hoodie",
        description_zh: "400g重磅纯棉毛圈，厚实挺括不起球。落肩宽松版型，男女都能穿。单穿或内搭在大衣里都很有型。",
        description_en: "400 gsm heavyweight cotton terry that feels substantial and resists pilling. A relaxed, dropped-shoulder fit that works for everyone. Looks sharp on its own or layered under a coat.",
        price_fen: (15900, 45900),
        options: &[SIZES_CLOTHING, COLOURS_HOODIE],
        keywords: &["卫衣", "hoodie", "oversize"],
    },
    ProductDef {
        category: "fashion",
        title_zh: "法式碎花吊带裙",
        title_en: "French Floral Slip Dress",
        description_zh: "雪纺碎花面料轻盈透气，内衬不透。可调节肩带，V领设计修饰锁骨。夏天单穿，春秋外搭针织开衫就很法式。",
        description_en: "Light, airy floral chiffon with a full lining so it's never see-through. Adjustable straps and a V-neck frame the collarbones. Wear it alone in summer or under a cardigan in spring and autumn.",
        price_fen: (16900, 45900),
        options: &[SIZES_SML],
        keywords: &["吊带裙", "slip dress", "法式", "碎花裙"],
    },
    ProductDef {
        category: "fashion",
        title_zh: "修身单排扣西装外套",
        title_en: "Tailored Single-Breasted Blazer",
        description_zh: "含羊毛的精纺面料，挺括不易皱。微收腰剪裁，肩线利落，显得人很精神。上班配西裤，周末配牛仔裤也好看。",
        description_en: "A fine wool-blend suiting fabric that stays crisp and resists wrinkles. A lightly nipped waist and sharp shoulders give a polished silhouette. Wear it with trousers for work or jeans on the weekend.",
        price_fen: (39900, 119900),
        options: &[SIZES_CLOTHING, COLOURS_BLACK_GREY],
        keywords: &["西装外套", "blazer", "通勤穿搭"],
    },
    ProductDef {
        category: "fashion",
        title_zh: "桑蚕丝印花小方巾",
        title_en: "Mulberry Silk Square Scarf",
        description_zh: "100%桑蚕丝，手感顺滑，颜色饱满。53cm小方巾可以系在脖子上、绑头发或者挂在包上。送人也很有心意，附赠礼盒。",
        description_en: "100% mulberry silk with a smooth hand and rich colour. The 53 cm square can be tied at the neck, in your hair or on a bag handle. Comes gift-boxed, making it a thoughtful present.",
        price_fen: (12900, 39900),
        options: &[SCARF_PRINTS],
        keywords: &["丝巾", "silk scarf", "配饰"],
    },
    // -- Home -----------------------------------------------------------------------------
    ProductDef {
        category: "home",
        title_zh: "简约氛围落地灯",
        title_en: "Minimalist Ambient Floor Lamp",
        description_zh: "亚麻灯罩透出柔和暖光，客厅角落放一盏就很有氛围。三档色温可调，看书、追剧、睡前都合适。底座稳重，家有宠物也不容易碰倒。",
        description_en: "A linen shade diffuses soft, warm light, instantly making a corner feel cosy. Three colour temperatures suit reading, movie nights and winding down. A weighted base keeps it steady around pets.",
        price_fen: (19900, 69900),
        options: &[COLOURS_BLACK_WHITE],
        keywords: &["落地灯", "floor lamp", "氛围灯", "客厅"],
    },
    ProductDef {
        category: "home",
        title_zh: "可叠加透明收纳盒",
        title_en: "Stackable Clear Storage Box",
        description_zh: "高透PET材质，里面放了什么一眼就能看到。盒盖带卡扣，可以稳稳叠放三四层。衣柜、零食柜、化妆品都能分类收纳。",
        description_en: "Crystal-clear PET lets you see what's inside at a glance. Clip-on lids let you stack three or four high securely. Sort wardrobes, snack cupboards and makeup with ease.",
        price_fen: (2900, 9900),
        options: &[STORAGE_SIZES],
        keywords: &["收纳盒", "storage boxes", "收纳", "整理"],
    },
    ProductDef {
        category: "home",
        title_zh: "水洗棉床品四件套",
        title_en: "Washed Cotton Bedding Set",
        description_zh: "纯棉水洗工艺，自带自然褶皱，睡感柔软亲肤。包含被套、床单和两只枕套，颜色素雅耐看。越洗越软，不起球不掉色。",
        description_en: "Pure cotton that's pre-washed for a relaxed, naturally rumpled look and a soft feel against skin. The set includes a duvet cover, a sheet and two pillowcases in calm, easy colours. Gets softer with every wash without pilling or fading.",
        price_fen: (29900, 89900),
        options: &[BED_SIZES, COLOURS_BEDDING],
        keywords: &["四件套", "bedding", "床品", "卧室"],
    },
    ProductDef {
        category: "home",
        title_zh: "手工编织黄麻地毯",
        title_en: "Hand-Woven Jute Rug",
        description_zh: "天然黄麻手工编织，纹理粗犷自然，侘寂风和原木风都很搭。背面防滑处理，铺在沙发前不跑位。毛发灰尘用吸尘器就能清理。",
        description_en: "Hand-woven from natural jute with a rustic texture that suits wabi-sabi and Scandi rooms. A non-slip backing keeps it in place in front of the sofa. A quick vacuum picks up dust and pet hair.",
        price_fen: (29900, 129900),
        options: &[RUG_SIZES],
        keywords: &["地毯", "jute rug", "客厅", "原木风"],
    },
    ProductDef {
        category: "home",
        title_zh: "超声波静音香薰机",
        title_en: "Ultrasonic Aroma Diffuser",
        description_zh: "超声波冷雾，不加热也能保留精油香气。运行声音低于30分贝，放在卧室也不影响睡眠。带七彩夜灯和定时关机，缺水自动断电。",
        description_en: "Ultrasonic cool mist disperses essential oils without heat. It runs below 30 dB, quiet enough for the bedroom. Features a soft night light, a timer and automatic shut-off when the water runs out.",
        price_fen: (12900, 39900),
        options: &[COLOURS_WHITE_WOOD],
        keywords: &["香薰机", "diffuser", "香薰", "助眠"],
    },
    ProductDef {
        category: "home",
        title_zh: "高遮光隔热窗帘",
        title_en: "Blackout Thermal Curtain",
        description_zh: "三层织物结构，遮光率可达95%，白天补觉也很安稳。隔热保温，夏天西晒的房间明显更凉快。挂钩式安装，可以直接机洗。",
        description_en: "A triple-weave fabric blocks up to 95% of light, so daytime naps are easy. It insulates too, keeping west-facing rooms noticeably cooler in summer. Hangs with hooks and is machine-washable.",
        price_fen: (9900, 39900),
        options: &[CURTAIN_SIZES, COLOURS_CURTAIN],
        keywords: &["窗帘", "blackout curtains", "遮光", "卧室"],
    },
    ProductDef {
        category: "home",
        title_zh: "实木小圆边几",
        title_en: "Solid Wood Round Side Table",
        description_zh: "北美白橡木实木制作，木纹清晰，边角打磨圆润。放在沙发旁或床头，放杯子、书和台灯刚刚好。免工具安装，几分钟就能组装好。",
        description_en: "Solid North American white oak with clear grain and smoothly rounded edges. Beside the sofa or bed, it holds a mug, a book and a lamp. Tool-free assembly takes just a few minutes.",
        price_fen: (19900, 59900),
        options: &[COLOURS_WOOD],
        keywords: &["边几", "side table", "实木"],
    },
    ProductDef {
        category: "home",
        title_zh: "碳钢多层置物架",
        title_en: "Steel Multi-Tier Shelving Unit",
        description_zh: "加厚碳钢管材，每层承重可达30kg。层高可以自由调节，厨房、浴室、阳台都能用。底部带万向轮，打扫卫生时推开很方便。",
        description_en: "Thick carbon-steel tubing holds up to 30 kg per shelf. Adjustable shelf heights suit kitchens, bathrooms and balconies. Lockable castors roll it aside when you clean.",
        price_fen: (9900, 39900),
        options: &[SHELF_TIERS],
        keywords: &["置物架", "shelving", "收纳"],
    },
    ProductDef {
        category: "home",
        title_zh: "懒人豆袋沙发",
        title_en: "Bean Bag Lounge Chair",
        description_zh: "内填EPP颗粒，回弹好、不易塌，怎么躺都能贴合身体曲线。外套是加厚科技布，防泼水好清洁，可以拆下来洗。窝在上面看书打游戏，一下午就过去了。",
        description_en: "Filled with resilient EPP beads that hold their shape and mould to your body however you flop. The thick tech-fabric cover repels spills and unzips for washing. Sink in with a book or a game and the afternoon disappears.",
        price_fen: (29900, 99900),
        options: &[COLOURS_SOFA],
        keywords: &["懒人沙发", "bean bag", "客厅", "沙发"],
    },
    ProductDef {
        category: "home",
        title_zh: "洞洞板墙面收纳套装",
        title_en: "Pegboard Wall Storage Kit",
        description_zh: "套装包含洞洞板、挂钩、隔板和收纳篮，可以自由组合。免打孔安装，租房也能放心用。桌面上方装一块，充电线、文具、小绿植都有了归宿。",
        description_en: "The kit comes with a pegboard, hooks, shelves and baskets to arrange however you like. No-drill mounting makes it renter-friendly. Put one above your desk and cables, stationery and a small plant all find a home.",
        price_fen: (8900, 29900),
        options: &[COLOURS_WHITE_WOOD],
        keywords: &["洞洞板", "pegboard", "桌面收纳", "租房改造"],
    },
    ProductDef {
        category: "home",
        title_zh: "大豆蜡香薰蜡烛 200g",
        title_en: "Soy Wax Scented Candle 200g",
        description_zh: "天然大豆蜡搭配棉芯，燃烧干净少黑烟，可燃烧约45小时。前中后调层次丰富，点上十分钟满屋都香。玻璃杯用完可以洗干净当笔筒或花器。",
        description_en: "Natural soy wax with a cotton wick burns cleanly for about 45 hours. Layered top, heart and base notes fill a room within ten minutes. Wash out the glass afterwards to reuse as a pen pot or vase.",
        price_fen: (8900, 32000),
        options: &[CANDLE_SCENTS],
        keywords: &["香薰蜡烛", "candle", "氛围感", "香氛"],
    },
    ProductDef {
        category: "home",
        title_zh: "粗陶手作餐具套装",
        title_en: "Handmade Stoneware Dinner Set",
        description_zh: "手工拉坯，釉色每件都略有不同，带着自然的窑变质感。可以进微波炉和洗碗机，日常使用很省心。拍美食照片也特别出片。",
        description_en: "Hand-thrown stoneware, each piece with its own subtle variation in glaze. Microwave- and dishwasher-safe for stress-free daily use. It also makes food photos look wonderful.",
        price_fen: (15900, 59900),
        options: &[DINNERWARE_SETS],
        keywords: &["餐具", "stoneware", "碗盘", "厨房"],
    },
    ProductDef {
        category: "home",
        title_zh: "落地全身穿衣镜",
        title_en: "Full-Length Floor Mirror",
        description_zh: "高清银镜成像清晰不变形，显瘦又显高。窄边框设计简约，可以靠墙放也可以挂墙。每天出门前拍一张穿搭照正好。",
        description_en: "A silver-backed mirror with a true, undistorted reflection that flatters your proportions. The slim frame looks clean leaning against a wall or mounted on it. Perfect for a quick outfit photo before you head out.",
        price_fen: (19900, 59900),
        options: &[COLOURS_MIRROR],
        keywords: &["穿衣镜", "full-length mirror", "卧室"],
    },
    ProductDef {
        category: "home",
        title_zh: "扫拖一体扫地机器人",
        title_en: "Robot Vacuum & Mop",
        description_zh: "激光导航精准建图，能自动规划路线、避开拖鞋和电线。扫拖同步进行，拖布自动抬升，遇到地毯不会弄湿。手机就能设置禁区和定时清扫，养宠家庭很省心。",
        description_en: "Laser navigation maps your home precisely and steers around slippers and cables. It sweeps and mops in one pass, lifting the mop pad over rugs so they stay dry. Set no-go zones and schedules from your phone: a lifesaver for pet owners.",
        price_fen: (129900, 399900),
        options: &[VACUUM_EDITIONS],
        keywords: &["扫地机器人", "robot vacuum", "清洁", "懒人"],
    },
    ProductDef {
        category: "home",
        title_zh: "水洗亚麻抱枕套 45cm",
        title_en: "Washed Linen Cushion Cover 45cm",
        description_zh: "法国亚麻水洗处理，柔软透气，有自然的褶皱肌理。隐形拉链设计，换季时很方便拆洗。几个颜色混搭，沙发马上换个心情。",
        description_en: "French flax linen, washed until soft and breathable, with a natural crinkled texture. A hidden zip makes swapping and washing easy. Mix a few colours to refresh your sofa in seconds.",
        price_fen: (3900, 12900),
        options: &[COLOURS_LINEN],
        keywords: &["抱枕", "cushion cover", "亚麻", "沙发"],
    },
    ProductDef {
        category: "home",
        title_zh: "无框装饰挂画",
        title_en: "Frameless Wall Art Print",
        description_zh: "艺术微喷工艺，颜色还原度高，近看也很细腻。无框设计配无痕挂钩，不用打孔也能挂。放在玄关、沙发背景墙或床头都很有氛围。",
        description_en: "Giclée-printed for accurate colour and fine detail up close. Frameless, with damage-free hooks so there's no drilling. Lovely in an entryway, above the sofa or over the bed.",
        price_fen: (9900, 39900),
        options: &[ART_SIZES],
        keywords: &["挂画", "wall art", "装饰画", "软装"],
    },
    // -- Food -----------------------------------------------------------------------------
    ProductDef {
        category: "food",
        title_zh: "每日坚果 25g×30包",
        title_en: "Daily Mixed Nuts 25g ×30",
        description_zh: "巴旦木、腰果、核桃、榛子搭配蓝莓干和蔓越莓干，每包都是科学配比。低温烘焙不加盐，保留坚果本身的香脆。独立小包装，放在办公室和包里随时吃。",
        description_en: "Almonds, cashews, walnuts and hazelnuts with dried blueberries and cranberries in a balanced mix. Slow-roasted with no added salt to keep the natural crunch. Individual packs to keep at your desk or in your bag.",
        price_fen: (8900, 16900),
        options: &[],
        keywords: &["坚果", "nuts", "零食", "健康零食"],
    },
    ProductDef {
        category: "food",
        title_zh: "爆浆芋泥麻薯 8只装",
        title_en: "Filled Mochi ×8",
        description_zh: "外皮软糯拉丝，里面是满满的爆浆内馅。甜度适中不腻口，冷藏后口感更Q弹。下午茶配一杯热茶刚刚好。",
        description_en: "Soft, stretchy mochi skins packed with a generous oozing filling. Sweet but not cloying, and even chewier straight from the fridge. Just right with a cup of tea in the afternoon.",
        price_fen: (2990, 5990),
        options: &[MOCHI_FLAVOURS],
        keywords: &["麻薯", "mochi", "芋泥", "下午茶"],
    },
    ProductDef {
        category: "food",
        title_zh: "精品挂耳咖啡 10包",
        title_en: "Specialty Drip Coffee Bags ×10",
        description_zh: "精选阿拉比卡咖啡豆，新鲜烘焙后研磨充氮保鲜。挂在杯子上，用92℃左右的热水慢慢注入即可。没有手冲器具，在办公室也能喝到一杯好咖啡。",
        description_en: "Selected Arabica beans, freshly roasted, ground and nitrogen-flushed to stay fresh. Hang a bag over your cup and pour slowly with water at around 92°C. A proper pour-over at the office with no gear required.",
        price_fen: (4900, 12900),
        options: &[COFFEE_ROASTS],
        keywords: &["挂耳咖啡", "coffee", "手冲咖啡", "打工人"],
    },
    ProductDef {
        category: "food",
        title_zh: "高山乌龙茶 100g罐装",
        title_en: "High-Mountain Oolong Tea 100g Tin",
        description_zh: "产自海拔千米以上的茶园，条索紧结，冲泡后兰花香明显。茶汤金黄透亮，回甘持久，一泡可以冲六七次。密封铁罐防潮，送长辈也很体面。",
        description_en: "Grown above 1,000 metres, with tightly rolled leaves that open to a clear orchid aroma. The liquor is bright gold with a long, sweet finish over six or seven infusions. The sealed tin keeps it fresh and makes a thoughtful gift.",
        price_fen: (9900, 39900),
        options: &[],
        keywords: &["乌龙茶", "oolong tea", "茶叶", "喝茶"],
    },
    ProductDef {
        category: "food",
        title_zh: "烘焙燕麦脆 500g",
        title_en: "Baked Oat Granola 500g",
        description_zh: "整粒燕麦加坚果和冻干水果低温烘烤，颗颗酥脆。配酸奶、牛奶或者直接干吃都可以。添加糖少，早餐来一碗饱腹感很强。",
        description_en: "Whole oats, nuts and freeze-dried fruit slow-baked into crunchy clusters. Eat it with yogurt, with milk or by the handful. Low in added sugar and properly filling at breakfast.",
        price_fen: (3900, 8900),
        options: &[GRANOLA_FLAVOURS],
        keywords: &["燕麦脆", "granola", "早餐", "酸奶碗"],
    },
    ProductDef {
        category: "food",
        title_zh: "牛油麻辣火锅底料",
        title_en: "Beef Tallow Spicy Hotpot Base",
        description_zh: "牛油炒制，加入郫县豆瓣、花椒和干辣椒，麻辣鲜香层次足。一块可以煮三到四人份，在家也能吃到火锅店的味道。煮麻辣烫、做干锅也很好用。",
        description_en: "Fried in beef tallow with Pixian bean paste, Sichuan pepper and dried chillies for a deep, numbing heat. One block makes hotpot for three or four, restaurant-style at home. Also great for malatang or dry pot dishes.",
        price_fen: (1990, 4990),
        options: &[SPICE_LEVELS],
        keywords: &["火锅", "hot pot", "火锅底料", "麻辣烫"],
    },
    ProductDef {
        category: "food",
        title_zh: "鲜肉生煎包 速冻",
        title_en: "Frozen Pan-Fried Pork Buns",
        description_zh: "猪后腿肉手工调馅，皮薄汁多，咬一口会爆汁。无需解冻，平底锅加油加水焖煎八分钟，底部金黄酥脆。撒上芝麻和葱花，早餐十分钟搞定。",
        description_en: "Hand-mixed pork filling in thin wrappers that burst with broth at the first bite. Cook from frozen: pan-fry with a splash of oil and water for eight minutes until the bottoms are golden and crisp. Add sesame and spring onion for a ten-minute breakfast.",
        price_fen: (3990, 8990),
        options: &[BUN_PACKS],
        keywords: &["生煎包", "pan-fried buns", "早餐", "速冻"],
    },
    ProductDef {
        category: "food",
        title_zh: "黄油可颂冷冻生胚 10只",
        title_en: "Frozen Butter Croissant Dough ×10",
        description_zh: "使用发酵黄油，层层开酥，烤出来有漂亮的蜂窝组织。空气炸锅或烤箱180℃烤15分钟左右即可。周末早上在家就能吃到刚出炉的可颂。",
        description_en: "Made with cultured butter and laminated into dozens of layers for a beautiful honeycomb crumb. Bake in an air fryer or oven at 180°C for about 15 minutes. Fresh-from-the-oven croissants at home on a weekend morning.",
        price_fen: (4990, 9990),
        options: &[],
        keywords: &["可颂", "croissants", "烘焙", "空气炸锅"],
    },
    ProductDef {
        category: "food",
        title_zh: "椰子鸡火锅套餐",
        title_en: "Coconut Chicken Hotpot Kit",
        description_zh: "套餐含椰子水、文昌鸡块、竹荪和沙姜蘸料，开袋即煮。椰子水清甜，鸡肉滑嫩，汤底越煮越鲜。两到三人份，在家也能吃到海南味道。",
        description_en: "The kit includes coconut water, Wenchang chicken pieces, bamboo fungus and a sand-ginger dip, ready to cook. Sweet coconut broth and tender chicken that only gets better as it simmers. Serves two to three: a taste of Hainan at home.",
        price_fen: (5990, 12900),
        options: &[],
        keywords: &["椰子鸡", "coconut chicken", "火锅"],
    },
    ProductDef {
        category: "food",
        title_zh: "天然成熟百花蜂蜜 500g",
        title_en: "Raw Wildflower Honey 500g",
        description_zh: "蜂巢内自然成熟后采收，波美度高，口感浓稠。不添加糖浆，低温天气会自然结晶。冲温水、抹吐司或者做烘焙都可以。",
        description_en: "Harvested only once fully ripened in the comb, so it's thick and rich. No added syrups; it crystallises naturally in cool weather. Stir into warm water, spread on toast or use in baking.",
        price_fen: (6900, 29900),
        options: &[],
        keywords: &["蜂蜜", "honey", "早餐"],
    },
    ProductDef {
        category: "food",
        title_zh: "特级初榨橄榄油 500ml",
        title_en: "Extra Virgin Olive Oil 500ml",
        description_zh: "冷压初榨，酸度低于0.3%，带有青草和果香。适合凉拌沙拉、蘸面包，也可以低温炒菜。深色玻璃瓶避光保存，开封后建议三个月内用完。",
        description_en: "Cold-pressed with acidity below 0.3% and grassy, fruity notes. Perfect for salads and dipping bread, or for gentle cooking. The dark glass bottle protects it from light; use within three months of opening.",
        price_fen: (6900, 19900),
        options: &[],
        keywords: &["橄榄油", "olive oil", "轻食", "沙拉"],
    },
    ProductDef {
        category: "food",
        title_zh: "纯可可脂黑巧克力",
        title_en: "Pure Cocoa Butter Dark Chocolate",
        description_zh: "只用可可脂，不含代可可脂，入口丝滑，带有果酸和坚果香。小方块独立包装，嘴馋时来一块很满足。控糖期间也能适量吃。",
        description_en: "Made only with cocoa butter, never substitutes, for a silky melt with fruity and nutty notes. Individually wrapped squares satisfy a craving one piece at a time. A reasonable treat even when you're cutting back on sugar.",
        price_fen: (2990, 8900),
        options: &[COCOA_LEVELS],
        keywords: &["黑巧克力", "dark chocolate", "零食", "控糖"],
    },
    ProductDef {
        category: "food",
        title_zh: "手搓冰粉原料套装",
        title_en: "DIY Ice Jelly Kit",
        description_zh: "套装含冰粉粉、红糖浆、山楂碎、葡萄干和花生碎，一包能做四到六碗。开水冲调、冷却凝固就可以吃，做法非常简单。夏天冰镇一下，清凉解暑。",
        description_en: "Includes ice jelly powder, brown sugar syrup, hawthorn bits, raisins and crushed peanuts: four to six bowls per pack. Just mix with boiling water and let it set as it cools. Chill it on a hot summer day for instant relief.",
        price_fen: (1990, 3990),
        options: &[ICE_JELLY_FLAVOURS],
        keywords: &["冰粉", "ice jelly", "夏日甜品"],
    },
    ProductDef {
        category: "food",
        title_zh: "冲泡奶茶 6杯装",
        title_en: "Instant Milk Tea ×6",
        description_zh: "锡兰红茶底配上生牛乳粉，茶味浓、奶味足。热水一冲就是一杯，还附带小料包。办公室下午犯困时来一杯，比外卖更省钱。",
        description_en: "A Ceylon black tea base with whole milk powder for a strong tea flavour and creamy finish. Just add hot water, with a topping sachet included. An afternoon pick-me-up at the office that costs less than delivery.",
        price_fen: (3900, 7900),
        options: &[MILK_TEA_FLAVOURS],
        keywords: &["奶茶", "milk tea", "芋泥奶茶", "下午茶"],
    },
    ProductDef {
        category: "food",
        title_zh: "全麦贝果 6只装",
        title_en: "Whole Wheat Bagels ×6",
        description_zh: "全麦粉含量超过50%，先煮后烤，外皮韧、内里扎实有嚼劲。对半切开烤一下，夹奶油奶酪或牛油果都好吃。冷冻保存，吃前复热即可。",
        description_en: "Over 50% whole wheat flour, boiled then baked for a chewy crust and a dense, satisfying crumb. Split and toast, then top with cream cheese or avocado. Store frozen and reheat before eating.",
        price_fen: (2990, 5990),
        options: &[BAGEL_FLAVOURS],
        keywords: &["贝果", "bagels", "全麦", "早餐"],
    },
    ProductDef {
        category: "food",
        title_zh: "即食低脂鸡胸肉 10袋",
        title_en: "Ready-to-Eat Chicken Breast ×10",
        description_zh: "整块鸡胸肉低温慢煮，肉质嫩而不柴。每袋100g，蛋白质约22g，开袋即食。健身和减脂期间的午餐、加餐都很方便。",
        description_en: "Whole chicken breasts slow-cooked at low temperature so they stay tender, never dry. Each 100 g pouch has around 22 g of protein and is ready to eat. Handy for lunches and snacks when training or cutting.",
        price_fen: (4990, 9990),
        options: &[CHICKEN_FLAVOURS],
        keywords: &["鸡胸肉", "chicken breast", "减脂餐", "高蛋白"],
    },
    // -- Electronics ----------------------------------------------------------------------
    ProductDef {
        category: "digital",
        title_zh: "主动降噪头戴式耳机",
        title_en: "Active Noise Cancelling Headphones",
        description_zh: "自适应主动降噪，地铁和飞机上的轰鸣声明显减弱。40mm动圈单元，低频饱满、人声清晰。续航40小时，快充10分钟能听5小时。",
        description_en: "Adaptive noise cancelling noticeably quiets the rumble of trains and planes. 40 mm drivers deliver full bass and clear vocals. 40 hours of battery, and a 10-minute quick charge gives 5 hours of play.",
        price_fen: (39900, 199900),
        options: &[COLOURS_AUDIO],
        keywords: &["降噪耳机", "headphones", "降噪", "通勤"],
    },
    ProductDef {
        category: "digital",
        title_zh: "半入耳真无线蓝牙耳机",
        title_en: "Semi-In-Ear True Wireless Earbuds",
        description_zh: "半入耳设计，长时间佩戴耳朵不胀痛。蓝牙5.3连接稳定，打游戏延迟低。单次续航6小时，配合充电盒可用30小时。",
        description_en: "A semi-in-ear fit that stays comfortable for hours without ear fatigue. Bluetooth 5.3 keeps the connection stable with low latency for gaming. 6 hours per charge and 30 hours with the case.",
        price_fen: (19900, 89900),
        options: &[COLOURS_BLACK_WHITE_DEVICE],
        keywords: &["蓝牙耳机", "wireless earbuds", "耳机"],
    },
    ProductDef {
        category: "digital",
        title_zh: "75%配列机械键盘",
        title_en: "75% Mechanical Keyboard",
        description_zh: "Gasket结构配合多层消音棉，敲击声音清脆柔和。支持热插拔，轴体可以自己更换。有线、蓝牙、2.4G三模连接，电脑平板都能用。",
        description_en: "A gasket-mounted build with layered dampening foam for a soft, satisfying sound. Hot-swappable sockets let you change switches yourself. Tri-mode wired, Bluetooth and 2.4 GHz connectivity works with computers and tablets.",
        price_fen: (29900, 89900),
        options: &[KEYBOARD_SWITCHES, COLOURS_KEYBOARD],
        keywords: &["机械键盘", "mechanical keyboard", "桌搭"],
    },
    ProductDef {
        category: "digital",
        title_zh: "20000mAh快充充电宝",
        title_en: "20,000mAh Fast-Charge Power Bank",
        description_zh: "20000毫安大容量，能给手机充满四次左右。支持双向快充，30分钟充到一半多。自带数显屏，剩余电量一目了然，符合民航登机要求。",
        description_en: "20,000 mAh is enough to charge a phone about four times. Two-way fast charging tops up more than half in 30 minutes. A digital display shows the remaining charge, and it's approved for carry-on luggage.",
        price_fen: (12900, 32900),
        options: &[COLOURS_BLACK_WHITE_DEVICE],
        keywords: &["充电宝", "power bank", "快充", "出行"],
    },
    ProductDef {
        category: "digital",
        title_zh: "智能运动手表",
        title_en: "Smart Fitness Watch",
        description_zh: "AMOLED高清屏，阳光下也看得清。支持心率、血氧、睡眠监测和上百种运动模式，内置GPS跑步不用带手机。典型使用续航可达12天。",
        description_en: "A crisp AMOLED screen that stays readable in bright sun. Tracks heart rate, blood oxygen, sleep and over a hundred workouts, with built-in GPS so you can run without your phone. Up to 12 days of battery with typical use.",
        price_fen: (59900, 249900),
        options: &[WATCH_SIZES, COLOURS_WATCH],
        keywords: &["智能手表", "smartwatch", "运动手表"],
    },
    ProductDef {
        category: "digital",
        title_zh: "27英寸4K高清显示器",
        title_en: "27-inch 4K Monitor",
        description_zh: "4K分辨率配合98% DCI-P3色域，修图剪视频颜色更准确。支持65W Type-C一线连接，笔记本插上就能充电。升降旋转支架，可以竖屏看代码。",
        description_en: "4K resolution and 98% DCI-P3 coverage for accurate colour when editing photos and video. One USB-C cable carries the picture and 65 W of charging to your laptop. A height-adjustable, rotating stand lets you go portrait for code.",
        price_fen: (149900, 399900),
        options: &[],
        keywords: &["显示器", "monitor", "桌搭", "4K"],
    },
    ProductDef {
        category: "digital",
        title_zh: "七合一Type-C扩展坞",
        title_en: "7-in-1 USB-C Hub",
        description_zh: "一个接口扩展出HDMI、USB-A、SD/TF读卡器和100W PD充电。4K 60Hz投屏不卡顿，开会接投影很方便。铝合金外壳散热好，体积小，放进电脑包不占地方。",
        description_en: "One port becomes HDMI, USB-A, SD/microSD readers and 100 W PD passthrough. 4K at 60 Hz output stays smooth when you present in meetings. The aluminium shell dissipates heat and slips easily into a laptop bag.",
        price_fen: (12900, 39900),
        options: &[],
        keywords: &["扩展坞", "docking station", "拓展坞", "笔记本"],
    },
    ProductDef {
        category: "digital",
        title_zh: "智能便携投影仪",
        title_en: "Portable Smart Projector",
        description_zh: "1080P原生分辨率，自动对焦和梯形校正，随手一放就是方方正正的画面。内置音响和智能系统，不用接电脑就能看片。卧室墙面投出100英寸，秒变私人影院。",
        description_en: "Native 1080p with auto-focus and keystone correction, so the picture squares up wherever you set it down. Built-in speakers and a smart system stream films without a laptop. Throw 100 inches onto the bedroom wall for a private cinema.",
        price_fen: (149900, 459900),
        options: &[],
        keywords: &["投影仪", "projector", "卧室影院"],
    },
    ProductDef {
        category: "digital",
        title_zh: "磁吸防摔手机壳",
        title_en: "Magnetic Drop-Proof Phone Case",
        description_zh: "内置强磁圈，支持磁吸充电和磁吸支架。四角气囊加厚，1.5米跌落测试不碎屏。镜头和屏幕边缘都有凸起保护，放桌面不刮花。",
        description_en: "A built-in magnet ring works with magnetic chargers and mounts. Reinforced corner airbags survive 1.5-metre drop tests. Raised edges around the lens and screen prevent scratches when it's face down.",
        price_fen: (4900, 15900),
        options: &[PHONE_MODELS, COLOURS_CASE],
        keywords: &["手机壳", "phone case", "磁吸"],
    },
    ProductDef {
        category: "digital",
        title_zh: "铝合金桌面手机支架",
        title_en: "Aluminium Desk Phone Stand",
        description_zh: "一体成型铝合金，稳重不晃，底部有防滑硅胶垫。角度和高度都可以调节，视频会议、追剧、看菜谱都方便。平板也能稳稳支撑。",
        description_en: "A solid aluminium stand that doesn't wobble, with non-slip silicone pads underneath. Adjust the height and angle for video calls, shows or recipes. Sturdy enough for a tablet too.",
        price_fen: (2900, 9900),
        options: &[COLOURS_ALUMINIUM],
        keywords: &["手机支架", "phone stand", "桌搭"],
    },
    ProductDef {
        category: "digital",
        title_zh: "户外防水蓝牙音箱",
        title_en: "Portable Waterproof Bluetooth Speaker",
        description_zh: "IP67防尘防水，掉进水里捞起来照样能用。360°环绕声场，露营时放在中间大家都听得清楚。续航约20小时，还能两台串联组立体声。",
        description_en: "IP67 dust- and waterproof: drop it in the water, fish it out, keep playing. 360° sound fills a campsite for everyone. Around 20 hours of playback, and two units can pair for stereo.",
        price_fen: (19900, 79900),
        options: &[COLOURS_AUDIO],
        keywords: &["蓝牙音箱", "speaker", "露营"],
    },
    ProductDef {
        category: "digital",
        title_zh: "墨水屏电子阅读器",
        title_en: "E-Ink E-Reader",
        description_zh: "7英寸300ppi墨水屏，像纸书一样不刺眼，长时间阅读也不累。冷暖双色阅读灯，晚上关灯看书很舒服。一次充电能用好几周，支持多种电子书格式。",
        description_en: "A 7-inch 300 ppi e-ink screen that reads like paper and is easy on the eyes for hours. A warm-and-cool front light makes reading in the dark comfortable. One charge lasts weeks, and it handles many ebook formats.",
        price_fen: (69900, 189900),
        options: &[READER_STORAGE, COLOURS_BLACK_WHITE_DEVICE],
        keywords: &["电子阅读器", "e-reader", "阅读", "墨水屏"],
    },
    ProductDef {
        category: "digital",
        title_zh: "65W氮化镓快充充电器",
        title_en: "65W GaN Fast Charger",
        description_zh: "氮化镓技术让体积缩小一半，放进口袋不占地方。两个Type-C口加一个USB-A口，笔记本、手机、耳机可以同时充。插脚可折叠，出差旅行只带它一个就够。",
        description_en: "GaN technology makes it half the size of a standard charger, small enough for a pocket. Two USB-C ports and one USB-A charge a laptop, phone and earbuds at once. Folding prongs make it the only charger you need on a trip.",
        price_fen: (9900, 25900),
        options: &[COLOURS_BLACK_WHITE_DEVICE],
        keywords: &["充电器", "charger", "快充", "氮化镓"],
    },
    ProductDef {
        category: "digital",
        title_zh: "4K高清网络摄像头",
        title_en: "4K Webcam",
        description_zh: "4K传感器加自动对焦，网课和视频会议画面清晰。自带补光和双降噪麦克风，光线差的房间也能看清脸。免驱动即插即用，带隐私遮挡盖。",
        description_en: "A 4K sensor with autofocus keeps online classes and video calls sharp. Built-in fill light and dual noise-reducing mics help even in dim rooms. Plug-and-play with no drivers, plus a privacy shutter.",
        price_fen: (29900, 89900),
        options: &[],
        keywords: &["摄像头", "webcam", "网课", "视频会议"],
    },
    ProductDef {
        category: "digital",
        title_zh: "防抖运动相机",
        title_en: "Stabilised Action Camera",
        description_zh: "六轴防抖，骑行、跑步、滑雪拍出来的画面依然稳定。裸机防水10米，浮潜不用额外加壳。支持4K 60帧录制和前置翻转屏，vlog自拍很方便。",
        description_en: "Six-axis stabilisation keeps footage smooth while cycling, running or skiing. Waterproof to 10 metres without a housing, so snorkelling is easy. Records 4K at 60 fps and has a front screen for vlogging.",
        price_fen: (99900, 299900),
        options: &[],
        keywords: &["运动相机", "action camera", "vlog"],
    },
    ProductDef {
        category: "digital",
        title_zh: "静音无线鼠标",
        title_en: "Silent Wireless Mouse",
        description_zh: "静音微动，点击几乎没声音，图书馆和办公室都不打扰别人。蓝牙和2.4G双模，可以在电脑和平板之间一键切换。人体工学弧度，长时间握着手腕不酸。",
        description_en: "Silent switches make clicks nearly inaudible, perfect for libraries and open offices. Dual-mode Bluetooth and 2.4 GHz switch between computer and tablet at the press of a button. An ergonomic curve keeps your wrist comfortable for hours.",
        price_fen: (7900, 29900),
        options: &[COLOURS_MOUSE],
        keywords: &["鼠标", "wireless mouse", "办公"],
    },
    // -- Sports and outdoors --------------------------------------------------------------
    ProductDef {
        category: "sports",
        title_zh: "高强度防震运动内衣",
        title_en: "High-Support Sports Bra",
        description_zh: "交叉美背设计，包裹性强，跑跳时有效减少晃动。面料速干透气，出汗后也不闷。可拆卸胸垫，方便清洗和调整。",
        description_en: "A crossover back and secure wrap keep bounce to a minimum when running and jumping. Quick-dry, breathable fabric stays comfortable through sweaty sessions. Removable pads make it easy to wash and adjust.",
        price_fen: (9900, 29900),
        options: &[SIZES_CLOTHING, COLOURS_ACTIVE],
        keywords: &["运动内衣", "sports bra", "健身", "跑步"],
    },
    ProductDef {
        category: "sports",
        title_zh: "裸感高腰瑜伽裤",
        title_en: "Buttery-Soft High-Rise Leggings",
        description_zh: "裸感面料柔软亲肤，穿上像第二层皮肤一样。高腰收腹设计，深蹲不透不卷边。瑜伽、普拉提、日常外穿都合适。",
        description_en: "A buttery-soft fabric that feels like a second skin. The high, sculpting waistband stays put, and they're squat-proof with no rolling. Great for yoga, Pilates and everyday wear.",
        price_fen: (12900, 39900),
        options: &[SIZES_CLOTHING, COLOURS_ACTIVE],
        keywords: &["瑜伽裤", "leggings", "瑜伽", "普拉提"],
    },
    ProductDef {
        category: "sports",
        title_zh: "加厚防滑瑜伽垫 6mm",
        title_en: "Non-Slip Yoga Mat 6mm",
        description_zh: "TPE环保材质，无异味，回弹性好。双面防滑纹理，出汗后也不打滑。6mm厚度保护膝盖，平板支撑和跪姿动作更舒服。",
        description_en: "Eco-friendly TPE with no smell and good rebound. Textured on both sides so it stays grippy even when you sweat. 6 mm of cushioning protects your knees during planks and kneeling poses.",
        price_fen: (8900, 29900),
        options: &[COLOURS_ACTIVE],
        keywords: &["瑜伽垫", "yoga mat", "平板支撑", "居家健身"],
    },
    ProductDef {
        category: "sports",
        title_zh: "快速可调节哑铃",
        title_en: "Quick-Adjust Dumbbell",
        description_zh: "旋转手柄即可切换重量，一只顶好几对哑铃。居家健身不占地方，放在床底就能收纳。手柄防滑纹设计，出汗也握得稳。",
        description_en: "Twist the handle to change the weight: one dumbbell replaces several pairs. Compact enough for home workouts and fits under the bed. A knurled grip stays secure even with sweaty hands.",
        price_fen: (39900, 129900),
        options: &[DUMBBELL_WEIGHTS],
        keywords: &["哑铃", "dumbbell", "力量训练", "居家健身"],
    },
    ProductDef {
        category: "sports",
        title_zh: "乳胶弹力带五件套",
        title_en: "Latex Resistance Band Set of 5",
        description_zh: "五种阻力由轻到重，新手和进阶都能用。天然乳胶弹性好，不易断裂。臀桥、深蹲、肩部康复训练都能用上，附带收纳袋。",
        description_en: "Five resistance levels from light to heavy, suitable for beginners and regulars alike. Natural latex is elastic and durable. Use them for hip thrusts, squats and shoulder rehab; a carry pouch is included.",
        price_fen: (3900, 12900),
        options: &[],
        keywords: &["弹力带", "resistance band", "臀桥", "深蹲"],
    },
    ProductDef {
        category: "sports",
        title_zh: "高密度狼牙泡沫轴",
        title_en: "High-Density Textured Foam Roller",
        description_zh: "高密度EVA材质，硬度适中不变形。凹凸纹理可以深入按压肌肉，缓解跑后和练腿后的酸痛。中空设计轻便，健身房和家里都能用。",
        description_en: "High-density EVA that's firm without losing its shape. The ridged surface digs into tight muscles to ease soreness after runs and leg days. Hollow and light, it's easy to use at the gym or at home.",
        price_fen: (4900, 15900),
        options: &[ROLLER_LENGTHS],
        keywords: &["泡沫轴", "foam roller", "拉伸", "放松"],
    },
    ProductDef {
        category: "sports",
        title_zh: "智能计数钢丝跳绳",
        title_en: "Smart Counting Speed Rope",
        description_zh: "手柄内置计数器，可以显示圈数、时长和消耗的热量。钢丝绳芯外包PVC，转速快、不打结。绳长可调节，大人小孩都能用。",
        description_en: "A counter in the handle shows skips, time and calories burned. The PVC-coated steel cable spins fast and never tangles. Adjustable length suits adults and kids.",
        price_fen: (3900, 12900),
        options: &[],
        keywords: &["跳绳", "jump rope", "燃脂", "有氧"],
    },
    ProductDef {
        category: "sports",
        title_zh: "三合一防水冲锋衣",
        title_en: "3-in-1 Waterproof Shell Jacket",
        description_zh: "外层防水透湿面料，压胶工艺防止接缝渗水。内胆是可拆卸抓绒，春秋穿外层、冬天两件一起穿。帽檐可调节，爬山遇到风雨也不怕。",
        description_en: "A waterproof, breathable outer shell with taped seams keeps leaks out. The fleece liner zips out: wear the shell in spring and autumn and both together in winter. An adjustable hood keeps wind and rain at bay on the trail.",
        price_fen: (49900, 169900),
        options: &[SIZES_CLOTHING, COLOURS_OUTDOOR],
        keywords: &["冲锋衣", "rain shell", "徒步", "户外"],
    },
    ProductDef {
        category: "sports",
        title_zh: "轻量防滑徒步鞋",
        title_en: "Lightweight Hiking Shoes",
        description_zh: "单只仅重约350g，长距离徒步脚不累。大底采用耐磨防滑橡胶，碎石路和湿滑台阶都抓地稳。鞋面防泼水透气，下小雨也不怕。",
        description_en: "Just 350 g per shoe, so long hikes don't wear out your feet. Grippy, hard-wearing rubber soles hold on gravel and slick steps. A water-repellent, breathable upper handles light rain.",
        price_fen: (39900, 129900),
        options: &[SIZES_SHOES_UNISEX, COLOURS_SHOE_SPORT],
        keywords: &["徒步鞋", "hiking shoes", "trail runners", "徒步"],
    },
    ProductDef {
        category: "sports",
        title_zh: "碳素折叠登山杖 一对",
        title_en: "Carbon Folding Trekking Poles (Pair)",
        description_zh: "碳纤维杖身，单支仅重200g左右。三节折叠，收起来能放进背包侧袋。下山时分担膝盖压力，长线徒步必备。",
        description_en: "Carbon-fibre shafts weigh only about 200 g each. They fold into three sections and fit a backpack side pocket. They take pressure off your knees on descents: essential for long hikes.",
        price_fen: (19900, 59900),
        options: &[],
        keywords: &["登山杖", "trekking poles", "徒步", "爬山"],
    },
    ProductDef {
        category: "sports",
        title_zh: "冰丝速干短袖T恤",
        title_en: "Cooling Quick-Dry Tee",
        description_zh: "冰丝面料上身凉爽，吸湿排汗速干快。微弹宽松版型，跑步、打球、健身都不束缚。反光logo设计，夜跑更安全。",
        description_en: "A cooling fabric that wicks sweat and dries fast. A relaxed fit with a little stretch for running, ball games and gym sessions. Reflective details add safety on evening runs.",
        price_fen: (7900, 19900),
        options: &[SIZES_CLOTHING, COLOURS_OUTDOOR],
        keywords: &["速干衣", "quick-dry", "跑步"],
    },
    ProductDef {
        category: "sports",
        title_zh: "轻弹缓震跑步鞋",
        title_en: "Cushioned Running Shoes",
        description_zh: "超临界发泡中底，轻盈又有弹性，每一步都有回馈。鞋面一体编织，透气包裹。适合日常慢跑和半马训练，体重偏大的跑者也能放心穿。",
        description_en: "A supercritical foam midsole that's light and springy, giving energy back with every stride. A one-piece knit upper breathes and hugs the foot. Made for easy runs and half-marathon training, and stable enough for heavier runners.",
        price_fen: (39900, 109900),
        options: &[SIZES_SHOES_UNISEX, COLOURS_SHOE_SPORT],
        keywords: &["跑鞋", "running shoes", "跑步", "慢跑"],
    },
    ProductDef {
        category: "sports",
        title_zh: "铸铁烤漆壶铃",
        title_en: "Cast Iron Kettlebell",
        description_zh: "一体铸造，不会松脱，表面烤漆防锈。宽手柄可以双手握持，壶铃摆荡和高脚杯深蹲都很顺手。底部平整，放在地上不会滚动。",
        description_en: "Cast in one piece so nothing comes loose, with a rust-resistant powder coat. The wide handle fits two hands for swings and goblet squats. A flat base keeps it from rolling on the floor.",
        price_fen: (12900, 39900),
        options: &[KETTLEBELL_WEIGHTS],
        keywords: &["壶铃", "kettlebell", "力量训练"],
    },
    ProductDef {
        category: "sports",
        title_zh: "双人速开露营帐篷",
        title_en: "2-Person Instant Camping Tent",
        description_zh: "弹簧速开结构，展开只需十几秒，新手一个人也能搭。双层设计，防雨防风又透气。收纳后只有约2.5kg，自驾和徒步露营都方便带。",
        description_en: "Spring-loaded poles pop it open in seconds, easy for a first-timer to pitch alone. A double-wall design keeps out wind and rain while staying breathable. Packs down to around 2.5 kg for car camping or backpacking.",
        price_fen: (29900, 99900),
        options: &[COLOURS_TENT],
        keywords: &["帐篷", "tent", "露营"],
    },
    ProductDef {
        category: "sports",
        title_zh: "户外折叠月亮椅",
        title_en: "Packable Moon Camp Chair",
        description_zh: "铝合金支架轻便结实，承重可达120kg。椅面包裹感强，坐下去整个人窝在里面很放松。折叠后装进收纳袋，露营、野餐、钓鱼都能带。",
        description_en: "A light but sturdy aluminium frame holds up to 120 kg. The deep seat cradles you so you can really sink in and relax. Folds into its bag for camping, picnics and fishing trips.",
        price_fen: (9900, 29900),
        options: &[COLOURS_OUTDOOR],
        keywords: &["折叠椅", "camp chair", "露营", "野餐"],
    },
    ProductDef {
        category: "sports",
        title_zh: "大容量运动水壶 1L",
        title_en: "Sports Water Bottle 1L",
        description_zh: "Tritan材质，耐高温不含双酚A。壶身有时间刻度，提醒自己多喝水。弹盖一键打开，健身时单手就能喝。",
        description_en: "BPA-free Tritan that handles hot drinks. Time markings on the side nudge you to drink more water. A flip lid opens with one hand mid-workout.",
        price_fen: (3900, 12900),
        options: &[COLOURS_ACTIVE],
        keywords: &["运动水壶", "water bottle", "健身", "喝水"],
    },
    // -- Pets -----------------------------------------------------------------------------
    ProductDef {
        category: "pets",
        title_zh: "无谷鲜肉全价猫粮",
        title_en: "Grain-Free Fresh Meat Cat Food",
        description_zh: "鲜鸡肉和三文鱼作为第一原料，粗蛋白含量达40%。无谷配方，添加益生元和牛磺酸，呵护肠胃和视力。颗粒小，幼猫和成猫都能吃。",
        description_en: "Fresh chicken and salmon are the first ingredients, with 40% crude protein. A grain-free recipe with prebiotics and taurine for digestion and eye health. Small kibble suits kittens and adult cats.",
        price_fen: (8900, 39900),
        options: &[CAT_FOOD_WEIGHTS],
        keywords: &["猫粮", "cat food", "主粮", "猫咪"],
    },
    ProductDef {
        category: "pets",
        title_zh: "鲜肉全价犬粮",
        title_en: "Fresh Meat Complete Dog Food",
        description_zh: "以鲜牛肉和鸡肉为主要原料，适口性好，挑食狗子也爱吃。添加鱼油和卵磷脂，长期吃毛发更有光泽。适合全犬种成犬，换粮时建议七天过渡。",
        description_en: "Made mainly with fresh beef and chicken, tasty enough for picky eaters. Added fish oil and lecithin give a glossier coat over time. Suits adult dogs of all breeds; switch over gradually across seven days.",
        price_fen: (9900, 49900),
        options: &[DOG_FOOD_WEIGHTS],
        keywords: &["狗粮", "dog food", "主粮", "狗子"],
    },
    ProductDef {
        category: "pets",
        title_zh: "冻干鲜肉零食 100g",
        title_en: "Freeze-Dried Meat Treats 100g",
        description_zh: "单一肉源冻干，无添加剂，保留肉的原味和营养。可以直接喂，也可以泡水复原后拌粮。训练奖励和补充蛋白都很合适，猫狗通用。",
        description_en: "Single-protein, freeze-dried with no additives to keep the natural taste and nutrition. Feed as is or rehydrate and mix into meals. Great as training rewards and a protein boost for cats and dogs.",
        price_fen: (3900, 12900),
        options: &[TREAT_FLAVOURS],
        keywords: &["冻干", "freeze-dried treats", "宠物零食"],
    },
    ProductDef {
        category: "pets",
        title_zh: "原生豆腐猫砂 6L",
        title_en: "Natural Tofu Cat Litter 6L",
        description_zh: "豌豆纤维制作，结团快、不粘底，铲起来很干净。低粉尘，猫咪刨砂也不会扬起灰。可以直接冲进马桶，清理更省事。",
        description_en: "Made from pea fibre, it clumps fast without sticking to the tray and scoops clean. Low dust, so digging doesn't send up a cloud. Flushable for easier clean-up.",
        price_fen: (2990, 8990),
        options: &[LITTER_SCENTS],
        keywords: &["猫砂", "cat litter", "铲屎官"],
    },
    ProductDef {
        category: "pets",
        title_zh: "全自动智能猫砂盆",
        title_en: "Self-Cleaning Smart Litter Box",
        description_zh: "猫咪如厕后自动清理，粪便封存在集便仓里，一周倒一次就行。红外和重量双重感应，猫在里面时绝不启动。手机App能看如厕记录，及时发现健康问题。",
        description_en: "It cleans itself after every visit and seals waste in a drawer you empty once a week. Infrared and weight sensors make sure it never runs while your cat is inside. The app logs bathroom visits so you can spot health changes early.",
        price_fen: (129900, 299900),
        options: &[],
        keywords: &["猫砂盆", "litter box", "智能", "铲屎官"],
    },
    ProductDef {
        category: "pets",
        title_zh: "静音循环宠物饮水机 2L",
        title_en: "Quiet Pet Water Fountain 2L",
        description_zh: "流动的活水能吸引猫咪多喝水，预防泌尿问题。四重过滤，滤掉毛发和杂质。水泵运行几乎没声音，缺水时自动停止。",
        description_en: "Flowing water encourages cats to drink more and helps prevent urinary issues. Four-stage filtration catches hair and debris. The pump is nearly silent and stops automatically when the water runs low.",
        price_fen: (9900, 25900),
        options: &[COLOURS_PET],
        keywords: &["饮水机", "water fountain", "喝水", "猫咪"],
    },
    ProductDef {
        category: "pets",
        title_zh: "瓦楞纸猫抓板沙发",
        title_en: "Cardboard Scratcher Lounge",
        description_zh: "高密度瓦楞纸，耐抓不掉屑。弧形设计既能磨爪又能躺着睡觉，猫咪很快就会爱上。保护家里的沙发和窗帘不被抓坏。",
        description_en: "High-density corrugated cardboard that stands up to scratching without shedding bits. The curved shape doubles as a bed, so cats take to it fast. Saves your sofa and curtains from claws.",
        price_fen: (3900, 12900),
        options: &[SCRATCHER_SIZES],
        keywords: &["猫抓板", "scratcher", "猫咪"],
    },
    ProductDef {
        category: "pets",
        title_zh: "多层实木猫爬架",
        title_en: "Multi-Level Wooden Cat Tree",
        description_zh: "实木框架加剑麻柱，稳固不晃，大体型猫咪也能放心爬。带封闭猫窝、吊床和观景台，满足猫咪爬高和躲藏的天性。剑麻柱可单独更换。",
        description_en: "A solid-wood frame with sisal posts that stays steady even for big cats. A hideaway, hammock and lookout perch satisfy the urge to climb and hide. The sisal posts can be replaced individually.",
        price_fen: (19900, 69900),
        options: &[CAT_TREE_SIZES],
        keywords: &["猫爬架", "cat tree", "猫咪"],
    },
    ProductDef {
        category: "pets",
        title_zh: "四季可拆洗宠物窝",
        title_en: "Washable All-Season Pet Bed",
        description_zh: "高回弹棉填充，四周加高靠枕给毛孩子足够的安全感。外套可拆卸机洗，掉毛也好清理。底部防滑，放在地板上不跑位。",
        description_en: "Springy fibre fill with raised bolsters gives pets a cosy sense of security. The cover zips off for machine washing, so shed hair is easy to deal with. A non-slip base keeps it in place on hard floors.",
        price_fen: (7900, 29900),
        options: &[SIZES_PET, COLOURS_PET],
        keywords: &["宠物窝", "pet bed", "狗窝", "猫窝"],
    },
    ProductDef {
        category: "pets",
        title_zh: "防爆冲胸背牵引绳套装",
        title_en: "No-Pull Harness & Leash Set",
        description_zh: "工字型胸背受力均匀，不勒脖子，遛狗时暴冲也能轻松控制。透气网布加反光条，夜间遛狗更安全。快扣设计，穿脱只需几秒。",
        description_en: "An H-shaped harness spreads pressure evenly away from the neck and helps you manage sudden lunges. Breathable mesh with reflective strips makes night walks safer. Quick-release buckles get it on and off in seconds.",
        price_fen: (5900, 16900),
        options: &[SIZES_PET, COLOURS_HARNESS],
        keywords: &["牵引绳", "harness", "遛狗"],
    },
    ProductDef {
        category: "pets",
        title_zh: "宠物除浮毛梳",
        title_en: "Deshedding Grooming Brush",
        description_zh: "不锈钢细密梳齿，轻松梳下底层浮毛，换毛季家里明显少了很多毛。圆头设计不刮伤皮肤。一键推毛，清理梳子不用手抠。",
        description_en: "Fine stainless-steel teeth lift loose undercoat so there's far less hair around the house in shedding season. Rounded tips won't scratch the skin. A push button clears the brush without picking at it.",
        price_fen: (3900, 9900),
        options: &[],
        keywords: &["梳毛", "grooming brush", "掉毛"],
    },
    ProductDef {
        category: "pets",
        title_zh: "宠物温和沐浴露 500ml",
        title_en: "Gentle Pet Shampoo 500ml",
        description_zh: "氨基酸温和配方，pH值贴近宠物皮肤，不刺激。泡沫丰富易冲洗，洗完毛发蓬松顺滑。淡淡的香味留香持久，猫狗都能用。",
        description_en: "A mild amino acid formula balanced to a pet's skin pH, so it won't irritate. Rich lather rinses out easily and leaves fur fluffy and smooth. The light scent lingers, and it's safe for cats and dogs.",
        price_fen: (4900, 12900),
        options: &[],
        keywords: &["宠物沐浴露", "pet shampoo", "洗澡"],
    },
    ProductDef {
        category: "pets",
        title_zh: "耐咬益智漏食球",
        title_en: "Chew-Resistant Treat Puzzle Ball",
        description_zh: "把粮食或零食放进去，滚动时会一点点掉出来，延长进食时间、防止狼吞虎咽。耐咬食品级材质，可以拆开清洗。主人上班时给狗子解闷很有用。",
        description_en: "Fill it with kibble or treats and they drop out bit by bit as it rolls, slowing down fast eaters. Made from chew-resistant food-grade material that comes apart for cleaning. Keeps dogs busy while you're at work.",
        price_fen: (2900, 7900),
        options: &[PUZZLE_SIZES],
        keywords: &["漏食球", "puzzle toy", "益智玩具", "狗子"],
    },
    ProductDef {
        category: "pets",
        title_zh: "羽毛逗猫棒套装",
        title_en: "Feather Wand Cat Toy Set",
        description_zh: "套装含一根伸缩杆和六个替换头，有羽毛、铃铛和小老鼠。钢丝杆有弹性，晃起来像真的小鸟在飞。每天陪猫咪玩十五分钟，消耗精力、晚上不跑酷。",
        description_en: "A telescopic wand with six attachments, including feathers, bells and a little mouse. The springy wire makes them flutter like real birds. Fifteen minutes of play a day burns off energy so there are fewer midnight zoomies.",
        price_fen: (1990, 5990),
        options: &[],
        keywords: &["逗猫棒", "cat toy", "猫咪"],
    },
    ProductDef {
        category: "pets",
        title_zh: "透气宠物外出背包",
        title_en: "Breathable Pet Carrier Backpack",
        description_zh: "三面透气网窗，夏天出门也不闷热。背部减压肩带，背着走一两个小时也不累。可承重8kg，带猫咪看病、出门旅行都好用。",
        description_en: "Mesh windows on three sides keep air flowing, even in summer. Padded straps stay comfortable for an hour or two of walking. Holds up to 8 kg, ideal for vet visits and trips.",
        price_fen: (12900, 39900),
        options: &[COLOURS_PET],
        keywords: &["宠物背包", "pet carrier", "外出"],
    },
    ProductDef {
        category: "pets",
        title_zh: "宠物益生菌 30袋",
        title_en: "Pet Probiotics ×30",
        description_zh: "每袋含百亿活性益生菌，帮助调理换粮期和应激引起的软便。粉末无味，直接拌在粮里就能吃。幼宠和老年宠物都可以长期食用。",
        description_en: "Each sachet carries ten billion live probiotics to help with soft stools from food changes and stress. The powder is tasteless and mixes straight into meals. Suitable long-term for young and senior pets.",
        price_fen: (6900, 16900),
        options: &[],
        keywords: &["益生菌", "probiotics", "肠胃"],
    },
];

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
        for c in CATEGORIES {
            assert!(THEMES.contains(&c.theme), "{}: theme {}", c.slug, c.theme);
            assert!(!c.name_en.is_empty() && !c.name_zh.is_empty(), "{}", c.slug);
        }
    }

    #[test]
    fn brands_are_well_formed() {
        assert!(BRANDS.len() >= 28, "only {} brands", BRANDS.len());
        let mut names = HashSet::new();
        for b in BRANDS {
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
        for c in CATEGORIES {
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
        for p in PRODUCTS {
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
        for p in PRODUCTS {
            for b in BRANDS {
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
        for p in PRODUCTS {
            for text in [p.title_zh, p.title_en, p.description_zh, p.description_en] {
                assert!(!text.contains('<') && !text.contains('>'), "{text}");
                assert_eq!(text.trim(), text, "{text}");
            }
        }
    }
}
