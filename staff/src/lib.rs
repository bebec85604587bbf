//! The counsellors' workspace at `/staff/…`: a bundle of its own, so residents never download
//! it. Icelandic by default and English, from `locales/staff/*.json` (checked at compile time).

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

mod api;
mod app;
mod fields;
mod screens;
mod session;
mod text;

pub use app::App;
