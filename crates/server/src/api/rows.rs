//! Row shapes read from SQL and their conversion into API DTOs.

use api_types::{Image, NoteCard, NoteKind, Placeholder, UserSummary};
use sqlx::FromRow;

use crate::images::url_template;

/// Columns selecting a note card (see [`CARD_SELECT`]).
#[derive(FromRow)]
pub struct CardRow {
    pub id: i64,
    pub title: String,
    pub kind: String,
    pub video_seconds: Option<i32>,
    pub like_count: i64,
    pub score: i64,
    pub created_at: i64,
    pub author_id: i64,
    pub author_username: String,
    pub author_name: String,
    pub author_avatar: String,
    pub cover_key: String,
    pub cover_width: i64,
    pub cover_height: i64,
    pub cover_top: String,
    pub cover_bottom: String,
}

/// SELECT list + joins for note cards; callers append WHERE / ORDER BY / LIMIT.
pub const CARD_SELECT: &str =
    "SELECT n.id, n.title, n.kind, n.video_seconds, n.like_count, n.score, n.created_at, \
     u.id AS author_id, u.username AS author_username, u.display_name AS author_name, \
     ua.image_key AS author_avatar, \
     ci.image_key AS cover_key, ci.width AS cover_width, ci.height AS cover_height, \
     ci.ph_top AS cover_top, ci.ph_bottom AS cover_bottom \
     FROM notes n \
     JOIN users u ON u.id = n.author_id \
     JOIN images ua ON ua.id = u.avatar_image_id \
     JOIN images ci ON ci.id = n.cover_image_id";

pub fn note_kind(raw: &str) -> NoteKind {
    if raw == "video" {
        NoteKind::Video
    } else {
        NoteKind::Image
    }
}

pub fn image(key: &str, width: i64, height: i64, top: String, bottom: String) -> Image {
    Image {
        url_template: url_template(key),
        width: u32::try_from(width).unwrap_or(1),
        height: u32::try_from(height).unwrap_or(1),
        placeholder: Placeholder { top, bottom },
    }
}

pub fn user(id: i64, username: String, display_name: String, avatar_key: &str) -> UserSummary {
    UserSummary {
        id,
        username,
        display_name,
        avatar: url_template(avatar_key),
    }
}

impl From<CardRow> for NoteCard {
    fn from(r: CardRow) -> Self {
        NoteCard {
            id: r.id,
            title: r.title,
            kind: note_kind(&r.kind),
            cover: image(
                &r.cover_key,
                r.cover_width,
                r.cover_height,
                r.cover_top,
                r.cover_bottom,
            ),
            author: user(
                r.author_id,
                r.author_username,
                r.author_name,
                &r.author_avatar,
            ),
            like_count: r.like_count,
            video_seconds: r.video_seconds,
            reason: None,
        }
    }
}
