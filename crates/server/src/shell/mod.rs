//! The app shell, served like a CDN from memory: every file of the built SPA (`dist/`) is
//! read at start with its precompressed `.br`/`.gz` siblings, a strong ETag and its type, and
//! answered with content negotiation (br > gzip > identity), `304 Not Modified` and long-lived
//! caching for content-hashed files. Paths that look like files but are not in the build are
//! 404s (a stale split chunk must fail, never turn into the document); every other path gets
//! the document (history fallback), into which `boot` puts the first page of data and image
//! preloads for the routes that have them.

mod boot;
mod dist;
mod doc_cache;
mod entity;
mod first_paint;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;

use crate::microcache::MicroCache;

pub use boot::{boot_plan, escape_json_for_script, BootPlan, BOOT_ELEMENT_ID};
pub use dist::{is_build_asset, is_file_path, is_hashed_asset};
pub use entity::{accepts, brotli, content_type, gzip, Accepts, Encoding, Entity};

use dist::{decode_path, load_files};
use doc_cache::{Built, DocCache, Lookup};
use entity::NO_CACHE;

/// A document assembled for anonymous readers is reused while younger than this.
pub const DOC_FRESH: Duration = Duration::from_millis(750);
/// An older one is still served while a single request rebuilds it, for up to this age (so
/// no served document was assembled more than a second ago, and a fill never stalls readers).
pub const DOC_MAX_AGE: Duration = Duration::from_secs(1);

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
    use axum::http::HeaderMap;

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
