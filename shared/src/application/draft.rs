//! The draft: everything typed so far, kept on the device and sent as is.

use serde::{Deserialize, Serialize};

use super::{Step, TaxCredit};
use crate::{
    Language, ServiceCentre, ServiceId,
    answers::{Answers, Employment, LivingSituation},
    validation::{Kronur, Postcode, Residence},
};

/// Everything the resident has filled in, as typed: kept on the device between pages and sent
/// to the API as is, so a rejected value comes back with a pointer to exactly this field.
/// `None` means not asked yet; an optional field left blank is `Some("")`. A partner's own part
/// of an application is a draft of the same kind, with only the partner's pages filled in.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct ApplicationDraft {
    pub consent: bool,
    pub name: Option<String>,
    pub kennitala: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub centre: Option<ServiceCentre>,
    pub previous_aid: Option<bool>,
    pub partner: Option<bool>,
    pub partner_kennitala: Option<String>,
    pub partner_email: Option<String>,
    pub children: Option<String>,
    pub student: Option<bool>,
    pub housing: Option<LivingSituation>,
    pub employment: Option<Employment>,
    pub income: Option<String>,
    pub income_source: Option<String>,
    pub tax_credit: Option<TaxCredit>,
    pub bank_account: Option<String>,
    /// The partner's own part only: whether their share is paid into their own account.
    pub paid_to_partner: Option<bool>,
    pub rent: Option<String>,
    pub household_size: Option<String>,
    pub wheelchair: Option<bool>,
    pub help_needed: Option<String>,
    pub documents_seen: bool,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub contact_language: Option<Language>,
    /// Next month's application: the reference of the one it continues, so counsellors see
    /// the months as one chain. Not an answer; the server links only an application of the
    /// same person and service.
    pub previous_reference: Option<String>,
    /// Pages asked again although answered: each month the resident confirms income and
    /// housing. A page leaves the list when the resident continues from it.
    pub to_confirm: Vec<super::Step>,
}

impl ApplicationDraft {
    /// A new application for `service`, filled with what the screener already knows, so that
    /// nothing is asked twice. Prefilled pages are skipped and can be changed on the summary.
    pub fn prefilled(service: ServiceId, answers: &Answers) -> ApplicationDraft {
        let postcode = answers.postcode.known().copied();
        let applies = |step: Step| step.belongs_to(super::Form::Application(service));
        let money = |amount: Option<&Kronur>| amount.map(|k| k.value().to_string());
        let mut draft = ApplicationDraft {
            postcode: postcode.map(|p| p.to_string()),
            ..ApplicationDraft::default()
        };
        if applies(Step::Partner) {
            draft.partner = answers.partner.known().copied();
        }
        // The screener counts children up to 25 (the leisure card, housing); the application
        // asks for those under 18, the ones financial assistance adds for.
        if applies(Step::Children) {
            draft.children = answers.children.known().map(|ages| {
                let under_18 = ages.iter().filter(|child| child.age.value() < 18).count();
                under_18.to_string()
            });
        }
        if applies(Step::Student) {
            draft.student = answers.student.known().copied();
        }
        if applies(Step::Housing) {
            draft.housing = answers.living.known().copied();
        }
        if applies(Step::Employment) {
            draft.employment = answers.employment.known().copied();
        }
        // Not the income: the screener asks for the household's income after tax, the
        // application for the applicant's own before tax, and one is no answer to the other.
        if applies(Step::Rent) {
            draft.rent = money(answers.rent_per_month.known());
        }
        draft
    }
}

impl ApplicationDraft {
    /// Next month's application for the same service, from this month's answers: everything
    /// kept, consent and the documents page asked again, income and housing to be confirmed.
    pub fn next_month(&self, previous_reference: &str) -> ApplicationDraft {
        ApplicationDraft {
            consent: false,
            documents_seen: false,
            previous_reference: Some(previous_reference.to_owned()),
            to_confirm: vec![super::Step::Income, super::Step::Housing],
            ..self.clone()
        }
    }

    /// The district centre that serves the postcode typed so far: the centre page's suggestion,
    /// which the resident confirms or changes.
    pub fn centre_from_postcode(&self) -> Option<ServiceCentre> {
        let postcode = Postcode::parse(self.postcode.as_deref()?).ok()?;
        match postcode.residence() {
            Residence::Reykjavik(centre) => Some(centre),
            Residence::OutsideReykjavik => None,
        }
    }
}
