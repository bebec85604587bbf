//! Slow and many clients, over raw TCP where a well-behaved HTTP client cannot play the part:
//! headers that never finish, bodies that never arrive, declared sizes over the limit, and more
//! requests at once than the server takes.

use std::time::{Duration, Instant};

use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};
use velferd_tests::TestApp;

/// Sends `request` as it is and reads what comes back until the server closes the
/// connection or `wait` passes.
async fn exchange(stream: &mut TcpStream, request: &str, wait: Duration) -> String {
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let mut buffer = [0u8; 4096];
    let deadline = Instant::now() + wait;
    while let Ok(Ok(read)) =
        tokio::time::timeout_at(deadline.into(), stream.read(&mut buffer)).await
    {
        if read == 0 {
            break;
        }
        answer.extend_from_slice(&buffer[..read]);
    }
    String::from_utf8_lossy(&answer).into_owned()
}

async fn connect(app: &TestApp) -> TcpStream {
    TcpStream::connect(app.api().addr).await.unwrap()
}

#[tokio::test]
async fn a_client_that_never_finishes_its_headers_is_disconnected() {
    let app = TestApp::spawn_configured(|c| c.header_read_timeout_seconds = 1).await;
    let mut stream = connect(&app).await;
    let started = Instant::now();
    let answer = exchange(
        &mut stream,
        "GET /api/health HTTP/1.1\r\nHost: velferd\r\n",
        Duration::from_secs(10),
    )
    .await;
    let waited = started.elapsed();
    assert!(
        waited < Duration::from_secs(5),
        "the connection stayed open {waited:?}"
    );
    assert!(!answer.contains("200 OK"), "{answer}");
}

#[tokio::test]
async fn a_json_body_that_never_arrives_is_a_408_problem() {
    let app = TestApp::spawn_configured(|c| c.request_timeout_seconds = 1).await;
    let mut stream = connect(&app).await;
    let answer = exchange(
        &mut stream,
        "POST /api/callbacks HTTP/1.1\r\nHost: velferd\r\nContent-Type: application/json\r\n\
         Idempotency-Key: 3f1c2a9e-7b4d-4e8a-9c1f-2d6b5a8e0f13\r\nContent-Length: 200\r\n\r\n{\"phone\"",
        Duration::from_secs(10),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("application/problem+json"), "{answer}");
    assert!(answer.contains("/problems/request-timeout"), "{answer}");
}

#[tokio::test]
async fn a_document_declared_over_10_mb_is_refused_before_it_is_sent() {
    let app = TestApp::spawn().await;
    let receipt = app.apply(1).await;
    let mut stream = connect(&app).await;
    // Not a byte of the body follows: the answer must come from the headers alone.
    let answer = exchange(
        &mut stream,
        &format!(
            "POST /api/applications/{}/documents HTTP/1.1\r\nHost: velferd\r\n\
             Content-Type: application/pdf\r\nContent-Length: 20000000\r\n\r\n",
            receipt.status_token
        ),
        Duration::from_secs(3),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("/problems/document-too-large"), "{answer}");
}

#[tokio::test]
async fn more_requests_at_once_than_the_server_takes_get_a_503_with_retry_after() {
    let app = TestApp::spawn_configured(|c| {
        c.max_in_flight = 1;
        c.request_timeout_seconds = 10;
    })
    .await;
    // One request holds the only place: its body is slow to come.
    let mut slow = connect(&app).await;
    slow.write_all(
        b"POST /api/callbacks HTTP/1.1\r\nHost: velferd\r\nContent-Type: application/json\r\n\
          Idempotency-Key: 3f1c2a9e-7b4d-4e8a-9c1f-2d6b5a8e0f13\r\nContent-Length: 200\r\n\r\n{",
    )
    .await
    .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let refused = app.get("/api/services").await;
    assert_eq!(refused.status(), 503);
    assert_eq!(refused.headers()["retry-after"], "5");
    drop(slow);
    // The place is free again once the slow client has gone.
    velferd_tests::wait_until(
        "the server to take requests again",
        Duration::from_secs(5),
        || {
            let app = &app;
            async move {
                match app.get("/api/services").await.status().as_u16() {
                    200 => Ok(()),
                    other => Err(format!("{other}")),
                }
            }
        },
    )
    .await
    .unwrap();
}
