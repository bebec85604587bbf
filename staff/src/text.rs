//! The words for the shared domain's values. Centres and services keep their official Icelandic
//! names in both languages (marked `lang="is"` where shown): that is what counsellors and
//! letters call them.

use velferd_shared::{
    Language,
    follow::{Decision, Status, TimeWindow},
    numbers::CountForm,
    staff::{CallbackStatus, Role},
};

use crate::i18n::*;

pub fn status_label(locale: Locale, status: Status) -> &'static str {
    match status {
        Status::Received => td_string!(locale, status.received),
        Status::InReview => td_string!(locale, status.in_review),
        Status::MoreInformationNeeded => td_string!(locale, status.more_information_needed),
        Status::DocumentReceived => td_string!(locale, status.document_received),
        Status::Decided => td_string!(locale, status.decided),
    }
}

/// "1 dagur", "3 dagar": how long a case has waited, with the noun in the form its count asks.
pub fn days(locale: Locale, count: u32) -> String {
    let language = match locale {
        Locale::is => Language::Is,
        Locale::en => Language::En,
    };
    let noun = match language.count_form(u64::from(count)) {
        CountForm::One => td_string!(locale, inbox.days.one),
        _ => td_string!(locale, inbox.days.other),
    };
    format!("{count} {noun}")
}

pub fn decision_label(locale: Locale, decision: Decision) -> &'static str {
    match decision {
        Decision::Granted => td_string!(locale, decision.granted),
        Decision::PartlyGranted => td_string!(locale, decision.partly_granted),
        Decision::Refused => td_string!(locale, decision.refused),
    }
}

pub fn window_label(locale: Locale, window: TimeWindow) -> &'static str {
    match window {
        TimeWindow::Morning => td_string!(locale, callbacks.morning),
        TimeWindow::Midday => td_string!(locale, callbacks.midday),
        TimeWindow::Afternoon => td_string!(locale, callbacks.afternoon),
    }
}

pub fn callback_status_label(locale: Locale, status: CallbackStatus) -> &'static str {
    match status {
        CallbackStatus::Requested => td_string!(locale, callbacks.status_requested),
        CallbackStatus::Called => td_string!(locale, callbacks.called),
        CallbackStatus::NoAnswer => td_string!(locale, callbacks.no_answer),
        CallbackStatus::Done => td_string!(locale, callbacks.done),
    }
}

pub fn role_label(locale: Locale, role: Role) -> &'static str {
    match role {
        Role::Counsellor => td_string!(locale, accounts.counsellor),
        Role::Admin => td_string!(locale, accounts.admin),
    }
}

/// `2026-11-24T10:15:00Z` → `2026-11-24 10:15`: the same in both languages, and sortable.
pub fn when(timestamp: &str) -> String {
    match (timestamp.get(..10), timestamp.get(11..16)) {
        (Some(day), Some(time)) => format!("{day} {time}"),
        _ => timestamp.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_show_to_the_minute() {
        assert_eq!(when("2026-11-24T10:15:00Z"), "2026-11-24 10:15");
        assert_eq!(when("soon"), "soon");
    }

    #[test]
    fn a_wait_of_one_day_is_singular_as_is_twenty_one_in_icelandic() {
        assert_eq!(days(Locale::is, 1), "1 dagur");
        assert_eq!(days(Locale::is, 21), "21 dagur");
        assert_eq!(days(Locale::is, 11), "11 dagar");
        assert_eq!(days(Locale::en, 1), "1 day");
        assert_eq!(days(Locale::en, 21), "21 days");
    }
}
