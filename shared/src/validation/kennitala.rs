//! The kennitala, Iceland's national ID (services.md, "The kennitala"). Written `DDMMYY-NNCX`:
//! birth date, two sequence digits, a check digit C and a century digit X.
//!
//! The check digit is never a reason to reject: since 18 Feb 2026 new numbers are issued without a
//! valid one, and Registers Iceland asks systems to stop checking it.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

use super::Date;

/// A person's kennitala, or a system ID (kerfiskennitala) given to short-stay foreigners.
///
/// `Display` shows the number, for the resident's own eyes; `Debug` hides it, because `Debug` is
/// what ends up in logs and a kennitala must never reach them.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Kennitala {
    /// ASCII digits only.
    digits: [u8; 10],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum KennitalaError {
    #[error("no kennitala was given")]
    Empty,
    #[error("a kennitala has 10 digits")]
    WrongLength,
    #[error("a kennitala is digits only, with an optional hyphen after the first six")]
    NotDigits,
    #[error("the last digit of a kennitala is 8, 9 or 0")]
    BadCentury,
    #[error("the first six digits of a kennitala are not a real birth date")]
    BadDate,
    #[error("this is a company's kennitala; a person's is needed")]
    CompanyNumber,
}

impl KennitalaError {
    pub const ALL: [KennitalaError; 6] = [
        KennitalaError::Empty,
        KennitalaError::WrongLength,
        KennitalaError::NotDigits,
        KennitalaError::BadCentury,
        KennitalaError::BadDate,
        KennitalaError::CompanyNumber,
    ];

    pub fn code(&self) -> &'static str {
        match self {
            KennitalaError::Empty => "kennitala.empty",
            KennitalaError::WrongLength => "kennitala.wrong-length",
            KennitalaError::NotDigits => "kennitala.not-digits",
            KennitalaError::BadCentury => "kennitala.bad-century",
            KennitalaError::BadDate => "kennitala.bad-date",
            KennitalaError::CompanyNumber => "kennitala.company-number",
        }
    }
}

/// Companies add 40 to the day of the month.
const COMPANY_DAYS: std::ops::RangeInclusive<u8> = 41..=71;
const LEGACY_WEIGHTS: [u32; 8] = [3, 2, 7, 6, 5, 4, 3, 2];

impl Kennitala {
    /// Accepts `120160-3389`, `1201603389` and either with spaces anywhere.
    pub fn parse(input: &str) -> Result<Kennitala, KennitalaError> {
        let input = crate::numbers::western_digits(input);
        let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.is_empty() {
            return Err(KennitalaError::Empty);
        }
        let unhyphenated = match compact.split_once('-') {
            Some((date, rest)) if date.len() == 6 => format!("{date}{rest}"),
            _ => compact,
        };
        if !unhyphenated.bytes().all(|b| b.is_ascii_digit()) {
            return Err(KennitalaError::NotDigits);
        }
        let digits: [u8; 10] = unhyphenated
            .as_bytes()
            .try_into()
            .map_err(|_| KennitalaError::WrongLength)?;
        let kennitala = Kennitala { digits };

        // A system ID's digits follow no published scheme, so only its shape can be checked.
        if kennitala.is_system_id() {
            return Ok(kennitala);
        }
        if COMPANY_DAYS.contains(&kennitala.pair(0)) {
            return Err(KennitalaError::CompanyNumber);
        }
        if kennitala.century().is_none() {
            return Err(KennitalaError::BadCentury);
        }
        match kennitala.birth_date() {
            Some(_) => Ok(kennitala),
            None => Err(KennitalaError::BadDate),
        }
    }

    /// The ten digits without a hyphen: the stored and exchanged form.
    pub fn as_digits(&self) -> &str {
        std::str::from_utf8(&self.digits).expect("only ASCII digits are stored")
    }

    /// A kerfiskennitala (8 or 9 in the day position). It implies no legal residence.
    pub fn is_system_id(&self) -> bool {
        matches!(self.digits[0], b'8' | b'9')
    }

    /// `None` for a system ID, which encodes no birth date.
    pub fn birth_date(&self) -> Option<Date> {
        if self.is_system_id() {
            return None;
        }
        let year = self.century()? + u16::from(self.pair(4));
        Date::new(year, self.pair(2), self.pair(0))
    }

    /// Whether the number passes the pre-2026 check-digit test. For information only: numbers
    /// issued since 18 Feb 2026 fail it and are still valid.
    pub fn legacy_check_digit_is_valid(&self) -> bool {
        let sum: u32 = self
            .digits
            .iter()
            .zip(LEGACY_WEIGHTS)
            .map(|(d, weight)| u32::from(d - b'0') * weight)
            .sum();
        let check = u32::from(self.digits[8] - b'0');
        match 11 - sum % 11 {
            11 => check == 0,
            10 => false,
            expected => check == expected,
        }
    }

    fn pair(&self, at: usize) -> u8 {
        (self.digits[at] - b'0') * 10 + (self.digits[at + 1] - b'0')
    }

    fn century(&self) -> Option<u16> {
        match self.digits[9] {
            b'8' => Some(1800),
            b'9' => Some(1900),
            b'0' => Some(2000),
            _ => None,
        }
    }
}

impl fmt::Display for Kennitala {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.as_digits();
        write!(f, "{}-{}", &digits[..6], &digits[6..])
    }
}

impl fmt::Debug for Kennitala {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Kennitala(******-****)")
    }
}

impl FromStr for Kennitala {
    type Err = KennitalaError;

    fn from_str(s: &str) -> Result<Kennitala, KennitalaError> {
        Kennitala::parse(s)
    }
}

impl TryFrom<String> for Kennitala {
    type Error = KennitalaError;

    fn try_from(s: String) -> Result<Kennitala, KennitalaError> {
        Kennitala::parse(&s)
    }
}

impl From<Kennitala> for String {
    fn from(kennitala: Kennitala) -> String {
        kennitala.as_digits().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use KennitalaError::*;

    fn kt(input: &str) -> Kennitala {
        Kennitala::parse(input).unwrap_or_else(|e| panic!("{input:?}: {e}"))
    }

    #[test]
    fn a_hyphen_and_spaces_are_accepted() {
        for input in [
            "120160-3389",
            "1201603389",
            "120160 3389",
            " 12 01 60 - 33 89 ",
            "120160- 3389",
            "\t1201603389\n",
        ] {
            assert_eq!(kt(input).as_digits(), "1201603389", "{input:?}");
        }
    }

    #[test]
    fn it_is_shown_with_the_hyphen_after_the_birth_date() {
        assert_eq!(kt("1201603389").to_string(), "120160-3389");
    }

    #[test]
    fn the_century_digit_places_the_birth_date() {
        let cases = [
            ("120160-3389", (1960, 1, 12)),
            ("120160-3380", (2060, 1, 12)),
            ("120160-3388", (1860, 1, 12)),
            ("290224-3380", (2024, 2, 29)),
            ("311299-0009", (1999, 12, 31)),
        ];
        for (input, (y, m, d)) in cases {
            assert_eq!(kt(input).birth_date(), Date::new(y, m, d), "{input}");
        }
    }

    #[test]
    fn each_kind_of_mistake_has_its_own_error() {
        let cases = [
            ("", Empty),
            ("   ", Empty),
            ("12016033", WrongLength),
            ("12016033891", WrongLength),
            ("123456-789", WrongLength),
            ("120160-33890", WrongLength),
            ("12016O3389", NotDigits),
            ("1201-603389", NotDigits),
            ("120160--3389", NotDigits),
            ("120160-33-89", NotDigits),
            ("120160/3389", NotDigits),
            ("-1201603389", NotDigits),
            ("１２０１６０３３８９", NotDigits),
            ("1201603381", BadCentury),
            ("1201603385", BadCentury),
            ("2902233380", BadDate),
            ("3104903389", BadDate),
            ("3102903389", BadDate),
            ("0001903389", BadDate),
            ("3201603389", BadDate),
            ("4001603389", BadDate),
            ("7201603389", BadDate),
            ("1200603389", BadDate),
            ("1213603389", BadDate),
            ("5201603389", CompanyNumber),
            ("530269-7609", CompanyNumber),
            ("4101603389", CompanyNumber),
            ("7101603389", CompanyNumber),
        ];
        for (input, error) in cases {
            assert_eq!(Kennitala::parse(input), Err(error), "{input:?}");
        }
    }

    #[test]
    fn a_leap_day_is_a_birth_date_only_in_a_leap_year() {
        assert!(Kennitala::parse("290224-3380").is_ok());
        assert_eq!(Kennitala::parse("290223-3380"), Err(BadDate));
        assert!(Kennitala::parse("290200-3380").is_ok());
        assert_eq!(Kennitala::parse("290200-3389"), Err(BadDate));
    }

    #[test]
    fn system_ids_are_accepted_without_a_birth_date() {
        for input in ["800101-2340", "8912345679", "999999-9995", "810230-1234"] {
            let id = kt(input);
            assert!(id.is_system_id(), "{input}");
            assert_eq!(id.birth_date(), None, "{input}");
        }
        assert!(!kt("120160-3389").is_system_id());
    }

    #[test]
    fn the_check_digit_never_decides_validity() {
        let passes = kt("120160-3389");
        assert!(passes.legacy_check_digit_is_valid());
        for check in 0..=9 {
            let input = format!("120160-33{check}9");
            let kennitala = kt(&input);
            assert_eq!(
                kennitala.legacy_check_digit_is_valid(),
                check == 8,
                "{input}"
            );
        }
    }

    #[test]
    fn the_legacy_check_maps_eleven_to_zero_and_ten_to_never_valid() {
        // 010190-80: 11 - (sum mod 11) is 11, so C must be 0.
        assert!(kt("010190-8009").legacy_check_digit_is_valid());
        assert!(!kt("010190-8019").legacy_check_digit_is_valid());
        // 010190-10: 11 - (sum mod 11) is 10, which no digit can be.
        for check in 0..=9 {
            assert!(!kt(&format!("010190-10{check}9")).legacy_check_digit_is_valid());
        }
        // A company's own number still follows the legacy rule.
        assert!(
            Kennitala {
                digits: *b"5302697609"
            }
            .legacy_check_digit_is_valid()
        );
    }

    #[test]
    fn debug_output_never_shows_the_number() {
        let kennitala = kt("120160-3389");
        let debug = format!("{kennitala:?} {:?}", Some(kennitala));
        assert!(!debug.chars().any(|c| c.is_ascii_digit()), "{debug}");
        assert_eq!(format!("{kennitala:?}"), "Kennitala(******-****)");
    }

    #[test]
    fn error_codes_name_the_domain() {
        for error in KennitalaError::ALL {
            assert!(error.code().starts_with("kennitala."));
        }
    }

    #[test]
    fn json_holds_the_ten_digits_and_rejects_company_numbers() {
        let json = serde_json::to_string(&kt("120160-3389")).unwrap();
        assert_eq!(json, r#""1201603389""#);
        assert_eq!(
            serde_json::from_str::<Kennitala>(r#""120160-3389""#).unwrap(),
            kt("1201603389")
        );
        let error = serde_json::from_str::<Kennitala>(r#""530269-7609""#).unwrap_err();
        assert!(error.to_string().contains("company"), "{error}");
        assert!(serde_json::from_str::<Kennitala>("1201603389").is_err());
    }

    /// A person's kennitala with any sequence and check digits.
    fn person() -> impl Strategy<Value = String> {
        (
            prop::sample::select(vec![(1800u16, '8'), (1900, '9'), (2000, '0')]),
            0u16..100,
            1u8..=12,
            1u8..=31,
            0u8..100,
            0u8..10,
        )
            .prop_filter_map("a real day", |((century, x), yy, mm, dd, nn, c)| {
                Date::new(century + yy, mm, dd)
                    .map(|_| format!("{dd:02}{mm:02}{yy:02}-{nn:02}{c}{x}"))
            })
    }

    proptest! {
        #[test]
        fn parsing_any_string_never_panics(s in ".*") {
            let _ = Kennitala::parse(&s);
        }

        #[test]
        fn parsing_kennitala_shaped_strings_never_panics(s in "[0-9 -]{0,14}") {
            let _ = Kennitala::parse(&s);
        }

        #[test]
        fn every_real_birth_date_is_accepted_whatever_the_check_digit(input in person()) {
            let kennitala = Kennitala::parse(&input).unwrap();
            prop_assert_eq!(kennitala.to_string(), input);
            prop_assert!(kennitala.birth_date().is_some());
        }

        #[test]
        fn a_kennitala_survives_a_json_round_trip(input in person()) {
            let kennitala = Kennitala::parse(&input).unwrap();
            let json = serde_json::to_string(&kennitala).unwrap();
            prop_assert_eq!(serde_json::from_str::<Kennitala>(&json).unwrap(), kennitala);
        }
    }
}
