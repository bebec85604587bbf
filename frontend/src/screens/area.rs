use crate::router::use_params_map;
use leptos::prelude::*;
use velferd_shared::{Area, HowToApply, Service, catalogue::CITY_PHONE};

use crate::language::use_i18n;
use crate::{
    components::{documents::DocumentList, page::PageHeading, phone::PhoneLink},
    i18n::*,
    screens::not_found::NotFound,
    text::{area_title, service_for_whom, service_name, service_summary},
};

/// The services for one area of life, straight from the shared catalogue.
#[component]
pub fn AreaPage() -> impl IntoView {
    let params = use_params_map();
    move || match params
        .with(|p| p.get("area"))
        .as_deref()
        .and_then(Area::from_slug)
    {
        Some(area) => view! { <AreaServices area/> }.into_any(),
        None => view! { <NotFound/> }.into_any(),
    }
}

#[component]
fn AreaServices(area: Area) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="breadcrumb"><a href="/">{tr!(i18n, area_page.back)}</a></p>
        <PageHeading text=Signal::derive(move || area_title(i18n.get_locale(), area).to_owned())/>
        <p class="lead">{tr!(i18n, area_page.intro)}</p>
        <p><a class="button" href="/check">{tr!(i18n, screener.start_link)}</a></p>
        <ul class="services">
            {area.services().map(|service| view! { <ServiceCard service/> }).collect_view()}
        </ul>
    }
}

#[component]
pub fn ServiceCard(service: &'static Service) -> impl IntoView {
    let i18n = use_i18n();
    let id = service.id;
    // In Icelandic the translated name is the official one; saying it twice helps no one.
    let show_official = move || i18n.get_locale() != Locale::is;
    view! {
        <li class="card service">
            <h2>{move || service_name(i18n.get_locale(), id)}</h2>
            <Show when=show_official>
                <p class="official-name">
                    {tr!(i18n, area_page.official_name)} " "
                    <span lang="is">{service.official_name}</span>
                </p>
            </Show>
            <p>{move || service_summary(i18n.get_locale(), id)}</p>
            <p>
                <strong>{tr!(i18n, area_page.for_whom_label)}</strong> " "
                {move || service_for_whom(i18n.get_locale(), id)}
            </p>
            <DocumentList documents=service.documents/>
            <p class="how-to-apply">
                <strong>{tr!(i18n, area_page.how_to_apply)}</strong> " "
                <HowToApplyText how=service.how_to_apply service=id/>
            </p>
            <p class="legal-basis">
                {tr!(i18n, area_page.legal_basis_label)} " "
                <span lang="is">{service.legal_basis}</span>
            </p>
        </li>
    }
}

#[component]
fn HowToApplyText(how: HowToApply, service: velferd_shared::ServiceId) -> impl IntoView {
    let i18n = use_i18n();
    match how {
        HowToApply::OnlineApplication => view! {
            {tr!(i18n, apply.online)} " "
            <a href=crate::application::start_path(service)>{tr!(i18n, next_steps.apply_online)}</a>
        }
        .into_any(),
        HowToApply::BookCall => view! {
            {tr!(i18n, apply.book_call)} " "
            <a href=format!("/call-me?topic={}", crate::application::service_slug(service))>
                {tr!(i18n, next_steps.book_call)}
            </a>
        }
        .into_any(),
        HowToApply::ApplyElsewhere { url } => view! {
            {tr!(i18n, apply.elsewhere)} " "
            <a href=url rel="noopener">{url.trim_start_matches("https://")}</a>
        }
        .into_any(),
        HowToApply::InformationOnly => view! {
            {tr!(i18n, apply.information)} " "
            <PhoneLink number=CITY_PHONE/>
        }
        .into_any(),
    }
}
