//! The signed-in user's own settings: profile, password, avatar.

use api_types::{ErrorCode, ErrorParams};
use api_types::{FieldError, Me, PasswordChange, ProfileUpdate, AVATAR_MAX_BYTES, BIO_MAX_CHARS};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::Json;

use super::{
    check_display_name, check_password, check_password_limits, has_control_chars, load_me,
    record_password_failure,
};
use crate::auth::{self, SignedIn};
use crate::client::Client;
use crate::error::{AppError, AppResult};
use crate::extract::ApiJson;
use crate::images::{self, UPLOAD_AVATAR_THEME};
use crate::AppState;

/// Side of the stored (square) avatar source; renditions come from it.
const AVATAR_SOURCE_SIZE: u32 = 320;

/// Edits the signed-in user's name, bio and privacy settings.
#[utoipa::path(patch, path = "/api/v1/me", tag = "account", request_body = ProfileUpdate,
    responses(
        (status = 200, body = Me),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 422, description = "Invalid fields", body = api_types::ErrorBody),
    ))]
pub async fn update_profile(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiJson(update): ApiJson<ProfileUpdate>,
) -> AppResult<Json<Me>> {
    let mut errors = Vec::new();
    let name = update.display_name.map(|n| n.trim().to_string());
    if let Some(name) = &name {
        check_display_name(name, &mut errors);
    }
    let bio = update.bio.map(|b| b.trim().to_string());
    if let Some(bio) = &bio {
        if bio.chars().count() > BIO_MAX_CHARS || has_control_chars(bio) {
            errors.push(
                FieldError::new(
                    "bio",
                    ErrorCode::BioTooLong,
                    format!("Keep it under {BIO_MAX_CHARS} characters."),
                )
                .with(ErrorParams::max(BIO_MAX_CHARS)),
            );
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Fields(errors));
    }
    sqlx::query(
        "UPDATE users SET display_name = COALESCE($1, display_name), bio = COALESCE($2, bio), \
         collections_public = COALESCE($3, collections_public), likes_public = COALESCE($4, likes_public) \
         WHERE id = $5",
    )
    .bind(name)
    .bind(bio)
    .bind(update.collections_public)
    .bind(update.likes_public)
    .bind(me)
    .execute(&state.db)
    .await?;
    reindex_user(&state, me).await;
    Ok(Json(load_me(&state.db, me).await?))
}

async fn reindex_user(state: &AppState, id: i64) {
    if let Err(e) = state.search.index_user(&state.db, id).await {
        tracing::warn!(error = %e, "could not re-index user {id}");
    }
    // Cards embed author names and avatars.
    state.feed_cache.clear();
}

/// Changes the password; every other session of the account is signed out.
#[utoipa::path(put, path = "/api/v1/me/password", tag = "account", request_body = PasswordChange,
    responses(
        (status = 204, description = "Changed"),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 422, description = "Wrong current password or invalid new one", body = api_types::ErrorBody),
        (status = 429, description = "Too many wrong passwords lately (see Retry-After)", body = api_types::ErrorBody),
    ))]
pub async fn change_password(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    headers: HeaderMap,
    client: Client,
    ApiJson(form): ApiJson<PasswordChange>,
) -> AppResult<StatusCode> {
    let account = format!("#{me}");
    check_password_limits(&state, &client, &account).await?;
    let mut errors = Vec::new();
    check_password("new_password", &form.new_password, &mut errors);
    let stored: Option<String> =
        sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
            .bind(me)
            .fetch_one(&state.db)
            .await?;
    if !auth::verify_password(form.current_password, stored).await? {
        record_password_failure(&state, &client, &account).await?;
        errors.push(FieldError::new(
            "current_password",
            ErrorCode::WrongCurrentPassword,
            "That is not your current password.",
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Fields(errors));
    }
    let hash = auth::hash_password(form.new_password).await?;
    let current = auth::session_token(&headers).map(|t| auth::token_hash(&t));
    let mut tx = state.db.begin().await?;
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(me)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(me)
        .bind(current.unwrap_or_default())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Replaces the avatar with an uploaded JPEG, PNG or WebP (sent as the raw request body).
/// It is centre-cropped to a square and re-encoded, which also drops metadata.
#[utoipa::path(put, path = "/api/v1/me/avatar", tag = "account",
    request_body(description = "The picture itself as the body (not multipart): JPEG, PNG or WebP, with its Content-Type",
        content(([u8] = "image/jpeg"), ([u8] = "image/png"), ([u8] = "image/webp"))),
    responses(
        (status = 200, body = Me),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 413, description = "Over 5 MB", body = api_types::ErrorBody),
        (status = 415, description = "Not a JPEG, PNG or WebP, or not what Content-Type says", body = api_types::ErrorBody),
        (status = 422, description = "Unreadable or too small/large", body = api_types::ErrorBody),
    ))]
pub async fn upload_avatar(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    headers: HeaderMap,
    // A body over the router's limit is refused while buffering: answer that in the API's
    // JSON error shape too, not axum's plain-text 413.
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> AppResult<Json<Me>> {
    let too_large = || {
        let mb = AVATAR_MAX_BYTES / (1024 * 1024);
        AppError::refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::AvatarTooLarge,
            format!("Avatars can be at most {mb} MB."),
        )
        .with(ErrorParams::max(mb))
    };
    let body = body.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => too_large(),
        _ => AppError::BadRequest(e.body_text()),
    })?;
    if body.len() > AVATAR_MAX_BYTES {
        return Err(too_large());
    }
    if body.is_empty() {
        return Err(crate::api::uploads::upload_empty());
    }
    let declared = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let square = tokio::task::spawn_blocking(move || {
        let img = images::decode_upload(&body, declared.as_deref())?;
        let side = img.width().min(img.height());
        let cropped = img.crop_imm(
            (img.width() - side) / 2,
            (img.height() - side) / 2,
            side,
            side,
        );
        Ok::<_, AppError>(
            cropped
                .resize_exact(
                    AVATAR_SOURCE_SIZE,
                    AVATAR_SOURCE_SIZE,
                    image::imageops::FilterType::Lanczos3,
                )
                .to_rgb8(),
        )
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))??;
    let image_id = images::store_upload(&state, square, UPLOAD_AVATAR_THEME).await?;
    sqlx::query("UPDATE users SET avatar_image_id = $1 WHERE id = $2")
        .bind(image_id)
        .bind(me)
        .execute(&state.db)
        .await?;
    reindex_user(&state, me).await;
    Ok(Json(load_me(&state.db, me).await?))
}
