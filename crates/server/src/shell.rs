//! The app shell, served like a CDN from memory: every file of the built SPA (`dist/`) is
//! read at start with its precompressed `.br`/`.gz` siblings, a strong ETag and its type, and
//! answered with content negotiation (br > gzip > identity), `304 Not Modified` and long-lived
//! caching for content-hashed files. Paths that look like files but are not in the build are
//! 404s (a stale split chunk must fail, never turn into the document); every other path gets
//! the document (history fallback), into which `boot` puts the first page of data and image
//! preloads for the routes that have them.

mod boot;
mod first_paint;

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use sha2::{Digest, Sha256};
use tokio::sync::OnceCell;

use crate::microcache::MicroCache;

pub use boot::{boot_plan, escape_json_for_script, BootPlan, BOOT_ELEMENT_ID};

/// A document assembled for anonymous readers is reused while younger than this.
pub const DOC_FRESH: Duration = Duration::from_millis(750);
/// An older one is still served while a single request rebuilds it, for up to this age (so
/// no served document was assembled more than a second ago, and a fill never stalls readers).
pub const DOC_MAX_AGE: Duration = Duration::from_secs(1);
/// Distinct anonymous documents kept (route + query); the map is pruned, then cleared, beyond.
const DOC_CACHE_CAPACITY: usize = 512;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const NO_CACHE: &str = "no-cache";
const HTML: &str = "text/html; charset=utf-8";
/// Files above this are not loaded (the shell is wasm, JS, CSS and a few icons).
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// One resource in up to three encodings, with everything a response needs precomputed.
pub struct Entity {
    content_type: HeaderValue,
    cache_control: HeaderValue,
    vary: Option<HeaderValue>,
    identity: Variant,
    br: Option<Variant>,
    gzip: Option<Variant>,
}

struct Variant {
    body: Bytes,
    etag: HeaderValue,
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
fn etag(hash: &str, suffix: &str) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{hash}{suffix}\""))
        .unwrap_or(HeaderValue::from_static("\"0\""))
}

fn content_hash(body: &[u8]) -> String {
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
    fn new(
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
    fn document(html: Bytes, br: Option<Bytes>, gzip: Option<Bytes>) -> Entity {
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
    fn not_modified(&self, headers: &HeaderMap) -> bool {
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

    fn respond(&self, headers: &HeaderMap, head: bool) -> Response {
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
fn compressible(name: &str) -> bool {
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

/// True for Trunk's content-hashed file names, e.g. `app-1f2e3d4c5b6a7988_bg.wasm`.
pub fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    file.split(['-', '_', '.'])
        .any(|part| (12..=16).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// True under `/pkg/<16 hex digits>/`: where a build puts every generated file (JS glue, main
/// wasm, split chunks and their loader, CSS), so a path names one build's file forever.
pub fn is_build_asset(path: &str) -> bool {
    path.strip_prefix("/pkg/")
        .and_then(|rest| rest.split_once('/'))
        .is_some_and(|(hash, file)| {
            hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()) && !file.is_empty()
        })
}

/// Paths that name a file rather than a page: under the asset prefixes, or ending in a
/// `.ext` (1–12 ASCII letters or digits). Pages whose last segment is user text (`/topic/…`)
/// are pages whatever they end with.
pub fn is_file_path(path: &str) -> bool {
    if path.starts_with("/pkg/") || path.starts_with("/img/") {
        return true;
    }
    if path.starts_with("/topic/") || path.starts_with("/search/") {
        return false;
    }
    let last = path.rsplit('/').next().unwrap_or("");
    match last.rsplit_once('.') {
        Some((stem, ext)) => {
            !stem.is_empty()
                && (1..=12).contains(&ext.len())
                && ext.bytes().all(|b| b.is_ascii_alphanumeric())
        }
        None => false,
    }
}

/// `%XX`-decodes a request path; `None` if the result is not UTF-8 (no file has such a name).
fn decode_path(path: &str) -> Option<std::borrow::Cow<'_, str>> {
    if !path.contains('%') {
        return Some(std::borrow::Cow::Borrowed(path));
    }
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).ok().map(std::borrow::Cow::Owned)
}

/// Reads every file under `dir` (recursively) into `files`, keyed by URL path.
fn read_tree(dir: &Path, prefix: &str, files: &mut HashMap<String, Vec<u8>>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            tracing::warn!("app shell: cannot read {}: {e}", dir.display());
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(name) = path
            .file_name()
            .and_then(|n| n.to_str())
            .map(str::to_string)
        else {
            tracing::warn!("app shell: skipping non-UTF-8 name {}", path.display());
            continue;
        };
        let url = format!("{prefix}/{name}");
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            read_tree(&path, &url, files);
        } else if meta.len() > MAX_FILE_BYTES {
            tracing::warn!("app shell: {} is too large to serve", path.display());
        } else {
            match std::fs::read(&path) {
                Ok(data) => {
                    files.insert(url, data);
                }
                Err(e) => tracing::warn!("app shell: cannot read {}: {e}", path.display()),
            }
        }
    }
}

/// Brotli quality for copies made at start when the build wrote none (big files get a
/// faster setting so a start never stalls).
fn startup_brotli_quality(len: usize) -> i32 {
    if len <= 256 * 1024 {
        11
    } else {
        9
    }
}

/// The files of a dist directory as entities, keyed by URL path.
fn load_files(dist: &Path) -> HashMap<String, Arc<Entity>> {
    let mut raw = HashMap::new();
    read_tree(dist, "", &mut raw);
    let mut files = HashMap::new();
    for (url, data) in &raw {
        // A `.br`/`.gz` beside its original is one of that file's encodings, not a file.
        let sibling_of = url
            .strip_suffix(".br")
            .or_else(|| url.strip_suffix(".gz"))
            .filter(|base| raw.contains_key(*base));
        if sibling_of.is_some() {
            continue;
        }
        let mut br = raw
            .get(&format!("{url}.br"))
            .map(|b| Bytes::from(b.clone()));
        let mut gz = raw
            .get(&format!("{url}.gz"))
            .map(|b| Bytes::from(b.clone()));
        if compressible(url) && data.len() >= 256 {
            if br.is_none() {
                br = Some(Bytes::from(brotli(
                    data,
                    startup_brotli_quality(data.len()),
                )));
            }
            if gz.is_none() {
                gz = Some(Bytes::from(gzip(data, 9)));
            }
        }
        let cache = if is_build_asset(url) || is_hashed_asset(url) {
            IMMUTABLE
        } else {
            NO_CACHE
        };
        let entity = Entity::new(
            HeaderValue::from_static(content_type(url)),
            cache,
            Bytes::from(data.clone()),
            br,
            gz,
            false,
        );
        files.insert(url.clone(), Arc::new(entity));
    }
    files
}

/// A document built for anonymous readers, shared for [`DOC_FRESH`] (see [`DocCache`]).
struct Built {
    at: Instant,
    generation: u64,
    doc: Arc<Entity>,
}

#[derive(Default)]
struct Slot {
    ready: Option<Built>,
    /// The build in progress: everyone without a usable document waits on this one.
    pending: Option<Arc<OnceCell<Arc<Entity>>>>,
}

/// Anonymous documents by their boot paths: one build at a time per key, its three encodings
/// compressed once; an entry older than [`DOC_FRESH`] is rebuilt by one request while others
/// keep getting it up to [`DOC_MAX_AGE`]; a write that clears the feed cache (a new
/// generation) retires every entry at once.
struct DocCache {
    slots: Mutex<HashMap<String, Slot>>,
}

enum Lookup {
    Ready(Arc<Entity>),
    Wait {
        cell: Arc<OnceCell<Arc<Entity>>>,
        stale: Option<Arc<Entity>>,
        start: bool,
    },
}

impl DocCache {
    fn lookup(&self, key: &str, generation: u64) -> Option<Lookup> {
        let mut slots = self.slots.lock().ok()?;
        if slots.len() >= DOC_CACHE_CAPACITY && !slots.contains_key(key) {
            slots.retain(|_, s| {
                s.pending.is_some()
                    || s.ready
                        .as_ref()
                        .is_some_and(|r| r.at.elapsed() < DOC_MAX_AGE)
            });
            if slots.len() >= DOC_CACHE_CAPACITY {
                slots.clear();
            }
        }
        if !slots.contains_key(key) {
            slots.insert(key.to_string(), Slot::default());
        }
        let slot = slots.get_mut(key)?;
        let usable = slot.ready.as_ref().filter(|r| r.generation == generation);
        if let Some(r) = usable {
            if r.at.elapsed() < DOC_FRESH {
                return Some(Lookup::Ready(Arc::clone(&r.doc)));
            }
        }
        let stale = usable
            .filter(|r| r.at.elapsed() < DOC_MAX_AGE)
            .map(|r| Arc::clone(&r.doc));
        let (cell, start) = match &slot.pending {
            Some(cell) => (Arc::clone(cell), false),
            None => {
                let cell = Arc::new(OnceCell::new());
                slot.pending = Some(Arc::clone(&cell));
                (cell, true)
            }
        };
        Some(Lookup::Wait { cell, stale, start })
    }

    fn finish(&self, key: &str, cell: &Arc<OnceCell<Arc<Entity>>>, built: Built) {
        let Ok(mut slots) = self.slots.lock() else {
            return;
        };
        if let Some(slot) = slots.get_mut(key) {
            if slot.pending.as_ref().is_some_and(|p| Arc::ptr_eq(p, cell)) {
                slot.pending = None;
                slot.ready = Some(built);
            }
        }
    }
}

struct Inner {
    files: HashMap<String, Arc<Entity>>,
    /// `index.html` as it is, for pages without boot data.
    base: Option<Arc<Entity>>,
    template: Option<boot::Template>,
    /// The JSON API, called in-process for boot data.
    api: Router,
    feed_cache: Arc<MicroCache>,
    docs: DocCache,
}

/// The loaded shell.
pub struct Shell {
    /// One fallback handler: mount it after every other route.
    pub router: Router,
    /// The built `index.html` every document is made from (its inline scripts are what the
    /// Content-Security-Policy hashes), if the app is built.
    pub index_html: Option<Bytes>,
}

/// Reads the built app from `dist` and makes its router.
pub fn router(dist: &Path, api: Router, feed_cache: Arc<MicroCache>) -> Shell {
    let started = Instant::now();
    let files = load_files(dist);
    let index = files.get("/index.html");
    let base = index.map(|file| {
        Arc::new(Entity::document(
            file.identity.body.clone(),
            file.br.as_ref().map(|v| v.body.clone()),
            file.gzip.as_ref().map(|v| v.body.clone()),
        ))
    });
    let template = index.map(|file| boot::Template::new(&file.identity.body));
    let index_html = index.map(|file| file.identity.body.clone());
    if index.is_none() {
        tracing::warn!(
            "app shell: no index.html in {}: pages answer 404 until the app is built",
            dist.display()
        );
    }
    tracing::info!(
        "app shell: {} files from {} in memory ({:.0} ms)",
        files.len(),
        dist.display(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    let inner = Arc::new(Inner {
        files,
        base,
        template,
        api,
        feed_cache,
        docs: DocCache {
            slots: Mutex::new(HashMap::new()),
        },
    });
    Shell {
        router: Router::new().fallback(serve).with_state(inner),
        index_html,
    }
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, NO_CACHE),
        ],
        text,
    )
        .into_response()
}

async fn serve(State(shell): State<Arc<Inner>>, req: Request) -> Response {
    let head = req.method() == Method::HEAD;
    if !head && req.method() != Method::GET {
        let mut res = plain(StatusCode::METHOD_NOT_ALLOWED, "Method not allowed");
        res.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return res;
    }
    let path = req.uri().path();
    if let Some(file) = decode_path(path).and_then(|p| shell.files.get(p.as_ref())) {
        return file.respond(req.headers(), head);
    }
    if path == "/api" || path.starts_with("/api/") {
        return crate::error::api_not_found().await.into_response();
    }
    if is_file_path(path) {
        return plain(StatusCode::NOT_FOUND, "Not found");
    }
    shell.document(req, head).await
}

impl Inner {
    async fn document(self: &Arc<Self>, req: Request, head: bool) -> Response {
        let (Some(base), Some(template)) = (&self.base, &self.template) else {
            return plain(StatusCode::NOT_FOUND, "The web app is not built");
        };
        let plan = boot_plan(req.uri().path(), req.uri().query().unwrap_or(""));
        if plan.is_empty() {
            return base.respond(req.headers(), head);
        }
        if !plan.is_public() && crate::auth::session_token(req.headers()).is_some() {
            // Someone's own data: built for this request only, never shared.
            let ctx = boot::RequestContext::from_request(&req, true);
            let html = boot::build(template, &plan, &self.api, &ctx).await;
            let accepts = accepts(req.headers());
            // Only the encoding this reader takes, at a quick setting.
            let (br, gz) = if accepts.br {
                (Some(Bytes::from(brotli(&html, 5))), None)
            } else if accepts.gzip {
                (None, Some(Bytes::from(gzip(&html, 6))))
            } else {
                (None, None)
            };
            return Entity::document(Bytes::from(html), br, gz).respond(req.headers(), head);
        }
        let ctx = boot::RequestContext::from_request(&req, false);
        let doc = self.shared_document(&plan, ctx, template).await;
        match doc {
            Some(doc) => doc.respond(req.headers(), head),
            None => base.respond(req.headers(), head),
        }
    }

    /// The shared document for `plan` (anonymous answers only), from the cache or built once
    /// for everyone waiting.
    async fn shared_document(
        self: &Arc<Self>,
        plan: &BootPlan,
        ctx: boot::RequestContext,
        template: &boot::Template,
    ) -> Option<Arc<Entity>> {
        let generation = self.feed_cache.generation();
        let mut key = plan.key();
        if ctx.signed_in {
            // The same answers, with signed-in page chrome (the first paint's header).
            key.push_str("signed-in\n");
        }
        let (cell, stale, start) = match self.docs.lookup(&key, generation)? {
            Lookup::Ready(doc) => return Some(doc),
            Lookup::Wait { cell, stale, start } => (cell, stale, start),
        };
        // Whoever runs the build (the task below, or a reader that got there first) files it.
        let build = {
            let (shell, plan, template, cell) = (
                Arc::clone(self),
                plan.clone(),
                template.clone(),
                Arc::clone(&cell),
            );
            move || async move {
                let at = Instant::now();
                let html = Bytes::from(boot::build(&template, &plan, &shell.api, &ctx).await);
                let copy = html.clone();
                // Compressed once per fill, off the request threads.
                let (br, gz) = tokio::task::spawn_blocking(move || {
                    (brotli(&copy, DOC_BROTLI_QUALITY), gzip(&copy, 9))
                })
                .await
                .map_or((None, None), |(br, gz)| (Some(br.into()), Some(gz.into())));
                let doc = Arc::new(Entity::document(html, br, gz));
                let built = Built {
                    at,
                    generation,
                    doc: Arc::clone(&doc),
                };
                shell.docs.finish(&key, &cell, built);
                doc
            }
        };
        if start {
            // The build runs on its own task: a reader who hangs up does not cancel it.
            let (cell, build) = (Arc::clone(&cell), build.clone());
            tokio::spawn(async move {
                cell.get_or_init(build).await;
            });
        }
        if let Some(stale) = stale {
            return Some(stale);
        }
        Some(Arc::clone(cell.get_or_init(build).await))
    }
}

/// Brotli quality for documents compressed once per cache fill (~1 ms for a feed document).
const DOC_BROTLI_QUALITY: i32 = 9;

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (name, value) in pairs {
            h.append(*name, HeaderValue::from_static(value));
        }
        h
    }

    fn ae(value: &'static str) -> Accepts {
        accepts(&headers(&[("accept-encoding", value)]))
    }

    #[test]
    fn negotiates_encodings_and_honours_q_zero() {
        assert_eq!(
            ae("gzip, deflate, br, zstd"),
            Accepts {
                br: true,
                gzip: true
            }
        );
        assert_eq!(
            ae("gzip"),
            Accepts {
                br: false,
                gzip: true
            }
        );
        assert_eq!(
            ae("br;q=0, gzip;q=0.5"),
            Accepts {
                br: false,
                gzip: true
            }
        );
        assert_eq!(
            ae("br;q=0.000, gzip;q=0"),
            Accepts {
                br: false,
                gzip: false
            }
        );
        assert_eq!(
            ae("*"),
            Accepts {
                br: true,
                gzip: true
            }
        );
        assert_eq!(
            ae("*;q=0, gzip"),
            Accepts {
                br: false,
                gzip: true
            }
        );
        assert_eq!(
            ae("identity"),
            Accepts {
                br: false,
                gzip: false
            }
        );
        assert_eq!(
            ae("BR ; Q=1"),
            Accepts {
                br: true,
                gzip: false
            }
        );
        assert_eq!(
            accepts(&HeaderMap::new()),
            Accepts {
                br: false,
                gzip: false
            }
        );
    }

    #[test]
    fn recognises_trunk_and_build_hashes() {
        assert!(is_hashed_asset("/zhongcao-web-1f2e3d4c5b6a7988_bg.wasm"));
        assert!(is_hashed_asset("/zhongcao-web-1f2e3d4c5b6a7988.js"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/stylers.css"));
        assert!(is_build_asset("/pkg/0123456789abcdef/chunk_3.wasm"));
        assert!(is_build_asset("/pkg/0123456789ABCDEF/snippets/a/b.js"));
        assert!(!is_build_asset("/pkg/0123456789abcde/x.js"));
        assert!(!is_build_asset("/pkg/0123456789abcdef/"));
        assert!(!is_build_asset("/pkg/main.js"));
    }

    #[test]
    fn tells_files_from_pages() {
        for file in [
            "/foo.png",
            "/pkg/x",
            "/img/v9/a",
            "/a/b.webmanifest",
            "/robots.txt",
        ] {
            assert!(is_file_path(file), "{file}");
        }
        for page in [
            "/",
            "/explore",
            "/explore/12",
            "/topic/node.js",
            "/topic/3.8节",
            "/user/7",
            "/.hidden",
            "/end.",
            "/x.中文",
        ] {
            assert!(!is_file_path(page), "{page}");
        }
    }

    #[test]
    fn decodes_paths() {
        assert_eq!(decode_path("/a%20b.png").as_deref(), Some("/a b.png"));
        assert_eq!(decode_path("/%E4%B8%AD.txt").as_deref(), Some("/中.txt"));
        assert_eq!(decode_path("/100%").as_deref(), Some("/100%"));
        assert_eq!(decode_path("/%zz").as_deref(), Some("/%zz"));
        assert_eq!(decode_path("/%ff"), None);
    }

    #[test]
    fn etags_match_weakly_and_per_encoding() {
        let e = Entity::new(
            HeaderValue::from_static("text/plain"),
            NO_CACHE,
            Bytes::from(vec![b'a'; 1000]),
            Some(Bytes::from_static(b"br")),
            None,
            false,
        );
        let tag = e.identity.etag.to_str().unwrap_or_default().to_string();
        let br =
            e.br.as_ref()
                .map(|v| v.etag.to_str().unwrap_or_default().to_string());
        assert!(tag.starts_with('"') && tag.len() == 34);
        assert_eq!(br, Some(format!("{}-br\"", &tag[..33])));
        let mut h = HeaderMap::new();
        h.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_str(&format!("\"x\", W/{tag}"))
                .unwrap_or(HeaderValue::from_static("")),
        );
        assert!(e.not_modified(&h));
        h.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"nope\""));
        assert!(!e.not_modified(&h));
        h.insert(header::IF_NONE_MATCH, HeaderValue::from_static("*"));
        assert!(e.not_modified(&h));
    }

    #[test]
    fn types() {
        assert_eq!(content_type("/a/b.wasm"), "application/wasm");
        assert_eq!(content_type("/m.webmanifest"), "application/manifest+json");
        assert_eq!(content_type("/x.JS"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("/robots.txt"), "text/plain; charset=utf-8");
        assert_eq!(content_type("/noext"), "application/octet-stream");
    }
}
