//! Icelandic postcodes, and what they say about legal residence in Reykjavík (services.md, "The
//! service centre model").

use std::{fmt, str::FromStr};

use serde::{
    Deserialize, Deserializer, Serialize,
    de::{self, Visitor},
};

use crate::catalogue::ServiceCentre;

/// A three-digit Icelandic postcode, 100–999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "String")]
pub struct Postcode(u16);

/// Where a postcode puts a resident. The centre is only a default: postcode and neighbourhood
/// borders differ, so the resident may choose another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Residence {
    Reykjavik(ServiceCentre),
    /// No legal residence in Reykjavík: the resident applies in their own municipality.
    OutsideReykjavik,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum PostcodeError {
    #[error("no postcode was given")]
    Empty,
    #[error("a postcode has three digits")]
    NotThreeDigits,
    #[error("Icelandic postcodes run from 100 to 999")]
    NotIcelandic,
}

impl PostcodeError {
    pub const ALL: [PostcodeError; 3] = [
        PostcodeError::Empty,
        PostcodeError::NotThreeDigits,
        PostcodeError::NotIcelandic,
    ];

    pub fn code(&self) -> &'static str {
        match self {
            PostcodeError::Empty => "postcode.empty",
            PostcodeError::NotThreeDigits => "postcode.not-three-digits",
            PostcodeError::NotIcelandic => "postcode.not-icelandic",
        }
    }
}

impl Postcode {
    pub fn parse(input: &str) -> Result<Postcode, PostcodeError> {
        let input = crate::numbers::western_digits(input);
        let input = input.trim();
        if input.is_empty() {
            return Err(PostcodeError::Empty);
        }
        let bytes = input.as_bytes();
        if bytes.len() != 3 || !bytes.iter().all(u8::is_ascii_digit) {
            return Err(PostcodeError::NotThreeDigits);
        }
        let value = bytes.iter().fold(0u16, |n, d| n * 10 + u16::from(d - b'0'));
        if value < 100 {
            return Err(PostcodeError::NotIcelandic);
        }
        Ok(Postcode(value))
    }

    pub fn value(&self) -> u16 {
        self.0
    }

    pub fn residence(&self) -> Residence {
        use ServiceCentre::*;
        let centre = match self.0 {
            101 | 102 | 105 | 107 => Vesturmidstod,
            103 | 104 | 108 => Nordurmidstod,
            109 | 111 => Sudurmidstod,
            110 | 112 | 113 | 116 => Austurmidstod,
            // PO boxes: Reykjavík, but no neighbourhood to pick a district centre by.
            121 | 123 | 124 | 125 | 127 | 128 | 129 | 130 | 132 | 150 | 155 => OnlineCenter,
            _ => return Residence::OutsideReykjavik,
        };
        Residence::Reykjavik(centre)
    }
}

impl fmt::Display for Postcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FromStr for Postcode {
    type Err = PostcodeError;

    fn from_str(s: &str) -> Result<Postcode, PostcodeError> {
        Postcode::parse(s)
    }
}

impl TryFrom<String> for Postcode {
    type Error = PostcodeError;

    fn try_from(s: String) -> Result<Postcode, PostcodeError> {
        Postcode::parse(&s)
    }
}

impl From<Postcode> for String {
    fn from(postcode: Postcode) -> String {
        postcode.to_string()
    }
}

/// Written as a string, but a number is read too: a form's numeric field sends `101`.
impl<'de> Deserialize<'de> for Postcode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Postcode, D::Error> {
        deserializer.deserialize_any(PostcodeVisitor)
    }
}

struct PostcodeVisitor;

impl Visitor<'_> for PostcodeVisitor {
    type Value = Postcode;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a three-digit postcode such as \"101\"")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Postcode, E> {
        Postcode::parse(v).map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Postcode, E> {
        Postcode::parse(&v.to_string()).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Postcode, E> {
        Postcode::parse(&v.to_string()).map_err(E::custom)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use ServiceCentre::*;

    fn residence(code: &str) -> Residence {
        Postcode::parse(code).unwrap().residence()
    }

    #[test]
    fn each_reykjavik_postcode_has_its_default_centre() {
        let table = [
            (Vesturmidstod, &["101", "102", "105", "107"][..]),
            (Nordurmidstod, &["103", "104", "108"]),
            (Sudurmidstod, &["109", "111"]),
            (Austurmidstod, &["110", "112", "113", "116"]),
            (
                OnlineCenter,
                &[
                    "121", "123", "124", "125", "127", "128", "129", "130", "132", "150", "155",
                ],
            ),
        ];
        for (centre, codes) in table {
            for code in codes {
                assert_eq!(residence(code), Residence::Reykjavik(centre), "{code}");
            }
        }
    }

    #[test]
    fn postcodes_outside_the_table_are_outside_reykjavik() {
        for code in [
            "100", "106", "114", "120", "122", "131", "170", "200", "210", "220", "270", "600",
            "999",
        ] {
            assert_eq!(residence(code), Residence::OutsideReykjavik, "{code}");
        }
    }

    #[test]
    fn each_kind_of_mistake_has_its_own_error() {
        let cases = [
            ("", PostcodeError::Empty),
            ("  ", PostcodeError::Empty),
            ("1O1", PostcodeError::NotThreeDigits),
            ("10", PostcodeError::NotThreeDigits),
            ("1010", PostcodeError::NotThreeDigits),
            ("10 1", PostcodeError::NotThreeDigits),
            ("-10", PostcodeError::NotThreeDigits),
            ("IS-101", PostcodeError::NotThreeDigits),
            ("१०१", PostcodeError::NotThreeDigits),
            ("000", PostcodeError::NotIcelandic),
            ("099", PostcodeError::NotIcelandic),
        ];
        for (input, error) in cases {
            assert_eq!(Postcode::parse(input), Err(error), "{input:?}");
        }
    }

    #[test]
    fn surrounding_spaces_are_ignored() {
        let postcode = Postcode::parse(" 105 ").unwrap();
        assert_eq!(postcode.value(), 105);
        assert_eq!(postcode.to_string(), "105");
    }

    #[test]
    fn json_holds_a_string_and_also_reads_a_number() {
        let postcode = Postcode::parse("105").unwrap();
        assert_eq!(serde_json::to_string(&postcode).unwrap(), r#""105""#);
        assert_eq!(
            serde_json::from_str::<Postcode>(r#""105""#).unwrap(),
            postcode
        );
        assert_eq!(serde_json::from_str::<Postcode>("105").unwrap(), postcode);
        let error = serde_json::from_str::<Postcode>(r#""1O1""#).unwrap_err();
        assert!(error.to_string().contains("three digits"), "{error}");
        assert!(serde_json::from_str::<Postcode>("99").is_err());
        assert!(serde_json::from_str::<Postcode>("-101").is_err());
        assert!(serde_json::from_str::<Postcode>("101.5").is_err());
    }

    #[test]
    fn error_codes_name_the_domain() {
        for error in PostcodeError::ALL {
            assert!(error.code().starts_with("postcode."));
        }
    }

    proptest! {
        #[test]
        fn parsing_any_string_never_panics(s in ".*") {
            let _ = Postcode::parse(&s);
        }

        #[test]
        fn every_three_digit_number_from_100_is_a_postcode(n in 100u16..=999) {
            let postcode = Postcode::parse(&n.to_string()).unwrap();
            prop_assert_eq!(postcode.value(), n);
            let json = serde_json::to_string(&postcode).unwrap();
            prop_assert_eq!(serde_json::from_str::<Postcode>(&json).unwrap(), postcode);
        }
    }
}
