//! The counsellors' API over real HTTP: sign-in and sessions, who may see and change what, the
//! case handling the resident then sees, and the audit trail.

use reqwest::Method;
use serde_json::{Value, json};
use velferd_shared::{
    ServiceCentre,
    follow::{ApplicationStatus, Decision, Status},
    staff::{
        AuditRow, CallbackRow, CallbackStatus, Case, CreatedStaffAccount, Inbox, Role, StaffMe,
    },
    validation::Kronur,
};
use velferd_tests::{
    TestApp,
    app::{StaffClient, header, problem},
    applications::{KENNITALA, financial_assistance, new_key},
};

const WEST: &[ServiceCentre] = &[ServiceCentre::Vesturmidstod];
const EAST: &[ServiceCentre] = &[ServiceCentre::Austurmidstod];

/// An application for Austurmiðstöð instead of the usual Vesturmiðstöð.
async fn apply_to_the_east(app: &TestApp) -> velferd_shared::api::ApplicationReceipt {
    let mut request = financial_assistance(7);
    request.draft.centre = Some(ServiceCentre::Austurmidstod);
    let response = app.submit_application(Some(&new_key()), &request).await;
    assert_eq!(response.status(), 201);
    response.json().await.unwrap()
}

async fn audit_actions(admin: &StaffClient, query: &str) -> Vec<String> {
    let response = admin.audit(query).await;
    assert_eq!(response.status(), 200);
    let rows: Vec<AuditRow> = response.json().await.unwrap();
    rows.into_iter().map(|r| r.action).collect()
}

fn png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(&[0u8; 64]);
    bytes
}

#[tokio::test]
async fn a_counsellor_signs_in_with_password_and_code_and_sees_who_they_are() {
    let app = TestApp::spawn().await;
    let anna = app
        .add_staff("anna@reykjavik.is", Role::Counsellor, WEST)
        .await;
    let client = app.staff_client();
    let response = client.sign_in_as(&anna, 0).await;
    assert_eq!(response.status(), 204);
    let cookie = header(&response, "set-cookie").to_owned();
    assert!(cookie.starts_with("velferd-staff="), "{cookie}");
    for part in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(part), "{cookie}");
    }
    let me = client.me().await;
    assert_eq!(me.status(), 200);
    assert_eq!(header(&me, "cache-control"), "no-store");
    let me: StaffMe = me.json().await.unwrap();
    assert_eq!(me.email, "anna@reykjavik.is");
    assert_eq!(me.role, Role::Counsellor);
    assert_eq!(me.centres, WEST);
}

#[tokio::test]
async fn over_tls_the_cookie_is_host_prefixed_and_secure() {
    let app = TestApp::spawn().await;
    let anna = app
        .add_staff("anna@reykjavik.is", Role::Counsellor, WEST)
        .await;
    let body = json!({"email": anna.email, "password": anna.password, "totp": anna.code(0)});
    let response = app
        .request(Method::POST, "/api/staff/session")
        .header("x-forwarded-proto", "https")
        .header("origin", format!("https://{}", app.addr))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    let cookie = header(&response, "set-cookie");
    assert!(cookie.starts_with("__Host-velferd-staff="), "{cookie}");
    assert!(cookie.contains("; Secure"), "{cookie}");
}

#[tokio::test]
async fn a_wrong_password_a_wrong_code_an_unknown_account_and_a_reused_code_get_the_same_401() {
    let app = TestApp::spawn().await;
    let anna = app
        .add_staff("anna@reykjavik.is", Role::Counsellor, WEST)
        .await;
    let client = app.staff_client();
    let code = anna.code(0);
    let wrong_code = if code == "000000" { "111111" } else { "000000" };
    let attempts = [
        client
            .sign_in(&anna.email, "not the password at all", &code)
            .await,
        client
            .sign_in(&anna.email, &anna.password, wrong_code)
            .await,
        client
            .sign_in("nobody@reykjavik.is", &anna.password, &code)
            .await,
    ];
    let mut problems = Vec::new();
    for response in attempts {
        assert_eq!(response.status(), 401);
        problems.push(problem(response).await);
    }
    assert_eq!(client.sign_in_as(&anna, 0).await.status(), 204);
    let reused = client.sign_in(&anna.email, &anna.password, &code).await;
    assert_eq!(reused.status(), 401, "a code is accepted once only");
    problems.push(problem(reused).await);
    assert!(problems.windows(2).all(|p| p[0] == p[1]), "{problems:?}");
    // The code of the next step is still good once, for a clock a little ahead.
    assert_eq!(client.sign_in_as(&anna, 1).await.status(), 204);
}

#[tokio::test]
async fn five_failures_in_a_row_lock_the_account_for_fifteen_minutes() {
    let app = TestApp::spawn().await;
    let anna = app
        .add_staff("anna@reykjavik.is", Role::Counsellor, WEST)
        .await;
    let client = app.staff_client();
    for _ in 0..5 {
        let response = client
            .sign_in(&anna.email, "a wrong password", "123456")
            .await;
        assert_eq!(response.status(), 401);
    }
    let locked = client.sign_in_as(&anna, 0).await;
    assert_eq!(locked.status(), 423, "even the right password and code");
    let retry_after: u64 = header(&locked, "retry-after").parse().unwrap();
    assert!((14 * 60..=15 * 60).contains(&retry_after), "{retry_after}");
    problem(locked).await;
}

#[tokio::test]
async fn sign_in_is_limited_per_client_address() {
    let app = TestApp::spawn_configured(|c| c.staff_sign_ins_per_minute = 3).await;
    let client = app.staff_client();
    for _ in 0..3 {
        let response = client
            .sign_in("x@reykjavik.is", "wrong password!", "123456")
            .await;
        assert_eq!(response.status(), 401);
    }
    let limited = client
        .sign_in("x@reykjavik.is", "wrong password!", "123456")
        .await;
    assert_eq!(limited.status(), 429);
    assert!(header(&limited, "retry-after").parse::<u64>().unwrap() >= 1);
}

#[tokio::test]
async fn an_unused_session_ends_after_the_idle_time_and_any_after_the_longest() {
    let app = TestApp::spawn_configured(|c| {
        c.staff_idle_seconds = 2;
        c.staff_max_seconds = 4;
    })
    .await;
    let client = app
        .signed_in("anna@reykjavik.is", Role::Counsellor, WEST)
        .await;
    assert_eq!(client.me().await.status(), 200);
    tokio::time::sleep(std::time::Duration::from_millis(3500)).await;
    assert_eq!(client.me().await.status(), 401, "idle too long");

    let busy = app
        .signed_in("bjorn@reykjavik.is", Role::Counsellor, WEST)
        .await;
    // Ages are whole seconds: 4 s after sign-in may read as 4, not yet more than the longest;
    // requests under 2 s apart never reach the idle time.
    for _ in 0..8 {
        tokio::time::sleep(std::time::Duration::from_millis(900)).await;
        if busy.me().await.status() == 401 {
            return;
        }
    }
    panic!("a session used all along still ends after the longest time");
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let app = TestApp::spawn().await;
    let client = app
        .signed_in("anna@reykjavik.is", Role::Counsellor, WEST)
        .await;
    let out = client.sign_out().await;
    assert_eq!(out.status(), 204);
    assert!(header(&out, "set-cookie").contains("Max-Age=0"));
    assert_eq!(app.stored_count("staff_sessions").await, 0);
    assert_eq!(client.me().await.status(), 401);
}

#[tokio::test]
async fn a_disabled_account_loses_its_sessions_and_cannot_sign_in() {
    let app = TestApp::spawn().await;
    let admin = app.signed_in("admin@reykjavik.is", Role::Admin, WEST).await;
    let anna = app
        .add_staff("anna@reykjavik.is", Role::Counsellor, WEST)
        .await;
    let client = app.staff_client();
    assert_eq!(client.sign_in_as(&anna, 0).await.status(), 204);
    assert_eq!(
        admin.disable_account("anna@reykjavik.is").await.status(),
        204
    );
    assert_eq!(client.me().await.status(), 401);
    assert_eq!(client.sign_in_as(&anna, 1).await.status(), 401);
    let accounts: Vec<velferd_shared::staff::StaffAccount> =
        admin.accounts().await.json().await.unwrap();
    let anna = accounts
        .iter()
        .find(|a| a.email == "anna@reykjavik.is")
        .unwrap();
    assert!(!anna.active);
}

#[tokio::test]
async fn a_change_from_another_origin_is_refused_with_403() {
    let app = TestApp::spawn().await;
    let client = app
        .signed_in("anna@reykjavik.is", Role::Counsellor, WEST)
        .await;
    let receipt = app.apply(1).await;
    let note = json!({"status": null, "note": "Called the landlord."});
    let path = format!("/api/staff/applications/{}/events", receipt.reference);
    let forged = client
        .api
        .request(Method::POST, &path)
        .header("origin", "http://evil.example")
        .json(&note)
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    problem(forged).await;
    // Without any Origin, only a browser's same-origin Fetch Metadata will do.
    let plain = reqwest::Client::new();
    let cookie = "velferd-staff=whatever";
    let bare = plain
        .post(client.api.url(&path))
        .header("cookie", cookie)
        .json(&note)
        .send()
        .await
        .unwrap();
    assert_eq!(bare.status(), 403);
    let sign_in = plain
        .post(client.api.url("/api/staff/session"))
        .header("sec-fetch-site", "cross-site")
        .json(&json!({"email": "a@b.is", "password": "x", "totp": "1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(sign_in.status(), 403);
    let case: Case = client.case(&receipt.reference).await.json().await.unwrap();
    assert_eq!(case.events.len(), 1, "nothing was recorded");
}

/// Every staff route but sign-in, with a body where it takes one.
fn staff_routes(reference: &str) -> Vec<(Method, String, Option<Value>)> {
    vec![
        (Method::DELETE, "/api/staff/session".into(), None),
        (Method::GET, "/api/staff/me".into(), None),
        (Method::GET, "/api/staff/applications".into(), None),
        (
            Method::GET,
            format!("/api/staff/applications/{reference}"),
            None,
        ),
        (
            Method::POST,
            format!("/api/staff/applications/{reference}/events"),
            Some(json!({"status": "in-review"})),
        ),
        (
            Method::POST,
            format!("/api/staff/applications/{reference}/assign"),
            Some(json!({"to": "me"})),
        ),
        (
            Method::GET,
            format!("/api/staff/applications/{reference}/documents/1"),
            None,
        ),
        (Method::GET, "/api/staff/callbacks".into(), None),
        (
            Method::POST,
            "/api/staff/callbacks/SIM-2026-000001/events".into(),
            Some(json!({"status": "called"})),
        ),
        (Method::GET, "/api/staff/audit".into(), None),
        (Method::GET, "/api/staff/accounts".into(), None),
        (
            Method::POST,
            "/api/staff/accounts".into(),
            Some(
                json!({"email": "n@r.is", "name": "N", "role": "counsellor", "centres": ["vesturmidstod"], "password": "twelve chars long"}),
            ),
        ),
        (
            Method::POST,
            "/api/staff/accounts/anna@reykjavik.is/disable".into(),
            None,
        ),
    ]
}

async fn send(
    client: &StaffClient,
    method: &Method,
    path: &str,
    body: &Option<Value>,
) -> reqwest::Response {
    let request = client.api.request(method.clone(), path);
    let request = match body {
        Some(body) => request.json(body),
        None => request,
    };
    request.send().await.unwrap()
}

#[tokio::test]
async fn every_staff_route_answers_401_problem_json_without_a_session() {
    let app = TestApp::spawn().await;
    let receipt = app.apply(1).await;
    let stranger = app.staff_client();
    for (method, path, body) in staff_routes(&receipt.reference) {
        let response = send(&stranger, &method, &path, &body).await;
        assert_eq!(response.status(), 401, "{method} {path}");
        assert_eq!(header(&response, "cache-control"), "no-store");
        problem(response).await;
    }
}

#[tokio::test]
async fn the_audit_trail_and_account_management_are_for_admins_only() {
    let app = TestApp::spawn().await;
    let counsellor = app
        .signed_in("anna@reykjavik.is", Role::Counsellor, WEST)
        .await;
    let admin_only = staff_routes("RVK-2026-000001")
        .into_iter()
        .filter(|(_, path, _)| path.contains("/audit") || path.contains("/accounts"));
    for (method, path, body) in admin_only {
        let response = send(&counsellor, &method, &path, &body).await;
        assert_eq!(response.status(), 403, "{method} {path}");
        problem(response).await;
    }
}

#[tokio::test]
async fn a_counsellor_of_vesturmidstod_can_neither_see_nor_change_a_case_of_austurmidstod() {
    let app = TestApp::spawn().await;
    let east = apply_to_the_east(&app).await;
    let document = app
        .upload_document(&east.status_token, "image/png", png())
        .await;
    assert_eq!(document.status(), 201);
    let west = app
        .signed_in("anna@reykjavik.is", Role::Counsellor, WEST)
        .await;
    let inbox: Inbox = west.inbox("").await.json().await.unwrap();
    assert!(inbox.rows.is_empty(), "{inbox:?}");
    let theirs: Inbox = west
        .inbox("centre=austurmidstod")
        .await
        .json()
        .await
        .unwrap();
    assert!(theirs.rows.is_empty());
    let case_routes = staff_routes(&east.reference)
        .into_iter()
        .filter(|(_, path, _)| path.contains(&east.reference));
    for (method, path, body) in case_routes {
        let response = send(&west, &method, &path, &body).await;
        assert_eq!(response.status(), 404, "{method} {path}");
        problem(response).await;
    }
    let unknown = west.case("RVK-2026-999999").await;
    assert_eq!(unknown.status(), 404);
    let eastern = app
        .signed_in("bjorn@reykjavik.is", Role::Counsellor, EAST)
        .await;
    assert_eq!(eastern.case(&east.reference).await.status(), 200);
    let status: ApplicationStatus = app.status(&east.status_token).await.json().await.unwrap();
    assert_eq!(
        status.current(),
        Status::DocumentReceived,
        "nothing changed"
    );
}

#[tokio::test]
async fn the_inbox_lists_the_centres_applications_newest_first_with_counts_and_filters() {
    let app = TestApp::spawn().await;
    let first = app.apply(1).await;
    let second = app.apply(2).await;
    apply_to_the_east(&app).await;
    let anna = app
        .signed_in("anna@reykjavik.is", Role::Counsellor, WEST)
        .await;
    let inbox: Inbox = anna.inbox("").await.json().await.unwrap();
    let references: Vec<_> = inbox.rows.iter().map(|r| r.reference.as_str()).collect();
    assert_eq!(
        references,
        [second.reference.as_str(), first.reference.as_str()]
    );
    assert_eq!(inbox.counts.new, 2);
    assert_eq!((inbox.page, inbox.pages), (1, 1));
    assert_eq!(inbox.rows[0].days_waiting, 0);
    assert_eq!(inbox.rows[0].assignee, None);

    assert_eq!(
        anna.assign(&first.reference, &json!({"to": "me"}))
            .await
            .status(),
        204
    );
    let event = json!({"status": "in-review"});
    assert_eq!(anna.add_event(&first.reference, &event).await.status(), 201);
    let mine: Inbox = anna.inbox("assigned=me").await.json().await.unwrap();
    assert_eq!(mine.rows.len(), 1);
    assert_eq!(
        mine.rows[0].assignee.as_deref(),
        Some("Counsellor anna@reykjavik.is")
    );
    let unassigned: Inbox = anna
        .inbox("assigned=none&centre=&q=")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(unassigned.rows[0].reference, second.reference);
    let in_review: Inbox = anna.inbox("status=in-review").await.json().await.unwrap();
    assert_eq!(in_review.rows.len(), 1);
    assert_eq!((in_review.counts.new, in_review.counts.in_review), (1, 1));
    let by_reference: Inbox = anna
        .inbox(&format!("q={}", second.reference.to_lowercase()))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(by_reference.rows.len(), 1);
    assert_eq!(
        anna.assign(&first.reference, &json!({"to": null}))
            .await
            .status(),
        204
    );
    let unknown = anna.inbox("status=lost").await;
    assert_eq!(unknown.status(), 400);
}

#[tokio::test]
async fn a_case_shows_what_the_resident_sent_its_documents_and_its_history() {
    let app = TestApp::spawn().await;
    let receipt = app.apply(1).await;
    app.upload_document(&receipt.status_token, "image/png", png())
        .await;
    let anna = app
        .signed_in("anna@reykjavik.is", Role::Counsellor, WEST)
        .await;
    anna.add_event(
        &receipt.reference,
        &json!({"status": null, "note": "Checked the lease."}),
    )
    .await;
    let response = anna.case(&receipt.reference).await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "cache-control"), "no-store");
    let case: Case = response.json().await.unwrap();
    assert_eq!(case.application["name"], velferd_tests::applications::NAME);
    assert!(case.application["kennitala"].is_string());
    assert_eq!(case.documents.len(), 1);
    let statuses: Vec<_> = case.events.iter().map(|e| e.status).collect();
    assert_eq!(
        statuses,
        [Some(Status::Received), Some(Status::DocumentReceived), None]
    );
    assert_eq!(case.events[2].note.as_deref(), Some("Checked the lease."));
    assert_eq!(
        case.events[2].by.as_deref(),
        Some("Counsellor anna@reykjavik.is")
    );
    assert_eq!(case.events[0].by, None);
}

#[tokio::test]
async fn changes_that_break_the_rules_are_422s_naming_each_field() {
    let app = TestApp::spawn().await;
    let receipt = app.apply(1).await;
    let anna = app
        .signed_in("anna@reykjavik.is", Role::Counsellor, WEST)
        .await;
    let cases = [
        (
            json!({"status": "more-information-needed"}),
            vec![("/message_to_resident", "required.message-to-resident")],
        ),
        (
            json!({"status": "decided"}),
            vec![
                ("/decision", "required.decision"),
                ("/message_to_resident", "required.reasons"),
            ],
        ),
        (
            json!({"status": "decided", "decision": "granted", "message_to_resident": "Below the basic amount."}),
            vec![("/amount", "required.granted-amount")],
        ),
        (
            json!({"status": "decided", "decision": "partly-granted", "message_to_resident": "Part.", "amount": "12,5"}),
            vec![("/amount", "money.not-whole-kronur")],
        ),
        (json!({"status": null}), vec![("/note", "required.note")]),
        (
            json!({"status": "received"}),
            vec![("/status", "status.not-by-staff")],
        ),
    ];
    for (body, expected) in cases {
        let response = anna.add_event(&receipt.reference, &body).await;
        assert_eq!(response.status(), 422, "{body}");
        let problem = problem(response).await;
        let got: Vec<_> = problem
            .errors
            .iter()
            .map(|e| (e.pointer.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(got, expected, "{body}");
        assert!(problem.errors.iter().all(|e| !e.detail.is_empty()));
    }
    let unknown_field = anna
        .add_event(
            &receipt.reference,
            &json!({"status": "in-review", "by": "someone"}),
        )
        .await;
    assert_eq!(unknown_field.status(), 422);
}

#[tokio::test]
async fn the_resident_sees_the_request_and_the_decision_but_never_an_internal_note_or_a_name() {
    let app = TestApp::spawn().await;
    let receipt = app.apply(1).await;
    let anna = app
        .signed_in("anna@reykjavik.is", Role::Counsellor, WEST)
        .await;
    let steps = [
        json!({"status": "in-review", "note": "Looks complete; check the lease."}),
        json!({"status": null, "note": "SECRET internal remark"}),
        json!({"status": "more-information-needed", "message_to_resident": "Send your rental contract.", "note": "no lease on file"}),
        json!({"status": "decided", "decision": "granted", "message_to_resident": "Your income is below the basic amount.", "amount": "150.000"}),
    ];
    for step in &steps {
        let response = anna.add_event(&receipt.reference, step).await;
        assert_eq!(response.status(), 201, "{step}");
    }
    let response = app.status(&receipt.status_token).await;
    let text = response.text().await.unwrap();
    for hidden in [
        "SECRET",
        "no lease on file",
        "check the lease",
        "anna",
        "Counsellor",
    ] {
        assert!(
            !text.contains(hidden),
            "{hidden} reached the resident: {text}"
        );
    }
    let status: ApplicationStatus = serde_json::from_str(&text).unwrap();
    let seen: Vec<_> = status.events.iter().map(|e| e.status).collect();
    assert_eq!(
        seen,
        [
            Status::Received,
            Status::InReview,
            Status::MoreInformationNeeded,
            Status::Decided
        ]
    );
    assert_eq!(
        status.events[2].note.as_deref(),
        Some("Send your rental contract.")
    );
    let decision = status.decision().unwrap();
    assert_eq!(decision.decision, Some(Decision::Granted));
    assert_eq!(
        decision.note.as_deref(),
        Some("Your income is below the basic amount.")
    );
    assert_eq!(decision.amount, Some(Kronur::new(150_000)));
    let case: Case = anna.case(&receipt.reference).await.json().await.unwrap();
    assert_eq!(case.status, Status::Decided);
    assert_eq!(case.events.len(), 5);
}

#[tokio::test]
async fn a_document_downloads_as_an_attachment_of_its_type_that_is_never_sniffed_run_or_cached() {
    let app = TestApp::spawn().await;
    let receipt = app.apply(1).await;
    app.upload_document(&receipt.status_token, "application/octet-stream", png())
        .await;
    let anna = app
        .signed_in("anna@reykjavik.is", Role::Counsellor, WEST)
        .await;
    let case: Case = anna.case(&receipt.reference).await.json().await.unwrap();
    let id = case.documents[0].id;
    let response = anna.document(&receipt.reference, id).await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "content-type"), "image/png");
    assert!(header(&response, "content-disposition").starts_with("attachment"));
    assert_eq!(header(&response, "x-content-type-options"), "nosniff");
    assert_eq!(header(&response, "content-security-policy"), "sandbox");
    assert_eq!(header(&response, "cache-control"), "no-store");
    assert_eq!(response.bytes().await.unwrap().as_ref(), png().as_slice());
    assert_eq!(
        anna.document(&receipt.reference, id + 1).await.status(),
        404
    );
}

#[tokio::test]
async fn every_look_and_every_change_writes_an_audit_row_with_who_and_from_where() {
    let app = TestApp::spawn().await;
    let receipt = app.apply(1).await;
    app.upload_document(&receipt.status_token, "image/png", png())
        .await;
    let admin = app.signed_in("admin@reykjavik.is", Role::Admin, WEST).await;
    let anna = app
        .signed_in("anna@reykjavik.is", Role::Counsellor, WEST)
        .await;
    let found: Inbox = anna
        .inbox(&format!("q={KENNITALA}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(found.rows.len(), 1, "a kennitala finds its applications");
    let case: Case = anna.case(&receipt.reference).await.json().await.unwrap();
    anna.document(&receipt.reference, case.documents[0].id)
        .await;
    anna.add_event(&receipt.reference, &json!({"status": "in-review"}))
        .await;
    anna.assign(&receipt.reference, &json!({"to": "me"})).await;
    let response = admin.audit("staff=anna@reykjavik.is").await;
    let rows: Vec<AuditRow> = response.json().await.unwrap();
    let actions: Vec<_> = rows.iter().rev().map(|r| r.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "signed-in",
            "searched-kennitala",
            "opened-case",
            "downloaded-document",
            "changed-case",
            "assigned-case"
        ]
    );
    assert!(
        rows.iter()
            .all(|r| r.staff == "anna@reykjavik.is" && r.client_address == "127.0.0.1")
    );
    let for_case = audit_actions(&admin, &format!("reference={}", receipt.reference)).await;
    assert_eq!(for_case.len(), 4);
    let today = &receipt.submitted_at[..10];
    // Two sign-ins and Anna's five looks and changes.
    assert_eq!(
        audit_actions(&admin, &format!("from={today}&to={today}"))
            .await
            .len(),
        7
    );
    assert!(audit_actions(&admin, "to=2000-01-01").await.is_empty());
}

#[tokio::test]
async fn the_audit_table_is_only_ever_inserted_into() {
    let sources = [
        "backend/src",
        "backend/src/routes",
        "backend/src/routes/staff",
        "backend/src/staff",
    ];
    for folder in sources {
        for entry in std::fs::read_dir(velferd_tests::root().join(folder)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "rs") {
                let code = std::fs::read_to_string(&path).unwrap().to_uppercase();
                for forbidden in ["UPDATE AUDIT", "DELETE FROM AUDIT"] {
                    assert!(
                        !code.contains(forbidden),
                        "{} has {forbidden}",
                        path.display()
                    );
                }
            }
        }
    }
}

async fn request_call_back(app: &TestApp, postcode: &str) -> String {
    let body = json!({
        "service": "financial-assistance", "language": "pl", "phone": "611 2345",
        "window": "midday", "postcode": postcode, "ui_language": "pl",
    });
    let response = app.request_call_back(Some(&new_key()), &body).await;
    assert_eq!(response.status(), 201);
    let receipt: Value = response.json().await.unwrap();
    receipt["reference"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_call_back_with_two_unanswered_calls_is_listed_first_to_try_again() {
    let app = TestApp::spawn().await;
    // 107 is Vesturmiðstöð's.
    let older = request_call_back(&app, "107").await;
    let newer = request_call_back(&app, "107").await;
    let anna = app
        .signed_in("anna@reykjavik.is", Role::Counsellor, WEST)
        .await;
    let queue: Vec<CallbackRow> = anna.callbacks("").await.json().await.unwrap();
    let order: Vec<_> = queue.iter().map(|r| r.reference.as_str()).collect();
    assert_eq!(order, [older.as_str(), newer.as_str()]);
    assert_eq!(queue[0].phone, "611 2345");
    for _ in 0..2 {
        let response = anna
            .callback_event(&newer, &json!({"status": "no-answer"}))
            .await;
        assert_eq!(response.status(), 201);
    }
    let queue: Vec<CallbackRow> = anna.callbacks("").await.json().await.unwrap();
    assert_eq!(queue[0].reference, newer);
    assert!(queue[0].try_again);
    assert_eq!(queue[0].attempts, 2);
    assert_eq!(queue[0].status, CallbackStatus::NoAnswer);
    let done = anna
        .callback_event(
            &newer,
            &json!({"status": "done", "note": "Explained the rules."}),
        )
        .await;
    let done: CallbackRow = done.json().await.unwrap();
    assert_eq!(done.status, CallbackStatus::Done);
    let open: Vec<CallbackRow> = anna.callbacks("").await.json().await.unwrap();
    assert_eq!(open.len(), 1);
    let finished: Vec<CallbackRow> = anna.callbacks("status=done").await.json().await.unwrap();
    assert_eq!(finished[0].reference, newer);
    let east = app
        .signed_in("bjorn@reykjavik.is", Role::Counsellor, EAST)
        .await;
    let theirs: Vec<CallbackRow> = east.callbacks("").await.json().await.unwrap();
    assert!(theirs.is_empty());
    assert_eq!(
        east.callback_event(&older, &json!({"status": "called"}))
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn an_admin_creates_an_account_that_signs_in_with_its_new_secret() {
    let app = TestApp::spawn().await;
    let admin = app.signed_in("admin@reykjavik.is", Role::Admin, WEST).await;
    let short = admin
        .create_account(&json!({"email": "new@reykjavik.is", "name": "New", "role": "counsellor", "centres": ["online-center"], "password": "short"}))
        .await;
    assert_eq!(short.status(), 422);
    assert_eq!(problem(short).await.errors[0].code, "password.too-short");
    let created = admin
        .create_account(&json!({"email": "New@Reykjavik.is", "name": "New One", "role": "counsellor", "centres": ["online-center"], "password": "a password long enough"}))
        .await;
    assert_eq!(created.status(), 201);
    let created: CreatedStaffAccount = created.json().await.unwrap();
    assert_eq!(created.account.email, "new@reykjavik.is");
    assert!(
        created
            .totp_uri
            .starts_with("otpauth://totp/Velfer%C3%B0:new@reykjavik.is?secret=")
    );
    let again = admin
        .create_account(&json!({"email": "new@reykjavik.is", "name": "New", "role": "admin", "centres": ["online-center"], "password": "a password long enough"}))
        .await;
    assert_eq!(problem(again).await.errors[0].code, "email.taken");
    let member = velferd_tests::app::StaffMember {
        email: "new@reykjavik.is".into(),
        password: "a password long enough".into(),
        secret: created.totp_secret,
    };
    let client = app.staff_client();
    assert_eq!(client.sign_in_as(&member, 0).await.status(), 204);
    let me: StaffMe = client.me().await.json().await.unwrap();
    assert_eq!(me.centres, [ServiceCentre::OnlineCenter]);
    let actions = audit_actions(&admin, "staff=admin@reykjavik.is").await;
    assert_eq!(actions, ["created-account", "signed-in"]);
}

#[tokio::test]
async fn next_months_application_is_chained_to_the_last_only_for_the_same_person() {
    let app = TestApp::spawn().await;
    let first = app.apply(1).await;
    let continuing = |variant: u32, kennitala: &str| {
        let mut request = financial_assistance(variant);
        request.draft.kennitala = Some(kennitala.to_owned());
        request.draft.previous_reference = Some(first.reference.clone());
        request
    };
    let submit = |request: velferd_shared::api::ApplicationRequest| {
        let app = &app;
        async move {
            let response = app.submit_application(Some(&new_key()), &request).await;
            assert_eq!(response.status(), 201);
            response
                .json::<velferd_shared::api::ApplicationReceipt>()
                .await
                .unwrap()
        }
    };
    let second = submit(continuing(2, KENNITALA)).await;
    // Someone else naming that reference links nothing (and learns nothing).
    let stranger = submit(continuing(3, "010130-2989")).await;

    let counsellor = app
        .signed_in("anna@reykjavik.is", Role::Counsellor, WEST)
        .await;
    let case = |reference: String| {
        let counsellor = &counsellor;
        async move {
            counsellor
                .case(&reference)
                .await
                .json::<Case>()
                .await
                .unwrap()
        }
    };
    let (first_case, second_case) = (
        case(first.reference.clone()).await,
        case(second.reference.clone()).await,
    );
    assert_eq!(
        second_case.previous.as_deref(),
        Some(first.reference.as_str())
    );
    assert_eq!(first_case.next.as_deref(), Some(second.reference.as_str()));
    assert_eq!(case(stranger.reference.clone()).await.previous, None);
}
