//! The pages of an application, each with its own URL (`/apply/<service>/<slug>`).

use serde::{Deserialize, Serialize};

use super::{ApplicationDraft, Field};
use crate::ServiceId;

/// The pages, written once: the enum, its slugs, the list of every page and the fields each
/// page asks for are generated from this table.
macro_rules! steps {
    ($($step:ident => $slug:literal [$($field:ident),+],)*) => {
        /// One page of the application.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "kebab-case")]
        pub enum Step {
            $($step,)*
        }

        impl Step {
            pub const ALL: &'static [Step] = &[$(Step::$step,)*];

            pub fn slug(self) -> &'static str {
                match self {
                    $(Step::$step => $slug,)*
                }
            }

            /// The fields this page asks for, in the order they appear.
            pub fn fields(self) -> &'static [Field] {
                match self {
                    $(Step::$step => &[$(Field::$field),+],)*
                }
            }
        }
    };
}

steps! {
    Consent => "consent" [Consent],
    Name => "name" [Name],
    Kennitala => "kennitala" [Kennitala],
    Address => "address" [Address, Postcode],
    Centre => "centre" [Centre],
    PreviousAid => "previous-aid" [PreviousAid],
    Partner => "partner" [Partner],
    PartnerDetails => "partner-details" [PartnerKennitala, PartnerEmail],
    Children => "children" [Children],
    Student => "student" [Student],
    Housing => "housing" [Housing],
    Employment => "employment" [Employment],
    Income => "income" [Income, IncomeSource],
    TaxCredit => "tax-credit" [TaxCredit],
    BankAccount => "bank-account" [BankAccount],
    PartnerPayment => "payment" [PaidToPartner],
    Rent => "rent" [Rent],
    HouseholdSize => "household-size" [HouseholdSize],
    Wheelchair => "wheelchair" [Wheelchair],
    HelpNeeded => "help-needed" [HelpNeeded],
    Documents => "documents" [DocumentsSeen],
    Email => "email" [Email],
    Phone => "phone" [Phone],
    ContactLanguage => "contact-language" [ContactLanguage],
}

impl Step {
    pub fn from_slug(slug: &str) -> Option<Step> {
        Step::ALL.iter().copied().find(|s| s.slug() == slug)
    }

    /// Whether the resident has been through this page: every field holds something (an
    /// optional one left blank holds an empty text).
    pub fn is_answered(self, draft: &ApplicationDraft) -> bool {
        self.fields().iter().all(|field| field.is_filled(draft))
            && !draft.to_confirm.contains(&self)
    }

    /// Whether `form` can have this page at all (the partner's details only once a partner is
    /// named, the partner's bank account only if they want the aid paid to them).
    pub fn belongs_to(self, form: Form) -> bool {
        let eventually = ApplicationDraft {
            partner: Some(true),
            paid_to_partner: Some(true),
            ..ApplicationDraft::default()
        };
        form.steps(&eventually).contains(&self)
    }
}

/// The pages of `service`'s application, in order, given what has been answered so far (a
/// partner's details are asked only of someone who has one).
pub fn steps_for(service: ServiceId, draft: &ApplicationDraft) -> Vec<Step> {
    use Step::*;
    let mut steps = vec![Consent, Name, Kennitala, Address, Centre];
    let own: &[Step] = match service {
        ServiceId::FinancialAssistance => &[
            PreviousAid,
            Partner,
            PartnerDetails,
            Children,
            Student,
            Housing,
            Employment,
            Income,
            TaxCredit,
            BankAccount,
            Documents,
        ],
        ServiceId::SpecialHousingSupport => &[Housing, Rent, Income, Documents],
        ServiceId::SocialRentalHousing => &[Housing, HouseholdSize, Income, Documents],
        ServiceId::TransportForDisabledPeople => &[Wheelchair, HelpNeeded],
        _ => &[HelpNeeded],
    };
    steps.extend(
        own.iter()
            .copied()
            .filter(|s| *s != PartnerDetails || draft.partner == Some(true)),
    );
    steps.extend([Email, Phone, ContactLanguage]);
    steps
}

/// The pages of the partner's own part: consent, their income, and their bank account only if
/// they want the aid paid to them rather than into the applicant's account.
pub fn partner_steps(draft: &ApplicationDraft) -> Vec<Step> {
    use Step::*;
    let mut steps = vec![Consent, Income, PartnerPayment];
    if draft.paid_to_partner == Some(true) {
        steps.push(BankAccount);
    }
    steps
}

/// The first page of `service`'s application not yet answered, or `None` when it is ready to
/// check.
pub fn next_step(service: ServiceId, draft: &ApplicationDraft) -> Option<Step> {
    Form::Application(service).next_step(draft)
}

/// What a set of pages fills in: a resident's application for a service, or a partner's own
/// part of a financial-assistance application. Both are an `ApplicationDraft` asked page by page
/// with the same fields, so one form kit and one validator serve both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    Application(ServiceId),
    PartnerPart,
}

impl Form {
    /// Its pages, in order, given what has been answered so far.
    pub fn steps(self, draft: &ApplicationDraft) -> Vec<Step> {
        match self {
            Form::Application(service) => steps_for(service, draft),
            Form::PartnerPart => partner_steps(draft),
        }
    }

    /// The first page not yet answered, or `None` when everything is ready to check.
    pub fn next_step(self, draft: &ApplicationDraft) -> Option<Step> {
        self.steps(draft)
            .into_iter()
            .find(|s| !s.is_answered(draft))
    }

    /// Every problem of the whole draft; none when it can be sent.
    pub fn problems(self, draft: &ApplicationDraft) -> Vec<super::FieldProblem> {
        match self {
            Form::Application(service) => super::validate(service, draft).err(),
            Form::PartnerPart => super::validate_partner_part(draft).err(),
        }
        .unwrap_or_default()
    }

    /// The problems of one page's fields only: what that page shows when Continue is pressed.
    pub fn problems_on(self, step: Step, draft: &ApplicationDraft) -> Vec<super::FieldProblem> {
        self.problems(draft)
            .into_iter()
            .filter(|p| p.field.step() == step)
            .collect()
    }
}
