//! `cargo xtask bench`: figures to track, measured against the real server over HTTP.

use std::{
    io::{Read, Write},
    net::{TcpListener, TcpStream},
    process::{Child, Stdio},
    time::{Duration, Instant},
};

use crate::{
    build,
    shell::{Failure, Result, command, run, step},
};

/// The product budget for the home page's first load (product.md).
const FIRST_LOAD_BUDGET: usize = 150 * 1024;

pub fn all() -> Result {
    build::frontend()?;
    step("Building the server (profile server)");
    run("cargo build (server)", &mut build::server_cargo("build"))?;
    let server = Server::start()?;
    step("First load of the home page (as served, brotli)");
    first_load(&server.addr)?;
    Ok(())
}

struct Server {
    child: Child,
    addr: String,
    _data: TempDir,
}

/// A throwaway folder for the benchmark's database, removed afterwards.
struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Server {
    fn start() -> Result<Server> {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| Failure(format!("no free port: {e}")))?
            .port();
        let addr = format!("127.0.0.1:{port}");
        let data = TempDir(std::env::temp_dir().join(format!("velferd-bench-{port}")));
        let binary = crate::shell::root().join("target/server/velferd");
        let child = command(&binary, &[])
            .env("VELFERD_ADDR", &addr)
            .env(
                "VELFERD_DATABASE_URL",
                format!("sqlite://{}/bench.db", data.0.display()),
            )
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| Failure(format!("cannot start {}: {e}", binary.display())))?;
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(&addr).is_err() {
            if Instant::now() > deadline {
                return Err(Failure("the server did not start within 30 s".into()));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(Server {
            child,
            addr,
            _data: data,
        })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 GET; returns the response head and the body bytes as they crossed the wire.
fn get(addr: &str, path: &str) -> Result<(String, Vec<u8>)> {
    let mut stream = TcpStream::connect(addr).map_err(|e| Failure(format!("connect: {e}")))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept-Encoding: br, gzip\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| Failure(format!("send: {e}")))?;
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .map_err(|e| Failure(format!("read: {e}")))?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| Failure(format!("{path}: no HTTP head")))?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    Ok((head, raw[split + 4..].to_vec()))
}

/// The URLs the browser fetches on first load: what `index.html` links (CSS, the module and
/// the wasm it preloads). Trunk's minified HTML may leave attribute values unquoted.
fn first_load_assets(index: &str) -> Vec<String> {
    let mut assets: Vec<String> = Vec::new();
    for attribute in ["href=", "src="] {
        let mut rest = index;
        while let Some(at) = rest.find(attribute) {
            rest = &rest[at + attribute.len()..];
            let (value, after) = match rest.chars().next() {
                Some(quote @ ('"' | '\'')) => {
                    let inner = &rest[1..];
                    let end = inner.find(quote).unwrap_or(inner.len());
                    (&inner[..end], &inner[end..])
                }
                _ => {
                    let end = rest
                        .find(|c: char| c.is_whitespace() || c == '>')
                        .unwrap_or(rest.len());
                    (&rest[..end], &rest[end..])
                }
            };
            if value.starts_with('/') && !assets.iter().any(|a| a == value) {
                assets.push(value.to_owned());
            }
            rest = after;
        }
    }
    assets
}

fn first_load(addr: &str) -> Result {
    // The index itself is compressed on disk but served by whatever encoding was asked for.
    let (head, body) = get(addr, "/")?;
    let index = std::fs::read_to_string(crate::shell::root().join("dist/index.html"))
        .map_err(|e| Failure(format!("dist/index.html: {e}")))?;
    let mut rows = vec![("/ (index.html)".to_owned(), encoding(&head), body.len())];
    for asset in first_load_assets(&index) {
        let (head, body) = get(addr, &asset)?;
        if !head.starts_with("HTTP/1.1 200") {
            return Err(Failure(format!(
                "{asset}: {}",
                head.lines().next().unwrap_or_default()
            )));
        }
        rows.push((asset, encoding(&head), body.len()));
    }
    let total: usize = rows.iter().map(|r| r.2).sum();
    for (path, encoding, bytes) in &rows {
        println!("  {bytes:>9} B  {encoding:<8} {path}");
    }
    println!(
        "  {total:>9} B  total first-load transfer (budget {FIRST_LOAD_BUDGET} B: {})",
        if total <= FIRST_LOAD_BUDGET {
            "within"
        } else {
            "OVER"
        }
    );
    Ok(())
}

fn encoding(head: &str) -> String {
    head.lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-encoding")
                .then(|| value.trim().to_owned())
        })
        .unwrap_or_else(|| "identity".to_owned())
}

#[cfg(test)]
mod tests {
    use super::first_load_assets;

    #[test]
    fn first_load_assets_are_found_quoted_or_not_and_only_once() {
        let html = r#"<link href=/a-1.css rel=stylesheet><script src="/b.js"></script><link href='/b.js'><link href=data:, rel=icon>"#;
        assert_eq!(first_load_assets(html), vec!["/a-1.css", "/b.js"]);
    }
}
