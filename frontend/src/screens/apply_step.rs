//! One page of an application, at `/apply/<service>/<step>`: the page's question is its `h1`
//! (or the legend of its choices); Back, Continue, an error summary and messages beside the
//! fields, all checked by the same `shared` validation the API runs.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::{
    components::Redirect,
    hooks::{use_navigate, use_params_map},
};
use velferd_shared::{
    ServiceId,
    application::{self, ApplicationDraft, Field, Step},
};

use crate::{
    application::{
        Applications, check_path, fields,
        fields::Control,
        service_from_slug, start_path, step_path,
        text::{field_hint, field_label, problem_message, step_hint, step_title},
    },
    components::{documents::DocumentList, error_summary::ErrorSummary, page::PageHeading},
    i18n::*,
    screens::{apply_check::CheckApplication, not_found::NotFound},
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
            (Some(service), Some(slug)) => match Step::from_slug(slug).filter(|s| {
                application::steps_for(service, &ApplicationDraft::default()).contains(s)
                    || *s == Step::PartnerDetails
            }) {
                // A new form per page, so nothing typed on one page leaks into the next.
                Some(step) => view! { <StepForm service step/> }.into_any(),
                None => view! { <NotFound/> }.into_any(),
            },
            _ => view! { <NotFound/> }.into_any(),
        }
    }
}

/// The page before this one, for the Back link.
fn previous(service: ServiceId, step: Step, draft: &ApplicationDraft) -> String {
    application::steps_for(service, draft)
        .into_iter()
        .take_while(|s| *s != step)
        .last()
        .map(|s| step_path(service, s))
        .unwrap_or_else(|| start_path(service))
}

/// A field's problem, as its code (from the browser's check or the API's answer).
type Problems = BTreeMap<Field, String>;

#[component]
fn StepForm(service: ServiceId, step: Step) -> impl IntoView {
    let i18n = use_i18n();
    let apps = Applications::get();
    let navigate = use_navigate();
    let draft = apps.draft(service);
    let own = step.fields();

    let texts = RwSignal::new(
        own.iter()
            .map(|f| (*f, f.text(&draft).unwrap_or_default().to_owned()))
            .collect::<BTreeMap<_, _>>(),
    );
    let mut suggested = draft.clone();
    // The centre serving the postcode is chosen already; the resident confirms or changes it.
    suggested.centre = draft.centre.or_else(|| draft.centre_from_postcode());
    let choices = RwSignal::new(
        own.iter()
            .map(|f| (*f, fields::chosen(*f, &suggested)))
            .collect::<BTreeMap<_, _>>(),
    );
    let ticked = RwSignal::new(draft.consent);
    // What the API refused last time on this page is shown at once.
    let refused: Problems = apps.refused.with_untracked(|r| match r {
        Some((s, errors)) if *s == service => errors
            .iter()
            .filter_map(|e| Some((Field::from_pointer(&e.pointer)?, e.code.clone())))
            .filter(|(f, _)| own.contains(f))
            .collect(),
        _ => Problems::new(),
    });
    let attempts = RwSignal::new(u32::from(!refused.is_empty()));
    let problems = RwSignal::new(refused);

    let submit = {
        let navigate = navigate.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let mut candidate = apps.draft(service);
            for field in own {
                match fields::control(*field) {
                    Control::Text { .. } | Control::LongText => {
                        let typed = texts.with_untracked(|t| t.get(field).cloned());
                        field.set_text(&mut candidate, typed.unwrap_or_default());
                    }
                    Control::Choice(_) => {
                        let chosen = choices.with_untracked(|c| c.get(field).copied().flatten());
                        fields::choose(*field, &mut candidate, chosen);
                    }
                    Control::Tick => candidate.consent = ticked.get_untracked(),
                    Control::Read => candidate.documents_seen = true,
                }
            }
            let found: Problems = application::problems_on(step, service, &candidate)
                .into_iter()
                .map(|p| (p.field, p.code.to_owned()))
                .collect();
            if found.is_empty() {
                problems.set(Problems::new());
                apps.save(service, candidate);
                // Corrected here: the API's objection to these fields no longer stands.
                apps.refused.update(|r| {
                    if let Some((_, errors)) = r {
                        errors.retain(|e| {
                            Field::from_pointer(&e.pointer).is_none_or(|f| !own.contains(&f))
                        });
                    }
                });
                let next = apps.next_path(service);
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
                .map(|(field, code)| (field_id(*field), problem_message(locale, code)))
                .collect::<Vec<_>>()
        })
    });
    let title = Signal::derive(move || step_title(i18n.get_locale(), step).to_owned());
    let hint = move || step_hint(i18n.get_locale(), step);
    let back = previous(service, step, &draft);
    // One question on the page: the h1 is its label (or the legend of its choices).
    let single =
        own.len() == 1 && !matches!(fields::control(own[0]), Control::Tick | Control::Read);

    let body = if single {
        let field = own[0];
        match fields::control(field) {
            Control::Choice(count) => view! {
                <fieldset class="question" aria-describedby=move || described_by(field, hint().is_some(), has_problem(problems, field))>
                    <legend><PageHeading text=title/></legend>
                    <Hint field hint=Signal::derive(hint)/>
                    <Problem field problems/>
                    <Radios field count choices/>
                </fieldset>
            }
            .into_any(),
            _ => view! {
                <PageHeading text=title label_for=field.name()/>
                <Hint field hint=Signal::derive(hint)/>
                <Problem field problems/>
                <TextInput field texts problems has_hint=hint().is_some()/>
            }
            .into_any(),
        }
    } else {
        let intro = match step {
            Step::Consent => view! {
                <p>{t!(i18n, application.consent.purpose)}</p>
                <p>{t!(i18n, application.consent.who)}</p>
            }
            .into_any(),
            Step::Documents => {
                let documents = service.service().documents;
                view! {
                    <p>{t!(i18n, application.documents.intro)}</p>
                    <DocumentList documents/>
                    <Show when=move || service == ServiceId::FinancialAssistance>
                        <p class="notice">{t!(i18n, application.documents.residence_permit)}</p>
                    </Show>
                }
                .into_any()
            }
            _ => view! {
                <Show when=move || hint().is_some()>
                    <p class="hint">{move || hint().unwrap_or_default()}</p>
                </Show>
            }
            .into_any(),
        };
        let inputs = own
            .iter()
            .map(|field| {
                let field = *field;
                match fields::control(field) {
                    Control::Tick => view! {
                        <Problem field problems/>
                        <div class="checkbox">
                            <input
                                type="checkbox"
                                id=field_id(field)
                                name=field.name()
                                prop:checked=move || ticked.get()
                                on:change=move |ev| ticked.set(event_target_checked(&ev))
                                aria-describedby=move || has_problem(problems, field).then(|| format!("{}-error", field.name()))
                            />
                            <label for=field_id(field)>{move || field_label(i18n.get_locale(), field)}</label>
                        </div>
                    }
                    .into_any(),
                    Control::Read => ().into_any(),
                    _ => {
                        let field_hint = Signal::derive(move || field_hint(i18n.get_locale(), field));
                        view! {
                            <div class="field">
                                <label class="field-label" for=field_id(field)>
                                    {move || field_label(i18n.get_locale(), field)}
                                </label>
                                <Hint field hint=field_hint/>
                                <Problem field problems/>
                                <TextInput field texts problems has_hint=field_hint.get_untracked().is_some()/>
                            </div>
                        }
                        .into_any()
                    }
                }
            })
            .collect_view();
        view! {
            <PageHeading text=title/>
            {intro}
            {inputs}
        }
        .into_any()
    };

    view! {
        <p class="back"><a href=back>{t!(i18n, screener.back)}</a></p>
        <ErrorSummary errors=summary attempts/>
        <form novalidate on:submit=submit>
            {body}
            <button type="submit" class="button">{t!(i18n, screener.continue_button)}</button>
        </form>
        <p class="saved-note">{t!(i18n, screener.saved_note)}</p>
    }
}

/// The id of a field's input: its name in the draft, which the `h1`'s label also points to.
fn field_id(field: Field) -> String {
    field.name().to_owned()
}

fn has_problem(problems: RwSignal<Problems>, field: Field) -> bool {
    problems.with(|p| p.contains_key(&field))
}

/// The ids of the hint and the error message, whichever are shown.
fn described_by(field: Field, hint: bool, error: bool) -> Option<String> {
    let id = field_id(field);
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("{id}-hint"));
    }
    if error {
        ids.push(format!("{id}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

#[component]
fn Hint(field: Field, #[prop(into)] hint: Signal<Option<&'static str>>) -> impl IntoView {
    view! {
        <Show when=move || hint.get().is_some()>
            <p class="hint" id=format!("{}-hint", field_id(field))>{move || hint.get().unwrap_or_default()}</p>
        </Show>
    }
}

#[component]
fn Problem(field: Field, problems: RwSignal<Problems>) -> impl IntoView {
    let i18n = use_i18n();
    let message = move || {
        problems.with(|p| {
            p.get(&field)
                .map(|code| problem_message(i18n.get_locale(), code))
        })
    };
    view! {
        <Show when=move || message().is_some()>
            <p class="field-error" id=format!("{}-error", field_id(field))>{move || message().unwrap_or_default()}</p>
        </Show>
    }
}

#[component]
fn TextInput(
    field: Field,
    texts: RwSignal<BTreeMap<Field, String>>,
    problems: RwSignal<Problems>,
    has_hint: bool,
) -> impl IntoView {
    let value = move || texts.with(|t| t.get(&field).cloned().unwrap_or_default());
    let set = move |ev| {
        let typed = event_target_value(&ev);
        texts.update(|t| {
            t.insert(field, typed);
        });
    };
    let invalid = move || has_problem(problems, field);
    let described = move || described_by(field, has_hint, invalid());
    match fields::control(field) {
        Control::LongText => view! {
            <textarea
                class="text-area"
                class:text-input-error=invalid
                id=field_id(field)
                name=field.name()
                rows="6"
                maxlength=application::MAX_TEXT.to_string()
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=described
                prop:value=value
                on:input=set
            ></textarea>
        }
        .into_any(),
        Control::Text { inputmode, autocomplete } => view! {
            <input
                class="text-input"
                class:text-input-error=invalid
                type=if inputmode == "email" { "email" } else if inputmode == "tel" { "tel" } else { "text" }
                id=field_id(field)
                name=field.name()
                inputmode=inputmode
                autocomplete=autocomplete
                // Digits with spaces (a phone number, a kennitala) keep their order in Arabic.
                dir=(inputmode != "text").then_some("ltr")
                spellcheck="false"
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=described
                prop:value=value
                on:input=set
            />
        }
        .into_any(),
        _ => ().into_any(),
    }
}

#[component]
fn Radios(
    field: Field,
    count: usize,
    choices: RwSignal<BTreeMap<Field, Option<usize>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="radios">
            {(0..count)
                .map(|index| {
                    let id = if index == 0 { field_id(field) } else { format!("{}-{index}", field_id(field)) };
                    view! {
                        <div class="radio">
                            <input
                                type="radio"
                                name=field.name()
                                id=id.clone()
                                value=index.to_string()
                                prop:checked=move || choices.with(|c| c.get(&field).copied().flatten() == Some(index))
                                on:change=move |_| choices.update(|c| { c.insert(field, Some(index)); })
                            />
                            <label for=id lang=fields::option_lang(field, index)>
                                {move || fields::option(i18n.get_locale(), field, index)}
                            </label>
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}
