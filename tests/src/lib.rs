//! Test support: the real server on port 0, and a real headless Chromium driven through
//! chromedriver, with axe-core and the checks axe cannot make (`inspect`) for accessibility
//! audits.

pub mod app;
pub mod applications;
pub mod browser;
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

/// A locale file as the backend compiled it in, parsed.
pub fn locale(language: velferd_shared::Language) -> serde_json::Value {
    let source = velferd_backend::translations::source(language);
    serde_json::from_str(source)
        .unwrap_or_else(|e| panic!("the {} locale is not JSON: {e}", language.code()))
}
