//! Writing a note's parts (pictures, topics, mentions, products), its first rank, mention
//! notifications, and the author check for edits.

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use crate::api::notes::not_found;
use crate::error::{AppError, AppResult};
use crate::notify::{self, Kind, Target};

/// A new note enters the ranking just below this many notes, so it shows near the top of the
/// "For you" feed and (so at least as high) of its channel; each newer note slots in above it.
pub const FRESH_RANK: i64 = 8;

/// The score that places a new note at [`FRESH_RANK`] of the whole ranking.
pub(super) async fn fresh_score(conn: &mut SqliteConnection) -> AppResult<i64> {
    let at_rank: Option<i64> = sqlx::query_scalar(
        "SELECT score FROM notes WHERE hidden_at IS NULL ORDER BY score DESC, id DESC \
         LIMIT 1 OFFSET $1",
    )
    .bind(FRESH_RANK - 1)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(match at_rank {
        Some(score) => score + 1,
        // A young world: go first.
        None => {
            let top: Option<i64> = sqlx::query_scalar("SELECT MAX(score) FROM notes")
                .fetch_one(&mut *conn)
                .await?;
            top.map_or(0, |s| s + 1)
        }
    })
}

/// Replaces a note's photos (unless `images` is None), topics, mentions and products.
pub(super) async fn write_parts(
    conn: &mut SqliteConnection,
    note: i64,
    images: Option<&[i64]>,
    topics: &[String],
    mentions: &[i64],
    products: &[i64],
) -> AppResult<()> {
    if let Some(images) = images {
        sqlx::query("DELETE FROM note_images WHERE note_id = $1")
            .bind(note)
            .execute(&mut *conn)
            .await?;
        insert_pairs(
            conn,
            "note_images (note_id, position, image_id)",
            note,
            images,
        )
        .await?;
    }
    for table in ["note_topics", "note_mentions", "note_products"] {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {table} WHERE note_id = $1"
        )))
        .bind(note)
        .execute(&mut *conn)
        .await?;
    }
    if !topics.is_empty() {
        let mut sql = QueryBuilder::<Sqlite>::new("INSERT INTO note_topics (note_id, topic) ");
        sql.push_values(topics, |mut row, topic| {
            row.push_bind(note).push_bind(topic);
        });
        sql.build().execute(&mut *conn).await?;
    }
    if !mentions.is_empty() {
        let mut sql = QueryBuilder::<Sqlite>::new("INSERT INTO note_mentions (note_id, user_id) ");
        sql.push_values(mentions, |mut row, user| {
            row.push_bind(note).push_bind(*user);
        });
        sql.build().execute(&mut *conn).await?;
    }
    insert_pairs(
        conn,
        "note_products (note_id, position, product_id)",
        note,
        products,
    )
    .await
}

/// Inserts `(owner, position, value)` rows for `values` in order.
pub async fn insert_pairs(
    conn: &mut SqliteConnection,
    table_and_columns: &'static str,
    owner: i64,
    values: &[i64],
) -> AppResult<()> {
    if values.is_empty() {
        return Ok(());
    }
    let mut sql = QueryBuilder::<Sqlite>::new(format!("INSERT INTO {table_and_columns} "));
    sql.push_values(values.iter().enumerate(), |mut row, (position, value)| {
        row.push_bind(owner)
            .push_bind(position as i64)
            .push_bind(*value);
    });
    sql.build().execute(&mut *conn).await?;
    Ok(())
}

/// Tells newly `@`-mentioned people about the note.
pub(super) async fn notify_mentions(
    conn: &mut sqlx::Transaction<'static, Sqlite>,
    author: i64,
    note: i64,
    users: &[i64],
) -> AppResult<()> {
    let target = Target {
        note: Some(note),
        comment: None,
    };
    for user in users {
        notify::send(conn, *user, author, Kind::Mention, target).await?;
    }
    Ok(())
}

pub(super) async fn note_topics(conn: &mut SqliteConnection, note: i64) -> AppResult<Vec<String>> {
    Ok(
        sqlx::query_scalar("SELECT topic FROM note_topics WHERE note_id = $1")
            .bind(note)
            .fetch_all(&mut *conn)
            .await?,
    )
}

/// Ok if `note` is `me`'s: 404 if there is no such note (or it is hidden from `me`), 403 if it
/// is someone else's.
pub(super) async fn own_note(conn: &mut SqliteConnection, me: i64, note: i64) -> AppResult<()> {
    let found: Option<(i64, Option<i64>)> =
        sqlx::query_as("SELECT author_id, hidden_at FROM notes WHERE id = $1")
            .bind(note)
            .fetch_optional(&mut *conn)
            .await?;
    match found {
        None => Err(not_found(note)),
        Some((author, _)) if author == me => Ok(()),
        Some((_, Some(_))) => Err(not_found(note)),
        Some(_) => Err(AppError::forbidden(
            api_types::ErrorCode::NotYourNote,
            "You can only change your own notes.",
        )),
    }
}
