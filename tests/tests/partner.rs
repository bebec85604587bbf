//! The partner's own part of a couple's financial-assistance application, over real HTTP and a
//! real SMTP server: the invitation with its own private link, what that link shows and takes,
//! a retry after a lost answer, reminders from the applicant's status page, and the counsellor's
//! view of the part.

use serde_json::{Value, json};
use velferd_backend::Config;
use velferd_shared::{
    ServiceCentre,
    api::ApplicationReceipt,
    follow::ApplicationStatus,
    partner::{PartnerInvitation, PartnerReceipt, ReminderSent},
    staff::{Case, Inbox, Role},
};
use velferd_tests::{
    TestApp,
    app::{header, problem},
    applications::{
        EMAIL, INCOME, KENNITALA, NAME, PARTNER_BANK_ACCOUNT, PARTNER_EMAIL, PARTNER_KENNITALA,
        new_key, partner_part, partner_token_in, with_partner,
    },
    smtp::MailCatcher,
};

const ORIGIN: &str = "https://velferd.example";

async fn apply_as_a_couple(app: &TestApp, variant: u32) -> ApplicationReceipt {
    let response = app
        .submit_application(Some(&new_key()), &with_partner(variant))
        .await;
    assert_eq!(response.status(), 201, "a couple's application is accepted");
    response.json().await.unwrap()
}

async fn partner_links(app: &TestApp) -> Vec<String> {
    velferd_tests::applications::partner_links(&app.database().await).await
}

async fn post_part(app: &TestApp, token: &str, body: &Value) -> reqwest::Response {
    app.post_json(&format!("/api/partner/{token}"), None, body)
        .await
}

async fn status(app: &TestApp, receipt: &ApplicationReceipt) -> ApplicationStatus {
    let response = app.status(&receipt.status_token).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn remind(app: &TestApp, receipt: &ApplicationReceipt) -> reqwest::Response {
    let path = format!(
        "/api/applications/{}/partner-reminder",
        receipt.status_token
    );
    app.post_json(&path, None, &json!({})).await
}

#[tokio::test]
async fn a_couple_s_application_mails_the_partner_a_link_of_their_own_and_nothing_of_the_applicant_s()
 {
    let catcher = MailCatcher::start().await;
    let app = TestApp::spawn_configured(|config: &mut Config| {
        config.smtp_url = Some(catcher.url());
        config.mail_from = Some("velferd@reykjavik.example".into());
        config.public_origin = ORIGIN.into();
    })
    .await;
    let receipt = apply_as_a_couple(&app, 1).await;

    let mails = catcher.wait_for(2).await;
    let invitation = mails
        .iter()
        .find(|m| m.to == PARTNER_EMAIL)
        .expect("the partner is mailed");
    assert!(mails.iter().any(|m| m.to == EMAIL), "and the applicant");
    assert!(invitation.subject.contains(&receipt.reference));
    let token = partner_token_in(&invitation.text);
    let link = format!("{ORIGIN}/partner/{token}");
    assert!(invitation.text.contains(&link), "{}", invitation.text);
    assert!(invitation.html.contains(&format!("<a href=\"{link}\">")));
    // In the applicant's contact language (Polish), with the official name to match letters.
    assert!(
        invitation.text.contains("Fjárhagsaðstoð"),
        "{}",
        invitation.text
    );
    assert!(invitation.text.contains("411 1111"));
    for body in [&invitation.text, &invitation.html] {
        for private in [NAME, KENNITALA, INCOME, receipt.status_token.as_str()] {
            assert!(!body.contains(private), "the invitation shows {private}");
        }
    }
    assert_ne!(token, receipt.status_token);

    // The link opens the reference and the service, nothing else.
    let response = app.get(&format!("/api/partner/{token}")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "cache-control"), "no-store");
    let text = response.text().await.unwrap();
    for private in [NAME, KENNITALA, INCOME, EMAIL] {
        assert!(
            !text.contains(private),
            "the partner's page shows {private}"
        );
    }
    let opened: PartnerInvitation = serde_json::from_str(&text).unwrap();
    assert_eq!(opened.reference, receipt.reference);
    assert_eq!(opened.answered_at, None);
}

#[tokio::test]
async fn the_partner_s_part_is_stored_once_and_a_retry_of_the_same_bytes_gets_the_same_receipt() {
    let app = TestApp::spawn().await;
    let receipt = apply_as_a_couple(&app, 2).await;
    let token = partner_links(&app).await.remove(0);
    let part = serde_json::to_value(partner_part()).unwrap();

    let first = post_part(&app, &token, &part).await;
    assert_eq!(first.status(), 201);
    assert_eq!(header(&first, "cache-control"), "no-store");
    let first: PartnerReceipt = first.json().await.unwrap();
    assert_eq!(first.reference, receipt.reference);

    let again = post_part(&app, &token, &part).await;
    assert_eq!(again.status(), 200, "a retry is answered, not refused");
    let again: PartnerReceipt = again.json().await.unwrap();
    assert_eq!(again, first);

    let mut other = part.clone();
    other["draft"]["income"] = json!("1");
    let conflict = post_part(&app, &token, &other).await;
    assert_eq!(conflict.status(), 409);
    assert_eq!(
        problem(conflict).await.kind,
        "/problems/partner-part-already-sent"
    );

    // The link now says it has arrived, and so does the applicant's status page.
    let opened: PartnerInvitation = app
        .get(&format!("/api/partner/{token}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        opened.answered_at.as_deref(),
        Some(first.answered_at.as_str())
    );
    let progress = status(&app, &receipt).await.partner.expect("a partner");
    assert_eq!(progress.answered_at, Some(first.answered_at.clone()));
    assert_eq!(progress.reminder_from, None, "nothing left to remind of");
    let reminder = remind(&app, &receipt).await;
    assert_eq!(reminder.status(), 409, "no reminder once it has arrived");
    assert_eq!(
        problem(reminder).await.kind,
        "/problems/partner-part-received"
    );
}

#[tokio::test]
async fn the_counsellor_sees_the_partner_s_part_awaited_in_the_inbox_and_then_on_the_case() {
    let app = TestApp::spawn().await;
    let receipt = apply_as_a_couple(&app, 3).await;
    let counsellor = app
        .signed_in(
            "anna@reykjavik.is",
            Role::Counsellor,
            &[ServiceCentre::Vesturmidstod],
        )
        .await;

    let case = || async {
        counsellor
            .case(&receipt.reference)
            .await
            .json::<Case>()
            .await
            .unwrap()
    };
    let awaiting_in_inbox = || async {
        let inbox: Inbox = counsellor
            .inbox(&format!("q={}", receipt.reference))
            .await
            .json()
            .await
            .unwrap();
        let row = inbox
            .rows
            .iter()
            .find(|row| row.reference == receipt.reference)
            .expect("the application is in the inbox");
        row.awaiting_partner
    };
    assert!(
        awaiting_in_inbox().await,
        "marked as waiting for the partner"
    );
    let seen = case().await;
    let waiting = seen.partner.expect("the case names a partner");
    assert_eq!(waiting.answered_at, None);
    assert_eq!(waiting.part, None);
    let named = &seen.application["financial"]["partner"];
    assert_eq!(
        named["kennitala"].as_str().unwrap().replace('-', ""),
        PARTNER_KENNITALA.replace('-', "")
    );
    assert_eq!(named["email"], PARTNER_EMAIL);

    let token = partner_links(&app).await.remove(0);
    let part = serde_json::to_value(partner_part()).unwrap();
    assert_eq!(post_part(&app, &token, &part).await.status(), 201);
    let given = case()
        .await
        .partner
        .unwrap()
        .part
        .expect("the part has arrived");
    assert!(
        !awaiting_in_inbox().await,
        "no longer waiting once the part came"
    );
    assert_eq!(given.income.value(), 120_000);
    assert_eq!(given.income_source.as_deref(), Some("Laun"));
    assert_eq!(
        given.bank_account.map(|a| a.to_string()).as_deref(),
        Some(PARTNER_BANK_ACCOUNT)
    );
}

#[tokio::test]
async fn a_partner_s_part_with_problems_is_refused_field_by_field_in_their_language() {
    let app = TestApp::spawn().await;
    apply_as_a_couple(&app, 4).await;
    let token = partner_links(&app).await.remove(0);

    let empty = json!({ "language": "is", "draft": {} });
    let response = post_part(&app, &token, &empty).await;
    assert_eq!(response.status(), 422);
    let refused = problem(response).await;
    let pointers: Vec<&str> = refused.errors.iter().map(|e| e.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        ["/draft/consent", "/draft/income", "/draft/paid_to_partner"]
    );
    assert!(
        refused.errors[0].detail.contains("haka"),
        "Icelandic: {}",
        refused.errors[0].detail
    );

    // Paid to their own account, but which one?
    let mut part = serde_json::to_value(partner_part()).unwrap();
    part["draft"]["bank_account"] = Value::Null;
    let response = post_part(&app, &token, &part).await;
    assert_eq!(response.status(), 422);
    let refused = problem(response).await;
    assert_eq!(refused.errors.len(), 1);
    assert_eq!(refused.errors[0].pointer, "/draft/bank_account");

    // Nothing was stored by the refusals: a correct part is still taken.
    let part = serde_json::to_value(partner_part()).unwrap();
    assert_eq!(post_part(&app, &token, &part).await.status(), 201);
}

#[tokio::test]
async fn an_unknown_malformed_or_borrowed_partner_link_opens_nothing() {
    let app = TestApp::spawn().await;
    let receipt = apply_as_a_couple(&app, 5).await;
    let part = serde_json::to_value(partner_part()).unwrap();
    let unknown = "A".repeat(43);
    for token in [unknown.as_str(), "short", receipt.status_token.as_str()] {
        let response = app.get(&format!("/api/partner/{token}")).await;
        assert_eq!(response.status(), 404, "{token}");
        assert_eq!(post_part(&app, token, &part).await.status(), 404, "{token}");
    }
}

#[tokio::test]
async fn the_applicant_may_send_the_invitation_again_an_hour_later_with_a_new_link() {
    let app = TestApp::spawn().await;
    let receipt = apply_as_a_couple(&app, 6).await;
    let progress = status(&app, &receipt).await.partner.expect("a partner");
    assert_eq!(progress.answered_at, None);
    let from = progress
        .reminder_from
        .expect("a reminder may be sent later");
    assert!(
        from > progress.invited_at,
        "{from} after {}",
        progress.invited_at
    );

    // Too soon: no second mail in the partner's inbox within the hour.
    let early = remind(&app, &receipt).await;
    assert_eq!(early.status(), 429);
    let wait: u64 = header(&early, "retry-after").parse().unwrap();
    assert!((3500..=3600).contains(&wait), "{wait}");
    assert_eq!(partner_links(&app).await.len(), 1);

    // Two hours on (the invitation moved back in time).
    sqlx::query(
        "UPDATE partner_parts SET invited_at = '2026-01-01T08:00:00Z', last_invited_at = '2026-01-01T08:00:00Z'",
    )
    .execute(&app.database().await)
    .await
    .unwrap();
    let sent = remind(&app, &receipt).await;
    assert_eq!(sent.status(), 202);
    let sent: ReminderSent = sent.json().await.unwrap();
    assert!(sent.next_from.is_some());
    let links = partner_links(&app).await;
    assert_eq!(links.len(), 2, "a second invitation is queued");
    assert_ne!(links[0], links[1], "with a new link");
    let subjects: Vec<String> =
        sqlx::query_scalar("SELECT subject FROM mail_outbox WHERE recipient = $1 ORDER BY id")
            .bind(PARTNER_EMAIL)
            .fetch_all(&app.database().await)
            .await
            .unwrap();
    assert_ne!(subjects[0], subjects[1], "the reminder says it is one");
    assert_eq!(
        remind(&app, &receipt).await.status(),
        429,
        "and again an hour on"
    );

    // The reminders spent, long after the last one: 409, not a wait.
    sqlx::query(
        "UPDATE partner_parts SET reminders = $1, last_invited_at = '2026-01-01T08:00:00Z'",
    )
    .bind(velferd_shared::partner::MAX_REMINDERS)
    .execute(&app.database().await)
    .await
    .unwrap();
    let spent = remind(&app, &receipt).await;
    assert_eq!(spent.status(), 409);
    assert_eq!(problem(spent).await.kind, "/problems/no-more-reminders");

    // Both links lead to the same part; the old one still works.
    for token in &links {
        let opened = app.get(&format!("/api/partner/{token}")).await;
        assert_eq!(opened.status(), 200);
    }
    let part = serde_json::to_value(partner_part()).unwrap();
    assert_eq!(post_part(&app, &links[0], &part).await.status(), 201);
    assert_eq!(post_part(&app, &links[1], &part).await.status(), 200);
}

#[tokio::test]
async fn an_application_without_a_partner_has_no_partner_part_to_remind_of() {
    let app = TestApp::spawn().await;
    let receipt = app.apply(7).await;
    assert_eq!(status(&app, &receipt).await.partner, None);
    assert_eq!(remind(&app, &receipt).await.status(), 404);
    assert!(partner_links(&app).await.is_empty());
}
