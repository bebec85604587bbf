//! Whole numbers the screener asks for, each with the bounds that make it believable: an age, a
//! number of months, hours in a week, a child's age. Built only by parsing, in the browser from
//! what was typed and in the API from JSON, so both refuse the same numbers with the same code.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use crate::problem::ProblemCode;

/// Reads a typed whole number: blank is "answer the question", anything but digits is "a whole
/// number", and a number too large for any count is out of range.
fn whole_number(typed: &str, out_of_range: ProblemCode) -> Result<u64, ProblemCode> {
    let typed = crate::numbers::western_digits(typed);
    let trimmed = typed.trim();
    if trimmed.is_empty() {
        return Err(ProblemCode::AnswerRequired);
    }
    if !trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ProblemCode::AnswerWholeNumber);
    }
    trimmed.parse().map_err(|_| out_of_range)
}

macro_rules! counts {
    ($($(#[$doc:meta])* $name:ident($repr:ty) up to $max:literal, else $code:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name($repr);

        impl $name {
            pub const MAX: $repr = $max;

            pub fn new(value: u64) -> Result<$name, ProblemCode> {
                <$repr>::try_from(value)
                    .ok()
                    .filter(|v| *v <= Self::MAX)
                    .map($name)
                    .ok_or(ProblemCode::$code)
            }

            pub fn parse(typed: &str) -> Result<$name, ProblemCode> {
                $name::new(whole_number(typed, ProblemCode::$code)?)
            }

            pub fn value(self) -> $repr {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.0.serialize(serializer)
            }
        }

        /// Out of bounds is an error whose message is the problem code, which the API turns
        /// into that code with its translated message.
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = u64::deserialize(deserializer)?;
                $name::new(value).map_err(|code| de::Error::custom(code.key()))
            }
        }
    )*};
}

counts! {
    /// A person's age in years.
    Age(u8) up to 120, else AgeOutOfRange;
    /// A length of time in whole months (a hundred years at most).
    Months(u16) up to 1200, else MonthsOutOfRange;
    /// Hours in one week.
    WeeklyHours(u16) up to 168, else HoursOutOfRange;
    /// A child's age: the rules count children up to 25 (a student living at home).
    ChildAge(u8) up to 25, else ChildAgesBadFormat;
}

/// Children's ages typed as a list: "4, 9" or "4 9". Blank is no children.
pub fn parse_child_ages(typed: &str) -> Result<Vec<ChildAge>, ProblemCode> {
    // "٤، ٩" from an Arabic keyboard: the Arabic comma separates too.
    crate::numbers::western_digits(typed)
        .split([',', ';', ' '])
        .filter(|s| !s.trim().is_empty())
        .map(|s| ChildAge::parse(s).map_err(|_| ProblemCode::ChildAgesBadFormat))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_age_is_a_whole_number_from_0_to_120() {
        assert_eq!(Age::parse(" 34 ").map(Age::value), Ok(34));
        assert_eq!(Age::parse("0").map(Age::value), Ok(0));
        assert_eq!(Age::parse("120").map(Age::value), Ok(120));
        assert_eq!(Age::parse("121"), Err(ProblemCode::AgeOutOfRange));
        assert_eq!(
            Age::parse("99999999999999999999999"),
            Err(ProblemCode::AgeOutOfRange)
        );
        assert_eq!(Age::parse(""), Err(ProblemCode::AnswerRequired));
        assert_eq!(Age::parse("3.5"), Err(ProblemCode::AnswerWholeNumber));
        assert_eq!(Age::parse("-3"), Err(ProblemCode::AnswerWholeNumber));
    }

    #[test]
    fn months_and_hours_have_their_own_bounds_and_codes() {
        assert_eq!(Months::parse("1200").map(Months::value), Ok(1200));
        assert_eq!(Months::parse("1201"), Err(ProblemCode::MonthsOutOfRange));
        assert_eq!(WeeklyHours::parse("168").map(WeeklyHours::value), Ok(168));
        assert_eq!(WeeklyHours::parse("169"), Err(ProblemCode::HoursOutOfRange));
    }

    #[test]
    fn child_ages_are_a_list_of_ages_up_to_25() {
        let ages = parse_child_ages("4, 9;12 0").unwrap();
        assert_eq!(
            ages.iter().map(|a| a.value()).collect::<Vec<_>>(),
            [4, 9, 12, 0]
        );
        assert_eq!(parse_child_ages("  ").unwrap(), []);
        assert_eq!(
            parse_child_ages("4, 26"),
            Err(ProblemCode::ChildAgesBadFormat)
        );
        assert_eq!(
            parse_child_ages("four"),
            Err(ProblemCode::ChildAgesBadFormat)
        );
    }

    #[test]
    fn json_out_of_bounds_is_refused_with_the_code_as_its_message() {
        assert_eq!(serde_json::from_str::<Age>("67").unwrap().value(), 67);
        let error = serde_json::from_str::<Age>("200").unwrap_err();
        assert!(error.to_string().starts_with("age.out-of-range"), "{error}");
        assert!(serde_json::from_str::<WeeklyHours>("-1").is_err());
        assert_eq!(
            serde_json::to_string(&Months::new(36).unwrap()).unwrap(),
            "36"
        );
    }
}
