//! What the server reads out of user text: `@name` mentions, `#topic` tags, and the normalised
//! form duplicate detection compares.

/// Most mentions or topics taken from one text (the rest stay plain text).
pub const MAX_TAGS: usize = 10;
/// Longest topic name (the feed's `topic=` filter takes no more).
pub const MAX_TOPIC_CHARS: usize = 64;

/// Punctuation that ends a `#topic` or an `@name` when it trails it ("@糯米Yuki," or "#OOTD!").
const TRAILING: &str = ",.!?;:，。！？；：、)）";

/// The words after each `marker` in `text`: up to the next whitespace, `@` or `#`, without
/// trailing punctuation; sorted, deduplicated, at most [`MAX_TAGS`].
fn tagged(text: &str, marker: char) -> Vec<String> {
    let mut names: Vec<String> = text
        .split(marker)
        .skip(1)
        .filter_map(|rest| {
            let name: String = rest
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '@' && *c != '#')
                .collect();
            let name = name
                .trim_end_matches(|c: char| TRAILING.contains(c))
                .to_string();
            (!name.is_empty()).then_some(name)
        })
        .collect();
    names.sort();
    names.dedup();
    names.truncate(MAX_TAGS);
    names
}

/// Display names written as `@name` in `body` (a name runs to the next space or `@`).
pub fn mention_candidates(body: &str) -> Vec<String> {
    tagged(body, '@')
}

/// Topics written as `#topic` in `body`, in the form the seeded notes use (no spaces, no `#`
/// or `@`, no trailing punctuation), at most [`MAX_TOPIC_CHARS`] long.
pub fn topic_candidates(body: &str) -> Vec<String> {
    tagged(body, '#')
        .into_iter()
        .filter(|t| t.chars().count() <= MAX_TOPIC_CHARS)
        .collect()
}

/// Whether `s` holds characters that have no place in text people write: control characters
/// (NUL, ESC, BEL, …; a newline only where `newlines` allows it) and the invisible bidi
/// controls that reorder how text around them is shown (RTL override, isolates, marks).
pub fn has_control_chars(s: &str, newlines: bool) -> bool {
    s.chars().any(|c| {
        (c.is_control() && !(newlines && c == '\n'))
            || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}

/// Title and body trimmed, whitespace collapsed and lower-cased: two notes with the same key
/// say the same thing.
pub fn content_key(title: &str, body: &str) -> String {
    format!(
        "{}\u{1f}{}",
        crate::search::suggest::normalize(title),
        crate::search::suggest::normalize(body)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_mentions_up_to_space_or_punctuation() {
        assert_eq!(
            mention_candidates("thanks @糯米Yuki, and @ryan.grows! @"),
            vec!["ryan.grows".to_string(), "糯米Yuki".to_string()]
        );
        assert!(mention_candidates("no mentions here").is_empty());
    }

    #[test]
    fn finds_topics_like_the_seeded_notes_write_them() {
        assert_eq!(
            topic_candidates("周末去哪儿\n#京都旅行 #OOTD! 还有#咖啡#探店 # 和 #京都旅行"),
            vec!["OOTD", "京都旅行", "咖啡", "探店"]
        );
        assert!(topic_candidates(&format!("#{}", "长".repeat(65))).is_empty());
    }

    #[test]
    fn control_and_bidi_characters_are_found() {
        for bad in [
            "a\u{0}b",
            "esc\u{1b}[31m",
            "bell\u{7}",
            "tab\t",
            "rtl\u{202e}cba",
            "\u{2066}x",
        ] {
            assert!(has_control_chars(bad, true), "{bad:?}");
        }
        assert!(has_control_chars("two\nlines", false));
        assert!(!has_control_chars("two\nlines", true));
        assert!(!has_control_chars("上海市 静安区 · No. 12 👍🏽", false));
        assert!(
            !has_control_chars("family 👨\u{200d}👩\u{200d}👧", false),
            "joiners stay"
        );
    }

    #[test]
    fn content_keys_ignore_case_and_spacing() {
        assert_eq!(
            content_key("  My Haul ", "Great\n\n  stuff  "),
            content_key("my haul", "great stuff")
        );
        assert_ne!(content_key("a", "b c"), content_key("a b", "c"));
    }
}
