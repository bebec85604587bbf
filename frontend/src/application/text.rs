//! The application's translated texts, chosen by step, field and problem code. Each arm names its
//! key, so the compiler checks that every key exists.

use velferd_shared::application::{Field, Step};

use crate::i18n::*;

pub fn step_title(locale: Locale, step: Step) -> &'static str {
    match step {
        Step::Consent => td_string!(locale, application.consent.title),
        Step::Name => td_string!(locale, application.name.title),
        Step::Kennitala => td_string!(locale, application.kennitala.title),
        Step::Address => td_string!(locale, application.address.title),
        Step::Centre => td_string!(locale, application.centre.title),
        Step::PreviousAid => td_string!(locale, application.previous_aid.title),
        Step::Partner => td_string!(locale, application.partner.title),
        Step::PartnerDetails => td_string!(locale, application.partner_details.title),
        Step::Children => td_string!(locale, application.children.title),
        Step::Student => td_string!(locale, application.student.title),
        Step::Housing => td_string!(locale, questions.living.title),
        Step::Employment => td_string!(locale, questions.employment.title),
        Step::Income => td_string!(locale, application.income.title),
        Step::TaxCredit => td_string!(locale, application.tax_credit.title),
        Step::BankAccount => td_string!(locale, application.bank_account.title),
        Step::PartnerPayment => td_string!(locale, application.partner_payment.title),
        Step::Rent => td_string!(locale, application.rent.title),
        Step::HouseholdSize => td_string!(locale, application.household_size.title),
        Step::Wheelchair => td_string!(locale, application.wheelchair.title),
        Step::HelpNeeded => td_string!(locale, application.help_needed.title),
        Step::Documents => td_string!(locale, application.documents.title),
        Step::Email => td_string!(locale, application.email.title),
        Step::Phone => td_string!(locale, application.phone.title),
        Step::ContactLanguage => td_string!(locale, application.contact_language.title),
    }
}

pub fn step_hint(locale: Locale, step: Step) -> Option<&'static str> {
    Some(match step {
        Step::Kennitala => td_string!(locale, application.kennitala.hint),
        Step::Address => td_string!(locale, application.address.hint),
        Step::Centre => td_string!(locale, application.centre.hint),
        Step::Partner => td_string!(locale, application.partner.hint),
        Step::PartnerDetails => td_string!(locale, application.partner_details.hint),
        Step::Children => td_string!(locale, application.children.hint),
        Step::Student => td_string!(locale, application.student.hint),
        Step::Income => td_string!(locale, application.income.hint),
        Step::BankAccount => td_string!(locale, application.bank_account.hint),
        Step::PartnerPayment => td_string!(locale, application.partner_payment.hint),
        Step::Rent => td_string!(locale, application.rent.hint),
        Step::Wheelchair => td_string!(locale, application.wheelchair.hint),
        Step::HelpNeeded => td_string!(locale, application.help_needed.hint),
        Step::Email => td_string!(locale, application.email.hint),
        Step::Phone => td_string!(locale, application.phone.hint),
        Step::ContactLanguage => td_string!(locale, application.contact_language.hint),
        _ => return None,
    })
}

/// A field's own label where a page asks for several things; otherwise the page's title.
pub fn field_label(locale: Locale, field: Field) -> &'static str {
    match field {
        Field::Address => td_string!(locale, application.address.street),
        Field::Postcode => td_string!(locale, application.address.postcode),
        Field::PartnerKennitala => td_string!(locale, application.partner_details.kennitala),
        Field::PartnerEmail => td_string!(locale, application.partner_details.email),
        Field::Income => td_string!(locale, application.income.amount),
        Field::IncomeSource => td_string!(locale, application.income.source),
        Field::Consent => td_string!(locale, application.consent.label),
        other => step_title(locale, other.step()),
    }
}

/// A field's hint where a page asks for several things.
pub fn field_hint(locale: Locale, field: Field) -> Option<&'static str> {
    match field {
        Field::IncomeSource => Some(td_string!(locale, application.income.source_hint)),
        _ => None,
    }
}
