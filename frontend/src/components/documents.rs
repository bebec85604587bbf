use leptos::prelude::*;
use velferd_shared::catalogue::Document;

use crate::language::use_i18n;
use crate::text::document_name;

/// "What to bring", on the area pages and on each result.
#[component]
pub fn DocumentList(documents: &'static [Document]) -> impl IntoView {
    let i18n = use_i18n();
    (!documents.is_empty()).then(|| {
        view! {
            <p class="documents-label"><strong>{tr!(i18n, area_page.documents_label)}</strong></p>
            <ul class="documents">
                {documents
                    .iter()
                    .map(|document| {
                        let document = *document;
                        view! { <li>{move || document_name(i18n.get_locale(), document)}</li> }
                    })
                    .collect_view()}
            </ul>
        }
    })
}
