//! For-you cards say why they are there ("Why am I seeing this?").

use super::*;

/// Every card of the personal list says why it is there; no other list does.
fn reasons(page: &Value) -> Vec<Value> {
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|n| n["reason"].clone())
        .collect()
}

/// "Why am I seeing this?": a followed creator's notes say so by name; after likes of travel
/// notes, cards name the travel channel or the liked note that brought them; the shared feed
/// carries no reasons.
#[tokio::test]
async fn for_you_cards_say_why_they_are_there() {
    let app = test_app(SMALL_WORLD).await;
    let shared = app.get_json("/api/v1/feed").await;
    assert!(
        reasons(&shared).iter().all(Value::is_null),
        "the shared feed explains nothing"
    );

    let (_me, cookie) = common::signed_in_user(&app, "why_{n}", "Why {n}").await;
    let cold = for_you(&app, Some(&cookie), None).await;
    for reason in reasons(&cold) {
        let kind = reason["kind"].as_str().expect("every card has a reason");
        assert!(["popular", "fresh"].contains(&kind), "cold start: {reason}");
    }

    // Follow the author of a note that is not on the cold page's first rows.
    let (author, name): (i64, String) = sqlx::query_as(
        "SELECT u.id, u.display_name FROM users u JOIN notes n ON n.author_id = u.id \
         WHERE n.hidden_at IS NULL GROUP BY u.id HAVING COUNT(*) >= 3 ORDER BY u.id LIMIT 1",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("an author");
    let res = call(
        &app,
        Method::PUT,
        &format!("/api/v1/users/{author}/follow"),
        Some(&cookie),
        None,
    )
    .await;
    assert!(res.status.is_success(), "follow: {}", res.status);
    let page = for_you(&app, Some(&cookie), None).await;
    let theirs: Vec<&Value> = page["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|n| n["author"]["id"].as_i64() == Some(author))
        .collect();
    assert!(!theirs.is_empty(), "a followed creator shows up: {page}");
    for card in theirs {
        assert_eq!(
            card["reason"],
            json!({ "kind": "following", "author": name }),
            "{card}"
        );
    }

    // A dozen travel likes: the page explains itself by travel or by a liked note.
    let picks = app.get_json("/api/v1/feed?channel=travel&limit=12").await;
    let mut liked_titles = Vec::new();
    for card in picks["items"].as_array().expect("items") {
        let id = card["id"].as_i64().expect("id");
        liked_titles.push(card["title"].as_str().expect("title").to_string());
        let res = call(
            &app,
            Method::PUT,
            &format!("/api/v1/notes/{id}/like"),
            Some(&cookie),
            None,
        )
        .await;
        assert_eq!(res.status.as_u16(), 200, "like {id}");
    }
    let page = for_you(&app, Some(&cookie), None).await;
    let why = reasons(&page);
    assert!(why.iter().all(|r| r["kind"].is_string()), "{page}");
    let by_taste = why
        .iter()
        .filter(|r| {
            (r["kind"] == "channel" && r["channel"]["slug"] == "travel")
                || (r["kind"] == "also_liked"
                    && liked_titles
                        .iter()
                        .any(|t| r["note_title"].as_str() == Some(t.as_str())))
        })
        .count();
    println!("reasons after travel likes: {why:?}");
    assert!(by_taste >= 3, "{by_taste} cards by travel taste: {why:?}");
    // Channel reasons carry the whole channel, named in both languages.
    for r in why
        .iter()
        .filter(|r| r["kind"] == "channel" || r["kind"] == "popular")
    {
        assert!(r["channel"]["name_zh"].is_string() && r["channel"]["name_en"].is_string());
    }
}
