//! Who an `@name` in a note or a comment names: for each `@`, the longest of its phrases
//! ([`crate::text::mention_candidates`]) that is somebody's display name; among namesakes,
//! someone the writer follows, else the oldest account. Names nobody has stay plain text.

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use crate::error::AppResult;
use crate::text::mention_candidates;

/// The users `body` mentions, each once, in the order they are first mentioned.
pub async fn resolve(conn: &mut SqliteConnection, writer: i64, body: &str) -> AppResult<Vec<i64>> {
    let mut users = Vec::new();
    for phrases in mention_candidates(body) {
        let mut sql =
            QueryBuilder::<Sqlite>::new("SELECT u.id FROM users u WHERE u.display_name IN (");
        let mut names = sql.separated(", ");
        for phrase in &phrases {
            names.push_bind(phrase);
        }
        sql.push(
            ") ORDER BY length(u.display_name) DESC, EXISTS (SELECT 1 FROM follows f \
             WHERE f.follower_id = ",
        )
        .push_bind(writer)
        .push(" AND f.followee_id = u.id) DESC, u.id LIMIT 1");
        let found: Option<i64> = sql.build_query_scalar().fetch_optional(&mut *conn).await?;
        if let Some(id) = found.filter(|id| !users.contains(id)) {
            users.push(id);
        }
    }
    Ok(users)
}
