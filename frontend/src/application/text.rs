//! The application's translated texts, chosen by step, field and problem code. Each arm names its
//! key, so the compiler checks that every key exists.

use velferd_shared::application::{Field, Step};

use crate::i18n::*;

pub fn step_title(locale: Locale, step: Step) -> &'static str {
    match step {
        Step::Consent => td_text!(locale, application.consent.title),
        Step::Name => td_text!(locale, application.name.title),
        Step::Kennitala => td_text!(locale, application.kennitala.title),
        Step::Address => td_text!(locale, application.address.title),
        Step::Centre => td_text!(locale, application.centre.title),
        Step::PreviousAid => td_text!(locale, application.previous_aid.title),
        Step::Partner => td_text!(locale, application.partner.title),
        Step::PartnerDetails => td_text!(locale, application.partner_details.title),
        Step::Children => td_text!(locale, application.children.title),
        Step::Student => td_text!(locale, application.student.title),
        Step::Housing => td_text!(locale, questions.living.title),
        Step::Employment => td_text!(locale, questions.employment.title),
        Step::Income => td_text!(locale, application.income.title),
        Step::TaxCredit => td_text!(locale, application.tax_credit.title),
        Step::BankAccount => td_text!(locale, application.bank_account.title),
        Step::PartnerPayment => td_text!(locale, application.partner_payment.title),
        Step::Rent => td_text!(locale, application.rent.title),
        Step::HouseholdSize => td_text!(locale, application.household_size.title),
        Step::Wheelchair => td_text!(locale, application.wheelchair.title),
        Step::HelpNeeded => td_text!(locale, application.help_needed.title),
        Step::Documents => td_text!(locale, application.documents.title),
        Step::Email => td_text!(locale, application.email.title),
        Step::Phone => td_text!(locale, application.phone.title),
        Step::ContactLanguage => td_text!(locale, application.contact_language.title),
    }
}

pub fn step_hint(locale: Locale, step: Step) -> Option<&'static str> {
    Some(match step {
        Step::Kennitala => td_text!(locale, application.kennitala.hint),
        Step::Address => td_text!(locale, application.address.hint),
        Step::Centre => td_text!(locale, application.centre.hint),
        Step::Partner => td_text!(locale, application.partner.hint),
        Step::PartnerDetails => td_text!(locale, application.partner_details.hint),
        Step::Children => td_text!(locale, application.children.hint),
        Step::Student => td_text!(locale, application.student.hint),
        Step::Income => td_text!(locale, application.income.hint),
        Step::BankAccount => td_text!(locale, application.bank_account.hint),
        Step::PartnerPayment => td_text!(locale, application.partner_payment.hint),
        Step::Rent => td_text!(locale, application.rent.hint),
        Step::Wheelchair => td_text!(locale, application.wheelchair.hint),
        Step::HelpNeeded => td_text!(locale, application.help_needed.hint),
        Step::Email => td_text!(locale, application.email.hint),
        Step::Phone => td_text!(locale, application.phone.hint),
        Step::ContactLanguage => td_text!(locale, application.contact_language.hint),
        _ => return None,
    })
}

/// A field's own label where a page asks for several things; otherwise the page's title.
pub fn field_label(locale: Locale, field: Field) -> &'static str {
    match field {
        Field::Address => td_text!(locale, application.address.street),
        Field::Postcode => td_text!(locale, application.address.postcode),
        Field::PartnerKennitala => td_text!(locale, application.partner_details.kennitala),
        Field::PartnerEmail => td_text!(locale, application.partner_details.email),
        Field::Income => td_text!(locale, application.income.amount),
        Field::IncomeSource => td_text!(locale, application.income.source),
        Field::Consent => td_text!(locale, application.consent.label),
        other => step_title(locale, other.step()),
    }
}

/// A field's hint where a page asks for several things.
pub fn field_hint(locale: Locale, field: Field) -> Option<&'static str> {
    match field {
        Field::IncomeSource => Some(td_text!(locale, application.income.source_hint)),
        _ => None,
    }
}
