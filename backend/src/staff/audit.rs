//! The audit trail: who looked at or changed what, when, from where. Rows are only ever
//! inserted; nothing in the application updates or deletes them.

use std::net::IpAddr;

use crate::{clock::now, db::Database, error::ApiError};

/// What was done, as stored and as `GET /api/staff/audit` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    SignedIn,
    SignedOut,
    OpenedCase,
    DownloadedDocument,
    SearchedKennitala,
    ChangedCase,
    AssignedCase,
    ChangedCallback,
    CreatedAccount,
    DisabledAccount,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::SignedIn => "signed-in",
            Action::SignedOut => "signed-out",
            Action::OpenedCase => "opened-case",
            Action::DownloadedDocument => "downloaded-document",
            Action::SearchedKennitala => "searched-kennitala",
            Action::ChangedCase => "changed-case",
            Action::AssignedCase => "assigned-case",
            Action::ChangedCallback => "changed-callback",
            Action::CreatedAccount => "created-account",
            Action::DisabledAccount => "disabled-account",
        }
    }
}

/// Appends one row. A look at a resident's data that cannot be recorded is not answered: the
/// caller returns the error.
pub async fn record(
    db: &Database,
    staff: i64,
    action: Action,
    reference: Option<&str>,
    client: IpAddr,
) -> Result<(), ApiError> {
    let _turn = db.write_turn().await;
    sqlx::query(
        "INSERT INTO audit (at, staff_id, action, reference, client_address) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(now())
    .bind(staff)
    .bind(action.as_str())
    .bind(reference)
    .bind(client.to_string())
    .execute(db.pool())
    .await
    .map_err(ApiError::database)?;
    Ok(())
}
