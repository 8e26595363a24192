//! Clock-based variables: `$timestamp`, `$isoTimestamp`, random dates around now, and
//! weekday and month names; with the calendar conversion and the JavaScript date formats
//! Postman prints them in.

use std::time::{SystemTime, UNIX_EPOCH};

use rand::RngExt;

use super::DynamicVars;
use super::words::{MONTHS, WEEKDAYS};

const MILLIS_PER_DAY: i64 = 86_400_000;

impl DynamicVars {
    /// Clock-based values and calendar names; `None` for names of other kinds.
    pub(super) fn dates(&mut self, name: &str) -> Option<String> {
        let value = match name {
            "$timestamp" => (now_millis().div_euclid(1000)).to_string(),
            "$isoTimestamp" => iso_timestamp(now_millis()),
            "$randomDateFuture" => {
                let offset = self.rng.random_range(1..=365 * MILLIS_PER_DAY);
                js_date_string(now_millis().saturating_add(offset))
            }
            "$randomDatePast" => {
                let offset = self.rng.random_range(1..=365 * MILLIS_PER_DAY);
                js_date_string(now_millis().saturating_sub(offset))
            }
            "$randomDateRecent" => {
                let offset = self.rng.random_range(1..=MILLIS_PER_DAY);
                js_date_string(now_millis().saturating_sub(offset))
            }
            "$randomMonth" => self.pick(MONTHS).to_string(),
            "$randomWeekday" => self.pick(WEEKDAYS).to_string(),
            _ => return None,
        };
        Some(value)
    }
}

/// Milliseconds since the Unix epoch now (0 if the clock is before the epoch).
fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .ok()
        .and_then(|elapsed| i64::try_from(elapsed.as_millis()).ok())
        .unwrap_or(0)
}

/// A UTC instant broken into calendar fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Civil {
    year: i64,
    month: u32,
    day: u32,
    hour: i64,
    minute: i64,
    second: i64,
    millis: i64,
    /// 0 = Sunday … 6 = Saturday.
    weekday: usize,
}

impl Civil {
    /// Converts Unix milliseconds (proleptic Gregorian calendar, days-from-civil inverse).
    fn from_unix_millis(millis: i64) -> Self {
        let days = millis.div_euclid(MILLIS_PER_DAY);
        let in_day = millis.rem_euclid(MILLIS_PER_DAY);
        let shifted = days + 719_468;
        let era = shifted.div_euclid(146_097);
        let day_of_era = shifted.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_index = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * month_index + 2) / 5 + 1;
        let month = if month_index < 10 {
            month_index + 3
        } else {
            month_index - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Self {
            year,
            // month is in 1..=12 and day in 1..=31 by construction.
            month: month as u32,
            day: day as u32,
            hour: in_day / 3_600_000,
            minute: in_day / 60_000 % 60,
            second: in_day / 1000 % 60,
            millis: in_day % 1000,
            // 1970-01-01 was a Thursday.
            weekday: (days + 4).rem_euclid(7) as usize,
        }
    }
}

/// `2026-11-24T20:56:04.123Z` form, as JavaScript's `Date.prototype.toISOString`.
fn iso_timestamp(millis: i64) -> String {
    let c = Civil::from_unix_millis(millis);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        c.year, c.month, c.day, c.hour, c.minute, c.second, c.millis
    )
}

/// `Tue Nov 24 2026 20:56:04 GMT+0000 (Coordinated Universal Time)` form, as JavaScript's
/// `Date.prototype.toString` in UTC, which is how Postman prints its random dates.
fn js_date_string(millis: i64) -> String {
    let c = Civil::from_unix_millis(millis);
    let weekday = &WEEKDAYS[c.weekday][..3];
    let month = &MONTHS[(c.month - 1) as usize][..3];
    format!(
        "{weekday} {month} {:02} {:04} {:02}:{:02}:{:02} GMT+0000 (Coordinated Universal Time)",
        c.day, c.year, c.hour, c.minute, c.second
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_based_dates_keep_their_shape_under_a_seed() {
        let mut dynamic = DynamicVars::new(Some(9));
        let future = dynamic.generate("$randomDateFuture").unwrap();
        assert!(
            future.ends_with(" GMT+0000 (Coordinated Universal Time)"),
            "{future}"
        );
        assert_eq!(future.split(' ').count(), 9, "{future}");
    }

    #[test]
    fn timestamps_are_current() {
        let mut dynamic = DynamicVars::new(Some(1));
        let before = now_millis() / 1000;
        let stamp: i64 = dynamic.generate("$timestamp").unwrap().parse().unwrap();
        let after = now_millis() / 1000;
        assert!((before..=after).contains(&stamp));
        let iso = dynamic.generate("$isoTimestamp").unwrap();
        assert_eq!(iso.len(), 24, "{iso}");
        assert!(iso.ends_with('Z'));
        let year: i64 = iso[..4].parse().unwrap();
        assert_eq!(year, Civil::from_unix_millis(after * 1000).year);
    }

    #[test]
    fn iso_timestamp_conversion() {
        assert_eq!(iso_timestamp(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso_timestamp(1_795_553_764_123), "2026-11-24T20:56:04.123Z");
        assert_eq!(iso_timestamp(1_709_208_000_000), "2024-02-29T12:00:00.000Z");
        assert_eq!(iso_timestamp(4_102_444_799_999), "2099-12-31T23:59:59.999Z");
        assert_eq!(iso_timestamp(951_782_400_000), "2000-02-29T00:00:00.000Z");
        assert_eq!(iso_timestamp(-1), "1969-12-31T23:59:59.999Z");
    }

    #[test]
    fn js_date_string_conversion() {
        assert_eq!(
            js_date_string(1_795_553_764_123),
            "Tue Nov 24 2026 20:56:04 GMT+0000 (Coordinated Universal Time)"
        );
        assert_eq!(
            js_date_string(1_709_208_000_000),
            "Thu Feb 29 2024 12:00:00 GMT+0000 (Coordinated Universal Time)"
        );
        assert_eq!(
            js_date_string(0),
            "Thu Jan 01 1970 00:00:00 GMT+0000 (Coordinated Universal Time)"
        );
    }
}
