//! E-mail through the transactional outbox to a real SMTP server (aiosmtpd on loopback): the
//! receipt in the contact language with the private link, news of a decision without it, and
//! mail kept — not dropped — while no SMTP server is configured.

use velferd_backend::{Config, cases, db::Database};
use velferd_shared::follow::{Decision, Status};
use velferd_tests::{
    TestApp,
    applications::{EMAIL, call_back_request, new_key},
    smtp::MailCatcher,
};

const ORIGIN: &str = "https://velferd.example";

fn send_mail_to(catcher: &MailCatcher) -> impl FnOnce(&mut Config) + '_ {
    move |config| {
        config.smtp_url = Some(catcher.url());
        config.mail_from = Some("velferd@reykjavik.example".into());
        config.public_origin = ORIGIN.into();
    }
}

async fn sent_and_emptied(app: &TestApp) -> Vec<(Option<String>, String)> {
    sqlx::query_as("SELECT sent_at, text_body FROM mail_outbox ORDER BY id")
        .fetch_all(&app.database().await)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_receipt_is_mailed_in_the_contact_language_with_the_private_link() {
    let catcher = MailCatcher::start().await;
    let app = TestApp::spawn_configured(send_mail_to(&catcher)).await;
    // The application's contact language is Polish.
    let receipt = app.apply(1).await;

    let mail = catcher.wait_for(1).await.remove(0);
    assert_eq!(mail.to, EMAIL);
    assert!(
        mail.subject.contains(&receipt.reference),
        "{}",
        mail.subject
    );
    assert!(
        mail.subject.contains("wniosek"),
        "Polish subject: {}",
        mail.subject
    );
    let link = format!("{ORIGIN}/status/{}", receipt.status_token);
    assert!(mail.text.contains(&link), "plain text:\n{}", mail.text);
    assert!(
        mail.html.contains(&format!("<a href=\"{link}\">")),
        "html:\n{}",
        mail.html
    );
    assert!(mail.text.contains("411 1111"));

    // Sent, and the link kept nowhere on the server any more. The server has the mail before
    // the outbox records it as sent, so wait for the record.
    let rows = velferd_tests::wait_until(
        "the outbox to record the mail as sent",
        std::time::Duration::from_secs(20),
        || async {
            let rows = sent_and_emptied(&app).await;
            if rows.len() == 1 && rows[0].0.is_some() {
                Ok(rows)
            } else {
                Err(format!("{rows:?}"))
            }
        },
    )
    .await
    .unwrap();
    assert_eq!(
        rows[0].1, "",
        "the body (with the private link) is emptied once sent"
    );
}

#[tokio::test]
async fn a_decision_is_news_by_mail_with_the_reference_and_no_link() {
    let catcher = MailCatcher::start().await;
    let app = TestApp::spawn_configured(send_mail_to(&catcher)).await;
    let receipt = app.apply(2).await;
    catcher.wait_for(1).await;

    let db = Database::open(app.database_url()).await.unwrap();
    cases::record_status(
        &db,
        &receipt.reference,
        Status::Decided,
        Some(Decision::Granted),
        Some("Samþykkt."),
    )
    .await
    .unwrap();
    let news = catcher.wait_for(2).await.remove(1);
    assert_eq!(news.to, EMAIL);
    assert!(news.subject.contains(&receipt.reference));
    for body in [&news.text, &news.html] {
        assert!(!body.contains("http"), "news carries no link:\n{body}");
        assert!(!body.contains(&receipt.status_token));
        assert!(!body.contains("Samþykkt"), "nor the counsellor's words");
    }
    // A status that is not news to the applicant sends nothing.
    cases::record_status(&db, &receipt.reference, Status::InReview, None, None)
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    assert_eq!(catcher.received().len(), 2, "in review is not mailed");
}

#[tokio::test]
async fn without_an_smtp_server_mail_waits_in_the_outbox_and_goes_once_there_is_one() {
    let mut app = TestApp::spawn().await;
    let receipt = app
        .submit_application(
            Some(&new_key()),
            &velferd_tests::applications::financial_assistance(3),
        )
        .await;
    assert_eq!(receipt.status(), 201);
    let rows = sent_and_emptied(&app).await;
    assert_eq!(
        rows.len(),
        1,
        "the receipt mail is queued with the application"
    );
    assert!(rows[0].0.is_none(), "and not sent");

    // The operator adds the SMTP settings and restarts: the waiting mail goes.
    let catcher = MailCatcher::start().await;
    app.stop().await;
    app.reconfigure(send_mail_to(&catcher));
    app.start().await;
    let mail = catcher.wait_for(1).await.remove(0);
    assert_eq!(mail.to, EMAIL);
}

#[tokio::test]
async fn a_refused_message_is_retried_later_not_dropped() {
    // An SMTP server that is not there yet: the first attempts fail.
    let catcher = MailCatcher::start().await;
    let url = catcher.url();
    drop(catcher);
    let app = TestApp::spawn_configured(|config| {
        config.smtp_url = Some(url.clone());
        config.mail_from = Some("velferd@reykjavik.example".into());
    })
    .await;
    app.apply(4).await;
    velferd_tests::wait_until(
        "a failed attempt to be recorded",
        std::time::Duration::from_secs(20),
        || async {
            let attempts: (i64, Option<String>) =
                sqlx::query_as("SELECT attempts, last_error FROM mail_outbox")
                    .fetch_one(&app.database().await)
                    .await
                    .map_err(|e| e.to_string())?;
            if attempts.0 >= 1 && attempts.1.is_some() {
                Ok(())
            } else {
                Err(format!("{attempts:?}"))
            }
        },
    )
    .await
    .unwrap();
    let rows = sent_and_emptied(&app).await;
    assert!(rows[0].0.is_none(), "still waiting, with its body");
    assert!(!rows[0].1.is_empty());
}

#[tokio::test]
async fn a_call_back_request_with_an_e_mail_is_confirmed_with_its_reference_and_time_only() {
    let catcher = MailCatcher::start().await;
    let app = TestApp::spawn_configured(send_mail_to(&catcher)).await;
    let mut body = call_back_request();
    body["email"] = "anna@example.is".into();
    body["ui_language"] = "en".into();
    let response = app.request_call_back(Some(&new_key()), &body).await;
    assert_eq!(response.status(), 201);
    let receipt: velferd_shared::follow::CallbackReceipt = response.json().await.unwrap();

    let mail = catcher.wait_for(1).await.remove(0);
    assert_eq!(mail.to, "anna@example.is");
    assert!(
        mail.subject.contains(&receipt.reference),
        "{}",
        mail.subject
    );
    // In the language the site was used in, with who calls and when.
    assert!(mail.text.contains("11:00–13:00"), "{}", mail.text);
    assert!(mail.text.contains("Norðurmiðstöð"), "{}", mail.text);
    assert!(mail.text.contains("weekday"), "English: {}", mail.text);
    for body in [&mail.text, &mail.html] {
        assert!(!body.contains("611 2345"), "no phone number:\n{body}");
        assert!(!body.contains("Proszę"), "nor the message:\n{body}");
    }

    // Without an address nothing is queued; a wrong one is refused beside its field.
    let mut without = body.clone();
    without["email"] = serde_json::Value::Null;
    assert_eq!(
        app.request_call_back(Some(&new_key()), &without)
            .await
            .status(),
        201
    );
    let mut wrong = body.clone();
    wrong["email"] = "anna@".into();
    let refused = app.request_call_back(Some(&new_key()), &wrong).await;
    assert_eq!(refused.status(), 422);
    let problem = velferd_tests::app::problem(refused).await;
    assert_eq!(problem.errors[0].pointer, "/email");
    assert_eq!(sent_and_emptied(&app).await.len(), 1, "one mail in all");
}
