use leptos::prelude::*;
use velferd_shared::{ServiceCentre, catalogue::CITY_PHONE};

use crate::components::phone::PhoneLink;
use crate::language::use_i18n;

#[component]
pub fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    // On a shared computer the next person must not find this resident's answers or receipts.
    let forget = move |_| {
        let question = td_text!(i18n.get_locale_untracked(), footer.forget_confirm);
        if window().confirm_with_message(question).unwrap_or(false) {
            crate::storage::forget_everything();
            leptos::task::spawn_local(async {
                // The offline copies of the app and any document waiting to be sent, too.
                crate::offline::clear_caches().await;
                crate::device_files::forget_all().await;
                // And the browser's HTTP cache (Clear-Site-Data); offline, there is none to clear.
                let init = web_sys::RequestInit::new();
                init.set_method("POST");
                let _ = crate::api::fetch("/api/device/forget", &init).await;
                // A fresh start, so no screen keeps the cleared answers in memory.
                let _ = window().location().set_href("/");
            });
        }
    };
    view! {
        <footer class="site-footer">
            <h2>{tr!(i18n, footer.contact_heading)}</h2>
            <p>
                {tr!(i18n, footer.phone_text)} " "
                <PhoneLink number=CITY_PHONE/>
            </p>
            <p><a class="standalone-link" href="/call-me">{tr!(i18n, follow.call_me)}</a></p>
            <p><a class="standalone-link" href="/accessibility">{tr!(i18n, accessibility.title)}</a></p>
            <h3>{tr!(i18n, footer.centres_heading)}</h3>
            <p>{tr!(i18n, footer.centres_text)}</p>
            <ul class="centres">
                {ServiceCentre::DISTRICT_CENTRES
                    .into_iter()
                    .map(|centre| {
                        view! {
                            <li>
                                <span lang="is" class="centre-name">{centre.official_name()}</span>
                                ", "
                                <span lang="is">{centre.address().unwrap_or_default()}</span>
                                ", "
                                <PhoneLink number=centre.phone()/>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p class="guidance">{tr!(i18n, footer.guidance)}</p>
            <p class="no-print">
                <button type="button" class="button-link" on:click=forget>
                    {tr!(i18n, footer.forget_device)}
                </button>
            </p>
        </footer>
    }
}
