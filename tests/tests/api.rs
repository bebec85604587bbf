//! The HTTP API and the static site, spoken to over a real socket like any client would.

use std::path::Path;

use velferd_shared::api::{DatabaseStatus, Health, PROBLEM_CONTENT_TYPE, Problem};
use velferd_tests::server::TestServer;

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
}

async fn spawn() -> (TestServer, tempfile::TempDir) {
    let dist = tempfile::tempdir().unwrap();
    fixture_site(dist.path());
    (TestServer::spawn(dist.path()).await, dist)
}

fn header<'a>(response: &'a reqwest::Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

#[tokio::test]
async fn health_reports_the_version_and_a_working_database() {
    let (server, _dist) = spawn().await;
    let response = server
        .http
        .get(server.url("/api/health"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let health: Health = response.json().await.unwrap();
    assert_eq!(health.version, env!("CARGO_PKG_VERSION"));
    assert_eq!(health.database, DatabaseStatus::Ok);
}

#[tokio::test]
async fn an_unknown_api_route_is_a_404_problem_not_the_app() {
    let (server, _dist) = spawn().await;
    for path in ["/api/nothing-here", "/api/health/extra", "/api"] {
        let response = server.http.get(server.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(
            header(&response, "content-type"),
            PROBLEM_CONTENT_TYPE,
            "{path}"
        );
        let problem: Problem = response.json().await.unwrap();
        assert_eq!(problem.status, 404);
        assert_eq!(problem.kind, "/problems/not-found");
    }
}

#[tokio::test]
async fn a_wrong_method_on_an_api_route_is_a_405_problem() {
    let (server, _dist) = spawn().await;
    let response = server
        .http
        .delete(server.url("/api/health"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
    assert_eq!(header(&response, "content-type"), PROBLEM_CONTENT_TYPE);
}

#[tokio::test]
async fn client_side_routes_get_the_app_index_revalidated_every_time() {
    let (server, _dist) = spawn().await;
    for path in ["/", "/help/money", "/urgent-help", "/no/such/page"] {
        let response = server.http.get(server.url(path)).send().await.unwrap();
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
async fn a_missing_file_is_a_404_rather_than_the_index() {
    let (server, _dist) = spawn().await;
    let response = server
        .http
        .get(server.url("/missing-0123456789abcdef.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    assert!(!header(&response, "cache-control").contains("immutable"));
}

#[tokio::test]
async fn hashed_assets_are_served_precompressed_and_cached_for_a_year() {
    let (server, _dist) = spawn().await;
    let cases = [
        ("br, gzip", Some("br"), "brotli"),
        ("gzip", Some("gzip"), "gzip"),
        ("identity", None, "plain"),
    ];
    for (accept, encoding, body) in cases {
        let response = server
            .http
            .get(server.url("/app-0123456789abcdef.js"))
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
    let (server, _dist) = spawn().await;
    for path in [
        "/",
        "/api/health",
        "/api/nothing",
        "/app-0123456789abcdef.js",
    ] {
        let response = server.http.get(server.url(path)).send().await.unwrap();
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
        let csp = header(&response, "content-security-policy");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(csp.contains("'wasm-unsafe-eval'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert!(!csp.contains("'unsafe-eval'"), "{path}: {csp}");
    }
}

#[tokio::test]
async fn the_policy_allows_exactly_the_inline_loader_by_its_hash() {
    use base64::Engine;
    use sha2::Digest;
    let (server, _dist) = spawn().await;
    let response = server.http.get(server.url("/")).send().await.unwrap();
    let expected = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(LOADER));
    let csp = header(&response, "content-security-policy");
    assert!(csp.contains(&format!("'sha256-{expected}'")), "{csp}");
}
