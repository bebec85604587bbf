//! What the city offers and who qualifies: the catalogue and the eligibility engine.

use axum::{Json, extract::RawQuery};
use velferd_shared::{
    Language,
    api::{DocumentEntry, EligibilityRequest, EligibilityResponse, ServiceCatalogue, ServiceEntry},
    catalogue::CATALOGUE,
    rules,
};

use crate::{clock::today, error::ValidJson, translations::text};

/// `GET /api/services?lang=`: a language we do not speak gets Icelandic.
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
