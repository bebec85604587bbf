//! The server as a real process: what it writes to its logs, and what survives `kill -9`.

use std::{collections::HashSet, sync::Arc};

use sha2::{Digest, Sha256};
use tokio::sync::Mutex;
use velferd_shared::api::ApplicationReceipt;
use velferd_tests::{
    app::{StaffClient, StaffMember},
    applications::{
        BANK_ACCOUNT, EMAIL, INCOME, KENNITALA, NAME, PHONE, financial_assistance, new_key,
    },
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

const APPLICATIONS: u32 = 300;
const CLIENTS: u32 = 32;
const KILL_AFTER: usize = 100;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn killing_the_server_mid_submission_loses_no_acknowledged_application_and_retries_add_no_duplicate()
 {
    let data = tempfile::tempdir().unwrap();
    let log = data.path().join("server.log");
    let server = Arc::new(Mutex::new(
        ServerProcess::start(data.path(), &log, "warn").await,
    ));
    let api = server.lock().await.api().clone();
    let keys: Vec<String> = (0..APPLICATIONS).map(|_| new_key()).collect();
    let acknowledged = Arc::new(Mutex::new(Vec::<(u32, ApplicationReceipt)>::new()));

    // 32 clients submit 300 applications; once 100 are acknowledged the server is killed.
    let mut clients = tokio::task::JoinSet::new();
    for client in 0..CLIENTS {
        let (keys, acknowledged, server, api) = (
            keys.clone(),
            acknowledged.clone(),
            server.clone(),
            api.clone(),
        );
        clients.spawn(async move {
            for variant in (client..APPLICATIONS).step_by(CLIENTS as usize) {
                // Sent by hand: a request the kill cuts short is an error here, not a panic.
                let response = api
                    .application_request(
                        Some(&keys[variant as usize]),
                        &financial_assistance(variant),
                    )
                    .send()
                    .await;
                let Ok(response) = response else { continue };
                if response.status() != 201 {
                    continue;
                }
                let Ok(receipt) = response.json::<ApplicationReceipt>().await else {
                    continue;
                };
                let mut acknowledged = acknowledged.lock().await;
                acknowledged.push((variant, receipt));
                if acknowledged.len() == KILL_AFTER {
                    server.lock().await.kill_hard();
                }
            }
        });
    }
    clients.join_all().await;
    let acknowledged = acknowledged.lock().await.clone();
    assert!(
        acknowledged.len() >= KILL_AFTER && acknowledged.len() < APPLICATIONS as usize,
        "the kill landed part-way: {} acknowledged",
        acknowledged.len()
    );

    // Restarted on the same database file.
    let server = ServerProcess::start(data.path(), &log, "warn").await;
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(server.database_url()).await.unwrap();
    for (variant, receipt) in &acknowledged {
        let token_hash: String = Sha256::digest(receipt.status_token.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let (answers, stored_hash): (String, String) =
            sqlx::query_as("SELECT answers, token_hash FROM applications WHERE reference = $1")
                .bind(&receipt.reference)
                .fetch_optional(&pool)
                .await
                .unwrap()
                .unwrap_or_else(|| panic!("acknowledged {} was lost", receipt.reference));
        assert_eq!(stored_hash, token_hash, "{}", receipt.reference);
        let answers: serde_json::Value = serde_json::from_str(&answers).unwrap();
        assert_eq!(
            answers["address"],
            format!("Hverfisgata {variant}"),
            "stored intact"
        );
    }

    // Every client retries everything with its keys: acknowledged ones get their receipt back.
    let earlier: std::collections::HashMap<u32, &ApplicationReceipt> =
        acknowledged.iter().map(|(v, r)| (*v, r)).collect();
    for variant in 0..APPLICATIONS {
        let response = server
            .submit_application(
                Some(&keys[variant as usize]),
                &financial_assistance(variant),
            )
            .await;
        let status = response.status().as_u16();
        let receipt: ApplicationReceipt = response.json().await.unwrap();
        if let Some(earlier) = earlier.get(&variant) {
            assert_eq!(status, 200, "a retry of an acknowledged application");
            assert_eq!(&&receipt, earlier);
        } else {
            assert!(matches!(status, 200 | 201), "{status}");
        }
    }
    let references: Vec<String> = sqlx::query_scalar("SELECT reference FROM applications")
        .fetch_all(&pool)
        .await
        .unwrap();
    let unique: HashSet<&String> = references.iter().collect();
    assert_eq!(
        references.len(),
        APPLICATIONS as usize,
        "one row per application"
    );
    assert_eq!(unique.len(), references.len());
    let keys_stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM idempotency_keys")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(keys_stored, i64::from(APPLICATIONS));
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
