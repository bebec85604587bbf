//! The screener's state: the answers, kept on the device as they are given, and what each
//! question asks for. Screens in `crate::screens` render it.

mod on_device;
pub mod questions;

use leptos::prelude::*;
use velferd_shared::{answers::Answers, rules, validation::Date};

use crate::storage;

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

    /// Where the screener continues: the next question still worth asking, or the summary.
    pub fn next_path(self) -> String {
        match self
            .answers
            .with_untracked(rules::relevant_questions)
            .first()
        {
            Some(question) => format!("/check/q/{}", question.slug()),
            None => "/check/answers".to_owned(),
        }
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
