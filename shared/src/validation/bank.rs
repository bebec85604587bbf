//! Icelandic bank accounts, where financial assistance is paid. Written `0133-26-012345`: a
//! four-digit bank (banki), a two-digit ledger (höfuðbók) and a six-digit account number.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

/// `Debug` hides the account number: together with a kennitala it identifies a person's money,
/// and it must not reach logs.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct BankAccount {
    /// ASCII digits only, in all three.
    bank: [u8; 4],
    ledger: [u8; 2],
    account: [u8; 6],
}

/// Which part of the number has the wrong number of digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BankAccountPart {
    /// Twelve digits written without separators.
    Whole,
    Bank,
    Ledger,
    Account,
}

impl BankAccountPart {
    pub fn digits(self) -> usize {
        match self {
            BankAccountPart::Whole => 12,
            BankAccountPart::Bank => 4,
            BankAccountPart::Ledger => 2,
            BankAccountPart::Account => 6,
        }
    }

    fn name(self) -> &'static str {
        match self {
            BankAccountPart::Whole => "a bank account number",
            BankAccountPart::Bank => "the bank number",
            BankAccountPart::Ledger => "the ledger",
            BankAccountPart::Account => "the account number",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum BankAccountError {
    #[error("no bank account was given")]
    Empty,
    #[error("a bank account is written bank-ledger-account, such as 0133-26-012345")]
    BadFormat,
    #[error("{} has {} digits", .0.name(), .0.digits())]
    WrongLength(BankAccountPart),
}

impl BankAccountError {
    pub const ALL: [BankAccountError; 6] = [
        BankAccountError::Empty,
        BankAccountError::BadFormat,
        BankAccountError::WrongLength(BankAccountPart::Whole),
        BankAccountError::WrongLength(BankAccountPart::Bank),
        BankAccountError::WrongLength(BankAccountPart::Ledger),
        BankAccountError::WrongLength(BankAccountPart::Account),
    ];

    /// The part is in the code, so that the UI can say which part to fix.
    pub fn code(&self) -> &'static str {
        match self {
            BankAccountError::Empty => "bank-account.empty",
            BankAccountError::BadFormat => "bank-account.bad-format",
            BankAccountError::WrongLength(BankAccountPart::Whole) => {
                "bank-account.wrong-length.whole"
            }
            BankAccountError::WrongLength(BankAccountPart::Bank) => {
                "bank-account.wrong-length.bank"
            }
            BankAccountError::WrongLength(BankAccountPart::Ledger) => {
                "bank-account.wrong-length.ledger"
            }
            BankAccountError::WrongLength(BankAccountPart::Account) => {
                "bank-account.wrong-length.account"
            }
        }
    }
}

fn part<const N: usize>(digits: &str, which: BankAccountPart) -> Result<[u8; N], BankAccountError> {
    digits
        .as_bytes()
        .try_into()
        .map_err(|_| BankAccountError::WrongLength(which))
}

fn as_str(digits: &[u8]) -> &str {
    std::str::from_utf8(digits).expect("only ASCII digits are stored")
}

impl BankAccount {
    /// Accepts `0133-26-012345`, `0133 26 012345` and `013326012345`.
    pub fn parse(input: &str) -> Result<BankAccount, BankAccountError> {
        let input = crate::numbers::western_digits(input);
        let input = input.trim();
        if input.is_empty() {
            return Err(BankAccountError::Empty);
        }
        let parts: Vec<&str> = input
            .split(|c: char| c == '-' || c.is_whitespace())
            .filter(|p| !p.is_empty())
            .collect();
        if !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
            return Err(BankAccountError::BadFormat);
        }
        match parts[..] {
            [whole] => {
                if whole.len() != BankAccountPart::Whole.digits() {
                    return Err(BankAccountError::WrongLength(BankAccountPart::Whole));
                }
                let (bank, rest) = whole.split_at(4);
                let (ledger, account) = rest.split_at(2);
                BankAccount::from_parts(bank, ledger, account)
            }
            [bank, ledger, account] => BankAccount::from_parts(bank, ledger, account),
            _ => Err(BankAccountError::BadFormat),
        }
    }

    fn from_parts(
        bank: &str,
        ledger: &str,
        account: &str,
    ) -> Result<BankAccount, BankAccountError> {
        Ok(BankAccount {
            bank: part(bank, BankAccountPart::Bank)?,
            ledger: part(ledger, BankAccountPart::Ledger)?,
            account: part(account, BankAccountPart::Account)?,
        })
    }

    pub fn bank(&self) -> &str {
        as_str(&self.bank)
    }

    pub fn ledger(&self) -> &str {
        as_str(&self.ledger)
    }

    pub fn account(&self) -> &str {
        as_str(&self.account)
    }
}

impl fmt::Display for BankAccount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}-{}", self.bank(), self.ledger(), self.account())
    }
}

impl fmt::Debug for BankAccount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BankAccount({}-{}-******)", self.bank(), self.ledger())
    }
}

impl FromStr for BankAccount {
    type Err = BankAccountError;

    fn from_str(s: &str) -> Result<BankAccount, BankAccountError> {
        BankAccount::parse(s)
    }
}

impl TryFrom<String> for BankAccount {
    type Error = BankAccountError;

    fn try_from(s: String) -> Result<BankAccount, BankAccountError> {
        BankAccount::parse(&s)
    }
}

impl From<BankAccount> for String {
    fn from(account: BankAccount) -> String {
        account.to_string()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use BankAccountError::*;
    use BankAccountPart::*;

    #[test]
    fn hyphens_spaces_or_no_separators_are_accepted() {
        for input in [
            "0133-26-012345",
            "0133 26 012345",
            "013326012345",
            " 0133 - 26 - 012345 ",
            "0133-26 012345",
        ] {
            let account = BankAccount::parse(input).unwrap();
            assert_eq!(account.to_string(), "0133-26-012345", "{input:?}");
            assert_eq!(
                (account.bank(), account.ledger(), account.account()),
                ("0133", "26", "012345")
            );
        }
    }

    #[test]
    fn each_kind_of_mistake_has_its_own_error() {
        let cases = [
            ("", Empty),
            ("  ", Empty),
            ("0133-26-01234a", BadFormat),
            ("0133/26/012345", BadFormat),
            ("0133-26012345", BadFormat),
            ("0133-26-012345-1", BadFormat),
            ("IS14 0133 26 012345", BadFormat),
            ("०१३३-२६-०१२३४५", BadFormat),
            ("01332601234", WrongLength(Whole)),
            ("0133260123456", WrongLength(Whole)),
            ("133-26-012345", WrongLength(Bank)),
            ("00133-26-012345", WrongLength(Bank)),
            ("0133-6-012345", WrongLength(Ledger)),
            ("0133-026-012345", WrongLength(Ledger)),
            ("0133-26-12345", WrongLength(Account)),
            ("0133-26-0123456", WrongLength(Account)),
        ];
        for (input, error) in cases {
            assert_eq!(BankAccount::parse(input), Err(error), "{input:?}");
        }
    }

    #[test]
    fn a_wrong_length_says_which_part_and_how_long_it_should_be() {
        assert_eq!(WrongLength(Ledger).to_string(), "the ledger has 2 digits");
        assert_eq!(
            WrongLength(Account).code(),
            "bank-account.wrong-length.account"
        );
    }

    #[test]
    fn debug_output_never_shows_the_account_number() {
        let account = BankAccount::parse("0133-26-012345").unwrap();
        assert_eq!(format!("{account:?}"), "BankAccount(0133-26-******)");
    }

    #[test]
    fn json_holds_the_hyphenated_form() {
        let account = BankAccount::parse("013326012345").unwrap();
        assert_eq!(
            serde_json::to_string(&account).unwrap(),
            r#""0133-26-012345""#
        );
        assert_eq!(
            serde_json::from_str::<BankAccount>(r#""0133 26 012345""#).unwrap(),
            account
        );
        let error = serde_json::from_str::<BankAccount>(r#""0133-26-12345""#).unwrap_err();
        assert!(
            error.to_string().contains("account number has 6"),
            "{error}"
        );
    }

    #[test]
    fn error_codes_name_the_domain() {
        for error in BankAccountError::ALL {
            assert!(error.code().starts_with("bank-account."));
        }
    }

    proptest! {
        #[test]
        fn parsing_any_string_never_panics(s in ".*") {
            let _ = BankAccount::parse(&s);
        }

        #[test]
        fn parsing_account_shaped_strings_never_panics(s in "[0-9 -]{0,16}") {
            let _ = BankAccount::parse(&s);
        }

        #[test]
        fn an_account_survives_display_and_json_round_trips(
            bank in "[0-9]{4}", ledger in "[0-9]{2}", account in "[0-9]{6}"
        ) {
            let parsed = BankAccount::parse(&format!("{bank}{ledger}{account}")).unwrap();
            prop_assert_eq!(parsed.to_string(), format!("{bank}-{ledger}-{account}"));
            prop_assert_eq!(BankAccount::parse(&parsed.to_string()), Ok(parsed));
            let json = serde_json::to_string(&parsed).unwrap();
            prop_assert_eq!(serde_json::from_str::<BankAccount>(&json).unwrap(), parsed);
        }
    }
}
