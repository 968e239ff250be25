//! Where the site lives and the headers every response carries.
//!
//! [`Site`] is the configured public origin (`--public-origin`): it alone decides whether the
//! site is https (`Secure` cookies, HSTS) and which `Origin` the CSRF guard accepts; nothing
//! a client sends (`X-Forwarded-Proto`, an https `Origin`) can change that.
//!
//! [`layer`] puts the security headers on every response of the app (API, documents, static
//! files, images, errors): a Content-Security-Policy whose script hashes are computed at
//! start from the served `index.html` ([`Csp::for_document`]), so an edited inline script
//! can never run under a stale hash, plus nosniff, referrer, framing, permissions and
//! opener policies.

use std::fmt;
use std::str::FromStr;

use axum::http::uri::{Authority, Uri};
use axum::http::{header, HeaderName, HeaderValue};
use axum::Router;
use base64::Engine;
use sha2::{Digest, Sha256};
use tower::ServiceBuilder;
use tower_http::set_header::SetResponseHeaderLayer;

/// A web origin: scheme, host and port (the default port filled in), compared exactly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    https: bool,
    /// Lower-cased; IPv6 addresses keep their brackets.
    host: String,
    port: u16,
}

impl Origin {
    fn new(https: bool, host: &str, port: Option<u16>) -> Origin {
        Origin {
            https,
            host: host.to_ascii_lowercase(),
            port: port.unwrap_or(if https { 443 } else { 80 }),
        }
    }

    /// Parses `http(s)://host[:port]` (a trailing `/` allowed; no user, path or query).
    pub fn parse(text: &str) -> Option<Origin> {
        let uri = Uri::from_str(text.trim()).ok()?;
        let https = match uri.scheme_str()? {
            s if s.eq_ignore_ascii_case("https") => true,
            s if s.eq_ignore_ascii_case("http") => false,
            _ => return None,
        };
        let authority = uri.authority()?;
        let clean = !authority.as_str().contains('@')
            && matches!(uri.path(), "" | "/")
            && uri.query().is_none()
            && !authority.host().is_empty();
        clean.then(|| Origin::new(https, authority.host(), authority.port_u16()))
    }

    /// The origin of a plain-http request whose `Host` (or `:authority`) is `host`.
    pub fn http_at(host: &str) -> Option<Origin> {
        let authority = Authority::from_str(host.trim()).ok()?;
        let clean = !authority.as_str().contains('@') && !authority.host().is_empty();
        clean.then(|| Origin::new(false, authority.host(), authority.port_u16()))
    }

    pub fn is_https(&self) -> bool {
        self.https
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = if self.https { "https" } else { "http" };
        write!(f, "{scheme}://{}", self.host)?;
        if self.port != if self.https { 443 } else { 80 } {
            write!(f, ":{}", self.port)?;
        }
        Ok(())
    }
}

impl FromStr for Origin {
    type Err = String;

    fn from_str(s: &str) -> Result<Origin, String> {
        Origin::parse(s).ok_or_else(|| {
            format!("{s:?} is not an origin like https://shop.example or http://127.0.0.1:8080")
        })
    }
}

/// Where the site is served, from configuration only.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Site {
    /// The origin browsers use (e.g. `https://zhongcao.example` behind a TLS proxy). `None`:
    /// plain http at whatever host the request names (`cargo xtask run`, tests).
    public_origin: Option<Origin>,
}

impl Site {
    pub fn new(public_origin: Option<Origin>) -> Site {
        Site { public_origin }
    }

    /// Whether browsers reach the site over TLS: session cookies are `Secure` and HSTS is sent.
    pub fn https(&self) -> bool {
        self.public_origin.as_ref().is_some_and(Origin::is_https)
    }

    /// Whether a request's `Origin` header names this site: exactly the configured origin, or
    /// without one `http://` + the request's host (scheme, host and port all compared).
    pub fn is_own_origin(&self, origin: &str, request_host: Option<&str>) -> bool {
        let Some(theirs) = Origin::parse(origin) else {
            return false; // `null`, garbage, or another scheme
        };
        match &self.public_origin {
            Some(ours) => theirs == *ours,
            None => request_host
                .and_then(Origin::http_at)
                .is_some_and(|ours| theirs == ours),
        }
    }
}

/// HSTS for a year: sent only when the configured origin is https (over plain http the
/// header is meaningless, and a wrong guess would lock browsers out of an http-only site).
const HSTS: &str = "max-age=31536000; includeSubDomains";

/// Powerful features the app does not use are switched off for it and anything it embeds.
/// Camera and microphone stay allowed for the site itself (live streaming will ask for
/// them); sharing a note copies its link (clipboard-write). Only features Chromium knows are
/// named: it logs an error for any other (Bluetooth and Web Share are unknown on Linux, and
/// both default to this site only anyway).
const PERMISSIONS_POLICY: &str = "accelerometer=(), autoplay=(), browsing-topics=(), \
    camera=(self), clipboard-read=(), clipboard-write=(self), display-capture=(), \
    encrypted-media=(), fullscreen=(self), gamepad=(), geolocation=(), gyroscope=(), hid=(), \
    idle-detection=(), local-fonts=(), magnetometer=(), microphone=(self), midi=(), \
    payment=(), picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), \
    serial=(), usb=(), xr-spatial-tracking=()";

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
        let sockets = match &site.public_origin {
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
// - media-src 'self' blob:: note videos play from /vid/ ('self'); the composer previews a
//   picked video from its `blob:` URL to show it and capture the cover frame before upload.

/// `'sha256-…'` of an inline element's text as the browser hashes it.
fn sha256_source(text: &[u8]) -> String {
    let digest = Sha256::digest(text);
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

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

/// `router` with the security headers on every response it gives (replacing any a handler
/// set, so there is one policy): CSP, nosniff, referrer and permissions policies, framing
/// refused twice (`frame-ancestors` and the older `X-Frame-Options`), a browsing context and
/// resources of our own (`Cross-Origin-Opener-Policy`, `-Resource-Policy`), and HSTS when
/// the site is https. Add it last, so it wraps the fallback and every rejection too.
pub fn apply(router: Router, csp: &Csp, site: &Site) -> Router {
    // Every value is ASCII we wrote (hashes are base64), so the conversions cannot fail; an
    // empty header would still be better than a panic.
    let value = |text: &str| HeaderValue::from_str(text).unwrap_or(HeaderValue::from_static(""));
    let set = |name: HeaderName, v: HeaderValue| SetResponseHeaderLayer::overriding(name, v);
    let layers = ServiceBuilder::new()
        .layer(set(header::CONTENT_SECURITY_POLICY, value(csp.as_str())))
        .layer(set(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(set(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(set(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(set(
            HeaderName::from_static("permissions-policy"),
            value(PERMISSIONS_POLICY),
        ))
        .layer(set(
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ))
        .layer(set(
            HeaderName::from_static("cross-origin-resource-policy"),
            HeaderValue::from_static("same-origin"),
        ))
        .option_layer(
            site.https()
                .then(|| set(header::STRICT_TRANSPORT_SECURITY, value(HSTS))),
        );
    router.layer(layers)
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

    #[test]
    fn own_origin_means_scheme_host_and_port() {
        let http = Site::default();
        assert!(http.is_own_origin("http://a.test:8080", Some("a.test:8080")));
        assert!(http.is_own_origin("http://A.test", Some("a.test:80")));
        assert!(!http.is_own_origin("https://a.test:8080", Some("a.test:8080")));
        assert!(!http.is_own_origin("http://a.test:8081", Some("a.test:8080")));
        assert!(!http.is_own_origin("http://a.test", None));
        assert!(!http.is_own_origin("null", Some("a.test")));
        assert!(!http.https());
        let https = Site::new(Origin::parse("https://shop.example"));
        assert!(https.https());
        assert!(https.is_own_origin("https://shop.example", Some("10.0.0.2:8080")));
        assert!(!https.is_own_origin("http://shop.example", Some("shop.example")));
        assert!(!https.is_own_origin("http://10.0.0.2:8080", Some("10.0.0.2:8080")));
    }
}
