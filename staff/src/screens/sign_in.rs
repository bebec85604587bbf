//! `/staff/sign-in`: e-mail, password and the authenticator's code in one form, as the API takes
//! them in one request (so a wrong password and a wrong code cannot be told apart).

use leptos::prelude::*;
use leptos_router::{NavigateOptions, hooks::use_navigate};
use velferd_frontend::kit::{
    PageHeading,
    form::{InputKind, TextField},
};
use velferd_shared::staff::SignIn;

use crate::{
    api::{self, SignInError},
    fields::{ErrorList, FormProblem, PasswordField, label, message_of, summary_of},
    i18n::*,
    session::Session,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Problem {
    EmailMissing,
    PasswordMissing,
    CodeInvalid,
    Wrong,
    Locked,
    Unreachable,
}

impl FormProblem for Problem {
    fn field(self) -> &'static str {
        match self {
            Problem::PasswordMissing => "password",
            Problem::CodeInvalid => "totp",
            _ => "email",
        }
    }

    fn message(self, locale: Locale) -> &'static str {
        match self {
            Problem::EmailMissing => td_string!(locale, sign_in.email_missing),
            Problem::PasswordMissing => td_string!(locale, sign_in.password_missing),
            Problem::CodeInvalid => td_string!(locale, sign_in.code_invalid),
            Problem::Wrong => td_string!(locale, sign_in.wrong),
            Problem::Locked => td_string!(locale, sign_in.locked),
            Problem::Unreachable => td_string!(locale, unreachable),
        }
    }
}

/// What must be fixed before the form is worth sending.
fn check(email: &str, password: &str, code: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    if email.trim().is_empty() {
        problems.push(Problem::EmailMissing);
    }
    if password.is_empty() {
        problems.push(Problem::PasswordMissing);
    }
    let code = code.trim();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        problems.push(Problem::CodeInvalid);
    }
    problems
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::get();
    let navigate = use_navigate();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<Problem>::new());
    let attempts = RwSignal::new(0u32);
    let sending = RwSignal::new(false);
    let failed = move |found: Vec<Problem>| {
        problems.set(found);
        attempts.update(|a| *a += 1);
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let found = check(
            &email.get_untracked(),
            &password.get_untracked(),
            &code.get_untracked(),
        );
        if !found.is_empty() {
            failed(found);
            return;
        }
        let request = SignIn {
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
            totp: code.get_untracked().trim().to_owned(),
        };
        sending.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let result = api::sign_in(&request).await;
            sending.set(false);
            let problem = match result {
                Ok(()) => match api::me().await {
                    Ok(me) => {
                        session.signed_in(me);
                        problems.set(Vec::new());
                        navigate("/staff", NavigateOptions::default());
                        return;
                    }
                    Err(_) => Problem::Unreachable,
                },
                Err(SignInError::Wrong) => Problem::Wrong,
                Err(SignInError::Locked(_)) => Problem::Locked,
                Err(SignInError::Other(_)) => Problem::Unreachable,
            };
            // Never keep a code that was tried: it is single use.
            code.set(String::new());
            failed(vec![problem]);
        });
    };
    let locale = move || i18n.get_locale();
    let summary = summary_of(problems);
    let error_of = move |field: &'static str| message_of(problems, field);
    view! {
        <div class="narrow">
            <ErrorList errors=summary attempts/>
            <PageHeading text=Signal::derive(move || t_string!(i18n, sign_in.title).to_string())/>
            <p>{t!(i18n, sign_in.intro)}</p>
            <form novalidate on:submit=submit>
                <TextField id="email" naming=label(|l| td_string!(l, sign_in.email)) kind=InputKind::Email autocomplete="username" value=email error=error_of("email")/>
                <PasswordField id="password" label=Signal::derive(move || td_string!(locale(), sign_in.password).to_owned()) value=password error=error_of("password")/>
                <TextField
                    id="totp"
                    naming=label(|l| td_string!(l, sign_in.code))
                    kind=InputKind::Number
                    autocomplete="one-time-code"
                    value=code
                    hint=Signal::derive(move || Some(td_string!(locale(), sign_in.code_hint)))
                    error=error_of("totp")
                />
                <button type="submit" class="button" aria-disabled=move || sending.get().then_some("true")>
                    {t!(i18n, sign_in.submit)}
                </button>
            </form>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_missing_part_is_named_and_a_code_is_six_digits() {
        assert_eq!(
            check("", "", "12345"),
            vec![
                Problem::EmailMissing,
                Problem::PasswordMissing,
                Problem::CodeInvalid
            ]
        );
        assert_eq!(check("a@b.is", "long enough pw", " 123456 "), vec![]);
        assert_eq!(check("a@b.is", "pw", "12a456"), vec![Problem::CodeInvalid]);
    }
}
