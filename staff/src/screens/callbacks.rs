//! `/staff/callbacks`: residents waiting for a call. Two unanswered calls put a request at the
//! top as "try again" (the server orders them); the phone number is a `tel:` link.

use leptos::prelude::*;
use velferd_frontend::kit::{PageHeading, PhoneLink};
use velferd_shared::staff::{CallbackRow, CallbackStatus};

use crate::{
    api::{self, ApiError},
    fields::TableRegion,
    i18n::*,
    screens::{LoadError, loaded},
    text::{callback_status_label, when, window_label},
};

#[component]
pub fn CallbacksPage() -> impl IntoView {
    let i18n = use_i18n();
    let version = RwSignal::new(0u32);
    let rows = LocalResource::new(move || {
        version.track();
        async move { api::callbacks("").await }
    });
    let failed = RwSignal::new(None::<ApiError>);
    view! {
        <PageHeading text=Signal::derive(move || t_string!(i18n, callbacks.title).to_string())/>
        {move || failed.get().map(|error| view! { <LoadError error/> })}
        {loaded(rows, move |rows| if rows.is_empty() {
            view! { <p>{t!(i18n, callbacks.empty)}</p> }.into_any()
        } else {
            view! { <CallbackTable rows version failed/> }.into_any()
        })}
    }
}

#[component]
fn CallbackTable(
    rows: Vec<CallbackRow>,
    version: RwSignal<u32>,
    failed: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <TableRegion caption_id="callbacks-caption">
            <table class="table">
                <caption id="callbacks-caption">{t!(i18n, callbacks.caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, inbox.reference)}</th>
                        <th scope="col">{t!(i18n, callbacks.phone)}</th>
                        <th scope="col">{t!(i18n, callbacks.language)}</th>
                        <th scope="col">{t!(i18n, callbacks.window)}</th>
                        <th scope="col">{t!(i18n, callbacks.topic)}</th>
                        <th scope="col">{t!(i18n, callbacks.attempts)}</th>
                        <th scope="col">{t!(i18n, inbox.status)}</th>
                        <th scope="col">{t!(i18n, callbacks.actions)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| view! { <CallbackLine row version failed/> }).collect_view()}
                </tbody>
            </table>
        </TableRegion>
    }
}

#[component]
fn CallbackLine(
    row: CallbackRow,
    version: RwSignal<u32>,
    failed: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let window = row.window;
    let status = row.status;
    let record = move |reference: String, status: CallbackStatus| {
        leptos::task::spawn_local(async move {
            match api::callback_event(&reference, status).await {
                Ok(()) => {
                    failed.set(None);
                    version.update(|v| *v += 1);
                }
                Err(error) => failed.set(Some(error)),
            }
        });
    };
    let (language, lang) = match (row.language, row.other_language.clone()) {
        (Some(language), _) => (language.native_name().to_owned(), Some(language.code())),
        (None, Some(other)) => (other, None),
        (None, None) => (String::new(), None),
    };
    let topic = row.service.map(|s| s.service().official_name);
    let actions = [
        CallbackStatus::Called,
        CallbackStatus::NoAnswer,
        CallbackStatus::Done,
    ];
    let reference = row.reference.clone();
    view! {
        <tr class:try-again=row.try_again>
            <th scope="row">
                {row.reference.clone()}
                {row.try_again.then(|| view! { <span class="tag">{t!(i18n, callbacks.try_again)}</span> })}
                <br/><span class="hint">{when(&row.requested_at)}</span>
            </th>
            <td><PhoneLink number=row.phone.clone()/></td>
            <td lang=lang>{language}</td>
            <td class="nowrap">{move || window_label(i18n.get_locale(), window)}</td>
            <td>
                {match topic {
                    Some(name) => view! { <span lang="is">{name}</span> }.into_any(),
                    None => view! { <span>{t!(i18n, callbacks.other_topic)}</span> }.into_any(),
                }}
                {row.message.clone().map(|m| view! { <p class="hint">{m}</p> })}
            </td>
            <td>{row.attempts}</td>
            <td>{move || callback_status_label(i18n.get_locale(), status)}</td>
            <td>
                <div class="row-actions">
                    {actions
                        .into_iter()
                        .map(|action| {
                            let reference = reference.clone();
                            view! {
                                <button type="button" class="button button-secondary button-small" on:click=move |_| record(reference.clone(), action)>
                                    {move || callback_status_label(i18n.get_locale(), action)}
                                    <span class="visually-hidden">" " {reference.clone()}</span>
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
            </td>
        </tr>
    }
}
