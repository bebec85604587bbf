//! Generates the `i18n` module from the workspace's `locales/*.json` (the server reads the same
//! files), so every key used in the code is checked at compile time. Nothing here downloads
//! locale data: the ICU data is compiled into the crate.
//!
//! It also writes `strings.rs`: a key per text, and per language a few tables of its texts (the
//! frame's, the help pages', the other screens'), each behind a split point of its own, so the
//! browser fetches only the language the resident reads, and a screen's texts only with a screen
//! that needs them (`src/strings.rs`).

use leptos_i18n_build::{Config, TranslationsInfos};
use serde_json::Value;
use std::{collections::BTreeMap, error::Error, fmt::Write, path::PathBuf};

/// Icelandic first: it is the default and the reference every other locale is checked against.
const LOCALES: [&str; 7] = ["is", "en", "pl", "uk", "lt", "es", "ar"];

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=layout.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    let config = Config::new(LOCALES[0])?
        .add_locales(LOCALES[1..].iter().copied())?
        .locales_path("../locales");
    let translations = TranslationsInfos::parse(config)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(out.join("i18n"))?;
    std::fs::write(out.join("strings.rs"), strings()?)?;
    Ok(())
}

/// A dotted key and its text, in the order of the keys.
type Texts = BTreeMap<String, String>;

fn texts_of(locale: &str) -> Result<Texts, Box<dyn Error>> {
    let path = format!("../locales/{locale}.json");
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
    let mut texts = Texts::new();
    flatten("", &json, &mut texts).map_err(|e| format!("{path}: {e}"))?;
    Ok(texts)
}

fn flatten(prefix: &str, value: &Value, into: &mut Texts) -> Result<(), String> {
    match value {
        Value::String(text) => {
            into.insert(prefix.to_owned(), text.clone());
            Ok(())
        }
        Value::Object(fields) => fields.iter().try_for_each(|(name, value)| {
            let key = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix}.{name}")
            };
            flatten(&key, value, into)
        }),
        _ => Err(format!("{prefix} is neither a text nor a group of texts")),
    }
}

// The tables of texts and the parts (`TEXT_TABLES`, `PARTS`), shared with `cargo xtask build`.
include!("layout.rs");

/// The table (its index in `TEXT_TABLES`) that holds `key`.
fn table_of(key: &str) -> usize {
    TEXT_TABLES
        .iter()
        .position(|(.., names)| names.iter().any(|name| names_key(name, key)))
        .unwrap_or(TEXT_TABLES.len() - 1)
}

/// Whether `name` (`services`, `services.*.name`) names `key` or a group that holds it.
fn names_key(name: &str, key: &str) -> bool {
    let mut key = key.split('.');
    name.split('.')
        .all(|part| key.next().is_some_and(|held| part == "*" || part == held))
}

fn strings() -> Result<String, Box<dyn Error>> {
    let reference = texts_of(LOCALES[0])?;
    // Table by table, so that each table holds one range of keys.
    let mut held: Vec<Vec<&String>> = vec![Vec::new(); TEXT_TABLES.len()];
    for key in reference.keys() {
        held[table_of(key)].push(key);
    }
    let keys: Vec<&String> = held.iter().flatten().copied().collect();
    // Some texts only the server sends (mail, say); their keys are unused here.
    let mut code = String::from(
        "/// Every text's place in each language's table.\n#[allow(dead_code)]\npub mod keys {\n",
    );
    write_keys(&mut code, &keys, "", 1);
    code.push_str("}\n");

    let sections: Vec<&str> = TEXT_TABLES.iter().map(|(section, ..)| *section).collect();
    let mut starts = Vec::new();
    let mut first = 0;
    for keys in &held {
        starts.push(first);
        first += keys.len();
    }
    writeln!(
        code,
        "/// A language's tables.\n#[derive(Clone, Copy, Debug, PartialEq, Eq)]\n\
         pub enum Section {{ {} }}\n\
         impl Section {{\n    pub const ALL: [Section; {}] = [{}];\n\
         \x20   /// Where each table's keys start.\n    const STARTS: [u16; {}] = {starts:?};\n}}",
        sections.join(", "),
        sections.len(),
        sections
            .iter()
            .map(|s| format!("Section::{s}"))
            .collect::<Vec<_>>()
            .join(", "),
        sections.len(),
    )?;

    let mut fetch = String::from(
        "/// Fetches the table of `section` in `locale` (once: a part is fetched once). One boxed\n\
         /// future type for every table, so that what waits for it is compiled once, not with a\n\
         /// state for each of the tables.\n\
         fn fetch_table(section: Section, locale: Locale) -> TableLoading {\n\
         \x20   match (section, locale) {\n",
    );
    let mut every = String::from(
        "/// Every table, as the unit tests (native: nothing is fetched) read them.\n\
         #[cfg(test)]\nfn every_table() -> Vec<(Section, Locale, Table)> {\n    vec![\n",
    );
    for locale in LOCALES {
        let texts = texts_of(locale)?;
        writeln!(code, "pub mod {locale} {{\n    use super::*;")?;
        for ((section, module, part, _), (held, first)) in
            TEXT_TABLES.iter().zip(held.iter().zip(&starts))
        {
            // Text by text, so that one table is one string and its ends: plain data the
            // splitter moves into the table's part with the one function that reads it.
            let mut all = String::new();
            let mut ends = Vec::with_capacity(held.len());
            for key in held {
                // A text a language lacks is read in Icelandic, as leptos_i18n does.
                all.push_str(texts.get(*key).unwrap_or(&reference[*key]));
                ends.push(all.len());
            }
            writeln!(
                code,
                "    pub mod {module} {{\n        use super::*;\n\
                 \x20       #[wasm_split({part}_{locale}, fallible, wasm_split_path = ::leptos::wasm_split)]\n\
                 \x20       pub fn table() -> Result<Table, PartMissing> {{\n            Ok(text)\n        }}\n\
                 \x20       pub(crate) fn text(key: Key) -> &'static str {{\n            text_in(ALL, &ENDS, key, {first})\n        }}\n\
                 \x20       static ALL: &str = {all:?};\n\
                 \x20       static ENDS: [u32; {}] = {ends:?};\n    }}",
                held.len()
            )?;
            writeln!(
                fetch,
                "        (Section::{section}, Locale::{locale}) => Box::pin({locale}::{module}::table()),"
            )?;
            writeln!(
                every,
                "        (Section::{section}, Locale::{locale}, {locale}::{module}::text as Table),"
            )?;
        }
        code.push_str("}\n");
    }
    fetch.push_str("    }\n}\n");
    every.push_str("    ]\n}\n");
    code.push_str(&fetch);
    code.push_str(&every);
    code.push_str(
        "/// The tables each part's screens read beside the frame's (`layout.rs`).\n\
         #[allow(non_upper_case_globals, dead_code)]\npub mod part_texts {\n    use super::Section;\n",
    );
    for (part, sections, ..) in PARTS {
        for section in *sections {
            if !TEXT_TABLES.iter().any(|(name, ..)| name == section) {
                return Err(format!("layout.rs: the part {part} reads {section}, no table").into());
            }
        }
        let sections: Vec<String> = sections.iter().map(|s| format!("Section::{s}")).collect();
        writeln!(
            code,
            "    pub const {part}: &[Section] = &[{}];",
            sections.join(", ")
        )?;
    }
    code.push_str("}\n");
    Ok(code)
}

/// Nested modules, one per group of keys, so that `keys::home::title` names a text as
/// `home.title` does in the locale files.
fn write_keys(code: &mut String, keys: &[&String], prefix: &str, depth: usize) {
    let indent = "    ".repeat(depth);
    let mut groups: BTreeMap<&str, ()> = BTreeMap::new();
    for (index, key) in keys.iter().enumerate() {
        let Some(rest) = key.strip_prefix(prefix) else {
            continue;
        };
        match rest.split_once('.') {
            None => {
                let _ = writeln!(
                    code,
                    "{indent}#[allow(non_upper_case_globals)]\n{indent}pub const {rest}: crate::strings::Key = crate::strings::Key({index});"
                );
            }
            Some((group, _)) => {
                groups.insert(group, ());
            }
        }
    }
    for group in groups.keys() {
        let _ = writeln!(code, "{indent}pub mod {group} {{");
        write_keys(code, keys, &format!("{prefix}{group}."), depth + 1);
        let _ = writeln!(code, "{indent}}}");
    }
}
