use leptos::prelude::*;
use velferd_frontend::kit::PageHeading;

use crate::i18n::*;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHeading text=Signal::derive(move || t_string!(i18n, not_found).to_string())/>
        <p>{t!(i18n, not_found_text)}</p>
        <p><a class="standalone-link" href="/staff">{t!(i18n, case.back)}</a></p>
    }
}
