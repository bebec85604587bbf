//! Building the two browser bundles with Trunk and serving the app.

use std::{io::Write, path::Path};

use crate::{
    offline, prerender,
    shell::{Failure, Result, command, fail, root, run, step},
    split, tools,
};

/// Release builds of the residents' app into `dist/` (in parts: `split.rs`) and of the staff
/// workspace into `dist/staff/` (served at `/staff/`, by Trunk), then brotli and gzip copies of
/// every asset.
pub fn frontend() -> Result {
    tools::ensure_build_tools()?;
    // Trunk runs cargo offline (it must never download); fetch the crates first.
    step("Fetching crates");
    run("cargo fetch", &mut command("cargo", &["fetch"]))?;
    // Residents first: that step empties dist/, which would take dist/staff with it.
    split::residents(&root().join("dist"))?;
    step("Building the staff workspace into dist/staff (Trunk, release, wasm-opt z)");
    run(
        "trunk build (staff)",
        &mut trunk(&[
            "staff.html",
            "--dist",
            "dist/staff",
            "--public-url",
            "/staff/",
        ]),
    )?;
    staff_stands_alone(&root().join("dist/staff"))?;
    step("Writing the service worker, the web app manifests and the icons");
    offline::write(&root().join("dist"))?;
    prerender::write(&root().join("dist"))?;
    step("Precompressing dist/ and dist/staff/ (brotli, gzip)");
    precompress(&root().join("dist"))
}

/// The staff bundle links the residents' crate for its form kit but is never split, so a part
/// loader reachable from it (through a part's exported entry point, which the linker keeps) leaves
/// an import of the split pipeline's placeholder module that no browser can resolve: the
/// workspace would load to a blank page. Caught here, at build time, with the reason.
fn staff_stands_alone(staff: &Path) -> Result {
    let entries = std::fs::read_dir(staff)
        .map_err(|e| Failure(format!("cannot read {}: {e}", staff.display())))?;
    for path in entries.flatten().map(|entry| entry.path()) {
        if path.extension().is_some_and(|ext| ext == "js") {
            let script = std::fs::read_to_string(&path)
                .map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))?;
            if script.contains("__wasm_split_placeholder__") {
                return fail(format!(
                    "{} imports __wasm_split_placeholder__: code reachable from a part's entry \
                     point calls a part loader; call loaders only from the residents' frame",
                    path.display()
                ));
            }
        }
    }
    Ok(())
}

/// `trunk build <target> --release …`, offline. The target comes first: Trunk's flags take an
/// optional `true`/`false`, and a file name right after one is read as its value.
fn trunk(args: &[&str]) -> std::process::Command {
    let mut all = vec!["build", args[0], "--release", "--offline"];
    all.extend(&args[1..]);
    let mut trunk = command("trunk", &all);
    trunk.env("TRUNK_OFFLINE", "true");
    trunk
}

const COMPRESSIBLE: &[&str] = &[
    "html",
    "js",
    "wasm",
    // A part's wasm files in one (`split::pack_of`).
    "bin",
    "css",
    "svg",
    "json",
    "txt",
    "map",
    "webmanifest",
];

fn precompress(dist: &Path) -> Result {
    let entries = std::fs::read_dir(dist)
        .map_err(|e| Failure(format!("cannot read {}: {e}", dist.display())))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            precompress(&path)?;
            continue;
        }
        let compressible = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e));
        if !compressible {
            continue;
        }
        let data = std::fs::read(&path)
            .map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))?;
        let write = |suffix: &str, bytes: Vec<u8>| {
            let mut name = path.clone().into_os_string();
            name.push(suffix);
            std::fs::write(&name, bytes).map_err(|e| Failure(format!("cannot write {name:?}: {e}")))
        };
        write(".br", brotli_bytes(&data))?;
        write(".gz", gzip_bytes(&data))?;
    }
    Ok(())
}

fn brotli_bytes(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        writer.write_all(data).expect("writing to memory");
    }
    out
}

fn gzip_bytes(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

/// `cargo xtask run`: build everything and serve on VELFERD_ADDR (default 127.0.0.1:8080).
pub fn serve() -> Result {
    frontend()?;
    step("Building and starting the server");
    run("the server", &mut server_cargo("run"))
}

/// `cargo <verb>` on the server binary with the optimised, quick-to-build `server` profile.
pub fn server_cargo(verb: &str) -> std::process::Command {
    command(
        "cargo",
        &[
            verb,
            "--profile",
            "server",
            "--package",
            "velferd-backend",
            "--bin",
            "velferd",
        ],
    )
}
