//! The bridge between the shared `Language` and the i18n crate's `Locale`, and the `?lang=`
//! parameter that lets a link open the site in a given language.

use crate::router::{NavigateOptions, use_location, use_navigate, use_query_map};
use leptos::prelude::*;
use velferd_shared::Language;

use crate::i18n::*;

/// The language the resident reads, for every screen: the one reactive value every text follows.
/// Ours rather than leptos_i18n's context, whose start-up (matching the browser's languages
/// through ICU, leptos-use's listeners) cost the first part about 25 KB of wasm; the texts are
/// read from our tables (`strings.rs`) and the built-in ones need only the `Locale`.
#[derive(Clone, Copy)]
pub struct I18n(RwSignal<Locale>);

impl I18n {
    pub fn get_locale(self) -> Locale {
        self.0.get()
    }

    pub fn get_locale_untracked(self) -> Locale {
        self.0.get_untracked()
    }

    pub fn set_locale(self, locale: Locale) {
        self.0.set(locale);
    }
}

pub fn use_i18n() -> I18n {
    expect_context()
}

/// Provides the language: the one a `?lang=` link asks for, else the one chosen on this device,
/// else the first of the browser's we speak, else Icelandic. Keeps `<html lang dir>` in step.
#[component]
pub fn LanguageProvider(children: Children) -> impl IntoView {
    let search = window().location().search().unwrap_or_default();
    let asked = search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("lang="))
        .map(str::to_owned);
    let stored = storage().and_then(|s| s.get_item(LANGUAGE_KEY).ok().flatten());
    let browser: Vec<String> = window()
        .navigator()
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .collect();
    // A tag we do not speak, in the link or stored, means Icelandic (as `LanguageFromUrl` and
    // `LanguageMemory` read them).
    let language = match asked.or(stored) {
        Some(tag) => {
            let chosen = Language::from_tag(&tag).unwrap_or_default();
            tell_server(chosen);
            chosen
        }
        None => Language::negotiate(browser.iter().map(String::as_str)),
    };
    let locale = RwSignal::new(locale_of(language));
    provide_context(I18n(locale));
    let mark_page = move |locale: Locale| {
        if let Some(html) = document().document_element() {
            let language = language_of(locale);
            let _ = html.set_attribute("lang", language.code());
            let _ = html.set_attribute("dir", language.direction().html_dir());
        }
    };
    mark_page(locale.get_untracked());
    Effect::new(move |_| mark_page(locale.get()));
    children()
}

pub fn locale_of(language: Language) -> Locale {
    match language {
        Language::Is => Locale::is,
        Language::En => Locale::en,
        Language::Pl => Locale::pl,
        Language::Uk => Locale::uk,
        Language::Lt => Locale::lt,
        Language::Es => Locale::es,
        Language::Ar => Locale::ar,
    }
}

pub fn language_of(locale: Locale) -> Language {
    Language::ALL
        .into_iter()
        .find(|l| locale_of(*l) == locale)
        .unwrap_or_default()
}

/// `?lang=pl` opens the site in Polish and remembers it; a language we do not speak falls back
/// to Icelandic without an error. Without the parameter the stored choice, then the browser's
/// preference, decides (done by the i18n provider).
///
/// The parameter is taken out of the address once applied, so a later choice from the menu is
/// not undone by a reload.
#[component]
pub fn LanguageFromUrl() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let location = use_location();
    let navigate = use_navigate();
    Effect::new(move |_| {
        let (Some(tag), rest) = query.with(|q| q.without("lang")) else {
            return;
        };
        let language = Language::from_tag(&tag).unwrap_or_default();
        if i18n.get_locale_untracked() != locale_of(language) {
            i18n.set_locale(locale_of(language));
        }
        remember(language);
        let path = location.pathname.get_untracked();
        let hash = location.hash.get_untracked();
        navigate(
            &format!("{path}{rest}{hash}"),
            NavigateOptions {
                replace: true,
                scroll: false,
            },
        );
    });
}

pub const LANGUAGE_KEY: &str = "velferd.language";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn remember(language: Language) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(LANGUAGE_KEY, language.code());
    }
    tell_server(language);
}

/// The server renders the first screens in the language chosen here when it knows it (the
/// storage above is out of its reach): a cookie with the language's code alone.
fn tell_server(language: Language) {
    let cookie = format!(
        "{}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        velferd_shared::prerendered::LANGUAGE_COOKIE,
        language.code()
    );
    let _ = js_sys::Reflect::set(&document(), &"cookie".into(), &cookie.into());
}

/// Keeps the resident's choice on the device across reloads (`LanguageProvider` starts from it).
#[component]
pub fn LanguageMemory() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |previous: Option<Locale>| {
        let locale = i18n.get_locale();
        // Only a change is a choice; the first run is whatever the page started in.
        if previous.is_some_and(|p| p != locale) {
            remember(language_of(locale));
        }
        locale
    });
}
