//! How each field of the application is asked: typed text, a choice or a tick box, with the
//! options of a choice labelled by value.

use velferd_shared::{
    Language, ServiceCentre,
    answers::{Employment, LivingSituation},
    application::{Field, FieldKind, TaxCredit},
    choice::Choice,
};

use crate::{components::form::InputKind, components::form::RadioOption, i18n::Locale, text};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    /// Typed, with the `autocomplete` token of a personal field (or `off`).
    Input(InputKind, &'static str),
    Choice,
    Tick,
    /// Nothing to fill in: the page only informs (what documents to send).
    Read,
}

pub fn control(field: Field) -> Control {
    match (field, field.kind()) {
        (Field::DocumentsSeen, _) => Control::Read,
        (_, FieldKind::Tick) => Control::Tick,
        (_, FieldKind::Choice) => Control::Choice,
        (Field::Name, _) => Control::Input(InputKind::Text, "name"),
        (Field::Address, _) => Control::Input(InputKind::Text, "street-address"),
        (Field::Postcode, _) => Control::Input(InputKind::Number, "postal-code"),
        (Field::Email | Field::PartnerEmail, _) => Control::Input(InputKind::Email, "email"),
        (Field::Phone, _) => Control::Input(InputKind::Phone, "tel"),
        (Field::HelpNeeded, _) => Control::Input(
            InputKind::LongText(velferd_shared::application::MAX_TEXT),
            "off",
        ),
        (Field::IncomeSource, _) => Control::Input(InputKind::Text, "off"),
        // A kennitala, an amount, a count, a bank account.
        _ => Control::Input(InputKind::Number, "off"),
    }
}

/// A choice's options in `locale`; none for other fields.
pub fn options(locale: Locale, field: Field) -> Vec<RadioOption> {
    match field {
        Field::Centre => text::radio_options(locale, ServiceCentre::OPTIONS),
        Field::Housing => text::radio_options(locale, LivingSituation::OPTIONS),
        Field::Employment => text::radio_options(locale, Employment::OPTIONS),
        Field::TaxCredit => text::radio_options(locale, TaxCredit::OPTIONS),
        Field::ContactLanguage => text::radio_options(locale, Language::OPTIONS),
        Field::PreviousAid
        | Field::Partner
        | Field::PaidToPartner
        | Field::Student
        | Field::Wheelchair => text::radio_options(locale, bool::OPTIONS),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_field_lists_the_options_the_draft_accepts() {
        for &field in Field::ALL {
            let listed: Vec<&str> = options(Locale::is, field)
                .into_iter()
                .map(|o| o.value)
                .collect();
            assert_eq!(listed, field.options(), "{field:?}");
            assert_eq!(
                control(field) == Control::Choice,
                !listed.is_empty(),
                "{field:?}"
            );
        }
    }

    #[test]
    fn district_centres_keep_their_official_icelandic_names() {
        let centres = options(Locale::en, Field::Centre);
        assert_eq!(centres[0].label, "Vesturmiðstöð");
        assert_eq!(centres[0].lang, Some("is"));
        assert_eq!(centres[4].value, "online-center");
        assert_eq!(centres[4].lang, None);
    }
}
