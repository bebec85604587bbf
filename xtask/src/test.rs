//! `cargo xtask test`: every check and test, in the order that fails fastest, stopping at the
//! first failure.

use crate::{
    build, postgres,
    shell::{Result, command, root, run, step},
    tools,
};

pub fn all() -> Result {
    tools::ensure_build_tools()?;
    tools::ensure_browser_tools()?;
    tools::ensure_mail_tools()?;
    tools::ensure_schemathesis()?;

    step("Formatting (cargo fmt --check)");
    run(
        "cargo fmt --check",
        &mut command("cargo", &["fmt", "--all", "--check"]),
    )?;

    step("Lints, native (cargo clippy, warnings are errors)");
    run(
        "cargo clippy (native)",
        &mut command(
            "cargo",
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        ),
    )?;

    step("Lints, both browser bundles for wasm32 (cargo clippy, warnings are errors)");
    run(
        "cargo clippy (wasm32)",
        &mut command(
            "cargo",
            &[
                "clippy",
                "--package",
                "velferd-frontend",
                "--package",
                "velferd-staff",
                "--target",
                "wasm32-unknown-unknown",
                "--",
                "-D",
                "warnings",
            ],
        ),
    )?;

    step("Unit tests");
    run(
        "unit tests",
        &mut command(
            "cargo",
            &[
                "test",
                "--workspace",
                "--exclude",
                "velferd-tests",
                "--all-targets",
            ],
        ),
    )?;

    step("Translation checks");
    run(
        "translation tests",
        &mut command(
            "cargo",
            &[
                "test",
                "--package",
                "velferd-tests",
                "--test",
                "translations",
            ],
        ),
    )?;

    build::frontend()?;

    run(
        "server binary",
        &mut command(
            "cargo",
            &["build", "--package", "velferd-backend", "--bin", "velferd"],
        ),
    )?;
    storage_tests("SQLite", None)?;
    {
        let cluster = postgres::Cluster::start(postgres::Durability::Unsynced)?;
        storage_tests("PostgreSQL", Some(&cluster.url()))?;
        step("Two instances on one PostgreSQL database, one killed with SIGKILL part-way");
        run(
            "instance tests",
            &mut storage_test(&["instances"], Some(&cluster.url())),
        )?;
    }

    contract_tests()?;

    step("Browser tests (headless Chromium, axe-core)");
    run(
        "browser tests",
        command(
            "cargo",
            &["test", "--package", "velferd-tests", "--test", "browser"],
        )
        .env("VELFERD_DIST", root().join("dist"))
        .env("VELFERD_AXE", tools::axe_source())
        .env("CHROMEDRIVER", tools::chromedriver())
        .env("CHROMIUM", tools::chromium()),
    )?;

    println!("\nAll checks and tests passed.");
    Ok(())
}

/// Schemathesis against the server as a process, reading the OpenAPI document it serves: every
/// check it has, a fixed seed (a failure can be replayed), a bounded number of examples per
/// operation. Budgets are off: a 429 would hide what the requests test.
fn contract_tests() -> Result {
    step("API contract (Schemathesis, every check, against /api/openapi.json as served)");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| crate::shell::Failure(format!("no free port: {e}")))?
        .port();
    let addr = format!("127.0.0.1:{port}");
    let data = std::env::temp_dir().join(format!("velferd-contract-{port}"));
    let server = command(root().join("target/debug/velferd"), &[])
        .env("VELFERD_ADDR", &addr)
        .env(
            "VELFERD_DATABASE_URL",
            format!("sqlite://{}/contract.db", data.display()),
        )
        .env("VELFERD_DIST", root().join("dist"))
        .env("VELFERD_SUBMISSIONS_PER_MINUTE", "0")
        .env("VELFERD_DOCUMENTS_PER_MINUTE", "0")
        .env("RUST_LOG", "warn")
        .spawn()
        .map_err(|e| crate::shell::Failure(format!("cannot start the server: {e}")))?;
    let _server = Running(server, data);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while std::net::TcpStream::connect(&addr).is_err() {
        if std::time::Instant::now() > deadline {
            return crate::shell::fail("the server did not start within 30 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let base = format!("http://{addr}");
    run(
        "schemathesis",
        &mut command(
            tools::schemathesis(),
            &[
                "--config-file",
                "tests/schemathesis.toml",
                "run",
                &format!("{base}/api/openapi.json"),
                "--url",
                &base,
                "--checks",
                "all",
                "--phases",
                "examples,coverage,fuzzing",
                "--max-examples",
                "50",
                "--seed",
                "1",
                "--workers",
                "2",
            ],
        ),
    )
}

/// A server process and its data folder, stopped and removed however the step ends.
struct Running(std::process::Child, std::path::PathBuf);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
        let _ = std::fs::remove_dir_all(&self.1);
    }
}

/// The tests that store something, against SQLite (`postgres: None`) or a PostgreSQL server.
fn storage_tests(backend: &str, postgres: Option<&str>) -> Result {
    step(&format!(
        "API tests on {backend} (real HTTP against the server on port 0)"
    ));
    run(
        "API tests",
        &mut storage_test(
            &["api", "applications", "follow", "staff", "load"],
            postgres,
        ),
    )?;
    step(&format!(
        "Mail tests on {backend} (the outbox sending to a real SMTP server, aiosmtpd, on loopback; the partner's part)"
    ));
    run(
        "mail tests",
        &mut storage_test(&["mail", "partner"], postgres),
    )?;
    step(&format!(
        "Crash and log tests on {backend} (the server as a process, killed with SIGKILL mid-submission)"
    ));
    run("process tests", &mut storage_test(&["process"], postgres))
}

fn storage_test(targets: &[&str], postgres: Option<&str>) -> std::process::Command {
    let mut args = vec!["test", "--package", "velferd-tests"];
    for target in targets {
        args.extend(["--test", target]);
    }
    let mut test = command("cargo", &args);
    test.env("VELFERD_BIN", root().join("target/debug/velferd"))
        .env("VELFERD_MAIL_PYTHON", tools::mail_python());
    match postgres {
        Some(url) => test.env("VELFERD_TEST_POSTGRES", url),
        None => test.env_remove("VELFERD_TEST_POSTGRES"),
    };
    test
}
