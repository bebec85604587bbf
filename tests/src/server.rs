//! The backend, started in-process on a free port with its own temporary database.

use std::{net::SocketAddr, path::Path};

use tokio::{sync::oneshot, task::JoinHandle};
use velferd_backend::{Config, app, prepare};

pub struct TestServer {
    pub addr: SocketAddr,
    pub http: reqwest::Client,
    config: Config,
    running: Option<(oneshot::Sender<()>, JoinHandle<()>)>,
    // Dropped with the server: the database file lives only as long as the test.
    _data: tempfile::TempDir,
}

impl TestServer {
    /// Serves `dist` (which may be a fixture folder) on the current Tokio runtime, without a
    /// submission limit so tests may submit freely.
    pub async fn spawn(dist: &Path) -> TestServer {
        TestServer::spawn_with_limit(dist, 0).await
    }

    /// As `spawn`, allowing `per_minute` submissions a minute from one client (0: no limit).
    pub async fn spawn_with_limit(dist: &Path, per_minute: u32) -> TestServer {
        let data = tempfile::tempdir().expect("a temporary folder");
        let config = Config {
            addr: "127.0.0.1:0".parse().unwrap(),
            database_url: format!("sqlite://{}", data.path().join("velferd.db").display()),
            dist_dir: dist.to_owned(),
            submissions_per_minute: per_minute,
        };
        let mut server = TestServer {
            addr: config.addr,
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            config,
            running: None,
            _data: data,
        };
        server.start().await;
        server
    }

    /// A server for API tests: a one-page site, and `per_minute` submissions a minute per
    /// client (0: no limit). The folder returned must outlive the server.
    pub async fn spawn_api(per_minute: u32) -> (TestServer, tempfile::TempDir) {
        let dist = tempfile::tempdir().expect("a temporary folder");
        std::fs::write(
            dist.path().join("index.html"),
            "<!doctype html><title>t</title>",
        )
        .expect("the page is written");
        (
            TestServer::spawn_with_limit(dist.path(), per_minute).await,
            dist,
        )
    }

    /// Starts serving again on the same address and database after `stop`.
    pub async fn start(&mut self) {
        let (state, listener) = prepare(&self.config).await.expect("the server starts");
        self.addr = listener.local_addr().unwrap();
        // A restart must come back on the same port, where the browser is waiting.
        self.config.addr = self.addr;
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(velferd_backend::serve(listener, app(state), async move {
            let _ = stopped.await;
        }));
        self.running = Some((stop, task));
    }

    /// Stops serving: the port refuses connections until `start`.
    pub async fn stop(&mut self) {
        if let Some((stop, task)) = self.running.take() {
            let _ = stop.send(());
            let _ = task.await;
        }
    }

    /// The server's database, for tests that check what was really stored.
    pub fn database_url(&self) -> &str {
        &self.config.database_url
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }
}
