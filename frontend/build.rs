//! Generates the `i18n` module from the workspace's `locales/*.json` (the server reads the same
//! files), so every key used in the code is checked at compile time. Nothing here downloads
//! locale data: the ICU data is compiled into the crate.

use leptos_i18n_build::{Config, TranslationsInfos};
use std::{error::Error, path::PathBuf};

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?).join("i18n");
    // Icelandic first: it is the default and the reference every other locale is checked against.
    let config = Config::new("is")?
        .add_locales(["en", "pl", "uk", "lt", "es", "ar"])?
        .locales_path("../locales");
    let translations = TranslationsInfos::parse(config)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(out)?;
    Ok(())
}
