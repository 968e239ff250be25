//! Files from memory: precompressed negotiation, ETags and HEAD, 404s and the history fallback.

use super::*;

#[tokio::test]
async fn files_are_negotiated_from_the_precompressed_copies() {
    let app = shell_app().await;
    let dist = app.dir.path().join("dist-shell");
    let wasm_path = format!("/pkg/{BUILD}/zhongcao-web_bg.wasm");
    let on_disk = |rel: &str| std::fs::read(dist.join(rel)).expect("file");

    for (uri, rel, content_type, cache) in [
        (
            wasm_path.as_str(),
            format!("pkg/{BUILD}/zhongcao-web_bg.wasm"),
            "application/wasm",
            "public, max-age=31536000, immutable",
        ),
        (
            "/shop",
            "index.html".to_string(),
            "text/html; charset=utf-8",
            "no-cache",
        ),
    ] {
        let br = get(&app, uri, &[("accept-encoding", "gzip, deflate, br, zstd")]).await;
        assert_eq!(br.status, 200, "{uri}");
        assert_eq!(br.header("content-type"), content_type, "{uri}");
        assert_eq!(br.header("content-encoding"), "br", "{uri}");
        assert_eq!(br.header("cache-control"), cache, "{uri}");
        assert!(br.header("vary").contains("Accept-Encoding"), "{uri}");
        // The build's own copy, byte for byte: nothing compressed it again.
        assert_eq!(br.body, on_disk(&format!("{rel}.br")), "{uri}");

        let gz = get(&app, uri, &[("accept-encoding", "br;q=0, gzip")]).await;
        assert_eq!(gz.header("content-encoding"), "gzip", "{uri}");
        assert_eq!(gz.body, on_disk(&format!("{rel}.gz")), "{uri}");

        for refused in [
            None,
            Some("identity"),
            Some("br;q=0, gzip;q=0"),
            Some("*;q=0"),
        ] {
            let headers: Vec<(&str, &str)> =
                refused.iter().map(|v| ("accept-encoding", *v)).collect();
            let plain = get(&app, uri, &headers).await;
            assert_eq!(plain.header("content-encoding"), "", "{uri} {refused:?}");
            assert_eq!(plain.body, on_disk(&rel), "{uri} {refused:?}");
        }
        let etags: Vec<String> = [&br, &gz]
            .iter()
            .map(|r| r.header("etag"))
            .chain([get(&app, uri, &[]).await.header("etag")])
            .collect();
        assert!(etags.iter().all(|t| t.starts_with('"') && t.ends_with('"')));
        assert!(etags[0] != etags[1] && etags[1] != etags[2], "{etags:?}");
    }
    let doc = get(&app, "/shop", &[("accept-encoding", "br")]).await;
    assert_eq!(doc.header("vary"), "Cookie, Accept-Encoding");

    // Compressed at start where the build wrote no copies; round-trips exactly.
    let svg = get(&app, "/favicon.svg", &[("accept-encoding", "br, gzip")]).await;
    assert_eq!(svg.header("content-type"), "image/svg+xml");
    assert_eq!(svg.header("cache-control"), "no-cache");
    assert_eq!(svg.header("content-encoding"), "br");
    assert_eq!(unbrotli(&svg.body), on_disk("favicon.svg"));
    let robots = get(&app, "/robots.txt", &[]).await;
    assert_eq!(robots.status, 200);
    assert_eq!(robots.header("content-type"), "text/plain; charset=utf-8");
    assert!(text(&robots).contains("Disallow: /api/"));
    let png = get(&app, "/icon-192.png", &[("accept-encoding", "gzip")]).await;
    assert_eq!(png.header("content-type"), "image/png");
    assert_eq!(png.header("content-encoding"), "");
    // Not compressed on the fly either (the compression layer only wraps the API).
    let bin = get(&app, "/data.bin", &[("accept-encoding", "gzip, br")]).await;
    assert_eq!(bin.header("content-encoding"), "");
    assert_eq!(bin.body, vec![b'a'; 1000]);
    let api = get(&app, "/api/v1/channels", &[("accept-encoding", "gzip")]).await;
    assert_eq!(
        api.header("content-encoding"),
        "gzip",
        "the API is still compressed"
    );

    // Trunk-style hashed names stay immutable; unhashed build files are revalidated.
    let trunk = get(&app, "/zhongcao-web-0123456789abcdef.js", &[]).await;
    assert!(trunk.header("cache-control").contains("immutable"));
    let chunk = get(&app, &format!("/pkg/{BUILD}/chunk_1.wasm"), &[]).await;
    assert_eq!(chunk.status, 200);
    assert!(chunk.header("cache-control").contains("immutable"));
}

#[tokio::test]
async fn etags_answer_304_and_head_has_no_body() {
    let app = shell_app().await;
    let wasm_path = format!("/pkg/{BUILD}/zhongcao-web_bg.wasm");
    for (uri, ae) in [
        (wasm_path.as_str(), "br"),
        (wasm_path.as_str(), "gzip"),
        ("/robots.txt", ""),
        ("/shop", "br"),
        ("/explore", "br"),
    ] {
        let first = get(&app, uri, &[("accept-encoding", ae)]).await;
        let tag = first.header("etag");
        assert!(!tag.is_empty(), "{uri}");
        let again = get(
            &app,
            uri,
            &[("accept-encoding", ae), ("if-none-match", &tag)],
        )
        .await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{uri} {ae}");
        assert!(again.body.is_empty());
        assert_eq!(again.header("etag"), tag);
        assert_eq!(again.header("cache-control"), first.header("cache-control"));
        let weak = format!("\"other\", W/{tag}");
        let weakly = get(
            &app,
            uri,
            &[("accept-encoding", ae), ("if-none-match", &weak)],
        )
        .await;
        assert_eq!(weakly.status, StatusCode::NOT_MODIFIED, "{uri} weak");
        let changed = get(
            &app,
            uri,
            &[("accept-encoding", ae), ("if-none-match", "\"x\"")],
        )
        .await;
        assert_eq!(changed.status, 200, "{uri}");
        assert_eq!(changed.body, first.body, "{uri}");

        let head = app
            .request(Method::HEAD, uri)
            .header("accept-encoding", ae)
            .send()
            .await;
        assert_eq!(head.status, 200, "HEAD {uri}");
        assert!(head.body.is_empty(), "HEAD {uri}");
        assert_eq!(head.header("etag"), tag, "HEAD {uri}");
        assert_eq!(head.header("content-length"), first.body.len().to_string());
    }
    let post = app.request(Method::POST, "/robots.txt").send().await;
    assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn missing_files_are_404_and_pages_fall_back_to_the_document() {
    let app = shell_app().await;
    for uri in [
        "/pkg/fedcba9876543210/chunk_3.wasm",
        &format!("/pkg/{BUILD}/chunk_99.wasm"),
        "/pkg/fedcba9876543210/zhongcao-web.js",
        "/foo.png",
        "/deep/path/app.css",
        "/index.html.br",
        "/img/nope",
    ] {
        let res = get(&app, uri, &[("accept-encoding", "br")]).await;
        assert_eq!(res.status, 404, "{uri}");
        assert!(
            !text(&res).contains("<html"),
            "{uri} must not be the document"
        );
        assert_eq!(res.header("cache-control"), "no-cache", "{uri}");
    }
    for uri in [
        "/",
        "/shop",
        "/user/7",
        "/topic/node.js",
        "/topic/%E7%A9%BF%E6%90%AD",
        "/orders/3",
        "/no/such/page",
    ] {
        let res = get(&app, uri, &[("accept-encoding", "gzip, br")]).await;
        assert_eq!(res.status, 200, "{uri}");
        assert_eq!(
            res.header("content-type"),
            "text/html; charset=utf-8",
            "{uri}"
        );
        assert_eq!(res.header("content-encoding"), "br", "{uri}");
        assert_eq!(res.header("cache-control"), "no-cache", "{uri}");
        assert_eq!(res.header("vary"), "Cookie, Accept-Encoding", "{uri}");
        assert!(text(&res).contains("<title>Zhongcao 种草"), "{uri}");
    }
    app.expect_error("/api/nope", 404, "not_found").await;
    app.expect_error("/api/v1/nope.json", 404, "not_found")
        .await;
    app.expect_error("/api", 404, "not_found").await;
}
