//! One question per page, at `/check/q/<question>`: the question is the page's `h1` (or the
//! legend of its choices), with Back, Continue and "I don't know".

use crate::router::use_params_map;
use leptos::prelude::*;
use velferd_shared::{ProblemCode, answers::Question};

use crate::language::use_i18n;
use crate::{
    components::{
        error_summary::ErrorSummary,
        form::{Choices, InputKind, Naming, RadioOption, TextField},
    },
    screener::{
        Onward, Screener,
        questions::{self, Input},
    },
    screens::not_found::NotFound,
    text::{problem_message, question_hint, question_title},
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
    let input = questions::input_of(question);
    let (typed, choice) = screener.answers.with_untracked(|a| {
        let choice = if question.is_unknown(a) {
            Some(questions::DONT_KNOW)
        } else {
            questions::chosen(question, a)
        };
        (questions::typed(question, a), choice)
    });
    let typed = RwSignal::new(typed);
    let choice = RwSignal::new(choice);
    let error = RwSignal::new(None::<ProblemCode>);
    // Counts failed Continues: the summary takes focus on each, not when the language changes.
    let attempts = RwSignal::new(0u32);
    let message =
        Signal::derive(move || error.get().map(|e| problem_message(i18n.get_locale(), e)));

    let onward = Onward::new(screener);
    let finish = move || onward.go();
    let dont_know = move || {
        screener.answers.update(|a| question.set_unknown(a));
        finish();
    };
    let submit = {
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if choice.get_untracked() == Some(questions::DONT_KNOW) {
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
    let hint = Signal::derive(move || question_hint(i18n.get_locale(), question));
    let back = previous(question, screener);

    let field = if input == Input::Choice {
        // "I don't know" is always the last option.
        let options = Signal::derive(move || {
            let locale = i18n.get_locale();
            let mut options = questions::options(question, locale).unwrap_or_default();
            options.push(RadioOption {
                value: questions::DONT_KNOW,
                label: td_text!(locale, screener.dont_know).to_owned(),
                lang: None,
            });
            options
        });
        view! { <Choices id=FIELD naming=Naming::Heading(title) options chosen=choice hint error=message/> }
            .into_any()
    } else {
        let (kind, autocomplete) = match input {
            Input::ChildAges => (InputKind::Text, "off"),
            Input::Postcode => (InputKind::Number, "postal-code"),
            _ => (InputKind::Number, "off"),
        };
        view! {
            <TextField id=FIELD naming=Naming::Heading(title) kind autocomplete value=typed hint error=message/>
            <p>
                <button type="button" class="button-link" on:click=move |_| dont_know()>
                    {tr!(i18n, screener.dont_know)}
                </button>
            </p>
        }
        .into_any()
    };

    view! {
        <p class="back"><a href=back>{tr!(i18n, screener.back)}</a></p>
        <ErrorSummary errors=Signal::derive(move || message.get().map(|m| vec![(FIELD.to_owned(), m)]).unwrap_or_default()) attempts/>
        {onward.notice()}
        <form novalidate on:submit=submit>
            {field}
            <button type="submit" class="button">{tr!(i18n, screener.continue_button)}</button>
        </form>
        <p class="saved-note">{tr!(i18n, screener.saved_note)}</p>
    }
}
