//! Running commands with a clear account of what ran and what failed.

use std::{
    ffi::OsStr,
    fmt,
    path::{Path, PathBuf},
    process::Command,
};

#[derive(Debug)]
pub struct Failure(pub String);

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub type Result<T = ()> = std::result::Result<T, Failure>;

pub fn fail<T>(message: impl Into<String>) -> Result<T> {
    Err(Failure(message.into()))
}

/// The workspace root, whatever directory xtask was started from.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the workspace")
        .to_path_buf()
}

pub fn step(title: &str) {
    println!("\n==> {title}");
}

/// A command rooted at the workspace, with our tool folders first on `PATH`.
pub fn command(program: impl AsRef<OsStr>, args: &[&str]) -> Command {
    let mut command = Command::new(program);
    command
        .args(args)
        .current_dir(root())
        .env("PATH", tool_path());
    command
}

pub fn run(what: &str, command: &mut Command) -> Result {
    let status = command.status().map_err(|e| {
        Failure(format!(
            "{what}: could not start {:?}: {e}",
            command.get_program()
        ))
    })?;
    if status.success() {
        Ok(())
    } else {
        fail(format!("{what} failed ({status})"))
    }
}

/// The trimmed standard output of a command, or `None` when it is missing or fails.
pub fn output(program: impl AsRef<OsStr>, args: &[&str]) -> Option<String> {
    let out = command(program, args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// npm tools (wasm-opt) first, then cargo's bin folder, then the inherited `PATH`.
pub fn tool_path() -> String {
    let mut parts = vec![root().join(".tools/node/node_modules/.bin")];
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        parts.push(PathBuf::from(home).join("bin"));
    } else if let Some(home) = std::env::var_os("HOME") {
        parts.push(PathBuf::from(home).join(".cargo/bin"));
    }
    let mut path = std::env::join_paths(parts)
        .expect("tool folders have no separators")
        .into_string()
        .unwrap_or_default();
    if let Ok(inherited) = std::env::var("PATH") {
        path.push(':');
        path.push_str(&inherited);
    }
    path
}
