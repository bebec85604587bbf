//! How each field of the application is asked: typed text, long text, a choice or a tick box,
//! and how a chosen option maps onto the draft.

use velferd_shared::{
    Language, ServiceCentre,
    answers::Question,
    application::{ApplicationDraft, Field, TaxCredit},
};

use crate::{
    application::text::{online_center_label, tax_credit_label},
    i18n::*,
    screener::questions::{EMPLOYMENT, LIVING},
    text::option_label,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    Text {
        inputmode: &'static str,
        autocomplete: &'static str,
    },
    LongText,
    /// One of this many options.
    Choice(usize),
    Tick,
    /// Nothing to fill in: the page only informs (what documents to send).
    Read,
}

const CENTRES: [ServiceCentre; 5] = [
    ServiceCentre::Vesturmidstod,
    ServiceCentre::Nordurmidstod,
    ServiceCentre::Sudurmidstod,
    ServiceCentre::Austurmidstod,
    ServiceCentre::OnlineCenter,
];

pub fn control(field: Field) -> Control {
    let text = |inputmode, autocomplete| Control::Text {
        inputmode,
        autocomplete,
    };
    match field {
        Field::Consent => Control::Tick,
        Field::DocumentsSeen => Control::Read,
        Field::Name => text("text", "name"),
        Field::Address => text("text", "street-address"),
        Field::Postcode => text("numeric", "postal-code"),
        Field::Kennitala | Field::PartnerKennitala => text("numeric", "off"),
        Field::Children | Field::HouseholdSize | Field::Income | Field::Rent => {
            text("numeric", "off")
        }
        Field::BankAccount => text("numeric", "off"),
        Field::IncomeSource => text("text", "off"),
        Field::Email | Field::PartnerEmail => text("email", "email"),
        Field::Phone => text("tel", "tel"),
        Field::HelpNeeded => Control::LongText,
        Field::Centre => Control::Choice(CENTRES.len()),
        Field::Housing => Control::Choice(LIVING.len()),
        Field::Employment => Control::Choice(EMPLOYMENT.len()),
        Field::TaxCredit => Control::Choice(TaxCredit::ALL.len()),
        Field::ContactLanguage => Control::Choice(Language::ALL.len()),
        Field::PreviousAid | Field::Partner | Field::Student | Field::Wheelchair => {
            Control::Choice(2)
        }
    }
}

fn yes_no(field: Field, draft: &mut ApplicationDraft) -> Option<&mut Option<bool>> {
    Some(match field {
        Field::PreviousAid => &mut draft.previous_aid,
        Field::Partner => &mut draft.partner,
        Field::Student => &mut draft.student,
        Field::Wheelchair => &mut draft.wheelchair,
        _ => return None,
    })
}

fn position<T: PartialEq>(options: &[T], value: Option<&T>) -> Option<usize> {
    value.and_then(|v| options.iter().position(|o| o == v))
}

/// The chosen option's index, if any.
pub fn chosen(field: Field, draft: &ApplicationDraft) -> Option<usize> {
    match field {
        Field::Centre => position(&CENTRES, draft.centre.as_ref()),
        Field::Housing => position(&LIVING, draft.housing.as_ref()),
        Field::Employment => position(&EMPLOYMENT, draft.employment.as_ref()),
        Field::TaxCredit => position(&TaxCredit::ALL, draft.tax_credit.as_ref()),
        Field::ContactLanguage => position(&Language::ALL, draft.contact_language.as_ref()),
        _ => {
            let mut copy = draft.clone();
            yes_no(field, &mut copy)
                .and_then(|v| *v)
                .map(|yes| if yes { 0 } else { 1 })
        }
    }
}

/// Writes option `index` (or nothing chosen) into the draft.
pub fn choose(field: Field, draft: &mut ApplicationDraft, index: Option<usize>) {
    match field {
        Field::Centre => draft.centre = index.and_then(|i| CENTRES.get(i).copied()),
        Field::Housing => draft.housing = index.and_then(|i| LIVING.get(i).copied()),
        Field::Employment => draft.employment = index.and_then(|i| EMPLOYMENT.get(i).copied()),
        Field::TaxCredit => draft.tax_credit = index.and_then(|i| TaxCredit::ALL.get(i).copied()),
        Field::ContactLanguage => {
            draft.contact_language = index.and_then(|i| Language::ALL.get(i).copied())
        }
        _ => {
            if let Some(slot) = yes_no(field, draft) {
                *slot = index.map(|i| i == 0);
            }
        }
    }
}

/// The label of option `index`. Centres keep their official names; languages their own.
pub fn option(locale: Locale, field: Field, index: usize) -> String {
    match field {
        Field::Centre => match CENTRES.get(index) {
            Some(ServiceCentre::OnlineCenter) | None => online_center_label(locale).to_owned(),
            Some(centre) => centre.official_name().to_owned(),
        },
        Field::Housing => option_label(locale, Question::Living, index).to_owned(),
        Field::Employment => option_label(locale, Question::Employment, index).to_owned(),
        Field::TaxCredit => tax_credit_label(locale, index).to_owned(),
        Field::ContactLanguage => Language::ALL
            .get(index)
            .map(|l| l.native_name().to_owned())
            .unwrap_or_default(),
        _ => option_label(locale, Question::Partner, index).to_owned(),
    }
}

/// The `lang` of an option's label, where it is not in the page's language.
pub fn option_lang(field: Field, index: usize) -> Option<&'static str> {
    match field {
        Field::ContactLanguage => Language::ALL.get(index).map(|l| l.code()),
        Field::Centre if CENTRES.get(index) != Some(&ServiceCentre::OnlineCenter) => Some("is"),
        _ => None,
    }
}
