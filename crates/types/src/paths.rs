//! The API paths a page asks for first, built in one place for the client (which requests
//! them) and the server (which puts their answers into the document, see the server's
//! `shell` module): an inline answer is used only when its path is byte for byte the one the
//! client builds, so both sides must build it with these functions.

use crate::{NoteTypeFilter, SearchSort, TimeFilter};

/// The channel list.
pub const CHANNELS: &str = "/api/v1/channels";

/// The first page of a channel's feed (`/explore?channel=<slug>`).
pub fn feed_channel(slug: &str) -> String {
    format!("/api/v1/feed?channel={}", encode_component(slug))
}

/// The following feed's first page (signed in only).
pub const FOLLOWING_FEED: &str = "/api/v1/feed/following?limit=20";

/// One note (`/explore/{id}`).
pub fn note(id: i64) -> String {
    format!("/api/v1/notes/{id}")
}

/// One product (`/product/{id}`).
pub fn product(id: i64) -> String {
    format!("/api/v1/products/{id}")
}

/// The first page of a note search (`/search?q=…`).
pub fn note_search(q: &str, sort: SearchSort, kind: NoteTypeFilter, time: TimeFilter) -> String {
    format!(
        "/api/v1/search/notes?q={}&sort={}&type={}&time={}",
        encode_component(q),
        sort.as_str(),
        kind.as_str(),
        time.as_str()
    )
}

/// Percent-encodes `value` exactly like JavaScript's `encodeURIComponent`: every byte of its
/// UTF-8 form except ASCII letters, digits and `-_.!~*'()` becomes `%XX` (upper-case hex).
pub fn encode_component(value: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(value.len());
    for &b in value.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_like_encode_uri_component() {
        // Expected values are what browsers' encodeURIComponent returns.
        let cases = [
            ("防晒", "%E9%98%B2%E6%99%92"),
            ("上海 咖啡", "%E4%B8%8A%E6%B5%B7%20%E5%92%96%E5%95%A1"),
            ("AZaz09", "AZaz09"),
            ("-_.!~*'()", "-_.!~*'()"),
            (";,/?:@&=+$#", "%3B%2C%2F%3F%3A%40%26%3D%2B%24%23"),
            ("%", "%25"),
            ("a b+c", "a%20b%2Bc"),
            ("\"<>\\^`{|}[]", "%22%3C%3E%5C%5E%60%7B%7C%7D%5B%5D"),
            ("é", "%C3%A9"),
            ("😀", "%F0%9F%98%80"),
            ("\n\t\u{7f}", "%0A%09%7F"),
            ("", ""),
        ];
        for (raw, encoded) in cases {
            assert_eq!(encode_component(raw), encoded, "{raw:?}");
        }
    }

    #[test]
    fn paths_match_the_client_routes() {
        assert_eq!(feed_channel("recommend"), "/api/v1/feed?channel=recommend");
        assert_eq!(feed_channel("a&b"), "/api/v1/feed?channel=a%26b");
        assert_eq!(note(42), "/api/v1/notes/42");
        assert_eq!(product(147), "/api/v1/products/147");
        assert_eq!(
            note_search(
                "防晒 spf50+",
                SearchSort::General,
                NoteTypeFilter::All,
                TimeFilter::Any
            ),
            format!(
                "/api/v1/search/notes?q=%E9%98%B2%E6%99%92%20spf50%2B&sort={}&type={}&time={}",
                SearchSort::General.as_str(),
                NoteTypeFilter::All.as_str(),
                TimeFilter::Any.as_str()
            )
        );
    }
}
