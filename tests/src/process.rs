//! The real `velferd` binary as a separate process, for tests that must kill it or read its logs.

use std::{
    net::{SocketAddr, TcpListener},
    ops::Deref,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::Duration,
};

use crate::{
    app::{ApiClient, database_url_in, write_one_page_site},
    wait_until,
};

/// The server binary: `VELFERD_BIN`, or the debug build in `target/`.
pub fn binary() -> PathBuf {
    crate::path_from_env("VELFERD_BIN", "target/debug/velferd")
}

/// Dereferences to an `ApiClient` for the process.
pub struct ServerProcess {
    api: ApiClient,
    database_url: String,
    child: Child,
}

impl ServerProcess {
    /// Starts the binary on a free port over the SQLite file in `data`, with its stderr and
    /// stdout appended to `log`, and waits until it answers.
    pub async fn start(data: &Path, log: &Path, rust_log: &str) -> ServerProcess {
        ServerProcess::start_with(data, log, rust_log, &[]).await
    }

    /// As `start`, with more environment variables (the mail settings, say).
    pub async fn start_with(
        data: &Path,
        log: &Path,
        rust_log: &str,
        env: &[(&str, &str)],
    ) -> ServerProcess {
        let addr = free_port();
        let dist = data.join("dist");
        write_one_page_site(&dist);
        let database_url = database_url_in(data).await;
        let output = || {
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(log)
                .unwrap()
        };
        let child = Command::new(binary())
            .env("VELFERD_ADDR", addr.to_string())
            .env("VELFERD_DATABASE_URL", &database_url)
            .env("VELFERD_DIST", &dist)
            .env("VELFERD_SUBMISSIONS_PER_MINUTE", "0")
            .env("RUST_LOG", rust_log)
            .envs(env.iter().copied())
            .stdout(Stdio::from(output()))
            .stderr(Stdio::from(output()))
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary().display()));
        let server = ServerProcess {
            api: ApiClient::new(addr),
            database_url,
            child,
        };
        wait_until("the server to answer", Duration::from_secs(30), || {
            let health = server.request(reqwest::Method::GET, "/api/health").send();
            async move { health.await.map(drop).map_err(|e| e.to_string()) }
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
        server
    }

    /// The SQLite file it serves from.
    pub fn database_url(&self) -> &str {
        &self.database_url
    }

    pub fn api(&self) -> &ApiClient {
        &self.api
    }

    /// SIGKILL: no shutdown, no flushing, as in a power cut or an OOM kill.
    pub fn kill_hard(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Deref for ServerProcess {
    type Target = ApiClient;

    fn deref(&self) -> &ApiClient {
        &self.api
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        self.kill_hard();
    }
}

/// Runs `velferd <args>` against the database at `database_url`, as staff would from a shell;
/// returns whether it succeeded and what it printed.
pub fn admin(database_url: &str, args: &[&str]) -> (bool, String) {
    admin_with_input(database_url, args, "")
}

/// As `admin`, with `input` piped to its standard input (a password, as `velferd staff add`
/// reads it).
pub fn admin_with_input(database_url: &str, args: &[&str], input: &str) -> (bool, String) {
    use std::io::Write;
    let mut child = Command::new(binary())
        .args(args)
        .env("VELFERD_DATABASE_URL", database_url)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", binary().display()));
    child
        .stdin
        .take()
        .expect("a pipe to its input")
        .write_all(input.as_bytes())
        .expect("the input is written");
    let output = child.wait_with_output().expect("it finishes");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

fn free_port() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap()
}
