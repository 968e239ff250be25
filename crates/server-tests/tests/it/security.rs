//! Security headers on every kind of response, the CSP's script hashes against the documents
//! really served, and the configured origin (`security::Site`): the `Secure` cookie, HSTS and
//! the CSRF check follow it, never a header the client sends.

use std::path::{Path, PathBuf};

use crate::common::{parse, test_app, TestApp, TestResponse, SMALL_WORLD};
use api_types::NoteDetail;
use axum::http::{Method, StatusCode};
use base64::Engine;
use serde_json::json;
use sha2::{Digest, Sha256};
use zhongcao_server::security::{Origin, Site};

const BUILD: &str = "0123456789abcdef";

/// The project's real `index.html` template with assets as `cargo xtask build` puts them: a
/// module script and a classic script inline, besides the template's own inline scripts.
fn index_html() -> String {
    let template = include_str!("../../../../index.html");
    let assets = format!(
        "<link rel=\"stylesheet\" href=\"/pkg/{BUILD}/app.css\" />\n\
         <script type=\"module\">import init from \"/pkg/{BUILD}/zhongcao.js\"; init();</script>\n\
         <script src=\"/pkg/{BUILD}/other.js\"></script>\n\
         <script>window.zcPageStyles = function () {{ return 1; }};</script>"
    );
    assert!(template.contains("<!-- zc:assets -->"));
    template.replace("<!-- zc:assets -->", &assets)
}

fn write(dist: &Path, rel: &str, data: &[u8]) {
    let path = dist.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("dist dir");
    }
    std::fs::write(&path, data).expect("dist file");
}

fn dist_of(app: &TestApp) -> PathBuf {
    let dist = app.dir.path().join("dist-security");
    write(&dist, "index.html", index_html().as_bytes());
    write(
        &dist,
        &format!("pkg/{BUILD}/zhongcao.js"),
        b"export default function init() {}\n",
    );
    write(
        &dist,
        "favicon.svg",
        b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    dist
}

/// A seeded app serving the real template, at `site`.
async fn app_at(site: Site) -> TestApp {
    let mut app = test_app(SMALL_WORLD).await;
    let dist = dist_of(&app);
    app.state = app.state.clone().with_site(site);
    app.router = zhongcao_server::app(app.state.clone(), dist);
    app
}

/// `'sha256-…'` of a script's text, computed here independently of the server's scanner.
fn hash_source(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The texts of a document's executable inline scripts: every `<script …>` without `src`
/// whose type is not a JSON data block.
fn executable_inline_scripts(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<script") {
        let tag_end = at + rest[at..].find('>').expect("script tag closed");
        let tag = &rest[at..tag_end];
        let body_end = tag_end + rest[tag_end..].find("</script>").expect("script closed");
        if !tag.contains(" src=") && !tag.contains("application/json") {
            found.push(rest[tag_end + 1..body_end].to_string());
        }
        rest = &rest[body_end..];
    }
    found
}

/// `directive`'s sources in a CSP.
fn sources<'a>(csp: &'a str, directive: &str) -> Vec<&'a str> {
    csp.split(';')
        .map(str::trim)
        .find_map(|d| {
            d.strip_prefix(directive)
                .filter(|rest| rest.starts_with(' '))
        })
        .unwrap_or_else(|| panic!("no {directive} in {csp}"))
        .split_whitespace()
        .collect()
}

/// The headers every response must carry (HSTS only when `https`).
fn check_headers(res: &TestResponse, https: bool, what: &str) {
    let csp = res.header("content-security-policy");
    assert!(!csp.is_empty(), "{what}: no CSP");
    let script = sources(&csp, "script-src");
    assert!(
        !script.contains(&"'unsafe-inline'") && !script.contains(&"'unsafe-eval'"),
        "{what}: {csp}"
    );
    assert!(script.contains(&"'wasm-unsafe-eval'"), "{what}: {csp}");
    assert_eq!(sources(&csp, "default-src"), ["'none'"], "{what}");
    assert_eq!(sources(&csp, "object-src"), ["'none'"], "{what}");
    assert_eq!(sources(&csp, "base-uri"), ["'none'"], "{what}");
    assert_eq!(sources(&csp, "frame-ancestors"), ["'none'"], "{what}");
    assert_eq!(sources(&csp, "form-action"), ["'self'"], "{what}");
    assert!(
        !sources(&csp, "style-src-elem").contains(&"'unsafe-inline'"),
        "{what}: {csp}"
    );
    assert_eq!(res.header("x-content-type-options"), "nosniff", "{what}");
    assert_eq!(
        res.header("referrer-policy"),
        "strict-origin-when-cross-origin",
        "{what}"
    );
    assert_eq!(res.header("x-frame-options"), "DENY", "{what}");
    assert_eq!(
        res.header("cross-origin-opener-policy"),
        "same-origin",
        "{what}"
    );
    let permissions = res.header("permissions-policy");
    for feature in ["geolocation=()", "payment=()", "usb=()", "camera=(self)"] {
        assert!(permissions.contains(feature), "{what}: {permissions}");
    }
    let hsts = res.header("strict-transport-security");
    if https {
        assert!(
            hsts.starts_with("max-age=31536000"),
            "{what}: HSTS {hsts:?}"
        );
    } else {
        assert!(hsts.is_empty(), "{what}: HSTS over http: {hsts:?}");
    }
}

/// One of each kind of response the app gives, with what it is.
async fn sample(app: &TestApp) -> Vec<(String, TestResponse)> {
    let note: NoteDetail = parse(&app.get("/api/v1/notes/3").await, 200, "note");
    let picture = note.images[0].url(240);
    let get = |uri: &str| app.request(Method::GET, uri).without_header("origin");
    let mut out = vec![
        ("API JSON", get("/api/v1/channels").send().await),
        ("OpenAPI", get("/api/openapi.json").send().await),
        (
            "API JSON, compressed",
            get("/api/v1/feed?channel=recommend")
                .header("accept-encoding", "br")
                .send()
                .await,
        ),
        ("document with boot data", get("/explore").send().await),
        ("plain document", get("/settings").send().await),
        (
            "document, brotli",
            get("/product/1")
                .header("accept-encoding", "br")
                .send()
                .await,
        ),
        ("static file", get("/favicon.svg").send().await),
        (
            "build asset",
            get(&format!("/pkg/{BUILD}/zhongcao.js")).send().await,
        ),
        ("image", get(&picture).send().await),
        ("API 404", get("/api/v1/nothing-here").send().await),
        (
            "API 404 (no such note)",
            get("/api/v1/notes/999999").send().await,
        ),
        (
            "image 404",
            get("/img/v1/ffffffffffffffff/240").send().await,
        ),
        ("file 404", get("/missing.png").send().await),
        (
            "API 405",
            app.request(Method::DELETE, "/api/v1/channels").send().await,
        ),
        (
            "page 405",
            app.request(Method::POST, "/explore").send().await,
        ),
        (
            "CSRF 403",
            app.request(Method::PUT, "/api/v1/notes/3/like")
                .header("origin", "http://evil.example")
                .send()
                .await,
        ),
        (
            "401",
            app.request(Method::PUT, "/api/v1/notes/3/like")
                .send()
                .await,
        ),
        (
            "422",
            app.request(Method::GET, "/api/v1/feed?channel=recommend&limit=0")
                .send()
                .await,
        ),
        ("HEAD", app.request(Method::HEAD, "/explore").send().await),
    ]
    .into_iter()
    .map(|(what, res)| (what.to_string(), res))
    .collect::<Vec<_>>();
    // A revalidation that answers 304 still carries them.
    let etag = out
        .iter()
        .find(|(what, _)| what == "static file")
        .map(|(_, res)| res.header("etag"))
        .unwrap_or_default();
    let not_modified = get("/favicon.svg")
        .header("if-none-match", &etag)
        .send()
        .await;
    assert_eq!(not_modified.status, StatusCode::NOT_MODIFIED);
    out.push(("304".to_string(), not_modified));
    out
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = app_at(Site::default()).await;
    let responses = sample(&app).await;
    let statuses: Vec<u16> = responses.iter().map(|(_, r)| r.status.as_u16()).collect();
    for code in [200, 304, 401, 403, 404, 405, 422] {
        assert!(
            statuses.contains(&code),
            "the sample has a {code}: {statuses:?}"
        );
    }
    for (what, res) in &responses {
        check_headers(res, false, what);
    }
    let image = &responses
        .iter()
        .find(|(w, _)| w == "image")
        .expect("image")
        .1;
    assert_eq!(image.status, StatusCode::OK);
    assert!(image.header("content-type").starts_with("image/"));
}

#[tokio::test]
async fn the_policy_hashes_exactly_the_inline_scripts_served() {
    let app = app_at(Site::default()).await;
    let expected: Vec<String> = executable_inline_scripts(&index_html())
        .iter()
        .map(|s| hash_source(s))
        .collect();
    // The template's theme and first-paint scripts, plus the module and classic scripts.
    assert_eq!(expected.len(), 4, "{expected:?}");
    // Documents with boot data and a first paint (feed, note, product, search) and without.
    for uri in [
        "/explore",
        "/explore/3",
        "/product/1",
        "/search?q=%E5%8F%A3%E7%BA%A2",
        "/settings",
        "/no/such/page",
    ] {
        let res = app
            .request(Method::GET, uri)
            .without_header("origin")
            .send()
            .await;
        assert_eq!(res.status, StatusCode::OK, "{uri}");
        let html = String::from_utf8(res.body.clone()).expect("UTF-8 document");
        let csp = res.header("content-security-policy");
        let mut listed: Vec<&str> = sources(&csp, "script-src")
            .into_iter()
            .filter(|s| s.starts_with("'sha256-"))
            .collect();
        listed.sort_unstable();
        let mut served: Vec<String> = executable_inline_scripts(&html)
            .iter()
            .map(|s| hash_source(s))
            .collect();
        served.sort();
        served.dedup();
        assert_eq!(listed, served, "{uri}: CSP {csp}");
        let mut want = expected.clone();
        want.sort();
        assert_eq!(served, want, "{uri}");
    }
}

#[tokio::test]
async fn https_comes_from_the_configured_origin_only() {
    // Plain http: a client claiming https gets no Secure cookie and no HSTS.
    let app = app_at(Site::default()).await;
    let username: String = sqlx::query_scalar("SELECT username FROM users ORDER BY id LIMIT 1")
        .fetch_one(&app.state.db)
        .await
        .expect("a seeded user");
    let sign_in = json!({"username": username, "password": zhongcao_server::auth::DEMO_PASSWORD});
    let res = app
        .request(Method::POST, "/api/v1/auth/signin")
        .header("x-forwarded-proto", "https")
        .header("x-forwarded-ssl", "on")
        .json(&sign_in)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let cookie = res.header("set-cookie");
    assert!(
        cookie.contains("HttpOnly") && !cookie.contains("Secure"),
        "{cookie}"
    );
    assert!(res.header("strict-transport-security").is_empty());
    // An https Origin for this http site is another site.
    let res = app
        .request(Method::POST, "/api/v1/auth/signin")
        .header("origin", "https://test.local")
        .json(&sign_in)
        .send()
        .await;
    res.expect_error(403, "cross_site_request", "https Origin on the http site");
    check_headers(&res, false, "CSRF refusal");

    // Configured as https behind a proxy: Secure cookies, HSTS, and only that exact origin.
    let origin: Origin = "https://Shop.Example".parse().expect("origin");
    let app = app_at(Site::new(Some(origin))).await;
    let res = app
        .request(Method::POST, "/api/v1/auth/signin")
        .header("host", "127.0.0.1:8080")
        .header("origin", "https://shop.example")
        .json(&sign_in)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.json());
    let cookie = res.header("set-cookie");
    assert!(cookie.contains("; Secure"), "{cookie}");
    check_headers(&res, true, "https sign-in");
    let session = res.set_cookie_pair("zc_session").expect("session cookie");
    let res = app
        .request(Method::POST, "/api/v1/auth/signout")
        .header("origin", "https://shop.example:443")
        .cookie(&session)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    assert!(res.header("set-cookie").contains("; Secure"));
    for wrong in [
        "http://shop.example",
        "https://shop.example:8443",
        "https://test.local",
        "https://evil.example",
    ] {
        let res = app
            .request(Method::POST, "/api/v1/auth/signin")
            .header("origin", wrong)
            .json(&sign_in)
            .send()
            .await;
        res.expect_error(403, "cross_site_request", wrong);
    }
    let page = app
        .request(Method::GET, "/explore")
        .without_header("origin")
        .send()
        .await;
    check_headers(&page, true, "https document");
    let csp = page.header("content-security-policy");
    assert!(csp.contains("upgrade-insecure-requests"), "{csp}");
    assert!(
        sources(&csp, "connect-src").contains(&"wss://shop.example"),
        "{csp}"
    );
}

#[test]
fn origins_parse_strictly() {
    let parse = |s: &str| s.parse::<Origin>().map(|o| o.to_string());
    assert_eq!(
        parse("https://Shop.Example/"),
        Ok("https://shop.example".into())
    );
    assert_eq!(
        parse("https://shop.example:443"),
        Ok("https://shop.example".into())
    );
    assert_eq!(
        parse("http://127.0.0.1:8080"),
        Ok("http://127.0.0.1:8080".into())
    );
    assert_eq!(parse("http://[::1]:3000"), Ok("http://[::1]:3000".into()));
    for bad in [
        "shop.example",
        "ftp://shop.example",
        "https://shop.example/path",
        "https://user@shop.example",
        "https://shop.example?x=1",
        "null",
        "",
    ] {
        assert!(parse(bad).is_err(), "{bad:?}");
    }
}
