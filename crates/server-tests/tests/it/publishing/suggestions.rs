//! The editor's topic and people suggestions.

use super::*;

// ---- Suggestions ----

#[tokio::test]
async fn the_editor_suggests_topics_and_people_one_follows() {
    let app = test_app(SMALL_WORLD).await;
    let me = user(&app, "Typist").await;
    let a = user(&app, "Alpha咖啡").await;
    let b = user(&app, "Beta").await;
    let c = user(&app, "咖啡Gamma").await;
    let _not_followed = user(&app, "Alpha咖啡二号").await;
    for u in [&a, &b, &c] {
        follow(&app, &me, u.id).await;
        // Distinct follow times: most recent first when nothing is typed.
        tokio::time::sleep(Duration::from_millis(5)).await;
        sqlx::query("UPDATE follows SET created_at = created_at + $1 WHERE follower_id = $2 AND followee_id = $3")
            .bind(u.id)
            .bind(me.id)
            .bind(u.id)
            .execute(&app.state.db)
            .await
            .expect("spread follow times");
    }
    let names = |list: &[UserSummary]| list.iter().map(|u| u.id).collect::<Vec<_>>();
    let all: Vec<UserSummary> = get(&app, "/api/v1/me/following/suggest?q=", Some(&me)).await;
    assert_eq!(names(&all), [c.id, b.id, a.id]);
    let coffee: Vec<UserSummary> = get(
        &app,
        "/api/v1/me/following/suggest?q=%E5%92%96%E5%95%A1",
        Some(&me),
    )
    .await;
    assert_eq!(
        names(&coffee),
        [c.id, a.id],
        "starts-with first, only people I follow"
    );
    let by_username: Vec<UserSummary> =
        get(&app, "/api/v1/me/following/suggest?q=%40writer_", Some(&me)).await;
    assert_eq!(by_username.len(), 3, "usernames match too, @ ignored");
    let literal: Vec<UserSummary> =
        get(&app, "/api/v1/me/following/suggest?q=%25", Some(&me)).await;
    assert!(literal.is_empty(), "% is a character, not a wildcard");
    call(
        &app,
        Method::GET,
        "/api/v1/me/following/suggest?q=a",
        None,
        None,
    )
    .await
    .expect_error(401, "unauthorized", "guest");

    // Topics: seeded ones by use; prefix matches before contains.
    let popular: Vec<TopicSuggestion> = get(&app, "/api/v1/topics/suggest", None).await;
    assert_eq!(popular.len(), 8);
    assert!(popular
        .windows(2)
        .all(|w| w[0].note_count >= w[1].note_count));
    let top = &popular[0].name;
    let first: String = top.chars().take(1).collect();
    let matching: Vec<TopicSuggestion> = get(
        &app,
        &format!("/api/v1/topics/suggest?q=%23{}", urlencode(&first)),
        None,
    )
    .await;
    assert!(matching.iter().any(|t| &t.name == top));
    let starts = matching
        .iter()
        .take_while(|t| t.name.starts_with(&first))
        .count();
    assert!(matching[starts..]
        .iter()
        .all(|t| !t.name.starts_with(&first)));
}

fn urlencode(s: &str) -> String {
    s.bytes().map(|b| format!("%{b:02X}")).collect()
}
