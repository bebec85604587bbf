use leptos::prelude::*;
use velferd_shared::Area;

use crate::{
    components::page::PageHeading,
    i18n::*,
    text::{area_summary, area_title},
};

/// "How can we help?": the areas of life a resident starts from.
#[component]
pub fn Home() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHeading text=Signal::derive(move || t_string!(i18n, home.title).to_string())/>
        <p class="lead">{t!(i18n, home.intro)}</p>
        <p><a class="button" href="/check">{t!(i18n, screener.start_link)}</a></p>
        <ul class="cards" aria-label=move || t_string!(i18n, home.areas_label).to_string()>
            {Area::ALL
                .into_iter()
                .map(|area| {
                    view! {
                        <li class="card">
                            <h2>
                                <a href=format!("/help/{}", area.slug())>
                                    {move || area_title(i18n.get_locale(), area)}
                                </a>
                            </h2>
                            <p>{move || area_summary(i18n.get_locale(), area)}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
