//! `/apply/<service>`: what applying involves, then Start (or Continue, with a draft saved).

use crate::router::use_params_map;
use leptos::prelude::*;
use velferd_shared::ServiceId;

use crate::language::use_i18n;
use crate::{
    application::{Applications, service_from_slug},
    components::page::PageHeading,
    screens::not_found::NotFound,
    text::service_name,
};

#[component]
pub fn ApplyStart() -> impl IntoView {
    let params = use_params_map();
    move || match params
        .with(|p| p.get("service"))
        .as_deref()
        .and_then(service_from_slug)
    {
        Some(service) => view! { <Start service/> }.into_any(),
        None => view! { <NotFound/> }.into_any(),
    }
}

#[component]
fn Start(service: ServiceId) -> impl IntoView {
    let i18n = use_i18n();
    let apps = Applications::get();
    let started =
        apps.drafts.with_untracked(|d| d.contains_key(&service)) || apps.queued(service).is_some();
    let title = Signal::derive(move || {
        format!(
            "{}: {}",
            t_text!(i18n, application.start_title),
            service_name(i18n.get_locale(), service)
        )
    });
    view! {
        <PageHeading text=title/>
        <p class="official-name" lang="is">{service.service().official_name}</p>
        <p class="lead">{tr!(i18n, application.start_intro)}</p>
        <p>{tr!(i18n, application.start_saved)}</p>
        <p class="hint">{tr!(i18n, application.draft_expiry)}</p>
        <p>
            <a class="button" href=apps.next_path(service)>
                {move || if started {
                    t_text!(i18n, application.continue_application)
                } else {
                    t_text!(i18n, application.start_button)
                }}
            </a>
        </p>
    }
}
