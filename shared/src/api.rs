//! The JSON the API speaks, shared so that client and server cannot disagree on a field.

use serde::{Deserialize, Serialize};

/// `GET /api/health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub version: String,
    pub database: DatabaseStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatabaseStatus {
    Ok,
    Unavailable,
}

/// An RFC 9457 problem detail, served as `application/problem+json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// A URI naming the kind of problem; stable, so the UI can choose a translated message.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// One entry per invalid field, so the UI can show each message beside its field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// A JSON Pointer (RFC 6901) to the field, e.g. `/household/children/0/age`.
    pub pointer: String,
    /// A stable code the UI translates, e.g. `kennitala.bad-date`.
    pub code: String,
    pub detail: String,
}

pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

/// `POST /api/eligibility`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EligibilityRequest {
    pub answers: crate::answers::Answers,
    /// The day whose figures apply; today when absent.
    pub as_of: Option<crate::validation::Date>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EligibilityResponse {
    pub as_of: crate::validation::Date,
    pub results: Vec<crate::rules::ServiceResult>,
    /// What the screener should still ask, in order.
    pub relevant_questions: Vec<crate::answers::Question>,
}

/// One service of `GET /api/services?lang=xx`, in the asked language, with its official name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceEntry {
    pub id: crate::catalogue::ServiceId,
    pub official_name: &'static str,
    pub name: String,
    pub summary: String,
    pub for_whom: String,
    pub areas: &'static [crate::catalogue::Area],
    pub how_to_apply: crate::catalogue::HowToApply,
    pub handled_by: crate::catalogue::Handler,
    pub documents: Vec<DocumentEntry>,
    pub legal_basis: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentEntry {
    pub id: crate::catalogue::Document,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceCatalogue {
    pub language: crate::language::Language,
    pub services: Vec<ServiceEntry>,
}
