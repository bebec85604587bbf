//! Headless Chromium through chromedriver: one driver process for a whole test run, a fresh
//! browser profile per session, and helpers that speak in terms of what a resident does.

use std::{
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::Duration,
};

use fantoccini::{Client, ClientBuilder, Locator, key::Key, wd::WebDriverCompatibleCommand};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::wait_until;

/// The flags toolchain.md found necessary on these machines: without the networking ones,
/// Chromium floods the closed network with attempts.
const CHROMIUM_FLAGS: &[&str] = &[
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
];

pub const AXE_TAGS: &[&str] = &[
    "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewport {
    /// 360 × 740 CSS pixels with touch, like a cheap Android phone.
    Mobile,
    /// 1280 × 800.
    Desktop,
}

impl Viewport {
    pub fn size(self) -> (u32, u32) {
        match self {
            Viewport::Mobile => (360, 740),
            Viewport::Desktop => (1280, 800),
        }
    }
}

/// The chromedriver process, killed when dropped.
pub struct Driver {
    child: Child,
    pub url: String,
    profiles: tempfile::TempDir,
}

impl Driver {
    pub async fn start(chromedriver: &Path) -> Result<Driver, String> {
        let port = crate::wait::free_port();
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", chromedriver.display()))?;
        let driver = Driver {
            child,
            url: format!("http://127.0.0.1:{port}"),
            profiles: tempfile::tempdir().map_err(|e| e.to_string())?,
        };
        crate::wait::until_listening("chromedriver", port).await?;
        Ok(driver)
    }

    /// A new browser with an empty profile, so no cookie or storage leaks between tests.
    pub async fn session(&self, options: SessionOptions) -> Result<Browser, String> {
        let profile = tempfile::tempdir_in(self.profiles.path()).map_err(|e| e.to_string())?;
        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|s| s.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        args.push(format!("--lang={}", options.browser_language));
        let (w, h) = Viewport::Desktop.size();
        args.push(format!("--window-size={w},{h}"));
        let mut chrome = json!({
            "binary": options.chromium.display().to_string(),
            "args": args,
            "prefs": { "intl.accept_languages": options.browser_language },
        });
        if options.viewport == Viewport::Mobile {
            let (width, height) = Viewport::Mobile.size();
            chrome["mobileEmulation"] = json!({
                "deviceMetrics": { "width": width, "height": height, "pixelRatio": 2.0, "touch": true }
            });
        }
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), json!("chrome"));
        capabilities.insert("goog:chromeOptions".into(), chrome);
        capabilities.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&self.url)
            .await
            .map_err(|e| format!("cannot open a browser session: {e}"))?;
        Ok(Browser {
            client,
            base: options.base,
            axe_source: options.axe_source,
            _profile: profile,
        })
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct SessionOptions {
    pub chromium: PathBuf,
    pub base: String,
    pub axe_source: std::sync::Arc<String>,
    pub viewport: Viewport,
    /// What the browser says it prefers (`navigator.languages`, `Accept-Language`).
    pub browser_language: String,
}

pub struct Browser {
    pub client: Client,
    base: String,
    axe_source: std::sync::Arc<String>,
    _profile: tempfile::TempDir,
}

#[derive(Debug, Deserialize)]
pub struct Violation {
    pub id: String,
    pub impact: Option<String>,
    pub help: String,
    pub nodes: Vec<ViolationNode>,
}

#[derive(Debug, Deserialize)]
pub struct ViolationNode {
    pub target: Value,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let targets: Vec<String> = self.nodes.iter().map(|n| n.target.to_string()).collect();
        write!(
            f,
            "{} ({}): {} at {}",
            self.id,
            self.impact.as_deref().unwrap_or("unknown impact"),
            self.help,
            targets.join(", ")
        )
    }
}

/// What has keyboard focus, described well enough to assert on.
#[derive(Debug, Deserialize, PartialEq, Eq)]
pub struct Focused {
    pub tag: String,
    pub id: String,
    pub class: String,
    pub text: String,
    pub inside_main: bool,
}

type Failure = String;

fn err(context: &str) -> impl Fn(fantoccini::error::CmdError) -> Failure + '_ {
    move |e| format!("{context}: {e}")
}

impl Browser {
    /// Opens `path` with `?lang=` (or `&lang=`) and waits until the app has rendered a heading.
    pub async fn open_in(&self, path: &str, lang: &str) -> Result<(), Failure> {
        let separator = if path.contains('?') { '&' } else { '?' };
        self.open(&format!("{path}{separator}lang={lang}")).await?;
        self.wait_for_lang(lang).await?;
        // The app then takes `lang=` out of the address, which renders the page afresh: what a
        // test typed before that would be lost.
        wait_until(
            format!("{path} to drop lang= from its address"),
            Duration::from_secs(10),
            || async move {
                match self.script("return location.search").await? {
                    Value::String(search) if search.contains("lang=") => Err(search),
                    _ => Ok(()),
                }
            },
        )
        .await
    }

    /// Opens `path` as typed into the address bar and waits for the app's first heading.
    pub async fn open(&self, path: &str) -> Result<(), Failure> {
        self.goto(path).await?;
        self.wait_for_live_app().await
    }

    /// Opens `path` as typed into the address bar, waiting for nothing but the page's load: for
    /// a page that may show no screen.
    pub async fn goto(&self, path: &str) -> Result<(), Failure> {
        self.client
            .goto(&format!("{}{}", self.base, path))
            .await
            .map_err(err("navigate"))
    }

    pub async fn reload(&self) -> Result<(), Failure> {
        self.client.refresh().await.map_err(err("reload"))?;
        self.wait_for_live_app().await
    }

    /// Waits until the app has drawn its first heading and taken down the copy of the screen the
    /// build pre-rendered, whose controls do nothing until then.
    pub async fn wait_for_live_app(&self) -> Result<(), Failure> {
        wait_until(
            "the app to replace the pre-rendered screen",
            Duration::from_secs(15),
            || async move {
                match self
                    .script("return !document.getElementById('prerendered') && !!document.querySelector('main h1')")
                    .await?
                {
                    Value::Bool(true) => Ok(()),
                    other => Err(format!("not yet: {other}")),
                }
            },
        )
        .await
    }

    pub async fn wait_for(&self, css: &str) -> Result<fantoccini::elements::Element, Failure> {
        self.client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(css))
            .await
            .map_err(|e| format!("waiting for {css}: {e}"))
    }

    /// Waits until `<html lang>` is `lang`: the app applies a language change asynchronously.
    pub async fn wait_for_lang(&self, lang: &str) -> Result<(), Failure> {
        let awaited = format!("<html lang> to become {lang:?}");
        wait_until(awaited, Duration::from_secs(10), || async move {
            match self.html_lang().await? {
                now if now == lang => Ok(()),
                now => Err(format!("it is {now:?}")),
            }
        })
        .await
    }

    /// The path of the page on screen.
    pub async fn path(&self) -> Result<String, Failure> {
        Ok(self
            .script("return location.pathname")
            .await?
            .as_str()
            .unwrap_or_default()
            .to_owned())
    }

    /// Waits until the page is no longer `from` and the next one has its heading; returns the
    /// new path.
    pub async fn wait_for_path_change(&self, from: &str) -> Result<String, Failure> {
        let awaited = format!("the app to leave {from}");
        let now = wait_until(awaited, Duration::from_secs(10), || async move {
            match self.path().await? {
                now if now == from => Err(format!("still on {from}")),
                now => Ok(now),
            }
        })
        .await?;
        self.wait_for("main h1").await?;
        Ok(now)
    }

    /// Waits until the page's path starts with `prefix`; returns the path.
    pub async fn wait_for_path_starting(
        &self,
        prefix: &str,
        timeout: Duration,
    ) -> Result<String, Failure> {
        wait_until(format!("a page under {prefix}"), timeout, || async move {
            match self.path().await? {
                now if now.starts_with(prefix) => Ok(now),
                now => Err(format!("on {now}")),
            }
        })
        .await
    }

    /// Waits until focus is on the page's heading, where the app moves it after navigating.
    pub async fn wait_for_heading_focus(&self, page: &str) -> Result<(), Failure> {
        let awaited = format!("focus on the heading of {page}");
        wait_until(awaited, Duration::from_secs(5), || async move {
            match self.focused().await? {
                focused if focused.tag == "h1" => Ok(()),
                focused => Err(format!("focus is on {focused:?}")),
            }
        })
        .await
    }

    /// Waits until the text of `css` contains `expected`; returns the whole text.
    pub async fn wait_for_text(&self, css: &str, expected: &str) -> Result<String, Failure> {
        let awaited = format!("{css} to say {expected:?}");
        wait_until(awaited, Duration::from_secs(10), || async move {
            match self.text(css).await.unwrap_or_default() {
                text if text.contains(expected) => Ok(text),
                text => Err(format!("it says {text:?}")),
            }
        })
        .await
    }

    pub async fn script(&self, js: &str) -> Result<Value, Failure> {
        self.client.execute(js, vec![]).await.map_err(err(js))
    }

    pub async fn text(&self, css: &str) -> Result<String, Failure> {
        self.wait_for(css)
            .await?
            .text()
            .await
            .map_err(err("read text"))
    }

    pub async fn html_lang(&self) -> Result<String, Failure> {
        Ok(self
            .script("return document.documentElement.lang")
            .await?
            .as_str()
            .unwrap_or_default()
            .to_owned())
    }

    pub async fn html_dir(&self) -> Result<String, Failure> {
        Ok(self
            .script("return document.documentElement.dir")
            .await?
            .as_str()
            .unwrap_or_default()
            .to_owned())
    }

    pub async fn click(&self, css: &str) -> Result<(), Failure> {
        self.wait_for(css).await?.click().await.map_err(err(css))
    }

    /// Types into whatever has focus, as a keyboard user would.
    pub async fn type_keys(&self, text: &str) -> Result<(), Failure> {
        if text.is_empty() {
            return Ok(());
        }
        self.client
            .active_element()
            .await
            .map_err(err("the focused element"))?
            .send_keys(text)
            .await
            .map_err(err("typing"))
    }

    /// Types into the field `css` (for a file input: the file's path).
    pub async fn type_into(&self, css: &str, text: &str) -> Result<(), Failure> {
        self.wait_for(css)
            .await?
            .send_keys(text)
            .await
            .map_err(err(css))
    }

    /// Presses Tab as a keyboard user would and reports where focus landed.
    pub async fn press_tab(&self) -> Result<Focused, Failure> {
        self.press_key(Key::Tab).await?;
        self.focused().await
    }

    /// Presses Tab, at most `limit` times, until focus lands on what `wanted` accepts; returns
    /// what has focus then. `what` names it for the failure message.
    pub async fn tab_until(
        &self,
        what: &str,
        limit: usize,
        wanted: impl Fn(&Focused) -> bool,
    ) -> Result<Focused, Failure> {
        let mut focused = self.focused().await?;
        for _ in 0..limit {
            focused = self.press_tab().await?;
            if wanted(&focused) {
                return Ok(focused);
            }
        }
        Err(format!(
            "{limit} presses of Tab never reached {what}; focus is on {focused:?}"
        ))
    }

    pub async fn press_key(&self, key: Key) -> Result<(), Failure> {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let actions = KeyActions::new("keyboard".to_owned())
            .then(KeyAction::Down { value: key.into() })
            .then(KeyAction::Up { value: key.into() });
        self.client
            .perform_actions(actions)
            .await
            .map_err(err("press a key"))
    }

    pub async fn focused(&self) -> Result<Focused, Failure> {
        let value = self
            .script(
                "const e = document.activeElement;
                 return { tag: e.tagName.toLowerCase(), id: e.id || '', class: e.className || '',
                          text: (e.textContent || '').trim(), inside_main: !!e.closest('main') };",
            )
            .await?;
        serde_json::from_value(value).map_err(|e| e.to_string())
    }

    /// Runs axe-core with the WCAG 2.0, 2.1 and 2.2 A and AA rules over the whole page.
    pub async fn axe(&self) -> Result<Vec<Violation>, Failure> {
        let loaded = self.script("return typeof window.axe === 'object'").await?;
        if loaded != Value::Bool(true) {
            self.client
                .execute(&self.axe_source, vec![])
                .await
                .map_err(err("inject axe-core"))?;
        }
        let result = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { runOnly: { type: 'tag', values: arguments[0] } })
                    .then(r => done(r.violations), e => done({ error: String(e) }));",
                vec![json!(AXE_TAGS)],
            )
            .await
            .map_err(err("run axe-core"))?;
        if let Some(error) = result.get("error") {
            return Err(format!("axe-core failed: {error}"));
        }
        serde_json::from_value(result).map_err(|e| format!("axe-core result: {e}"))
    }

    /// The console messages since the last call (Chromium's log is drained as it is read).
    pub async fn console(&self) -> Result<Vec<String>, Failure> {
        let entries = self
            .client
            .issue_cmd(BrowserLog)
            .await
            .map_err(err("read the browser log"))?;
        Ok(entries
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e.get("message").and_then(Value::as_str).map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default())
    }

    /// Changes the viewport in place, as turning a phone into a desktop would.
    pub async fn set_viewport(&self, viewport: Viewport) -> Result<(), Failure> {
        let (width, height) = viewport.size();
        let mobile = viewport == Viewport::Mobile;
        self.client
            .issue_cmd(Cdp::new(
                "Emulation.setDeviceMetricsOverride",
                json!({ "width": width, "height": height, "deviceScaleFactor": if mobile { 2 } else { 1 }, "mobile": mobile }),
            ))
            .await
            .map_err(err("set the viewport"))?;
        self.client
            .issue_cmd(Cdp::new(
                "Emulation.setTouchEmulationEnabled",
                json!({ "enabled": mobile, "maxTouchPoints": if mobile { 5 } else { 1 } }),
            ))
            .await
            .map_err(err("set touch emulation"))?;
        Ok(())
    }

    /// Opens a new tab of the same browser and switches to it; returns the tab left and the new one.
    pub async fn new_tab(
        &self,
    ) -> Result<(fantoccini::wd::WindowHandle, fantoccini::wd::WindowHandle), Failure> {
        let first = self.client.window().await.map_err(err("the current tab"))?;
        let second = self
            .client
            .new_window(true)
            .await
            .map_err(err("open a tab"))?;
        self.client
            .switch_to_window(second.handle.clone())
            .await
            .map_err(err("switch tabs"))?;
        Ok((first, second.handle))
    }

    /// Says OK to the `confirm()` on screen.
    pub async fn accept_dialog(&self) -> Result<(), Failure> {
        self.client
            .accept_alert()
            .await
            .map_err(err("accept the dialog"))
    }

    pub async fn close(self) {
        let _ = self.client.close().await;
    }
}

/// chromedriver's `POST /session/{id}/se/log`, which the W3C protocol lacks.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(r#"{"type":"browser"}"#.to_owned()))
    }
}

/// A Chrome DevTools Protocol command through chromedriver.
pub fn cdp(command: &str, params: Value) -> impl WebDriverCompatibleCommand + Send + 'static {
    Cdp::new(command, params)
}

#[derive(Debug)]
struct Cdp {
    body: String,
}

impl Cdp {
    fn new(command: &str, params: Value) -> Cdp {
        Cdp {
            body: json!({ "cmd": command, "params": params }).to_string(),
        }
    }
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.clone()))
    }
}
