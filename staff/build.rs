//! Generates the `i18n` module from `locales/staff/*.json`: Icelandic and English only, every
//! key checked at compile time, nothing downloaded (the ICU data is compiled in).

use leptos_i18n_build::{Config, TranslationsInfos};
use std::{error::Error, path::PathBuf};

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?).join("i18n");
    // Icelandic first: the default, and the reference English is checked against.
    let config = Config::new("is")?
        .add_locales(["en"])?
        .locales_path("../locales/staff");
    let translations = TranslationsInfos::parse(config)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(out)?;
    Ok(())
}
