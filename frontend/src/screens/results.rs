//! The results: every service grouped by outcome, each with its reasons rule by rule, the
//! figures and their year, an estimated amount where the rules give one, and the next step.

use leptos::prelude::*;
use velferd_shared::{
    catalogue::CITY_PHONE,
    rules::{self, Amount, FigureUsed, NextStep, Outcome, Period, RuleCheck, ServiceResult},
    validation::Kronur,
};

use crate::{
    components::{documents::DocumentList, page::PageHeading, phone::PhoneLink},
    i18n::*,
    screener::{Screener, today},
    text::{
        figure_status_label, next_step_label, note_text, referral_text, rule_text, service_name,
        status_label,
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
    view! {
        <PageHeading text=Signal::derive(move || t_string!(i18n, screener.results_title).to_string())/>
        <p class="lead">{t!(i18n, screener.results_intro)}</p>
        <p>
            {t!(i18n, screener.results_contact)} " "
            <PhoneLink number=CITY_PHONE/>
        </p>
        <Show when=unfinished>
            <p class="notice">
                <a href=move || screener.next_path()>{t!(i18n, screener.no_results_yet)}</a>
            </p>
        </Show>
        <ResultGroup id="likely" results=Signal::derive(move || group(Outcome::LikelyEligible))>
            {t!(i18n, screener.group_likely)}
        </ResultGroup>
        <ResultGroup id="may-be" results=Signal::derive(move || group(Outcome::MayBeEligible))>
            {t!(i18n, screener.group_may_be)}
        </ResultGroup>
        <ResultGroup id="not" results=Signal::derive(move || group(Outcome::NotEligible))>
            {t!(i18n, screener.group_not)}
        </ResultGroup>
        <p class="no-print"><a href="/check/answers">{t!(i18n, screener.check_title)}</a></p>
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

fn money(kronur: u64) -> String {
    Kronur::new(kronur).to_string()
}

fn figure_value(figure: &FigureUsed) -> String {
    if figure.figure.is_kronur() {
        money(figure.value)
    } else {
        figure.value.to_string()
    }
}

#[component]
fn ResultCard(result: ServiceResult) -> impl IntoView {
    let i18n = use_i18n();
    let service = result.service;
    let official = service.service().official_name;
    view! {
        <li class="card result" data-service=service.key()>
            <h3>
                {move || service_name(i18n.get_locale(), service)}
                <Show when=move || i18n.get_locale() != Locale::is>
                    " " <span class="official-name" lang="is">"(" {official} ")"</span>
                </Show>
            </h3>
            {result.amount.map(|amount| view! { <AmountLine amount/> })}
            <h4>{t!(i18n, screener.reasons)}</h4>
            <ul class="reasons">
                {result.reasons.iter().cloned().map(|check| view! { <Reason check/> }).collect_view()}
            </ul>
            {result
                .referrals
                .iter()
                .map(|r| {
                    let r = *r;
                    view! { <p class="referral">{move || referral_text(i18n.get_locale(), r)}</p> }
                })
                .collect_view()}
            {result
                .notes
                .iter()
                .map(|n| {
                    let n = *n;
                    view! { <p class="note">{move || note_text(i18n.get_locale(), n)}</p> }
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
            <strong>{t!(i18n, screener.estimated_amount)}</strong> " "
            <Show when=move || amount.up_to>{t!(i18n, screener.up_to)} " "</Show>
            <span class="amount-value">{money(amount.kronur)}</span> " "
            {move || match amount.period {
                Period::Year => td_string!(i18n.get_locale(), screener.per_year),
                _ => td_string!(i18n.get_locale(), screener.per_month),
            }}
            <Show when=move || amount.estimate>
                <span class="estimate-note">{t!(i18n, screener.estimate_note)}</span>
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
            <span class="reason-text">{move || rule_text(i18n.get_locale(), rule)}</span> " "
            <strong class="reason-status">{move || status_label(i18n.get_locale(), &status)}</strong>
            {(!check.figures.is_empty()).then(|| {
                let figures = check.figures.clone();
                view! {
                    <span class="figures">
                        " ("
                        {figures
                            .into_iter()
                            .enumerate()
                            .map(|(i, f)| {
                                view! {
                                    {(i > 0).then_some("; ")}
                                    {figure_value(&f)} ", " {f.year} ", "
                                    {move || figure_status_label(i18n.get_locale(), f.status)}
                                }
                            })
                            .collect_view()}
                        ") "
                        <a class="source" href=check.figures[0].source.url rel="noopener" lang="is">
                            {check.figures[0].source.title}
                        </a>
                    </span>
                }
            })}
        </li>
    }
}

#[component]
fn NextStepLink(step: NextStep, service: velferd_shared::ServiceId) -> impl IntoView {
    let i18n = use_i18n();
    let label = move || next_step_label(i18n.get_locale(), step).unwrap_or_default();
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
