//! The JSON API, mounted under `/api`.

use axum::{
    Json, Router,
    extract::{DefaultBodyLimit, RawQuery, State},
    routing::{get, post},
};
use velferd_shared::{
    Language,
    api::{
        DatabaseStatus, DocumentEntry, EligibilityRequest, EligibilityResponse, Health,
        ServiceCatalogue, ServiceEntry,
    },
    catalogue::CATALOGUE,
    rules,
    validation::Date,
};

use crate::{
    AppState,
    error::{ApiError, JSON_BODY_LIMIT, ValidJson},
    translations::text,
};

pub fn api() -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .route("/eligibility", post(eligibility))
        .route("/services", get(services))
        .route("/applications", post(crate::applications::submit))
        .route("/applications/{token}", get(crate::follow::status))
        .route(
            "/applications/{token}/documents",
            // The handler reads the body itself, up to its own limit, after checking the link.
            post(crate::follow::add_document).layer(DefaultBodyLimit::disable()),
        )
        .route("/callbacks", post(crate::follow::request_callback))
        .fallback(|| async { ApiError::NotFound })
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .layer(DefaultBodyLimit::max(JSON_BODY_LIMIT))
}

async fn health(State(state): State<AppState>) -> Json<Health> {
    let database = if state.db.is_healthy().await {
        DatabaseStatus::Ok
    } else {
        DatabaseStatus::Unavailable
    };
    Json(Health {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        database,
    })
}

/// The catalogue in the language of `?lang=`; a language we do not speak gets Icelandic.
async fn services(RawQuery(query): RawQuery) -> Json<ServiceCatalogue> {
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

/// The same engine the browser runs, so a result never differs between the two.
async fn eligibility(
    ValidJson(request): ValidJson<EligibilityRequest>,
) -> Json<EligibilityResponse> {
    let as_of = request.as_of.unwrap_or_else(today);
    Json(EligibilityResponse {
        as_of,
        results: rules::evaluate(&request.answers, as_of),
        relevant_questions: rules::relevant_questions(&request.answers),
    })
}

/// Today's date in UTC (Iceland keeps UTC all year).
pub fn today() -> Date {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    date_from_days((seconds / 86_400) as i64)
}

/// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
fn date_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
    Date::new(year, month, day).expect("the algorithm yields real dates")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_the_epoch_become_calendar_dates() {
        assert_eq!(date_from_days(0).to_string(), "1970-01-01");
        assert_eq!(date_from_days(19_782).to_string(), "2024-02-29");
        assert_eq!(date_from_days(20_781).to_string(), "2026-11-24");
    }
}
