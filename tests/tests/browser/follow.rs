//! After applying, in the browser: the private status link with a change made by the admin
//! command, a photo sent from it, and a call-back requested by keyboard on a phone.

use fantoccini::key::Key;
use velferd_backend::translations;
use velferd_shared::{
    Language,
    api::ApplicationReceipt,
    follow::{ApplicationStatus, DocumentKind},
};
use velferd_tests::{TestApp, browser::Viewport, process::admin};

use super::{World, audit, ensure, no_violations};

/// A server of its own with one application on it, so the test can reach its database.
async fn server_with_application(world: &World) -> (TestApp, ApplicationReceipt, World) {
    let (app, world) = world.own_server().await;
    let receipt = app.apply(5).await;
    (app, receipt, world)
}

pub async fn the_status_page_shows_a_change_made_with_the_admin_command(
    world: World,
) -> Result<(), String> {
    let (app, receipt, world) = server_with_application(&world).await;
    let browser = world.browser(Viewport::Mobile).await?;
    let page = format!("/status/{}", receipt.status_token);
    browser.open_in(&page, "en").await?;
    browser
        .wait_for_text("main .timeline", "Application received")
        .await?;
    let (ok, output) = admin(
        app.database_url(),
        &[
            "status",
            &receipt.reference,
            "more-information-needed",
            "--note",
            "Send your lease, please.",
        ],
    );
    ensure(ok, || output.clone())?;
    browser.reload().await?;
    let timeline = browser
        .wait_for_text("main .timeline", "More information is needed")
        .await?;
    ensure(timeline.contains("Send your lease, please."), || {
        format!("the counsellor's note is missing: {timeline}")
    })?;
    let (ok, output) = admin(
        app.database_url(),
        &[
            "status",
            &receipt.reference,
            "decided",
            "--decision",
            "granted",
            "--note",
            "Income below the basic amount.",
        ],
    );
    ensure(ok, || output.clone())?;
    browser.reload().await?;
    let decision = browser.wait_for_text("main .decision", "granted").await?;
    for expected in ["Income below the basic amount.", "4 weeks", "3 months"] {
        ensure(decision.contains(expected), || {
            format!("the decision lacks {expected:?}: {decision}")
        })?;
    }
    let mut violations = Vec::new();
    for lang in ["is", "ar"] {
        browser.open_in(&page, lang).await?;
        browser.wait_for("main .decision").await?;
        audit(&browser, &format!("{page} [{lang}]"), &mut violations).await?;
    }
    no_violations(violations)?;
    browser.close().await;
    Ok(())
}

pub async fn a_photo_sent_from_the_status_page_is_downscaled_and_acknowledged(
    world: World,
) -> Result<(), String> {
    let (app, receipt, world) = server_with_application(&world).await;
    let browser = world.browser(Viewport::Mobile).await?;
    let page = format!("/status/{}", receipt.status_token);
    browser.open_in(&page, "en").await?;
    browser.wait_for("#document").await?;
    // A 3,000 × 1,500 photo-like PNG, drawn by the browser and saved as the file to send.
    let png = browser
        .script(
            "const c = document.createElement('canvas'); c.width = 3000; c.height = 1500; \
             const g = c.getContext('2d'); \
             for (let i = 0; i < 3000; i += 50) { g.fillStyle = `hsl(${i % 360}, 70%, 50%)`; g.fillRect(i, 0, 50, 1500); } \
             return c.toDataURL('image/png').split(',')[1];",
        )
        .await?;
    let bytes = base64_decode(png.as_str().unwrap_or_default())?;
    let folder = tempfile::tempdir().map_err(|e| e.to_string())?;
    let file = folder.path().join("lease.png");
    std::fs::write(&file, &bytes).map_err(|e| e.to_string())?;
    browser
        .type_into("#document", &file.display().to_string())
        .await?;
    browser.click("main .upload button[type=submit]").await?;
    browser
        .wait_for_text("main .upload-status", "arrived")
        .await?;
    browser
        .wait_for_text("main .timeline", "Document received")
        .await?;
    let status: ApplicationStatus = app
        .status(&receipt.status_token)
        .await
        .json()
        .await
        .map_err(|e| e.to_string())?;
    let document = status.documents.first().ok_or("no document was stored")?;
    ensure(document.kind == DocumentKind::Jpeg, || {
        format!(
            "the PNG photo was sent as {:?}, not re-encoded as JPEG",
            document.kind
        )
    })?;
    let pool = app.database().await;
    let stored: Vec<u8> = sqlx::query_scalar("SELECT content FROM documents")
        .fetch_one(&pool)
        .await
        .map_err(|e| e.to_string())?;
    let size = jpeg_size(&stored).ok_or("the stored photo has no JPEG frame header")?;
    ensure(size == (2000, 1000), || {
        format!("the 3000 × 1500 photo arrived as {size:?}, not 2000 × 1000")
    })?;
    let mut violations = Vec::new();
    for lang in ["is", "ar"] {
        browser.open_in(&page, lang).await?;
        browser.wait_for("main .documents").await?;
        audit(
            &browser,
            &format!("{page} with a document [{lang}]"),
            &mut violations,
        )
        .await?;
    }
    no_violations(violations)?;
    browser.close().await;
    Ok(())
}

/// Width and height from a JPEG's start-of-frame segment.
fn jpeg_size(bytes: &[u8]) -> Option<(u16, u16)> {
    let mut at = 2;
    while at + 9 < bytes.len() {
        if bytes[at] != 0xFF {
            return None;
        }
        let marker = bytes[at + 1];
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        if matches!(marker, 0xC0..=0xC3) {
            let height = u16::from_be_bytes([bytes[at + 5], bytes[at + 6]]);
            let width = u16::from_be_bytes([bytes[at + 7], bytes[at + 8]]);
            return Some((width, height));
        }
        at += 2 + length;
    }
    None
}

fn base64_decode(text: &str) -> Result<Vec<u8>, String> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .map_err(|e| e.to_string())
}

pub async fn a_call_back_is_requested_by_keyboard_on_a_phone(world: World) -> Result<(), String> {
    let browser = world.browser(Viewport::Mobile).await?;
    let start = "/call-me";
    browser
        .open_in(&format!("{start}?topic=financial-assistance"), "en")
        .await?;
    browser.reload().await?;
    browser.wait_for("#topic").await?;
    // Tab into the form: the topic is chosen already (it came from the link).
    browser
        .tab_until("the topic", 41, |f| f.id == "topic")
        .await?;
    let language = browser.press_tab().await?;
    ensure(language.id == "language", || format!("then {language:?}"))?;
    // Polski is the third option.
    browser.press_key(Key::Down).await?;
    browser.press_key(Key::Down).await?;
    let phone = browser.press_tab().await?;
    ensure(phone.id == "phone", || format!("then {phone:?}"))?;
    browser.type_keys("611 2345").await?;
    let window = browser.press_tab().await?;
    ensure(window.id == "window", || format!("then {window:?}"))?;
    browser.press_key(Key::Down).await?;
    let postcode = browser.press_tab().await?;
    ensure(postcode.id == "postcode", || format!("then {postcode:?}"))?;
    browser.type_keys("108").await?;
    let message = browser.press_tab().await?;
    ensure(message.id == "message", || format!("then {message:?}"))?;
    browser.type_keys("After lunch is best.").await?;
    let email = browser.press_tab().await?;
    ensure(email.id == "email", || format!("then {email:?}"))?;
    browser.type_keys("anna@example.is").await?;
    let button = browser.press_tab().await?;
    ensure(button.tag == "button", || format!("then {button:?}"))?;
    browser.press_key(Key::Enter).await?;
    let sent = browser.wait_for_path_change(start).await?;
    ensure(sent.starts_with("/call-me/SIM-"), || {
        format!("ended on {sent}")
    })?;
    let page = browser.text("main").await?;
    for expected in [
        "11:00–13:00",
        "Norðurmiðstöð",
        sent.trim_start_matches("/call-me/"),
    ] {
        ensure(page.contains(expected), || {
            format!("the confirmation lacks {expected:?}:\n{page}")
        })?;
    }
    browser.close().await;
    Ok(())
}

pub async fn the_call_back_pages_have_no_axe_violations(
    world: World,
    lang: &'static str,
) -> Result<(), String> {
    let browser = world.browser(Viewport::Mobile).await?;
    let mut violations = Vec::new();
    browser.open_in("/call-me", lang).await?;
    browser.wait_for("#topic").await?;
    audit(&browser, &format!("/call-me [{lang}]"), &mut violations).await?;
    // Sent empty: the error summary and every message beside its field.
    browser.click("main form button[type=submit]").await?;
    browser.wait_for(".error-summary").await?;
    audit(
        &browser,
        &format!("/call-me with errors [{lang}]"),
        &mut violations,
    )
    .await?;
    browser.click("label[for='language-7']").await?;
    browser.wait_for("#other_language").await?;
    browser.type_into("#other_language", "Tigrinya").await?;
    browser.type_into("#phone", "+44 20 7946 0958").await?;
    browser.click("label[for='window-2']").await?;
    browser.click("main form button[type=submit]").await?;
    let sent = browser.wait_for_path_change("/call-me").await?;
    ensure(browser.path().await?.starts_with("/call-me/SIM-"), || {
        format!("ended on {sent}")
    })?;
    audit(&browser, &format!("{sent} [{lang}]"), &mut violations).await?;
    no_violations(violations)?;
    browser.close().await;
    Ok(())
}

pub async fn a_call_back_without_a_language_or_a_time_says_which_is_missing_in_every_language(
    world: World,
) -> Result<(), String> {
    let browser = world.browser(Viewport::Mobile).await?;
    for language in Language::ALL {
        let lang = language.code();
        browser.open_in("/call-me", lang).await?;
        browser.wait_for("#topic").await?;
        browser.type_into("#phone", "611 2345").await?;
        // Sent from the keyboard, with Enter in the phone field.
        browser.press_key(Key::Enter).await?;
        for (field, key) in [
            ("language", "errors.required.language"),
            ("window", "errors.required.window"),
        ] {
            let expected = translations::text(language, key);
            let shown = browser
                .wait_for_text(&format!("#{field}-error"), &expected)
                .await?;
            ensure(shown.trim() == expected, || {
                format!("[{lang}] #{field}-error says {shown:?}, not {expected:?}")
            })?;
            let summary = browser.text(".error-summary").await?;
            ensure(summary.contains(&expected), || {
                format!("[{lang}] the error summary lacks {expected:?}: {summary:?}")
            })?;
        }
    }
    browser.close().await;
    Ok(())
}

pub async fn a_document_sent_again_reads_as_already_received_not_as_a_failure(
    world: World,
) -> Result<(), String> {
    let (app, receipt, world) = server_with_application(&world).await;
    let browser = world.browser(Viewport::Mobile).await?;
    browser
        .open_in(&format!("/status/{}", receipt.status_token), "en")
        .await?;
    browser.wait_for("#document").await?;
    // A PDF goes as it is (photos are re-encoded), so the second copy is the same bytes.
    let folder = tempfile::tempdir().map_err(|e| e.to_string())?;
    let file = folder.path().join("tax-return.pdf");
    std::fs::write(
        &file,
        b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n",
    )
    .map_err(|e| e.to_string())?;
    let path = file.display().to_string();
    browser.type_into("#document", &path).await?;
    browser.click("main .upload button[type=submit]").await?;
    browser
        .wait_for_text("main .upload-status", "arrived")
        .await?;
    browser.type_into("#document", &path).await?;
    browser.click("main .upload button[type=submit]").await?;
    let said = browser
        .wait_for_text("main .upload-status", "already have")
        .await?;
    let failed = browser
        .script("return document.querySelector('main .upload-status').classList.contains('field-error')")
        .await?;
    ensure(failed == serde_json::Value::Bool(false), || {
        format!("the second send is shown as an error: {said:?}")
    })?;
    ensure(app.stored_count("documents").await == 1, || {
        "the same file was stored twice".to_owned()
    })?;
    browser.close().await;
    Ok(())
}

pub async fn clearing_the_device_removes_every_answer_and_receipt_but_keeps_the_language(
    world: World,
) -> Result<(), String> {
    let browser = world.browser(Viewport::Mobile).await?;
    browser.open_in("/", "pl").await?;
    // What a resident leaves behind: screener answers, a draft and a receipt.
    let receipt = serde_json::json!([{
        "key": "k-0123456789abcdef",
        "receipt": {
            "reference": "RVK-2026-000042",
            "status_token": "A".repeat(43),
            "service": "home-support",
            "centre": "vesturmidstod",
            "submitted_at": "2026-11-24T10:00:00Z",
            "photo_id_required": false
        }
    }]);
    browser
        .script(&format!(
            "localStorage.setItem('velferd.screener.answers', '{{\"age\":40}}'); \
             localStorage.setItem('velferd.applications.drafts', '{{\"home-support\":{{\"name\":\"Jón\"}}}}'); \
             localStorage.setItem('velferd.applications.receipts', {});",
            serde_json::Value::String(receipt.to_string())
        ))
        .await?;
    browser.reload().await?;
    let listed = browser
        .wait_for_text("main .your-applications", "RVK-2026-000042")
        .await?;
    ensure(!listed.is_empty(), || {
        "the receipt is listed on the home page".into()
    })?;
    browser.click("footer .button-link").await?;
    browser.accept_dialog().await?;
    browser.wait_for("main h1").await?;
    // Asserts an absence: the app writes its empty state back at once, and nothing of the
    // resident's may come back with it, so a fixed pause rather than a wait for a change.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let left = browser
        .script(
            "const all = Object.keys(localStorage).filter(k => k.startsWith('velferd.')) \
               .map(k => localStorage.getItem(k)).join('|'); \
             const answers = JSON.parse(localStorage.getItem('velferd.screener.answers') || '{}'); \
             return [all.includes('RVK-2026-000042'), all.includes('Jón'), answers.age ?? null, \
                     localStorage.getItem('velferd.language')];",
        )
        .await?;
    ensure(
        left == serde_json::json!([false, false, null, "pl"]),
        || format!("left on the device (receipt, draft, age, language): {left}"),
    )?;
    ensure(browser.html_lang().await? == "pl", || {
        "the language was kept".into()
    })?;
    let home = browser.text("main").await?;
    ensure(!home.contains("RVK-2026-000042"), || {
        "the receipt is gone".into()
    })?;
    browser.close().await;
    Ok(())
}

pub async fn a_receipt_saved_in_another_tab_appears_in_this_one_without_a_reload(
    world: World,
) -> Result<(), String> {
    let browser = world.browser(Viewport::Desktop).await?;
    browser.open_in("/", "en").await?;
    browser.wait_for("main h1").await?;
    // A second tab of the same site stores a receipt, as its outbox would on acknowledgement.
    let (first, _) = browser.new_tab().await?;
    browser.open("/urgent-help").await?;
    browser.wait_for("main h1").await?;
    let receipt = serde_json::json!([{
        "key": "k-fedcba9876543210",
        "receipt": {
            "reference": "RVK-2026-000077",
            "status_token": "B".repeat(43),
            "service": "home-delivered-meals",
            "centre": "austurmidstod",
            "submitted_at": "2026-11-24T11:00:00Z",
            "photo_id_required": false
        }
    }]);
    browser
        .script(&format!(
            "localStorage.setItem('velferd.applications.receipts', {});",
            serde_json::Value::String(receipt.to_string())
        ))
        .await?;
    browser
        .client
        .switch_to_window(first)
        .await
        .map_err(|e| e.to_string())?;
    // The first tab took the other tab's receipts instead of keeping its stale empty list.
    browser
        .wait_for_text("main .your-applications", "RVK-2026-000077")
        .await?;
    // Asserts an absence: the first tab does not write its stale list over the receipt
    // afterwards, so a fixed pause rather than a wait for a change.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let stored = browser
        .script("return localStorage.getItem('velferd.applications.receipts')")
        .await?;
    ensure(
        stored
            .as_str()
            .unwrap_or_default()
            .contains("RVK-2026-000077"),
        || format!("the first tab wrote over the receipt: {stored}"),
    )?;
    browser.close().await;
    Ok(())
}
