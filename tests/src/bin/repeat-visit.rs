//! What a resident's phone downloads on a repeat visit, once the app is kept on the device:
//! run by `cargo xtask bench` against the server it started (`repeat-visit http://127.0.0.1:…`).
//! Every byte between Chromium and the server passes through a counting proxy, so the figure
//! includes headers, revalidations and the browser's own check for a new service worker.

use std::{
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpListener, TcpStream},
};
use velferd_tests::{
    browser::{Driver, SessionOptions, Viewport},
    path_from_env, wait_until,
};

/// The page of the first visit, after which the service worker keeps the app.
const FIRST_VISIT: &str = "/check/q/age";

/// Pages of the residents' app, each visited once before and measured on the next visit.
const PAGES: &[&str] = &["/", "/check/q/age", "/help/money"];

#[tokio::main]
async fn main() {
    let server = std::env::args()
        .nth(1)
        .expect("usage: repeat-visit http://127.0.0.1:PORT");
    let server = server
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    if let Err(failure) = measure(&server).await {
        eprintln!("repeat-visit: {failure}");
        std::process::exit(1);
    }
}

async fn measure(server: &str) -> Result<(), String> {
    let received = Arc::new(AtomicU64::new(0));
    let proxy = TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| e.to_string())?;
    let base = format!("http://{}", proxy.local_addr().map_err(|e| e.to_string())?);
    tokio::spawn(forward(proxy, server.to_owned(), received.clone()));

    let driver = Driver::start(&path_from_env("CHROMEDRIVER", "/usr/bin/chromedriver")).await?;
    let browser = driver
        .session(SessionOptions {
            chromium: path_from_env("CHROMIUM", "/usr/bin/chromium"),
            base,
            axe_source: Arc::new(String::new()),
            viewport: Viewport::Mobile,
            browser_language: "is".into(),
        })
        .await?;
    // The first visit opens a screen in a part from a link, as a resident following a link to
    // the screener would: all the device downloads until the app is kept on it, which the
    // service worker's install makes more than the first load.
    browser.open(FIRST_VISIT).await?;
    wait_until(
        "the app to be kept on the device",
        Duration::from_secs(30),
        || async {
            match browser
                .script("return !!navigator.serviceWorker.controller")
                .await?
            {
                serde_json::Value::Bool(true) => Ok(()),
                other => Err(other.to_string()),
            }
        },
    )
    .await?;
    tokio::time::sleep(Duration::from_secs(2)).await;
    println!(
        "  first visit of {FIRST_VISIT} until the app is kept on the device: {} B from the server",
        received.load(Ordering::SeqCst)
    );
    for page in PAGES {
        browser.open(page).await?;
        // Settles: the page's requests and the worker's own check are done within this.
        tokio::time::sleep(Duration::from_secs(2)).await;
        received.store(0, Ordering::SeqCst);
        browser.open(page).await?;
        tokio::time::sleep(Duration::from_secs(2)).await;
        let bytes = received.load(Ordering::SeqCst);
        println!("  repeat visit of {page:<14} {bytes:>6} B from the server (goal < 2048 B)");
    }
    browser.close().await;
    Ok(())
}

/// Accepts connections and copies them to `server`, counting the bytes that come back.
async fn forward(proxy: TcpListener, server: String, received: Arc<AtomicU64>) {
    while let Ok((client, _)) = proxy.accept().await {
        let (server, received) = (server.clone(), received.clone());
        tokio::spawn(async move {
            let Ok(upstream) = TcpStream::connect(&server).await else {
                return;
            };
            let (mut client_read, mut client_write) = client.into_split();
            let (mut server_read, mut server_write) = upstream.into_split();
            let requests = async {
                let _ = tokio::io::copy(&mut client_read, &mut server_write).await;
                let _ = server_write.shutdown().await;
            };
            let responses = async {
                let mut buffer = vec![0u8; 64 * 1024];
                while let Ok(n) = server_read.read(&mut buffer).await {
                    if n == 0 || client_write.write_all(&buffer[..n]).await.is_err() {
                        break;
                    }
                    received.fetch_add(n as u64, Ordering::SeqCst);
                }
                let _ = client_write.shutdown().await;
            };
            tokio::join!(requests, responses);
        });
    }
}
