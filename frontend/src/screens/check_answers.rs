//! "Check your answers": every answer with a Change link back to its question.

use crate::router::use_navigate;
use leptos::prelude::*;
use velferd_shared::answers::Question;

use crate::language::use_i18n;
use crate::{
    components::{form::chosen_label, page::PageHeading},
    screener::{Screener, questions},
    text::question_title,
};

#[component]
pub fn CheckAnswers() -> impl IntoView {
    let i18n = use_i18n();
    let screener = Screener::get();
    let navigate = use_navigate();
    let rows = move || {
        let locale = i18n.get_locale();
        screener.answers.with(|a| {
            Question::ALL
                .into_iter()
                .filter(|q| q.is_answered(a))
                .map(|q| {
                    let answer = if q.is_unknown(a) {
                        td_text!(locale, screener.answer_dont_know).to_owned()
                    } else {
                        match (questions::chosen(q, a), questions::options(q, locale)) {
                            (Some(key), Some(options)) => {
                                chosen_label(options, key).unwrap_or_default()
                            }
                            _ => questions::typed(q, a),
                        }
                    };
                    (q, answer)
                })
                .collect::<Vec<_>>()
        })
    };
    let start_again = move |_| {
        let question = td_text!(i18n.get_locale_untracked(), screener.start_again_confirm);
        if screener.clear_if_confirmed(question) {
            navigate("/check", Default::default());
        }
    };
    view! {
        <PageHeading text=Signal::derive(move || t_text!(i18n, screener.check_title).to_string())/>
        <p class="lead">{tr!(i18n, screener.check_intro)}</p>
        <dl class="summary-list">
            <For each=rows key=|(q, answer)| (*q, answer.clone()) let((question, answer))>
                <div class="summary-row">
                    <dt>{move || question_title(i18n.get_locale(), question)}</dt>
                    <dd class="summary-answer">{answer}</dd>
                    <dd class="summary-change">
                        <a href=format!("/check/q/{}", question.slug())>
                            {tr!(i18n, screener.change)}
                            <span class="visually-hidden">
                                ": " {move || question_title(i18n.get_locale(), question)}
                            </span>
                        </a>
                    </dd>
                </div>
            </For>
        </dl>
        <p><a class="button" href="/check/results">{tr!(i18n, screener.see_results)}</a></p>
        <p>
            <button type="button" class="button-link" on:click=start_again>
                {tr!(i18n, screener.start_again)}
            </button>
        </p>
    }
}
