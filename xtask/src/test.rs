//! `cargo xtask test`: every check and test, in the order that fails fastest, stopping at the
//! first failure.

use crate::{
    build,
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

    step("API tests (real HTTP against the server on port 0)");
    run(
        "API tests",
        &mut command(
            "cargo",
            &[
                "test",
                "--package",
                "velferd-tests",
                "--test",
                "api",
                "--test",
                "applications",
                "--test",
                "follow",
                "--test",
                "staff",
            ],
        ),
    )?;

    step(
        "Mail tests (the outbox sending to a real SMTP server, aiosmtpd, on loopback; the partner's part)",
    );
    run(
        "mail tests",
        command(
            "cargo",
            &[
                "test",
                "--package",
                "velferd-tests",
                "--test",
                "mail",
                "--test",
                "partner",
            ],
        )
        .env("VELFERD_MAIL_PYTHON", tools::mail_python()),
    )?;

    step("Crash and log tests (the server as a process, killed with SIGKILL mid-submission)");
    run(
        "server binary",
        &mut command(
            "cargo",
            &["build", "--package", "velferd-backend", "--bin", "velferd"],
        ),
    )?;
    run(
        "process tests",
        command(
            "cargo",
            &["test", "--package", "velferd-tests", "--test", "process"],
        )
        .env("VELFERD_BIN", root().join("target/debug/velferd"))
        .env("VELFERD_MAIL_PYTHON", tools::mail_python()),
    )?;

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
