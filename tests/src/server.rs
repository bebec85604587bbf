//! The backend, started in-process on a free port with its own temporary database.

use std::{net::SocketAddr, path::Path};

use velferd_backend::{Config, app, prepare};

pub struct TestServer {
    pub addr: SocketAddr,
    pub http: reqwest::Client,
    // Dropped with the server: the database file lives only as long as the test.
    _data: tempfile::TempDir,
}

impl TestServer {
    /// Serves `dist` (which may be a fixture folder) on the current Tokio runtime.
    pub async fn spawn(dist: &Path) -> TestServer {
        let data = tempfile::tempdir().expect("a temporary folder");
        let config = Config {
            addr: "127.0.0.1:0".parse().unwrap(),
            database_url: format!("sqlite://{}", data.path().join("velferd.db").display()),
            dist_dir: dist.to_owned(),
        };
        let (state, listener) = prepare(&config).await.expect("the server starts");
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            axum_serve(listener, state).await;
        });
        TestServer {
            addr,
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            _data: data,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }
}

async fn axum_serve(listener: tokio::net::TcpListener, state: velferd_backend::AppState) {
    velferd_backend::serve(listener, app(state)).await;
}
