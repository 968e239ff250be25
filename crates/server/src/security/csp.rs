//! The Content-Security-Policy, with the hashes of the served document's inline scripts and
//! styles.

use base64::Engine;
use sha2::{Digest, Sha256};

use super::inline_html::inline_elements;
use super::Site;

/// The Content-Security-Policy of the app.
#[derive(Clone, Debug)]
pub struct Csp(String);

impl Csp {
    /// The policy for `html` (the built `index.html`): its inline scripts and `<style>`
    /// blocks are allowed by their SHA-256, nothing else inline. Documents the shell builds
    /// from it add only JSON data blocks (never executed, so outside `script-src`) and the
    /// first paint's markup, so this one policy covers all of them (`tests/it/security.rs`
    /// checks that every executable script of a built document is hashed here).
    pub fn for_document(html: &[u8], site: &Site) -> Csp {
        let scripts = inline_elements(html, b"script");
        let styles = inline_elements(html, b"style");
        let hashes = |blocks: &[Vec<u8>]| -> String {
            let mut seen: Vec<String> = blocks.iter().map(|b| sha256_source(b)).collect();
            seen.sort();
            seen.dedup();
            seen.iter().map(|h| format!(" {h}")).collect()
        };
        // WebSockets: CSP3's 'self' covers ws(s):// to this host; with a known origin it is
        // also named outright for browsers that predate that rule.
        let sockets = match site.public_origin() {
            Some(o) => format!(" {}", o.to_string().replacen("http", "ws", 1)),
            None => String::new(),
        };
        let mut policy = format!(
            "default-src 'none'; \
             script-src 'self' 'wasm-unsafe-eval'{scripts}; \
             style-src 'self'; \
             style-src-elem 'self'{styles}; \
             style-src-attr 'unsafe-inline'; \
             img-src 'self' blob:; \
             media-src 'self' blob:; \
             font-src 'self'; \
             connect-src 'self'{sockets}; \
             manifest-src 'self'; \
             object-src 'none'; \
             base-uri 'none'; \
             form-action 'self'; \
             frame-ancestors 'none'",
            scripts = hashes(&scripts),
            styles = hashes(&styles),
        );
        if site.https() {
            policy.push_str("; upgrade-insecure-requests");
        }
        Csp(policy)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

// Why each source above:
// - script-src: the JS glue, the split loader and every chunk come from /pkg/<hash>/ ('self'):
//   the glue imports the loader statically and the loader fetches chunk .wasm files
//   (connect-src) and compiles them with `WebAssembly.instantiateStreaming`, which needs
//   'wasm-unsafe-eval' (wasm compilation only: `eval` and `new Function` stay refused).
// - style-src-attr 'unsafe-inline': Leptos writes `style="…"` attributes (masonry heights,
//   picture placeholders, progress bars) and the server's first paint does too (aspect ratios,
//   placeholder gradients). Attributes cannot load code or hold selectors; no user text is
//   ever put in one. `<style>` elements and stylesheets stay limited to 'self' and hashes.
// - img-src blob:: the publish editor and the avatar form preview picked files via
//   `URL.createObjectURL` before they upload. No data: URLs are used.
// - media-src 'self' blob:: video notes play from `/vid/v1/...`; the composer may preview a
//   picked video file (and take its cover frame) from a blob: URL before it uploads.

/// `'sha256-…'` of an inline element's text as the browser hashes it.
fn sha256_source(text: &[u8]) -> String {
    let digest = Sha256::digest(text);
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::security::Origin;

    #[test]
    fn the_policy_lists_each_hash_once_and_nothing_unsafe_for_scripts() {
        let html = b"<script>a()</script><script>a()</script><style>p{}</style>";
        let csp = Csp::for_document(html, &Site::default());
        let policy = csp.as_str();
        // sha256("a()") and sha256("p{}"), base64.
        let a = sha256_source(b"a()");
        assert_eq!(policy.matches(&a).count(), 1, "{policy}");
        assert!(policy.contains(&format!("style-src-elem 'self' {}", sha256_source(b"p{}"))));
        let script = policy
            .split(';')
            .find(|d| d.trim_start().starts_with("script-src "))
            .unwrap_or_default();
        assert!(!script.contains("unsafe-inline") && !script.contains("'unsafe-eval'"));
        assert!(!policy.contains("upgrade-insecure-requests"));
        let https = Site::new(Origin::parse("https://shop.example"));
        let policy = Csp::for_document(html, &https).0;
        assert!(
            policy.contains("connect-src 'self' wss://shop.example;"),
            "{policy}"
        );
        assert!(policy.ends_with("; upgrade-insecure-requests"));
    }
}
