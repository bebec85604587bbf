//! Case handling: an application's status and the timeline of events behind it, which the
//! private link shows. Counsellors change it from the workspace (`routes/staff/`), staff with a
//! shell from the admin command; both end in `append_event`.

use crate::db::Connection;
use velferd_shared::{
    ProblemCode, ServiceId,
    follow::{Decision, Status},
    staff::NewCaseEvent,
    validation::Kronur,
};

use crate::{clock::now, db::Database};

#[derive(Debug, thiserror::Error)]
pub enum StatusChangeError {
    #[error("no application has the reference {0}")]
    UnknownReference(String),
    #[error("the database failed: {0}")]
    Database(#[from] sqlx::Error),
}

/// One event on a timeline. `status: None` is an internal note: stored under the application's
/// current status, flagged internal, and never shown to the resident.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Event {
    pub status: Option<Status>,
    /// The counsellor's own words, for colleagues only.
    pub note: Option<String>,
    /// What the resident reads: what is missing, or the reasons for a decision.
    pub message_to_resident: Option<String>,
    pub decision: Option<Decision>,
    pub amount: Option<Kronur>,
    /// Who recorded it; `None` for the resident, the system or the shell.
    pub staff: Option<i64>,
}

impl Event {
    fn of_status(status: Status) -> Event {
        Event {
            status: Some(status),
            ..Event::default()
        }
    }
}

/// Longest note or message a counsellor writes: a letter, not a file.
pub const MAX_CASE_TEXT: usize = 5000;

/// A counsellor's change, checked: `more-information-needed` says what is missing, `decided`
/// has a decision and its reasons (and for financial assistance granted in whole or part, the
/// amount), an internal note has its text and nothing for the resident. Problems come as
/// (JSON pointer, code), every one at once.
pub fn check_change(
    service: ServiceId,
    change: &NewCaseEvent,
) -> Result<Event, Vec<(String, ProblemCode)>> {
    let mut problems = Vec::new();
    let mut problem = |field: &str, code| problems.push((format!("/{field}"), code));
    let text = |t: &Option<String>| {
        t.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
    };
    let note = text(&change.note);
    let message = text(&change.message_to_resident);
    for (field, value) in [("note", &note), ("message_to_resident", &message)] {
        if let Some(Err(code)) = value
            .as_deref()
            .map(|t| velferd_shared::validation::check_free_text(t, MAX_CASE_TEXT))
        {
            problem(field, code);
        }
    }
    let decided = change.status == Some(Status::Decided);
    match change.status {
        None => {
            if note.is_none() {
                problem("note", ProblemCode::RequiredNote);
            }
            if message.is_some() {
                problem("message_to_resident", ProblemCode::NotWithThisStatus);
            }
        }
        Some(Status::Received | Status::DocumentReceived) => {
            problem("status", ProblemCode::StatusNotByStaff);
        }
        Some(Status::MoreInformationNeeded) if message.is_none() => {
            problem(
                "message_to_resident",
                ProblemCode::RequiredMessageToResident,
            );
        }
        Some(Status::Decided) => {
            if change.decision.is_none() {
                problem("decision", ProblemCode::RequiredDecision);
            }
            if message.is_none() {
                problem("message_to_resident", ProblemCode::RequiredReasons);
            }
        }
        Some(_) => {}
    }
    if change.decision.is_some() && !decided {
        problem("decision", ProblemCode::NotWithThisStatus);
    }
    let grants = matches!(
        change.decision,
        Some(Decision::Granted | Decision::PartlyGranted)
    );
    let amount = match change
        .amount
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
    {
        Some(_) if !(decided && grants) => {
            problem("amount", ProblemCode::NotWithThisStatus);
            None
        }
        Some(typed) => match Kronur::parse(typed) {
            Ok(amount) => Some(amount),
            Err(error) => {
                problem("amount", error.into());
                None
            }
        },
        None => {
            if decided && grants && service == ServiceId::FinancialAssistance {
                problem("amount", ProblemCode::RequiredGrantedAmount);
            }
            None
        }
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Event {
        status: change.status,
        note,
        message_to_resident: message,
        decision: change.decision,
        amount,
        staff: None,
    })
}

/// Records a status change on an application from the shell; `note` is what the resident
/// reads, as it always was for this command.
pub async fn record_status(
    db: &Database,
    reference: &str,
    status: Status,
    decision: Option<Decision>,
    note: Option<&str>,
) -> Result<(), StatusChangeError> {
    let _turn = db.write_turn().await;
    let mut tx = db.pool().begin().await?;
    let application: Option<i64> =
        sqlx::query_scalar("SELECT id FROM applications WHERE reference = $1")
            .bind(reference)
            .fetch_optional(&mut *tx)
            .await?;
    let application =
        application.ok_or_else(|| StatusChangeError::UnknownReference(reference.to_owned()))?;
    let event = Event {
        decision,
        message_to_resident: note.map(str::to_owned),
        ..Event::of_status(status)
    };
    record_in(&mut tx, application, &event, &now()).await?;
    tx.commit().await?;
    Ok(())
}

/// Records `event` on the application with id `application`: the event, and its status as the
/// application's own, in one transaction. Returns the time recorded.
pub async fn record(db: &Database, application: i64, event: &Event) -> Result<String, sqlx::Error> {
    let recorded_at = now();
    let _turn = db.write_turn().await;
    let mut tx = db.pool().begin().await?;
    record_in(&mut tx, application, event, &recorded_at).await?;
    tx.commit().await?;
    Ok(recorded_at)
}

async fn record_in(
    tx: &mut Connection,
    application: i64,
    event: &Event,
    recorded_at: &str,
) -> Result<(), sqlx::Error> {
    if let Some(status) = event.status {
        sqlx::query("UPDATE applications SET status = $1 WHERE id = $2")
            .bind(status.as_str())
            .bind(application)
            .execute(&mut *tx)
            .await?;
        if matches!(status, Status::MoreInformationNeeded | Status::Decided) {
            tell_the_applicant(tx, application).await?;
        }
    }
    append_event(tx, application, event, recorded_at).await
}

/// "There is news on your application", to the e-mail the applicant gave (if any), in their
/// contact language, queued with the change itself.
async fn tell_the_applicant(tx: &mut Connection, application: i64) -> Result<(), sqlx::Error> {
    let (reference, answers): (String, String) =
        sqlx::query_as("SELECT reference, answers FROM applications WHERE id = $1")
            .bind(application)
            .fetch_one(&mut *tx)
            .await?;
    let Ok(stored) = serde_json::from_str::<velferd_shared::application::Application>(&answers)
    else {
        tracing::warn!(application, "stored answers unreadable: no news e-mail");
        return Ok(());
    };
    if let Some(email) = &stored.email {
        let news = crate::mail::news(stored.contact_language, &reference);
        crate::mail::enqueue(tx, email, &news).await?;
    }
    Ok(())
}

/// A document arrived: an event on the timeline, and the status counsellors filter on — except
/// that a decided application stays decided.
pub(crate) async fn document_received(
    tx: &mut Connection,
    application: i64,
    received_at: &str,
) -> Result<(), sqlx::Error> {
    let status = Status::DocumentReceived;
    append_event(tx, application, &Event::of_status(status), received_at).await?;
    sqlx::query("UPDATE applications SET status = $1 WHERE id = $2 AND status <> $3")
        .bind(status.as_str())
        .bind(application)
        .bind(Status::Decided.as_str())
        .execute(tx)
        .await?;
    Ok(())
}

/// The first event of a new application.
pub(crate) async fn received(
    tx: &mut Connection,
    application: i64,
    submitted_at: &str,
) -> Result<(), sqlx::Error> {
    append_event(
        tx,
        application,
        &Event::of_status(Status::Received),
        submitted_at,
    )
    .await
}

/// One event on an application's timeline, inside the caller's transaction so the event and
/// the change it records are stored together. An internal note is filed under the status the
/// application has, so the column keeps meaning "the status at that point".
async fn append_event(
    tx: &mut Connection,
    application: i64,
    event: &Event,
    recorded_at: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO status_events \
         (application_id, status, note, decision, recorded_at, staff_id, message_to_resident, amount, internal) \
         VALUES ($1, COALESCE($2, (SELECT status FROM applications WHERE id = $3)), $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(application)
    .bind(event.status.map(Status::as_str))
    .bind(application)
    .bind(&event.note)
    .bind(event.decision.map(Decision::as_str))
    .bind(recorded_at)
    .bind(event.staff)
    .bind(&event.message_to_resident)
    .bind(event.amount.map(|a| a.value() as i64))
    .bind(i64::from(event.status.is_none()))
    .execute(tx)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(status: Option<Status>) -> NewCaseEvent {
        NewCaseEvent {
            status,
            ..NewCaseEvent::default()
        }
    }

    fn codes(service: ServiceId, event: &NewCaseEvent) -> Vec<(String, ProblemCode)> {
        check_change(service, event).unwrap_err()
    }

    const FA: ServiceId = ServiceId::FinancialAssistance;

    #[test]
    fn asking_for_more_information_says_what_is_missing() {
        let bare = change(Some(Status::MoreInformationNeeded));
        assert_eq!(
            codes(FA, &bare),
            [(
                "/message_to_resident".into(),
                ProblemCode::RequiredMessageToResident
            )]
        );
        let asked = NewCaseEvent {
            message_to_resident: Some(" Send your rental contract. ".into()),
            ..bare
        };
        let event = check_change(FA, &asked).unwrap();
        assert_eq!(
            event.message_to_resident.as_deref(),
            Some("Send your rental contract.")
        );
    }

    #[test]
    fn a_decision_needs_its_outcome_its_reasons_and_for_financial_aid_the_amount() {
        assert_eq!(
            codes(FA, &change(Some(Status::Decided))),
            [
                ("/decision".into(), ProblemCode::RequiredDecision),
                ("/message_to_resident".into(), ProblemCode::RequiredReasons),
            ]
        );
        let granted = NewCaseEvent {
            status: Some(Status::Decided),
            decision: Some(Decision::Granted),
            message_to_resident: Some("Income below the basic amount.".into()),
            ..NewCaseEvent::default()
        };
        assert_eq!(
            codes(FA, &granted),
            [("/amount".into(), ProblemCode::RequiredGrantedAmount)]
        );
        let with_amount = NewCaseEvent {
            amount: Some("150.000 kr.".into()),
            ..granted.clone()
        };
        assert_eq!(
            check_change(FA, &with_amount).unwrap().amount,
            Some(Kronur::new(150_000))
        );
        let refused = NewCaseEvent {
            decision: Some(Decision::Refused),
            amount: Some("1000".into()),
            ..granted
        };
        assert_eq!(
            codes(FA, &refused),
            [("/amount".into(), ProblemCode::NotWithThisStatus)]
        );
    }

    #[test]
    fn an_internal_note_has_text_and_nothing_for_the_resident() {
        assert_eq!(
            codes(FA, &change(None)),
            [("/note".into(), ProblemCode::RequiredNote)]
        );
        let note = NewCaseEvent {
            note: Some("Called the landlord.".into()),
            ..change(None)
        };
        assert_eq!(check_change(FA, &note).unwrap().status, None);
        let decision_in_review = NewCaseEvent {
            decision: Some(Decision::Granted),
            ..change(Some(Status::InReview))
        };
        assert_eq!(
            codes(FA, &decision_in_review),
            [("/decision".into(), ProblemCode::NotWithThisStatus)]
        );
        assert_eq!(
            codes(FA, &change(Some(Status::Received))),
            [("/status".into(), ProblemCode::StatusNotByStaff)]
        );
    }
}
