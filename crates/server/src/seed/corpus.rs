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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

#[derive(Clone, Copy, Debug)]
pub struct ChannelDef {
    pub slug: &'static str,
    pub name_en: &'static str,
    pub name_zh: &'static str,
}

/// The real content channels (the app adds a virtual "recommend" channel itself).
pub const CHANNELS: &[ChannelDef] = &[
    ChannelDef {
        slug: "fashion",
        name_en: "Fashion",
        name_zh: "穿搭",
    },
    ChannelDef {
        slug: "beauty",
        name_en: "Beauty",
        name_zh: "美妆",
    },
    ChannelDef {
        slug: "food",
        name_en: "Food",
        name_zh: "美食",
    },
    ChannelDef {
        slug: "travel",
        name_en: "Travel",
        name_zh: "旅行",
    },
    ChannelDef {
        slug: "home",
        name_en: "Home",
        name_zh: "家居",
    },
    ChannelDef {
        slug: "fitness",
        name_en: "Fitness",
        name_zh: "健身",
    },
    ChannelDef {
        slug: "tech",
        name_en: "Tech",
        name_zh: "数码",
    },
    ChannelDef {
        slug: "pets",
        name_en: "Pets",
        name_zh: "萌宠",
    },
    ChannelDef {
        slug: "study",
        name_en: "Study",
        name_zh: "学习",
    },
    ChannelDef {
        slug: "outdoors",
        name_en: "Outdoors",
        name_zh: "户外",
    },
];

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
        (Family::PetLoves, ZH_PETS.len() * ZH_HOBBIES.len()),
        (
            Family::NameIn,
            (ZH_PETS.len() + ZH_EN_GIVEN.len()) * ZH_NAME_CITIES.len(),
        ),
        (Family::PetGiven, ZH_PETS.len() * ZH_EN_GIVEN.len()),
        (Family::PetSuffix, ZH_PETS.len() * ZH_SUFFIXES.len()),
        (
            Family::FullName,
            ZH_SURNAMES.len() * ZH_GIVEN.len() * ZH_NAME_ENDS.len(),
        ),
        (Family::EnFull, EN_FIRST.len() * EN_LAST.len()),
        (Family::EnHandle, EN_FIRST.len() * EN_HANDLES.len()),
        (Family::EnCity, EN_FIRST.len() * EN_NAME_CITIES.len()),
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
            let n = ZH_HOBBIES.len().max(1);
            let (pet, pet_slug) = pair(ZH_PETS, rest / n);
            let (hobby, hobby_slug) = pair(ZH_HOBBIES, rest % n);
            GeneratedName {
                display: format!("{pet}爱{hobby}"),
                slug: format!("{pet_slug}_{hobby_slug}"),
                lang: Lang::Zh,
            }
        }
        Family::NameIn => {
            let n = ZH_NAME_CITIES.len().max(1);
            let (city, city_slug) = pair(ZH_NAME_CITIES, rest % n);
            let who = rest / n;
            let (name, name_slug) = if who < ZH_PETS.len() {
                let (p, s) = pair(ZH_PETS, who);
                (p.to_string(), s.to_string())
            } else {
                let g = word(ZH_EN_GIVEN, who - ZH_PETS.len());
                (g.to_string(), lower(g))
            };
            GeneratedName {
                display: format!("{name}在{city}"),
                slug: format!("{name_slug}_in_{city_slug}"),
                lang: Lang::Zh,
            }
        }
        Family::PetGiven => {
            let n = ZH_EN_GIVEN.len().max(1);
            let (pet, pet_slug) = pair(ZH_PETS, rest / n);
            let given = word(ZH_EN_GIVEN, rest % n);
            GeneratedName {
                display: format!("{pet}{given}"),
                slug: format!("{}_{pet_slug}", lower(given)),
                lang: Lang::Zh,
            }
        }
        Family::PetSuffix => {
            let n = ZH_SUFFIXES.len().max(1);
            let (pet, pet_slug) = pair(ZH_PETS, rest / n);
            let (suffix, suffix_slug) = pair(ZH_SUFFIXES, rest % n);
            GeneratedName {
                display: format!("{pet}{suffix}"),
                slug: format!("{pet_slug}_{suffix_slug}"),
                lang: Lang::Zh,
            }
        }
        Family::FullName => {
            let ends = ZH_NAME_ENDS.len().max(1);
            let given_n = ZH_GIVEN.len().max(1);
            let (end, end_slug) = pair(ZH_NAME_ENDS, rest % ends);
            let (given, given_slug) = pair(ZH_GIVEN, (rest / ends) % given_n);
            let (surname, surname_slug) = pair(ZH_SURNAMES, rest / ends / given_n);
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
            let n = EN_LAST.len().max(1);
            let first = word(EN_FIRST, rest / n);
            let last = word(EN_LAST, rest % n);
            GeneratedName {
                display: format!("{first} {last}"),
                slug: format!("{}_{}", lower(first), lower(last)),
                lang: Lang::En,
            }
        }
        Family::EnHandle => {
            let n = EN_HANDLES.len().max(1);
            let first = lower(word(EN_FIRST, rest / n));
            let handle = word(EN_HANDLES, rest % n);
            GeneratedName {
                display: format!("{first}.{handle}"),
                slug: format!("{first}_{handle}"),
                lang: Lang::En,
            }
        }
        Family::EnCity => {
            let n = EN_NAME_CITIES.len().max(1);
            let first = word(EN_FIRST, rest / n);
            let city = word(EN_NAME_CITIES, rest % n);
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
        pick(rng, BIRTH_YEARS)
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
            ZH_BIO_CITIES,
            ZH_BIO_IDS,
            ZH_BIO_INTERESTS,
            ZH_BIO_EXTRAS,
            "📍",
        ),
        Lang::En => (
            EN_BIO_CITIES,
            EN_BIO_IDS,
            EN_BIO_INTERESTS,
            EN_BIO_EXTRAS,
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
        Lang::Zh => (&ch.zh, &ZH_COMMON),
        Lang::En => (&ch.en, &EN_COMMON),
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
        Lang::Zh => (&ch.zh, &ZH_COMMON),
        Lang::En => (&ch.en, &EN_COMMON),
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
        Lang::Zh => &ZH_COMMON,
        Lang::En => &EN_COMMON,
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
    CHANNEL_TEXTS
        .iter()
        .find(|c| c.slug == slug)
        .unwrap_or(&CHANNEL_TEXTS[0])
}

#[derive(Clone, Copy)]
enum PlaceKind {
    City,
    Trip,
    Nature,
}

type Place = (&'static str, &'static str);

fn places(kind: PlaceKind, lang: Lang) -> &'static [Place] {
    match (kind, lang) {
        (PlaceKind::City, Lang::Zh) => ZH_CITY_SPOTS,
        (PlaceKind::Trip, Lang::Zh) => ZH_TRIPS,
        (PlaceKind::Nature, Lang::Zh) => ZH_NATURE,
        (PlaceKind::City, Lang::En) => EN_CITY_SPOTS,
        (PlaceKind::Trip, Lang::En) => EN_TRIPS,
        (PlaceKind::Nature, Lang::En) => EN_NATURE,
    }
}

/// One channel's tables in one language.
struct LangPools {
    titles: &'static [&'static str],
    subjects: &'static [&'static str],
    items: &'static [&'static str],
    openers: &'static [&'static str],
    details: &'static [&'static str],
    topics: &'static [&'static str],
    comments: &'static [&'static str],
}

struct ChannelText {
    slug: &'static str,
    zh: LangPools,
    en: LangPools,
    emoji: &'static [&'static str],
    places: PlaceKind,
    /// Chance (percent) that a note of this channel carries a location.
    location_pct: u32,
    /// Suffix that turns the place into a topic ("京都" + "旅行"), zh and en; "" for none.
    place_topic: (&'static str, &'static str),
}

/// Tables shared by every channel in one language.
struct LangCommon {
    hooks: &'static [&'static str],
    closers: &'static [&'static str],
    list_intros: &'static [&'static str],
    mention_one: &'static [&'static str],
    mention_two: &'static [&'static str],
    topics: &'static [&'static str],
    comments: &'static [&'static str],
    comment_emoji: &'static [&'static str],
    /// Thanks, agreement and follow-ups that fit under any comment.
    replies: &'static [&'static str],
    /// Concrete answers (where from, how much, how long).
    answers: &'static [&'static str],
    brands: &'static [&'static str],
    reply_places: &'static [&'static str],
    prices: &'static [&'static str],
    budgets: &'static [&'static str],
}

// ---------------------------------------------------------------------------------------
// Shared tables
// ---------------------------------------------------------------------------------------

#[rustfmt::skip]
const ZH_COMMON: LangCommon = LangCommon {
    hooks: &[
        "真的绝绝子", "后悔没早点知道", "闭眼冲不踩雷", "建议收藏", "新手必看", "亲测有效",
        "谁懂啊", "被问爆了", "一次讲清楚", "保姆级教程", "平替天花板", "拔草预警", "宝藏级分享",
        "干货满满", "答应我一定要试试", "太香了", "无限回购", "普通人也能做到", "手把手教你",
        "不允许还有人不知道", "懒人必备", "学生党友好", "打工人必看", "纯干货无废话", "码住慢慢看",
        "私藏分享", "按头安利", "救命好绝", "真实体验", "幸福感拉满",
    ],
    closers: &[
        "有问题评论区见～", "觉得有用的话记得点赞收藏哦✨", "你们还有什么推荐吗？评论区告诉我！",
        "下期想看什么，评论区点菜～", "码住慢慢看，不谢～", "纯分享无广，放心食用。",
        "以上都是个人体验，仅供参考哦。", "喜欢的话关注一下，持续更新中！", "姐妹们冲就完事了！",
        "有同款的宝子来聊聊呀", "先写这么多，想到再补充。", "希望对你有帮助💗", "评论区交作业呀～",
        "还有想问的直接留言，看到都会回～",
    ],
    list_intros: &[
        "干货👇", "直接上重点：", "总结了几点：", "划重点👇", "几个小心得：", "先说结论：",
    ],
    mention_one: &[
        "感谢@{a} 的安利🙏", "和@{a} 一起打卡的～", "@{a} 说好的下次一起！",
        "被@{a} 种草的，果然没失望", "照片都是@{a} 拍的📷", "cc@{a} 快来抄作业",
        "@{a} 你上次问的就是这个", "灵感来自@{a} ，强推她的主页",
    ],
    mention_two: &[
        "和@{a} @{b} 一起～", "@{a} @{b} 周末约起来！", "谢谢@{a} 和@{b} 的推荐",
    ],
    topics: &[
        "日常分享", "生活碎片", "好物分享", "干货分享", "记录生活", "宝藏分享", "我的生活日记",
        "小红书成长笔记",
    ],
    comments: &[
        "求链接！", "太好看了吧😍", "已收藏", "码住", "姐妹好会", "蹲一个后续", "这也太绝了",
        "博主好用心", "学到了", "第一次刷到，已关注", "哇塞", "同款get", "爱了爱了",
        "想问一下多少钱呀", "有没有平替推荐", "救命 好喜欢", "笑死 我也是", "好实用的分享",
        "终于有人说了", "先赞后看", "收藏从未停止 行动从未开始😂", "谢谢分享！", "绝绝子",
        "这个必须顶上去", "评论区的姐妹都好有才", "我宣布这是今天最好看的笔记", "羡慕了",
        "这么详细必须支持", "刚好需要！", "一直在找这个", "真的假的 我去试试", "好治愈", "求更新！",
        "看完心情变好了", "天呐 好有氛围感", "蹲蹲",
    ],
    comment_emoji: &["😍", "🥹", "👍", "❤️", "😂", "✨", "🙏", "🔥"],
    replies: &[
        "谢谢宝！", "哈哈哈一起冲", "私信你啦", "对的就是这个", "谢谢喜欢❤️", "下期安排！",
        "我也想知道+1", "同问", "真的吗 我试试", "冲就完事了", "哈哈哈被你发现了", "不客气～",
        "好的 我去看看", "蹲一个回复", "笑死 我也是这样", "已回关～", "确实 我也这么觉得",
        "哈哈谢谢夸奖 开心一整天", "抱抱 一起加油", "有用就好～", "太懂了", "收到！",
    ],
    answers: &[
        "是的亲 在主页有写", "链接在合集里哦～", "可以的 亲测有效", "{x}的哦～", "在{x}买的 不贵",
        "在{p}哦 欢迎来玩", "人均{m}左右", "有的 晚点整理一下发出来", "新手也没问题的",
        "大概两个月吧", "你也是{p}的吗！", "不是广告哈 自己买的", "宝 在第三张图里",
        "评论区置顶有写哦",
    ],
    brands: &[
        "优衣库", "无印良品", "宜家", "ZARA", "COS", "名创优品", "小米", "网易严选", "淘宝一家小店",
        "拼多多", "山姆",
    ],
    reply_places: &[
        "上海", "成都", "杭州", "北京", "广州", "深圳", "重庆", "长沙", "南京", "厦门",
    ],
    prices: &[
        "19", "29", "39", "49", "59", "68", "79", "88", "99", "128", "199", "299",
    ],
    budgets: &["800", "1000", "1500", "2000", "2500", "3000", "5000"],
};

#[rustfmt::skip]
const EN_COMMON: LangCommon = LangCommon {
    hooks: &[
        "honestly obsessed", "no gatekeeping", "save this", "a full guide", "worth the hype?",
        "game changer", "trust me", "the honest truth", "beginner friendly", "on a budget",
        "tried and tested", "a must-read", "you need this", "my secret weapon", "zero regrets",
        "not sponsored", "quick guide", "part 2", "real talk", "so worth it",
    ],
    closers: &[
        "Let me know if you have questions!", "Save this for later 📌",
        "What would you add to the list?", "Not sponsored, just genuinely obsessed.",
        "More in my profile if you're curious ✨", "Hope this helps someone!",
        "Tell me your favorites in the comments.", "Part two coming soon.",
        "Happy to answer anything below 👇", "Send this to the friend who needs it.",
    ],
    list_intros: &[
        "Quick tips:", "What worked for me:", "The short version:", "Here's the breakdown 👇",
        "Notes to self (and you):",
    ],
    mention_one: &[
        "Thanks @{a} for the rec!", "Photos by @{a} 📸", "Went with @{a} and we loved it",
        "@{a} we need to go back", "cc @{a} you asked about this", "Inspired by @{a} as always",
    ],
    mention_two: &[
        "With @{a} and @{b} 💕", "@{a} @{b} next weekend?", "Huge thanks to @{a} and @{b} 🙏",
    ],
    topics: &[
        "DailyLife", "SmallJoys", "WorthIt", "LifeLately", "HonestReview", "SlowLiving",
    ],
    comments: &[
        "Obsessed 😍", "Saving this!", "This is so helpful", "Need this in my life",
        "Okay this is genius", "Following for more", "Where can I get this?", "Love this so much",
        "Wow", "This made my day", "Bookmarking immediately", "You always have the best recs",
        "Thank you for sharing!", "No because this is perfect", "Teach me your ways",
        "Why is this so good", "Adding to my list", "This is the content I'm here for",
        "Screenshotting this", "Part 2 please!", "Been looking for this forever", "Such a vibe",
        "Okay I'm convinced", "The details 😭", "Love the honesty", "Obsessed with this whole post",
    ],
    comment_emoji: &[" 😍", " 🥹", " 🙌", " ❤️", " 😂", " ✨", " 🔥"],
    replies: &[
        "Haha same", "Glad it helped 🥹", "Let me know how it goes!", "Omg thank you ❤️",
        "Following for the answer", "+1 would love to know too", "You're so welcome!",
        "Just sent you a DM", "Right?! I was shocked too", "Will do a full post soon",
        "Same question!", "Hahaha exactly", "Thanks for reading!", "Good question, I'll check",
        "This made my day, thank you", "Aww thank you!", "We love to see it",
    ],
    answers: &[
        "Thank you!! It's from {x}", "Yes! Link is in my profile", "It was about ${m}",
        "Totally beginner friendly!", "About two months of practice", "Check the last slide 😉",
        "Not sponsored, I promise lol", "It's in {p}, worth the trip",
        "It's from {x}, linked in my profile", "Are you in {p} too?!",
        "Details are in the caption 🙌",
    ],
    brands: &[
        "Uniqlo", "Muji", "IKEA", "Zara", "COS", "Aritzia", "Target", "Amazon", "a local shop",
        "Trader Joe's",
    ],
    reply_places: &[
        "Tokyo", "London", "Seoul", "Shanghai", "Lisbon", "Bangkok", "NYC", "Sydney",
    ],
    prices: &["10", "15", "20", "25", "30", "40", "50", "80", "100"],
    budgets: &["300", "500", "800", "1,000", "1,500", "2,000"],
};

#[rustfmt::skip]
const ZH_CITY_SPOTS: &[Place] = &[
    ("上海", "上海·武康路"), ("上海", "上海·安福路"), ("上海", "上海·徐汇滨江"),
    ("北京", "北京·三里屯"), ("北京", "北京·798艺术区"), ("北京", "北京·五道营胡同"),
    ("成都", "成都·太古里"), ("成都", "成都·玉林路"), ("杭州", "杭州·西湖"),
    ("杭州", "杭州·天目里"), ("广州", "广州·永庆坊"), ("广州", "广州·东山口"),
    ("深圳", "深圳·南山"), ("深圳", "深圳·华侨城"), ("南京", "南京·新街口"),
    ("武汉", "武汉·江汉路"), ("长沙", "长沙·五一广场"), ("重庆", "重庆·解放碑"),
    ("西安", "西安·大唐不夜城"), ("苏州", "苏州·平江路"), ("厦门", "厦门·沙坡尾"),
    ("青岛", "青岛·八大关"), ("天津", "天津·五大道"), ("昆明", "昆明·翠湖"),
    ("香港", "香港·铜锣湾"),
];

#[rustfmt::skip]
const ZH_TRIPS: &[Place] = &[
    ("京都", "日本·京都"), ("东京", "日本·东京"), ("大阪", "日本·大阪"), ("首尔", "韩国·首尔"),
    ("曼谷", "泰国·曼谷"), ("清迈", "泰国·清迈"), ("新加坡", "新加坡"), ("大理", "云南·大理"),
    ("丽江", "云南·丽江"), ("西双版纳", "云南·西双版纳"), ("厦门", "福建·厦门"),
    ("泉州", "福建·泉州"), ("青岛", "山东·青岛"), ("西安", "陕西·西安"), ("苏州", "江苏·苏州"),
    ("杭州", "浙江·杭州"), ("重庆", "重庆·洪崖洞"), ("成都", "四川·成都"), ("三亚", "海南·三亚"),
    ("拉萨", "西藏·拉萨"), ("伊犁", "新疆·伊犁"), ("哈尔滨", "黑龙江·哈尔滨"),
    ("巴黎", "法国·巴黎"), ("冰岛", "冰岛·雷克雅未克"), ("香港", "香港·中环"), ("澳门", "澳门"),
];

#[rustfmt::skip]
const ZH_NATURE: &[Place] = &[
    ("武功山", "江西·武功山"), ("四姑娘山", "四川·四姑娘山"), ("莫干山", "浙江·莫干山"),
    ("香山", "北京·香山"), ("泰山", "山东·泰山"), ("黄山", "安徽·黄山"),
    ("梅里雪山", "云南·梅里雪山"), ("稻城亚丁", "四川·稻城亚丁"), ("安吉", "浙江·安吉"),
    ("千岛湖", "浙江·千岛湖"), ("长白山", "吉林·长白山"), ("崇礼", "河北·崇礼"),
    ("喀纳斯", "新疆·喀纳斯"), ("雨崩", "云南·雨崩村"), ("阳朔", "广西·阳朔"),
    ("梧桐山", "深圳·梧桐山"), ("东极岛", "浙江·东极岛"), ("贡嘎", "四川·贡嘎"),
];

#[rustfmt::skip]
const EN_CITY_SPOTS: &[Place] = &[
    ("London", "London, UK"), ("New York", "New York"), ("Shanghai", "Shanghai"),
    ("Tokyo", "Tokyo, Japan"), ("Seoul", "Seoul"), ("Singapore", "Singapore"),
    ("Sydney", "Sydney, Australia"), ("Melbourne", "Melbourne"), ("Toronto", "Toronto, Canada"),
    ("Vancouver", "Vancouver"), ("Los Angeles", "Los Angeles, CA"),
    ("San Francisco", "San Francisco, CA"), ("Hong Kong", "Hong Kong"), ("Paris", "Paris, France"),
    ("Berlin", "Berlin, Germany"), ("Bangkok", "Bangkok, Thailand"),
    ("Kuala Lumpur", "Kuala Lumpur"),
];

#[rustfmt::skip]
const EN_TRIPS: &[Place] = &[
    ("Kyoto", "Kyoto, Japan"), ("Tokyo", "Tokyo, Japan"), ("Osaka", "Osaka, Japan"),
    ("Seoul", "Seoul, Korea"), ("Bangkok", "Bangkok, Thailand"),
    ("Chiang Mai", "Chiang Mai, Thailand"), ("Bali", "Bali, Indonesia"), ("Singapore", "Singapore"),
    ("Lisbon", "Lisbon, Portugal"), ("Paris", "Paris, France"), ("Rome", "Rome, Italy"),
    ("Barcelona", "Barcelona, Spain"), ("Iceland", "Reykjavik, Iceland"), ("Istanbul", "Istanbul"),
    ("Hanoi", "Hanoi, Vietnam"), ("Hong Kong", "Hong Kong"), ("Shanghai", "Shanghai, China"),
    ("Chengdu", "Chengdu, China"), ("New York", "New York, USA"),
    ("Amsterdam", "Amsterdam, Netherlands"), ("London", "London, UK"),
    ("Mexico City", "Mexico City, Mexico"),
];

#[rustfmt::skip]
const EN_NATURE: &[Place] = &[
    ("Banff", "Banff, Canada"),
    ("Yosemite", "Yosemite, USA"),
    ("the Lake District", "Lake District, UK"),
    ("Zion", "Zion, USA"),
    ("Mount Fuji", "Fuji, Japan"),
    ("the Dolomites", "Dolomites, Italy"),
    ("Patagonia", "Patagonia, Chile"),
    ("the Blue Mountains", "Blue Mountains, Australia"),
    ("Jeju", "Jeju, Korea"),
    ("Dragon's Back", "Hong Kong"),
    ("the Highlands", "Highlands, Scotland"),
    ("Queenstown", "Queenstown, NZ"),
    ("Moab", "Moab, USA"),
    ("Tasmania", "Tasmania, Australia"),
];

// ---------------------------------------------------------------------------------------
// Channels
// ---------------------------------------------------------------------------------------

#[rustfmt::skip]
const CHANNEL_TEXTS: &[ChannelText] = &[
    FASHION, BEAUTY, FOOD, TRAVEL, HOME, FITNESS, TECH, PETS, STUDY, OUTDOORS,
];

#[rustfmt::skip]
const FASHION: ChannelText = ChannelText {
    slug: "fashion",
    emoji: &["✨", "👗", "🧥", "💫", "🤍"],
    places: PlaceKind::City,
    location_pct: 35,
    place_topic: ("", ""),
    zh: LangPools {
        titles: &[
            "{s}｜{n}套公式直接抄作业", "「{s}」{h}", "{h}！{x}也太好穿了吧{e}",
            "小个子也能穿！{s}显高{n}cm", "{p}街拍｜{s}灵感合集", "一衣多穿｜{x}的{n}种搭法",
            "{m}元搞定一身{s}，{h}", "被同事追着要链接的{x}{e}", "{s}避雷指南｜这{n}个坑别踩",
            "谁说{x}难驾驭？{h}", "今日OOTD｜{s}，{h}", "{x}天花板！{h}", "{d}天不重样｜{s}",
            "回头率超高的{s}{e}", "平价{x}测评｜{h}", "{s}真的很适合普通女生｜{x}篇",
        ],
        subjects: &[
            "通勤穿搭", "小个子穿搭", "梨形身材穿搭", "早春叠穿", "法式慵懒风", "韩系温柔风",
            "多巴胺穿搭", "美拉德穿搭", "老钱风穿搭", "约会穿搭", "胶囊衣橱", "微胖女生穿搭",
            "极简基础款", "新中式穿搭", "运动风穿搭", "大学生穿搭", "旅行拍照穿搭", "秋冬大衣穿搭",
            "夏日清爽穿搭", "学院风穿搭", "城市露营风", "一周通勤look",
        ],
        items: &[
            "阔腿裤", "针织开衫", "白衬衫", "牛仔外套", "半身裙", "风衣", "乐福鞋", "马面裙",
            "羊毛大衣", "小白鞋", "托特包", "直筒牛仔裤", "吊带裙", "卫衣",
        ],
        openers: &[
            "最近被问爆的{s}终于来交作业了！",
            "身高158/体重48，{s}真的摸索了很久才找到适合自己的。",
            "今天分享一下我的{s}思路，普通人也能直接抄～",
            "天气一凉就开始疯狂想穿{x}，整理了几套最近常穿的。",
            "姐妹们！这条{x}我已经回购第三次了。",
            "不会搭配的宝子看过来，{s}其实没那么难。",
            "在{p}逛了一下午，顺便拍了几套{s}。",
            "衣柜里的{x}终于被我穿出新花样了✨",
        ],
        details: &[
            "上浅下深最保险，视觉重心往上走，腿会显得更长。",
            "{x}选垂坠感好的面料，走路带风真的很高级。",
            "全身颜色不超过三种，基础色打底再加一个亮点色。",
            "小个子优先选高腰款，裤长盖住脚面就好。",
            "配饰是灵魂！一条细项链或一个发夹就能提升精致度。",
            "鞋子和包包同色系，整体会很干净。",
            "腰线一定要露出来，塞个衣角就有比例了。",
            "{x}链接放在合集里了，尺码偏大建议拍小一码。",
            "内搭选修身款，外面套宽松的，松紧对比才有型。",
            "大地色系真的很百搭，秋冬怎么穿都不会错。",
            "拍照时侧身站，脚尖朝向镜头，显瘦又显高。",
            "不要一次买太多，先把基础款配齐再买流行款。",
            "卷一下袖口、露出手腕脚踝，整个人会轻盈很多。",
            "预算有限的话，外套和鞋子值得多花点钱。",
        ],
        topics: &[
            "穿搭", "OOTD", "每日穿搭", "小个子穿搭", "通勤穿搭", "穿搭分享", "平价穿搭",
            "显瘦穿搭", "胶囊衣橱", "氛围感穿搭", "今天穿什么", "秋冬穿搭",
        ],
        comments: &[
            "求裤子链接！", "博主多高多重呀", "这件外套是哪家的", "小个子能穿吗", "第三套好好看",
            "这个配色绝了", "梨形身材可以这样穿吗", "已经下单同款{x}了哈哈",
        ],
    },
    en: LangPools {
        titles: &[
            "{s}: {n} outfits I keep repeating", "How I style {x} {n} ways", "{s} on a budget {e}",
            "My {s} formula with {x}", "Why {x} works for {s}", "{n} petite-friendly {s} ideas",
            "What I wore in {p}: {s}", "{s}, but make it effortless {e}", "Own {x}? Try {s}",
            "{n} ways to elevate {s}", "{n} outfits built around {x}", "{s}: {h}",
        ],
        subjects: &[
            "capsule wardrobe", "spring layering", "work outfits", "weekend fits",
            "date night looks", "minimalist basics", "old money style", "street style",
            "petite styling", "neutral outfits", "quiet luxury", "smart casual",
            "cozy knitwear looks", "summer linen", "monochrome outfits", "airport outfits",
            "French girl style", "thrifted outfits", "rainy day outfits", "elevated basics",
        ],
        items: &[
            "wide leg trousers", "a white shirt", "a trench coat", "loafers", "a slip skirt",
            "straight leg jeans", "a chunky cardigan", "a denim jacket", "ballet flats",
            "a tote bag", "a blazer",
        ],
        openers: &[
            "Been living in {s} lately and finally found a formula that works.",
            "Okay, I get asked about this constantly, so here's my take on {s}.",
            "I'm 5'3 and always struggled with proportions, so this one's for my petite girls.",
            "Spent the afternoon in {p} and couldn't stop taking outfit pics.",
            "If you only buy one thing this season, make it {x}.",
            "Here's how I build {s} without buying a whole new wardrobe.",
        ],
        details: &[
            "Keep the palette to three colors max and let one piece do the talking.",
            "Tuck the front of your top in, it instantly fixes your proportions.",
            "I paired it with {x} to keep things balanced.",
            "Size down if you're between sizes, the fit runs a little big.",
            "Invest in shoes and outerwear first; basics can be cheap.",
            "A belt and small gold jewelry make everything look more intentional.",
            "Roll the sleeves and show a bit of ankle, it makes the outfit feel lighter.",
            "Texture matters more than color when you're wearing neutrals.",
            "Everything here is from my own closet, nothing gifted.",
            "Try the high-rise version, it's a game changer for short legs.",
        ],
        topics: &[
            "OOTD", "CapsuleWardrobe", "StyleInspo", "PetiteFashion", "OutfitIdeas", "WhatIWore",
            "MinimalStyle",
        ],
        comments: &[
            "Where is the coat from??", "Outfit 3 is everything 😍", "How tall are you?",
            "Need that bag link pls", "This color combo is so good",
            "Saving for my next shopping trip",
        ],
    },
};

#[rustfmt::skip]
const BEAUTY: ChannelText = ChannelText {
    slug: "beauty",
    emoji: &["💄", "✨", "💋", "🌸", "🫧"],
    places: PlaceKind::City,
    location_pct: 25,
    place_topic: ("", ""),
    zh: LangPools {
        titles: &[
            "{s}｜{h}", "黄黑皮亲妈！{x}{h}", "「{s}」{n}个步骤新手也能学会",
            "空瓶{n}支后，我只回购这个{x}", "{m}元的{x}居然这么能打？", "油痘肌自救｜{s}实测{d}周",
            "大牌平替｜{x}{h}", "{s}｜{x}让我素颜也敢出门", "{s}避雷｜这些钱别再花了{e}",
            "手残党也能学会的{s}｜{x}篇", "熬夜党救星｜{x}{h}", "{s}保姆级教程，{h}",
            "化妆师不会告诉你的{n}个{s}技巧", "早八{n}分钟出门｜{s}",
            "敏感肌慎入？{x}真实测评｜{h}",
        ],
        subjects: &[
            "伪素颜妆", "早八通勤妆", "约会妆", "新手底妆", "干皮护肤", "油痘肌护肤", "敏感肌修护",
            "夏日防晒", "秋冬保湿", "眼妆教程", "韩系水光妆", "纯欲妆", "学生党平价彩妆",
            "抗初老护肤", "黄皮口红试色", "刷酸入门", "持妆不脱妆技巧", "头皮护理", "美白淡斑",
            "身体护理", "香水分享", "发型教程",
        ],
        items: &[
            "粉底液", "气垫", "防晒霜", "卸妆膏", "精华液", "面霜", "唇釉", "眼影盘", "腮红",
            "妆前乳", "睫毛膏", "洗面奶", "定妆喷雾", "遮瑕",
        ],
        openers: &[
            "用了整整一个月，终于可以来聊聊这支{x}了。",
            "混油皮+敏感肌，{s}踩过的坑比你们吃过的盐还多😭",
            "被问了无数次的{s}，今天一次性讲清楚！",
            "早上赶时间的宝子一定要试试这套{s}。",
            "这支{x}我愿称之为今年的宝藏！",
            "换季烂脸期全靠它救命，{s}心得分享～",
            "最近迷上了{s}，整理了一份新手友好的步骤。",
            "说实话，一开始对这个{x}没抱什么期待。",
        ],
        details: &[
            "上脸很薄很服帖，持妆六七个小时没问题。",
            "{x}用量黄豆大小就够了，多了容易搓泥。",
            "黄皮选偏暖调的色号，显白不显脏。",
            "底妆前一定要做好保湿，不然卡粉很明显。",
            "敏感肌建议先在耳后试用，确认不过敏再上脸。",
            "防晒一定要足量，出门前十五分钟涂最好。",
            "用美妆蛋拍开比刷子更自然，毛孔也不明显。",
            "晚上用酸类产品，白天一定要做好防晒。",
            "{x}的质地很清爽，夏天用也不会闷痘。",
            "腮红扫在苹果肌偏上的位置，会显得很减龄。",
            "卸妆一定要彻底，很多闭口都是没卸干净。",
            "这个价位能做到这样真的很良心了。",
            "缺点是包装有点简陋，出差带不太方便。",
            "平替和大牌的差别主要在持妆时间，日常完全够用。",
        ],
        topics: &[
            "美妆", "护肤", "护肤干货", "防晒", "化妆教程", "彩妆分享", "平价彩妆", "敏感肌",
            "底妆", "口红试色", "空瓶记", "变美",
        ],
        comments: &[
            "这个色号是多少呀", "黄皮能用吗", "敏感肌可以用吗", "{x}求链接", "干皮会卡粉吗",
            "看完立马下单了", "博主皮肤也太好了", "油皮姐妹表示很需要",
        ],
    },
    en: LangPools {
        titles: &[
            "My {s} routine in {n} steps", "{s} for beginners {e}", "Is {x} worth it for {s}?",
            "{n} {s} products I'd repurchase", "Drugstore {s}: {h}",
            "{n} {s} mistakes I made for years", "{s}: {h}", "I tried {x} for {d} weeks",
            "{n}-minute {s} for busy mornings", "Why {x} is in my {s} routine",
            "{n} {s} tips nobody told me",
        ],
        subjects: &[
            "no-makeup makeup", "glass skin", "morning skincare", "night routine", "SPF",
            "acne skincare", "sensitive skin", "dewy base", "everyday makeup", "lip combos",
            "barrier repair", "eye makeup", "K-beauty", "clean girl makeup", "body care",
            "fragrance layering", "skin cycling", "brow styling", "hair care", "blush placement",
        ],
        items: &[
            "a cushion foundation", "this sunscreen", "a cleansing balm", "a vitamin C serum",
            "a lip tint", "this concealer", "a setting spray", "a retinol serum",
            "this moisturizer", "a cream blush",
        ],
        openers: &[
            "I've been testing {x} for a month, so here's my honest review.",
            "Combination skin here, and {s} took me years to figure out.",
            "You guys keep asking about my {s}, so here it is.",
            "Short on time in the morning? This {s} takes ten minutes.",
            "Not sponsored, I just genuinely love {x}.",
            "My skin has been the calmest it's ever been, and I think I know why.",
        ],
        details: &[
            "A pea-sized amount is enough, more just pills.",
            "Apply SPF last and reapply if you're outside for long.",
            "Patch test first if your skin is reactive.",
            "Warm undertones should go for peachy shades.",
            "Pat it in with fingers instead of rubbing, it melts right in.",
            "It lasted about seven hours on me before touch-ups.",
            "Moisturize well before base or it will cling to dry patches.",
            "Only downside is the packaging, it's not travel friendly.",
            "Retinol at night, vitamin C in the morning, never at the same time.",
            "For the price, the performance is honestly impressive.",
        ],
        topics: &[
            "SkincareRoutine", "MakeupTips", "GlassSkin", "SPF", "BeautyFinds", "SensitiveSkin",
            "GRWM",
        ],
        comments: &[
            "What shade are you wearing?", "Does it work on oily skin?", "Your skin is glowing omg",
            "Adding {x} to my cart rn", "Is it fragrance free?", "Finally an honest review 🙏",
        ],
    },
};

#[rustfmt::skip]
const FOOD: ChannelText = ChannelText {
    slug: "food",
    emoji: &["🍜", "😋", "🔥", "🍰", "☕️"],
    places: PlaceKind::City,
    location_pct: 55,
    place_topic: ("美食", "Eats"),
    zh: LangPools {
        titles: &[
            "{p}人均{m}吃到扶墙出｜{h}", "{p}本地人私藏的{x}店{e}", "「{s}」{h}",
            "排队{n}0分钟的{x}，到底值不值？", "{x}天花板！{p}这家{h}", "在家复刻{x}，{n}步搞定{e}",
            "打工人带饭｜{s}，{h}", "{p}探店｜{x}{h}", "减脂也能吃的{x}，{h}",
            "第{n}次来了，还是爱这口{x}", "一人食｜{s}{e}", "{p}{x}地图，建议收藏",
            "拔草预警！{p}这家{x}不推荐", "宝藏小店｜{p}{x}{h}", "{s}｜{x}这样做{h}",
        ],
        subjects: &[
            "一人食", "快手早餐", "减脂餐", "周末brunch", "打工人带饭", "宝藏小馆", "深夜食堂",
            "下饭家常菜", "烘焙新手", "空气炸锅食谱", "苍蝇馆子", "平价火锅", "本地早餐",
            "夏日特调", "家庭聚餐菜单", "懒人晚餐", "露营美食", "便利店隐藏吃法", "夜市小吃",
            "手冲咖啡入门",
        ],
        items: &[
            "牛肉面", "生煎包", "火锅", "烤鱼", "肠粉", "小龙虾", "冰粉", "芋泥奶茶", "手冲咖啡",
            "蛋挞", "可颂", "麻辣烫", "酸菜鱼", "烧烤", "贝果", "椰子鸡",
        ],
        openers: &[
            "朋友带我来的{x}，吃完第一口我就沉默了。",
            "在{p}吃了一周，这家{x}是我心里的第一名。",
            "终于吃到了传说中的{x}！排队一小时值了。",
            "上班族的快乐就是周末研究{s}～",
            "今天的{s}分享来啦，吃饱了才有力气打工！",
            "本地朋友推荐的小店，藏在巷子里特别难找。",
            "很多人问我{p}有什么好吃的，整理一下最近吃的。",
            "一直想复刻的{x}，试了三次终于成功了！",
        ],
        details: &[
            "人均{m}左右，分量很足，两个人点三个菜刚好。", "{x}外酥里嫩，酱汁一定要拌饭吃！",
            "建议工作日去，周末排队至少半小时。", "口味偏辣，不能吃辣的记得跟老板说微辣。",
            "食材很新鲜，看得出老板很用心。", "环境一般般，但味道真的能打。",
            "空气炸锅200度烤十分钟，中途翻一次面。", "提前一晚腌好，第二天直接下锅，十分钟出餐。",
            "甜品不太甜，对控糖的姐妹很友好。", "服务很热情，还送了一份小菜。",
            "唯一的缺点是座位太少，高峰期要拼桌。", "配一杯冰柠檬茶，解腻又满足。",
            "少油少盐版本我也试过，味道一点不打折。", "店就在地铁站旁边，出站走五分钟就到。",
        ],
        topics: &[
            "美食", "探店", "美食探店", "一人食", "减脂餐", "家常菜", "周末去哪吃", "宝藏小店",
            "吃货日常", "今天吃什么", "美食教程", "咖啡",
        ],
        comments: &[
            "人均多少呀", "需要排队吗", "地址在哪里呀", "看饿了😭", "明天就去！", "{x}真的好好吃",
            "求详细做法", "上次去踩雷了 这次换这家试试", "{p}的朋友冲！",
        ],
    },
    en: LangPools {
        titles: &[
            "Best {x} in {p}? I tried {n} spots", "{p} food guide: {h}",
            "{s} in under {n}0 minutes", "Where to eat {x} in {p}", "Easy {x} for {s}",
            "Is this the best {x} in {p}?", "Eating my way through {p}: {h}", "{s}: {h}",
            "Cheap eats in {p} under ${m}", "The {x} spot {p} locals love", "Homemade {x}, {h}",
        ],
        subjects: &[
            "weeknight dinners", "meal prep", "brunch spots", "one-pan meals",
            "high protein lunches", "street food", "home cafe drinks", "comfort food",
            "easy baking", "budget meals", "air fryer recipes", "date night dinners",
            "lazy breakfasts", "hidden gem cafes", "late night eats", "dumpling folding",
            "noodle recipes", "picnic food",
        ],
        items: &[
            "ramen", "dumplings", "tacos", "croissants", "bagels", "pho", "hot pot",
            "fried chicken", "dim sum", "pizza", "cold brew", "soup dumplings", "bao",
            "matcha desserts",
        ],
        openers: &[
            "A friend dragged me to this {x} place and now I'm obsessed.",
            "Spent a week eating around {p} and this was my favorite meal.",
            "This month has been all about {s}.",
            "Finally tried the {x} everyone's been posting about.",
            "Easy, cheap and actually tasty, that's my kind of cooking.",
            "If you're in {p} and craving {x}, go here.",
        ],
        details: &[
            "It was about ${m} per person and we left stuffed.",
            "Go on a weekday, weekend lines are wild.",
            "Order the {x}, trust me on this one.",
            "Prep everything the night before and it's a ten-minute dinner.",
            "Air fry at 200C for ten minutes, flip halfway.",
            "The broth is rich without being heavy.",
            "Service was quick and the staff were lovely.",
            "It's cash only, so come prepared.",
            "Portions are huge, one dish is enough for two.",
            "Spicy level two is already pretty spicy, just saying.",
        ],
        topics: &[
            "FoodieFinds", "EatLocal", "HomeCooking", "Foodie", "CafeHopping", "MealPrep",
            "CheapEats",
        ],
        comments: &[
            "Adding this to my list!", "How much was it?", "Recipe please 🙏", "Was the wait long?",
            "That {x} looks unreal", "Going this weekend because of you",
        ],
    },
};

#[rustfmt::skip]
const TRAVEL: ChannelText = ChannelText {
    slug: "travel",
    emoji: &["✈️", "📍", "🌅", "🗺️", "🏝️"],
    places: PlaceKind::Trip,
    location_pct: 75,
    place_topic: ("旅行", "Travel"),
    zh: LangPools {
        titles: &[
            "{p}{d}天{q}晚｜{h}", "第一次去{p}一定要知道的{n}件事", "{p}旅行攻略｜{h}",
            "人均{k}元玩转{p}{e}", "{p}小众玩法，{h}", "「{s}」{p}篇", "被{p}的{x}狠狠治愈了{e}",
            "{p}拍照机位合集｜{h}", "说走就走的{p}，{s}", "去{p}前必看！避雷{n}条", "{p}{s}｜{h}",
            "{p}住宿怎么选？{n}家酒店实测", "一个人的{p}｜{s}", "打卡{p}｜原来{x}这么美",
            "{p}的{x}，{h}",
        ],
        subjects: &[
            "小众旅行", "特种兵旅行", "周末短途游", "一个人的旅行", "穷游攻略", "亲子游",
            "毕业旅行", "自驾路线", "拍照打卡", "citywalk路线", "古镇慢游", "海岛度假", "赏樱季",
            "看雪之旅", "美食之旅", "民宿推荐", "博物馆之旅", "寺庙巡礼", "日落追逐", "签证攻略",
        ],
        items: &[
            "日落", "老街", "海边", "古镇", "夜景", "寺庙", "雪山", "博物馆", "樱花", "集市",
            "湖景", "小巷",
        ],
        openers: &[
            "刚从{p}回来，趁记忆还新鲜赶紧整理一份攻略！",
            "去之前做了很多功课，结果还是踩了几个坑，分享给大家。",
            "{p}真的是一个去了还想再去的地方。",
            "这次{s}，全程没有早起也玩得很开心～",
            "预算有限也能玩得很好，这篇{s}请收好。",
            "第三次来{p}了，这次专门找了些小众的地方。",
            "谁懂在{p}看到{x}的那一刻，真的想哭。",
        ],
        details: &[
            "交通：地铁+步行足够，打车反而容易堵。", "住宿推荐住在市中心，去哪儿都方便。",
            "{x}最佳观赏时间是傍晚五点到六点。", "热门景点一定要提前预约，当天基本约不上。",
            "早上八点前去，人少光线也好。", "当地的小吃街别错过，便宜又好吃。",
            "记得带一双舒服的鞋，每天两万步起步。", "换汇建议出发前在银行换一部分，剩下的刷卡。",
            "淡季去酒店价格能便宜一半，体验也更好。", "拍照建议穿亮色衣服，跟背景很搭。",
            "下雨的话可以去博物馆和咖啡馆，一样很有氛围。", "总花费大概每人{k}元，含机票和住宿。",
            "行程别排太满，留一点时间随便走走才有惊喜。", "山区温差大，早晚要加外套。",
        ],
        topics: &[
            "旅行", "旅行攻略", "小众旅行地", "周末去哪儿", "旅行日记", "citywalk", "出片",
            "拍照打卡", "自由行", "治愈系风景", "周末游", "旅行vlog",
        ],
        comments: &[
            "几月去比较好", "求详细攻略！", "住的哪家酒店呀", "一个人去安全吗", "{p}好想去😭",
            "拍得也太美了", "收藏了 明年就去", "请问需要提前预约吗",
        ],
    },
    en: LangPools {
        titles: &[
            "{n} things to know before visiting {p}", "{d} days in {p}: {h}", "{p} on a budget {e}",
            "My {p} itinerary, {h}", "{p}'s best {x}, ranked", "{s} in {p}",
            "Where to stay in {p} for {s}", "{n} {p} travel tips I wish I knew",
            "Is {p} worth it for {s}?", "Solo trip to {p}: {h}", "Chasing {x} in {p}",
        ],
        subjects: &[
            "slow travel", "solo travel", "a long weekend", "budget travel", "a food trip",
            "a road trip", "cherry blossom season", "a photo walk", "island hopping",
            "a train journey", "a museum day", "a winter escape", "backpacking", "a city break",
            "a rainy day plan", "a girls' trip", "a family trip", "a day trip",
        ],
        items: &[
            "sunsets", "old streets", "night markets", "temples", "hot springs", "beaches",
            "street food", "cafes", "viewpoints", "museums", "mountain views", "alleyways",
        ],
        openers: &[
            "Just got back from {p} and I'm already planning a return trip.",
            "I did a ton of research before {p}, so here's everything in one place.",
            "{p} completely surprised me, in the best way.",
            "This was my first time doing {s} and I loved it.",
            "Saving you hours of planning, here's how I'd do {p} again.",
            "Nobody warned me how beautiful the {x} in {p} would be.",
        ],
        details: &[
            "Get a transit card on day one, it saves so much time.",
            "Book the popular spots online in advance, walk-ins sell out.",
            "Go before 8am for empty streets and soft light.",
            "Stay central, it's worth paying a bit more.",
            "Bring comfy shoes, we averaged 20k steps a day.",
            "The {x} were the highlight, go around sunset.",
            "Shoulder season means better prices and fewer crowds.",
            "We spent about ${k} per person including flights.",
            "Leave one afternoon unplanned, that's where the magic happens.",
            "Cards work almost everywhere but carry a little cash for markets.",
        ],
        topics: &[
            "TravelTips", "TravelGuide", "SoloTravel", "Wanderlust", "TravelDiary", "HiddenGems",
            "Itinerary",
        ],
        comments: &[
            "Saving this for my trip next month 😍", "Which month did you go?",
            "Where did you stay?", "Is it safe for solo travel?", "{p} is on my list!",
            "Your photos are stunning",
        ],
    },
};

#[rustfmt::skip]
const HOME: ChannelText = ChannelText {
    slug: "home",
    emoji: &["🏠", "🛋️", "🕯️", "🌿", "✨"],
    places: PlaceKind::City,
    location_pct: 25,
    place_topic: ("", ""),
    zh: LangPools {
        titles: &[
            "{m}元让出租屋大变样｜{s}", "{s}｜{h}", "小户型必看！{n}个{s}技巧", "「{s}」{x}{h}",
            "入住一年，最值的{n}件{s}好物", "后悔没早买的{x}，{h}", "{x}选购指南｜看完不踩坑，{h}",
            "{n}0㎡的家｜{s}也能很有氛围感", "收纳{h}！{s}", "我家{x}被夸爆了｜{s}",
            "打工人的{s}，{h}", "{s}避坑｜这{n}样东西别买", "周末{s}｜{x}{h}", "平价{x}分享，{h}",
        ],
        subjects: &[
            "租房改造", "小户型收纳", "奶油风装修", "原木风布置", "卧室氛围感", "厨房收纳",
            "玄关改造", "阳台花园", "桌面布置", "一人居", "极简生活", "断舍离", "家务清洁技巧",
            "新房软装", "中古风布置", "衣柜整理", "浴室收纳", "绿植养护", "香薰分享", "懒人家务",
        ],
        items: &[
            "落地灯", "收纳盒", "懒人沙发", "地毯", "床品四件套", "置物架", "香薰机", "窗帘",
            "洞洞板", "扫地机器人", "边几", "挂画", "餐边柜",
        ],
        openers: &[
            "住进来一年多，终于把这个小家收拾成了喜欢的样子。",
            "租房也要好好生活！{s}花的钱不多但幸福感超高。",
            "很多人问我家{x}在哪买的，统一回复一下～",
            "周末在家折腾了两天，{s}终于完工了✨",
            "房子不大，所以收纳一定要动脑子。",
            "断舍离之后，真的觉得家里空气都变清新了。",
            "一直想换{x}，对比了好几家终于选定了。",
        ],
        details: &[
            "灯光是氛围感的关键，主灯关掉只开落地灯。", "{x}选浅色系，小空间会显得更大。",
            "收纳的原则：常用的放手边，不常用的放高处。",
            "墙面不能打孔的话，无痕钉和洞洞板很好用。", "床品选纯棉水洗款，越洗越软。",
            "绿植推荐龟背竹和绿萝，好养又好看。", "同色系的收纳盒放在一起，视觉上会整齐很多。",
            "扫地机器人解放双手，每天回家地面都是干净的。",
            "买之前一定量好尺寸，退货运费真的肉疼。", "租房改造尽量选可以带走的家具。",
            "每天睡前花五分钟归位，家里就不会乱。", "厨房台面只留最常用的三样东西。",
            "{x}是在二手平台淘的，九成新只花了一半价钱。",
        ],
        topics: &[
            "家居", "租房改造", "收纳", "小户型", "家居好物", "装修日记", "氛围感", "我的小家",
            "家居布置", "断舍离", "极简生活", "好物推荐",
        ],
        comments: &[
            "求{x}链接", "租房可以这样改吗", "好温馨啊", "这个墙面颜色好好看", "地毯是哪家的呀",
            "想住进你家", "收纳盒求链接！", "多大面积呀",
        ],
    },
    en: LangPools {
        titles: &[
            "{n} renter-friendly ideas for {s}", "{n} buys for {s} I'd make again", "{s} with {x}",
            "How I styled {x} for {s}", "{s} on a ${k} budget", "Before & after: {s}, {h}",
            "Why I finally bought {x}: {h}", "{s}: {h}", "{s} for rainy weekends {e}",
            "The easiest {s} upgrade: {x}", "{n} tips for {s}",
        ],
        subjects: &[
            "small space living", "renter decor", "a cozy bedroom", "kitchen organization",
            "an entryway makeover", "a balcony garden", "a desk makeover", "a minimalist home",
            "decluttering", "a cleaning routine", "a reading nook", "a plant corner",
            "a bathroom refresh", "lighting upgrades", "closet organization", "vintage finds",
            "warm minimalism", "a studio layout",
        ],
        items: &[
            "a floor lamp", "a robot vacuum", "a jute rug", "linen bedding", "a pegboard",
            "a diffuser", "blackout curtains", "a side table", "storage baskets",
            "a full-length mirror", "a bar cart", "wall art",
        ],
        openers: &[
            "A year in this tiny apartment and it finally feels like home.",
            "Renting doesn't mean you can't make it yours, here's what I did.",
            "So many of you asked about {x}, here's the full story.",
            "Spent the whole weekend on {s} and I'm so happy with it.",
            "Small space means every item has to earn its place.",
        ],
        details: &[
            "Turn off the overhead light and use lamps, instant mood.",
            "Light colors make a small room feel so much bigger.",
            "Measure twice before ordering, returns are a pain.",
            "Command hooks and a pegboard saved my walls.",
            "Group things by color and everything looks tidier.",
            "Pothos and monsteras are basically unkillable.",
            "I found {x} secondhand for half the price.",
            "Five minutes of resetting before bed keeps the clutter away.",
            "Keep only three things on the kitchen counter.",
        ],
        topics: &[
            "HomeDecor", "SmallSpaceLiving", "RenterFriendly", "CozyHome", "Organization",
            "HomeInspo",
        ],
        comments: &[
            "Where is the lamp from?", "This is so cozy", "Renter friendly?? Teach me",
            "Love the rug!", "Need {x} now", "How big is the space?",
        ],
    },
};

#[rustfmt::skip]
const FITNESS: ChannelText = ChannelText {
    slug: "fitness",
    emoji: &["💪", "🔥", "🏃‍♀️", "🧘‍♀️", "✨"],
    places: PlaceKind::City,
    location_pct: 30,
    place_topic: ("", ""),
    zh: LangPools {
        titles: &[
            "{s}打卡第{n}天｜{h}", "{d}周瘦{n}斤｜{s}真的有用", "「{s}」{h}",
            "新手{s}｜{x}跟着练就对了", "在家就能练的{s}，{h}", "{x}{n}分钟，{h}",
            "练了{n}个月的真实变化｜{s}", "{s}避坑｜{x}别再这样练了", "体态矫正｜{x}{h}",
            "健身房社恐也能练的{s}，{h}", "打工人{n}分钟{s}", "{x}到底怎么练？{h}",
            "吃饱也能瘦｜{s}第{n}天", "跑步{n}公里的第{d}周｜{h}",
        ],
        subjects: &[
            "居家有氧", "减脂训练", "增肌计划", "翘臀训练", "瑜伽入门", "普拉提", "跑步入门",
            "体态矫正", "帕梅拉跟练", "马甲线训练", "肩颈放松", "减脂饮食", "睡前拉伸", "跳绳减脂",
            "力量训练", "腿部线条", "核心训练", "徒手训练", "健身餐", "晨练计划",
        ],
        items: &[
            "深蹲", "臀桥", "平板支撑", "硬拉", "开合跳", "弹力带训练", "泡沫轴放松", "卷腹",
            "跳绳", "壶铃摆荡", "俯卧撑", "拉伸",
        ],
        openers: &[
            "坚持{s}快三个月了，来交一份作业。", "之前一直三分钟热度，这次终于坚持下来了！",
            "体重没怎么变，但是围度和体态真的变了很多。",
            "很多姐妹问我怎么开始练，分享一下新手计划。", "下班后只有半小时？这套{s}刚刚好。",
            "以前一直做错{x}，难怪练了那么久没效果😭", "今天的训练记录来啦，出了一身汗好爽！",
        ],
        details: &[
            "每组{n}个，做三组，组间休息三十秒。", "{x}的时候膝盖不要内扣，核心收紧。",
            "饮食上不用极端节食，控制总热量就好。", "每天喝够两升水，减脂效率会高很多。",
            "热身和拉伸一定不能省，不然第二天会很酸。", "一周练四次，留出休息日给肌肉恢复。",
            "刚开始动作做标准比重量更重要。", "睡眠不够真的会影响掉秤，尽量十二点前睡。",
            "体重秤只是参考，多看围度和照片。", "早上空腹有氧对我来说效果最好，但因人而异。",
            "蛋白质每顿都要有，鸡蛋和鸡胸肉最方便。", "跟练视频可以先从低强度版本开始。",
            "经期可以换成瑜伽和散步，别硬练。",
        ],
        topics: &[
            "健身", "减脂", "居家健身", "健身打卡", "瑜伽", "普拉提", "跑步", "体态矫正", "马甲线",
            "减脂餐", "增肌", "自律生活",
        ],
        comments: &[
            "练了多久呀", "新手可以跟练吗", "膝盖不好能做吗", "姐妹身材也太好了", "今天也打卡了！",
            "一起坚持💪", "{x}每次做都好酸", "请问有跟练视频吗",
        ],
    },
    en: LangPools {
        titles: &[
            "{s} for beginners: {h}", "{n} weeks of {s}: my results", "{n} cues that fixed my {x}",
            "{n}-minute {s} you can do at home", "{s}: {h}", "{x} mistakes that ruin {s}",
            "What I eat in a day for {s} {e}", "Gym anxiety? Start with {s} {e}",
            "My {s} plan, {h}", "Day {n} of {s} {e}", "Better {x} in {d} weeks",
        ],
        subjects: &[
            "strength training", "home workouts", "pilates", "running", "mobility work",
            "glute training", "core training", "yoga flow", "posture fixes", "fat loss",
            "muscle gain", "HIIT", "stretching", "5k training", "kettlebell training",
            "walking workouts", "upper body days", "push pull legs",
        ],
        items: &[
            "squat", "deadlift", "hip thrust", "plank", "push-up", "lunge", "pull-up",
            "bench press", "kettlebell swing", "Romanian deadlift",
        ],
        openers: &[
            "Three months of consistent {s} and here's what changed.",
            "I used to quit after two weeks, this time it finally stuck.",
            "The scale barely moved, but my clothes fit so differently.",
            "Only have 30 minutes after work? This session is for you.",
            "I was doing my {x} wrong for years, no wonder I plateaued.",
            "Today's session was a sweaty one, logging it here.",
        ],
        details: &[
            "Three sets of {n} reps, thirty seconds rest between.",
            "Brace your core and keep your knees tracking over your toes.",
            "Protein at every meal made the biggest difference for me.",
            "Warm up properly, future you will thank you.",
            "Four sessions a week with real rest days in between.",
            "Form first, weight later. Always.",
            "Sleep is the most underrated recovery tool.",
            "Take progress photos, the scale lies.",
            "Start with the low-impact version and build up.",
            "Walking 8k steps a day did more than I expected.",
        ],
        topics: &[
            "FitnessJourney", "HomeWorkout", "StrengthTraining", "Pilates", "RunningCommunity",
            "WorkoutMotivation", "FitnessTips",
        ],
        comments: &[
            "How long did this take you?", "Is this okay for beginners?", "Your form is so clean",
            "Doing this tonight!", "My {x} needs this fix lol", "Love the progress 💪",
        ],
    },
};

#[rustfmt::skip]
const TECH: ChannelText = ChannelText {
    slug: "tech",
    emoji: &["💻", "📱", "🎧", "⌨️", "⚡️"],
    places: PlaceKind::City,
    location_pct: 20,
    place_topic: ("", ""),
    zh: LangPools {
        titles: &[
            "{x}用了{n}个月，说点真实感受", "「{s}」{h}", "{k}元的{x}值得买吗？", "打工人{s}｜{h}",
            "{x}隐藏功能，{n}个都知道算我输", "学生党{s}，{h}", "我的{s}｜{x}篇{e}",
            "{x}选购指南｜{h}", "{s}进阶技巧，{h}", "换了{x}之后｜{h}",
            "后悔没早知道的{n}个{s}技巧", "{x}横评｜{h}", "{s}好物分享｜{x}篇",
            "一张图看懂{s}，{h}",
        ],
        subjects: &[
            "桌面搭建", "效率工具", "手机摄影", "平板学习", "数码收纳", "耳机选购", "笔记软件",
            "智能家居", "拍照参数", "手机续航", "键盘入门", "电脑选购", "修图技巧", "剪辑入门",
            "无线充电", "办公好物", "游戏设备", "学生数码", "相机入门", "出差数码包",
        ],
        items: &[
            "降噪耳机", "机械键盘", "平板", "智能手表", "显示器", "充电宝", "微单相机",
            "电子阅读器", "扩展坞", "投影仪", "拍立得", "蓝牙音箱", "手机支架",
        ],
        openers: &[
            "作为一个每天对着电脑十个小时的打工人，{s}真的很重要。",
            "纠结了两个月，终于入手了这台{x}。",
            "不是广告！{x}是我今年最满意的数码产品。",
            "很多人问我{s}怎么做，整理了一份清单。",
            "数码小白也能看懂的{s}，尽量说人话。",
            "用了一段时间{x}，优缺点都说一说。",
        ],
        details: &[
            "续航大概两天一充，重度使用一天一充。", "降噪效果在地铁上很明显，通勤党闭眼入。",
            "{x}的做工很扎实，拿在手里很有质感。", "缺点是价格偏高，建议等大促入手。",
            "线材收纳用魔术贴扎带，桌面立刻清爽。", "拍照记得关掉美颜，开网格线构图更稳。",
            "笔记软件选一个用到底，频繁换反而效率低。", "二手入手性价比更高，注意看电池健康。",
            "快捷指令设置好之后，每天能省很多时间。", "{x}搭配支架使用，颈椎友好很多。",
            "学生可以关注教育优惠，能省不少钱。", "系统更新后卡顿明显改善了。",
        ],
        topics: &[
            "数码", "数码好物", "桌面搭建", "效率工具", "手机摄影", "科技", "好物测评", "平板学习",
            "耳机", "智能家居", "数码测评", "生产力工具",
        ],
        comments: &[
            "续航怎么样", "值得入手吗", "求桌面好物清单", "{x}是什么型号呀", "学生党有平替吗",
            "这个桌面好干净", "苹果用户能用吗", "已经种草了",
        ],
    },
    en: LangPools {
        titles: &[
            "{x} after {n} months: honest review", "My {s}, {h}", "Is {x} worth it for {s}?",
            "{n} {s} tips I use daily", "{s} on a budget {e}", "Why I switched to {x} for {s}",
            "{s}: {h}", "{n} things nobody says about {x}", "Leveling up my {s} with {x}",
            "{x} made my {s} easier", "{d} weeks with {x}",
        ],
        subjects: &[
            "desk setup", "productivity system", "phone photography", "home office",
            "note-taking workflow", "smart home", "travel tech kit", "cable management",
            "study setup", "photo editing", "minimal homescreen", "gaming corner", "WFH setup",
            "digital planning", "vlogging setup", "smart lighting", "reading setup",
            "everyday carry", "home server", "podcast setup",
        ],
        items: &[
            "noise cancelling headphones", "a mechanical keyboard", "an e-reader", "a tablet",
            "a smartwatch", "an ultrawide monitor", "a mirrorless camera", "a docking station",
            "a portable projector", "a power bank", "a standing desk", "wireless earbuds",
            "a mesh router", "an action camera", "a 4K webcam",
        ],
        openers: &[
            "I spend ten hours a day at a desk, so my {s} matters a lot.",
            "Took me two months to decide, but I finally got {x}.",
            "Not sponsored, {x} is just my favorite purchase this year.",
            "You keep asking about my {s}, so here's the full breakdown.",
            "Been using {x} for a while now, pros and cons below.",
        ],
        details: &[
            "Battery easily lasts two days with normal use.",
            "The noise cancelling is a lifesaver on the subway.",
            "Build quality feels premium for the price.",
            "Wait for a sale, it drops in price a lot.",
            "Velcro ties under the desk fixed my cable chaos.",
            "Turn on grid lines and turn off beauty filters for better photos.",
            "Pick one notes app and stick with it.",
            "Buying refurbished saved me a lot of money.",
            "Student discounts are real, always check.",
        ],
        topics: &[
            "DeskSetup", "TechReview", "Productivity", "WFH", "PhonePhotography", "Gadgets",
            "TechTips",
        ],
        comments: &[
            "What monitor is that?", "How's the battery life?", "Worth upgrading from the old one?",
            "Clean setup 🔥", "Link to the desk mat?", "Does it work with Android?",
        ],
    },
};

#[rustfmt::skip]
const PETS: ChannelText = ChannelText {
    slug: "pets",
    emoji: &["🐱", "🐶", "🐾", "🥹", "💕"],
    places: PlaceKind::City,
    location_pct: 30,
    place_topic: ("", ""),
    zh: LangPools {
        titles: &[
            "{s}｜我家{x}又在搞事情了😂", "「{s}」{h}", "养{x}{n}年，总结了这些经验",
            "新手养{x}必看！{h}", "{s}｜{x}篇{e}", "{x}的第{n}天｜{s}", "{x}挑食怎么办？{h}",
            "第一次带{x}去{p}", "今天的{x}也很乖｜{s}", "{s}避坑｜{h}", "被{x}治愈的第{n}天",
            "铲屎官必备{n}件好物｜{h}", "{x}的{n}个迷惑行为", "{p}宠物友好地图｜{h}",
        ],
        subjects: &[
            "新手养猫", "新手养狗", "猫粮测评", "驱虫指南", "宠物洗澡", "遛狗日常", "猫咪行为学",
            "宠物体检", "幼猫护理", "狗狗训练", "宠物用品", "宠物摄影", "双猫家庭", "猫咪绝育",
            "宠物友好咖啡馆", "老年犬护理", "自制宠物零食", "换粮攻略", "猫砂测评", "室内猫玩具",
        ],
        items: &[
            "橘猫", "布偶猫", "英短", "柯基", "柴犬", "金毛", "小泰迪", "边牧", "狸花猫", "暹罗猫",
            "比熊", "仓鼠", "小猫咪", "狗子",
        ],
        openers: &[
            "我家{x}今年三岁了，性格越来越像个小老头。",
            "第一次养宠物的时候什么都不懂，踩了好多坑。",
            "每天下班回家看到它在门口等我，一天的累都没了。",
            "今天带{x}去做了体检，顺便分享一下{s}。",
            "救命，这个小家伙真的太会撒娇了🥹",
            "很多人问我家{x}怎么养得这么好，其实没什么秘诀。",
            "记录一下我们的{s}，满满都是爱。",
        ],
        details: &[
            "换粮要七天慢慢过渡，不然容易软便。",
            "驱虫一定要按时，体内三个月一次，体外一个月一次。",
            "多准备几个水碗放在不同地方，鼓励多喝水。",
            "零食不要给太多，每天不超过总热量的一成。",
            "{x}掉毛季每天梳一次毛，能少吐很多毛球。",
            "每天陪玩十五分钟，拆家行为少了很多。",
            "疫苗打完之前不要带出门，也别急着洗澡。",
            "猫砂盆数量最好是猫咪数量加一。",
            "剪指甲的时候用零食分散注意力，一次剪两三个就好。",
            "遛狗一定要牵绳，文明养宠从我做起。",
            "夏天注意防暑，中午别出去遛。",
            "它现在的体重是五公斤，医生说很健康。",
            "买了很多玩具，结果它最喜欢的还是纸箱😂",
        ],
        topics: &[
            "萌宠", "养猫", "养狗", "猫咪日常", "狗狗日常", "新手养猫", "铲屎官", "宠物好物",
            "治愈系", "可爱动物", "宠物日常", "云吸猫",
        ],
        comments: &[
            "好可爱！！", "是什么品种呀", "猫粮是哪款", "想rua😭", "我家那只也这样哈哈哈",
            "眼睛好漂亮", "这是什么小天使", "求同款猫窝", "{x}真的好乖",
        ],
    },
    en: LangPools {
        titles: &[
            "My {x} vs {s} 😂",
            "{n} things I wish I knew before getting a {x}",
            "{s}: {h}",
            "A day in the life of my {x} {e}",
            "First-time {x} owner? Start with {s}",
            "{n} {s} tips that actually work",
            "My {x} rates {n} toys {e}",
            "Why my {x} is the main character {e}",
            "{s}, {h}",
            "{d} weeks into {s}",
        ],
        subjects: &[
            "puppy training", "litter training", "crate training", "raw feeding", "cat enrichment",
            "senior dog care", "grooming at home", "kitten care", "leash training",
            "pet-friendly travel", "separation anxiety", "pet dental care", "adopting a rescue",
            "indoor cat life", "a multi-pet household",
        ],
        items: &[
            "cat", "corgi", "golden retriever", "shiba", "ragdoll", "tabby", "husky", "dachshund",
            "border collie", "bunny", "kitten", "rescue dog",
        ],
        openers: &[
            "My {x} turned three this week and somehow got even sillier.",
            "I had no idea what I was doing as a first-time pet parent.",
            "Coming home to this face makes every long day better.",
            "Took my {x} to the vet today, sharing what we learned about {s}.",
            "This little gremlin is way too good at begging 🥹",
        ],
        details: &[
            "Switch food gradually over a week to avoid tummy trouble.",
            "Keep up with flea and worm prevention, set reminders.",
            "Multiple water bowls around the house helped a lot.",
            "Treats should stay under ten percent of daily calories.",
            "Brush daily during shedding season, fewer hairballs.",
            "Fifteen minutes of play a day stopped most of the chaos.",
            "One litter box per cat, plus one extra.",
            "Bought a dozen toys and the box is still the favorite 😂",
            "Always on a leash in the city, no exceptions.",
        ],
        topics: &[
            "CatLife", "DogLife", "PetTips", "NewPuppy", "AdoptDontShop", "PetParent", "Caturday",
        ],
        comments: &[
            "I'm in love 😭", "What breed is this?", "Which food do you use?",
            "Mine does the exact same thing lol", "Those eyes!!", "Give them a pat from me",
        ],
    },
};

#[rustfmt::skip]
const STUDY: ChannelText = ChannelText {
    slug: "study",
    emoji: &["📚", "✏️", "📝", "💡", "☕️"],
    places: PlaceKind::City,
    location_pct: 30,
    place_topic: ("", ""),
    zh: LangPools {
        titles: &[
            "{s}｜{h}", "{n}个月备考{x}，我的方法", "「{s}」{h}", "{x}备考经验｜{h}",
            "学习搭子来了！{s}｜{h}", "自律{n}天｜{s}", "{x}上岸经验分享｜{h}",
            "{x}备考｜我是怎么做到每天学习{n}小时的", "{s}避坑｜{h}", "学渣逆袭｜{x}提分{n}0分",
            "图书馆{s}｜{h}", "{s}模板分享，{h}", "低成本{s}，{h}", "二刷{x}才明白的{n}件事",
        ],
        subjects: &[
            "高效学习法", "番茄钟学习", "考研复习计划", "英语口语练习", "时间管理", "笔记整理",
            "背单词方法", "早起学习", "自律打卡", "碎片化学习", "考试周冲刺", "读书笔记",
            "错题本整理", "学习计划表", "网课学习", "专注力训练", "日语自学", "写作练习",
            "思维导图", "图书馆学习",
        ],
        items: &[
            "雅思", "考研英语", "四六级", "日语N2", "教资", "考公", "托福", "CPA", "计算机二级",
            "法考", "韩语TOPIK", "期末考试",
        ],
        openers: &[
            "备考{x}的这段时间，每天都在和自己较劲。", "终于上岸了！来还愿，分享一下我的{s}。",
            "之前总是拖延，后来用了这个方法效率翻倍。", "很多人私信问我{s}，这里统一回复。",
            "今天在图书馆泡了一整天，记录一下～", "不是学霸，只是比较会安排时间。",
        ],
        details: &[
            "番茄钟25分钟学习+5分钟休息，四轮之后休息半小时。",
            "每天睡前花十分钟复盘，第二天的计划会更清晰。",
            "单词不要死记，放到句子里记得更牢。",
            "错题一定要二刷三刷，不然等于没做。",
            "手机放在另一个房间，专注力直接翻倍。",
            "{x}真题至少刷三遍，规律会慢慢出来。",
            "笔记不求好看，能快速找到重点才最重要。",
            "找个学习搭子互相监督，真的很难摸鱼。",
            "早上记忆力最好，用来背东西效率最高。",
            "每周留半天彻底放松，不然很容易崩。",
            "听力每天磨耳朵半小时，一个月就有感觉。",
            "计划表写得具体一点，比如几点到几点做哪几页。",
        ],
        topics: &[
            "学习", "学习打卡", "考研", "自律", "学习方法", "英语学习", "备考", "上岸", "笔记分享",
            "时间管理", "图书馆", "干货",
        ],
        comments: &[
            "求资料", "一起打卡！", "用的什么app呀", "姐妹好自律", "笔记也太好看了",
            "{x}真的好难😭", "马住了 明天开始", "请问每天几点起呀",
        ],
    },
    en: LangPools {
        titles: &[
            "Studying {n} hours a day for {x}", "{s}: {h}", "How I passed {x} in {n} months",
            "My {s} system {e}", "Prepping for {x} with {s}", "{n} {s} habits that actually work",
            "{s} for procrastinators, {h}", "A realistic {s} routine for {x}",
            "My {x} study plan, {h}", "{d} weeks until {x} {e}",
        ],
        subjects: &[
            "active recall", "pomodoro studying", "note-taking", "time blocking",
            "language learning", "spaced repetition", "deep focus", "exam season", "morning study",
            "self-study", "digital notes", "reading more", "study motivation", "journaling",
        ],
        items: &[
            "IELTS", "TOEFL", "GRE", "LSAT", "JLPT N2", "HSK 4", "finals", "CFA Level 1", "MCAT",
            "DELF B2",
        ],
        openers: &[
            "Studying for {x} has been a whole journey, here's what helped.",
            "I finally passed, so here's my {s} setup as promised.",
            "I used to procrastinate on everything until I tried this.",
            "Spent the whole day at the library, logging it for accountability.",
            "Not a genius, just good at planning my time.",
        ],
        details: &[
            "25 minutes on, 5 off, and a long break after four rounds.",
            "Review for ten minutes before bed, it sticks so much better.",
            "Learn vocab in sentences, not lists.",
            "Redo every wrong answer until it's boring.",
            "Phone in another room. Non-negotiable.",
            "Past papers at least three times, patterns start to show.",
            "A study buddy keeps me honest on lazy days.",
            "Take one half day off each week or you'll burn out.",
            "Make the plan specific: what pages, what time.",
        ],
        topics: &[
            "StudyWithMe", "StudyTips", "StudyMotivation", "LanguageLearning", "ExamPrep",
            "Studygram",
        ],
        comments: &[
            "This is so helpful, thank you!", "Which app is that?", "Study buddy?? 🙋",
            "Your notes are gorgeous", "{x} is killing me rn", "Starting this tomorrow",
        ],
    },
};

#[rustfmt::skip]
const OUTDOORS: ChannelText = ChannelText {
    slug: "outdoors",
    emoji: &["🏕️", "⛰️", "🌲", "🌄", "🥾"],
    places: PlaceKind::Nature,
    location_pct: 65,
    place_topic: ("徒步", "Hiking"),
    zh: LangPools {
        titles: &[
            "{p}徒步｜{h}", "新手第一次{s}，{h}", "「{s}」{p}篇{e}", "{p}露营攻略｜{n}个注意事项",
            "周末去{p}{s}，治愈了{e}", "{s}装备清单｜{h}", "人生第一次登顶{p}！{e}",
            "{p}{d}天{q}晚环线｜{h}", "小白也能去的{p}，{s}篇", "{x}推荐｜{s}必备", "{s}避坑｜{h}",
            "带上{x}去{p}", "在{p}看到了日照金山{e}", "{p}{s}｜{h}",
        ],
        subjects: &[
            "露营", "徒步", "登山", "骑行", "桨板", "溯溪", "飞盘", "观星", "精致露营", "重装徒步",
            "城市骑行", "攀岩入门", "滑雪", "冲浪", "野餐", "钓鱼", "越野跑", "赶海", "看日出",
        ],
        items: &[
            "冲锋衣", "登山杖", "帐篷", "睡袋", "头灯", "徒步鞋", "天幕", "露营灯", "卡式炉",
            "防晒袖套", "速干衣", "折叠椅",
        ],
        openers: &[
            "周末逃离城市，来{p}{s}，整个人都被治愈了。", "第一次挑战{s}，全程累并快乐着！",
            "说走就走去了{p}，风景比想象中还要好。", "在山顶等了两个小时，终于看到了日出🌅",
            "装备党来分享一下这次{s}的清单～", "本来以为自己坚持不下来，结果完成了全程！",
        ],
        details: &[
            "全程大概{n}公里，爬升八百米左右，新手可以挑战。",
            "一定要穿防滑的徒步鞋，下山路段很滑。",
            "山上温差大，冲锋衣和抓绒必须带。",
            "营地有热水和卫生间，对新手很友好。",
            "{x}真的是这次的救星，强烈推荐。",
            "出发前看好天气预报，下雨天千万别上山。",
            "带走所有垃圾，无痕山林人人有责。",
            "早上六点出发可以避开人流，也不会太晒。",
            "建议结伴同行，不要一个人走野线。",
            "补给点很少，水和能量胶要自己背够。",
            "晚上能看到银河，记得带三脚架。",
            "停车场到起点有摆渡车，十分钟一班。",
        ],
        topics: &[
            "户外", "露营", "徒步", "登山", "户外运动", "周末去哪儿", "露营装备", "骑行",
            "亲近自然", "日出", "爬山", "精致露营",
        ],
        comments: &[
            "难度大吗", "新手能去吗", "装备清单有吗", "帐篷是哪款", "风景也太美了吧", "好想去{p}！",
            "要走多久呀", "请问需要门票吗",
        ],
    },
    en: LangPools {
        titles: &[
            "Hiking {p}: {h}", "My first {s} trip, {h}", "{n} pieces of {s} gear I actually use",
            "{n} tips for {s} beginners", "A weekend of {s} in {p} {e}",
            "{p} in {d} days: a trail guide", "Why I never go {s} without {x}",
            "Sunrise at {p} was worth it {e}", "{n} {s} mistakes I'll never repeat",
            "Beginner-friendly {s} near {p}",
        ],
        subjects: &[
            "camping", "hiking", "backpacking", "trail running", "paddleboarding", "rock climbing",
            "cycling", "stargazing", "wild swimming", "snowboarding", "surfing", "car camping",
            "bouldering", "kayaking",
        ],
        items: &[
            "a headlamp", "trekking poles", "a rain shell", "a camp stove", "a sleeping pad",
            "trail runners", "a power bank", "a packable chair", "merino socks", "a water filter",
        ],
        openers: &[
            "Escaped the city for a weekend in {p} and I feel brand new.",
            "First time trying {s}, exhausting and totally worth it.",
            "We waited two hours at the top for sunrise, zero regrets.",
            "Gear nerd here, sharing exactly what I packed for {s}.",
            "I honestly didn't think I'd finish, but we made it.",
        ],
        details: &[
            "About {n} km with a steady climb, doable for beginners.",
            "Wear shoes with real grip, the descent is slippery.",
            "It gets cold fast up there, pack layers.",
            "Pack out everything you bring in. Leave no trace.",
            "Start early to beat the crowds and the heat.",
            "{x} saved the trip, highly recommend.",
            "Check the forecast, do not go up in the rain.",
            "Water refills are rare, carry more than you think.",
            "Clear nights mean the Milky Way, bring a tripod.",
        ],
        topics: &[
            "Hiking", "Camping", "Outdoors", "TrailLife", "GetOutside", "Backpacking",
            "NatureLovers",
        ],
        comments: &[
            "How hard was the trail?", "Beginner friendly?", "Which tent is that?", "This view 😍",
            "Adding {p} to my list", "How long did it take?",
        ],
    },
};

// ---------------------------------------------------------------------------------------
// Name and bio tables
// ---------------------------------------------------------------------------------------

/// Nickname stems with their pinyin/English slugs (for usernames).
#[rustfmt::skip]
const ZH_PETS: &[(&str, &str)] = &[
    ("小鹿", "xiaolu"), ("阿橙", "acheng"), ("桃子", "taozi"), ("糯米", "nuomi"),
    ("布丁", "buding"), ("奶糖", "naitang"), ("芒果", "mango"), ("汤圆", "tangyuan"),
    ("橘子", "juzi"), ("团子", "tuanzi"), ("饭团", "fantuan"), ("七七", "qiqi"),
    ("小熊", "xiaoxiong"), ("兔兔", "tutu"), ("栗子", "lizi"), ("可乐", "kele"),
    ("年糕", "niangao"), ("米粒", "mili"), ("豆包", "doubao"), ("柚子", "youzi"), ("椰子", "yezi"),
    ("小满", "xiaoman"), ("阿喵", "amiao"), ("啵啵", "bobo"), ("麻薯", "mashu"), ("泡芙", "paofu"),
    ("小葵", "xiaokui"), ("奶昔", "naixi"), ("蘑菇", "mogu"), ("阿晴", "aqing"),
    ("一颗柠檬", "lemon"), ("半糖", "bantang"),
];

#[rustfmt::skip]
const ZH_HOBBIES: &[(&str, &str)] = &[
    ("旅行", "travel"), ("吃饭", "eat"), ("拍照", "photo"), ("穿搭", "ootd"), ("探店", "tandian"),
    ("做饭", "cook"), ("健身", "fit"), ("读书", "read"), ("画画", "draw"), ("露营", "camp"),
    ("撸猫", "cat"), ("逛街", "shop"), ("喝咖啡", "coffee"), ("跳舞", "dance"),
    ("种草", "zhongcao"), ("爬山", "hiking"),
];

#[rustfmt::skip]
const ZH_NAME_CITIES: &[(&str, &str)] = &[
    ("上海", "sh"), ("北京", "bj"), ("成都", "cd"), ("杭州", "hz"), ("广州", "gz"), ("深圳", "sz"),
    ("东京", "tokyo"), ("大理", "dali"), ("厦门", "xiamen"), ("首尔", "seoul"), ("重庆", "cq"),
    ("伦敦", "london"), ("南京", "nj"), ("长沙", "cs"),
];

#[rustfmt::skip]
const ZH_EN_GIVEN: &[&str] = &[
    "Mia", "Luna", "Coco", "Momo", "Vivi", "Lily", "Jojo", "Yuki", "Zoe", "Kiki", "Nana",
    "Ivy", "Amber", "Cici", "Bella", "Emma", "Chloe", "Sunny", "Ella", "Ruby",
];

#[rustfmt::skip]
const ZH_SUFFIXES: &[(&str, &str)] = &[
    ("的日常", "daily"), ("の小日子", "days"), ("今天也要开心", "happy"), ("在减肥", "diet"),
    ("要早睡", "sleep"), ("研究所", "lab"), ("日记", "diary"), ("的小屋", "home"),
    ("吃不胖", "eats"), ("不加糖", "nosugar"), ("同学", "tongxue"), ("碎碎念", "notes"),
    ("的宝藏库", "finds"), ("酱", "jiang"),
];

#[rustfmt::skip]
const ZH_SURNAMES: &[(&str, &str)] = &[
    ("陈", "chen"), ("林", "lin"), ("王", "wang"), ("李", "li"), ("张", "zhang"), ("周", "zhou"),
    ("许", "xu"), ("苏", "su"), ("江", "jiang"), ("沈", "shen"), ("何", "he"), ("叶", "ye"),
    ("宋", "song"), ("唐", "tang"), ("程", "cheng"), ("夏", "xia"), ("顾", "gu"), ("白", "bai"),
];

#[rustfmt::skip]
const ZH_GIVEN: &[(&str, &str)] = &[
    ("一一", "yiyi"), ("多多", "duoduo"), ("晴晴", "qingqing"), ("嘉嘉", "jiajia"),
    ("小鱼", "xiaoyu"), ("甜甜", "tiantian"), ("朵朵", "duoduo"), ("小满", "xiaoman"),
    ("安安", "anan"), ("阿宝", "abao"), ("星星", "xingxing"), ("小北", "xiaobei"),
];

#[rustfmt::skip]
const ZH_NAME_ENDS: &[(&str, &str)] = &[
    ("", ""), ("呀", "ya"), ("吖", "a"), ("同学", "tongxue"), ("ovo", "ovo"),
];

#[rustfmt::skip]
const EN_FIRST: &[&str] = &[
    "Mia", "Jess", "Emma", "Olivia", "Chloe", "Grace", "Hannah", "Sophie", "Amy", "Lucy",
    "Ella", "Zoe", "Nina", "Rachel", "Kate", "Anna", "Jenny", "Alice", "Claire", "Sarah",
    "Ryan", "Jason", "Kevin", "Daniel", "Leo", "Ethan", "Max", "Sam", "Alex", "Ben",
];

#[rustfmt::skip]
const EN_LAST: &[&str] = &[
    "Chen", "Lin", "Wang", "Park", "Kim", "Lee", "Nguyen", "Tan", "Wong", "Liu", "Tanaka",
    "Smith", "Brown", "Garcia", "Patel", "Miller", "Davis", "Martin", "Walker", "Rossi",
    "Evans", "Hughes", "Zhang", "Ho",
];

#[rustfmt::skip]
const EN_HANDLES: &[&str] = &[
    "eats", "travels", "lifts", "reads", "cooks", "styles", "makes", "wanders", "brews",
    "snaps", "grows", "runs",
];

#[rustfmt::skip]
const EN_NAME_CITIES: &[&str] = &[
    "Tokyo", "London", "Seoul", "Paris", "NYC", "Shanghai", "Berlin", "Lisbon", "Sydney",
    "Toronto", "Bali", "Melbourne",
];

#[rustfmt::skip]
const BIRTH_YEARS: &[&str] = &["88", "90", "93", "95", "96", "97", "98", "99", "00", "01", "02"];

#[rustfmt::skip]
const ZH_BIO_CITIES: &[&str] = &[
    "上海", "北京", "杭州", "成都", "深圳", "广州", "南京", "武汉", "西安", "长沙", "厦门",
    "重庆", "苏州", "青岛", "东京", "伦敦", "墨尔本",
];

#[rustfmt::skip]
const ZH_BIO_IDS: &[&str] = &[
    "95后打工人", "00后大学生", "全职妈妈", "平面设计师", "医学生", "前端程序员", "自由职业",
    "新手妈妈", "留学生", "小学老师", "产品经理", "摄影师", "咖啡师", "INFP", "ENFJ", "研究生在读",
    "互联网打工人", "会计一枚", "护士小姐姐",
];

#[rustfmt::skip]
const ZH_BIO_INTERESTS: &[&str] = &[
    "分享平价好物", "记录日常穿搭", "爱吃爱玩爱分享", "只分享真心喜欢的", "周末探店",
    "一个人的旅行", "健身第三年", "家有两只猫", "租房改造爱好者", "数码发烧友", "考研上岸er",
    "热爱户外", "努力变美中", "干货博主", "无广 纯分享", "美食是生活的解药",
];

#[rustfmt::skip]
const ZH_BIO_EXTRAS: &[&str] = &[
    "合作请私信💌", "每天都在认真生活✨", "喜欢就关注一下吧～", "更新不定期 但都是真心分享",
    "谢谢你来看我🌷", "一起变得更好吧🌿", "不接广 只说真话",
];

#[rustfmt::skip]
const EN_BIO_CITIES: &[&str] = &[
    "London", "NYC", "LA", "Toronto", "Sydney", "Singapore", "Shanghai", "Tokyo", "Seoul",
    "Melbourne", "Vancouver", "Berlin", "Hong Kong",
];

#[rustfmt::skip]
const EN_BIO_IDS: &[&str] = &[
    "software engineer by day", "nurse", "grad student", "designer", "new parent", "ex-barista",
    "product manager", "photographer", "med student", "teacher", "ENFP", "architect", "INFJ",
    "dog parent",
];

#[rustfmt::skip]
const EN_BIO_INTERESTS: &[&str] = &[
    "sharing what I eat & where I go", "slow travel + film photos", "budget finds & honest reviews",
    "home cafe enthusiast", "lifting & learning", "plant lady 🌿", "skincare nerd",
    "always planning the next trip", "small space living", "books, coffee, repeat ☕",
];

#[rustfmt::skip]
const EN_BIO_EXTRAS: &[&str] = &[
    "collabs: DM 💌", "all opinions my own", "new posts every week ✨", "be kind 🤍",
    "not an expert, just curious",
];

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
        for c in CHANNELS {
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
        let all_pools = CHANNEL_TEXTS.iter().flat_map(|c| [&c.zh, &c.en]);
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
