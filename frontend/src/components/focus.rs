//! After each client-side navigation, focus moves to the new page's `h1`, as a full page load
//! would put a screen reader at the top of the new page. Moving focus is itself the announcement:
//! putting the heading in a live region as well made some screen readers read it twice.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn focus_selector(selector: &str) {
    let element = document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

pub fn focus_main() {
    focus_selector("main");
}

thread_local! {
    /// Whether the resident has moved from the first screen: until then focus stays put.
    static NAVIGATED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// For a screen whose heading arrives after the navigation (its part was still being fetched):
/// focus it then, as `RouteFocus` would have.
pub fn focus_late_heading() {
    if NAVIGATED.with(|n| n.get()) {
        request_animation_frame(|| focus_selector("main h1"));
    }
}

/// `path` is the router's current path: the residents' app has its own router, the staff
/// workspace leptos_router.
#[component]
pub fn RouteFocus(#[prop(into)] path: Signal<String>) -> impl IntoView {
    Effect::new(move |previous: Option<String>| {
        let path = path.get();
        // The first page load keeps the browser's own focus order (the skip link comes first).
        if previous.is_some_and(|p| p != path) {
            NAVIGATED.with(|n| n.set(true));
            request_animation_frame(|| focus_selector("main h1"));
        }
        path
    });
}
