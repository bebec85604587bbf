use leptos::{html::Details, prelude::*};
use velferd_shared::Language;

use crate::{
    i18n::*,
    language::{language_of, locale_of},
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
            <summary>
                <span class="language-label">{t!(i18n, language.label)} ":"</span>
                <span lang=move || current().code()>{move || current().native_name()}</span>
            </summary>
            <ul aria-label=move || t_string!(i18n, language.menu_label).to_string()>
                {Language::ALL
                    .into_iter()
                    .map(|language| {
                        let choose = move |_| {
                            i18n.set_locale(locale_of(language));
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
