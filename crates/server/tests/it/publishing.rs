//! Publishing through the HTTP API (tower `oneshot`, one seeded app per test): uploads and
//! what they refuse (types, sizes, spoofed types, image bombs), publishing and where the note
//! shows up at once, validation, edit/delete permissions, drafts, rate limits, duplicates,
//! reports hiding content, views and the creator center. Responses are parsed into the shared
//! DTOs where the client depends on them.

use crate::common;

use std::time::{Duration, Instant};

use crate::common::{encode, gradient, parse, test_app, TestApp, TestResponse, SMALL_WORLD};
use api_types::{
    CreatorStats, Draft, FeedPage, NoteDetail, NotificationPage, ReportResult, TopicSuggestion,
    Upload, UserSummary, IMAGE_WIDTHS, MAX_NOTE_IMAGES, REPORT_HIDE_THRESHOLD, UPLOAD_MAX_BYTES,
};
use axum::http::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use zhongcao_server::api::drafts::MAX_DRAFTS;
use zhongcao_server::{app_day, app_day_start, now_unix};

// ---- Helpers ----

/// A signed-in user: id and `zc_session=…` cookie.
#[derive(Clone, Debug)]
struct User {
    id: i64,
    cookie: String,
}

/// A fresh account with a session.
async fn user(app: &TestApp, display_name: &str) -> User {
    let (id, cookie) = common::signed_in_user(app, "writer_{n}", display_name).await;
    User { id, cookie }
}

async fn call(
    app: &TestApp,
    method: Method,
    uri: &str,
    who: Option<&User>,
    body: Option<Value>,
) -> TestResponse {
    let req = app
        .request(method, uri)
        .maybe_cookie(who.map(|u| u.cookie.as_str()));
    match body {
        Some(body) => req.json(&body).send().await,
        None => req.send().await,
    }
}

async fn get<T: DeserializeOwned>(app: &TestApp, uri: &str, who: Option<&User>) -> T {
    parse(&call(app, Method::GET, uri, who, None).await, 200, uri)
}

/// The field names of a 422 `Fields` error.
fn error_fields(res: &TestResponse, what: &str) -> Vec<String> {
    let body = res.expect_error(422, "validation", what);
    body["error"]["fields"]
        .as_array()
        .expect("error.fields")
        .iter()
        .map(|f| f["field"].as_str().expect("field").to_string())
        .collect()
}

fn png(w: u32, h: u32) -> Vec<u8> {
    encode(&gradient(w, h), image::ImageFormat::Png)
}

fn jpeg(w: u32, h: u32) -> Vec<u8> {
    encode(&gradient(w, h), image::ImageFormat::Jpeg)
}

async fn upload_raw(
    app: &TestApp,
    who: Option<&User>,
    content_type: &str,
    bytes: Vec<u8>,
) -> TestResponse {
    app.request(Method::POST, "/api/v1/uploads")
        .maybe_cookie(who.map(|u| u.cookie.as_str()))
        .bytes(content_type, bytes)
        .send()
        .await
}

/// Uploads a small PNG that must be accepted.
async fn upload(app: &TestApp, who: &User) -> Upload {
    parse(
        &upload_raw(app, Some(who), "image/png", png(64, 48)).await,
        201,
        "upload",
    )
}

fn note(title: &str, body: &str, channel: &str, images: &[i64]) -> Value {
    json!({"title": title, "body": body, "channel": channel, "image_ids": images})
}

async fn publish_raw(app: &TestApp, who: &User, input: Value) -> TestResponse {
    call(app, Method::POST, "/api/v1/notes", Some(who), Some(input)).await
}

async fn publish(app: &TestApp, who: &User, input: Value) -> NoteDetail {
    parse(&publish_raw(app, who, input).await, 201, "publish")
}

fn ids(page: &FeedPage) -> Vec<i64> {
    page.items.iter().map(|c| c.id).collect()
}

async fn search_ids(app: &TestApp, q: &str) -> Vec<i64> {
    let page: Value = app
        .get_json(&format!("/api/v1/search/notes?q={q}&limit=50"))
        .await;
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["id"].as_i64().expect("id"))
        .collect()
}

async fn follow(app: &TestApp, who: &User, target: i64) {
    let res = call(
        app,
        Method::PUT,
        &format!("/api/v1/users/{target}/follow"),
        Some(who),
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "follow: {}", res.json());
}

/// A PNG whose header claims `w`×`h` pixels, in a few dozen bytes (an image bomb's shape).
fn png_claiming(w: u32, h: u32) -> Vec<u8> {
    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
            }
        }
        !crc
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend(data);
        out.extend(&body);
        out.extend(crc32(&body).to_be_bytes());
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]); // 8-bit RGB
    chunk(&mut out, b"IHDR", &ihdr);
    // An empty zlib stream: the pixels would have to come from somewhere else.
    chunk(
        &mut out,
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    );
    chunk(&mut out, b"IEND", &[]);
    out
}

/// A JPEG carrying an EXIF block with orientation `orientation` and a GPS-like secret.
fn jpeg_with_exif(w: u32, h: u32, orientation: u16) -> Vec<u8> {
    let plain = jpeg(w, h);
    // TIFF (big-endian), one IFD entry: 0x0112 Orientation, SHORT, 1, value.
    let mut tiff = b"MM\x00\x2a\x00\x00\x00\x08".to_vec();
    tiff.extend([0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01]);
    tiff.extend(orientation.to_be_bytes());
    tiff.extend([0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
    tiff.extend(b"GPS-SECRET-31.2304N-121.4737E");
    let mut app1 = b"Exif\x00\x00".to_vec();
    app1.extend(tiff);
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend(((app1.len() + 2) as u16).to_be_bytes());
    out.extend(app1);
    out.extend(&plain[2..]); // the rest after SOI
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

// ---- Uploads ----

#[tokio::test]
async fn uploads_are_checked_stripped_and_served_at_the_feed_widths() {
    let app = test_app(SMALL_WORLD).await;
    let me = user(&app, "Uploader").await;

    // A real PNG, wider than the largest rendition: stored 1080 wide, same shape.
    let res = upload_raw(&app, Some(&me), "image/png", png(1600, 1200)).await;
    let up: Upload = parse(&res, 201, "png upload");
    assert_eq!((up.image.width, up.image.height), (1080, 810));
    assert!(up.image.placeholder.top.starts_with('#') && up.image.placeholder.top.len() == 7);
    for w in IMAGE_WIDTHS {
        let img = app.get(&up.image.url(w)).await;
        assert_eq!(img.status, StatusCode::OK, "width {w}");
        assert_eq!(img.header("content-type"), "image/jpeg");
        let decoded = image::load_from_memory(&img.body).expect("a JPEG");
        assert_eq!(
            (decoded.width(), decoded.height()),
            (w, w * 3 / 4),
            "width {w}"
        );
    }
    app.get(&up.image.url(999))
        .await
        .expect_error(404, "not_found", "unadvertised width");

    // A JPEG is fine as JPEG and as octet-stream; its EXIF (GPS, orientation) is applied and
    // dropped: a 48x32 picture marked "rotate 90°" is stored upright as 32x48.
    let exif = jpeg_with_exif(48, 32, 6);
    assert!(contains(&exif, b"GPS-SECRET"));
    let up: Upload = parse(
        &upload_raw(&app, Some(&me), "image/jpeg", exif.clone()).await,
        201,
        "jpeg with exif",
    );
    assert_eq!(
        (up.image.width, up.image.height),
        (32, 48),
        "turned upright"
    );
    let key = up
        .image
        .url_template
        .split('/')
        .nth(3)
        .expect("key")
        .to_string();
    let source = std::fs::read(app.dir.path().join("images/src").join(format!("{key}.jpg")))
        .expect("stored source");
    assert!(!contains(&source, b"GPS-SECRET") && !contains(&source, b"Exif"));
    let served = app.get(&up.image.url(240)).await;
    assert!(!contains(&served.body, b"GPS-SECRET"));
    assert_eq!(
        upload_raw(&app, Some(&me), "application/octet-stream", jpeg(40, 40))
            .await
            .status,
        StatusCode::CREATED
    );

    // Bigger than an avatar may be (5 MB) but within 10 MB: this route allows it.
    let mut rng = fastrand::Rng::with_seed(7);
    let noise = image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(1500, 1500, |_, _| {
        image::Rgb([rng.u8(..), rng.u8(..), rng.u8(..)])
    }));
    let big = encode(&noise, image::ImageFormat::Png);
    assert!(
        big.len() > 6 * 1024 * 1024 && big.len() < UPLOAD_MAX_BYTES,
        "{}",
        big.len()
    );
    let res = upload_raw(&app, Some(&me), "image/png", big).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.json());

    // Refusals, each with a clear JSON error.
    upload_raw(&app, Some(&me), "text/plain", b"just some text".to_vec())
        .await
        .expect_error(415, "unsupported_media_type", "text");
    upload_raw(&app, Some(&me), "image/png", b"just some text".to_vec())
        .await
        .expect_error(415, "unsupported_media_type", "text declared PNG");
    let body = upload_raw(&app, Some(&me), "image/png", jpeg(40, 40))
        .await
        .expect_error(415, "unsupported_media_type", "JPEG bytes declared PNG");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap_or("")
        .contains("image/jpeg"));
    upload_raw(&app, Some(&me), "image/png", Vec::new())
        .await
        .expect_error(422, "validation", "empty");
    let mut over = png(64, 64);
    over.resize(UPLOAD_MAX_BYTES + 1, 0);
    let body = upload_raw(&app, Some(&me), "image/png", over)
        .await
        .expect_error(413, "too_large", "just over 10 MB");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap_or("")
        .contains("10 MB"));
    upload_raw(
        &app,
        Some(&me),
        "image/png",
        vec![0u8; UPLOAD_MAX_BYTES * 2],
    )
    .await
    .expect_error(413, "too_large", "20 MB");
    upload_raw(&app, None, "image/png", png(32, 32))
        .await
        .expect_error(401, "unauthorized", "guest");
    // Only the four accepted uploads exist.
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM uploads WHERE user_id = ?")
        .bind(me.id)
        .fetch_one(&app.state.db)
        .await
        .expect("count");
    assert_eq!(count, 4);
}

#[tokio::test]
async fn image_bombs_are_refused_before_decoding() {
    let app = test_app(SMALL_WORLD).await;
    let me = user(&app, "Bomber").await;
    // 50,000 x 50,000 RGB would be 7.5 GB decoded; 9,000 x 9,000 fits the side limit but not
    // the pixel budget (243 MB decoded). Both files are under 100 bytes.
    for (w, h) in [(50_000, 50_000), (9_000, 9_000), (12_001, 100)] {
        let bomb = png_claiming(w, h);
        assert!(bomb.len() < 100);
        let started = Instant::now();
        let res = upload_raw(&app, Some(&me), "image/png", bomb).await;
        let took = started.elapsed();
        let body = res.expect_error(422, "validation", &format!("{w}x{h}"));
        assert!(
            took < Duration::from_millis(500),
            "{w}x{h} took {took:?}: it was decoded"
        );
        let message = body["error"]["message"].as_str().unwrap_or("");
        assert!(message.contains("pixels"), "{w}x{h}: {message}");
    }
    // A well-formed header with truncated pixel data is unreadable, not a crash.
    let mut truncated = png(300, 300);
    truncated.truncate(truncated.len() / 2);
    upload_raw(&app, Some(&me), "image/png", truncated)
        .await
        .expect_error(422, "validation", "truncated");
}

#[tokio::test]
async fn uploads_are_rate_limited_per_account() {
    let app = test_app(SMALL_WORLD).await;
    let me = user(&app, "Eager").await;
    let other = user(&app, "Patient").await;
    let small = png(16, 16);
    for i in 0..60 {
        let res = upload_raw(&app, Some(&me), "image/png", small.clone()).await;
        assert_eq!(res.status, StatusCode::CREATED, "upload {i}");
    }
    let res = upload_raw(&app, Some(&me), "image/png", small.clone()).await;
    res.expect_error(429, "rate_limited", "61st upload");
    let wait: u64 = res.header("retry-after").parse().expect("Retry-After");
    assert!((1..=600).contains(&wait), "{wait}");
    assert_eq!(
        upload_raw(&app, Some(&other), "image/png", small)
            .await
            .status,
        StatusCode::CREATED,
        "other accounts are not limited"
    );
}

// ---- Publishing ----

#[tokio::test]
async fn a_published_note_is_everywhere_at_once() {
    let app = test_app(SMALL_WORLD).await;
    let author = user(&app, "Writer").await;
    let fan = user(&app, "Fan").await;
    follow(&app, &fan, author.id).await;
    // Two people called 同名小米: the author follows the newer one, who is the one meant.
    let stranger = user(&app, "同名小米").await;
    let friend = user(&app, "同名小米").await;
    follow(&app, &author, friend.id).await;
    let product: i64 = sqlx::query_scalar("SELECT MIN(id) FROM products")
        .fetch_one(&app.state.db)
        .await
        .expect("product");

    // Pages cached before publishing must not hide the new note afterwards.
    let before_profile: api_types::UserProfile =
        get(&app, &format!("/api/v1/users/{}", author.id), None).await;
    let _: FeedPage = get(&app, "/api/v1/feed?channel=food", None).await;
    let _: FeedPage = get(&app, "/api/v1/feed", None).await;

    let pics = [upload(&app, &author).await, upload(&app, &author).await];
    let mut input = note(
        "Qwertyzz 早餐",
        "周末的早餐 with @同名小米, thanks!\n#早餐灵感Qz #brunchqz",
        "food",
        &[pics[1].id, pics[0].id],
    );
    input["product_ids"] = json!([product]);
    input["location"] = json!(" 上海 ");
    let note = publish(&app, &author, input).await;
    assert_eq!(note.title, "Qwertyzz 早餐");
    assert_eq!(note.channel.slug, "food");
    assert_eq!(note.author.id, author.id);
    assert_eq!(note.location.as_deref(), Some("上海"));
    assert_eq!(
        note.images,
        vec![pics[1].image.clone(), pics[0].image.clone()]
    );
    assert_eq!(note.topics, ["brunchqz", "早餐灵感Qz"]);
    assert_eq!(note.mentions.len(), 1);
    assert_eq!(note.mentions[0].user_id, friend.id, "the followed namesake");
    assert_eq!(
        note.products.iter().map(|p| p.id).collect::<Vec<_>>(),
        [product]
    );
    assert!(!note.hidden);

    let profile: FeedPage = get(&app, &format!("/api/v1/feed?author={}", author.id), None).await;
    assert_eq!(ids(&profile), [note.id], "author's profile");
    let after_profile: api_types::UserProfile =
        get(&app, &format!("/api/v1/users/{}", author.id), None).await;
    assert_eq!(after_profile.note_count, before_profile.note_count + 1);
    let channel: FeedPage = get(&app, "/api/v1/feed?channel=food", None).await;
    assert!(
        ids(&channel).contains(&note.id),
        "first page of its channel"
    );
    let mixed: FeedPage = get(&app, "/api/v1/feed", None).await;
    let rank = ids(&mixed).iter().position(|id| *id == note.id);
    assert!(
        rank.is_some_and(|r| r < 10),
        "near the top of For you: {rank:?}"
    );
    let following: FeedPage = get(&app, "/api/v1/feed/following", Some(&fan)).await;
    assert_eq!(
        ids(&following).first(),
        Some(&note.id),
        "follower's feed, newest first"
    );
    let topic: FeedPage = get(&app, "/api/v1/feed?topic=brunchqz", None).await;
    assert_eq!(ids(&topic), [note.id], "topic page");
    assert_eq!(
        search_ids(&app, "qwertyzz").await,
        [note.id],
        "search, immediately"
    );
    let topics: Vec<TopicSuggestion> = get(&app, "/api/v1/topics/suggest?q=brunch", None).await;
    assert_eq!(
        topics.first().map(|t| (t.name.as_str(), t.note_count)),
        Some(("brunchqz", 1))
    );

    // The mentioned friend is told; the namesake is not.
    let told: NotificationPage =
        get(&app, "/api/v1/notifications?tab=comments", Some(&friend)).await;
    let mention = told.items.first().expect("a notification");
    assert_eq!(mention.kind, api_types::NotificationKind::Mention);
    assert_eq!(mention.actor.id, author.id);
    assert_eq!(mention.note.as_ref().map(|n| n.id), Some(note.id));
    assert_eq!(mention.comment_id, None);
    let nothing: NotificationPage =
        get(&app, "/api/v1/notifications?tab=comments", Some(&stranger)).await;
    assert!(nothing.items.is_empty());
}

#[tokio::test]
async fn publishing_answers_every_invalid_field() {
    let app = test_app(SMALL_WORLD).await;
    let me = user(&app, "Careful").await;
    let other = user(&app, "Other").await;
    let mine = upload(&app, &me).await;
    let theirs = upload(&app, &other).await;

    let res = publish_raw(&app, &me, note("  ", "text", "food", &[mine.id])).await;
    assert_eq!(error_fields(&res, "empty title"), ["title"]);
    let res = publish_raw(
        &app,
        &me,
        note(
            "这是一个非常非常非常长的标题超过二十个字了",
            "",
            "food",
            &[mine.id],
        ),
    )
    .await;
    assert_eq!(error_fields(&res, "long title"), ["title"]);
    let ten: Vec<i64> = vec![mine.id; MAX_NOTE_IMAGES + 1];
    let res = publish_raw(&app, &me, note("Ten", "", "food", &ten)).await;
    assert_eq!(error_fields(&res, "too many images"), ["image_ids"]);
    let res = publish_raw(&app, &me, note("None", "", "food", &[])).await;
    assert_eq!(error_fields(&res, "no image"), ["image_ids"]);
    let res = publish_raw(&app, &me, note("Theirs", "", "food", &[theirs.id])).await;
    assert_eq!(error_fields(&res, "someone else's upload"), ["image_ids"]);
    let res = publish_raw(&app, &me, note("Twice", "", "food", &[mine.id, mine.id])).await;
    assert_eq!(error_fields(&res, "same upload twice"), ["image_ids"]);
    let res = publish_raw(&app, &me, note("Where", "", "nowhere", &[mine.id])).await;
    assert_eq!(error_fields(&res, "unknown channel"), ["channel"]);
    let res = publish_raw(&app, &me, note("Mixed", "", "recommend", &[mine.id])).await;
    assert_eq!(error_fields(&res, "the virtual channel"), ["channel"]);
    let mut input = note("Shop", "", "food", &[mine.id]);
    input["product_ids"] = json!([999_999]);
    let res = publish_raw(&app, &me, input).await;
    assert_eq!(error_fields(&res, "unknown product"), ["product_ids"]);
    // Everything wrong at once is answered at once.
    let res = publish_raw(&app, &me, note("", "", "nowhere", &[theirs.id])).await;
    assert_eq!(
        error_fields(&res, "all wrong"),
        ["title", "channel", "image_ids"]
    );
    // Nothing was published; guests are asked to sign in.
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notes WHERE author_id = ?")
        .bind(me.id)
        .fetch_one(&app.state.db)
        .await
        .expect("count");
    assert_eq!(count, 0);
    call(
        &app,
        Method::POST,
        "/api/v1/notes",
        None,
        Some(note("Guest", "", "food", &[mine.id])),
    )
    .await
    .expect_error(401, "unauthorized", "guest");
}

#[tokio::test]
async fn only_the_author_edits_or_deletes_and_deleting_removes_it_everywhere() {
    let app = test_app(SMALL_WORLD).await;
    let author = user(&app, "Owner").await;
    let other = user(&app, "Meddler").await;
    let pic = upload(&app, &author).await;
    let n = publish(
        &app,
        &author,
        note("Zyxwvut 初稿", "#draftyqz", "travel", &[pic.id]),
    )
    .await;
    let uri = format!("/api/v1/notes/{}", n.id);
    let edit = note("Plughzz 定稿", "改好了 #finalqz", "home", &[]);

    call(&app, Method::PATCH, &uri, Some(&other), Some(edit.clone()))
        .await
        .expect_error(403, "forbidden", "someone else edits");
    call(&app, Method::PATCH, &uri, None, Some(edit.clone()))
        .await
        .expect_error(401, "unauthorized", "guest edits");
    call(
        &app,
        Method::PATCH,
        "/api/v1/notes/999999",
        Some(&author),
        Some(edit.clone()),
    )
    .await
    .expect_error(404, "not_found", "unknown note");
    let res = call(
        &app,
        Method::PATCH,
        &uri,
        Some(&author),
        Some(note("", "", "home", &[])),
    )
    .await;
    assert_eq!(error_fields(&res, "edit with no title"), ["title"]);

    // The author's edit: new text, topics and channel; no image_ids keeps the photos.
    let edited: NoteDetail = parse(
        &call(&app, Method::PATCH, &uri, Some(&author), Some(edit)).await,
        200,
        "edit",
    );
    assert_eq!(edited.title, "Plughzz 定稿");
    assert_eq!(edited.topics, ["finalqz"]);
    assert_eq!(edited.channel.slug, "home");
    assert_eq!(edited.images, vec![pic.image.clone()]);
    assert_eq!(search_ids(&app, "plughzz").await, [n.id]);
    assert!(
        search_ids(&app, "zyxwvut").await.is_empty(),
        "the old title is gone"
    );
    let old_topic: FeedPage = get(&app, "/api/v1/feed?topic=draftyqz", None).await;
    assert!(old_topic.items.is_empty());
    // New photos replace the old ones, cover included.
    let pic2 = upload(&app, &author).await;
    let edited: NoteDetail = parse(
        &call(
            &app,
            Method::PATCH,
            &uri,
            Some(&author),
            Some(note("Plughzz 定稿", "改好了 #finalqz", "home", &[pic2.id])),
        )
        .await,
        200,
        "edit photos",
    );
    assert_eq!(edited.images, vec![pic2.image.clone()]);
    let card: FeedPage = get(&app, &format!("/api/v1/feed?author={}", author.id), None).await;
    assert_eq!(card.items[0].cover, pic2.image);

    // Deleting.
    call(&app, Method::DELETE, &uri, Some(&other), None)
        .await
        .expect_error(403, "forbidden", "someone else deletes");
    call(&app, Method::DELETE, &uri, None, None)
        .await
        .expect_error(401, "unauthorized", "guest deletes");
    let res = call(&app, Method::DELETE, &uri, Some(&author), None).await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    app.expect_error(&uri, 404, "not_found").await;
    assert!(
        search_ids(&app, "plughzz").await.is_empty(),
        "out of search"
    );
    let feed: FeedPage = get(&app, "/api/v1/feed?channel=home", None).await;
    assert!(!ids(&feed).contains(&n.id), "out of the channel feed");
    let profile: api_types::UserProfile =
        get(&app, &format!("/api/v1/users/{}", author.id), None).await;
    assert_eq!(profile.note_count, 0);
    let topics: Vec<TopicSuggestion> = get(&app, "/api/v1/topics/suggest?q=finalqz", None).await;
    assert!(topics.is_empty(), "its topic has no notes left");
    call(&app, Method::DELETE, &uri, Some(&author), None)
        .await
        .expect_error(404, "not_found", "deleted twice");
}

// ---- Drafts ----

#[tokio::test]
async fn drafts_autosave_resume_and_go_away_when_published() {
    let app = test_app(SMALL_WORLD).await;
    let me = user(&app, "Drafter").await;
    let other = user(&app, "Snoop").await;
    let pic = upload(&app, &me).await;
    let product: i64 = sqlx::query_scalar("SELECT MIN(id) FROM products")
        .fetch_one(&app.state.db)
        .await
        .expect("product");

    let first: Draft = parse(
        &call(
            &app,
            Method::POST,
            "/api/v1/drafts",
            Some(&me),
            Some(json!({"title": "", "body": "周"})),
        )
        .await,
        201,
        "start a draft",
    );
    assert_eq!(
        (
            first.title.as_str(),
            first.body.as_str(),
            first.channel.as_str()
        ),
        ("", "周", "")
    );
    let uri = format!("/api/v1/drafts/{}", first.id);
    // Autosave as the text grows; a title longer than publishing allows is kept.
    let long_title = "一个很长很长很长很长很长很长很长很长的草稿标题";
    let mut last = first.clone();
    for body in ["周末", "周末去", "周末去哪儿 #citywalk"] {
        let mut input = note(long_title, body, "travel", &[pic.id]);
        input["product_ids"] = json!([product]);
        input["location"] = json!("杭州");
        last = parse(
            &call(&app, Method::PUT, &uri, Some(&me), Some(input)).await,
            200,
            "autosave",
        );
        assert_eq!(last.body, body);
    }
    assert!(last.updated_at >= first.updated_at);
    // A failed upload in between leaves the draft alone.
    upload_raw(&app, Some(&me), "image/png", b"not a picture".to_vec())
        .await
        .expect_error(415, "unsupported_media_type", "bad upload");
    let list: Vec<Draft> = get(&app, "/api/v1/drafts", Some(&me)).await;
    assert_eq!(list, vec![last.clone()], "resume: the latest save");
    assert_eq!(last.title, long_title);
    assert_eq!(last.images, vec![pic.clone()]);
    assert_eq!(
        last.products.iter().map(|p| p.id).collect::<Vec<_>>(),
        [product]
    );
    assert_eq!(last.location.as_deref(), Some("杭州"));

    // Others cannot see or touch it.
    let theirs: Vec<Draft> = get(&app, "/api/v1/drafts", Some(&other)).await;
    assert!(theirs.is_empty());
    call(
        &app,
        Method::PUT,
        &uri,
        Some(&other),
        Some(note("x", "", "", &[])),
    )
    .await
    .expect_error(404, "not_found", "someone else's draft");
    call(&app, Method::DELETE, &uri, Some(&other), None)
        .await
        .expect_error(404, "not_found", "someone else deletes a draft");
    call(&app, Method::GET, "/api/v1/drafts", None, None)
        .await
        .expect_error(401, "unauthorized", "guest");

    // Size limits only, and pictures must be one's own.
    let res = call(
        &app,
        Method::PUT,
        &uri,
        Some(&me),
        Some(note(&"长".repeat(101), "", "", &[])),
    )
    .await;
    assert_eq!(error_fields(&res, "huge title"), ["title"]);
    let theirs = upload(&app, &other).await;
    let res = call(
        &app,
        Method::PUT,
        &uri,
        Some(&me),
        Some(note("t", "", "", &[theirs.id])),
    )
    .await;
    assert_eq!(error_fields(&res, "someone else's picture"), ["image_ids"]);
    let list: Vec<Draft> = get(&app, "/api/v1/drafts", Some(&me)).await;
    assert_eq!(list, vec![last.clone()], "refused saves change nothing");

    // Publishing from the draft (with a proper title) deletes it.
    let mut input = note("周末去哪儿", &last.body, "travel", &[pic.id]);
    input["draft_id"] = json!(last.id);
    let published = publish(&app, &me, input).await;
    assert_eq!(published.topics, ["citywalk"]);
    let list: Vec<Draft> = get(&app, "/api/v1/drafts", Some(&me)).await;
    assert!(list.is_empty(), "the draft is gone");

    // At most 50 drafts.
    for i in 0..MAX_DRAFTS {
        let res = call(
            &app,
            Method::POST,
            "/api/v1/drafts",
            Some(&me),
            Some(note(&format!("d{i}"), "", "", &[])),
        )
        .await;
        assert_eq!(res.status, StatusCode::CREATED, "draft {i}");
    }
    let res = call(
        &app,
        Method::POST,
        "/api/v1/drafts",
        Some(&me),
        Some(note("one more", "", "", &[])),
    )
    .await;
    res.expect_error(422, "validation", "51st draft");
    let list: Vec<Draft> = get(&app, "/api/v1/drafts", Some(&me)).await;
    assert_eq!(list.len() as i64, MAX_DRAFTS);
    assert_eq!(
        list[0].title,
        format!("d{}", MAX_DRAFTS - 1),
        "newest first"
    );
    let res = call(
        &app,
        Method::DELETE,
        &format!("/api/v1/drafts/{}", list[0].id),
        Some(&me),
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
}

// ---- Trust: rate limits, duplicates, reports ----

#[tokio::test]
async fn publishing_is_rate_limited_and_duplicates_are_refused() {
    let app = test_app(SMALL_WORLD).await;
    let me = user(&app, "Prolific").await;
    let other = user(&app, "Copycat").await;
    let pic = upload(&app, &me).await;
    let their_pic = upload(&app, &other).await;

    let first = publish(
        &app,
        &me,
        note("Morning Run", "Five  km\nbefore work", "fitness", &[pic.id]),
    )
    .await;
    // The same words, differently cased and spaced: a duplicate within 24 hours.
    let res = publish_raw(
        &app,
        &me,
        note(
            " morning run ",
            "five km before   WORK ",
            "fitness",
            &[pic.id],
        ),
    )
    .await;
    let body = res.expect_error(409, "duplicate_note", "duplicate");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap_or("")
        .contains("24 hours"));
    // Someone else may say the same; so may an edit of the note itself.
    publish(
        &app,
        &other,
        note(
            "Morning Run",
            "Five km before work",
            "fitness",
            &[their_pic.id],
        ),
    )
    .await;
    let res = call(
        &app,
        Method::PATCH,
        &format!("/api/v1/notes/{}", first.id),
        Some(&me),
        Some(note("Morning run", "five km before work", "fitness", &[])),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.json());

    // Four more make five in ten minutes; the sixth waits.
    for i in 2..=5 {
        publish(
            &app,
            &me,
            note(&format!("Run {i}"), "", "fitness", &[pic.id]),
        )
        .await;
    }
    let res = publish_raw(&app, &me, note("Run 6", "", "fitness", &[pic.id])).await;
    let body = res.expect_error(429, "rate_limited", "sixth note");
    let wait: u64 = res.header("retry-after").parse().expect("Retry-After");
    assert!((500..=600).contains(&wait), "about ten minutes: {wait}");
    let message = body["error"]["message"].as_str().unwrap_or("");
    assert!(message.contains("5 times per 10 minutes"), "{message}");
    // Refused attempts do not count, and other people are not limited.
    publish(&app, &other, note("Run 6", "", "fitness", &[their_pic.id])).await;
    let mine: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notes WHERE author_id = ?")
        .bind(me.id)
        .fetch_one(&app.state.db)
        .await
        .expect("count");
    assert_eq!(mine, 5);
}

#[tokio::test]
async fn reports_from_enough_people_hide_notes_and_comments() {
    let app = test_app(SMALL_WORLD).await;
    let author = user(&app, "Reported").await;
    let fan = user(&app, "StillFan").await;
    follow(&app, &fan, author.id).await;
    let reporters = [
        user(&app, "R1").await,
        user(&app, "R2").await,
        user(&app, "R3").await,
    ];
    let pic = upload(&app, &author).await;
    let n = publish(
        &app,
        &author,
        note("Spammyqz deal", "#spamtopicqz", "beauty", &[pic.id]),
    )
    .await;
    let report_uri = format!("/api/v1/notes/{}/report", n.id);
    let reason = json!({"reason": "spam"});

    call(
        &app,
        Method::POST,
        &report_uri,
        Some(&author),
        Some(reason.clone()),
    )
    .await
    .expect_error(422, "validation", "own note");
    call(&app, Method::POST, &report_uri, None, Some(reason.clone()))
        .await
        .expect_error(401, "unauthorized", "guest");
    call(
        &app,
        Method::POST,
        &report_uri,
        Some(&reporters[0]),
        Some(json!({"reason": "boring"})),
    )
    .await
    .expect_error(422, "validation", "unknown reason");
    call(
        &app,
        Method::POST,
        "/api/v1/notes/999999/report",
        Some(&reporters[0]),
        Some(reason.clone()),
    )
    .await
    .expect_error(404, "not_found", "unknown note");
    // The same person twice counts once.
    for _ in 0..2 {
        let r: ReportResult = parse(
            &call(
                &app,
                Method::POST,
                &report_uri,
                Some(&reporters[0]),
                Some(reason.clone()),
            )
            .await,
            200,
            "first reporter",
        );
        assert_eq!(
            r,
            ReportResult {
                reports: 1,
                hidden: false
            }
        );
    }
    let r: ReportResult = parse(
        &call(
            &app,
            Method::POST,
            &report_uri,
            Some(&reporters[1]),
            Some(json!({"reason": "misleading"})),
        )
        .await,
        200,
        "second reporter",
    );
    assert_eq!(
        r,
        ReportResult {
            reports: 2,
            hidden: false
        }
    );
    assert_eq!(
        search_ids(&app, "spammyqz").await,
        [n.id],
        "still visible at 2"
    );
    let r: ReportResult = parse(
        &call(
            &app,
            Method::POST,
            &report_uri,
            Some(&reporters[2]),
            Some(reason.clone()),
        )
        .await,
        200,
        "third reporter",
    );
    assert_eq!(
        r,
        ReportResult {
            reports: REPORT_HIDE_THRESHOLD,
            hidden: true
        }
    );

    // Gone for everyone else...
    let uri = format!("/api/v1/notes/{}", n.id);
    app.expect_error(&uri, 404, "not_found").await;
    call(&app, Method::GET, &uri, Some(&fan), None)
        .await
        .expect_error(404, "not_found", "hidden from a follower");
    assert!(
        search_ids(&app, "spammyqz").await.is_empty(),
        "out of search"
    );
    let channel: FeedPage = get(&app, "/api/v1/feed?channel=beauty", None).await;
    assert!(!ids(&channel).contains(&n.id), "out of the channel feed");
    let following: FeedPage = get(&app, "/api/v1/feed/following", Some(&fan)).await;
    assert!(
        !ids(&following).contains(&n.id),
        "out of the following feed"
    );
    let topic: FeedPage = get(&app, "/api/v1/feed?topic=spamtopicqz", None).await;
    assert!(topic.items.is_empty(), "off its topic page");
    let public_profile: FeedPage = get(
        &app,
        &format!("/api/v1/feed?author={}", author.id),
        Some(&fan),
    )
    .await;
    assert!(public_profile.items.is_empty());
    let header: api_types::UserProfile =
        get(&app, &format!("/api/v1/users/{}", author.id), None).await;
    assert_eq!(header.note_count, 0);
    call(&app, Method::PUT, &format!("{uri}/like"), Some(&fan), None)
        .await
        .expect_error(404, "not_found", "liking a hidden note");
    // ... but its author still sees it, marked hidden.
    let own: NoteDetail = get(&app, &uri, Some(&author)).await;
    assert!(own.hidden);
    let own_profile: FeedPage = get(
        &app,
        &format!("/api/v1/feed?author={}", author.id),
        Some(&author),
    )
    .await;
    assert_eq!(ids(&own_profile), [n.id]);
    let own_header: api_types::UserProfile =
        get(&app, &format!("/api/v1/users/{}", author.id), Some(&author)).await;
    assert_eq!(own_header.note_count, 1);

    // Comments: hidden from the list for everyone but their author.
    // A seeded note with few comments, so the new one is on the first page.
    let (seeded_note,): (i64,) = sqlx::query_as(
        "SELECT id FROM notes ORDER BY (SELECT COUNT(*) FROM comments c WHERE c.note_id = notes.id), id LIMIT 1",
    )
        .fetch_one(&app.state.db)
        .await
        .expect("note");
    let comment: Value = call(
        &app,
        Method::POST,
        &format!("/api/v1/notes/{seeded_note}/comments"),
        Some(&fan),
        Some(json!({"body": "buy followers at example.com"})),
    )
    .await
    .json();
    let comment_id = comment["id"].as_i64().expect("comment id");
    let comments_uri = format!("/api/v1/notes/{seeded_note}/comments?limit=50");
    let listed = |page: &Value| {
        page["items"]
            .as_array()
            .expect("items")
            .iter()
            .any(|c| c["id"].as_i64() == Some(comment_id))
    };
    assert!(
        listed(&app.get_json(&comments_uri).await),
        "listed before the reports"
    );
    for (i, reporter) in reporters.iter().enumerate() {
        let r: ReportResult = parse(
            &call(
                &app,
                Method::POST,
                &format!("/api/v1/comments/{comment_id}/report"),
                Some(reporter),
                Some(reason.clone()),
            )
            .await,
            200,
            "comment report",
        );
        assert_eq!(r.hidden, i + 1 == REPORT_HIDE_THRESHOLD as usize);
    }
    call(
        &app,
        Method::POST,
        &format!("/api/v1/comments/{comment_id}/report"),
        Some(&fan),
        Some(reason.clone()),
    )
    .await
    .expect_error(422, "validation", "own comment");
    let for_others: Value = app.get_json(&comments_uri).await;
    assert!(!listed(&for_others), "hidden from others");
    let for_author = call(&app, Method::GET, &comments_uri, Some(&fan), None)
        .await
        .json();
    assert!(listed(&for_author), "its author still sees it");
    let mine = for_author["items"]
        .as_array()
        .and_then(|items| items.iter().find(|c| c["id"].as_i64() == Some(comment_id)))
        .expect("own comment");
    assert_eq!(mine["hidden"], true);
    // Deleting it deletes its reports (ids may be reused).
    let res = call(
        &app,
        Method::DELETE,
        &format!("/api/v1/comments/{comment_id}"),
        Some(&fan),
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    let left: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM reports WHERE target_kind = 'comment'")
            .fetch_one(&app.state.db)
            .await
            .expect("reports");
    assert_eq!(left, 0);
}

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
        sqlx::query("UPDATE follows SET created_at = created_at + ? WHERE follower_id = ? AND followee_id = ?")
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

// ---- Views and the creator center ----

async fn views_today(app: &TestApp, creator: &User) -> (i64, i64) {
    let stats: CreatorStats = get(app, "/api/v1/creator/stats?days=7", Some(creator)).await;
    let today = stats.series.last().expect("today");
    (today.values.views, today.values.shares)
}

#[tokio::test]
async fn views_count_once_per_viewer_per_day() {
    let app = test_app(SMALL_WORLD).await;
    let author = user(&app, "Viewed").await;
    let (v1, v2) = (user(&app, "V1").await, user(&app, "V2").await);
    let pic = upload(&app, &author).await;
    let n = publish(&app, &author, note("Look", "", "pets", &[pic.id])).await;
    let view = format!("/api/v1/notes/{}/view", n.id);
    let anonymous = |ua: &'static str| {
        app.request(Method::POST, &view)
            .header("user-agent", ua)
            .send()
    };

    for _ in 0..3 {
        assert_eq!(
            call(&app, Method::POST, &view, Some(&v1), None)
                .await
                .status,
            StatusCode::NO_CONTENT
        );
    }
    assert_eq!(
        views_today(&app, &author).await.0,
        1,
        "one signed-in viewer"
    );
    call(&app, Method::POST, &view, Some(&v2), None).await;
    assert_eq!(anonymous("Firefox").await.status, StatusCode::NO_CONTENT);
    anonymous("Firefox").await;
    anonymous("Safari").await;
    assert_eq!(
        views_today(&app, &author).await.0,
        4,
        "two people and two anonymous browsers"
    );
    call(&app, Method::POST, &view, Some(&author), None).await;
    assert_eq!(
        views_today(&app, &author).await.0,
        4,
        "the author's own views do not count"
    );
    call(&app, Method::POST, "/api/v1/notes/999999/view", None, None)
        .await
        .expect_error(404, "not_found", "unknown note");

    // Shares count once per person a day, on the note and in the creator center.
    let share = format!("/api/v1/notes/{}/share", n.id);
    for who in [None, Some(&v1)] {
        assert_eq!(
            call(&app, Method::POST, &share, who, None).await.status,
            StatusCode::NO_CONTENT
        );
    }
    assert_eq!(views_today(&app, &author).await, (4, 2));
    let detail: NoteDetail = get(&app, &format!("/api/v1/notes/{}", n.id), None).await;
    assert_eq!(detail.counts.shares, 2);
}

#[tokio::test]
async fn the_creator_center_counts_each_day() {
    let app = test_app(SMALL_WORLD).await;
    let creator = user(&app, "Creator").await;
    let fan = user(&app, "Buyer").await;
    let stats_uri = "/api/v1/creator/stats";

    // The shape: one entry per day, oldest first, ending today (UTC+8), zeros included.
    let today = app_day(now_unix());
    for days in [7, 30, 90] {
        let stats: CreatorStats =
            get(&app, &format!("{stats_uri}?days={days}"), Some(&creator)).await;
        assert_eq!(stats.days, days);
        assert_eq!(stats.series.len() as i64, days);
        assert_eq!(
            stats.series.first().map(|d| d.day),
            Some(app_day_start(today - days + 1))
        );
        assert_eq!(
            stats.series.last().map(|d| d.day),
            Some(app_day_start(today))
        );
        assert_eq!(stats.totals, api_types::StatValues::default());
        assert!(stats.notes.is_empty());
    }
    for bad in ["5", "365", "0", "-7", "x", ""] {
        call(
            &app,
            Method::GET,
            &format!("{stats_uri}?days={bad}"),
            Some(&creator),
            None,
        )
        .await
        .expect_error(422, "validation", &format!("days={bad}"));
    }
    let default: CreatorStats = get(&app, stats_uri, Some(&creator)).await;
    assert_eq!(default.days, 7);
    call(&app, Method::GET, stats_uri, None, None)
        .await
        .expect_error(401, "unauthorized", "guest");

    // A note tagging a product in stock, then a like, a collect, a comment, a follow, a view,
    // a share and an order from the note, all today.
    let (variant, product): (i64, i64) =
        sqlx::query_as("SELECT id, product_id FROM product_variants ORDER BY id LIMIT 1")
            .fetch_one(&app.state.db)
            .await
            .expect("variant");
    sqlx::query("UPDATE product_variants SET stock = 50 WHERE id = ?")
        .bind(variant)
        .execute(&app.state.db)
        .await
        .expect("stock");
    let pic = upload(&app, &creator).await;
    let mut input = note("Shop my look", "", "fashion", &[pic.id]);
    input["product_ids"] = json!([product]);
    let n = publish(&app, &creator, input).await;
    let other = publish(&app, &creator, note("Another", "", "fashion", &[pic.id])).await;
    let base = format!("/api/v1/notes/{}", n.id);
    for (method, uri, body) in [
        (Method::PUT, format!("{base}/like"), None),
        (Method::PUT, format!("{base}/collect"), None),
        (
            Method::POST,
            format!("{base}/comments"),
            Some(json!({"body": "love it"})),
        ),
        (
            Method::PUT,
            format!("/api/v1/users/{}/follow", creator.id),
            None,
        ),
        (Method::POST, format!("{base}/view"), None),
        (Method::POST, format!("{base}/share"), None),
    ] {
        let res = call(&app, method, &uri, Some(&fan), body).await;
        assert!(res.status.is_success(), "{uri}: {}", res.status);
    }
    // The creator's own comment does not count.
    call(
        &app,
        Method::POST,
        &format!("{base}/comments"),
        Some(&creator),
        Some(json!({"body": "thanks!"})),
    )
    .await;
    let address: Value = call(
        &app,
        Method::POST,
        "/api/v1/addresses",
        Some(&fan),
        Some(
            json!({"recipient": "林小满", "phone": "13800138000", "province": "上海市",
            "city": "上海市", "district": "静安区", "detail": "南京西路 1266 号"}),
        ),
    )
    .await
    .json();
    let order = app
        .request(Method::POST, "/api/v1/orders")
        .cookie(&fan.cookie)
        .header("idempotency-key", "stats-order-1")
        .json(&json!({
            "items": [{"variant_id": variant, "quantity": 2, "from_note": n.id}],
            "address_id": address["id"],
            "shipping": "standard",
            "payment": {"card_number": api_types::TEST_CARD_SUCCESS, "expiry": "12/99", "cvc": "123"},
        }))
        .send()
        .await;
    assert_eq!(order.status, StatusCode::CREATED, "{}", order.json());
    let commission: i64 =
        sqlx::query_scalar("SELECT SUM(commission_fen) FROM order_items WHERE creator_id = ?")
            .bind(creator.id)
            .fetch_one(&app.state.db)
            .await
            .expect("commission");
    assert!(commission > 0);

    let stats: CreatorStats = get(&app, &format!("{stats_uri}?days=30"), Some(&creator)).await;
    let expected = api_types::StatValues {
        views: 1,
        likes: 1,
        collects: 1,
        comments: 1,
        shares: 1,
        new_followers: 1,
        orders: 1,
        commission_fen: commission,
    };
    assert_eq!(
        stats.series.last().map(|d| &d.values),
        Some(&expected),
        "today"
    );
    assert!(stats.series[..29]
        .iter()
        .all(|d| d.values == api_types::StatValues::default()));
    assert_eq!(stats.totals, expected);
    assert_eq!(
        stats.notes.iter().map(|s| s.note.id).collect::<Vec<_>>(),
        [n.id, other.id],
        "most viewed first"
    );
    let per_note = &stats.notes[0].values;
    assert_eq!((per_note.views, per_note.likes, per_note.orders), (1, 1, 1));
    assert_eq!(per_note.commission_fen, commission);
    assert_eq!(
        per_note.new_followers, 0,
        "followers are not attributed to notes"
    );
    assert_eq!(stats.notes[0].created_at, n.created_at);

    // A cancelled order no longer counts.
    let order_id = order.json()["id"].as_i64().expect("order id");
    let res = call(
        &app,
        Method::POST,
        &format!("/api/v1/orders/{order_id}/cancel"),
        Some(&fan),
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.json());
    let stats: CreatorStats = get(&app, &format!("{stats_uri}?days=7"), Some(&creator)).await;
    assert_eq!((stats.totals.orders, stats.totals.commission_fen), (0, 0));
    assert_eq!(stats.totals.likes, 1);
}

#[tokio::test]
async fn the_openapi_document_lists_the_publishing_endpoints() {
    let app = test_app(SMALL_WORLD).await;
    let doc = app.get_json("/api/openapi.json").await;
    for (path, methods) in [
        ("/api/v1/uploads", &["post"][..]),
        ("/api/v1/notes", &["post"]),
        ("/api/v1/notes/{id}", &["get", "patch", "delete"]),
        ("/api/v1/drafts", &["get", "post"]),
        ("/api/v1/drafts/{id}", &["put", "delete"]),
        ("/api/v1/topics/suggest", &["get"]),
        ("/api/v1/me/following/suggest", &["get"]),
        ("/api/v1/notes/{id}/report", &["post"]),
        ("/api/v1/comments/{id}/report", &["post"]),
        ("/api/v1/notes/{id}/view", &["post"]),
        ("/api/v1/notes/{id}/share", &["post"]),
        ("/api/v1/creator/stats", &["get"]),
    ] {
        for method in methods {
            assert!(
                doc["paths"][path][method].is_object(),
                "openapi lacks {method} {path}"
            );
        }
    }
    assert!(doc["components"]["schemas"]["CreatorStats"].is_object());
}
