//! Browser tests: the real app, built by `cargo xtask build` into `dist/`, served by the real backend and
//! driven in headless Chromium. Run by `cargo xtask test` after the frontend is built.

use std::{future::Future, pin::Pin, sync::Arc};

use libtest_mimic::{Arguments, Failed, Trial};
use velferd_tests::{
    TestApp,
    browser::{Browser, Driver, SessionOptions, Viewport},
    path_from_env,
};

#[path = "browser/appearance.rs"]
mod appearance;
#[path = "browser/apply.rs"]
mod apply;
#[path = "browser/follow.rs"]
mod follow;
#[path = "browser/offline.rs"]
mod offline;
#[path = "browser/partner.rs"]
mod partner;
#[path = "browser/parts.rs"]
mod parts;
#[path = "browser/staff.rs"]
mod staff;

type TestResult = Result<(), String>;
type TestFuture = Pin<Box<dyn Future<Output = TestResult> + Send>>;

/// What every test gets: a way to open browser sessions against the running app.
#[derive(Clone)]
struct World {
    driver: Arc<Driver>,
    base: String,
    /// The built frontend, for tests that start a server of their own.
    dist: std::path::PathBuf,
    chromium: std::path::PathBuf,
    axe_source: Arc<String>,
}

impl World {
    /// A server of the test's own, with the built frontend, and this world pointed at it.
    async fn own_server(&self) -> (velferd_tests::TestApp, World) {
        let app = velferd_tests::TestApp::spawn_serving(&self.dist).await;
        let world = World {
            base: app.url(""),
            ..self.clone()
        };
        (app, world)
    }

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

/// Adds what axe finds on the page now, and what the checks beyond axe find (`inspect`), to
/// `violations`, each marked with `what`.
async fn audit(browser: &Browser, what: &str, violations: &mut Vec<String>) -> TestResult {
    let found = browser.axe().await?.into_iter().map(|v| v.to_string());
    let beyond = browser.inspect().await?.into_iter().map(|f| f.to_string());
    violations.extend(
        found
            .chain(beyond)
            .map(|problem| format!("{what}: {problem}")),
    );
    Ok(())
}

fn no_violations(violations: Vec<String>) -> TestResult {
    ensure(violations.is_empty(), || {
        format!(
            "{} accessibility violation(s):\n  {}",
            violations.len(),
            violations.join("\n  ")
        )
    })
}

// ---------------------------------------------------------------------------------------------
// The tests

const SHELL_SCREENS: &[&str] = &[
    "/",
    "/help/money",
    "/urgent-help",
    "/accessibility",
    "/no-such-page",
];

async fn shell_screens_have_no_axe_violations_on_mobile_and_desktop(
    world: World,
    lang: &'static str,
) -> TestResult {
    let mut violations = Vec::new();
    for viewport in [Viewport::Mobile, Viewport::Desktop] {
        let browser = world.browser(viewport).await?;
        for path in SHELL_SCREENS {
            browser.open_in(path, lang).await?;
            let what = format!("{path} [{lang}, {viewport:?}]");
            audit(&browser, &what, &mut violations).await?;
            // The accessibility statement is one link away from every screen.
            browser.wait_for("footer a[href='/accessibility']").await?;
        }
        browser.close().await;
    }
    no_violations(violations)
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
    no_policy_violations(&browser).await?;
    browser.close().await;
    Ok(())
}

/// Nothing the page did so far was refused by the content security policy.
async fn no_policy_violations(browser: &Browser) -> TestResult {
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
    })
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

/// The residents' app follows its own links and Back without loading the page again
/// (`frontend/src/router.rs`), and leaves to the browser a link opened with a modifier key or the
/// middle button (a new tab or window).
async fn links_and_back_move_between_screens_without_loading_the_page_again(
    world: World,
) -> TestResult {
    let browser = world.browser(Viewport::Mobile).await?;
    browser.open_in("/help/money", "en").await?;
    // A mark that a page load would wipe out, and a page scrolled down, which a new screen undoes.
    browser
        .script("window.velferdStayed = true; window.scrollTo(0, document.body.scrollHeight); return window.scrollY")
        .await?;
    browser.click("a.urgent-link").await?;
    browser.wait_for_text("main h1", "Urgent help").await?;
    let after = browser
        .script("return [window.velferdStayed === true, window.scrollY, location.pathname]")
        .await?;
    ensure(
        after == serde_json::json!([true, 0, "/urgent-help"]),
        || format!("after following the link: [not reloaded, scroll, path] = {after}"),
    )?;
    browser.client.back().await.map_err(|e| e.to_string())?;
    browser.wait_for_text("main h1", "Money").await?;
    let back = browser
        .script("return [window.velferdStayed === true, location.pathname]")
        .await?;
    ensure(back == serde_json::json!([true, "/help/money"]), || {
        format!("after Back: [not reloaded, path] = {back}")
    })?;
    // A listener after the app's sees whether the app took the click; it then cancels the
    // click itself, so that no tab opens.
    let taken = browser
        .script(
            "const taken = [];
             addEventListener('click', e => { taken.push(e.defaultPrevented); e.preventDefault(); });
             const link = document.querySelector('a.urgent-link');
             for (const init of [{}, {ctrlKey: true}, {metaKey: true}, {shiftKey: true}, {altKey: true}, {button: 1}]) {
               link.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true, ...init}));
             }
             return taken",
        )
        .await?;
    ensure(
        taken == serde_json::json!([true, false, false, false, false, false]),
        || format!("which clicks the app took (plain, ctrl, meta, shift, alt, middle): {taken}"),
    )?;
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

/// Screens that open straight from their address, with the longest texts residents meet.
const REFLOW_SCREENS: &[&str] = &[
    "/",
    "/help/money",
    "/urgent-help",
    "/accessibility",
    "/check",
    "/check/q/living",
    "/check/q/employment",
    "/call-me",
    "/apply/financial-assistance/consent",
];

async fn no_screen_scrolls_sideways_at_320_px_with_normal_or_doubled_text(
    world: World,
) -> TestResult {
    let browser = world.browser(Viewport::Mobile).await?;
    let mut findings = Vec::new();
    for lang in velferd_shared::Language::ALL {
        for path in REFLOW_SCREENS {
            browser.open_in(path, lang.code()).await?;
            findings.extend(
                browser
                    .reflow()
                    .await?
                    .into_iter()
                    .map(|f| format!("{path} [{}]: {f}", lang.code())),
            );
        }
    }
    browser.close().await;
    no_violations(findings)
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
// The screener

/// How a persona answers one question.
#[derive(Clone, Copy, Debug)]
enum Step {
    Type(&'static str),
    Choose(usize),
    DontKnow,
}

struct Persona {
    /// Answers by question slug; a question not listed here fails the test (it should not be asked).
    plan: &'static [(&'static str, Step)],
    /// The same answers as the engine sees them, to compute the expected outcome.
    answers: &'static str,
}

const SINGLE_RENTER: Persona = Persona {
    plan: &[
        ("age", Step::Type("29")),
        ("postcode", Step::Type("105")),
        ("living", Step::Choose(1)),
        ("partner", Step::Choose(1)),
        ("children", Step::Type("")),
        ("residence-status", Step::Choose(0)),
        ("months-in-reykjavik", Step::Type("30")),
        ("employment", Step::Choose(4)),
        ("student", Step::Choose(1)),
        ("income-this-month", Step::Type("0")),
        ("rent-per-month", Step::Type("195.000 kr")),
        ("income-last-year", Step::Type("2 400 000")),
        ("income-three-year-average", Step::DontKnow),
        ("assets", Step::Type("0")),
        ("disability", Step::Choose(1)),
        ("needs-help-at-home", Step::Choose(1)),
        ("can-use-public-transport", Step::Choose(0)),
        ("applied-housing-benefit", Step::Choose(0)),
    ],
    answers: r#"{"age":29,"postcode":"105","living":"registered-lease","partner":false,"children":[],
        "residence_status":"citizen-or-eea","months_in_reykjavik":30,"employment":"other","student":false,
        "income_this_month":0,"rent_per_month":195000,"income_last_year":2400000,
        "income_three_year_average":"unknown","assets":0,"disability":false,"needs_help_at_home":false,
        "can_use_public_transport":true,"applied_housing_benefit":true}"#,
};

const COUPLE_WITH_TWO_CHILDREN: Persona = Persona {
    plan: &[
        ("age", Step::Type("41")),
        ("postcode", Step::Type("111")),
        ("living", Step::Choose(1)),
        ("partner", Step::Choose(0)),
        ("children", Step::Type("6, 11")),
        ("custody", Step::Choose(0)),
        ("residence-status", Step::Choose(1)),
        ("months-in-reykjavik", Step::Type("84")),
        ("employment", Step::Choose(0)),
        ("student", Step::Choose(1)),
        ("income-this-month", Step::Type("210.000")),
        ("rent-per-month", Step::Type("260000")),
        ("income-last-year", Step::Type("5.100.000")),
        ("income-three-year-average", Step::Type("4.900.000")),
        ("assets", Step::Type("150 000")),
        ("disability", Step::Choose(1)),
        ("needs-help-at-home", Step::Choose(1)),
        ("can-use-public-transport", Step::Choose(0)),
        ("applied-housing-benefit", Step::Choose(0)),
    ],
    answers: r#"{"age":41,"postcode":"111","living":"registered-lease","partner":true,
        "children":[{"age":6},{"age":11}],"custody":true,"residence_status":"permanent-permit",
        "months_in_reykjavik":84,"employment":"working","student":false,"income_this_month":210000,
        "rent_per_month":260000,"income_last_year":5100000,"income_three_year_average":4900000,
        "assets":150000,"disability":false,"needs_help_at_home":false,"can_use_public_transport":true,
        "applied_housing_benefit":true}"#,
};

const SEVENTEEN_YEAR_OLD: Persona = Persona {
    plan: &[
        ("age", Step::Type("17")),
        ("postcode", Step::Type("109")),
        ("living", Step::Choose(3)),
        ("partner", Step::Choose(1)),
        ("children", Step::Type("")),
        ("residence-status", Step::Choose(0)),
        ("months-in-reykjavik", Step::Type("200")),
        ("employment", Step::Choose(4)),
        ("student", Step::Choose(0)),
        ("income-this-month", Step::Type("0")),
        ("income-last-year", Step::Type("0")),
        ("income-three-year-average", Step::Type("0")),
        ("assets", Step::Type("0")),
        ("disability", Step::Choose(1)),
        ("needs-help-at-home", Step::Choose(1)),
        ("can-use-public-transport", Step::Choose(0)),
    ],
    answers: r#"{"age":17,"postcode":"109","living":"with-parents","partner":false,"children":[],
        "residence_status":"citizen-or-eea","months_in_reykjavik":200,"employment":"other","student":true,
        "income_this_month":0,"income_last_year":0,"income_three_year_average":0,"assets":0,
        "disability":false,"needs_help_at_home":false,"can_use_public_transport":true}"#,
};

/// Reaches every question the screener has: custody, a temporary permit, unemployment and a
/// disability open the questions the other personas skip.
const EVERY_QUESTION: Persona = Persona {
    plan: &[
        ("age", Step::Type("52")),
        ("postcode", Step::Type("101")),
        ("living", Step::Choose(1)),
        ("partner", Step::Choose(1)),
        ("children", Step::Type("8")),
        ("custody", Step::Choose(0)),
        ("residence-status", Step::Choose(2)),
        ("permit-months-left", Step::Type("20")),
        ("months-in-reykjavik", Step::Type("26")),
        ("employment", Step::Choose(1)),
        ("student", Step::Choose(1)),
        ("income-this-month", Step::Type("90.000")),
        ("rent-per-month", Step::Type("180.000")),
        ("income-last-year", Step::Type("3.000.000")),
        ("income-three-year-average", Step::Type("3.200.000")),
        ("assets", Step::Type("0")),
        ("disability", Step::Choose(0)),
        ("support-hours-per-week", Step::Type("20")),
        ("needs-help-at-home", Step::Choose(0)),
        ("can-use-public-transport", Step::Choose(1)),
        ("applied-tr", Step::Choose(1)),
        ("applied-vmst", Step::Choose(0)),
        ("applied-housing-benefit", Step::DontKnow),
    ],
    answers: "{}",
};

/// Answers the question on screen as `step` says, by mouse/touch.
async fn answer(browser: &Browser, step: Step) -> Result<(), String> {
    match step {
        Step::Type(text) => {
            let field = browser.wait_for("#answer").await?;
            field.clear().await.map_err(|e| e.to_string())?;
            if !text.is_empty() {
                field.send_keys(text).await.map_err(|e| e.to_string())?;
            }
            browser.click("form button[type=submit]").await
        }
        Step::Choose(index) => {
            let id = if index == 0 {
                "answer".to_owned()
            } else {
                format!("answer-{index}")
            };
            browser.click(&format!("label[for='{id}']")).await?;
            browser.click("form button[type=submit]").await
        }
        Step::DontKnow => {
            if browser
                .script("return !!document.querySelector('input[type=radio]')")
                .await?
                == serde_json::Value::Bool(true)
            {
                browser.click(".radio:last-child label").await?;
                browser.click("form button[type=submit]").await
            } else {
                browser.click("main .button-link").await
            }
        }
    }
}

/// Goes through the screener from its start page to "Check your answers", answering as the
/// persona does; audits every page with axe when asked. Returns how many questions were asked.
async fn complete(
    browser: &Browser,
    persona: &Persona,
    lang: &str,
    audit_pages: bool,
) -> Result<usize, String> {
    browser.open_in("/check", lang).await?;
    let mut violations = Vec::new();
    if audit_pages {
        audit(browser, "/check", &mut violations).await?;
    }
    browser.click("main button.button").await?;
    let mut current = browser.wait_for_path_change("/check").await?;
    let mut asked = 0;
    while let Some(slug) = current.strip_prefix("/check/q/") {
        let step = persona
            .plan
            .iter()
            .find(|(s, _)| *s == slug)
            .map(|(_, step)| *step)
            .ok_or_else(|| {
                format!("the screener asked {slug:?}, which this persona should not be asked")
            })?;
        if audit_pages {
            audit(browser, &format!("{current} [{lang}]"), &mut violations).await?;
        }
        answer(browser, step).await?;
        current = browser.wait_for_path_change(&current).await?;
        asked += 1;
    }
    ensure(current == "/check/answers", || {
        format!("the screener ended on {current}")
    })?;
    if audit_pages {
        audit(browser, &format!("{current} [{lang}]"), &mut violations).await?;
    }
    browser
        .click("main a.button[href='/check/results']")
        .await?;
    browser.wait_for_path_change("/check/answers").await?;
    browser.wait_for(".result").await?;
    if audit_pages {
        let what = format!("/check/results [{lang}]");
        audit(browser, &what, &mut violations).await?;
    }
    no_violations(violations)?;
    Ok(asked)
}

/// What the engine says for the persona's answers today.
fn expected(
    persona: &Persona,
    service: velferd_shared::ServiceId,
) -> velferd_shared::rules::ServiceResult {
    let answers: velferd_shared::answers::Answers =
        serde_json::from_str(persona.answers).expect("the persona's answers parse");
    velferd_shared::rules::evaluate(&answers, velferd_backend::routes::today())
        .into_iter()
        .find(|r| r.service == service)
        .expect("every service is evaluated")
}

fn group_of(outcome: velferd_shared::rules::Outcome) -> &'static str {
    use velferd_shared::rules::Outcome::*;
    match outcome {
        LikelyEligible => "likely",
        MayBeEligible => "may-be",
        NotEligible => "not",
        NeedMoreAnswers => "unfinished",
    }
}

/// The result card of a service is in the engine's group and shows the engine's amount.
/// In `lang`, with its own way of grouping thousands.
async fn shows_as_the_engine_says(
    browser: &Browser,
    lang: &str,
    persona: &Persona,
    service: velferd_shared::ServiceId,
) -> TestResult {
    let result = expected(persona, service);
    let group = group_of(result.outcome);
    let card = format!(
        "section#{group} li.result[data-service='{}']",
        service.key()
    );
    browser
        .wait_for(&card)
        .await
        .map_err(|e| format!("{service:?} is not under {group}: {e}"))?;
    if let Some(amount) = result.amount {
        let shown = browser.text(&format!("{card} .amount-value")).await?;
        let language = velferd_shared::Language::from_tag(lang).ok_or("an unknown language")?;
        let want = velferd_shared::validation::Kronur::new(amount.kronur).in_language(language);
        ensure(shown == want, || {
            format!("{service:?}: shows {shown:?}, the engine says {want:?}")
        })?;
    }
    Ok(())
}

async fn a_single_renter_with_no_income_sees_financial_assistance_and_its_amount(
    world: World,
) -> TestResult {
    let browser = world.browser(Viewport::Mobile).await?;
    let asked = complete(&browser, &SINGLE_RENTER, "en", false).await?;
    println!("single renter: {asked} questions asked");
    use velferd_shared::ServiceId::*;
    for service in [
        FinancialAssistance,
        HousingBenefit,
        SpecialHousingSupport,
        SocialRentalHousing,
        LeisureCard,
    ] {
        shows_as_the_engine_says(&browser, "en", &SINGLE_RENTER, service).await?;
    }
    ensure(
        expected(&SINGLE_RENTER, FinancialAssistance).outcome
            == velferd_shared::rules::Outcome::LikelyEligible,
        || "the persona should be likely eligible for financial assistance".into(),
    )?;
    browser.close().await;
    Ok(())
}

async fn the_results_start_with_a_line_per_service_and_share_only_service_names(
    world: World,
) -> TestResult {
    let browser = world.browser(Viewport::Mobile).await?;
    complete(&browser, &SINGLE_RENTER, "en", false).await?;
    // One line per service, in the engine's outcome, each a link to its card.
    let lines = browser
        .script(
            "return [...document.querySelectorAll('.results-summary li')].map(li => \
               [li.dataset.service, li.dataset.outcome, li.querySelector('a').getAttribute('href')])",
        )
        .await?;
    let lines = lines.as_array().cloned().unwrap_or_default();
    let cards = browser
        .script("return document.querySelectorAll('li.result').length")
        .await?;
    ensure(lines.len() as u64 == cards.as_u64().unwrap_or(0), || {
        format!("{} summary lines for {cards} cards", lines.len())
    })?;
    for line in &lines {
        let service = line[0].as_str().unwrap_or_default();
        let id = velferd_shared::catalogue::CATALOGUE
            .iter()
            .map(|s| s.id)
            .find(|id| id.key() == service)
            .ok_or_else(|| format!("no service {service}"))?;
        let want = group_of(expected(&SINGLE_RENTER, id).outcome);
        ensure(
            line[1] == want && line[2] == format!("#service-{service}"),
            || format!("{line}: the engine says {want}"),
        )?;
        browser
            .wait_for(&format!("li.result#service-{service}"))
            .await?;
    }
    let height = browser
        .script("return document.documentElement.scrollHeight")
        .await?;
    println!("results page on a phone: {height} CSS px tall with every reason closed");
    // The reasons wait behind their disclosures until asked for.
    let closed = browser
        .script("return [...document.querySelectorAll('details.reasons-disclosure')].every(d => !d.open)")
        .await?;
    ensure(closed == serde_json::json!(true), || {
        "reasons are open at first".into()
    })?;
    browser
        .click("li.result details.reasons-disclosure summary")
        .await?;
    browser.wait_for("li.result details[open] .reason").await?;
    // The shared list names services, nothing else.
    let href = browser
        .script("return document.querySelector('.share-link').getAttribute('href')")
        .await?;
    let href = href.as_str().unwrap_or_default().to_owned();
    let named = href
        .strip_prefix("/check/list?services=")
        .ok_or_else(|| format!("the share link is {href}"))?;
    ensure(
        !named.is_empty()
            && named
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-' || c == ','),
        || format!("the share link carries more than service names: {href}"),
    )?;
    let found = lines
        .iter()
        .filter(|l| l[1] == "likely" || l[1] == "may-be")
        .count();
    let mut violations = Vec::new();
    for lang in ["is", "ar"] {
        browser.open_in(&href, lang).await?;
        let shown = browser
            .script("return document.querySelectorAll('main li.service').length")
            .await?;
        ensure(shown.as_u64() == Some(found as u64), || {
            format!("the list shows {shown} services of {found}")
        })?;
        audit(&browser, &format!("{href} [{lang}]"), &mut violations).await?;
    }
    no_violations(violations)?;
    browser.close().await;
    Ok(())
}

async fn a_couple_with_two_children_sees_the_engines_outcomes(world: World) -> TestResult {
    let browser = world.browser(Viewport::Mobile).await?;
    let asked = complete(&browser, &COUPLE_WITH_TWO_CHILDREN, "pl", false).await?;
    println!("couple with two children: {asked} questions asked");
    use velferd_shared::ServiceId::*;
    for service in [
        FinancialAssistance,
        HousingBenefit,
        LeisureCard,
        SupportForChildrenAndFamilies,
        SocialRentalHousing,
    ] {
        shows_as_the_engine_says(&browser, "pl", &COUPLE_WITH_TWO_CHILDREN, service).await?;
    }
    browser.close().await;
    Ok(())
}

async fn a_seventeen_year_old_is_not_eligible_for_financial_assistance(world: World) -> TestResult {
    let browser = world.browser(Viewport::Mobile).await?;
    let asked = complete(&browser, &SEVENTEEN_YEAR_OLD, "is", false).await?;
    println!("17-year-old: {asked} questions asked");
    browser
        .wait_for("section#not li.result[data-service='financial_assistance']")
        .await?;
    shows_as_the_engine_says(
        &browser,
        "is",
        &SEVENTEEN_YEAR_OLD,
        velferd_shared::ServiceId::SpecialHousingSupport,
    )
    .await?;
    browser.close().await;
    Ok(())
}

async fn every_screener_page_has_no_axe_violations(world: World, lang: &'static str) -> TestResult {
    let browser = world.browser(Viewport::Mobile).await?;
    let asked = complete(&browser, &EVERY_QUESTION, lang, true).await?;
    ensure(asked == EVERY_QUESTION.plan.len(), || {
        format!(
            "only {asked} of {} question pages were audited",
            EVERY_QUESTION.plan.len()
        )
    })?;
    browser.close().await;
    Ok(())
}

async fn a_reload_mid_way_resumes_at_the_same_question_with_every_answer(
    world: World,
) -> TestResult {
    let browser = world.browser(Viewport::Mobile).await?;
    browser.open_in("/check", "en").await?;
    browser.click("main button.button").await?;
    browser.wait_for_path_change("/check").await?;
    answer(&browser, Step::Type("29")).await?;
    browser.wait_for_path_change("/check/q/age").await?;
    answer(&browser, Step::Type("105")).await?;
    let at = browser.wait_for_path_change("/check/q/postcode").await?;
    ensure(at == "/check/q/living", || {
        format!("after postcode came {at}")
    })?;
    browser.reload().await?;
    ensure(browser.path().await? == "/check/q/living", || {
        "the reload left the question".into()
    })?;
    // The browser's back button returns to the previous question with its answer in place.
    browser.client.back().await.map_err(|e| e.to_string())?;
    browser.wait_for("#answer").await?;
    ensure(browser.path().await? == "/check/q/postcode", || {
        "back did not return to the postcode".into()
    })?;
    let value = browser
        .script("return document.querySelector('#answer').value")
        .await?;
    ensure(value == "105", || {
        format!("the postcode field holds {value}")
    })?;
    browser.close().await;
    Ok(())
}

async fn switching_language_mid_way_keeps_every_answer(world: World) -> TestResult {
    let browser = world.browser(Viewport::Mobile).await?;
    browser.open_in("/check", "en").await?;
    browser.click("main button.button").await?;
    browser.wait_for_path_change("/check").await?;
    answer(&browser, Step::Type("33")).await?;
    browser.wait_for_path_change("/check/q/age").await?;
    browser.click(".language-menu summary").await?;
    browser.click(".language-menu button[lang='uk']").await?;
    browser.wait_for_lang("uk").await?;
    browser.client.back().await.map_err(|e| e.to_string())?;
    browser.wait_for("#answer").await?;
    let value = browser
        .script("return document.querySelector('#answer').value")
        .await?;
    ensure(value == "33", || {
        format!("the age field holds {value} after switching language")
    })?;
    browser.close().await;
    Ok(())
}

async fn an_invalid_amount_shows_the_error_summary_and_the_field_error_in_the_chosen_language(
    world: World,
) -> TestResult {
    let browser = world.browser(Viewport::Mobile).await?;
    browser.open_in("/check", "en").await?;
    browser.click("main button.button").await?;
    browser.wait_for_path_change("/check").await?;
    // Reach a money question quickly by answering with "I don't know".
    let mut current = browser.path().await?;
    while current != "/check/q/income-this-month" {
        answer(&browser, Step::DontKnow).await?;
        current = browser.wait_for_path_change(&current).await?;
    }
    browser.click(".language-menu summary").await?;
    browser.click(".language-menu button[lang='es']").await?;
    browser.wait_for_lang("es").await?;
    let field = browser.wait_for("#answer").await?;
    field.send_keys("12,5").await.map_err(|e| e.to_string())?;
    browser.click("form button[type=submit]").await?;
    let summary = browser.text(".error-summary").await?;
    let field_error = browser.text(".field-error").await?;
    ensure(
        !summary.is_empty() && summary.contains(&field_error),
        || format!("summary {summary:?}, field {field_error:?}"),
    )?;
    ensure(
        browser.path().await? == "/check/q/income-this-month",
        || "an invalid amount moved on".into(),
    )?;
    let focused = browser.focused().await?;
    ensure(focused.class.contains("error-summary"), || {
        format!("focus is on {focused:?}")
    })?;
    let value = browser
        .script("return document.querySelector('#answer').value")
        .await?;
    ensure(value == "12,5", || format!("what was typed became {value}"))?;
    let english = "Enter whole krónur";
    ensure(!field_error.contains(english), || {
        format!("the error is not in Spanish: {field_error}")
    })?;
    browser.close().await;
    Ok(())
}

async fn a_change_link_returns_to_check_your_answers_with_the_new_answer(
    world: World,
) -> TestResult {
    let browser = world.browser(Viewport::Mobile).await?;
    complete(&browser, &SEVENTEEN_YEAR_OLD, "en", false).await?;
    browser.click("a[href='/check/answers']").await?;
    browser.wait_for_path_change("/check/results").await?;
    browser.click("a[href='/check/q/postcode']").await?;
    browser.wait_for_path_change("/check/answers").await?;
    let value = browser
        .script("return document.querySelector('#answer').value")
        .await?;
    ensure(value == "109", || {
        format!("the postcode field holds {value}")
    })?;
    answer(&browser, Step::Type("111")).await?;
    let back = browser.wait_for_path_change("/check/q/postcode").await?;
    ensure(back == "/check/answers", || {
        format!("after the change came {back}")
    })?;
    let summary = browser.text(".summary-list").await?;
    ensure(summary.contains("111") && !summary.contains("109"), || {
        format!("the summary reads {summary:?}")
    })?;
    // Start again asks first, then clears everything.
    browser.click("main .button-link").await?;
    browser.accept_dialog().await?;
    browser.wait_for_path_change("/check/answers").await?;
    let stored = browser
        .script("return localStorage.getItem('velferd.screener.answers')")
        .await?;
    ensure(
        stored.is_null() || stored == "{}" || !stored.as_str().unwrap_or("").contains("111"),
        || format!("answers left after starting again: {stored}"),
    )?;
    browser.close().await;
    Ok(())
}

/// Answers kept before the app stopped reading them through serde (a postcode as a number, an
/// amount as text, "I don't know") read as they were; a record that holds something no question
/// takes is set aside for the resident, neither trusted nor lost.
async fn answers_kept_by_an_earlier_version_read_back_and_a_damaged_record_is_set_aside(
    world: World,
) -> TestResult {
    let browser = world.browser(Viewport::Mobile).await?;
    browser.open_in("/check", "en").await?;
    browser
        .script(
            "localStorage.setItem('velferd.screener.answers', JSON.stringify({age: 40, \
               postcode: 101, partner: true, children: [{age: 4}, {age: 9}], \
               living: 'own-home', assets: '250.000 kr.', student: 'unknown'}))",
        )
        .await?;
    browser.open("/check/answers").await?;
    let summary = browser.text(".summary-list").await?;
    for shown in [
        "40",
        "101",
        "4, 9",
        "250",
        "Yes",
        "In a home I own",
        "I don't know",
    ] {
        ensure(summary.contains(shown), || {
            format!("{shown:?} is missing from the summary {summary:?}")
        })?;
    }
    let rewritten = browser
        .script("return JSON.parse(localStorage.getItem('velferd.screener.answers'))")
        .await?;
    ensure(
        rewritten["postcode"] == serde_json::json!("101")
            && rewritten["assets"] == serde_json::json!(250000)
            && rewritten["children"] == serde_json::json!([{"age": 4}, {"age": 9}])
            && rewritten["custody"].is_null(),
        || format!("written back as {rewritten}"),
    )?;
    let damaged = r#"{"age":40,"children":[{"age":40}]}"#;
    browser
        .script(&format!(
            "localStorage.setItem('velferd.screener.answers', {});",
            serde_json::Value::String(damaged.to_owned())
        ))
        .await?;
    browser.open("/check/answers").await?;
    browser.wait_for("main h1").await?;
    let kept = browser
        .script(
            "return [localStorage.getItem('velferd.screener.answers.unreadable'), \
                     document.querySelector('main').textContent.includes('40')]",
        )
        .await?;
    ensure(kept == serde_json::json!([damaged, false]), || {
        format!("set aside, and 40 shown: {kept}")
    })?;
    browser.close().await;
    Ok(())
}

async fn a_persona_completes_the_screener_by_keyboard_alone(world: World) -> TestResult {
    use fantoccini::key::Key;
    let browser = world.browser(Viewport::Desktop).await?;
    browser.open_in("/check", "en").await?;
    browser.reload().await?;
    // Tab to the Start button and press Enter.
    browser
        .tab_until("the Start button", 40, |f| {
            f.tag == "button" && f.class.contains("button") && f.inside_main
        })
        .await?;
    browser.press_key(Key::Enter).await?;
    let mut current = browser.wait_for_path_change("/check").await?;
    let mut asked = 0;
    while let Some(slug) = current.strip_prefix("/check/q/") {
        let step = SEVENTEEN_YEAR_OLD
            .plan
            .iter()
            .find(|(s, _)| *s == slug)
            .map(|(_, s)| *s)
            .ok_or_else(|| format!("unexpected question {slug}"))?;
        // Focus moves to the h1 after each step; Tab then moves into the form.
        browser.wait_for_heading_focus(&current).await?;
        let first = browser.press_tab().await?;
        match step {
            Step::Type(text) => {
                ensure(first.id == "answer", || {
                    format!("Tab from the heading reached {first:?}")
                })?;
                browser
                    .type_keys(&format!("{text}{}", &*Key::Enter))
                    .await?;
            }
            Step::Choose(index) => {
                ensure(first.tag == "input", || {
                    format!("Tab from the heading reached {first:?}")
                })?;
                if index == 0 {
                    browser.press_key(Key::Space).await?;
                }
                for _ in 0..index {
                    browser.press_key(Key::Down).await?;
                }
                let next = browser.press_tab().await?;
                ensure(next.tag == "button", || {
                    format!("Tab after the choices reached {next:?}")
                })?;
                browser.press_key(Key::Enter).await?;
            }
            Step::DontKnow => return Err("the keyboard persona has no I-don't-know steps".into()),
        }
        current = browser.wait_for_path_change(&current).await?;
        asked += 1;
    }
    ensure(current == "/check/answers", || {
        format!("ended on {current}")
    })?;
    println!("keyboard persona: {asked} questions asked");
    browser.close().await;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The harness

/// One trial named `name` that runs `test` with the world on the shared runtime.
fn trial<F, Fut>(name: String, runtime: &tokio::runtime::Handle, world: &World, test: F) -> Trial
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

/// A test's name is its function's name, without the module path it was written with.
fn name_of(path: &str) -> &str {
    path.rsplit("::").next().unwrap_or(path).trim()
}

/// Registers test functions under their own names: `trials![runtime, world; a, module::b]`.
/// With `in [languages] =>`, each function takes `(world, language)` and becomes one trial per
/// language, named `{function}_in_{language}`.
macro_rules! trials {
    ($runtime:expr, $world:expr; in $languages:expr => $($test:path),+ $(,)?) => {{
        let mut trials = Vec::new();
        $(
            for lang in $languages {
                let name = format!("{}_in_{lang}", name_of(stringify!($test)));
                trials.push(trial(name, $runtime, $world, move |world| $test(world, lang)));
            }
        )+
        trials
    }};
    ($runtime:expr, $world:expr; $($test:path),+ $(,)?) => {
        vec![$(trial(name_of(stringify!($test)).to_owned(), $runtime, $world, $test)),+]
    };
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
    let app = runtime.block_on(TestApp::spawn_serving(&dist));
    let driver = runtime
        .block_on(Driver::start(&chromedriver))
        .unwrap_or_else(|e| {
            eprintln!("browser tests cannot run: {e}");
            std::process::exit(1);
        });
    let world = World {
        driver: Arc::new(driver),
        base: app.url(""),
        dist: dist.clone(),
        chromium,
        axe_source: Arc::new(std::fs::read_to_string(&axe).expect("axe.min.js is readable")),
    };
    let rt = runtime.handle();
    let mut trials = trials![rt, &world;
        switching_language_changes_text_lang_and_dir_and_survives_a_reload,
        the_language_starts_from_the_browsers_preference,
        an_unknown_language_in_the_url_falls_back_to_icelandic,
        the_first_tab_reaches_the_skip_link_which_moves_focus_into_main,
        the_app_boots_under_the_content_security_policy,
        axe_reports_a_planted_violation_so_a_clean_audit_means_something,
        area_pages_list_their_services_with_official_names,
        an_unknown_path_shows_the_not_found_page,
        urgent_help_is_one_tap_away_on_every_screen,
        links_and_back_move_between_screens_without_loading_the_page_again,
        no_screen_scrolls_sideways_at_320_px_with_normal_or_doubled_text,
        the_viewport_can_switch_between_phone_and_desktop,
        a_single_renter_with_no_income_sees_financial_assistance_and_its_amount,
        a_couple_with_two_children_sees_the_engines_outcomes,
        the_results_start_with_a_line_per_service_and_share_only_service_names,
        a_seventeen_year_old_is_not_eligible_for_financial_assistance,
        a_reload_mid_way_resumes_at_the_same_question_with_every_answer,
        switching_language_mid_way_keeps_every_answer,
        an_invalid_amount_shows_the_error_summary_and_the_field_error_in_the_chosen_language,
        a_change_link_returns_to_check_your_answers_with_the_new_answer,
        answers_kept_by_an_earlier_version_read_back_and_a_damaged_record_is_set_aside,
        a_persona_completes_the_screener_by_keyboard_alone,
        apply::a_financial_assistance_application_is_completed_by_keyboard_on_a_phone,
        apply::what_the_screener_knows_is_not_asked_again_in_the_application,
        apply::an_application_sent_while_the_server_is_down_goes_through_once_it_is_back,
        apply::drafts_expire_after_30_days_and_receipts_after_12_months_and_the_pages_say_so,
        apply::next_months_application_starts_from_the_decided_one_and_marks_what_changed,
        follow::the_status_page_shows_a_change_made_with_the_admin_command,
        follow::a_photo_sent_from_the_status_page_is_downscaled_and_acknowledged,
        follow::clearing_the_device_removes_every_answer_and_receipt_but_keeps_the_language,
        follow::a_receipt_saved_in_another_tab_appears_in_this_one_without_a_reload,
        follow::a_call_back_is_requested_by_keyboard_on_a_phone,
        follow::a_call_back_without_a_language_or_a_time_says_which_is_missing_in_every_language,
        follow::a_document_sent_again_reads_as_already_received_not_as_a_failure,
        partner::the_applicant_sees_the_partners_part_awaited_and_sends_the_invitation_again,
        staff::the_staff_sign_in_form_can_be_filled_by_keyboard_alone,
        staff::a_staff_link_without_a_session_opens_the_sign_in_page,
        staff::the_staff_language_switch_changes_the_page_and_is_remembered,
        staff::the_residents_home_page_loads_no_staff_asset,
        staff::a_counsellor_takes_an_application_asks_for_a_document_and_decides_what_the_resident_sees,
        staff::a_call_back_request_is_handled_from_the_queue,
        staff::an_admin_creates_and_disables_an_account_from_the_workspace,
        staff::a_counsellor_handles_a_case_with_the_keyboard_alone,
        offline::the_home_page_a_question_and_the_results_open_with_the_server_stopped,
        offline::an_application_finished_offline_is_sent_once_from_a_reopened_tab,
        offline::a_new_version_is_used_from_the_next_screen_never_in_the_middle_of_one,
        offline::clearing_my_information_leaves_nothing_of_mine_in_caches_or_storage,
        offline::the_app_can_be_installed_with_a_manifest_in_the_residents_language,
        parts::a_screens_part_is_fetched_only_when_the_resident_goes_there,
        parts::the_screeners_part_is_fetched_while_the_home_page_is_idle,
        parts::a_help_page_asks_for_its_own_texts_and_not_the_other_screens,
        parts::a_screen_opened_from_a_link_has_its_part_and_texts_preloaded_and_fetched_once,
        parts::a_screen_opened_from_a_link_without_its_pack_comes_from_the_parts_own_files,
    ];
    trials.extend(trials![rt, &world; in ["is", "ar"] =>
        partner::a_partner_gives_their_part_from_the_invitation_link_on_a_phone,
    ]);
    trials.extend(trials![rt, &world; in ["is", "ar"] =>
        offline::a_document_and_a_call_back_wait_on_the_device_and_go_when_the_server_is_back,
        offline::screens_never_opened_open_in_the_residents_language_with_the_server_stopped,
        parts::a_part_that_cannot_be_fetched_is_reported_in_the_residents_language_with_a_retry,
        parts::a_part_opened_from_a_link_that_cannot_be_fetched_is_reported_with_a_retry,
        parts::a_continue_whose_rules_cannot_be_fetched_is_reported_with_a_retry,
        parts::a_call_back_whose_outbox_cannot_be_fetched_is_reported_with_a_retry,
        parts::a_language_table_that_cannot_be_fetched_is_reported_in_that_language_with_a_retry,
        parts::the_frames_texts_that_cannot_be_fetched_are_reported_in_that_language_with_a_retry,
        parts::a_first_screen_paints_from_its_html_and_the_app_takes_it_over,
    ]);
    // Icelandic, Lithuanian (the longest words) and Arabic (right to left).
    trials.extend(trials![rt, &world; in ["is", "lt", "ar"] =>
        follow::the_call_back_pages_have_no_axe_violations,
        apply::every_application_page_has_no_axe_violations,
        every_screener_page_has_no_axe_violations,
    ]);
    trials.extend(trials![rt, &world;
        in ["prefers-color-scheme=dark", "forced-colors=active", "prefers-reduced-motion=reduce"] =>
        appearance::every_control_and_the_focus_stay_visible,
    ]);
    trials.extend(trials![rt, &world; in ["is", "en"] =>
        staff::the_staff_sign_in_page_has_no_axe_violations,
    ]);
    trials.extend(trials![rt, &world; in ["is", "en", "ar"] =>
        shell_screens_have_no_axe_violations_on_mobile_and_desktop,
    ]);

    let conclusion = libtest_mimic::run(&args, trials);
    drop(world);
    drop(app);
    drop(runtime);
    conclusion.exit();
}
