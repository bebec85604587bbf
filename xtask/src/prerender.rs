//! The residents' first screens as HTML, in every language, so that a phone paints the page as
//! soon as the HTML and the style are in, not once the wasm has arrived, compiled and run.
//!
//! Chromium renders the built app itself (`--dump-dom` once the page is idle), so each page is
//! exactly what the app shows: there is no second copy of any screen. The app takes the copy
//! down when its own screen is ready (`frontend/src/prerendered.rs`); until then its controls
//! are `inert`, so nothing a resident types into the copy can be lost.

use std::{
    io::{BufRead, BufReader, Write},
    net::{TcpListener, TcpStream},
    path::{Path, PathBuf},
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
};

use velferd_shared::{Language, prerendered};

use crate::shell::{Failure, Result, command, fail, step};

/// Chromium renders this many pages at once (the build machines have two cores).
const AT_ONCE: usize = 2;
/// How often a page is rendered before the build gives up on it.
const ATTEMPTS: usize = 3;

/// Writes `dist/pages/<language>/<address>.html` for every address and language.
pub fn write(dist: &Path) -> Result {
    step("Rendering the first screens in every language (Chromium, --dump-dom)");
    let index = std::fs::read_to_string(dist.join("index.html"))
        .map_err(|e| Failure(format!("cannot read dist/index.html: {e}")))?;
    let files = Files::serve(dist)?;
    let mut pages: Vec<(Language, String)> = Vec::new();
    for language in Language::ALL {
        for address in prerendered::addresses() {
            pages.push((language, address));
        }
    }
    let queue = Mutex::new(pages);
    let failure: Mutex<Option<Failure>> = Mutex::new(None);
    std::thread::scope(|scope| {
        for worker in 0..AT_ONCE {
            let (queue, failure, index, files) = (&queue, &failure, &index, &files);
            scope.spawn(move || {
                while let Some((language, address)) = queue.lock().ok().and_then(|mut q| q.pop()) {
                    let rendered = rendered_page(
                        &files.url(&address, language),
                        worker,
                        index,
                        language,
                        &address,
                    )
                    .and_then(|html| save(dist, language, &address, &html));
                    if let Err(e) = rendered {
                        if let Ok(mut first) = failure.lock() {
                            first.get_or_insert(e);
                        }
                        return;
                    }
                }
            });
        }
    });
    match failure.into_inner() {
        Ok(Some(failure)) => Err(failure),
        _ => Ok(()),
    }
}

/// The page of `address`, tried again when Chromium did not finish the screen in its time (a busy
/// machine) before the build gives up on it.
fn rendered_page(
    url: &str,
    worker: usize,
    index: &str,
    language: Language,
    address: &str,
) -> Result<String> {
    let mut attempt = 1;
    loop {
        match render(url, worker).and_then(|dom| page(index, &dom, language, address)) {
            Err(_) if attempt < ATTEMPTS => attempt += 1,
            done => return done,
        }
    }
}

fn save(dist: &Path, language: Language, address: &str, html: &str) -> Result {
    let Some(file) = prerendered::file(language, address) else {
        return fail(format!("{address} is not an address to pre-render"));
    };
    let path = dist.join(prerendered::FOLDER).join(file);
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)
            .map_err(|e| Failure(format!("cannot create {}: {e}", folder.display())))?;
    }
    std::fs::write(&path, html)
        .map_err(|e| Failure(format!("cannot write {}: {e}", path.display())))
}

/// The page as Chromium shows it once the app is idle, in a profile of its own (so no language
/// or answer is remembered from the page before).
fn render(url: &str, worker: usize) -> Result<String> {
    let profile =
        std::env::temp_dir().join(format!("velferd-prerender-{}-{worker}", std::process::id()));
    let _ = std::fs::remove_dir_all(&profile);
    let profile_arg = format!("--user-data-dir={}", profile.display());
    let output = command(
        crate::tools::chromium(),
        &[
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            &profile_arg,
            // Virtual time waits for the network, so the screen's part and texts are in.
            "--virtual-time-budget=10000",
            "--dump-dom",
            url,
        ],
    )
    .stderr(std::process::Stdio::null())
    .output()
    .map_err(|e| Failure(format!("cannot run chromium: {e}")));
    let _ = std::fs::remove_dir_all(&profile);
    let output = output?;
    if !output.status.success() {
        return fail(format!(
            "chromium could not render {url}: {}",
            output.status
        ));
    }
    String::from_utf8(output.stdout).map_err(|_| Failure(format!("{url} rendered as non-UTF-8")))
}

/// `index.html` in `language`, with the app's rendering of `address` (from `dom`) in its body.
fn page(index: &str, dom: &str, language: Language, address: &str) -> Result<String> {
    let rendered = between(dom, "</noscript>", "</body>")
        .filter(|body| body.contains("<main") && body.contains("<h1"))
        .ok_or_else(|| {
            Failure(format!(
                "the app rendered no screen for {address} in {} within Chromium's time",
                language.code()
            ))
        })?;
    // Leptos's empty markers mean nothing without the live app.
    let rendered = rendered.replace("<!---->", "");
    // The copy's controls wait for the app: a form filled in before it is live would be lost.
    let rendered = ["form", "button", "details"]
        .iter()
        .fold(rendered, |html, tag| {
            html.replace(&format!("<{tag}"), &format!("<{tag} inert"))
        });
    let title = between(dom, "<title>", "</title>")
        .ok_or_else(|| Failure(format!("{address} rendered without a title")))?;

    let mut html = index.to_owned();
    for (from, to) in [
        (
            r#"<html lang="is" dir="ltr">"#.to_owned(),
            format!(
                r#"<html lang="{}" dir="{}">"#,
                language.code(),
                language.direction().html_dir()
            ),
        ),
        (
            "/manifest/is.webmanifest".to_owned(),
            format!("/manifest/{}.webmanifest", language.code()),
        ),
        (
            between(index, "<title>", "</title>")
                .map(|t| format!("<title>{t}</title>"))
                .unwrap_or_default(),
            format!("<title>{title}</title>"),
        ),
        (
            "</body>".to_owned(),
            format!("<div id=\"prerendered\">{}</div>\n</body>", rendered.trim()),
        ),
    ] {
        if from.is_empty() || !html.contains(&from) {
            return fail(format!("index.html has no {from:?} to write a page into"));
        }
        html = html.replacen(&from, &to, 1);
    }
    // The page paints first; start.js asks for the code once it has (a preload in the head
    // would share the line with the style the paint waits for).
    Ok(html
        .lines()
        .filter(|line| {
            !line.contains(r#"rel="modulepreload""#) && !line.contains(r#"rel="preload""#)
        })
        .map(|line| format!("{line}\n"))
        .collect())
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let to = from + text[from..].find(end)?;
    Some(&text[from..to])
}

/// `dist/` over HTTP on loopback for Chromium, the way the server answers it: files by name,
/// every other address the app's `index.html`. Nothing under `/api` is there: the first screens
/// need none of it.
struct Files {
    addr: String,
    stop: Arc<AtomicBool>,
}

impl Files {
    fn serve(dist: &Path) -> Result<Files> {
        let listener = TcpListener::bind("127.0.0.1:0")
            .map_err(|e| Failure(format!("cannot listen on loopback: {e}")))?;
        let addr = listener
            .local_addr()
            .map_err(|e| Failure(format!("no local address: {e}")))?
            .to_string();
        let stop = Arc::new(AtomicBool::new(false));
        let (dist, stopped) = (dist.to_owned(), stop.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                if stopped.load(Ordering::SeqCst) {
                    break;
                }
                let dist = dist.clone();
                std::thread::spawn(move || answer(stream, &dist));
            }
        });
        Ok(Files { addr, stop })
    }

    fn url(&self, address: &str, language: Language) -> String {
        format!("http://{}{address}?lang={}", self.addr, language.code())
    }
}

impl Drop for Files {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accepting thread so that it sees the flag.
        let _ = TcpStream::connect(&self.addr);
    }
}

fn answer(mut stream: TcpStream, dist: &Path) {
    let mut request_line = String::new();
    let mut reader = BufReader::new(&stream);
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .split('?')
        .next()
        .unwrap_or("/");
    let (status, file) = answer_for(dist, path);
    let body = file
        .as_ref()
        .and_then(|f| std::fs::read(f).ok())
        .unwrap_or_default();
    let content_type = file
        .as_ref()
        .and_then(|f| f.extension())
        .and_then(|e| e.to_str())
        .map(content_type)
        .unwrap_or("text/plain");
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

fn answer_for(dist: &Path, path: &str) -> (&'static str, Option<PathBuf>) {
    let last = path.rsplit('/').next().unwrap_or_default();
    if path.contains("..") || path == "/api" || path.starts_with("/api/") {
        ("404 Not Found", None)
    } else if last.contains('.') {
        let file = dist.join(path.trim_start_matches('/'));
        if file.is_file() {
            ("200 OK", Some(file))
        } else {
            ("404 Not Found", None)
        }
    } else {
        ("200 OK", Some(dist.join("index.html")))
    }
}

fn content_type(extension: &str) -> &'static str {
    match extension {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "json" | "webmanifest" => "application/manifest+json",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INDEX: &str = "<html lang=\"is\" dir=\"ltr\"><head><title>Velferð</title>\
        <link rel=\"manifest\" href=\"/manifest/is.webmanifest\">\n\
        <link rel=\"modulepreload\" href=\"/app-1/velferd-frontend.js\">\n\
        <link rel=\"preload\" href=\"/app-1/velferd-frontend_bg.wasm\" as=\"fetch\">\n\
        <script type=\"module\" src=\"/app-1/start.js\"></script></head>\
        <body><noscript>JS</noscript>\n</body></html>";

    #[test]
    fn a_page_carries_the_apps_screen_in_its_language_with_its_controls_inert() {
        let dom = "<html lang=\"ar\" dir=\"rtl\"><head><title>المال – Velferð</title></head>\
            <body><noscript>JS</noscript><!----><header><details><summary>x</summary>\
            <button>is</button></details></header><main id=\"main\"><h1>المال</h1>\
            <form><input id=\"answer\"></form></main></body></html>";
        let html = page(INDEX, dom, Language::Ar, "/help/money").unwrap();
        assert!(html.starts_with("<html lang=\"ar\" dir=\"rtl\">"), "{html}");
        assert!(html.contains("<title>المال – Velferð</title>"));
        assert!(html.contains("/manifest/ar.webmanifest"));
        assert!(html.contains(
            "<div id=\"prerendered\"><header><details inert><summary>x</summary>\
             <button inert>is</button></details></header><main id=\"main\"><h1>المال</h1>\
             <form inert><input id=\"answer\"></form></main></div>\n</body>"
        ));
        assert!(!html.contains("<!---->"));
        // The code is asked for by start.js once the page has painted.
        assert!(!html.contains("preload"), "{html}");
        assert!(html.contains("start.js"));
    }

    #[test]
    fn a_screen_that_did_not_render_stops_the_build() {
        let dom = "<html><head><title>Velferð</title></head><body><noscript>JS</noscript>\
            <header></header></body></html>";
        assert!(page(INDEX, dom, Language::Is, "/").is_err());
    }

    #[test]
    fn files_are_served_by_name_and_every_other_address_gets_the_app() {
        let dist = Path::new("/dist");
        // A file that is not there is missing, not the app.
        assert_eq!(
            answer_for(dist, "/app-1/style.css"),
            ("404 Not Found", None)
        );
        assert_eq!(
            answer_for(dist, "/help/money"),
            ("200 OK", Some(dist.join("index.html")))
        );
        assert_eq!(answer_for(dist, "/api/services").0, "404 Not Found");
        assert_eq!(answer_for(dist, "/../etc/passwd").0, "404 Not Found");
    }
}
