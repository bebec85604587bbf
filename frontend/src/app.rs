use leptos::prelude::*;
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

use crate::{
    application::{Applications, partner::Partners},
    components::{focus::RouteFocus, footer::Footer, header::Header},
    i18n::*,
    language::{LanguageFromUrl, LanguageMemory},
    offline::{Connection, OfflineApp},
    screener::Screener,
    screens::{
        accessibility::AccessibilityStatement,
        apply_start::ApplyStart,
        apply_step::ApplyStepPage,
        area::AreaPage,
        callback::{CallbackOutbox, CallbackPage, CallbackSent},
        check_answers::CheckAnswers,
        check_start::CheckStart,
        home::Home,
        not_found::NotFound,
        partner::{PartnerStart, PartnerStepPage},
        question::QuestionPage,
        receipt::Receipt,
        results::Results,
        service_list::ServiceList,
        status::StatusPage,
        urgent::UrgentHelp,
    },
};

#[component]
pub fn App() -> impl IntoView {
    view! {
        <I18nContextProvider>
            <Router>
                <LanguageMemory/>
                <LanguageFromUrl/>
                <Shell/>
            </Router>
        </I18nContextProvider>
    }
}

/// The frame every screen shares: skip link, header with the language menu and urgent-help link,
/// the main landmark the routes render into, and the footer with contact details.
#[component]
fn Shell() -> impl IntoView {
    let i18n = use_i18n();
    Connection::provide();
    Screener::provide();
    Applications::provide();
    Partners::provide();
    CallbackOutbox::provide();
    let skip = move |ev: leptos::ev::MouseEvent| {
        // Move focus, not just the scroll position, so the next Tab continues inside main.
        ev.prevent_default();
        crate::components::focus::focus_main();
    };
    view! {
        <a class="skip-link" href="#main" on:click=skip>{t!(i18n, skip_to_content)}</a>
        <Header/>
        <OfflineApp/>
        <main id="main" tabindex="-1">
            <Routes fallback=|| view! { <NotFound/> }>
                <Route path=path!("/") view=Home/>
                <Route path=path!("/help/:area") view=AreaPage/>
                <Route path=path!("/urgent-help") view=UrgentHelp/>
                <Route path=path!("/accessibility") view=AccessibilityStatement/>
                <Route path=path!("/check") view=CheckStart/>
                <Route path=path!("/check/q/:question") view=QuestionPage/>
                <Route path=path!("/check/answers") view=CheckAnswers/>
                <Route path=path!("/check/results") view=Results/>
                <Route path=path!("/check/list") view=ServiceList/>
                <Route path=path!("/apply/:service") view=ApplyStart/>
                <Route path=path!("/apply/:service/:step") view=ApplyStepPage/>
                <Route path=path!("/receipt/:reference") view=Receipt/>
                <Route path=path!("/status/:token") view=StatusPage/>
                <Route path=path!("/partner/:token") view=PartnerStart/>
                <Route path=path!("/partner/:token/:step") view=PartnerStepPage/>
                <Route path=path!("/call-me") view=CallbackPage/>
                <Route path=path!("/call-me/:reference") view=CallbackSent/>
            </Routes>
        </main>
        <Footer/>
        <RouteFocus/>
    }
}
