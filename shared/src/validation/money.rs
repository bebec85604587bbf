//! Amounts in whole Icelandic krónur: incomes, rents, assets. The króna has no minor unit in
//! use, so a decimal fraction in the input is a mistake to point out, not something to round.

use crate::{Language, numbers::western_digits};
use std::{fmt, str::FromStr};

use serde::{
    Deserialize, Deserializer, Serialize,
    de::{self, Visitor},
};

/// A non-negative amount in whole krónur.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Kronur(u64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum KronurError {
    #[error("no amount was given")]
    Empty,
    #[error("an amount cannot be negative")]
    Negative,
    #[error("an amount is in whole krónur, without decimals")]
    NotWholeKronur,
    #[error("an amount is written with digits, such as 250000 or 250.000 kr.")]
    BadFormat,
    #[error("the amount is too large")]
    TooLarge,
}

impl KronurError {
    pub const ALL: [KronurError; 5] = [
        KronurError::Empty,
        KronurError::Negative,
        KronurError::NotWholeKronur,
        KronurError::BadFormat,
        KronurError::TooLarge,
    ];

    pub fn code(&self) -> &'static str {
        match self {
            KronurError::Empty => "money.empty",
            KronurError::Negative => "money.negative",
            KronurError::NotWholeKronur => "money.not-whole-kronur",
            KronurError::BadFormat => "money.bad-format",
            KronurError::TooLarge => "money.too-large",
        }
    }
}

/// Longest first, so that "kr." is not read as "kr" followed by a stray dot.
const UNITS: [&str; 3] = ["kr.", "kr", "isk"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Separator {
    Dot,
    Comma,
    Space,
}

fn separator(c: char) -> Option<Separator> {
    match c {
        '.' => Some(Separator::Dot),
        ',' => Some(Separator::Comma),
        // What word processors and banks' web pages put between thousands.
        ' ' | '\u{a0}' | '\u{202f}' => Some(Separator::Space),
        _ => None,
    }
}

impl Kronur {
    /// No income, rent or asset a resident reports comes near a trillion krónur; more is a typing
    /// mistake, and the cap keeps every sum of a few amounts far from overflow.
    pub const MAX: u64 = 1_000_000_000_000;

    pub fn new(value: u64) -> Kronur {
        Kronur(value)
    }

    /// The amount as `language` writes numbers, with the Icelandic unit every language uses:
    /// `247.572 kr.`, `247,572 kr.`, `247 572 kr.`.
    pub fn in_language(&self, language: Language) -> String {
        format!("{} kr.", language.whole_number(self.0))
    }

    pub fn value(&self) -> u64 {
        self.0
    }

    pub fn saturating_sub(self, other: Kronur) -> Kronur {
        Kronur(self.0.saturating_sub(other.0))
    }

    /// Reads amounts as residents write them: `250000`, `250.000`, `250 000`, `250,000`, with
    /// `kr`, `kr.` or `ISK` before or after.
    pub fn parse(input: &str) -> Result<Kronur, KronurError> {
        let input = western_digits(input);
        let amount = strip_unit(input.trim()).trim();
        if amount.is_empty() {
            return Err(KronurError::Empty);
        }
        if amount.starts_with(['-', '\u{2212}']) {
            return Err(KronurError::Negative);
        }
        if amount
            .chars()
            .any(|c| !c.is_ascii_digit() && separator(c).is_none())
        {
            return Err(KronurError::BadFormat);
        }

        let groups: Vec<&str> = amount.split(|c| separator(c).is_some()).collect();
        let separators: Vec<Separator> = amount.chars().filter_map(separator).collect();
        let last_group = groups.last().map_or(0, |g| g.len());
        let decimal_point = matches!(separators.last(), Some(Separator::Dot | Separator::Comma));
        if decimal_point && (1..=2).contains(&last_group) {
            return Err(KronurError::NotWholeKronur);
        }
        let one_kind = separators.windows(2).all(|pair| pair[0] == pair[1]);
        let grouped_by_thousands = groups.len() == 1
            || ((1..=3).contains(&groups[0].len()) && groups[1..].iter().all(|g| g.len() == 3));
        if !one_kind || !grouped_by_thousands {
            return Err(KronurError::BadFormat);
        }

        let mut value: u64 = 0;
        for digit in groups.concat().bytes() {
            value = value * 10 + u64::from(digit - b'0');
            // Checked at every digit, so `value * 10` above can never overflow.
            if value > Kronur::MAX {
                return Err(KronurError::TooLarge);
            }
        }
        Ok(Kronur(value))
    }

    pub(crate) fn checked(value: u64) -> Result<Kronur, KronurError> {
        if value > Kronur::MAX {
            Err(KronurError::TooLarge)
        } else {
            Ok(Kronur(value))
        }
    }
}

fn strip_unit(input: &str) -> &str {
    for unit in UNITS {
        if let Some(head) = input.get(..unit.len())
            && head.eq_ignore_ascii_case(unit)
        {
            return &input[unit.len()..];
        }
    }
    for unit in UNITS {
        if let Some(start) = input.len().checked_sub(unit.len())
            && let Some(tail) = input.get(start..)
            && tail.eq_ignore_ascii_case(unit)
        {
            return &input[..start];
        }
    }
    input
}

/// Icelandic style: dots between thousands, then "kr.".
/// In Icelandic, the site's default language; `in_language` for the resident's own.
impl fmt::Display for Kronur {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.in_language(Language::Is))
    }
}

impl FromStr for Kronur {
    type Err = KronurError;

    fn from_str(s: &str) -> Result<Kronur, KronurError> {
        Kronur::parse(s)
    }
}

/// Reads a JSON number or a string as the resident typed it, so the form can send either.
impl<'de> Deserialize<'de> for Kronur {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Kronur, D::Error> {
        deserializer.deserialize_any(KronurVisitor)
    }
}

struct KronurVisitor;

impl Visitor<'_> for KronurVisitor {
    type Value = Kronur;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an amount in whole krónur, as a number or a string such as \"250.000 kr.\"")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Kronur, E> {
        Kronur::checked(v).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Kronur, E> {
        let v = u64::try_from(v).map_err(|_| E::custom(KronurError::Negative))?;
        self.visit_u64(v)
    }

    /// JavaScript has only floating-point numbers, so `250000.0` may arrive for a whole amount.
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Kronur, E> {
        if v < 0.0 {
            Err(E::custom(KronurError::Negative))
        } else if v.fract() != 0.0 {
            // NaN and infinities land here too: their fractional part is NaN.
            Err(E::custom(KronurError::NotWholeKronur))
        } else if v > Kronur::MAX as f64 {
            Err(E::custom(KronurError::TooLarge))
        } else {
            Ok(Kronur(v as u64))
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Kronur, E> {
        Kronur::parse(v).map_err(E::custom)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use KronurError::*;

    #[test]
    fn the_ways_residents_write_an_amount_are_all_accepted() {
        for input in [
            "250000",
            "250.000",
            "250 000",
            "250\u{a0}000",
            "250\u{202f}000",
            "250,000",
            "250000 kr",
            "250.000 kr.",
            "kr. 250.000",
            "ISK 250000",
            "250000 ISK",
            "250000kr",
            "Kr. 250 000",
            "250.000 KR.",
            "isk250,000",
            "  250000  ",
            "0250000",
        ] {
            assert_eq!(Kronur::parse(input), Ok(Kronur::new(250_000)), "{input:?}");
        }
    }

    #[test]
    fn grouping_works_for_any_number_of_thousands() {
        let cases = [
            ("0", 0),
            ("0 kr.", 0),
            ("7", 7),
            ("1.000", 1_000),
            ("12.345.678", 12_345_678),
            ("1 234 567", 1_234_567),
            ("1,000,000", 1_000_000),
            ("1.000.000.000.000", Kronur::MAX),
        ];
        for (input, value) in cases {
            assert_eq!(Kronur::parse(input), Ok(Kronur::new(value)), "{input:?}");
        }
    }

    #[test]
    fn each_kind_of_mistake_has_its_own_error() {
        let cases = [
            ("", Empty),
            ("   ", Empty),
            ("kr.", Empty),
            ("ISK", Empty),
            ("-5000", Negative),
            ("-5.000 kr.", Negative),
            ("kr. -5000", Negative),
            ("\u{2212}5000", Negative),
            ("25.00", NotWholeKronur),
            ("2,5", NotWholeKronur),
            ("250.000,50", NotWholeKronur),
            ("250000.5 kr", NotWholeKronur),
            (",5", NotWholeKronur),
            ("25.0000", BadFormat),
            ("2.50.000", BadFormat),
            ("1234.567", BadFormat),
            ("1.000,000", BadFormat),
            ("1.000 000", BadFormat),
            ("250 00", BadFormat),
            ("250..000", BadFormat),
            ("250.000.", BadFormat),
            (".250", BadFormat),
            ("250k", BadFormat),
            ("abc", BadFormat),
            ("250 EUR", BadFormat),
            ("kr 250 kr", BadFormat),
            ("+250", BadFormat),
            ("250.000,-", BadFormat),
            ("२५०", BadFormat),
            ("1000000000001", TooLarge),
            ("1.000.000.000.001", TooLarge),
            ("99999999999999999999999999999", TooLarge),
        ];
        for (input, error) in cases {
            assert_eq!(Kronur::parse(input), Err(error), "{input:?}");
        }
    }

    #[test]
    fn it_is_shown_with_icelandic_thousands_dots() {
        let cases = [
            (0, "0 kr."),
            (999, "999 kr."),
            (1_000, "1.000 kr."),
            (250_000, "250.000 kr."),
            (12_345_678, "12.345.678 kr."),
            (u64::MAX, "18.446.744.073.709.551.615 kr."),
        ];
        for (value, shown) in cases {
            assert_eq!(Kronur::new(value).to_string(), shown);
        }
    }

    #[test]
    fn subtraction_stops_at_zero() {
        let rent = Kronur::new(200_000);
        assert_eq!(
            rent.saturating_sub(Kronur::new(50_000)),
            Kronur::new(150_000)
        );
        assert_eq!(rent.saturating_sub(Kronur::new(250_000)), Kronur::new(0));
    }

    #[test]
    fn json_holds_a_number_and_reads_a_number_or_a_string() {
        let amount = Kronur::new(210_000);
        assert_eq!(serde_json::to_string(&amount).unwrap(), "210000");
        for json in ["210000", "210000.0", r#""210.000 kr""#, r#""210000""#] {
            assert_eq!(
                serde_json::from_str::<Kronur>(json).unwrap(),
                amount,
                "{json}"
            );
        }
    }

    #[test]
    fn json_rejects_what_parsing_rejects_with_the_same_message() {
        let cases = [
            ("-5000", Negative),
            (r#""-5000""#, Negative),
            ("-5000.0", Negative),
            ("2.5", NotWholeKronur),
            (r#""2,5""#, NotWholeKronur),
            ("1000000000001", TooLarge),
            ("1e300", TooLarge),
            (r#""lots""#, BadFormat),
        ];
        for (json, error) in cases {
            let got = serde_json::from_str::<Kronur>(json).unwrap_err();
            assert!(
                got.to_string().starts_with(&error.to_string()),
                "{json}: {got}"
            );
        }
        assert!(serde_json::from_str::<Kronur>("true").is_err());
        assert!(serde_json::from_str::<Kronur>("null").is_err());
    }

    #[test]
    fn error_codes_name_the_domain() {
        for error in KronurError::ALL {
            assert!(error.code().starts_with("money."));
        }
    }

    proptest! {
        #[test]
        fn parsing_any_string_never_panics(s in ".*") {
            let _ = Kronur::parse(&s);
        }

        #[test]
        fn parsing_amount_shaped_strings_never_panics(
            s in "[-0-9 .,kKrRiIsS\u{a0}\u{202f}\u{2212}]{0,24}"
        ) {
            let _ = Kronur::parse(&s);
        }

        #[test]
        fn the_shown_amount_reads_back_as_the_same_amount(n in 0..=Kronur::MAX) {
            let amount = Kronur::new(n);
            prop_assert_eq!(Kronur::parse(&amount.to_string()), Ok(amount));
            let spaced = amount.to_string().replace('.', " ").replace(" kr ", " kr.");
            prop_assert_eq!(Kronur::parse(&spaced), Ok(amount));
        }

        #[test]
        fn an_amount_survives_a_json_round_trip(n in 0..=Kronur::MAX) {
            let amount = Kronur::new(n);
            let json = serde_json::to_string(&amount).unwrap();
            prop_assert_eq!(serde_json::from_str::<Kronur>(&json).unwrap(), amount);
        }
    }
}
