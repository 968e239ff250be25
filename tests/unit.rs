//! Client unit tests, run in headless Chromium by wasm-bindgen-test.

use api_types::Mention;
use wasm_bindgen_test::*;
use zhongcao_web::api::{error_from_response, feed_path, ApiError, FeedSource};
use zhongcao_web::format;
use zhongcao_web::masonry::{columns_for_width, display_ratio, layout, visible, MAX_RATIO};
use zhongcao_web::richtext::{highlight, segments, Segment};
use zhongcao_web::routes::checkout::{buy_part, parse_buy};
use zhongcao_web::routes::creator::chart_paths;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn columns_follow_the_width() {
    assert_eq!(columns_for_width(374.0), 2);
    assert_eq!(columns_for_width(800.0), 3);
    assert_eq!(columns_for_width(1100.0), 4);
    assert_eq!(columns_for_width(1392.0), 5);
    assert_eq!(columns_for_width(1900.0), 6);
}

#[wasm_bindgen_test]
fn cards_go_to_the_shortest_column() {
    // Two columns of width 100 (gap 10): a tall card, then two square ones.
    let l = layout(210.0, 2, 10.0, 20.0, &[(300, 400), (100, 100), (100, 100)]);
    assert_eq!(l.column_width, 100.0);
    let p = &l.placements;
    assert_eq!((p[0].x, p[0].y), (0.0, 0.0));
    assert_eq!(p[0].image_height, 133.0); // 3:4
    assert_eq!((p[1].x, p[1].y), (110.0, 0.0));
    // Column 1 is shorter (100+20+10 = 130 < 133+20+10 = 163): the third card goes there.
    assert_eq!((p[2].x, p[2].y), (110.0, 130.0));
    assert_eq!(l.height, 250.0);
}

#[wasm_bindgen_test]
fn extreme_ratios_are_clamped() {
    assert_eq!(display_ratio(1080, 1920), MAX_RATIO);
    assert_eq!(display_ratio(1920, 1080), 0.75);
    assert_eq!(display_ratio(0, 10), 1.0);
}

#[wasm_bindgen_test]
fn only_cards_in_the_band_are_visible() {
    let sizes = vec![(100, 100); 40];
    let l = layout(100.0, 1, 0.0, 0.0, &sizes); // a column of 100px squares
    assert_eq!(visible(&l, 250.0, 450.0), vec![2, 3, 4]);
    assert!(visible(&l, 10_000.0, 11_000.0).is_empty());
}

#[wasm_bindgen_test]
fn api_errors_map_status_and_message() {
    let body = r#"{"error":{"code":"not_found","message":"Note 9 does not exist."}}"#;
    assert_eq!(
        error_from_response(404, body),
        ApiError::NotFound("Note 9 does not exist.".into())
    );
    assert!(matches!(
        error_from_response(400, "{}"),
        ApiError::BadRequest(_)
    ));
    assert!(matches!(
        error_from_response(422, body),
        ApiError::Validation(_)
    ));
    assert_eq!(
        error_from_response(503, "oops"),
        ApiError::Server { status: 503 }
    );
    assert!(error_from_response(404, "<html>").is_not_found());
}

#[wasm_bindgen_test]
fn feed_paths_encode_their_parameters() {
    assert_eq!(
        feed_path(&FeedSource::Channel("food".into()), None),
        "/api/v1/feed?channel=food"
    );
    assert_eq!(
        feed_path(&FeedSource::Topic("防晒 & more".into()), Some("a=b")),
        "/api/v1/feed?topic=%E9%98%B2%E6%99%92%20%26%20more&cursor=a%3Db"
    );
}

/// The shared encoder (client and server build the same API paths with it) is the
/// browser's `encodeURIComponent`, character for character.
#[wasm_bindgen_test]
fn shared_encoder_equals_encode_uri_component() {
    let mut samples: Vec<String> = [
        "防晒霜推荐",
        "上海 咖啡",
        ";,/?:@&=+$#",
        "-_.!~*'()",
        "\"<>\\^`{|}[]%",
        "é ñ ü 😀 \u{2028}",
        "a\nb\tc",
        "",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    samples.push((0u8..128).map(char::from).collect());
    for s in samples {
        assert_eq!(
            api_types::paths::encode_component(&s),
            String::from(js_sys::encode_uri_component(&s)),
            "{s:?}"
        );
    }
}

#[wasm_bindgen_test]
fn body_text_splits_into_topics_mentions_and_text() {
    let mentions = vec![Mention {
        user_id: 7,
        name: "Mia Chen".into(),
    }];
    let topics = vec!["防晒".to_string(), "防晒霜".to_string()];
    let got = segments("Hi @Mia Chen! #防晒霜 好用\n#nope <b>", &topics, &mentions);
    assert_eq!(
        got,
        vec![
            Segment::Text("Hi ".into()),
            Segment::Mention {
                user_id: 7,
                name: "Mia Chen".into()
            },
            Segment::Text("! ".into()),
            Segment::Topic("防晒霜".into()),
            Segment::Text(" 好用".into()),
            Segment::LineBreak,
            Segment::Text("#nope <b>".into()),
        ]
    );
}

#[wasm_bindgen_test]
fn counts_and_durations_format_compactly() {
    use zhongcao_web::i18n::Lang::{En, Zh};
    assert_eq!(format::count_in(En, 999), "999");
    assert_eq!(format::count_in(En, 1_000), "1K");
    assert_eq!(format::count_in(En, 1_234), "1.2K");
    assert_eq!(format::count_in(En, 12_000), "12K");
    assert_eq!(format::count_in(En, 1_250), "1.3K");
    assert_eq!(format::count_in(En, 9_960), "10K");
    assert_eq!(format::count_in(En, 999_960), "1M");
    assert_eq!(format::count_in(En, 2_345_678), "2.3M");
    assert_eq!(format::count_in(Zh, 9_999), "9999");
    assert_eq!(format::count_in(Zh, 12_000), "1.2万");
    assert_eq!(format::count_in(Zh, 123_456), "12.3万");
    assert_eq!(format::count_in(Zh, 99_999_999), "1亿");
    assert_eq!(format::count_in(Zh, -5), "0");
    assert_eq!(
        format::one_decimal(5 * 1024 * 1024, 1024 * 1024, " MB"),
        "5 MB"
    );
    assert_eq!(format::duration(75), "1:15");
    assert_eq!(format::relative_time_in(En, 1_000, 1_030), "just now");
    assert_eq!(format::relative_time_in(En, 0, 7_200), "2 hours ago");
    assert_eq!(format::relative_time_in(En, 0, 3 * 86_400), "3 days ago");
    assert_eq!(format::relative_time_in(Zh, 1_000, 1_030), "刚刚");
    assert_eq!(format::relative_time_in(Zh, 0, 300), "5 分钟前");
    assert_eq!(format::relative_time_in(Zh, 0, 7_200), "2 小时前");
    assert_eq!(format::relative_time_in(Zh, 0, 3 * 86_400), "3 天前");
}

#[wasm_bindgen_test]
fn browser_language_tags_pick_the_interface_language() {
    use zhongcao_web::i18n::Lang;
    assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::Zh));
    assert_eq!(Lang::from_tag("zh_TW"), Some(Lang::Zh));
    assert_eq!(Lang::from_tag("ZH"), Some(Lang::Zh));
    assert_eq!(Lang::from_tag("en-GB"), Some(Lang::En));
    assert_eq!(Lang::from_tag("fr-FR"), None);
    assert_eq!(Lang::from_tag(""), None);
}

#[wasm_bindgen_test]
fn search_matches_are_marked_as_text() {
    assert_eq!(
        highlight("Best <b>Sunscreen</b> 防晒霜", "sunscreen 防晒"),
        vec![
            ("Best <b>".to_string(), false),
            ("Sunscreen".to_string(), true),
            ("</b> ".to_string(), false),
            ("防晒".to_string(), true),
            ("霜".to_string(), false),
        ]
    );
    assert_eq!(highlight("abc", ""), vec![("abc".to_string(), false)]);
}

#[wasm_bindgen_test]
fn decimals_format_without_float_printing() {
    assert_eq!(format::decimal(12.345, 2), "12.35");
    assert_eq!(format::decimal(0.5, 2), "0.50");
    assert_eq!(format::decimal(1.3333, 4), "1.3333");
    assert_eq!(format::decimal(-2.25, 1), "-2.3");
    assert_eq!(format::decimal(7.6, 0), "8");
}

#[wasm_bindgen_test]
fn buy_now_lines_parse_from_the_url_and_skip_junk() {
    let lines = parse_buy("12:2:345,13,x:1").expect("lines");
    assert_eq!(lines.len(), 2);
    assert_eq!(
        (lines[0].variant_id, lines[0].quantity, lines[0].from_note),
        (12, 2, Some(345))
    );
    assert_eq!((lines[1].variant_id, lines[1].quantity), (13, 1));
    assert!(parse_buy("nope").is_none());
}

#[wasm_bindgen_test]
fn buy_lines_from_a_live_room_round_trip_through_the_url() {
    let lines = parse_buy("14:1::7,15:2:345:8").expect("lines");
    assert_eq!((lines[0].from_note, lines[0].live_room_id), (None, Some(7)));
    assert_eq!(
        (lines[1].from_note, lines[1].live_room_id),
        (Some(345), Some(8))
    );
    let again: Vec<String> = lines.iter().map(buy_part).collect();
    assert_eq!(again.join(","), "14:1::7,15:2:345:8");
}

#[wasm_bindgen_test]
fn declines_and_conflicts_map_their_status() {
    let body = r#"{"error":{"code":"card_declined","message":"Declined."}}"#;
    assert!(matches!(
        error_from_response(402, body),
        ApiError::PaymentDeclined(_)
    ));
    // Without the values its text needs, an error keeps the server's words.
    let body = r#"{"error":{"code":"out_of_stock","message":"Only 1 left."}}"#;
    assert_eq!(
        error_from_response(409, body),
        ApiError::Conflict("Only 1 left.".into())
    );
}

/// The text comes from the catalogue by the error's code and params, in the interface
/// language, whatever the server's English says; unknown codes keep the server's message.
#[wasm_bindgen_test]
fn server_errors_are_localised_by_their_code() {
    use zhongcao_web::i18n::{self, Lang};
    let out_of_stock = r#"{"error":{"code":"out_of_stock","message":"(reworded)",
        "params":{"name":"Linen shirt","stock":2}}}"#;
    let rate = r#"{"error":{"code":"rate_limited","message":"(reworded)",
        "params":{"action":"publish","limit":5,"window_secs":600,"retry_after":150}}}"#;
    let sign_in = r#"{"error":{"code":"rate_limited","message":"(reworded)",
        "params":{"action":"sign_in","retry_after":7300}}}"#;
    let fields = r#"{"error":{"code":"validation","message":"(reworded)","fields":[
        {"field":"detail","code":"too_short","message":"(reworded)","params":{"min":5,"max":120}},
        {"field":"phone","code":"phone_invalid","message":"(reworded)"},
        {"field":"x","code":"too_long","message":"Label-less.","params":{"max":3}}]}}"#;
    let newer = r#"{"error":{"code":"quantum_flux","message":"Flux refused.",
        "params":{"max":1,"weird":true}}}"#;
    let newer_field = r#"{"error":{"code":"validation","message":"(reworded)","fields":[
        {"field":"title","code":"quantum_flux","message":"Too fluxy."}]}}"#;
    let texts = |lang| {
        i18n::set_lang(lang);
        let fields = error_from_response(422, fields);
        let field_texts = ["detail", "phone", "x"].map(|f| fields.field(f).unwrap_or_default());
        (
            error_from_response(409, out_of_stock).to_string(),
            error_from_response(429, rate).to_string(),
            error_from_response(429, sign_in).to_string(),
            fields.to_string(),
            field_texts,
            error_from_response(404, "<html>").to_string(),
        )
    };
    let zh = texts(Lang::Zh);
    let en = texts(Lang::En);
    assert_eq!(zh.0, "Linen shirt仅剩 2 件。");
    assert_eq!(zh.1, "每 10 分钟最多发布 5 篇笔记，请 3 分钟后再试。");
    assert_eq!(zh.2, "登录失败次数过多，请 3 小时后再试。");
    assert_eq!(zh.3, "请修改标出的内容。");
    assert_eq!(
        zh.4,
        [
            "详细地址至少需要 5 个字。".to_string(),
            "请输入 11 位中国大陆手机号，例如 138 0013 8000。".to_string(),
            // A field without a label keeps the server's words.
            "Label-less.".to_string(),
        ]
    );
    assert_eq!(en.0, "Only 2 left of Linen shirt.");
    assert_eq!(
        en.1,
        "You can publish notes at most 5 times per 10 minutes. Try again in 3 minutes."
    );
    assert_eq!(
        en.2,
        "Too many failed sign-in attempts. Try again in 3 hours."
    );
    assert_eq!(en.3, "Please correct the highlighted fields.");
    assert_eq!(en.4[0], "Street address needs at least 5 characters.");
    assert_eq!(zh.5, "请求失败（状态码 404）。");
    assert_eq!(en.5, "Request failed with status 404.");
    // A code from a newer server: its message, in any language.
    i18n::set_lang(Lang::Zh);
    let unknown = error_from_response(422, newer);
    let unknown_field = error_from_response(422, newer_field).field("title");
    i18n::set_lang(Lang::En);
    assert_eq!(unknown, ApiError::Validation("Flux refused.".into()));
    assert_eq!(unknown_field.as_deref(), Some("Too fluxy."));
}

/// The live events socket's `error` frames carry a code and params like REST refusals, so
/// they read the same way; so do the live rooms' field errors (a price named in yuan).
#[wasm_bindgen_test]
fn live_socket_errors_are_localised_like_rest_errors() {
    use api_types::ServerEvent;
    use zhongcao_web::api::error_text;
    use zhongcao_web::i18n::{self, Lang};
    let frame = |json: &str| match serde_json::from_str::<ServerEvent>(json) {
        Ok(ServerEvent::Error {
            code,
            message,
            params,
        }) => error_text::message(code, &params, message),
        other => panic!("not an error frame: {other:?}"),
    };
    let rate = r#"{"type":"error","code":"rate_limited","message":"(reworded)",
        "params":{"action":"live_chat","limit":5,"window_secs":10,"retry_after":4}}"#;
    let muted = r#"{"type":"error","code":"muted","message":"(reworded)"}"#;
    let long = r#"{"type":"error","code":"chat_too_long","message":"(reworded)",
        "params":{"max":200}}"#;
    let likes = r#"{"type":"error","code":"invalid_request","message":"Send 1 to 10 likes."}"#;
    let flash = r#"{"error":{"code":"validation","message":"(reworded)","fields":[
        {"field":"flash.price_fen","code":"flash_price","message":"(reworded)",
         "params":{"price_fen":12900}}]}}"#;
    i18n::set_lang(Lang::Zh);
    let zh = [frame(rate), frame(muted), frame(long), frame(likes)];
    let zh_flash = error_from_response(422, flash).field("flash.price_fen");
    i18n::set_lang(Lang::En);
    let en_rate = frame(rate);
    assert_eq!(zh[0], "每 10 秒最多发送 5 条消息，请 4 秒后再试。");
    assert_eq!(zh[1], "你已被主播禁言。");
    assert_eq!(zh[2], "消息最多 200 个字。");
    // A client's mistake keeps the server's words.
    assert_eq!(zh[3], "Send 1 to 10 likes.");
    assert_eq!(zh_flash.as_deref(), Some("秒杀价需低于 ¥129。"));
    assert_eq!(
        en_rate,
        "You can send chat messages at most 5 times per 10 seconds. Try again in 4 seconds."
    );
}

/// The shared form checks carry codes too, so the client's own pre-send check reads the same.
#[wasm_bindgen_test]
fn shared_form_checks_are_localised_by_code() {
    use zhongcao_web::api::error_text::localize_fields;
    use zhongcao_web::i18n::{self, Lang};
    let form = api_types::AddressInput {
        recipient: String::new(),
        phone: "123".into(),
        ..Default::default()
    };
    i18n::set_lang(Lang::Zh);
    let problems = localize_fields(api_types::validate_address(&form));
    i18n::set_lang(Lang::En);
    let text = |field: &str| {
        problems
            .iter()
            .find(|p| p.field == field)
            .map(|p| p.message.clone())
    };
    assert_eq!(text("recipient").as_deref(), Some("请填写收货人。"));
    assert_eq!(
        text("phone").as_deref(),
        Some("请输入 11 位中国大陆手机号，例如 138 0013 8000。")
    );
}

#[wasm_bindgen_test]
fn chart_paths_scale_to_the_peak_in_integer_units() {
    let (line, area) = chart_paths(&[0, 5, 10]);
    // x from 8 to 992, y from 252 (zero) up to 8 (the peak).
    assert_eq!(line, "M8 252 L500 130 L992 8");
    assert!(area.starts_with(&line));
    assert!(area.ends_with("L992 252 L8 252 Z"));
    // All zeros stay on the baseline rather than dividing by zero.
    assert_eq!(chart_paths(&[0, 0]).0, "M8 252 L992 252");
    assert_eq!(chart_paths(&[]).0, "");
}

#[wasm_bindgen_test]
fn every_language_has_every_text() {
    use zhongcao_web::i18n::{self, msg, Lang, SLOTS};
    assert!(Lang::ALL.len() >= 2);
    for lang in Lang::ALL {
        assert_eq!(lang.texts().count(), SLOTS, "{lang:?}");
    }
    // The reference language has a text for every key (a translation may be empty where its
    // grammar needs no word, e.g. Chinese ending a sentence with nothing after a link).
    if let Some(slot) = Lang::En.texts().position(str::is_empty) {
        panic!("English has no text in slot {slot}");
    }
    // Each language reads its own table.
    assert_eq!(Lang::En.t(msg::common::CART), "Cart");
    assert_eq!(Lang::Zh.t(msg::common::CART), "购物车");
    assert_eq!(
        Lang::En.plural(msg::header::CART_ITEMS, 1),
        "Cart, {n} item"
    );
    assert_eq!(
        Lang::En.plural(msg::header::CART_ITEMS, 2),
        "Cart, {n} items"
    );
    assert_eq!(
        Lang::Zh.plural(msg::header::CART_ITEMS, 1),
        "购物车，{n} 件商品"
    );
    // Placeholders are filled by name; unknown braces stay as they are.
    assert_eq!(
        i18n::fill("{a} and {b} {c}", &[("b", &2), ("a", &"one")]),
        "one and 2 {c}"
    );
}

/// Adding a language is adding one file: the test-only pseudo-locale (written from en.toml by
/// build/i18n.rs when the `pseudo-locale` feature is on, as `cargo xtask test` runs these tests)
/// gets a `Lang`, a place in the language choice and every text of the app.
#[cfg(feature = "pseudo-locale")]
#[wasm_bindgen_test]
fn a_third_language_is_one_catalogue_file() {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use zhongcao_web::components::lang_switch::LangChoice;
    use zhongcao_web::i18n::{self, msg, Lang};
    assert_eq!(Lang::from_tag("pseudo"), Some(Lang::Pseudo));
    assert_eq!(Lang::Pseudo.tag(), "en-XA");
    i18n::set_lang(Lang::Pseudo);
    let texts = (
        i18n::t(msg::common::CART),
        i18n::tn(msg::header::CART_ITEMS, 1),
        i18n::tn(msg::header::CART_ITEMS, 3),
        format::relative_time(0, 7_200),
    );
    let parent = document().create_element("div").expect("a div");
    document()
        .body()
        .expect("a body")
        .append_child(&parent)
        .expect("appended");
    let mounted = leptos::mount::mount_to(parent.clone().unchecked_into(), LangChoice);
    let shown = parent.text_content().unwrap_or_default();
    drop(mounted);
    parent.remove();
    i18n::set_lang(Lang::En);
    assert_eq!(texts.0, "⟦Çárţ⟧");
    assert_eq!(texts.1, "⟦Çárţ, 1 ïţém⟧");
    assert_eq!(texts.2, "⟦Çárţ, 3 ïţémš⟧");
    assert_eq!(texts.3, "⟦2 höûrš ágö⟧");
    assert!(shown.contains("⟦Láñgûágé⟧"), "{shown}");
    assert!(
        shown.contains("⟦Ƥšéûđö⟧") && shown.contains("中文") && shown.contains("English"),
        "{shown}"
    );
}

/// A waiting video note that will not go public says why in the interface language, from its
/// `error_code`; one stopped by an older server (no code) or with a code this build does not
/// know keeps the server's words.
#[wasm_bindgen_test]
fn waiting_notes_say_why_in_the_interface_language() {
    use zhongcao_web::components::waiting_notes::failure_text;
    use zhongcao_web::i18n::{self, Lang};
    let note = |error: &str, code: &str| {
        let json = format!(
            r#"{{"video_id":1,"title":"Sunset","state":"failed","progress":0,
                "error":{error},"error_code":{code},"created_at":0}}"#
        );
        serde_json::from_str::<api_types::WaitingNote>(&json).expect("a waiting note")
    };
    let failed = note(
        r#""The video could not be processed: no picture.""#,
        r#""video_failed""#,
    );
    let gone = note(r#""A tagged product left the shop.""#, r#""product_gone""#);
    let old = note(r#""Kept by an older server.""#, "null");
    let newer = note(r#""A newer reason.""#, r#""from_a_newer_server""#);
    let on_way = note("null", "null");
    i18n::set_lang(Lang::Zh);
    let zh = [&failed, &gone, &old, &newer, &on_way].map(failure_text);
    i18n::set_lang(Lang::En);
    let en = failure_text(&failed);
    assert_eq!(zh[0].as_deref(), Some("视频处理失败，请重新上传。"));
    assert_eq!(zh[1].as_deref(), Some("有一件已添加的商品已下架。"));
    assert_eq!(zh[2].as_deref(), Some("Kept by an older server."));
    assert_eq!(zh[3].as_deref(), Some("A newer reason."));
    assert_eq!(zh[4], None);
    assert_eq!(
        en.as_deref(),
        Some("The video could not be processed: upload it again.")
    );
}
