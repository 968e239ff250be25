//! A room as the database holds it, read into the API's shapes: the row, its products priced
//! and stocked now, the pinned card, and chat messages (shared by the REST handlers and the
//! events socket's `hello`).

use api_types::{ChatMessage, FlashSale, LiveProduct, LiveStatus, PinnedProduct};
use sqlx::{FromRow, QueryBuilder, Sqlite, SqliteConnection};

use crate::api::rows::{image, user};
use crate::db::Db;
use crate::error::{AppError, AppResult};

/// Messages a room's page and `hello` start with.
pub const RECENT_CHAT: i64 = 30;

#[derive(Clone, Debug, FromRow)]
pub struct RoomRow {
    pub id: i64,
    pub host_id: i64,
    pub title: String,
    pub status: String,
    pub is_demo: bool,
    pub started_at: i64,
    pub ended_at: Option<i64>,
    pub replay_key: Option<String>,
    pub likes: i64,
    pub peak_viewers: i64,
    pub pinned_product_id: Option<i64>,
    pub pinned_at: Option<i64>,
    pub flash_price_fen: Option<i64>,
    pub flash_ends_at: Option<i64>,
}

impl RoomRow {
    pub fn status(&self) -> LiveStatus {
        LiveStatus::parse(&self.status).unwrap_or(LiveStatus::Ended)
    }

    pub fn is_live(&self) -> bool {
        self.status() == LiveStatus::Live
    }

    /// The flash sale if one runs at `now` (only while live).
    pub fn flash(&self, now: i64) -> Option<FlashSale> {
        match (self.flash_price_fen, self.flash_ends_at) {
            (Some(price_fen), Some(ends_at)) if self.is_live() && ends_at > now => {
                Some(FlashSale { price_fen, ends_at })
            }
            _ => None,
        }
    }
}

pub const ROOM_COLUMNS: &str = "r.id, r.host_id, r.title, r.status, r.is_demo, r.started_at, \
     r.ended_at, r.replay_key, r.likes, r.peak_viewers, r.pinned_product_id, r.pinned_at, \
     r.flash_price_fen, r.flash_ends_at";

/// The room, or a 404.
pub async fn room(conn: &mut SqliteConnection, id: i64) -> AppResult<RoomRow> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {ROOM_COLUMNS} FROM live_rooms r WHERE r.id = $1"
    )))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| AppError::not_found(api_types::Resource::LiveRoom, id))
}

#[derive(FromRow)]
struct ProductRow {
    id: i64,
    title: String,
    title_en: String,
    brand: String,
    image_key: String,
    width: i64,
    height: i64,
    ph_top: String,
    ph_bottom: String,
    price_fen: i64,
    stock: i64,
}

impl From<ProductRow> for LiveProduct {
    fn from(r: ProductRow) -> Self {
        LiveProduct {
            id: r.id,
            title: r.title,
            title_en: r.title_en,
            brand: r.brand,
            image: image(&r.image_key, r.width, r.height, r.ph_top, r.ph_bottom),
            price_fen: r.price_fen,
            stock: r.stock,
        }
    }
}

/// The room's products in the host's order, priced and stocked now.
pub async fn products(conn: &mut SqliteConnection, room: i64) -> AppResult<Vec<LiveProduct>> {
    let rows: Vec<ProductRow> = sqlx::query_as(
        "SELECT p.id, p.title, p.title_en, b.name AS brand, i.image_key, i.width, i.height, \
         i.ph_top, i.ph_bottom, p.price_fen, \
         (SELECT COALESCE(CAST(SUM(v.stock) AS BIGINT), 0) FROM product_variants v WHERE v.product_id = p.id) \
           AS stock \
         FROM live_room_products rp JOIN products p ON p.id = rp.product_id \
         JOIN brands b ON b.id = p.brand_id JOIN images i ON i.id = p.cover_image_id \
         WHERE rp.room_id = $1 ORDER BY rp.position",
    )
    .bind(room)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(LiveProduct::from).collect())
}

/// The pinned card, from the room's products as just read.
pub fn pinned(row: &RoomRow, products: &[LiveProduct], now: i64) -> Option<PinnedProduct> {
    let id = row.pinned_product_id?;
    let product = products.iter().find(|p| p.id == id)?.clone();
    Some(PinnedProduct {
        product,
        flash: row.flash(now),
        pinned_at: row.pinned_at.unwrap_or(row.started_at),
    })
}

/// Units left of each product (all variants), as `(product, stock)`.
pub async fn stock_of(db: &Db, products: &[i64]) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    let mut sql = QueryBuilder::<Sqlite>::new(
        "SELECT product_id, COALESCE(CAST(SUM(stock) AS BIGINT), 0) FROM product_variants WHERE product_id IN (",
    );
    let mut list = sql.separated(", ");
    for p in products {
        list.push_bind(*p);
    }
    sql.push(") GROUP BY product_id");
    sql.build_query_as().fetch_all(db).await
}

#[derive(FromRow)]
struct ChatRow {
    id: i64,
    user_id: i64,
    username: String,
    display_name: String,
    avatar_key: String,
    body: String,
    created_at: i64,
    offset_ms: i64,
    is_demo: bool,
}

const CHAT_SELECT: &str = "SELECT c.id, c.user_id, u.username, u.display_name, \
     a.image_key AS avatar_key, c.body, c.created_at, c.offset_ms, c.is_demo \
     FROM live_chat c JOIN users u ON u.id = c.user_id JOIN images a ON a.id = u.avatar_image_id";

fn message(r: ChatRow, host: i64) -> ChatMessage {
    ChatMessage {
        id: r.id,
        by_host: r.user_id == host,
        user: user(r.user_id, r.username, r.display_name, &r.avatar_key),
        text: r.body,
        created_at: r.created_at,
        offset_ms: r.offset_ms,
        is_demo: r.is_demo,
    }
}

/// One message (removed or not).
pub async fn chat_message(
    conn: &mut SqliteConnection,
    id: i64,
    host: i64,
) -> AppResult<ChatMessage> {
    let row: ChatRow = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{CHAT_SELECT} WHERE c.id = $1"
    )))
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(message(row, host))
}

/// The newest `limit` messages that were not removed, oldest first.
pub async fn recent_chat(
    conn: &mut SqliteConnection,
    room: i64,
    host: i64,
    limit: i64,
) -> AppResult<Vec<ChatMessage>> {
    let rows: Vec<ChatRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{CHAT_SELECT} WHERE c.room_id = $1 AND c.removed_at IS NULL ORDER BY c.id DESC LIMIT $2"
    )))
    .bind(room)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().rev().map(|r| message(r, host)).collect())
}

/// Messages after `after` (an id), oldest first: `limit + 1` to tell whether more follow.
pub async fn chat_after(
    conn: &mut SqliteConnection,
    room: i64,
    host: i64,
    after: i64,
    limit: i64,
) -> AppResult<Vec<ChatMessage>> {
    let rows: Vec<ChatRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{CHAT_SELECT} WHERE c.room_id = $1 AND c.removed_at IS NULL AND c.id > $2 \
         ORDER BY c.id LIMIT $3"
    )))
    .bind(room)
    .bind(after)
    .bind(limit + 1)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|r| message(r, host)).collect())
}

/// Whether `user` is muted in `room`.
pub async fn is_muted(conn: &mut SqliteConnection, room: i64, user: i64) -> AppResult<bool> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM live_mutes WHERE room_id = $1 AND user_id = $2")
            .bind(room)
            .bind(user)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(found.is_some())
}
