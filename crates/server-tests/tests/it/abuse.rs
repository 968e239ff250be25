//! Abuse from outside (issue 19): trending written by one person, owners locked out by
//! strangers, sign-up and search floods from one address, inflated share counts, control
//! characters in addresses, and where the client's address comes from.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use crate::common::{signed_in_user, test_app, TestApp, TestResponse, SMALL_WORLD};
use zhongcao_server::auth::DEMO_PASSWORD;

fn encode(q: &str) -> String {
    q.bytes().map(|b| format!("%{b:02X}")).collect()
}

/// A documentation address (RFC 5737) per client number.
fn ip(n: usize) -> String {
    format!("198.51.{}.{}", n / 250, 1 + n % 250)
}

async fn search_from(app: &TestApp, q: &str, from: &str, cookie: Option<&str>) -> TestResponse {
    app.request(
        Method::GET,
        &format!("/api/v1/search/notes?q={}", encode(q)),
    )
    .maybe_cookie(cookie)
    .client_ip(from)
    .send()
    .await
}

async fn trending(app: &TestApp) -> Vec<String> {
    app.get_json("/api/v1/search/trending")
        .await
        .as_array()
        .expect("trending is a list")
        .iter()
        .filter_map(|v| v.as_str().map(str::to_lowercase))
        .collect()
}

async fn suggestions(app: &TestApp, prefix: &str) -> Vec<String> {
    app.get_json(&format!("/api/v1/search/suggest?q={}", encode(prefix)))
        .await
        .as_array()
        .expect("suggestions are a list")
        .iter()
        .filter_map(|v| v.as_str().map(str::to_lowercase))
        .collect()
}

/// Searches are recorded off the request path: wait until `check` holds (or time runs out).
async fn eventually(mut check: impl AsyncFnMut() -> bool) -> bool {
    for _ in 0..40 {
        if check().await {
            return true;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    false
}

/// A seeded topic with notes behind it, so searching for it finds something.
async fn seeded_topic(app: &TestApp) -> String {
    let note = app.get_json("/api/v1/notes/2").await;
    note["topics"][0].as_str().expect("topic").to_string()
}

#[tokio::test]
async fn one_person_cannot_write_trending_or_suggestions() {
    let app = test_app(SMALL_WORLD).await;
    let topic = seeded_topic(&app).await;

    // The audit's query: it finds notes (the topic matches), so it used to lead trending.
    let junk = format!("{topic} <img src=x onerror=alert(1)> buy at evil.example");
    let res = search_from(&app, &junk, &ip(1), None).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        res.json()["total"].as_i64() > Some(0),
        "the junk query has hits"
    );
    // Even many people cannot make markup, links or contact spam trend.
    for n in 2..12 {
        search_from(&app, &junk, &ip(n), None).await;
        search_from(&app, &format!("{topic} www.evil.example"), &ip(n), None).await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let list = trending(&app).await;
    assert!(
        list.iter()
            .all(|t| !t.contains('<') && !t.contains("evil") && !t.contains("www")),
        "{list:?}"
    );
    let first: String = topic.chars().take(1).collect();
    let suggested = suggestions(&app, &first).await;
    assert!(
        suggested
            .iter()
            .all(|t| !t.contains('<') && !t.contains("evil")),
        "{suggested:?}"
    );

    // A clean query from one person, however often, does not trend either; nor from a few.
    let clean = format!("{topic} 合集");
    for _ in 0..30 {
        search_from(&app, &clean, &ip(100), None).await;
    }
    let (_, cookie) = signed_in_user(&app, "trend_{n}", "Trend {n}").await;
    search_from(&app, &clean, &ip(100), Some(&cookie)).await;
    search_from(&app, &clean, &ip(101), None).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let key = clean.to_lowercase();
    assert!(
        !trending(&app).await.contains(&key),
        "3 searchers are too few"
    );
    assert!(!suggestions(&app, &clean).await.contains(&key));

    // Enough distinct people (signed in, or guests on their own addresses) make it trend.
    for n in 102..150 {
        search_from(&app, &clean, &ip(n), None).await;
    }
    let rose = eventually(async || trending(&app).await.first() == Some(&key)).await;
    assert!(
        rose,
        "{key} should lead trending: {:?}",
        trending(&app).await
    );
    assert!(suggestions(&app, &topic).await.contains(&key));
}

#[tokio::test]
async fn strangers_cannot_lock_the_owner_out() {
    let app = test_app(SMALL_WORLD).await;
    let owner: String = sqlx::query_scalar("SELECT username FROM users WHERE id = 2")
        .fetch_one(&app.state.db)
        .await
        .expect("user 2");
    let sign_in = |password: &str, from: &str| {
        app.request(Method::POST, "/api/v1/auth/signin")
            .json(&json!({"username": owner, "password": password}))
            .client_ip(from)
    };
    let attacker = "203.0.113.66";
    for n in 0..10 {
        let res = sign_in(&format!("guess-{n}"), attacker).send().await;
        if res.status == StatusCode::TOO_MANY_REQUESTS {
            assert!(n >= 5, "five guesses are allowed, refused after {n}");
            break;
        }
        res.expect_error(401, "wrong_credentials", "a wrong guess");
    }
    // The attacker's client is held back, even with the right password...
    let held = sign_in(DEMO_PASSWORD, attacker).send().await;
    held.expect_error(429, "rate_limited", "the guessing client");
    assert!(held
        .header("retry-after")
        .parse::<u64>()
        .is_ok_and(|s| s >= 1));
    // ... but the owner, from their own address, signs in at once.
    let owner_res = sign_in(DEMO_PASSWORD, "192.0.2.10").send().await;
    assert_eq!(
        owner_res.status,
        StatusCode::OK,
        "the owner must not be locked out: {}",
        String::from_utf8_lossy(&owner_res.body)
    );

    // One client spraying guesses over many accounts is held back per client too.
    let sprayer = "203.0.113.77";
    let mut refused = None;
    for id in 3..40 {
        let name: String = sqlx::query_scalar("SELECT username FROM users WHERE id = $1")
            .bind(id)
            .fetch_one(&app.state.db)
            .await
            .expect("user");
        let res = app
            .request(Method::POST, "/api/v1/auth/signin")
            .json(&json!({"username": name, "password": "password123"}))
            .client_ip(sprayer)
            .send()
            .await;
        if res.status == StatusCode::TOO_MANY_REQUESTS {
            refused = Some(id - 3);
            break;
        }
    }
    assert_eq!(
        refused,
        Some(20),
        "20 failures per client, over any accounts"
    );
}

#[tokio::test]
async fn sign_up_is_limited_per_client() {
    let app = test_app(SMALL_WORLD).await;
    let sign_up = |i: usize, from: &str| {
        app.request(Method::POST, "/api/v1/auth/signup")
            .json(&json!({
                "username": format!("flood_{i}"),
                "display_name": format!("Flood {i}"),
                "password": "flood-password",
            }))
            .client_ip(from)
            .send()
    };
    let flooder = "203.0.113.5";
    let mut created = 0;
    let mut refusal = None;
    for i in 0..12 {
        let res = sign_up(i, flooder).await;
        if res.status == StatusCode::CREATED {
            created += 1;
        } else {
            refusal = Some(res);
            break;
        }
    }
    let refusal = refusal.expect("a flood of sign-ups from one address is refused");
    assert_eq!(created, 5, "five accounts per address per hour");
    let body = refusal.expect_error(429, "rate_limited", "sign-up flood");
    assert!(
        refusal
            .header("retry-after")
            .parse::<u64>()
            .is_ok_and(|s| (1..=3_600).contains(&s)),
        "Retry-After: {:?}",
        refusal.header("retry-after")
    );
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("create accounts")),
        "{body}"
    );
    // Another address is not affected.
    assert_eq!(sign_up(99, "192.0.2.99").await.status, StatusCode::CREATED);
}

#[tokio::test]
async fn searches_are_limited_per_client() {
    let app = test_app(SMALL_WORLD).await;
    let topic = seeded_topic(&app).await;
    let flooder = "203.0.113.9";
    let mut refused_after = None;
    for n in 0..200 {
        let res = search_from(&app, &topic, flooder, None).await;
        if res.status == StatusCode::TOO_MANY_REQUESTS {
            res.expect_error(429, "rate_limited", "search flood");
            assert!(res.header("retry-after").parse::<u64>().is_ok());
            refused_after = Some(n);
            break;
        }
        assert_eq!(res.status, StatusCode::OK);
    }
    assert_eq!(refused_after, Some(120), "120 searches a minute per client");
    let other = search_from(&app, &topic, "192.0.2.1", None).await;
    assert_eq!(
        other.status,
        StatusCode::OK,
        "other clients are not affected"
    );
}

#[tokio::test]
async fn a_person_shares_a_note_once_a_day() {
    let app = test_app(SMALL_WORLD).await;
    let shares = async || -> i64 {
        app.get_json("/api/v1/notes/3").await["counts"]["shares"]
            .as_i64()
            .expect("shares")
    };
    let before = shares().await;
    let share = |from: &str, cookie: Option<&str>| {
        app.request(Method::POST, "/api/v1/notes/3/share")
            .maybe_cookie(cookie)
            .client_ip(from)
            .send()
    };
    for _ in 0..20 {
        assert_eq!(
            share("203.0.113.20", None).await.status,
            StatusCode::NO_CONTENT
        );
    }
    assert_eq!(
        shares().await,
        before + 1,
        "20 anonymous POSTs are one share"
    );
    share("203.0.113.21", None).await;
    let (_, cookie) = signed_in_user(&app, "sharer_{n}", "Sharer {n}").await;
    for _ in 0..3 {
        share("203.0.113.20", Some(&cookie)).await;
    }
    assert_eq!(
        shares().await,
        before + 3,
        "one per person: two guests and one account"
    );
    let (day_shares,): (i64,) =
        sqlx::query_as("SELECT COALESCE(SUM(shares), 0) FROM note_daily WHERE note_id = 3")
            .fetch_one(&app.state.db)
            .await
            .expect("daily shares");
    assert!(day_shares >= 3, "the creator center counts the same shares");
}

fn address(field: &str, value: &str) -> Value {
    let mut body = json!({
        "recipient": "林小满",
        "phone": "138 0013 8000",
        "province": "上海市",
        "city": "上海市",
        "district": "静安区",
        "detail": "南京西路 1266 号 12 楼",
    });
    body[field] = Value::String(value.to_string());
    body
}

#[tokio::test]
async fn addresses_refuse_control_characters() {
    let app = test_app(SMALL_WORLD).await;
    let (_, cookie) = signed_in_user(&app, "addr_{n}", "Addr {n}").await;
    let cases = [
        ("recipient", "林\u{0}小满"),
        ("detail", "南京西路 1266 号\u{1b}[31m 12 楼"),
        ("district", "静安\u{7}区"),
        ("city", "上海\u{202e}市"),
        ("province", "上海\u{2066}市"),
        ("detail", "南京西路 1266 号\n12 楼"),
    ];
    for (field, value) in cases {
        let res = app
            .request(Method::POST, "/api/v1/addresses")
            .cookie(&cookie)
            .json(&address(field, value))
            .send()
            .await;
        let body = res.expect_error(422, "validation", &format!("{field}: {value:?}"));
        let fields: Vec<&str> = body["error"]["fields"]
            .as_array()
            .expect("fields")
            .iter()
            .filter_map(|f| f["field"].as_str())
            .collect();
        assert_eq!(fields, [field], "{value:?}");
    }
    let saved = app
        .request(Method::POST, "/api/v1/addresses")
        .cookie(&cookie)
        .json(&address("recipient", "林小满"))
        .send()
        .await;
    assert_eq!(saved.status, StatusCode::CREATED);
    let id = saved.json()["id"].as_i64().expect("id");
    // Editing is held to the same rule.
    let res = app
        .request(Method::PUT, &format!("/api/v1/addresses/{id}"))
        .cookie(&cookie)
        .json(&address("detail", "南京西路\u{0} 1266 号"))
        .send()
        .await;
    res.expect_error(422, "validation", "edit with NUL");
}
#[tokio::test]
async fn forwarded_addresses_count_only_behind_a_trusted_proxy() {
    // By default X-Forwarded-For is the client's own say-so: it cannot buy fresh guesses.
    let app = test_app(SMALL_WORLD).await;
    let owner: String = sqlx::query_scalar("SELECT username FROM users WHERE id = 2")
        .fetch_one(&app.state.db)
        .await
        .expect("user 2");
    let guess = |app: &TestApp, n: usize| {
        app.request(Method::POST, "/api/v1/auth/signin")
            .json(&json!({"username": owner, "password": format!("guess-{n}")}))
            .header("x-forwarded-for", &ip(n))
            .client_ip("127.0.0.1")
            .send()
    };
    let mut statuses = Vec::new();
    for n in 0..6 {
        statuses.push(guess(&app, n).await.status.as_u16());
    }
    assert_eq!(
        statuses,
        [401, 401, 401, 401, 401, 429],
        "one client, whatever it says"
    );

    // Behind a trusted proxy, the last hop it appends is the client.
    let app = app.with_state(|s| s.with_trusted_proxy(true));
    sqlx::query("DELETE FROM rate_events")
        .execute(&app.state.db)
        .await
        .expect("forget the windows");
    for n in 0..8 {
        assert_eq!(guess(&app, n).await.status, StatusCode::UNAUTHORIZED);
    }
}
