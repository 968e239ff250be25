//! Privacy of liked and collected lists, and avatar uploads.

use super::*;

// ---- 11. Privacy of liked and collected lists ----

#[tokio::test]
async fn private_lists_are_shown_to_their_owner_only() {
    let app = test_app(SMALL_WORLD).await;
    let (note, _) = seeded_note(&app).await;
    let owner = sign_up(&app, "Private Person").await;
    let other = sign_up(&app, "Curious").await;
    for on in ["like", "collect"] {
        let res = act(
            &app,
            Method::PUT,
            &format!("/api/v1/notes/{note}/{on}"),
            &owner,
        )
        .await;
        assert_eq!(res.status, StatusCode::OK);
    }
    let likes = format!("/api/v1/users/{}/likes", owner.id);
    let collections = format!("/api/v1/users/{}/collections", owner.id);
    // Public by default.
    assert_eq!(
        ids(&get_as(&app, &likes, Some(&other)).await["items"]),
        [note]
    );
    assert_eq!(
        ids(&get_as(&app, &collections, None).await["items"]),
        [note]
    );

    let res = act_json(
        &app,
        Method::PATCH,
        "/api/v1/me",
        &owner,
        json!({"likes_public": false}),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.json()["likes_public"], false);
    assert_eq!(
        res.json()["collections_public"],
        true,
        "other settings stay"
    );
    for viewer in [Some(&other), None] {
        let res = app
            .request(Method::GET, &likes)
            .maybe_cookie(viewer.map(|a| a.cookie.as_str()))
            .send()
            .await;
        res.expect_error(403, "private_list", "someone else's private likes");
    }
    assert_eq!(
        ids(&get_as(&app, &likes, Some(&owner)).await["items"]),
        [note]
    );
    assert_eq!(
        ids(&get_as(&app, &collections, Some(&other)).await["items"]),
        [note]
    );
    let profile = app.get_json(&format!("/api/v1/users/{}", owner.id)).await;
    assert_eq!(profile["likes_public"], false);
    assert_eq!(profile["collections_public"], true);

    let res = act_json(
        &app,
        Method::PATCH,
        "/api/v1/me",
        &owner,
        json!({"collections_public": false}),
    )
    .await;
    assert_eq!(res.json()["collections_public"], false);
    act(&app, Method::GET, &collections, &other)
        .await
        .expect_error(403, "private_list", "private collections");
    assert_eq!(
        ids(&get_as(&app, &collections, Some(&owner)).await["items"]),
        [note]
    );

    // Back to public.
    act_json(
        &app,
        Method::PATCH,
        "/api/v1/me",
        &owner,
        json!({"likes_public": true}),
    )
    .await;
    assert_eq!(
        ids(&get_as(&app, &likes, Some(&other)).await["items"]),
        [note]
    );
    app.get("/api/v1/users/987654321/likes").await.expect_error(
        404,
        "not_found",
        "likes of a missing user",
    );
}

// ---- 12. Avatar upload ----

#[tokio::test]
async fn avatar_uploads_are_checked_and_served_as_jpeg() {
    let app = test_app(SMALL_WORLD).await;
    let user = sign_up(&app, "Photogenic").await;
    let old_avatar = get_as(&app, "/api/v1/auth/session", Some(&user)).await["me"]["user"]
        ["avatar"]
        .as_str()
        .expect("avatar")
        .to_string();
    let upload = |content_type: &str, bytes: Vec<u8>| {
        app.request(Method::PUT, "/api/v1/me/avatar")
            .cookie(&user.cookie)
            .bytes(content_type, bytes)
            .send()
    };

    // A real (non-square) PNG.
    let png = encode(&gradient(300, 200), image::ImageFormat::Png);
    let res = upload("image/png", png).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.json());
    let avatar = res.json()["user"]["avatar"]
        .as_str()
        .expect("avatar")
        .to_string();
    assert_ne!(avatar, old_avatar);
    assert!(avatar.contains("{w}"), "{avatar}");
    let session = get_as(&app, "/api/v1/auth/session", Some(&user)).await;
    assert_eq!(session["me"]["user"]["avatar"], avatar.as_str());
    let profile = app.get_json(&format!("/api/v1/users/{}", user.id)).await;
    assert_eq!(profile["user"]["avatar"], avatar.as_str());

    let img = app.get(&avatar.replace("{w}", "160")).await;
    assert_eq!(img.status, StatusCode::OK);
    assert_eq!(img.header("content-type"), "image/jpeg");
    assert_eq!(
        image::guess_format(&img.body).expect("format"),
        image::ImageFormat::Jpeg
    );
    let decoded = image::load_from_memory(&img.body).expect("decodes");
    assert_eq!(
        (decoded.width(), decoded.height()),
        (160, 160),
        "square crop"
    );
    let small = app.get(&avatar.replace("{w}", "64")).await;
    assert_eq!(small.status, StatusCode::OK);
    app.get(&avatar.replace("{w}", "999")).await.expect_error(
        404,
        "not_found",
        "unadvertised size",
    );

    // A JPEG sent as JPEG (or as octet-stream) is fine; the same bytes declared PNG are not.
    let jpeg = encode(&gradient(64, 64), image::ImageFormat::Jpeg);
    assert_eq!(
        upload("image/jpeg", jpeg.clone()).await.status,
        StatusCode::OK
    );
    assert_eq!(
        upload("application/octet-stream", jpeg.clone())
            .await
            .status,
        StatusCode::OK
    );
    let current =
        get_as(&app, "/api/v1/auth/session", Some(&user)).await["me"]["user"]["avatar"].clone();
    upload("image/png", jpeg).await.expect_error(
        415,
        "picture_type_mismatch",
        "JPEG bytes declared PNG",
    );
    upload("text/plain", b"just some text, not a picture".to_vec())
        .await
        .expect_error(415, "picture_type", "text file");
    upload("image/png", b"just some text, not a picture".to_vec())
        .await
        .expect_error(415, "picture_type", "text declared PNG");
    upload(
        "image/png",
        encode(&gradient(8, 8), image::ImageFormat::Png),
    )
    .await
    .expect_error(422, "picture_sides", "tiny picture");
    upload("image/png", Vec::new())
        .await
        .expect_error(422, "upload_empty", "empty upload");

    // Over 5 MB: refused before decoding, whether just over or far over.
    let mut big = encode(&gradient(64, 64), image::ImageFormat::Png);
    big.resize(AVATAR_MAX_BYTES + 1, 0);
    upload("image/png", big)
        .await
        .expect_error(413, "avatar_too_large", "just over 5 MB");
    let huge = vec![0u8; AVATAR_MAX_BYTES * 2];
    upload("image/png", huge)
        .await
        .expect_error(413, "avatar_too_large", "10 MB");
    // Failed uploads left the avatar alone.
    let after = get_as(&app, "/api/v1/auth/session", Some(&user)).await;
    assert_eq!(after["me"]["user"]["avatar"], current);
}
