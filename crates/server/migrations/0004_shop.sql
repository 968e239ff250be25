-- The shop catalogue: brands, categories, products with images, option axes and variants
-- (each its own SKU, price and stock), and the products notes tag. Money is integer fen.

CREATE TABLE brands (
    id             INTEGER PRIMARY KEY,
    name           TEXT    NOT NULL,
    name_en        TEXT    NOT NULL,
    origin         TEXT    NOT NULL,
    -- What the brand pays per sale, in basis points (1000 = 10%).
    commission_bp  INTEGER NOT NULL CHECK (commission_bp BETWEEN 0 AND 10000),
    -- Imported: ships cross-border from a bonded warehouse.
    cross_border   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE product_categories (
    id        INTEGER PRIMARY KEY,
    slug      TEXT    NOT NULL UNIQUE,
    name_en   TEXT    NOT NULL,
    name_zh   TEXT    NOT NULL,
    position  INTEGER NOT NULL
);

CREATE TABLE products (
    id              INTEGER PRIMARY KEY,
    brand_id        INTEGER NOT NULL REFERENCES brands(id),
    category_id     INTEGER NOT NULL REFERENCES product_categories(id),
    title           TEXT    NOT NULL,
    title_en        TEXT    NOT NULL,
    description     TEXT    NOT NULL,
    description_en  TEXT    NOT NULL,
    cover_image_id  INTEGER NOT NULL REFERENCES images(id),
    -- Lowest variant price, kept for sorting and cards.
    price_fen       BIGINT  NOT NULL CHECK (price_fen > 0),
    sales_count     BIGINT  NOT NULL DEFAULT 0 CHECK (sales_count >= 0),
    created_at      BIGINT  NOT NULL
);
CREATE INDEX products_by_sales ON products (sales_count DESC, id DESC);
CREATE INDEX products_by_time ON products (created_at DESC, id DESC);
CREATE INDEX products_by_price ON products (price_fen, id);
CREATE INDEX products_by_category_sales ON products (category_id, sales_count DESC, id DESC);
CREATE INDEX products_by_category_time ON products (category_id, created_at DESC, id DESC);
CREATE INDEX products_by_category_price ON products (category_id, price_fen, id);

CREATE TABLE product_images (
    product_id  INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    image_id    INTEGER NOT NULL REFERENCES images(id),
    PRIMARY KEY (product_id, position)
);

-- Option axes (e.g. colour, size) and their values, in display order.
CREATE TABLE product_option_values (
    product_id      INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    option_pos      INTEGER NOT NULL CHECK (option_pos BETWEEN 0 AND 1),
    option_name     TEXT    NOT NULL,
    option_name_en  TEXT    NOT NULL,
    value_pos       INTEGER NOT NULL,
    value           TEXT    NOT NULL,
    value_en        TEXT    NOT NULL,
    PRIMARY KEY (product_id, option_pos, value_pos)
);

-- One purchasable combination: a value index per option axis (NULL when the axis is absent).
CREATE TABLE product_variants (
    id          INTEGER PRIMARY KEY,
    product_id  INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    sku         TEXT    NOT NULL UNIQUE,
    option1     INTEGER,
    option2     INTEGER,
    price_fen   BIGINT  NOT NULL CHECK (price_fen > 0),
    stock       INTEGER NOT NULL CHECK (stock >= 0)
);
CREATE INDEX product_variants_by_product ON product_variants (product_id, id);

CREATE TABLE note_products (
    note_id     INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    product_id  INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    PRIMARY KEY (note_id, product_id)
);
CREATE INDEX note_products_by_product ON note_products (product_id, note_id);
