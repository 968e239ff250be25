//! Text for the deterministic demo world: channels, user names and bios, note titles and
//! bodies (with #topics and @mentions), comments and replies, in Chinese and English.
//!
//! Everything is drawn from the caller's `fastrand::Rng`, so a fixed seed gives a fixed
//! world. Titles and bodies are built from per-channel templates whose `{slot}` markers are
//! filled from per-channel filler tables:
//!
//! | slot | meaning |
//! | --- | --- |
//! | `{s}` | the note's subject (a theme such as "通勤穿搭" or "capsule wardrobe") |
//! | `{x}` | a concrete item (in English: object position, with an article when singular) |
//! | `{h}` | a hook ("建议收藏", "no gatekeeping") |
//! | `{p}` | a place name; the note's location, when it has one, is that place's |
//! | `{e}` | one of the channel's emoji |
//! | `{n}` | a small count; `{d}` a number of days or weeks and `{q}` one less |
//! | `{m}` | a price; `{k}` a trip or project budget |
//! | `{a}`, `{b}` | mentioned display names |

use std::fmt::Write as _;
use std::sync::LazyLock;

use serde::Deserialize;

mod notes;
mod tables;
#[cfg(test)]
mod tests;
mod users;

pub use notes::note_text;
pub use users::user_text;

use super::data::text;
use tables::{t, ChannelText, LangCommon, LangPools, Place, PlaceKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

#[derive(Clone, Copy, Debug, Deserialize)]
pub struct ChannelDef {
    #[serde(deserialize_with = "text")]
    pub slug: &'static str,
    #[serde(deserialize_with = "text")]
    pub name_en: &'static str,
    #[serde(deserialize_with = "text")]
    pub name_zh: &'static str,
}

/// The real content channels (the app adds a virtual "recommend" channel itself).
pub static CHANNELS: LazyLock<&'static [ChannelDef]> = LazyLock::new(|| t().channel_list);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserText {
    pub username: String,
    pub display_name: String,
    pub bio: String,
    pub lang: Lang,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteText {
    pub title: String,
    pub body: String,
    pub topics: Vec<String>,
    pub mentions: Vec<usize>,
    pub location: Option<String>,
    pub lang: Lang,
}

const TITLE_MAX_CHARS: usize = 40;
const COMMENT_MAX_CHARS: usize = 80;
const USERNAME_MAX: usize = 24;

// ---------------------------------------------------------------------------------------
// Comments and replies
// ---------------------------------------------------------------------------------------

/// A comment on a note of `channel_slug`, in `lang` (the caller decides the language mix).
pub fn comment_text(rng: &mut fastrand::Rng, lang: Lang, channel_slug: &str) -> String {
    let ch = channel_text(channel_slug);
    let (pools, common) = match lang {
        Lang::Zh => (&ch.zh, &t().common.zh),
        Lang::En => (&ch.en, &t().common.en),
    };
    let place_table = places(ch.places, lang);
    let place = if place_table.is_empty() {
        ""
    } else {
        place_table[rng.usize(..place_table.len())].0
    };
    let slots = Slots {
        x: pick(rng, pools.items),
        p: place,
        ..Slots::default()
    };
    let roll = rng.u32(0..100);
    let mut text = if roll < 42 {
        render_line(pick(rng, pools.comments), &slots, lang)
    } else if roll < 82 {
        pick(rng, common.comments).to_string()
    } else {
        let a = pick(rng, common.comments);
        let b = render_line(pick(rng, pools.comments), &slots, lang);
        let sep = match (lang, a.chars().last()) {
            (Lang::En, Some(c)) if c.is_alphanumeric() => ". ",
            _ => " ",
        };
        let joined = format!("{a}{sep}{b}");
        if joined.chars().count() <= COMMENT_MAX_CHARS {
            joined
        } else {
            b
        }
    };
    if rng.u32(0..100) < 12 {
        let emoji = pick(rng, common.comment_emoji);
        if text.chars().count() + emoji.chars().count() < COMMENT_MAX_CHARS {
            text.push_str(emoji);
        }
    }
    clamp_short(text, lang)
}

/// A reply under a comment: answers, thanks and follow-ups.
pub fn reply_text(rng: &mut fastrand::Rng, lang: Lang) -> String {
    let common = match lang {
        Lang::Zh => &t().common.zh,
        Lang::En => &t().common.en,
    };
    let slots = Slots {
        x: pick(rng, common.brands),
        p: pick(rng, common.reply_places),
        m: pick(rng, common.prices),
        ..Slots::default()
    };
    let pool = if rng.u32(0..100) < 70 {
        common.replies
    } else {
        common.answers
    };
    let text = render_line(pick(rng, pool), &slots, lang);
    clamp_short(text, lang)
}

fn clamp_short(text: String, lang: Lang) -> String {
    let text = text.trim();
    if text.is_empty() {
        return match lang {
            Lang::Zh => "👍".to_string(),
            Lang::En => "Love this!".to_string(),
        };
    }
    text.chars().take(COMMENT_MAX_CHARS).collect()
}

// ---------------------------------------------------------------------------------------
// Template machinery
// ---------------------------------------------------------------------------------------

#[derive(Default)]
struct Slots<'a> {
    s: &'a str,
    x: &'a str,
    h: &'a str,
    p: &'a str,
    e: &'a str,
    n: u32,
    d: u32,
    m: &'a str,
    k: &'a str,
    a: &'a str,
    b: &'a str,
}

fn render(template: &str, v: &Slots<'_>, out: &mut String) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return;
        };
        match &after[..close] {
            "s" => out.push_str(v.s),
            "x" => out.push_str(v.x),
            "h" => out.push_str(v.h),
            "p" => out.push_str(v.p),
            "e" => out.push_str(v.e),
            "m" => out.push_str(v.m),
            "k" => out.push_str(v.k),
            "a" => out.push_str(v.a),
            "b" => out.push_str(v.b),
            "n" => {
                let _ = write!(out, "{}", v.n);
            }
            "d" => {
                let _ = write!(out, "{}", v.d);
            }
            "q" => {
                let _ = write!(out, "{}", v.d.saturating_sub(1).max(1));
            }
            _ => {}
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
}

fn render_plain(template: &str, v: &Slots<'_>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    render(template, v, &mut out);
    out
}

/// Renders a template as a line of body text; English lines start with a capital.
fn render_line(template: &str, v: &Slots<'_>, lang: Lang) -> String {
    let out = render_plain(template, v);
    match lang {
        Lang::Zh => out,
        Lang::En => cap_first(&out),
    }
}

fn cap_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_lowercase() => {
            let mut out = String::with_capacity(s.len());
            out.push(c.to_ascii_uppercase());
            out.push_str(chars.as_str());
            out
        }
        _ => s.to_string(),
    }
}

fn pick<'a>(rng: &mut fastrand::Rng, items: &[&'a str]) -> &'a str {
    if items.is_empty() {
        ""
    } else {
        items[rng.usize(..items.len())]
    }
}

fn pick_count(rng: &mut fastrand::Rng) -> u32 {
    const COUNTS: &[u32] = &[3, 3, 4, 5, 5, 6, 7, 8, 9, 10, 12, 15];
    COUNTS[rng.usize(..COUNTS.len())]
}

/// Up to `k` distinct indices into `0..len`, in random order.
fn distinct_indices(rng: &mut fastrand::Rng, len: usize, k: usize) -> Vec<usize> {
    let k = k.min(len);
    let mut out = Vec::with_capacity(k);
    while out.len() < k {
        let i = rng.usize(..len);
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

fn channel_text(slug: &str) -> &'static ChannelText {
    t().channels
        .iter()
        .find(|c| c.slug == slug)
        .unwrap_or(&t().channels[0])
}

fn places(kind: PlaceKind, lang: Lang) -> &'static [Place] {
    match (kind, lang) {
        (PlaceKind::City, Lang::Zh) => t().places.zh.city,
        (PlaceKind::Trip, Lang::Zh) => t().places.zh.trip,
        (PlaceKind::Nature, Lang::Zh) => t().places.zh.nature,
        (PlaceKind::City, Lang::En) => t().places.en.city,
        (PlaceKind::Trip, Lang::En) => t().places.en.trip,
        (PlaceKind::Nature, Lang::En) => t().places.en.nature,
    }
}
