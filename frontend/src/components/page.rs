use leptos::prelude::*;

/// The one `h1` of a screen. It also names the document, and takes focus after a navigation
/// (see `focus`), which is why it can be focused by script but is not in the tab order.
#[component]
pub fn PageHeading(#[prop(into)] text: Signal<String>) -> impl IntoView {
    Effect::new(move |_| {
        document().set_title(&format!("{} – Velferð", text.get()));
    });
    view! { <h1 tabindex="-1">{move || text.get()}</h1> }
}
