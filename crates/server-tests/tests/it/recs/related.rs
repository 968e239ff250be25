//! "More like this" and suggested creators from the same co-engagement as For-you.

use axum::http::Method;

use super::call;
use crate::common::{self, test_app, user_ids, SMALL_WORLD};

/// Two notes of different channels liked by the same few people: "More like this" under the
/// first starts with the second, ahead of the first note's own channel.
#[tokio::test]
async fn more_like_this_puts_notes_liked_by_the_same_people_first() {
    let app = test_app(SMALL_WORLD).await;
    // A note nobody has liked or collected yet, and one of another channel.
    let (a, b): (i64, i64) = sqlx::query_as(
        "SELECT x.id, y.id FROM notes x JOIN notes y ON y.channel_id <> x.channel_id \
         WHERE x.hidden_at IS NULL AND y.hidden_at IS NULL \
         AND NOT EXISTS (SELECT 1 FROM note_likes l WHERE l.note_id = x.id) \
         AND NOT EXISTS (SELECT 1 FROM note_collects c WHERE c.note_id = x.id) \
         ORDER BY x.id, y.id DESC LIMIT 1",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("two notes");
    let before = related_ids(&app, a).await;
    for n in 0..3 {
        let (_, cookie) = common::signed_in_user(&app, "twin_{n}", &format!("Twin {n}")).await;
        for id in [a, b] {
            let res = call(
                &app,
                Method::PUT,
                &format!("/api/v1/notes/{id}/like"),
                Some(&cookie),
                None,
            )
            .await;
            assert_eq!(res.status.as_u16(), 200);
        }
    }
    let after = related_ids(&app, a).await;
    assert_eq!(after.len(), 20, "still a full list");
    assert_eq!(
        after[0], b,
        "the co-liked note of another channel leads: {after:?}"
    );
    assert!(!before.contains(&b), "it was not related by channel before");
    assert!(!after.contains(&a), "never the note itself");
    let distinct: std::collections::HashSet<_> = after.iter().collect();
    assert_eq!(distinct.len(), after.len(), "no note twice");
}

/// A person who keeps liking one creator's notes gets that creator suggested first; someone
/// they follow is never suggested; a guest gets the most followed.
#[tokio::test]
async fn suggested_creators_follow_what_a_person_engages_with() {
    let app = test_app(SMALL_WORLD).await;
    let (me, cookie) = common::signed_in_user(&app, "fan_{n}", "Fan {n}").await;
    // A prolific creator with few followers (so popularity alone would not suggest them), and
    // someone else to follow.
    let authors: Vec<i64> = sqlx::query_scalar(
        "SELECT n.author_id FROM notes n WHERE n.hidden_at IS NULL GROUP BY n.author_id \
         HAVING COUNT(*) >= 4 ORDER BY (SELECT COUNT(*) FROM follows f \
         WHERE f.followee_id = n.author_id), n.author_id LIMIT 2",
    )
    .fetch_all(&app.state.db)
    .await
    .expect("authors");
    let (author, followed) = (authors[0], authors[1]);
    let guest_ids = user_ids(&app.get_json("/api/v1/users/suggested").await);
    let notes: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM notes WHERE author_id = $1 AND hidden_at IS NULL LIMIT 4",
    )
    .bind(author)
    .fetch_all(&app.state.db)
    .await
    .expect("notes");
    for id in &notes {
        let res = call(
            &app,
            Method::PUT,
            &format!("/api/v1/notes/{id}/like"),
            Some(&cookie),
            None,
        )
        .await;
        assert_eq!(res.status.as_u16(), 200);
    }
    let res = call(
        &app,
        Method::PUT,
        &format!("/api/v1/users/{followed}/follow"),
        Some(&cookie),
        None,
    )
    .await;
    assert!(res.status.is_success(), "follow: {}", res.status);
    let res = call(
        &app,
        Method::GET,
        "/api/v1/users/suggested",
        Some(&cookie),
        None,
    )
    .await;
    assert_eq!(res.status.as_u16(), 200);
    let ids = user_ids(&res.json());
    println!("suggested for a fan of {author}: {ids:?} (guest: {guest_ids:?})");
    assert_eq!(ids.len(), 12);
    assert_eq!(ids[0], author, "the creator they keep liking leads");
    assert!(!ids.contains(&followed), "someone they follow");
    assert!(!ids.contains(&me), "themselves");
    assert_eq!(guest_ids.len(), 12);
    assert!(
        !guest_ids.contains(&author),
        "popularity alone would not name them"
    );
}

async fn related_ids(app: &crate::common::TestApp, note: i64) -> Vec<i64> {
    let list = app
        .get_json(&format!("/api/v1/notes/{note}/related?limit=20"))
        .await;
    list.as_array()
        .expect("list")
        .iter()
        .filter_map(|c| c["id"].as_i64())
        .collect()
}
