//! The results: every service grouped by outcome, each with its reasons rule by rule, the
//! figures and their year, an estimated amount where the rules give one, and the next step.

use leptos::prelude::*;
use velferd_shared::{
    catalogue::CITY_PHONE,
    rules::{self, Amount, NextStep, Outcome, Period, RuleCheck, ServiceResult},
    validation::Kronur,
};
use wasm_bindgen::JsCast;

use crate::language::use_i18n;
use crate::{
    application::service_slug,
    components::{documents::DocumentList, page::PageHeading, phone::PhoneLink},
    i18n::*,
    language::language_of,
    screener::{Screener, path_after, today},
    text::{
        figure_label, figure_status_label, figure_value, live_of, next_step_label, note_text,
        referral_text, rule_text, service_name, source_title, status_label,
    },
};

#[component]
pub fn Results() -> impl IntoView {
    let i18n = use_i18n();
    let screener = Screener::get();
    let results = Memo::new(move |_| screener.answers.with(|a| rules::evaluate(a, today())));
    let unfinished =
        move || results.with(|r| r.iter().any(|r| r.outcome == Outcome::NeedMoreAnswers));
    let group = move |outcome: Outcome| {
        results.with(|r| {
            r.iter()
                .filter(|r| r.outcome == outcome)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    // Printed, every reason shows; on screen they stay behind their disclosures.
    let opened_for_print = window_event_listener_untyped("beforeprint", |_| set_reasons_open(true));
    let closed_after_print =
        window_event_listener_untyped("afterprint", |_| set_reasons_open(false));
    on_cleanup(move || {
        opened_for_print.remove();
        closed_after_print.remove();
    });
    view! {
        <PageHeading text=Signal::derive(move || t_text!(i18n, screener.results_title).to_string())/>
        <p class="lead">{tr!(i18n, screener.results_intro)}</p>
        <p>
            {tr!(i18n, screener.results_contact)} " "
            <PhoneLink number=CITY_PHONE/>
        </p>
        <Show when=unfinished>
            <p class="notice">
                <a href=move || screener.answers.with(path_after)>{tr!(i18n, screener.no_results_yet)}</a>
            </p>
        </Show>
        <Summary results=Signal::derive(move || results.get())/>
        <ResultGroup id="likely" results=Signal::derive(move || group(Outcome::LikelyEligible))>
            {tr!(i18n, screener.group_likely)}
        </ResultGroup>
        <ResultGroup id="may-be" results=Signal::derive(move || group(Outcome::MayBeEligible))>
            {tr!(i18n, screener.group_may_be)}
        </ResultGroup>
        <ResultGroup id="not" results=Signal::derive(move || group(Outcome::NotEligible))>
            {tr!(i18n, screener.group_not)}
        </ResultGroup>
        <p class="no-print"><a href="/check/answers">{tr!(i18n, screener.check_title)}</a></p>
    }
}

#[component]
fn ResultGroup(
    id: &'static str,
    results: Signal<Vec<ServiceResult>>,
    children: Children,
) -> impl IntoView {
    let heading = format!("group-{id}");
    let labelled_by = heading.clone();
    view! {
        <section class="result-group" id=id aria-labelledby=labelled_by class:hidden=move || results.with(Vec::is_empty)>
            <h2 id=heading>{children()}</h2>
            <ul class="results">
                <For each=move || results.get() key=|r| r.service let(result)>
                    <ResultCard result/>
                </For>
            </ul>
        </section>
    }
}

fn set_reasons_open(open: bool) {
    let Ok(all) = document().query_selector_all("details.reasons-disclosure") else {
        return;
    };
    for i in 0..all.length() {
        if let Some(element) = all
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        {
            let _ = if open {
                element.set_attribute("open", "")
            } else {
                element.remove_attribute("open")
            };
        }
    }
}

/// One line per service, most likely first: what the resident can get at a glance, each a link
/// to its card with the reasons. And a link to share the list that carries service names only.
#[component]
fn Summary(results: Signal<Vec<ServiceResult>>) -> impl IntoView {
    let i18n = use_i18n();
    let order = [
        Outcome::LikelyEligible,
        Outcome::MayBeEligible,
        Outcome::NotEligible,
    ];
    let lines = move || {
        let results = results.get();
        order
            .iter()
            .flat_map(|outcome| results.iter().filter(move |r| r.outcome == *outcome))
            .cloned()
            .collect::<Vec<_>>()
    };
    let share = move || {
        let found: Vec<String> = results.with(|r| {
            r.iter()
                .filter(|r| matches!(r.outcome, Outcome::LikelyEligible | Outcome::MayBeEligible))
                .map(|r| service_slug(r.service))
                .collect()
        });
        format!("/check/list?services={}", found.join(","))
    };
    view! {
        <section class="results-summary" aria-labelledby="summary-title" class:hidden=move || results.with(Vec::is_empty)>
            <h2 id="summary-title">{tr!(i18n, screener.summary_title)}</h2>
            <ul>
                <For each=lines key=|r| r.service let(result)>
                    <SummaryLine result/>
                </For>
            </ul>
            <p class="no-print">
                <a class="standalone-link share-link" href=share>{tr!(i18n, screener.share_link)}</a>
            </p>
            <p class="hint no-print">{tr!(i18n, screener.share_note)}</p>
        </section>
    }
}

#[component]
fn SummaryLine(result: ServiceResult) -> impl IntoView {
    let i18n = use_i18n();
    let service = result.service;
    let outcome = live_of(i18n, move |locale| match result.outcome {
        Outcome::LikelyEligible => td_text!(locale, screener.outcome_likely),
        Outcome::MayBeEligible => td_text!(locale, screener.outcome_may_be),
        Outcome::NotEligible => td_text!(locale, screener.outcome_not),
        Outcome::NeedMoreAnswers => td_text!(locale, screener.outcome_unfinished),
    });
    let amount = result.amount.map(|amount| {
        live_of(i18n, move |locale| {
            let per = match amount.period {
                Period::Year => td_text!(locale, screener.per_year),
                _ => td_text!(locale, screener.per_month),
            };
            let up_to = if amount.up_to {
                format!("{} ", td_text!(locale, screener.up_to))
            } else {
                String::new()
            };
            format!(" – {up_to}{} {per}", money(locale, amount.kronur))
        })
    });
    view! {
        <li data-service=service.key() data-outcome=group_of(result.outcome)>
            <a href=format!("#service-{}", service.key())>{live_of(i18n, move |l| service_name(l, service))}</a>
            ": " <strong>{outcome}</strong>
            {amount}
        </li>
    }
}

fn group_of(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::LikelyEligible => "likely",
        Outcome::MayBeEligible => "may-be",
        Outcome::NotEligible => "not",
        Outcome::NeedMoreAnswers => "unfinished",
    }
}

fn money(locale: Locale, kronur: u64) -> String {
    Kronur::new(kronur).in_language(language_of(locale))
}

#[component]
fn ResultCard(result: ServiceResult) -> impl IntoView {
    let i18n = use_i18n();
    let service = result.service;
    let official = service.service().official_name;
    view! {
        <li class="card result" data-service=service.key() id=format!("service-{}", service.key())>
            <h3>
                {live_of(i18n, move |l| service_name(l, service))}
                <Show when=move || i18n.get_locale() != Locale::is>
                    " " <span class="official-name" lang="is">"(" {official} ")"</span>
                </Show>
            </h3>
            {result.amount.map(|amount| view! { <AmountLine amount/> })}
            <details class="reasons-disclosure">
                <summary>{tr!(i18n, screener.reasons)}</summary>
                <ul class="reasons">
                    {result.reasons.iter().cloned().map(|check| view! { <Reason check/> }).collect_view()}
                </ul>
            </details>
            {result
                .referrals
                .iter()
                .map(|r| {
                    let r = *r;
                    view! { <p class="referral">{live_of(i18n, move |l| referral_text(l, r))}</p> }
                })
                .collect_view()}
            {result
                .notes
                .iter()
                .map(|n| {
                    let n = *n;
                    view! { <p class="note">{live_of(i18n, move |l| note_text(l, n))}</p> }
                })
                .collect_view()}
            <Show when=move || result.outcome != Outcome::NotEligible>
                <DocumentList documents=service.service().documents/>
            </Show>
            <NextStepLink step=result.next_step service=result.service/>
        </li>
    }
}

#[component]
fn AmountLine(amount: Amount) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="amount">
            <strong>{tr!(i18n, screener.estimated_amount)}</strong> " "
            <Show when=move || amount.up_to>{tr!(i18n, screener.up_to)} " "</Show>
            <span class="amount-value">{live_of(i18n, move |l| money(l, amount.kronur))}</span> " "
            {live_of(i18n, move |l| match amount.period {
                Period::Year => td_text!(l, screener.per_year),
                _ => td_text!(l, screener.per_month),
            })}
            <Show when=move || amount.estimate>
                <span class="estimate-note">{tr!(i18n, screener.estimate_note)}</span>
            </Show>
        </p>
    }
}

#[component]
fn Reason(check: RuleCheck) -> impl IntoView {
    let i18n = use_i18n();
    let rule = check.rule;
    let status = check.status.clone();
    let status_class = match &check.status {
        rules::RuleStatus::Passed => "passed",
        rules::RuleStatus::Failed => "failed",
        _ => "open",
    };
    view! {
        <li class=format!("reason reason-{status_class}") data-rule=rule.as_str()>
            <span class="reason-text">{live_of(i18n, move |l| rule_text(l, rule))}</span> " "
            <strong class="reason-status">{live_of(i18n, move |l| status_label(l, &status))}</strong>
            {(!check.figures.is_empty()).then(|| {
                let figures = check.figures.clone();
                let source = check.figures[0].source;
                view! {
                    <ul class="figures">
                        {figures
                            .into_iter()
                            .map(|f| {
                                view! {
                                    <li>
                                        {live_of(i18n, move |l| figure_label(l, f.figure))} ": "
                                        <span class="figure-value">{live_of(i18n, move |l| figure_value(l, &f))}</span>
                                        " ("
                                        {live_of(i18n, move |l| td_text!(l, figures.units.year_figure).replace("{year}", &f.year.to_string()))}
                                        ", "
                                        {live_of(i18n, move |l| figure_status_label(l, f.status))}
                                        ")"
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    <p class="source">
                        <a href=source.url rel="noopener" hreflang="is">{live_of(i18n, move |l| source_title(l, source.id))}</a>
                        <Show when=move || i18n.get_locale() != Locale::is>
                            " " <span class="official-name" lang="is">"(" {source.title} ")"</span>
                        </Show>
                    </p>
                }
            })}
        </li>
    }
}

#[component]
fn NextStepLink(step: NextStep, service: velferd_shared::ServiceId) -> impl IntoView {
    let i18n = use_i18n();
    let label = live_of(i18n, move |l| next_step_label(l, step).unwrap_or_default());
    match step {
        NextStep::None => ().into_any(),
        NextStep::ApplyElsewhere { url } => view! {
            <p class="next-step">
                <a class="button" href=url rel="noopener">{label} " " {url.trim_start_matches("https://")}</a>
            </p>
        }
        .into_any(),
        NextStep::UrgentHelp => view! {
            <p class="next-step"><a class="button button-danger" href="/urgent-help">{label}</a></p>
        }
        .into_any(),
        NextStep::ReadInformation => view! {
            <p class="next-step"><a href="/help/children-and-family">{label}</a></p>
        }
        .into_any(),
        NextStep::ApplyOnline if velferd_shared::application::takes_online_application(service) => view! {
            <p class="next-step"><a class="button" href=crate::application::start_path(service)>{label}</a></p>
        }
        .into_any(),
        NextStep::BookCall => view! {
            <p class="next-step">
                <a class="button" href=format!("/call-me?topic={}", crate::application::service_slug(service))>{label}</a>
            </p>
        }
        .into_any(),
        // A service whose online application lives elsewhere: the Online Center takes it by phone.
        NextStep::ApplyOnline => view! {
            <p class="next-step">
                {label} ": " <PhoneLink number=CITY_PHONE/>
            </p>
        }
        .into_any(),
    }
}
