//! The note, name and comment tables of the demo world, read from `seed-data/corpus/` (TOML,
//! compiled in) on first use; the rest of `corpus` generates text from them.

use std::sync::LazyLock;

use serde::Deserialize;

use super::ChannelDef;
use crate::seed::data::{pair, pairs, parse, text, texts};

#[derive(Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum PlaceKind {
    City,
    Trip,
    Nature,
}

pub(super) type Place = (&'static str, &'static str);

/// One channel's tables in one language.
#[derive(Deserialize)]
pub(super) struct LangPools {
    #[serde(deserialize_with = "texts")]
    pub(super) titles: &'static [&'static str],
    #[serde(deserialize_with = "texts")]
    pub(super) subjects: &'static [&'static str],
    #[serde(deserialize_with = "texts")]
    pub(super) items: &'static [&'static str],
    #[serde(deserialize_with = "texts")]
    pub(super) openers: &'static [&'static str],
    #[serde(deserialize_with = "texts")]
    pub(super) details: &'static [&'static str],
    #[serde(deserialize_with = "texts")]
    pub(super) topics: &'static [&'static str],
    #[serde(deserialize_with = "texts")]
    pub(super) comments: &'static [&'static str],
}

#[derive(Deserialize)]
pub(super) struct ChannelText {
    #[serde(deserialize_with = "text")]
    pub(super) slug: &'static str,
    pub(super) zh: LangPools,
    pub(super) en: LangPools,
    #[serde(deserialize_with = "texts")]
    pub(super) emoji: &'static [&'static str],
    pub(super) places: PlaceKind,
    /// Chance (percent) that a note of this channel carries a location.
    pub(super) location_pct: u32,
    /// Suffix that turns the place into a topic ("京都" + "旅行"), zh and en; "" for none.
    #[serde(deserialize_with = "pair")]
    pub(super) place_topic: (&'static str, &'static str),
}

/// Tables shared by every channel in one language.
#[derive(Deserialize)]
pub(super) struct LangCommon {
    #[serde(deserialize_with = "texts")]
    pub(super) hooks: &'static [&'static str],
    #[serde(deserialize_with = "texts")]
    pub(super) closers: &'static [&'static str],
    #[serde(deserialize_with = "texts")]
    pub(super) list_intros: &'static [&'static str],
    #[serde(deserialize_with = "texts")]
    pub(super) mention_one: &'static [&'static str],
    #[serde(deserialize_with = "texts")]
    pub(super) mention_two: &'static [&'static str],
    #[serde(deserialize_with = "texts")]
    pub(super) topics: &'static [&'static str],
    #[serde(deserialize_with = "texts")]
    pub(super) comments: &'static [&'static str],
    #[serde(deserialize_with = "texts")]
    pub(super) comment_emoji: &'static [&'static str],
    /// Thanks, agreement and follow-ups that fit under any comment.
    #[serde(deserialize_with = "texts")]
    pub(super) replies: &'static [&'static str],
    /// Concrete answers (where from, how much, how long).
    #[serde(deserialize_with = "texts")]
    pub(super) answers: &'static [&'static str],
    #[serde(deserialize_with = "texts")]
    pub(super) brands: &'static [&'static str],
    #[serde(deserialize_with = "texts")]
    pub(super) reply_places: &'static [&'static str],
    #[serde(deserialize_with = "texts")]
    pub(super) prices: &'static [&'static str],
    #[serde(deserialize_with = "texts")]
    pub(super) budgets: &'static [&'static str],
}

/// Places per kind, in one language.
#[derive(Deserialize)]
pub(super) struct PlaceTables {
    #[serde(deserialize_with = "pairs")]
    pub(super) city: &'static [Place],
    #[serde(deserialize_with = "pairs")]
    pub(super) trip: &'static [Place],
    #[serde(deserialize_with = "pairs")]
    pub(super) nature: &'static [Place],
}

#[derive(Deserialize)]
pub(super) struct ByLang<T> {
    pub(super) zh: T,
    pub(super) en: T,
}

/// Parts of generated display names: Chinese parts as (text, ASCII slug).
#[derive(Deserialize)]
pub(super) struct Names {
    #[serde(deserialize_with = "pairs")]
    pub(super) zh_pets: &'static [(&'static str, &'static str)],
    #[serde(deserialize_with = "pairs")]
    pub(super) zh_hobbies: &'static [(&'static str, &'static str)],
    #[serde(deserialize_with = "pairs")]
    pub(super) zh_name_cities: &'static [(&'static str, &'static str)],
    #[serde(deserialize_with = "texts")]
    pub(super) zh_en_given: &'static [&'static str],
    #[serde(deserialize_with = "pairs")]
    pub(super) zh_suffixes: &'static [(&'static str, &'static str)],
    #[serde(deserialize_with = "pairs")]
    pub(super) zh_surnames: &'static [(&'static str, &'static str)],
    #[serde(deserialize_with = "pairs")]
    pub(super) zh_given: &'static [(&'static str, &'static str)],
    #[serde(deserialize_with = "pairs")]
    pub(super) zh_name_ends: &'static [(&'static str, &'static str)],
    #[serde(deserialize_with = "texts")]
    pub(super) en_first: &'static [&'static str],
    #[serde(deserialize_with = "texts")]
    pub(super) en_last: &'static [&'static str],
    #[serde(deserialize_with = "texts")]
    pub(super) en_handles: &'static [&'static str],
    #[serde(deserialize_with = "texts")]
    pub(super) en_name_cities: &'static [&'static str],
}

/// Parts of user bios, and the birth years some usernames carry.
#[derive(Deserialize)]
pub(super) struct Bios {
    #[serde(deserialize_with = "texts")]
    pub(super) birth_years: &'static [&'static str],
    #[serde(deserialize_with = "texts")]
    pub(super) zh_bio_cities: &'static [&'static str],
    #[serde(deserialize_with = "texts")]
    pub(super) zh_bio_ids: &'static [&'static str],
    #[serde(deserialize_with = "texts")]
    pub(super) zh_bio_interests: &'static [&'static str],
    #[serde(deserialize_with = "texts")]
    pub(super) zh_bio_extras: &'static [&'static str],
    #[serde(deserialize_with = "texts")]
    pub(super) en_bio_cities: &'static [&'static str],
    #[serde(deserialize_with = "texts")]
    pub(super) en_bio_ids: &'static [&'static str],
    #[serde(deserialize_with = "texts")]
    pub(super) en_bio_interests: &'static [&'static str],
    #[serde(deserialize_with = "texts")]
    pub(super) en_bio_extras: &'static [&'static str],
}

pub(super) struct Tables {
    pub(super) channel_list: &'static [ChannelDef],
    pub(super) common: ByLang<LangCommon>,
    pub(super) places: ByLang<PlaceTables>,
    pub(super) names: Names,
    pub(super) bios: Bios,
    /// Each channel's text, in the order of `channel_list`.
    pub(super) channels: Vec<ChannelText>,
}

/// Each channel's file, in the order of `channels.toml`.
const CHANNEL_FILES: &[(&str, &str)] = &[
    (
        "corpus/channels/fashion.toml",
        include_str!("../../../seed-data/corpus/channels/fashion.toml"),
    ),
    (
        "corpus/channels/beauty.toml",
        include_str!("../../../seed-data/corpus/channels/beauty.toml"),
    ),
    (
        "corpus/channels/food.toml",
        include_str!("../../../seed-data/corpus/channels/food.toml"),
    ),
    (
        "corpus/channels/travel.toml",
        include_str!("../../../seed-data/corpus/channels/travel.toml"),
    ),
    (
        "corpus/channels/home.toml",
        include_str!("../../../seed-data/corpus/channels/home.toml"),
    ),
    (
        "corpus/channels/fitness.toml",
        include_str!("../../../seed-data/corpus/channels/fitness.toml"),
    ),
    (
        "corpus/channels/tech.toml",
        include_str!("../../../seed-data/corpus/channels/tech.toml"),
    ),
    (
        "corpus/channels/pets.toml",
        include_str!("../../../seed-data/corpus/channels/pets.toml"),
    ),
    (
        "corpus/channels/study.toml",
        include_str!("../../../seed-data/corpus/channels/study.toml"),
    ),
    (
        "corpus/channels/outdoors.toml",
        include_str!("../../../seed-data/corpus/channels/outdoors.toml"),
    ),
];

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    #[derive(Deserialize)]
    #[serde(bound(deserialize = "'de: 'static"))]
    struct ChannelList {
        channel: Vec<ChannelDef>,
    }
    let list: ChannelList = parse(
        "corpus/channels.toml",
        include_str!("../../../seed-data/corpus/channels.toml"),
    );
    Tables {
        channel_list: Box::leak(list.channel.into_boxed_slice()),
        common: parse(
            "corpus/common.toml",
            include_str!("../../../seed-data/corpus/common.toml"),
        ),
        places: parse(
            "corpus/places.toml",
            include_str!("../../../seed-data/corpus/places.toml"),
        ),
        names: parse(
            "corpus/names.toml",
            include_str!("../../../seed-data/corpus/names.toml"),
        ),
        bios: parse(
            "corpus/bios.toml",
            include_str!("../../../seed-data/corpus/bios.toml"),
        ),
        channels: CHANNEL_FILES
            .iter()
            .map(|(name, text)| parse(name, text))
            .collect(),
    }
});

/// The tables, read on first use.
pub(super) fn t() -> &'static Tables {
    &TABLES
}
