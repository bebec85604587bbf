use leptos::{html::Details, prelude::*};
use velferd_shared::Language;

use crate::language::use_i18n;
use crate::{
    language::{language_of, locale_of},
    strings,
};

/// Each language is offered in its own name and marked with its `lang`, so a screen reader reads
/// "Polski" in Polish. Choosing one changes the text in place: nothing typed is lost.
#[component]
pub fn LanguageMenu() -> impl IntoView {
    let i18n = use_i18n();
    let details = NodeRef::<Details>::new();
    let current = move || language_of(i18n.get_locale());
    view! {
        <details class="language-menu" node_ref=details>
            // On a narrow screen (or with large text) only the globe and the language's own name
            // show; "Language:" stays for screen readers.
            <summary>
                <svg class="language-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <circle cx="12" cy="12" r="9.5"/>
                    <path d="M2.5 12h19M12 2.5c-3.2 3.4-3.2 15.6 0 19M12 2.5c3.2 3.4 3.2 15.6 0 19"/>
                </svg>
                <span class="language-label">{tr!(i18n, language.label)} ":"</span>
                <span lang=move || current().code()>{move || current().native_name()}</span>
            </summary>
            <ul>
                {Language::ALL
                    .into_iter()
                    .map(|language| {
                        // The texts first (those of the language's tables that are here for the
                        // current one), so the page changes language in one step. If they cannot
                        // be fetched (offline, a language never read here), the language changes
                        // all the same and what has no texts yet keeps its language.
                        let choose = move |_| {
                            leptos::task::spawn_local(async move {
                                let from = i18n.get_locale_untracked();
                                let _ = strings::load_as_here(from, locale_of(language)).await;
                                i18n.set_locale(locale_of(language));
                            });
                            if let Some(details) = details.get() {
                                details.set_open(false);
                            }
                        };
                        view! {
                            <li>
                                <button
                                    type="button"
                                    lang=language.code()
                                    aria-pressed=move || (current() == language).to_string()
                                    on:click=choose
                                >
                                    {language.native_name()}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </details>
    }
}
