use leptos::prelude::*;

use crate::language::use_i18n;
use crate::{components::page::PageHeading, i18n::*};

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHeading text=Signal::derive(move || td_string!(i18n.get_locale(), not_found.title).to_string())/>
        <p>{built_in!(i18n, not_found.text)}</p>
        <p><a class="standalone-link" href="/">{built_in!(i18n, not_found.home_link)}</a></p>
    }
}
