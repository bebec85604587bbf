//! Test support: the real server on port 0, and a real headless Chromium driven through
//! chromedriver, with axe-core and the checks axe cannot make (`inspect`) for accessibility
//! audits.

pub mod app;
pub mod applications;
pub mod browser;
pub mod crash;
pub mod inspect;
pub mod process;
pub mod smtp;
pub mod wait;

pub use app::TestApp;
pub use wait::wait_until;

use std::path::PathBuf;

/// The workspace root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ lives in the workspace")
        .to_path_buf()
}

/// A path from an environment variable, or the project's default place for it.
pub fn path_from_env(variable: &str, default: &str) -> PathBuf {
    std::env::var_os(variable)
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join(default))
}

/// A language's texts as the backend compiled them in, parsed: the screens' file with the mail
/// texts (`locales/mail/`) under `mail`, so every key check covers both.
pub fn locale(language: velferd_shared::Language) -> serde_json::Value {
    let parse = |source: &str| -> serde_json::Value {
        serde_json::from_str(source)
            .unwrap_or_else(|e| panic!("the {} locale is not JSON: {e}", language.code()))
    };
    let mut table = parse(velferd_backend::translations::source(language));
    if let (Some(table), serde_json::Value::Object(mail)) = (
        table.as_object_mut(),
        parse(velferd_backend::translations::mail_source(language)),
    ) {
        table.extend(mail);
    }
    table
}
