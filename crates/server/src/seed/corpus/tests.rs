//! The corpus tables and the text generated from them.

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
