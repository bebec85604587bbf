//! The partner's own part in the browser: from the link in the invitation to "your part has
//! arrived" on a phone, every page audited with axe; and the applicant's status page waiting for
//! it and sending the invitation again.

use velferd_shared::follow::ApplicationStatus;
use velferd_tests::{
    TestApp,
    applications::{PARTNER_BANK_ACCOUNT, new_key, partner_links, with_partner},
    browser::Viewport,
};

use super::{World, audit, ensure, no_violations};

/// A server of its own with a couple's application on it, and the partner's link token.
async fn couple_applied(world: &World) -> Result<(TestApp, World, String, String), String> {
    let (app, world) = world.own_server().await;
    let response = app
        .submit_application(Some(&new_key()), &with_partner(8))
        .await;
    ensure(response.status() == 201, || {
        format!("the application got {}", response.status())
    })?;
    let receipt: velferd_shared::api::ApplicationReceipt =
        response.json().await.map_err(|e| e.to_string())?;
    let token = partner_links(&app.database().await)
        .await
        .into_iter()
        .next()
        .ok_or("no invitation was queued")?;
    Ok((app, world, token, receipt.status_token))
}

pub async fn a_partner_gives_their_part_from_the_invitation_link_on_a_phone(
    world: World,
    lang: &'static str,
) -> Result<(), String> {
    let (app, world, token, status_token) = couple_applied(&world).await?;
    let browser = world.browser(Viewport::Mobile).await?;
    let mut violations = Vec::new();
    let start = format!("/partner/{token}");
    browser.open_in(&start, lang).await?;
    let page = browser.text("main").await?;
    ensure(
        page.contains("RVK-") && page.contains("Fjárhagsaðstoð"),
        || format!("the start page lacks the reference or the service:\n{page}"),
    )?;
    audit(
        &browser,
        &format!("/partner/<token> [{lang}]"),
        &mut violations,
    )
    .await?;
    browser.click("main button.button").await?;

    // Consent: refused until ticked, with the summary and the message beside the box.
    let consent = browser.wait_for_path_change(&start).await?;
    ensure(consent.ends_with("/consent"), || {
        format!("started at {consent}")
    })?;
    browser.click("main form button[type=submit]").await?;
    browser.wait_for(".error-summary").await?;
    audit(
        &browser,
        &format!("consent with an error [{lang}]"),
        &mut violations,
    )
    .await?;
    browser.click("main .checkbox label").await?;
    browser.click("main form button[type=submit]").await?;

    let income = browser.wait_for_path_change(&consent).await?;
    audit(&browser, &format!("{income} [{lang}]"), &mut violations).await?;
    browser.type_into("#income", "120000").await?;
    browser.type_into("#income_source", "Laun").await?;
    browser.click("main form button[type=submit]").await?;

    // Paid into their own account: then they are asked which.
    let payment = browser.wait_for_path_change(&income).await?;
    ensure(payment.ends_with("/payment"), || format!("then {payment}"))?;
    audit(&browser, &format!("{payment} [{lang}]"), &mut violations).await?;
    browser.click("main .radio:nth-child(1) label").await?;
    browser.click("main form button[type=submit]").await?;
    let account = browser.wait_for_path_change(&payment).await?;
    ensure(account.ends_with("/bank-account"), || {
        format!("then {account}")
    })?;
    browser
        .type_into("#bank_account", PARTNER_BANK_ACCOUNT)
        .await?;
    browser.click("main form button[type=submit]").await?;

    let check = browser.wait_for_path_change(&account).await?;
    ensure(check.ends_with("/check"), || format!("then {check}"))?;
    let summary = browser.text("main .summary-list").await?;
    ensure(
        summary.contains(PARTNER_BANK_ACCOUNT) && summary.contains("Laun"),
        || format!("the check page lacks answers:\n{summary}"),
    )?;
    audit(&browser, &format!("{check} [{lang}]"), &mut violations).await?;
    browser.click("main form button[type=submit]").await?;
    browser.wait_for("main .receipt-panel time").await?;
    audit(&browser, &format!("received [{lang}]"), &mut violations).await?;

    // The applicant's status page says it has arrived; the draft has left the device.
    let status: ApplicationStatus = app
        .status(&status_token)
        .await
        .json()
        .await
        .map_err(|e| e.to_string())?;
    ensure(status.partner.and_then(|p| p.answered_at).is_some(), || {
        "the part did not arrive".to_owned()
    })?;
    let kept = browser
        .script("return localStorage.getItem('velferd.partner.drafts');")
        .await?;
    ensure(kept.as_str().is_none_or(|k| !k.contains("Laun")), || {
        format!("the sent part is still on the device: {kept}")
    })?;
    no_violations(violations)?;
    browser.close().await;
    Ok(())
}

pub async fn the_applicant_sees_the_partners_part_awaited_and_sends_the_invitation_again(
    world: World,
) -> Result<(), String> {
    let (app, world, _, status_token) = couple_applied(&world).await?;
    let browser = world.browser(Viewport::Mobile).await?;
    let page = format!("/status/{status_token}");
    browser.open_in(&page, "en").await?;
    browser
        .wait_for_text("main .partner-progress", "waiting for your partner")
        .await?;
    browser.click("main .partner-progress button").await?;
    browser
        .wait_for_text("main .partner-progress", "less than an hour ago")
        .await?;

    // An hour and more later.
    sqlx::query("UPDATE partner_parts SET last_invited_at = '2026-01-01T08:00:00Z'")
        .execute(&app.database().await)
        .await
        .map_err(|e| e.to_string())?;
    browser.reload().await?;
    browser.click("main .partner-progress button").await?;
    browser
        .wait_for_text("main .partner-progress", "sent again")
        .await?;
    let links = partner_links(&app.database().await).await;
    ensure(links.len() == 2, || {
        format!("{} invitations queued", links.len())
    })?;
    let mut violations = Vec::new();
    for lang in ["is", "ar"] {
        browser.open_in(&page, lang).await?;
        browser.wait_for("main .partner-progress button").await?;
        audit(
            &browser,
            &format!("{page} waiting for the partner [{lang}]"),
            &mut violations,
        )
        .await?;
    }
    no_violations(violations)?;
    browser.close().await;
    Ok(())
}
