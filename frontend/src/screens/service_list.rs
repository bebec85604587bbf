//! `/check/list?services=…`: the services a result page found, as a link to share or keep. The
//! link names services only — never an answer or an amount — so it can be sent to anyone.

use crate::router::use_query_map;
use leptos::prelude::*;
use velferd_shared::catalogue::CATALOGUE;

use crate::language::use_i18n;
use crate::{application::service_slug, components::page::PageHeading, screens::area::ServiceCard};

#[component]
pub fn ServiceList() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    // Unknown names are skipped: an old or mistyped link still shows what it can.
    let services = move || {
        let named = query.with(|q| q.get("services")).unwrap_or_default();
        named
            .split(',')
            .filter_map(|slug| CATALOGUE.iter().find(|s| service_slug(s.id) == slug))
            .collect::<Vec<_>>()
    };
    let title = Signal::derive(move || t_text!(i18n, screener.list_title).to_string());
    view! {
        <PageHeading text=title/>
        <p class="lead">{tr!(i18n, screener.list_intro)}</p>
        <p><a class="button" href="/check">{tr!(i18n, screener.start_link)}</a></p>
        <ul class="services">
            {move || services().into_iter().map(|service| view! { <ServiceCard service/> }).collect_view()}
        </ul>
    }
}
