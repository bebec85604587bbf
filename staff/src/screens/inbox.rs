//! `/staff?status=&service=&assigned=&page=`: the centre's applications. The filters live in
//! the address, so "My cases", the counts and the browser's back button all use the same links.
//! The search does not: a kennitala must not end up in the browser's history.

use leptos::prelude::*;
use leptos_router::{
    NavigateOptions,
    hooks::{use_navigate, use_query_map},
};
use velferd_frontend::kit::{
    PageHeading,
    form::{InputKind, Naming, TextField},
};
use velferd_shared::{HowToApply, catalogue::CATALOGUE, follow::Status, staff::InboxCounts};

use crate::{
    api,
    fields::{Select, TableRegion},
    i18n::*,
    screens::loaded,
    text::{days, status_label, when},
};

const FILTERS: [&str; 3] = ["status", "service", "assigned"];

#[component]
pub fn InboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let navigate = use_navigate();
    let param = move |name: &str| query.with(|q| q.get(name)).unwrap_or_default();
    let values = FILTERS.map(|_| RwSignal::new(String::new()));
    let q = RwSignal::new(String::new());
    // What was last searched for, sent with every page of the inbox.
    let searched = RwSignal::new(String::new());
    // The form shows what the address says, also after back and forward.
    Effect::new(move |_| {
        for (name, value) in FILTERS.iter().zip(values) {
            value.set(param(name));
        }
    });
    let inbox = LocalResource::new(move || {
        let mut params: Vec<(&str, Option<String>)> = FILTERS
            .iter()
            .map(|name| (*name, Some(param(name))))
            .collect();
        params.push(("q", Some(searched.get())));
        params.push(("page", Some(param("page"))));
        let query = api::query(&params);
        async move { api::inbox(&query).await }
    });
    let link = |params: Vec<(&str, Option<String>)>| format!("/staff{}", api::query(&params));
    let filter = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let params = FILTERS
            .iter()
            .zip(values)
            .map(|(name, value)| (*name, Some(value.get_untracked().trim().to_owned())))
            .collect();
        searched.set(q.get_untracked().trim().to_owned());
        navigate(&link(params), NavigateOptions::default());
    };
    let locale = move || i18n.get_locale();
    let [status, service, assigned] = values;
    let status_options = Signal::derive(move || {
        let mut options = vec![(String::new(), td_string!(locale(), inbox.any).to_owned())];
        options.extend(
            Status::ALL
                .into_iter()
                .map(|s| (s.as_str().to_owned(), status_label(locale(), s).to_owned())),
        );
        options
    });
    let service_options = Signal::derive(move || {
        let mut options = vec![(String::new(), td_string!(locale(), inbox.any).to_owned())];
        // Only what can be applied for online ever reaches the inbox.
        options.extend(
            CATALOGUE
                .iter()
                .filter(|s| matches!(s.how_to_apply, HowToApply::OnlineApplication))
                .map(|s| {
                    let slug = serde_json::to_value(s.id)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default();
                    (slug, s.official_name.to_owned())
                }),
        );
        options
    });
    let assigned_options = Signal::derive(move || {
        vec![
            (String::new(), td_string!(locale(), inbox.any).to_owned()),
            ("me".to_owned(), td_string!(locale(), inbox.mine).to_owned()),
            (
                "none".to_owned(),
                td_string!(locale(), inbox.unassigned).to_owned(),
            ),
        ]
    });
    view! {
        <PageHeading text=Signal::derive(move || t_string!(i18n, inbox.title).to_string())/>
        <form class="filters" role="search" on:submit=filter aria-label=move || t_string!(i18n, inbox.filters).to_string()>
            <Select id="status" label=Signal::derive(move || t_string!(i18n, inbox.status).to_string()) options=status_options value=status/>
            <Select id="service" label=Signal::derive(move || t_string!(i18n, inbox.service).to_string()) options=service_options value=service/>
            <Select id="assigned" label=Signal::derive(move || t_string!(i18n, inbox.assigned).to_string()) options=assigned_options value=assigned/>
            <TextField id="q" naming=Naming::Label(Signal::derive(move || t_string!(i18n, inbox.search).to_string())) kind=InputKind::Text value=q error=Signal::derive(|| None)/>
            <button type="submit" class="button">{t!(i18n, inbox.apply_filters)}</button>
        </form>
        {loaded(inbox, move |inbox| {
                    let page = inbox.page;
                    let pages = inbox.pages;
                    let page_link = move |to: u32| {
                        let mut params: Vec<(&str, Option<String>)> =
                            FILTERS.iter().map(|name| (*name, Some(param(name)))).collect();
                        params.push(("page", Some(to.to_string())));
                        link(params)
                    };
                    view! {
                        <Counts counts=inbox.counts/>
                        {if inbox.rows.is_empty() {
                            view! { <p>{t!(i18n, inbox.empty)}</p> }.into_any()
                        } else {
                            view! { <InboxTable rows=inbox.rows/> }.into_any()
                        }}
                        <nav class="pages" aria-label=move || t_string!(i18n, inbox.page).to_string()>
                            {(page > 1).then(|| view! { <a href=page_link(page - 1)>{t!(i18n, inbox.previous)}</a> })}
                            <span>{move || format!("{} {page} / {}", t_string!(i18n, inbox.page), pages.max(1))}</span>
                            {(page < pages).then(|| view! { <a href=page_link(page + 1)>{t!(i18n, inbox.next)}</a> })}
                        </nav>
                    }
        })}
    }
}

/// The four states a counsellor works through, each a link to the inbox filtered by it.
#[component]
fn Counts(counts: InboxCounts) -> impl IntoView {
    let i18n = use_i18n();
    let items = [
        (Status::Received, counts.new),
        (Status::InReview, counts.in_review),
        (
            Status::MoreInformationNeeded,
            counts.more_information_needed,
        ),
        (Status::Decided, counts.decided),
    ];
    view! {
        <h2 class="visually-hidden">{t!(i18n, inbox.counts_label)}</h2>
        <ul class="counts">
            {items
                .into_iter()
                .map(|(status, count)| view! {
                    <li>
                        <a href=format!("/staff?status={}", status.as_str())>
                            <span class="count">{count}</span>
                            " "
                            <span>{move || status_label(i18n.get_locale(), status)}</span>
                        </a>
                    </li>
                })
                .collect_view()}
        </ul>
    }
}

#[component]
fn InboxTable(rows: Vec<velferd_shared::staff::InboxRow>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <TableRegion caption_id="inbox-caption">
            <table class="table">
                <caption id="inbox-caption">{t!(i18n, inbox.caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, inbox.reference)}</th>
                        <th scope="col">{t!(i18n, inbox.service)}</th>
                        <th scope="col">{t!(i18n, inbox.centre)}</th>
                        <th scope="col">{t!(i18n, inbox.status)}</th>
                        <th scope="col">{t!(i18n, inbox.submitted)}</th>
                        <th scope="col">{t!(i18n, inbox.assignee)}</th>
                        <th scope="col">{t!(i18n, inbox.waiting)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| {
                            let status = row.status;
                            let assignee = row.assignee.clone();
                            view! {
                                <tr>
                                    <th scope="row"><a href=format!("/staff/cases/{}", row.reference)>{row.reference.clone()}</a></th>
                                    <td lang="is">{row.service.service().official_name}</td>
                                    <td lang="is">{row.centre.official_name()}</td>
                                    <td>
                                        {move || status_label(i18n.get_locale(), status)}
                                        <Show when=move || row.awaiting_partner>
                                            <span class="tag">{t!(i18n, inbox.awaiting_partner)}</span>
                                        </Show>
                                    </td>
                                    <td class="nowrap">{when(&row.submitted_at)}</td>
                                    <td>{move || assignee.clone().unwrap_or_else(|| t_string!(i18n, inbox.nobody).to_string())}</td>
                                    <td class="nowrap">{move || days(i18n.get_locale(), row.days_waiting)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </TableRegion>
    }
}
