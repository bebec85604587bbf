//! The partner's part on the device: a draft per link, saved at every page like an
//! application's, and the exact body of a send, so a retry after a lost answer is the same
//! bytes and gets the same receipt.

use std::collections::BTreeMap;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use velferd_shared::{
    Language,
    api::FieldError,
    application::ApplicationDraft,
    partner::{PartnerPartRequest, PartnerReceipt},
};

use crate::{
    api::{self, SubmitError},
    storage,
};

const DRAFTS_KEY: &str = "velferd.partner.drafts";
/// Kept no longer than an application's draft.
const LIFETIME_MS: f64 = 30.0 * 24.0 * 60.0 * 60.0 * 1000.0;

pub fn start_path(token: &str) -> String {
    format!("/partner/{token}")
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PartnerDraft {
    pub draft: ApplicationDraft,
    /// When it last changed (milliseconds since 1970), for its expiry.
    pub touched: f64,
    /// The body as first sent, reused by every retry until the answers change.
    #[serde(default)]
    pub sent_body: Option<String>,
}

/// Why a send did not end with a receipt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotSent {
    /// Offline or the server is down; the answers stay on the device.
    Unreachable,
    /// Their part had already arrived with other answers.
    AlreadySent,
    /// Refused field by field: shown on the pages (in `refused`).
    Refused,
    /// The link is not (or no longer) known.
    UnknownLink,
}

#[derive(Clone, Copy)]
pub struct Partners {
    pub drafts: RwSignal<BTreeMap<String, PartnerDraft>>,
    /// The API's objections to the last send, by link, to show beside the fields.
    pub refused: RwSignal<Option<(String, Vec<FieldError>)>>,
}

impl Partners {
    fn create() -> Partners {
        let now = js_sys::Date::now();
        let mut drafts: BTreeMap<String, PartnerDraft> =
            storage::read(DRAFTS_KEY).unwrap_or_default();
        drafts.retain(|_, d| now - d.touched < LIFETIME_MS);
        let partners = Partners {
            drafts: RwSignal::new(drafts),
            refused: RwSignal::new(None),
        };
        Effect::new(move |_| partners.drafts.with(|d| storage::write(DRAFTS_KEY, d)));
        partners
    }

    pub fn get() -> Partners {
        storage::frame_wide(Self::create)
    }

    pub fn draft(self, token: &str) -> ApplicationDraft {
        self.drafts
            .with_untracked(|d| d.get(token).map(|d| d.draft.clone()))
            .unwrap_or_default()
    }

    pub fn started(self, token: &str) -> bool {
        self.drafts.with_untracked(|d| d.contains_key(token))
    }

    pub fn save(self, token: &str, draft: ApplicationDraft) {
        self.drafts.update(|d| {
            d.insert(
                token.to_owned(),
                PartnerDraft {
                    draft,
                    touched: js_sys::Date::now(),
                    sent_body: None,
                },
            );
        });
    }

    /// Sends the part; on a receipt the draft leaves the device.
    pub async fn send(self, token: &str, language: Language) -> Result<PartnerReceipt, NotSent> {
        let mut entry = self
            .drafts
            .with_untracked(|d| d.get(token).cloned())
            .unwrap_or_default();
        let body = match &entry.sent_body {
            Some(body) => body.clone(),
            None => {
                let request = PartnerPartRequest {
                    language,
                    draft: entry.draft.clone(),
                };
                let body = crate::json::to_string(&request).unwrap_or_default();
                entry.sent_body = Some(body.clone());
                self.drafts.update(|d| {
                    d.insert(token.to_owned(), entry);
                });
                body
            }
        };
        self.refused.set(None);
        match api::submit_partner_part(token, &body).await {
            Ok(receipt) => {
                self.drafts.update(|d| {
                    d.remove(token);
                });
                Ok(receipt)
            }
            Err(SubmitError::Refused(problem)) if problem.status == 409 => {
                Err(NotSent::AlreadySent)
            }
            Err(SubmitError::Refused(problem)) if problem.status == 404 => {
                Err(NotSent::UnknownLink)
            }
            Err(SubmitError::Refused(problem)) => {
                self.refused.set(Some((token.to_owned(), problem.errors)));
                Err(NotSent::Refused)
            }
            Err(_) => Err(NotSent::Unreachable),
        }
    }
}
