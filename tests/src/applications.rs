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
