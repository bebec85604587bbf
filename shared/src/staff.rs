//! The counsellors' side: the shapes of `/api/staff/…`, shared by the server and the staff
//! workspace in the browser. Residents' screens never use this module, so none of it reaches
//! their bundle.

use serde::{Deserialize, Serialize};

use crate::{
    Language, ServiceCentre, ServiceId,
    follow::{Decision, DocumentKind, Status},
    validation::Kronur,
};

/// What a staff account may do: counsellors handle cases of their centres; admins also manage
/// accounts and read the audit trail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Counsellor,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Counsellor => "counsellor",
            Role::Admin => "admin",
        }
    }

    pub fn parse(name: &str) -> Option<Role> {
        [Role::Counsellor, Role::Admin]
            .into_iter()
            .find(|r| r.as_str() == name)
    }
}

/// Passwords shorter than this are refused (OWASP ASVS 2.1.1).
pub const MIN_PASSWORD_CHARS: usize = 12;

/// `POST /api/staff/session`: one answer (401) for every mistake.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignIn {
    pub email: String,
    pub password: String,
    /// The 6-digit code from the authenticator app.
    pub totp: String,
}

/// `GET /api/staff/me`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMe {
    pub name: String,
    pub email: String,
    pub role: Role,
    pub centres: Vec<ServiceCentre>,
}

/// `?assigned=` of the inbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Assigned {
    Me,
    None,
}

/// One row of `GET /api/staff/applications?centre=&status=&service=&assigned=&q=&page=`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxRow {
    pub reference: String,
    pub service: ServiceId,
    pub centre: ServiceCentre,
    pub status: Status,
    pub submitted_at: String,
    /// The assignee's name, if someone has taken the case.
    pub assignee: Option<String>,
    pub language: Language,
    pub days_waiting: u32,
    /// A couple's application whose partner has not given their part yet: it cannot be decided.
    pub awaiting_partner: bool,
}

/// Counts per status over the whole filtered inbox (not only this page).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct InboxCounts {
    pub new: u32,
    pub in_review: u32,
    pub more_information_needed: u32,
    pub decided: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inbox {
    pub rows: Vec<InboxRow>,
    pub counts: InboxCounts,
    pub page: u32,
    pub pages: u32,
}

/// One entry of a case's history, as counsellors see it (internal notes included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseEvent {
    /// `None` for an internal note, which never reaches the resident.
    pub status: Option<Status>,
    pub recorded_at: String,
    /// Who did it; `None` for the resident or the system.
    pub by: Option<String>,
    pub note: Option<String>,
    pub message_to_resident: Option<String>,
    pub decision: Option<Decision>,
    pub amount: Option<Kronur>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseDocument {
    pub id: i64,
    pub kind: DocumentKind,
    pub size: u64,
    pub received_at: String,
}

/// `GET /api/staff/applications/{reference}`: everything the resident sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Case {
    pub reference: String,
    pub service: ServiceId,
    pub centre: ServiceCentre,
    pub status: Status,
    pub submitted_at: String,
    pub language: Language,
    pub assignee: Option<String>,
    /// The validated application (`application::Application`) as stored.
    pub application: serde_json::Value,
    pub documents: Vec<CaseDocument>,
    pub events: Vec<CaseEvent>,
    /// The month before, when this is next month's application of the same person.
    #[serde(default)]
    pub previous: Option<String>,
    /// The month after, once the resident has applied again.
    #[serde(default)]
    pub next: Option<String>,
    /// The partner's own part, when the application names one.
    #[serde(default)]
    pub partner: Option<CasePartner>,
}

/// The partner's own part as the counsellor sees it: awaited, or what they confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CasePartner {
    pub invited_at: String,
    pub reminders: u32,
    pub answered_at: Option<String>,
    pub part: Option<crate::application::PartnerPart>,
}

/// `POST /api/staff/applications/{reference}/events`. `status: null` is an internal note.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NewCaseEvent {
    pub status: Option<Status>,
    pub note: Option<String>,
    pub message_to_resident: Option<String>,
    pub decision: Option<Decision>,
    /// Monthly amount granted, typed as on any form (`150.000`).
    pub amount: Option<String>,
}

/// `POST /api/staff/applications/{reference}/assign`: `{"to": "me"}` takes the case,
/// `{"to": null}` gives it back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assign {
    pub to: Option<Assigned>,
}

/// What happened on a call-back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CallbackStatus {
    Requested,
    Called,
    NoAnswer,
    Done,
}

/// One row of `GET /api/staff/callbacks?centre=&status=`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallbackRow {
    pub reference: String,
    pub centre: ServiceCentre,
    pub service: Option<ServiceId>,
    pub status: CallbackStatus,
    pub phone: String,
    /// The language to call in: one of ours, or another named by the resident.
    pub language: Option<Language>,
    pub other_language: Option<String>,
    pub window: crate::follow::TimeWindow,
    pub message: Option<String>,
    pub requested_at: String,
    pub attempts: u32,
    /// Two unanswered calls: shown first, as "try again".
    pub try_again: bool,
}

/// `POST /api/staff/callbacks/{reference}/events`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewCallbackEvent {
    pub status: CallbackStatus,
    #[serde(default)]
    pub note: Option<String>,
}

/// An account as admins see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffAccount {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub centres: Vec<ServiceCentre>,
    pub active: bool,
}

/// `POST /api/staff/accounts` (admins): a new account; the answer carries its TOTP secret,
/// shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewStaffAccount {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub centres: Vec<ServiceCentre>,
    pub password: String,
}

/// The answer to `POST /api/staff/accounts`: the account and its second factor, to be put into
/// an authenticator app now (it is never shown again).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedStaffAccount {
    pub account: StaffAccount,
    /// Base32, as authenticator apps take it typed.
    pub totp_secret: String,
    /// `otpauth://totp/…`, as a QR code or a link.
    pub totp_uri: String,
}

/// One row of `GET /api/staff/audit?reference=&staff=&from=&to=`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub at: String,
    pub staff: String,
    /// `opened-case`, `downloaded-document`, `searched-kennitala`, `changed-case`,
    /// `signed-in`, …
    pub action: String,
    pub reference: Option<String>,
    pub client_address: String,
}
