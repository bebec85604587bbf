//! Browser tests: the real app, built by Trunk into `dist/`, served by the real backend and
//! driven in headless Chromium. Run by `cargo xtask test` after the frontend is built.

use std::{future::Future, pin::Pin, sync::Arc};

use libtest_mimic::{Arguments, Failed, Trial};
use velferd_tests::{
    browser::{Browser, Driver, SessionOptions, Viewport},
    path_from_env,
    server::TestServer,
};

type TestResult = Result<(), String>;
type TestFuture = Pin<Box<dyn Future<Output = TestResult> + Send>>;

/// What every test gets: a way to open browser sessions against the running app.
#[derive(Clone)]
struct World {
    driver: Arc<Driver>,
    base: String,
    chromium: std::path::PathBuf,
    axe_source: Arc<String>,
}

impl World {
    async fn browser(&self, viewport: Viewport) -> Result<Browser, String> {
        self.browser_preferring(viewport, "is").await
    }

    async fn browser_preferring(
        &self,
        viewport: Viewport,
        language: &str,
    ) -> Result<Browser, String> {
        self.driver
            .session(SessionOptions {
                chromium: self.chromium.clone(),
                base: self.base.clone(),
                axe_source: self.axe_source.clone(),
                viewport,
                browser_language: language.to_owned(),
            })
            .await
    }
}

fn ensure(condition: bool, message: impl FnOnce() -> String) -> TestResult {
    if condition { Ok(()) } else { Err(message()) }
}

// ---------------------------------------------------------------------------------------------
// The tests

const SHELL_SCREENS: &[&str] = &["/", "/help/money", "/urgent-help", "/no-such-page"];

async fn shell_screens_have_no_axe_violations(world: World, lang: &'static str) -> TestResult {
    let mut report = Vec::new();
    for viewport in [Viewport::Mobile, Viewport::Desktop] {
        let browser = world.browser(viewport).await?;
        for path in SHELL_SCREENS {
            browser.open_in(path, lang).await?;
            for violation in browser.axe().await? {
                report.push(format!("{path} [{lang}, {viewport:?}] {violation}"));
            }
        }
        browser.close().await;
    }
    ensure(report.is_empty(), || {
        format!(
            "{} accessibility violation(s):\n  {}",
            report.len(),
            report.join("\n  ")
        )
    })
}

async fn switching_language_changes_text_lang_and_dir_and_survives_a_reload(
    world: World,
) -> TestResult {
    let browser = world.browser(Viewport::Mobile).await?;
    browser.open_in("/", "is").await?;
    let icelandic = browser.text("main h1").await?;
    ensure(icelandic == "Hvernig getum við aðstoðað?", || {
        format!("Icelandic h1 was {icelandic:?}")
    })?;

    browser.click(".language-menu summary").await?;
    browser.click(".language-menu button[lang='ar']").await?;
    browser.wait_for_lang("ar").await?;
    ensure(browser.html_dir().await? == "rtl", || {
        "Arabic is not right to left".into()
    })?;
    let arabic = browser.text("main h1").await?;
    ensure(arabic != icelandic && !arabic.is_empty(), || {
        format!("h1 did not change: {arabic:?}")
    })?;

    browser.reload().await?;
    browser.wait_for_lang("ar").await?;
    ensure(browser.html_dir().await? == "rtl", || {
        "dir lost on reload".into()
    })?;
    ensure(browser.text("main h1").await? == arabic, || {
        "text lost on reload".into()
    })?;

    browser.click(".language-menu summary").await?;
    browser.click(".language-menu button[lang='en']").await?;
    browser.wait_for_lang("en").await?;
    ensure(browser.html_dir().await? == "ltr", || {
        "English is not left to right".into()
    })?;
    let english = browser.text("main h1").await?;
    ensure(english == "How can we help?", || {
        format!("English h1 was {english:?}")
    })?;
    browser.close().await;
    Ok(())
}

async fn the_language_starts_from_the_browsers_preference(world: World) -> TestResult {
    let browser = world.browser_preferring(Viewport::Desktop, "pl").await?;
    browser.open("/").await?;
    browser.wait_for_lang("pl").await?;
    browser.close().await;
    let browser = world.browser_preferring(Viewport::Desktop, "de").await?;
    browser.open("/").await?;
    browser.wait_for_lang("is").await?;
    browser.close().await;
    Ok(())
}

async fn an_unknown_language_in_the_url_falls_back_to_icelandic(world: World) -> TestResult {
    let browser = world.browser_preferring(Viewport::Mobile, "en").await?;
    browser.open("/?lang=xx").await?;
    browser.wait_for_lang("is").await?;
    let h1 = browser.text("main h1").await?;
    ensure(h1 == "Hvernig getum við aðstoðað?", || {
        format!("h1 was {h1:?}")
    })?;
    browser.close().await;
    Ok(())
}

async fn the_first_tab_reaches_the_skip_link_which_moves_focus_into_main(
    world: World,
) -> TestResult {
    let browser = world.browser(Viewport::Desktop).await?;
    browser.open_in("/", "en").await?;
    // Start as a fresh page load does: nothing focused.
    browser.reload().await?;
    let first = browser.press_tab().await?;
    ensure(first.class.contains("skip-link"), || {
        format!("first Tab reached {first:?}")
    })?;
    ensure(first.text == "Skip to main content", || {
        format!("skip link reads {:?}", first.text)
    })?;
    browser.press_key(fantoccini::key::Key::Enter).await?;
    let after = browser.focused().await?;
    ensure(after.tag == "main" || after.inside_main, || {
        format!("focus went to {after:?}")
    })?;
    let next = browser.press_tab().await?;
    ensure(next.inside_main, || {
        format!("the Tab after skipping reached {next:?}")
    })?;
    browser.close().await;
    Ok(())
}

async fn the_app_boots_under_the_content_security_policy(world: World) -> TestResult {
    let browser = world.browser(Viewport::Desktop).await?;
    browser.open_in("/", "is").await?;
    browser.wait_for(".cards li").await?;
    // A marker proves the log is really read, so an empty result means no violations.
    browser
        .script("console.error('velferd-log-marker')")
        .await?;
    let log = browser.console().await?;
    ensure(log.iter().any(|m| m.contains("velferd-log-marker")), || {
        format!("the browser log cannot be read: {log:?}")
    })?;
    let violations: Vec<&String> = log
        .iter()
        .filter(|m| m.contains("Content Security Policy") || m.contains("Refused to"))
        .collect();
    ensure(violations.is_empty(), || {
        format!("CSP violations: {violations:#?}")
    })?;
    browser.close().await;
    Ok(())
}

async fn axe_reports_a_planted_violation_so_a_clean_audit_means_something(
    world: World,
) -> TestResult {
    let browser = world.browser(Viewport::Desktop).await?;
    browser.open_in("/", "is").await?;
    browser
        .script("const i = document.createElement('img'); i.src = 'data:,'; document.querySelector('main').append(i);")
        .await?;
    let violations = browser.axe().await?;
    ensure(violations.iter().any(|v| v.id == "image-alt"), || {
        format!("axe missed an image without alt text: {violations:?}")
    })?;
    browser.close().await;
    Ok(())
}

async fn area_pages_list_their_services_with_official_names(world: World) -> TestResult {
    let browser = world.browser(Viewport::Mobile).await?;
    browser.open_in("/", "en").await?;
    browser.click("a[href='/help/money']").await?;
    browser.wait_for(".services").await?;
    let h1 = browser.text("main h1").await?;
    ensure(h1 == "Money", || format!("area h1 was {h1:?}"))?;
    let page = browser.text("main").await?;
    for expected in [
        "Financial assistance",
        "Fjárhagsaðstoð",
        "Housing benefit",
        "hms.is",
        "Who it is for:",
        "Photo ID (passport or driving licence)",
        "350/2021",
    ] {
        ensure(page.contains(expected), || {
            format!("the money page lacks {expected:?}")
        })?;
    }
    // After a client-side navigation focus is on the new heading.
    let focused = browser.focused().await?;
    ensure(focused.tag == "h1", || {
        format!("focus after navigation: {focused:?}")
    })?;
    browser.close().await;
    Ok(())
}

async fn an_unknown_path_shows_the_not_found_page(world: World) -> TestResult {
    let browser = world.browser(Viewport::Mobile).await?;
    for path in ["/no-such-page", "/help/no-such-area"] {
        browser.open_in(path, "en").await?;
        let h1 = browser.text("main h1").await?;
        ensure(h1 == "Page not found", || format!("{path}: h1 was {h1:?}"))?;
    }
    browser.close().await;
    Ok(())
}

async fn urgent_help_is_one_tap_away_on_every_screen(world: World) -> TestResult {
    let browser = world.browser(Viewport::Mobile).await?;
    for path in SHELL_SCREENS {
        browser.open_in(path, "en").await?;
        browser.click("a.urgent-link").await?;
        browser.wait_for("a[href='tel:112']").await?;
        let h1 = browser.text("main h1").await?;
        ensure(h1 == "Urgent help", || {
            format!("from {path}: h1 was {h1:?}")
        })?;
    }
    let page = browser.text("main").await?;
    for expected in ["112", "17:00", "10:00", "barnavernd@reykjavik.is"] {
        ensure(page.contains(expected), || {
            format!("urgent help lacks {expected:?}")
        })?;
    }
    browser.close().await;
    Ok(())
}

async fn no_screen_scrolls_sideways_at_320_px(world: World) -> TestResult {
    let browser = world.browser(Viewport::Mobile).await?;
    browser.open_in("/", "is").await?;
    browser
        .client
        .issue_cmd(velferd_tests::browser::cdp(
            "Emulation.setDeviceMetricsOverride",
            serde_json::json!({ "width": 320, "height": 640, "deviceScaleFactor": 2, "mobile": true }),
        ))
        .await
        .map_err(|e| e.to_string())?;
    for lang in ["is", "uk", "ar"] {
        for path in SHELL_SCREENS {
            browser.open_in(path, lang).await?;
            let overflow = browser
                .script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
                .await?
                .as_i64()
                .unwrap_or(0);
            ensure(overflow <= 0, || {
                format!("{path} [{lang}] overflows by {overflow} px at 320 px")
            })?;
        }
    }
    browser.close().await;
    Ok(())
}

async fn the_viewport_can_switch_between_phone_and_desktop(world: World) -> TestResult {
    let browser = world.browser(Viewport::Desktop).await?;
    browser.open_in("/", "en").await?;
    browser.set_viewport(Viewport::Mobile).await?;
    let width = browser.script("return window.innerWidth").await?.as_i64();
    ensure(width == Some(360), || format!("mobile width was {width:?}"))?;
    browser.set_viewport(Viewport::Desktop).await?;
    let width = browser.script("return window.innerWidth").await?.as_i64();
    ensure(width == Some(1280), || {
        format!("desktop width was {width:?}")
    })?;
    browser.close().await;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The harness

fn trial<F, Fut>(name: &str, runtime: &tokio::runtime::Handle, world: &World, test: F) -> Trial
where
    F: FnOnce(World) -> Fut + Send + 'static,
    Fut: Future<Output = TestResult> + Send + 'static,
{
    let runtime = runtime.clone();
    let world = world.clone();
    Trial::test(name, move || {
        let future: TestFuture = Box::pin(test(world));
        runtime.block_on(future).map_err(Failed::from)
    })
}

fn main() {
    let mut args = Arguments::from_args();
    // Each test drives its own Chromium; two at a time keep a 2-core machine responsive.
    args.test_threads = args.test_threads.or(Some(2));

    let dist = path_from_env("VELFERD_DIST", "dist");
    let axe = path_from_env(
        "VELFERD_AXE",
        ".tools/node/node_modules/axe-core/axe.min.js",
    );
    let chromedriver = path_from_env("CHROMEDRIVER", "/usr/bin/chromedriver");
    let chromium = path_from_env("CHROMIUM", "/usr/bin/chromium");
    let missing: Vec<String> = [
        (
            dist.join("index.html"),
            "the built frontend (cargo xtask test builds it)",
        ),
        (axe.clone(), "axe-core (cargo xtask test installs it)"),
        (
            chromedriver.clone(),
            "chromedriver (cargo xtask test installs it)",
        ),
        (chromium.clone(), "chromium (cargo xtask test installs it)"),
    ]
    .into_iter()
    .filter(|(path, _)| !path.exists())
    .map(|(path, what)| format!("{} — {what}", path.display()))
    .collect();
    if !missing.is_empty() {
        eprintln!(
            "browser tests cannot run; missing:\n  {}",
            missing.join("\n  ")
        );
        std::process::exit(1);
    }

    let runtime = tokio::runtime::Runtime::new().expect("a Tokio runtime");
    let server = runtime.block_on(TestServer::spawn(&dist));
    let driver = Driver::start(&chromedriver).unwrap_or_else(|e| {
        eprintln!("browser tests cannot run: {e}");
        std::process::exit(1);
    });
    let world = World {
        driver: Arc::new(driver),
        base: format!("http://{}", server.addr),
        chromium,
        axe_source: Arc::new(std::fs::read_to_string(&axe).expect("axe.min.js is readable")),
    };
    let rt = runtime.handle();
    let mut trials = vec![
        trial(
            "switching_language_changes_text_lang_and_dir_and_survives_a_reload",
            rt,
            &world,
            switching_language_changes_text_lang_and_dir_and_survives_a_reload,
        ),
        trial(
            "the_language_starts_from_the_browsers_preference",
            rt,
            &world,
            the_language_starts_from_the_browsers_preference,
        ),
        trial(
            "an_unknown_language_in_the_url_falls_back_to_icelandic",
            rt,
            &world,
            an_unknown_language_in_the_url_falls_back_to_icelandic,
        ),
        trial(
            "the_first_tab_reaches_the_skip_link_which_moves_focus_into_main",
            rt,
            &world,
            the_first_tab_reaches_the_skip_link_which_moves_focus_into_main,
        ),
        trial(
            "the_app_boots_under_the_content_security_policy",
            rt,
            &world,
            the_app_boots_under_the_content_security_policy,
        ),
        trial(
            "axe_reports_a_planted_violation_so_a_clean_audit_means_something",
            rt,
            &world,
            axe_reports_a_planted_violation_so_a_clean_audit_means_something,
        ),
        trial(
            "area_pages_list_their_services_with_official_names",
            rt,
            &world,
            area_pages_list_their_services_with_official_names,
        ),
        trial(
            "an_unknown_path_shows_the_not_found_page",
            rt,
            &world,
            an_unknown_path_shows_the_not_found_page,
        ),
        trial(
            "urgent_help_is_one_tap_away_on_every_screen",
            rt,
            &world,
            urgent_help_is_one_tap_away_on_every_screen,
        ),
        trial(
            "no_screen_scrolls_sideways_at_320_px",
            rt,
            &world,
            no_screen_scrolls_sideways_at_320_px,
        ),
        trial(
            "the_viewport_can_switch_between_phone_and_desktop",
            rt,
            &world,
            the_viewport_can_switch_between_phone_and_desktop,
        ),
    ];
    for lang in ["is", "en", "ar"] {
        trials.push(trial(
            &format!("shell_screens_have_no_axe_violations_on_mobile_and_desktop_in_{lang}"),
            rt,
            &world,
            move |world| shell_screens_have_no_axe_violations(world, lang),
        ));
    }

    let conclusion = libtest_mimic::run(&args, trials);
    drop(world);
    drop(server);
    drop(runtime);
    conclusion.exit();
}
