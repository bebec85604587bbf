//! After applying: the status of an application, documents sent later, and call-back requests.
//! Shared so that the status page, the API and the admin command name statuses the same way.

use serde::{Deserialize, Serialize};

use crate::{
    Language, ProblemCode, ServiceCentre, ServiceId,
    application::is_email_address,
    validation::{PhoneNumber, Postcode, Residence},
};

/// Where an application stands. Each change is a dated event on the resident's timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Received,
    InReview,
    MoreInformationNeeded,
    DocumentReceived,
    Decided,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Received,
        Status::InReview,
        Status::MoreInformationNeeded,
        Status::DocumentReceived,
        Status::Decided,
    ];

    /// The name stored in the database and typed in the admin command.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Received => "received",
            Status::InReview => "in-review",
            Status::MoreInformationNeeded => "more-information-needed",
            Status::DocumentReceived => "document-received",
            Status::Decided => "decided",
        }
    }

    pub fn parse(name: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

/// What a decision granted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    Granted,
    PartlyGranted,
    Refused,
}

impl Decision {
    pub const ALL: [Decision; 3] = [
        Decision::Granted,
        Decision::PartlyGranted,
        Decision::Refused,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Granted => "granted",
            Decision::PartlyGranted => "partly-granted",
            Decision::Refused => "refused",
        }
    }

    pub fn parse(name: &str) -> Option<Decision> {
        Decision::ALL.into_iter().find(|d| d.as_str() == name)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusEvent {
    pub status: Status,
    /// RFC 3339, UTC.
    pub recorded_at: String,
    /// The counsellor's words to the resident: what is missing, or the reasons for a decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    /// The monthly amount a decision granted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<crate::validation::Kronur>,
}

/// `GET /api/applications/{token}`: what the private link shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationStatus {
    pub reference: String,
    pub service: ServiceId,
    pub centre: ServiceCentre,
    pub submitted_at: String,
    /// Oldest first.
    pub events: Vec<StatusEvent>,
    pub documents: Vec<DocumentReceipt>,
    /// A financial-assistance application that names a partner: their own part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner: Option<crate::partner::PartnerProgress>,
}

impl ApplicationStatus {
    /// Still waiting for the partner's own part.
    pub fn waits_for_partner(&self) -> bool {
        self.partner
            .as_ref()
            .is_some_and(|p| p.answered_at.is_none())
    }
}

impl ApplicationStatus {
    pub fn current(&self) -> Status {
        self.events.last().map_or(Status::Received, |e| e.status)
    }

    /// The latest decision, if one was made.
    pub fn decision(&self) -> Option<&StatusEvent> {
        self.events.iter().rev().find(|e| e.decision.is_some())
    }
}

/// The kinds of document we accept, recognised by their first bytes, never by name or header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    Jpeg,
    Png,
    Pdf,
}

impl DocumentKind {
    pub fn sniff(bytes: &[u8]) -> Option<DocumentKind> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(DocumentKind::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(DocumentKind::Png)
        } else if bytes.starts_with(b"%PDF-") {
            Some(DocumentKind::Pdf)
        } else {
            None
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            DocumentKind::Jpeg => "image/jpeg",
            DocumentKind::Png => "image/png",
            DocumentKind::Pdf => "application/pdf",
        }
    }
}

/// A phone photo re-encoded at 2,000 px is well under this; a scanned PDF of a few pages too.
pub const MAX_DOCUMENT_BYTES: usize = 10 * 1024 * 1024;
/// What one application may gather online; beyond that, the service centre takes paper.
pub const MAX_DOCUMENTS_PER_APPLICATION: i64 = 20;
pub const MAX_DOCUMENT_BYTES_PER_APPLICATION: i64 = 50 * 1024 * 1024;

/// `POST /api/applications/{token}/documents` answers with this.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentReceipt {
    pub kind: DocumentKind,
    pub size: u64,
    /// Hex SHA-256 of the bytes stored: the resident's proof of exactly what arrived.
    pub sha256: String,
    pub received_at: String,
}

/// When on a weekday (09:00–15:00, the Online Center's phone hours) the resident can talk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum TimeWindow {
    /// 09:00–11:00
    Morning,
    /// 11:00–13:00
    Midday,
    /// 13:00–15:00
    Afternoon,
}

impl TimeWindow {
    pub const ALL: [TimeWindow; 3] = [
        TimeWindow::Morning,
        TimeWindow::Midday,
        TimeWindow::Afternoon,
    ];
}

/// `POST /api/callbacks`, with an `Idempotency-Key` header. Fields as typed, like a draft.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct CallbackRequest {
    /// The service to talk about; `None` is "something else".
    pub service: Option<ServiceId>,
    /// The language to be called in; `None` with `other_language` for any other.
    pub language: Option<Language>,
    pub other_language: Option<String>,
    pub phone: Option<String>,
    pub window: Option<TimeWindow>,
    pub postcode: Option<String>,
    pub message: Option<String>,
    /// Where to send a confirmation (reference and time), if the resident wants one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The language the resident used the site in, for messages.
    pub ui_language: Language,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CallbackField {
    Language,
    OtherLanguage,
    Phone,
    Window,
    Postcode,
    Message,
    Email,
}

impl CallbackField {
    pub const ALL: [CallbackField; 7] = [
        CallbackField::Language,
        CallbackField::OtherLanguage,
        CallbackField::Phone,
        CallbackField::Window,
        CallbackField::Postcode,
        CallbackField::Message,
        CallbackField::Email,
    ];

    pub fn name(self) -> &'static str {
        match self {
            CallbackField::Language => "language",
            CallbackField::OtherLanguage => "other_language",
            CallbackField::Phone => "phone",
            CallbackField::Window => "window",
            CallbackField::Postcode => "postcode",
            CallbackField::Message => "message",
            CallbackField::Email => "email",
        }
    }

    pub fn pointer(self) -> String {
        format!("/{}", self.name())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallbackProblem {
    pub field: CallbackField,
    pub code: ProblemCode,
}

/// Longest message with a call-back request: a few sentences.
pub const MAX_CALLBACK_MESSAGE: usize = 500;

/// A call-back request that passed validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Callback {
    pub service: Option<ServiceId>,
    pub language: Option<Language>,
    pub other_language: Option<String>,
    pub phone: PhoneNumber,
    pub window: TimeWindow,
    /// The district centre of the postcode, or the Online Center without one.
    pub centre: ServiceCentre,
    pub message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

pub fn validate_callback(request: &CallbackRequest) -> Result<Callback, Vec<CallbackProblem>> {
    let mut problems = Vec::new();
    let mut problem = |field, code| problems.push(CallbackProblem { field, code });
    let trimmed = |t: &Option<String>| {
        t.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
    };
    let other_language = trimmed(&request.other_language);
    if request.language.is_none() && other_language.is_none() {
        problem(CallbackField::OtherLanguage, ProblemCode::RequiredLanguage);
    }
    if let Some(Err(code)) = other_language
        .as_deref()
        .map(|l| crate::validation::check_free_text(l, 100))
    {
        problem(CallbackField::OtherLanguage, code);
    }
    let phone = match PhoneNumber::parse(request.phone.as_deref().unwrap_or_default()) {
        Ok(phone) => Some(phone),
        Err(error) => {
            problem(CallbackField::Phone, error.into());
            None
        }
    };
    if request.window.is_none() {
        problem(CallbackField::Window, ProblemCode::RequiredWindow);
    }
    let centre = match trimmed(&request.postcode) {
        None => Some(ServiceCentre::OnlineCenter),
        Some(typed) => match Postcode::parse(&typed) {
            // Someone from outside Reykjavík is still called back: they are told where to go.
            Ok(postcode) => Some(match postcode.residence() {
                Residence::Reykjavik(centre) => centre,
                Residence::OutsideReykjavik => ServiceCentre::OnlineCenter,
            }),
            Err(error) => {
                problem(CallbackField::Postcode, error.into());
                None
            }
        },
    };
    let message = trimmed(&request.message);
    if let Some(Err(code)) = message
        .as_deref()
        .map(|m| crate::validation::check_free_text(m, MAX_CALLBACK_MESSAGE))
    {
        problem(CallbackField::Message, code);
    }
    let email = trimmed(&request.email);
    if email
        .as_deref()
        .is_some_and(|e| e.chars().count() > crate::application::MAX_LINE || !is_email_address(e))
    {
        problem(CallbackField::Email, ProblemCode::EmailBadFormat);
    }
    match (phone, request.window, centre) {
        (Some(phone), Some(window), Some(centre)) if problems.is_empty() => Ok(Callback {
            service: request.service,
            language: request.language,
            other_language: if request.language.is_none() {
                other_language
            } else {
                None
            },
            phone,
            window,
            centre,
            message,
            email,
        }),
        _ => Err(problems),
    }
}

/// What the resident is told after asking for a call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CallbackReceipt {
    /// `SIM-2026-000042` (símtal: a call).
    pub reference: String,
    pub centre: ServiceCentre,
    pub window: TimeWindow,
    pub requested_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::PhoneNumberError;

    fn request() -> CallbackRequest {
        CallbackRequest {
            service: Some(ServiceId::FinancialAssistance),
            language: Some(Language::Pl),
            phone: Some("611 2345".into()),
            window: Some(TimeWindow::Midday),
            postcode: Some("108".into()),
            ui_language: Language::Pl,
            ..CallbackRequest::default()
        }
    }

    #[test]
    fn a_complete_request_is_routed_to_the_centre_of_its_postcode() {
        let callback = validate_callback(&request()).unwrap();
        assert_eq!(callback.centre, ServiceCentre::Nordurmidstod);
        assert_eq!(callback.phone.to_string(), "611 2345");
    }

    #[test]
    fn an_e_mail_for_the_confirmation_is_optional_but_must_be_an_address() {
        assert_eq!(validate_callback(&request()).unwrap().email, None);
        let mut r = request();
        r.email = Some(" anna@example.is ".into());
        assert_eq!(
            validate_callback(&r).unwrap().email.as_deref(),
            Some("anna@example.is")
        );
        for wrong in ["anna", "anna@localhost", "anna@example."] {
            r.email = Some(wrong.into());
            let problems = validate_callback(&r).unwrap_err();
            assert_eq!(problems.len(), 1, "{wrong}");
            assert_eq!(problems[0].field, CallbackField::Email);
            assert_eq!(problems[0].code, ProblemCode::EmailBadFormat);
        }
    }

    #[test]
    fn without_a_postcode_the_online_center_calls() {
        let mut r = request();
        r.postcode = Some("  ".into());
        assert_eq!(
            validate_callback(&r).unwrap().centre,
            ServiceCentre::OnlineCenter
        );
    }

    #[test]
    fn another_language_must_be_named_and_every_problem_is_listed() {
        let r = CallbackRequest {
            phone: Some("12".into()),
            message: Some("x".repeat(MAX_CALLBACK_MESSAGE + 1)),
            ..CallbackRequest::default()
        };
        let problems: Vec<_> = validate_callback(&r)
            .unwrap_err()
            .into_iter()
            .map(|p| (p.field, p.code))
            .collect();
        assert_eq!(
            problems,
            [
                (CallbackField::OtherLanguage, ProblemCode::RequiredLanguage),
                (
                    CallbackField::Phone,
                    ProblemCode::Phone(PhoneNumberError::WrongLength)
                ),
                (CallbackField::Window, ProblemCode::RequiredWindow),
                (CallbackField::Message, ProblemCode::TextTooLong),
            ]
        );
        let named = CallbackRequest {
            language: None,
            other_language: Some("Tigrinya".into()),
            ..request()
        };
        assert_eq!(
            validate_callback(&named).unwrap().other_language.as_deref(),
            Some("Tigrinya")
        );
    }

    #[test]
    fn documents_are_recognised_by_their_first_bytes_only() {
        assert_eq!(
            DocumentKind::sniff(b"\xFF\xD8\xFF\xE0rest"),
            Some(DocumentKind::Jpeg)
        );
        assert_eq!(
            DocumentKind::sniff(b"\x89PNG\r\n\x1a\nrest"),
            Some(DocumentKind::Png)
        );
        assert_eq!(DocumentKind::sniff(b"%PDF-1.7"), Some(DocumentKind::Pdf));
        assert_eq!(DocumentKind::sniff(b"GIF89a"), None);
        assert_eq!(DocumentKind::sniff(b"<html>%PDF-"), None);
        assert_eq!(DocumentKind::sniff(b""), None);
    }

    #[test]
    fn statuses_and_decisions_read_back_from_their_names() {
        for status in Status::ALL {
            assert_eq!(Status::parse(status.as_str()), Some(status));
            assert_eq!(
                serde_json::to_value(status).unwrap(),
                serde_json::Value::from(status.as_str())
            );
        }
        for decision in Decision::ALL {
            assert_eq!(Decision::parse(decision.as_str()), Some(decision));
        }
    }
}
