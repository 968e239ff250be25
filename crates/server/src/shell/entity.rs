//! One file held in memory in up to three encodings, and content negotiation over them.

use std::io::Write;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use sha2::{Digest, Sha256};

pub(super) const IMMUTABLE: &str = "public, max-age=31536000, immutable";
pub(super) const NO_CACHE: &str = "no-cache";
pub(super) const HTML: &str = "text/html; charset=utf-8";

/// One resource in up to three encodings, with everything a response needs precomputed.
pub struct Entity {
    content_type: HeaderValue,
    cache_control: HeaderValue,
    vary: Option<HeaderValue>,
    pub(super) identity: Variant,
    pub(super) br: Option<Variant>,
    pub(super) gzip: Option<Variant>,
}

pub(super) struct Variant {
    pub(super) body: Bytes,
    pub(super) etag: HeaderValue,
}

/// What the request's `Accept-Encoding` allows (q=0 excludes; `*` covers unnamed codings).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Accepts {
    pub br: bool,
    pub gzip: bool,
}

/// The encoding sent: br > gzip > identity among those accepted and available.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Br,
    Gzip,
    Identity,
}

pub fn accepts(headers: &HeaderMap) -> Accepts {
    let (mut br, mut gzip, mut star) = (None, None, None);
    for value in headers.get_all(header::ACCEPT_ENCODING) {
        let Ok(value) = value.to_str() else { continue };
        for item in value.split(',') {
            let mut parts = item.split(';');
            let coding = parts.next().unwrap_or("").trim();
            let mut q = 1.0f32;
            for param in parts {
                if let Some((name, v)) = param.split_once('=') {
                    if name.trim().eq_ignore_ascii_case("q") {
                        q = v.trim().parse().unwrap_or(0.0);
                    }
                }
            }
            let ok = q > 0.0;
            if coding.eq_ignore_ascii_case("br") {
                br = Some(ok);
            } else if coding.eq_ignore_ascii_case("gzip") || coding.eq_ignore_ascii_case("x-gzip") {
                gzip = Some(ok);
            } else if coding == "*" {
                star = Some(ok);
            }
        }
    }
    let star = star.unwrap_or(false);
    Accepts {
        br: br.unwrap_or(star),
        gzip: gzip.unwrap_or(star),
    }
}

/// Strong ETag of `body`: the first 128 bits of its SHA-256, hex, with a per-encoding suffix.
pub(super) fn etag(hash: &str, suffix: &str) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{hash}{suffix}\""))
        .unwrap_or(HeaderValue::from_static("\"0\""))
}

pub(super) fn content_hash(body: &[u8]) -> String {
    Sha256::digest(body)
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub fn brotli(data: &[u8], quality: i32) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 3 + 64);
    let params = brotli::enc::BrotliEncoderParams {
        quality,
        lgwin: 22,
        ..Default::default()
    };
    let mut input = data;
    match brotli::BrotliCompress(&mut input, &mut out, &params) {
        Ok(_) => out,
        Err(_) => Vec::new(),
    }
}

pub fn gzip(data: &[u8], level: u32) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(
        Vec::with_capacity(data.len() / 3 + 64),
        flate2::Compression::new(level),
    );
    if enc.write_all(data).is_err() {
        return Vec::new();
    }
    enc.finish().unwrap_or_default()
}

impl Entity {
    pub(super) fn new(
        content_type: HeaderValue,
        cache_control: &'static str,
        identity: Bytes,
        br: Option<Bytes>,
        gzip: Option<Bytes>,
        vary_cookie: bool,
    ) -> Entity {
        let hash = content_hash(&identity);
        // A compressed copy that is not smaller is not worth a Vary.
        let br = br.filter(|b| !b.is_empty() && b.len() < identity.len());
        let gzip = gzip.filter(|b| !b.is_empty() && b.len() < identity.len());
        let vary = match (vary_cookie, br.is_some() || gzip.is_some()) {
            (true, _) => Some(HeaderValue::from_static("Cookie, Accept-Encoding")),
            (false, true) => Some(HeaderValue::from_static("Accept-Encoding")),
            (false, false) => None,
        };
        Entity {
            content_type,
            cache_control: HeaderValue::from_static(cache_control),
            vary,
            identity: Variant {
                body: identity,
                etag: etag(&hash, ""),
            },
            br: br.map(|body| Variant {
                body,
                etag: etag(&hash, "-br"),
            }),
            gzip: gzip.map(|body| Variant {
                body,
                etag: etag(&hash, "-gz"),
            }),
        }
    }

    /// A built document: HTML, revalidated every time, varying on the session cookie.
    pub(super) fn document(html: Bytes, br: Option<Bytes>, gzip: Option<Bytes>) -> Entity {
        Entity::new(
            HeaderValue::from_static(HTML),
            NO_CACHE,
            html,
            br,
            gzip,
            true,
        )
    }

    fn pick(&self, accepts: Accepts) -> (Encoding, &Variant) {
        match (&self.br, &self.gzip) {
            (Some(v), _) if accepts.br => (Encoding::Br, v),
            (_, Some(v)) if accepts.gzip => (Encoding::Gzip, v),
            _ => (Encoding::Identity, &self.identity),
        }
    }

    /// True if `If-None-Match` names one of this entity's representations (weak comparison,
    /// as RFC 9110 asks for this header).
    pub(super) fn not_modified(&self, headers: &HeaderMap) -> bool {
        let ours = |tag: &str| {
            tag == "*"
                || [Some(&self.identity), self.br.as_ref(), self.gzip.as_ref()]
                    .into_iter()
                    .flatten()
                    .any(|v| v.etag.as_bytes() == tag.strip_prefix("W/").unwrap_or(tag).as_bytes())
        };
        headers
            .get_all(header::IF_NONE_MATCH)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .any(|t| ours(t.trim()))
    }

    pub(super) fn respond(&self, headers: &HeaderMap, head: bool) -> Response {
        let (encoding, variant) = self.pick(accepts(headers));
        let not_modified = self.not_modified(headers);
        let mut res = if not_modified || head {
            Response::new(Body::empty())
        } else {
            Response::new(Body::from(variant.body.clone()))
        };
        if not_modified {
            *res.status_mut() = StatusCode::NOT_MODIFIED;
        }
        *res.headers_mut() = HeaderMap::with_capacity(8);
        let h = res.headers_mut();
        h.insert(header::ETAG, variant.etag.clone());
        h.insert(header::CACHE_CONTROL, self.cache_control.clone());
        if let Some(vary) = &self.vary {
            h.insert(header::VARY, vary.clone());
        }
        if not_modified {
            return res;
        }
        h.insert(header::CONTENT_TYPE, self.content_type.clone());
        h.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        match encoding {
            Encoding::Br => {
                h.insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
            }
            Encoding::Gzip => {
                h.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            }
            Encoding::Identity => {}
        }
        if head {
            h.insert(
                header::CONTENT_LENGTH,
                HeaderValue::from(variant.body.len()),
            );
        }
        res
    }
}

/// The `Content-Type` for a file name.
pub fn content_type(name: &str) -> &'static str {
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => HTML,
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

/// Types worth compressing (the build writes `.br`/`.gz` for most of them; missing copies are
/// made at start).
pub(super) fn compressible(name: &str) -> bool {
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    matches!(
        ext.to_ascii_lowercase().as_str(),
        "html"
            | "htm"
            | "js"
            | "mjs"
            | "wasm"
            | "css"
            | "json"
            | "map"
            | "webmanifest"
            | "svg"
            | "txt"
            | "xml"
    )
}
