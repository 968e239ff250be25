//! `zhongcao-server`: opens (and on first start seeds) the database, then serves the app.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Instant;

use clap::Parser;
use tracing_subscriber::EnvFilter;
use zhongcao_server::security::{Origin, Site};
#[cfg(feature = "demo")]
use zhongcao_server::seed;
use zhongcao_server::{app, db, AppState, CommerceConfig};

#[derive(Parser, Debug)]
#[command(version, about = "Zhongcao social-shopping server")]
struct Config {
    /// Port to listen on.
    #[arg(long, env = "PORT", default_value_t = 8080)]
    port: u16,
    /// Address to bind.
    #[arg(long, env = "HOST", default_value = "127.0.0.1")]
    host: std::net::IpAddr,
    /// Directory for the SQLite database and the image cache.
    #[arg(long, env = "DATA_DIR", default_value = "data")]
    data_dir: PathBuf,
    /// Where uploaded pictures and rendered images are kept: unset for files under
    /// `DATA_DIR/images`, or `s3://bucket` for an S3-compatible store (endpoint and keys from
    /// `AWS_ENDPOINT`, `AWS_REGION`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`;
    /// `AWS_ALLOW_HTTP=true` for a server without TLS).
    #[arg(long, env = "MEDIA_STORE")]
    media_store: Option<String>,
    /// The built single-page app (`cargo xtask build`'s output).
    #[arg(long, env = "DIST_DIR", default_value = "dist")]
    dist_dir: PathBuf,
    /// Notes to generate when seeding an empty database.
    #[cfg(feature = "demo")]
    #[arg(long, env = "SEED_NOTES", default_value_t = seed::DEFAULT_NOTES)]
    seed_notes: usize,
    /// Users to generate when seeding an empty database.
    #[cfg(feature = "demo")]
    #[arg(long, env = "SEED_USERS", default_value_t = seed::DEFAULT_USERS)]
    seed_users: usize,
    /// The creator's share of a brand's commission, in basis points (5000 = half).
    #[arg(long, env = "CREATOR_SHARE_BP", default_value_t = CommerceConfig::default().creator_share_bp,
          value_parser = clap::value_parser!(i64).range(0..=10_000))]
    creator_share_bp: i64,
    /// Seconds per step of the simulated carrier (delivery takes 5 steps, 8 cross-border).
    #[arg(long, env = "CARRIER_STEP_SECS", default_value_t = CommerceConfig::default().carrier_step_secs,
          value_parser = clap::value_parser!(i64).range(1..=86_400))]
    carrier_step_secs: i64,
    /// The origin browsers reach the site at, e.g. `https://zhongcao.example` behind a TLS
    /// proxy. An https origin makes the session cookie `Secure` and turns HSTS on, and the
    /// CSRF check then accepts exactly this origin. Unset: plain http at the request's host
    /// (no client-sent header such as `X-Forwarded-Proto` is ever trusted for this).
    #[arg(long, env = "PUBLIC_ORIGIN")]
    public_origin: Option<Origin>,
    /// Take the client's address from the last `X-Forwarded-For` hop instead of the socket
    /// peer. Only behind a reverse proxy that appends it: otherwise anyone could pick the
    /// address their rate limits are counted under.
    #[arg(long, env = "TRUST_PROXY", value_parser = clap::builder::BoolishValueParser::new())]
    trust_proxy: bool,
    /// Multiplies every rate limit (sign-in failures, sign-ups, searches, publishing,
    /// uploads). 1 in production; load tests that send everything from one address raise it.
    #[arg(long, env = "RATE_LIMIT_FACTOR", default_value_t = 1,
          value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    rate_limit_factor: u32,
    /// The `ffmpeg` program (videos: transcoding, demo clips). Without it (and `ffprobe`) the
    /// server runs, and the video endpoints answer 503.
    #[arg(long, env = "FFMPEG", default_value = "ffmpeg")]
    ffmpeg: PathBuf,
    /// The `ffprobe` program (videos: checking uploads).
    #[arg(long, env = "FFPROBE", default_value = "ffprobe")]
    ffprobe: PathBuf,
    /// Seconds a live room waits for a host who left (closed the stream, or sends no media)
    /// before it ends as if they had pressed End.
    #[arg(long, env = "LIVE_HOST_GRACE_SECS", default_value_t = zhongcao_server::live::ending::HOST_GRACE.as_secs())]
    live_host_grace_secs: u64,
    /// Generated chat and likes in the demo live rooms while somebody watches them (shown as
    /// demo). `false` for tests and benchmarks that need quiet rooms.
    #[cfg(feature = "demo")]
    #[arg(long, env = "LIVE_DEMO_ACTIVITY", default_value_t = true, action = clap::ArgAction::Set,
          value_parser = clap::builder::BoolishValueParser::new())]
    live_demo_activity: bool,
    /// Instead of serving: seed a throwaway demo world under `DATA_DIR/recs-eval`, print the
    /// For-you offline evaluation (`cargo xtask bench --recs`) and exit.
    #[cfg(feature = "demo")]
    #[arg(long)]
    eval_recs: bool,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .init();
    let config = Config::parse();
    let started = Instant::now();
    #[cfg(feature = "demo")]
    if config.eval_recs {
        return eval_recs(&config).await;
    }

    let db_path = config.data_dir.join("zhongcao.sqlite3");
    println!("[1/4] Opening database {} (migrations)", db_path.display());
    let pool = db::connect(&db_path).await?;

    println!("[2/4] Checking demo data");
    #[cfg(feature = "demo")]
    {
        let world = seed::WorldSize {
            users: config.seed_users,
            notes: config.seed_notes,
        };
        seed::seed_if_empty(&pool, world, |p| println!("      {p}")).await?;
    }
    #[cfg(not(feature = "demo"))]
    println!("      none: built without the `demo` feature");

    println!("[3/4] Search index");
    let state = AppState::new(pool, &config.data_dir, |p| println!("      {p}"))
        .await
        .map_err(|e| e.to_string())?
        .with_commerce(CommerceConfig {
            creator_share_bp: config.creator_share_bp,
            carrier_step_secs: config.carrier_step_secs,
        })
        .with_site(Site::new(config.public_origin));
    let state = match config.media_store.as_deref() {
        Some(url) => {
            println!("      media store: {url}");
            state.with_media_store(zhongcao_server::storage::Storage::s3(url)?)
        }
        None => state,
    };
    state.start_media_sweeper();
    if config.trust_proxy {
        println!("      client addresses: the last X-Forwarded-For hop (TRUST_PROXY)");
    }
    let tools = zhongcao_server::video::Tools::find(config.ffmpeg.clone(), config.ffprobe.clone());
    if tools.is_none() {
        println!("      ffmpeg/ffprobe not found: video uploads and demo videos are off");
    }
    let state = state
        .with_trusted_proxy(config.trust_proxy)
        .with_limit_factor(config.rate_limit_factor)
        .with_live_host_grace(std::time::Duration::from_secs(config.live_host_grace_secs))
        .with_videos(zhongcao_server::video::Videos::new(tools));
    state.start_video_worker().await?;
    #[cfg(feature = "demo")]
    if config.live_demo_activity {
        zhongcao_server::live::demo::start(state.clone(), std::time::Duration::from_secs(3));
    } else {
        println!("      demo live rooms: quiet (LIVE_DEMO_ACTIVITY=false)");
    }
    let demos = state.start_live_demos().await?;
    if demos > 0 {
        println!("      {demos} demo live rooms on air");
    }
    let waiting = state.watch_live_hosts().await?;
    if waiting > 0 {
        println!(
            "      {waiting} live rooms wait {}s for their hosts, then end",
            config.live_host_grace_secs
        );
    }
    let addr = SocketAddr::new(config.host, config.port);
    let listener = tokio::net::TcpListener::bind(addr).await?;
    println!(
        "[4/4] Ready in {:.1}s: http://{}",
        started.elapsed().as_secs_f64(),
        listener.local_addr()?
    );
    // Peer addresses tell clients apart (rate limits, once-per-person counts).
    let service = app(state, config.dist_dir).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}

/// `--eval-recs`: the evaluation deletes held-out likes, so it gets its own fresh database.
#[cfg(feature = "demo")]
async fn eval_recs(config: &Config) -> Result<(), Box<dyn std::error::Error>> {
    let dir = config.data_dir.join("recs-eval");
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&dir)?;
    let pool = db::connect(&dir.join("zhongcao.sqlite3")).await?;
    let world = seed::WorldSize {
        users: config.seed_users,
        notes: config.seed_notes,
    };
    seed::seed_if_empty(&pool, world, |p| println!("      {p}")).await?;
    let report = zhongcao_server::recs::eval::evaluate(
        &pool,
        zhongcao_server::now_unix(),
        &zhongcao_server::recs::Config::default(),
    )
    .await
    .map_err(|e| e.to_string())?;
    print!("{}", report.table());
    pool.close().await;
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
