//! What a resident types, turned into types that cannot hold a mistake ("parse, don't
//! validate"). Each type is built only by parsing, so code holding one never checks it again, and
//! the browser and the server reject exactly the same input.
//!
//! Every error has a stable `code()` such as `kennitala.bad-date`: the UI's translation key and
//! the code in the API's problem+json. Messages and `Debug` output never repeat the input, because
//! the input is often personal data and errors end up in logs.

mod bank;
mod date;
mod kennitala;
mod money;
mod phone;
mod postcode;

pub use bank::{BankAccount, BankAccountError, BankAccountPart};
pub use date::{Date, DateError};
pub use kennitala::{Kennitala, KennitalaError};
pub use money::{Kronur, KronurError};
pub use phone::{PhoneNumber, PhoneNumberError};
pub use postcode::{Postcode, PostcodeError, Residence};

/// Every error code, so a test elsewhere can check that each one has a translation.
pub fn all_error_codes() -> impl Iterator<Item = &'static str> {
    let date = DateError::ALL.iter().map(DateError::code);
    let kennitala = KennitalaError::ALL.iter().map(KennitalaError::code);
    let postcode = PostcodeError::ALL.iter().map(PostcodeError::code);
    let money = KronurError::ALL.iter().map(KronurError::code);
    let phone = PhoneNumberError::ALL.iter().map(PhoneNumberError::code);
    let bank = BankAccountError::ALL.iter().map(BankAccountError::code);
    date.chain(kennitala)
        .chain(postcode)
        .chain(money)
        .chain(phone)
        .chain(bank)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn every_error_code_is_unique() {
        let mut seen = HashSet::new();
        for code in all_error_codes() {
            assert!(seen.insert(code), "{code} is used twice");
        }
    }

    #[test]
    fn every_error_code_is_dotted_lowercase_kebab_case() {
        for code in all_error_codes() {
            let (domain, rest) = code.split_once('.').expect("a dotted code");
            assert!(!domain.is_empty() && !rest.is_empty(), "{code}");
            assert!(
                code.chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c == '.'),
                "{code}"
            );
        }
    }
}
