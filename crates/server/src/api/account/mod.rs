//! Sign up, sign in, sign out, the session; the signed-in user's own settings are in
//! [`settings`].

pub mod settings;

use api_types::{ErrorCode, ErrorParams};
use api_types::{
    FieldError, Me, Session, SignIn, SignUp, DISPLAY_NAME_MAX_CHARS, PASSWORD_CHARS, USERNAME_CHARS,
};
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::rows::user;
use crate::auth::{self, SignedIn, Viewer};
use crate::client::{self, Client};
use crate::db::{write_tx, Db};
use crate::error::{AppError, AppResult};
use crate::extract::ApiJson;
use crate::guest::MaybeGuest;
use crate::images::{self, AVATAR_THEME};
use crate::ratelimit::{SIGN_IN_CLIENT, SIGN_IN_PAIR, SIGN_UP};
use crate::{now_unix, AppState};

/// The signed-in user's account, as `Me`.
pub async fn load_me(db: &Db, id: i64) -> AppResult<Me> {
    type Row = (
        i64,
        String,
        String,
        String,
        String,
        Option<String>,
        bool,
        bool,
    );
    let row: Row = sqlx::query_as(
        "SELECT u.id, u.username, u.display_name, a.image_key, u.bio, u.email, \
         u.collections_public, u.likes_public \
         FROM users u JOIN images a ON a.id = u.avatar_image_id WHERE u.id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await?
    .ok_or_else(|| {
        AppError::refuse(
            StatusCode::UNAUTHORIZED,
            ErrorCode::AccountGone,
            "Your account no longer exists.",
        )
    })?;
    let (id, username, name, avatar, bio, email, collections_public, likes_public) = row;
    Ok(Me {
        user: user(id, username, name, &avatar),
        bio,
        email,
        collections_public,
        likes_public,
    })
}

pub(super) fn has_control_chars(s: &str) -> bool {
    crate::text::has_control_chars(s, true)
}

/// The password-check limits' keys for `account` (as typed, normalised) from `client`: the
/// pair, so that guesses from one client never lock the owner out elsewhere, and the client.
fn password_keys(client: &Client, account: &str) -> (String, String) {
    let pair = format!("{}:{}", client.key(), client::digest(account));
    (pair, client.key().to_string())
}

/// Err(429) if this client has guessed wrong too often, at this account or at any.
pub(super) async fn check_password_limits(
    state: &AppState,
    client: &Client,
    account: &str,
) -> AppResult<()> {
    let (pair, client) = password_keys(client, account);
    state.limits.check(&SIGN_IN_PAIR, &pair).await?;
    state.limits.check(&SIGN_IN_CLIENT, &client).await
}

/// Counts a wrong password from `client` at `account`.
pub(super) async fn record_password_failure(
    state: &AppState,
    client: &Client,
    account: &str,
) -> AppResult<()> {
    let (pair, client) = password_keys(client, account);
    let (_turn, mut tx) = write_tx(&state.db).await?;
    state
        .limits
        .record_in(&mut tx, &SIGN_IN_PAIR, &pair)
        .await?;
    state
        .limits
        .record_in(&mut tx, &SIGN_IN_CLIENT, &client)
        .await?;
    tx.commit().await?;
    Ok(())
}

pub(super) fn check_display_name(name: &str, errors: &mut Vec<FieldError>) {
    let n = name.chars().count();
    if n == 0 || n > DISPLAY_NAME_MAX_CHARS || name.contains('\n') || has_control_chars(name) {
        errors.push(
            FieldError::new(
                "display_name",
                ErrorCode::DisplayNameLength,
                format!("Use 1 to {DISPLAY_NAME_MAX_CHARS} characters on one line."),
            )
            .with(ErrorParams::range(1, DISPLAY_NAME_MAX_CHARS)),
        );
    }
}

pub(super) fn check_password(field: &str, password: &str, errors: &mut Vec<FieldError>) {
    let n = password.chars().count();
    let (min, max) = PASSWORD_CHARS;
    if n < min || n > max {
        errors.push(
            FieldError::new(
                field,
                ErrorCode::PasswordLength,
                format!("Use {min} to {max} characters."),
            )
            .with(ErrorParams::range(min, max)),
        );
    }
}

/// Trims and validates a sign-up form; the username is lower-cased.
fn validate_sign_up(form: &mut SignUp) -> Vec<FieldError> {
    let mut errors = Vec::new();
    form.username = form.username.trim().to_lowercase();
    form.display_name = form.display_name.trim().to_string();
    let (min, max) = USERNAME_CHARS;
    let len = form.username.chars().count();
    let charset_ok = form
        .username
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if len < min || len > max || !charset_ok {
        errors.push(
            FieldError::new(
                "username",
                ErrorCode::UsernameFormat,
                format!("Use {min} to {max} letters, digits or underscores."),
            )
            .with(ErrorParams::range(min, max)),
        );
    }
    check_display_name(&form.display_name, &mut errors);
    check_password("password", &form.password, &mut errors);
    form.email = form
        .email
        .take()
        .map(|e| e.trim().to_lowercase())
        .filter(|e| !e.is_empty());
    if let Some(email) = &form.email {
        let valid = email.len() <= 254
            && !email.contains(char::is_whitespace)
            && email
                .split_once('@')
                .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'));
        if !valid {
            errors.push(FieldError::new(
                "email",
                ErrorCode::EmailInvalid,
                "That does not look like an email address.",
            ));
        }
    }
    errors
}

fn with_cookie<T: serde::Serialize>(
    status: StatusCode,
    cookie: header::HeaderValue,
    body: T,
) -> Response {
    (status, [(header::SET_COOKIE, cookie)], Json(body)).into_response()
}

/// Creates an account and signs it in.
#[utoipa::path(post, path = "/api/v1/auth/signup", tag = "account", request_body = SignUp,
    params(crate::guest::GuestHeader),
    responses(
        (status = 201, body = Session, description = "Signed up and in; sets the session cookie"),
        (status = 422, description = "Invalid or taken fields, listed in `fields`", body = api_types::ErrorBody),
        (status = 429, description = "Too many sign-ups from this client lately (see Retry-After)", body = api_types::ErrorBody),
    ))]
pub async fn sign_up(
    State(state): State<AppState>,
    client: Client,
    MaybeGuest(guest): MaybeGuest,
    ApiJson(mut form): ApiJson<SignUp>,
) -> AppResult<Response> {
    let mut errors = validate_sign_up(&mut form);
    if errors.iter().all(|e| e.field != "username") {
        let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE username = $1")
            .bind(&form.username)
            .fetch_optional(&state.db)
            .await?;
        if taken.is_some() {
            errors.push(FieldError::new(
                "username",
                ErrorCode::UsernameTaken,
                "That username is taken.",
            ));
        }
    }
    if let Some(email) = &form.email {
        let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
            .bind(email)
            .fetch_optional(&state.db)
            .await?;
        if taken.is_some() {
            errors.push(FieldError::new(
                "email",
                ErrorCode::EmailTaken,
                "An account with that email exists; sign in instead.",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Fields(errors));
    }

    // Counted here, where the costly part starts (an argon2 hash, then an account for good),
    // and atomically, so a burst of parallel sign-ups cannot all take the last slot.
    state.limits.acquire(&SIGN_UP, client.key()).await?;
    let hash = auth::hash_password(form.password.clone()).await?;
    let seed = fastrand::u64(..) >> 1; // stored as a signed integer
    let (top, bottom) = images::placeholder_colors(AVATAR_THEME, seed, 160, 160);
    let avatar_key: String = std::iter::repeat_with(fastrand::alphanumeric)
        .take(20)
        .collect();

    let mut tx = state.db.begin().await?;
    let avatar_id: i64 = sqlx::query_scalar(
        "INSERT INTO images (image_key, theme, seed, width, height, ph_top, ph_bottom) \
         VALUES ($1, $2, $3, 160, 160, $4, $5) RETURNING id",
    )
    .bind(&avatar_key)
    .bind(AVATAR_THEME)
    .bind(seed as i64)
    .bind(top)
    .bind(bottom)
    .fetch_one(&mut *tx)
    .await?;
    let inserted = sqlx::query_scalar::<_, i64>(
        "INSERT INTO users (username, display_name, bio, avatar_image_id, created_at, password_hash, email) \
         VALUES ($1, $2, '', $3, $4, $5, $6) RETURNING id",
    )
    .bind(&form.username)
    .bind(&form.display_name)
    .bind(avatar_id)
    .bind(now_unix())
    .bind(hash)
    .bind(&form.email)
    .fetch_one(&mut *tx)
    .await;
    let user_id = match inserted {
        Ok(id) => id,
        // Lost a race for the same username or email.
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(AppError::field(
                "username",
                ErrorCode::UsernameOrEmailTaken,
                "That username or email was just taken.",
            ))
        }
        Err(e) => return Err(e.into()),
    };
    if let Some(guest) = &guest {
        crate::guest::merge_into(&mut tx, guest, user_id).await?;
    }
    tx.commit().await?;

    if let Err(e) = state.search.index_user(&state.db, user_id).await {
        tracing::warn!(error = %e, "could not index new user");
    }
    let cookie = auth::start_session(&state.db, user_id, state.site.https()).await?;
    let me = load_me(&state.db, user_id).await?;
    Ok(with_cookie(
        StatusCode::CREATED,
        cookie,
        Session { me: Some(me) },
    ))
}

/// Signs in with username (or email) and password.
#[utoipa::path(post, path = "/api/v1/auth/signin", tag = "account", request_body = SignIn,
    params(crate::guest::GuestHeader),
    responses(
        (status = 200, body = Session, description = "Signed in; sets the session cookie"),
        (status = 401, description = "Wrong username or password", body = api_types::ErrorBody),
        (status = 429, description = "Too many failed attempts for this account or address", body = api_types::ErrorBody),
    ))]
pub async fn sign_in(
    State(state): State<AppState>,
    client: Client,
    MaybeGuest(guest): MaybeGuest,
    ApiJson(form): ApiJson<SignIn>,
) -> AppResult<Response> {
    let account = form.username.trim().to_lowercase();
    check_password_limits(&state, &client, &account).await?;
    let found: Option<(i64, Option<String>)> = sqlx::query_as(
        "SELECT id, password_hash FROM users WHERE username = $1 OR email = $2 LIMIT 1",
    )
    .bind(&account)
    .bind(&account)
    .fetch_optional(&state.db)
    .await?;
    let (user_id, stored) = match found {
        Some((id, hash)) => (Some(id), hash),
        None => (None, None),
    };
    let ok = auth::verify_password(form.password, stored).await?;
    let Some(user_id) = user_id.filter(|_| ok) else {
        record_password_failure(&state, &client, &account).await?;
        return Err(AppError::refuse(
            StatusCode::UNAUTHORIZED,
            ErrorCode::WrongCredentials,
            "Wrong username or password.",
        ));
    };
    // The owner's run of typos from this client ends; the client's total over all accounts
    // does not.
    state
        .limits
        .clear(&SIGN_IN_PAIR, &password_keys(&client, &account).0)
        .await?;
    // What they did as a guest on this browser now shapes their account's For-you.
    if let Some(guest) = &guest {
        let (_turn, mut tx) = write_tx(&state.db).await?;
        crate::guest::merge_into(&mut tx, guest, user_id).await?;
        tx.commit().await?;
    }
    let cookie = auth::start_session(&state.db, user_id, state.site.https()).await?;
    let me = load_me(&state.db, user_id).await?;
    Ok(with_cookie(
        StatusCode::OK,
        cookie,
        Session { me: Some(me) },
    ))
}

/// Ends this browser's session.
#[utoipa::path(post, path = "/api/v1/auth/signout", tag = "account",
    responses((status = 204, description = "Signed out; clears the cookie")))]
pub async fn sign_out(State(state): State<AppState>, headers: HeaderMap) -> AppResult<Response> {
    auth::end_session(&state.db, &headers).await?;
    let cookie = auth::clear_cookie(state.site.https())?;
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response())
}

/// Ends every session of the signed-in user, on every device.
#[utoipa::path(post, path = "/api/v1/auth/signout-all", tag = "account",
    responses(
        (status = 204, description = "All sessions revoked"),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
    ))]
pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
) -> AppResult<Response> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(me)
        .execute(&state.db)
        .await?;
    let cookie = auth::clear_cookie(state.site.https())?;
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response())
}

/// Who is signed in here (`me` is null when nobody is).
#[utoipa::path(get, path = "/api/v1/auth/session", tag = "account",
    responses((status = 200, body = Session)))]
pub async fn session(State(state): State<AppState>, viewer: Viewer) -> AppResult<Json<Session>> {
    let me = match viewer.0 {
        Some(id) => Some(load_me(&state.db, id).await?),
        None => None,
    };
    Ok(Json(Session { me }))
}
