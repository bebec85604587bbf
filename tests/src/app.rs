//! The backend as tests speak to it: `TestApp` runs it in-process on port 0 with its own
//! temporary database, and `ApiClient` has one method per endpoint (the same client speaks to
//! the real binary in `process::ServerProcess`).

use std::{net::SocketAddr, ops::Deref, path::Path};

use reqwest::{Method, RequestBuilder, Response};
use serde::Serialize;
use tokio::{sync::oneshot, task::JoinHandle};
use velferd_backend::{
    Config, app,
    db::Database,
    prepare,
    staff::accounts::{self, NewAccount},
};
use velferd_shared::{
    ServiceCentre,
    api::{ApplicationReceipt, PROBLEM_CONTENT_TYPE, Problem},
    staff::Role,
};

use crate::applications::{financial_assistance, new_key};

/// HTTP to one running server, one method per endpoint. Transport errors panic: a test that
/// expects the server to be down uses the `*_request` builders or `request` instead.
#[derive(Clone)]
pub struct ApiClient {
    pub addr: SocketAddr,
    pub http: reqwest::Client,
}

impl ApiClient {
    pub fn new(addr: SocketAddr) -> ApiClient {
        ApiClient {
            addr,
            // A redirect is something to assert on, never to follow.
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("an HTTP client"),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// `GET /api/health`
    pub async fn health(&self) -> Response {
        self.get("/api/health").await
    }

    /// `GET /api/services?lang=…`
    pub async fn services(&self, lang: &str) -> Response {
        self.get(&format!("/api/services?lang={lang}")).await
    }

    /// `POST /api/eligibility`
    pub async fn eligibility(&self, body: &impl Serialize) -> Response {
        self.post_json("/api/eligibility", None, body).await
    }

    /// `POST /api/applications`, with `key` as its `Idempotency-Key` (none: the header is left out).
    pub async fn submit_application(&self, key: Option<&str>, body: &impl Serialize) -> Response {
        send(self.application_request(key, body)).await
    }

    /// The request `submit_application` sends, for a test that must see transport errors.
    pub fn application_request(&self, key: Option<&str>, body: &impl Serialize) -> RequestBuilder {
        with_key(self.request(Method::POST, "/api/applications"), key).json(body)
    }

    /// Submits `applications::financial_assistance(variant)` with a fresh key and returns its
    /// receipt: for tests about what comes after applying.
    pub async fn apply(&self, variant: u32) -> ApplicationReceipt {
        let response = self
            .submit_application(Some(&new_key()), &financial_assistance(variant))
            .await;
        assert_eq!(response.status(), 201, "the application is accepted");
        response.json().await.expect("a receipt")
    }

    /// `GET /api/applications/{token}`: the private status link.
    pub async fn status(&self, token: &str) -> Response {
        self.get(&format!("/api/applications/{token}")).await
    }

    /// `POST /api/applications/{token}/documents`
    pub async fn upload_document(
        &self,
        token: &str,
        content_type: &str,
        bytes: Vec<u8>,
    ) -> Response {
        let path = format!("/api/applications/{token}/documents");
        self.post_bytes(&path, None, content_type, bytes).await
    }

    /// `POST /api/callbacks`, with `key` as its `Idempotency-Key` (none: the header is left out).
    pub async fn request_call_back(&self, key: Option<&str>, body: &impl Serialize) -> Response {
        self.post_json("/api/callbacks", key, body).await
    }

    // --- Escape hatches, for requests no well-behaved client sends --------------------------

    pub async fn get(&self, path: &str) -> Response {
        send(self.request(Method::GET, path)).await
    }

    /// `body` as JSON to `path`, with an `Idempotency-Key` when `key` is given.
    pub async fn post_json(
        &self,
        path: &str,
        key: Option<&str>,
        body: &impl Serialize,
    ) -> Response {
        send(with_key(self.request(Method::POST, path), key).json(body)).await
    }

    /// Exactly these bytes, declared as `content_type`: bodies that are broken, too large,
    /// mislabelled, or must be the same to the byte.
    pub async fn post_bytes(
        &self,
        path: &str,
        key: Option<&str>,
        content_type: &str,
        body: impl Into<reqwest::Body>,
    ) -> Response {
        let request = with_key(self.request(Method::POST, path), key)
            .header("content-type", content_type)
            .body(body);
        send(request).await
    }

    /// Any method to `path`, for headers or methods the methods above do not cover.
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.http.request(method, self.url(path))
    }
}

fn with_key(request: RequestBuilder, key: Option<&str>) -> RequestBuilder {
    match key {
        Some(key) => request.header("Idempotency-Key", key),
        None => request,
    }
}

async fn send(request: RequestBuilder) -> Response {
    request.send().await.expect("the server answers")
}

/// Reads a problem+json answer, failing unless it is declared as one.
pub async fn problem(response: Response) -> Problem {
    assert_eq!(header(&response, "content-type"), PROBLEM_CONTENT_TYPE);
    response.json().await.expect("a problem body")
}

/// Each field error as its pointer and code, in the order the API gave them.
pub fn field_codes(problem: &Problem) -> Vec<(&str, &str)> {
    problem
        .errors
        .iter()
        .map(|e| (e.pointer.as_str(), e.code.as_str()))
        .collect()
}

/// A response header as text; empty when absent.
pub fn header<'a>(response: &'a Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// Writes the smallest site the server accepts: one page.
pub fn write_one_page_site(dir: &Path) {
    std::fs::create_dir_all(dir).expect("the site folder is created");
    std::fs::write(dir.join("index.html"), "<!doctype html><title>t</title>")
        .expect("the page is written");
}

/// `VELFERD_TEST_POSTGRES`: a PostgreSQL server (`postgres://user@127.0.0.1:port`) whose
/// databases the tests may create. `cargo xtask test` runs the storage tests a second time with
/// it set, against a cluster of its own.
pub const POSTGRES_SERVER: &str = "VELFERD_TEST_POSTGRES";

/// The database of a server whose data lives in `folder`: an SQLite file there, or, when
/// `VELFERD_TEST_POSTGRES` is set, a PostgreSQL database named after the folder, created the
/// first time, so that a server started again on the same folder finds its data. The cluster is
/// thrown away after the run, so the databases are never dropped.
pub async fn database_url_in(folder: &Path) -> String {
    let Ok(server) = std::env::var(POSTGRES_SERVER) else {
        return format!("sqlite://{}", folder.join("velferd.db").display());
    };
    let server = server.trim_end_matches('/');
    let digest = velferd_backend::digest::sha256_hex(folder.display().to_string().as_bytes());
    let name = format!("velferd_{}", &digest[..20]);
    sqlx::any::install_default_drivers();
    let admin = sqlx::AnyPool::connect(&format!("{server}/postgres"))
        .await
        .unwrap_or_else(|e| panic!("{POSTGRES_SERVER}={server} answers: {e}"));
    let exists: Option<i64> =
        sqlx::query_scalar("SELECT 1::BIGINT FROM pg_database WHERE datname = $1")
            .bind(&name)
            .fetch_optional(&admin)
            .await
            .expect("the databases are listed");
    if exists.is_none() {
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&admin)
            .await
            .expect("a test database is created");
    }
    admin.close().await;
    format!("{server}/{name}")
}

/// The backend on the current Tokio runtime, on a free port, over a database that lives as long
/// as it does. Dereferences to its `ApiClient`.
pub struct TestApp {
    api: ApiClient,
    config: Config,
    running: Option<(oneshot::Sender<()>, JoinHandle<()>)>,
    // Dropped with the app: the database (and a site written for it) live only as long as the test.
    _data: tempfile::TempDir,
}

impl TestApp {
    /// A one-page site and no submission limit, so tests may submit freely.
    pub async fn spawn() -> TestApp {
        TestApp::spawn_with_limit(0).await
    }

    /// As `spawn`, allowing `per_minute` submissions (and as many call-backs) a minute from
    /// one client (0: no limit).
    pub async fn spawn_with_limit(per_minute: u32) -> TestApp {
        TestApp::spawn_with_site(write_one_page_site, per_minute).await
    }

    /// Serves the site `write` puts into the folder it is given.
    pub async fn spawn_with_site(write: impl FnOnce(&Path), per_minute: u32) -> TestApp {
        let data = temporary_folder();
        let site = data.path().join("site");
        std::fs::create_dir_all(&site).expect("the site folder is created");
        write(&site);
        TestApp::launch(data, &site, per_minute).await
    }

    /// Serves `dist` (the built frontend, for browser tests) without a submission limit.
    pub async fn spawn_serving(dist: &Path) -> TestApp {
        TestApp::launch(temporary_folder(), dist, 0).await
    }

    /// As `spawn`, with the configuration changed by `change` first (short staff sessions, a
    /// sign-in limit).
    pub async fn spawn_configured(change: impl FnOnce(&mut Config)) -> TestApp {
        let data = temporary_folder();
        let site = data.path().join("site");
        write_one_page_site(&site);
        TestApp::launch_with(data, &site, 0, change).await
    }

    async fn launch(data: tempfile::TempDir, dist: &Path, per_minute: u32) -> TestApp {
        TestApp::launch_with(data, dist, per_minute, |_| {}).await
    }

    async fn launch_with(
        data: tempfile::TempDir,
        dist: &Path,
        per_minute: u32,
        change: impl FnOnce(&mut Config),
    ) -> TestApp {
        let config = Config {
            addr: "127.0.0.1:0".parse().unwrap(),
            database_url: database_url_in(data.path()).await,
            dist_dir: dist.to_owned(),
            submissions_per_minute: per_minute,
            documents_per_minute: per_minute,
            // Tests sign in many times from one address; the limit has a test of its own.
            staff_sign_ins_per_minute: 0,
            ..Config::default()
        };
        let mut config = config;
        change(&mut config);
        let mut app = TestApp {
            api: ApiClient::new(config.addr),
            config,
            running: None,
            _data: data,
        };
        app.start().await;
        app
    }

    /// Changes the configuration for the next `start` (after `stop`), as an operator would
    /// between two runs of the server.
    pub fn reconfigure(&mut self, change: impl FnOnce(&mut Config)) {
        change(&mut self.config);
    }

    /// Starts serving again on the same address and database after `stop`.
    pub async fn start(&mut self) {
        let (state, listener) = prepare(&self.config).await.expect("the server starts");
        self.api.addr = listener.local_addr().unwrap();
        // A restart must come back on the same port, where the browser is waiting.
        self.config.addr = self.api.addr;
        let (stop, stopped) = oneshot::channel::<()>();
        let load = state.load.clone();
        let task = tokio::spawn(velferd_backend::serve(
            listener,
            app(state),
            load,
            async move {
                let _ = stopped.await;
            },
        ));
        self.running = Some((stop, task));
    }

    /// Stops serving: the port refuses connections until `start`.
    pub async fn stop(&mut self) {
        if let Some((stop, task)) = self.running.take() {
            let _ = stop.send(());
            let _ = task.await;
        }
    }

    pub fn api(&self) -> &ApiClient {
        &self.api
    }

    /// The server's database, for tests that check what was really stored.
    pub fn database_url(&self) -> &str {
        &self.config.database_url
    }

    /// A connection pool to the server's database.
    pub async fn database(&self) -> sqlx::AnyPool {
        sqlx::any::install_default_drivers();
        sqlx::AnyPool::connect(self.database_url())
            .await
            .expect("the test database opens")
    }

    /// Creates a staff account directly in the database, as `velferd staff add` does.
    pub async fn add_staff(
        &self,
        email: &str,
        role: Role,
        centres: &[ServiceCentre],
    ) -> StaffMember {
        let db = Database::open(self.database_url())
            .await
            .expect("the database opens");
        let password = format!("a long password for {email}");
        let account = NewAccount {
            email,
            name: &format!("Counsellor {email}"),
            role,
            centres,
            password: &password,
        };
        let secret = accounts::create(&db, &account)
            .await
            .expect("the account is created");
        db.close().await;
        StaffMember {
            email: email.to_owned(),
            password,
            secret,
        }
    }

    /// A browser of a member of staff: keeps cookies and sends our own `Origin`, as the
    /// workspace's pages do.
    pub fn staff_client(&self) -> StaffClient {
        StaffClient::new(self.api.addr)
    }

    /// An account created and signed in, with its browser.
    pub async fn signed_in(
        &self,
        email: &str,
        role: Role,
        centres: &[ServiceCentre],
    ) -> StaffClient {
        let member = self.add_staff(email, role, centres).await;
        let client = self.staff_client();
        let response = client.sign_in_as(&member, 0).await;
        assert_eq!(response.status(), 204, "{email} signs in");
        client
    }

    /// How many rows `table` holds.
    pub async fn stored_count(&self, table: &str) -> i64 {
        let pool = self.database().await;
        let count = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&pool)
            .await
            .expect("the table is counted");
        pool.close().await;
        count
    }
}

impl Deref for TestApp {
    type Target = ApiClient;

    fn deref(&self) -> &ApiClient {
        &self.api
    }
}

fn temporary_folder() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

/// A staff account as its owner knows it.
#[derive(Debug, Clone)]
pub struct StaffMember {
    pub email: String,
    pub password: String,
    /// Base32, as the authenticator app has it.
    pub secret: String,
}

impl StaffMember {
    /// The code the authenticator app shows now, or `steps` 30-second steps from now.
    pub fn code(&self, steps: i64) -> String {
        let secret = totp_rs::Secret::Encoded(self.secret.clone())
            .to_bytes()
            .expect("the secret is base32");
        let totp = totp_rs::TOTP::new_unchecked(totp_rs::Algorithm::SHA1, 6, 1, 30, secret);
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64;
        totp.generate((now + steps * 30) as u64)
    }
}

/// The staff API as the workspace in a browser speaks it: one method per endpoint, a cookie jar,
/// and our own `Origin` on every request.
#[derive(Clone)]
pub struct StaffClient {
    pub api: ApiClient,
}

impl StaffClient {
    pub fn new(addr: SocketAddr) -> StaffClient {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            "origin",
            format!("http://{addr}").parse().expect("an origin header"),
        );
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_store(true)
            .default_headers(headers)
            .build()
            .expect("an HTTP client");
        StaffClient {
            api: ApiClient { addr, http },
        }
    }

    /// `POST /api/staff/session`
    pub async fn sign_in(&self, email: &str, password: &str, totp: &str) -> Response {
        let body = serde_json::json!({"email": email, "password": password, "totp": totp});
        self.api.post_json("/api/staff/session", None, &body).await
    }

    /// Signs in with the code `steps` steps from now (a code is accepted once only).
    pub async fn sign_in_as(&self, member: &StaffMember, steps: i64) -> Response {
        self.sign_in(&member.email, &member.password, &member.code(steps))
            .await
    }

    /// `DELETE /api/staff/session`
    pub async fn sign_out(&self) -> Response {
        send(self.api.request(Method::DELETE, "/api/staff/session")).await
    }

    /// `GET /api/staff/me`
    pub async fn me(&self) -> Response {
        self.api.get("/api/staff/me").await
    }

    /// `GET /api/staff/applications?{query}`
    pub async fn inbox(&self, query: &str) -> Response {
        self.api
            .get(&format!("/api/staff/applications?{query}"))
            .await
    }

    /// `GET /api/staff/applications/{reference}`
    pub async fn case(&self, reference: &str) -> Response {
        self.api
            .get(&format!("/api/staff/applications/{reference}"))
            .await
    }

    /// `POST /api/staff/applications/{reference}/events`
    pub async fn add_event(&self, reference: &str, body: &impl Serialize) -> Response {
        let path = format!("/api/staff/applications/{reference}/events");
        self.api.post_json(&path, None, body).await
    }

    /// `POST /api/staff/applications/{reference}/assign`
    pub async fn assign(&self, reference: &str, body: &impl Serialize) -> Response {
        let path = format!("/api/staff/applications/{reference}/assign");
        self.api.post_json(&path, None, body).await
    }

    /// `GET /api/staff/applications/{reference}/documents/{id}`
    pub async fn document(&self, reference: &str, id: i64) -> Response {
        self.api
            .get(&format!(
                "/api/staff/applications/{reference}/documents/{id}"
            ))
            .await
    }

    /// `GET /api/staff/callbacks?{query}`
    pub async fn callbacks(&self, query: &str) -> Response {
        self.api.get(&format!("/api/staff/callbacks?{query}")).await
    }

    /// `POST /api/staff/callbacks/{reference}/events`
    pub async fn callback_event(&self, reference: &str, body: &impl Serialize) -> Response {
        let path = format!("/api/staff/callbacks/{reference}/events");
        self.api.post_json(&path, None, body).await
    }

    /// `GET /api/staff/audit?{query}`
    pub async fn audit(&self, query: &str) -> Response {
        self.api.get(&format!("/api/staff/audit?{query}")).await
    }

    /// `GET /api/staff/accounts`
    pub async fn accounts(&self) -> Response {
        self.api.get("/api/staff/accounts").await
    }

    /// `POST /api/staff/accounts`
    pub async fn create_account(&self, body: &impl Serialize) -> Response {
        self.api.post_json("/api/staff/accounts", None, body).await
    }

    /// `POST /api/staff/accounts/{email}/disable`
    pub async fn disable_account(&self, email: &str) -> Response {
        let path = format!("/api/staff/accounts/{email}/disable");
        self.api
            .post_json(&path, None, &serde_json::json!({}))
            .await
    }
}
