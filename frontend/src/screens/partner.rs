//! `/partner/<token>`: the partner's own part of a financial-assistance application, behind the
//! private link e-mailed to them. What it is and Start; then consent, income and payment pages
//! (the same step pages as an application), a check page and Send; then "your part has arrived".

use std::sync::Arc;

use crate::router::{use_navigate, use_params_map};
use leptos::prelude::*;
use velferd_shared::{
    ServiceId,
    application::{Form, Step},
    partner::PartnerInvitation,
};

use crate::arriving::Arriving;
use crate::language::use_i18n;
use crate::{
    api::{self, StatusError},
    application::{
        flow::Flow,
        partner::{NotSent, Partners},
    },
    components::{error_summary::ErrorSummary, page::PageHeading, phone::WithPhoneLinks},
    i18n::*,
    language::language_of,
    screens::{
        apply_check::{AnswerList, answer_rows, field_anchor},
        apply_step::StepForm,
        not_found::NotFound,
        status::{ReferenceRows, Unreachable},
    },
    text::{problem_message, service_name},
};

fn token_param() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get("token")).unwrap_or_default())
}

/// `/partner/<token>`
#[component]
pub fn PartnerStart() -> impl IntoView {
    let i18n = use_i18n();
    let token = token_param();
    let invitation = Arriving::new(move || {
        let token = token.get();
        async move { api::partner_invitation(&token).await }
    });
    let title = Signal::derive(move || t_text!(i18n, partner.title).to_string());
    view! {
        {move || match invitation.get() {
            None => view! {
                <PageHeading text=title/>
                <p role="status">{tr!(i18n, follow.loading)}</p>
            }
            .into_any(),
            Some(Err(StatusError::NotFound)) => view! {
                <PageHeading text=title/>
                <p class="notice"><WithPhoneLinks text=Signal::derive(move || t_text!(i18n, partner.not_found).to_string())/></p>
            }
            .into_any(),
            Some(Err(StatusError::Unreachable)) => view! {
                <PageHeading text=title/>
                <Unreachable retry=Callback::new(move |()| invitation.again())/>
            }
            .into_any(),
            Some(Ok(invitation)) if invitation.answered_at.is_some() => {
                view! { <Received invitation/> }.into_any()
            }
            Some(Ok(invitation)) => view! { <Invited token=token.get_untracked() invitation/> }.into_any(),
        }}
    }
}

/// The reference and the service, as the partner's letter from the city names them.
#[component]
fn Reference(invitation: PartnerInvitation) -> impl IntoView {
    view! {
        <dl class="summary-list">
            <ReferenceRows reference=invitation.reference service=invitation.service/>
        </dl>
    }
}

#[component]
fn Invited(token: String, invitation: PartnerInvitation) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let flow = Flow::Partner(Arc::from(token.as_str()));
    let started = Partners::get().started(&token);
    let start = move |_| navigate(&flow.next_path(), Default::default());
    view! {
        <PageHeading text=Signal::derive(move || t_text!(i18n, partner.title).to_string())/>
        <p class="lead">{tr!(i18n, partner.intro)}</p>
        <Reference invitation/>
        <p>{tr!(i18n, partner.private)}</p>
        <p class="hint">{tr!(i18n, application.draft_expiry)}</p>
        <p>
            <button type="button" class="button" on:click=start>
                {move || if started {
                    t_text!(i18n, partner.continue_button)
                } else {
                    t_text!(i18n, partner.start_button)
                }}
            </button>
        </p>
    }
}

#[component]
fn Received(invitation: PartnerInvitation) -> impl IntoView {
    let i18n = use_i18n();
    let at = invitation.answered_at.clone().unwrap_or_default();
    let day = at.get(..10).unwrap_or_default().to_owned();
    view! {
        <PageHeading text=Signal::derive(move || t_text!(i18n, partner.received_title).to_string())/>
        <div class="receipt-panel">
            <p>{tr!(i18n, partner.received_on)} " " <time datetime=at>{day}</time></p>
        </div>
        <Reference invitation/>
        <p><WithPhoneLinks text=Signal::derive(move || t_text!(i18n, partner.received_text).to_string())/></p>
    }
}

/// `/partner/<token>/<step>` and `/partner/<token>/check`
#[component]
pub fn PartnerStepPage() -> impl IntoView {
    let params = use_params_map();
    move || {
        let (token, step) = params.with(|p| (p.get("token").unwrap_or_default(), p.get("step")));
        let flow = Flow::Partner(Arc::from(token.as_str()));
        match step.as_deref() {
            Some("check") => view! { <PartnerCheck flow/> }.into_any(),
            Some(slug) => match Step::from_slug(slug).filter(|s| s.belongs_to(Form::PartnerPart)) {
                Some(step) => view! { <StepForm flow step/> }.into_any(),
                None => view! { <NotFound/> }.into_any(),
            },
            None => view! { <NotFound/> }.into_any(),
        }
    }
}

#[component]
fn PartnerCheck(flow: Flow) -> impl IntoView {
    let i18n = use_i18n();
    let partners = Partners::get();
    let navigate = use_navigate();
    let Flow::Partner(token) = flow.clone() else {
        unreachable!("the partner's check page is only routed for a partner's link")
    };
    let rows = {
        let flow = flow.clone();
        Signal::derive(move || {
            partners.drafts.track();
            answer_rows(i18n.get_locale(), &flow, &flow.draft(), None)
        })
    };
    let sending = RwSignal::new(false);
    let not_sent = RwSignal::new(None::<NotSent>);
    let attempts = RwSignal::new(0u32);
    let local_problems = RwSignal::new(Vec::new());
    // What the browser or the API found wrong, each with a link to its page.
    let summary = {
        let flow = flow.clone();
        Signal::derive(move || {
            let locale = i18n.get_locale();
            partners.refused.track();
            let mut problems: Vec<_> = local_problems.get();
            problems.extend(flow.refused().iter().filter_map(|e| {
                Some((
                    velferd_shared::application::Field::from_pointer(&e.pointer)?,
                    e.problem(),
                ))
            }));
            problems
                .into_iter()
                .map(|(field, code)| (field_anchor(field), problem_message(locale, code)))
                .collect::<Vec<_>>()
        })
    };
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let problems = flow.form().problems(&flow.draft());
        if !problems.is_empty() {
            local_problems.set(problems.into_iter().map(|p| (p.field, p.code)).collect());
            attempts.update(|n| *n += 1);
            return;
        }
        local_problems.set(Vec::new());
        sending.set(true);
        not_sent.set(None);
        let token = token.clone();
        let language = language_of(i18n.get_locale_untracked());
        leptos::task::spawn_local(async move {
            let result = partners.send(&token, language).await;
            sending.set(false);
            match result {
                Ok(_) => navigate(
                    &crate::application::partner::start_path(&token),
                    Default::default(),
                ),
                Err(NotSent::Refused) => {
                    attempts.update(|n| *n += 1);
                    not_sent.set(Some(NotSent::Refused));
                }
                Err(other) => not_sent.set(Some(other)),
            }
        });
    };
    let editable = Signal::derive(move || !sending.get());
    view! {
        <ErrorSummary errors=summary attempts/>
        <PageHeading text=Signal::derive(move || t_text!(i18n, partner.check_title).to_string())/>
        <p class="lead">
            {move || service_name(i18n.get_locale(), ServiceId::FinancialAssistance)} " "
            "(" <span lang="is">{ServiceId::FinancialAssistance.service().official_name}</span> ")"
        </p>
        <AnswerList rows editable/>
        <form novalidate on:submit=send>
            <button type="submit" class="button" disabled=move || sending.get()>
                {tr!(i18n, partner.send)}
            </button>
        </form>
        <div role="status" aria-live="polite" class="send-status">
            {move || {
                let text = |key: fn(Locale) -> &'static str| {
                    Signal::derive(move || key(i18n.get_locale()).to_string())
                };
                match (sending.get(), not_sent.get()) {
                    (true, _) => view! { <p>{tr!(i18n, partner.sending)}</p> }.into_any(),
                    (_, None) => ().into_any(),
                    (_, Some(NotSent::Unreachable)) => view! {
                        <div class="notice queued">
                            <p>{tr!(i18n, partner.unreachable)}</p>
                        </div>
                    }
                    .into_any(),
                    (_, Some(NotSent::Refused)) => view! { <p class="notice">{tr!(i18n, application.rejected)}</p> }.into_any(),
                    (_, Some(NotSent::AlreadySent)) => view! {
                        <p class="notice"><WithPhoneLinks text=text(|l| td_text!(l, partner.already_sent))/></p>
                    }
                    .into_any(),
                    (_, Some(NotSent::UnknownLink)) => view! {
                        <p class="notice"><WithPhoneLinks text=text(|l| td_text!(l, partner.not_found))/></p>
                    }
                    .into_any(),
                }
            }}
        </div>
    }
}
