//! A note's input: tidied, checked field by field, its products, topics and mentions resolved, and
//! duplicates refused.

use api_types::{ErrorCode, ErrorParams};
use std::collections::HashSet;

use api_types::{validate_note, FieldError, NoteInput};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use crate::api::feed::RECOMMEND;
use crate::api::uploads::owned_images;
use crate::error::{AppError, AppResult};
use crate::text::{content_key, has_control_chars};

/// How far back an identical note by the same author counts as a duplicate.
pub const DUPLICATE_WINDOW_SECS: i64 = 24 * 3600;

/// The editor's content with surrounding whitespace trimmed and line ends made `\n`.
pub(super) fn tidy(mut input: NoteInput) -> NoteInput {
    input.title = input.title.trim().to_string();
    input.body = input.body.replace("\r\n", "\n").trim().to_string();
    input.channel = input.channel.trim().to_string();
    input.location = input
        .location
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty());
    input
}

/// What is wrong with `input` before looking anything up. `keep_images`: an edit without
/// `image_ids` keeps the note's photos.
pub(super) fn form_errors(input: &NoteInput, keep_images: bool) -> Vec<FieldError> {
    let mut errors = validate_note(input);
    if keep_images {
        errors.retain(|e| e.field != "image_ids");
    }
    let mut flag = |name: &str, bad: bool, code: ErrorCode, message: &str| {
        if bad && !errors.iter().any(|e| e.field == name) {
            errors.push(FieldError::new(name, code, message));
        }
    };
    flag(
        "title",
        has_control_chars(&input.title, false),
        ErrorCode::TitleOneLine,
        "Keep the title on one line, without control characters.",
    );
    flag(
        "body",
        has_control_chars(&input.body, true),
        ErrorCode::TextControlCharacters,
        "Remove the control characters from the text.",
    );
    flag(
        "location",
        input
            .location
            .as_deref()
            .is_some_and(|l| has_control_chars(l, false)),
        ErrorCode::LocationOneLine,
        "Keep the location on one line.",
    );
    errors
}

/// The rows `input` refers to, all checked: they exist and are the author's to use.
pub(super) struct Resolved {
    pub(super) channel_id: i64,
    /// Image ids (not upload ids) in display order; empty when an edit keeps its photos.
    pub(super) images: Vec<i64>,
    pub(super) products: Vec<i64>,
}

/// Error if a product is tagged twice or is not in the shop (any more).
pub async fn check_products(
    conn: &mut SqliteConnection,
    ids: &[i64],
) -> AppResult<Result<(), FieldError>> {
    let unique: HashSet<i64> = ids.iter().copied().collect();
    if unique.len() != ids.len() {
        return Ok(Err(FieldError::new(
            "product_ids",
            ErrorCode::DuplicateProduct,
            "Each product can be tagged once.",
        )));
    }
    if ids.is_empty() {
        return Ok(Ok(()));
    }
    let mut sql = QueryBuilder::<Sqlite>::new("SELECT COUNT(*) FROM products WHERE id IN (");
    let mut list = sql.separated(", ");
    for id in ids {
        list.push_bind(*id);
    }
    sql.push(")");
    let found: i64 = sql.build_query_scalar().fetch_one(&mut *conn).await?;
    Ok(if found as usize == ids.len() {
        Ok(())
    } else {
        Err(FieldError::new(
            "product_ids",
            ErrorCode::ProductGone,
            "A tagged product is not in the shop any more.",
        ))
    })
}

/// Checks the channel, photos and products of `input` (those without an error in `errors`
/// yet) and answers every problem at once as a 422.
pub(super) async fn resolve(
    conn: &mut SqliteConnection,
    me: i64,
    input: &NoteInput,
    mut errors: Vec<FieldError>,
) -> AppResult<Resolved> {
    let has = |errors: &[FieldError], name: &str| errors.iter().any(|e| e.field == name);
    let mut channel_id = 0;
    if !has(&errors, "channel") {
        let found: Option<i64> = sqlx::query_scalar("SELECT id FROM channels WHERE slug = $1")
            .bind(&input.channel)
            .fetch_optional(&mut *conn)
            .await?;
        match found {
            Some(id) if input.channel != RECOMMEND => channel_id = id,
            _ => errors.push(FieldError::new(
                "channel",
                ErrorCode::UnknownChannel,
                "Pick one of the channels.",
            )),
        }
    }
    let mut images = Vec::new();
    if !has(&errors, "image_ids") {
        match owned_images(conn, me, &input.image_ids).await? {
            Ok(ids) => images = ids,
            Err(e) => errors.push(e),
        }
    }
    if !has(&errors, "product_ids") {
        if let Err(e) = check_products(conn, &input.product_ids).await? {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        Ok(Resolved {
            channel_id,
            images,
            products: input.product_ids.clone(),
        })
    } else {
        Err(AppError::Fields(errors))
    }
}

/// 409 `duplicate_note` if `author` published the same text (another note than `except`)
/// within [`DUPLICATE_WINDOW_SECS`].
pub(super) async fn refuse_duplicate(
    conn: &mut SqliteConnection,
    author: i64,
    input: &NoteInput,
    except: Option<i64>,
    now: i64,
) -> AppResult<()> {
    // The author's recent notes: few (publishing is rate-limited), read by index.
    let recent: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, title, body FROM notes WHERE author_id = $1 AND created_at > $2",
    )
    .bind(author)
    .bind(now - DUPLICATE_WINDOW_SECS)
    .fetch_all(&mut *conn)
    .await?;
    let key = content_key(&input.title, &input.body);
    if recent
        .iter()
        .any(|(id, title, body)| Some(*id) != except && content_key(title, body) == key)
    {
        return Err(AppError::conflict(
            ErrorCode::DuplicateNote,
            "You published a note with the same title and text in the last 24 hours. \
             Change it, or edit the one you published.",
        ));
    }
    Ok(())
}

/// What a note takes from its video.
#[derive(Clone, Copy, Debug)]
pub(super) struct NoteVideoRef {
    /// Whole seconds, rounded up (the card's duration).
    pub(super) seconds: i64,
    pub(super) poster_image_id: i64,
}

/// What the author reads about a video that could not be processed (`why`: the job's words).
pub(super) fn video_failed_message(why: Option<String>) -> String {
    format!(
        "The video could not be processed: {}",
        why.unwrap_or_else(|| "upload it again.".to_string())
    )
}

/// Where the author's video `id` stands for a note.
#[derive(Clone, Copy, Debug)]
pub(super) enum VideoForNote {
    Ready(NoteVideoRef),
    /// Queued or being processed: the note can wait for it (`POST /notes` → 202).
    Processing {
        progress: i64,
    },
}

/// The author's video `id`: ready, still processing, or why the note cannot have it (422).
pub(super) async fn video_for_note(
    conn: &mut SqliteConnection,
    me: i64,
    id: i64,
) -> AppResult<VideoForNote> {
    type Row = (String, i64, Option<String>, i64, Option<i64>);
    let row: Option<Row> = sqlx::query_as(
        "SELECT status, progress, error, duration_ms, poster_image_id FROM videos \
         WHERE id = $1 AND user_id = $2",
    )
    .bind(id)
    .bind(me)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((status, progress, error, duration_ms, poster)) = row else {
        return Err(AppError::field(
            "video_id",
            ErrorCode::VideoGone,
            "The video is missing: upload it again.",
        ));
    };
    match (status.as_str(), poster) {
        ("ready", Some(poster_image_id)) => Ok(VideoForNote::Ready(NoteVideoRef {
            seconds: (duration_ms + 999) / 1000,
            poster_image_id,
        })),
        ("failed", _) => Err(AppError::unprocessable(
            ErrorCode::VideoFailed,
            video_failed_message(error.clone()),
        )
        .with(ErrorParams {
            actual: error,
            ..Default::default()
        })),
        _ => Ok(VideoForNote::Processing { progress }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidying_and_form_errors() {
        let input = tidy(NoteInput {
            title: "  周末去哪儿 ".into(),
            body: "第一行\r\n第二行  ".into(),
            channel: " travel ".into(),
            image_ids: vec![1],
            location: Some("   ".into()),
            ..NoteInput::default()
        });
        assert_eq!(input.title, "周末去哪儿");
        assert_eq!(input.body, "第一行\n第二行");
        assert_eq!(input.channel, "travel");
        assert_eq!(input.location, None);
        assert!(form_errors(&input, false).is_empty());

        let bad = NoteInput {
            title: "a\u{7}b".into(),
            body: "ok\u{0}".into(),
            ..input.clone()
        };
        let fields: Vec<String> = form_errors(&bad, false)
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["title", "body"]);
        let keep = NoteInput {
            image_ids: vec![],
            ..input
        };
        assert!(
            form_errors(&keep, true).is_empty(),
            "an edit may keep its photos"
        );
        assert_eq!(form_errors(&keep, false)[0].field, "image_ids");
    }
}
