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
