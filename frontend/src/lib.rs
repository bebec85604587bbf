//! Velferð in the browser. One module per screen, small components, every text through the
//! compile-time checked `i18n` module generated from `locales/*.json`.

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

mod api;
mod app;
mod application;
mod components;
mod language;
mod screener;
mod screens;
mod storage;
mod text;

pub use app::App;
