//! `POST /api/applications` over real HTTP: receipts, idempotency, every error status, and what
//! really lands in the database.

use serde_json::{Value, json};
use velferd_shared::api::{ApplicationReceipt, PROBLEM_CONTENT_TYPE, Problem};
use velferd_tests::{
    applications::{BANK_ACCOUNT, KENNITALA, financial_assistance, new_key},
    server::TestServer,
};

async fn spawn() -> (TestServer, tempfile::TempDir) {
    spawn_with_limit(0).await
}

async fn spawn_with_limit(per_minute: u32) -> (TestServer, tempfile::TempDir) {
    TestServer::spawn_api(per_minute).await
}

async fn post(server: &TestServer, key: Option<&str>, body: &Value) -> reqwest::Response {
    let mut request = server.http.post(server.url("/api/applications")).json(body);
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    request.send().await.unwrap()
}

async fn problem(response: reqwest::Response) -> Problem {
    assert_eq!(
        response.headers()["content-type"].to_str().unwrap(),
        PROBLEM_CONTENT_TYPE
    );
    response.json().await.unwrap()
}

async fn stored_count(server: &TestServer, table: &str) -> i64 {
    let pool = sqlx::SqlitePool::connect(server.database_url())
        .await
        .unwrap();
    let count = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(&pool)
        .await
        .unwrap();
    pool.close().await;
    count
}

fn body(variant: u32) -> Value {
    serde_json::to_value(financial_assistance(variant)).unwrap()
}

#[tokio::test]
async fn a_complete_application_is_stored_and_answered_with_a_receipt() {
    let (server, _dist) = spawn().await;
    let response = post(&server, Some(&new_key()), &body(1)).await;
    assert_eq!(response.status(), 201);
    let receipt: ApplicationReceipt = response.json().await.unwrap();
    let year = &receipt.submitted_at[..4];
    let reference = receipt
        .reference
        .strip_prefix(&format!("RVK-{year}-"))
        .unwrap();
    assert!(reference.len() == 6 && reference.bytes().all(|b| b.is_ascii_digit()));
    // 43 base64url characters: 256 bits, well over the 128 the private link needs.
    assert_eq!(receipt.status_token.len(), 43);
    assert!(
        receipt
            .status_token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    );
    assert!(
        receipt.photo_id_required,
        "a first-time applicant shows photo ID"
    );
    assert_eq!(stored_count(&server, "applications").await, 1);
    assert_eq!(stored_count(&server, "status_events").await, 1);
}

#[tokio::test]
async fn the_database_keeps_only_the_hash_of_the_private_token_and_of_the_key() {
    let (server, _dist) = spawn().await;
    let key = new_key();
    let receipt: ApplicationReceipt = post(&server, Some(&key), &body(1))
        .await
        .json()
        .await
        .unwrap();
    let pool = sqlx::SqlitePool::connect(server.database_url())
        .await
        .unwrap();
    let (answers, token_hash): (String, String) =
        sqlx::query_as("SELECT answers, token_hash FROM applications")
            .fetch_one(&pool)
            .await
            .unwrap();
    let stored_key: String = sqlx::query_scalar("SELECT idempotency_key FROM idempotency_keys")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_ne!(token_hash, receipt.status_token);
    assert!(!answers.contains(&receipt.status_token));
    assert_ne!(stored_key, key);
    // The answers are stored validated: the kennitala as its ten digits.
    let answers: Value = serde_json::from_str(&answers).unwrap();
    assert_eq!(answers["kennitala"], KENNITALA.replace('-', ""));
    assert_eq!(answers["financial"]["bank_account"], BANK_ACCOUNT);
}

#[tokio::test]
async fn the_same_key_and_body_again_return_the_same_receipt_and_store_nothing_new() {
    let (server, _dist) = spawn().await;
    let key = new_key();
    let first = post(&server, Some(&key), &body(1)).await;
    assert_eq!(first.status(), 201);
    let first: ApplicationReceipt = first.json().await.unwrap();
    let again = post(&server, Some(&key), &body(1)).await;
    assert_eq!(again.status(), 200);
    let again: ApplicationReceipt = again.json().await.unwrap();
    assert_eq!(again, first);
    assert_eq!(stored_count(&server, "applications").await, 1);
}

#[tokio::test]
async fn the_same_key_with_a_different_body_is_a_409_conflict() {
    let (server, _dist) = spawn().await;
    let key = new_key();
    assert_eq!(post(&server, Some(&key), &body(1)).await.status(), 201);
    let response = post(&server, Some(&key), &body(2)).await;
    assert_eq!(response.status(), 409);
    assert_eq!(
        problem(response).await.kind,
        "/problems/idempotency-conflict"
    );
    assert_eq!(stored_count(&server, "applications").await, 1);
}

#[tokio::test]
async fn concurrent_retries_with_one_key_store_one_application() {
    let (server, _dist) = spawn().await;
    let key = new_key();
    let mut requests = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let request = server
            .http
            .post(server.url("/api/applications"))
            .header("Idempotency-Key", &key)
            .json(&body(1));
        requests.spawn(async move {
            let response = request.send().await.unwrap();
            assert!(matches!(response.status().as_u16(), 200 | 201));
            response
                .json::<ApplicationReceipt>()
                .await
                .unwrap()
                .reference
        });
    }
    let mut references = requests.join_all().await;
    references.dedup();
    assert_eq!(references.len(), 1, "{references:?}");
    assert_eq!(stored_count(&server, "applications").await, 1);
}

#[tokio::test]
async fn a_missing_or_malformed_idempotency_key_is_a_400() {
    let (server, _dist) = spawn().await;
    for key in [
        None,
        Some("short"),
        Some("has spaces in it, which are not allowed"),
    ] {
        let response = post(&server, key, &body(1)).await;
        assert_eq!(response.status(), 400, "{key:?}");
        assert_eq!(problem(response).await.kind, "/problems/idempotency-key");
    }
    assert_eq!(stored_count(&server, "applications").await, 0);
}

#[tokio::test]
async fn invalid_answers_are_a_422_naming_each_field_in_the_applicants_language() {
    let (server, _dist) = spawn().await;
    let mut request = body(1);
    request["draft"]["kennitala"] = json!("320160-3389");
    request["draft"]["phone"] = json!("12");
    request["draft"]["consent"] = json!(false);
    let response = post(&server, Some(&new_key()), &request).await;
    assert_eq!(response.status(), 422);
    let problem = problem(response).await;
    let pointers: Vec<(&str, &str)> = problem
        .errors
        .iter()
        .map(|e| (e.pointer.as_str(), e.code.as_str()))
        .collect();
    assert_eq!(
        pointers,
        [
            ("/draft/consent", "required.consent"),
            ("/draft/kennitala", "kennitala.bad-date"),
            ("/draft/phone", "phone.wrong-length"),
        ]
    );
    // The request said Polish: the details are the Polish messages the UI shows.
    let polish: Value = serde_json::from_str(velferd_backend::translations::source(
        velferd_shared::Language::Pl,
    ))
    .unwrap();
    assert_eq!(
        problem.errors[2].detail,
        polish["errors"]["phone"]["wrong_length"]
    );
    assert_eq!(stored_count(&server, "applications").await, 0);
}

#[tokio::test]
async fn a_body_that_does_not_fit_the_shape_is_a_422_with_its_pointer() {
    let (server, _dist) = spawn().await;
    let mut request = body(1);
    request["draft"]["housing"] = json!("castle");
    let response = post(&server, Some(&new_key()), &request).await;
    assert_eq!(response.status(), 422);
    assert_eq!(problem(response).await.errors[0].pointer, "/draft/housing");
}

#[tokio::test]
async fn a_service_without_online_applications_is_refused() {
    let (server, _dist) = spawn().await;
    let mut request = body(1);
    request["service"] = json!("housing-benefit");
    let response = post(&server, Some(&new_key()), &request).await;
    assert_eq!(response.status(), 422);
    assert_eq!(problem(response).await.errors[0].pointer, "/service");
}

#[tokio::test]
async fn a_body_over_the_limit_is_a_413_and_the_wrong_content_type_a_415() {
    let (server, _dist) = spawn().await;
    let mut request = body(1);
    request["draft"]["help_needed"] = json!("x".repeat(100 * 1024));
    let response = post(&server, Some(&new_key()), &request).await;
    assert_eq!(response.status(), 413);
    assert_eq!(problem(response).await.kind, "/problems/payload-too-large");

    let response = server
        .http
        .post(server.url("/api/applications"))
        .header("Idempotency-Key", new_key())
        .header("content-type", "text/plain")
        .body(body(1).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 415);
    assert_eq!(
        problem(response).await.kind,
        "/problems/unsupported-media-type"
    );
}

#[tokio::test]
async fn a_client_over_its_submission_budget_gets_a_429_with_retry_after() {
    let (server, _dist) = spawn_with_limit(2).await;
    for variant in 0..2 {
        assert_eq!(
            post(&server, Some(&new_key()), &body(variant))
                .await
                .status(),
            201
        );
    }
    let response = post(&server, Some(&new_key()), &body(3)).await;
    assert_eq!(response.status(), 429);
    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    assert_eq!(problem(response).await.kind, "/problems/too-many-requests");
    assert_eq!(stored_count(&server, "applications").await, 2);
}

#[tokio::test]
async fn a_retry_of_a_stored_application_gets_its_receipt_even_over_the_limit() {
    let (server, _dist) = spawn_with_limit(1).await;
    let key = new_key();
    let first = post(&server, Some(&key), &body(1)).await;
    assert_eq!(first.status(), 201);
    let first: ApplicationReceipt = first.json().await.unwrap();
    // The budget is spent, but this is the same application, not a new one.
    let retry = post(&server, Some(&key), &body(1)).await;
    assert_eq!(retry.status(), 200);
    assert_eq!(retry.json::<ApplicationReceipt>().await.unwrap(), first);
    assert_eq!(
        post(&server, Some(&new_key()), &body(2)).await.status(),
        429
    );
}
