//! `/status/<token>`: the private link from the receipt. The application, its timeline, the
//! decision with its reasons and appeal rights, and sending a missing document.

use crate::router::{use_navigate, use_params_map};
use leptos::prelude::*;
use velferd_shared::{
    ServiceId,
    follow::{ApplicationStatus, Decision, Status},
    partner::PartnerProgress,
};

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::arriving::Arriving;
use crate::language::use_i18n;
use crate::{
    api::{self, StatusError, SubmitError},
    application::{Applications, service_slug},
    components::try_again::TryAgain,
    components::{page::PageHeading, phone::WithPhoneLinks, upload::DocumentUpload},
    i18n::*,
    language::language_of,
    storage,
    text::service_name,
};

pub fn status_label(locale: Locale, status: Status) -> &'static str {
    match status {
        Status::Received => td_text!(locale, follow.status.received),
        Status::InReview => td_text!(locale, follow.status.in_review),
        Status::MoreInformationNeeded => td_text!(locale, follow.status.more_information_needed),
        Status::DocumentReceived => td_text!(locale, follow.status.document_received),
        Status::Decided => td_text!(locale, follow.status.decided),
    }
}

fn decision_label(locale: Locale, decision: Decision) -> &'static str {
    match decision {
        Decision::Granted => td_text!(locale, follow.decision.granted),
        Decision::PartlyGranted => td_text!(locale, follow.decision.partly_granted),
        Decision::Refused => td_text!(locale, follow.decision.refused),
    }
}

/// `2026-11-24T10:15:00Z` → `2026-11-24`: dates only, the same in every language.
fn day(timestamp: &str) -> String {
    timestamp.get(..10).unwrap_or(timestamp).to_owned()
}

const SEEN_KEY: &str = "velferd.follow.seen";

/// The application as this device last saw it, shown when the server cannot be reached.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Seen {
    status: ApplicationStatus,
    /// When it was seen (ISO 8601, UTC).
    at: String,
}

fn last_seen(token: &str) -> Option<Seen> {
    storage::read::<BTreeMap<String, Seen>>(SEEN_KEY)?.remove(token)
}

fn remember(token: &str, status: &ApplicationStatus) {
    let mut seen: BTreeMap<String, Seen> = storage::read(SEEN_KEY).unwrap_or_default();
    let at = js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default();
    seen.insert(
        token.to_owned(),
        Seen {
            status: status.clone(),
            at,
        },
    );
    storage::write(SEEN_KEY, &seen);
}

#[component]
pub fn StatusPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token")).unwrap_or_default();
    let status = Arriving::new(move || {
        let token = token();
        async move {
            let result = api::application_status(&token).await;
            match &result {
                Ok(status) => remember(&token, status),
                Err(StatusError::Unreachable) => {
                    if let Some(seen) = last_seen(&token) {
                        return Err(Offline(seen));
                    }
                }
                Err(StatusError::NotFound) => {}
            }
            result.map_err(Online)
        }
    });
    // Once found, the upload form stays put while the timeline is read again, so its "arrived"
    // message is not lost with the re-render.
    let found = RwSignal::new(None::<velferd_shared::ServiceId>);
    Effect::new(move |_| {
        let service = match status.get() {
            Some(Ok(application)) => Some(application.service),
            Some(Err(Offline(seen))) => Some(seen.status.service),
            _ => None,
        };
        if service.is_some() && found.get_untracked().is_none() {
            found.set(service);
        }
    });
    // Read again on Try again, and after a document arrives (the timeline then shows it).
    let read_again = Callback::new(move |()| status.again());
    let title = Signal::derive(move || t_text!(i18n, follow.title).to_string());
    view! {
        <PageHeading text=title/>
        {move || match status.get() {
            None => view! { <p role="status">{tr!(i18n, follow.loading)}</p> }.into_any(),
            Some(Err(Offline(seen))) => view! {
                <div class="notice offline-notice">
                    <p>{tr!(i18n, offline.status_offline)}</p>
                    <p>
                        {tr!(i18n, offline.status_seen)} " "
                        <time datetime=seen.at.clone()>{day(&seen.at)}</time>
                    </p>
                </div>
                <p>
                    <button type="button" class="button button-secondary" on:click=move |_| read_again.run(())>
                        {tr!(i18n, follow.try_again)}
                    </button>
                </p>
                <Details application=seen.status/>
            }
            .into_any(),
            Some(Err(Online(StatusError::NotFound))) => view! { <p class="notice"><WithPhoneLinks text=Signal::derive(move || t_text!(i18n, follow.not_found).to_string())/></p> }.into_any(),
            Some(Err(Online(StatusError::Unreachable))) => view! { <Unreachable retry=read_again/> }.into_any(),
            Some(Ok(application)) => {
                let partner = application.partner.clone();
                view! {
                    <Details application/>
                    {partner.map(|progress| view! { <PartnerProgressView token=token() progress/> })}
                }
                .into_any()
            }
        }}
        {move || match status.get() {
            Some(Ok(application)) => next_month(&token(), &application).map(|start| {
                let navigate = use_navigate();
                view! {
                    <p>
                        <button type="button" class="button" on:click=move |_| navigate(&start(), Default::default())>
                            {tr!(i18n, follow.next_month)}
                        </button>
                    </p>
                }
            }),
            _ => None,
        }}
        {move || found.get().map(|service| view! {
            <DocumentUpload token=token() on_sent=move || read_again.run(())/>
            <p>
                <a class="button button-secondary" href=format!("/call-me?topic={}", service_slug(service))>
                    {tr!(i18n, follow.call_me)}
                </a>
            </p>
        })}
    }
}

/// Why the status is not shown fresh from the server.
#[derive(Debug, Clone, PartialEq)]
enum NotFresh {
    /// Unreachable, with the copy this device saw last.
    Offline(Seen),
    Online(StatusError),
}
use NotFresh::{Offline, Online};

/// Financial assistance is applied for a month at a time: once this month's is decided, the
/// next one starts from its answers (when this device sent them).
fn next_month(
    token: &str,
    application: &ApplicationStatus,
) -> Option<impl Fn() -> String + Clone + use<>> {
    let service = application.service;
    if service != ServiceId::FinancialAssistance || application.decision().is_none() {
        return None;
    }
    let apps = Applications::get();
    let (reference, draft) = apps.sent_draft(token)?;
    Some(move || apps.start_next_month(service, &reference, &draft))
}

/// What a reminder to the partner came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reminder {
    Sending,
    Sent,
    TooSoon,
    NoMore,
    Unreachable,
}

/// Whether the partner's own part has come, and sending the invitation again.
#[component]
fn PartnerProgressView(token: String, progress: PartnerProgress) -> impl IntoView {
    let i18n = use_i18n();
    let answered = progress.answered_at.clone();
    let reminder = RwSignal::new(match (&answered, &progress.reminder_from) {
        (None, None) => Some(Reminder::NoMore),
        _ => None,
    });
    let remind = move |_| {
        if reminder.get_untracked() == Some(Reminder::Sending) {
            return;
        }
        reminder.set(Some(Reminder::Sending));
        let token = token.clone();
        leptos::task::spawn_local(async move {
            let outcome = match api::send_partner_reminder(&token).await {
                Ok(_) => Reminder::Sent,
                Err(SubmitError::RateLimited(_)) => Reminder::TooSoon,
                Err(SubmitError::Refused(_)) => Reminder::NoMore,
                Err(_) => Reminder::Unreachable,
            };
            reminder.set(Some(outcome));
        });
    };
    let phone_text = move |key: fn(Locale) -> &'static str| {
        view! { <WithPhoneLinks text=Signal::derive(move || key(i18n.get_locale()).to_string())/> }
    };
    view! {
        <section class="partner-progress" aria-labelledby="partner-title">
            <h2 id="partner-title">{tr!(i18n, follow.partner_title)}</h2>
            {match answered {
                Some(at) => view! {
                    <p>
                        {tr!(i18n, follow.partner_received)} " "
                        <time datetime=at.clone()>{day(&at)}</time>
                    </p>
                }
                .into_any(),
                None => view! {
                    <p class="notice">{tr!(i18n, follow.partner_waiting)}</p>
                    <Show when=move || reminder.get() != Some(Reminder::NoMore)>
                        <p>
                            <button type="button" class="button button-secondary" on:click=remind.clone()
                                disabled=move || reminder.get() == Some(Reminder::Sending)>
                                {tr!(i18n, follow.partner_remind)}
                            </button>
                        </p>
                    </Show>
                    <div role="status" aria-live="polite">
                        {move || match reminder.get() {
                            None | Some(Reminder::Sending) => ().into_any(),
                            Some(Reminder::Sent) => view! { <p>{tr!(i18n, follow.partner_reminded)}</p> }.into_any(),
                            Some(Reminder::TooSoon) => view! { <p class="notice">{tr!(i18n, follow.partner_too_soon)}</p> }.into_any(),
                            Some(Reminder::NoMore) => view! {
                                <p class="notice">{phone_text(|l| td_text!(l, follow.partner_no_more))}</p>
                            }
                            .into_any(),
                            Some(Reminder::Unreachable) => view! { <p class="notice">{tr!(i18n, follow.unreachable)}</p> }.into_any(),
                        }}
                    </div>
                }
                .into_any(),
            }}
        </section>
    }
}

/// The server did not answer a private link: say so, and Try again (runs `retry`).
#[component]
pub fn Unreachable(retry: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <TryAgain retry>
            <p class="notice">{tr!(i18n, follow.unreachable)}</p>
        </TryAgain>
    }
}

/// The reference and the service (with its official Icelandic name), as rows of a summary list:
/// what the applicant and the partner both see of an application.
#[component]
pub fn ReferenceRows(reference: String, service: ServiceId) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="summary-row">
            <dt>{tr!(i18n, follow.reference)}</dt>
            <dd><strong dir="ltr" class="reference-inline">{reference}</strong></dd>
        </div>
        <div class="summary-row">
            <dt>{tr!(i18n, follow.service)}</dt>
            <dd>
                {move || service_name(i18n.get_locale(), service)} " "
                "(" <span lang="is">{service.service().official_name}</span> ")"
            </dd>
        </div>
    }
}

#[component]
fn Details(application: ApplicationStatus) -> impl IntoView {
    let i18n = use_i18n();
    let service = application.service;
    let decision = application.decision().cloned();
    let events = application.events.clone();
    let documents = application.documents.clone();
    view! {
        <dl class="summary-list">
            <ReferenceRows reference=application.reference.clone() service/>
            <div class="summary-row">
                <dt>{tr!(i18n, follow.centre)}</dt>
                <dd lang="is">{application.centre.official_name()}</dd>
            </div>
            <div class="summary-row">
                <dt>{tr!(i18n, follow.submitted)}</dt>
                <dd><time datetime=application.submitted_at.clone()>{day(&application.submitted_at)}</time></dd>
            </div>
        </dl>
        {decision.map(|event| view! {
            <section class="decision" aria-labelledby="decision-title">
                <h2 id="decision-title">{tr!(i18n, follow.decision_title)}</h2>
                <p class="decision-outcome">
                    <strong>{move || event.decision.map(|d| decision_label(i18n.get_locale(), d)).unwrap_or_default()}</strong>
                </p>
                {event.amount.map(|amount| view! {
                    <h3>{tr!(i18n, follow.amount_per_month)}</h3>
                    <p class="decision-amount" dir="ltr">{move || amount.in_language(language_of(i18n.get_locale()))}</p>
                })}
                {event.note.clone().map(|note| view! {
                    <h3>{tr!(i18n, follow.reasons)}</h3>
                    <p class="counsellor-note" dir="auto">{note}</p>
                })}
                <h3>{tr!(i18n, application.receipt.appeal_title)}</h3>
                <p>{tr!(i18n, application.receipt.appeal_text)}</p>
            </section>
        })}
        <h2>{tr!(i18n, follow.timeline_title)}</h2>
        <ol class="timeline">
            {events
                .into_iter()
                .rev()
                .map(|event| {
                    let status = event.status;
                    view! {
                        <li>
                            <time datetime=event.recorded_at.clone()>{day(&event.recorded_at)}</time>
                            " "
                            <strong>{move || status_label(i18n.get_locale(), status)}</strong>
                            {event.note.clone().filter(|_| event.decision.is_none()).map(|note| view! {
                                <p class="counsellor-note" dir="auto">{note}</p>
                            })}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
        <Show when={
            let empty = documents.is_empty();
            move || !empty
        }>
            <h2>{tr!(i18n, follow.documents_title)}</h2>
            <ul class="documents">
                {documents
                    .iter()
                    .map(|d| view! {
                        <li>
                            <span dir="ltr">{d.kind.media_type()} ", " {format!("{:.1} MB", d.size as f64 / 1_048_576.0)}</span>
                            " – " <time datetime=d.received_at.clone()>{day(&d.received_at)}</time>
                        </li>
                    })
                    .collect_view()}
            </ul>
        </Show>
    }
}
