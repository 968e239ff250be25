//! The first screen painted from the document itself, before the wasm has arrived: on a phone
//! the feed's first covers (or the note's, the product's first picture, the first search
//! results) are visible after the HTML, the stylesheet and the pictures, not after the whole
//! app. It is plain HTML built from the same answers the document carries inline (`boot`),
//! laid out with `style/first-paint.css` to match the app's phone layout, and it goes away
//! (`index.html`) once the app has painted its own first picture. Phones only: wide screens
//! hide it (`display: none`), so nothing of it is fetched there.
//!
//! It is decoration for the eye, not for assistive technology: `aria-hidden`, `inert`, and
//! `pointer-events: none` (a tap reaches the app underneath).

use api_types::{card_sizes, carousel_sizes, product_gallery_sizes};
use api_types::{
    compact_count_en, compact_count_zh, Channel, Image, NoteCard, NoteDetail, NoteKind, Page,
    ProductDetail,
};

/// Cards painted for a feed: two columns of a phone screen and a bit.
const FEED_CARDS: usize = 8;
/// Height of a card's text block under its cover (the app's `TEXT_BLOCK`, CSS px).
const TEXT_BLOCK: f64 = 86.0;
/// Covers are shown between 4:3 and 3:4 (the app's `masonry::MIN_RATIO` / `MAX_RATIO`).
const MIN_RATIO: f64 = 0.75;
const MAX_RATIO: f64 = 4.0 / 3.0;

/// The app's icons (src/components/icon.rs) the first screen draws: 24 px strokes.
fn icon(html: &mut String, path: &str, size: u32) {
    html.push_str(&format!(
        r#"<svg width="{size}" height="{size}" viewBox="0 0 24 24"><path d="{path}" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>"#
    ));
}
const SEARCH: &str = "M10.5 17a6.5 6.5 0 100-13 6.5 6.5 0 000 13zM15.5 15.5L20 20";
const BAG: &str = "M5 8h14l-1 12H6zM9 8V6.5a3 3 0 016 0V8";
const HOME: &str = "M4 11l8-7 8 7v9h-5v-6H9v6H4z";
const PLUS: &str = "M12 5v14M5 12h14";
const COMMENT: &str = "M4 5.5h16v10H9l-5 4z";
const USER: &str = "M12 12a4 4 0 100-8 4 4 0 000 8zM4.5 20c1.4-3.6 4.3-5.5 7.5-5.5s6.1 1.9 7.5 5.5";

/// What the first screen shows, from the answers the document carries.
pub enum FirstPaint<'a> {
    Feed {
        channels: Option<&'a [Channel]>,
        current: &'a str,
        page: &'a Page<NoteCard>,
    },
    Search {
        query: &'a str,
        cards: &'a [NoteCard],
    },
    Note(&'a NoteDetail),
    Product(&'a ProductDetail),
}

/// The `<div id="zc-first-paint">` to put right after `<body>`.
pub fn render(paint: &FirstPaint<'_>, signed_in: bool) -> String {
    let mut html = String::from(r#"<div id="zc-first-paint" class="fp" aria-hidden="true" inert>"#);
    match paint {
        FirstPaint::Feed {
            channels,
            current,
            page,
        } => {
            header(&mut html, signed_in, None);
            if let Some(channels) = channels {
                channel_row(&mut html, channels, current);
            }
            masonry(&mut html, &page.items);
            tab_bar(&mut html);
        }
        FirstPaint::Search { query, cards } => {
            header(&mut html, signed_in, Some(query));
            html.push_str(r#"<div class="fp-tabs"></div>"#);
            masonry(&mut html, cards);
            tab_bar(&mut html);
        }
        FirstPaint::Note(note) => {
            if let Some(image) = note.images.first() {
                picture(&mut html, image, &image.carousel_srcset(), carousel_sizes());
            }
            html.push_str(r#"<div class="fp-text"><p class="fp-author">"#);
            avatar(&mut html, &note.author.avatar_url(64));
            push_text(&mut html, &note.author.display_name);
            html.push_str(r#"</p><p class="fp-note-title">"#);
            push_text(&mut html, &note.title);
            html.push_str(r#"</p><p class="fp-body">"#);
            push_text(&mut html, &note.body.chars().take(280).collect::<String>());
            html.push_str("</p></div>");
        }
        FirstPaint::Product(product) => {
            header(&mut html, signed_in, None);
            if let Some(image) = product.images.first() {
                picture(
                    &mut html,
                    image,
                    &image.carousel_srcset(),
                    product_gallery_sizes(),
                );
            }
            html.push_str(r#"<div class="fp-text"><p class="fp-brand">"#);
            push_text(&mut html, &product.brand.name);
            html.push_str(r#"</p><p class="fp-product-title">"#);
            push_bilingual(&mut html, &product.title_en, &product.title);
            html.push_str(r#"</p><p class="fp-price">"#);
            push_text(&mut html, &api_types::format_cny(product.price_fen));
            html.push_str("</p></div>");
        }
    }
    html.push_str("</div>");
    html
}

/// The phone header: brand mark, search field (with the query on a search page), cart and
/// the account corner.
fn header(html: &mut String, signed_in: bool, query: Option<&str>) {
    html.push_str(concat!(
        r#"<div class="fp-header"><svg class="fp-mark" width="32" height="32" viewBox="0 0 64 64">"#,
        r##"<rect width="64" height="64" rx="16" fill="var(--brand)"/>"##,
        r##"<path d="M32 50V26M32 30c-4-9-12-12-18-11 0 8 7 14 18 13M32 26c3-9 11-13 18-12 0 9-8 14-18 14" fill="none" stroke="#fff" stroke-width="4.5" stroke-linecap="round" stroke-linejoin="round"/>"##,
        r#"</svg><div class="fp-search">"#
    ));
    match query {
        Some(q) => {
            html.push_str(r#"<span class="fp-placeholder fp-query">"#);
            push_text(html, q);
            html.push_str("</span>");
        }
        None => {
            html.push_str(r#"<span class="fp-placeholder">"#);
            push_bilingual(html, "Search notes, people", "搜索笔记、话题、用户");
            html.push_str("</span>");
        }
    }
    icon(html, SEARCH, 20);
    html.push_str(r#"</div><span class="fp-icon">"#);
    icon(html, BAG, 24);
    html.push_str("</span>");
    if signed_in {
        html.push_str(r#"<span class="fp-avatar-slot"></span>"#);
    } else {
        html.push_str(r#"<span class="fp-signin">"#);
        push_bilingual(html, "Sign in", "登录");
        html.push_str("</span>");
    }
    html.push_str("</div>");
}

/// The phone's tab bar (src/components/tab_bar.rs), Home current.
fn tab_bar(html: &mut String) {
    html.push_str(r#"<div class="fp-tabbar"><span class="fp-current">"#);
    icon(html, HOME, 24);
    push_bilingual(html, "Home", "首页");
    html.push_str("</span><span>");
    icon(html, BAG, 24);
    push_bilingual(html, "Shop", "购物");
    html.push_str(r#"</span><span class="fp-publish">"#);
    icon(html, PLUS, 24);
    html.push_str("</span><span>");
    icon(html, COMMENT, 24);
    push_bilingual(html, "Messages", "消息");
    html.push_str("</span><span>");
    icon(html, USER, 24);
    push_bilingual(html, "Me", "我");
    html.push_str("</span></div>");
}

fn channel_row(html: &mut String, channels: &[Channel], current: &str) {
    // The app's row starts with its static "Live" chip (`ChannelBar`'s `live`).
    html.push_str(r#"<div class="fp-channels"><span class="fp-live">"#);
    push_bilingual(html, "Live", "直播");
    html.push_str("</span>");
    html.push_str(if current == "following" {
        r#"<span class="fp-current">"#
    } else {
        "<span>"
    });
    push_bilingual(html, "Following", "关注");
    html.push_str("</span>");
    for channel in channels.iter().take(6) {
        let class = if channel.slug == current {
            r#"<span class="fp-current">"#
        } else {
            "<span>"
        };
        html.push_str(class);
        push_bilingual(html, &channel.name_en, &channel.name_zh);
        html.push_str("</span>");
    }
    html.push_str("</div>");
}

/// Two columns, each card into the shorter one (the app's masonry rule), heights from the
/// covers' sizes at a 390 px phone's column width.
fn masonry(html: &mut String, cards: &[NoteCard]) {
    const COLUMN: f64 = 182.0;
    let mut heights = [0.0f64; 2];
    let mut columns: [Vec<&NoteCard>; 2] = [Vec::new(), Vec::new()];
    for card in cards.iter().take(FEED_CARDS) {
        let col = usize::from(heights[1] < heights[0]);
        heights[col] += COLUMN * display_ratio(&card.cover) + TEXT_BLOCK;
        columns[col].push(card);
    }
    html.push_str(r#"<div class="fp-grid">"#);
    for column in columns {
        html.push_str(r#"<div class="fp-col">"#);
        for card in column {
            let ratio = display_ratio(&card.cover);
            html.push_str(r#"<div class="fp-card"><div class="fp-cover-box">"#);
            html.push_str(&format!(
                r#"<img class="fp-cover" style="aspect-ratio:1000/{};{}" src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="" fetchpriority="high">"#,
                (1000.0 * ratio).round(),
                placeholder(&card.cover),
                attr(&card.cover.url(360)),
                attr(&card.cover.srcset()),
                card_sizes(),
                card.cover.width,
                card.cover.height,
            ));
            if let Some(seconds) = card.video_seconds.filter(|_| card.kind == NoteKind::Video) {
                let s = seconds.max(0);
                html.push_str(&format!(
                    r#"<span class="fp-badge">▶ {}:{:02}</span>"#,
                    s / 60,
                    s % 60
                ));
            }
            html.push_str(r#"</div><div class="fp-card-body"><p class="fp-title">"#);
            push_text(html, &card.title);
            html.push_str(r#"</p><p class="fp-meta">"#);
            avatar(html, &card.author.avatar_url(64));
            html.push_str(r#"<span class="fp-name">"#);
            push_text(html, &card.author.display_name);
            html.push_str(r#"</span><span class="fp-likes">♡ "#);
            push_bilingual(
                html,
                &compact_count_en(card.like_count),
                &compact_count_zh(card.like_count),
            );
            html.push_str("</span></p></div></div>");
        }
        html.push_str("</div>");
    }
    html.push_str("</div>");
}

/// Height / width of a cover as the feed draws it (cropped between 4:3 and 3:4).
fn display_ratio(image: &Image) -> f64 {
    (f64::from(image.height) / f64::from(image.width.max(1))).clamp(MIN_RATIO, MAX_RATIO)
}

/// A full-width picture (the note's or the product's first), in its own proportions.
fn picture(html: &mut String, image: &Image, srcset: &str, sizes: &str) {
    html.push_str(&format!(
        r#"<img class="fp-picture" style="aspect-ratio:{}/{};{}" src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="" fetchpriority="high">"#,
        image.width,
        image.height,
        placeholder(image),
        attr(&image.url(720)),
        attr(srcset),
        sizes,
        image.width,
        image.height,
    ));
}

fn avatar(html: &mut String, url: &str) {
    html.push_str(&format!(
        r#"<img class="fp-avatar" src="{}" width="20" height="20" alt="">"#,
        attr(url)
    ));
}

fn placeholder(image: &Image) -> String {
    let colour = |c: &str| {
        if c.len() == 7 && c.starts_with('#') && c[1..].bytes().all(|b| b.is_ascii_hexdigit()) {
            c.to_string()
        } else {
            "transparent".to_string()
        }
    };
    format!(
        "background:linear-gradient(180deg,{},{})",
        colour(&image.placeholder.top),
        colour(&image.placeholder.bottom)
    )
}

/// English and Chinese side by side; the stylesheet shows the one of `<html lang>` (set
/// before the first paint by index.html, as the app decides it).
fn push_bilingual(html: &mut String, en: &str, zh: &str) {
    if en == zh {
        push_text(html, en);
        return;
    }
    html.push_str(r#"<span class="fp-en">"#);
    push_text(html, en);
    html.push_str(r#"</span><span class="fp-zh">"#);
    push_text(html, zh);
    html.push_str("</span>");
}

/// User text as HTML text: never markup.
fn push_text(html: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '"' => html.push_str("&quot;"),
            '\'' => html.push_str("&#39;"),
            c if c.is_control() => {}
            c => html.push(c),
        }
    }
}

fn attr(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    push_text(&mut out, value);
    out
}

#[cfg(test)]
mod tests {
    use super::push_text;

    #[test]
    fn user_text_is_never_markup() {
        let mut html = String::new();
        push_text(&mut html, "</div><script>alert(1)</script>\u{0}\"'&");
        assert_eq!(
            html,
            "&lt;/div&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"
        );
    }
}
