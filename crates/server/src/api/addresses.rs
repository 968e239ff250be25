//! Saved delivery addresses. A user with addresses has exactly one default: the first one
//! saved becomes it, `is_default` moves it, and deleting it promotes the newest remaining one.

use api_types::{
    normalize_phone, validate_address, Address, AddressInput, FieldError, MAX_ADDRESSES,
};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use sqlx::{FromRow, SqliteConnection};

use crate::auth::SignedIn;
use crate::db::{write_tx, Db};
use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, ApiPath};
use crate::text::has_control_chars;
use crate::{now_unix, AppState};

const ADDRESS_COLUMNS: &str =
    "id, recipient, phone, province, city, district, detail, is_default FROM addresses";

#[derive(FromRow)]
struct AddressRow {
    id: i64,
    recipient: String,
    phone: String,
    province: String,
    city: String,
    district: String,
    detail: String,
    is_default: bool,
}

impl From<AddressRow> for Address {
    fn from(r: AddressRow) -> Self {
        Address {
            id: r.id,
            recipient: r.recipient,
            phone: r.phone,
            province: r.province,
            city: r.city,
            district: r.district,
            detail: r.detail,
            is_default: r.is_default,
        }
    }
}

fn no_address() -> AppError {
    AppError::missing(api_types::Resource::Address, "That address does not exist.")
}

/// The validated form as stored: trimmed text, digits-only phone; 422 with every bad field.
fn clean(form: AddressInput) -> AppResult<AddressInput> {
    let mut errors = validate_address(&form);
    // Addresses go into order snapshots and onto shipping labels: one plain line per field.
    for (name, value) in [
        ("recipient", &form.recipient),
        ("phone", &form.phone),
        ("province", &form.province),
        ("city", &form.city),
        ("district", &form.district),
        ("detail", &form.detail),
    ] {
        if has_control_chars(value, false) && !errors.iter().any(|e| e.field == name) {
            errors.push(FieldError::new(
                name,
                api_types::ErrorCode::ControlCharacters,
                "Remove the control characters.",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Fields(errors));
    }
    Ok(AddressInput {
        recipient: form.recipient.trim().to_string(),
        phone: normalize_phone(&form.phone),
        province: form.province.trim().to_string(),
        city: form.city.trim().to_string(),
        district: form.district.trim().to_string(),
        detail: form.detail.trim().to_string(),
        is_default: form.is_default,
    })
}

/// One of `user`'s addresses (`None` for anyone else's).
pub async fn find_address(
    conn: &mut SqliteConnection,
    user: i64,
    id: i64,
) -> AppResult<Option<Address>> {
    let row: Option<AddressRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {ADDRESS_COLUMNS} WHERE id = $1 AND user_id = $2"
    )))
    .bind(id)
    .bind(user)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(Address::from))
}

/// Makes `id` the user's only default (the old one is cleared first: the unique index allows
/// one default per user at any moment).
async fn make_default(conn: &mut SqliteConnection, user: i64, id: i64) -> AppResult<()> {
    sqlx::query(
        "UPDATE addresses SET is_default = FALSE WHERE user_id = $1 AND is_default AND id <> $2",
    )
    .bind(user)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE addresses SET is_default = TRUE WHERE id = $1 AND user_id = $2")
        .bind(id)
        .bind(user)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

async fn load_address(db: &Db, user: i64, id: i64) -> AppResult<Address> {
    let mut conn = db.acquire().await?;
    find_address(&mut conn, user, id)
        .await?
        .ok_or_else(no_address)
}

/// The signed-in user's addresses: the default first, then newest first.
#[utoipa::path(get, path = "/api/v1/addresses", tag = "checkout",
    responses(
        (status = 200, body = Vec<Address>),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
) -> AppResult<Json<Vec<Address>>> {
    let rows: Vec<AddressRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {ADDRESS_COLUMNS} WHERE user_id = $1 \
         ORDER BY is_default DESC, created_at DESC, id DESC"
    )))
    .bind(me)
    .fetch_all(&state.db)
    .await?;
    Ok(Json(rows.into_iter().map(Address::from).collect()))
}

/// Saves an address; the first one (or one marked `is_default`) becomes the default.
#[utoipa::path(post, path = "/api/v1/addresses", tag = "checkout", request_body = AddressInput,
    responses(
        (status = 201, body = Address),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 422, description = "Invalid fields, or too many addresses", body = api_types::ErrorBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiJson(form): ApiJson<AddressInput>,
) -> AppResult<(StatusCode, Json<Address>)> {
    let a = clean(form)?;
    let (turn, mut tx) = write_tx(&state.db).await?;
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM addresses WHERE user_id = $1")
        .bind(me)
        .fetch_one(&mut *tx)
        .await?;
    if count >= MAX_ADDRESSES as i64 {
        return Err(AppError::unprocessable(
            api_types::ErrorCode::TooManyAddresses,
            format!("You can save up to {MAX_ADDRESSES} addresses. Delete one first."),
        )
        .with(api_types::ErrorParams::max(MAX_ADDRESSES)));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO addresses (user_id, recipient, phone, province, city, district, detail, \
         is_default, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, FALSE, $8) RETURNING id",
    )
    .bind(me)
    .bind(&a.recipient)
    .bind(&a.phone)
    .bind(&a.province)
    .bind(&a.city)
    .bind(&a.district)
    .bind(&a.detail)
    .bind(now_unix())
    .fetch_one(&mut *tx)
    .await?;
    if a.is_default || count == 0 {
        make_default(&mut tx, me, id).await?;
    }
    tx.commit().await?;
    drop(turn);
    Ok((
        StatusCode::CREATED,
        Json(load_address(&state.db, me, id).await?),
    ))
}

/// Edits an address. `is_default: true` moves the default here; `false` on the default keeps
/// it (pick another address as default to move it).
#[utoipa::path(put, path = "/api/v1/addresses/{id}", tag = "checkout",
    params(("id" = i64, Path)), request_body = AddressInput,
    responses(
        (status = 200, body = Address),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 404, description = "Not one of your addresses", body = api_types::ErrorBody),
        (status = 422, description = "Invalid fields", body = api_types::ErrorBody),
    ))]
pub async fn update(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiPath(id): ApiPath<i64>,
    ApiJson(form): ApiJson<AddressInput>,
) -> AppResult<Json<Address>> {
    let a = clean(form)?;
    let (turn, mut tx) = write_tx(&state.db).await?;
    let done = sqlx::query(
        "UPDATE addresses SET recipient = $1, phone = $2, province = $3, city = $4, district = $5, \
         detail = $6 WHERE id = $7 AND user_id = $8",
    )
    .bind(&a.recipient)
    .bind(&a.phone)
    .bind(&a.province)
    .bind(&a.city)
    .bind(&a.district)
    .bind(&a.detail)
    .bind(id)
    .bind(me)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(no_address());
    }
    if a.is_default {
        make_default(&mut tx, me, id).await?;
    }
    tx.commit().await?;
    drop(turn);
    Ok(Json(load_address(&state.db, me, id).await?))
}

/// Deletes an address; if it was the default, the newest remaining one becomes the default.
#[utoipa::path(delete, path = "/api/v1/addresses/{id}", tag = "checkout",
    params(("id" = i64, Path)),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not signed in", body = api_types::ErrorBody),
        (status = 404, description = "Not one of your addresses", body = api_types::ErrorBody),
    ))]
pub async fn delete(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    let (_turn, mut tx) = write_tx(&state.db).await?;
    let was_default: Option<bool> = sqlx::query_scalar(
        "DELETE FROM addresses WHERE id = $1 AND user_id = $2 RETURNING is_default",
    )
    .bind(id)
    .bind(me)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(was_default) = was_default else {
        return Err(no_address());
    };
    if was_default {
        let newest: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM addresses WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1",
        )
        .bind(me)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(newest) = newest {
            make_default(&mut tx, me, newest).await?;
        }
    }
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
