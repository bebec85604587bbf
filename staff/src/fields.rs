//! What the workspace needs besides the shared form kit: a drop-down for filters, a table that
//! scrolls sideways on a phone, and the server's field errors placed beside their fields.

use leptos::prelude::*;
use velferd_frontend::kit::form::{ErrorMessage, Naming, described_by};
use velferd_shared::api::Problem;

use crate::i18n::*;

/// A reason a staff form cannot be sent, shown beside its field and in the error summary.
pub trait FormProblem: Copy + Send + Sync + 'static {
    /// The id of the field it is about (the summary links there).
    fn field(self) -> &'static str;
    fn message(self, locale: Locale) -> &'static str;
}

/// A field's own label, in the page's language.
pub fn label(text: fn(Locale) -> &'static str) -> Naming {
    let i18n = use_i18n();
    Naming::Label(Signal::derive(move || text(i18n.get_locale()).to_owned()))
}

/// The error summary's lines for the problems found, in the page's language.
pub fn summary_of<P: FormProblem>(
    problems: RwSignal<Vec<P>>,
) -> Signal<Vec<(String, &'static str)>> {
    let i18n = use_i18n();
    Signal::derive(move || {
        problems
            .get()
            .into_iter()
            .map(|p| (p.field().to_owned(), p.message(i18n.get_locale())))
            .collect()
    })
}

/// The message beside `field`, if one of the problems is about it.
pub fn message_of<P: FormProblem>(
    problems: RwSignal<Vec<P>>,
    field: &'static str,
) -> Signal<Option<&'static str>> {
    let i18n = use_i18n();
    Signal::derive(move || {
        problems
            .get()
            .into_iter()
            .find(|p| p.field() == field)
            .map(|p| p.message(i18n.get_locale()))
    })
}

/// The residents' error summary (same markup, focus and links) with the workspace's title.
#[component]
pub fn ErrorList(
    #[prop(into)] errors: Signal<Vec<(String, &'static str)>>,
    #[prop(into)] attempts: Signal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    velferd_frontend::error_summary_view!(t!(i18n, error_summary_title), errors, attempts)
}

/// A password field laid out as the kit's text fields are, from the kit's parts. The kit's
/// `TextField` has no password kind: residents never type one, and adding it grew their bundle.
#[component]
pub fn PasswordField(
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<&'static str>>,
) -> impl IntoView {
    let invalid = move || error.get().is_some();
    view! {
        <div class="field">
            <label class="field-label" for=id>{move || label.get()}</label>
            <ErrorMessage id message=error/>
            <input
                class="text-input"
                class:text-input-error=invalid
                type="password"
                id=id
                name=id
                autocomplete="current-password"
                spellcheck="false"
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=move || described_by(id, false, invalid())
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}

/// A `select` with its label. Options are `(value, label)`; the value `""` means "any".
#[component]
pub fn Select(
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label class="field-label" for=id>{move || label.get()}</label>
            <select
                class="select"
                id=id
                name=id
                on:change=move |ev| value.set(event_target_value(&ev))
                prop:value=move || value.get()
            >
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(v, l)| {
                            let selected = value.get_untracked() == v;
                            view! { <option value=v selected=selected>{l}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// A wide table in a region that scrolls sideways at 360 px; keyboard users can scroll it too,
/// since it takes focus.
#[component]
pub fn TableRegion(caption_id: &'static str, children: Children) -> impl IntoView {
    view! {
        <div class="table-region" role="region" tabindex="0" aria-labelledby=caption_id>
            {children()}
        </div>
    }
}

/// The field ids of a refusal's errors, from their JSON pointers (`/message_to_resident` is
/// the field `message_to_resident`); pointers this screen has no field for go to `fallback`.
pub fn fields_at_fault(
    problem: &Problem,
    known: &[&'static str],
    fallback: &'static str,
) -> Vec<&'static str> {
    let mut fields: Vec<&'static str> = problem
        .errors
        .iter()
        .map(|e| {
            let name = e.pointer.trim_start_matches('/');
            known
                .iter()
                .copied()
                .find(|k| *k == name)
                .unwrap_or(fallback)
        })
        .collect();
    if fields.is_empty() {
        fields.push(fallback);
    }
    fields.dedup();
    fields
}
