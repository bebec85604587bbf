//! The counsellors' workspace in the browser: its own bundle under `/staff/`, which residents
//! never load. These need no staff API: the sign-in page, keyboard use, and what the residents'
//! home page fetches. The journeys that sign in for real wait for the staff API (see the end).

use std::time::Duration;

use fantoccini::key::Key;
use velferd_shared::{ServiceCentre, staff::Role};
use velferd_tests::{
    app::StaffMember,
    browser::{Browser, Viewport},
    wait_until,
};

use super::{World, audit, ensure, no_policy_violations, no_violations};

const SIGN_IN: &str = "/staff/sign-in";

/// The sign-in page, empty and after a failed attempt (error summary and field messages), at
/// phone and desktop width.
pub async fn the_staff_sign_in_page_has_no_axe_violations(
    world: World,
    lang: &'static str,
) -> Result<(), String> {
    let mut violations = Vec::new();
    for viewport in [Viewport::Mobile, Viewport::Desktop] {
        let browser = world.browser_preferring(viewport, lang).await?;
        browser.open(SIGN_IN).await?;
        browser.wait_for_lang(lang).await?;
        audit(
            &browser,
            &format!("{SIGN_IN} [{lang}, {viewport:?}]"),
            &mut violations,
        )
        .await?;
        browser.click("main button[type=submit]").await?;
        browser.wait_for(".error-summary").await?;
        browser.wait_for("#totp-error").await?;
        let what = format!("{SIGN_IN} with errors [{lang}, {viewport:?}]");
        audit(&browser, &what, &mut violations).await?;
        browser.close().await;
    }
    no_violations(violations)
}

/// Whether the element with focus shows it (an outline or the focus ring's shadow).
async fn focus_is_visible(browser: &velferd_tests::browser::Browser) -> Result<bool, String> {
    let value = browser
        .script(
            "const s = getComputedStyle(document.activeElement);
             return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';",
        )
        .await?;
    Ok(value.as_bool().unwrap_or(false))
}

pub async fn the_staff_sign_in_form_can_be_filled_by_keyboard_alone(
    world: World,
) -> Result<(), String> {
    let browser = world.browser_preferring(Viewport::Desktop, "en").await?;
    browser.open(SIGN_IN).await?;
    browser.wait_for_lang("en").await?;
    let h1 = browser.text("main h1").await?;
    ensure(h1 == "Staff sign-in", || format!("h1 was {h1:?}"))?;
    browser.reload().await?;
    let first = browser.press_tab().await?;
    ensure(first.class.contains("skip-link"), || {
        format!("first Tab reached {first:?}")
    })?;
    let email = browser
        .tab_until("the e-mail field", 10, |f| f.id == "email")
        .await?;
    ensure(email.inside_main, || format!("e-mail field: {email:?}"))?;
    ensure(focus_is_visible(&browser).await?, || {
        "the focused e-mail field shows no focus".into()
    })?;
    browser.type_keys("radgjafi@reykjavik.is").await?;
    let password = browser.press_tab().await?;
    ensure(password.id == "password", || {
        format!("Tab from the e-mail reached {password:?}")
    })?;
    browser.type_keys("a long enough password").await?;
    let code = browser.press_tab().await?;
    ensure(code.id == "totp", || {
        format!("Tab from the password reached {code:?}")
    })?;
    // Five digits and Enter: the form itself says what is wrong, and focus goes to the summary.
    browser.type_keys(&format!("12345{}", &*Key::Enter)).await?;
    browser
        .wait_for_text("#totp-error", "The code is six digits")
        .await?;
    wait_until(
        "focus on the error summary",
        Duration::from_secs(5),
        || async {
            match browser.focused().await? {
                f if f.class.contains("error-summary") => Ok(()),
                f => Err(format!("focus is on {f:?}")),
            }
        },
    )
    .await?;
    // The summary's link takes focus to the field at fault.
    let link = browser.press_tab().await?;
    ensure(link.tag == "a" && link.text.contains("six digits"), || {
        format!("Tab in the summary reached {link:?}")
    })?;
    browser.press_key(Key::Enter).await?;
    let field = browser.focused().await?;
    ensure(field.id == "totp", || {
        format!("the summary's link moved focus to {field:?}")
    })?;
    browser
        .type_keys(&format!("{}6{}", &*Key::End, &*Key::Enter))
        .await?;
    // Sent: whatever the server says (this server has no staff accounts), the form no longer
    // objects to the code.
    wait_until(
        "the form to accept a six-digit code",
        Duration::from_secs(10),
        || async {
            match browser.text(".error-summary").await {
                Ok(text) if text.contains("six digits") => Err(text),
                Ok(_) => Ok(()),
                Err(e) => Err(e),
            }
        },
    )
    .await?;
    browser.close().await;
    Ok(())
}

/// The switch names the other language in that language, changes the page in place, and the
/// choice survives a reload.
pub async fn the_staff_language_switch_changes_the_page_and_is_remembered(
    world: World,
) -> Result<(), String> {
    let browser = world.browser_preferring(Viewport::Mobile, "is").await?;
    browser.open(SIGN_IN).await?;
    browser.wait_for_lang("is").await?;
    let switch = ".staff-header-bar button[lang='en']";
    let label = browser.text(switch).await?;
    ensure(label == "English", || format!("the switch reads {label:?}"))?;
    browser.click(switch).await?;
    browser.wait_for_lang("en").await?;
    browser.wait_for_text("main h1", "Staff sign-in").await?;
    let back = browser.text(".staff-header-bar button[lang='is']").await?;
    ensure(back == "Íslenska", || {
        format!("the switch back reads {back:?}")
    })?;
    browser.reload().await?;
    browser.wait_for_lang("en").await?;
    browser.close().await;
    Ok(())
}

/// A deep link into the workspace without a session serves the staff bundle (not the residents'
/// app), under the site's content security policy, and lands on the sign-in page.
pub async fn a_staff_link_without_a_session_opens_the_sign_in_page(
    world: World,
) -> Result<(), String> {
    let browser = world.browser_preferring(Viewport::Desktop, "is").await?;
    browser.open("/staff/cases/VEL-2026-000001").await?;
    browser
        .wait_for_path_starting(SIGN_IN, Duration::from_secs(10))
        .await?;
    browser
        .wait_for_text("main h1", "Innskráning starfsfólks")
        .await?;
    no_policy_violations(&browser).await?;
    browser.close().await;
    Ok(())
}

/// Residents pay nothing for the workspace: their home page neither names nor fetches any of
/// the staff bundle's files.
pub async fn the_residents_home_page_loads_no_staff_asset(world: World) -> Result<(), String> {
    let index = std::fs::read_to_string(world.dist.join("index.html"))
        .map_err(|e| format!("dist/index.html: {e}"))?;
    ensure(!index.contains("staff"), || {
        format!("the residents' index.html names a staff file:\n{index}")
    })?;
    let browser = world.browser(Viewport::Mobile).await?;
    browser.open_in("/", "is").await?;
    browser.wait_for(".cards li").await?;
    let fetched = browser
        .script("return performance.getEntries().map(e => e.name)")
        .await?;
    let fetched: Vec<String> = serde_json::from_value(fetched).map_err(|e| e.to_string())?;
    ensure(fetched.iter().any(|name| name.ends_with(".wasm")), || {
        format!("the resource list looks incomplete: {fetched:?}")
    })?;
    let staff: Vec<&String> = fetched
        .iter()
        .filter(|name| name.contains("/staff") || name.contains("velferd-staff"))
        .collect();
    ensure(staff.is_empty(), || {
        format!("the residents' home page fetched {staff:?}")
    })?;
    browser.close().await;
    Ok(())
}

// --- Signed in, against the real staff API --------------------------------------------------

/// A counsellor's browser on a desktop, signed in through the form (the code typed last, sent
/// with Enter), on the inbox.
async fn signed_in(world: &World, member: &StaffMember) -> Result<Browser, String> {
    let counsellor = world.browser_preferring(Viewport::Desktop, "en").await?;
    counsellor.open(SIGN_IN).await?;
    counsellor.type_into("#email", &member.email).await?;
    counsellor.type_into("#password", &member.password).await?;
    counsellor
        .type_into("#totp", &format!("{}{}", member.code(0), &*Key::Enter))
        .await?;
    counsellor.wait_for_path_change(SIGN_IN).await?;
    counsellor.wait_for(".counts").await?;
    Ok(counsellor)
}

/// Journey 6 with the resident in the loop: a counsellor of Vesturmiðstöð signs in, takes a new
/// financial-assistance application and asks for a document; the resident sees the request on
/// the private status page and sends it; the counsellor sees it and grants an amount with
/// reasons, and the resident sees the decision, the amount and the appeal rights.
pub async fn a_counsellor_takes_an_application_asks_for_a_document_and_decides_what_the_resident_sees(
    world: World,
) -> Result<(), String> {
    let (app, world) = world.own_server().await;
    let receipt = app.apply(11).await;
    let member = app
        .add_staff(
            "radgjafi@reykjavik.is",
            Role::Counsellor,
            &[ServiceCentre::Vesturmidstod],
        )
        .await;
    let reference = receipt.reference.clone();
    let mut violations = Vec::new();

    let counsellor = signed_in(&world, &member).await?;
    audit(&counsellor, "inbox", &mut violations).await?;
    counsellor
        .click(&format!("main table a[href='/staff/cases/{reference}']"))
        .await?;
    counsellor.wait_for("#answers-title").await?;
    // Chosen answers read as words, not as their stored keys.
    counsellor
        .wait_for_text("main", "Renting without a registered lease")
        .await?;
    audit(&counsellor, "case", &mut violations).await?;
    counsellor
        .click("section[aria-labelledby='summary-title'] button")
        .await?;
    counsellor
        .wait_for_text(
            "section[aria-labelledby='summary-title'] button",
            "Give the case back",
        )
        .await?;
    counsellor
        .type_into("#more_message", "Please send your lease.")
        .await?;
    counsellor
        .click("form[aria-labelledby='more_message-title'] button[type=submit]")
        .await?;
    counsellor
        .wait_for_text("main .timeline", "More information needed")
        .await?;

    let resident = world.browser(Viewport::Mobile).await?;
    let status_page = format!("/status/{}", receipt.status_token);
    resident.open_in(&status_page, "en").await?;
    resident
        .wait_for_text("main .timeline", "Please send your lease.")
        .await?;
    let folder = tempfile::tempdir().map_err(|e| e.to_string())?;
    let lease = folder.path().join("lease.pdf");
    std::fs::write(&lease, b"%PDF-1.4\n% the lease\ntrailer << >>\n%%EOF\n")
        .map_err(|e| e.to_string())?;
    resident
        .type_into("#document", &lease.display().to_string())
        .await?;
    resident.click("main .upload button[type=submit]").await?;
    resident
        .wait_for_text("main .upload-status", "arrived")
        .await?;

    counsellor.reload().await?;
    counsellor.wait_for("main ul.documents a[download]").await?;
    counsellor.click("#decision").await?;
    counsellor
        .type_into("#reasons", "Your income is below the basic amount.")
        .await?;
    counsellor.type_into("#amount", "150.000").await?;
    counsellor
        .click("form[aria-labelledby='decide-title'] button[type=submit]")
        .await?;
    counsellor.wait_for("#confirm-title").await?;
    audit(&counsellor, "decision to confirm", &mut violations).await?;
    counsellor.click(".confirm .button-warning").await?;
    counsellor
        .wait_for_text("main .timeline", "Granted")
        .await?;

    resident.reload().await?;
    let decision = resident
        // In the resident's English, with English grouping.
        .wait_for_text("main .decision", "150,000 kr.")
        .await?;
    for expected in [
        "Granted",
        "Your income is below the basic amount.",
        "appeal",
    ] {
        ensure(
            decision.to_lowercase().contains(&expected.to_lowercase()),
            || format!("the resident's decision lacks {expected:?}: {decision:?}"),
        )?;
    }
    let timeline = resident.text("main .timeline").await?;
    ensure(!timeline.contains("Counsellor "), || {
        format!("the resident sees the counsellor's name: {timeline:?}")
    })?;
    audit(
        &resident,
        "the status page with the decision",
        &mut violations,
    )
    .await?;
    resident.close().await;

    counsellor.click("a[href='/staff/callbacks']").await?;
    counsellor.wait_for_heading_focus("call-backs").await?;
    audit(&counsellor, "call-backs", &mut violations).await?;
    counsellor.close().await;
    no_violations(violations)
}

/// The call-back queue: the resident's request is there with its number as a `tel:` link; two
/// unanswered calls mark it "try again"; done, it leaves the queue.
pub async fn a_call_back_request_is_handled_from_the_queue(world: World) -> Result<(), String> {
    let (app, world) = world.own_server().await;
    let request = serde_json::json!({
        "service": "financial-assistance",
        "language": "pl",
        "phone": "611 2345",
        "window": "midday",
        "postcode": "101",
        "ui_language": "pl"
    });
    let response = app
        .request_call_back(Some("browser-call-back-0001"), &request)
        .await;
    ensure(response.status() == 201, || {
        format!("the call-back was refused: {}", response.status())
    })?;
    let member = app
        .add_staff(
            "simi@reykjavik.is",
            Role::Counsellor,
            &[ServiceCentre::Vesturmidstod],
        )
        .await;
    let counsellor = signed_in(&world, &member).await?;
    counsellor.click("a[href='/staff/callbacks']").await?;
    let phone = counsellor.wait_for("main table a[href^='tel:']").await?;
    let href = phone
        .attr("href")
        .await
        .map_err(|e| e.to_string())?
        .unwrap_or_default();
    ensure(
        href.replace(' ', "") == "tel:+3546112345" || href == "tel:6112345",
        || format!("the phone number links to {href:?}"),
    )?;
    for attempt in 1..=2 {
        counsellor
            .click("main table .row-actions button:nth-child(2)")
            .await?;
        // Each answer redraws the queue: the attempt is counted before the next call.
        let attempts = "main table tbody tr td:nth-of-type(5)";
        counsellor
            .wait_for_text(attempts, &attempt.to_string())
            .await?;
    }
    counsellor.wait_for_text("main table", "Try again").await?;
    let mut violations = Vec::new();
    audit(
        &counsellor,
        "call-backs with one to try again",
        &mut violations,
    )
    .await?;
    counsellor
        .click("main table .row-actions button:nth-child(3)")
        .await?;
    wait_until(
        "the call-back to leave the queue",
        Duration::from_secs(10),
        || async {
            match counsellor.text("main").await {
                Ok(text) if !text.contains("611 2345") => Ok(()),
                Ok(text) => Err(text),
                Err(e) => Err(e),
            }
        },
    )
    .await?;
    counsellor.close().await;
    no_violations(violations)
}

/// An admin creates a counsellor's account from the workspace (its second factor shown once),
/// then disables it; the accounts and audit screens have no axe violations.
pub async fn an_admin_creates_and_disables_an_account_from_the_workspace(
    world: World,
) -> Result<(), String> {
    let (app, world) = world.own_server().await;
    let admin = app
        .add_staff(
            "stjorn@reykjavik.is",
            Role::Admin,
            &[ServiceCentre::OnlineCenter],
        )
        .await;
    let mut violations = Vec::new();
    let browser = signed_in(&world, &admin).await?;
    browser.click("a[href='/staff/accounts']").await?;
    browser.wait_for("#accounts-caption").await?;
    audit(&browser, "accounts", &mut violations).await?;
    // Sent empty: every field says what it needs.
    browser.click("main form button[type=submit]").await?;
    browser.wait_for(".error-summary").await?;
    browser.wait_for("#password-error").await?;
    audit(&browser, "new account with errors", &mut violations).await?;

    browser
        .type_into("#email", "ny.radgjafi@reykjavik.is")
        .await?;
    browser.type_into("#name", "Nýr Ráðgjafi").await?;
    browser.click("label[for='centre-vesturmidstod']").await?;
    browser
        .type_into("#password", "a long enough password")
        .await?;
    browser.click("main form button[type=submit]").await?;
    let secret = browser.wait_for("main .totp-secret").await?;
    let secret = secret.text().await.map_err(|e| e.to_string())?;
    ensure(secret.trim().len() >= 26, || {
        format!("the second factor shown is {secret:?}")
    })?;
    browser
        .wait_for_text("main table", "ny.radgjafi@reykjavik.is")
        .await?;
    audit(&browser, "account created", &mut violations).await?;

    // The new account's Disable button asks first.
    let row = "//tr[td[contains(., 'ny.radgjafi@reykjavik.is')]]";
    browser
        .client
        .find(fantoccini::Locator::XPath(&format!("{row}//button")))
        .await
        .map_err(|e| e.to_string())?
        .click()
        .await
        .map_err(|e| e.to_string())?;
    browser.accept_dialog().await?;
    wait_until(
        "the new account to show as not active",
        Duration::from_secs(10),
        || async {
            let buttons = browser
                .script(&format!(
                    "return document.evaluate(\"count({row}//button)\", document, null, \
                     XPathResult.NUMBER_TYPE, null).numberValue"
                ))
                .await?;
            if buttons == 0 {
                Ok(())
            } else {
                Err(format!("{buttons} buttons"))
            }
        },
    )
    .await?;
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM staff WHERE active = 0")
        .fetch_one(&app.database().await)
        .await
        .map_err(|e| e.to_string())?;
    ensure(stored == 1, || {
        format!("{stored} accounts are disabled, not 1")
    })?;

    browser.click("a[href='/staff/audit']").await?;
    browser.wait_for("#audit-caption").await?;
    audit(&browser, "audit", &mut violations).await?;
    browser.close().await;
    no_violations(violations)
}

/// The case journey with the keyboard alone: from the inbox to the case, take it, write an
/// internal note and send it — every control reached with Tab and used with Enter or typing.
pub async fn a_counsellor_handles_a_case_with_the_keyboard_alone(
    world: World,
) -> Result<(), String> {
    let (app, world) = world.own_server().await;
    let receipt = app.apply(12).await;
    let member = app
        .add_staff(
            "lyklabord@reykjavik.is",
            Role::Counsellor,
            &[ServiceCentre::Vesturmidstod],
        )
        .await;
    let browser = signed_in(&world, &member).await?;
    let case_link = format!("/staff/cases/{}", receipt.reference);
    browser
        .tab_until("the case's link in the inbox", 60, |f| {
            f.tag == "a" && f.text.contains(&receipt.reference)
        })
        .await?;
    browser.press_key(Key::Enter).await?;
    browser
        .wait_for_path_starting(&case_link, Duration::from_secs(10))
        .await?;
    browser.wait_for("#answers-title").await?;
    browser
        .tab_until("the button that takes the case", 60, |f| {
            f.tag == "button" && f.text.contains("Take the case")
        })
        .await?;
    browser.press_key(Key::Enter).await?;
    browser
        .wait_for_text(
            "section[aria-labelledby='summary-title'] button",
            "Give the case back",
        )
        .await?;
    browser
        .tab_until("the internal note", 80, |f| f.id == "note")
        .await?;
    browser
        .type_keys("Called the resident; sends the lease.")
        .await?;
    browser
        .tab_until("the note's button", 5, |f| f.tag == "button")
        .await?;
    browser.press_key(Key::Enter).await?;
    browser
        .wait_for_text("main .timeline", "Called the resident; sends the lease.")
        .await?;
    browser.close().await;
    Ok(())
}
