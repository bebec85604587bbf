use leptos::prelude::*;
use velferd_shared::Area;

use crate::language::use_i18n;
use crate::{
    application::{Applications, check_path, receipt_path},
    components::page::PageHeading,
    parts,
    text::{area_summary, area_title, service_name},
};

/// "How can we help?": the areas of life a resident starts from.
#[component]
pub fn Home() -> impl IntoView {
    let i18n = use_i18n();
    let parts::DeviceRecords(records) = parts::DeviceRecords::get();
    view! {
        <PageHeading text=Signal::derive(move || td_text!(i18n.get_locale(), home.title).to_string())/>
        <p class="lead">{tr!(i18n, home.intro)}</p>
        <p><a class="button" href="/check">{tr!(i18n, screener.start_link)}</a></p>
        {move || records.get().then(|| parts::lazy_section(parts::your_applications))}
        <ul class="cards">
            {Area::ALL
                .into_iter()
                .map(|area| {
                    view! {
                        <li class="card">
                            <h2>
                                <a href=format!("/help/{}", area.slug())>
                                    {move || area_title(i18n.get_locale(), area)}
                                </a>
                            </h2>
                            <p>{move || area_summary(i18n.get_locale(), area)}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// Applications sent from this device, and any still waiting to be sent: a receipt is never
/// out of reach, even when the answer came after the resident had left the page.
#[component]
pub fn YourApplications() -> impl IntoView {
    let i18n = use_i18n();
    let apps = Applications::get();
    let entries = move || {
        let locale = i18n.get_locale();
        let mut list: Vec<(String, String, Option<String>)> = apps.outbox.with(|o| {
            o.iter()
                .map(|q| {
                    (
                        check_path(q.service),
                        service_name(locale, q.service).to_owned(),
                        None,
                    )
                })
                .collect()
        });
        list.extend(apps.receipts.with(|r| {
            r.iter()
                .rev()
                .map(|k| {
                    (
                        receipt_path(&k.receipt.reference),
                        service_name(locale, k.receipt.service).to_owned(),
                        Some(k.receipt.reference.clone()),
                    )
                })
                .collect::<Vec<_>>()
        }));
        list
    };
    view! {
        <Show when=move || !entries().is_empty()>
            <section class="your-applications" aria-labelledby="your-applications">
                <h2 id="your-applications">{tr!(i18n, home.your_applications)}</h2>
                <ul>
                    {move || {
                        entries()
                            .into_iter()
                            .map(|(href, name, reference)| {
                                view! {
                                    <li>
                                        <a href=href>{name}</a>
                                        " – "
                                        {match reference {
                                            Some(reference) => view! { <span dir="ltr">{reference}</span> }.into_any(),
                                            None => view! { <strong>{tr!(i18n, home.waiting)}</strong> }.into_any(),
                                        }}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </section>
        </Show>
    }
}
