//! Finds the inline `<script>`s a browser runs and the `<style>` blocks of a document, with
//! their text as the browser hashes it (for the CSP's hashes).

/// Whether a `<script>` start tag's attributes make it something the browser runs inline:
/// no `src`, and a JavaScript type (none, a JS MIME type or `module`). Data blocks such as
/// `type="application/json"` are never executed, so CSP does not govern them.
fn runs_inline(attrs: &[(String, String)]) -> bool {
    if attrs.iter().any(|(name, _)| name == "src") {
        return false;
    }
    match attrs.iter().find(|(name, _)| name == "type") {
        None => true,
        Some((_, value)) => {
            let t = value.trim().to_ascii_lowercase();
            t.is_empty()
                || t == "module"
                || t == "text/javascript"
                || t == "application/javascript"
                || t == "text/ecmascript"
                || t == "application/ecmascript"
        }
    }
}

/// The text of every inline `<script>` that runs (or every `<style>`) in `html`, exactly as
/// the browser hashes it (after the parser's CRLF → LF normalisation).
///
/// A small scanner rather than an HTML parser: the document is our own build's `index.html`
/// (plus data blocks), and it handles what can hide a tag there: comments, quoted attribute
/// values and raw-text bodies. `tests/e2e/security.spec.ts` holds it to the browser's verdict.
pub fn inline_elements(html: &[u8], tag: &[u8]) -> Vec<Vec<u8>> {
    let html: Vec<u8> = normalise_newlines(html);
    let mut found = Vec::new();
    let mut i = 0;
    while i < html.len() {
        if html[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].starts_with(b"<!--") {
            i = find(&html, i + 4, b"-->").map_or(html.len(), |end| end + 3);
            continue;
        }
        let Some(name_end) = tag_name_end(&html, i + 1) else {
            i += 1;
            continue;
        };
        let name = html[i + 1..name_end].to_ascii_lowercase();
        let (attrs, open_end) = attributes(&html, name_end);
        // Raw-text elements: their body is not markup, up to the matching end tag.
        if matches!(
            name.as_slice(),
            b"script" | b"style" | b"textarea" | b"title" | b"xmp" | b"noembed" | b"noframes"
        ) {
            let close = end_tag(&html, open_end, &name).unwrap_or(html.len());
            if name == tag && (tag != b"script" || runs_inline(&attrs)) {
                found.push(html[open_end..close].to_vec());
            }
            i = close;
            continue;
        }
        i = open_end;
    }
    found
}

fn normalise_newlines(html: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len());
    let mut i = 0;
    while i < html.len() {
        if html[i] == b'\r' {
            out.push(b'\n');
            if html.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
        } else {
            out.push(html[i]);
        }
        i += 1;
    }
    out
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// After `<` at `start - 1`: the end of a start tag's name, if one begins here.
fn tag_name_end(html: &[u8], start: usize) -> Option<usize> {
    if !html.get(start)?.is_ascii_alphabetic() {
        return None;
    }
    let len = html[start..]
        .iter()
        .position(|b| b.is_ascii_whitespace() || *b == b'/' || *b == b'>')
        .unwrap_or(html.len() - start);
    Some(start + len)
}

/// The attributes of a start tag from `at` (just after its name) and the index after its `>`.
fn attributes(html: &[u8], mut at: usize) -> (Vec<(String, String)>, usize) {
    let mut attrs = Vec::new();
    loop {
        while at < html.len() && (html[at].is_ascii_whitespace() || html[at] == b'/') {
            at += 1;
        }
        if at >= html.len() {
            return (attrs, html.len());
        }
        if html[at] == b'>' {
            return (attrs, at + 1);
        }
        let name_start = at;
        while at < html.len()
            && !html[at].is_ascii_whitespace()
            && !matches!(html[at], b'=' | b'>' | b'/')
        {
            at += 1;
        }
        let name = String::from_utf8_lossy(&html[name_start..at]).to_ascii_lowercase();
        while at < html.len() && html[at].is_ascii_whitespace() {
            at += 1;
        }
        let mut value = String::new();
        if html.get(at) == Some(&b'=') {
            at += 1;
            while at < html.len() && html[at].is_ascii_whitespace() {
                at += 1;
            }
            match html.get(at) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let end = find(html, at + 1, &[quote]).unwrap_or(html.len());
                    value = String::from_utf8_lossy(&html[at + 1..end]).into_owned();
                    at = (end + 1).min(html.len());
                }
                _ => {
                    let start = at;
                    while at < html.len() && !html[at].is_ascii_whitespace() && html[at] != b'>' {
                        at += 1;
                    }
                    value = String::from_utf8_lossy(&html[start..at]).into_owned();
                }
            }
        }
        if !name.is_empty() {
            attrs.push((name, value));
        }
    }
}

/// Where `</name` (any case, then whitespace, `/` or `>`) starts, from `from`.
fn end_tag(html: &[u8], mut from: usize, name: &[u8]) -> Option<usize> {
    loop {
        let at = find(html, from, b"</")?;
        let after = at + 2 + name.len();
        let matches = html
            .get(at + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
            && html
                .get(after)
                .is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'));
        if matches {
            return Some(at);
        }
        from = at + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str, tag: &[u8]) -> Vec<String> {
        inline_elements(html.as_bytes(), tag)
            .into_iter()
            .map(|b| String::from_utf8(b).unwrap_or_default())
            .collect()
    }

    #[test]
    fn finds_the_scripts_a_browser_runs_inline() {
        let html = "<!doctype html><html><head>\
            <!-- <script>commented()</script> -->\
            <meta content=\"<script>notATag()</script>\">\
            <script>one()</script>\
            <SCRIPT type=module>two()</SCRIPT >\
            <script type=\"application/json\" id=\"zc-boot\">{\"a\":\"\\u003c/script\\u003e\"}</script>\
            <script src=\"/pkg/x.js\"></script>\
            <script type=\"text/plain\">notRun()</script>\
            <script type='text/javascript'>three('</scripts>')</script>\
            <style>.a{color:red}</style>\
            <title><script>title text</script></title>\
            </head><body><script>\r\nfour()\r\n</script></body></html>";
        assert_eq!(
            texts(html, b"script"),
            ["one()", "two()", "three('</scripts>')", "\nfour()\n"]
        );
        assert_eq!(texts(html, b"style"), [".a{color:red}"]);
    }
}
