//! The deterministic demo world generated on first start: users with avatars, notes with
//! images of varied aspect ratios, topics, mentions, long-tailed engagement, and comments
//! with replies. Generated in memory from a fixed seed, then written in one transaction, so
//! an interrupted first start leaves an empty database that is seeded again next time.

pub mod corpus;
mod data;
pub mod live;
pub mod searches;
pub mod shop;
pub mod shop_corpus;
pub mod social;
pub mod stats;
mod world;

use sqlx::{QueryBuilder, Sqlite};

use crate::db::Db;
use corpus::CHANNELS;
use world::{generate, ImageGen};
pub(crate) use world::{lognormal, mix};

pub const DEFAULT_USERS: usize = 320;
pub const DEFAULT_NOTES: usize = 10_000;
const WORLD_SEED: u64 = 0x5eed_2026_0001;
/// Full-size image width; renditions are derived from it.
const BASE_WIDTH: u32 = 1080;
const AVATAR_SIZE: u32 = 160;

#[derive(Clone, Copy, Debug)]
pub struct WorldSize {
    pub users: usize,
    pub notes: usize,
}

impl Default for WorldSize {
    fn default() -> Self {
        WorldSize {
            users: DEFAULT_USERS,
            notes: DEFAULT_NOTES,
        }
    }
}

/// Rows per multi-row INSERT: well under SQLite's bind-variable limit.
const CHUNK: usize = 400;

/// Whether the seeding stage recorded under `marker` in `app_meta` has run.
pub(crate) async fn stage_done(db: &Db, marker: &str) -> Result<bool, sqlx::Error> {
    let done: Option<String> = sqlx::query_scalar("SELECT value FROM app_meta WHERE key = $1")
        .bind(marker)
        .fetch_optional(db)
        .await?;
    Ok(done.is_some())
}

/// Records a seeding stage as done, inside the stage's transaction.
pub(crate) async fn mark_stage(
    tx: &mut sqlx::Transaction<'_, Sqlite>,
    marker: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO app_meta (key, value) VALUES ($1, $2)")
        .bind(marker)
        .bind(now.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Writes generated images with ids `first_id`, `first_id + 1`, ...
async fn insert_images(
    tx: &mut sqlx::Transaction<'_, Sqlite>,
    first_id: i64,
    images: &[ImageGen],
) -> Result<(), sqlx::Error> {
    insert_rows(
        tx,
        "INSERT INTO images (id, image_key, theme, seed, width, height, ph_top, ph_bottom) ",
        images,
        |mut b, i, img| {
            b.push_bind(first_id + i as i64)
                .push_bind(img.key.clone())
                .push_bind(img.theme)
                .push_bind(img.seed as i64)
                .push_bind(i64::from(img.width))
                .push_bind(i64::from(img.height))
                .push_bind(img.top.clone())
                .push_bind(img.bottom.clone());
        },
    )
    .await
}

pub(crate) async fn insert_rows<T>(
    tx: &mut sqlx::Transaction<'_, Sqlite>,
    head: &str,
    rows: &[T],
    mut bind: impl FnMut(sqlx::query_builder::Separated<'_, Sqlite, &'static str>, usize, &T),
) -> Result<(), sqlx::Error> {
    for (chunk_index, chunk) in rows.chunks(CHUNK).enumerate() {
        let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(head);
        qb.push_values(chunk.iter().enumerate(), |b, (i, row)| {
            bind(b, chunk_index * CHUNK + i, row)
        });
        qb.build().execute(&mut **tx).await?;
    }
    Ok(())
}

/// Seeds the demo world unless the database already holds notes.
pub async fn seed_if_empty(
    db: &Db,
    size: WorldSize,
    mut progress: impl FnMut(String),
) -> Result<bool, sqlx::Error> {
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notes")
        .fetch_one(db)
        .await?;
    if existing > 0 {
        progress(format!("reusing existing database ({existing} notes)"));
        social::seed_social_if_missing(db, crate::now_unix(), &mut progress).await?;
        shop::seed_shop_if_missing(db, crate::now_unix(), &mut progress).await?;
        live::seed_live_if_missing(db, crate::now_unix(), &mut progress).await?;
        stats::seed_stats_if_missing(db, &mut progress).await?;
        searches::seed_searches_if_missing(db, &mut progress).await?;
        demo_passwords(db).await?;
        return Ok(false);
    }
    let started = std::time::Instant::now();
    let now = crate::now_unix();
    progress(format!(
        "seeding a new demo world: {} users, {} notes",
        size.users, size.notes
    ));
    let size = WorldSize {
        users: size.users.max(2),
        notes: size.notes,
    };
    let world = tokio::task::spawn_blocking(move || {
        let mut lines = Vec::new();
        let world = generate(size, now, &mut |line| lines.push(line));
        (world, lines)
    })
    .await
    .map_err(|e| sqlx::Error::Protocol(format!("seed generation failed: {e}")))?;
    let (world, lines) = world;
    for line in lines {
        progress(line);
    }

    let mut tx = db.begin().await?;
    for (i, ch) in CHANNELS.iter().enumerate() {
        sqlx::query(
            "INSERT INTO channels (id, slug, name_en, name_zh, position) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(i as i64 + 1)
        .bind(ch.slug)
        .bind(ch.name_en)
        .bind(ch.name_zh)
        .bind(i as i64)
        .execute(&mut *tx)
        .await?;
    }
    insert_images(&mut tx, 1, &world.images).await?;
    insert_rows(
        &mut tx,
        "INSERT INTO users (id, username, display_name, bio, avatar_image_id, created_at) ",
        &world.users,
        |mut b, i, u| {
            b.push_bind(i as i64 + 1)
                .push_bind(u.username.clone())
                .push_bind(u.display_name.clone())
                .push_bind(u.bio.clone())
                .push_bind(u.avatar_image)
                .push_bind(u.created_at);
        },
    )
    .await?;
    progress(format!("users      {} written", world.users.len()));
    insert_rows(
        &mut tx,
        "INSERT INTO notes (id, author_id, channel_id, kind, title, body, location, video_seconds, \
         cover_image_id, like_count, collect_count, comment_count, share_count, score, created_at) ",
        &world.notes,
        |mut b, i, n| {
            b.push_bind(i as i64 + 1)
                .push_bind(n.author)
                .push_bind(n.channel)
                .push_bind(if n.video_seconds.is_some() { "video" } else { "image" })
                .push_bind(n.title.clone())
                .push_bind(n.body.clone())
                .push_bind(n.location.clone())
                .push_bind(n.video_seconds)
                .push_bind(n.images.first().copied().unwrap_or(1))
                .push_bind(n.likes)
                .push_bind(n.collects)
                .push_bind(n.comments)
                .push_bind(n.shares)
                .push_bind(n.score)
                .push_bind(n.created_at);
        },
    )
    .await?;
    progress(format!("notes      {} written", world.notes.len()));

    let note_images: Vec<(i64, i64, i64)> = world
        .notes
        .iter()
        .enumerate()
        .flat_map(|(i, n)| {
            n.images
                .iter()
                .enumerate()
                .map(move |(pos, img)| (i as i64 + 1, pos as i64, *img))
        })
        .collect();
    insert_rows(
        &mut tx,
        "INSERT INTO note_images (note_id, position, image_id) ",
        &note_images,
        |mut b, _, (note, pos, img)| {
            b.push_bind(*note).push_bind(*pos).push_bind(*img);
        },
    )
    .await?;
    let topics: Vec<(i64, String)> = world
        .notes
        .iter()
        .enumerate()
        .flat_map(|(i, n)| n.topics.iter().map(move |t| (i as i64 + 1, t.clone())))
        .collect();
    insert_rows(
        &mut tx,
        "INSERT INTO note_topics (note_id, topic) ",
        &topics,
        |mut b, _, (note, topic)| {
            b.push_bind(*note).push_bind(topic.clone());
        },
    )
    .await?;
    let mut mentions: Vec<(i64, i64)> = world
        .notes
        .iter()
        .enumerate()
        .flat_map(|(i, n)| n.mentions.iter().map(move |u| (i as i64 + 1, *u)))
        .collect();
    mentions.sort_unstable();
    mentions.dedup();
    insert_rows(
        &mut tx,
        "INSERT INTO note_mentions (note_id, user_id) ",
        &mentions,
        |mut b, _, (note, user)| {
            b.push_bind(*note).push_bind(*user);
        },
    )
    .await?;
    insert_rows(
        &mut tx,
        "INSERT INTO comments (id, note_id, author_id, parent_id, reply_to_user_id, body, \
         like_count, reply_count, created_at) ",
        &world.comments,
        |mut b, i, c| {
            b.push_bind(i as i64 + 1)
                .push_bind(c.note)
                .push_bind(c.author)
                .push_bind(c.parent)
                .push_bind(c.reply_to)
                .push_bind(c.body.clone())
                .push_bind(c.likes)
                .push_bind(c.replies)
                .push_bind(c.created_at);
        },
    )
    .await?;
    progress(format!("comments   {} written", world.comments.len()));
    mark_stage(&mut tx, "seeded_at", now).await?;
    tx.commit().await?;
    social::seed_social_if_missing(db, now, &mut progress).await?;
    shop::seed_shop_if_missing(db, now, &mut progress).await?;
    live::seed_live_if_missing(db, now, &mut progress).await?;
    stats::seed_stats_if_missing(db, &mut progress).await?;
    searches::seed_searches_if_missing(db, &mut progress).await?;
    demo_passwords(db).await?;
    progress(format!(
        "demo world ready in {:.1}s",
        started.elapsed().as_secs_f64()
    ));
    Ok(true)
}

/// The seeded accounts sign in with the demo password (a no-op once they have one).
async fn demo_passwords(db: &Db) -> Result<(), sqlx::Error> {
    crate::auth::ensure_demo_passwords(db)
        .await
        .map(drop)
        .map_err(|e| sqlx::Error::Protocol(format!("demo passwords: {e}")))
}
