//! The screener's state: the answers, kept on the device as they are given, and what each
//! question asks for. Screens in `crate::screens` render it.

mod on_device;
pub mod questions;

use leptos::prelude::*;
use velferd_shared::{answers::Answers, rules, validation::Date};

use crate::{
    parts::{PartMissing, Rules, part_missing_while},
    router::use_navigate,
    storage,
};

const STORAGE_KEY: &str = "velferd.screener.answers";

/// The answers so far, shared by every screener screen and surviving reloads and language
/// changes. Nothing personal goes into the URL.
#[derive(Clone, Copy)]
pub struct Screener {
    pub answers: RwSignal<Answers>,
}

impl Screener {
    /// Restores saved answers (a damaged or outdated record is set aside rather than trusted) and
    /// saves every change.
    fn create() -> Screener {
        let answers = RwSignal::new(Self::kept().unwrap_or_default());
        Effect::new(move |_| {
            answers.with(|a| storage::write_with(STORAGE_KEY, a, on_device::to_json))
        });
        // Answers given in another tab reach this one instead of being overwritten by it.
        let _ = window_event_listener(leptos::ev::storage, move |event| {
            if event.key().as_deref() == Some(STORAGE_KEY) {
                answers.set(Self::kept().unwrap_or_default());
            }
        });
        Screener { answers }
    }

    fn kept() -> Option<Answers> {
        storage::read_with(STORAGE_KEY, on_device::from_json)
    }

    /// Set up by the first screen that asks, so that the answers' code and parsing come with the
    /// screener's part rather than the first one.
    pub fn get() -> Screener {
        storage::frame_wide(Self::create)
    }

    /// "Start again": asks first, in the resident's language, and clears only on a yes.
    pub fn clear_if_confirmed(self, question: &str) -> bool {
        let confirmed = window().confirm_with_message(question).unwrap_or(false);
        if confirmed {
            self.clear();
        }
        confirmed
    }

    fn clear(self) {
        self.answers.set(Answers::default());
        storage::remove(STORAGE_KEY);
    }
}

/// Moving on from a screener screen (Start, Continue, "I don't know"). The rules may still be on
/// their way: nothing moves until they came, and if they cannot come the resident is told so
/// beside the form, with the number and a retry.
#[derive(Clone, Copy)]
pub struct Onward {
    screener: Screener,
    rules: Rules,
    to: Callback<String>,
    rules_missing: RwSignal<bool>,
    /// A move waits for the rules: a second tap meanwhile would move twice (two history entries).
    under_way: StoredValue<bool>,
}

impl Onward {
    /// Under the frame, which provides the rules' loader (a task spawned later has no context).
    pub fn new(screener: Screener) -> Onward {
        let navigate = use_navigate();
        Onward {
            screener,
            rules: expect_context(),
            to: Callback::new(move |path: String| navigate(&path, Default::default())),
            rules_missing: RwSignal::new(false),
            under_way: StoredValue::new(false),
        }
    }

    /// To the next question still worth asking, or the summary, once the rules are here.
    pub fn go(self) {
        if self.under_way.get_value() {
            return;
        }
        self.under_way.set_value(true);
        let Rules(rules) = self.rules;
        leptos::task::spawn_local(async move {
            // The resident may have left the screen meanwhile: then it stays left.
            match rules().await {
                Ok(path_after) => {
                    self.to
                        .try_run(self.screener.answers.with_untracked(path_after));
                }
                Err(PartMissing) => {
                    self.rules_missing.try_set(true);
                }
            }
            self.under_way.try_set_value(false);
        })
    }

    /// Nothing, or that the rules could not be fetched.
    pub fn notice(self) -> impl IntoView {
        part_missing_while(self.rules_missing, Callback::new(move |()| self.go()))
    }
}

/// Where the screener continues after `answers`: the next question still worth asking, or the
/// summary. Called where the rules are in the part anyway (the results); elsewhere through
/// `Onward`.
pub fn path_after(answers: &Answers) -> String {
    match rules::relevant_questions(answers).first() {
        Some(question) => format!("/check/q/{}", question.slug()),
        None => "/check/answers".to_owned(),
    }
}

/// Today's date in the browser, for the figures in force.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::new(
        now.get_full_year() as u16,
        (now.get_month() + 1) as u8,
        now.get_date() as u8,
    )
    .unwrap_or_else(|| Date::new(2026, 1, 1).expect("a real date"))
}
