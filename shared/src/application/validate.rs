//! One check of the whole draft for a service, run by the browser page by page and by the API
//! on the whole: the typed application, or every problem at once.

use serde::{Deserialize, Serialize};

use super::{ApplicationDraft, Field, MAX_LINE, MAX_TEXT, Step, steps_for};
use crate::{
    Language, ProblemCode, ServiceCentre, ServiceId,
    answers::{Employment, LivingSituation},
    application::TaxCredit,
    validation::{BankAccount, Kennitala, Kronur, PhoneNumber, Postcode, Residence},
};

/// Why one field cannot be accepted: a stable code the UI translates, never the value itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: Field,
    pub code: ProblemCode,
}

/// An application that passed validation: typed values only, ready to store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    pub service: ServiceId,
    pub name: String,
    pub kennitala: Kennitala,
    pub address: String,
    pub postcode: Postcode,
    pub centre: ServiceCentre,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub financial: Option<FinancialDetails>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub housing: Option<LivingSituation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub income: Option<Kronur>,
    /// Where the income comes from, in the resident's words, if they said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub income_source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rent: Option<Kronur>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub household_size: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wheelchair: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help_needed: Option<String>,
    pub email: Option<String>,
    pub phone: PhoneNumber,
    pub contact_language: Language,
}

/// What only the financial-assistance application asks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinancialDetails {
    pub previous_aid: bool,
    /// The spouse or cohabitant confirms their own part later; until then only who they are.
    pub partner: Option<PartnerDetails>,
    pub children: u8,
    pub student: bool,
    pub employment: Employment,
    pub tax_credit: TaxCredit,
    pub bank_account: BankAccount,
}

/// Who the partner is: they are invited by e-mail to confirm their own part (`PartnerPart`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerDetails {
    pub kennitala: Kennitala,
    /// Empty in applications stored before the address was asked for (then `null`), which must
    /// still read back.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub email: String,
}

fn null_as_empty<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.unwrap_or_default())
}

/// The partner's own part of a financial-assistance application, as they confirmed it behind
/// their own private link: their consent is implied (the part cannot be sent without it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerPart {
    /// Their own income this month, before tax.
    pub income: Kronur,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub income_source: Option<String>,
    /// Their own account, when they want their share paid to them; otherwise the aid goes to
    /// the applicant's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_account: Option<BankAccount>,
}

/// Checks the partner's own part: consent, income, and the bank account if they asked to be
/// paid themselves. Fields of the applicant's pages are not looked at.
pub fn validate_partner_part(draft: &ApplicationDraft) -> Result<PartnerPart, Vec<FieldProblem>> {
    let mut v = Validator {
        draft,
        problems: Vec::new(),
    };
    if !draft.consent {
        v.problem(Field::Consent, Field::Consent.required_code());
    }
    let income = v.parsed(Field::Income, Kronur::parse);
    let income_source = v.optional_line(Field::IncomeSource).flatten();
    let paid_to_partner = v.required(Field::PaidToPartner, draft.paid_to_partner);
    let bank_account = (paid_to_partner == Some(true))
        .then(|| v.parsed(Field::BankAccount, BankAccount::parse))
        .flatten();
    match (v.problems.is_empty(), income) {
        (true, Some(income)) => Ok(PartnerPart {
            income,
            income_source,
            bank_account,
        }),
        _ => Err(v.problems),
    }
}

impl Application {
    /// The first-time (or after six months) financial-assistance applicant must show photo ID
    /// at a service centre within two working days.
    pub fn needs_photo_id(&self) -> bool {
        self.financial.as_ref().is_some_and(|f| !f.previous_aid)
    }
}

/// Checks every field `service` asks for and builds the typed application, or lists every
/// problem at once (the API reports them all; a page shows those of its own fields).
pub fn validate(
    service: ServiceId,
    draft: &ApplicationDraft,
) -> Result<Application, Vec<FieldProblem>> {
    let mut v = Validator {
        draft,
        problems: Vec::new(),
    };
    let steps = steps_for(service, draft);
    let asks = |step: Step| steps.contains(&step);

    if !draft.consent {
        v.problem(Field::Consent, Field::Consent.required_code());
    }
    let name = v.line(Field::Name, MAX_LINE);
    let kennitala = v.parsed(Field::Kennitala, Kennitala::parse);
    let address = v.line(Field::Address, MAX_LINE);
    let postcode = v.parsed(Field::Postcode, Postcode::parse);
    if postcode.is_some_and(|p| p.residence() == Residence::OutsideReykjavik) {
        v.problem(Field::Postcode, ProblemCode::PostcodeOutsideReykjavik);
    }
    let centre = v.required(Field::Centre, draft.centre);
    let financial = (service == ServiceId::FinancialAssistance)
        .then(|| financial_details(&mut v, kennitala, asks(Step::PartnerDetails)))
        .flatten();
    let housing = asks(Step::Housing)
        .then(|| v.required(Field::Housing, draft.housing))
        .flatten();
    let income = asks(Step::Income)
        .then(|| v.parsed(Field::Income, Kronur::parse))
        .flatten();
    let income_source = asks(Step::Income)
        .then(|| v.optional_line(Field::IncomeSource))
        .flatten()
        .flatten();
    let rent = asks(Step::Rent)
        .then(|| v.parsed(Field::Rent, Kronur::parse))
        .flatten();
    let household_size = asks(Step::HouseholdSize)
        .then(|| v.count(Field::HouseholdSize, 20))
        .flatten();
    if household_size == Some(0) {
        // The applicant is one of the household.
        v.problem(Field::HouseholdSize, ProblemCode::NumberTooSmall);
    }
    let wheelchair = asks(Step::Wheelchair)
        .then(|| v.required(Field::Wheelchair, draft.wheelchair))
        .flatten();
    let help_needed = asks(Step::HelpNeeded)
        .then(|| v.line(Field::HelpNeeded, MAX_TEXT))
        .flatten();
    if asks(Step::Documents) && !draft.documents_seen {
        v.problem(Field::DocumentsSeen, Field::DocumentsSeen.required_code());
    }
    let email = v.email(Field::Email);
    let phone = v.parsed(Field::Phone, PhoneNumber::parse);
    let contact_language = v.required(Field::ContactLanguage, draft.contact_language);

    // Every value below is present once no problem was found: a missing one was a problem.
    let (
        false,
        Some(name),
        Some(kennitala),
        Some(address),
        Some(postcode),
        Some(centre),
        Some(phone),
        Some(contact_language),
    ) = (
        !v.problems.is_empty(),
        name,
        kennitala,
        address,
        postcode,
        centre,
        phone,
        contact_language,
    )
    else {
        return Err(v.problems);
    };
    Ok(Application {
        service,
        name,
        kennitala,
        address,
        postcode,
        centre,
        financial,
        housing,
        income,
        income_source,
        rent,
        household_size,
        wheelchair,
        help_needed,
        email: email.flatten(),
        phone,
        contact_language,
    })
}

/// What only financial assistance asks: earlier aid, the partner (whose kennitala cannot be the
/// applicant's own), children, studies, work, the tax credit and where to pay.
fn financial_details(
    v: &mut Validator<'_>,
    applicant: Option<Kennitala>,
    asks_partner: bool,
) -> Option<FinancialDetails> {
    let draft = v.draft;
    let previous_aid = v.required(Field::PreviousAid, draft.previous_aid);
    let has_partner = v.required(Field::Partner, draft.partner);
    let partner = if asks_partner {
        let kennitala = v.parsed(Field::PartnerKennitala, Kennitala::parse);
        if kennitala.is_some() && kennitala == applicant {
            v.problem(
                Field::PartnerKennitala,
                ProblemCode::KennitalaSameAsApplicant,
            );
        }
        // Required: the partner confirms their part through a link sent there.
        let email = match v.email(Field::PartnerEmail) {
            Some(None) => {
                v.problem(Field::PartnerEmail, Field::PartnerEmail.required_code());
                None
            }
            other => other.flatten(),
        };
        kennitala
            .zip(email)
            .map(|(kennitala, email)| PartnerDetails { kennitala, email })
    } else {
        None
    };
    let children = v.count(Field::Children, 30);
    let student = v.required(Field::Student, draft.student);
    let employment = v.required(Field::Employment, draft.employment);
    let tax_credit = v.required(Field::TaxCredit, draft.tax_credit);
    let bank_account = v.parsed(Field::BankAccount, BankAccount::parse);
    if has_partner? && partner.is_none() {
        return None;
    }
    Some(FinancialDetails {
        previous_aid: previous_aid?,
        partner,
        children: children?,
        student: student?,
        employment: employment?,
        tax_credit: tax_credit?,
        bank_account: bank_account?,
    })
}

/// The problems of one page of `service`'s application only.
pub fn problems_on(step: Step, service: ServiceId, draft: &ApplicationDraft) -> Vec<FieldProblem> {
    super::Form::Application(service).problems_on(step, draft)
}

struct Validator<'a> {
    draft: &'a ApplicationDraft,
    problems: Vec<FieldProblem>,
}

impl Validator<'_> {
    fn problem(&mut self, field: Field, code: ProblemCode) {
        self.problems.push(FieldProblem { field, code });
    }

    fn required<T>(&mut self, field: Field, value: Option<T>) -> Option<T> {
        if value.is_none() {
            self.problem(field, field.required_code());
        }
        value
    }

    /// A required line of text, trimmed.
    fn line(&mut self, field: Field, max: usize) -> Option<String> {
        let text = field
            .text(self.draft)
            .map(str::trim)
            .filter(|t| !t.is_empty());
        let text = self.required(field, text)?;
        if let Err(code) = crate::validation::check_free_text(text, max) {
            self.problem(field, code);
            return None;
        }
        Some(text.to_owned())
    }

    /// An optional line: `Some(None)` when left blank.
    fn optional_line(&mut self, field: Field) -> Option<Option<String>> {
        let text = field.text(self.draft).unwrap_or("").trim();
        if let Err(code) = crate::validation::check_free_text(text, MAX_LINE) {
            self.problem(field, code);
            return None;
        }
        Some((!text.is_empty()).then(|| text.to_owned()))
    }

    fn email(&mut self, field: Field) -> Option<Option<String>> {
        let address = self.optional_line(field)?;
        match address {
            Some(a) if !is_email_address(&a) => {
                self.problem(field, ProblemCode::EmailBadFormat);
                None
            }
            other => Some(other),
        }
    }

    fn count(&mut self, field: Field, max: u8) -> Option<u8> {
        let text = field
            .text(self.draft)
            .map(str::trim)
            .filter(|t| !t.is_empty());
        let text = self.required(field, text)?;
        match crate::numbers::western_digits(text).parse::<u32>() {
            Err(_) => {
                self.problem(field, ProblemCode::NumberBadFormat);
                None
            }
            Ok(n) if n > u32::from(max) => {
                self.problem(field, ProblemCode::NumberTooLarge);
                None
            }
            Ok(n) => Some(n as u8),
        }
    }

    /// A value only a parser can build, its error carried as the problem.
    fn parsed<T, E: Into<ProblemCode>>(
        &mut self,
        field: Field,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<T> {
        let Some(text) = field.text(self.draft) else {
            self.problem(field, field.required_code());
            return None;
        };
        match parse(text) {
            Ok(value) => Some(value),
            Err(error) => {
                self.problem(field, error.into());
                None
            }
        }
    }
}

/// Addresses without a dot after the @ are valid by the RFC but, typed on a phone, are nearly
/// always a typo for a real address.
/// An address mail can be sent to: valid by RFC 5322, with a dotted domain (`anna@localhost`
/// is valid but reaches nobody of ours).
pub fn is_email_address(address: &str) -> bool {
    email_address::EmailAddress::is_valid(address) && has_dotted_domain(address)
}

fn has_dotted_domain(address: &str) -> bool {
    address
        .rsplit_once('@')
        .is_some_and(|(_, domain)| domain.contains('.') && !domain.ends_with('.'))
}
