//! The chat rules: who may write (signed in, not muted, the room live), what (1..=200
//! characters of text after trimming, control characters as spaces), how often (the
//! `LIVE_CHAT` policy), and the one write that stores a message and sends it to the room.

use api_types::{ChatMessage, ErrorCode, ErrorParams, ServerEvent, UserSummary, CHAT_MAX_CHARS};

use super::Room;
use crate::db::write_tx;
use crate::error::{AppError, AppResult};
use crate::ratelimit::LIVE_CHAT;
use crate::AppState;

/// The text as stored: trimmed, control characters (newlines too) turned into spaces; a 422
/// `chat_empty` when empty, `chat_too_long` when longer than [`CHAT_MAX_CHARS`].
pub fn clean_text(raw: &str) -> AppResult<String> {
    let text: String = raw
        .trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let len = text.chars().count();
    if len == 0 {
        return Err(AppError::unprocessable(
            ErrorCode::ChatEmpty,
            "Write something first.",
        ));
    }
    if len > CHAT_MAX_CHARS {
        return Err(AppError::unprocessable(
            ErrorCode::ChatTooLong,
            format!("A message can be at most {CHAT_MAX_CHARS} characters."),
        )
        .with(ErrorParams::max(CHAT_MAX_CHARS)));
    }
    Ok(text)
}

/// 401 `unauthorized`: guests watch but do not chat.
pub fn not_signed_in() -> AppError {
    AppError::sign_in_first("Sign in to chat.")
}

/// Stores `author`'s message in `room` and sends it to every socket there. Refused when the
/// text breaks the rules, the author is over the rate limit (429 `rate_limited`), muted
/// (403 `muted`) or the room ended (409 `room_ended`). Demo messages skip the limit.
pub async fn post(
    state: &AppState,
    room: &Room,
    author: &UserSummary,
    raw: &str,
    is_demo: bool,
) -> AppResult<ChatMessage> {
    let text = clean_text(raw)?;
    if !is_demo {
        state
            .limits
            .acquire(&LIVE_CHAT, &format!("u{}", author.id))
            .await?;
    }
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64);
    let now = now_ms / 1000;
    let offset_ms = (now_ms - room.started_at * 1000).max(0);
    let (_turn, mut tx) = write_tx(&state.db).await?;
    // The room's state and the mute are read in the write itself: a mute or an end that
    // committed first always wins.
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO live_chat (room_id, user_id, body, created_at, offset_ms, is_demo) \
         SELECT $1, $2, $3, $4, $5, $6 \
         WHERE EXISTS (SELECT 1 FROM live_rooms WHERE id = $1 AND status = 'live') \
         AND NOT EXISTS (SELECT 1 FROM live_mutes WHERE room_id = $1 AND user_id = $2) \
         RETURNING id",
    )
    .bind(room.id)
    .bind(author.id)
    .bind(&text)
    .bind(now)
    .bind(offset_ms)
    .bind(is_demo)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = id else {
        let muted = super::load::is_muted(&mut tx, room.id, author.id).await?;
        return Err(if muted {
            AppError::forbidden(ErrorCode::Muted, "The host muted you in this room.")
        } else {
            room_ended()
        });
    };
    tx.commit().await?;
    let message = ChatMessage {
        id,
        user: author.clone(),
        text,
        created_at: now,
        offset_ms,
        is_demo,
        by_host: author.id == room.host_id,
    };
    room.publish(&ServerEvent::Chat {
        message: message.clone(),
    });
    Ok(message)
}

/// 409 `room_ended`.
pub fn room_ended() -> AppError {
    AppError::conflict(ErrorCode::RoomEnded, "This live room has ended.")
}

/// A refusal as the socket reports it (the socket stays open).
pub fn error_event(e: &AppError) -> ServerEvent {
    let message = match e {
        AppError::Database(_) | AppError::Internal(_) => {
            tracing::error!(error = %e, "live chat failed");
            "Something went wrong on our side. Please try again.".to_string()
        }
        other => other.to_string(),
    };
    ServerEvent::Error {
        code: e.code(),
        message,
        params: e.params().cloned().unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_flattened_and_bounded() {
        assert_eq!(
            clean_text("  hi\nthere \t").ok().as_deref(),
            Some("hi there")
        );
        assert_eq!(clean_text("<b>x</b>").ok().as_deref(), Some("<b>x</b>"));
        assert!(clean_text("   ").is_err());
        let long = "字".repeat(CHAT_MAX_CHARS);
        assert!(clean_text(&long).is_ok(), "200 characters (not bytes) pass");
        assert!(clean_text(&format!("{long}a")).is_err());
    }
}
