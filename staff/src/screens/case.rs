//! `/staff/cases/<reference>`: what the resident sent, laid out by part of the form; the
//! documents; the history; and the actions: take the case, an internal note, ask for more
//! information, and a decision that is confirmed before it is sent (it cannot be undone).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde_json::Value;
use velferd_frontend::kit::{
    PageHeading,
    form::{Choices, InputKind, Naming, RadioOption, TextField},
};
use velferd_shared::{
    Language, ServiceCentre, ServiceId,
    answers::{Employment, LivingSituation},
    application::TaxCredit,
    choice::Choice,
    follow::{Decision, Status},
    staff::{Assign, Assigned, Case, CaseEvent, CasePartner, NewCaseEvent},
    validation::Kronur,
};

use crate::{
    api::{self, ApiError},
    fields::{ErrorList, FormProblem, fields_at_fault, label, message_of, summary_of},
    i18n::*,
    screens::{LoadError, loaded},
    text::{decision_label, status_label, when},
};

#[component]
pub fn CasePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let reference = move || params.with(|p| p.get("reference")).unwrap_or_default();
    // Bumped after every change, to read the case again.
    let version = RwSignal::new(0u32);
    let case = LocalResource::new(move || {
        let reference = reference();
        version.track();
        async move { api::case(&reference).await }
    });
    let heading =
        Signal::derive(move || format!("{} {}", t_string!(i18n, case.title), reference()));
    view! {
        <PageHeading text=heading/>
        <p><a class="standalone-link" href="/staff">{t!(i18n, case.back)}</a></p>
        {loaded(case, move |case| view! { <CaseView case version/> })}
    }
}

#[component]
fn CaseView(case: Case, version: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let reference = case.reference.clone();
    let status = case.status;
    let taken = case.assignee.is_some();
    let assign_error = RwSignal::new(None::<ApiError>);
    let assign = {
        let reference = reference.clone();
        move |_| {
            let reference = reference.clone();
            leptos::task::spawn_local(async move {
                let to = if taken { None } else { Some(Assigned::Me) };
                match api::assign(&reference, Assign { to }).await {
                    Ok(()) => version.update(|v| *v += 1),
                    Err(error) => assign_error.set(Some(error)),
                }
            });
        }
    };
    let financial = case.service == ServiceId::FinancialAssistance;
    let decided = status == Status::Decided;
    view! {
        <section aria-labelledby="summary-title">
            <h2 id="summary-title">{t!(i18n, case.summary)}</h2>
            <dl class="summary-list">
                <div class="summary-row"><dt>{t!(i18n, inbox.service)}</dt><dd lang="is">{case.service.service().official_name}</dd></div>
                <div class="summary-row"><dt>{t!(i18n, inbox.centre)}</dt><dd lang="is">{case.centre.official_name()}</dd></div>
                <div class="summary-row"><dt>{t!(i18n, inbox.status)}</dt><dd>{move || status_label(i18n.get_locale(), status)}</dd></div>
                <div class="summary-row"><dt>{t!(i18n, inbox.submitted)}</dt><dd>{when(&case.submitted_at)}</dd></div>
                <div class="summary-row"><dt>{t!(i18n, case.language)}</dt><dd lang=case.language.code()>{case.language.native_name()}</dd></div>
                // Financial assistance month by month: the applications before and after this one.
                {case.previous.clone().map(|previous| view! {
                    <div class="summary-row">
                        <dt>{t!(i18n, case.previous_month)}</dt>
                        <dd><a href=format!("/staff/cases/{previous}")>{previous.clone()}</a></dd>
                    </div>
                })}
                {case.next.clone().map(|next| view! {
                    <div class="summary-row">
                        <dt>{t!(i18n, case.next_month)}</dt>
                        <dd><a href=format!("/staff/cases/{next}")>{next.clone()}</a></dd>
                    </div>
                })}
                <div class="summary-row">
                    <dt>{t!(i18n, inbox.assignee)}</dt>
                    <dd>{case.assignee.clone().unwrap_or_else(|| t_string!(i18n, inbox.nobody).to_string())}</dd>
                </div>
            </dl>
            <button type="button" class="button button-secondary" on:click=assign>
                {move || if taken { t_string!(i18n, case.give_back).to_string() } else { t_string!(i18n, case.take).to_string() }}
            </button>
            {move || assign_error.get().map(|error| view! { <LoadError error/> })}
        </section>
        <Answers application=case.application.clone()/>
        {case.partner.clone().map(|partner| view! { <PartnerPartView partner/> })}
        <Documents reference=reference.clone() documents=case.documents.clone()/>
        <History events=case.events.clone()/>
        <section aria-labelledby="actions-title">
            <h2 id="actions-title">{t!(i18n, case.actions)}</h2>
            <TextActionForm action=TextAction::Note reference=reference.clone() version/>
            {(!decided).then(|| view! {
                <TextActionForm action=TextAction::MoreInformation reference=reference.clone() version/>
                <DecisionForm reference=reference.clone() financial version/>
            })}
        </section>
    }
}

/// Which part of the form each answer belongs to; anything not listed (a newer form) goes to
/// the last part, so nothing the resident sent is hidden.
const PARTS: [(&str, &[&str]); 4] = [
    (
        "applicant",
        &[
            "service",
            "name",
            "kennitala",
            "address",
            "postcode",
            "centre",
        ],
    ),
    (
        "finances",
        &[
            "financial",
            "income",
            "income_source",
            "rent",
            "household_size",
        ],
    ),
    ("housing", &["housing", "wheelchair", "help_needed"]),
    ("contact", &["email", "phone", "contact_language"]),
];

fn part_title(locale: Locale, part: &str) -> &'static str {
    match part {
        "applicant" => td_string!(locale, case.applicant),
        "finances" => td_string!(locale, case.finances),
        "housing" => td_string!(locale, case.housing),
        _ => td_string!(locale, case.contact),
    }
}

/// A chosen option's label, for the answers that are one of a list (stored by their keys).
fn option_label(locale: Locale, field: &str, key: &str) -> Option<&'static str> {
    Some(match field {
        "housing" => match LivingSituation::from_key(key)? {
            LivingSituation::OwnHome => td_string!(locale, values.own_home),
            LivingSituation::RegisteredLease => td_string!(locale, values.registered_lease),
            LivingSituation::UnregisteredLease => td_string!(locale, values.unregistered_lease),
            LivingSituation::WithParents => td_string!(locale, values.with_parents),
            LivingSituation::WithOthers => td_string!(locale, values.with_others),
            LivingSituation::NoHome => td_string!(locale, values.no_home),
        },
        "employment" => match Employment::from_key(key)? {
            Employment::Working => td_string!(locale, values.working),
            Employment::Unemployed => td_string!(locale, values.unemployed),
            Employment::UnableToWork => td_string!(locale, values.unable_to_work),
            Employment::Retired => td_string!(locale, values.retired),
            Employment::Other => td_string!(locale, values.other),
        },
        "tax_credit" => match TaxCredit::from_key(key)? {
            TaxCredit::UsedElsewhere => td_string!(locale, values.used_elsewhere),
            TaxCredit::PartlyUsed => td_string!(locale, values.partly_used),
            TaxCredit::NotUsed => td_string!(locale, values.not_used),
        },
        _ => return None,
    })
}

fn answer_label(locale: Locale, key: &str) -> String {
    let label = match key {
        "name" => td_string!(locale, answers.name),
        "kennitala" => td_string!(locale, answers.kennitala),
        "address" => td_string!(locale, answers.address),
        "postcode" => td_string!(locale, answers.postcode),
        "centre" => td_string!(locale, answers.centre),
        "service" => td_string!(locale, answers.service),
        "previous_aid" => td_string!(locale, answers.previous_aid),
        "partner" => td_string!(locale, answers.partner),
        "confirmed" => td_string!(locale, answers.confirmed),
        "children" => td_string!(locale, answers.children),
        "student" => td_string!(locale, answers.student),
        "employment" => td_string!(locale, answers.employment),
        "tax_credit" => td_string!(locale, answers.tax_credit),
        "bank_account" => td_string!(locale, answers.bank_account),
        "income" => td_string!(locale, answers.income),
        "income_source" => td_string!(locale, answers.income_source),
        "rent" => td_string!(locale, answers.rent),
        "household_size" => td_string!(locale, answers.household_size),
        "housing" => td_string!(locale, answers.housing),
        "wheelchair" => td_string!(locale, answers.wheelchair),
        "help_needed" => td_string!(locale, answers.help_needed),
        "email" => td_string!(locale, answers.email),
        "phone" => td_string!(locale, answers.phone),
        "contact_language" => td_string!(locale, answers.contact_language),
        other => return other.replace('_', " "),
    };
    label.to_owned()
}

/// One line of the answers: its label path (`partner`, `kennitala`) and the value as text.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    keys: Vec<String>,
    value: String,
    /// The value's language when it is a name in Icelandic or a language's own name.
    lang: Option<&'static str>,
}

/// Flattens an answer into lines: objects become one line per field, lists one per item.
fn lines(keys: Vec<String>, value: &Value, yes_no: (&str, &str), out: &mut Vec<Line>) {
    let last = keys.last().map(String::as_str).unwrap_or_default();
    let (text, lang) = match value {
        Value::Null => return,
        Value::Bool(b) => ((if *b { yes_no.0 } else { yes_no.1 }).to_owned(), None),
        Value::Number(n) if matches!(last, "income" | "rent") => (
            n.as_u64()
                .map(|k| Kronur::new(k).to_string())
                .unwrap_or_else(|| n.to_string()),
            None,
        ),
        Value::Number(n) => (n.to_string(), None),
        Value::String(s) if last == "centre" => {
            match serde_json::from_value::<ServiceCentre>(value.clone()) {
                Ok(centre) => (centre.official_name().to_owned(), Some("is")),
                Err(_) => (s.clone(), None),
            }
        }
        Value::String(s) if last == "service" => {
            match serde_json::from_value::<ServiceId>(value.clone()) {
                Ok(id) => (id.service().official_name.to_owned(), Some("is")),
                Err(_) => (s.clone(), None),
            }
        }
        Value::String(s) if last == "contact_language" => match Language::from_tag(s) {
            Some(language) => (language.native_name().to_owned(), Some(language.code())),
            None => (s.clone(), None),
        },
        Value::String(s) => (s.clone(), None),
        Value::Array(items) => {
            for item in items {
                lines(keys.clone(), item, yes_no, out);
            }
            return;
        }
        Value::Object(fields) => {
            for (key, field) in fields {
                let mut keys = keys.clone();
                keys.push(key.clone());
                lines(keys, field, yes_no, out);
            }
            return;
        }
    };
    out.push(Line {
        keys,
        value: text,
        lang,
    });
}

/// The answers, part by part, each part's lines in the order the form asks them.
fn parts(application: &Value, yes_no: (&str, &str)) -> Vec<(&'static str, Vec<Line>)> {
    let empty = serde_json::Map::new();
    let fields = application.as_object().unwrap_or(&empty);
    let mut result: Vec<(&'static str, Vec<Line>)> = PARTS
        .iter()
        .map(|(part, keys)| {
            let mut out = Vec::new();
            for key in *keys {
                if let Some(value) = fields.get(*key) {
                    // The financial details are a group of their own answers, not one.
                    let path = if *key == "financial" {
                        vec![]
                    } else {
                        vec![(*key).to_owned()]
                    };
                    lines(path, value, yes_no, &mut out);
                }
            }
            (*part, out)
        })
        .collect();
    let listed: Vec<&str> = PARTS
        .iter()
        .flat_map(|(_, keys)| keys.iter().copied())
        .collect();
    for (key, value) in fields.iter().filter(|(k, _)| !listed.contains(&k.as_str())) {
        if let Some((_, out)) = result.last_mut() {
            lines(vec![key.clone()], value, yes_no, out);
        }
    }
    result.retain(|(_, lines)| !lines.is_empty());
    result
}

/// The partner's own part: awaited (with the reminders the applicant sent), or what they gave.
#[component]
fn PartnerPartView(partner: CasePartner) -> impl IntoView {
    let i18n = use_i18n();
    let row = move |label: fn(Locale) -> &'static str, value: String| {
        view! { <div class="summary-row"><dt>{move || label(i18n.get_locale())}</dt><dd>{value}</dd></div> }
    };
    let part = partner.part.clone();
    view! {
        <section aria-labelledby="partner-title">
            <h2 id="partner-title">{t!(i18n, case.partner_title)}</h2>
            <dl class="summary-list">
                {row(|l| td_string!(l, case.partner_invited), when(&partner.invited_at))}
                {row(|l| td_string!(l, case.partner_reminders), partner.reminders.to_string())}
                {match (&partner.answered_at, part) {
                    (Some(at), Some(part)) => {
                        let paid_to = part.bank_account.map(|a| a.to_string());
                        view! {
                            {row(|l| td_string!(l, case.partner_answered), when(at))}
                            {row(|l| td_string!(l, answers.income), part.income.to_string())}
                            {part.income_source.map(|source| row(|l| td_string!(l, answers.income_source), source))}
                            <div class="summary-row">
                                <dt>{t!(i18n, case.partner_paid_to)}</dt>
                                <dd>{move || paid_to.clone().unwrap_or_else(|| t_string!(i18n, case.partner_paid_applicant).to_string())}</dd>
                            </div>
                        }
                        .into_any()
                    }
                    _ => view! {
                        <div class="summary-row">
                            <dt>{t!(i18n, case.partner_answered)}</dt>
                            <dd><strong>{t!(i18n, case.partner_waiting)}</strong></dd>
                        </div>
                    }
                    .into_any(),
                }}
            </dl>
        </section>
    }
}

#[component]
fn Answers(application: Value) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="answers-title">
            <h2 id="answers-title">{t!(i18n, case.answers)}</h2>
            {move || {
                let locale = i18n.get_locale();
                let yes_no = (td_string!(locale, case.yes), td_string!(locale, case.no));
                parts(&application, yes_no)
                    .into_iter()
                    .map(|(part, lines)| view! {
                        <h3>{part_title(locale, part)}</h3>
                        <dl class="summary-list">
                            {lines
                                .into_iter()
                                .map(|line| {
                                    let label = line
                                        .keys
                                        .iter()
                                        .map(|k| answer_label(locale, k))
                                        .collect::<Vec<_>>()
                                        .join(" – ");
                                    let value = line
                                        .keys
                                        .last()
                                        .and_then(|k| option_label(locale, k, &line.value))
                                        .map(str::to_owned)
                                        .unwrap_or(line.value);
                                    view! { <div class="summary-row"><dt>{label}</dt><dd lang=line.lang>{value}</dd></div> }
                                })
                                .collect_view()}
                        </dl>
                    })
                    .collect_view()
            }}
        </section>
    }
}

#[component]
fn Documents(
    reference: String,
    documents: Vec<velferd_shared::staff::CaseDocument>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="documents-title">
            <h2 id="documents-title">{t!(i18n, case.documents)}</h2>
            {if documents.is_empty() {
                view! { <p>{t!(i18n, case.no_documents)}</p> }.into_any()
            } else {
                view! {
                    <ul class="documents">
                        {documents
                            .into_iter()
                            .enumerate()
                            .map(|(index, d)| {
                                let kind = d.kind.media_type().rsplit('/').next().unwrap_or_default().to_uppercase();
                                let size = format!("{} KB", d.size.div_ceil(1024));
                                view! {
                                    <li>
                                        <a href=api::document_url(&reference, d.id) download="">
                                            {move || format!("{} {} ({kind}, {size})", t_string!(i18n, case.document), index + 1)}
                                        </a>
                                        " · " {when(&d.received_at)}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

#[component]
fn History(events: Vec<CaseEvent>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="history-title">
            <h2 id="history-title">{t!(i18n, case.history)}</h2>
            <ol class="timeline">
                {events
                    .into_iter()
                    .map(|event| {
                        let status = event.status;
                        let decision = event.decision;
                        let by = event.by.clone();
                        view! {
                            <li>
                                <p class="timeline-head">
                                    <strong>
                                        {move || match status {
                                            Some(status) => status_label(i18n.get_locale(), status),
                                            None => td_string!(i18n.get_locale(), case.internal_note),
                                        }}
                                    </strong>
                                    " · " {when(&event.recorded_at)} " · "
                                    {move || by.clone().unwrap_or_else(|| t_string!(i18n, case.by_resident).to_string())}
                                </p>
                                {decision.map(|d| view! { <p>{move || decision_label(i18n.get_locale(), d)}</p> })}
                                {event.amount.map(|a| view! { <p>{a.to_string()}</p> })}
                                {event.message_to_resident.map(|m| view! {
                                    <p><span class="label">{t!(i18n, case.message)} ": "</span>{m}</p>
                                })}
                                {event.note.map(|n| view! {
                                    <p><span class="label">{t!(i18n, case.internal_note)} ": "</span>{n}</p>
                                })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}

/// What went wrong with one of the action forms, each beside its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ActionProblem {
    Missing(&'static str),
    /// The server refused the field (a newer rule than this build knows).
    Refused(&'static str),
    Unreachable(&'static str),
}

impl FormProblem for ActionProblem {
    fn field(self) -> &'static str {
        match self {
            ActionProblem::Missing(f)
            | ActionProblem::Refused(f)
            | ActionProblem::Unreachable(f) => f,
        }
    }

    fn message(self, locale: Locale) -> &'static str {
        match self {
            ActionProblem::Missing("note") => td_string!(locale, case.note_missing),
            ActionProblem::Missing("more_message") => td_string!(locale, case.more_missing),
            ActionProblem::Missing("decision") => td_string!(locale, case.decision_missing),
            ActionProblem::Missing("reasons") => td_string!(locale, case.reasons_missing),
            ActionProblem::Missing("amount") => td_string!(locale, case.amount_missing),
            ActionProblem::Unreachable(_) => td_string!(locale, unreachable),
            _ => td_string!(locale, check_field),
        }
    }
}

/// The state every action form shares: its problems, the attempt counter the error summary
/// listens to, and sending an event to the case.
#[derive(Clone, Copy)]
struct ActionForm {
    problems: RwSignal<Vec<ActionProblem>>,
    attempts: RwSignal<u32>,
    saved: RwSignal<bool>,
}

impl ActionForm {
    fn new() -> ActionForm {
        ActionForm {
            problems: RwSignal::new(Vec::new()),
            attempts: RwSignal::new(0),
            saved: RwSignal::new(false),
        }
    }

    fn fail(self, problems: Vec<ActionProblem>) {
        self.saved.set(false);
        self.problems.set(problems);
        self.attempts.update(|a| *a += 1);
    }

    /// `fields` maps the API's names to this form's field ids.
    fn send(
        self,
        reference: String,
        event: NewCaseEvent,
        fields: &'static [(&'static str, &'static str)],
        version: RwSignal<u32>,
        done: impl FnOnce() + 'static,
    ) {
        leptos::task::spawn_local(async move {
            match api::add_event(&reference, &event).await {
                Ok(()) => {
                    self.problems.set(Vec::new());
                    self.saved.set(true);
                    done();
                    version.update(|v| *v += 1);
                }
                Err(ApiError::Refused(problem)) => {
                    let names: Vec<&'static str> = fields.iter().map(|(api, _)| *api).collect();
                    let fallback = fields[0].0;
                    let found = fields_at_fault(&problem, &names, fallback)
                        .into_iter()
                        .filter_map(|api| {
                            fields
                                .iter()
                                .find(|(a, _)| *a == api)
                                .map(|(_, id)| ActionProblem::Refused(id))
                        })
                        .collect();
                    self.fail(found);
                }
                Err(_) => self.fail(vec![ActionProblem::Unreachable(fields[0].1)]),
            }
        });
    }

    fn summary(self) -> Signal<Vec<(String, &'static str)>> {
        summary_of(self.problems)
    }

    fn error(self, field: &'static str) -> Signal<Option<&'static str>> {
        message_of(self.problems, field)
    }
}

fn hint(text: fn(Locale) -> &'static str) -> Signal<Option<&'static str>> {
    let i18n = use_i18n();
    Signal::derive(move || Some(text(i18n.get_locale())))
}

#[component]
fn ErrorsOf(form: ActionForm) -> impl IntoView {
    view! {
        <ErrorList errors=form.summary() attempts=form.attempts/>
    }
}

#[component]
fn Saved(form: ActionForm) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="notice" role="status">{move || form.saved.get().then(|| t_string!(i18n, case.saved).to_string())}</p>
    }
}

/// The two actions that are one text: an internal note, and the message asking the resident
/// for more information.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TextAction {
    Note,
    MoreInformation,
}

impl TextAction {
    /// The field's id, which is also the key of its "missing" message.
    fn field(self) -> &'static str {
        match self {
            TextAction::Note => "note",
            TextAction::MoreInformation => "more_message",
        }
    }

    /// The field's name in the API's problem pointers.
    fn api_field(self) -> &'static [(&'static str, &'static str)] {
        match self {
            TextAction::Note => &[("note", "note")],
            TextAction::MoreInformation => &[("message_to_resident", "more_message")],
        }
    }

    fn event(self, text: String) -> NewCaseEvent {
        match self {
            TextAction::Note => NewCaseEvent {
                note: Some(text),
                ..Default::default()
            },
            TextAction::MoreInformation => NewCaseEvent {
                status: Some(Status::MoreInformationNeeded),
                message_to_resident: Some(text),
                ..Default::default()
            },
        }
    }

    /// Title, label, hint and button.
    fn texts(self, locale: Locale) -> [&'static str; 4] {
        match self {
            TextAction::Note => [
                td_string!(locale, case.note_title),
                td_string!(locale, case.internal_note),
                td_string!(locale, case.note_hint),
                td_string!(locale, case.save_note),
            ],
            TextAction::MoreInformation => [
                td_string!(locale, case.more_title),
                td_string!(locale, case.message),
                td_string!(locale, case.more_hint),
                td_string!(locale, case.send_more),
            ],
        }
    }
}

#[component]
fn TextActionForm(action: TextAction, reference: String, version: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let form = ActionForm::new();
    let text = RwSignal::new(String::new());
    let id = action.field();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = text.get_untracked().trim().to_owned();
        if typed.is_empty() {
            return form.fail(vec![ActionProblem::Missing(id)]);
        }
        form.send(
            reference.clone(),
            action.event(typed),
            action.api_field(),
            version,
            move || text.set(String::new()),
        );
    };
    let part = move |index: usize| Signal::derive(move || action.texts(i18n.get_locale())[index]);
    let (title_id, labelled_by) = (format!("{id}-title"), format!("{id}-title"));
    view! {
        <form class="action" novalidate on:submit=submit aria-labelledby=labelled_by>
            <h3 id=title_id>{part(0)}</h3>
            <ErrorsOf form/>
            <TextField
                id
                naming=Naming::Label(Signal::derive(move || part(1).get().to_owned()))
                kind=InputKind::LongText(2000)
                value=text
                hint=Signal::derive(move || Some(part(2).get()))
                error=form.error(id)
            />
            <button type="submit" class="button button-secondary">{part(3)}</button>
            <Saved form/>
        </form>
    }
}

/// What the decision form lacks; the amount only for financial assistance, and not for a refusal.
fn decision_problems(
    decision: Option<Decision>,
    reasons: &str,
    amount: &str,
    financial: bool,
) -> Vec<ActionProblem> {
    let mut problems = Vec::new();
    if decision.is_none() {
        problems.push(ActionProblem::Missing("decision"));
    }
    if reasons.trim().is_empty() {
        problems.push(ActionProblem::Missing("reasons"));
    }
    let needs_amount = financial && decision.is_some_and(|d| d != Decision::Refused);
    if needs_amount && Kronur::parse(amount).is_err() {
        problems.push(ActionProblem::Missing("amount"));
    }
    problems
}

#[component]
fn DecisionForm(reference: String, financial: bool, version: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let form = ActionForm::new();
    let chosen = RwSignal::new(None::<&'static str>);
    let reasons = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    // The decision waits here, checked, until the counsellor confirms it.
    let confirming = RwSignal::new(false);
    let confirm_heading = NodeRef::<leptos::html::H3>::new();
    let decision = move || chosen.get().and_then(Decision::parse);
    let review = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let problems = decision_problems(
            decision(),
            &reasons.get_untracked(),
            &amount.get_untracked(),
            financial,
        );
        if !problems.is_empty() {
            return form.fail(problems);
        }
        form.problems.set(Vec::new());
        confirming.set(true);
        request_animation_frame(move || {
            if let Some(h) = confirm_heading.get() {
                let _ = h.focus();
            }
        });
    };
    let confirm = move |_| {
        let Some(d) = decision() else { return };
        let with_amount = financial && d != Decision::Refused;
        let event = NewCaseEvent {
            status: Some(Status::Decided),
            decision: Some(d),
            message_to_resident: Some(reasons.get_untracked().trim().to_owned()),
            amount: with_amount.then(|| amount.get_untracked().trim().to_owned()),
            ..Default::default()
        };
        confirming.set(false);
        form.send(
            reference.clone(),
            event,
            &[
                ("decision", "decision"),
                ("message_to_resident", "reasons"),
                ("amount", "amount"),
            ],
            version,
            || {},
        );
    };
    let options = Signal::derive(move || {
        Decision::ALL
            .into_iter()
            .map(|d| RadioOption {
                value: d.as_str(),
                label: decision_label(i18n.get_locale(), d).to_owned(),
                lang: None,
            })
            .collect::<Vec<_>>()
    });
    let shows_amount = move || financial && decision() != Some(Decision::Refused);
    view! {
        <form class="action" novalidate on:submit=review aria-labelledby="decide-title">
            <h3 id="decide-title">{t!(i18n, case.decide_title)}</h3>
            <ErrorsOf form/>
            <Choices id="decision" naming=label(|l| td_string!(l, case.decision)) options chosen error=form.error("decision")/>
            <TextField id="reasons" naming=label(|l| td_string!(l, case.reasons)) kind=InputKind::LongText(4000) value=reasons hint=hint(|l| td_string!(l, case.reasons_hint)) error=form.error("reasons")/>
            <Show when=shows_amount>
                <TextField id="amount" naming=label(|l| td_string!(l, case.amount)) kind=InputKind::Number value=amount error=form.error("amount")/>
            </Show>
            <Show
                when=move || confirming.get()
                fallback=move || view! { <button type="submit" class="button">{t!(i18n, case.review_decision)}</button> }
            >
                <div class="confirm" role="group" aria-labelledby="confirm-title">
                    <h3 id="confirm-title" tabindex="-1" node_ref=confirm_heading>{t!(i18n, case.confirm_title)}</h3>
                    <p>
                        {move || decision().map(|d| decision_label(i18n.get_locale(), d))}
                        {move || shows_amount().then(|| format!(" · {}", Kronur::parse(&amount.get()).map(|k| k.to_string()).unwrap_or_default()))}
                    </p>
                    <p class="warning">{t!(i18n, case.confirm_text)}</p>
                    <button type="button" class="button button-warning" on:click=confirm.clone()>{t!(i18n, case.confirm)}</button>
                    " "
                    <button type="button" class="button button-secondary" on:click=move |_| confirming.set(false)>{t!(i18n, case.cancel)}</button>
                </div>
            </Show>
            <Saved form/>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_grouped_by_part_and_nothing_is_left_out() {
        let application = serde_json::json!({
            "service": "financial-assistance",
            "name": "Jón Jónsson",
            "centre": "vesturmidstod",
            "financial": {"previous_aid": false, "children": 2},
            "rent": 150000,
            "phone": "611 2345",
            "something_new": "x"
        });
        let parts = parts(&application, ("Já", "Nei"));
        let names: Vec<&str> = parts.iter().map(|(p, _)| *p).collect();
        assert_eq!(names, ["applicant", "finances", "contact"]);
        let finances = &parts[1].1;
        assert!(
            finances
                .iter()
                .any(|l| l.keys == ["previous_aid"] && l.value == "Nei")
        );
        assert!(
            finances
                .iter()
                .any(|l| l.keys == ["rent"] && l.value.contains("150"))
        );
        assert!(parts[2].1.iter().any(|l| l.keys == ["something_new"]));
    }

    #[test]
    fn a_refusal_needs_no_amount_but_reasons() {
        assert_eq!(
            decision_problems(Some(Decision::Refused), "", "", true),
            vec![ActionProblem::Missing("reasons")]
        );
        assert_eq!(
            decision_problems(Some(Decision::Granted), "ok", "", true),
            vec![ActionProblem::Missing("amount")]
        );
        assert!(decision_problems(Some(Decision::Granted), "ok", "150.000", true).is_empty());
        assert!(decision_problems(Some(Decision::Granted), "ok", "", false).is_empty());
    }
}
