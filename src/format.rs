//! Display formatting for counts, durations and times, in the interface language.

pub use api_types::one_decimal;

use crate::i18n::{fill, lang, msg, Lang, Plural};

/// Compact counts in the interface language: 12K / 1.2万.
pub fn count(n: i64) -> String {
    count_in(lang(), n)
}

/// English groups by thousands (999, 1.2K, 12K, 3.4M); Chinese by ten-thousands (9999, 1.2万,
/// 3.4亿), as readers of each expect.
pub fn count_in(lang: Lang, n: i64) -> String {
    match lang {
        Lang::Zh => api_types::compact_count_zh(n),
        _ => api_types::compact_count_en(n),
    }
}

/// `m:ss` for video lengths.
pub fn duration(seconds: i32) -> String {
    let s = seconds.max(0);
    format!("{}:{:02}", s / 60, s % 60)
}

/// Relative time from `then` to `now` (unix seconds) in the interface language: "just now" /
/// "刚刚", "5 min ago" / "5 分钟前", "3 days ago" / "3 天前", then a date.
pub fn relative_time(then: i64, now: i64) -> String {
    relative_time_in(lang(), then, now)
}

pub fn relative_time_in(lang: Lang, then: i64, now: i64) -> String {
    let delta = (now - then).max(0);
    let ago = |key: Plural, n: i64| fill(lang.plural(key, n), &[("n", &n)]);
    match delta {
        d if d < 60 => lang.t(msg::format::JUST_NOW).to_string(),
        d if d < 3_600 => ago(msg::format::MINUTES_AGO, d / 60),
        d if d < 86_400 => ago(msg::format::HOURS_AGO, d / 3_600),
        d if d < 7 * 86_400 => ago(msg::format::DAYS_AGO, d / 86_400),
        _ => {
            let date = js_date(then);
            format!("{}-{:02}-{:02}", date.0, date.1, date.2)
        }
    }
}

/// (year, month, day) in the viewer's time zone.
fn js_date(unix: i64) -> (u32, u32, u32) {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(unix as f64 * 1000.0));
    (d.get_full_year(), d.get_month() + 1, d.get_date())
}

pub fn now_unix() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// "2026-11-26 14:05" in the viewer's time zone.
pub fn date_time(unix: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(unix as f64 * 1000.0));
    format!(
        "{}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// `v` with `places` decimals, using integer maths: formatting an `f64` with `{}` pulls
/// Rust's float printing (~10 KB) into the bundle.
pub fn decimal(v: f64, places: u32) -> String {
    let scale = 10_i64.pow(places);
    let n = (v * scale as f64).round() as i64;
    let sign = if n < 0 { "-" } else { "" };
    let (whole, frac) = (n.abs() / scale, n.abs() % scale);
    if places == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{frac:0width$}", width = places as usize)
    }
}
