//! Writing notifications inside the transaction of the action that causes them.

use sqlx::{Sqlite, Transaction};

use crate::now_unix;

/// What happened; stored in `notifications.kind` by its JSON name.
pub use api_types::NotificationKind as Kind;

/// Toggles (like, collect, follow) notify once per actor and target, however often repeated.
fn is_toggle(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Like | Kind::Collect | Kind::CommentLike | Kind::Follow
    )
}

/// What a notification points at.
#[derive(Clone, Copy, Debug, Default)]
pub struct Target {
    pub note: Option<i64>,
    pub comment: Option<i64>,
}

/// Tells `recipient` that `actor` did `kind` (nothing when people act on their own things).
pub async fn send(
    tx: &mut Transaction<'_, Sqlite>,
    recipient: i64,
    actor: i64,
    kind: Kind,
    target: Target,
) -> Result<(), sqlx::Error> {
    if recipient == actor {
        return Ok(());
    }
    let mut sql = String::from(
        "INSERT INTO notifications (user_id, actor_id, kind, note_id, comment_id, created_at) \
         SELECT $1, $2, $3, $4, $5, $6",
    );
    if is_toggle(kind) {
        sql.push_str(
            " WHERE NOT EXISTS (SELECT 1 FROM notifications WHERE user_id = $1 AND actor_id = $2 \
             AND kind = $3 AND note_id IS NOT DISTINCT FROM $4 \
             AND comment_id IS NOT DISTINCT FROM $5)",
        );
    }
    // The guard reuses `$1`..`$5`, so the values are bound once.
    let q = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(recipient)
        .bind(actor)
        .bind(kind.as_str())
        .bind(target.note)
        .bind(target.comment)
        .bind(now_unix());
    q.execute(&mut **tx).await?;
    Ok(())
}

/// Takes back an unread toggle notification (an unlike soon after a like).
pub async fn retract(
    tx: &mut Transaction<'_, Sqlite>,
    recipient: i64,
    actor: i64,
    kind: Kind,
    target: Target,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "DELETE FROM notifications WHERE user_id = $1 AND actor_id = $2 AND kind = $3 \
         AND note_id IS NOT DISTINCT FROM $4 \
         AND comment_id IS NOT DISTINCT FROM $5 AND read_at IS NULL",
    )
    .bind(recipient)
    .bind(actor)
    .bind(kind.as_str())
    .bind(target.note)
    .bind(target.comment)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
