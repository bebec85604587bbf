//! Applying online, in the browser: the financial-assistance application by keyboard on a phone,
//! an axe audit of every page of it, and a submission made while the server is down.

use fantoccini::key::Key;
use velferd_tests::{
    applications::{KENNITALA, NAME, financial_assistance},
    browser::{Browser, Viewport},
};

use super::{World, audit, ensure, no_violations};

/// How a page is filled in.
#[derive(Clone, Copy)]
enum Fill {
    /// Each text field of the page in order (an empty string leaves an optional one blank).
    Text(&'static [&'static str]),
    /// Option `n` of the page's choices.
    Choose(usize),
    Tick,
    /// Nothing to fill in: read, then Continue.
    Read,
}

/// A first-time applicant with a partner and a child, every page of the application.
const FINANCIAL_ASSISTANCE: &[(&str, Fill)] = &[
    ("consent", Fill::Tick),
    ("name", Fill::Text(&[NAME])),
    ("kennitala", Fill::Text(&[KENNITALA])),
    ("address", Fill::Text(&["Hverfisgata 12", "101"])),
    // Suggested from the postcode (Vesturmiðstöð): confirmed as it is.
    ("centre", Fill::Choose(0)),
    ("previous-aid", Fill::Choose(1)),
    ("partner", Fill::Choose(0)),
    (
        "partner-details",
        Fill::Text(&["010130-2989", "jon.jonsson@example.is"]),
    ),
    ("children", Fill::Text(&["1"])),
    ("student", Fill::Choose(1)),
    ("housing", Fill::Choose(2)),
    ("employment", Fill::Choose(1)),
    ("income", Fill::Text(&["73.456", "Atvinnuleysisbætur"])),
    ("tax-credit", Fill::Choose(2)),
    ("bank-account", Fill::Text(&["0133-26-012345"])),
    ("documents", Fill::Read),
    ("email", Fill::Text(&[""])),
    ("phone", Fill::Text(&["611 2345"])),
    ("contact-language", Fill::Choose(2)),
];

const START: &str = "/apply/financial-assistance";

fn plan_for(current: &str) -> Result<Fill, String> {
    let slug = current
        .strip_prefix(START)
        .and_then(|rest| rest.strip_prefix('/'))
        .ok_or_else(|| format!("left the application for {current}"))?;
    FINANCIAL_ASSISTANCE
        .iter()
        .find(|(s, _)| *s == slug)
        .map(|(_, fill)| *fill)
        .ok_or_else(|| format!("the application asked {slug:?}, which it should not"))
}

/// Tabs forward to the page's submit button and presses Enter.
async fn tab_to_submit_and_press_enter(browser: &Browser) -> Result<(), String> {
    browser
        .tab_until("the page's button", 60, |f| {
            f.tag == "button" && f.inside_main
        })
        .await?;
    browser.press_key(Key::Enter).await
}

pub async fn a_financial_assistance_application_is_completed_by_keyboard_on_a_phone(
    world: World,
) -> Result<(), String> {
    let browser = world.browser(Viewport::Mobile).await?;
    browser.open_in(START, "en").await?;
    browser.reload().await?;
    // Tab to "Start the application" and follow it.
    browser
        .tab_until("Start the application", 40, |f| {
            f.tag == "a" && f.class.contains("button") && f.inside_main
        })
        .await?;
    browser.press_key(Key::Enter).await?;
    let mut current = browser.wait_for_path_change(START).await?;
    let mut pages = 0;
    while current != format!("{START}/check") {
        let fill = plan_for(&current)?;
        browser.wait_for_heading_focus(&current).await?;
        match fill {
            Fill::Text(values) => {
                for value in values {
                    let field = browser.press_tab().await?;
                    ensure(matches!(field.tag.as_str(), "input" | "textarea"), || {
                        format!("{current}: Tab reached {field:?}, not a field")
                    })?;
                    browser.type_keys(value).await?;
                }
                // Enter in a text field sends the form, as on any web page.
                browser.press_key(Key::Enter).await?;
            }
            Fill::Choose(index) => {
                let first = browser.press_tab().await?;
                ensure(first.tag == "input", || {
                    format!("{current}: Tab reached {first:?}")
                })?;
                if index == 0 {
                    browser.press_key(Key::Space).await?;
                }
                for _ in 0..index {
                    browser.press_key(Key::Down).await?;
                }
                tab_to_submit_and_press_enter(&browser).await?;
            }
            Fill::Tick => {
                let tick = browser.press_tab().await?;
                ensure(tick.tag == "input", || {
                    format!("{current}: Tab reached {tick:?}")
                })?;
                browser.press_key(Key::Space).await?;
                tab_to_submit_and_press_enter(&browser).await?;
            }
            Fill::Read => tab_to_submit_and_press_enter(&browser).await?,
        }
        current = browser.wait_for_path_change(&current).await?;
        pages += 1;
    }
    ensure(pages == FINANCIAL_ASSISTANCE.len(), || {
        format!(
            "{pages} pages asked, {} expected",
            FINANCIAL_ASSISTANCE.len()
        )
    })?;
    // Check your application: every answer is there; Send is reached by Tab.
    browser.wait_for_heading_focus(&current).await?;
    let summary = browser.text("main .summary-list").await?;
    for expected in [
        NAME,
        KENNITALA,
        "Hverfisgata 12",
        "0133-26-012345",
        "Polski",
    ] {
        ensure(summary.contains(expected), || {
            format!("Check your application lacks {expected:?}:\n{summary}")
        })?;
    }
    tab_to_submit_and_press_enter(&browser).await?;
    let receipt = browser.wait_for_path_change(&current).await?;
    let reference = receipt.strip_prefix("/receipt/").unwrap_or_default();
    ensure(
        reference.starts_with("RVK-") && reference.len() == 15,
        || format!("the receipt is at {receipt}"),
    )?;
    let page = browser.text("main").await?;
    ensure(page.contains(reference), || {
        format!("no reference on:\n{page}")
    })?;
    ensure(page.contains("photo ID"), || {
        format!("a first-time applicant is told to show photo ID:\n{page}")
    })?;
    // The documents the service needs can be sent from the receipt at once.
    browser.wait_for("main .upload #document").await?;
    let link = browser.text("main .status-link").await?;
    let token = link.rsplit('/').next().unwrap_or_default();
    ensure(token.len() == 43, || format!("the private link is {link}"))?;
    browser.close().await;
    Ok(())
}

/// Fills a page with the mouse and the on-screen keyboard.
async fn fill_by_touch(browser: &Browser, fill: Fill) -> Result<(), String> {
    match fill {
        Fill::Text(values) => {
            let fields = browser
                .client
                .find_all(fantoccini::Locator::Css(
                    "main form input.text-input, main form textarea",
                ))
                .await
                .map_err(|e| e.to_string())?;
            ensure(fields.len() == values.len(), || {
                format!("{} fields for {} values", fields.len(), values.len())
            })?;
            for (field, value) in fields.iter().zip(values) {
                field.clear().await.map_err(|e| e.to_string())?;
                if !value.is_empty() {
                    field.send_keys(value).await.map_err(|e| e.to_string())?;
                }
            }
        }
        Fill::Choose(index) => {
            browser
                .click(&format!("main .radio:nth-child({}) label", index + 1))
                .await?
        }
        Fill::Tick => browser.click("main .checkbox label").await?,
        Fill::Read => {}
    }
    browser.click("main form button[type=submit]").await
}

pub async fn every_application_page_has_no_axe_violations(
    world: World,
    lang: &'static str,
) -> Result<(), String> {
    let browser = world.browser(Viewport::Mobile).await?;
    let mut violations = Vec::new();
    browser.open_in(START, lang).await?;
    audit(&browser, &format!("{START} [{lang}]"), &mut violations).await?;
    browser.click("main a.button").await?;
    let mut current = browser.wait_for_path_change(START).await?;
    let mut pages = 0;
    while current != format!("{START}/check") {
        let fill = plan_for(&current)?;
        audit(&browser, &format!("{current} [{lang}]"), &mut violations).await?;
        if current.ends_with("/kennitala") {
            // The error state too: summary, message beside the field.
            browser.click("main form button[type=submit]").await?;
            browser.wait_for(".error-summary").await?;
            let what = format!("{current} with an error [{lang}]");
            audit(&browser, &what, &mut violations).await?;
        }
        fill_by_touch(&browser, fill).await?;
        current = browser.wait_for_path_change(&current).await?;
        pages += 1;
    }
    ensure(pages == FINANCIAL_ASSISTANCE.len(), || {
        format!("only {pages} pages were audited")
    })?;
    audit(&browser, &format!("{current} [{lang}]"), &mut violations).await?;
    browser.click("main form button[type=submit]").await?;
    let receipt = browser.wait_for_path_change(&current).await?;
    browser.wait_for("main .reference").await?;
    audit(&browser, &format!("{receipt} [{lang}]"), &mut violations).await?;
    no_violations(violations)?;
    browser.close().await;
    Ok(())
}

/// A finished financial-assistance draft on the device, as the pages above leave it, with its
/// summary page open (in English).
async fn finished_on_the_device(browser: &Browser, variant: u32) -> Result<(), String> {
    browser.open_in(START, "en").await?;
    let draft = serde_json::to_string(&serde_json::json!({
        "financial-assistance": financial_assistance(variant).draft
    }))
    .map_err(|e| e.to_string())?;
    browser
        .script(&format!(
            "localStorage.setItem('velferd.applications.drafts', {});",
            serde_json::Value::String(draft)
        ))
        .await?;
    browser.open(&format!("{START}/check")).await?;
    browser
        .wait_for("main form button[type=submit]")
        .await
        .map(drop)
}

pub async fn an_application_sent_while_the_server_is_down_goes_through_once_it_is_back(
    world: World,
) -> Result<(), String> {
    // A server of its own, so stopping it disturbs no other test.
    let (mut app, world) = world.own_server().await;
    let browser = world.browser(Viewport::Mobile).await?;
    finished_on_the_device(&browser, 1).await?;

    app.stop().await;
    browser.click("main form button[type=submit]").await?;
    browser.wait_for("main .queued").await?;
    let notice = browser.text("main .queued").await?;
    ensure(notice.contains("waiting"), || {
        format!("the notice says {notice:?}")
    })?;
    let outbox = browser
        .script(
            "return JSON.parse(localStorage.getItem('velferd.applications.outbox') || '[]').length",
        )
        .await?;
    ensure(outbox == serde_json::json!(1), || {
        format!("the outbox on the device holds {outbox}")
    })?;
    ensure(browser.path().await? == format!("{START}/check"), || {
        "the page stayed".into()
    })?;

    // Back up: the page retries by itself, with the same key.
    app.start().await;
    browser
        .wait_for_path_starting("/receipt/RVK-", std::time::Duration::from_secs(20))
        .await?;
    browser.wait_for("main .reference").await?;
    // A reload afterwards sends nothing twice.
    browser.reload().await?;
    browser.wait_for("main .reference").await?;
    // Asserts an absence: no second submission within half a second of the reload, so a
    // fixed pause rather than a wait for something to happen.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let stored = app.stored_count("applications").await;
    ensure(stored == 1, || format!("{stored} applications stored"))?;
    browser.close().await;
    Ok(())
}

/// The value in a form field now.
async fn field_value(browser: &Browser, id: &str) -> Result<String, String> {
    Ok(browser
        .script(&format!("return document.getElementById('{id}').value"))
        .await?
        .as_str()
        .unwrap_or_default()
        .to_owned())
}

pub async fn what_the_screener_knows_is_not_asked_again_in_the_application(
    world: World,
) -> Result<(), String> {
    let browser = world.browser(Viewport::Mobile).await?;
    super::complete(&browser, &super::SINGLE_RENTER, "en", false).await?;
    // "Apply online" on the financial-assistance result.
    browser
        .click(&format!("main a.button[href='{START}']"))
        .await?;
    browser.wait_for_path_change("/check/results").await?;
    browser.click("main a.button").await?;
    let mut current = browser.wait_for_path_change(START).await?;
    let mut asked = Vec::new();
    while current != format!("{START}/check") {
        let slug = current.rsplit('/').next().unwrap_or_default().to_owned();
        match slug.as_str() {
            "address" => {
                let postcode = field_value(&browser, "postcode").await?;
                ensure(postcode == "105", || {
                    format!("the postcode from the screener is {postcode:?}")
                })?;
            }
            "income" => {
                // Asked afresh: the screener's household income after tax is not the
                // applicant's own before tax.
                let income = field_value(&browser, "income").await?;
                ensure(income.is_empty(), || {
                    format!("the income was prefilled with {income:?}")
                })?;
            }
            _ => {}
        }
        fill_by_touch(&browser, plan_for(&current)?).await?;
        asked.push(slug);
        current = browser.wait_for_path_change(&current).await?;
    }
    for answered in ["partner", "children", "student", "housing", "employment"] {
        ensure(!asked.iter().any(|s| s == answered), || {
            format!("{answered} was asked again: {asked:?}")
        })?;
    }
    // They are still on the summary, each with a Change link.
    let summary = browser.text("main .summary-list").await?;
    ensure(summary.contains("I rent, with a registered lease"), || {
        format!("the housing answer is missing from the summary:\n{summary}")
    })?;
    browser.close().await;
    Ok(())
}

pub async fn drafts_expire_after_30_days_and_receipts_after_12_months_and_the_pages_say_so(
    world: World,
) -> Result<(), String> {
    let browser = world.browser(Viewport::Mobile).await?;
    browser.open_in("/", "en").await?;
    // Two drafts and two receipts, one of each past its time.
    let receipt = |reference: &str, days_ago: u32| {
        format!(
            "{{ key: 'k-{reference}', receipt: {{ reference: '{reference}', status_token: '{token}', \
               service: 'financial-assistance', centre: 'vesturmidstod', \
               submitted_at: new Date(Date.now() - {days_ago} * 864e5).toISOString(), \
               photo_id_required: false }} }}",
            token = "C".repeat(43)
        )
    };
    browser
        .script(&format!(
            "const day = 864e5; \
             localStorage.setItem('velferd.applications.drafts', JSON.stringify({{ \
               'financial-assistance': {{ name: 'Old draft' }}, 'home-support': {{ name: 'New draft' }} }})); \
             localStorage.setItem('velferd.applications.drafts.touched', JSON.stringify({{ \
               'financial-assistance': Date.now() - 31 * day, 'home-support': Date.now() - 29 * day }})); \
             localStorage.setItem('velferd.applications.receipts', JSON.stringify([{}, {}]));",
            receipt("RVK-2025-000001", 400),
            receipt("RVK-2026-000002", 300),
        ))
        .await?;
    browser.reload().await?;
    // The device's records are set up once their part has arrived after start: wait for it.
    let kept = serde_json::json!([["home-support"], ["RVK-2026-000002"]]);
    velferd_tests::wait_until(
        "the expired draft and receipt to be deleted",
        std::time::Duration::from_secs(10),
        || async {
            let left = browser
                .script(
                    "return [Object.keys(JSON.parse(localStorage.getItem('velferd.applications.drafts'))), \
                             JSON.parse(localStorage.getItem('velferd.applications.receipts')).map(k => k.receipt.reference)]",
                )
                .await
                .map_err(|e| e.to_string())?;
            if left == kept {
                Ok(())
            } else {
                Err(format!("left on the device (drafts, receipts): {left}"))
            }
        },
    )
    .await?;
    let note = velferd_backend::translations::text(
        velferd_shared::Language::En,
        "application.draft_expiry",
    );
    browser.open(START).await?;
    browser.wait_for_text("main", &note).await?;
    browser.close().await;
    Ok(())
}

pub async fn next_months_application_starts_from_the_decided_one_and_marks_what_changed(
    world: World,
) -> Result<(), String> {
    let (app, world) = world.own_server().await;
    let browser = world.browser(Viewport::Mobile).await?;
    // This month's application, sent from this device.
    finished_on_the_device(&browser, 6).await?;
    browser.click("main form button[type=submit]").await?;
    let receipt_page = browser
        .wait_for_path_starting("/receipt/RVK-", std::time::Duration::from_secs(20))
        .await?;
    let first = receipt_page.trim_start_matches("/receipt/").to_owned();
    let link = browser.text("main .status-link").await?;
    let status_page = format!("/status/{}", link.rsplit('/').next().unwrap_or_default());

    // Decided; the resident opens the private link.
    let db = velferd_backend::db::Database::open(app.database_url())
        .await
        .map_err(|e| e.to_string())?;
    velferd_backend::cases::record_status(
        &db,
        &first,
        velferd_shared::follow::Status::Decided,
        Some(velferd_shared::follow::Decision::Granted),
        None,
    )
    .await
    .map_err(|e| e.to_string())?;
    browser.open(&status_page).await?;
    browser.wait_for("main .decision").await?;
    browser.click("main button.button").await?;

    // Consent again, then housing and income to confirm, then the documents.
    let mut current = browser.wait_for_path_change(&status_page).await?;
    let mut asked = Vec::new();
    let mut violations = Vec::new();
    while current != format!("{START}/check") {
        let slug = current.rsplit('/').next().unwrap_or_default().to_owned();
        let fill = match slug.as_str() {
            "income" => Fill::Text(&["99.000", "Atvinnuleysisbætur"]),
            other => plan_for(&current).map_err(|e| format!("{other}: {e}"))?,
        };
        if matches!(slug.as_str(), "income" | "housing") {
            browser.wait_for("main .confirm-again").await?;
            audit(&browser, &format!("{current}, to confirm"), &mut violations).await?;
        }
        fill_by_touch(&browser, fill).await?;
        asked.push(slug);
        current = browser.wait_for_path_change(&current).await?;
    }
    ensure(
        asked == ["consent", "housing", "income", "documents"],
        || format!("next month asked {asked:?}"),
    )?;
    let changed =
        velferd_backend::translations::text(velferd_shared::Language::En, "application.changed");
    let summary = browser.text("main .summary-list").await?;
    let marked: Vec<&str> = summary.lines().filter(|l| l.contains(&changed)).collect();
    ensure(marked.len() == 1 && marked[0].contains("99.000"), || {
        format!("marked as changed: {marked:?}\n{summary}")
    })?;
    audit(&browser, "next month's summary", &mut violations).await?;
    no_violations(violations)?;
    browser.click("main form button[type=submit]").await?;
    let second = browser
        .wait_for_path_starting("/receipt/RVK-", std::time::Duration::from_secs(20))
        .await?;
    ensure(second != receipt_page, || "a second receipt".into())?;
    let chained: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM applications a JOIN applications p ON p.id = a.previous_id \
         WHERE p.reference = $1",
    )
    .bind(&first)
    .fetch_one(&app.database().await)
    .await
    .map_err(|e| e.to_string())?;
    ensure(chained == 1, || {
        format!("{chained} applications continue {first}")
    })?;
    browser.close().await;
    Ok(())
}
