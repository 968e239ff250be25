//! Numbers as readers expect them: compact counts (1.2K, 1.2万) and prices in yuan.

/// Compact counts as English readers expect them: 999, 1.2K, 12K, 3.4M.
pub fn compact_count_en(n: i64) -> String {
    match n.max(0) {
        n if n < 1_000 => n.to_string(),
        // 999,950 would round to "1000K".
        n if n < 999_950 => one_decimal(n, 1_000, "K"),
        n => one_decimal(n, 1_000_000, "M"),
    }
}

/// Compact counts as Chinese readers expect them, by ten-thousands: 9999, 1.2万, 3.4亿.
pub fn compact_count_zh(n: i64) -> String {
    match n.max(0) {
        n if n < 10_000 => n.to_string(),
        n if n < 99_995_000 => one_decimal(n, 10_000, "万"),
        n => one_decimal(n, 100_000_000, "亿"),
    }
}

/// `n / unit` rounded to one decimal, without a trailing `.0` (integer maths: no float
/// formatting code in the wasm bundle).
pub fn one_decimal(n: i64, unit: i64, suffix: &str) -> String {
    let tenths = (n * 10 + unit / 2) / unit;
    if tenths % 10 == 0 {
        format!("{}{suffix}", tenths / 10)
    } else {
        format!("{}.{}{suffix}", tenths / 10, tenths % 10)
    }
}

/// `12900` fen → `"¥129"`, `12950` → `"¥129.50"`.
pub fn format_cny(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let fen = fen.unsigned_abs();
    let (yuan, cents) = (fen / 100, fen % 100);
    let mut digits = yuan.to_string();
    // Thousands separators: ¥1,299.
    let mut i = digits.len();
    while i > 3 {
        i -= 3;
        digits.insert(i, ',');
    }
    if cents == 0 {
        format!("{sign}¥{digits}")
    } else {
        format!("{sign}¥{digits}.{cents:02}")
    }
}
