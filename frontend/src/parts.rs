//! The residents' app in parts. The first part (the frame every screen shares and the home
//! page) is what every resident downloads; each screen below lives in a part of its own group,
//! cut into its own wasm file by `wasm-split-cli` (see `xtask/src/split.rs`) and fetched the
//! first time a resident goes there.

use std::{future::Future, pin::Pin};

use leptos::prelude::*;
use leptos::wasm_split::{SplitLoaderError, wasm_split};

use crate::arriving::Arriving;
use crate::language::use_i18n;
use crate::{
    components::{focus::focus_late_heading, phone::WithPhoneLinks, try_again::TryAgain},
    screens, storage,
    strings::{self, Section},
};

/// A screen that lives in a part: a plain function pointer, so it can cross the split.
pub type Screen = fn() -> AnyView;

#[derive(Clone, Copy, Debug, thiserror::Error)]
#[error("a part of the app could not be fetched")]
pub struct PartMissing;

impl From<SplitLoaderError> for PartMissing {
    fn from(_: SplitLoaderError) -> Self {
        PartMissing
    }
}

/// A screen's part and the tables of texts it reads (with the frame's, which every screen has).
/// One type for every screen, so the resource, the view and the route table that show a part
/// are compiled once, not once per screen (15 copies cost 31 KB of raw wasm in the first part).
#[derive(Clone, Copy)]
pub struct Part {
    pub load: fn() -> PartLoading,
    pub texts: &'static [Section],
}

/// What a part brings (a screen, the rules), on its way.
pub type Fetching<T> = Pin<Box<dyn Future<Output = Result<T, PartMissing>>>>;

/// A part on its way: the one future type every screen's split function is boxed into.
pub type PartLoading = Fetching<Screen>;

/// One split function per screen; the screens of one group share a wasm file and read the same
/// tables of texts, which `frontend/layout.rs` names (for `start.js` and the bench too).
macro_rules! parts {
    ($($part:ident: $($name:ident => $screen:path),+;)+) => {
        mod split {
            use super::*;
            $($(
                #[wasm_split($part, fallible, wasm_split_path = ::leptos::wasm_split)]
                pub fn $name() -> Result<Screen, PartMissing> {
                    Ok(|| $screen().into_any())
                }
            )+)+
        }
        $($(
            #[allow(non_upper_case_globals)]
            pub const $name: Part = Part {
                load: || Box::pin(split::$name()),
                texts: strings::part_texts::$part,
            };
        )+)+
    };
}

// "Check your answers" comes after the last question, in a part of its own: in the questions'
// part it was 7.7 KB of the first question's download, in the results' 6.9 KB of theirs.
parts! {
    help: area => screens::area::AreaPage,
        accessibility => screens::accessibility::AccessibilityStatement;
    check: check_start => screens::check_start::CheckStart,
        question => screens::question::QuestionPage;
    answers: check_answers => screens::check_answers::CheckAnswers;
    results: results => screens::results::Results,
        service_list => screens::service_list::ServiceList;
    apply: apply_start => screens::apply_start::ApplyStart,
        apply_step => screens::apply_step::ApplyStepPage,
        receipt => screens::receipt::Receipt;
    follow: status => screens::status::StatusPage;
    partner: partner_start => screens::partner::PartnerStart,
        partner_step => screens::partner::PartnerStepPage;
    callback: callback => screens::callback::CallbackPage;
    sent: callback_sent => screens::callback::CallbackSent;
    device: your_applications => screens::home::YourApplications;
}

/// The rules that say which question comes next: 6.8 KB of the first question's download in the
/// questions' part. They are in the part of "Check your answers", which every question fetches
/// ahead when idle and the service worker keeps, so a Continue seldom waits for them.
mod rules {
    use super::*;

    /// A plain function pointer, so that it can cross the split.
    #[wasm_split(answers, fallible, wasm_split_path = ::leptos::wasm_split)]
    pub fn path_after() -> Result<PathAfter, PartMissing> {
        Ok(crate::screener::path_after)
    }
}

/// How the screener's screens, which live in parts, fetch the rules: through the frame, which
/// provides this. A part loader called from a part would make every bundle that links this crate
/// (the staff workspace's too) import the split pipeline's placeholder (see `mark_set_up`).
#[derive(Clone, Copy)]
pub struct Rules(pub fn() -> Fetching<PathAfter>);

/// Where the screener continues after the answers given (`screener::path_after`).
pub type PathAfter = fn(&velferd_shared::answers::Answers) -> String;

/// The call-back requests' outbox: what sends a request and keeps it while offline, and reads
/// and writes the device's requests and receipts. In a part of its own, kept from the first
/// visit (so a request typed offline is still kept), which the call-back form fetches when the
/// browser is idle and waits for only when it sends.
mod outbox {
    use super::*;
    use crate::screens::callback::CallbackOutbox;

    /// A plain function pointer, so that it can cross the split; called under a screen, which
    /// `CallbackOutbox::get` needs to reach the frame.
    #[wasm_split(outbox, fallible, wasm_split_path = ::leptos::wasm_split)]
    pub fn callback_outbox() -> Result<OutboxSetUp, PartMissing> {
        Ok(CallbackOutbox::get)
    }
}

/// How the call-back screens, which live in parts, fetch the outbox: through the frame, which
/// provides this (as it does `Rules`).
#[derive(Clone, Copy)]
pub struct OutboxLoader(pub fn() -> Fetching<OutboxSetUp>);

/// Sets up the call-back outbox (under the frame) and hands it over.
pub type OutboxSetUp = fn() -> crate::screens::callback::CallbackOutbox;

/// The loaders of what screens in parts fetch beside their own: the rules, the outbox.
pub fn provide_loaders() {
    provide_context(Rules(|| Box::pin(rules::path_after())));
    provide_context(OutboxLoader(|| Box::pin(outbox::callback_outbox())));
}

/// Where the device keeps drafts, outboxes and receipts. Their code and the parsing of their
/// records come with the screens that write them; a device that holds some sets them up at
/// start, so that what waits is sent, what expired is deleted and the home page lists them.
const DEVICE_RECORDS: [&str; 3] = [
    "velferd.applications.",
    "velferd.partner.",
    "velferd.callbacks",
];

/// Whether the device's records are set up: at start if it held some, or since another tab
/// wrote the first. The home page lists them from then on.
#[derive(Clone, Copy)]
pub struct DeviceRecords(pub RwSignal<bool>);

impl DeviceRecords {
    pub fn get() -> DeviceRecords {
        expect_context()
    }

    /// The applications' records are set up (a screen of an application opened, say). The
    /// frame then fetches the home page's list of them, so that it is on the device when offline.
    /// Only the signal is set here: this runs inside parts, whose exported entry points every
    /// bundle linking this crate keeps (the staff workspace's too), and a part loader called
    /// from one would make that bundle import the split pipeline's placeholder module.
    pub fn mark_set_up() {
        if let Some(DeviceRecords(set_up)) = use_context() {
            set_up.set(true);
        }
    }
}

mod device {
    use super::*;
    use crate::{
        application::{Applications, partner::Partners},
        screens::callback::CallbackOutbox,
    };

    /// A plain function pointer, so that it can cross the split and be called under the frame.
    #[wasm_split(device, fallible, wasm_split_path = ::leptos::wasm_split)]
    pub fn records() -> Result<fn(), PartMissing> {
        Ok(|| {
            Applications::get();
            Partners::get();
            CallbackOutbox::get();
        })
    }
}

/// Sets up what the device keeps if it holds any, now and whenever another tab writes some.
pub fn wake_device_records() {
    let woken = RwSignal::new(false);
    provide_context(DeviceRecords(woken));
    let owner = Owner::current();
    let wake = move || {
        let owner = owner.clone();
        leptos::task::spawn_local(async move {
            if let (Ok(set_up), Some(owner)) = (device::records().await, owner) {
                owner.with(set_up);
                woken.set(true);
            }
        });
    };
    if storage::holds_any(&DEVICE_RECORDS) {
        wake();
    }
    Effect::new(move |fetched: Option<bool>| {
        let set_up = woken.get();
        if set_up && fetched != Some(true) {
            leptos::task::spawn_local(async {
                let _ = (your_applications.load)().await;
            });
        }
        set_up || fetched == Some(true)
    });
    let _ = window_event_listener(leptos::ev::storage, move |event| {
        let key = event.key().unwrap_or_default();
        if !woken.get_untracked() && DEVICE_RECORDS.iter().any(|prefix| key.starts_with(prefix)) {
            wake();
        }
    });
}

/// Where a resident most often goes next from `path`, fetched once the browser is idle so that the
/// next screen does not wait for its code. Never the application, follow-up or call-back parts:
/// a resident who only reads or checks what they can get does not download them.
fn next_addresses(path: &str) -> &'static [&'static str] {
    match path {
        "/" => &["/check/q/", "/help/"],
        _ if path.starts_with("/help/") || path == "/urgent-help" => &["/check/q/"],
        // The rules come with "Check your answers": Start and every Continue need them.
        "/check" => &["/check/answers"],
        _ if path.starts_with("/check/q/") => &["/check/answers", "/check/results"],
        "/check/answers" => &["/check/results"],
        // The confirmation, which a request sent offline may show without a signal too.
        "/call-me" => &["/call-me/"],
        _ => &[],
    }
}

/// After every navigation, fetches the files of the parts the resident is likely to need next,
/// with their language's texts, when idle (through `start.js`, which knows the files).
pub fn prefetch_next_parts() {
    use wasm_bindgen::JsCast;
    let i18n = use_i18n();
    let location = crate::router::use_location();
    Effect::new(move |_| {
        let next = next_addresses(&location.pathname.get());
        if !next.is_empty() {
            when_idle(move || {
                let language = crate::language::language_of(i18n.get_locale_untracked());
                let Some(prefetch) = js_sys::Reflect::get(&window(), &"velferdPrefetch".into())
                    .ok()
                    .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
                else {
                    return;
                };
                for address in next {
                    let _ = prefetch.call2(
                        &wasm_bindgen::JsValue::NULL,
                        &(*address).into(),
                        &language.code().into(),
                    );
                }
            });
        }
    });
}

/// `requestIdleCallback`, or a second's wait where the browser has none (Safari).
pub fn when_idle(run: impl FnOnce() + 'static) {
    use wasm_bindgen::{JsCast, closure::Closure};
    let idle = Closure::once_into_js(run);
    if window()
        .request_idle_callback(idle.unchecked_ref())
        .is_err()
    {
        let _ = window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(idle.unchecked_ref(), 1000);
    }
}

/// Shows the screen once its part is here. If the part cannot be fetched (offline before it was
/// ever needed, or a new version deployed meanwhile), says so in the resident's language with the
/// Online Center's number and a Try again, instead of a blank page.
pub fn lazy(screen: Part) -> impl IntoView {
    let part = with_texts(screen);
    move || match part.get() {
        None => ().into_any(),
        Some(Ok(screen)) => {
            focus_late_heading();
            screen()
        }
        Some(Err(PartMissing)) => part_missing(Callback::new(move |()| part.again())).into_any(),
    }
}

/// A screen's part and the tables it reads in the resident's language, fetched side by side: the
/// screen shows once all are here, whole, in one step.
fn with_texts(part: Part) -> Arriving<Result<Screen, PartMissing>> {
    let i18n = use_i18n();
    Arriving::new(move || {
        let screen = (part.load)();
        let texts = strings::load(i18n.get_locale_untracked(), part.texts);
        async move {
            let (screen, texts) = futures::future::join(screen, texts).await;
            next_task().await;
            texts.and(screen)
        }
    })
}

/// Waits for a task of its own, so that the screen is drawn apart from whatever brought the last
/// of its part's files or texts (compiling a file, say): one long task delays a tap on a slow
/// phone, two shorter ones less. (Not measured on its own; `start.js` hands each file over in a
/// task of its own for the same reason, which was.)
async fn next_task() {
    let next = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(next).await;
}

/// `part_missing` beside a form while `missing` says that what a tap needed could not be fetched
/// (the screener's rules, the call-back outbox); Try again hides it and runs `retry`.
pub fn part_missing_while(missing: RwSignal<bool>, retry: Callback<()>) -> impl IntoView {
    move || {
        missing.get().then(|| {
            part_missing(Callback::new(move |()| {
                missing.set(false);
                retry.run(());
            }))
        })
    }
}

/// That a part (a screen's, or the language's texts) could not be fetched, with the Online
/// Center's number and Try again: in texts built into the first part, as no table may be here.
pub fn part_missing(retry: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let message = Signal::derive(move || built_in!(i18n, offline.part_missing)().to_owned());
    view! {
        <TryAgain retry=retry>
            <div class="notice" role="alert">
                <p><WithPhoneLinks text=message/></p>
            </div>
        </TryAgain>
    }
}

/// A section of a screen that lives in a part, shown once the part is here. The screen is whole
/// without it, so a part that cannot be fetched leaves the section out.
pub fn lazy_section(section: Part) -> impl IntoView {
    let part = with_texts(section);
    move || part.get().and_then(Result::ok).map(|section| section())
}
