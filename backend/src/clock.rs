//! The server's clock: every stored time is RFC 3339 in UTC, and "today" is a UTC date (Iceland
//! keeps UTC all year).

use time::{OffsetDateTime, format_description::well_known::Rfc3339};
use velferd_shared::validation::Date;

/// The time now, as every stored time is written.
pub fn now() -> String {
    OffsetDateTime::now_utc()
        .format(&Rfc3339)
        .unwrap_or_default()
}

/// Milliseconds since 1970, for times that are compared as numbers (the outbox, budgets).
pub fn millis_now() -> i64 {
    (OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64
}

/// `stored` (as `now` writes it) plus `seconds`, written the same way.
pub fn after(stored: &str, seconds: i64) -> Option<String> {
    let moment = OffsetDateTime::parse(stored, &Rfc3339).ok()?;
    (moment + time::Duration::seconds(seconds))
        .format(&Rfc3339)
        .ok()
}

/// Whole seconds from now until `stored`; negative once it has passed.
pub fn seconds_until(stored: &str) -> Option<i64> {
    let moment = OffsetDateTime::parse(stored, &Rfc3339).ok()?;
    Some((moment - OffsetDateTime::now_utc()).whole_seconds())
}

/// Today's date, the one eligibility is judged on when a request names none.
pub fn today() -> Date {
    date_of(OffsetDateTime::now_utc())
}

fn date_of(moment: OffsetDateTime) -> Date {
    let date = moment.to_offset(time::UtcOffset::UTC).date();
    let year = u16::try_from(date.year()).expect("the server's clock is after year 0");
    Date::new(year, u8::from(date.month()), date.day()).expect("time yields real dates")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days_after_the_epoch(days: i64) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(days * 86_400).unwrap()
    }

    #[test]
    fn moments_become_their_utc_calendar_dates() {
        assert_eq!(date_of(days_after_the_epoch(0)).to_string(), "1970-01-01");
        assert_eq!(
            date_of(days_after_the_epoch(19_782)).to_string(),
            "2024-02-29"
        );
        assert_eq!(
            date_of(days_after_the_epoch(20_781)).to_string(),
            "2026-11-24"
        );
        // The evening before in New York is already the next day in Reykjavík.
        let new_york =
            days_after_the_epoch(20_781).to_offset(time::UtcOffset::from_hms(-5, 0, 0).unwrap());
        assert_eq!(new_york.date().to_string(), "2026-11-23");
        assert_eq!(date_of(new_york).to_string(), "2026-11-24");
    }

    #[test]
    fn stored_times_are_rfc_3339_in_utc() {
        let now = now();
        let shape: Vec<char> = now.chars().collect();
        assert!(
            shape[4] == '-' && shape[10] == 'T' && now.ends_with('Z'),
            "{now}"
        );
    }
}
