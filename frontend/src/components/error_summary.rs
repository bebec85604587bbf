use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::language::use_i18n;

/// GOV.UK's pattern: a summary at the top that takes focus and links to the field, so a screen
/// reader user hears what is wrong and can jump straight to it.
#[component]
pub fn ErrorSummary(
    /// Each problem as the id of its field and the message; empty when all is well.
    #[prop(into)]
    errors: Signal<Vec<(String, &'static str)>>,
    /// Bumped on every failed attempt: focus moves to the summary then, and not when only the
    /// language of the message changes.
    #[prop(into)]
    attempts: Signal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    crate::error_summary_view!(tr!(i18n, screener.error_summary_title), errors, attempts)
}

/// The summary's markup and focus handling, written once for both apps (the staff workspace has
/// translations of its own): each expands it with its own title. A macro rather than a shared
/// component, because the component layer cost the residents' bundle bytes.
#[macro_export]
macro_rules! error_summary_view {
    ($title:expr, $errors:expr, $attempts:expr) => {{
        let errors: Signal<Vec<(String, &'static str)>> = $errors;
        let attempts: Signal<u32> = $attempts;
        let summary = NodeRef::<leptos::html::Div>::new();
        Effect::new(move |_| {
            if attempts.get() > 0 && errors.with_untracked(|e| !e.is_empty()) {
                request_animation_frame(move || {
                    if let Some(el) = summary.get() {
                        let _ = el.focus();
                    }
                });
            }
        });
        view! {
            <Show when=move || errors.with(|e| !e.is_empty())>
                <div class="error-summary" role="alert" tabindex="-1" node_ref=summary aria-labelledby="error-summary-title">
                    <h2 id="error-summary-title">{$title}</h2>
                    <ul>
                        {move || {
                            errors
                                .get()
                                .into_iter()
                                .map(|(field, message)| {
                                    let target = field.clone();
                                    let jump = move |ev: leptos::ev::MouseEvent| {
                                        ev.prevent_default();
                                        $crate::kit::focus_field(&target);
                                    };
                                    view! { <li><a href=format!("#{field}") on:click=jump>{message}</a></li> }
                                })
                                .collect_view()
                        }}
                    </ul>
                </div>
            </Show>
        }
    }};
}

/// Focuses the field itself: following the link would only scroll to it.
pub fn focus_field(id: &str) {
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
