//! The centre's applications: the inbox, one case with everything the resident sent, changes
//! to it, taking it, and its documents. Every look at a case and every change is audited.

use axum::{
    Json,
    extract::{Path, Query, State, rejection::QueryRejection},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use sqlx::Row;
use time::{OffsetDateTime, format_description::well_known::Rfc3339};
use velferd_shared::{
    Language, ServiceCentre, ServiceId,
    follow::{Decision, DocumentKind, Status},
    staff::{
        Assign, Assigned, Case, CaseDocument, CaseEvent, Inbox, InboxCounts, InboxRow, NewCaseEvent,
    },
    validation::{Kennitala, Kronur},
};

use super::{Params, named, params, text};
use crate::{
    AppState, cases,
    db::{Database, Statement, from_stored_name, stored_name},
    error::{ApiError, ValidJson},
    staff::{
        audit::{self, Action},
        sessions::StaffSession,
    },
};

pub const PAGE_SIZE: u32 = 25;

/// The statuses the inbox counts under one heading: a document that arrived is back in review.
fn heading(status: Status) -> &'static [Status] {
    match status {
        Status::InReview => &[Status::InReview, Status::DocumentReceived],
        Status::Received => &[Status::Received],
        Status::MoreInformationNeeded => &[Status::MoreInformationNeeded],
        Status::DocumentReceived => &[Status::DocumentReceived],
        Status::Decided => &[Status::Decided],
    }
}

/// The inbox's filters but the status, which the counts ignore so every heading shows its own.
struct Filters {
    centres: Vec<ServiceCentre>,
    service: Option<ServiceId>,
    assigned: Option<(Assigned, i64)>,
    reference: Option<String>,
    /// A kennitala search: the ids it found.
    ids: Option<Vec<i64>>,
}

impl Filters {
    fn push(&self, query: &mut Statement<'_>) {
        query
            .push(" WHERE a.centre IN (")
            .push_list(self.centres.iter().map(stored_name))
            .push(")");
        if let Some(service) = &self.service {
            query
                .push(" AND a.service = ")
                .push_bind(stored_name(service));
        }
        match self.assigned {
            Some((Assigned::Me, me)) => {
                query.push(" AND a.assignee = ").push_bind(me);
            }
            Some((Assigned::None, _)) => {
                query.push(" AND a.assignee IS NULL");
            }
            None => {}
        }
        if let Some(reference) = &self.reference {
            query
                .push(" AND a.reference = ")
                .push_bind(reference.clone());
        }
        if let Some(ids) = &self.ids {
            query.push(" AND a.id IN (-1");
            for id in ids {
                query.push(", ").push_bind(*id);
            }
            query.push(")");
        }
    }
}

/// `GET /api/staff/applications?centre=&status=&service=&assigned=me|none&q=&page=`
pub async fn inbox(
    staff: StaffSession,
    State(state): State<AppState>,
    query: Result<Query<Params>, QueryRejection>,
) -> Result<Json<Inbox>, ApiError> {
    let params = params(query)?;
    let centre: Option<ServiceCentre> = named(&params, "centre")?;
    let status: Option<Status> = named(&params, "status")?;
    let page = match text(&params, "page") {
        None => 1,
        Some(page) => page
            .parse::<u32>()
            .ok()
            .filter(|p| *p >= 1)
            .ok_or_else(|| ApiError::MalformedBody("page is a number from 1".into()))?,
    };
    let mut filters = Filters {
        // Another centre's inbox is simply empty.
        centres: staff
            .centres
            .iter()
            .copied()
            .filter(|c| centre.is_none_or(|wanted| wanted == *c))
            .collect(),
        service: named(&params, "service")?,
        assigned: named::<Assigned>(&params, "assigned")?.map(|a| (a, staff.id)),
        reference: None,
        ids: None,
    };
    if let Some(q) = text(&params, "q") {
        match Kennitala::parse(q) {
            Ok(kennitala) => {
                // Looking a person up is a look at their data, whatever it finds.
                audit::record(
                    &state.db,
                    staff.id,
                    Action::SearchedKennitala,
                    None,
                    staff.client,
                )
                .await?;
                filters.ids = Some(applications_of(&state.db, &filters.centres, kennitala).await?);
            }
            Err(_) => filters.reference = Some(q.to_uppercase()),
        }
    }
    if filters.centres.is_empty() {
        return Ok(Json(Inbox {
            rows: Vec::new(),
            counts: InboxCounts::default(),
            page: 1,
            pages: 1,
        }));
    }

    let mut counting = Statement::new("SELECT a.status, COUNT(*) AS n FROM applications a");
    filters.push(&mut counting);
    counting.push(" GROUP BY a.status");
    let per_status: Vec<(Status, u32)> = counting
        .build()
        .fetch_all(state.db.pool())
        .await
        .map_err(ApiError::database)?
        .iter()
        .map(|row| {
            let status =
                Status::parse(&row.get::<String, _>("status")).ok_or(ApiError::Internal)?;
            Ok((status, row.get::<i64, _>("n") as u32))
        })
        .collect::<Result<_, ApiError>>()?;
    let count = |statuses: &[Status]| {
        per_status
            .iter()
            .filter(|(s, _)| statuses.contains(s))
            .map(|(_, n)| n)
            .sum::<u32>()
    };
    let counts = InboxCounts {
        new: count(heading(Status::Received)),
        in_review: count(heading(Status::InReview)),
        more_information_needed: count(heading(Status::MoreInformationNeeded)),
        decided: count(heading(Status::Decided)),
    };
    let total = match status {
        Some(status) => count(heading(status)),
        None => per_status.iter().map(|(_, n)| n).sum(),
    };

    let mut listing = Statement::new(
        "SELECT a.reference, a.service, a.centre, a.status, a.submitted_at, a.language, \
         s.name AS assignee, \
         CASE WHEN p.application_id IS NOT NULL AND p.answered_at IS NULL THEN 1 ELSE 0 END AS awaiting_partner \
         FROM applications a LEFT JOIN staff s ON s.id = a.assignee \
         LEFT JOIN partner_parts p ON p.application_id = a.id",
    );
    filters.push(&mut listing);
    if let Some(status) = status {
        listing
            .push(" AND a.status IN (")
            .push_list(heading(status).iter().map(|status| status.as_str()))
            .push(")");
    }
    listing
        .push(" ORDER BY a.submitted_at DESC, a.id DESC LIMIT ")
        .push_bind(i64::from(PAGE_SIZE))
        .push(" OFFSET ")
        .push_bind(i64::from((page - 1) * PAGE_SIZE));
    let now = OffsetDateTime::now_utc();
    let rows = listing
        .build()
        .fetch_all(state.db.pool())
        .await
        .map_err(ApiError::database)?
        .iter()
        .map(|row| {
            let submitted_at: String = row.get("submitted_at");
            Ok(InboxRow {
                reference: row.get("reference"),
                service: from_stored_name(&row.get::<String, _>("service"))?,
                centre: from_stored_name(&row.get::<String, _>("centre"))?,
                status: Status::parse(&row.get::<String, _>("status")).ok_or(ApiError::Internal)?,
                days_waiting: days_since(&submitted_at, now),
                submitted_at,
                assignee: row.get("assignee"),
                language: from_stored_name(&row.get::<String, _>("language"))?,
                awaiting_partner: row.get::<i64, _>("awaiting_partner") != 0,
            })
        })
        .collect::<Result<_, ApiError>>()?;
    Ok(Json(Inbox {
        rows,
        counts,
        page,
        pages: total.div_ceil(PAGE_SIZE).max(1),
    }))
}

/// Whole days from `submitted_at` to `now`.
fn days_since(submitted_at: &str, now: OffsetDateTime) -> u32 {
    OffsetDateTime::parse(submitted_at, &Rfc3339)
        .map_or(0, |t| (now - t).whole_days().max(0) as u32)
}

/// The applications in `centres` whose applicant has `kennitala`. The kennitala lives only in
/// the stored answers, so the centres' rows are read and compared here: no second copy of it,
/// hashed or not, to keep in step.
async fn applications_of(
    db: &Database,
    centres: &[ServiceCentre],
    kennitala: Kennitala,
) -> Result<Vec<i64>, ApiError> {
    if centres.is_empty() {
        return Ok(Vec::new());
    }
    let wanted = serde_json::to_value(kennitala).map_err(|_| ApiError::Internal)?;
    let mut query = Statement::new("SELECT id, answers FROM applications WHERE centre IN (");
    query.push_list(centres.iter().map(stored_name)).push(")");
    let rows = query
        .build()
        .fetch_all(db.pool())
        .await
        .map_err(ApiError::database)?;
    Ok(rows
        .iter()
        .filter(|row| {
            serde_json::from_str::<serde_json::Value>(row.get("answers"))
                .is_ok_and(|answers| answers.get("kennitala") == Some(&wanted))
        })
        .map(|row| row.get("id"))
        .collect())
}

/// The case a counsellor may see: 404 for an unknown reference and for another centre's case
/// alike.
struct CaseRow {
    id: i64,
    service: ServiceId,
    row: crate::db::Row,
}

async fn case_of(
    state: &AppState,
    staff: &StaffSession,
    reference: &str,
) -> Result<CaseRow, ApiError> {
    let row = sqlx::query(
        "SELECT a.id, a.reference, a.service, a.centre, a.status, a.submitted_at, a.language, \
         a.answers, s.name AS assignee FROM applications a LEFT JOIN staff s ON s.id = a.assignee \
         WHERE a.reference = $1",
    )
    .bind(reference)
    .fetch_optional(state.db.pool())
    .await
    .map_err(ApiError::database)?
    .ok_or(ApiError::NotFound)?;
    let centre: ServiceCentre = from_stored_name(&row.get::<String, _>("centre"))?;
    if !staff.works_for(centre) {
        return Err(ApiError::NotFound);
    }
    Ok(CaseRow {
        id: row.get("id"),
        service: from_stored_name(&row.get::<String, _>("service"))?,
        row,
    })
}

/// `GET /api/staff/applications/{reference}`
pub async fn case(
    staff: StaffSession,
    State(state): State<AppState>,
    Path(reference): Path<String>,
) -> Result<Json<Case>, ApiError> {
    let found = case_of(&state, &staff, &reference).await?;
    audit::record(
        &state.db,
        staff.id,
        Action::OpenedCase,
        Some(&reference),
        staff.client,
    )
    .await?;
    let row = &found.row;
    let documents = sqlx::query(
        "SELECT id, kind, size, received_at FROM documents WHERE application_id = $1 ORDER BY id",
    )
    .bind(found.id)
    .fetch_all(state.db.pool())
    .await
    .map_err(ApiError::database)?
    .iter()
    .map(|d| {
        Ok(CaseDocument {
            id: d.get("id"),
            kind: from_stored_name(&d.get::<String, _>("kind"))?,
            size: d.get::<i64, _>("size") as u64,
            received_at: d.get("received_at"),
        })
    })
    .collect::<Result<_, ApiError>>()?;
    // In the order they were recorded (the row sequence): times as text do not sort (".5Z"
    // comes after ".55Z").
    let events = sqlx::query(
        "SELECT e.status, e.internal, e.recorded_at, s.name AS by_name, e.note, \
         e.message_to_resident, e.decision, e.amount \
         FROM status_events e LEFT JOIN staff s ON s.id = e.staff_id \
         WHERE e.application_id = $1 ORDER BY e.id",
    )
    .bind(found.id)
    .fetch_all(state.db.pool())
    .await
    .map_err(ApiError::database)?
    .iter()
    .map(|e| {
        let status = Status::parse(&e.get::<String, _>("status")).ok_or(ApiError::Internal)?;
        Ok(CaseEvent {
            status: (e.get::<i64, _>("internal") == 0).then_some(status),
            recorded_at: e.get("recorded_at"),
            by: e.get("by_name"),
            note: e.get("note"),
            message_to_resident: e.get("message_to_resident"),
            decision: e
                .get::<Option<String>, _>("decision")
                .as_deref()
                .and_then(Decision::parse),
            amount: e
                .get::<Option<i64>, _>("amount")
                .map(|a| Kronur::new(a as u64)),
        })
    })
    .collect::<Result<_, ApiError>>()?;
    let previous: Option<String> = sqlx::query_scalar(
        "SELECT p.reference FROM applications a JOIN applications p ON p.id = a.previous_id \
         WHERE a.id = $1",
    )
    .bind(found.id)
    .fetch_optional(state.db.pool())
    .await
    .map_err(ApiError::database)?;
    let next: Option<String> = sqlx::query_scalar(
        "SELECT reference FROM applications WHERE previous_id = $1 ORDER BY id LIMIT 1",
    )
    .bind(found.id)
    .fetch_optional(state.db.pool())
    .await
    .map_err(ApiError::database)?;
    Ok(Json(Case {
        reference: row.get("reference"),
        service: found.service,
        centre: from_stored_name(&row.get::<String, _>("centre"))?,
        status: Status::parse(&row.get::<String, _>("status")).ok_or(ApiError::Internal)?,
        submitted_at: row.get("submitted_at"),
        language: from_stored_name(&row.get::<String, _>("language"))?,
        assignee: row.get("assignee"),
        application: serde_json::from_str(row.get("answers")).map_err(|_| ApiError::Internal)?,
        documents,
        events,
        previous,
        next,
        partner: crate::routes::partner::for_case(&state.db, found.id).await?,
    }))
}

/// `POST /api/staff/applications/{reference}/events` → 201 with the event as recorded.
pub async fn add_event(
    staff: StaffSession,
    State(state): State<AppState>,
    Path(reference): Path<String>,
    ValidJson(change): ValidJson<NewCaseEvent>,
) -> Result<impl IntoResponse, ApiError> {
    let found = case_of(&state, &staff, &reference).await?;
    let mut event = cases::check_change(found.service, &change)
        .map_err(|problems| ApiError::invalid_fields(Language::Is, problems))?;
    event.staff = Some(staff.id);
    let recorded_at = cases::record(&state.db, found.id, &event)
        .await
        .map_err(ApiError::database)?;
    audit::record(
        &state.db,
        staff.id,
        Action::ChangedCase,
        Some(&reference),
        staff.client,
    )
    .await?;
    tracing::info!(
        staff = staff.id,
        status = event.status.map(Status::as_str),
        "case changed"
    );
    Ok((
        StatusCode::CREATED,
        Json(CaseEvent {
            status: event.status,
            recorded_at,
            by: Some(staff.name),
            note: event.note,
            message_to_resident: event.message_to_resident,
            decision: event.decision,
            amount: event.amount,
        }),
    ))
}

/// `POST /api/staff/applications/{reference}/assign` `{"to": "me" | null}` → 204.
pub async fn assign(
    staff: StaffSession,
    State(state): State<AppState>,
    Path(reference): Path<String>,
    ValidJson(assign): ValidJson<Assign>,
) -> Result<StatusCode, ApiError> {
    let found = case_of(&state, &staff, &reference).await?;
    let assignee = (assign.to == Some(Assigned::Me)).then_some(staff.id);
    {
        let _turn = state.db.write_turn().await;
        sqlx::query("UPDATE applications SET assignee = $1 WHERE id = $2")
            .bind(assignee)
            .bind(found.id)
            .execute(state.db.pool())
            .await
            .map_err(ApiError::database)?;
    }
    audit::record(
        &state.db,
        staff.id,
        Action::AssignedCase,
        Some(&reference),
        staff.client,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/staff/applications/{reference}/documents/{id}`: the file as an attachment of its
/// stored type, never to be sniffed, run or cached.
pub async fn document(
    staff: StaffSession,
    State(state): State<AppState>,
    Path((reference, id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let found = case_of(&state, &staff, &reference).await?;
    let id: i64 = id.parse().map_err(|_| ApiError::NotFound)?;
    let row =
        sqlx::query("SELECT kind, content FROM documents WHERE id = $1 AND application_id = $2")
            .bind(id)
            .bind(found.id)
            .fetch_optional(state.db.pool())
            .await
            .map_err(ApiError::database)?
            .ok_or(ApiError::NotFound)?;
    let kind: DocumentKind = from_stored_name(&row.get::<String, _>("kind"))?;
    audit::record(
        &state.db,
        staff.id,
        Action::DownloadedDocument,
        Some(&reference),
        staff.client,
    )
    .await?;
    let extension = stored_name(&kind).replace("jpeg", "jpg");
    let disposition = format!("attachment; filename=\"{reference}-{id}.{extension}\"");
    let mut response = row.get::<Vec<u8>, _>("content").into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(kind.media_type()),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&disposition).map_err(|_| ApiError::Internal)?,
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox"),
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_waiting_count_whole_days() {
        let now = OffsetDateTime::parse("2026-12-02T10:00:00Z", &Rfc3339).unwrap();
        assert_eq!(days_since("2026-11-30T10:00:01Z", now), 1);
        assert_eq!(days_since("2026-11-30T10:00:00Z", now), 2);
        assert_eq!(days_since("2026-12-03T10:00:00Z", now), 0);
        assert_eq!(days_since("not a time", now), 0);
    }
}
