//! The one line-pricing query behind the cart, the preview, checkout quotes and order
//! placement: a variant with its product, brand, cover and option labels, priced from
//! `product_variants` as it stands now. Client prices are never read.

use std::collections::{HashMap, HashSet};

use api_types::{Cart, CartLine, LineInput, FREE_SHIPPING_FEN};
use sqlx::{FromRow, QueryBuilder, Sqlite, SqliteConnection};

use super::rows::image;
use crate::error::AppResult;

/// A priced line plus what order placement needs beyond the DTO.
#[derive(Clone, Debug)]
pub struct PricedLine {
    pub line: CartLine,
    /// What the brand pays per sale (basis points), the base of the creator's rate.
    pub commission_bp: i64,
    /// The product's cover, kept with order lines.
    pub image_id: i64,
}

/// Columns of a priced line (`v` is the variant); see [`LINE_JOINS`].
const LINE_COLUMNS: &str = "v.id AS variant_id, v.product_id, v.sku, v.price_fen, v.stock, \
     p.title, p.title_en, b.name AS brand, b.cross_border, b.commission_bp, \
     p.cover_image_id AS image_id, ci.image_key, ci.width, ci.height, ci.ph_top, ci.ph_bottom, \
     o1.value AS value1, o1.value_en AS value1_en, o2.value AS value2, o2.value_en AS value2_en";

/// Joins from the variant `v` to everything a line shows; option values are looked up per
/// axis (absent axes give NULLs).
const LINE_JOINS: &str = " JOIN products p ON p.id = v.product_id \
     JOIN brands b ON b.id = p.brand_id \
     JOIN images ci ON ci.id = p.cover_image_id \
     LEFT JOIN product_option_values o1 ON o1.product_id = v.product_id \
       AND o1.option_pos = 0 AND o1.value_pos = v.option1 \
     LEFT JOIN product_option_values o2 ON o2.product_id = v.product_id \
       AND o2.option_pos = 1 AND o2.value_pos = v.option2";

#[derive(FromRow)]
struct LineRow {
    quantity: i64,
    from_note: Option<i64>,
    live_room_id: Option<i64>,
    variant_id: i64,
    product_id: i64,
    sku: String,
    price_fen: i64,
    stock: i64,
    title: String,
    title_en: String,
    brand: String,
    cross_border: bool,
    commission_bp: i64,
    image_id: i64,
    image_key: String,
    width: i64,
    height: i64,
    ph_top: String,
    ph_bottom: String,
    value1: Option<String>,
    value1_en: Option<String>,
    value2: Option<String>,
    value2_en: Option<String>,
}

/// Option values in axis order, joined the way the product page shows a choice.
fn label(values: [Option<String>; 2]) -> String {
    values.into_iter().flatten().collect::<Vec<_>>().join(" · ")
}

impl From<LineRow> for PricedLine {
    fn from(r: LineRow) -> Self {
        PricedLine {
            line: CartLine {
                variant_id: r.variant_id,
                product_id: r.product_id,
                sku: r.sku,
                title: r.title,
                title_en: r.title_en,
                brand: r.brand,
                variant_label: label([r.value1, r.value2]),
                variant_label_en: label([r.value1_en, r.value2_en]),
                image: image(&r.image_key, r.width, r.height, r.ph_top, r.ph_bottom),
                unit_price_fen: r.price_fen,
                quantity: r.quantity,
                stock: r.stock,
                cross_border: r.cross_border,
                from_note: r.from_note,
                live_room_id: r.live_room_id,
            },
            commission_bp: r.commission_bp,
            image_id: r.image_id,
        }
    }
}

/// The signed-in user's cart lines, newest first, priced now.
pub async fn cart_lines(conn: &mut SqliteConnection, user: i64) -> AppResult<Vec<PricedLine>> {
    let mut sql = QueryBuilder::<Sqlite>::new(format!(
        "SELECT c.quantity, c.from_note, c.live_room_id, {LINE_COLUMNS} FROM cart_items c \
         JOIN product_variants v ON v.id = c.variant_id{LINE_JOINS} WHERE c.user_id = "
    ));
    sql.push_bind(user)
        .push(" ORDER BY c.seq DESC, c.variant_id DESC");
    let rows: Vec<LineRow> = sql.build_query_as().fetch_all(&mut *conn).await?;
    let mut lines: Vec<PricedLine> = rows.into_iter().map(PricedLine::from).collect();
    room_prices(conn, &mut lines, crate::now_unix()).await?;
    Ok(lines)
}

/// Lines for variants a client names, in its order, with its quantities; `from_note` is kept
/// only when that note tags the product. Returns the lines and the ids of unknown variants.
pub async fn requested_lines(
    conn: &mut SqliteConnection,
    items: &[LineInput],
) -> AppResult<(Vec<PricedLine>, Vec<i64>)> {
    if items.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let mut sql = QueryBuilder::<Sqlite>::new(format!(
        "SELECT 0 AS quantity, CAST(NULL AS BIGINT) AS from_note, \
         CAST(NULL AS BIGINT) AS live_room_id, {LINE_COLUMNS} \
         FROM product_variants v{LINE_JOINS} WHERE v.id IN ("
    ));
    let mut list = sql.separated(", ");
    for item in items {
        list.push_bind(item.variant_id);
    }
    sql.push(")");
    let rows: Vec<LineRow> = sql.build_query_as().fetch_all(&mut *conn).await?;
    let mut by_id: HashMap<i64, PricedLine> = rows
        .into_iter()
        .map(|r| (r.variant_id, PricedLine::from(r)))
        .collect();
    let pairs: Vec<(i64, i64)> = items
        .iter()
        .filter_map(|i| Some((i.from_note?, by_id.get(&i.variant_id)?.line.product_id)))
        .collect();
    let tagged = tagged_pairs(conn, &pairs).await?;
    let mut lines = Vec::with_capacity(items.len());
    let mut unknown = Vec::new();
    for item in items {
        match by_id.remove(&item.variant_id) {
            Some(mut priced) => {
                priced.line.quantity = item.quantity;
                priced.line.from_note = item
                    .from_note
                    .filter(|note| tagged.contains(&(*note, priced.line.product_id)));
                priced.line.live_room_id = item.live_room_id;
                lines.push(priced);
            }
            None => unknown.push(item.variant_id),
        }
    }
    room_prices(conn, &mut lines, crate::now_unix()).await?;
    Ok((lines, unknown))
}

/// Lines bought in a live room: the room is kept only when it lists the product (else the
/// line is an ordinary one), and a flash sale running on the room's pinned product prices
/// every variant of it (never above the catalogue price). Part of the one pricing path, so
/// the cart, quotes and the order placed inside its write transaction agree.
pub async fn room_prices(
    conn: &mut SqliteConnection,
    lines: &mut [PricedLine],
    now: i64,
) -> AppResult<()> {
    let rooms: Vec<i64> = lines.iter().filter_map(|l| l.line.live_room_id).collect();
    if rooms.is_empty() {
        return Ok(());
    }
    let mut sql = QueryBuilder::<Sqlite>::new(
        "SELECT rp.room_id, rp.product_id, \
         CASE WHEN r.status = 'live' AND r.pinned_product_id = rp.product_id \
           AND r.flash_ends_at > ",
    );
    sql.push_bind(now).push(
        " THEN r.flash_price_fen END AS flash_fen \
         FROM live_room_products rp JOIN live_rooms r ON r.id = rp.room_id WHERE rp.room_id IN (",
    );
    let mut list = sql.separated(", ");
    for room in &rooms {
        list.push_bind(*room);
    }
    sql.push(")");
    let listed: Vec<(i64, i64, Option<i64>)> = sql.build_query_as().fetch_all(&mut *conn).await?;
    let by_pair: HashMap<(i64, i64), Option<i64>> = listed
        .into_iter()
        .map(|(room, product, flash)| ((room, product), flash))
        .collect();
    for l in lines.iter_mut() {
        let Some(room) = l.line.live_room_id else {
            continue;
        };
        match by_pair.get(&(room, l.line.product_id)) {
            None => l.line.live_room_id = None,
            Some(Some(flash)) => l.line.unit_price_fen = l.line.unit_price_fen.min(*flash),
            Some(None) => {}
        }
    }
    Ok(())
}

/// Which of the `(note, product)` pairs are real tags (the note shows the product).
pub async fn tagged_pairs(
    conn: &mut SqliteConnection,
    pairs: &[(i64, i64)],
) -> AppResult<HashSet<(i64, i64)>> {
    if pairs.is_empty() {
        return Ok(HashSet::new());
    }
    let mut sql = QueryBuilder::<Sqlite>::new(
        "SELECT note_id, product_id FROM note_products WHERE note_id IN (",
    );
    let mut notes = sql.separated(", ");
    for (note, _) in pairs {
        notes.push_bind(*note);
    }
    sql.push(") AND product_id IN (");
    let mut products = sql.separated(", ");
    for (_, product) in pairs {
        products.push_bind(*product);
    }
    sql.push(")");
    let found: Vec<(i64, i64)> = sql.build_query_as().fetch_all(&mut *conn).await?;
    let wanted: HashSet<&(i64, i64)> = pairs.iter().collect();
    Ok(found.into_iter().filter(|p| wanted.contains(p)).collect())
}

/// Folds repeated variants into one line (quantities added, the first note kept), in order of
/// first appearance, so a selection never counts a variant's stock twice.
pub fn dedupe(items: &[LineInput]) -> Vec<LineInput> {
    // Linear in the input: a body may name many lines before anything rejects it.
    let mut at: HashMap<i64, usize> = HashMap::with_capacity(items.len());
    let mut out: Vec<LineInput> = Vec::with_capacity(items.len().min(1_024));
    for item in items {
        match at.get(&item.variant_id).and_then(|i| out.get_mut(*i)) {
            Some(line) => {
                line.quantity = line.quantity.saturating_add(item.quantity);
                line.from_note = line.from_note.or(item.from_note);
                line.live_room_id = line.live_room_id.or(item.live_room_id);
            }
            None => {
                at.insert(item.variant_id, out.len());
                out.push(item.clone());
            }
        }
    }
    out
}

/// A cart as the client shows it: totals count only lines that can be bought now.
pub fn cart_of(lines: Vec<CartLine>) -> Cart {
    let subtotal_fen: i64 = lines
        .iter()
        .filter(|l| l.available())
        .map(CartLine::line_total_fen)
        .sum();
    Cart {
        item_count: lines.iter().map(|l| l.quantity).sum(),
        free_shipping_remaining_fen: (FREE_SHIPPING_FEN - subtotal_fen).max(0),
        subtotal_fen,
        lines,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(variant_id: i64, quantity: i64, from_note: Option<i64>) -> LineInput {
        LineInput {
            variant_id,
            quantity,
            from_note,
            live_room_id: None,
        }
    }

    #[test]
    fn labels_join_present_axes() {
        assert_eq!(
            label([Some("玫瑰豆沙".into()), Some("3.5g".into())]),
            "玫瑰豆沙 · 3.5g"
        );
        assert_eq!(label([Some("M".into()), None]), "M");
        assert_eq!(label([None, None]), "");
    }

    #[test]
    fn duplicates_fold_into_the_first_line() {
        let got = dedupe(&[
            input(7, 1, None),
            input(9, 2, Some(4)),
            input(7, 3, Some(5)),
        ]);
        assert_eq!(got, vec![input(7, 4, Some(5)), input(9, 2, Some(4))]);
    }
}
