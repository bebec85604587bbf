//! Several instances behind a load balancer, on one PostgreSQL database: `cargo xtask test`
//! runs these with `VELFERD_TEST_POSTGRES` set to a throw-away cluster.

use std::sync::{Arc, Mutex};

use velferd_shared::api::ApplicationReceipt;
use velferd_tests::{
    app::POSTGRES_SERVER,
    applications::{financial_assistance, new_key},
    crash,
    process::ServerProcess,
};

/// Two servers on the database that belongs to `data`, each with its own log.
async fn two_instances(data: &std::path::Path) -> (ServerProcess, ServerProcess) {
    two_instances_with(data, &[]).await
}

async fn two_instances_with(
    data: &std::path::Path,
    env: &[(&str, &str)],
) -> (ServerProcess, ServerProcess) {
    assert!(
        std::env::var(POSTGRES_SERVER).is_ok(),
        "two instances need a shared PostgreSQL server: set {POSTGRES_SERVER}"
    );
    let first = ServerProcess::start_with(data, &data.join("first.log"), "warn", env).await;
    let second = ServerProcess::start_with(data, &data.join("second.log"), "warn", env).await;
    assert_eq!(first.database_url(), second.database_url());
    (first, second)
}

async fn pool(server: &ServerProcess) -> sqlx::AnyPool {
    sqlx::any::install_default_drivers();
    sqlx::AnyPool::connect(server.database_url()).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn killing_one_of_two_instances_loses_nothing_acknowledged_and_retries_on_the_other_add_no_duplicate()
 {
    let data = tempfile::tempdir().unwrap();
    let (first, second) = two_instances(data.path()).await;
    let servers = [first.api().clone(), second.api().clone()];
    let first = Arc::new(Mutex::new(first));
    let killed = first.clone();
    let submissions =
        crash::submit_while_killing(&servers, move || killed.lock().unwrap().kill_hard()).await;
    let first = first.lock().unwrap().api().clone();
    assert!(
        first
            .request(reqwest::Method::GET, "/api/health")
            .send()
            .await
            .is_err(),
        "the first instance is gone"
    );

    submissions
        .check_after_retrying_on(&second, &pool(&second).await)
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_same_key_sent_to_both_instances_at_once_gives_one_application_and_one_receipt() {
    const PAIRS: u32 = 40;
    let data = tempfile::tempdir().unwrap();
    let (first, second) = two_instances(data.path()).await;
    for variant in 0..PAIRS {
        let key = new_key();
        let application = financial_assistance(variant);
        let (a, b) = tokio::join!(
            first.submit_application(Some(&key), &application),
            second.submit_application(Some(&key), &application),
        );
        let mut statuses = [a.status().as_u16(), b.status().as_u16()];
        statuses.sort();
        assert_eq!(
            statuses,
            [200, 201],
            "one created it, the other repeated it"
        );
        let a: ApplicationReceipt = a.json().await.unwrap();
        let b: ApplicationReceipt = b.json().await.unwrap();
        assert_eq!(a, b, "the same receipt from both");
    }
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM applications")
        .fetch_one(&pool(&first).await)
        .await
        .unwrap();
    assert_eq!(stored, i64::from(PAIRS), "one row per key");
}

#[tokio::test]
async fn a_clients_submission_budget_holds_across_instances() {
    let data = tempfile::tempdir().unwrap();
    let (first, second) =
        two_instances_with(data.path(), &[("VELFERD_SUBMISSIONS_PER_MINUTE", "3")]).await;
    let mut statuses = Vec::new();
    for (variant, server) in [&first, &second, &first, &second].into_iter().enumerate() {
        let response = server
            .submit_application(Some(&new_key()), &financial_assistance(variant as u32))
            .await;
        statuses.push(response.status().as_u16());
    }
    assert_eq!(
        statuses,
        [201, 201, 201, 429],
        "three a minute, whichever instance"
    );
}
