//! The screener's first page: what it is, that answers stay on the device, and Start.

use leptos::prelude::*;
use velferd_shared::answers::Question;

use crate::language::use_i18n;
use crate::{
    components::page::PageHeading,
    screener::{Onward, Screener},
};

#[component]
pub fn CheckStart() -> impl IntoView {
    let i18n = use_i18n();
    let screener = Screener::get();
    let started = move || {
        screener
            .answers
            .with(|a| Question::ALL.iter().any(|q| q.is_answered(a)))
    };
    let start_button = NodeRef::<leptos::html::Button>::new();
    let onward = Onward::new(screener);
    let start_again = move |_| {
        let question = td_text!(i18n.get_locale_untracked(), screener.start_again_confirm);
        if screener.clear_if_confirmed(question) {
            // The button that had focus disappears; Start takes its place.
            if let Some(button) = start_button.get() {
                let _ = button.focus();
            }
        }
    };
    view! {
        <PageHeading text=Signal::derive(move || t_text!(i18n, screener.start_title).to_string())/>
        <p class="lead">{tr!(i18n, screener.start_intro)}</p>
        <p>{tr!(i18n, screener.start_privacy)}</p>
        {onward.notice()}
        <p>
            <button type="button" class="button" node_ref=start_button on:click=move |_| onward.go()>{tr!(i18n, screener.start_button)}</button>
        </p>
        <Show when=started>
            <p>
                <button type="button" class="button-link" on:click=start_again>
                    {tr!(i18n, screener.start_again)}
                </button>
            </p>
        </Show>
    }
}
