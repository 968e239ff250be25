//! Day numbers and calendar dates with integer maths only, shared by the server (order
//! numbers, card expiry, the creator center's days) and the client (chart labels), so there
//! is one copy of the algorithm and no date crate in either (a few instructions in the wasm).
//!
//! Dates are proleptic Gregorian; `civil_from_days` is Howard Hinnant's algorithm.

/// Seconds in a day.
pub const DAY_SECS: i64 = 86_400;

/// The app's home time zone (UTC+8) as an offset from UTC in seconds: days for views and the
/// creator center's series start at midnight there.
pub const APP_UTC_OFFSET: i64 = 8 * 3600;

/// The day number (days since 1970-01-01 in UTC+8) of a unix time.
pub fn app_day(unix: i64) -> i64 {
    (unix + APP_UTC_OFFSET).div_euclid(DAY_SECS)
}

/// Unix seconds at the start (midnight UTC+8) of day number `day`.
pub fn app_day_start(day: i64) -> i64 {
    day * DAY_SECS - APP_UTC_OFFSET
}

/// The calendar date `(year, month 1–12, day 1–31)` of day number `days` since 1970-01-01
/// (negative before it).
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    // Shifted so eras (400 years, 146 097 days) start on 0000-03-01: the leap day is then the
    // last day of a year and months have a fixed pattern from March.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097; // day of era, 0..=146_096
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365; // year of era
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // day of year from March 1st
    let mp = (5 * doy + 2) / 153; // month from March, 0..=11
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The UTC calendar date of a unix time.
pub fn utc_date(unix: i64) -> (i64, i64, i64) {
    civil_from_days(unix.div_euclid(DAY_SECS))
}

/// The calendar date of a unix time in the app's time zone (UTC+8).
pub fn app_date(unix: i64) -> (i64, i64, i64) {
    civil_from_days(app_day(unix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_days() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(-719_468), (0, 3, 1));
        assert_eq!(civil_from_days(10_957), (2000, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
    }

    #[test]
    fn leap_years() {
        // 2000 is a leap year (divisible by 400), 1900 and 2100 are not, 2024 is.
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(11_017), (2000, 3, 1));
        assert_eq!(civil_from_days(-25_508), (1900, 3, 1));
        assert_eq!(civil_from_days(-25_509), (1900, 2, 28));
        assert_eq!(civil_from_days(47_541), (2100, 3, 1));
        assert_eq!(civil_from_days(47_540), (2100, 2, 28));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
    }

    #[test]
    fn every_day_follows_the_one_before() {
        // From 1899 to 2101: each day is the next of the day before, months have their lengths.
        let mut before = civil_from_days(-25_933);
        assert_eq!(before, (1898, 12, 31));
        for days in -25_932..47_847 {
            let (y, m, d) = civil_from_days(days);
            let next_month = (before.1 % 12 + 1, before.0 + i64::from(before.1 == 12));
            assert!(
                (y, m, d) == (before.0, before.1, before.2 + 1) || (d == 1 && (m, y) == next_month),
                "{before:?} then {:?}",
                (y, m, d)
            );
            before = (y, m, d);
        }
    }

    #[test]
    fn utc_dates() {
        assert_eq!(utc_date(0), (1970, 1, 1));
        assert_eq!(utc_date(951_782_400), (2000, 2, 29));
        // 2026-11-26 12:00:00 UTC and the last second of 2026.
        assert_eq!(utc_date(1_795_694_400), (2026, 11, 26));
        assert_eq!(utc_date(1_798_761_599), (2026, 12, 31));
        assert_eq!(utc_date(-1), (1969, 12, 31));
    }

    #[test]
    fn app_days_start_at_midnight_in_utc_plus_8() {
        // 2026-11-26 15:59:59 UTC is 23:59:59 in Beijing; a second later is the next day.
        let before = 1_795_708_799;
        assert_eq!(app_day(before) + 1, app_day(before + 1));
        assert_eq!(app_day_start(app_day(before + 1)), before + 1);
        assert_eq!(app_day_start(app_day(before)), before + 1 - DAY_SECS);
        assert_eq!(app_date(before), (2026, 11, 26));
        assert_eq!(app_date(before + 1), (2026, 11, 27));
        // 16:00 UTC on 1969-12-31 is already 1970-01-01 in UTC+8.
        assert_eq!(app_date(-8 * 3600), (1970, 1, 1));
        assert_eq!(app_date(-8 * 3600 - 1), (1969, 12, 31));
    }
}
