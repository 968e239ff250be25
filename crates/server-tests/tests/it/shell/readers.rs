//! Signed-in readers and user text: boot data that cannot be broken out of, private documents never
//! shared, public ones shared.

use super::*;

// ---- Signed-in readers and user text ----

/// A user with a session (id, cookie).
async fn user(app: &TestApp) -> (i64, String) {
    common::signed_in_user(app, "shell_{n}", "Shell {n}").await
}

#[tokio::test]
async fn user_text_cannot_break_out_of_the_boot_element() {
    let app = shell_app().await;
    let (_, cookie) = user(&app).await;
    let png = common::encode(&gradient(64, 48), image::ImageFormat::Png);
    let upload: Upload = parse(
        &app.request(Method::POST, "/api/v1/uploads")
            .cookie(&cookie)
            .bytes("image/png", png)
            .send()
            .await,
        201,
        "upload",
    );
    // Titles are at most 20 characters; the body takes the whole payload.
    let title = "</script><img src=x>";
    let body =
        "</script><img src=x onerror=alert(1)> <!-- <script>alert(2)</script> & \u{2028} end";
    let res = app
        .request(Method::POST, "/api/v1/notes")
        .cookie(&cookie)
        .json(&json!({"title": title, "body": body, "channel": "food", "image_ids": [upload.id]}))
        .send()
        .await;
    let note: NoteDetail = parse(&res, 201, "publish");

    for who in [None, Some(cookie.as_str())] {
        let res = app
            .request(Method::GET, &format!("/explore/{}", note.id))
            .maybe_cookie(who)
            .send()
            .await;
        let html = text(&res);
        assert!(
            !html.contains("<img src=x"),
            "markup from user text in {html}"
        );
        assert!(!html.contains("alert(2)</script>"));
        let data = boot(&html).expect("boot data parses up to its own end");
        let inline = &data[&paths::note(note.id)];
        assert_eq!(inline["title"], title, "signed in: {}", who.is_some());
        assert_eq!(inline["body"], body);
    }
    // In the feed's inline page too (the food channel, newest first includes it or not:
    // whatever is there must parse).
    let html = text(&get(&app, "/explore?channel=food", &[]).await);
    assert!(!html.contains("<img src=x"));
    assert!(boot(&html).is_some());
}

#[tokio::test]
async fn signed_in_documents_are_their_own_and_never_shared() {
    let app = shell_app().await;
    let card = &app.get_json("/api/v1/feed?channel=recommend").await["items"][0];
    let note_id = card["id"].as_i64().expect("note id");
    let page = format!("/explore/{note_id}");
    let note_path = paths::note(note_id);
    let viewer = |html: &str| boot(html).expect("boot")[&note_path]["viewer"].clone();

    // An anonymous document is built (and cached) first.
    let anon = text(&get(&app, &page, &[("accept-encoding", "br")]).await);
    assert_eq!(viewer(&anon)["liked"], false);

    let (_, alice) = user(&app).await;
    let (_, bob) = user(&app).await;
    let liked = app
        .request(Method::PUT, &format!("/api/v1/notes/{note_id}/like"))
        .cookie(&alice)
        .send()
        .await;
    assert_eq!(liked.status, 200);
    let follow = app
        .request(Method::PUT, &format!("/api/v1/notes/{note_id}/collect"))
        .cookie(&alice)
        .send()
        .await;
    assert_eq!(follow.status, 200);

    for ae in ["br", "gzip", ""] {
        let res = app
            .request(Method::GET, &page)
            .cookie(&alice)
            .header("accept-encoding", ae)
            .send()
            .await;
        assert_eq!(res.header("cache-control"), "no-cache");
        assert_eq!(res.header("vary"), "Cookie, Accept-Encoding");
        let html = text(&res);
        assert_eq!(
            viewer(&html),
            json!({"liked": true, "collected": true, "follows_author": false})
        );
        // The same as Alice's own API call.
        let own = app
            .request(Method::GET, &note_path)
            .cookie(&alice)
            .send()
            .await;
        assert_eq!(boot(&html).expect("boot")[&note_path], own.json());
    }
    // Bob and anonymous readers (cached or rebuilt) never see Alice's flags.
    let bobs = text(&app.request(Method::GET, &page).cookie(&bob).send().await);
    assert_eq!(viewer(&bobs)["liked"], false);
    assert_eq!(viewer(&bobs)["collected"], false);
    for _ in 0..2 {
        let anon = text(&get(&app, &page, &[("accept-encoding", "br")]).await);
        assert_eq!(viewer(&anon)["liked"], false);
        assert_eq!(viewer(&anon)["collected"], false);
    }
    // A signed-in reader's following feed goes inline; it is theirs only.
    let html = text(
        &app.request(Method::GET, "/explore?channel=following")
            .cookie(&alice)
            .send()
            .await,
    );
    assert_eq!(
        keys(&boot(&html).expect("boot")),
        vec![paths::CHANNELS, paths::FOLLOWING_FEED]
    );
}

/// Answers marked public (`Fetch::public`) must not depend on who asks: a reader with likes,
/// collects, follows and a cart gets the same bytes as anyone, so documents made of them are
/// shared by signed-in readers too, without anyone's data.
#[tokio::test]
async fn public_answers_are_the_same_for_everyone_and_their_documents_shared() {
    let app = shell_app().await;
    let feed = app.get_json("/api/v1/feed?channel=recommend").await;
    let (note_id, author) = (
        feed["items"][0]["id"].as_i64().expect("id"),
        feed["items"][0]["author"]["id"].as_i64().expect("author"),
    );
    let product: ProductDetail = parse(&app.get("/api/v1/products/1").await, 200, "product");
    let (_, alice) = user(&app).await;
    for (method, uri, body) in [
        (Method::PUT, format!("/api/v1/notes/{note_id}/like"), None),
        (
            Method::PUT,
            format!("/api/v1/notes/{note_id}/collect"),
            None,
        ),
        (Method::PUT, format!("/api/v1/users/{author}/follow"), None),
        (
            Method::POST,
            "/api/v1/cart/items".to_string(),
            Some(json!({"variant_id": product.variants[0].id, "quantity": 1})),
        ),
    ] {
        let req = app.request(method, &uri).cookie(&alice);
        let res = match body {
            Some(body) => req.json(&body).send().await,
            None => req.send().await,
        };
        assert!(res.status.is_success(), "{uri}: {}", res.status);
    }
    for uri in [
        "/",
        "/explore?channel=food",
        "/product/1",
        "/search?q=%E9%98%B2%E6%99%92",
    ] {
        let plan = zhongcao_server::shell::boot_plan(
            uri.split('?').next().unwrap_or(uri),
            uri.split_once('?').map_or("", |(_, q)| q),
        );
        assert!(plan.is_public(), "{uri}");
        for fetch in &plan.fetches {
            let anyone = app.get(&fetch.path).await;
            let hers = app
                .request(Method::GET, &fetch.path)
                .cookie(&alice)
                .send()
                .await;
            assert_eq!(anyone.status, 200, "{}", fetch.path);
            assert_eq!(
                hers.body, anyone.body,
                "{} depends on the reader",
                fetch.path
            );
        }
        let anon = boot(&text(&get(&app, uri, &[]).await)).expect("boot");
        let signed_in = app.request(Method::GET, uri).cookie(&alice).send().await;
        assert_eq!(signed_in.header("vary"), "Cookie, Accept-Encoding");
        assert_eq!(boot(&text(&signed_in)).expect("boot"), anon, "{uri}");
    }
    // Personal answers are not public.
    assert!(!zhongcao_server::shell::boot_plan("/explore/1", "").is_public());
    assert!(!zhongcao_server::shell::boot_plan("/explore", "channel=following").is_public());
}

#[tokio::test]
async fn a_deleted_note_leaves_the_cached_documents_at_once() {
    let app = shell_app().await;
    let (_, cookie) = user(&app).await;
    let png = common::encode(&gradient(64, 48), image::ImageFormat::Png);
    let upload: Upload = parse(
        &app.request(Method::POST, "/api/v1/uploads")
            .cookie(&cookie)
            .bytes("image/png", png)
            .send()
            .await,
        201,
        "upload",
    );
    let res = app
        .request(Method::POST, "/api/v1/notes")
        .cookie(&cookie)
        .json(&json!({"title": "Soon gone", "body": "here for a moment", "channel": "food", "image_ids": [upload.id]}))
        .send()
        .await;
    let note: NoteDetail = parse(&res, 201, "publish");
    let page = format!("/explore/{}", note.id);
    let note_path = paths::note(note.id);
    let before = boot(&text(&get(&app, &page, &[]).await)).expect("boot");
    assert!(before.contains_key(&note_path));

    let deleted = app
        .request(Method::DELETE, &format!("/api/v1/notes/{}", note.id))
        .cookie(&cookie)
        .send()
        .await;
    assert_eq!(deleted.status, 204);
    let after = boot(&text(&get(&app, &page, &[]).await)).expect("boot");
    assert!(
        !after.contains_key(&note_path),
        "served a cached document with a deleted note"
    );
}
