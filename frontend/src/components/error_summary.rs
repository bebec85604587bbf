use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::*;

/// GOV.UK's pattern: a summary at the top that takes focus and links to the field, so a screen
/// reader user hears what is wrong and can jump straight to it.
#[component]
pub fn ErrorSummary(
    /// The message, when there is an error.
    #[prop(into)]
    message: Signal<Option<&'static str>>,
    /// Bumped on every failed attempt: focus moves to the summary then, and not when only the
    /// language of the message changes.
    #[prop(into)]
    attempts: Signal<u32>,
    /// The id of the field the message is about.
    field: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let summary = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if attempts.get() > 0 && message.with_untracked(Option::is_some) {
            request_animation_frame(move || {
                if let Some(el) = summary.get() {
                    let _ = el.focus();
                }
            });
        }
    });
    let jump = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(el) = document()
            .get_element_by_id(field)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    };
    view! {
        <Show when=move || message.get().is_some()>
            <div class="error-summary" role="alert" tabindex="-1" node_ref=summary aria-labelledby="error-summary-title">
                <h2 id="error-summary-title">{t!(i18n, screener.error_summary_title)}</h2>
                <ul>
                    <li>
                        <a href=format!("#{field}") on:click=jump>{move || message.get().unwrap_or_default()}</a>
                    </li>
                </ul>
            </div>
        </Show>
    }
}
