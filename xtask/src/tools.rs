//! Installs what the commands need, each only when it is missing or at the wrong version, so a
//! second run costs nothing. Versions are pinned here or read from `Cargo.lock`.

use std::path::PathBuf;

use crate::shell::{Result, command, fail, output, root, run, step};

pub const TRUNK_VERSION: &str = "0.21.14";
/// npm's binaryen: Debian's wasm-opt (108) is too old and breaks the optimised module.
pub const BINARYEN_VERSION: &str = "132.0.0";
pub const AXE_CORE_VERSION: &str = "4.14.1";
/// Minifies the residents' JavaScript glue (Trunk's own minifier stops at its `import`s).
pub const ESBUILD_VERSION: &str = "0.24.2";
const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Chromium, the wasm32 target, Trunk, wasm-bindgen-cli, wasm-split-cli, wasm-opt and esbuild:
/// everything a frontend build needs.
pub fn ensure_build_tools() -> Result {
    ensure_chromium()?;
    ensure_wasm_target()?;
    ensure_trunk()?;
    ensure_wasm_bindgen()?;
    ensure_wasm_split()?;
    ensure_npm_packages()
}

/// The splitter that understands the split points of leptos's `wasm_split_helpers`.
pub const WASM_SPLIT_VERSION: &str = "0.2.4";

fn ensure_wasm_split() -> Result {
    let installed = output("cargo", &["install", "--list"]).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.starts_with(&format!("wasm_split_cli_support v{WASM_SPLIT_VERSION}")))
    {
        return Ok(());
    }
    step(&format!(
        "Installing wasm-split-cli {WASM_SPLIT_VERSION} (about a minute, once)"
    ));
    run(
        "cargo install wasm_split_cli_support",
        &mut command(
            "cargo",
            &[
                "install",
                "wasm_split_cli_support",
                "--version",
                WASM_SPLIT_VERSION,
                "--features",
                "build-binary",
                "--locked",
            ],
        ),
    )
}

/// Chromium from Debian: the build renders the first screens with it (`prerender.rs`).
fn ensure_chromium() -> Result {
    if chromium().exists() {
        return Ok(());
    }
    step("Installing chromium (Debian package)");
    apt_install(&["chromium"])
}

/// Chromium and chromedriver from Debian, and axe-core from npm, for the browser tests.
pub fn ensure_browser_tools() -> Result {
    ensure_npm_packages()?;
    if chromium().exists() && chromedriver().exists() {
        return Ok(());
    }
    step("Installing chromium and chromium-driver (Debian packages)");
    apt_install(&["chromium", "chromium-driver"])?;
    if !chromedriver().exists() {
        return fail("chromium-driver was installed but /usr/bin/chromedriver is missing");
    }
    Ok(())
}

/// The version of PyPI's aiosmtpd the mail tests receive mail with.
const AIOSMTPD_VERSION: &str = "1.4.6";
/// The version of PyPI's Schemathesis that tests the API against its OpenAPI document.
const SCHEMATHESIS_VERSION: &str = "4.32.5";

/// A real SMTP server for the mail tests: PyPI's aiosmtpd in a git-ignored virtual environment.
pub fn ensure_mail_tools() -> Result {
    ensure_python_package("aiosmtpd", AIOSMTPD_VERSION)
}

/// Schemathesis, in the same virtual environment.
pub fn ensure_schemathesis() -> Result {
    ensure_python_package("schemathesis", SCHEMATHESIS_VERSION)
}

/// `package` at `version` in `.tools/venv` (created when missing), unless it is there already.
fn ensure_python_package(package: &str, version: &str) -> Result {
    let python = mail_python();
    let check = format!("import importlib.metadata as m; print(m.version({package:?}))");
    let installed = output(python.display().to_string(), &["-c", &check]);
    if installed.as_deref().map(str::trim) == Some(version) {
        return Ok(());
    }
    step(&format!(
        "Installing {package} {version} (PyPI) into .tools/venv"
    ));
    if !python.exists() {
        let venv = root().join(".tools/venv");
        run(
            "python3 -m venv",
            &mut command("python3", &["-m", "venv", &venv.display().to_string()]),
        )?;
    }
    run(
        &format!("pip install {package}"),
        &mut command(
            &python,
            &[
                "-m",
                "pip",
                "install",
                "--disable-pip-version-check",
                "--quiet",
                &format!("{package}=={version}"),
            ],
        ),
    )
}

/// The Schemathesis command in the virtual environment.
pub fn schemathesis() -> PathBuf {
    root().join(".tools/venv/bin/schemathesis")
}

/// The virtual environment's Python, which runs aiosmtpd.
pub fn mail_python() -> PathBuf {
    root().join(".tools/venv/bin/python")
}

pub fn chromium() -> PathBuf {
    PathBuf::from("/usr/bin/chromium")
}

pub fn chromedriver() -> PathBuf {
    PathBuf::from("/usr/bin/chromedriver")
}

pub fn axe_source() -> PathBuf {
    npm_folder().join("node_modules/axe-core/axe.min.js")
}

fn npm_folder() -> PathBuf {
    root().join(".tools/node")
}

/// Installs Debian packages, through sudo unless we are root.
pub fn apt_install(packages: &[&str]) -> Result {
    let sudo = !is_root();
    let apt = |args: &[&str]| {
        let mut c = if sudo {
            command("sudo", &["apt-get"])
        } else {
            command("apt-get", &[])
        };
        c.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        c
    };
    run("apt-get update", &mut apt(&["update"]))?;
    let mut install = apt(&["install", "-y", "--no-install-recommends"]);
    install.args(packages);
    run(
        &format!("apt-get install {}", packages.join(" ")),
        &mut install,
    )
}

pub fn is_root() -> bool {
    output("id", &["-u"]).as_deref() == Some("0")
}

fn ensure_wasm_target() -> Result {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        return Ok(());
    }
    step("Installing the wasm32 target");
    run(
        "rustup target add",
        &mut command("rustup", &["target", "add", WASM_TARGET]),
    )
}

fn ensure_trunk() -> Result {
    if output("trunk", &["--version"])
        .is_some_and(|v| v.split_whitespace().nth(1) == Some(TRUNK_VERSION))
    {
        return Ok(());
    }
    step(&format!(
        "Installing Trunk {TRUNK_VERSION} (about 10 minutes, once)"
    ));
    run(
        "cargo install trunk",
        &mut command(
            "cargo",
            &["install", "trunk", "--version", TRUNK_VERSION, "--locked"],
        ),
    )
}

/// The `wasm-bindgen` version in `Cargo.lock`: the CLI must match it exactly.
pub fn locked_wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| crate::shell::Failure(format!("cannot read Cargo.lock: {e}")))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\""
            && let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \""))
        {
            return Ok(version.trim_end_matches('"').to_owned());
        }
    }
    fail("Cargo.lock has no wasm-bindgen package")
}

fn ensure_wasm_bindgen() -> Result {
    let version = locked_wasm_bindgen_version()?;
    if output("wasm-bindgen", &["--version"])
        .is_some_and(|v| v.split_whitespace().nth(1) == Some(&version))
    {
        return Ok(());
    }
    step(&format!(
        "Installing wasm-bindgen-cli {version} (a few minutes, once)"
    ));
    // `--locked` fails for this crate: one of its locked dependencies left the registry.
    run(
        "cargo install wasm-bindgen-cli",
        &mut command(
            "cargo",
            &["install", "wasm-bindgen-cli", "--version", &version],
        ),
    )
}

/// Lighthouse 12 runs on the machine's Node 20 (13 wants Node 22); only the bench uses it, so it
/// has a folder of its own and the build's npm install stays small.
pub const LIGHTHOUSE_VERSION: &str = "12.8.2";

fn lighthouse_folder() -> PathBuf {
    root().join(".tools/lighthouse")
}

/// Lighthouse's command line, installed from npm when missing.
pub fn ensure_lighthouse() -> Result<PathBuf> {
    let folder = lighthouse_folder();
    let cli = folder.join("node_modules/lighthouse/cli/index.js");
    if npm_package_version_in(&folder, "lighthouse").as_deref() == Some(LIGHTHOUSE_VERSION) {
        return Ok(cli);
    }
    step(&format!(
        "Installing Lighthouse {LIGHTHOUSE_VERSION} into .tools/lighthouse (npm)"
    ));
    npm_install(&folder, &[format!("lighthouse@{LIGHTHOUSE_VERSION}")])?;
    Ok(cli)
}

fn npm_install(folder: &std::path::Path, specs: &[String]) -> Result {
    std::fs::create_dir_all(folder)
        .map_err(|e| crate::shell::Failure(format!("cannot create {}: {e}", folder.display())))?;
    let manifest = folder.join("package.json");
    if !manifest.exists() {
        std::fs::write(&manifest, "{ \"private\": true }\n").map_err(|e| {
            crate::shell::Failure(format!("cannot write {}: {e}", manifest.display()))
        })?;
    }
    let mut args = vec!["install", "--no-audit", "--no-fund", "--save-exact"];
    args.extend(specs.iter().map(String::as_str));
    let mut npm = command("npm", &args);
    npm.current_dir(folder);
    run("npm install", &mut npm)
}

fn npm_package_version(package: &str) -> Option<String> {
    npm_package_version_in(&npm_folder(), package)
}

fn npm_package_version_in(folder: &std::path::Path, package: &str) -> Option<String> {
    let manifest = std::fs::read_to_string(
        folder
            .join("node_modules")
            .join(package)
            .join("package.json"),
    )
    .ok()?;
    let at = manifest.find("\"version\"")?;
    let rest = &manifest[at + "\"version\"".len()..];
    let start = rest.find('"')? + 1;
    let end = start + rest[start..].find('"')?;
    Some(rest[start..end].to_owned())
}

fn ensure_npm_packages() -> Result {
    let wanted = [
        ("binaryen", BINARYEN_VERSION),
        ("axe-core", AXE_CORE_VERSION),
        ("esbuild", ESBUILD_VERSION),
    ];
    if wanted
        .iter()
        .all(|(package, version)| npm_package_version(package).as_deref() == Some(*version))
    {
        return Ok(());
    }
    step("Installing wasm-opt (npm binaryen), esbuild and axe-core into .tools/node");
    let specs: Vec<String> = wanted.iter().map(|(p, v)| format!("{p}@{v}")).collect();
    npm_install(&npm_folder(), &specs)
}
