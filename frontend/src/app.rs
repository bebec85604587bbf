use leptos::prelude::*;
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

use crate::language::use_i18n;
use crate::{
    components::{focus::RouteFocus, footer::Footer, header::Header},
    language::{LanguageFromUrl, LanguageMemory, LanguageProvider},
    offline::{Connection, OfflineApp},
    parts::{self, lazy},
    prerendered,
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
    let texts = LocalResource::new(move || strings::load(i18n.get_locale_untracked(), &[]));
    move || match texts.get() {
        None => ().into_any(),
        Some(Ok(())) => children().into_any(),
        Some(Err(_)) => {
            prerendered::take_down();
            let retry = Callback::new(move |()| texts.refetch());
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
            <Routes fallback=|| view! { <NotFound/> }>
                <Route path=path!("/") view=Home/>
                <Route path=path!("/help/:area") view=|| lazy(parts::area)/>
                <Route path=path!("/urgent-help") view=UrgentHelp/>
                <Route path=path!("/accessibility") view=|| lazy(parts::accessibility)/>
                <Route path=path!("/check") view=|| lazy(parts::check_start)/>
                <Route path=path!("/check/q/:question") view=|| lazy(parts::question)/>
                <Route path=path!("/check/answers") view=|| lazy(parts::check_answers)/>
                <Route path=path!("/check/results") view=|| lazy(parts::results)/>
                <Route path=path!("/check/list") view=|| lazy(parts::service_list)/>
                <Route path=path!("/apply/:service") view=|| lazy(parts::apply_start)/>
                <Route path=path!("/apply/:service/:step") view=|| lazy(parts::apply_step)/>
                <Route path=path!("/receipt/:reference") view=|| lazy(parts::receipt)/>
                <Route path=path!("/status/:token") view=|| lazy(parts::status)/>
                <Route path=path!("/partner/:token") view=|| lazy(parts::partner_start)/>
                <Route path=path!("/partner/:token/:step") view=|| lazy(parts::partner_step)/>
                <Route path=path!("/call-me") view=|| lazy(parts::callback)/>
                <Route path=path!("/call-me/:reference") view=|| lazy(parts::callback_sent)/>
            </Routes>
        </main>
        <Footer/>
        <RouteFocus/>
    }
}
