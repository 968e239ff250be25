//! What ranks down or out of For-you (reported notes, pasted marketing copy and its copies)
//! and what a note search teaches it.

use super::*;

/// The position of `id` on `user`'s first For-you page, if there.
async fn first_page_position(app: &TestApp, cookie: &str, id: i64) -> Option<usize> {
    page_ids(&for_you(app, Some(cookie), None).await)
        .iter()
        .position(|x| *x == id)
}

/// Gives `notes` the same (marketing) body and recounts their near-duplicates, as publishing
/// or editing does.
async fn paste_body(app: &TestApp, notes: &[i64], body: &str) {
    for id in notes {
        sqlx::query("UPDATE notes SET body = $1 WHERE id = $2")
            .bind(body)
            .bind(id)
            .execute(&app.state.db)
            .await
            .expect("body");
        zhongcao_server::recs::dupes::refresh(&app.state.db, *id)
            .await
            .expect("dupes");
    }
}

/// Soft ads and spam lose: a reported note and a note whose body is pasted across other
/// notes leave the top of a fresh person's page they led before.
#[tokio::test]
async fn reported_and_pasted_notes_rank_down() {
    let app = test_app(SMALL_WORLD).await;
    let (_a, a) = common::signed_in_user(&app, "plain_{n}", "Plain {n}").await;
    let first = page_ids(&for_you(&app, Some(&a), None).await);
    let (top, second) = (first[0], first[1]);

    // Two reports against the top note (not enough to hide it).
    let reporters: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM users WHERE id <> (SELECT author_id FROM notes WHERE id = $1) \
         ORDER BY id LIMIT 2",
    )
    .bind(top)
    .fetch_all(&app.state.db)
    .await
    .expect("reporters");
    for r in reporters {
        sqlx::query(
            "INSERT INTO reports (reporter_id, target_kind, target_id, reason, created_at) \
             VALUES ($1, 'note', $2, 'spam', 0)",
        )
        .bind(r)
        .bind(top)
        .execute(&app.state.db)
        .await
        .expect("report");
    }
    let (_b, b) = common::signed_in_user(&app, "plain_{n}", "Plain {n}").await;
    let at = first_page_position(&app, &b, top).await;
    assert!(at.is_none_or(|i| i >= 5), "reported note at {at:?}");

    // The second note's body pasted onto three other notes: all four are copies.
    let others: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM notes WHERE id NOT IN ($1, $2) ORDER BY id DESC LIMIT 3",
    )
    .bind(top)
    .bind(second)
    .fetch_all(&app.state.db)
    .await
    .expect("others");
    let ad = "限时优惠！私信我领取五折优惠码，这款神奇精华只剩三天，链接在主页，全球包邮，\
              Limited offer, DM me for the discount code, link in bio";
    paste_body(&app, &[second, others[0], others[1], others[2]], ad).await;
    let dupes: i64 = sqlx::query_scalar("SELECT near_dupes FROM notes WHERE id = $1")
        .bind(second)
        .fetch_one(&app.state.db)
        .await
        .expect("near_dupes");
    assert_eq!(dupes, 3);
    let (_c, c) = common::signed_in_user(&app, "plain_{n}", "Plain {n}").await;
    let at = first_page_position(&app, &c, second).await;
    assert!(at.is_none_or(|i| i >= 5), "pasted note at {at:?}");
}

/// "Not interested" also removes notes with a near-identical body, whoever posted them.
#[tokio::test]
async fn not_interested_removes_copies_of_the_body() {
    let app = test_app(SMALL_WORLD).await;
    let (_e, control) = common::signed_in_user(&app, "ctl_{n}", "Control {n}").await;
    let first = page_ids(&for_you(&app, Some(&control), None).await);
    let shown = first[0];
    let (author, channel): (i64, i64) =
        sqlx::query_as("SELECT author_id, channel_id FROM notes WHERE id = $1")
            .bind(shown)
            .fetch_one(&app.state.db)
            .await
            .expect("note");
    // A note by someone else, in another channel, gets a copy of the shown note's body.
    let copy: i64 = sqlx::query_scalar(
        "SELECT id FROM notes WHERE author_id <> $1 AND channel_id <> $2 AND hidden_at IS NULL \
         ORDER BY id DESC LIMIT 1",
    )
    .bind(author)
    .bind(channel)
    .fetch_one(&app.state.db)
    .await
    .expect("another note");
    paste_body(
        &app,
        &[shown, copy],
        "Swipe for the full routine: cleanse, tone, serum, cream, sunscreen every morning, \
         and a gentle exfoliant twice a week",
    )
    .await;
    let (_e2, control2) = common::signed_in_user(&app, "ctl_{n}", "Control {n}").await;
    assert!(
        first_page_position(&app, &control2, shown).await.is_some(),
        "one copy alone still shows"
    );

    let (_d, d) = common::signed_in_user(&app, "hider_{n}", "Hider {n}").await;
    let res = call(
        &app,
        Method::PUT,
        &format!("/api/v1/notes/{copy}/not-interested"),
        Some(&d),
        None,
    )
    .await;
    assert_eq!(res.status.as_u16(), 204);
    let mut cursor: Option<String> = None;
    for _ in 0..3 {
        let page = for_you(&app, Some(&d), cursor.as_deref()).await;
        let ids = page_ids(&page);
        assert!(!ids.contains(&shown) && !ids.contains(&copy), "{ids:?}");
        cursor = page["next_cursor"].as_str().map(str::to_string);
    }
}

/// A signed-in person's note searches add to their taste: after searching for travel in both
/// languages, travel leads their next For-you page.
#[tokio::test]
async fn note_searches_add_to_taste() {
    let app = test_app(SMALL_WORLD).await;
    let guest = page_ids(&for_you(&app, None, None).await);
    let travel: i64 = sqlx::query_scalar("SELECT id FROM channels WHERE slug = 'travel'")
        .fetch_one(&app.state.db)
        .await
        .expect("travel");
    let share = |channels: &[i64]| {
        channels.iter().filter(|&&c| c == travel).count() as f64 / channels.len().max(1) as f64
    };
    let guest_share = share(&channels_of(&app, &guest).await);

    let (me, cookie) = common::signed_in_user(&app, "seeker_{n}", "Seeker {n}").await;
    let before = page_ids(&for_you(&app, Some(&cookie), None).await);
    for q in ["travel", "%E6%97%85%E8%A1%8C"] {
        let res = call(
            &app,
            Method::GET,
            &format!("/api/v1/search/notes?q={q}"),
            Some(&cookie),
            None,
        )
        .await;
        assert_eq!(res.status.as_u16(), 200, "search {q}");
    }
    // Searches are recorded off the request path: wait for both.
    let key = format!("u{me}");
    for _ in 0..100 {
        let n: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM search_searchers WHERE searcher = $1")
                .bind(&key)
                .fetch_one(&app.state.db)
                .await
                .expect("count");
        if n >= 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let after = page_ids(&for_you(&app, Some(&cookie), None).await);
    assert_ne!(
        before, after,
        "the page moved after searches (kept list forgotten)"
    );
    let after_share = share(&channels_of(&app, &after).await);
    println!("travel: guest {guest_share:.2}, after two searches {after_share:.2}");
    assert!(after_share >= 0.35, "travel share {after_share}");
    assert!(
        after_share >= 3.0 * guest_share,
        "{after_share} vs {guest_share}"
    );
    // Someone else's page is untouched by these searches.
    let (_other, other) = common::signed_in_user(&app, "seeker_{n}", "Seeker {n}").await;
    assert_eq!(page_ids(&for_you(&app, Some(&other), None).await), before);
}
