//! The one form kit: every field of the screener, the application and the call-back form is
//! built from these, so ids, hints, error messages and `aria-describedby` follow one scheme.
//!
//! Ids: a field's input has the field's id; its hint is `<id>-hint`, its message `<id>-error`.
//! In a group of radios the first option has the group's id (the error summary links there) and
//! the others `<id>-<n>`.

use leptos::prelude::*;

use crate::components::page::PageHeading;

/// The ids of the hint and the error message that describe a field, whichever are shown.
pub fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("{id}-hint"));
    }
    if error {
        ids.push(format!("{id}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// What is typed into a text field, which decides the keyboard a phone shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Text,
    /// Digits, perhaps with separators (amounts, a kennitala, a postcode, a count).
    Number,
    Email,
    Phone,
    /// Several lines, at most this many characters.
    LongText(usize),
}

impl InputKind {
    fn inputmode(self) -> &'static str {
        match self {
            InputKind::Text | InputKind::LongText(_) => "text",
            InputKind::Number => "numeric",
            InputKind::Email => "email",
            InputKind::Phone => "tel",
        }
    }

    fn input_type(self) -> &'static str {
        match self {
            InputKind::Email => "email",
            InputKind::Phone => "tel",
            _ => "text",
        }
    }

    /// Digits with spaces (a phone number, a kennitala) keep their order in Arabic.
    fn left_to_right(self) -> bool {
        matches!(
            self,
            InputKind::Number | InputKind::Email | InputKind::Phone
        )
    }
}

/// How a field or group is named: as the page's `h1` (a page with one question) or by a label
/// of its own among others.
#[derive(Clone, Copy)]
pub enum Naming {
    Heading(Signal<String>),
    Label(Signal<String>),
}

#[component]
pub fn Hint(id: &'static str, #[prop(into)] text: Signal<Option<&'static str>>) -> impl IntoView {
    view! {
        <Show when=move || text.get().is_some()>
            <p class="hint" id=format!("{id}-hint")>{move || text.get().unwrap_or_default()}</p>
        </Show>
    }
}

/// The message beside a field that cannot be accepted.
#[component]
pub fn ErrorMessage(
    id: &'static str,
    #[prop(into)] message: Signal<Option<&'static str>>,
) -> impl IntoView {
    view! {
        <Show when=move || message.get().is_some()>
            <p class="field-error" id=format!("{id}-error")>{move || message.get().unwrap_or_default()}</p>
        </Show>
    }
}

/// A text field with its label (or the page's `h1` as its label), hint and message.
#[component]
pub fn TextField(
    id: &'static str,
    naming: Naming,
    kind: InputKind,
    /// The `autocomplete` token of a personal field, or `off`.
    #[prop(default = "off")]
    autocomplete: &'static str,
    value: RwSignal<String>,
    #[prop(into, optional)] hint: Signal<Option<&'static str>>,
    #[prop(into)] error: Signal<Option<&'static str>>,
) -> impl IntoView {
    let invalid = move || error.get().is_some();
    let described = move || described_by(id, hint.get().is_some(), invalid());
    let set = move |ev| value.set(event_target_value(&ev));
    let control = match kind {
        InputKind::LongText(max) => view! {
            <textarea
                class="text-area"
                class:text-input-error=invalid
                id=id
                name=id
                rows="6"
                maxlength=max.to_string()
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=described
                prop:value=move || value.get()
                on:input=set
            ></textarea>
        }
        .into_any(),
        _ => view! {
            <input
                class="text-input"
                class:text-input-error=invalid
                type=kind.input_type()
                id=id
                name=id
                inputmode=kind.inputmode()
                autocomplete=autocomplete
                dir=kind.left_to_right().then_some("ltr")
                spellcheck="false"
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=described
                prop:value=move || value.get()
                on:input=set
            />
        }
        .into_any(),
    };
    let parts = view! {
        <Hint id text=hint/>
        <ErrorMessage id message=error/>
        {control}
    };
    match naming {
        Naming::Heading(text) => view! {
            <PageHeading text label_for=id/>
            {parts}
        }
        .into_any(),
        Naming::Label(text) => view! {
            <div class="field">
                <label class="field-label" for=id>{move || text.get()}</label>
                {parts}
            </div>
        }
        .into_any(),
    }
}

/// One option of a group of radios: its value is the domain value's key, never a position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RadioOption {
    pub value: &'static str,
    pub label: String,
    /// The label's language where it is not the page's (a language's own name, an official
    /// Icelandic name).
    pub lang: Option<&'static str>,
}

/// The label of the option `value`, for a summary of the answers.
pub fn chosen_label(options: Vec<RadioOption>, value: &str) -> Option<String> {
    options
        .into_iter()
        .find(|o| o.value == value)
        .map(|o| o.label)
}

/// A group of radios in a `fieldset`, named by its legend (or the page's `h1` in the legend),
/// with its hint and message.
#[component]
pub fn Choices(
    id: &'static str,
    naming: Naming,
    #[prop(into)] options: Signal<Vec<RadioOption>>,
    chosen: RwSignal<Option<&'static str>>,
    #[prop(into, optional)] hint: Signal<Option<&'static str>>,
    #[prop(into)] error: Signal<Option<&'static str>>,
) -> impl IntoView {
    let legend = match naming {
        Naming::Heading(text) => view! { <legend><PageHeading text/></legend> }.into_any(),
        Naming::Label(text) => {
            view! { <legend class="field-label">{move || text.get()}</legend> }.into_any()
        }
    };
    let count = options.with_untracked(Vec::len);
    view! {
        <fieldset class="question" aria-describedby=move || described_by(id, hint.get().is_some(), error.get().is_some())>
            {legend}
            <Hint id text=hint/>
            <ErrorMessage id message=error/>
            <div class="radios">
                {(0..count)
                    .map(|index| {
                        let option_id = if index == 0 { id.to_owned() } else { format!("{id}-{index}") };
                        let (value, lang) = options.with_untracked(|o| (o[index].value, o[index].lang));
                        let label = move || options.with(|o| o.get(index).map(|o| o.label.clone()).unwrap_or_default());
                        view! {
                            <div class="radio">
                                <input
                                    type="radio"
                                    name=id
                                    id=option_id.clone()
                                    value=value
                                    prop:checked=move || chosen.get() == Some(value)
                                    on:change=move |_| chosen.set(Some(value))
                                />
                                <label for=option_id lang=lang>{label}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}

/// A tick box with its label and message (the consent to how information is used).
#[component]
pub fn Checkbox(
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    checked: RwSignal<bool>,
    #[prop(into)] error: Signal<Option<&'static str>>,
) -> impl IntoView {
    view! {
        <ErrorMessage id message=error/>
        <div class="checkbox">
            <input
                type="checkbox"
                id=id
                name=id
                prop:checked=move || checked.get()
                on:change=move |ev| checked.set(event_target_checked(&ev))
                aria-describedby=move || described_by(id, false, error.get().is_some())
            />
            <label for=id>{move || label.get()}</label>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_is_described_by_whichever_of_its_hint_and_message_are_shown() {
        assert_eq!(described_by("phone", false, false), None);
        assert_eq!(
            described_by("phone", true, false).as_deref(),
            Some("phone-hint")
        );
        assert_eq!(
            described_by("phone", false, true).as_deref(),
            Some("phone-error")
        );
        assert_eq!(
            described_by("phone", true, true).as_deref(),
            Some("phone-hint phone-error")
        );
    }
}
