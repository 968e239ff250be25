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

use super::corpus_tables::{t, ChannelText, LangCommon, LangPools, Place, PlaceKind};
use super::data::text;

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
// Users
// ---------------------------------------------------------------------------------------

/// Text for user `index`. The display name is derived from `index` alone through a
/// bijection onto the space of generated names, so names (and usernames, which end in an
/// index-derived code) are unique; the rng only varies the username style and the bio.
pub fn user_text(rng: &mut fastrand::Rng, index: usize) -> UserText {
    let total: usize = family_sizes().iter().map(|(_, size)| size).sum();
    let (slot, round) = if total == 0 {
        (0, index)
    } else {
        (scramble(index % total, total), index / total)
    };
    let mut name = decode_name(slot);
    if round > 0 {
        // Generated names never end in a digit, so this stays unique past the name space.
        let _ = write!(name.display, "{}", round + 1);
    }
    let username = make_username(rng, &name.slug, index);
    let bio = make_bio(rng, name.lang);
    UserText {
        username,
        display_name: name.display,
        bio,
        lang: name.lang,
    }
}

#[derive(Clone, Copy, Debug)]
enum Family {
    /// 桃子爱旅行
    PetLoves,
    /// 桃子在上海 / Mia在东京
    NameIn,
    /// 桃子Momo
    PetGiven,
    /// 桃子的日常
    PetSuffix,
    /// 林多多呀
    FullName,
    /// Mia Chen
    EnFull,
    /// mia.eats
    EnHandle,
    /// Mia in Tokyo
    EnCity,
}

fn family_sizes() -> [(Family, usize); 8] {
    [
        (
            Family::PetLoves,
            t().names.zh_pets.len() * t().names.zh_hobbies.len(),
        ),
        (
            Family::NameIn,
            (t().names.zh_pets.len() + t().names.zh_en_given.len())
                * t().names.zh_name_cities.len(),
        ),
        (
            Family::PetGiven,
            t().names.zh_pets.len() * t().names.zh_en_given.len(),
        ),
        (
            Family::PetSuffix,
            t().names.zh_pets.len() * t().names.zh_suffixes.len(),
        ),
        (
            Family::FullName,
            t().names.zh_surnames.len() * t().names.zh_given.len() * t().names.zh_name_ends.len(),
        ),
        (
            Family::EnFull,
            t().names.en_first.len() * t().names.en_last.len(),
        ),
        (
            Family::EnHandle,
            t().names.en_first.len() * t().names.en_handles.len(),
        ),
        (
            Family::EnCity,
            t().names.en_first.len() * t().names.en_name_cities.len(),
        ),
    ]
}

/// A bijection on `0..total` (7919 is prime and larger than any name space used here).
fn scramble(i: usize, total: usize) -> usize {
    let total = total as u64;
    let mult = if total.is_multiple_of(7919) { 1 } else { 7919 };
    ((i as u64 * mult + 13) % total) as usize
}

struct GeneratedName {
    display: String,
    slug: String,
    lang: Lang,
}

fn decode_name(slot: usize) -> GeneratedName {
    let mut rest = slot;
    let mut family = Family::EnFull;
    for (f, size) in family_sizes() {
        if rest < size {
            family = f;
            break;
        }
        rest -= size;
    }
    let pair = |table: &'static [(&'static str, &'static str)], i: usize| {
        table.get(i).copied().unwrap_or(("小鹿", "xiaolu"))
    };
    let word = |table: &'static [&'static str], i: usize| table.get(i).copied().unwrap_or("Mia");
    let lower = |s: &str| s.to_ascii_lowercase().replace([' ', '.', '\''], "");
    match family {
        Family::PetLoves => {
            let n = t().names.zh_hobbies.len().max(1);
            let (pet, pet_slug) = pair(t().names.zh_pets, rest / n);
            let (hobby, hobby_slug) = pair(t().names.zh_hobbies, rest % n);
            GeneratedName {
                display: format!("{pet}爱{hobby}"),
                slug: format!("{pet_slug}_{hobby_slug}"),
                lang: Lang::Zh,
            }
        }
        Family::NameIn => {
            let n = t().names.zh_name_cities.len().max(1);
            let (city, city_slug) = pair(t().names.zh_name_cities, rest % n);
            let who = rest / n;
            let (name, name_slug) = if who < t().names.zh_pets.len() {
                let (p, s) = pair(t().names.zh_pets, who);
                (p.to_string(), s.to_string())
            } else {
                let g = word(t().names.zh_en_given, who - t().names.zh_pets.len());
                (g.to_string(), lower(g))
            };
            GeneratedName {
                display: format!("{name}在{city}"),
                slug: format!("{name_slug}_in_{city_slug}"),
                lang: Lang::Zh,
            }
        }
        Family::PetGiven => {
            let n = t().names.zh_en_given.len().max(1);
            let (pet, pet_slug) = pair(t().names.zh_pets, rest / n);
            let given = word(t().names.zh_en_given, rest % n);
            GeneratedName {
                display: format!("{pet}{given}"),
                slug: format!("{}_{pet_slug}", lower(given)),
                lang: Lang::Zh,
            }
        }
        Family::PetSuffix => {
            let n = t().names.zh_suffixes.len().max(1);
            let (pet, pet_slug) = pair(t().names.zh_pets, rest / n);
            let (suffix, suffix_slug) = pair(t().names.zh_suffixes, rest % n);
            GeneratedName {
                display: format!("{pet}{suffix}"),
                slug: format!("{pet_slug}_{suffix_slug}"),
                lang: Lang::Zh,
            }
        }
        Family::FullName => {
            let ends = t().names.zh_name_ends.len().max(1);
            let given_n = t().names.zh_given.len().max(1);
            let (end, end_slug) = pair(t().names.zh_name_ends, rest % ends);
            let (given, given_slug) = pair(t().names.zh_given, (rest / ends) % given_n);
            let (surname, surname_slug) = pair(t().names.zh_surnames, rest / ends / given_n);
            let slug = if end_slug.is_empty() {
                format!("{surname_slug}_{given_slug}")
            } else {
                format!("{surname_slug}{given_slug}_{end_slug}")
            };
            GeneratedName {
                display: format!("{surname}{given}{end}"),
                slug,
                lang: Lang::Zh,
            }
        }
        Family::EnFull => {
            let n = t().names.en_last.len().max(1);
            let first = word(t().names.en_first, rest / n);
            let last = word(t().names.en_last, rest % n);
            GeneratedName {
                display: format!("{first} {last}"),
                slug: format!("{}_{}", lower(first), lower(last)),
                lang: Lang::En,
            }
        }
        Family::EnHandle => {
            let n = t().names.en_handles.len().max(1);
            let first = lower(word(t().names.en_first, rest / n));
            let handle = word(t().names.en_handles, rest % n);
            GeneratedName {
                display: format!("{first}.{handle}"),
                slug: format!("{first}_{handle}"),
                lang: Lang::En,
            }
        }
        Family::EnCity => {
            let n = t().names.en_name_cities.len().max(1);
            let first = word(t().names.en_first, rest / n);
            let city = word(t().names.en_name_cities, rest % n);
            GeneratedName {
                display: format!("{first} in {city}"),
                slug: format!("{}_in_{}", lower(first), lower(city)),
                lang: Lang::En,
            }
        }
    }
}

/// `slug[yy]_code`: the code after the last underscore is injective in `index`, which
/// makes usernames unique whatever the slug.
fn make_username(rng: &mut fastrand::Rng, slug: &str, index: usize) -> String {
    let index = index as u64;
    let code = if index < 10_007 {
        (index * 7919 + 523) % 10_007
    } else {
        index + 10_007
    };
    let code = code.to_string();
    let year = if rng.u32(0..100) < 25 {
        pick(rng, t().bios.birth_years)
    } else {
        ""
    };
    let room = USERNAME_MAX.saturating_sub(1 + code.len() + year.len());
    let mut clean: String = slug
        .chars()
        .filter(|c| c.is_ascii_lowercase() || *c == '_')
        .collect();
    // Drop whole trailing words first ("lin_xiaobei_tongxue" -> "lin_xiaobei"), then cut.
    while clean.len() > room {
        match clean.rfind('_') {
            Some(cut) if cut >= 2 => clean.truncate(cut),
            _ => clean.truncate(room),
        }
    }
    let clean = clean.trim_matches('_');
    let clean = if clean.len() < 2 { "user" } else { clean };
    format!("{clean}{year}_{code}")
}

fn make_bio(rng: &mut fastrand::Rng, lang: Lang) -> String {
    let (cities, ids, interests, extras, pin) = match lang {
        Lang::Zh => (
            t().bios.zh_bio_cities,
            t().bios.zh_bio_ids,
            t().bios.zh_bio_interests,
            t().bios.zh_bio_extras,
            "📍",
        ),
        Lang::En => (
            t().bios.en_bio_cities,
            t().bios.en_bio_ids,
            t().bios.en_bio_interests,
            t().bios.en_bio_extras,
            "📍 ",
        ),
    };
    let sep = pick(rng, &[" | ", "｜", " / ", " · "]);
    let mut parts: Vec<String> = Vec::with_capacity(3);
    if rng.u32(0..100) < 70 {
        parts.push(format!("{pin}{}", pick(rng, cities)));
    }
    if rng.u32(0..100) < 75 {
        parts.push(pick(rng, ids).to_string());
    }
    parts.push(pick(rng, interests).to_string());
    let mut bio = parts.join(sep);
    if rng.u32(0..100) < 40 {
        bio.push('\n');
        bio.push_str(pick(rng, extras));
    }
    bio
}

// ---------------------------------------------------------------------------------------
// Notes
// ---------------------------------------------------------------------------------------

pub fn note_text(
    rng: &mut fastrand::Rng,
    channel_slug: &str,
    people: &[(usize, &str)],
) -> NoteText {
    let ch = channel_text(channel_slug);
    let lang = if rng.u32(0..100) < 70 {
        Lang::Zh
    } else {
        Lang::En
    };
    let (pools, common) = match lang {
        Lang::Zh => (&ch.zh, &t().common.zh),
        Lang::En => (&ch.en, &t().common.en),
    };
    let place_table = places(ch.places, lang);
    let place = if place_table.is_empty() {
        ("", "")
    } else {
        place_table[rng.usize(..place_table.len())]
    };
    let days = rng.u32(2..8);
    let mut slots = Slots {
        s: pick(rng, pools.subjects),
        x: pick(rng, pools.items),
        h: pick(rng, common.hooks),
        p: place.0,
        e: pick(rng, ch.emoji),
        n: pick_count(rng),
        d: days,
        m: pick(rng, common.prices),
        k: pick(rng, common.budgets),
        a: "",
        b: "",
    };

    let title = make_title(rng, pools, &mut slots, lang, ch.emoji);
    let topics = make_topics(rng, ch, pools, common, lang, place.0);

    let mentions = pick_mentions(rng, people);
    let mention_line = match mentions.as_slice() {
        [one] => {
            slots.a = people[*one].1;
            Some(render_plain(pick(rng, common.mention_one), &slots))
        }
        [one, two, ..] => {
            slots.a = people[*one].1;
            slots.b = people[*two].1;
            Some(render_plain(pick(rng, common.mention_two), &slots))
        }
        [] => None,
    };

    let body = make_body(rng, pools, common, &slots, lang, &topics, mention_line);
    let location =
        (!place.1.is_empty() && rng.u32(0..100) < ch.location_pct).then(|| place.1.to_string());
    NoteText {
        title,
        body,
        topics,
        mentions,
        location,
        lang,
    }
}

fn make_title(
    rng: &mut fastrand::Rng,
    pools: &LangPools,
    slots: &mut Slots<'_>,
    lang: Lang,
    emoji: &[&str],
) -> String {
    let decorate_pct = match lang {
        Lang::Zh => 30,
        Lang::En => 25,
    };
    for attempt in 0..24u32 {
        if attempt > 0 && attempt.is_multiple_of(4) {
            // Long fillers keep overflowing: the body follows whatever the title settles on.
            slots.s = pick(rng, pools.subjects);
            slots.x = pick(rng, pools.items);
        }
        let template = pick(rng, pools.titles);
        let mut title = String::with_capacity(64);
        render(template, slots, &mut title);
        if !template.contains("{e}") && rng.u32(0..100) < decorate_pct {
            if lang == Lang::En {
                title.push(' ');
            }
            title.push_str(pick(rng, emoji));
        }
        let title = cap_first(title.trim());
        let len = title.chars().count();
        if len > 0 && len <= TITLE_MAX_CHARS {
            return title;
        }
    }
    // Every template was too long for this subject: fall back to the subject itself.
    let fallback = cap_first(slots.s.trim());
    let fallback: String = fallback.chars().take(TITLE_MAX_CHARS).collect();
    let fallback = fallback.trim().to_string();
    if fallback.is_empty() {
        match lang {
            Lang::Zh => "日常分享".to_string(),
            Lang::En => "Daily notes".to_string(),
        }
    } else {
        fallback
    }
}

fn make_topics(
    rng: &mut fastrand::Rng,
    ch: &ChannelText,
    pools: &LangPools,
    common: &LangCommon,
    lang: Lang,
    place: &str,
) -> Vec<String> {
    let count = match rng.u32(0..100) {
        0..=14 => 1,
        15..=49 => 2,
        50..=84 => 3,
        _ => 4,
    };
    let mut topics: Vec<String> = Vec::with_capacity(count);
    let place_suffix = match lang {
        Lang::Zh => ch.place_topic.0,
        Lang::En => ch.place_topic.1,
    };
    if !place_suffix.is_empty() && !place.is_empty() && rng.u32(0..100) < 35 {
        let topic = topic_name(&format!("{place}{place_suffix}"));
        if !topic.is_empty() {
            topics.push(topic);
        }
    }
    let mut attempts = 0;
    while topics.len() < count && attempts < 32 {
        attempts += 1;
        let pool = if rng.u32(0..100) < 80 {
            pools.topics
        } else {
            common.topics
        };
        let topic = topic_name(pick(rng, pool));
        if !topic.is_empty() && !topics.contains(&topic) {
            topics.push(topic);
        }
    }
    if topics.is_empty() {
        topics.push(match lang {
            Lang::Zh => "日常分享".to_string(),
            Lang::En => "DailyLife".to_string(),
        });
    }
    topics
}

/// A topic name: no whitespace, no '#' or '@', no punctuation that would end a hashtag.
fn topic_name(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '#' | '@' | '\'' | '’' | '.' | ','))
        .collect()
}

/// About one note in five mentions someone; a few of those mention two people.
fn pick_mentions(rng: &mut fastrand::Rng, people: &[(usize, &str)]) -> Vec<usize> {
    if people.is_empty() || rng.u32(0..100) >= 20 {
        return Vec::new();
    }
    let first = rng.usize(..people.len());
    if !mentionable(people[first].1) {
        return Vec::new();
    }
    let mut out = vec![first];
    if people.len() > 1 && rng.u32(0..100) < 15 {
        for _ in 0..4 {
            let j = rng.usize(..people.len());
            if people[j].1 != people[first].1 && mentionable(people[j].1) {
                out.push(j);
                break;
            }
        }
    }
    out
}

fn mentionable(name: &str) -> bool {
    !name.is_empty() && name.trim() == name && !name.contains(['@', '#', '\n', '{', '}'])
}

fn make_body(
    rng: &mut fastrand::Rng,
    pools: &LangPools,
    common: &LangCommon,
    slots: &Slots<'_>,
    lang: Lang,
    topics: &[String],
    mention_line: Option<String>,
) -> String {
    let mut lines: Vec<String> = Vec::with_capacity(7);
    lines.push(render_line(pick(rng, pools.openers), slots, lang));

    let list = rng.u32(0..100) < 45;
    let wanted = if list {
        2 + rng.usize(..2)
    } else {
        1 + rng.usize(..3)
    };
    let details = distinct_indices(rng, pools.details.len(), wanted);
    if list {
        if mention_line.is_none() && rng.bool() {
            lines.push(pick(rng, common.list_intros).to_string());
        }
        let style = rng.u32(0..5);
        for (i, &d) in details.iter().enumerate() {
            let mut line = list_marker(style, i + 1, lang);
            line.push_str(&render_line(pools.details[d], slots, lang));
            lines.push(line);
        }
    } else if rng.bool() {
        let joiner = match lang {
            Lang::Zh => "",
            Lang::En => " ",
        };
        let sentences: Vec<String> = details
            .iter()
            .map(|&d| render_line(pools.details[d], slots, lang))
            .collect();
        if !sentences.is_empty() {
            lines.push(sentences.join(joiner));
        }
    } else {
        for &d in &details {
            lines.push(render_line(pools.details[d], slots, lang));
        }
    }

    let closer = (rng.u32(0..100) < 55).then(|| pick(rng, common.closers).to_string());
    match (mention_line, closer) {
        (Some(m), Some(c)) => {
            if rng.bool() {
                lines.push(c);
                lines.push(m);
            } else {
                lines.push(m);
                lines.push(c);
            }
        }
        (Some(m), None) => lines.push(m),
        (None, Some(c)) => lines.push(c),
        (None, None) => {}
    }

    let mut body = lines.join("\n");
    body.push('\n');
    if rng.u32(0..100) < 30 {
        body.push('\n');
    }
    for (i, topic) in topics.iter().enumerate() {
        if i > 0 {
            body.push(' ');
        }
        body.push('#');
        body.push_str(topic);
    }
    body
}

fn list_marker(style: u32, i: usize, lang: Lang) -> String {
    match (style, lang) {
        (0, _) => format!("{i}. "),
        (1, _) => format!("{i}\u{fe0f}\u{20e3} "),
        (2, Lang::Zh) => {
            let circled = ["①", "②", "③", "④", "⑤", "⑥"];
            format!("{} ", circled.get(i - 1).copied().unwrap_or("·"))
        }
        (2, Lang::En) => format!("{i}) "),
        (3, Lang::Zh) => "✅ ".to_string(),
        (3, Lang::En) => "✔️ ".to_string(),
        (_, Lang::Zh) => "▪️ ".to_string(),
        (_, Lang::En) => "- ".to_string(),
    }
}

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

// ---------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn world_people(rng: &mut fastrand::Rng, n: usize) -> Vec<String> {
        (0..n).map(|i| user_text(rng, i).display_name).collect()
    }

    fn has_terminated(body: &str, needle: &str) -> bool {
        body.match_indices(needle).any(|(i, _)| {
            matches!(
                body[i + needle.len()..].chars().next(),
                None | Some(' ' | '\n')
            )
        })
    }

    #[test]
    fn channels_are_the_ten_real_ones_in_order() {
        let slugs: Vec<&str> = CHANNELS.iter().map(|c| c.slug).collect();
        assert_eq!(
            slugs,
            [
                "fashion", "beauty", "food", "travel", "home", "fitness", "tech", "pets", "study",
                "outdoors"
            ]
        );
        for c in CHANNELS.iter() {
            assert_eq!(channel_text(c.slug).slug, c.slug);
        }
    }

    #[test]
    fn users_are_unique_and_well_formed() {
        let mut rng = fastrand::Rng::with_seed(7);
        let mut usernames = HashSet::new();
        let mut names = HashSet::new();
        let mut zh = 0;
        for i in 0..2000 {
            let u = user_text(&mut rng, i);
            assert!(
                (3..=USERNAME_MAX).contains(&u.username.len()),
                "{}",
                u.username
            );
            assert!(u
                .username
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'));
            assert_eq!(u.display_name.trim(), u.display_name);
            assert!(!u.display_name.is_empty());
            assert!(!u.display_name.contains(['@', '#']));
            assert!(!u.bio.is_empty() && u.bio.lines().count() <= 2);
            assert!(usernames.insert(u.username.clone()), "dup {}", u.username);
            assert!(
                names.insert(u.display_name.clone()),
                "dup {}",
                u.display_name
            );
            if u.lang == Lang::Zh {
                zh += 1;
            }
        }
        assert!((1200..=1600).contains(&zh), "zh users {zh}");
        // Past the name space too.
        let mut names = HashSet::new();
        for i in 0..12_000 {
            assert!(names.insert(user_text(&mut rng, i).display_name));
        }
    }

    #[test]
    fn notes_are_well_formed() {
        let mut rng = fastrand::Rng::with_seed(42);
        let names = world_people(&mut rng, 320);
        let mut with_location = 0;
        let mut with_mention = 0;
        let total = 6000;
        for i in 0..total {
            let slug = CHANNELS[i % CHANNELS.len()].slug;
            let people: Vec<(usize, &str)> = (0..6)
                .map(|_| {
                    let p = rng.usize(..names.len());
                    (p, names[p].as_str())
                })
                .collect();
            let note = note_text(&mut rng, slug, &people);
            let len = note.title.chars().count();
            assert!(len > 0 && len <= TITLE_MAX_CHARS, "{}", note.title);
            assert!(!note.body.contains(['{', '}']), "{}", note.body);
            assert!(!note.title.contains(['{', '}', '#', '@']), "{}", note.title);
            assert!((1..=4).contains(&note.topics.len()));
            let distinct: HashSet<&String> = note.topics.iter().collect();
            assert_eq!(distinct.len(), note.topics.len());
            for t in &note.topics {
                assert!(!t.is_empty());
                assert!(!t.contains(|c: char| c.is_whitespace() || c == '#' || c == '@'));
                assert!(
                    has_terminated(&note.body, &format!("#{t}")),
                    "{t} / {}",
                    note.body
                );
            }
            assert_eq!(note.body.matches('#').count(), note.topics.len());
            assert!(note.mentions.len() <= 2);
            for &m in &note.mentions {
                let name = people[m].1;
                assert!(
                    has_terminated(&note.body, &format!("@{name}")),
                    "{}",
                    note.body
                );
            }
            if note.mentions.len() == 2 {
                assert_ne!(people[note.mentions[0]].1, people[note.mentions[1]].1);
            }
            assert_eq!(note.body.matches('@').count(), note.mentions.len());
            // 2-6 lines of text before the topic line.
            let text_lines = note
                .body
                .lines()
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .count();
            assert!((2..=6).contains(&text_lines), "{}", note.body);
            if let Some(loc) = &note.location {
                assert!(!loc.is_empty());
                with_location += 1;
            }
            if !note.mentions.is_empty() {
                with_mention += 1;
            }
        }
        let loc = with_location as f64 / total as f64;
        assert!((0.3..0.5).contains(&loc), "location ratio {loc}");
        let men = with_mention as f64 / total as f64;
        assert!((0.14..0.26).contains(&men), "mention ratio {men}");
    }

    #[test]
    fn no_people_means_no_mentions() {
        let mut rng = fastrand::Rng::with_seed(3);
        for i in 0..500 {
            let note = note_text(&mut rng, CHANNELS[i % 10].slug, &[]);
            assert!(note.mentions.is_empty());
            assert!(!note.body.contains('@'));
        }
        // Unknown slugs still produce text.
        let note = note_text(&mut rng, "nope", &[]);
        assert!(!note.title.is_empty());
    }

    #[test]
    fn deterministic() {
        let run = |seed: u64| {
            let mut rng = fastrand::Rng::with_seed(seed);
            let users: Vec<UserText> = (0..50).map(|i| user_text(&mut rng, i)).collect();
            let people: Vec<(usize, &str)> = vec![(1, "Mia Chen"), (2, "桃子爱旅行")];
            let notes: Vec<NoteText> = (0..200)
                .map(|i| note_text(&mut rng, CHANNELS[i % 10].slug, &people))
                .collect();
            let comments: Vec<String> = (0..200)
                .map(|i| {
                    let lang = if i % 3 == 0 { Lang::En } else { Lang::Zh };
                    let c = comment_text(&mut rng, lang, CHANNELS[i % 10].slug);
                    format!("{c}|{}", reply_text(&mut rng, lang))
                })
                .collect();
            (users, notes, comments)
        };
        assert_eq!(run(11), run(11));
        assert_ne!(run(11).1, run(12).1);
    }

    #[test]
    fn language_ratio_is_about_70_30() {
        let mut rng = fastrand::Rng::with_seed(99);
        let zh = (0..2000)
            .filter(|i| note_text(&mut rng, CHANNELS[i % 10].slug, &[]).lang == Lang::Zh)
            .count();
        let ratio = zh as f64 / 2000.0;
        assert!((0.65..0.75).contains(&ratio), "zh ratio {ratio}");
    }

    #[test]
    fn titles_rarely_repeat() {
        let mut rng = fastrand::Rng::with_seed(2026);
        let mut titles = HashSet::new();
        for _ in 0..10_000 {
            let slug = CHANNELS[rng.usize(..CHANNELS.len())].slug;
            titles.insert(note_text(&mut rng, slug, &[]).title);
        }
        let ratio = titles.len() as f64 / 10_000.0;
        assert!(ratio > 0.9, "unique title ratio {ratio}");
    }

    #[test]
    fn comments_and_replies_are_short_and_clean() {
        let mut rng = fastrand::Rng::with_seed(5);
        for i in 0..20_000 {
            let lang = if i % 3 == 0 { Lang::En } else { Lang::Zh };
            let c = comment_text(&mut rng, lang, CHANNELS[i % 10].slug);
            let r = reply_text(&mut rng, lang);
            for text in [&c, &r] {
                let n = text.chars().count();
                assert!((1..=COMMENT_MAX_CHARS).contains(&n), "{text}");
                assert!(!text.contains(['{', '}', '#', '@']), "{text}");
                assert_eq!(text.trim(), text.as_str());
            }
        }
    }

    #[test]
    fn tables_are_clean() {
        let all_pools = t().channels.iter().flat_map(|c| [&c.zh, &c.en]);
        for p in all_pools {
            assert!(p.titles.len() >= 10 && p.subjects.len() >= 14 && p.topics.len() >= 6);
            assert!(!p.items.is_empty() && !p.openers.is_empty() && p.details.len() >= 3);
            assert!(!p.comments.is_empty());
            for s in p
                .titles
                .iter()
                .chain(p.subjects)
                .chain(p.items)
                .chain(p.openers)
                .chain(p.details)
                .chain(p.topics)
                .chain(p.comments)
            {
                assert!(!s.contains(['#', '@']), "{s}");
            }
        }
    }

    #[test]
    fn fast_enough() {
        let start = std::time::Instant::now();
        let mut rng = fastrand::Rng::with_seed(1);
        let people: Vec<(usize, &str)> = vec![(1, "Mia Chen"), (2, "桃子爱旅行"), (3, "jess.eats")];
        for i in 0..10_000 {
            let note = note_text(&mut rng, CHANNELS[i % 10].slug, &people);
            for _ in 0..6 {
                let _ = comment_text(&mut rng, note.lang, CHANNELS[i % 10].slug);
            }
        }
        // Generous bound: debug builds on a shared machine.
        assert!(start.elapsed().as_secs() < 10);
    }
}
