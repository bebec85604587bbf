use leptos::prelude::*;

use crate::arriving::Arriving;
use crate::language::use_i18n;
use crate::{
    components::{focus::RouteFocus, footer::Footer, header::Header},
    language::{LanguageFromUrl, LanguageMemory, LanguageProvider},
    offline::{Connection, OfflineApp},
    parts::{self, lazy},
    prerendered,
    router::{self, Route, Router},
    screens::{home::Home, not_found::NotFound, urgent::UrgentHelp},
    storage, strings,
};

#[component]
pub fn App() -> impl IntoView {
    view! {
        <LanguageProvider>
            <Router>
                <LanguageMemory/>
                <LanguageFromUrl/>
                <WithFrameTexts>
                    <Shell/>
                </WithFrameTexts>
            </Router>
        </LanguageProvider>
    }
}

/// The frame draws once its texts are here (its language's frame table, which `start.js` asks for
/// beside the code). If they cannot be fetched (offline before this language was ever read
/// here), the built-in notice with the Online Center's number and Try again takes its place.
#[component]
fn WithFrameTexts(children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    strings::fetch_from_parts();
    let texts = Arriving::new(move || strings::load(i18n.get_locale_untracked(), &[]));
    move || match texts.get() {
        None => ().into_any(),
        Some(Ok(())) => children().into_any(),
        Some(Err(_)) => {
            prerendered::take_down();
            let retry = Callback::new(move |()| texts.again());
            view! { <main id="main" tabindex="-1">{parts::part_missing(retry)}</main> }.into_any()
        }
    }
}

/// The frame every screen shares: skip link, header with the language menu and urgent-help link,
/// the main landmark the routes render into, and the footer with contact details.
#[component]
fn Shell() -> impl IntoView {
    let i18n = use_i18n();
    Connection::provide();
    storage::provide_frame_owner();
    parts::wake_device_records();
    parts::provide_loaders();
    parts::prefetch_next_parts();
    let live_main = NodeRef::new();
    prerendered::take_down_when_drawn(live_main);
    let skip = move |ev: leptos::ev::MouseEvent| {
        // Move focus, not just the scroll position, so the next Tab continues inside main.
        ev.prevent_default();
        crate::components::focus::focus_main();
    };
    view! {
        <a class="skip-link" href="#main" on:click=skip>{tr!(i18n, skip_to_content)}</a>
        <Header/>
        <OfflineApp/>
        <main id="main" tabindex="-1" node_ref=live_main>
            {router::routes(SCREENS, || view! { <NotFound/> }.into_any())}
        </main>
        <Footer/>
        <RouteFocus path=router::use_location().pathname/>
    }
}

/// Every address of the residents' app and the screen it shows: in the first part, or fetched
/// with its part (`parts.rs`) the first time it is needed.
const SCREENS: &[Route] = &[
    ("/", || view! { <Home/> }.into_any()),
    ("/help/:area", || lazy(parts::area).into_any()),
    ("/urgent-help", || view! { <UrgentHelp/> }.into_any()),
    ("/accessibility", || lazy(parts::accessibility).into_any()),
    ("/check", || lazy(parts::check_start).into_any()),
    ("/check/q/:question", || lazy(parts::question).into_any()),
    ("/check/answers", || lazy(parts::check_answers).into_any()),
    ("/check/results", || lazy(parts::results).into_any()),
    ("/check/list", || lazy(parts::service_list).into_any()),
    ("/apply/:service", || lazy(parts::apply_start).into_any()),
    ("/apply/:service/:step", || {
        lazy(parts::apply_step).into_any()
    }),
    ("/receipt/:reference", || lazy(parts::receipt).into_any()),
    ("/status/:token", || lazy(parts::status).into_any()),
    ("/partner/:token", || lazy(parts::partner_start).into_any()),
    ("/partner/:token/:step", || {
        lazy(parts::partner_step).into_any()
    }),
    ("/call-me", || lazy(parts::callback).into_any()),
    ("/call-me/:reference", || {
        lazy(parts::callback_sent).into_any()
    }),
];
