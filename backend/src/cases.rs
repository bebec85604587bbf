//! Case handling: an application's status and the timeline of events behind it, which the
//! private link shows. Staff record changes with the admin command until counsellors have
//! screens of their own.

use sqlx::SqliteConnection;
use velferd_shared::follow::{Decision, Status};

use crate::{clock::now, db::Database};

#[derive(Debug, thiserror::Error)]
pub enum StatusChangeError {
    #[error("no application has the reference {0}")]
    UnknownReference(String),
    #[error("the database failed: {0}")]
    Database(#[from] sqlx::Error),
}

/// Records a status change on an application, as a counsellor would.
pub async fn record_status(
    db: &Database,
    reference: &str,
    status: Status,
    decision: Option<Decision>,
    note: Option<&str>,
) -> Result<(), StatusChangeError> {
    let recorded_at = now();
    let _turn = db.write_turn().await;
    let mut tx = db.pool().begin().await?;
    let application: Option<i64> =
        sqlx::query_scalar("UPDATE applications SET status = ? WHERE reference = ? RETURNING id")
            .bind(status.as_str())
            .bind(reference)
            .fetch_optional(&mut *tx)
            .await?;
    let application =
        application.ok_or_else(|| StatusChangeError::UnknownReference(reference.to_owned()))?;
    append_event(&mut tx, application, status, decision, note, &recorded_at).await?;
    tx.commit().await?;
    Ok(())
}

/// A document arrived: an event on the timeline, and the status counsellors filter on — except
/// that a decided application stays decided.
pub(crate) async fn document_received(
    tx: &mut SqliteConnection,
    application: i64,
    received_at: &str,
) -> Result<(), sqlx::Error> {
    let status = Status::DocumentReceived;
    append_event(tx, application, status, None, None, received_at).await?;
    sqlx::query("UPDATE applications SET status = ? WHERE id = ? AND status <> ?")
        .bind(status.as_str())
        .bind(application)
        .bind(Status::Decided.as_str())
        .execute(tx)
        .await?;
    Ok(())
}

/// One event on an application's timeline, inside the caller's transaction so the event and
/// the change it records are stored together.
pub(crate) async fn append_event(
    tx: &mut SqliteConnection,
    application: i64,
    status: Status,
    decision: Option<Decision>,
    note: Option<&str>,
    recorded_at: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO status_events (application_id, status, note, decision, recorded_at) \
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(application)
    .bind(status.as_str())
    .bind(note)
    .bind(decision.map(Decision::as_str))
    .bind(recorded_at)
    .execute(tx)
    .await?;
    Ok(())
}
