//! "Check your application" and Send: every answer with a Change link, then the submission,
//! which waits in the outbox on the device until the API acknowledges it.

use crate::router::use_navigate;
use leptos::prelude::*;
use velferd_shared::{
    ProblemCode, ServiceId,
    api::ApplicationRequest,
    application::{self, ApplicationDraft, Field, Step},
};

use crate::language::use_i18n;
use crate::{
    application::{
        Applications, Waiting, fields, fields::Control, flow::Flow, receipt_path, text::field_label,
    },
    components::{
        error_summary::ErrorSummary, form::chosen_label, page::PageHeading, phone::WithPhoneLinks,
    },
    i18n::*,
    language::language_of,
    text::{problem_message, service_name},
};

#[component]
pub fn CheckApplication(service: ServiceId) -> impl IntoView {
    let i18n = use_i18n();
    let apps = Applications::get();
    let navigate = use_navigate();
    let draft = move || {
        apps.drafts
            .with(|d| d.get(&service).cloned())
            .unwrap_or_else(|| apps.draft(service))
    };

    // Next month's application: what differs from last month is marked.
    let previous = apps.previous_month(service);
    let flow = Flow::Application(service);
    let rows =
        Signal::derive(move || answer_rows(i18n.get_locale(), &flow, &draft(), previous.as_ref()));
    let editable = Signal::derive(move || apps.queued(service).is_none());

    // The submission this page is waiting for: its receipt opens the receipt page.
    let pending = RwSignal::new(apps.queued(service).map(|q| q.key));
    Effect::new(move |_| {
        if let Some(key) = pending.get()
            && let Some(receipt) = apps.receipt_for_key(&key)
        {
            navigate(&receipt_path(&receipt.reference), Default::default());
        }
    });

    // What the browser or the API found wrong, each with a link to its page.
    let attempts = RwSignal::new(0u32);
    let local_problems = RwSignal::new(Vec::<(Field, ProblemCode)>::new());
    let problems = move || {
        let mut all = local_problems.get();
        apps.refused.with(|r| {
            if let Some((s, errors)) = r
                && *s == service
            {
                all.extend(
                    errors
                        .iter()
                        .filter_map(|e| Some((Field::from_pointer(&e.pointer)?, e.problem()))),
                );
            }
        });
        all
    };
    let summary = Signal::derive(move || {
        let locale = i18n.get_locale();
        problems()
            .into_iter()
            .map(|(field, code)| (field_anchor(field), problem_message(locale, code)))
            .collect::<Vec<_>>()
    });
    Effect::new(move |_| {
        if apps
            .refused
            .with(|r| r.as_ref().is_some_and(|(s, _)| *s == service))
        {
            attempts.update(|n| *n += 1);
        }
    });

    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = draft();
        match application::validate(service, &draft) {
            Err(found) => {
                local_problems.set(found.into_iter().map(|p| (p.field, p.code)).collect());
                attempts.update(|n| *n += 1);
            }
            Ok(_) => {
                local_problems.set(Vec::new());
                apps.send(ApplicationRequest {
                    service,
                    language: language_of(i18n.get_locale_untracked()),
                    draft,
                });
                pending.set(apps.queued(service).map(|q| q.key));
            }
        }
    };
    let waiting = move || pending.get().and(apps.waiting.get());

    view! {
        <ErrorSummary errors=summary attempts/>
        <PageHeading text=Signal::derive(move || t_text!(i18n, application.check_title).to_string())/>
        <p class="lead">
            {move || service_name(i18n.get_locale(), service)} " "
            "(" <span lang="is">{service.service().official_name}</span> ")"
        </p>
        <p>{tr!(i18n, application.check_intro)}</p>
        <p class="hint">{tr!(i18n, application.draft_expiry)}</p>
        <Show when=move || apps.refused.with(|r| r.as_ref().is_some_and(|(s, _)| *s == service))>
            <p class="notice">{tr!(i18n, application.rejected)}</p>
        </Show>
        <AnswerList rows editable/>
        <form novalidate on:submit=send>
            <button type="submit" class="button" disabled=move || waiting() == Some(Waiting::Sending)>
                {tr!(i18n, application.send)}
            </button>
        </form>
        <div role="status" aria-live="polite" class="send-status">
            {move || match waiting() {
                None => ().into_any(),
                Some(Waiting::Sending) => view! { <p>{tr!(i18n, application.sending)}</p> }.into_any(),
                Some(Waiting::RateLimited) => view! { <p class="notice">{tr!(i18n, application.rate_limited)}</p> }.into_any(),
                Some(state) => view! {
                    <div class="notice queued">
                        <h2>{tr!(i18n, application.queued_title)}</h2>
                        <p>
                            <WithPhoneLinks text=Signal::derive(move || if state == Waiting::Failed {
                                td_text!(i18n.get_locale(), application.failed).to_string()
                            } else {
                                td_text!(i18n.get_locale(), application.queued_text).to_string()
                            })/>
                        </p>
                        <button type="button" class="button button-secondary" on:click=move |_| apps.retry_now()>
                            {tr!(i18n, application.retry_now)}
                        </button>
                    </div>
                }
                .into_any(),
            }}
        </div>
    }
}

/// One answer on a check page, with the page where it is changed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AnswerRow {
    pub field: Field,
    pub label: String,
    pub answer: String,
    pub change: String,
}

/// Every answer of `flow`'s form as the check page lists it; with `previous` (last month's),
/// what differs is marked.
pub fn answer_rows(
    locale: Locale,
    flow: &Flow,
    draft: &ApplicationDraft,
    previous: Option<&ApplicationDraft>,
) -> Vec<AnswerRow> {
    let answer_in = move |draft: &ApplicationDraft, field: Field| {
        let answer = match fields::control(field) {
            Control::Choice => field
                .chosen(draft)
                .and_then(|key| chosen_label(fields::options(locale, field), key)),
            _ => field
                .text(draft)
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned),
        };
        answer.unwrap_or_else(|| td_text!(locale, application.not_given).to_owned())
    };
    flow.form()
        .steps(draft)
        .into_iter()
        .filter(|s| !matches!(s, Step::Consent | Step::Documents))
        .flat_map(|step| step.fields().iter().map(move |f| (step, *f)))
        .map(|(step, field)| {
            let answer = answer_in(draft, field);
            let changed = previous.is_some_and(|before| answer_in(before, field) != answer);
            let answer = if changed {
                format!("{answer} ({})", td_text!(locale, application.changed))
            } else {
                answer
            };
            AnswerRow {
                field,
                label: field_label(locale, field).to_owned(),
                answer,
                change: flow.step_path(step),
            }
        })
        .collect()
}

/// The answers with their Change links; once sent, the answers are fixed (`editable` false).
#[component]
pub fn AnswerList(rows: Signal<Vec<AnswerRow>>, editable: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <dl class="summary-list">
            <For each=move || rows.get() key=|row| row.clone() let(row)>
                <div class="summary-row">
                    <dt>{row.label.clone()}</dt>
                    <dd class="summary-answer" dir="auto">{row.answer.clone()}</dd>
                    <Show when=move || editable.get()>
                        <dd class="summary-change">
                            <a id=field_anchor(row.field) href=row.change.clone()>
                                {tr!(i18n, screener.change)}
                                <span class="visually-hidden">": " {row.label.clone()}</span>
                            </a>
                        </dd>
                    </Show>
                </div>
            </For>
        </dl>
    }
}

/// The Change link of a field, where the error summary's links lead.
pub fn field_anchor(field: Field) -> String {
    format!("answer-{}", field.name().replace('_', "-"))
}
