//! Display names, usernames and bios of the demo users.

use std::fmt::Write as _;

use super::*;

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
