//! The server as a real process: what it writes to its logs, and what survives `kill -9`.

use std::{
    collections::HashSet,
    sync::{Arc, Mutex},
};

use velferd_shared::api::ApplicationReceipt;
use velferd_tests::{
    app::{StaffClient, StaffMember},
    applications::{
        BANK_ACCOUNT, EMAIL, INCOME, KENNITALA, NAME, PHONE, financial_assistance, new_key,
    },
    crash,
    process::{ServerProcess, admin, admin_with_input},
};

#[tokio::test]
async fn a_submission_leaves_no_personal_data_in_the_logs() {
    let data = tempfile::tempdir().unwrap();
    let log = data.path().join("server.log");
    // The most talkative level our code and sqlx use.
    let server = ServerProcess::start(data.path(), &log, "debug").await;
    let key = new_key();
    let accepted = server
        .submit_application(Some(&key), &financial_assistance(7))
        .await;
    assert_eq!(accepted.status(), 201);
    let receipt: ApplicationReceipt = accepted.json().await.unwrap();
    // A rejected one too: errors are where values usually leak.
    let mut bad = financial_assistance(8);
    bad.draft.phone = Some("12".into());
    let rejected = server.submit_application(Some(&new_key()), &bad).await;
    assert_eq!(rejected.status(), 422);
    drop(server);

    let logs = std::fs::read_to_string(&log).unwrap();
    assert!(
        logs.contains("application stored") && logs.contains("/api/applications"),
        "the logs were captured:\n{logs}"
    );
    let personal = [
        NAME,
        KENNITALA,
        &KENNITALA.replace('-', ""),
        PHONE,
        &PHONE.replace(' ', ""),
        EMAIL,
        INCOME,
        &INCOME.replace('.', ""),
        BANK_ACCOUNT,
        "Hverfisgata 7",
        &receipt.status_token,
        &key,
    ];
    for value in personal {
        assert!(!logs.contains(value), "the logs contain {value:?}:\n{logs}");
    }
}

#[tokio::test]
async fn the_first_admin_is_created_from_a_shell_signs_in_and_leaves_no_secrets_in_the_logs() {
    let data = tempfile::tempdir().unwrap();
    let url = velferd_tests::app::database_url_in(data.path()).await;
    let email = "fyrsti.stjornandi@reykjavik.is";
    let password = "correct horse battery staple";
    let args = [
        "staff",
        "add",
        email,
        "--name",
        "Fyrsti Stjórnandi",
        "--centre",
        "online-center",
        "--admin",
    ];
    let (ok, printed) = admin_with_input(&url, &args, &format!("{password}\n"));
    assert!(ok, "{printed}");
    let secret = printed
        .split("secret=")
        .nth(1)
        .and_then(|rest| rest.split('&').next())
        .unwrap_or_else(|| panic!("no otpauth URI in {printed}"))
        .to_owned();
    assert!(
        printed.contains("otpauth://totp/Velfer%C3%B0:"),
        "{printed}"
    );
    let (short, printed) = admin_with_input(
        &url,
        &[
            "staff",
            "add",
            "b@r.is",
            "--name",
            "B",
            "--centre",
            "vesturmidstod",
        ],
        "short\n",
    );
    assert!(!short && printed.contains("12 characters"), "{printed}");

    let log = data.path().join("server.log");
    let server = ServerProcess::start(data.path(), &log, "debug").await;
    let member = StaffMember {
        email: email.to_owned(),
        password: password.to_owned(),
        secret,
    };
    let client = StaffClient::new(server.addr);
    let wrong = client
        .sign_in(email, "a wrong password here", &member.code(0))
        .await;
    assert_eq!(wrong.status(), 401);
    assert_eq!(client.sign_in_as(&member, 0).await.status(), 204);
    let search = client.inbox(&format!("q={KENNITALA}")).await;
    assert_eq!(search.status(), 200);
    drop(server);

    let logs = std::fs::read_to_string(&log).unwrap();
    assert!(
        logs.contains("staff sign-in"),
        "sign-ins are logged:\n{logs}"
    );
    for value in [
        email,
        password,
        "a wrong password here",
        &member.code(0),
        KENNITALA,
    ] {
        assert!(!logs.contains(value), "the logs contain {value:?}:\n{logs}");
    }
    let (disabled, printed) = admin(&url, &["staff", "disable", email]);
    assert!(disabled, "{printed}");
}

#[tokio::test]
async fn the_admin_command_records_a_decision_that_the_private_link_then_shows() {
    let data = tempfile::tempdir().unwrap();
    let log = data.path().join("server.log");
    let server = ServerProcess::start(data.path(), &log, "warn").await;
    let receipt = server.apply(3).await;
    let database = server.database_url();
    let (ok, output) = admin(
        database,
        &[
            "status",
            &receipt.reference,
            "decided",
            "--decision",
            "refused",
            "--note",
            "Savings above the limit.",
        ],
    );
    assert!(ok, "{output}");
    let (ok, output) = admin(database, &["status", "RVK-2026-999999", "in-review"]);
    assert!(!ok && output.contains("RVK-2026-999999"), "{output}");
    let (ok, output) = admin(database, &["status", &receipt.reference, "lost"]);
    assert!(!ok && output.contains("possible values"), "{output}");
    let status: serde_json::Value = server
        .status(&receipt.status_token)
        .await
        .json()
        .await
        .unwrap();
    let last = &status["events"][1];
    assert_eq!(last["status"], "decided");
    assert_eq!(last["decision"], "refused");
    assert_eq!(last["note"], "Savings above the limit.");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn killing_the_server_mid_submission_loses_no_acknowledged_application_and_retries_add_no_duplicate()
 {
    let data = tempfile::tempdir().unwrap();
    let log = data.path().join("server.log");
    let server = Arc::new(Mutex::new(
        ServerProcess::start(data.path(), &log, "warn").await,
    ));
    let api = server.lock().unwrap().api().clone();
    let killed = server.clone();
    let submissions =
        crash::submit_while_killing(&[api], move || killed.lock().unwrap().kill_hard()).await;

    // Restarted on the same database.
    let server = ServerProcess::start(data.path(), &log, "warn").await;
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(server.database_url()).await.unwrap();
    submissions.check_after_retrying_on(&server, &pool).await;
}

const MAILED: u32 = 20;

#[tokio::test]
async fn killing_the_server_loses_no_receipt_mail_of_an_acknowledged_application() {
    let data = tempfile::tempdir().unwrap();
    let log = data.path().join("server.log");
    // The relay is not up yet: every receipt waits in the outbox.
    let port = velferd_tests::wait::free_port();
    let url = format!("smtp://127.0.0.1:{port}");
    let env = [
        ("VELFERD_SMTP_URL", url.as_str()),
        ("VELFERD_MAIL_FROM", "velferd@reykjavik.example"),
    ];
    let mut server = ServerProcess::start_with(data.path(), &log, "warn", &env).await;
    let mut references = HashSet::new();
    for variant in 0..MAILED {
        let response = server
            .submit_application(Some(&new_key()), &financial_assistance(variant))
            .await;
        assert_eq!(response.status(), 201);
        let receipt: ApplicationReceipt = response.json().await.unwrap();
        references.insert(receipt.reference);
    }
    // Power cut right after the acknowledgements.
    server.kill_hard();

    let catcher = velferd_tests::smtp::MailCatcher::start_on(port).await;
    let _server = ServerProcess::start_with(data.path(), &log, "warn", &env).await;
    let received = catcher.wait_for(MAILED as usize).await;
    let mailed: Vec<&str> = received
        .iter()
        .filter_map(|mail| {
            references
                .iter()
                .find(|r| mail.subject.contains(r.as_str()))
        })
        .map(String::as_str)
        .collect();
    let distinct: HashSet<&str> = mailed.iter().copied().collect();
    assert_eq!(
        distinct.len(),
        references.len(),
        "every acknowledged receipt is mailed"
    );
    assert_eq!(mailed.len(), received.len(), "nothing else is mailed");
    assert!(received.iter().all(|mail| mail.to == EMAIL));
}
