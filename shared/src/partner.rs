//! The partner's own part of a financial-assistance application, behind their own private link
//! (`/partner/<token>`): what they are shown, what they send and what the applicant and the
//! counsellor see of it. The partner sees nothing of the applicant's answers beyond the
//! reference and the service.

use serde::{Deserialize, Serialize};

use crate::{Language, ServiceId, application::ApplicationDraft};

/// `GET /api/partner/{token}`: what the partner's link opens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerInvitation {
    pub reference: String,
    pub service: ServiceId,
    /// When their part was received (RFC 3339, UTC); `None` while it is awaited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered_at: Option<String>,
}

/// `POST /api/partner/{token}`: the partner's part, as typed. The link itself makes a retry
/// recognisable: the same bytes again give the same receipt, other bytes a 409.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PartnerPartRequest {
    /// The language the partner used, for messages.
    pub language: Language,
    pub draft: ApplicationDraft,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerReceipt {
    pub reference: String,
    pub service: ServiceId,
    /// RFC 3339, UTC.
    pub answered_at: String,
}

/// The partner's part as the applicant's status page shows it: whether it has come, and when
/// the invitation may be sent again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerProgress {
    /// When the partner was first asked (RFC 3339, UTC).
    pub invited_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered_at: Option<String>,
    /// When the applicant may next send a reminder; `None` once answered or when no more
    /// reminders may be sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reminder_from: Option<String>,
}

/// `POST /api/applications/{token}/partner-reminder` answers 202 with this.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReminderSent {
    pub sent_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_from: Option<String>,
}

/// A reminder may be sent this long after the invitation or the last reminder.
pub const REMINDER_INTERVAL_SECONDS: i64 = 60 * 60;
/// At most this many reminders: beyond them, a phone call is the better way.
pub const MAX_REMINDERS: i64 = 5;
