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

pub fn tax_credit_label(locale: Locale, index: usize) -> &'static str {
    match index {
        0 => td_string!(locale, application.tax_credit.used_elsewhere),
        1 => td_string!(locale, application.tax_credit.partly_used),
        _ => td_string!(locale, application.tax_credit.not_used),
    }
}

pub fn online_center_label(locale: Locale) -> &'static str {
    td_string!(locale, application.centre.online_center)
}

/// The message for a problem code from `shared` (the browser's check or the API's 422).
pub fn problem_message(locale: Locale, code: &str) -> &'static str {
    match code {
        "required.consent" => td_string!(locale, errors.required.consent),
        "required.name" => td_string!(locale, errors.required.name),
        "required.kennitala" => td_string!(locale, errors.required.kennitala),
        "required.address" => td_string!(locale, errors.required.address),
        "required.postcode" => td_string!(locale, errors.required.postcode),
        "required.centre" => td_string!(locale, errors.required.centre),
        "required.partner-kennitala" => td_string!(locale, errors.required.partner_kennitala),
        "required.number" => td_string!(locale, errors.required.number),
        "required.amount" => td_string!(locale, errors.required.amount),
        "required.bank-account" => td_string!(locale, errors.required.bank_account),
        "required.help-needed" => td_string!(locale, errors.required.help_needed),
        "required.documents" => td_string!(locale, errors.required.documents),
        "required.phone" => td_string!(locale, errors.required.phone),
        "text.too-long" => td_string!(locale, errors.text.too_long),
        "email.bad-format" => td_string!(locale, errors.email.bad_format),
        "number.bad-format" => td_string!(locale, errors.number.bad_format),
        "number.too-large" => td_string!(locale, errors.number.too_large),
        "number.too-small" => td_string!(locale, errors.number.too_small),
        "postcode.outside-reykjavik" => td_string!(locale, errors.postcode.outside_reykjavik),
        "postcode.empty" => td_string!(locale, errors.postcode.empty),
        "postcode.not-three-digits" => td_string!(locale, errors.postcode.not_three_digits),
        "postcode.not-icelandic" => td_string!(locale, errors.postcode.not_icelandic),
        "kennitala.same-as-applicant" => td_string!(locale, errors.kennitala.same_as_applicant),
        "kennitala.empty" => td_string!(locale, errors.kennitala.empty),
        "kennitala.wrong-length" => td_string!(locale, errors.kennitala.wrong_length),
        "kennitala.not-digits" => td_string!(locale, errors.kennitala.not_digits),
        "kennitala.bad-century" => td_string!(locale, errors.kennitala.bad_century),
        "kennitala.bad-date" => td_string!(locale, errors.kennitala.bad_date),
        "kennitala.company-number" => td_string!(locale, errors.kennitala.company_number),
        "money.empty" => td_string!(locale, errors.money.empty),
        "money.negative" => td_string!(locale, errors.money.negative),
        "money.not-whole-kronur" => td_string!(locale, errors.money.not_whole_kronur),
        "money.bad-format" => td_string!(locale, errors.money.bad_format),
        "money.too-large" => td_string!(locale, errors.money.too_large),
        "phone.empty" => td_string!(locale, errors.phone.empty),
        "phone.bad-characters" => td_string!(locale, errors.phone.bad_characters),
        "phone.wrong-length" => td_string!(locale, errors.phone.wrong_length),
        "phone.not-icelandic" => td_string!(locale, errors.phone.not_icelandic),
        "bank-account.empty" => td_string!(locale, errors.bank_account.empty),
        "bank-account.bad-format" => td_string!(locale, errors.bank_account.bad_format),
        "bank-account.wrong-length.bank" => {
            td_string!(locale, errors.bank_account.wrong_length.bank)
        }
        "bank-account.wrong-length.ledger" => {
            td_string!(locale, errors.bank_account.wrong_length.ledger)
        }
        "bank-account.wrong-length.account" => {
            td_string!(locale, errors.bank_account.wrong_length.account)
        }
        "bank-account.wrong-length.whole" => {
            td_string!(locale, errors.bank_account.wrong_length.whole)
        }
        // "required.choice", and anything a newer server may send.
        _ => td_string!(locale, errors.required.choice),
    }
}
