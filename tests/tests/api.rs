//! The HTTP API and the static site, spoken to over a real socket like any client would.

use std::path::Path;

use reqwest::Method;
use velferd_shared::api::{DatabaseStatus, Health, PROBLEM_CONTENT_TYPE, Problem};
use velferd_tests::{
    TestApp,
    app::{header, problem},
};

const LOADER: &str = "import init from '/app-0123456789abcdef.js'; await init();";

/// A small `dist/` like Trunk's: an index with an inline loader and a hashed asset with its
/// precompressed copies (their contents differ so a test can tell which one was served).
fn fixture_site(dir: &Path) {
    let index = format!(
        "<!doctype html><html><head><script type=\"module\">{LOADER}</script></head><body></body></html>"
    );
    std::fs::write(dir.join("index.html"), &index).unwrap();
    std::fs::write(dir.join("app-0123456789abcdef.js"), "plain").unwrap();
    std::fs::write(dir.join("app-0123456789abcdef.js.br"), "brotli").unwrap();
    std::fs::write(dir.join("app-0123456789abcdef.js.gz"), "gzip").unwrap();
    // Two of the first screens the build renders per language (xtask/src/prerender.rs).
    for (file, text) in [
        ("pages/ar/help/money.html", "المال"),
        ("pages/pl/index.html", "Jak możemy ci pomóc?"),
    ] {
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, format!("<html><body><h1>{text}</h1></body></html>")).unwrap();
    }
}

async fn spawn() -> TestApp {
    TestApp::spawn_with_site(fixture_site, 0).await
}

#[tokio::test]
async fn health_reports_the_version_and_a_working_database() {
    let app = spawn().await;
    let response = app.health().await;
    assert_eq!(response.status(), 200);
    let health: Health = response.json().await.unwrap();
    assert_eq!(health.version, env!("CARGO_PKG_VERSION"));
    assert_eq!(health.database, DatabaseStatus::Ok);
}

#[tokio::test]
async fn an_unknown_api_route_is_a_404_problem_not_the_app() {
    let app = spawn().await;
    for path in ["/api/nothing-here", "/api/health/extra", "/api"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(
            header(&response, "content-type"),
            PROBLEM_CONTENT_TYPE,
            "{path}"
        );
        let problem = problem(response).await;
        assert_eq!(problem.status, 404);
        assert_eq!(problem.kind, "/problems/not-found");
    }
}

#[tokio::test]
async fn clearing_a_device_asks_the_browser_to_empty_its_cache_for_the_site() {
    let app = spawn().await;
    let response = app
        .request(Method::POST, "/api/device/forget")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    // Only the cache: "storage" would also take the language the resident chose.
    assert_eq!(header(&response, "clear-site-data"), "\"cache\"");
}

#[tokio::test]
async fn a_wrong_method_on_an_api_route_is_a_405_problem() {
    let app = spawn().await;
    let response = app
        .request(Method::DELETE, "/api/health")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
    assert_eq!(header(&response, "content-type"), PROBLEM_CONTENT_TYPE);
    // What the route does take, as RFC 9110 asks of a 405.
    let allowed = header(&response, "allow");
    assert!(
        allowed.split(',').any(|m| m.trim() == "GET"),
        "allow: {allowed:?}"
    );
}

#[tokio::test]
async fn client_side_routes_get_the_app_index_revalidated_every_time() {
    let app = spawn().await;
    for path in ["/", "/help/money", "/urgent-help", "/no/such/page"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert!(
            header(&response, "content-type").starts_with("text/html"),
            "{path}"
        );
        assert_eq!(header(&response, "cache-control"), "no-cache", "{path}");
        assert!(response.text().await.unwrap().contains(LOADER), "{path}");
    }
}

#[tokio::test]
async fn a_first_screen_comes_rendered_in_the_language_asked_for_or_else_the_browsers() {
    let app = spawn().await;
    let page = |path: &'static str, accept: &'static str| {
        let app = &app;
        async move {
            let response = app
                .request(Method::GET, path)
                .header("accept-language", accept)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200, "{path}");
            assert_eq!(header(&response, "cache-control"), "no-cache", "{path}");
            assert!(
                header(&response, "vary").contains("accept-language"),
                "{path}"
            );
            response.text().await.unwrap()
        }
    };
    assert!(
        page("/help/money", "ar-IS, en;q=0.5")
            .await
            .contains("المال")
    );
    assert!(page("/?lang=pl", "ar").await.contains("Jak możemy"));
    // The language chosen on the device, told by the app's cookie, before the browser's.
    let chosen = app
        .request(Method::GET, "/")
        .header("accept-language", "ar")
        .header("cookie", "velferd-language=pl")
        .send()
        .await
        .unwrap();
    assert!(chosen.text().await.unwrap().contains("Jak możemy"));
    // Not rendered in that language, or not a first screen: the app's index, which renders it.
    assert!(page("/help/money?lang=pl", "ar").await.contains(LOADER));
    assert!(page("/status/abc", "ar").await.contains(LOADER));
}

#[tokio::test]
async fn a_missing_file_is_a_404_rather_than_the_index() {
    let app = spawn().await;
    let response = app.get("/missing-0123456789abcdef.js").await;
    assert_eq!(response.status(), 404);
    assert!(!header(&response, "cache-control").contains("immutable"));
}

#[tokio::test]
async fn hashed_assets_are_served_precompressed_and_cached_for_a_year() {
    let app = spawn().await;
    let cases = [
        ("br, gzip", Some("br"), "brotli"),
        ("gzip", Some("gzip"), "gzip"),
        ("identity", None, "plain"),
    ];
    for (accept, encoding, body) in cases {
        let response = app
            .request(Method::GET, "/app-0123456789abcdef.js")
            .header("accept-encoding", accept)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{accept}");
        assert_eq!(
            response
                .headers()
                .get("content-encoding")
                .map(|v| v.to_str().unwrap()),
            encoding,
            "{accept}"
        );
        assert_eq!(
            header(&response, "cache-control"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(response.bytes().await.unwrap(), body.as_bytes());
    }
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn().await;
    for path in [
        "/",
        "/api/health",
        "/api/nothing",
        "/app-0123456789abcdef.js",
    ] {
        let response = app.get(path).await;
        assert_eq!(
            header(&response, "x-content-type-options"),
            "nosniff",
            "{path}"
        );
        assert_eq!(
            header(&response, "referrer-policy"),
            "no-referrer",
            "{path}"
        );
        assert!(
            !header(&response, "permissions-policy").is_empty(),
            "{path}"
        );
        for isolation in ["cross-origin-opener-policy", "cross-origin-resource-policy"] {
            assert_eq!(header(&response, isolation), "same-origin", "{path}");
        }
        let csp = header(&response, "content-security-policy");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(csp.contains("'wasm-unsafe-eval'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert!(!csp.contains("'unsafe-eval'"), "{path}: {csp}");
    }
}

#[tokio::test]
async fn browsers_are_told_to_keep_to_https_only_when_the_public_origin_is_https() {
    let plain = spawn().await;
    assert!(
        plain
            .get("/api/health")
            .await
            .headers()
            .get("strict-transport-security")
            .is_none(),
        "not over plain HTTP: it would pin a test or an intranet host to HTTPS"
    );
    let public = TestApp::spawn_configured(|config| {
        config.public_origin = "https://velferd.reykjavik.is".into();
    })
    .await;
    for path in ["/", "/api/health"] {
        let response = public.get(path).await;
        assert_eq!(
            header(&response, "strict-transport-security"),
            "max-age=31536000; includeSubDomains",
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_policy_allows_exactly_the_inline_loader_by_its_hash() {
    use base64::Engine;
    use sha2::Digest;
    let app = spawn().await;
    let response = app.get("/").await;
    let expected = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(LOADER));
    let csp = header(&response, "content-security-policy");
    assert!(csp.contains(&format!("'sha256-{expected}'")), "{csp}");
}

// --- Eligibility and the catalogue -------------------------------------------------------------

use serde_json::{Value, json};
use velferd_shared::{answers::Answers, rules, validation::Date};

fn single_renter() -> Value {
    json!({
        "age": 34, "postcode": "105", "months_in_reykjavik": 40,
        "residence_status": "citizen-or-eea", "partner": false, "children": [],
        "living": "registered-lease", "rent_per_month": "210.000 kr",
        "income_this_month": 0, "income_last_year": 1200000,
        "income_three_year_average": 1500000, "assets": 0, "employment": "unemployed",
        "applied_vmst": true, "student": false, "disability": false,
        "needs_help_at_home": false, "can_use_public_transport": true,
        "applied_housing_benefit": true
    })
}

#[tokio::test]
async fn eligibility_is_answered_by_the_same_engine_the_browser_runs() {
    let app = spawn().await;
    let body = json!({ "answers": single_renter(), "as_of": "2025-03-01" });
    let response = app.eligibility(&body).await;
    assert_eq!(response.status(), 200);
    let got: Value = response.json().await.unwrap();
    let answers: Answers = serde_json::from_value(single_renter()).unwrap();
    let as_of = Date::parse_iso("2025-03-01").unwrap();
    let expected = serde_json::to_value(rules::evaluate(&answers, as_of)).unwrap();
    assert_eq!(got["results"], expected);
    assert_eq!(got["as_of"], "2025-03-01");
    let fa = &got["results"][0];
    assert_eq!(fa["service"], "financial-assistance");
    assert_eq!(fa["outcome"], "likely-eligible");
    assert_eq!(fa["amount"]["kronur"], 247_572);
}

#[tokio::test]
async fn eligibility_without_a_date_uses_today_and_lists_the_questions_left() {
    let app = spawn().await;
    let response = app.eligibility(&json!({ "answers": { "age": 17 } })).await;
    assert_eq!(response.status(), 200);
    let got: Value = response.json().await.unwrap();
    assert!(got["as_of"].as_str().unwrap().starts_with("20"));
    let questions = got["relevant_questions"].as_array().unwrap();
    assert!(!questions.is_empty());
    assert!(!questions.contains(&json!("age")));
}

#[tokio::test]
async fn answers_beyond_the_screeners_limits_are_refused_with_the_browsers_codes() {
    let app = spawn().await;
    let cases = [
        (json!({ "age": 121 }), "/answers/age", "age.out-of-range"),
        (
            json!({ "months_in_reykjavik": 1201 }),
            "/answers/months_in_reykjavik",
            "months.out-of-range",
        ),
        (
            json!({ "support_hours_per_week": 169 }),
            "/answers/support_hours_per_week",
            "hours.out-of-range",
        ),
        (
            json!({ "children": [{ "age": 4 }, { "age": 26 }] }),
            "/answers/children/1/age",
            "child-ages.bad-format",
        ),
    ];
    for (answers, pointer, code) in cases {
        let response = app.eligibility(&json!({ "answers": answers })).await;
        assert_eq!(response.status(), 422, "{answers}");
        let problem = problem(response).await;
        assert_eq!(problem.errors.len(), 1, "{answers}");
        let error = &problem.errors[0];
        assert_eq!(
            (error.pointer.as_str(), error.code.as_str()),
            (pointer, code),
            "{answers}"
        );
        let message = velferd_backend::translations::text(
            velferd_shared::Language::En,
            &velferd_shared::ProblemCode::from_key(code)
                .unwrap()
                .message_key(),
        );
        assert_eq!(
            error.detail, message,
            "the browser's own message, in English"
        );
    }
    let at_the_limit = app
        .eligibility(&json!({ "answers": { "age": 120, "support_hours_per_week": 168 } }))
        .await;
    assert_eq!(at_the_limit.status(), 200);
}

#[tokio::test]
async fn an_invalid_answer_is_a_422_that_names_the_field() {
    let app = spawn().await;
    let cases = [
        (
            json!({ "answers": { "postcode": "1O1" } }),
            "/answers/postcode",
        ),
        (
            json!({ "answers": { "income_this_month": "-5000" } }),
            "/answers/income_this_month",
        ),
        (
            json!({ "answers": { "living": "castle" } }),
            "/answers/living",
        ),
        (
            json!({ "answers": { "favourite_colour": "blue" } }),
            "/answers",
        ),
        (json!({ "as_of": "2025-02-30" }), "/as_of"),
    ];
    for (body, pointer) in cases {
        let response = app.eligibility(&body).await;
        assert_eq!(response.status(), 422, "{body}");
        assert_eq!(header(&response, "content-type"), PROBLEM_CONTENT_TYPE);
        let problem: Problem = response.json().await.unwrap();
        assert_eq!(problem.errors.len(), 1, "{body}");
        assert!(
            problem.errors[0].pointer.starts_with(pointer),
            "{body}: {:?}",
            problem.errors
        );
        assert!(!problem.errors[0].detail.is_empty());
    }
}

#[tokio::test]
async fn answers_given_as_an_array_rather_than_by_name_are_refused() {
    let app = spawn().await;
    // serde would fill the structs field by field from these arrays.
    for body in [r#"{"answers": [null, null]}"#, r#"[{"age": 40}, null]"#] {
        let response = app
            .post_bytes("/api/eligibility", None, "application/json", body)
            .await;
        assert!(
            matches!(response.status().as_u16(), 400 | 422),
            "{body}: {}",
            response.status()
        );
        assert_eq!(header(&response, "content-type"), PROBLEM_CONTENT_TYPE);
    }
}

#[tokio::test]
async fn a_body_that_is_not_json_is_a_400_problem() {
    let app = spawn().await;
    let response = app
        .post_bytes(
            "/api/eligibility",
            None,
            "application/json",
            "{\"answers\": ",
        )
        .await;
    assert_eq!(response.status(), 400);
    assert_eq!(header(&response, "content-type"), PROBLEM_CONTENT_TYPE);
}

#[tokio::test]
async fn a_body_that_is_not_declared_json_is_a_415_problem() {
    let app = spawn().await;
    let response = app
        .post_bytes("/api/eligibility", None, "text/plain", "{}")
        .await;
    assert_eq!(response.status(), 415);
    let problem: Problem = response.json().await.unwrap();
    assert_eq!(problem.kind, "/problems/unsupported-media-type");
}

#[tokio::test]
async fn a_body_over_64_kb_is_a_413_problem() {
    let app = spawn().await;
    let padding = "x".repeat(70 * 1024);
    let body = format!("{{\"answers\": {{}}, \"pad\": \"{padding}\"}}");
    let response = app
        .post_bytes("/api/eligibility", None, "application/json", body)
        .await;
    assert_eq!(response.status(), 413);
    assert_eq!(header(&response, "content-type"), PROBLEM_CONTENT_TYPE);
}

#[tokio::test]
async fn the_catalogue_comes_translated_with_official_names() {
    let app = spawn().await;
    let get = async |lang: &str| app.services(lang).await.json::<Value>().await.unwrap();
    let english = get("en").await;
    assert_eq!(english["language"], "en");
    let services = english["services"].as_array().unwrap();
    assert_eq!(services.len(), 14);
    assert_eq!(services[0]["id"], "financial-assistance");
    assert_eq!(services[0]["name"], "Financial assistance");
    assert_eq!(services[0]["official_name"], "Fjárhagsaðstoð");
    assert!(!services[0]["for_whom"].as_str().unwrap().is_empty());
    assert_eq!(services[0]["how_to_apply"]["kind"], "online-application");
    let polish = get("pl").await;
    assert_ne!(
        polish["services"][0]["name"],
        english["services"][0]["name"]
    );
    let unknown = get("xx").await;
    assert_eq!(unknown["language"], "is");
    assert_eq!(unknown["services"][0]["name"], "Fjárhagsaðstoð");
}

// --- The OpenAPI document ----------------------------------------------------------------------

#[tokio::test]
async fn the_openapi_document_describes_every_residents_route() {
    let app = spawn().await;
    let response = app.get("/api/openapi.json").await;
    assert_eq!(response.status(), 200);
    assert!(header(&response, "content-type").starts_with("application/json"));
    let document: Value = response.json().await.unwrap();
    let version = document["openapi"].as_str().unwrap_or_default();
    assert!(version.starts_with("3.1"), "openapi: {version:?}");
    for (method, path) in [
        ("get", "/api/health"),
        ("get", "/api/services"),
        ("post", "/api/eligibility"),
        ("post", "/api/applications"),
        ("get", "/api/applications/{token}"),
        ("post", "/api/applications/{token}/documents"),
        ("post", "/api/applications/{token}/partner-reminder"),
        ("get", "/api/partner/{token}"),
        ("post", "/api/partner/{token}"),
        ("post", "/api/callbacks"),
        ("post", "/api/device/forget"),
        ("get", "/api/openapi.json"),
    ] {
        assert!(
            document["paths"][path][method].is_object(),
            "{method} {path} is not in the document"
        );
    }
    // The staff API is not for residents' clients.
    let paths = document["paths"].as_object().unwrap();
    assert!(paths.keys().all(|path| !path.starts_with("/api/staff")));
}
