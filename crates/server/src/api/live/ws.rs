//! `GET /api/v1/live/{id}/ws`: the events socket's upgrade. Everything that can be refused is
//! refused before upgrading, as JSON, by the checks every live room socket shares
//! (`live_media::live_socket`): a cross-site `Origin`, an unknown room, an ended one, a
//! request that is not a WebSocket upgrade.

use api_types::FRAME_MAX_BYTES;
use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use axum::response::{IntoResponse, Response};

use crate::auth::Viewer;
use crate::error::AppResult;
use crate::extract::ApiPath;
use crate::live::{load, socket};
use crate::live_media::{live_socket, Origin, Upgrade};
use crate::AppState;

/// Frames above this are cut off by the transport itself (the socket checks
/// [`FRAME_MAX_BYTES`] and closes with 1009 for anything between).
const TRANSPORT_MAX_BYTES: usize = 64 * 1024;
/// Small buffers per socket: a room of 500 viewers is 500 of them.
const BUFFER_BYTES: usize = 8 * 1024;
/// What may queue for one slow client before its socket fails.
const MAX_WRITE_BUFFER_BYTES: usize = 256 * 1024;
const _: () = assert!(FRAME_MAX_BYTES < TRANSPORT_MAX_BYTES);

/// The room's events socket (JSON text frames; see `ServerEvent` and `ClientEvent`). Anyone
/// may watch; chat needs the session cookie.
#[utoipa::path(get, path = "/api/v1/live/{id}/ws", tag = "live",
    params(("id" = i64, Path)),
    responses(
        (status = 101, description = "Switching protocols: the events socket. Server frames are `ServerEvent`s, client frames `ClientEvent`s."),
        (status = 403, description = "`cross_site_request`: cross-site Origin", body = api_types::ErrorBody),
        (status = 404, description = "No such room", body = api_types::ErrorBody),
        (status = 409, description = "`room_ended`", body = api_types::ErrorBody),
        (status = 426, description = "`upgrade_required`: not a WebSocket upgrade request", body = api_types::ErrorBody),
    ))]
pub async fn events(
    State(state): State<AppState>,
    Viewer(me): Viewer,
    ApiPath(id): ApiPath<i64>,
    headers: HeaderMap,
    uri: Uri,
    upgrade: Upgrade,
) -> Response {
    match accept(state, me, id, &headers, &uri, upgrade).await {
        Ok(res) => res,
        Err(e) => e.into_response(),
    }
}

async fn accept(
    state: AppState,
    me: Option<i64>,
    id: i64,
    headers: &HeaderMap,
    uri: &Uri,
    upgrade: Upgrade,
) -> AppResult<Response> {
    let origin = Origin::SameSite(headers, uri);
    let (upgrade, _, (row, products, user)) =
        live_socket(&state, id, origin, upgrade, async |_| {
            let mut conn = state.db.acquire().await?;
            let row = load::room(&mut conn, id).await?;
            let products: Vec<i64> =
                sqlx::query_scalar("SELECT product_id FROM live_room_products WHERE room_id = $1")
                    .bind(id)
                    .fetch_all(&mut *conn)
                    .await?;
            let user = match me {
                Some(me) => Some(user_summary(&mut conn, me).await?),
                None => None,
            };
            Ok((row, products, user))
        })
        .await?;
    let upgrade = upgrade
        .max_message_size(TRANSPORT_MAX_BYTES)
        .max_frame_size(TRANSPORT_MAX_BYTES)
        .read_buffer_size(BUFFER_BYTES)
        .write_buffer_size(BUFFER_BYTES)
        .max_write_buffer_size(MAX_WRITE_BUFFER_BYTES);
    Ok(upgrade.on_upgrade(move |ws| async move {
        let viewing = state.live.join(&state.db, &row, products);
        socket::run(ws, state, viewing, socket::Peer { user }).await;
    }))
}

async fn user_summary(
    conn: &mut sqlx::SqliteConnection,
    id: i64,
) -> AppResult<api_types::UserSummary> {
    let (username, display_name, avatar): (String, String, String) = sqlx::query_as(
        "SELECT u.username, u.display_name, a.image_key FROM users u \
         JOIN images a ON a.id = u.avatar_image_id WHERE u.id = $1",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(crate::api::rows::user(id, username, display_name, &avatar))
}
