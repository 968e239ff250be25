//! Livestream shopping rooms (`/api/v1/live`): lists, a room, going live and the host's
//! controls. The room's events and its video come over WebSockets (`hooks/use_live_events`,
//! `components/live_player`), whose URLs [`socket_url`] makes.

use api_types::{
    ChatMessage, FlashInput, GoLiveInput, LiveRoomCard, LiveRoomDetail, LiveStatus, Page, PinInput,
    PinnedProduct,
};

use super::*;

/// A page of rooms: live now, or ended (replays), newest start first.
pub async fn live_rooms(
    status: LiveStatus,
    cursor: Option<&str>,
) -> Result<Page<LiveRoomCard>, ApiError> {
    get_json(&page_path(
        format!("/api/v1/live?status={}", status.as_str()),
        cursor,
    ))
    .await
}

/// A room live now as Discover's row needs it: its id and host. Read from the same list as
/// [`live_rooms`] (serde skips the other fields): a decoder this small keeps the row cheap in
/// the main module, where the whole `LiveRoomCard` cost 4.4 KB brotli.
#[derive(Clone, serde::Deserialize)]
pub struct LiveNow {
    pub id: i64,
    pub host: api_types::UserSummary,
}

#[derive(serde::Deserialize)]
struct LiveNowPage {
    items: Vec<LiveNow>,
}

/// Up to `limit` rooms live now, newest start first.
pub async fn live_now(limit: usize) -> Result<Vec<LiveNow>, ApiError> {
    let page: LiveNowPage = get_json(&format!("/api/v1/live?status=live&limit={limit}")).await?;
    Ok(page.items)
}

pub async fn live_room(id: i64) -> Result<LiveRoomDetail, ApiError> {
    get_json(&format!("/api/v1/live/{id}")).await
}

/// A room's chat from its start, oldest first (beside a replay).
pub async fn live_chat(id: i64, cursor: Option<&str>) -> Result<Page<ChatMessage>, ApiError> {
    get_json(&page_path(format!("/api/v1/live/{id}/chat"), cursor)).await
}

/// Opens a room hosted by the signed-in person, listing `product_ids` in that order.
pub async fn go_live(title: &str, product_ids: Vec<i64>) -> Result<LiveRoomDetail, ApiError> {
    let input = GoLiveInput {
        title: title.to_string(),
        product_ids,
    };
    send_json(Method::POST, "/api/v1/live", Some(&input)).await
}

pub async fn end_live(id: i64) -> Result<LiveRoomDetail, ApiError> {
    send_json::<(), _>(Method::POST, &format!("/api/v1/live/{id}/end"), None).await
}

/// Pins one of the room's products, with a flash sale when `flash` is given.
pub async fn pin_product(
    id: i64,
    product_id: i64,
    flash: Option<FlashInput>,
) -> Result<PinnedProduct, ApiError> {
    let input = PinInput { product_id, flash };
    send_json(Method::PUT, &format!("/api/v1/live/{id}/pin"), Some(&input)).await
}

pub async fn unpin_product(id: i64) -> Result<(), ApiError> {
    send_json::<(), ()>(Method::DELETE, &format!("/api/v1/live/{id}/pin"), None).await
}

pub async fn remove_chat_message(id: i64, message_id: i64) -> Result<(), ApiError> {
    send_json::<(), ()>(
        Method::DELETE,
        &format!("/api/v1/live/{id}/chat/{message_id}"),
        None,
    )
    .await
}

/// Mutes (or unmutes) a person in the room's chat.
pub async fn set_live_mute(id: i64, user_id: i64, muted: bool) -> Result<(), ApiError> {
    send_json::<(), ()>(
        toggle_method(muted),
        &format!("/api/v1/live/{id}/mutes/{user_id}"),
        None,
    )
    .await
}

/// The absolute `ws://` or `wss://` URL of this site's socket at `path` (the page's own
/// origin, so the session cookie goes along and the server's origin check passes).
pub fn socket_url(path: &str) -> Option<String> {
    let location = web_sys::window()?.location();
    let scheme = if location.protocol().ok()? == "https:" {
        "wss"
    } else {
        "ws"
    };
    Some(format!("{scheme}://{}{path}", location.host().ok()?))
}
