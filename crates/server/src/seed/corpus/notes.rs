//! Note titles, bodies, topics, mentions and locations.

use super::*;

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
