//! Livestream shopping rooms, the server's side of them (the video is `live_media`): what a
//! room is in the database (`load.rs`), its real-time half in memory (this file: one
//! [`Room`] per room somebody watches, with a bounded broadcast channel of ready-made JSON
//! frames), the chat rules (`chat.rs`), the events socket (`socket.rs`), how rooms end
//! (`ending.rs`: the host's End, or a host gone longer than the grace) and the demo world's
//! activity (`demo.rs`).
//!
//! A room's channel exists while it has sockets: the first viewer creates it (and its ticker,
//! which flushes likes about every 200 ms and viewer counts at most once a second), and the
//! ticker drops it once the last one left. Every event is serialised once and shared by all
//! the sockets (`Utf8Bytes` clones are reference counts). The hub is per process: with
//! several server processes (issue 18) events would need a shared bus.

pub mod chat;
#[cfg(feature = "demo")]
pub mod demo;
pub mod ending;
pub mod load;
pub mod socket;

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use api_types::ServerEvent;
use axum::extract::ws::Utf8Bytes;
use sqlx::SqliteConnection;
use tokio::sync::broadcast;

use crate::db::{write_tx, Db};
use crate::error::AppResult;

/// Events a socket may fall behind by before it skips the oldest (never unbounded memory).
const CHANNEL_CAPACITY: usize = 256;
/// How often likes are flushed (summed, saved, sent).
const TICK: Duration = Duration::from_millis(200);
/// Viewer counts go out at most once per this many ticks (a second).
const VIEWER_TICKS: u32 = 5;

/// One frame for a room's sockets.
#[derive(Clone, Debug)]
pub struct Outgoing {
    /// The event, serialised once.
    pub frame: Utf8Bytes,
    /// Only the sockets of this person get it (e.g. `muted`).
    pub only_user: Option<i64>,
    /// The socket closes (1000) after sending it (`ended`).
    pub closes: bool,
}

impl Outgoing {
    fn new(event: &ServerEvent) -> Self {
        Outgoing {
            frame: frame(event),
            only_user: None,
            closes: matches!(event, ServerEvent::Ended { .. }),
        }
    }
}

/// An event as a JSON text frame.
pub fn frame(event: &ServerEvent) -> Utf8Bytes {
    // Serialising these plain structs cannot fail; an empty object would be ignored.
    Utf8Bytes::from(serde_json::to_string(event).unwrap_or_else(|_| "{}".to_string()))
}

/// The in-memory half of a room somebody is watching.
pub struct Room {
    pub id: i64,
    pub host_id: i64,
    /// Unix seconds: chat offsets for replays count from here.
    pub started_at: i64,
    /// The products the room lists (fixed when it went live).
    pub products: Vec<i64>,
    events: broadcast::Sender<Outgoing>,
    viewers: AtomicI64,
    /// Saved likes plus those not flushed yet.
    likes: AtomicI64,
    pending_likes: AtomicI64,
}

impl Room {
    pub fn viewers(&self) -> i64 {
        self.viewers.load(Ordering::Relaxed)
    }

    pub fn likes(&self) -> i64 {
        self.likes.load(Ordering::Relaxed)
    }

    /// Counts likes now; they are saved and sent with the next tick.
    pub fn add_likes(&self, count: i64) {
        self.likes.fetch_add(count, Ordering::Relaxed);
        self.pending_likes.fetch_add(count, Ordering::Relaxed);
    }

    pub fn send(&self, out: Outgoing) {
        // No receivers is fine: nobody is watching right now.
        let _ = self.events.send(out);
    }

    pub fn publish(&self, event: &ServerEvent) {
        self.send(Outgoing::new(event));
    }
}

/// A socket's place in a room: leaving (drop) counts it out.
pub struct Viewing {
    pub room: Arc<Room>,
    pub events: broadcast::Receiver<Outgoing>,
}

impl Drop for Viewing {
    fn drop(&mut self) {
        self.room.viewers.fetch_sub(1, Ordering::Relaxed);
    }
}

/// Every room with sockets in this process.
#[derive(Default)]
pub struct LiveHub {
    rooms: Mutex<HashMap<i64, Arc<Room>>>,
}

impl LiveHub {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i64, Arc<Room>>> {
        self.rooms.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The room's channel if somebody watches it.
    pub fn room(&self, id: i64) -> Option<Arc<Room>> {
        self.lock().get(&id).cloned()
    }

    /// Viewers of a room now (0 when nobody watches).
    pub fn viewers(&self, id: i64) -> i64 {
        self.room(id).map_or(0, |r| r.viewers())
    }

    /// Sends `event` to the room's sockets, if any.
    pub fn publish(&self, id: i64, event: &ServerEvent) {
        if let Some(room) = self.room(id) {
            room.publish(event);
        }
    }

    /// Sends `event` to one person's sockets in the room, if any.
    pub fn publish_to(&self, id: i64, user: i64, event: &ServerEvent) {
        if let Some(room) = self.room(id) {
            room.send(Outgoing {
                only_user: Some(user),
                ..Outgoing::new(event)
            });
        }
    }

    /// Counts a new socket into live room `row` (creating its channel and ticker if it is
    /// the first), subscribed to its events.
    pub fn join(self: &Arc<Self>, db: &Db, row: &load::RoomRow, products: Vec<i64>) -> Viewing {
        let mut rooms = self.lock();
        let room = match rooms.get(&row.id) {
            Some(room) => Arc::clone(room),
            None => {
                let (events, _) = broadcast::channel(CHANNEL_CAPACITY);
                let room = Arc::new(Room {
                    id: row.id,
                    host_id: row.host_id,
                    started_at: row.started_at,
                    products,
                    events,
                    viewers: AtomicI64::new(0),
                    likes: AtomicI64::new(row.likes),
                    pending_likes: AtomicI64::new(0),
                });
                rooms.insert(row.id, Arc::clone(&room));
                tokio::spawn(tick(Arc::clone(self), db.clone(), Arc::clone(&room)));
                room
            }
        };
        room.viewers.fetch_add(1, Ordering::Relaxed);
        let events = room.events.subscribe();
        Viewing { room, events }
    }

    /// After an order was placed or cancelled: every watched room listing one of its
    /// products gets the units left.
    pub async fn order_stock_changed(&self, db: &Db, order: i64) {
        let watched: Vec<Arc<Room>> = self.lock().values().cloned().collect();
        if watched.is_empty() {
            return;
        }
        let products: Result<Vec<i64>, sqlx::Error> =
            sqlx::query_scalar("SELECT DISTINCT product_id FROM order_items WHERE order_id = $1")
                .bind(order)
                .fetch_all(db)
                .await;
        let products = match products {
            Ok(p) => p,
            Err(e) => return tracing::warn!(error = %e, "stock push: reading order {order}"),
        };
        let relevant: Vec<i64> = products
            .into_iter()
            .filter(|p| watched.iter().any(|r| r.products.contains(p)))
            .collect();
        if relevant.is_empty() {
            return;
        }
        let stock = match load::stock_of(db, &relevant).await {
            Ok(s) => s,
            Err(e) => return tracing::warn!(error = %e, "stock push: reading stock"),
        };
        for (product_id, stock) in stock {
            let event = ServerEvent::Stock { product_id, stock };
            let out = Outgoing::new(&event);
            for room in watched.iter().filter(|r| r.products.contains(&product_id)) {
                room.send(out.clone());
            }
        }
    }
}

/// A room's clock while it has sockets: flushes likes (one UPDATE per tick at most) and sends
/// the viewer count when it changed (raising `peak_viewers`), then drops the room once the
/// last socket left.
async fn tick(hub: Arc<LiveHub>, db: Db, room: Arc<Room>) {
    let mut interval = tokio::time::interval(TICK);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut ticks: u32 = 0;
    let mut sent_viewers = 0;
    let mut peak = 0;
    loop {
        interval.tick().await;
        ticks = ticks.wrapping_add(1);
        let pending = room.pending_likes.swap(0, Ordering::Relaxed);
        if pending > 0 {
            if let Err(e) = save(&db, room.id, "likes = likes + $1", pending).await {
                tracing::warn!(error = %e, "saving likes of room {}", room.id);
            }
            room.publish(&ServerEvent::Likes {
                total: room.likes(),
            });
        }
        let viewers = room.viewers();
        if ticks.is_multiple_of(VIEWER_TICKS) && viewers != sent_viewers {
            sent_viewers = viewers;
            room.publish(&ServerEvent::Viewers { count: viewers });
            if viewers > peak {
                peak = viewers;
                let raised = save(
                    &db,
                    room.id,
                    "peak_viewers = CASE WHEN peak_viewers > $1 THEN peak_viewers ELSE $1 END",
                    viewers,
                )
                .await;
                if let Err(e) = raised {
                    tracing::warn!(error = %e, "saving peak viewers of room {}", room.id);
                }
            }
        }
        if viewers <= 0 && room.pending_likes.load(Ordering::Relaxed) == 0 {
            let mut rooms = hub.lock();
            // Joins count in under this lock, so nobody can be joining right now.
            if room.viewers() <= 0 {
                rooms.remove(&room.id);
                return;
            }
        }
    }
}

/// `UPDATE live_rooms SET {set} WHERE id = $2` with one bound value, `$1` in `set`.
async fn save(db: &Db, room: i64, set: &str, value: i64) -> Result<(), sqlx::Error> {
    let (_turn, mut tx) = write_tx(db).await?;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE live_rooms SET {set} WHERE id = $2"
    )))
    .bind(value)
    .bind(room)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// Whether room `room` lists product `product` (for attributing a line to it).
pub async fn room_lists(conn: &mut SqliteConnection, room: i64, product: i64) -> AppResult<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM live_room_products WHERE room_id = $1 AND product_id = $2",
    )
    .bind(room)
    .bind(product)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(found.is_some())
}
