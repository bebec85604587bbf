//! The workspace's translation files (`locales/*.json`), which the browser compiles into its
//! `i18n` module and the server reads here, so the API speaks the same words as the screens.
//! This is the one loader on the server side; tests read the files through it too.

use std::sync::OnceLock;

use serde_json::Value;
use velferd_shared::Language;

/// A locale file as written, for tests that check every key in every language.
pub fn source(language: Language) -> &'static str {
    match language {
        Language::Is => include_str!("../../locales/is.json"),
        Language::En => include_str!("../../locales/en.json"),
        Language::Pl => include_str!("../../locales/pl.json"),
        Language::Uk => include_str!("../../locales/uk.json"),
        Language::Lt => include_str!("../../locales/lt.json"),
        Language::Es => include_str!("../../locales/es.json"),
        Language::Ar => include_str!("../../locales/ar.json"),
    }
}

/// The e-mail texts (`locales/mail/*.json`): the server's alone, so kept out of the files the
/// browser compiles into its bundle.
pub fn mail_source(language: Language) -> &'static str {
    match language {
        Language::Is => include_str!("../../locales/mail/is.json"),
        Language::En => include_str!("../../locales/mail/en.json"),
        Language::Pl => include_str!("../../locales/mail/pl.json"),
        Language::Uk => include_str!("../../locales/mail/uk.json"),
        Language::Lt => include_str!("../../locales/mail/lt.json"),
        Language::Es => include_str!("../../locales/mail/es.json"),
        Language::Ar => include_str!("../../locales/mail/ar.json"),
    }
}

/// Both files of a language as one table: the mail texts under `mail.`.
fn parsed() -> &'static [Value; 7] {
    static TABLES: OnceLock<[Value; 7]> = OnceLock::new();
    TABLES.get_or_init(|| {
        Language::ALL.map(|language| {
            let read = |text: &str| -> Value {
                serde_json::from_str(text).expect("locale files are valid JSON (tested)")
            };
            let mut table = read(source(language));
            if let (Some(table), Value::Object(mail)) =
                (table.as_object_mut(), read(mail_source(language)))
            {
                table.extend(mail);
            }
            table
        })
    })
}

fn lookup(language: Language, key: &str) -> Option<&'static str> {
    let index = Language::ALL.iter().position(|l| *l == language)?;
    key.split('.')
        .try_fold(&parsed()[index], |value, part| value.get(part))?
        .as_str()
}

/// The text of `key` (dotted, as in the JSON files) in `language`, or in Icelandic when that
/// language lacks it, or the key itself so a gap is visible rather than blank.
pub fn text(language: Language, key: &str) -> String {
    lookup(language, key)
        .or_else(|| lookup(Language::Is, key))
        .unwrap_or(key)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_found_in_every_language() {
        for language in Language::ALL {
            let name = text(language, "services.financial_assistance.name");
            assert!(!name.is_empty() && name != "services.financial_assistance.name");
        }
        assert_eq!(
            text(Language::En, "services.financial_assistance.name"),
            "Financial assistance"
        );
    }

    #[test]
    fn every_problem_code_has_a_message_of_its_own_in_every_language() {
        for language in Language::ALL {
            for code in velferd_shared::ProblemCode::all() {
                assert!(
                    lookup(language, &code.message_key()).is_some_and(|t| !t.trim().is_empty()),
                    "{} has no message for {}",
                    language.code(),
                    code.key()
                );
            }
        }
    }

    #[test]
    fn an_unknown_key_is_shown_as_itself() {
        assert_eq!(text(Language::Pl, "no.such.key"), "no.such.key");
    }
}
