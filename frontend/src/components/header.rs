use crate::router::use_location;
use leptos::prelude::*;

use crate::components::language_menu::LanguageMenu;
use crate::language::use_i18n;

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let current =
        move |href: &'static str| move || (location.pathname.get() == href).then_some("page");
    view! {
        <header class="site-header">
            <div class="header-bar">
                <a class="brand" href="/">
                    <span class="brand-name">{tr!(i18n, app.name)}</span>
                    <span class="brand-tagline">{tr!(i18n, app.tagline)}</span>
                </a>
                <LanguageMenu/>
            </div>
            <nav class="main-nav" aria-label=move || td_text!(i18n.get_locale(), nav.label).to_string()>
                <ul>
                    <li>
                        <a href="/" aria-current=current("/")>{tr!(i18n, nav.home)}</a>
                    </li>
                    <li>
                        <a class="urgent-link" href="/urgent-help" aria-current=current("/urgent-help")>
                            {tr!(i18n, nav.urgent)}
                        </a>
                    </li>
                </ul>
            </nav>
        </header>
    }
}
