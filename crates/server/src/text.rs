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

/// Most words a mentioned display name has ("Jess in NYC" has three).
pub const MAX_NAME_WORDS: usize = 4;

/// What each `@` in `body` may name, longest first: the next one to [`MAX_NAME_WORDS`] words
/// (up to a line end, `@` or `#`), each without trailing punctuation. Display names may hold
/// spaces, so "@Jess in NYC said hi" offers "Jess in NYC said", "Jess in NYC", "Jess in" and
/// "Jess"; whoever resolves them takes the longest that is somebody's name. At most
/// [`MAX_TAGS`] mentions.
pub fn mention_candidates(body: &str) -> Vec<Vec<String>> {
    body.split('@')
        .skip(1)
        .filter_map(|rest| {
            let line = rest.split(['\n', '@', '#']).next().unwrap_or_default();
            // Where each of the first words ends, as byte offsets into `line`.
            let mut ends = Vec::new();
            let mut in_word = false;
            for (i, c) in line.char_indices() {
                if c.is_whitespace() {
                    if in_word {
                        ends.push(i);
                        if ends.len() == MAX_NAME_WORDS {
                            break;
                        }
                    }
                    in_word = false;
                } else if i == 0 || in_word || !ends.is_empty() {
                    in_word = true;
                } else {
                    // "@ name": a space right after `@` mentions nobody.
                    break;
                }
            }
            if in_word && ends.len() < MAX_NAME_WORDS {
                ends.push(line.len());
            }
            let mut phrases: Vec<String> = ends
                .iter()
                .rev()
                .map(|&end| line[..end].trim_end_matches(|c: char| TRAILING.contains(c)))
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect();
            phrases.dedup();
            (!phrases.is_empty()).then_some(phrases)
        })
        .take(MAX_TAGS)
        .collect()
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
    fn mentions_offer_their_next_words_longest_first() {
        assert_eq!(
            mention_candidates("thanks @糯米Yuki, and @ryan.grows! @"),
            vec![vec!["糯米Yuki, and", "糯米Yuki"], vec!["ryan.grows"],]
        );
        assert_eq!(
            mention_candidates("ask @Jess in NYC said by  the pier\n@Ann #tag @ nobody"),
            vec![
                vec!["Jess in NYC said", "Jess in NYC", "Jess in", "Jess"],
                vec!["Ann"],
            ]
        );
        assert!(mention_candidates("no mentions here").is_empty());
        assert_eq!(mention_candidates(&"@a ".repeat(20)).len(), MAX_TAGS);
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
