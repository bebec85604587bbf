//! Phone numbers, so that a counsellor can call back. Icelandic numbers have seven digits and no
//! area codes; residents from abroad may give their home country's number.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

/// A phone number in E.164 form, such as `+3545551234`.
///
/// `Debug` hides the digits: a phone number is personal data and must not reach logs.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber {
    /// `+` and 8–15 digits.
    e164: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum PhoneNumberError {
    #[error("no phone number was given")]
    Empty,
    #[error("a phone number is digits, optionally after a + and the country code")]
    BadCharacters,
    #[error(
        "an Icelandic number has 7 digits; write another country's number with + and its country code"
    )]
    WrongLength,
    #[error("Icelandic phone numbers start with 4, 5, 6, 7 or 8")]
    NotIcelandic,
}

impl PhoneNumberError {
    pub const ALL: [PhoneNumberError; 4] = [
        PhoneNumberError::Empty,
        PhoneNumberError::BadCharacters,
        PhoneNumberError::WrongLength,
        PhoneNumberError::NotIcelandic,
    ];

    pub fn code(&self) -> &'static str {
        match self {
            PhoneNumberError::Empty => "phone.empty",
            PhoneNumberError::BadCharacters => "phone.bad-characters",
            PhoneNumberError::WrongLength => "phone.wrong-length",
            PhoneNumberError::NotIcelandic => "phone.not-icelandic",
        }
    }
}

const ICELAND: &str = "354";
/// E.164 allows at most 15 digits; fewer than 8 cannot hold a country code and a subscriber.
const INTERNATIONAL_DIGITS: std::ops::RangeInclusive<usize> = 8..=15;

/// Punctuation people put in numbers to make them readable.
fn is_punctuation(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '.' | '(' | ')')
}

impl PhoneNumber {
    pub fn parse(input: &str) -> Result<PhoneNumber, PhoneNumberError> {
        let input = crate::numbers::western_digits(input);
        let compact: String = input.chars().filter(|c| !is_punctuation(*c)).collect();
        if compact.is_empty() {
            return Err(PhoneNumberError::Empty);
        }
        let international = compact
            .strip_prefix('+')
            .or_else(|| compact.strip_prefix("00"));
        let digits = international.unwrap_or(&compact);
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PhoneNumberError::BadCharacters);
        }

        let national = match (international.is_some(), digits.strip_prefix(ICELAND)) {
            (true, Some(national)) => national,
            (true, None) if INTERNATIONAL_DIGITS.contains(&digits.len()) => {
                return Ok(PhoneNumber {
                    e164: format!("+{digits}"),
                });
            }
            (true, None) => return Err(PhoneNumberError::WrongLength),
            // "354 555 1234": the country code without + or 00.
            (false, Some(national)) if digits.len() == 10 => national,
            (false, _) => digits,
        };
        if national.len() != 7 {
            return Err(PhoneNumberError::WrongLength);
        }
        // Landlines start with 4 or 5, mobiles with 6, 7 or 8.
        if !matches!(national.as_bytes()[0], b'4'..=b'8') {
            return Err(PhoneNumberError::NotIcelandic);
        }
        Ok(PhoneNumber {
            e164: format!("+{ICELAND}{national}"),
        })
    }

    pub fn is_icelandic(&self) -> bool {
        self.national().is_some()
    }

    pub fn as_e164(&self) -> &str {
        &self.e164
    }

    /// The seven digits of an Icelandic number.
    fn national(&self) -> Option<&str> {
        self.e164
            .strip_prefix('+')
            .and_then(|digits| digits.strip_prefix(ICELAND))
    }
}

/// Icelandic numbers as Icelanders write them ("555 1234"); others in E.164.
impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.national() {
            Some(national) => write!(f, "{} {}", &national[..3], &national[3..]),
            None => f.write_str(&self.e164),
        }
    }
}

impl fmt::Debug for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prefix = if self.is_icelandic() { "+354 " } else { "+" };
        write!(f, "PhoneNumber({prefix}***)")
    }
}

impl FromStr for PhoneNumber {
    type Err = PhoneNumberError;

    fn from_str(s: &str) -> Result<PhoneNumber, PhoneNumberError> {
        PhoneNumber::parse(s)
    }
}

impl TryFrom<String> for PhoneNumber {
    type Error = PhoneNumberError;

    fn try_from(s: String) -> Result<PhoneNumber, PhoneNumberError> {
        PhoneNumber::parse(&s)
    }
}

impl From<PhoneNumber> for String {
    fn from(phone: PhoneNumber) -> String {
        phone.e164
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use PhoneNumberError::*;

    fn e164(input: &str) -> Result<String, PhoneNumberError> {
        PhoneNumber::parse(input).map(|p| p.as_e164().to_owned())
    }

    #[test]
    fn the_ways_an_icelandic_number_is_written_are_all_accepted() {
        for input in [
            "5551234",
            "555 1234",
            "555-1234",
            "555.12.34",
            "+354 555 1234",
            "+3545551234",
            "00354 555 1234",
            "354 555 1234",
            "(+354) 555-1234",
            " 555\u{a0}1234 ",
        ] {
            assert_eq!(e164(input), Ok("+3545551234".into()), "{input:?}");
        }
    }

    #[test]
    fn landlines_and_mobiles_are_icelandic() {
        for (input, expected) in [
            ("411 1111", "+3544111111"),
            ("611 2345", "+3546112345"),
            ("771 2345", "+3547712345"),
            ("821 2345", "+3548212345"),
        ] {
            assert_eq!(e164(input), Ok(expected.into()), "{input}");
        }
    }

    #[test]
    fn numbers_from_abroad_keep_their_country_code() {
        let cases = [
            ("+48 123 456 789", "+48123456789"),
            ("0048 123 456 789", "+48123456789"),
            ("+44 (20) 7946-0958", "+442079460958"),
            ("+1 202 555 0123", "+12025550123"),
            ("+12345678", "+12345678"),
            ("+123456789012345", "+123456789012345"),
        ];
        for (input, expected) in cases {
            let phone = PhoneNumber::parse(input).unwrap();
            assert_eq!(phone.as_e164(), expected, "{input}");
            assert!(!phone.is_icelandic(), "{input}");
            assert_eq!(phone.to_string(), expected, "{input}");
        }
    }

    #[test]
    fn each_kind_of_mistake_has_its_own_error() {
        let cases = [
            ("", Empty),
            (" - ", Empty),
            ("555 12a4", BadCharacters),
            ("555+1234", BadCharacters),
            ("++3545551234", BadCharacters),
            ("tel. 5551234", BadCharacters),
            ("५५५१२३४", BadCharacters),
            ("555 123", WrongLength),
            ("555 12345", WrongLength),
            ("112", WrongLength),
            ("+354 555 123", WrongLength),
            ("+354 555 12345", WrongLength),
            ("00354 555 12345", WrongLength),
            ("+1234567", WrongLength),
            ("+1234567890123456", WrongLength),
            ("+", WrongLength),
            ("0048 123", WrongLength),
            ("48123456789", WrongLength),
            ("123 4567", NotIcelandic),
            ("355 1234", NotIcelandic),
            ("955 1234", NotIcelandic),
            ("+354 123 4567", NotIcelandic),
            ("354 955 1234", NotIcelandic),
        ];
        for (input, error) in cases {
            assert_eq!(e164(input), Err(error), "{input:?}");
        }
    }

    #[test]
    fn icelandic_numbers_are_shown_the_icelandic_way() {
        let phone = PhoneNumber::parse("+3545551234").unwrap();
        assert!(phone.is_icelandic());
        assert_eq!(phone.to_string(), "555 1234");
    }

    #[test]
    fn debug_output_never_shows_the_digits_after_the_country_code() {
        let ours = format!("{:?}", PhoneNumber::parse("555 1234").unwrap());
        let theirs = format!("{:?}", PhoneNumber::parse("+48 123 456 789").unwrap());
        assert_eq!(ours, "PhoneNumber(+354 ***)");
        assert_eq!(theirs, "PhoneNumber(+***)");
    }

    #[test]
    fn json_holds_the_e164_form() {
        let phone = PhoneNumber::parse("555 1234").unwrap();
        assert_eq!(serde_json::to_string(&phone).unwrap(), r#""+3545551234""#);
        assert_eq!(
            serde_json::from_str::<PhoneNumber>(r#""555-1234""#).unwrap(),
            phone
        );
        let error = serde_json::from_str::<PhoneNumber>(r#""123 4567""#).unwrap_err();
        assert!(error.to_string().contains("start with"), "{error}");
        assert!(serde_json::from_str::<PhoneNumber>("5551234").is_err());
    }

    #[test]
    fn error_codes_name_the_domain() {
        for error in PhoneNumberError::ALL {
            assert!(error.code().starts_with("phone."));
        }
    }

    fn any_phone() -> impl Strategy<Value = PhoneNumber> {
        prop_oneof![
            "[4-8][0-9]{6}",
            "\\+354 [4-8][0-9]{2} [0-9]{4}",
            "\\+[1-9][0-9]{7,14}",
            "00[1-9][0-9]{7,14}",
        ]
        // A random "+354…" is usually not a valid Icelandic number; those are left out.
        .prop_filter_map("a valid number", |s| PhoneNumber::parse(&s).ok())
    }

    proptest! {
        #[test]
        fn parsing_any_string_never_panics(s in ".*") {
            let _ = PhoneNumber::parse(&s);
        }

        #[test]
        fn parsing_phone_shaped_strings_never_panics(s in "[-+0-9 ().]{0,20}") {
            let _ = PhoneNumber::parse(&s);
        }

        #[test]
        fn a_phone_number_survives_a_json_round_trip(phone in any_phone()) {
            let json = serde_json::to_string(&phone).unwrap();
            prop_assert_eq!(serde_json::from_str::<PhoneNumber>(&json).unwrap(), phone.clone());
            prop_assert_eq!(PhoneNumber::parse(phone.as_e164()), Ok(phone.clone()));
            prop_assert_eq!(PhoneNumber::parse(&phone.to_string()), Ok(phone));
        }
    }
}
