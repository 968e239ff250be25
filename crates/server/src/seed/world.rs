//! Generating the demo world in memory: users, notes with images, engagement counts, and
//! comments with replies, all drawn from one seeded rng (`seed_if_empty` writes it).

use crate::images::{placeholder_colors, AVATAR_THEME};

use super::corpus::{self, Lang, CHANNELS};
use super::{WorldSize, AVATAR_SIZE, BASE_WIDTH, WORLD_SEED};

pub(super) struct ImageGen {
    pub(super) key: String,
    pub(super) theme: &'static str,
    pub(super) seed: u64,
    pub(super) width: u32,
    pub(super) height: u32,
    pub(super) top: String,
    pub(super) bottom: String,
}

pub(super) struct UserGen {
    pub(super) username: String,
    pub(super) display_name: String,
    pub(super) bio: String,
    pub(super) avatar_image: i64,
    pub(super) created_at: i64,
}

pub(super) struct NoteGen {
    pub(super) author: i64,
    pub(super) channel: i64,
    pub(super) video_seconds: Option<i32>,
    pub(super) title: String,
    pub(super) body: String,
    pub(super) location: Option<String>,
    pub(super) images: Vec<i64>,
    pub(super) topics: Vec<String>,
    pub(super) mentions: Vec<i64>,
    pub(super) likes: i64,
    pub(super) collects: i64,
    pub(super) shares: i64,
    pub(super) comments: i64,
    pub(super) score: i64,
    pub(super) created_at: i64,
}

pub(super) struct CommentGen {
    pub(super) note: i64,
    pub(super) author: i64,
    pub(super) parent: Option<i64>,
    pub(super) reply_to: Option<i64>,
    pub(super) body: String,
    pub(super) likes: i64,
    pub(super) replies: i64,
    pub(super) created_at: i64,
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

pub(super) struct World {
    pub(super) images: Vec<ImageGen>,
    pub(super) users: Vec<UserGen>,
    pub(super) notes: Vec<NoteGen>,
    pub(super) comments: Vec<CommentGen>,
}

pub(super) fn generate(size: WorldSize, now: i64, progress: &mut dyn FnMut(String)) -> World {
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
