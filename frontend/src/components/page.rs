use leptos::prelude::*;

/// The one `h1` of a screen. It also names the document, and takes focus after a navigation
/// (see `focus`), which is why it can be focused by script but is not in the tab order.
#[component]
pub fn PageHeading(
    #[prop(into)] text: Signal<String>,
    /// When the heading is also the label of the page's one field (a question page).
    #[prop(optional)]
    label_for: Option<&'static str>,
) -> impl IntoView {
    Effect::new(move |_| {
        document().set_title(&format!("{} – Velferð", text.get()));
    });
    match label_for {
        Some(field) => view! {
            <h1 tabindex="-1"><label for=field>{move || text.get()}</label></h1>
        }
        .into_any(),
        None => view! { <h1 tabindex="-1">{move || text.get()}</h1> }.into_any(),
    }
}
