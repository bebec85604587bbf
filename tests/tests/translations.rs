//! Every locale carries every key Icelandic has (the i18n crate only warns about a missing one,
//! and would silently show Icelandic to a Polish reader), and nothing else.

use std::collections::BTreeSet;

use serde_json::Value;
use velferd_shared::Language;
use velferd_tests::locale;

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

/// The staff workspace's own texts (`locales/staff/`), in Icelandic and English only.
fn staff_key_set(json: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    keys(
        &serde_json::from_str(json).expect("a staff locale is JSON"),
        "",
        &mut out,
    );
    out
}

#[test]
fn the_staff_workspace_has_the_same_keys_in_icelandic_and_english() {
    let icelandic = staff_key_set(include_str!("../../locales/staff/is.json"));
    let english = staff_key_set(include_str!("../../locales/staff/en.json"));
    assert!(icelandic.len() > 50, "the staff Icelandic file looks empty");
    let differ: Vec<_> = icelandic.symmetric_difference(&english).collect();
    assert!(differ.is_empty(), "is and en differ in {differ:?}");
}
