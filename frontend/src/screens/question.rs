//! One question per page, at `/check/q/<question>`: the question is the page's `h1` (or the
//! legend of its choices), with Back, Continue and "I don't know".

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use velferd_shared::answers::Question;

use crate::{
    components::{error_summary::ErrorSummary, page::PageHeading},
    i18n::*,
    screener::{
        Screener,
        questions::{self, Input, InputError},
    },
    screens::not_found::NotFound,
    text::{input_error, option_label, question_hint, question_title},
};

const FIELD: &str = "answer";

#[component]
pub fn QuestionPage() -> impl IntoView {
    let params = use_params_map();
    // A new form per question, so nothing typed for one question leaks into the next.
    move || match params
        .with(|p| p.get("question"))
        .as_deref()
        .and_then(Question::from_slug)
    {
        Some(question) => view! { <QuestionForm question/> }.into_any(),
        None => view! { <NotFound/> }.into_any(),
    }
}

/// The question answered just before this one, for the Back link.
fn previous(question: Question, screener: Screener) -> String {
    screener.answers.with_untracked(|a| {
        Question::ALL
            .iter()
            .take_while(|q| **q != question)
            .filter(|q| q.is_answered(a))
            .last()
            .map(|q| format!("/check/q/{}", q.slug()))
            .unwrap_or_else(|| "/check".to_owned())
    })
}

#[component]
fn QuestionForm(question: Question) -> impl IntoView {
    let i18n = use_i18n();
    let screener = Screener::get();
    let navigate = use_navigate();
    let input = questions::input_of(question);
    let (typed, choice) = screener.answers.with_untracked(|a| {
        // "I don't know" is the option after the last one.
        let choice = if question.is_unknown(a) {
            options_of(input)
        } else {
            questions::chosen(question, a)
        };
        (questions::typed(question, a), choice)
    });
    let typed = RwSignal::new(typed);
    let choice = RwSignal::new(choice);
    let error = RwSignal::new(None::<InputError>);
    // Counts failed Continues: the summary takes focus on each, not when the language changes.
    let attempts = RwSignal::new(0u32);
    let message = Signal::derive(move || error.get().map(|e| input_error(i18n.get_locale(), e)));

    let finish = {
        let navigate = navigate.clone();
        move || navigate(&screener.next_path(), Default::default())
    };
    let dont_know = {
        let finish = finish.clone();
        move || {
            screener.answers.update(|a| question.set_unknown(a));
            finish();
        }
    };
    let submit = {
        let dont_know = dont_know.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let options = options_of(input);
            if options.is_some() && choice.get_untracked() == options {
                dont_know();
                return;
            }
            let mut answers = screener.answers.get_untracked();
            match questions::take(
                question,
                &typed.get_untracked(),
                choice.get_untracked(),
                &mut answers,
            ) {
                Ok(()) => {
                    error.set(None);
                    screener.answers.set(answers);
                    finish();
                }
                // What was typed stays in the field, with the message beside it.
                Err(e) => {
                    error.set(Some(e));
                    attempts.update(|n| *n += 1);
                }
            }
        }
    };
    let title = Signal::derive(move || question_title(i18n.get_locale(), question).to_owned());
    let hint = move || question_hint(i18n.get_locale(), question);
    let back = previous(question, screener);

    let field = match options_of(input) {
        Some(count) => {
            view! {
                <fieldset class="question" aria-describedby=move || described_by(hint().is_some(), error.get().is_some())>
                    <legend><PageHeading text=title/></legend>
                    <Show when=move || hint().is_some()>
                        <p class="hint" id=format!("{FIELD}-hint")>{move || hint().unwrap_or_default()}</p>
                    </Show>
                    <FieldError error=message/>
                    <div class="radios">
                        {(0..=count)
                            .map(|index| {
                                let id = if index == 0 { FIELD.to_owned() } else { format!("{FIELD}-{index}") };
                                let label = move || {
                                    if index == count {
                                        td_string!(i18n.get_locale(), screener.dont_know)
                                    } else {
                                        option_label(i18n.get_locale(), question, index)
                                    }
                                };
                                view! {
                                    <div class="radio">
                                        <input
                                            type="radio"
                                            name=FIELD
                                            id=id.clone()
                                            value=index.to_string()
                                            prop:checked=move || choice.get() == Some(index)
                                            on:change=move |_| choice.set(Some(index))
                                        />
                                        <label for=id>{label}</label>
                                    </div>
                                }
                            })
                            .collect_view()}
                    </div>
                </fieldset>
            }
            .into_any()
        }
        None => {
            let inputmode = if matches!(input, Input::ChildAges) { "text" } else { "numeric" };
            let autocomplete = if matches!(input, Input::Postcode) { "postal-code" } else { "off" };
            view! {
                <PageHeading text=title label_for=FIELD/>
                <Show when=move || hint().is_some()>
                    <p class="hint" id=format!("{FIELD}-hint")>{move || hint().unwrap_or_default()}</p>
                </Show>
                <FieldError error=message/>
                <input
                    class="text-input"
                    class:text-input-error=move || error.get().is_some()
                    type="text"
                    id=FIELD
                    name=FIELD
                    inputmode=inputmode
                    autocomplete=autocomplete
                    spellcheck="false"
                    aria-invalid=move || error.get().is_some().then_some("true")
                    aria-describedby=move || described_by(hint().is_some(), error.get().is_some())
                    prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))
                />
                <p>
                    <button type="button" class="button-link" on:click=move |_| dont_know()>
                        {t!(i18n, screener.dont_know)}
                    </button>
                </p>
            }
            .into_any()
        }
    };

    view! {
        <p class="back"><a href=back>{t!(i18n, screener.back)}</a></p>
        <ErrorSummary errors=Signal::derive(move || message.get().map(|m| vec![(FIELD.to_owned(), m)]).unwrap_or_default()) attempts/>
        <form novalidate on:submit=submit>
            {field}
            <button type="submit" class="button">{t!(i18n, screener.continue_button)}</button>
        </form>
        <p class="saved-note">{t!(i18n, screener.saved_note)}</p>
    }
}

/// The ids of the hint and the error message, whichever are shown.
fn described_by(hint: bool, error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("{FIELD}-hint"));
    }
    if error {
        ids.push(format!("{FIELD}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// How many options a choice question has (yes/no has two), or `None` for a typed answer.
fn options_of(input: Input) -> Option<usize> {
    match input {
        Input::Choice { count } => Some(count),
        Input::YesNo => Some(2),
        _ => None,
    }
}

#[component]
fn FieldError(#[prop(into)] error: Signal<Option<&'static str>>) -> impl IntoView {
    view! {
        <Show when=move || error.get().is_some()>
            <p class="field-error" id=format!("{FIELD}-error")>{move || error.get().unwrap_or_default()}</p>
        </Show>
    }
}
