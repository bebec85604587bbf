//! `/accessibility`: the accessibility statement, in the form the EU Web Accessibility Directive
//! asks for — how far the site meets WCAG 2.2 AA, what does not yet, how it was tested, how to
//! report a problem and where to turn when the answer does not satisfy.

use leptos::prelude::*;

use crate::components::{page::PageHeading, phone::WithPhoneLinks};
use crate::language::use_i18n;

#[component]
pub fn AccessibilityStatement() -> impl IntoView {
    let i18n = use_i18n();
    let title = Signal::derive(move || t_text!(i18n, accessibility.title).to_string());
    let report = Signal::derive(move || t_text!(i18n, accessibility.report_text).to_string());
    view! {
        <PageHeading text=title/>
        <p class="lead">{tr!(i18n, accessibility.intro)}</p>
        <h2>{tr!(i18n, accessibility.status_title)}</h2>
        <p>{tr!(i18n, accessibility.status_text)}</p>
        <h2>{tr!(i18n, accessibility.gaps_title)}</h2>
        <ul class="statement-gaps">
            <li>{tr!(i18n, accessibility.gap_1)}</li>
            <li>{tr!(i18n, accessibility.gap_2)}</li>
            <li>{tr!(i18n, accessibility.gap_3)}</li>
            <li>{tr!(i18n, accessibility.gap_4)}</li>
        </ul>
        <h2>{tr!(i18n, accessibility.tested_title)}</h2>
        <p>{tr!(i18n, accessibility.tested_text)}</p>
        <h2>{tr!(i18n, accessibility.report_title)}</h2>
        <p><WithPhoneLinks text=report/></p>
        <p><a class="standalone-link" href="/call-me">{tr!(i18n, follow.call_me)}</a></p>
        <h2>{tr!(i18n, accessibility.enforcement_title)}</h2>
        <p>{tr!(i18n, accessibility.enforcement_text)}</p>
        <p class="hint">{tr!(i18n, accessibility.prepared)}</p>
    }
}
