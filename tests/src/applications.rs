//! Applications as a client sends them, for the API, process and load tests.

use std::sync::atomic::{AtomicU64, Ordering};

use velferd_shared::{
    Language, ServiceCentre, ServiceId,
    answers::{Employment, LivingSituation},
    api::ApplicationRequest,
    application::{ApplicationDraft, TaxCredit},
};

/// The personal data in `financial_assistance`, so tests can look for it where it must not be.
pub const NAME: &str = "Guðrún Pálsdóttir";
pub const KENNITALA: &str = "120160-3389";
pub const PHONE: &str = "611 2345";
pub const EMAIL: &str = "gudrun.palsdottir@example.is";
pub const INCOME: &str = "73.456";
pub const BANK_ACCOUNT: &str = "0133-26-012345";

/// A complete financial-assistance application; `variant` changes the street number so that
/// many applications differ from each other.
pub fn financial_assistance(variant: u32) -> ApplicationRequest {
    ApplicationRequest {
        service: ServiceId::FinancialAssistance,
        language: Language::Pl,
        draft: ApplicationDraft {
            consent: true,
            name: Some(NAME.into()),
            kennitala: Some(KENNITALA.into()),
            address: Some(format!("Hverfisgata {variant}")),
            postcode: Some("101".into()),
            centre: Some(ServiceCentre::Vesturmidstod),
            previous_aid: Some(false),
            partner: Some(false),
            children: Some("1".into()),
            student: Some(false),
            housing: Some(LivingSituation::UnregisteredLease),
            employment: Some(Employment::Unemployed),
            income: Some(INCOME.into()),
            income_source: Some("Atvinnuleysisbætur".into()),
            tax_credit: Some(TaxCredit::NotUsed),
            bank_account: Some(BANK_ACCOUNT.into()),
            documents_seen: true,
            email: Some(EMAIL.into()),
            phone: Some(PHONE.into()),
            contact_language: Some(Language::Pl),
            ..ApplicationDraft::default()
        },
    }
}

/// A fresh idempotency key, unique within and across test runs.
pub fn new_key() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    format!(
        "test-{nanos:x}-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// The partner named in `with_partner`.
pub const PARTNER_KENNITALA: &str = "010130-2989";
pub const PARTNER_EMAIL: &str = "jon.jonsson@example.is";
pub const PARTNER_BANK_ACCOUNT: &str = "0111-26-654321";

/// `financial_assistance(variant)` for a couple: the partner is invited to give their part.
pub fn with_partner(variant: u32) -> ApplicationRequest {
    let mut request = financial_assistance(variant);
    request.draft.partner = Some(true);
    request.draft.partner_kennitala = Some(PARTNER_KENNITALA.into());
    request.draft.partner_email = Some(PARTNER_EMAIL.into());
    request
}

/// The partner's own part, paid into their own account.
pub fn partner_part() -> velferd_shared::partner::PartnerPartRequest {
    velferd_shared::partner::PartnerPartRequest {
        language: Language::Is,
        draft: ApplicationDraft {
            consent: true,
            income: Some("120.000".into()),
            income_source: Some("Laun".into()),
            paid_to_partner: Some(true),
            bank_account: Some(PARTNER_BANK_ACCOUNT.into()),
            ..ApplicationDraft::default()
        },
    }
}

/// The tokens of the partner's links in the order they were queued. Without an SMTP server the
/// mail waits in the outbox, so tests read the link there, as the partner would in the mail.
pub async fn partner_links(pool: &sqlx::AnyPool) -> Vec<String> {
    let bodies: Vec<String> =
        sqlx::query_scalar("SELECT text_body FROM mail_outbox WHERE recipient = $1 ORDER BY id")
            .bind(PARTNER_EMAIL)
            .fetch_all(pool)
            .await
            .expect("the outbox is readable");
    bodies.iter().map(|body| partner_token_in(body)).collect()
}

/// The token of the partner's link in a mail's text.
pub fn partner_token_in(body: &str) -> String {
    let start = body
        .find("/partner/")
        .expect("the mail has the partner's link")
        + "/partner/".len();
    body[start..start + 43].to_owned()
}

/// A call-back request as the form sends it, without an e-mail for the confirmation.
pub fn call_back_request() -> serde_json::Value {
    serde_json::json!({
        "service": "financial-assistance",
        "language": "pl",
        "phone": PHONE,
        "window": "midday",
        "postcode": "108",
        "message": "Proszę zadzwonić po 12.",
        "ui_language": "pl"
    })
}
