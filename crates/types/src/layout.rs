//! How wide pictures are drawn, as pure functions shared by the client (`<img sizes>`) and the
//! server (`<link rel=preload imagesrcset imagesizes>` in the document): both must make the
//! browser choose the same file.
//!
//! The `sizes` strings reproduce the page layout (style/main.css and the masonry maths in the
//! client's `src/masonry.rs`, which takes its column steps and gaps from here). Phones have
//! overlay scrollbars, so the strings are exact there; a desktop with classic scrollbars draws
//! pictures a few pixels narrower than stated, which never changes the chosen file by much.
//! The unit tests evaluate every string against the layout at every viewport width.

/// `.app-main` (style/main.css): `max-width`, border-box, so the padding is inside it.
pub const PAGE_MAX_WIDTH: f64 = 1760.0;
/// `--page-pad` up to [`PHONE_MAX_VIEWPORT`] ...
pub const PAGE_PAD_PHONE: f64 = 8.0;
/// ... and above it.
pub const PAGE_PAD_WIDE: f64 = 24.0;
/// `@media (max-width: 640px)`: phone header and page padding.
pub const PHONE_MAX_VIEWPORT: f64 = 640.0;

/// Masonry gap between cards in a container narrower than the first column step ...
pub const FEED_GAP_PHONE: f64 = 10.0;
/// ... and from there on.
pub const FEED_GAP_WIDE: f64 = 16.0;
/// Masonry container widths at which a column is added: 2 columns below the first step,
/// then 3, 4, 5, and 6 from the last step on.
pub const FEED_COLUMN_STEPS: [f64; 4] = [640.0, 900.0, 1180.0, 1480.0];

/// Widest rendition offered to a carousel (note and product pictures, drawn 100vw wide on
/// phones). Without the cap a 390 px phone at DPR 2.6 (1014 device px) would fetch the 1080w
/// file; 720w is ~1.85 px per CSS px there, and what a 412 px phone at DPR 1.75 needs anyway.
pub const CAROUSEL_MAX_WIDTH: u32 = 720;

/// Column count of the masonry for a container `width` (CSS px).
pub fn feed_columns(container_width: f64) -> usize {
    2 + FEED_COLUMN_STEPS
        .iter()
        .filter(|step| container_width >= **step)
        .count()
}

/// Gap between masonry cards for a container `width` (CSS px).
pub fn feed_gap(container_width: f64) -> f64 {
    if container_width < FEED_COLUMN_STEPS[0] {
        FEED_GAP_PHONE
    } else {
        FEED_GAP_WIDE
    }
}

/// Width of `.app-main`'s content box for a viewport `width` (CSS px, overlay scrollbars).
pub fn page_content_width(viewport_width: f64) -> f64 {
    let pad = if viewport_width <= PHONE_MAX_VIEWPORT {
        PAGE_PAD_PHONE
    } else {
        PAGE_PAD_WIDE
    };
    viewport_width.min(PAGE_MAX_WIDTH) - 2.0 * pad
}

/// Width of one masonry column (a note card) in a container `width` wide: the same sum as the
/// client's `masonry::layout`.
pub fn feed_column_width(container_width: f64) -> f64 {
    let columns = feed_columns(container_width) as f64;
    ((container_width - feed_gap(container_width) * (columns - 1.0)) / columns).max(0.0)
}

/// `sizes` for a note card's cover in the feed's masonry (discover, profile, topic, search,
/// related notes): the column width [`feed_column_width`] gives for the page at each viewport
/// width. 193 px on a 412 px phone, 182 px at 390 px, 232 px at 1024 px, 272 px from 1760 px.
pub fn card_sizes() -> &'static str {
    "(max-width: 640px) calc(50vw - 13px), \
     (max-width: 687.98px) calc(50vw - 29px), \
     (max-width: 947.98px) calc(33.3333vw - 26.6667px), \
     (max-width: 1227.98px) calc(25vw - 24px), \
     (max-width: 1527.98px) calc(20vw - 22.4px), \
     (max-width: 1760px) calc(16.6667vw - 21.3333px), \
     272px"
}

/// `sizes` for the note carousel (the note page and the note over the feed): the full width on
/// phones (to 760 px), the media column of the note beside its text on wider screens (at most
/// 654 px). Pair it with [`crate::Image::carousel_srcset`].
pub fn carousel_sizes() -> &'static str {
    "(max-width: 760px) 100vw, \
     (max-width: 878px) calc(100vw - 410px), \
     (max-width: 1208px) calc(56.5217vw - 28.2609px), \
     654px"
}

/// `sizes` for the product page's photo carousel: the full width on phones (to 760 px), the
/// gallery column beside the buying panel on wider screens (at most 601 px). Pair it with
/// [`crate::Image::carousel_srcset`].
pub fn product_gallery_sizes() -> &'static str {
    "(max-width: 760px) 100vw, \
     (max-width: 1228px) calc(52.381vw - 41.9048px), \
     601px"
}

/// `sizes` for a product tile in the shop's grid (shop, product search): two columns on
/// phones, as many 200 px-minimum columns as fit on wider screens.
pub fn product_grid_sizes() -> &'static str {
    "(max-width: 640px) calc(50vw - 12px), \
     (max-width: 671.98px) calc(50vw - 30px), \
     (max-width: 883.98px) calc(33.3333vw - 24px), \
     (max-width: 1095.98px) calc(25vw - 21px), \
     (max-width: 1307.98px) calc(20vw - 19.2px), \
     (max-width: 1519.98px) calc(16.6667vw - 18px), \
     (max-width: 1731.98px) calc(14.2857vw - 17.1429px), \
     (max-width: 1760px) calc(12.5vw - 16.5px), \
     203.5px"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Image, Placeholder, IMAGE_WIDTHS};

    /// Evaluates a `sizes` value in the subset these strings use: `(max-width: Npx)`
    /// conditions and lengths `Npx`, `Nvw`, `calc(a ± b ± …)` of such terms.
    fn eval_sizes(sizes: &str, viewport: f64) -> f64 {
        for entry in sizes.split(", ") {
            let entry = entry.trim();
            let (condition, length) = match entry.strip_prefix('(') {
                Some(rest) => {
                    let (cond, len) = rest.split_once(')').expect("condition closes");
                    (Some(cond), len.trim())
                }
                None => (None, entry),
            };
            let matches = condition.is_none_or(|c| {
                let px = c
                    .strip_prefix("max-width: ")
                    .and_then(|v| v.strip_suffix("px"))
                    .and_then(|v| v.parse::<f64>().ok())
                    .expect("a (max-width: Npx) condition");
                viewport <= px
            });
            if matches {
                return eval_length(length, viewport);
            }
        }
        panic!("no entry of {sizes:?} matches {viewport}");
    }

    fn eval_length(length: &str, viewport: f64) -> f64 {
        let expr = length
            .strip_prefix("calc(")
            .and_then(|e| e.strip_suffix(')'))
            .unwrap_or(length);
        let mut total = 0.0;
        let mut sign = 1.0;
        for token in expr.split_whitespace() {
            match token {
                "+" => sign = 1.0,
                "-" => sign = -1.0,
                term => {
                    let value = if let Some(px) = term.strip_suffix("px") {
                        px.parse::<f64>().expect("px")
                    } else if let Some(vw) = term.strip_suffix("vw") {
                        vw.parse::<f64>().expect("vw") * viewport / 100.0
                    } else {
                        panic!("unknown term {term:?} in {length:?}")
                    };
                    total += sign * value;
                }
            }
        }
        total
    }

    /// The note card's width in the feed at a viewport width: the page, then the masonry.
    fn card_truth(viewport: f64) -> f64 {
        feed_column_width(page_content_width(viewport))
    }

    /// Related notes sit in the note's own box; still within a few percent of the feed.
    fn related_truth(viewport: f64) -> f64 {
        let container = if viewport <= 760.0 {
            viewport - 16.0 // .related padding 8 px each side, the sheet is full width
        } else {
            viewport.min(1160.0) - 48.0 - 48.0 // .note-overlay-inner, then .related padding
        };
        feed_column_width(container)
    }

    /// The note's media column: `.note` is `minmax(0, 1.3fr) minmax(360px, 1fr)`.
    fn note_media(grid: f64) -> f64 {
        (grid * 1.3 / 2.3).min(grid - 360.0)
    }

    /// The note page (a direct visit): `.note-page` (1160 px) in the page, a 1 px border.
    fn carousel_page_truth(viewport: f64) -> f64 {
        if viewport <= 760.0 {
            return page_content_width(viewport); // the page keeps its padding on phones
        }
        note_media(page_content_width(viewport).min(1160.0) - 2.0)
    }

    /// The note over the feed: `.note-overlay-inner` (1160 px, 24 px padding); full width on
    /// phones.
    fn carousel_overlay_truth(viewport: f64) -> f64 {
        if viewport <= 760.0 {
            return viewport;
        }
        note_media(viewport.min(1160.0) - 48.0)
    }

    /// `.product-top`: `minmax(0, 1.1fr) minmax(0, 1fr)`, gap 32 px, in `.product-page`
    /// (1180 px); on phones the gallery spans the page padding.
    fn product_gallery_truth(viewport: f64) -> f64 {
        if viewport <= 760.0 {
            return viewport;
        }
        (page_content_width(viewport).min(1180.0) - 32.0) * 1.1 / 2.1
    }

    /// `.product-grid`: two columns (gap 8) on phones, else `repeat(auto-fill, minmax(200px,
    /// 1fr))` with 12 px between columns.
    fn product_tile_truth(viewport: f64) -> f64 {
        let c = page_content_width(viewport);
        if viewport <= PHONE_MAX_VIEWPORT {
            return (c - 8.0) / 2.0;
        }
        let gap = 12.0;
        let n = ((c + gap) / (200.0 + gap)).floor().max(1.0);
        (c - gap * (n - 1.0)) / n
    }

    /// Every viewport width from a small phone to a wide desktop, half pixels included.
    fn viewports() -> impl Iterator<Item = f64> {
        (640..=5200).map(|half| f64::from(half) / 2.0)
    }

    #[test]
    fn card_sizes_is_the_masonry_column_at_every_width() {
        for vw in viewports() {
            let (said, truth) = (eval_sizes(card_sizes(), vw), card_truth(vw));
            assert!(
                (said - truth).abs() < 0.05,
                "{vw}px: sizes {said}, layout {truth}"
            );
        }
        // The widths the brief names, and what a phone's card is.
        for (vw, expect) in [
            (360.0, 167.0),
            (390.0, 182.0),
            (412.0, 193.0),
            (768.0, 229.3333),
            (1024.0, 232.0),
            (1440.0, 265.6),
            (1920.0, 272.0),
        ] {
            let said = eval_sizes(card_sizes(), vw);
            assert!((said - expect).abs() < 0.05, "{vw}px: {said}");
            // Related notes under a note use the same string: close enough at these widths
            // (exact on phones, where the sheet's padding equals the page's).
            let related = related_truth(vw);
            assert!(
                (said - related).abs() / related < 0.08,
                "{vw}px: related notes {related} vs {said}"
            );
        }
    }

    #[test]
    fn carousel_sizes_follow_the_note_layout() {
        for vw in viewports() {
            let said = eval_sizes(carousel_sizes(), vw);
            let page = carousel_page_truth(vw);
            let overlay = carousel_overlay_truth(vw);
            if vw > 760.0 {
                assert!((said - page).abs() < 0.6, "{vw}px: {said} vs page {page}");
            }
            // On phones the page keeps its padding (8 or 24 px a side) and the sheet over the
            // feed does not: 100vw is exact for the sheet, a few percent wide for the page.
            let tolerance = if vw <= 760.0 { 0.09 } else { 0.05 };
            for truth in [page, overlay] {
                assert!(
                    (said - truth).abs() / truth < tolerance,
                    "{vw}px: {said} vs {truth}"
                );
            }
        }
    }

    #[test]
    fn product_sizes_follow_the_shop_layout() {
        for vw in viewports() {
            let said = eval_sizes(product_gallery_sizes(), vw);
            let truth = product_gallery_truth(vw);
            assert!(
                (said - truth).abs() < 0.6,
                "gallery {vw}px: {said} vs {truth}"
            );
            let said = eval_sizes(product_grid_sizes(), vw);
            let truth = product_tile_truth(vw);
            assert!((said - truth).abs() < 0.6, "tile {vw}px: {said} vs {truth}");
        }
    }

    /// The browser's choice among `w` candidates: the narrowest whose density (width / slot)
    /// reaches the DPR, else the widest. Chromium 156 chooses so (checked with Playwright on
    /// phone and desktop emulations), as do WebKit and Gecko.
    fn pick(widths: &[u32], slot: f64, dpr: f64) -> u32 {
        widths
            .iter()
            .copied()
            .find(|w| f64::from(*w) / slot >= dpr)
            .unwrap_or(widths[widths.len() - 1])
    }

    fn carousel_widths() -> Vec<u32> {
        IMAGE_WIDTHS
            .into_iter()
            .filter(|w| *w <= CAROUSEL_MAX_WIDTH)
            .collect()
    }

    #[test]
    fn phones_pick_files_that_fit() {
        let card = |vw: f64| eval_sizes(card_sizes(), vw);
        for (vw, dpr, file) in [
            (412.0, 1.75, 360),  // Lighthouse's Moto G Power: a 193 px card wants 338 px
            (390.0, 2.6, 480),   // 473 px
            (390.0, 3.0, 560),   // iPhone 12–15: 546 px
            (393.0, 3.0, 560),   // 551 px
            (360.0, 2.0, 360),   // 334 px
            (360.0, 3.0, 560),   // 501 px
            (412.0, 2.625, 560), // 507 px
            (430.0, 3.0, 720),   // 606 px
            (768.0, 2.0, 480),   // 459 px
            (1024.0, 1.0, 240),  // 232 px
            (1440.0, 1.0, 360),  // 266 px
            (1440.0, 2.0, 560),  // 531 px
            (1920.0, 2.0, 560),  // 544 px
        ] {
            assert_eq!(
                pick(&IMAGE_WIDTHS, card(vw), dpr),
                file,
                "card at {vw}@{dpr}"
            );
        }

        // Carousels: no phone gets the 1080w file, whatever its DPR; a 360 px phone at DPR 1.5
        // (540 px) gets 560w.
        let widths = carousel_widths();
        for sizes in [carousel_sizes(), product_gallery_sizes()] {
            for (vw, dpr) in [(390.0, 2.6), (390.0, 3.0), (412.0, 1.75), (430.0, 3.0)] {
                assert_eq!(pick(&widths, eval_sizes(sizes, vw), dpr), 720, "{vw}@{dpr}");
            }
            assert_eq!(pick(&widths, eval_sizes(sizes, 360.0), 1.5), 560);
            // Desktops stop at 720w too.
            assert_eq!(pick(&widths, eval_sizes(sizes, 1440.0), 2.0), 720);
        }
    }

    fn image() -> Image {
        Image {
            url_template: "/img/v1/ab/{w}".into(),
            width: 3,
            height: 4,
            placeholder: Placeholder {
                top: "#000000".into(),
                bottom: "#ffffff".into(),
            },
        }
    }

    #[test]
    fn srcsets_list_the_ladder() {
        let img = image();
        assert_eq!(
            img.srcset(),
            "/img/v1/ab/240 240w, /img/v1/ab/360 360w, /img/v1/ab/480 480w, \
             /img/v1/ab/560 560w, /img/v1/ab/720 720w, /img/v1/ab/1080 1080w"
        );
        assert_eq!(
            img.carousel_srcset(),
            "/img/v1/ab/240 240w, /img/v1/ab/360 360w, /img/v1/ab/480 480w, \
             /img/v1/ab/560 560w, /img/v1/ab/720 720w"
        );
        // The carousel's widest candidate is a rendition the server makes.
        assert!(IMAGE_WIDTHS.contains(&CAROUSEL_MAX_WIDTH));
        // Ascending, so "the first candidate that is wide enough" is the narrowest one.
        assert!(IMAGE_WIDTHS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn column_steps_match_the_old_breakpoints() {
        for (width, columns) in [
            (374.0, 2),
            (639.0, 2),
            (640.0, 3),
            (899.0, 3),
            (900.0, 4),
            (1179.0, 4),
            (1180.0, 5),
            (1479.0, 5),
            (1480.0, 6),
            (2400.0, 6),
        ] {
            assert_eq!(feed_columns(width), columns, "{width}");
        }
        assert_eq!(feed_gap(639.0), FEED_GAP_PHONE);
        assert_eq!(feed_gap(640.0), FEED_GAP_WIDE);
    }

    /// The constants restate style/main.css: fail when the stylesheet moves away from them.
    #[test]
    fn constants_match_the_stylesheet() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../style/main.css");
        let css = std::fs::read_to_string(path).expect("style/main.css");
        let compact: String = css.split_whitespace().collect::<Vec<_>>().join(" ");
        for needle in [
            ".app-main { max-width: 1760px; margin: 0 auto; padding: 0 var(--page-pad)",
            "--page-pad: 24px;",
            "@media (max-width: 640px) { :root { --header-h: 56px; --page-pad: 8px; } }",
            ".note { position: relative; display: grid; grid-template-columns: minmax(0, 1.3fr) minmax(360px, 1fr);",
            ".note-overlay-inner { max-width: 1160px; margin: 4vh auto; padding: 0 var(--space-5); }",
            ".note-page { max-width: 1160px;",
            ".product-page { max-width: 1180px;",
            ".product-top { display: grid; grid-template-columns: minmax(0, 1.1fr) minmax(0, 1fr); gap: var(--space-6);",
            "grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: var(--space-4) var(--space-3);",
            "grid-template-columns: repeat(2, minmax(0, 1fr)); gap: var(--space-3) var(--space-2);",
            "--space-2: 8px;",
            "--space-3: 12px;",
            "--space-5: 24px;",
            "--space-6: 32px;",
        ] {
            assert!(compact.contains(needle), "style/main.css no longer has {needle:?}");
        }
    }
}
