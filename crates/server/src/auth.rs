//! Accounts plumbing: argon2id passwords, server-side sessions behind an HttpOnly cookie,
//! the `Viewer` / `SignedIn` extractors and the CSRF origin check. (Sign-in failures are
//! limited by `ratelimit`.)

use std::sync::Arc;

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::security::Site;
use crate::{now_unix, AppState};

pub const SESSION_COOKIE: &str = "zc_session";
/// Sessions last 30 days.
pub const SESSION_SECONDS: i64 = 30 * 86_400;
/// The password every seeded demo account signs in with (documented in the README).
#[cfg(feature = "demo")]
pub const DEMO_PASSWORD: &str = "zhongcao-demo";

/// Hashes a password with argon2id and a fresh random salt (CPU-heavy: runs off the runtime).
pub async fn hash_password(password: String) -> AppResult<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(format!("hashing failed: {e}")))
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
}

/// Checks `password` against a stored PHC string. A missing hash never matches.
pub async fn verify_password(password: String, stored: Option<String>) -> AppResult<bool> {
    tokio::task::spawn_blocking(move || {
        // Verify against a dummy hash when the account does not exist, so timing does not
        // tell which usernames exist.
        let stored = stored.unwrap_or_else(|| DUMMY_HASH.to_string());
        let parsed = PasswordHash::new(&stored)
            .map_err(|e| AppError::Internal(format!("bad stored hash: {e}")))?;
        Ok(Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
}

/// argon2id hash of a random string nobody knows; see `verify_password`.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Qv3fDqKfr3KC4BAgW6YhN9e6Vx+Yq2yFZ2VfJt9OHf4";

/// Gives every account without a password the demo password (seeded users), once. Run by
/// seeding, so a server built without the demo world never does.
#[cfg(feature = "demo")]
pub async fn ensure_demo_passwords(db: &Db) -> AppResult<u64> {
    let missing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE password_hash IS NULL")
        .fetch_one(db)
        .await?;
    if missing == 0 {
        return Ok(0);
    }
    // One hash shared by the demo accounts: hashing 320 passwords would cost seconds at start.
    let hash = hash_password(DEMO_PASSWORD.to_string()).await?;
    let done = sqlx::query("UPDATE users SET password_hash = $1 WHERE password_hash IS NULL")
        .bind(hash)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}

pub fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest)
}

/// Starts a session for `user_id`; returns the `Set-Cookie` value.
pub async fn start_session(db: &Db, user_id: i64, secure: bool) -> AppResult<HeaderValue> {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let now = now_unix();
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash(&token))
    .bind(user_id)
    .bind(now)
    .bind(now + SESSION_SECONDS)
    .execute(db)
    .await?;
    cookie(&token, SESSION_SECONDS, secure)
}

/// A `Set-Cookie` value that removes the session cookie.
pub fn clear_cookie(secure: bool) -> AppResult<HeaderValue> {
    cookie("", 0, secure)
}

fn cookie(token: &str, max_age: i64, secure: bool) -> AppResult<HeaderValue> {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={token}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}"
    ))
    .map_err(|e| AppError::Internal(e.to_string()))
}

/// The session token from the `Cookie` header, if any.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.to_string())
        .filter(|v| !v.is_empty())
}

/// The user a session token belongs to, if the session exists and has not expired.
async fn session_user(db: &Db, token: &str) -> AppResult<Option<i64>> {
    Ok(
        sqlx::query_scalar(
            "SELECT user_id FROM sessions WHERE token_hash = $1 AND expires_at > $2",
        )
        .bind(token_hash(token))
        .bind(now_unix())
        .fetch_optional(db)
        .await?,
    )
}

/// Who the session cookie in `headers` belongs to, if anyone: for handlers that need to know
/// the reader only in some cases (the `Viewer` extractor always looks).
pub async fn viewer_of(db: &Db, headers: &HeaderMap) -> AppResult<Option<i64>> {
    match session_token(headers) {
        Some(token) => session_user(db, &token).await,
        None => Ok(None),
    }
}

/// Ends the session behind `headers`' cookie (if any).
pub async fn end_session(db: &Db, headers: &HeaderMap) -> AppResult<()> {
    if let Some(token) = session_token(headers) {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash(&token))
            .execute(db)
            .await?;
    }
    Ok(())
}

/// The reader, signed in or not. Never rejects.
#[derive(Clone, Copy, Debug)]
pub struct Viewer(pub Option<i64>);

impl FromRequestParts<AppState> for Viewer {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> AppResult<Self> {
        match session_token(&parts.headers) {
            Some(token) => Ok(Viewer(session_user(&state.db, &token).await?)),
            None => Ok(Viewer(None)),
        }
    }
}

/// A signed-in user; 401 otherwise.
#[derive(Clone, Copy, Debug)]
pub struct SignedIn(pub i64);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> AppResult<Self> {
        match Viewer::from_request_parts(parts, state).await? {
            Viewer(Some(id)) => Ok(SignedIn(id)),
            Viewer(None) => Err(AppError::sign_in_first("Please sign in to do that.")),
        }
    }
}

/// CSRF defence for every state-changing API request: the browser-set `Origin` must be this
/// site's exact origin (scheme, host and port: see [`Site::is_own_origin`]), or, without an
/// `Origin`, `Sec-Fetch-Site` must say `same-origin`. Cookies are also SameSite=Lax, so this
/// is the second lock.
pub async fn csrf_guard(State(site): State<Arc<Site>>, req: Request, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || same_origin(&site, &req) {
        next.run(req).await
    } else {
        AppError::forbidden(
            api_types::ErrorCode::CrossSiteRequest,
            "Cross-site request refused: the Origin header must match this site.",
        )
        .into_response()
    }
}

fn same_origin(site: &Site, req: &Request) -> bool {
    is_same_site(site, req.headers(), req.uri())
}

/// Whether a request comes from this site, as the CSRF guard decides it: `Origin` exactly
/// this site's origin, or without one `Sec-Fetch-Site: same-origin`. Also checked by
/// handlers the guard does not cover, such as WebSocket upgrades (GETs).
pub fn is_same_site(site: &Site, headers: &HeaderMap, uri: &axum::http::Uri) -> bool {
    // HTTP/2 requests name their host in `:authority` (the URI), HTTP/1.1 in `Host`.
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .or_else(|| uri.authority().map(|a| a.as_str()));
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        Some(origin) => site.is_own_origin(origin, host),
        None => headers
            .get("sec-fetch-site")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v == "same-origin"),
    }
}
