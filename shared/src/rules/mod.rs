//! The eligibility rules as code. `evaluate` says, for every service, whether a resident is
//! likely eligible, may be (a counsellor assesses), is not, or what we still need to know, and
//! why: every rule that was checked, with the figures it used and their year and source.
//!
//! Unknown is never a no: a rule the answers cannot decide makes the service "may be eligible".

pub mod parameters;
mod services;

use serde::Serialize;

use crate::{
    answers::{Answers, Question},
    catalogue::ServiceId,
    validation::Date,
};
pub use parameters::{Figure, FigureId, FigureStatus, FigureUnit, Source, SourceId};
pub use services::RuleId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    LikelyEligible,
    /// A counsellor assesses: a rule could not be decided from the answers, or is a judgement.
    MayBeEligible,
    NotEligible,
    /// A question that matters has not been asked yet.
    NeedMoreAnswers,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum RuleStatus {
    Passed,
    Failed,
    /// The resident answered "I don't know".
    Unknown,
    /// Not asked yet.
    Missing {
        questions: Vec<Question>,
    },
    /// Decided by a counsellor, never by the answers alone (points, assessed need).
    CounsellorAssesses,
}

/// A figure as it was used: the value, and the year it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FigureUsed {
    pub figure: FigureId,
    pub value: u64,
    pub year: u16,
    pub status: FigureStatus,
    pub source: Source,
}

impl From<&Figure> for FigureUsed {
    fn from(f: &Figure) -> FigureUsed {
        FigureUsed {
            figure: f.id,
            value: f.value,
            year: f.year,
            status: f.status,
            source: f.source,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RuleCheck {
    pub rule: RuleId,
    #[serde(flatten)]
    pub status: RuleStatus,
    pub figures: Vec<FigureUsed>,
    pub legal_reference: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Period {
    Month,
    Year,
    Hour,
    Meal,
    Trip,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Amount {
    pub kronur: u64,
    pub period: Period,
    /// "Up to": a ceiling, the real amount depends on things a counsellor checks.
    pub up_to: bool,
    /// Built on proposed or derived figures, or on the resident's own estimate of income.
    pub estimate: bool,
}

/// Another body the resident should apply to first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Referral {
    /// Tryggingastofnun: disability and old-age pensions.
    SocialInsuranceTr,
    /// Vinnumálastofnun: unemployment benefit; also serves asylum seekers.
    DirectorateOfLabour,
    /// HMS: the state housing benefit.
    HousingBenefitHms,
    /// Not resident in Reykjavík: the resident's own municipality.
    OwnMunicipality,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum NextStep {
    ApplyOnline,
    BookCall,
    ApplyElsewhere {
        url: &'static str,
    },
    ReadInformation,
    UrgentHelp,
    /// Nothing to do here: the service is not for this resident.
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Note {
    /// Yearly figures of an earlier year were used: the later ones are not published.
    FiguresFromEarlierYear { figures_year: u16, as_of_year: u16 },
    /// Financial aid can affect a foreign national's residence permit or citizenship.
    MayAffectResidencePermit,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceResult {
    pub service: ServiceId,
    pub outcome: Outcome,
    pub reasons: Vec<RuleCheck>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    pub next_step: NextStep,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub referrals: Vec<Referral>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

/// One outcome from the checks: a known failure decides; then an unasked question; then
/// anything undecided makes it a counsellor's call.
pub fn combine(checks: &[RuleCheck]) -> Outcome {
    let any = |f: fn(&RuleStatus) -> bool| checks.iter().any(|c| f(&c.status));
    if any(|s| matches!(s, RuleStatus::Failed)) {
        Outcome::NotEligible
    } else if any(|s| matches!(s, RuleStatus::Missing { .. })) {
        Outcome::NeedMoreAnswers
    } else if any(|s| matches!(s, RuleStatus::Unknown | RuleStatus::CounsellorAssesses)) {
        Outcome::MayBeEligible
    } else {
        Outcome::LikelyEligible
    }
}

/// Every service, in catalogue order, evaluated against the answers with the figures in force
/// on `as_of`.
pub fn evaluate(answers: &Answers, as_of: Date) -> Vec<ServiceResult> {
    services::evaluate_all(answers, as_of.year())
}

/// The questions still worth asking, in the screener's order: those that some undecided
/// service is waiting for. Empty when every service has an outcome.
pub fn relevant_questions(answers: &Answers) -> Vec<Question> {
    // Which questions matter does not depend on the year of the figures.
    let waiting: Vec<Question> = services::evaluate_all(answers, 2026)
        .into_iter()
        .filter(|r| r.outcome == Outcome::NeedMoreAnswers)
        .flat_map(|r| r.reasons)
        .filter_map(|c| match c.status {
            RuleStatus::Missing { questions } => Some(questions),
            _ => None,
        })
        .flatten()
        .filter(|q| !q.is_answered(answers))
        .collect();
    // Each once, in the order `Question::ALL` asks them: no sort, whose code the browser would
    // download with the screener.
    Question::ALL
        .into_iter()
        .filter(|q| waiting.contains(q))
        .collect()
}
#[cfg(test)]
mod properties;
#[cfg(test)]
pub(crate) mod tests;
