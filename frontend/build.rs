//! Generates the `i18n` module from the workspace's `locales/*.json` (the server reads the same
//! files), so every key used in the code is checked at compile time. Nothing here downloads
//! locale data: the ICU data is compiled into the crate.
//!
//! It also writes `strings.rs`: a key per text, and per language a table of all its texts behind
//! a split point of its own, so the browser fetches only the language the resident reads
//! (`src/strings.rs`).

use leptos_i18n_build::{Config, TranslationsInfos};
use serde_json::Value;
use std::{collections::BTreeMap, error::Error, fmt::Write, path::PathBuf};

/// Icelandic first: it is the default and the reference every other locale is checked against.
const LOCALES: [&str; 7] = ["is", "en", "pl", "uk", "lt", "es", "ar"];

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
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

fn strings() -> Result<String, Box<dyn Error>> {
    let reference = texts_of(LOCALES[0])?;
    let keys: Vec<&String> = reference.keys().collect();
    // Some texts only the server sends (mail, say); their keys are unused here.
    let mut code = String::from(
        "/// Every text's place in each language's table.\n#[allow(dead_code)]\npub mod keys {\n",
    );
    write_keys(&mut code, &keys, "", 1);
    code.push_str("}\n");
    writeln!(code, "pub const TEXTS: usize = {};", keys.len())?;
    for locale in LOCALES {
        let texts = texts_of(locale)?;
        // Text by text, so that one table is one string and its ends: plain data the splitter
        // moves into the language's part with the one function that reads it.
        let mut all = String::new();
        let mut ends = Vec::with_capacity(keys.len());
        for key in &keys {
            // A text a language lacks is read in Icelandic, as leptos_i18n does.
            all.push_str(texts.get(*key).unwrap_or(&reference[*key]));
            ends.push(all.len());
        }
        writeln!(
            code,
            "pub mod {locale} {{\n    use super::*;\n\
             \x20   #[wasm_split(strings_{locale}, fallible, wasm_split_path = ::leptos::wasm_split)]\n\
             \x20   pub fn table() -> Result<Table, PartMissing> {{\n        Ok(text)\n    }}\n\
             \x20   pub(super) fn text(key: Key) -> &'static str {{\n        text_in(ALL, &ENDS, key)\n    }}\n\
             \x20   static ALL: &str = {all:?};\n\
             \x20   static ENDS: [u32; TEXTS] = {ends:?};\n}}"
        )?;
    }
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
