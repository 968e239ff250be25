-- The buying half of the shop: carts, saved addresses, orders with their lines (a snapshot of
-- what was bought at which price) and the creator commission each attributed line earned.
-- Money is integer fen; times are unix seconds.

-- One line per (user, variant). `seq` orders the cart newest first without relying on clock
-- resolution (several adds can land in the same second).
CREATE TABLE cart_items (
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    variant_id  INTEGER NOT NULL REFERENCES product_variants(id) ON DELETE CASCADE,
    quantity    INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 20),
    -- The note the product was opened from; only kept when that note tags the product.
    from_note   INTEGER REFERENCES notes(id) ON DELETE SET NULL,
    seq         BIGINT  NOT NULL,
    added_at    BIGINT  NOT NULL,
    PRIMARY KEY (user_id, variant_id)
);

CREATE TABLE addresses (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    recipient   TEXT    NOT NULL,
    -- Digits only.
    phone       TEXT    NOT NULL,
    province    TEXT    NOT NULL,
    city        TEXT    NOT NULL,
    district    TEXT    NOT NULL,
    detail      TEXT    NOT NULL,
    is_default  INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    created_at  BIGINT  NOT NULL
);
CREATE INDEX addresses_by_user ON addresses (user_id, created_at DESC, id DESC);
-- At most one default per user (a moved default is cleared before it is set elsewhere).
CREATE UNIQUE INDEX addresses_one_default ON addresses (user_id) WHERE is_default = 1;

CREATE TABLE orders (
    id               INTEGER PRIMARY KEY,
    user_id          INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    -- Shown to people: "ZC" + yyMMdd + the zero-padded id.
    number           TEXT    NOT NULL UNIQUE,
    -- The client's Idempotency-Key and a hash of the request it came with: a replay returns
    -- this order, the same key with another request is refused.
    idempotency_key  TEXT    NOT NULL,
    request_hash     TEXT    NOT NULL,
    -- Bought from the cart (its lines left the cart) rather than "buy now".
    from_cart        INTEGER NOT NULL CHECK (from_cart IN (0, 1)),
    shipping_method  TEXT    NOT NULL CHECK (shipping_method IN ('standard', 'express')),
    shipping_fen     BIGINT  NOT NULL CHECK (shipping_fen >= 0),
    ship_min_days    INTEGER NOT NULL,
    ship_max_days    INTEGER NOT NULL,
    subtotal_fen     BIGINT  NOT NULL CHECK (subtotal_fen > 0),
    total_fen        BIGINT  NOT NULL CHECK (total_fen = subtotal_fen + shipping_fen),
    cross_border     INTEGER NOT NULL CHECK (cross_border IN (0, 1)),
    -- The address as it was when ordering (addresses can change or go later).
    recipient        TEXT    NOT NULL,
    phone            TEXT    NOT NULL,
    province         TEXT    NOT NULL,
    city             TEXT    NOT NULL,
    district         TEXT    NOT NULL,
    detail           TEXT    NOT NULL,
    card_last4       TEXT    NOT NULL,
    created_at       BIGINT  NOT NULL,
    -- The simulated carrier's clock starts here.
    paid_at          BIGINT  NOT NULL,
    cancelled_at     BIGINT,
    UNIQUE (user_id, idempotency_key)
);
CREATE INDEX orders_by_user_time ON orders (user_id, created_at DESC, id DESC);

CREATE TABLE order_items (
    order_id          INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    variant_id        INTEGER NOT NULL REFERENCES product_variants(id),
    product_id        INTEGER NOT NULL REFERENCES products(id),
    -- What was bought, as it was then.
    sku               TEXT    NOT NULL,
    title             TEXT    NOT NULL,
    title_en          TEXT    NOT NULL,
    variant_label     TEXT    NOT NULL,
    variant_label_en  TEXT    NOT NULL,
    image_id          INTEGER NOT NULL REFERENCES images(id),
    unit_price_fen    BIGINT  NOT NULL CHECK (unit_price_fen > 0),
    quantity          INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 20),
    -- The note the buyer came from (a historical reference: no foreign key).
    from_note         INTEGER,
    -- Attribution: the note's author earns rate_bp of the line (NULL creator: no commission).
    creator_id        INTEGER REFERENCES users(id),
    rate_bp           INTEGER NOT NULL DEFAULT 0 CHECK (rate_bp BETWEEN 0 AND 10000),
    commission_fen    BIGINT  NOT NULL DEFAULT 0 CHECK (commission_fen >= 0),
    PRIMARY KEY (order_id, position)
);
-- A creator's earnings, newest first. Partial: most lines have no creator, and the planner
-- uses it for `creator_id = ?` (which implies NOT NULL); lookups of `IS NULL` never pick it.
CREATE INDEX order_items_by_creator ON order_items (creator_id, order_id DESC, position)
    WHERE creator_id IS NOT NULL;
