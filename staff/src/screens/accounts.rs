//! `/staff/accounts` (admins): who may sign in, their role and centres; a new account (its
//! second factor shown once) and disabling one, which ends its sessions.

use leptos::prelude::*;
use velferd_frontend::kit::{
    PageHeading,
    form::{Checkbox, Choices, InputKind, RadioOption, TextField},
};
use velferd_shared::{
    ServiceCentre,
    staff::{CreatedStaffAccount, MIN_PASSWORD_CHARS, NewStaffAccount, Role},
};

use crate::{
    api::{self, ApiError},
    fields::{ErrorList, FormProblem, PasswordField, TableRegion, label, message_of, summary_of},
    i18n::*,
    screens::loaded,
    text::role_label,
};

/// The centres an account can work for, each with its tick box's id.
const CENTRES: [(&str, ServiceCentre); 5] = [
    ("centre-online-center", ServiceCentre::OnlineCenter),
    ("centre-vesturmidstod", ServiceCentre::Vesturmidstod),
    ("centre-nordurmidstod", ServiceCentre::Nordurmidstod),
    ("centre-sudurmidstod", ServiceCentre::Sudurmidstod),
    ("centre-austurmidstod", ServiceCentre::Austurmidstod),
];

/// What is wrong with the new account, each beside its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Problem {
    EmailMissing,
    EmailTaken,
    NameMissing,
    PasswordShort,
    CentresMissing,
    Refused,
}

impl FormProblem for Problem {
    fn field(self) -> &'static str {
        match self {
            Problem::EmailMissing | Problem::EmailTaken | Problem::Refused => "email",
            Problem::NameMissing => "name",
            Problem::PasswordShort => "password",
            Problem::CentresMissing => CENTRES[0].0,
        }
    }

    fn message(self, locale: Locale) -> &'static str {
        match self {
            Problem::EmailMissing => td_string!(locale, accounts.email_missing),
            Problem::EmailTaken => td_string!(locale, accounts.email_taken),
            Problem::NameMissing => td_string!(locale, accounts.name_missing),
            Problem::PasswordShort => td_string!(locale, accounts.password_short),
            Problem::CentresMissing => td_string!(locale, accounts.centres_missing),
            Problem::Refused => td_string!(locale, accounts.refused),
        }
    }
}

fn check(email: &str, name: &str, password: &str, centres: usize) -> Vec<Problem> {
    let mut problems = Vec::new();
    if !email.trim().contains('@') {
        problems.push(Problem::EmailMissing);
    }
    if name.trim().is_empty() {
        problems.push(Problem::NameMissing);
    }
    if password.chars().count() < MIN_PASSWORD_CHARS {
        problems.push(Problem::PasswordShort);
    }
    if centres == 0 {
        problems.push(Problem::CentresMissing);
    }
    problems
}

#[component]
pub fn AccountsPage() -> impl IntoView {
    let i18n = use_i18n();
    let accounts = LocalResource::new(api::accounts);
    let disable = move |email: String| {
        let question = td_string!(i18n.get_locale_untracked(), accounts.disable_confirm);
        if !window().confirm_with_message(question).unwrap_or(false) {
            return;
        }
        leptos::task::spawn_local(async move {
            if api::disable_account(&email).await.is_ok() {
                accounts.refetch();
            }
        });
    };
    view! {
        <PageHeading text=Signal::derive(move || t_string!(i18n, accounts.title).to_string())/>
        {loaded(accounts, move |accounts| view! {
                    <TableRegion caption_id="accounts-caption">
                        <table class="table">
                            <caption id="accounts-caption">{t!(i18n, accounts.caption)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, accounts.name)}</th>
                                    <th scope="col">{t!(i18n, accounts.email)}</th>
                                    <th scope="col">{t!(i18n, accounts.role)}</th>
                                    <th scope="col">{t!(i18n, accounts.centres)}</th>
                                    <th scope="col">{t!(i18n, accounts.active)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {accounts
                                    .into_iter()
                                    .map(|a| {
                                        let role = a.role;
                                        let active = a.active;
                                        let centres = a.centres.iter().map(|c| c.official_name()).collect::<Vec<_>>().join(", ");
                                        let email = a.email.clone();
                                        view! {
                                            <tr>
                                                <th scope="row">{a.name}</th>
                                                <td>{a.email}</td>
                                                <td>{move || role_label(i18n.get_locale(), role)}</td>
                                                <td lang="is">{centres}</td>
                                                <td>
                                                    {move || if active { t_string!(i18n, case.yes).to_string() } else { t_string!(i18n, case.no).to_string() }}
                                                    {active.then(|| {
                                                        let email = email.clone();
                                                        view! {
                                                            " "
                                                            <button type="button" class="button button-secondary button-small" on:click=move |_| disable(email.clone())>
                                                                {t!(i18n, accounts.disable)}
                                                                <span class="visually-hidden">" " {email.clone()}</span>
                                                            </button>
                                                        }
                                                    })}
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </TableRegion>
        })}
        <NewAccount on_created=move || accounts.refetch()/>
    }
}

#[component]
fn NewAccount(on_created: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let role = RwSignal::new(Some(Role::Counsellor.as_str()));
    let ticked = CENTRES.map(|_| RwSignal::new(false));
    let problems = RwSignal::new(Vec::<Problem>::new());
    let attempts = RwSignal::new(0u32);
    let created = RwSignal::new(None::<CreatedStaffAccount>);
    let failed = move |found: Vec<Problem>| {
        problems.set(found);
        attempts.update(|a| *a += 1);
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let centres: Vec<ServiceCentre> = CENTRES
            .iter()
            .zip(ticked)
            .filter(|(_, t)| t.get_untracked())
            .map(|((_, c), _)| *c)
            .collect();
        let found = check(
            &email.get_untracked(),
            &name.get_untracked(),
            &password.get_untracked(),
            centres.len(),
        );
        if !found.is_empty() {
            failed(found);
            return;
        }
        let account = NewStaffAccount {
            email: email.get_untracked().trim().to_owned(),
            name: name.get_untracked().trim().to_owned(),
            role: role
                .get_untracked()
                .and_then(Role::parse)
                .unwrap_or(Role::Counsellor),
            centres,
            password: password.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            match api::create_account(&account).await {
                Ok(account) => {
                    problems.set(Vec::new());
                    password.set(String::new());
                    created.set(Some(account));
                    on_created();
                }
                Err(ApiError::Refused(problem))
                    if problem.errors.iter().any(|e| e.code == "email.taken") =>
                {
                    failed(vec![Problem::EmailTaken])
                }
                Err(_) => failed(vec![Problem::Refused]),
            }
        });
    };
    let locale = move || i18n.get_locale();
    let summary = summary_of(problems);
    let error_of = move |field: &'static str| message_of(problems, field);
    let roles = Signal::derive(move || {
        [Role::Counsellor, Role::Admin]
            .into_iter()
            .map(|r| RadioOption {
                value: r.as_str(),
                label: role_label(locale(), r).to_owned(),
                lang: None,
            })
            .collect::<Vec<_>>()
    });
    view! {
        <section aria-labelledby="new-account-title">
            <h2 id="new-account-title">{t!(i18n, accounts.new_title)}</h2>
            <ErrorList errors=summary attempts/>
            {move || created.get().map(|c| view! {
                <div class="notice" role="status">
                    <p><strong>{t!(i18n, accounts.created)}</strong>" "{c.account.email.clone()}</p>
                    <p>{t!(i18n, accounts.secret_hint)}</p>
                    <p><code class="totp-secret" dir="ltr">{c.totp_secret.clone()}</code></p>
                    <p><a href=c.totp_uri.clone() dir="ltr">{t!(i18n, accounts.secret_link)}</a></p>
                </div>
            })}
            <form novalidate on:submit=submit>
                <TextField id="email" naming=label(|l| td_string!(l, accounts.email)) kind=InputKind::Email value=email error=error_of("email")/>
                <TextField id="name" naming=label(|l| td_string!(l, accounts.name)) kind=InputKind::Text value=name error=error_of("name")/>
                <Choices id="role" naming=label(|l| td_string!(l, accounts.role)) options=roles chosen=role error=Signal::derive(|| None)/>
                <fieldset class="question">
                    <legend class="field-label">{t!(i18n, accounts.centres)}</legend>
                    {CENTRES
                        .iter()
                        .zip(ticked)
                        .enumerate()
                        .map(|(index, ((id, centre), checked))| {
                            let error = if index == 0 { error_of(CENTRES[0].0) } else { Signal::derive(|| None) };
                            view! { <Checkbox id=*id label=centre.official_name().to_owned() checked error/> }
                        })
                        .collect_view()}
                </fieldset>
                <PasswordField id="password" label=Signal::derive(move || td_string!(locale(), accounts.password).to_owned()) value=password error=error_of("password")/>
                <button type="submit" class="button">{t!(i18n, accounts.create)}</button>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_account_needs_an_address_a_name_a_long_password_and_a_centre() {
        assert_eq!(
            check("", " ", "short", 0),
            vec![
                Problem::EmailMissing,
                Problem::NameMissing,
                Problem::PasswordShort,
                Problem::CentresMissing
            ]
        );
        assert_eq!(check("a@b.is", "Anna", "twelve chars", 1), vec![]);
    }
}
