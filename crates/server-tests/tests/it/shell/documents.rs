//! Documents with boot data and image preloads: explore, note, product and search pages.

use super::*;

#[tokio::test]
async fn explore_documents_carry_the_first_feed_page_and_cover_preloads() {
    let app = shell_app().await;
    for (uri, channel) in [
        ("/explore", "recommend"),
        ("/", "recommend"),
        ("/explore?channel=food", "food"),
    ] {
        let res = get(&app, uri, &[("accept-encoding", "br")]).await;
        assert_eq!(res.status, 200, "{uri}");
        assert_eq!(res.header("content-encoding"), "br");
        let html = text(&res);
        let data = boot(&html).unwrap_or_else(|| panic!("{uri}: no boot data"));
        let feed_path = paths::feed_channel(channel);
        assert_eq!(
            keys(&data),
            vec![paths::CHANNELS, feed_path.as_str()],
            "{uri}"
        );
        // Exactly what the API answers for these paths.
        assert_eq!(data[paths::CHANNELS], app.get_json(paths::CHANNELS).await);
        assert_eq!(data[&feed_path], app.get_json(&feed_path).await, "{uri}");
        let page: Page<NoteCard> =
            serde_json::from_value(data[&feed_path].clone()).expect("Page<NoteCard>");
        assert!(page.items.len() >= 6, "{uri}: a full first page");

        let links = preloads(&html);
        let expected: Vec<(String, String)> = page
            .items
            .iter()
            .take(6)
            .map(|c| (c.cover.srcset(), card_sizes().to_string()))
            .collect();
        assert_eq!(links, expected, "{uri}");
        assert!(html.find("imagesrcset").unwrap_or(0) < html.find("</head>").unwrap_or(0));

        // The first screen is painted from the same page, right after <body>, with the same
        // files as the preloads (the masonry's first eight covers, two columns).
        let body_at = html.find("<body").expect("body");
        let paint_at = html
            .find(r#"<div id="zc-first-paint""#)
            .expect("first paint");
        assert!(paint_at > body_at, "{uri}: the first paint is in the body");
        assert_eq!(
            html.matches(r#"class="fp-cover""#).count(),
            page.items.len().min(8)
        );
        assert_eq!(html.matches(r#"class="fp-col""#).count(), 2);
        for card in page.items.iter().take(6) {
            let srcset = card.cover.srcset().replace('&', "&amp;");
            assert!(
                html[paint_at..].contains(&format!(r#"srcset="{srcset}""#)),
                "{uri}"
            );
        }
    }
    // Pages without boot data get the document as built.
    let shop = get(&app, "/shop", &[]).await;
    assert_eq!(text(&shop), INDEX);
    // Anyone not signed in gets no following feed inline.
    let following = text(&get(&app, "/explore?channel=following", &[]).await);
    assert_eq!(
        keys(&boot(&following).expect("boot")),
        vec![paths::CHANNELS]
    );
}

#[tokio::test]
async fn note_product_and_search_documents() {
    let app = shell_app().await;
    let card = &app.get_json("/api/v1/feed?channel=recommend").await["items"][0];
    let note_id = card["id"].as_i64().expect("note id");
    let html = text(&get(&app, &format!("/explore/{note_id}"), &[]).await);
    let data = boot(&html).expect("boot");
    let note_path = paths::note(note_id);
    assert_eq!(keys(&data), vec![paths::CHANNELS, note_path.as_str()]);
    assert_eq!(data[&note_path], app.get_json(&note_path).await);
    let note: NoteDetail = serde_json::from_value(data[&note_path].clone()).expect("NoteDetail");
    assert_eq!(
        preloads(&html),
        vec![(
            note.images[0].carousel_srcset(),
            carousel_sizes().to_string()
        )]
    );

    let product_path = paths::product(1);
    let html = text(&get(&app, "/product/1?from_note=3", &[]).await);
    let data = boot(&html).expect("boot");
    assert_eq!(keys(&data), vec![product_path.as_str()]);
    assert_eq!(data[&product_path], app.get_json(&product_path).await);
    let product: ProductDetail = serde_json::from_value(data[&product_path].clone()).expect("dto");
    assert_eq!(
        preloads(&html),
        vec![(
            product.images[0].carousel_srcset(),
            product_gallery_sizes().to_string()
        )]
    );

    // A missing note or product: the document without its data (the client shows the 404).
    let html = text(&get(&app, "/explore/999999", &[]).await);
    assert_eq!(keys(&boot(&html).expect("boot")), vec![paths::CHANNELS]);
    assert!(boot(&text(&get(&app, "/product/999999", &[]).await)).is_none());

    let search_path = paths::note_search(
        "防晒",
        SearchSort::Likes,
        NoteTypeFilter::default(),
        TimeFilter::default(),
    );
    let html = text(&get(&app, "/search?q=%E9%98%B2%E6%99%92&sort=likes", &[]).await);
    let data = boot(&html).expect("boot");
    assert_eq!(keys(&data), vec![search_path.as_str()]);
    assert_eq!(data[&search_path], app.get_json(&search_path).await);
    let page: CountedPage<NoteCard> =
        serde_json::from_value(data[&search_path].clone()).expect("dto");
    assert!(!page.items.is_empty(), "防晒 finds notes");
    assert_eq!(preloads(&html).len(), page.items.len().min(6));
    assert!(html.contains(r#"<div id="zc-first-paint""#));
    assert!(boot(&text(&get(&app, "/search?q=x&type=users", &[]).await)).is_none());

    // A search that finds nothing: its answer rides along, but no first screen, which would
    // stay up waiting for a picture that never comes.
    let html = text(&get(&app, "/search?q=qzxjvwkq", &[]).await);
    let data = boot(&html).expect("boot");
    let page: CountedPage<NoteCard> =
        serde_json::from_value(data.values().next().expect("the search answer").clone())
            .expect("dto");
    assert!(page.items.is_empty());
    assert!(
        !html.contains(r#"<div id="zc-first-paint""#),
        "no first paint for an empty search"
    );
}
