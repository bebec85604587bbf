//! Every locale carries every key Icelandic has (the i18n crate only warns about a missing one,
//! and would silently show Icelandic to a Polish reader), and nothing else.

use std::collections::BTreeSet;

use serde_json::Value;
use velferd_shared::Language;

fn keys(value: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                keys(child, &path, out);
            }
        }
        _ => {
            out.insert(prefix.to_owned());
        }
    }
}

fn locale(language: Language) -> Value {
    let text = velferd_backend::translations::source(language);
    serde_json::from_str(text).unwrap_or_else(|e| panic!("locales/{}.json: {e}", language.code()))
}

fn key_set(language: Language) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    keys(&locale(language), "", &mut out);
    out
}

#[test]
fn every_locale_has_every_key_that_icelandic_has() {
    let reference = key_set(Language::Is);
    assert!(reference.len() > 50, "the Icelandic file looks empty");
    for language in Language::ALL {
        let present = key_set(language);
        let missing: Vec<_> = reference.difference(&present).collect();
        assert!(missing.is_empty(), "{} lacks {missing:?}", language.code());
    }
}

#[test]
fn no_locale_has_keys_that_icelandic_lacks() {
    let reference = key_set(Language::Is);
    for language in Language::ALL {
        let extra: Vec<_> = key_set(language).difference(&reference).cloned().collect();
        assert!(
            extra.is_empty(),
            "{} has keys Icelandic lacks: {extra:?}",
            language.code()
        );
    }
}

#[test]
fn every_translation_is_a_non_empty_string() {
    fn check(value: &Value, path: &str, code: &str) {
        match value {
            Value::Object(map) => map
                .iter()
                .for_each(|(k, v)| check(v, &format!("{path}.{k}"), code)),
            Value::String(s) => assert!(!s.trim().is_empty(), "{code}{path} is empty"),
            other => panic!("{code}{path} is not a string: {other}"),
        }
    }
    for language in Language::ALL {
        check(&locale(language), "", language.code());
    }
}

#[test]
fn the_service_name_stays_velferd_in_every_language() {
    for language in Language::ALL {
        assert_eq!(
            locale(language)["app"]["name"],
            "Velferð",
            "{}",
            language.code()
        );
    }
}

#[test]
fn every_validation_error_has_a_message_in_every_language() {
    for language in Language::ALL {
        let table = locale(language);
        let codes = velferd_shared::validation::all_error_codes()
            .chain(velferd_shared::application::all_problem_codes())
            .chain(velferd_shared::follow::CALLBACK_CODES);
        for code in codes {
            // `bank-account.wrong-length.ledger` lives at errors.bank_account.wrong_length.ledger
            let found = code
                .split('.')
                .map(|part| part.replace('-', "_"))
                .try_fold(&table["errors"], |value, part| value.get(part.as_str()));
            assert!(
                found
                    .and_then(Value::as_str)
                    .is_some_and(|s| !s.trim().is_empty()),
                "{} has no message for {code}",
                language.code()
            );
        }
    }
}
