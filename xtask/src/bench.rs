//! `cargo xtask bench`: figures to track, measured against the real server over HTTP.

use std::{
    io::{Read, Write},
    net::{TcpListener, TcpStream},
    process::{Child, Stdio},
    time::{Duration, Instant},
};

use velferd_shared::Language;

use crate::{
    build, postgres,
    shell::{Failure, Result, command, run, step},
    split, tools,
};

/// The product budget for a page's first load (product.md).
const FIRST_LOAD_BUDGET: usize = 150 * 1024;

/// The pages #12 measures. A first visit to one fetches the first part and, for a screen in a
/// part, that part (`split::part_of_address`, the list `start.js` preloads from) and a table.
const FIRST_LOAD_PAGES: &[&str] = &[
    "/",
    "/check/q/age",
    "/check/results",
    "/apply/financial-assistance/consent",
    "/status/a-private-link",
    "/call-me",
    "/help/money",
];

pub fn all() -> Result {
    build::frontend()?;
    step("Building the server (profile server)");
    run("cargo build (server)", &mut build::server_cargo("build"))?;
    step("Eligibility evaluation in-process (native, release)");
    run(
        "cargo bench (evaluate)",
        &mut command(
            "cargo",
            &[
                "bench",
                "--package",
                "velferd-shared",
                "--bench",
                "evaluate",
            ],
        ),
    )?;
    let data = TempDir(std::env::temp_dir().join(format!("velferd-bench-{}", std::process::id())));
    let server = Server::start(&format!("sqlite://{}/bench.db", data.0.display()))?;
    step(
        "First loads (as served, brotli): the page's HTML, the first part, and the pack of the page's own part",
    );
    let tables: Vec<String> = split::every_table()
        .skip(1)
        .map(|table| format!("{table}_<language>"))
        .collect();
    println!(
        "  Every page fetches its language's frame texts ({}_<language>); a screen in a part also the tables of texts it reads (of {}).",
        split::FRAME_TEXTS,
        tables.join(", ")
    );
    for path in FIRST_LOAD_PAGES {
        // In the language asked for: the first screens' HTML is rendered in it.
        for language in [Language::Is, Language::Ar] {
            let address = format!("{path}?lang={}", language.code());
            let mut parts = vec![split::table(split::FRAME_TEXTS, language)];
            let part = split::part_of_address(path);
            if let Some(part) = part {
                parts.extend(
                    split::tables_of(part)
                        .iter()
                        .map(|t| split::table(t, language)),
                );
            }
            first_load(&server.addr, &address, part, &parts)?;
        }
    }
    step(
        "Repeat visits with the app kept on the device (headless Chromium, bytes from the server)",
    );
    tools::ensure_browser_tools()?;
    in_chromium("repeat-visit", &server.addr)?;
    step(
        "Moving between screens (headless Chromium, slow 4G and 4× CPU as Lighthouse's DevTools throttling)",
    );
    in_chromium("screen-moves", &server.addr)?;
    lighthouse(&server.addr)?;
    step("API under load: 32 keep-alive clients, 5 s each");
    let health = load(&server.addr, |addr, _, _| {
        request(addr, "GET", "/api/health", "", "")
    })?;
    let eligibility = load(&server.addr, |addr, _, _| {
        request(addr, "POST", "/api/eligibility", "", ELIGIBILITY_BODY)
    })?;
    // Every submission has its own idempotency key, so each is a new row committed with a full
    // fsync (SQLite WAL, synchronous = FULL) before the 201.
    let (submissions, paced) = submit_applications(&server.addr)?;
    drop(server);
    step("Durable submissions on PostgreSQL (a local cluster, fsync on), 32 clients");
    let cluster = postgres::Cluster::start(postgres::Durability::Synced)?;
    let on_postgres = Server::start(&format!("{}/postgres", cluster.url()))?;
    let (pg_submissions, pg_paced) = submit_applications(&on_postgres.addr)?;
    drop(on_postgres);
    drop(cluster);
    report("GET /api/health", &health);
    report("POST /api/eligibility", &eligibility);
    report("POST /api/applications (SQLite)", &submissions);
    report(&format!("  paced at {PACED_SUBMISSIONS}/s"), &paced);
    report("POST /api/applications (PostgreSQL)", &pg_submissions);
    report(&format!("  paced at {PACED_SUBMISSIONS}/s"), &pg_paced);
    for (name, load) in [
        ("eligibility", &eligibility),
        ("applications", &submissions),
    ] {
        println!(
            "  {name} / health: {:.2} of the throughput, {:.2}× the p99 latency",
            load.per_second() / health.per_second(),
            load.p99().as_secs_f64() / health.p99().as_secs_f64()
        );
    }
    Ok(())
}

/// The pages #12 holds to Lighthouse's mobile profile (simulated slow 4G, 4× CPU slowdown).
const LIGHTHOUSE_PAGES: &[&str] = &["/", "/check/q/age", "/help/money"];

/// Runs the measurement `bin` of velferd-tests, which drives headless Chromium, against the
/// server at `addr`.
fn in_chromium(bin: &str, addr: &str) -> Result {
    run(
        bin,
        command(
            "cargo",
            &[
                "run",
                "--quiet",
                "--package",
                "velferd-tests",
                "--bin",
                bin,
                "--",
                &format!("http://{addr}"),
            ],
        )
        .env("CHROMEDRIVER", tools::chromedriver())
        .env("CHROMIUM", tools::chromium()),
    )
}

/// Lighthouse 12 with Debian's Chromium on each page in Icelandic and Arabic: performance and
/// accessibility scores, LCP, TBT, CLS and the bytes the page transferred.
fn lighthouse(addr: &str) -> Result {
    step("Lighthouse 12, mobile profile, per page in Icelandic and Arabic");
    let cli = tools::ensure_lighthouse()?;
    let report =
        std::env::temp_dir().join(format!("velferd-lighthouse-{}.json", std::process::id()));
    println!(
        "  {:<24} {:>5} {:>5} {:>8} {:>7} {:>6} {:>9}",
        "page", "perf", "a11y", "LCP", "TBT", "CLS", "bytes"
    );
    for lang in ["is", "ar"] {
        for page in LIGHTHOUSE_PAGES {
            let url = format!("http://{addr}{page}?lang={lang}");
            let profile = tempfile_dir()?;
            let chrome_flags = format!(
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic \
                 --no-first-run --disable-background-networking --disable-component-update \
                 --disable-sync --user-data-dir={}",
                profile.0.display()
            );
            let output_path = format!("--output-path={}", report.display());
            let lighthouse = || {
                run(
                    "lighthouse",
                    command(
                        "node",
                        &[
                            &cli.to_string_lossy(),
                            &url,
                            "--quiet",
                            "--only-categories=performance,accessibility",
                            "--output=json",
                            &output_path,
                            &chrome_flags,
                        ],
                    )
                    .env("CHROME_PATH", tools::chromium()),
                )
            };
            // Lighthouse now and then fails to record the trace (NO_NAVSTART): a second try.
            lighthouse().or_else(|_| lighthouse())?;
            let json: serde_json::Value = serde_json::from_slice(
                &std::fs::read(&report).map_err(|e| Failure(format!("lighthouse report: {e}")))?,
            )
            .map_err(|e| Failure(format!("lighthouse report: {e}")))?;
            let score = |category: &str| {
                json["categories"][category]["score"]
                    .as_f64()
                    .unwrap_or(f64::NAN)
                    * 100.0
            };
            let audit = |name: &str| {
                json["audits"][name]["numericValue"]
                    .as_f64()
                    .unwrap_or(f64::NAN)
            };
            println!(
                "  {:<24} {:>5.0} {:>5.0} {:>6.2} s {:>4.0} ms {:>6.3} {:>9.0}",
                format!("{page} ({lang})"),
                score("performance"),
                score("accessibility"),
                audit("largest-contentful-paint") / 1000.0,
                audit("total-blocking-time"),
                audit("cumulative-layout-shift"),
                audit("total-byte-weight"),
            );
        }
    }
    let _ = std::fs::remove_file(&report);
    println!(
        "  targets (#12): performance ≥ 98, LCP ≤ 1.5 s, TBT ≤ 100 ms, CLS 0, accessibility 100"
    );
    Ok(())
}

fn tempfile_dir() -> Result<TempDir> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "velferd-lighthouse-profile-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).map_err(|e| Failure(format!("{}: {e}", dir.display())))?;
    Ok(TempDir(dir))
}

/// Submissions as fast as 32 clients can send them, then paced at the product's budget (hundreds
/// a second with p99 under 50 ms); every one a new application under its own key.
fn submit_applications(addr: &str) -> Result<(Load, Load)> {
    let flat_out = load(addr, |addr, client, n| {
        let key = format!("Idempotency-Key: bench-{client:02}-{n:012}\r\n");
        request(addr, "POST", "/api/applications", &key, APPLICATION_BODY)
    })?;
    let paced = load_at(addr, Some(PACED_SUBMISSIONS), |addr, client, n| {
        let key = format!("Idempotency-Key: paced-{client:02}-{n:012}\r\n");
        request(addr, "POST", "/api/applications", &key, APPLICATION_BODY)
    })?;
    Ok((flat_out, paced))
}

fn request(addr: &str, method: &str, path: &str, headers: &str, body: &str) -> Vec<u8> {
    format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n{headers}Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// A complete financial-assistance application, as the browser sends it.
const APPLICATION_BODY: &str = r#"{"service":"financial-assistance","language":"is","draft":{"consent":true,"name":"Bench Mark","kennitala":"120160-3389","address":"Laugavegur 1","postcode":"101","centre":"vesturmidstod","previous_aid":false,"partner":false,"children":"1","student":false,"housing":"registered-lease","employment":"unemployed","income":"50000","income_source":"","tax_credit":"not-used","bank_account":"0133-26-012345","documents_seen":true,"email":"","phone":"6111234","contact_language":"is"}}"#;

/// A couple with two children, renting: most services have rules to run.
const ELIGIBILITY_BODY: &str = r#"{"answers":{"age":38,"postcode":"109","months_in_reykjavik":60,"residence_status":"permanent-permit","partner":true,"children":[{"age":4},{"age":9}],"custody":true,"living":"registered-lease","rent_per_month":260000,"income_this_month":180000,"income_last_year":4800000,"income_three_year_average":4500000,"assets":0,"employment":"working","student":false,"disability":false,"needs_help_at_home":false,"can_use_public_transport":true,"applied_housing_benefit":true}}"#;

const CLIENTS: usize = 32;
/// Submissions a second in the paced run: "hundreds a second" from the product spec.
const PACED_SUBMISSIONS: u32 = 300;
const DURATION: Duration = Duration::from_secs(5);

struct Load {
    latencies: Vec<Duration>,
    elapsed: Duration,
    errors: usize,
}

impl Load {
    fn per_second(&self) -> f64 {
        self.latencies.len() as f64 / self.elapsed.as_secs_f64()
    }

    fn p99(&self) -> Duration {
        self.percentile(0.99)
    }

    fn percentile(&self, p: f64) -> Duration {
        if self.latencies.is_empty() {
            return Duration::ZERO;
        }
        let index =
            ((self.latencies.len() as f64 * p).ceil() as usize).clamp(1, self.latencies.len()) - 1;
        self.latencies[index]
    }
}

fn report(name: &str, load: &Load) {
    println!(
        "  {name:<24} {:>9.0} req/s   p50 {:>7.2} ms   p99 {:>7.2} ms   errors {}",
        load.per_second(),
        load.percentile(0.5).as_secs_f64() * 1000.0,
        load.p99().as_secs_f64() * 1000.0,
        load.errors
    );
}

/// `CLIENTS` connections, each sending requests back to back on one keep-alive connection;
/// `request(addr, client, n)` makes the `n`th request of a client.
fn load(
    addr: &str,
    request: impl Fn(&str, usize, u64) -> Vec<u8> + Send + Sync + Clone + 'static,
) -> Result<Load> {
    load_at(addr, None, request)
}

/// As `load`, with all clients together sending `per_second` requests a second when given.
fn load_at(
    addr: &str,
    per_second: Option<u32>,
    request: impl Fn(&str, usize, u64) -> Vec<u8> + Send + Sync + Clone + 'static,
) -> Result<Load> {
    let pace = per_second.map(|rate| Duration::from_secs(CLIENTS as u64) / rate);
    let started = Instant::now();
    let handles: Vec<_> = (0..CLIENTS)
        .map(|index| {
            let (addr, request) = (addr.to_owned(), request.clone());
            std::thread::spawn(move || {
                client(
                    &addr,
                    |n| request(&addr, index, n),
                    started + DURATION,
                    pace,
                )
            })
        })
        .collect();
    let mut all = Load {
        latencies: Vec::new(),
        elapsed: Duration::ZERO,
        errors: 0,
    };
    for handle in handles {
        let (latencies, errors) = handle
            .join()
            .map_err(|_| Failure("a load client panicked".into()))??;
        all.latencies.extend(latencies);
        all.errors += errors;
    }
    all.elapsed = started.elapsed();
    all.latencies.sort();
    Ok(all)
}

fn client(
    addr: &str,
    request: impl Fn(u64) -> Vec<u8>,
    until: Instant,
    pace: Option<Duration>,
) -> Result<(Vec<Duration>, usize)> {
    let started = Instant::now();
    let mut stream = TcpStream::connect(addr).map_err(|e| Failure(format!("connect: {e}")))?;
    stream.set_nodelay(true).ok();
    let mut latencies = Vec::new();
    let mut errors = 0;
    let mut buffer = Vec::with_capacity(16 * 1024);
    let mut n = 0;
    while Instant::now() < until {
        let bytes = request(n);
        // Paced: each request has its time; a late one counts its wait, so a slow server
        // cannot hide its queue by slowing the client down (no coordinated omission).
        let sent = match pace {
            Some(every) => {
                let due = started + every * n as u32;
                if let Some(wait) = due.checked_duration_since(Instant::now()) {
                    std::thread::sleep(wait);
                }
                due
            }
            None => Instant::now(),
        };
        n += 1;
        stream
            .write_all(&bytes)
            .map_err(|e| Failure(format!("send: {e}")))?;
        let status = read_response(&mut stream, &mut buffer)?;
        latencies.push(sent.elapsed());
        if !matches!(status, 200 | 201) {
            errors += 1;
        }
    }
    Ok((latencies, errors))
}

fn read_more(stream: &mut TcpStream, buffer: &mut Vec<u8>, chunk: &mut [u8]) -> Result {
    let n = stream
        .read(chunk)
        .map_err(|e| Failure(format!("read: {e}")))?;
    if n == 0 {
        return Err(Failure("the server closed the connection".into()));
    }
    buffer.extend_from_slice(&chunk[..n]);
    Ok(())
}

/// Reads one response with a Content-Length body; returns its status code.
fn read_response(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Result<u16> {
    buffer.clear();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        read_more(stream, buffer, &mut chunk)?;
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).to_ascii_lowercase();
    let status = head.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| Failure("a response without Content-Length".into()))?;
    while buffer.len() < head_end + length {
        read_more(stream, buffer, &mut chunk)?;
    }
    Ok(status)
}

struct Server {
    child: Child,
    addr: String,
}

/// A throwaway folder for the benchmark's database, removed afterwards.
struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Server {
    fn start(database_url: &str) -> Result<Server> {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| Failure(format!("no free port: {e}")))?
            .port();
        let addr = format!("127.0.0.1:{port}");
        let binary = crate::shell::root().join("target/server/velferd");
        let child = command(&binary, &[])
            .env("VELFERD_ADDR", &addr)
            .env("VELFERD_DATABASE_URL", database_url)
            .env("RUST_LOG", "warn")
            .env("VELFERD_SUBMISSIONS_PER_MINUTE", "0")
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
        Ok(Server { child, addr })
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

/// `path`'s first load: its HTML, the first part, the pack of the screen's `part` and the
/// `tables` of texts, as `start.js` fetches them on a first visit.
fn first_load(addr: &str, path: &str, part: Option<&str>, tables: &[String]) -> Result {
    // The index itself is compressed on disk but served by whatever encoding was asked for.
    let (head, body) = get(addr, path)?;
    let dist = crate::shell::root().join("dist");
    let index = std::fs::read_to_string(dist.join("index.html"))
        .map_err(|e| Failure(format!("dist/index.html: {e}")))?;
    let mut first_part = body.len();
    let encoding_of_index = encoding(&head);
    let mut assets = crate::split::first_load_assets(&index);
    // With a part, the first part's wasm is in the part's pack.
    if part.is_none() {
        assets.push(crate::split::url_of_main(&index)?);
    }
    for asset in assets {
        first_part += fetched_size(addr, &asset)?;
    }
    let mut own_part = 0;
    let mut part_files = crate::split::urls_of_parts(&dist, &index, tables)?;
    if let Some(part) = part {
        part_files.push(crate::split::url_of_pack(&index, part)?);
    }
    for file in &part_files {
        own_part += fetched_size(addr, file)?;
    }
    let total = first_part + own_part;
    println!(
        "  {total:>9} B  {path} ({encoding_of_index}): index.html and the first part {first_part} B, parts {} {own_part} B in {} files; budget {FIRST_LOAD_BUDGET} B: {}",
        part.into_iter()
            .map(crate::split::pack_of)
            .chain(tables.iter().cloned())
            .collect::<Vec<_>>()
            .join("+"),
        part_files.len(),
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

fn fetched_size(addr: &str, asset: &str) -> Result<usize> {
    let (head, body) = get(addr, asset)?;
    if !head.starts_with("HTTP/1.1 200") {
        return Err(Failure(format!(
            "{asset}: {}",
            head.lines().next().unwrap_or_default()
        )));
    }
    Ok(body.len())
}
