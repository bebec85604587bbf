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

    /// The form a noun takes after the whole number `n` (CLDR's plural categories for whole
    /// numbers): Polish writes "2 lata" but "5 lat", Arabic "3 سنوات" but "11 سنة".
    pub fn count_form(self, n: u64) -> CountForm {
        let (last, last_two) = (n % 10, n % 100);
        let teens = (11..=19).contains(&last_two);
        let slavic_few = (2..=4).contains(&last) && !(12..=14).contains(&last_two);
        match self {
            Language::Is if last == 1 && last_two != 11 => CountForm::One,
            Language::Is => CountForm::Other,
            Language::En | Language::Es if n == 1 => CountForm::One,
            Language::En | Language::Es => CountForm::Other,
            Language::Pl if n == 1 => CountForm::One,
            Language::Uk if last == 1 && last_two != 11 => CountForm::One,
            Language::Pl | Language::Uk if slavic_few => CountForm::Few,
            Language::Pl | Language::Uk => CountForm::Many,
            Language::Lt if teens || last == 0 => CountForm::Other,
            Language::Lt if last == 1 => CountForm::One,
            Language::Lt => CountForm::Few,
            Language::Ar => match (n, last_two) {
                (0, _) => CountForm::Zero,
                (1, _) => CountForm::One,
                (2, _) => CountForm::Two,
                (_, 3..=10) => CountForm::Few,
                (_, 11..=99) => CountForm::Many,
                _ => CountForm::Other,
            },
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

/// The grammatical number a count asks of the word after it; which of these a language uses is
/// in [`Language::count_form`], and every locale file has a text for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountForm {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
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
    fn a_count_asks_for_the_form_its_language_gives_that_number() {
        use CountForm::*;
        let forms = |language: Language, numbers: &[u64]| -> Vec<CountForm> {
            numbers.iter().map(|&n| language.count_form(n)).collect()
        };
        assert_eq!(
            forms(Language::En, &[0, 1, 2, 21]),
            [Other, One, Other, Other]
        );
        assert_eq!(
            forms(Language::Is, &[1, 11, 21, 67]),
            [One, Other, One, Other]
        );
        assert_eq!(
            forms(Language::Pl, &[1, 2, 5, 12, 22, 67]),
            [One, Few, Many, Many, Few, Many]
        );
        assert_eq!(
            forms(Language::Uk, &[1, 21, 3, 13, 24, 18]),
            [One, One, Few, Many, Few, Many]
        );
        assert_eq!(
            forms(Language::Lt, &[1, 21, 11, 6, 67, 10, 15]),
            [One, One, Other, Few, Few, Other, Other]
        );
        assert_eq!(
            forms(Language::Ar, &[0, 1, 2, 6, 10, 11, 67, 100, 103]),
            [Zero, One, Two, Few, Few, Many, Many, Other, Few]
        );
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
