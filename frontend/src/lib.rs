//! Velferð in the browser. One module per screen, small components, every text through the
//! compile-time checked `i18n` module generated from `locales/*.json`.

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

// The texts come from the active language's table (`strings.rs`), not from leptos_i18n's
// macros, which compile all seven languages into every screen that shows a text. Same form as
// theirs (`td_string!`, `t_string!`), other names: `use crate::i18n::*` brings theirs in.

/// The text at a key (`home.title`) in `locale`.
macro_rules! td_text {
    ($locale:expr, $($key:ident).+) => {
        $crate::strings::text($locale, $crate::strings::keys::$($key)::+)
    };
}

/// The text at a key in the language chosen now.
macro_rules! t_text {
    ($i18n:expr, $($key:ident).+) => {
        td_text!(($i18n).get_locale(), $($key).+)
    };
}

/// A text built into the first part in all seven languages, for what is said before any table
/// has arrived (that one could not be fetched).
macro_rules! built_in {
    ($i18n:expr, $($key:ident).+) => {
        $crate::text::live($i18n, |locale| $crate::i18n::td_string!(locale, $($key).+))
    };
}

/// A text in the chosen language that follows a change of language. Unlike leptos_i18n's `t!`,
/// which makes a closure of its own at every call site (and so its own copy of the reactive
/// render code: one per text on every screen), every `tr!` is the same closure type around a
/// plain `fn(Locale) -> &str`, so the render code exists once.
macro_rules! tr {
    ($i18n:expr, $($key:tt)+) => {
        $crate::text::live($i18n, |locale| td_text!(locale, $($key)+))
    };
}

mod api;
mod app;
mod application;
mod arriving;
mod components;
mod device_files;
mod json;
mod language;
mod offline;
mod parts;
mod prerendered;
mod router;
mod screener;
mod screens;
mod storage;
mod strings;
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
