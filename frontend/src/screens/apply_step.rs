//! One page of an application, at `/apply/<service>/<step>`: the page's question is its `h1`
//! (or the legend of its choices); Back, Continue, an error summary and messages beside the
//! fields, all checked by the same `shared` validation the API runs.

use std::collections::BTreeMap;

use crate::router::{Redirect, use_navigate, use_params_map};
use leptos::prelude::*;
use velferd_shared::{
    ProblemCode, ServiceId,
    application::{Field, Form, Step},
};

use crate::language::use_i18n;
use crate::{
    application::{
        Applications, check_path, fields,
        fields::Control,
        flow::Flow,
        service_from_slug,
        text::{field_hint, field_label, step_hint, step_title},
    },
    components::{
        documents::DocumentList,
        error_summary::ErrorSummary,
        form::{Checkbox, Choices, Naming, TextField},
        page::PageHeading,
    },
    screens::{apply_check::CheckApplication, not_found::NotFound},
    text::problem_message,
};

#[component]
pub fn ApplyStepPage() -> impl IntoView {
    let params = use_params_map();
    move || {
        let (service, step) = params.with(|p| {
            (
                p.get("service").as_deref().and_then(service_from_slug),
                p.get("step"),
            )
        });
        let waiting = service.is_some_and(|s| Applications::get().queued(s).is_some());
        match (service, step.as_deref()) {
            (Some(service), Some("check")) => view! { <CheckApplication service/> }.into_any(),
            // Sent and waiting for the server: the answers can no longer change underneath it.
            (Some(service), Some(_)) if waiting => {
                view! { <Redirect path=check_path(service)/> }.into_any()
            }
            (Some(service), Some(slug)) => {
                match Step::from_slug(slug).filter(|s| s.belongs_to(Form::Application(service))) {
                    // A new form per page, so nothing typed on one page leaks into the next.
                    Some(step) => {
                        view! { <StepForm flow=Flow::Application(service) step/> }.into_any()
                    }
                    None => view! { <NotFound/> }.into_any(),
                }
            }
            _ => view! { <NotFound/> }.into_any(),
        }
    }
}

/// Each field's problem on this page (from the browser's check or the API's answer).
type Problems = BTreeMap<Field, ProblemCode>;

/// One page of a form: an application's or a partner's part.
#[component]
pub fn StepForm(flow: Flow, step: Step) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let draft = flow.draft();
    let own = step.fields();
    let service = flow.service();
    let partner = matches!(flow, Flow::Partner(_));

    let mut suggested = draft.clone();
    // The centre serving the postcode is chosen already; the resident confirms or changes it.
    suggested.centre = draft.centre.or_else(|| draft.centre_from_postcode());
    let texts: BTreeMap<Field, RwSignal<String>> = own
        .iter()
        .map(|f| {
            (
                *f,
                RwSignal::new(f.text(&draft).unwrap_or_default().to_owned()),
            )
        })
        .collect();
    let choices: BTreeMap<Field, RwSignal<Option<&'static str>>> = own
        .iter()
        .map(|f| (*f, RwSignal::new(f.chosen(&suggested))))
        .collect();
    let ticked = RwSignal::new(draft.consent);
    // What the API refused last time on this page is shown at once.
    let refused: Problems = flow
        .refused()
        .iter()
        .filter_map(|e| Some((Field::from_pointer(&e.pointer)?, e.problem())))
        .filter(|(f, _)| own.contains(f))
        .collect();
    let attempts = RwSignal::new(u32::from(!refused.is_empty()));
    let problems = RwSignal::new(refused);

    let submit = {
        let (texts, choices) = (texts.clone(), choices.clone());
        let flow = flow.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let mut candidate = flow.draft();
            for field in own {
                match fields::control(*field) {
                    Control::Input(..) => {
                        field.set_text(&mut candidate, texts[field].get_untracked());
                    }
                    Control::Choice => field.choose(&mut candidate, choices[field].get_untracked()),
                    Control::Tick => candidate.consent = ticked.get_untracked(),
                    Control::Read => candidate.documents_seen = true,
                }
            }
            let found: Problems = flow
                .form()
                .problems_on(step, &candidate)
                .into_iter()
                .map(|p| (p.field, p.code))
                .collect();
            if found.is_empty() {
                problems.set(Problems::new());
                // Confirmed for this month by continuing from it.
                candidate.to_confirm.retain(|s| *s != step);
                flow.save(candidate);
                flow.forgive(own);
                let next = flow.next_path();
                navigate(&next, Default::default());
            } else {
                // Everything typed stays in the fields, with the messages beside them.
                problems.set(found);
                attempts.update(|n| *n += 1);
            }
        }
    };

    let summary = Signal::derive(move || {
        let locale = i18n.get_locale();
        problems.with(|p| {
            p.iter()
                .map(|(field, code)| (field.name().to_owned(), problem_message(locale, *code)))
                .collect::<Vec<_>>()
        })
    });
    let error = move |field: Field| {
        Signal::derive(move || {
            problems.with(|p| {
                p.get(&field)
                    .map(|c| problem_message(i18n.get_locale(), *c))
            })
        })
    };
    let title = Signal::derive(move || step_title(i18n.get_locale(), step).to_owned());
    let hint = Signal::derive(move || step_hint(i18n.get_locale(), step));
    let back = flow.previous_path(step, &draft);
    // One question on the page: the h1 is its label (or the legend of its choices).
    let single =
        own.len() == 1 && !matches!(fields::control(own[0]), Control::Tick | Control::Read);
    let field_view = move |field: Field, naming: Naming, hint: Signal<Option<&'static str>>| {
        match fields::control(field) {
            Control::Choice => {
                let options = Signal::derive(move || fields::options(i18n.get_locale(), field));
                view! { <Choices id=field.name() naming options chosen=choices[&field] hint error=error(field)/> }
                    .into_any()
            }
            Control::Input(kind, autocomplete) => view! {
                <TextField id=field.name() naming kind autocomplete value=texts[&field] hint error=error(field)/>
            }
            .into_any(),
            Control::Tick => view! {
                <Checkbox
                    id=field.name()
                    label=Signal::derive(move || {
                        let locale = i18n.get_locale();
                        // The partner agrees to take part, rather than to apply.
                        if partner && field == Field::Consent {
                            td_text!(locale, partner.consent_label).to_owned()
                        } else {
                            field_label(locale, field).to_owned()
                        }
                    })
                    checked=ticked
                    error=error(field)
                />
            }
            .into_any(),
            Control::Read => ().into_any(),
        }
    };

    let body = if single {
        field_view(own[0], Naming::Heading(title), hint)
    } else {
        let intro = match step {
            Step::Consent if partner => view! {
                <p>{tr!(i18n, partner.consent_purpose)}</p>
                <p>{tr!(i18n, application.consent.who)}</p>
            }
            .into_any(),
            Step::Consent => view! {
                <p>{tr!(i18n, application.consent.purpose)}</p>
                <p>{tr!(i18n, application.consent.who)}</p>
            }
            .into_any(),
            Step::Documents => {
                let documents = service.service().documents;
                view! {
                    <p>{tr!(i18n, application.documents.intro)}</p>
                    <DocumentList documents/>
                    <Show when=move || service == ServiceId::FinancialAssistance>
                        <p class="notice">{tr!(i18n, notes.may_affect_residence_permit)}</p>
                    </Show>
                }
                .into_any()
            }
            _ => view! {
                <Show when=move || hint.get().is_some()>
                    <p class="hint">{move || hint.get().unwrap_or_default()}</p>
                </Show>
            }
            .into_any(),
        };
        let inputs = own
            .iter()
            .map(|field| {
                let field = *field;
                let label =
                    Signal::derive(move || field_label(i18n.get_locale(), field).to_owned());
                let own_hint = Signal::derive(move || field_hint(i18n.get_locale(), field));
                field_view(field, Naming::Label(label), own_hint)
            })
            .collect_view();
        view! {
            <PageHeading text=title/>
            {intro}
            {inputs}
        }
        .into_any()
    };

    // Next month's application: last month's answer is filled in, to be checked.
    let confirm_again = draft.to_confirm.contains(&step);
    view! {
        <p class="back"><a href=back>{tr!(i18n, screener.back)}</a></p>
        <ErrorSummary errors=summary attempts/>
        {confirm_again.then(|| view! { <p class="notice confirm-again">{tr!(i18n, application.confirm_again)}</p> })}
        <form novalidate on:submit=submit>
            {body}
            <button type="submit" class="button">{tr!(i18n, screener.continue_button)}</button>
        </form>
        <p class="saved-note">{tr!(i18n, screener.saved_note)}</p>
    }
}
