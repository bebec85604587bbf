//! `/call-me`: ask a counsellor to call — topic, language, phone number, a time window on a
//! weekday and an optional message — then `/call-me/<reference>`: the confirmation.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use velferd_shared::{
    Language, ProblemCode, ServiceId,
    api::FieldError,
    catalogue::CATALOGUE,
    choice::Choice,
    follow::{CallbackField, CallbackReceipt, CallbackRequest, TimeWindow, validate_callback},
};

use crate::{
    api::{self, SubmitError},
    application::service_slug,
    components::{
        error_summary::ErrorSummary,
        form::{Choices, InputKind, Naming, RadioOption, TextField},
        page::PageHeading,
        phone::WithPhoneLinks,
    },
    i18n::*,
    language::language_of,
    storage,
    text::{OptionText, problem_message, radio_options, service_name},
};

const RECEIPTS_KEY: &str = "velferd.callbacks";

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

/// The language option for a language not in the list, named in a field of its own.
const OTHER_LANGUAGE: &str = "other";

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
    let language = RwSignal::new(None::<&'static str>);
    let other_language = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let window_choice = RwSignal::new(None::<&'static str>);
    let postcode = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    // One key for this request, whatever the number of tries.
    let key = StoredValue::new(api::new_idempotency_key());
    let problems = RwSignal::new(Vec::<(CallbackField, ProblemCode)>::new());
    let attempts = RwSignal::new(0u32);
    let sending = RwSignal::new(false);
    let failed = RwSignal::new(false);

    let request = move || {
        let text = |s: RwSignal<String>| Some(s.get_untracked());
        let chosen = language.get_untracked();
        CallbackRequest {
            service: topic.get_untracked(),
            language: chosen.and_then(Language::from_key),
            other_language: (chosen == Some(OTHER_LANGUAGE))
                .then(|| other_language.get_untracked()),
            phone: text(phone),
            window: window_choice.get_untracked().and_then(TimeWindow::from_key),
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
            problems.set(found.into_iter().map(|p| (p.field, p.code)).collect());
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
                            .filter_map(|e| Some((field_of(e)?, e.problem())))
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
                .map(|(f, code)| (field_id(*f).to_owned(), problem_message(locale, *code)))
                .collect::<Vec<_>>()
        })
    });
    let problem_of = move |fields: &'static [CallbackField]| {
        Signal::derive(move || {
            let locale = i18n.get_locale();
            problems.with(|p| {
                p.iter()
                    .find(|(f, _)| fields.contains(f))
                    .map(|(_, code)| problem_message(locale, *code))
            })
        })
    };
    let label = move |text: fn(Locale) -> &'static str| {
        Naming::Label(Signal::derive(move || text(i18n.get_locale()).to_owned()))
    };
    let hint = move |text: fn(Locale) -> &'static str| {
        Signal::derive(move || Some(text(i18n.get_locale())))
    };
    let languages = Signal::derive(move || {
        let locale = i18n.get_locale();
        let mut options = radio_options(locale, Language::OPTIONS);
        options.push(RadioOption {
            value: OTHER_LANGUAGE,
            label: td_string!(locale, callback.language_other).to_owned(),
            lang: None,
        });
        options
    });
    let windows = Signal::derive(move || radio_options(i18n.get_locale(), TimeWindow::OPTIONS));
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
                id="language"
                naming=label(|l| td_string!(l, callback.language))
                options=languages
                chosen=language
                error=problem_of(&[CallbackField::Language, CallbackField::OtherLanguage])
            />
            <Show when=move || language.get() == Some(OTHER_LANGUAGE)>
                <TextField id="other_language" naming=label(|l| td_string!(l, callback.other_language))
                    kind=InputKind::Text value=other_language error=Signal::derive(|| None)/>
            </Show>
            <TextField id="phone" naming=label(|l| td_string!(l, callback.phone)) kind=InputKind::Phone
                autocomplete="tel" value=phone hint=hint(|l| td_string!(l, callback.phone_hint))
                error=problem_of(&[CallbackField::Phone])/>
            <Choices
                id="window"
                naming=label(|l| td_string!(l, callback.window))
                options=windows
                chosen=window_choice
                error=problem_of(&[CallbackField::Window])
            />
            <TextField id="postcode" naming=label(|l| td_string!(l, callback.postcode)) kind=InputKind::Number
                autocomplete="postal-code" value=postcode hint=hint(|l| td_string!(l, callback.postcode_hint))
                error=problem_of(&[CallbackField::Postcode])/>
            <TextField id="message" naming=label(|l| td_string!(l, callback.message))
                kind=InputKind::LongText(velferd_shared::follow::MAX_CALLBACK_MESSAGE)
                value=message hint=hint(|l| td_string!(l, callback.message_hint))
                error=problem_of(&[CallbackField::Message])/>
            <button type="submit" class="button" disabled=move || sending.get()>
                {move || if sending.get() {
                    td_string!(i18n.get_locale(), callback.sending)
                } else {
                    td_string!(i18n.get_locale(), callback.send)
                }}
            </button>
            <p role="status" class="send-status">
                <Show when=move || failed.get()>
                    <WithPhoneLinks text=Signal::derive(move || td_string!(i18n.get_locale(), callback.failed).to_string())/>
                </Show>
            </p>
        </form>
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
                    <dd>{move || r.window.label(i18n.get_locale())}</dd>
                </div>
                <div class="summary-row">
                    <dt>{t!(i18n, callback.centre_label)}</dt>
                    <dd lang="is">{r.centre.official_name()}</dd>
                </div>
            </dl>
        })}
    }
}
