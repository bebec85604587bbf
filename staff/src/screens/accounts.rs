//! `/staff/accounts` (admins): who may sign in, their role and centres.

use leptos::prelude::*;
use velferd_frontend::kit::PageHeading;

use crate::{api, fields::TableRegion, i18n::*, screens::loaded, text::role_label};

#[component]
pub fn AccountsPage() -> impl IntoView {
    let i18n = use_i18n();
    let accounts = LocalResource::new(api::accounts);
    view! {
        <PageHeading text=Signal::derive(move || t_string!(i18n, accounts.title).to_string())/>
        <p>{t!(i18n, accounts.cli_hint)}</p>
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
                                        view! {
                                            <tr>
                                                <th scope="row">{a.name}</th>
                                                <td>{a.email}</td>
                                                <td>{move || role_label(i18n.get_locale(), role)}</td>
                                                <td lang="is">{centres}</td>
                                                <td>{move || if active { t_string!(i18n, case.yes).to_string() } else { t_string!(i18n, case.no).to_string() }}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </TableRegion>
        })}
    }
}
