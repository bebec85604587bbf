//! `/receipt/<reference>`: the receipt kept on this device — reference, what happens next, the
//! private link to follow the application, contact and appeal information. Printable.

use crate::router::use_params_map;
use leptos::prelude::*;
use velferd_shared::{ServiceId, api::ApplicationReceipt};

use crate::language::use_i18n;
use crate::{
    application::Applications,
    components::{page::PageHeading, phone::WithPhoneLinks, upload::DocumentUpload},
    text::service_name,
};

#[component]
pub fn Receipt() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let apps = Applications::get();
    move || {
        let reference = params.with(|p| p.get("reference")).unwrap_or_default();
        match apps.receipt(&reference) {
            Some(receipt) => view! { <ReceiptView receipt/> }.into_any(),
            None => view! {
                <PageHeading text=Signal::derive(move || t_text!(i18n, application.receipt.title).to_string())/>
                <p>{tr!(i18n, application.receipt.missing)}</p>
            }
            .into_any(),
        }
    }
}

#[component]
fn ReceiptView(receipt: ApplicationReceipt) -> impl IntoView {
    let i18n = use_i18n();
    let origin = window().location().origin().unwrap_or_default();
    let link = format!("{origin}/status/{}", receipt.status_token);
    let copied = RwSignal::new(false);
    let copy = {
        let link = link.clone();
        move |_| {
            let clipboard = window().navigator().clipboard();
            let _ = clipboard.write_text(&link);
            copied.set(true);
        }
    };
    let service = receipt.service;
    let submitted = receipt
        .submitted_at
        .get(..10)
        .unwrap_or_default()
        .to_owned();
    view! {
        <PageHeading text=Signal::derive(move || t_text!(i18n, application.receipt.title).to_string())/>
        <div class="receipt-panel">
            <p>{tr!(i18n, application.receipt.reference)}</p>
            <p class="reference"><strong dir="ltr">{receipt.reference.clone()}</strong></p>
        </div>
        <p class="hint">{tr!(i18n, application.receipt.kept_for)}</p>
        <dl class="summary-list">
            <div class="summary-row">
                <dt>{tr!(i18n, application.receipt.service)}</dt>
                <dd>
                    {move || service_name(i18n.get_locale(), service)} " "
                    "(" <span lang="is">{service.service().official_name}</span> ")"
                </dd>
            </div>
            <div class="summary-row">
                <dt>{tr!(i18n, application.receipt.centre)}</dt>
                <dd lang="is">{receipt.centre.official_name()}</dd>
            </div>
            <div class="summary-row">
                <dt>{tr!(i18n, application.receipt.submitted)}</dt>
                <dd><time datetime=receipt.submitted_at.clone()>{submitted}</time></dd>
            </div>
        </dl>
        <Show when=move || receipt.photo_id_required>
            <p class="notice"><strong>{tr!(i18n, application.receipt.photo_id)}</strong></p>
        </Show>
        <h2>{tr!(i18n, application.receipt.next_title)}</h2>
        <p>{tr!(i18n, application.receipt.next_text)}</p>
        <Show when=move || service == ServiceId::FinancialAssistance>
            <p>{tr!(i18n, notes.may_affect_residence_permit)}</p>
        </Show>
        // The application exists now, so the documents it needs can follow it straight away.
        {(!service.service().documents.is_empty()).then(|| {
            view! { <DocumentUpload token=receipt.status_token.clone() on_sent=|| ()/> }
        })}
        <h2>{tr!(i18n, application.receipt.link_title)}</h2>
        <p>{tr!(i18n, application.receipt.link_text)}</p>
        <p class="status-link"><a href=link.clone() dir="ltr">{link.clone()}</a></p>
        <p class="no-print">
            <button type="button" class="button button-secondary" on:click=copy>
                {tr!(i18n, application.receipt.copy)}
            </button>
            <span role="status" class="copied">
                {move || copied.get().then(|| td_text!(i18n.get_locale(), application.receipt.copied))}
            </span>
        </p>
        <h2>{tr!(i18n, application.receipt.appeal_title)}</h2>
        <p>{tr!(i18n, application.receipt.appeal_text)}</p>
        <p><WithPhoneLinks text=Signal::derive(move || t_text!(i18n, application.receipt.contact).to_string())/></p>
        <p class="no-print">
            <button type="button" class="button button-secondary" on:click=move |_| { let _ = window().print(); }>
                {tr!(i18n, application.receipt.print)}
            </button>
        </p>
    }
}
