//! A calendar day with no time or time zone: a birth date, or the day whose rules and figures
//! apply. Iceland keeps UTC all year, so a day is the same everywhere we care about.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

/// A real day of the Gregorian calendar, year 1 to 9999.
// Fields in this order make the derived `Ord` chronological.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum DateError {
    #[error("no date was given")]
    Empty,
    #[error("a date is written YYYY-MM-DD")]
    BadFormat,
    #[error("there is no such day in the calendar")]
    NotARealDate,
}

impl DateError {
    pub const ALL: [DateError; 3] = [
        DateError::Empty,
        DateError::BadFormat,
        DateError::NotARealDate,
    ];

    pub fn code(&self) -> &'static str {
        match self {
            DateError::Empty => "date.empty",
            DateError::BadFormat => "date.bad-format",
            DateError::NotARealDate => "date.not-a-real-date",
        }
    }
}

impl Date {
    /// `None` unless the day exists. Years stop at 1–9999 so that every date has a four-digit ISO
    /// form that parses back.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let real = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && (1..=days_in_month(year, month)).contains(&day);
        real.then_some(Date { year, month, day })
    }

    /// Reads exactly `YYYY-MM-DD`, the form the API and `<input type="date">` use.
    pub fn parse_iso(input: &str) -> Result<Date, DateError> {
        let input = crate::numbers::western_digits(input);
        let input = input.trim();
        if input.is_empty() {
            return Err(DateError::Empty);
        }
        let bytes = input.as_bytes();
        let shaped = bytes.len() == 10
            && bytes.iter().enumerate().all(|(i, b)| match i {
                4 | 7 => *b == b'-',
                _ => b.is_ascii_digit(),
            });
        if !shaped {
            return Err(DateError::BadFormat);
        }
        let number = |digits: &[u8]| {
            digits
                .iter()
                .fold(0u16, |n, d| n * 10 + u16::from(d - b'0'))
        };
        let (year, month, day) = (
            number(&bytes[0..4]),
            number(&bytes[5..7]),
            number(&bytes[8..10]),
        );
        // Two ASCII digits always fit in a u8.
        Date::new(year, month as u8, day as u8).ok_or(DateError::NotARealDate)
    }

    pub fn year(&self) -> u16 {
        self.year
    }

    pub fn month(&self) -> u8 {
        self.month
    }

    pub fn day(&self) -> u8 {
        self.day
    }

    /// Whole years reached by `on` by someone born on `self`; 0 before birth. Someone born on
    /// 29 February has their birthday on 1 March in common years.
    pub fn age_on(&self, on: Date) -> u16 {
        if on <= *self {
            return 0;
        }
        let years = on.year - self.year;
        if (on.month, on.day) < (self.month, self.day) {
            years - 1
        } else {
            years
        }
    }
}

fn is_leap_year(year: u16) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Date, DateError> {
        Date::parse_iso(s)
    }
}

impl TryFrom<String> for Date {
    type Error = DateError;

    fn try_from(s: String) -> Result<Date, DateError> {
        Date::parse_iso(&s)
    }
}

impl From<Date> for String {
    fn from(date: Date) -> String {
        date.to_string()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn date(year: u16, month: u8, day: u8) -> Date {
        Date::new(year, month, day).expect("a real date")
    }

    #[test]
    fn real_days_are_dates_and_others_are_not() {
        let cases = [
            ((2024, 2, 29), true),
            ((2023, 2, 29), false),
            ((2000, 2, 29), true),
            ((1900, 2, 29), false),
            ((2026, 4, 30), true),
            ((2026, 4, 31), false),
            ((2026, 12, 31), true),
            ((2026, 1, 32), false),
            ((2026, 0, 10), false),
            ((2026, 13, 10), false),
            ((2026, 6, 0), false),
            ((0, 1, 1), false),
            ((1, 1, 1), true),
            ((9999, 12, 31), true),
            ((10000, 1, 1), false),
        ];
        for ((y, m, d), real) in cases {
            assert_eq!(Date::new(y, m, d).is_some(), real, "{y}-{m}-{d}");
        }
    }

    #[test]
    fn iso_dates_are_read_and_written_the_same_way() {
        let parsed = Date::parse_iso("2026-11-24").unwrap();
        assert_eq!(parsed, date(2026, 11, 24));
        assert_eq!(
            (parsed.year(), parsed.month(), parsed.day()),
            (2026, 11, 24)
        );
        assert_eq!(parsed.to_string(), "2026-11-24");
        assert_eq!(date(987, 3, 5).to_string(), "0987-03-05");
    }

    #[test]
    fn surrounding_whitespace_is_ignored() {
        assert_eq!(Date::parse_iso(" 2024-02-29\n"), Ok(date(2024, 2, 29)));
    }

    #[test]
    fn each_kind_of_mistake_has_its_own_error() {
        let cases = [
            ("", DateError::Empty),
            ("   ", DateError::Empty),
            ("24.11.2026", DateError::BadFormat),
            ("2026-1-24", DateError::BadFormat),
            ("2026/11/24", DateError::BadFormat),
            ("2026-11-24T10:00", DateError::BadFormat),
            ("+026-11-24", DateError::BadFormat),
            ("２０２６-11-24", DateError::BadFormat),
            ("2023-02-29", DateError::NotARealDate),
            ("2026-04-31", DateError::NotARealDate),
            ("2025-02-30", DateError::NotARealDate),
            ("2026-00-01", DateError::NotARealDate),
            ("0000-01-01", DateError::NotARealDate),
        ];
        for (input, error) in cases {
            assert_eq!(Date::parse_iso(input), Err(error), "{input:?}");
        }
    }

    #[test]
    fn dates_sort_chronologically() {
        let mut dates = [
            date(2026, 1, 2),
            date(2025, 12, 31),
            date(2026, 1, 1),
            date(2024, 2, 29),
        ];
        dates.sort();
        assert_eq!(
            dates,
            [
                date(2024, 2, 29),
                date(2025, 12, 31),
                date(2026, 1, 1),
                date(2026, 1, 2)
            ]
        );
    }

    #[test]
    fn age_counts_whole_years_and_turns_on_the_birthday() {
        let born = date(1990, 6, 15);
        let cases = [
            (date(1990, 6, 15), 0),
            (date(1991, 6, 14), 0),
            (date(1991, 6, 15), 1),
            (date(2026, 6, 14), 35),
            (date(2026, 6, 15), 36),
            (date(2026, 12, 31), 36),
            (date(1980, 1, 1), 0),
        ];
        for (on, age) in cases {
            assert_eq!(born.age_on(on), age, "on {on}");
        }
    }

    #[test]
    fn a_leap_day_birthday_comes_on_the_first_of_march_in_common_years() {
        let born = date(2008, 2, 29);
        assert_eq!(born.age_on(date(2026, 2, 28)), 17);
        assert_eq!(born.age_on(date(2026, 3, 1)), 18);
        assert_eq!(born.age_on(date(2028, 2, 29)), 20);
    }

    #[test]
    fn json_holds_the_iso_string_and_rejects_impossible_days() {
        let json = serde_json::to_string(&date(2024, 2, 29)).unwrap();
        assert_eq!(json, r#""2024-02-29""#);
        assert_eq!(
            serde_json::from_str::<Date>(&json).unwrap(),
            date(2024, 2, 29)
        );
        let error = serde_json::from_str::<Date>(r#""2025-02-30""#).unwrap_err();
        assert!(error.to_string().contains("no such day"), "{error}");
        assert!(serde_json::from_str::<Date>("20250230").is_err());
    }

    #[test]
    fn error_codes_name_the_domain() {
        for error in DateError::ALL {
            assert!(error.code().starts_with("date."));
        }
    }

    fn any_date() -> impl Strategy<Value = Date> {
        (1u16..=9999, 1u8..=12, 1u8..=31)
            .prop_filter_map("a real day", |(y, m, d)| Date::new(y, m, d))
    }

    proptest! {
        #[test]
        fn parsing_any_string_never_panics(s in ".*") {
            let _ = Date::parse_iso(&s);
        }

        #[test]
        fn parsing_date_shaped_strings_never_panics(s in "[0-9]{4}-[0-9]{2}-[0-9]{2}") {
            let _ = Date::parse_iso(&s);
        }

        #[test]
        fn any_date_survives_iso_and_json_round_trips(d in any_date()) {
            prop_assert_eq!(Date::parse_iso(&d.to_string()), Ok(d));
            let json = serde_json::to_string(&d).unwrap();
            prop_assert_eq!(serde_json::from_str::<Date>(&json).unwrap(), d);
        }

        #[test]
        fn age_never_falls_as_time_passes(born in any_date(), a in any_date(), b in any_date()) {
            let (earlier, later) = if a <= b { (a, b) } else { (b, a) };
            prop_assert!(born.age_on(earlier) <= born.age_on(later));
        }
    }
}
