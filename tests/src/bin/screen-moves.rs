//! How long a resident waits for the next screen once the first has loaded, on a slow phone and
//! line: run by `cargo xtask bench` against the server it started (`screen-moves
//! http://127.0.0.1:…`). #12 asks that no screen wait longer than 300 ms for the code it needs,
//! which the app fetches ahead while the browser is idle (`parts::prefetch_next_parts`).
//!
//! Chromium throttles as Lighthouse's DevTools throttling does for its mobile profile (slow 4G:
//! 562.5 ms round trip, 1,474.56 kbit/s down, 675 kbit/s up; 4× CPU). Each move starts in a
//! fresh profile (no cache, no service worker), on the first page a resident opened from a link.
//! It is timed in the page, from the move to the first frame that shows the next screen's
//! heading: the code's wait and the drawing. Once after the resident has read the first page
//! for a while, and once as soon as it shows, when little or nothing has come ahead. The bytes
//! are those the move itself asked for.

use std::{sync::Arc, time::Duration};

use serde_json::{Value, json};
use velferd_tests::{
    browser::{Browser, Driver, SessionOptions, Viewport, cdp},
    path_from_env,
};

/// The first page, opened from a link, and the screen a resident most often goes to next.
const MOVES: &[(&str, &str)] = &[
    ("/", "/check"),
    ("/help/money", "/check"),
    ("/check/q/age", "/check/answers"),
    ("/check/answers", "/check/results"),
];

/// How long the resident reads the first page before moving on.
const READING: Duration = Duration::from_secs(10);

#[tokio::main]
async fn main() {
    let server = std::env::args()
        .nth(1)
        .expect("usage: screen-moves http://127.0.0.1:PORT");
    if let Err(failure) = measure(server.trim_end_matches('/')).await {
        eprintln!("screen-moves: {failure}");
        std::process::exit(1);
    }
}

async fn measure(base: &str) -> Result<(), String> {
    let driver = Driver::start(&path_from_env("CHROMEDRIVER", "/usr/bin/chromedriver")).await?;
    println!(
        "  {:<34} {:>18} {:>18}",
        "move",
        format!("after {} s reading", READING.as_secs()),
        "at once"
    );
    for (from, to) in MOVES {
        let mut waits = Vec::new();
        for reading in [READING, Duration::ZERO] {
            let browser = throttled(&driver, base).await?;
            browser.open(from).await?;
            tokio::time::sleep(reading).await;
            let wait = move_to(&browser, to).await;
            browser.close().await;
            waits.push(wait?);
        }
        println!(
            "  {:<34} {:>18} {:>18}",
            format!("{from} -> {to}"),
            waits[0],
            waits[1]
        );
    }
    println!("  goal (#12): no screen waits longer than 300 ms for its code after reading");
    Ok(())
}

/// A fresh session throttled as Lighthouse's DevTools throttling for mobile.
async fn throttled(driver: &Driver, base: &str) -> Result<Browser, String> {
    let browser = driver
        .session(SessionOptions {
            chromium: path_from_env("CHROMIUM", "/usr/bin/chromium"),
            base: base.to_owned(),
            axe_source: Arc::new(String::new()),
            viewport: Viewport::Mobile,
            browser_language: "is".into(),
        })
        .await?;
    for (command, params) in [
        ("Network.enable", json!({})),
        (
            "Network.emulateNetworkConditions",
            json!({
                "offline": false,
                "latency": 562.5,
                "downloadThroughput": 1474.56 * 1024.0 / 8.0,
                "uploadThroughput": 675.0 * 1024.0 / 8.0,
            }),
        ),
        ("Emulation.setCPUThrottlingRate", json!({ "rate": 4 })),
    ] {
        browser
            .client
            .issue_cmd(cdp(command, params))
            .await
            .map_err(|e| format!("{command}: {e}"))?;
    }
    Ok(browser)
}

/// Moves to `to` as the app's links do, and says how long until its heading showed, with what
/// the move fetched.
async fn move_to(browser: &Browser, to: &str) -> Result<String, String> {
    const MOVE: &str = "
        const [to, done] = arguments;
        const before = document.querySelector('main h1')?.textContent;
        const start = performance.now();
        history.pushState(null, '', to);
        dispatchEvent(new PopStateEvent('popstate'));
        const shown = () => {
          const heading = document.querySelector('main h1')?.textContent?.trim();
          const waited = performance.now() - start;
          if (heading && heading !== before?.trim()) {
            const fetched = performance.getEntriesByType('resource')
              .filter((r) => r.startTime >= start && r.transferSize > 0)
              .reduce((sum, r) => sum + r.transferSize, 0);
            done([Math.round(waited), fetched]);
          } else if (waited > 20000) {
            done(null);
          } else {
            requestAnimationFrame(shown);
          }
        };
        requestAnimationFrame(shown);";
    let timed = browser
        .client
        .execute_async(MOVE, vec![Value::from(to)])
        .await
        .map_err(|e| format!("moving to {to}: {e}"))?;
    match timed.as_array().map(Vec::as_slice) {
        Some([Value::Number(ms), Value::Number(bytes)]) => {
            let bytes = bytes.as_u64().unwrap_or_default();
            Ok(if bytes == 0 {
                format!("{ms} ms")
            } else {
                format!("{ms} ms ({} KB)", bytes.div_ceil(1024))
            })
        }
        _ => Err(format!("{to} showed no heading of its own within 20 s")),
    }
}
