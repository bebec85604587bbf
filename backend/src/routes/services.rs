//! What the city offers and who qualifies: the catalogue and the eligibility engine.

use axum::{Json, extract::RawQuery};
use velferd_shared::{
    Language,
    api::{
        DocumentEntry, EligibilityRequest, EligibilityResponse, Problem, ServiceCatalogue,
        ServiceEntry,
    },
    catalogue::CATALOGUE,
    rules,
};

use crate::{clock::today, error::ValidJson, translations::text};

/// `GET /api/services?lang=`: a language we do not speak gets Icelandic.
#[utoipa::path(
    get,
    path = "/api/services",
    tag = "services",
    summary = "The service catalogue, translated",
    // A string, not the language enum: any other tag is answered too, in Icelandic.
    params(("lang" = Option<String>, Query, description = "A language tag such as `en` or `pl-PL`; one we do not speak gets Icelandic")),
    responses(
        (status = 200, description = "Every service, in the asked language, with its official name", body = ServiceCatalogue),
    )
)]
pub async fn services(RawQuery(query): RawQuery) -> Json<ServiceCatalogue> {
    let language = query
        .as_deref()
        .unwrap_or_default()
        .split('&')
        .find_map(|pair| pair.strip_prefix("lang="))
        .and_then(Language::from_tag)
        .unwrap_or_default();
    let services = CATALOGUE
        .iter()
        .map(|service| {
            let key = service.id.key();
            ServiceEntry {
                id: service.id,
                official_name: service.official_name,
                name: text(language, &format!("services.{key}.name")),
                summary: text(language, &format!("services.{key}.summary")),
                for_whom: text(language, &format!("services.{key}.for_whom")),
                areas: service.areas,
                how_to_apply: service.how_to_apply,
                handled_by: service.handled_by,
                documents: service
                    .documents
                    .iter()
                    .map(|d| DocumentEntry {
                        id: *d,
                        name: text(language, &format!("documents.{}", d.key())),
                    })
                    .collect(),
                legal_basis: service.legal_basis,
            }
        })
        .collect();
    Json(ServiceCatalogue { language, services })
}

/// `POST /api/eligibility`: the same engine the browser runs, so a result never differs
/// between the two.
#[utoipa::path(
    post,
    path = "/api/eligibility",
    tag = "services",
    summary = "Who qualifies for what, from the screener's answers",
    request_body(content = EligibilityRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "Every service's outcome, with the rules checked and the figures used", body = EligibilityResponse),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is larger than 64 KiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not declared as JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An answer is not valid; `errors` names each field", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn eligibility(
    ValidJson(request): ValidJson<EligibilityRequest>,
) -> Json<EligibilityResponse> {
    let as_of = request.as_of.unwrap_or_else(today);
    Json(EligibilityResponse {
        as_of,
        results: rules::evaluate(&request.answers, as_of),
        relevant_questions: rules::relevant_questions(&request.answers),
    })
}
