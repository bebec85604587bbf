//! The JSON the API speaks, shared so that client and server cannot disagree on a field.

use serde::{Deserialize, Serialize};

/// `GET /api/health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    pub version: String,
    pub database: DatabaseStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum DatabaseStatus {
    Ok,
    Unavailable,
}

/// An RFC 9457 problem detail, served as `application/problem+json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// A JSON Pointer (RFC 6901) to the field, e.g. `/household/children/0/age`.
    pub pointer: String,
    /// A stable code the UI translates, e.g. `kennitala.bad-date`.
    pub code: String,
    pub detail: String,
}

impl FieldError {
    /// The problem the code names; a code this build does not know (from a newer server) reads
    /// as "check this answer".
    pub fn problem(&self) -> crate::ProblemCode {
        crate::ProblemCode::from_key(&self.code).unwrap_or(crate::ProblemCode::InvalidValue)
    }
}

pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

/// `POST /api/eligibility`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct EligibilityRequest {
    #[serde(deserialize_with = "object_only")]
    pub answers: crate::answers::Answers,
    /// The day whose figures apply; today when absent.
    pub as_of: Option<crate::validation::Date>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EligibilityResponse {
    pub as_of: crate::validation::Date,
    pub results: Vec<crate::rules::ServiceResult>,
    /// What the screener should still ask, in order.
    pub relevant_questions: Vec<crate::answers::Question>,
}

/// One service of `GET /api/services?lang=xx`, in the asked language, with its official name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentEntry {
    pub id: crate::catalogue::Document,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceCatalogue {
    pub language: crate::language::Language,
    pub services: Vec<ServiceEntry>,
}

/// `POST /api/applications`, sent with an `Idempotency-Key` header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ApplicationRequest {
    pub service: crate::catalogue::ServiceId,
    /// The language the resident applied in: the receipt's and the counsellor's first contact.
    pub language: crate::language::Language,
    #[serde(deserialize_with = "object_only")]
    pub draft: crate::application::ApplicationDraft,
}

/// What the resident keeps after applying. Only the hash of `status_token` is stored, so this
/// answer is the one place the private link exists; a retry with the same key gives it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationReceipt {
    /// `RVK-2026-000123`: what the resident quotes on the phone.
    pub reference: String,
    /// At least 128 random bits, base64url: the key to `/status/<token>`.
    pub status_token: String,
    pub service: crate::catalogue::ServiceId,
    pub centre: crate::catalogue::ServiceCentre,
    /// RFC 3339, UTC.
    pub submitted_at: String,
    /// First-time financial-assistance applicants show photo ID within two working days.
    pub photo_id_required: bool,
}

/// The header carrying the client's idempotency key.
pub const IDEMPOTENCY_KEY_HEADER: &str = "idempotency-key";

/// Reads a nested struct only from a JSON object. serde would also fill one from an array, field
/// by field in order: no client of ours sends that, the published schema does not allow it, and
/// a positional answer is one nobody can check by its name.
fn object_only<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Object<T>(std::marker::PhantomData<T>);

    impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Object<T> {
        type Value = T;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object")
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
        }
    }

    deserializer.deserialize_map(Object(std::marker::PhantomData))
}
