//! Splits a note body into plain text, #topic and @mention segments. Only topics and mentions
//! the API listed become links; everything is rendered as text (never as HTML).

use api_types::Mention;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Text(String),
    Topic(String),
    Mention { user_id: i64, name: String },
    LineBreak,
}

/// Longest known name that `rest` starts with.
fn longest_prefix<'a>(rest: &str, names: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    names
        .filter(|n| !n.is_empty() && rest.starts_with(*n))
        .max_by_key(|n| n.len())
}

pub fn segments(body: &str, topics: &[String], mentions: &[Mention]) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut rest = body;
    let flush = |text: &mut String, out: &mut Vec<Segment>| {
        if !text.is_empty() {
            out.push(Segment::Text(std::mem::take(text)));
        }
    };
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        match c {
            '#' => {
                if let Some(topic) = longest_prefix(after, topics.iter().map(String::as_str)) {
                    flush(&mut text, &mut out);
                    out.push(Segment::Topic(topic.to_string()));
                    rest = &after[topic.len()..];
                    continue;
                }
            }
            '@' => {
                if let Some(name) = longest_prefix(after, mentions.iter().map(|m| m.name.as_str()))
                {
                    if let Some(m) = mentions.iter().find(|m| m.name == name) {
                        flush(&mut text, &mut out);
                        out.push(Segment::Mention {
                            user_id: m.user_id,
                            name: name.to_string(),
                        });
                        rest = &after[name.len()..];
                        continue;
                    }
                }
            }
            '\n' => {
                flush(&mut text, &mut out);
                out.push(Segment::LineBreak);
                rest = after;
                continue;
            }
            _ => {}
        }
        text.push(c);
        rest = after;
    }
    flush(&mut text, &mut out);
    out
}

/// Splits `text` into (segment, is_match) pieces where any whitespace-separated term of
/// `query` occurs (ignoring ASCII case). Used to highlight search matches as text, never HTML.
pub fn highlight(text: &str, query: &str) -> Vec<(String, bool)> {
    // ASCII lower-casing keeps every byte where it was, so positions in `lower` are positions
    // in `text` (and no Unicode case tables are needed).
    let lower = text.to_ascii_lowercase();
    let terms: Vec<String> = query
        .split_whitespace()
        .map(str::to_ascii_lowercase)
        .filter(|t| !t.is_empty())
        .collect();
    let mut marked = vec![false; text.len()];
    for term in &terms {
        let mut from = 0;
        while let Some(pos) = lower[from..].find(term.as_str()) {
            let start = from + pos;
            marked[start..start + term.len()]
                .iter_mut()
                .for_each(|m| *m = true);
            from = start + term.len();
        }
    }
    let mut out: Vec<(String, bool)> = Vec::new();
    for (i, c) in text.char_indices() {
        let m = marked[i];
        match out.last_mut() {
            Some((s, last)) if *last == m => s.push(c),
            _ => out.push((c.to_string(), m)),
        }
    }
    out
}
