//! An application for a service, as the resident fills it in: one step per page (`steps`), each
//! step's fields (`fields`) in an `ApplicationDraft` kept on the device (`draft`), and one
//! `validate` that the browser runs on every page and the API runs again on the whole draft — so
//! both reject exactly the same input with the same codes.

mod draft;
mod fields;
mod steps;
mod validate;

use serde::{Deserialize, Serialize};

use crate::ServiceId;

pub use draft::ApplicationDraft;
pub use fields::{Field, FieldKind};
pub use steps::{Form, Step, next_step, partner_steps, steps_for};
pub use validate::{
    Application, FieldProblem, FinancialDetails, PartnerDetails, PartnerPart, is_email_address,
    problems_on, validate, validate_partner_part,
};

/// The services a resident can apply for here, online (services.md marks them so).
pub const ONLINE_SERVICES: [ServiceId; 7] = [
    ServiceId::FinancialAssistance,
    ServiceId::SpecialHousingSupport,
    ServiceId::SocialRentalHousing,
    ServiceId::HomeSupport,
    ServiceId::HomeDeliveredMeals,
    ServiceId::TransportForDisabledPeople,
    ServiceId::TransportForOlderPeople,
];

pub fn takes_online_application(service: ServiceId) -> bool {
    ONLINE_SERVICES.contains(&service)
}

#[cfg(test)]
#[test]
fn the_online_services_are_those_the_catalogue_says_apply_online() {
    for entry in crate::catalogue::CATALOGUE {
        assert_eq!(
            takes_online_application(entry.id),
            entry.how_to_apply == crate::HowToApply::OnlineApplication,
            "{:?}",
            entry.id
        );
    }
}

/// Longest free text we accept: enough for a few sentences, not for a pasted document.
pub const MAX_TEXT: usize = 2000;
/// Longest name, street address, e-mail or income source.
pub const MAX_LINE: usize = 200;

/// How the applicant uses their personal tax credit (persónuafsláttur): the city takes it into
/// account when it pays financial assistance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum TaxCredit {
    /// Used in full elsewhere (an employer, a pension fund).
    UsedElsewhere,
    /// Partly used elsewhere.
    PartlyUsed,
    /// Not used: the city may use it.
    NotUsed,
}

impl TaxCredit {
    pub const ALL: [TaxCredit; 3] = [
        TaxCredit::UsedElsewhere,
        TaxCredit::PartlyUsed,
        TaxCredit::NotUsed,
    ];
}

#[cfg(test)]
mod tests;
