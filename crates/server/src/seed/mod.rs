//! The deterministic demo world generated on first start: users with avatars, notes with
//! images of varied aspect ratios, topics, mentions, long-tailed engagement, and comments
//! with replies. Generated in memory from a fixed seed, then written in one transaction, so
//! an interrupted first start leaves an empty database that is seeded again next time.

pub mod corpus;
mod corpus_tables;
mod data;
pub mod searches;
pub mod shop;
pub mod shop_corpus;
pub mod social;
pub mod stats;

use sqlx::{QueryBuilder, Sqlite};

use crate::db::Db;
use crate::images::{placeholder_colors, AVATAR_THEME};
use corpus::{Lang, CHANNELS};

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

struct ImageGen {
    key: String,
    theme: &'static str,
    seed: u64,
    width: u32,
    height: u32,
    top: String,
    bottom: String,
}

struct UserGen {
    username: String,
    display_name: String,
    bio: String,
    avatar_image: i64,
    created_at: i64,
}

struct NoteGen {
    author: i64,
    channel: i64,
    video_seconds: Option<i32>,
    title: String,
    body: String,
    location: Option<String>,
    images: Vec<i64>,
    topics: Vec<String>,
    mentions: Vec<i64>,
    likes: i64,
    collects: i64,
    shares: i64,
    comments: i64,
    score: i64,
    created_at: i64,
}

struct CommentGen {
    note: i64,
    author: i64,
    parent: Option<i64>,
    reply_to: Option<i64>,
    body: String,
    likes: i64,
    replies: i64,
    created_at: i64,
}

/// SplitMix64: a bijection, so distinct inputs give distinct image keys.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Standard normal sample (Box–Muller).
fn normal(rng: &mut fastrand::Rng) -> f64 {
    let u1 = rng.f64().max(1e-12);
    let u2 = rng.f64();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// Long-tailed counts: most notes get a little, a few get a lot.
pub(crate) fn lognormal(rng: &mut fastrand::Rng, mu: f64, sigma: f64, cap: f64) -> i64 {
    (mu + sigma * normal(rng)).exp().min(cap).floor() as i64
}

/// (width, height) at full size for one of the app's aspect ratios.
fn pick_aspect(rng: &mut fastrand::Rng, video: bool) -> (u32, u32) {
    let (w, h) = if video {
        if rng.f64() < 0.6 {
            (9, 16)
        } else {
            (3, 4)
        }
    } else {
        match rng.u32(0..100) {
            0..=39 => (3, 4),
            40..=54 => (1, 1),
            55..=69 => (4, 3),
            70..=87 => (9, 16),
            _ => (16, 9),
        }
    };
    (BASE_WIDTH, (BASE_WIDTH * h + w / 2) / w)
}

struct World {
    images: Vec<ImageGen>,
    users: Vec<UserGen>,
    notes: Vec<NoteGen>,
    comments: Vec<CommentGen>,
}

fn generate(size: WorldSize, now: i64, progress: &mut dyn FnMut(String)) -> World {
    let mut rng = fastrand::Rng::with_seed(WORLD_SEED);
    let mut images: Vec<ImageGen> = Vec::new();
    let mut new_image = |theme: &'static str, width: u32, height: u32| -> i64 {
        let n = images.len() as u64;
        let seed = mix(WORLD_SEED ^ n);
        images.push(ImageGen {
            key: format!("{seed:016x}"),
            theme,
            seed,
            width,
            height,
            top: String::new(),
            bottom: String::new(),
        });
        images.len() as i64
    };

    let users: Vec<UserGen> = (0..size.users)
        .map(|i| {
            let text = corpus::user_text(&mut rng, i);
            UserGen {
                username: text.username,
                display_name: text.display_name,
                bio: text.bio,
                avatar_image: new_image(AVATAR_THEME, AVATAR_SIZE, AVATAR_SIZE),
                created_at: now - 86_400 * (200 + i64::from(rng.u32(0..900))),
            }
        })
        .collect();
    progress(format!("users      {} generated", users.len()));

    let mut notes = Vec::with_capacity(size.notes);
    let mut comments = Vec::new();
    for i in 0..size.notes {
        let channel_index = rng.usize(0..CHANNELS.len());
        let channel = &CHANNELS[channel_index];
        // Power law over authors: a few prolific creators, a long tail of occasional posters.
        let author = ((rng.f64().powf(1.7) * size.users as f64) as usize).min(size.users - 1);
        let people: Vec<(usize, &str)> = (0..6)
            .map(|_| rng.usize(0..size.users))
            .filter(|p| *p != author)
            .map(|p| (p, users[p].display_name.as_str()))
            .collect();
        let text = corpus::note_text(&mut rng, channel.slug, &people);
        let video = rng.u32(0..100) < 15;
        let image_count = if video {
            1
        } else {
            match rng.u32(0..100) {
                0..=29 => 1,
                30..=49 => 2,
                50..=67 => 3,
                68..=81 => 4,
                82..=91 => 5,
                _ => 6,
            }
        };
        let mut note_images = Vec::with_capacity(image_count);
        for _ in 0..image_count {
            let (w, h) = pick_aspect(&mut rng, video);
            note_images.push(new_image(channel.slug, w, h));
        }
        // Newer notes are more common.
        let age = (rng.f64().powf(1.6) * 180.0 * 86_400.0) as i64;
        let created_at = now - age - 3_600;
        let likes = lognormal(&mut rng, 5.0, 1.9, 250_000.0);
        let collects = (likes as f64 * (0.15 + 0.55 * rng.f64())) as i64;
        let shares = (likes as f64 * (0.01 + 0.07 * rng.f64())) as i64;

        let note_id = i as i64 + 1;
        let top_level = lognormal(&mut rng, 0.4 + 0.25 * ((likes + 1) as f64).ln(), 0.9, 80.0);
        let mut total_comments = 0;
        for _ in 0..top_level {
            let commenter = rng.usize(0..size.users) as i64 + 1;
            let comment_lang = if rng.u32(0..100) < 85 {
                text.lang
            } else {
                other(text.lang)
            };
            let top_created = created_at + i64::from(rng.u32(60..(age.max(120) as u32)));
            let reply_total = if rng.u32(0..100) < 30 {
                lognormal(&mut rng, 0.3, 1.0, 25.0).max(1)
            } else {
                0
            };
            comments.push(CommentGen {
                note: note_id,
                author: commenter,
                parent: None,
                reply_to: None,
                body: corpus::comment_text(&mut rng, comment_lang, channel.slug),
                likes: lognormal(&mut rng, 0.8, 1.6, 20_000.0),
                replies: reply_total,
                created_at: top_created,
            });
            let parent_id = comments.len() as i64;
            total_comments += 1 + reply_total;
            let mut previous_repliers: Vec<i64> = Vec::new();
            for r in 0..reply_total {
                // The note's author often answers; otherwise anyone.
                let replier = if rng.u32(0..100) < 35 {
                    author as i64 + 1
                } else {
                    rng.usize(0..size.users) as i64 + 1
                };
                // About a third of later replies answer another reply: shown as "@name".
                let reply_to = if r > 0 && rng.u32(0..100) < 35 {
                    previous_repliers
                        .get(rng.usize(0..previous_repliers.len()))
                        .copied()
                        .filter(|u| *u != replier)
                } else {
                    None
                };
                comments.push(CommentGen {
                    note: note_id,
                    author: replier,
                    parent: Some(parent_id),
                    reply_to,
                    body: corpus::reply_text(&mut rng, comment_lang),
                    likes: lognormal(&mut rng, 0.0, 1.4, 5_000.0),
                    replies: 0,
                    created_at: top_created + 60 * (r + 1) + i64::from(rng.u32(0..7_200)),
                });
                previous_repliers.push(replier);
            }
        }

        let engagement = likes + 2 * collects + 3 * total_comments;
        let score = (((engagement + 1) as f64).ln() * 1000.0) as i64 - age / 86_400 * 40
            + i64::from(rng.u32(0..400));
        notes.push(NoteGen {
            author: author as i64 + 1,
            channel: channel_index as i64 + 1,
            video_seconds: video.then(|| rng.i32(12..300)),
            title: text.title,
            body: text.body,
            location: text.location,
            images: note_images,
            topics: text.topics,
            mentions: text
                .mentions
                .iter()
                .filter_map(|m| people.get(*m).map(|(p, _)| *p as i64 + 1))
                .collect(),
            likes,
            collects,
            shares,
            comments: total_comments,
            score,
            created_at,
        });
        if (i + 1) % 2_500 == 0 || i + 1 == size.notes {
            progress(format!("notes      {}/{} generated", i + 1, size.notes));
        }
    }
    progress(format!("comments   {} generated", comments.len()));

    compute_placeholders(&mut images);
    progress(format!("images     {} placeholders computed", images.len()));
    World {
        images,
        users,
        notes,
        comments,
    }
}

fn other(lang: Lang) -> Lang {
    match lang {
        Lang::Zh => Lang::En,
        Lang::En => Lang::Zh,
    }
}

/// Placeholder colours need a tiny render per image: spread over the cores.
fn compute_placeholders(images: &mut [ImageGen]) {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunk = images.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        for part in images.chunks_mut(chunk) {
            scope.spawn(move || {
                for img in part {
                    let (top, bottom) =
                        placeholder_colors(img.theme, img.seed, img.width, img.height);
                    img.top = top;
                    img.bottom = bottom;
                }
            });
        }
    });
}

/// Rows per multi-row INSERT: well under SQLite's bind-variable limit.
const CHUNK: usize = 400;

/// Whether the seeding stage recorded under `marker` in `app_meta` has run.
pub(crate) async fn stage_done(db: &Db, marker: &str) -> Result<bool, sqlx::Error> {
    let done: Option<String> = sqlx::query_scalar("SELECT value FROM app_meta WHERE key = ?")
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
    sqlx::query("INSERT INTO app_meta (key, value) VALUES (?, ?)")
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
            "INSERT INTO channels (id, slug, name_en, name_zh, position) VALUES (?, ?, ?, ?, ?)",
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
