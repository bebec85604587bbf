//! After applying, over real HTTP: the private status link, documents sent later, status changes
//! recorded by staff, and call-back requests.

use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use velferd_backend::{cases::record_status, db::Database};
use velferd_shared::{
    Language,
    api::ApplicationReceipt,
    follow::{ApplicationStatus, CallbackReceipt, Decision, DocumentKind, DocumentReceipt, Status},
};
use velferd_tests::{
    TestApp,
    app::problem,
    applications::{call_back_request, new_key},
    locale,
};

#[tokio::test]
async fn the_private_link_shows_the_application_and_its_timeline() {
    let app = TestApp::spawn().await;
    let receipt = app.apply(1).await;
    let response = app.status(&receipt.status_token).await;
    assert_eq!(response.status(), 200);
    let status: ApplicationStatus = response.json().await.unwrap();
    assert_eq!(status.reference, receipt.reference);
    assert_eq!(status.service, receipt.service);
    assert_eq!(status.centre, receipt.centre);
    assert_eq!(status.submitted_at, receipt.submitted_at);
    assert_eq!(status.current(), Status::Received);
    assert_eq!(status.events.len(), 1);
    assert!(status.documents.is_empty());
}

#[tokio::test]
async fn unknown_wrong_and_malformed_tokens_all_get_the_same_404() {
    let app = TestApp::spawn().await;
    let receipt = app.apply(1).await;
    let mut wrong = receipt.status_token.clone().into_bytes();
    wrong[10] = if wrong[10] == b'A' { b'B' } else { b'A' };
    let tokens = [
        String::from_utf8(wrong).unwrap(),
        "A".repeat(43),
        "short".to_owned(),
        format!("{}x", receipt.status_token),
        format!("{}.", "A".repeat(42)),
        "%FF%FE".to_owned(),
    ];
    let mut bodies = Vec::new();
    for token in tokens {
        let response = app.status(&token).await;
        assert_eq!(response.status(), 404, "{token}");
        bodies.push(problem(response).await);
    }
    assert!(
        bodies.windows(2).all(|pair| pair[0] == pair[1]),
        "{bodies:?}"
    );
}

/// What the private link shows.
async fn status_seen(app: &TestApp, receipt: &ApplicationReceipt) -> ApplicationStatus {
    app.status(&receipt.status_token)
        .await
        .json()
        .await
        .unwrap()
}

/// An application taken into review and then granted, as staff record it.
async fn reviewed_and_decided(
    app: &TestApp,
    variant: u32,
    note: Option<&str>,
) -> (ApplicationReceipt, Database) {
    let receipt = app.apply(variant).await;
    let db = Database::open(app.database_url()).await.unwrap();
    record_status(&db, &receipt.reference, Status::InReview, None, None)
        .await
        .unwrap();
    record_status(
        &db,
        &receipt.reference,
        Status::Decided,
        Some(Decision::Granted),
        note,
    )
    .await
    .unwrap();
    (receipt, db)
}

#[tokio::test]
async fn the_timeline_keeps_the_order_events_were_recorded_in_even_where_their_times_sort_otherwise_as_text()
 {
    let app = TestApp::spawn().await;
    let (receipt, db) = reviewed_and_decided(&app, 2, None).await;
    // Half a second, then 0.55 s: as text ".5Z" sorts after ".55Z".
    for (status, at) in [
        ("received", "2026-12-01T10:00:00.5Z"),
        ("in-review", "2026-12-01T10:00:00.55Z"),
        ("decided", "2026-12-01T10:00:01Z"),
    ] {
        sqlx::query(
            "UPDATE status_events SET recorded_at = $1 WHERE status = $2 AND application_id = \
             (SELECT id FROM applications WHERE reference = $3)",
        )
        .bind(at)
        .bind(status)
        .bind(&receipt.reference)
        .execute(db.pool())
        .await
        .unwrap();
    }
    let status = status_seen(&app, &receipt).await;
    let statuses: Vec<Status> = status.events.iter().map(|e| e.status).collect();
    assert_eq!(
        statuses,
        [Status::Received, Status::InReview, Status::Decided]
    );
}

#[tokio::test]
async fn a_status_change_and_a_decision_recorded_by_staff_appear_on_the_timeline() {
    let app = TestApp::spawn().await;
    let (receipt, db) =
        reviewed_and_decided(&app, 1, Some("Your income is below the basic amount.")).await;
    assert!(
        record_status(&db, "RVK-2026-999999", Status::InReview, None, None)
            .await
            .is_err(),
        "an unknown reference is an error, not a silent no-op"
    );
    let status = status_seen(&app, &receipt).await;
    let statuses: Vec<Status> = status.events.iter().map(|e| e.status).collect();
    assert_eq!(
        statuses,
        [Status::Received, Status::InReview, Status::Decided]
    );
    let decision = status.decision().unwrap();
    assert_eq!(decision.decision, Some(Decision::Granted));
    assert_eq!(
        decision.note.as_deref(),
        Some("Your income is below the basic amount.")
    );
}

/// A real (tiny) PNG: signature, IHDR, IDAT, IEND of a 1×1 image.
fn png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(&[
        0, 0, 0, 13, b'I', b'H', b'D', b'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77,
        0x53, 0xDE, 0, 0, 0, 12, b'I', b'D', b'A', b'T', 0x08, 0xD7, 0x63, 0xF8, 0xCF, 0xC0, 0, 0,
        0x03, 0x01, 0x01, 0x00, 0x18, 0xDD, 0x8D, 0xB0, 0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE,
        0x42, 0x60, 0x82,
    ]);
    bytes
}

#[tokio::test]
async fn a_document_is_recognised_by_its_content_stored_with_its_hash_and_put_on_the_timeline() {
    let app = TestApp::spawn().await;
    let receipt = app.apply(1).await;
    // The header says PDF; the bytes are a PNG: the bytes decide.
    let response = app
        .upload_document(&receipt.status_token, "application/pdf", png())
        .await;
    assert_eq!(response.status(), 201);
    let document: DocumentReceipt = response.json().await.unwrap();
    assert_eq!(document.kind, DocumentKind::Png);
    assert_eq!(document.size, png().len() as u64);
    let expected: String = Sha256::digest(png())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(document.sha256, expected);
    let status = status_seen(&app, &receipt).await;
    assert_eq!(status.documents, [document]);
    assert_eq!(status.current(), Status::DocumentReceived);
}

#[tokio::test]
async fn a_file_that_is_not_a_photo_or_a_pdf_is_a_415_whatever_it_claims_to_be() {
    let app = TestApp::spawn().await;
    let receipt = app.apply(1).await;
    for (content_type, bytes) in [
        ("image/jpeg", b"GIF89a....".to_vec()),
        ("application/pdf", b"<html><script>".to_vec()),
        ("image/png", Vec::new()),
    ] {
        let response = app
            .upload_document(&receipt.status_token, content_type, bytes)
            .await;
        assert_eq!(response.status(), 415, "{content_type}");
        assert_eq!(
            problem(response).await.kind,
            "/problems/unsupported-document"
        );
    }
}

#[tokio::test]
async fn a_document_over_10_mb_is_a_413_and_one_for_an_unknown_link_a_404() {
    let app = TestApp::spawn().await;
    let receipt = app.apply(1).await;
    let mut big = b"%PDF-1.7\n".to_vec();
    big.resize(10 * 1024 * 1024 + 1, b' ');
    let response = app
        .upload_document(&receipt.status_token, "application/pdf", big)
        .await;
    assert_eq!(response.status(), 413);
    assert_eq!(problem(response).await.kind, "/problems/document-too-large");
    // Just under the limit is fine.
    let mut fits = b"%PDF-1.7\n".to_vec();
    fits.resize(10 * 1024 * 1024, b' ');
    let response = app
        .upload_document(&receipt.status_token, "application/pdf", fits)
        .await;
    assert_eq!(response.status(), 201);
    let response = app
        .upload_document(&"B".repeat(43), "image/png", png())
        .await;
    assert_eq!(response.status(), 404);
}

#[tokio::test]
async fn a_call_back_request_is_stored_for_the_centre_of_its_postcode_once_per_key() {
    let app = TestApp::spawn().await;
    let key = new_key();
    let response = app
        .request_call_back(Some(&key), &call_back_request())
        .await;
    assert_eq!(response.status(), 201);
    let receipt: CallbackReceipt = response.json().await.unwrap();
    let number = receipt
        .reference
        .strip_prefix(&format!("SIM-{}-", &receipt.requested_at[..4]))
        .unwrap();
    assert_eq!(number.len(), 6);
    assert_eq!(
        serde_json::to_value(receipt.centre).unwrap(),
        "nordurmidstod"
    );
    let again = app
        .request_call_back(Some(&key), &call_back_request())
        .await;
    assert_eq!(again.status(), 200);
    assert_eq!(again.json::<CallbackReceipt>().await.unwrap(), receipt);
    let mut other = call_back_request();
    other["window"] = json!("morning");
    let conflict = app.request_call_back(Some(&key), &other).await;
    assert_eq!(conflict.status(), 409);
    let pool = app.database().await;
    let (count, centre): (i64, String) =
        sqlx::query_as("SELECT COUNT(*), MAX(centre) FROM callbacks")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((count, centre.as_str()), (1, "nordurmidstod"));
}

#[tokio::test]
async fn an_invalid_call_back_request_is_a_422_naming_each_field_in_the_residents_language() {
    let app = TestApp::spawn().await;
    let mut body = call_back_request();
    body["phone"] = json!("12");
    body["window"] = Value::Null;
    let response = app.request_call_back(Some(&new_key()), &body).await;
    assert_eq!(response.status(), 422);
    let problem = problem(response).await;
    let found: Vec<(&str, &str)> = problem
        .errors
        .iter()
        .map(|e| (e.pointer.as_str(), e.code.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("/phone", "phone.wrong-length"),
            ("/window", "required.window")
        ]
    );
    assert_eq!(
        problem.errors[1].detail,
        locale(Language::Pl)["errors"]["required"]["window"]
    );
    let missing_key = app.request_call_back(None, &call_back_request()).await;
    assert_eq!(missing_key.status(), 400);
}

#[tokio::test]
async fn call_back_requests_have_a_per_client_limit_with_retry_after() {
    let app = TestApp::spawn_with_limit(1).await;
    assert_eq!(
        app.request_call_back(Some(&new_key()), &call_back_request())
            .await
            .status(),
        201
    );
    let response = app
        .request_call_back(Some(&new_key()), &call_back_request())
        .await;
    assert_eq!(response.status(), 429);
    assert!(response.headers().contains_key("retry-after"));
}

#[tokio::test]
async fn a_call_back_retried_after_the_per_client_limit_gets_its_receipt_not_429() {
    let app = TestApp::spawn_with_limit(2).await;
    let key = new_key();
    // The first request exactly as the client sent it, so its retry is the same to the byte.
    let first_bytes = serde_json::to_vec(&call_back_request()).unwrap();
    let first = app
        .post_bytes(
            "/api/callbacks",
            Some(&key),
            "application/json",
            first_bytes.clone(),
        )
        .await;
    assert_eq!(first.status(), 201);
    let first: CallbackReceipt = first.json().await.unwrap();
    let mut second = call_back_request();
    second["window"] = json!("morning");
    let second = app.request_call_back(Some(&new_key()), &second).await;
    assert_eq!(second.status(), 201);
    // The budget is spent, but this is the first request again, not a new one.
    let retry = app
        .post_bytes(
            "/api/callbacks",
            Some(&key),
            "application/json",
            first_bytes,
        )
        .await;
    assert_eq!(retry.status(), 200, "a retry gets its receipt");
    let retry: CallbackReceipt = retry.json().await.unwrap();
    assert_eq!(retry.reference, first.reference);
    let mut third = call_back_request();
    third["window"] = json!("afternoon");
    let third = app.request_call_back(Some(&new_key()), &third).await;
    assert_eq!(third.status(), 429, "a new request over the limit");
    assert!(third.headers().contains_key("retry-after"));
}

#[tokio::test]
async fn the_same_document_sent_twice_is_stored_once() {
    let app = TestApp::spawn().await;
    let receipt = app.apply(1).await;
    let first = app
        .upload_document(&receipt.status_token, "image/png", png())
        .await;
    assert_eq!(first.status(), 201);
    let first: DocumentReceipt = first.json().await.unwrap();
    let again = app
        .upload_document(&receipt.status_token, "image/png", png())
        .await;
    assert_eq!(again.status(), 200);
    assert_eq!(again.json::<DocumentReceipt>().await.unwrap(), first);
    let status = status_seen(&app, &receipt).await;
    assert_eq!(status.documents.len(), 1);
    assert_eq!(status.events.len(), 2, "one document-received event");
}

/// A small PDF of its own for each `n`, so none is a repeat of another.
fn pdf(n: usize) -> Vec<u8> {
    format!("%PDF-1.7\n% document {n}\n").into_bytes()
}

#[tokio::test]
async fn an_application_takes_at_most_20_documents_online_then_a_409_but_a_repeat_still_gets_its_receipt()
 {
    let app = TestApp::spawn().await;
    let receipt = app.apply(1).await;
    let token = &receipt.status_token;
    for n in 0..20 {
        let response = app.upload_document(token, "application/pdf", pdf(n)).await;
        assert_eq!(response.status(), 201, "document {n}");
    }
    let refused = app.upload_document(token, "application/pdf", pdf(20)).await;
    assert_eq!(refused.status(), 409);
    assert_eq!(
        problem(refused).await.kind,
        "/problems/document-limit-reached"
    );
    let repeat = app.upload_document(token, "application/pdf", pdf(0)).await;
    assert_eq!(
        repeat.status(),
        200,
        "a file already stored is not a new one"
    );
    assert_eq!(status_seen(&app, &receipt).await.documents.len(), 20);
}

#[tokio::test]
async fn an_application_takes_at_most_50_mb_of_documents_online() {
    let app = TestApp::spawn().await;
    let receipt = app.apply(1).await;
    for n in 0..5 {
        let mut ten_mb = pdf(n);
        ten_mb.resize(10 * 1024 * 1024, b' ');
        let response = app
            .upload_document(&receipt.status_token, "application/pdf", ten_mb)
            .await;
        assert_eq!(
            response.status(),
            201,
            "50 MB in all is still within the limit"
        );
    }
    let one_more = app
        .upload_document(&receipt.status_token, "application/pdf", pdf(5))
        .await;
    assert_eq!(one_more.status(), 409);
    assert_eq!(
        problem(one_more).await.kind,
        "/problems/document-limit-reached"
    );
}

#[tokio::test]
async fn the_same_document_sent_twice_at_the_same_moment_is_stored_once() {
    let app = TestApp::spawn().await;
    let receipt = app.apply(1).await;
    for n in 0..5 {
        let (a, b) = tokio::join!(
            app.upload_document(&receipt.status_token, "application/pdf", pdf(n)),
            app.upload_document(&receipt.status_token, "application/pdf", pdf(n)),
        );
        let mut statuses = [a.status().as_u16(), b.status().as_u16()];
        statuses.sort();
        assert_eq!(statuses, [200, 201]);
        let a: DocumentReceipt = a.json().await.unwrap();
        let b: DocumentReceipt = b.json().await.unwrap();
        assert_eq!(a, b);
    }
    assert_eq!(app.stored_count("documents").await, 5);
}
