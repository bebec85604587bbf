//! A throw-away PostgreSQL cluster for one test run: Debian's `postgresql` (installed when
//! missing), initialised in a temporary folder, listening on a free loopback port, stopped and
//! removed when the run ends, also when it fails.

use std::{
    net::TcpListener,
    path::{Path, PathBuf},
    process::Command,
};

use crate::{
    shell::{Failure, Result, run, step},
    tools,
};

pub struct Cluster {
    folder: PathBuf,
    bin: PathBuf,
    port: u16,
}

/// Whether the cluster syncs its writes to disk: off for tests (it lives for one run and the
/// tests kill our servers, never it), on for the bench's durable-submission figures.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    Synced,
    Unsynced,
}

impl Cluster {
    pub fn start(durability: Durability) -> Result<Cluster> {
        let bin = match installed_bin() {
            Some(bin) => bin,
            None => {
                step("Installing postgresql (Debian package)");
                tools::apt_install(&["postgresql"])?;
                installed_bin().ok_or_else(|| {
                    Failure("postgresql was installed but no initdb was found".into())
                })?
            }
        };
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| Failure(format!("no free port for PostgreSQL: {e}")))?
            .port();
        let folder = std::env::temp_dir().join(format!("velferd-pg-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&folder)
            .map_err(|e| Failure(format!("cannot create {}: {e}", folder.display())))?;
        let cluster = Cluster { folder, bin, port };
        if tools::is_root() {
            // PostgreSQL refuses to run as root: the package's own user runs it.
            run(
                "chown the cluster folder to postgres",
                Command::new("chown").arg("postgres:").arg(&cluster.folder),
            )?;
        }
        step(&format!(
            "Starting a throw-away PostgreSQL cluster on 127.0.0.1:{port}"
        ));
        let data = cluster.folder.join("data");
        run(
            "initdb",
            cluster
                .as_owner("initdb")
                .args([
                    "-A",
                    "trust",
                    "-U",
                    "postgres",
                    "-E",
                    "UTF8",
                    "--no-sync",
                    "-D",
                ])
                .arg(&data)
                .stdout(std::process::Stdio::null()),
        )?;
        // A log file, or the server would keep our output pipes open after pg_ctl returns.
        let fsync = match durability {
            Durability::Synced => "on",
            Durability::Unsynced => "off",
        };
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync={fsync} -c max_connections=300",
            cluster.folder.display()
        );
        run(
            "pg_ctl start",
            cluster
                .as_owner("pg_ctl")
                .arg("-D")
                .arg(&data)
                .arg("-l")
                .arg(cluster.folder.join("server.log"))
                .args(["-w", "-o", &options, "start"]),
        )?;
        Ok(cluster)
    }

    /// The server, for `VELFERD_TEST_POSTGRES`: the tests create their databases on it.
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}", self.port)
    }

    fn as_owner(&self, program: &str) -> Command {
        let program = self.bin.join(program);
        if tools::is_root() {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(program);
            c
        } else {
            Command::new(program)
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let stopped = self
            .as_owner("pg_ctl")
            .arg("-D")
            .arg(self.folder.join("data"))
            .args(["-m", "immediate", "-w", "stop"])
            .stdout(std::process::Stdio::null())
            .status();
        if !matches!(stopped, Ok(s) if s.success()) {
            eprintln!(
                "xtask: the PostgreSQL cluster in {} did not stop",
                self.folder.display()
            );
        }
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

/// The newest installed PostgreSQL's programs, `/usr/lib/postgresql/<version>/bin`.
fn installed_bin() -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let version = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            Path::new(&bin)
                .join("initdb")
                .exists()
                .then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}
