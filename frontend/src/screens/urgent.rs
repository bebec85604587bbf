use leptos::prelude::*;
use velferd_shared::catalogue::{CHILD_PROTECTION_EMAIL, CITY_PHONE, EMERGENCY_NUMBER};

use crate::components::{
    page::PageHeading,
    phone::{PhoneLink, WithPhoneLinks},
};
use crate::language::use_i18n;

/// Reachable from every screen: what to do now, in danger, without a bed, or worried for a child.
#[component]
pub fn UrgentHelp() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHeading text=Signal::derive(move || td_text!(i18n.get_locale(), urgent.title).to_string())/>
        <p class="lead">{tr!(i18n, urgent.intro)}</p>
        <section class="card urgent" aria-labelledby="urgent-danger">
            <h2 id="urgent-danger">{tr!(i18n, urgent.danger_heading)}</h2>
            <p><WithPhoneLinks text=Signal::derive(move || td_text!(i18n.get_locale(), urgent.danger_text).to_string())/></p>
            <p>
                <a class="button button-danger" href=format!("tel:{EMERGENCY_NUMBER}")>
                    {tr!(i18n, urgent.call_112)}
                </a>
            </p>
        </section>
        <section class="card" aria-labelledby="urgent-shelter">
            <h2 id="urgent-shelter">{tr!(i18n, urgent.shelter_heading)}</h2>
            <p>{tr!(i18n, urgent.shelter_text)}</p>
        </section>
        <section class="card" aria-labelledby="urgent-child">
            <h2 id="urgent-child">{tr!(i18n, urgent.child_heading)}</h2>
            <p>
                {tr!(i18n, urgent.child_text)} " "
                <a href=format!("mailto:{CHILD_PROTECTION_EMAIL}")>{CHILD_PROTECTION_EMAIL}</a>
            </p>
        </section>
        <section class="card" aria-labelledby="urgent-counsellor">
            <h2 id="urgent-counsellor">{tr!(i18n, urgent.counsellor_heading)}</h2>
            <p>
                {tr!(i18n, urgent.counsellor_text)} " "
                <PhoneLink number=CITY_PHONE/>
            </p>
        </section>
    }
}
