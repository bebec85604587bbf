//! Numbers as each language writes them, and digits as residents type them: one formatter for
//! the browser and the server, and one reading of Arabic-script digits for every parser.

use std::borrow::Cow;

use crate::Language;

impl Language {
    /// What goes between groups of three digits. Icelandic and Spanish (as written in Venezuela)
    /// use a dot, English a comma, Polish, Ukrainian and Lithuanian a narrow no-break space;
    /// Arabic keeps Western digits with a comma (glossary), as Arabic news sites in the Gulf and
    /// the Levant print prices.
    pub fn group_separator(self) -> &'static str {
        match self {
            Language::Is | Language::Es => ".",
            Language::En | Language::Ar => ",",
            Language::Pl | Language::Uk | Language::Lt => "\u{202f}",
        }
    }

    /// `n` with its thousands grouped as this language writes them: `247.572`, `247,572`,
    /// `247 572`.
    pub fn whole_number(self, n: u64) -> String {
        let digits = n.to_string();
        let separator = self.group_separator();
        let mut grouped = String::with_capacity(digits.len() * 2);
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push_str(separator);
            }
            grouped.push(digit);
        }
        grouped
    }
}

/// `input` with Arabic-Indic (٠–٩) and Eastern Arabic-Indic (۰–۹) digits as 0–9, the Arabic
/// comma and thousands separator as a comma and the Arabic decimal separator as a dot, so every
/// parser reads what a phone's Arabic or Persian keyboard types. Anything else is left as it is.
pub fn western_digits(input: &str) -> Cow<'_, str> {
    if input.is_ascii() {
        return Cow::Borrowed(input);
    }
    Cow::Owned(
        input
            .chars()
            .map(|c| match c {
                '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
                '\u{06f0}'..='\u{06f9}' => char::from(b'0' + (c as u32 - 0x06f0) as u8),
                '\u{060c}' | '\u{066c}' => ',',
                '\u{066b}' => '.',
                other => other,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_groups_thousands_its_own_way() {
        let n = 247_572;
        assert_eq!(Language::Is.whole_number(n), "247.572");
        assert_eq!(Language::Es.whole_number(n), "247.572");
        assert_eq!(Language::En.whole_number(n), "247,572");
        assert_eq!(Language::Ar.whole_number(n), "247,572");
        for language in [Language::Pl, Language::Uk, Language::Lt] {
            assert_eq!(language.whole_number(n), "247\u{202f}572");
        }
        assert_eq!(Language::En.whole_number(4_500_000), "4,500,000");
        assert_eq!(Language::Is.whole_number(999), "999");
        assert_eq!(Language::Is.whole_number(0), "0");
    }

    #[test]
    fn arabic_script_digits_and_separators_read_as_western_ones() {
        assert_eq!(western_digits("١٥٠٬٠٠٠"), "150,000");
        assert_eq!(western_digits("۱۵۰،۰۰۰"), "150,000");
        assert_eq!(western_digits("٣٤"), "34");
        assert_eq!(western_digits("12٫5"), "12.5");
        assert_eq!(western_digits("150.000 kr."), "150.000 kr.");
        // Other scripts' digits are not guessed at: the parser refuses them.
        assert_eq!(western_digits("१२"), "१२");
    }
}

#[cfg(test)]
mod parsing {
    use crate::validation::{Age, Kennitala, Kronur, Postcode};

    #[test]
    fn every_parser_reads_arabic_script_digits() {
        assert_eq!(Kronur::parse("١٥٠٬٠٠٠").unwrap().value(), 150_000);
        assert_eq!(Kronur::parse("۱۵۰۰۰۰ kr.").unwrap().value(), 150_000);
        assert_eq!(Age::parse("٣٤").unwrap(), Age::parse("34").unwrap());
        assert_eq!(
            Postcode::parse("١٠١").unwrap(),
            Postcode::parse("101").unwrap()
        );
        assert!(Kennitala::parse("١٢٠١٦٠-٣٣٨٩").is_ok());
    }
}
