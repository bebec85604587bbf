use leptos::prelude::*;

use crate::components::page::PageHeading;
use crate::language::use_i18n;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHeading text=Signal::derive(move || td_text!(i18n.get_locale(), not_found.title).to_string())/>
        <p>{tr!(i18n, not_found.text)}</p>
        <p><a class="standalone-link" href="/">{tr!(i18n, not_found.home_link)}</a></p>
    }
}
