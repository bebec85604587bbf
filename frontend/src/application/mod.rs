//! Applications on the device: a draft per service, saved at every step, and an outbox that
//! holds a sent application until the API has acknowledged it — through a lost connection, a
//! server restart or a reload.

pub mod fields;
pub mod flow;
pub mod partner;
pub mod text;

use std::{collections::BTreeMap, time::Duration};

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use velferd_shared::{
    ServiceId,
    api::{ApplicationReceipt, ApplicationRequest, FieldError},
    application::{self, ApplicationDraft, Step},
};

use crate::{
    api::{self, SubmitError},
    screener::Screener,
    storage,
};

const DRAFTS_KEY: &str = "velferd.applications.drafts";
const OUTBOX_KEY: &str = "velferd.applications.outbox";
const RECEIPTS_KEY: &str = "velferd.applications.receipts";
/// When each draft was last changed (milliseconds since 1970), for its expiry.
const TOUCHED_KEY: &str = "velferd.applications.drafts.touched";
/// Last month's answers by service, while next month's application is being filled in: the
/// summary marks what changed.
const PREVIOUS_KEY: &str = "velferd.applications.previous";

/// A draft not changed for this long is deleted: a shared or lost phone keeps no one's answers
/// for ever (the start and summary pages say so).
const DRAFT_LIFETIME_MS: f64 = 30.0 * DAY_MS;
/// A receipt is kept this long after the application was sent (the receipt page says so).
const RECEIPT_LIFETIME_MS: f64 = 365.0 * DAY_MS;
const DAY_MS: f64 = 24.0 * 60.0 * 60.0 * 1000.0;

/// Drops the drafts and receipts past their lifetime; a draft without a recorded change (saved
/// by an older version) counts from now.
fn expire(
    drafts: &mut BTreeMap<ServiceId, ApplicationDraft>,
    touched: &mut BTreeMap<ServiceId, f64>,
    receipts: &mut Vec<Kept>,
    now: f64,
) {
    for service in drafts.keys() {
        touched.entry(*service).or_insert(now);
    }
    touched.retain(|service, at| drafts.contains_key(service) && now - *at < DRAFT_LIFETIME_MS);
    drafts.retain(|service, _| touched.contains_key(service));
    receipts.retain(|kept| {
        let sent = js_sys::Date::parse(&kept.receipt.submitted_at);
        sent.is_nan() || now - sent < RECEIPT_LIFETIME_MS
    });
}

/// The URL name of a service that takes online applications (`financial-assistance`).
pub fn service_slug(service: ServiceId) -> String {
    service.key().replace('_', "-")
}

pub fn service_from_slug(slug: &str) -> Option<ServiceId> {
    application::ONLINE_SERVICES
        .into_iter()
        .find(|s| service_slug(*s) == slug)
}

pub fn start_path(service: ServiceId) -> String {
    format!("/apply/{}", service_slug(service))
}

pub fn step_path(service: ServiceId, step: Step) -> String {
    format!("/apply/{}/{}", service_slug(service), step.slug())
}

pub fn check_path(service: ServiceId) -> String {
    format!("/apply/{}/check", service_slug(service))
}

pub fn receipt_path(reference: &str) -> String {
    format!("/receipt/{reference}")
}

/// A submission waiting for the API's acknowledgement: the key and the exact body every retry
/// reuses, so that a retry is recognised even by a newer server with newer rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Queued {
    pub key: String,
    pub service: ServiceId,
    pub body: String,
}

/// A receipt, kept with the key of the submission that produced it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kept {
    pub key: String,
    pub receipt: ApplicationReceipt,
    /// The answers as sent, so next month's application starts from them.
    #[serde(default)]
    pub draft: Option<ApplicationDraft>,
}

/// Why the outbox is not empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waiting {
    Sending,
    /// Offline or the server is down: retried by itself.
    Unreachable,
    /// The server answered with a failure: retried by itself.
    Failed,
    RateLimited,
}

#[derive(Clone, Copy)]
pub struct Applications {
    pub drafts: RwSignal<BTreeMap<ServiceId, ApplicationDraft>>,
    pub outbox: RwSignal<Vec<Queued>>,
    pub receipts: RwSignal<Vec<Kept>>,
    pub waiting: RwSignal<Option<Waiting>>,
    /// The API's objections to the last submission of a service, to show beside the fields.
    pub refused: RwSignal<Option<(ServiceId, Vec<FieldError>)>>,
    retry_scheduled: RwSignal<bool>,
}

impl Applications {
    /// Restores drafts, the outbox and receipts, saves every change, and starts sending anything
    /// left in the outbox (a reload while waiting).
    fn create() -> Applications {
        let mut drafts = storage::read(DRAFTS_KEY).unwrap_or_default();
        let mut touched = storage::read(TOUCHED_KEY).unwrap_or_default();
        let mut receipts = storage::read(RECEIPTS_KEY).unwrap_or_default();
        expire(
            &mut drafts,
            &mut touched,
            &mut receipts,
            js_sys::Date::now(),
        );
        storage::write(TOUCHED_KEY, &touched);
        let apps = Applications {
            drafts: RwSignal::new(drafts),
            outbox: RwSignal::new(storage::read(OUTBOX_KEY).unwrap_or_default()),
            receipts: RwSignal::new(receipts),
            waiting: RwSignal::new(None),
            refused: RwSignal::new(None),
            retry_scheduled: RwSignal::new(false),
        };
        Effect::new(move |_| apps.drafts.with(|d| storage::write(DRAFTS_KEY, d)));
        Effect::new(move |_| apps.outbox.with(|o| storage::write(OUTBOX_KEY, o)));
        Effect::new(move |_| apps.receipts.with(|r| storage::write(RECEIPTS_KEY, r)));
        // The browser says when the connection is back: try at once.
        let _ = window_event_listener(leptos::ev::online, move |_| apps.flush());
        // Another tab changed them: take its version, so neither tab writes over the other's
        // submission or receipt with an old copy.
        let _ = window_event_listener(leptos::ev::storage, move |event| {
            match event.key().as_deref() {
                Some(DRAFTS_KEY) => apps
                    .drafts
                    .set(storage::read(DRAFTS_KEY).unwrap_or_default()),
                Some(OUTBOX_KEY) => {
                    apps.outbox
                        .set(storage::read(OUTBOX_KEY).unwrap_or_default());
                    apps.flush();
                }
                Some(RECEIPTS_KEY) => apps
                    .receipts
                    .set(storage::read(RECEIPTS_KEY).unwrap_or_default()),
                _ => {}
            }
        });
        apps.flush();
        crate::parts::DeviceRecords::mark_set_up();
        apps
    }

    /// Set up the first time a screen asks, or at start when the device holds applications.
    pub fn get() -> Applications {
        storage::frame_wide(Self::create)
    }

    /// The draft for `service`, started from the screener's answers the first time.
    pub fn draft(self, service: ServiceId) -> ApplicationDraft {
        if let Some(draft) = self.drafts.with_untracked(|d| d.get(&service).cloned()) {
            return draft;
        }
        let answers = Screener::get().answers.get_untracked();
        ApplicationDraft::prefilled(service, &answers)
    }

    pub fn save(self, service: ServiceId, draft: ApplicationDraft) {
        let mut touched: BTreeMap<ServiceId, f64> = storage::read(TOUCHED_KEY).unwrap_or_default();
        touched.insert(service, js_sys::Date::now());
        storage::write(TOUCHED_KEY, &touched);
        self.drafts.update(|d| {
            d.insert(service, draft);
        });
    }

    /// Where the application continues: the first page not answered yet, or the summary.
    pub fn next_path(self, service: ServiceId) -> String {
        match application::next_step(service, &self.draft(service)) {
            Some(step) => step_path(service, step),
            None => check_path(service),
        }
    }

    /// The answers sent with the application whose private link is `token`, if this device
    /// sent it.
    pub fn sent_draft(self, token: &str) -> Option<(String, ApplicationDraft)> {
        self.receipts.with(|r| {
            r.iter()
                .find(|k| k.receipt.status_token == token)
                .and_then(|k| Some((k.receipt.reference.clone(), k.draft.clone()?)))
        })
    }

    /// Starts next month's application from the one with `reference` (or continues one already
    /// started); returns where it continues.
    pub fn start_next_month(
        self,
        service: ServiceId,
        reference: &str,
        previous: &ApplicationDraft,
    ) -> String {
        if self.drafts.with_untracked(|d| !d.contains_key(&service)) {
            let mut kept: BTreeMap<ServiceId, ApplicationDraft> =
                storage::read(PREVIOUS_KEY).unwrap_or_default();
            kept.insert(service, previous.clone());
            storage::write(PREVIOUS_KEY, &kept);
            self.save(service, previous.next_month(reference));
        }
        self.next_path(service)
    }

    /// Last month's answers, when `service`'s draft continues an earlier application.
    pub fn previous_month(self, service: ServiceId) -> Option<ApplicationDraft> {
        let continues = self
            .drafts
            .with(|d| d.get(&service).and_then(|d| d.previous_reference.clone()))?;
        let kept: BTreeMap<ServiceId, ApplicationDraft> = storage::read(PREVIOUS_KEY)?;
        kept.get(&service)
            .filter(|_| !continues.is_empty())
            .cloned()
    }

    /// The submission of `service` still waiting in the outbox, if any.
    pub fn queued(self, service: ServiceId) -> Option<Queued> {
        self.outbox
            .with(|o| o.iter().find(|q| q.service == service).cloned())
    }

    pub fn receipt(self, reference: &str) -> Option<ApplicationReceipt> {
        self.receipts.with(|r| {
            r.iter()
                .find(|k| k.receipt.reference == reference)
                .map(|k| k.receipt.clone())
        })
    }

    pub fn receipt_for_key(self, key: &str) -> Option<ApplicationReceipt> {
        self.receipts
            .with(|r| r.iter().find(|k| k.key == key).map(|k| k.receipt.clone()))
    }

    /// Puts the application in the outbox (saved on the device first) and sends it.
    pub fn send(self, request: ApplicationRequest) {
        let service = request.service;
        self.refused.set(None);
        if self.queued(service).is_none() {
            let queued = Queued {
                key: api::new_idempotency_key(),
                service,
                body: api::application_body(&request),
            };
            self.outbox.update(|o| o.push(queued));
        }
        self.flush();
    }

    /// Sends the oldest waiting submission, then the next, until the outbox is empty or the
    /// server cannot be reached (then a retry is scheduled).
    pub fn flush(self) {
        if self.waiting.get_untracked() == Some(Waiting::Sending) {
            return;
        }
        let Some(next) = self.outbox.with_untracked(|o| o.first().cloned()) else {
            self.waiting.set(None);
            return;
        };
        self.waiting.set(Some(Waiting::Sending));
        leptos::task::spawn_local(async move {
            let result = api::submit_application(&next.key, &next.body).await;
            let service = next.service;
            match result {
                Ok(receipt) => {
                    self.receipts.update(|r| {
                        if !r.iter().any(|k| k.key == next.key) {
                            let sent = crate::json::from_str::<ApplicationRequest>(&next.body)
                                .map(|request| request.draft);
                            r.push(Kept {
                                key: next.key.clone(),
                                receipt,
                                draft: sent,
                            });
                        }
                    });
                    self.forget(&next.key);
                    self.drafts.update(|d| {
                        d.remove(&service);
                    });
                    self.waiting.set(None);
                    self.flush();
                }
                Err(SubmitError::Refused(problem)) => {
                    // Retrying cannot help: the resident corrects the answers and sends again.
                    self.forget(&next.key);
                    self.refused.set(Some((service, problem.errors)));
                    self.waiting.set(None);
                    self.flush();
                }
                Err(SubmitError::RateLimited(seconds)) => {
                    self.waiting.set(Some(Waiting::RateLimited));
                    self.retry_in(Duration::from_secs(u64::from(seconds.max(1))));
                }
                Err(SubmitError::Server(_)) => {
                    self.waiting.set(Some(Waiting::Failed));
                    self.retry_in(RETRY);
                }
                Err(SubmitError::Unreachable) => {
                    self.waiting.set(Some(Waiting::Unreachable));
                    self.retry_in(RETRY);
                }
            }
        });
    }

    fn forget(self, key: &str) {
        self.outbox.update(|o| o.retain(|q| q.key != key));
    }

    fn retry_in(self, delay: Duration) {
        if self.retry_scheduled.get_untracked() {
            return;
        }
        self.retry_scheduled.set(true);
        set_timeout(
            move || {
                self.retry_scheduled.set(false);
                self.flush();
            },
            delay,
        );
    }

    /// "Try again now".
    pub fn retry_now(self) {
        if self.waiting.get_untracked() != Some(Waiting::Sending) {
            self.waiting.set(None);
        }
        self.flush();
    }
}

/// How long to wait before trying an unreachable server again; short, because a resident may be
/// watching the page (the `online` event covers a phone coming back into coverage).
const RETRY: Duration = Duration::from_secs(4);
