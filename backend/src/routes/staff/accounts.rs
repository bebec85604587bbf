//! For admins: staff accounts and the audit trail.

use axum::{
    Json,
    extract::{Path, Query, State, rejection::QueryRejection},
    http::StatusCode,
    response::IntoResponse,
};
use sqlx::Row;
use velferd_shared::{
    Language, ProblemCode,
    staff::{AuditRow, CreatedStaffAccount, NewStaffAccount, StaffAccount},
};

use super::{Params, params, text};
use crate::{
    AppState,
    error::{ApiError, ValidJson},
    staff::{
        accounts::{self, AccountError, NewAccount},
        audit::{self, Action},
        sessions::StaffSession,
        totp,
    },
};

/// `GET /api/staff/accounts`
pub async fn list(
    staff: StaffSession,
    State(state): State<AppState>,
) -> Result<Json<Vec<StaffAccount>>, ApiError> {
    staff.require_admin()?;
    Ok(Json(accounts::list(&state.db).await?))
}

/// `POST /api/staff/accounts` → 201 with the account and its TOTP secret, shown this once.
pub async fn create(
    staff: StaffSession,
    State(state): State<AppState>,
    ValidJson(new): ValidJson<NewStaffAccount>,
) -> Result<impl IntoResponse, ApiError> {
    staff.require_admin()?;
    let account = NewAccount {
        email: &new.email,
        name: &new.name,
        role: new.role,
        centres: &new.centres,
        password: &new.password,
    };
    let refused =
        |field: &str, code| ApiError::invalid_fields(Language::Is, [(format!("/{field}"), code)]);
    let secret = accounts::create(&state.db, &account)
        .await
        .map_err(|error| match error {
            AccountError::PasswordTooShort => refused("password", ProblemCode::PasswordTooShort),
            AccountError::BadEmail => refused("email", ProblemCode::EmailBadFormat),
            AccountError::EmailTaken => refused("email", ProblemCode::EmailTaken),
            AccountError::NoName => refused("name", ProblemCode::RequiredName),
            AccountError::NoCentre => refused("centres", ProblemCode::RequiredCentre),
            AccountError::Database(error) => ApiError::database(error),
            AccountError::Unknown | AccountError::Random(_) | AccountError::Hash => {
                ApiError::Internal
            }
        })?;
    audit::record(
        &state.db,
        staff.id,
        Action::CreatedAccount,
        None,
        staff.client,
    )
    .await?;
    let email = accounts::normalise_email(&new.email);
    Ok((
        StatusCode::CREATED,
        Json(CreatedStaffAccount {
            totp_uri: totp::otpauth_uri(&email, &secret),
            totp_secret: secret,
            account: StaffAccount {
                email,
                name: new.name.trim().to_owned(),
                role: new.role,
                centres: new.centres,
                active: true,
            },
        }),
    ))
}

/// `POST /api/staff/accounts/{email}/disable` → 204; its sessions end at once.
pub async fn disable(
    staff: StaffSession,
    State(state): State<AppState>,
    Path(email): Path<String>,
) -> Result<StatusCode, ApiError> {
    staff.require_admin()?;
    accounts::disable(&state.db, &email)
        .await
        .map_err(|error| match error {
            AccountError::Unknown => ApiError::NotFound,
            AccountError::Database(error) => ApiError::database(error),
            _ => ApiError::Internal,
        })?;
    audit::record(
        &state.db,
        staff.id,
        Action::DisabledAccount,
        None,
        staff.client,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The newest rows the audit view shows at once.
const AUDIT_ROWS: i64 = 1000;

/// `GET /api/staff/audit?reference=&staff=&from=&to=`: newest first. `from` and `to` are
/// RFC 3339 times or dates; a date as `to` includes that whole day.
pub async fn audit(
    staff: StaffSession,
    State(state): State<AppState>,
    query: Result<Query<Params>, QueryRejection>,
) -> Result<Json<Vec<AuditRow>>, ApiError> {
    staff.require_admin()?;
    let params = params(query)?;
    let mut query = crate::db::Statement::new(
        "SELECT a.at, COALESCE(s.email, '') AS staff, a.action, a.reference, a.client_address \
         FROM audit a LEFT JOIN staff s ON s.id = a.staff_id WHERE 1 = 1",
    );
    if let Some(reference) = text(&params, "reference") {
        query
            .push(" AND a.reference = ")
            .push_bind(reference.to_owned());
    }
    if let Some(email) = text(&params, "staff") {
        query
            .push(" AND s.email = ")
            .push_bind(accounts::normalise_email(email));
    }
    if let Some(from) = text(&params, "from") {
        query.push(" AND a.at >= ").push_bind(from.to_owned());
    }
    if let Some(to) = text(&params, "to") {
        // Stored times are RFC 3339 text, so they compare as text; "T~" sorts after every
        // time of the day a bare date names.
        let to = if to.len() == 10 {
            format!("{to}T~")
        } else {
            to.to_owned()
        };
        query.push(" AND a.at <= ").push_bind(to);
    }
    query
        .push(" ORDER BY a.id DESC LIMIT ")
        .push_bind(AUDIT_ROWS);
    let rows = query
        .build()
        .fetch_all(state.db.pool())
        .await
        .map_err(ApiError::database)?
        .iter()
        .map(|row| AuditRow {
            at: row.get("at"),
            staff: row.get("staff"),
            action: row.get("action"),
            reference: row.get("reference"),
            client_address: row.get("client_address"),
        })
        .collect();
    Ok(Json(rows))
}
