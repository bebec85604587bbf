//! Velferð in the browser. One module per screen, small components, every text through the
//! compile-time checked `i18n` module generated from `locales/*.json`.

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

/// A text in the chosen language that follows a change of language. Unlike leptos_i18n's `t!`,
/// which makes a closure of its own at every call site (and so its own copy of the reactive
/// render code: one per text on every screen), every `tr!` is the same closure type around a
/// plain `fn(Locale) -> &str`, so the render code exists once.
macro_rules! tr {
    ($i18n:expr, $($key:tt)+) => {
        $crate::text::live($i18n, |locale| td_string!(locale, $($key)+))
    };
}

mod api;
mod app;
mod application;
mod components;
mod device_files;
mod language;
mod offline;
mod parts;
mod screener;
mod screens;
mod storage;
mod text;

pub use app::App;

/// What the staff workspace (`staff/`) builds on: the form kit, the page heading, focus after
/// navigation, the error summary's focus step (its markup is `error_summary_view!`) and the fetch
/// helpers. None of it names a resident's text; the linker drops the rest of this crate.
pub mod kit {
    pub use crate::api::{fetch, text_of};
    pub use crate::components::{
        error_summary::focus_field, focus, form, page::PageHeading, phone::PhoneLink,
    };
}
