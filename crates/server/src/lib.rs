//! Zhongcao server: the JSON API under `/api/v1`, generated images under `/img`, and the built
//! single-page app (with history fallback) for every other path.

pub mod api;
pub mod auth;
pub mod carrier;
pub mod client;
pub mod cursor;
pub mod db;
pub mod error;
pub mod extract;
pub mod guest;
pub mod imagegen;
pub mod images;
pub mod live;
pub mod live_media;
pub mod mentions;
pub mod microcache;
pub mod notify;
pub mod ratelimit;
pub mod recs;
pub mod search;
pub mod security;
#[cfg(feature = "demo")]
pub mod seed;
pub mod shell;
pub mod storage;
pub mod text;
pub mod video;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::middleware;
use axum::routing::get;
use axum::{Json, Router};
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

use crate::client::Clients;
pub use crate::db::Db;
use crate::images::ImageStore;
use crate::microcache::MicroCache;
use crate::ratelimit::Limiter;
use crate::search::suggest::Suggester;
use crate::search::topics::TopicCounts;
use crate::search::SearchIndex;
use crate::security::{Csp, Site};

/// How stale a feed page may be: a second keeps hot pages cheap and counts fresh.
pub const FEED_CACHE_TTL: std::time::Duration = std::time::Duration::from_secs(1);

/// Knobs of the shop's money and logistics, set from the command line or the environment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CommerceConfig {
    /// The creator's share of the brand's commission, in basis points (5000 = half: a brand
    /// paying 10% gives the note's author 5% of the line).
    pub creator_share_bp: i64,
    /// Seconds per step of the simulated carrier (packed after one step, delivered after five
    /// or, cross-border, eight). Short in demos and tests, so orders visibly move.
    pub carrier_step_secs: i64,
}

impl Default for CommerceConfig {
    fn default() -> Self {
        CommerceConfig {
            creator_share_bp: 5_000,
            carrier_step_secs: 60,
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub images: Arc<ImageStore>,
    pub search: Arc<SearchIndex>,
    pub suggester: Arc<Suggester>,
    /// Feed pages, reused for up to a second (see `microcache`).
    pub feed_cache: Arc<MicroCache>,
    /// Every rate limit (sign-in failures, sign-ups, searches, publishing, uploads): see
    /// `ratelimit`'s policies.
    pub limits: Arc<Limiter>,
    /// How clients are told apart (peer address, or a trusted proxy's `X-Forwarded-For`).
    pub clients: Arc<Clients>,
    /// Topics and how many visible notes use each, for the editor's `#` suggestions.
    pub topics: Arc<TopicCounts>,
    /// The channels and topics each creator posts in, for user search.
    pub creators: Arc<search::creators::CreatorTerms>,
    /// Each signed-in person's ranked For-you list, for a minute (see `recs::cache`).
    pub recs: Arc<recs::cache::RankCache>,
    /// Commission share and carrier pace (defaults unless `with_commerce` says otherwise).
    pub commerce: CommerceConfig,
    /// The configured public origin: https or not, and the `Origin` writes must come from.
    pub site: Arc<Site>,
    /// FFmpeg, the upload limit and the transcoding worker's wake-up (see `video`).
    pub videos: Arc<video::Videos>,
    /// Live rooms being watched: their event channels, viewers and likes (see `live`).
    pub live: Arc<live::LiveHub>,
    /// Live rooms' streams: ingest, viewers, demo loops, replays (see `live_media`).
    pub live_media: Arc<live_media::LiveMedia>,
    /// How long a room waits for a host who left (no ingest, no media) before it ends.
    pub live_host_grace: std::time::Duration,
}

impl AppState {
    /// After a note's visible content changed (published, edited, deleted, hidden): search,
    /// the feed cache and topic counts follow. Failures are logged, not returned: the note
    /// itself is saved, and the search index is rebuilt at the next start when out of step.
    pub async fn after_note_change(&self, note: i64, topics: &[String]) {
        if let Err(e) = self.search.index_note(&self.db, note).await {
            tracing::warn!(error = %e, "could not index note {note}");
        }
        self.feed_cache.clear();
        if let Err(e) = self.topics.refresh(&self.db, topics).await {
            tracing::warn!(error = %e, "could not re-count topics");
        }
        if let Err(e) = crate::recs::dupes::refresh(&self.db, note).await {
            tracing::warn!(error = %e, "could not compare note {note} with near-duplicates");
        }
        let author: Result<Option<i64>, sqlx::Error> =
            sqlx::query_scalar("SELECT author_id FROM notes WHERE id = $1")
                .bind(note)
                .fetch_optional(&self.db)
                .await;
        let refreshed = match author {
            Ok(Some(author)) => self.creators.refresh(&self.db, author).await,
            // Deleted: whose it was is gone with it.
            Ok(None) => self.creators.reload(&self.db).await,
            Err(e) => Err(e),
        };
        if let Err(e) = refreshed {
            tracing::warn!(error = %e, "could not refresh what creators post about");
        }
    }

    /// Prepares the image cache and opens (or builds) the search index under `data_dir`.
    pub async fn new(
        db: Db,
        data_dir: &Path,
        progress: impl FnMut(String),
    ) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        let media_dir = data_dir.join("images");
        let objects = storage::Storage::local(&media_dir)?;
        let images = Arc::new(ImageStore::new(media_dir, objects));
        let search = SearchIndex::open_or_build(data_dir.join("search"), &db, progress).await?;
        let suggester = Arc::new(Suggester::load(&db).await?);
        let topics = Arc::new(TopicCounts::load(&db).await?);
        let creators = Arc::new(search::creators::CreatorTerms::load(&db).await?);
        recs::dupes::backfill(&db).await?;
        let clients = Arc::new(Clients::load(&db).await?);
        Ok(AppState {
            limits: Arc::new(Limiter::new(db.clone(), 1)),
            clients,
            db,
            search: Arc::new(search),
            suggester,
            feed_cache: Arc::new(MicroCache::new(FEED_CACHE_TTL, 1_024)),
            topics,
            creators,
            recs: Arc::new(recs::cache::RankCache::default()),
            commerce: CommerceConfig::default(),
            site: Arc::new(Site::default()),
            videos: Arc::new(video::Videos::new(video::Tools::from_path())),
            live: Arc::new(live::LiveHub::default()),
            live_media: Arc::new(live_media::LiveMedia::new(
                images.live_dir(),
                video::Tools::from_path(),
            )),
            live_host_grace: live::ending::HOST_GRACE,
            images,
        })
    }

    /// The same state with pictures kept in another media store (an S3 bucket).
    pub fn with_media_store(mut self, objects: storage::Storage) -> Self {
        self.images = Arc::new(self.images.with_objects(objects));
        self
    }

    /// Deletes orphaned media objects now and every hour (see `storage`).
    pub fn start_media_sweeper(&self) {
        storage::start_sweeper(self.db.clone(), self.images.objects.clone());
    }

    /// The same state with other video settings (FFmpeg's paths, the upload limit).
    pub fn with_videos(mut self, videos: video::Videos) -> Self {
        // Live media runs the same FFmpeg (set before any room streams).
        self.live_media = Arc::new(live_media::LiveMedia::new(
            self.images.live_dir(),
            videos.tools().ok().cloned(),
        ));
        self.videos = Arc::new(videos);
        self
    }

    /// Starts playing every live demo room (`live_media::demo`); returns how many. Call once
    /// the state is configured.
    pub async fn start_live_demos(&self) -> Result<usize, sqlx::Error> {
        live_media::demo::start_all(self).await
    }

    /// The same state with another grace period for hosts who left (`live::ending`).
    pub fn with_live_host_grace(mut self, grace: std::time::Duration) -> Self {
        self.live_host_grace = grace;
        self
    }

    /// Waits for the hosts of the rooms a previous process left live, ending those who do not
    /// come back within the grace period (`live::ending`); returns how many. Call once the
    /// state is configured.
    pub async fn watch_live_hosts(&self) -> Result<usize, sqlx::Error> {
        live::ending::watch_live_hosts(self).await
    }

    /// Queues again the video jobs a stopped process left half-done, and starts the
    /// transcoding worker. Call once the state is configured.
    pub async fn start_video_worker(&self) -> Result<(), sqlx::Error> {
        video::jobs::start(self).await
    }

    /// The same state with every rate limit multiplied by `factor` (at least 1), for load
    /// tests that send everything from one address. The windows start empty.
    pub fn with_limit_factor(mut self, factor: u32) -> Self {
        self.limits = Arc::new(Limiter::new(self.db.clone(), factor));
        self
    }

    /// The same state trusting (or not) the last `X-Forwarded-For` hop as the client's address:
    /// only behind a reverse proxy that sets it.
    pub fn with_trusted_proxy(mut self, trust: bool) -> Self {
        let mut clients = (*self.clients).clone();
        clients.trust_proxy = trust;
        self.clients = Arc::new(clients);
        self
    }

    /// The same state with other commerce settings (the step is at least one second).
    pub fn with_commerce(mut self, commerce: CommerceConfig) -> Self {
        self.commerce = CommerceConfig {
            creator_share_bp: commerce.creator_share_bp.clamp(0, 10_000),
            carrier_step_secs: commerce.carrier_step_secs.max(1),
        };
        self
    }

    /// The same state served at `site` (plain http at the request's host unless told).
    pub fn with_site(mut self, site: Site) -> Self {
        self.site = Arc::new(site);
        self
    }
}

/// Seconds since the Unix epoch (0 if the clock is before it).
pub fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

// One copy of the date maths, shared with the client.
pub use api_types::{app_day, app_day_start, utc_date, APP_UTC_OFFSET};

/// The whole HTTP application: the API, images, and the app shell from `dist_dir` (read into
/// memory now) for every other path.
pub fn app(state: AppState, dist_dir: PathBuf) -> Router {
    let (api_router, openapi) = api::router().split_for_parts();
    let openapi = Arc::new(openapi);

    // Avatars (and later note pictures) are uploaded as raw bodies up to 5 MB.
    let api_router = api_router
        .layer(axum::extract::DefaultBodyLimit::max(
            api_types::AVATAR_MAX_BYTES + 64 * 1024,
        ))
        .layer(middleware::from_fn_with_state(
            Arc::clone(&state.site),
            auth::csrf_guard,
        ))
        .with_state(state.clone());

    // The shell calls the API in-process for the data it puts into documents.
    let shell = shell::router(&dist_dir, api_router.clone(), Arc::clone(&state.feed_cache));
    // The policy's script hashes come from the very document the shell serves.
    let csp = Csp::for_document(shell.index_html.as_deref().unwrap_or_default(), &state.site);
    let site = Arc::clone(&state.site);

    let router = Router::new()
        .merge(api_router)
        .route(
            "/api/openapi.json",
            get(move || {
                let doc = Arc::clone(&openapi);
                async move { Json(doc.as_ref().clone()) }
            }),
        )
        .route("/api", get(error::api_not_found))
        .route("/api/{*rest}", axum::routing::any(error::api_not_found))
        // Everything under /api above, the framework's own refusals (405, ...) included.
        .layer(middleware::from_fn(error::json_errors))
        .merge(images::router().with_state(state.clone()))
        // Only what is routed above is compressed on the fly: the shell, added after the
        // layer, sends its own precompressed copies, and videos (byte ranges) none.
        .layer(CompressionLayer::new())
        .merge(video::serve::router().with_state(state.clone()))
        .merge(live_media::serve::router().with_state(state))
        .fallback_service(shell.router);
    security::apply(router, &csp, &site).layer(TraceLayer::new_for_http())
}
