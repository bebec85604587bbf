//! `POST /api/applications` over real HTTP: receipts, idempotency, every error status, and what
//! really lands in the database.

use serde_json::{Value, json};
use velferd_backend::limits::TrustedProxies;
use velferd_shared::{Language, api::ApplicationReceipt};
use velferd_tests::{
    TestApp,
    app::{field_codes, problem},
    applications::{BANK_ACCOUNT, KENNITALA, financial_assistance, new_key},
    locale,
};

fn body(variant: u32) -> Value {
    serde_json::to_value(financial_assistance(variant)).unwrap()
}

#[tokio::test]
async fn a_complete_application_is_stored_and_answered_with_a_receipt() {
    let app = TestApp::spawn().await;
    let response = app.submit_application(Some(&new_key()), &body(1)).await;
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
    assert_eq!(app.stored_count("applications").await, 1);
    assert_eq!(app.stored_count("status_events").await, 1);
}

#[tokio::test]
async fn the_database_keeps_only_the_hash_of_the_private_token_and_of_the_key() {
    let app = TestApp::spawn().await;
    let key = new_key();
    let receipt: ApplicationReceipt = app
        .submit_application(Some(&key), &body(1))
        .await
        .json()
        .await
        .unwrap();
    let pool = app.database().await;
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
    let app = TestApp::spawn().await;
    let key = new_key();
    let first = app.submit_application(Some(&key), &body(1)).await;
    assert_eq!(first.status(), 201);
    let first: ApplicationReceipt = first.json().await.unwrap();
    let again = app.submit_application(Some(&key), &body(1)).await;
    assert_eq!(again.status(), 200);
    let again: ApplicationReceipt = again.json().await.unwrap();
    assert_eq!(again, first);
    assert_eq!(app.stored_count("applications").await, 1);
}

#[tokio::test]
async fn the_same_key_with_a_different_body_is_a_409_conflict() {
    let app = TestApp::spawn().await;
    let key = new_key();
    assert_eq!(
        app.submit_application(Some(&key), &body(1)).await.status(),
        201
    );
    let response = app.submit_application(Some(&key), &body(2)).await;
    assert_eq!(response.status(), 409);
    assert_eq!(
        problem(response).await.kind,
        "/problems/idempotency-conflict"
    );
    assert_eq!(app.stored_count("applications").await, 1);
}

#[tokio::test]
async fn concurrent_retries_with_one_key_store_one_application() {
    let app = TestApp::spawn().await;
    let key = new_key();
    let mut requests = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let (api, key) = (app.api().clone(), key.clone());
        requests.spawn(async move {
            let response = api.submit_application(Some(&key), &body(1)).await;
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
    assert_eq!(app.stored_count("applications").await, 1);
}

#[tokio::test]
async fn a_missing_or_malformed_idempotency_key_is_a_400() {
    let app = TestApp::spawn().await;
    for key in [
        None,
        Some("short"),
        Some("has spaces in it, which are not allowed"),
    ] {
        let response = app.submit_application(key, &body(1)).await;
        assert_eq!(response.status(), 400, "{key:?}");
        assert_eq!(problem(response).await.kind, "/problems/idempotency-key");
    }
    assert_eq!(app.stored_count("applications").await, 0);
}

#[tokio::test]
async fn invalid_answers_are_a_422_naming_each_field_in_the_applicants_language() {
    let app = TestApp::spawn().await;
    let mut request = body(1);
    request["draft"]["kennitala"] = json!("320160-3389");
    request["draft"]["phone"] = json!("12");
    request["draft"]["consent"] = json!(false);
    let response = app.submit_application(Some(&new_key()), &request).await;
    assert_eq!(response.status(), 422);
    let problem = problem(response).await;
    assert_eq!(
        field_codes(&problem),
        [
            ("/draft/consent", "required.consent"),
            ("/draft/kennitala", "kennitala.bad-date"),
            ("/draft/phone", "phone.wrong-length"),
        ]
    );
    // The request said Polish: the details are the Polish messages the UI shows.
    assert_eq!(
        problem.errors[2].detail,
        locale(Language::Pl)["errors"]["phone"]["wrong_length"]
    );
    assert_eq!(app.stored_count("applications").await, 0);
}

#[tokio::test]
async fn a_nul_or_a_direction_override_in_free_text_is_a_422_on_that_field_and_stores_nothing() {
    let app = TestApp::spawn().await;
    let mut request = body(1);
    request["draft"]["name"] = json!("Guðrún\u{0}");
    request["draft"]["address"] = json!("Hverfisgata \u{202e}21");
    let response = app.submit_application(Some(&new_key()), &request).await;
    assert_eq!(response.status(), 422);
    let problem = problem(response).await;
    assert_eq!(
        field_codes(&problem),
        [
            ("/draft/name", "text.control-character"),
            ("/draft/address", "text.control-character"),
        ]
    );
    assert_eq!(
        problem.errors[0].detail,
        locale(Language::Pl)["errors"]["text"]["control_character"]
    );
    assert_eq!(app.stored_count("applications").await, 0);
}

#[tokio::test]
async fn a_body_that_does_not_fit_the_shape_is_a_422_with_its_pointer() {
    let app = TestApp::spawn().await;
    let mut request = body(1);
    request["draft"]["housing"] = json!("castle");
    let response = app.submit_application(Some(&new_key()), &request).await;
    assert_eq!(response.status(), 422);
    assert_eq!(problem(response).await.errors[0].pointer, "/draft/housing");
}

#[tokio::test]
async fn a_service_without_online_applications_is_refused() {
    let app = TestApp::spawn().await;
    let mut request = body(1);
    request["service"] = json!("housing-benefit");
    let response = app.submit_application(Some(&new_key()), &request).await;
    assert_eq!(response.status(), 422);
    assert_eq!(problem(response).await.errors[0].pointer, "/service");
}

#[tokio::test]
async fn a_body_over_the_limit_is_a_413_and_the_wrong_content_type_a_415() {
    let app = TestApp::spawn().await;
    let mut request = body(1);
    request["draft"]["help_needed"] = json!("x".repeat(100 * 1024));
    let response = app.submit_application(Some(&new_key()), &request).await;
    assert_eq!(response.status(), 413);
    assert_eq!(problem(response).await.kind, "/problems/payload-too-large");

    let response = app
        .post_bytes(
            "/api/applications",
            Some(&new_key()),
            "text/plain",
            body(1).to_string(),
        )
        .await;
    assert_eq!(response.status(), 415);
    assert_eq!(
        problem(response).await.kind,
        "/problems/unsupported-media-type"
    );
}

#[tokio::test]
async fn a_client_over_its_submission_budget_gets_a_429_with_retry_after() {
    let app = TestApp::spawn_with_limit(2).await;
    for variant in 0..2 {
        assert_eq!(
            app.submit_application(Some(&new_key()), &body(variant))
                .await
                .status(),
            201
        );
    }
    let response = app.submit_application(Some(&new_key()), &body(3)).await;
    assert_eq!(response.status(), 429);
    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    assert_eq!(problem(response).await.kind, "/problems/too-many-requests");
    assert_eq!(app.stored_count("applications").await, 2);
}

#[tokio::test]
async fn a_retry_of_a_stored_application_gets_its_receipt_even_over_the_limit() {
    let app = TestApp::spawn_with_limit(1).await;
    let key = new_key();
    let first = app.submit_application(Some(&key), &body(1)).await;
    assert_eq!(first.status(), 201);
    let first: ApplicationReceipt = first.json().await.unwrap();
    // The budget is spent, but this is the same application, not a new one.
    let retry = app.submit_application(Some(&key), &body(1)).await;
    assert_eq!(retry.status(), 200);
    assert_eq!(retry.json::<ApplicationReceipt>().await.unwrap(), first);
    assert_eq!(
        app.submit_application(Some(&new_key()), &body(2))
            .await
            .status(),
        429
    );
}

#[tokio::test]
async fn a_database_locked_by_someone_else_is_a_503_with_retry_after_and_the_retry_is_stored() {
    let app = TestApp::spawn().await;
    let pool = app.database().await;
    let mut holder = pool.begin().await.unwrap();
    // Another writer holds the lock past the server's 5 s wait: a migration, a backup, a
    // second instance stuck mid-transaction.
    let lock = if app.database_url().starts_with("postgres") {
        "LOCK TABLE applications IN EXCLUSIVE MODE"
    } else {
        "UPDATE server_secrets SET name = name"
    };
    sqlx::query(lock).execute(&mut *holder).await.unwrap();

    let key = new_key();
    let refused = app.submit_application(Some(&key), &body(3)).await;
    assert_eq!(refused.status(), 503);
    assert_eq!(refused.headers()["retry-after"], "5");
    let refused = problem(refused).await;
    assert_eq!(refused.kind, "/problems/unavailable");

    holder.rollback().await.unwrap();
    let retried = app.submit_application(Some(&key), &body(3)).await;
    assert_eq!(
        retried.status(),
        201,
        "the same request succeeds once the lock is gone"
    );
    assert_eq!(app.stored_count("applications").await, 1);
}

/// One submission from a client the load balancer names in `X-Forwarded-For`.
async fn forwarded_for(app: &TestApp, client: &str, variant: u32) -> u16 {
    app.application_request(Some(&new_key()), &body(variant))
        .header("x-forwarded-for", client)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_budget_and_a_64_is_one_client() {
    let app = TestApp::spawn_configured(|config| {
        config.submissions_per_minute = 1;
        config.trusted_proxies = TrustedProxies::parse("127.0.0.1").unwrap();
    })
    .await;
    assert_eq!(forwarded_for(&app, "203.0.113.7", 1).await, 201);
    assert_eq!(forwarded_for(&app, "198.51.100.20", 2).await, 201);
    assert_eq!(forwarded_for(&app, "203.0.113.7", 3).await, 429);
    assert_eq!(forwarded_for(&app, "2001:db8:7:7::1", 4).await, 201);
    // Another address in the same /64: the same household or phone.
    assert_eq!(forwarded_for(&app, "2001:db8:7:7::2", 5).await, 429);
}

#[tokio::test]
async fn without_a_trusted_proxy_a_forwarded_header_is_ignored_and_cannot_buy_a_new_budget() {
    let app = TestApp::spawn_configured(|config| config.submissions_per_minute = 1).await;
    assert_eq!(forwarded_for(&app, "203.0.113.7", 1).await, 201);
    assert_eq!(forwarded_for(&app, "198.51.100.20", 2).await, 429);
}
