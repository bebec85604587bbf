use leptos::prelude::*;
use leptos_router::{
    NavigateOptions,
    components::{A, Route, Router, Routes},
    hooks::{use_location, use_navigate},
    path,
};
use velferd_frontend::kit::focus::{RouteFocus, focus_main};

use crate::{
    api,
    i18n::*,
    screens::{
        accounts::AccountsPage, audit::AuditPage, callbacks::CallbacksPage, case::CasePage,
        inbox::InboxPage, not_found::NotFound, sign_in::SignInPage,
    },
    session::{Known, Session},
};

pub const SIGN_IN: &str = "/staff/sign-in";

#[component]
pub fn App() -> impl IntoView {
    view! {
        <I18nContextProvider>
            <Router>
                <LanguageMemory/>
                <Shell/>
            </Router>
        </I18nContextProvider>
    }
}

#[component]
fn Shell() -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::provide();
    let navigate = use_navigate();
    let location = use_location();
    api::on_unauthorized(move || {
        session.signed_out();
        let here = location.pathname.get_untracked();
        if here != SIGN_IN {
            navigate(SIGN_IN, NavigateOptions::default());
        }
    });
    leptos::task::spawn_local(async move {
        match api::me().await {
            Ok(me) => session.signed_in(me),
            Err(_) => session.signed_out(),
        }
    });
    // As on the residents' side (not shared: a shared component cost their bundle bytes).
    let skip = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        focus_main();
    };
    view! {
        <a class="skip-link" href="#main" on:click=skip>{t!(i18n, skip_to_content)}</a>
        <StaffHeader/>
        <main id="main" tabindex="-1">
            <Routes fallback=|| view! { <NotFound/> }>
                <Route path=path!("/staff/sign-in") view=SignInPage/>
                <Route path=path!("/staff") view=|| view! { <SignedIn><InboxPage/></SignedIn> }/>
                <Route path=path!("/staff/cases/:reference") view=|| view! { <SignedIn><CasePage/></SignedIn> }/>
                <Route path=path!("/staff/callbacks") view=|| view! { <SignedIn><CallbacksPage/></SignedIn> }/>
                <Route path=path!("/staff/accounts") view=|| view! { <SignedIn><AccountsPage/></SignedIn> }/>
                <Route path=path!("/staff/audit") view=|| view! { <SignedIn><AuditPage/></SignedIn> }/>
            </Routes>
        </main>
        <RouteFocus path=leptos_router::hooks::use_location().pathname/>
    }
}

/// The workspace's name, the language switch, and for a signed-in counsellor the navigation and
/// sign-out.
#[component]
fn StaffHeader() -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::get();
    let navigate = use_navigate();
    let other = move || match i18n.get_locale() {
        Locale::is => (Locale::en, "en"),
        Locale::en => (Locale::is, "is"),
    };
    let sign_out = move |_| {
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let _ = api::sign_out().await;
            session.signed_out();
            navigate(SIGN_IN, NavigateOptions::default());
        });
    };
    view! {
        <header class="staff-header">
            <div class="staff-header-bar">
                <a class="staff-name" href="/staff">{t!(i18n, app_name)}</a>
                <button type="button" class="button-link" lang=move || other().1 on:click=move |_| i18n.set_locale(other().0)>
                    {t!(i18n, switch_language)}
                </button>
            </div>
            <Show when=move || session.known.get() == Known::SignedIn>
                <nav class="staff-nav" aria-label=move || t_string!(i18n, nav_label).to_string()>
                    <ul>
                        <li><A href="/staff" exact=true>{t!(i18n, nav_inbox)}</A></li>
                        <li><a href="/staff?assigned=me">{t!(i18n, inbox.mine)}</a></li>
                        <li><A href="/staff/callbacks">{t!(i18n, nav_callbacks)}</A></li>
                        <Show when=move || session.is_admin()>
                            <li><A href="/staff/accounts">{t!(i18n, nav_accounts)}</A></li>
                            <li><A href="/staff/audit">{t!(i18n, nav_audit)}</A></li>
                        </Show>
                    </ul>
                    <p class="staff-me">
                        <span>{move || session.me.with(|me| me.as_ref().map(|me| me.name.clone()).unwrap_or_default())}</span>
                        <button type="button" class="button-link" on:click=sign_out.clone()>{t!(i18n, sign_out)}</button>
                    </p>
                </nav>
            </Show>
        </header>
    }
}

/// A screen only a signed-in counsellor may see: while the session is being checked a heading
/// says so; without one, the sign-in page.
#[component]
fn SignedIn(children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::get();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if session.known.get() == Known::SignedOut {
            navigate(
                SIGN_IN,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    view! {
        <Show
            when=move || session.known.get() == Known::SignedIn
            fallback=move || view! { <h1 tabindex="-1">{t!(i18n, loading)}</h1> }
        >
            {children()}
        </Show>
    }
}

const LANGUAGE_KEY: &str = "velferd.staff.language";

/// Keeps the counsellor's language on the device; with nothing stored, the browser's preference
/// decides, and Icelandic for any other language.
#[component]
fn LanguageMemory() -> impl IntoView {
    let i18n = use_i18n();
    let storage = || window().local_storage().ok().flatten();
    // An effect: the provider sets its starting locale in an effect of its own, which runs first.
    Effect::new(move |previous: Option<Locale>| {
        if previous.is_none()
            && let Some(stored) = storage().and_then(|s| s.get_item(LANGUAGE_KEY).ok().flatten())
        {
            i18n.set_locale(if stored == "en" {
                Locale::en
            } else {
                Locale::is
            });
        }
        let locale = i18n.get_locale();
        if previous.is_some_and(|p| p != locale)
            && let Some(storage) = storage()
        {
            let _ = storage.set_item(LANGUAGE_KEY, locale.as_str());
        }
        locale
    });
}
