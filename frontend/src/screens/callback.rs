//! `/call-me`: ask a counsellor to call — topic, language, phone number, a time window on a
//! weekday and an optional message — then `/call-me/<reference>`: the confirmation.

use crate::router::{use_navigate, use_params_map, use_query_map};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use velferd_shared::{
    Language, ProblemCode, ServiceId,
    api::{FieldError, Problem},
    catalogue::CATALOGUE,
    choice::Choice,
    follow::{CallbackField, CallbackReceipt, CallbackRequest, TimeWindow, validate_callback},
};

use crate::language::use_i18n;
use crate::{
    api::{self, SubmitError},
    application::service_slug,
    components::{
        error_summary::ErrorSummary,
        form::{Choices, InputKind, Naming, RadioOption, TextField},
        page::PageHeading,
        phone::WithPhoneLinks,
    },
    i18n::*,
    language::language_of,
    offline::Connection,
    parts::{OutboxLoader, PartMissing, part_missing_while, when_idle},
    storage,
    text::{OptionText, problem_message, radio_options, service_name},
};

const RECEIPTS_KEY: &str = "velferd.callbacks";
const OUTBOX_KEY: &str = "velferd.callbacks.outbox";

/// A request the server has not acknowledged yet: its key and what the resident asked for,
/// kept on the device so that it goes when the connection is back, from whatever screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueuedCallback {
    key: String,
    request: CallbackRequest,
    /// The server refused it: not retried, but put back into the form to correct.
    #[serde(default)]
    refused: bool,
}

/// The requests waiting to be sent, shared by every screen.
#[derive(Clone, Copy)]
pub struct CallbackOutbox {
    waiting: RwSignal<Vec<QueuedCallback>>,
    /// The last request sent from the outbox, for a call-back page still open to show.
    sent: RwSignal<Option<String>>,
    sending: RwSignal<bool>,
    /// What is wrong with a request, before it goes: the rules' checks.
    check: fn(&CallbackRequest) -> Corrections,
    /// Sends a request and keeps its receipt.
    send: fn(String, CallbackRequest) -> Sending,
    /// What the server asks to correct in a request it refused.
    corrections: fn(&Problem) -> Corrections,
    /// A kept receipt, by its reference.
    receipt: fn(&str) -> Option<CallbackReceipt>,
}

// The form reaches the checking, the sending, the keeping and the parsing of records through
// the outbox's functions only, so that they live in the outbox's part (`parts::OutboxLoader`),
// which the form waits for only when it sends: in the form's part they were 10 KB (brotli) of
// what asking for a call downloads first.

/// What to correct in a request, field by field.
type Corrections = Vec<(CallbackField, ProblemCode)>;

/// A request on its way to the server.
type Sending =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<CallbackReceipt, SubmitError>>>>;

/// How often waiting requests are tried again.
const RETRY: std::time::Duration = std::time::Duration::from_secs(10);

impl CallbackOutbox {
    fn create() -> CallbackOutbox {
        let outbox = CallbackOutbox {
            waiting: RwSignal::new(storage::read(OUTBOX_KEY).unwrap_or_default()),
            sent: RwSignal::new(None),
            sending: RwSignal::new(false),
            check: |request| match validate_callback(request) {
                Ok(_) => Vec::new(),
                Err(found) => found.into_iter().map(|p| (p.field, p.code)).collect(),
            },
            send: |key, request| {
                Box::pin(async move {
                    let receipt = api::request_callback(&key, &request).await?;
                    keep_receipt(&receipt);
                    Ok(receipt)
                })
            },
            corrections: |problem| {
                problem
                    .errors
                    .iter()
                    .filter_map(|e| Some((field_of(e)?, e.problem())))
                    .collect()
            },
            receipt: |reference| {
                storage::read::<Vec<CallbackReceipt>>(RECEIPTS_KEY)
                    .unwrap_or_default()
                    .into_iter()
                    .find(|r| r.reference == reference)
            },
        };
        Effect::new(move |_| outbox.waiting.with(|w| storage::write(OUTBOX_KEY, w)));
        let _ = window_event_listener(leptos::ev::online, move |_| outbox.flush());
        let _ = set_interval_with_handle(move || outbox.flush(), RETRY);
        outbox.flush();
        outbox
    }

    /// The app's one outbox, set up under the frame the first time. Only the outbox's part and
    /// the device's records call this: the form's part reaches it through `Desk`.
    pub fn get() -> CallbackOutbox {
        storage::frame_wide(Self::create)
    }

    fn queue(self, key: String, request: CallbackRequest) {
        self.waiting.update(|w| {
            w.retain(|q| q.key != key);
            w.push(QueuedCallback {
                key,
                request,
                refused: false,
            });
        });
    }

    /// Takes the one request waiting back into the form (refused, or to see what waits).
    fn take(self) -> Option<QueuedCallback> {
        let mut taken = None;
        self.waiting.update(|w| {
            if let Some(at) = w.iter().position(|q| q.refused) {
                taken = Some(w.remove(at));
            }
        });
        taken.or_else(|| self.waiting.with_untracked(|w| w.first().cloned()))
    }

    /// Takes the request sent with `key` out of the outbox: the form is sending it itself now.
    fn withdraw(self, key: &str) -> Option<CallbackRequest> {
        let mut withdrawn = None;
        self.waiting.update(|w| {
            if let Some(at) = w.iter().position(|q| q.key == key) {
                withdrawn = Some(w.remove(at).request);
            }
        });
        withdrawn
    }

    fn is_waiting(self) -> bool {
        self.waiting.with(|w| w.iter().any(|q| !q.refused))
    }

    fn flush(self) {
        if self.sending.get_untracked() {
            return;
        }
        let Some(next) = self
            .waiting
            .with_untracked(|w| w.iter().find(|q| !q.refused).cloned())
        else {
            return;
        };
        self.sending.set(true);
        leptos::task::spawn_local(async move {
            let result = (self.send)(next.key.clone(), next.request).await;
            self.sending.set(false);
            match result {
                Ok(receipt) => {
                    self.waiting.update(|w| w.retain(|q| q.key != next.key));
                    self.sent.set(Some(receipt.reference));
                    self.flush();
                }
                Err(SubmitError::Refused(_)) => self.waiting.update(|w| {
                    if let Some(q) = w.iter_mut().find(|q| q.key == next.key) {
                        q.refused = true;
                    }
                }),
                // Offline, the server down or busy: the timer and the `online` event try again.
                Err(_) => {}
            }
        });
    }
}

fn keep_receipt(receipt: &CallbackReceipt) {
    let mut kept: Vec<CallbackReceipt> = storage::read(RECEIPTS_KEY).unwrap_or_default();
    if !kept.iter().any(|r| r.reference == receipt.reference) {
        kept.push(receipt.clone());
    }
    storage::write(RECEIPTS_KEY, &kept);
}

/// The outbox as the call-back screens reach it: at once if it is set up (the device held
/// requests), else once its part is here, fetched when the browser is idle or when needed.
#[derive(Clone, Copy)]
struct Desk {
    outbox: RwSignal<Option<CallbackOutbox>>,
    /// Its part could not be fetched: said beside the form, with the number and a retry.
    missing: RwSignal<bool>,
    load: OutboxLoader,
    /// The screen's: a task spawned later has none, and the outbox is set up under the frame
    /// through it.
    owner: StoredValue<Option<Owner>>,
}

impl Desk {
    fn new() -> Desk {
        Desk {
            outbox: RwSignal::new(use_context::<CallbackOutbox>()),
            missing: RwSignal::new(false),
            load: expect_context(),
            owner: StoredValue::new(Owner::current()),
        }
    }

    /// The outbox, fetching its part unless it is here.
    async fn ready(self) -> Result<CallbackOutbox, PartMissing> {
        if let Some(outbox) = self.outbox.try_get_untracked().flatten() {
            return Ok(outbox);
        }
        let OutboxLoader(load) = self.load;
        let set_up = load().await;
        let outbox = set_up.and_then(|get| {
            self.owner
                .try_with_value(|owner| owner.as_ref().map(|owner| owner.with(get)))
                .flatten()
                .ok_or(PartMissing)
        });
        if let Ok(outbox) = outbox {
            self.outbox.try_set(Some(outbox));
        }
        outbox
    }

    /// The outbox for what the resident asked for now, or the notice that it cannot be fetched.
    async fn needed(self) -> Result<CallbackOutbox, PartMissing> {
        let outbox = self.ready().await;
        if outbox.is_err() {
            self.missing.try_set(true);
        }
        outbox
    }

    /// Fetches the outbox's part now, for a screen that shows what it keeps.
    fn fetch(self) {
        leptos::task::spawn_local(async move {
            let _ = self.needed().await;
        });
    }

    /// Fetches the outbox's part ahead, saying nothing if it cannot: a Send says so then.
    fn fetch_ahead(self) {
        leptos::task::spawn_local(async move {
            let _ = self.ready().await;
        });
    }

    /// That the outbox's part could not be fetched, with `retry`.
    fn notice(self, retry: Callback<()>) -> impl IntoView {
        part_missing_while(self.missing, retry)
    }
}

/// The input a problem's message points to.
fn field_id(field: CallbackField) -> &'static str {
    match field {
        // "Choose a language" is about the whole group: its first option.
        CallbackField::Language | CallbackField::OtherLanguage => "language",
        other => other.name(),
    }
}

fn field_of(error: &FieldError) -> Option<CallbackField> {
    CallbackField::ALL
        .into_iter()
        .find(|f| f.pointer() == error.pointer)
}

/// The language option for a language not in the list, named in a field of its own.
const OTHER_LANGUAGE: &str = "other";

#[component]
pub fn CallbackPage() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let query = use_query_map();
    let preselected = query.with_untracked(|q| q.get("topic")).and_then(|slug| {
        CATALOGUE
            .iter()
            .map(|s| s.id)
            .find(|id| service_slug(*id) == slug)
    });
    let topic = RwSignal::new(preselected);
    let language = RwSignal::new(None::<&'static str>);
    let other_language = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let window_choice = RwSignal::new(None::<&'static str>);
    let postcode = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    // One key for this request, whatever the number of tries.
    let key = StoredValue::new(api::new_idempotency_key());
    let problems = RwSignal::new(Corrections::new());
    let attempts = RwSignal::new(0u32);
    let sending = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let desk = Desk::new();
    when_idle(move || desk.fetch_ahead());
    let connection = Connection::get();
    // A Send is under way from the tap until the server or the outbox has answered: a second tap
    // meanwhile (while the outbox's part comes, say) would send twice.
    let under_way = StoredValue::new(false);
    // The resident has typed or chosen something here.
    let touched = StoredValue::new(false);
    // What waits to be sent (or came back refused) is shown in the form, so nothing typed is
    // lost and the resident sees what will be sent: once the outbox is here, which is at once if
    // the frame set it up before this page opened (the device held requests), else when its part
    // arrives. By then the resident may have typed or sent: what they typed stays, and a request
    // that waits still goes by itself.
    Effect::new(move |filled: Option<bool>| {
        if filled == Some(true) {
            return true;
        }
        let Some(outbox) = desk.outbox.get() else {
            return false;
        };
        if touched.get_value() || under_way.get_value() {
            return true;
        }
        if let Some(queued) = outbox.take() {
            let r = &queued.request;
            topic.set(r.service);
            language.set(match (r.language, &r.other_language) {
                (Some(l), _) => Some(l.key()),
                (None, Some(_)) => Some(OTHER_LANGUAGE),
                (None, None) => None,
            });
            other_language.set(r.other_language.clone().unwrap_or_default());
            phone.set(r.phone.clone().unwrap_or_default());
            window_choice.set(r.window.map(|w| w.key()));
            postcode.set(r.postcode.clone().unwrap_or_default());
            message.set(r.message.clone().unwrap_or_default());
            email.set(r.email.clone().unwrap_or_default());
            key.set_value(queued.key);
        }
        true
    });
    // Sent from the outbox while this page is open: show the confirmation.
    Effect::new(move |_| {
        let Some(outbox) = desk.outbox.get() else {
            return;
        };
        if let Some(reference) = outbox.sent.get() {
            outbox.sent.set(None);
            navigate(&format!("/call-me/{reference}"), Default::default());
        }
    });
    let is_waiting = move || desk.outbox.get().is_some_and(CallbackOutbox::is_waiting);

    let request = move || {
        let text = |s: RwSignal<String>| Some(s.get_untracked());
        let chosen = language.get_untracked();
        CallbackRequest {
            service: topic.get_untracked(),
            language: chosen.and_then(Language::from_key),
            other_language: (chosen == Some(OTHER_LANGUAGE))
                .then(|| other_language.get_untracked()),
            phone: text(phone),
            window: window_choice.get_untracked().and_then(TimeWindow::from_key),
            postcode: text(postcode),
            message: text(message),
            email: text(email),
            ui_language: language_of(i18n.get_locale_untracked()),
        }
    };
    let send = move || {
        if under_way.get_value() {
            return;
        }
        under_way.set_value(true);
        let request = request();
        // Read now: the resident may have left the page by the time the outbox or the server
        // answers, and the page's values with it.
        let mut request_key = key.get_value();
        let sending_it = async move {
            let Ok(outbox) = desk.needed().await else {
                return;
            };
            let found = (outbox.check)(&request);
            if !found.is_empty() {
                problems.try_set(found);
                attempts.try_update(|n| *n += 1);
                return;
            }
            problems.try_set(Vec::new());
            failed.try_set(false);
            sending.try_set(true);
            // Changed since it was queued: the key would be refused with other answers.
            if outbox
                .withdraw(&request_key)
                .is_some_and(|queued| queued != request)
            {
                request_key = api::new_idempotency_key();
                key.try_set_value(request_key.clone());
            }
            let result = (outbox.send)(request_key.clone(), request.clone()).await;
            sending.try_set(false);
            match result {
                Ok(receipt) => {
                    navigate(
                        &format!("/call-me/{}", receipt.reference),
                        Default::default(),
                    );
                }
                Err(SubmitError::Refused(problem)) if !problem.errors.is_empty() => {
                    problems.try_set((outbox.corrections)(&problem));
                    attempts.try_update(|n| *n += 1);
                }
                // A refusal without a field to correct (a 409: this key went with other answers
                // whose reply was lost): say so, and send the next try as a new request.
                Err(SubmitError::Refused(_)) => {
                    key.try_set_value(api::new_idempotency_key());
                    failed.try_set(true);
                }
                // No answer: kept on the device and sent when the connection is back.
                Err(SubmitError::Unreachable) => outbox.queue(request_key, request),
                Err(_) => {
                    failed.try_set(true);
                }
            }
        };
        leptos::task::spawn_local(async move {
            sending_it.await;
            under_way.try_set_value(false);
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send();
    };

    let summary = Signal::derive(move || {
        let locale = i18n.get_locale();
        problems.with(|p| {
            p.iter()
                .map(|(f, code)| (field_id(*f).to_owned(), problem_message(locale, *code)))
                .collect::<Vec<_>>()
        })
    });
    let problem_of = move |fields: &'static [CallbackField]| {
        Signal::derive(move || {
            let locale = i18n.get_locale();
            problems.with(|p| {
                p.iter()
                    .find(|(f, _)| fields.contains(f))
                    .map(|(_, code)| problem_message(locale, *code))
            })
        })
    };
    let label = move |text: fn(Locale) -> &'static str| {
        Naming::Label(Signal::derive(move || text(i18n.get_locale()).to_owned()))
    };
    let hint = move |text: fn(Locale) -> &'static str| {
        Signal::derive(move || Some(text(i18n.get_locale())))
    };
    let languages = Signal::derive(move || {
        let locale = i18n.get_locale();
        let mut options = radio_options(locale, Language::OPTIONS);
        options.push(RadioOption {
            value: OTHER_LANGUAGE,
            label: td_text!(locale, callback.language_other).to_owned(),
            lang: None,
        });
        options
    });
    let windows = Signal::derive(move || radio_options(i18n.get_locale(), TimeWindow::OPTIONS));
    let title = Signal::derive(move || t_text!(i18n, callback.title).to_string());

    view! {
        <ErrorSummary errors=summary attempts/>
        <PageHeading text=title/>
        <p class="lead">{tr!(i18n, callback.intro)}</p>
        <form novalidate on:submit=submit on:input=move |_| touched.set_value(true)>
            <div class="field">
                <label class="field-label" for="topic">{tr!(i18n, callback.topic)}</label>
                <select
                    id="topic"
                    name="topic"
                    class="select"
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        topic.set(CATALOGUE.iter().map(|s| s.id).find(|id| service_slug(*id) == value));
                    }
                >
                    {CATALOGUE
                        .iter()
                        .map(|s| {
                            let id: ServiceId = s.id;
                            view! {
                                <option value=service_slug(id) selected=move || topic.get() == Some(id)>
                                    {move || service_name(i18n.get_locale(), id)}
                                </option>
                            }
                        })
                        .collect_view()}
                    <option value="other" selected=move || topic.get().is_none()>
                        {tr!(i18n, callback.topic_other)}
                    </option>
                </select>
            </div>
            <Choices
                id="language"
                naming=label(|l| td_text!(l, callback.language))
                options=languages
                chosen=language
                error=problem_of(&[CallbackField::Language, CallbackField::OtherLanguage])
            />
            <Show when=move || language.get() == Some(OTHER_LANGUAGE)>
                <TextField id="other_language" naming=label(|l| td_text!(l, callback.other_language))
                    kind=InputKind::Text value=other_language error=Signal::derive(|| None)/>
            </Show>
            <TextField id="phone" naming=label(|l| td_text!(l, callback.phone)) kind=InputKind::Phone
                autocomplete="tel" value=phone hint=hint(|l| td_text!(l, callback.phone_hint))
                error=problem_of(&[CallbackField::Phone])/>
            <Choices
                id="window"
                naming=label(|l| td_text!(l, callback.window))
                options=windows
                chosen=window_choice
                error=problem_of(&[CallbackField::Window])
            />
            <TextField id="postcode" naming=label(|l| td_text!(l, callback.postcode)) kind=InputKind::Number
                autocomplete="postal-code" value=postcode hint=hint(|l| td_text!(l, callback.postcode_hint))
                error=problem_of(&[CallbackField::Postcode])/>
            <TextField id="message" naming=label(|l| td_text!(l, callback.message))
                kind=InputKind::LongText(velferd_shared::follow::MAX_CALLBACK_MESSAGE)
                value=message hint=hint(|l| td_text!(l, callback.message_hint))
                error=problem_of(&[CallbackField::Message])/>
            <TextField id="email" naming=label(|l| td_text!(l, callback.email)) kind=InputKind::Email
                autocomplete="email" value=email hint=hint(|l| td_text!(l, callback.email_hint))
                error=problem_of(&[CallbackField::Email])/>
            <Show when=move || !connection.online.get() && !is_waiting()>
                <p class="notice offline-notice">{tr!(i18n, offline.callback_offline)}</p>
            </Show>
            <button type="submit" class="button" disabled=move || sending.get()>
                {move || if sending.get() {
                    td_text!(i18n.get_locale(), callback.sending)
                } else {
                    td_text!(i18n.get_locale(), callback.send)
                }}
            </button>
            <p role="status" class="send-status">
                <Show when=move || is_waiting()>
                    {tr!(i18n, offline.callback_waiting)}
                </Show>
                <Show when=move || failed.get()>
                    <WithPhoneLinks text=Signal::derive(move || td_text!(i18n.get_locale(), callback.failed).to_string())/>
                </Show>
            </p>
            {desk.notice(Callback::new(move |()| send()))}
        </form>
    }
}

#[component]
pub fn CallbackSent() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let desk = Desk::new();
    desk.fetch();
    let receipt = move || {
        let reference = params.with(|p| p.get("reference")).unwrap_or_default();
        (desk.outbox.get()?.receipt)(&reference)
    };
    let title = Signal::derive(move || t_text!(i18n, callback.sent_title).to_string());
    view! {
        <PageHeading text=title/>
        <p class="lead">{tr!(i18n, callback.sent_text)}</p>
        {move || receipt().map(|r| view! {
            <div class="receipt-panel">
                <p>{tr!(i18n, callback.reference)}</p>
                <p class="reference"><strong dir="ltr">{r.reference.clone()}</strong></p>
            </div>
            <dl class="summary-list">
                <div class="summary-row">
                    <dt>{tr!(i18n, callback.window_label)}</dt>
                    <dd>{move || r.window.label(i18n.get_locale())}</dd>
                </div>
                <div class="summary-row">
                    <dt>{tr!(i18n, callback.centre_label)}</dt>
                    <dd lang="is">{r.centre.official_name()}</dd>
                </div>
            </dl>
        })}
        {desk.notice(Callback::new(move |()| desk.fetch()))}
    }
}
