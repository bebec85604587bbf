//! The real `velferd` binary as a separate process, for tests that must kill it or read its logs.

use std::{
    net::{SocketAddr, TcpListener},
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

/// The server binary: `VELFERD_BIN`, or the debug build in `target/`.
pub fn binary() -> PathBuf {
    crate::path_from_env("VELFERD_BIN", "target/debug/velferd")
}

pub struct ServerProcess {
    pub addr: SocketAddr,
    child: Child,
}

impl ServerProcess {
    /// Starts the binary on a free port over the SQLite file in `data`, with its stderr and
    /// stdout appended to `log`, and waits until it answers.
    pub async fn start(data: &Path, log: &Path, rust_log: &str) -> ServerProcess {
        let addr = free_port();
        let dist = data.join("dist");
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(dist.join("index.html"), "<!doctype html><title>t</title>").unwrap();
        let output = || {
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(log)
                .unwrap()
        };
        let child = Command::new(binary())
            .env("VELFERD_ADDR", addr.to_string())
            .env(
                "VELFERD_DATABASE_URL",
                format!("sqlite://{}", data.join("velferd.db").display()),
            )
            .env("VELFERD_DIST", &dist)
            .env("VELFERD_SUBMISSIONS_PER_MINUTE", "0")
            .env("RUST_LOG", rust_log)
            .stdout(Stdio::from(output()))
            .stderr(Stdio::from(output()))
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary().display()));
        let server = ServerProcess { addr, child };
        server.wait_until_up().await;
        server
    }

    async fn wait_until_up(&self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        let http = reqwest::Client::new();
        while Instant::now() < deadline {
            if http.get(self.url("/api/health")).send().await.is_ok() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the server did not start within 30 s");
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// SIGKILL: no shutdown, no flushing, as in a power cut or an OOM kill.
    pub fn kill_hard(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
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
    let output = Command::new(binary())
        .args(args)
        .env("VELFERD_DATABASE_URL", database_url)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", binary().display()));
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
