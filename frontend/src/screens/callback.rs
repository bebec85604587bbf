//! `/call-me`: ask a counsellor to call — topic, language, phone number, a time window on a
//! weekday and an optional message — then `/call-me/<reference>`: the confirmation.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use velferd_shared::{
    Language, ServiceId,
    api::FieldError,
    catalogue::CATALOGUE,
    follow::{CallbackField, CallbackReceipt, CallbackRequest, TimeWindow, validate_callback},
};

use crate::{
    api::{self, SubmitError},
    application::{service_slug, text::problem_message},
    components::{error_summary::ErrorSummary, page::PageHeading},
    i18n::*,
    language::language_of,
    storage,
    text::service_name,
};

const RECEIPTS_KEY: &str = "velferd.callbacks";

fn window_label(locale: Locale, window: TimeWindow) -> &'static str {
    match window {
        TimeWindow::Morning => td_string!(locale, callback.window_morning),
        TimeWindow::Midday => td_string!(locale, callback.window_midday),
        TimeWindow::Afternoon => td_string!(locale, callback.window_afternoon),
    }
}

/// The input a problem's message points to.
fn field_id(field: CallbackField) -> &'static str {
    match field {
        // "Choose a language" is about the whole group: its first option.
        CallbackField::Language | CallbackField::OtherLanguage => "language",
        other => other.name(),
    }
}

fn field_of(error: &FieldError) -> Option<CallbackField> {
    [
        CallbackField::Language,
        CallbackField::OtherLanguage,
        CallbackField::Phone,
        CallbackField::Window,
        CallbackField::Postcode,
        CallbackField::Message,
    ]
    .into_iter()
    .find(|f| f.pointer() == error.pointer)
}

#[component]
pub fn CallbackPage() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let query = use_query_map();
    let preselected = query.with_untracked(|q| q.get("topic")).and_then(|slug| {
        CATALOGUE
            .iter()
            .map(|s| s.id)
            .find(|id| service_slug(*id) == slug)
    });
    let topic = RwSignal::new(preselected);
    // Index into `Language::ALL`, or `Language::ALL.len()` for another language.
    let language = RwSignal::new(None::<usize>);
    let other_language = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let window_choice = RwSignal::new(None::<usize>);
    let postcode = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    // One key for this request, whatever the number of tries.
    let key = StoredValue::new(api::new_idempotency_key());
    let problems = RwSignal::new(Vec::<(CallbackField, String)>::new());
    let attempts = RwSignal::new(0u32);
    let sending = RwSignal::new(false);
    let failed = RwSignal::new(false);

    let request = move || {
        let text = |s: RwSignal<String>| Some(s.get_untracked());
        let chosen = language.get_untracked();
        CallbackRequest {
            service: topic.get_untracked(),
            language: chosen.and_then(|i| Language::ALL.get(i).copied()),
            other_language: (chosen == Some(Language::ALL.len()))
                .then(|| other_language.get_untracked()),
            phone: text(phone),
            window: window_choice
                .get_untracked()
                .and_then(|i| TimeWindow::ALL.get(i).copied()),
            postcode: text(postcode),
            message: text(message),
            ui_language: language_of(i18n.get_locale_untracked()),
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let request = request();
        if let Err(found) = validate_callback(&request) {
            problems.set(
                found
                    .into_iter()
                    .map(|p| (p.field, p.code.to_owned()))
                    .collect(),
            );
            attempts.update(|n| *n += 1);
            return;
        }
        problems.set(Vec::new());
        failed.set(false);
        sending.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let result = api::request_callback(&key.get_value(), &request).await;
            sending.set(false);
            match result {
                Ok(receipt) => {
                    let mut kept: Vec<CallbackReceipt> =
                        storage::read(RECEIPTS_KEY).unwrap_or_default();
                    kept.push(receipt.clone());
                    storage::write(RECEIPTS_KEY, &kept);
                    navigate(
                        &format!("/call-me/{}", receipt.reference),
                        Default::default(),
                    );
                }
                Err(SubmitError::Refused(problem)) if !problem.errors.is_empty() => {
                    problems.set(
                        problem
                            .errors
                            .iter()
                            .filter_map(|e| Some((field_of(e)?, e.code.clone())))
                            .collect(),
                    );
                    attempts.update(|n| *n += 1);
                }
                // A refusal without a field to correct (a 409: this key went with other answers
                // whose reply was lost): say so, and send the next try as a new request.
                Err(SubmitError::Refused(_)) => {
                    key.set_value(api::new_idempotency_key());
                    failed.set(true);
                }
                Err(_) => failed.set(true),
            }
        });
    };

    let summary = Signal::derive(move || {
        let locale = i18n.get_locale();
        problems.with(|p| {
            p.iter()
                .map(|(f, code)| (field_id(*f).to_owned(), problem_message(locale, code)))
                .collect::<Vec<_>>()
        })
    });
    let problem_of = move |fields: &'static [CallbackField]| {
        move || {
            let locale = i18n.get_locale();
            problems.with(|p| {
                p.iter()
                    .find(|(f, _)| fields.contains(f))
                    .map(|(_, code)| problem_message(locale, code))
            })
        }
    };
    let title = Signal::derive(move || t_string!(i18n, callback.title).to_string());

    view! {
        <ErrorSummary errors=summary attempts/>
        <PageHeading text=title/>
        <p class="lead">{t!(i18n, callback.intro)}</p>
        <form novalidate on:submit=submit>
            <div class="field">
                <label class="field-label" for="topic">{t!(i18n, callback.topic)}</label>
                <select
                    id="topic"
                    name="topic"
                    class="select"
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        topic.set(CATALOGUE.iter().map(|s| s.id).find(|id| service_slug(*id) == value));
                    }
                >
                    {CATALOGUE
                        .iter()
                        .map(|s| {
                            let id: ServiceId = s.id;
                            view! {
                                <option value=service_slug(id) selected=move || topic.get() == Some(id)>
                                    {move || service_name(i18n.get_locale(), id)}
                                </option>
                            }
                        })
                        .collect_view()}
                    <option value="other" selected=move || topic.get().is_none()>
                        {t!(i18n, callback.topic_other)}
                    </option>
                </select>
            </div>
            <Choices
                legend=Signal::derive(move || t_string!(i18n, callback.language).to_string())
                name="language"
                labels=Signal::derive(move || {
                    let mut labels: Vec<(String, Option<&'static str>)> = Language::ALL
                        .iter()
                        .map(|l| (l.native_name().to_owned(), Some(l.code())))
                        .collect();
                    labels.push((t_string!(i18n, callback.language_other).to_string(), None));
                    labels
                })
                chosen=language
                problem=Signal::derive(problem_of(&[CallbackField::Language, CallbackField::OtherLanguage]))
            />
            <Show when=move || language.get() == Some(Language::ALL.len())>
                <div class="field">
                    <label class="field-label" for="other_language">{t!(i18n, callback.other_language)}</label>
                    <input class="text-input" type="text" id="other_language" name="other_language" maxlength="100"
                        prop:value=move || other_language.get()
                        on:input=move |ev| other_language.set(event_target_value(&ev))/>
                </div>
            </Show>
            <TextField id="phone" kind="tel" autocomplete="tel" value=phone
                label=Signal::derive(move || t_string!(i18n, callback.phone).to_string())
                hint=Signal::derive(move || Some(t_string!(i18n, callback.phone_hint).to_string()))
                problem=Signal::derive(problem_of(&[CallbackField::Phone]))/>
            <Choices
                legend=Signal::derive(move || t_string!(i18n, callback.window).to_string())
                name="window"
                labels=Signal::derive(move || {
                    TimeWindow::ALL
                        .iter()
                        .map(|w| (window_label(i18n.get_locale(), *w).to_owned(), None))
                        .collect()
                })
                chosen=window_choice
                problem=Signal::derive(problem_of(&[CallbackField::Window]))
            />
            <TextField id="postcode" kind="numeric" autocomplete="postal-code" value=postcode
                label=Signal::derive(move || t_string!(i18n, callback.postcode).to_string())
                hint=Signal::derive(move || Some(t_string!(i18n, callback.postcode_hint).to_string()))
                problem=Signal::derive(problem_of(&[CallbackField::Postcode]))/>
            <div class="field">
                <label class="field-label" for="message">{t!(i18n, callback.message)}</label>
                <p class="hint" id="message-hint">{t!(i18n, callback.message_hint)}</p>
                <Show when=move || problem_of(&[CallbackField::Message])().is_some()>
                    <p class="field-error" id="message-error">{move || problem_of(&[CallbackField::Message])().unwrap_or_default()}</p>
                </Show>
                <textarea class="text-area" id="message" name="message" rows="4"
                    maxlength=velferd_shared::follow::MAX_CALLBACK_MESSAGE.to_string()
                    aria-invalid=move || problem_of(&[CallbackField::Message])().is_some().then_some("true")
                    aria-describedby=move || if problem_of(&[CallbackField::Message])().is_some() { "message-hint message-error" } else { "message-hint" }
                    prop:value=move || message.get()
                    on:input=move |ev| message.set(event_target_value(&ev))></textarea>
            </div>
            <button type="submit" class="button" disabled=move || sending.get()>
                {move || if sending.get() {
                    td_string!(i18n.get_locale(), callback.sending)
                } else {
                    td_string!(i18n.get_locale(), callback.send)
                }}
            </button>
            <p role="status" class="send-status">
                {move || failed.get().then(|| td_string!(i18n.get_locale(), callback.failed))}
            </p>
        </form>
    }
}

#[component]
fn TextField(
    id: &'static str,
    kind: &'static str,
    autocomplete: &'static str,
    value: RwSignal<String>,
    label: Signal<String>,
    hint: Signal<Option<String>>,
    problem: Signal<Option<&'static str>>,
) -> impl IntoView {
    let described = move || {
        let mut ids = vec![format!("{id}-hint")];
        if problem.get().is_some() {
            ids.push(format!("{id}-error"));
        }
        ids.join(" ")
    };
    view! {
        <div class="field">
            <label class="field-label" for=id>{move || label.get()}</label>
            <p class="hint" id=format!("{id}-hint")>{move || hint.get().unwrap_or_default()}</p>
            <Show when=move || problem.get().is_some()>
                <p class="field-error" id=format!("{id}-error")>{move || problem.get().unwrap_or_default()}</p>
            </Show>
            <input
                class="text-input"
                class:text-input-error=move || problem.get().is_some()
                type=if kind == "tel" { "tel" } else { "text" }
                inputmode=kind
                dir="ltr"
                id=id
                name=id
                autocomplete=autocomplete
                aria-invalid=move || problem.get().is_some().then_some("true")
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}

#[component]
fn Choices(
    legend: Signal<String>,
    name: &'static str,
    /// Each option's label and, where it is in another language, its `lang`.
    labels: Signal<Vec<(String, Option<&'static str>)>>,
    chosen: RwSignal<Option<usize>>,
    problem: Signal<Option<&'static str>>,
) -> impl IntoView {
    let count = labels.with_untracked(Vec::len);
    view! {
        <fieldset class="question" aria-describedby=move || problem.get().map(|_| format!("{name}-error"))>
            <legend class="field-label">{move || legend.get()}</legend>
            <Show when=move || problem.get().is_some()>
                <p class="field-error" id=format!("{name}-error")>{move || problem.get().unwrap_or_default()}</p>
            </Show>
            <div class="radios">
                {(0..count)
                    .map(|index| {
                        let id = if index == 0 { name.to_owned() } else { format!("{name}-{index}") };
                        let lang = labels.with_untracked(|l| l[index].1);
                        view! {
                            <div class="radio">
                                <input type="radio" name=name id=id.clone() value=index.to_string()
                                    prop:checked=move || chosen.get() == Some(index)
                                    on:change=move |_| chosen.set(Some(index))/>
                                <label for=id lang=lang>{move || labels.with(|l| l.get(index).map(|x| x.0.clone()).unwrap_or_default())}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}

#[component]
pub fn CallbackSent() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let receipt = move || {
        let reference = params.with(|p| p.get("reference")).unwrap_or_default();
        storage::read::<Vec<CallbackReceipt>>(RECEIPTS_KEY)
            .unwrap_or_default()
            .into_iter()
            .find(|r| r.reference == reference)
    };
    let title = Signal::derive(move || t_string!(i18n, callback.sent_title).to_string());
    view! {
        <PageHeading text=title/>
        <p class="lead">{t!(i18n, callback.sent_text)}</p>
        {move || receipt().map(|r| view! {
            <div class="receipt-panel">
                <p>{t!(i18n, callback.reference)}</p>
                <p class="reference"><strong dir="ltr">{r.reference.clone()}</strong></p>
            </div>
            <dl class="summary-list">
                <div class="summary-row">
                    <dt>{t!(i18n, callback.window_label)}</dt>
                    <dd>{move || window_label(i18n.get_locale(), r.window)}</dd>
                </div>
                <div class="summary-row">
                    <dt>{t!(i18n, callback.centre_label)}</dt>
                    <dd lang="is">{r.centre.official_name()}</dd>
                </div>
            </dl>
        })}
    }
}
