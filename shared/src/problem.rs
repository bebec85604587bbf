//! Every reason the browser or the API refuses what a resident typed, as one type. The browser
//! matches it exhaustively to pick a message, the API sends its `key()` as the `code` of a
//! problem+json field error and finds the same message by the same key: a code added here
//! without a message in every language fails to compile in the browser and fails a test.

use crate::validation::{
    BankAccountError, DateError, KennitalaError, KronurError, PhoneNumberError, PostcodeError,
};

/// The codes that are not a parser's own error, each with its stable key. Written once: the
/// enum's own variants, `key()` and the list of every code are generated from this table.
macro_rules! own_codes {
    ($($variant:ident => $key:literal,)*) => {
        /// Why one answer or field cannot be accepted. Never carries the value itself: values
        /// are often personal data and problems end up in logs.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ProblemCode {
            $($variant,)*
            Kennitala(KennitalaError),
            Postcode(PostcodeError),
            Money(KronurError),
            Phone(PhoneNumberError),
            BankAccount(BankAccountError),
            Date(DateError),
        }

        const OWN: &[ProblemCode] = &[$(ProblemCode::$variant,)*];

        impl ProblemCode {
            /// The stable code, e.g. `required.name` or `kennitala.bad-date`: the `code` of an
            /// API field error, and (dots kept, dashes as underscores) the message's key under
            /// `errors.` in every locale file.
            pub fn key(self) -> &'static str {
                match self {
                    $(ProblemCode::$variant => $key,)*
                    ProblemCode::Kennitala(e) => e.code(),
                    ProblemCode::Postcode(e) => e.code(),
                    ProblemCode::Money(e) => e.code(),
                    ProblemCode::Phone(e) => e.code(),
                    ProblemCode::BankAccount(e) => e.code(),
                    ProblemCode::Date(e) => e.code(),
                }
            }
        }
    };
}

own_codes! {
    RequiredConsent => "required.consent",
    RequiredName => "required.name",
    RequiredKennitala => "required.kennitala",
    RequiredAddress => "required.address",
    RequiredPostcode => "required.postcode",
    RequiredCentre => "required.centre",
    RequiredChoice => "required.choice",
    RequiredPartnerKennitala => "required.partner-kennitala",
    RequiredPartnerEmail => "required.partner-email",
    RequiredNumber => "required.number",
    RequiredAmount => "required.amount",
    RequiredBankAccount => "required.bank-account",
    RequiredHelpNeeded => "required.help-needed",
    RequiredDocuments => "required.documents",
    RequiredPhone => "required.phone",
    RequiredLanguage => "required.language",
    RequiredWindow => "required.window",
    // A counsellor's change to a case.
    RequiredNote => "required.note",
    RequiredMessageToResident => "required.message-to-resident",
    RequiredDecision => "required.decision",
    RequiredReasons => "required.reasons",
    RequiredGrantedAmount => "required.granted-amount",
    StatusNotByStaff => "status.not-by-staff",
    NotWithThisStatus => "not-with-this-status",
    // A new staff account.
    PasswordTooShort => "password.too-short",
    EmailTaken => "email.taken",
    TextTooLong => "text.too-long",
    TextControlCharacter => "text.control-character",
    EmailBadFormat => "email.bad-format",
    NumberBadFormat => "number.bad-format",
    NumberTooLarge => "number.too-large",
    NumberTooSmall => "number.too-small",
    PostcodeOutsideReykjavik => "postcode.outside-reykjavik",
    KennitalaSameAsApplicant => "kennitala.same-as-applicant",
    ServiceNotOnline => "service.not-online",
    // JSON of the wrong shape for its field (a word where a number goes, an unknown option).
    InvalidValue => "invalid-value",
    // The screener's answers.
    AnswerRequired => "answer.required",
    AnswerChooseOne => "answer.choose-one",
    AnswerWholeNumber => "answer.whole-number",
    AgeOutOfRange => "age.out-of-range",
    MonthsOutOfRange => "months.out-of-range",
    HoursOutOfRange => "hours.out-of-range",
    ChildAgesBadFormat => "child-ages.bad-format",
}

impl ProblemCode {
    /// Every code, once.
    pub fn all() -> impl Iterator<Item = ProblemCode> {
        let own = OWN.iter().copied();
        let kennitala = KennitalaError::ALL
            .iter()
            .map(|e| ProblemCode::Kennitala(*e));
        let postcode = PostcodeError::ALL.iter().map(|e| ProblemCode::Postcode(*e));
        let money = KronurError::ALL.iter().map(|e| ProblemCode::Money(*e));
        let phone = PhoneNumberError::ALL.iter().map(|e| ProblemCode::Phone(*e));
        let bank = BankAccountError::ALL
            .iter()
            .map(|e| ProblemCode::BankAccount(*e));
        let date = DateError::ALL.iter().map(|e| ProblemCode::Date(*e));
        own.chain(kennitala)
            .chain(postcode)
            .chain(money)
            .chain(phone)
            .chain(bank)
            .chain(date)
    }

    /// The code an API answer names; `None` for a code this build does not know (a newer
    /// server), which the browser shows as a general "check this answer".
    pub fn from_key(key: &str) -> Option<ProblemCode> {
        ProblemCode::all().find(|code| code.key() == key)
    }

    /// Where the message lives in a locale file: `errors.` and the key, dashes as underscores
    /// (`bank-account.wrong-length.ledger` → `errors.bank_account.wrong_length.ledger`).
    pub fn message_key(self) -> String {
        format!("errors.{}", self.key().replace('-', "_"))
    }
}

/// A parser's own error is a problem as it is.
macro_rules! parser_errors {
    ($($error:ident => $variant:ident,)*) => {$(
        impl From<$error> for ProblemCode {
            fn from(e: $error) -> Self {
                ProblemCode::$variant(e)
            }
        }
    )*};
}

parser_errors! {
    KennitalaError => Kennitala,
    PostcodeError => Postcode,
    KronurError => Money,
    PhoneNumberError => Phone,
    BankAccountError => BankAccount,
    DateError => Date,
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn every_code_has_its_own_key_and_reads_back_from_it() {
        let mut seen = HashSet::new();
        for code in ProblemCode::all() {
            assert!(seen.insert(code.key()), "{} is used twice", code.key());
            assert_eq!(ProblemCode::from_key(code.key()), Some(code));
        }
        assert!(seen.len() > 50, "the list of codes looks short");
    }

    #[test]
    fn every_key_is_lowercase_kebab_case_in_dotted_parts() {
        for code in ProblemCode::all() {
            let key = code.key();
            assert!(
                key.split('.').all(|part| !part.is_empty()
                    && part.chars().all(|c| c.is_ascii_lowercase() || c == '-')),
                "{key}"
            );
        }
    }

    #[test]
    fn a_message_key_follows_the_locale_files_nesting() {
        assert_eq!(
            ProblemCode::BankAccount(BankAccountError::WrongLength(
                crate::validation::BankAccountPart::Ledger
            ))
            .message_key(),
            "errors.bank_account.wrong_length.ledger"
        );
        assert_eq!(
            ProblemCode::RequiredPartnerKennitala.message_key(),
            "errors.required.partner_kennitala"
        );
    }
}
