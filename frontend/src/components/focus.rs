//! After each client-side navigation, focus moves to the new page's `h1` and its text is announced,
//! as a full page load would do for a screen reader user.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

fn focus_selector(selector: &str) -> Option<String> {
    let element = document().query_selector(selector).ok()??;
    let element = element.dyn_into::<web_sys::HtmlElement>().ok()?;
    element.focus().ok()?;
    element.text_content()
}

pub fn focus_main() {
    focus_selector("main");
}

#[component]
pub fn RouteFocus() -> impl IntoView {
    let location = use_location();
    let (announcement, set_announcement) = signal(String::new());
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        // The first page load keeps the browser's own focus order (the skip link comes first).
        if previous.is_some_and(|p| p != path) {
            request_animation_frame(move || {
                if let Some(heading) = focus_selector("main h1") {
                    set_announcement.set(heading);
                }
            });
        }
        path
    });
    view! {
        <div class="visually-hidden" aria-live="polite" aria-atomic="true">
            {move || announcement.get()}
        </div>
    }
}
