//! `/staff/audit` (admins): who looked at or changed what, when and from where.

use leptos::prelude::*;
use velferd_frontend::kit::{
    PageHeading,
    form::{InputKind, Naming, TextField},
};

use crate::{api, fields::TableRegion, i18n::*, screens::loaded, text::when};

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let fields = [
        ("reference", "audit-reference"),
        ("staff", "audit-staff"),
        ("from", "audit-from"),
        ("to", "audit-to"),
    ];
    let values = fields.map(|_| RwSignal::new(String::new()));
    let applied = RwSignal::new(String::new());
    let rows = LocalResource::new(move || {
        let query = applied.get();
        async move { api::audit(&query).await }
    });
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let params: Vec<(&str, Option<String>)> = fields
            .iter()
            .zip(values)
            .map(|((name, _), value)| (*name, Some(value.get_untracked().trim().to_owned())))
            .collect();
        applied.set(api::query(&params));
    };
    let label = move |text: fn(Locale) -> &'static str| {
        Naming::Label(Signal::derive(move || text(i18n.get_locale()).to_owned()))
    };
    let [reference, staff, from, to] = values;
    let none = Signal::derive(|| None);
    view! {
        <PageHeading text=Signal::derive(move || t_string!(i18n, audit.title).to_string())/>
        <form class="filters" role="search" on:submit=search aria-label=move || t_string!(i18n, audit.title).to_string()>
            <TextField id="audit-reference" naming=label(|l| td_string!(l, audit.reference)) kind=InputKind::Text value=reference error=none/>
            <TextField id="audit-staff" naming=label(|l| td_string!(l, audit.staff)) kind=InputKind::Email value=staff error=none/>
            <TextField id="audit-from" naming=label(|l| td_string!(l, audit.from)) kind=InputKind::Number value=from error=none/>
            <TextField id="audit-to" naming=label(|l| td_string!(l, audit.to)) kind=InputKind::Number value=to error=none/>
            <button type="submit" class="button">{t!(i18n, audit.search)}</button>
        </form>
        {loaded(rows, move |rows| if rows.is_empty() {
            view! { <p>{t!(i18n, audit.empty)}</p> }.into_any()
        } else {
            view! {
                    <TableRegion caption_id="audit-caption">
                        <table class="table">
                            <caption id="audit-caption">{t!(i18n, audit.caption)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, audit.at)}</th>
                                    <th scope="col">{t!(i18n, audit.staff)}</th>
                                    <th scope="col">{t!(i18n, audit.action)}</th>
                                    <th scope="col">{t!(i18n, audit.reference)}</th>
                                    <th scope="col">{t!(i18n, audit.address)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows
                                    .into_iter()
                                    .map(|row| view! {
                                        <tr>
                                            <td class="nowrap">{when(&row.at)}</td>
                                            <td>{row.staff}</td>
                                            <td><code>{row.action}</code></td>
                                            <td>{row.reference.unwrap_or_default()}</td>
                                            <td dir="ltr">{row.client_address}</td>
                                        </tr>
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </TableRegion>
            }
            .into_any()
        })}
    }
}
