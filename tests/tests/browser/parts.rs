//! The residents' app in parts (frontend/src/parts.rs): the first visit fetches the frame and the
//! home page, a screen's part is fetched when the resident goes there, and a part that cannot be
//! fetched is reported in the resident's language with the Online Center's number and a retry.

use std::path::{Path, PathBuf};

use velferd_backend::translations;
use velferd_shared::Language;
use velferd_tests::{
    TestApp,
    browser::{Browser, Viewport},
};

use super::{TestResult, World, ensure, offline::copy_folder};

/// The names of the wasm files the page has fetched so far.
async fn fetched_wasm(browser: &Browser) -> Result<Vec<String>, String> {
    Ok(wasm_initiators(browser)
        .await?
        .into_iter()
        .map(|(name, _)| name)
        .collect())
}

pub async fn a_screens_part_is_fetched_only_when_the_resident_goes_there(
    world: World,
) -> TestResult {
    let browser = world.browser(Viewport::Mobile).await?;
    browser.open_in("/", "en").await?;
    browser.wait_for("main h1").await?;
    let on_home = fetched_wasm(&browser).await?;
    for later in [
        // A device that keeps no application needs none of the outboxes' code.
        "split_device.wasm",
        "split_apply.wasm",
        "split_follow.wasm",
        "split_callback.wasm",
        "split_partner.wasm",
    ] {
        ensure(!on_home.iter().any(|n| n == later), || {
            format!("the home page fetched {later}: {on_home:?}")
        })?;
    }
    // The frame reads its own table alone: a text of another table that it read would make the
    // loader fetch that table (the idle prefetch asks by `link`, never by `fetch`).
    let loaded_on_home: Vec<String> = wasm_initiators(&browser)
        .await?
        .into_iter()
        .filter(|(file, by)| is_table(file) && !file.starts_with("split_frame_") && by == "fetch")
        .map(|(file, _)| file)
        .collect();
    ensure(loaded_on_home.is_empty(), || {
        format!("the home page read texts beyond the frame's: {loaded_on_home:?}")
    })?;
    browser.click("footer a[href='/call-me']").await?;
    browser
        .wait_for_text(
            "main h1",
            &translations::text(Language::En, "callback.title"),
        )
        .await?;
    browser.wait_for_heading_focus("/call-me").await?;
    let after = fetched_wasm(&browser).await?;
    ensure(after.iter().any(|n| n == "split_callback.wasm"), || {
        format!("the call-back screen came without its part: {after:?}")
    })?;
    ensure(!after.iter().any(|n| n == "split_apply.wasm"), || {
        format!("asking for a call fetched the application part: {after:?}")
    })?;
    // The frame's and the screen's texts came, in English alone: no other language's tables were
    // fetched. (The screener's may have come too, fetched ahead while the home page was idle.)
    let tables: Vec<&String> = after.iter().filter(|n| is_table(n)).collect();
    for wanted in [
        "split_frame_en.wasm",
        "split_screener_texts_en.wasm",
        "split_strings_en.wasm",
    ] {
        ensure(tables.iter().any(|t| *t == wanted), || {
            format!("the call-back screen came without {wanted}: {tables:?}")
        })?;
    }
    // Nor the application's texts. (The help pages' and the results' may have come, fetched
    // ahead for the help pages while the home page was idle.)
    ensure(
        !tables
            .iter()
            .any(|t| *t == "split_application_texts_en.wasm"),
        || format!("asking for a call fetched the application's texts: {tables:?}"),
    )?;
    ensure(tables.iter().all(|t| t.ends_with("_en.wasm")), || {
        format!("an English page fetched another language's texts: {tables:?}")
    })?;
    browser.close().await;
    Ok(())
}

// The tables of texts, as the frontend's build and `cargo xtask build` read them.
#[path = "../../../frontend/layout.rs"]
#[allow(dead_code)]
mod layout;

/// A language's table of texts (`split_frame_<lang>`, `split_help_texts_<lang>`, …).
fn is_table(file: &str) -> bool {
    layout::TEXT_TABLES
        .iter()
        .any(|(.., part, _)| file.starts_with(&format!("split_{part}_")))
}

/// How the page fetched each wasm file and each part's pack so far: its name and what asked
/// for it (`link` for a preload, `fetch` for the loader or for `start.js`'s pack).
async fn wasm_initiators(browser: &Browser) -> Result<Vec<(String, String)>, String> {
    let entries = browser
        .script(
            "return performance.getEntriesByType('resource') \
               .filter(e => e.name.endsWith('.wasm') || e.name.endsWith('.bin')) \
               .map(e => [new URL(e.name).pathname.split('/').pop(), e.initiatorType])",
        )
        .await?;
    Ok(entries
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|pair| Some((pair[0].as_str()?.to_owned(), pair[1].as_str()?.to_owned())))
        .collect())
}

/// Opens the screener's first question from a link, in `language`, and waits for its heading.
async fn open_the_first_question(browser: &Browser, language: Language) -> TestResult {
    browser.open_in("/check/q/age", language.code()).await?;
    browser
        .wait_for_text(
            "main h1",
            &translations::text(language, "questions.age.title"),
        )
        .await?;
    Ok(())
}

/// The built app served from a copy, from which a test can take files away (as a deploy in
/// between or a lost connection would leave them out of reach) and put them back.
struct ServedCopy {
    dist: PathBuf,
    aside: PathBuf,
    world: World,
    // Serves the copy, which lives in `_folder`, for as long as this lives.
    _app: TestApp,
    _folder: tempfile::TempDir,
}

impl ServedCopy {
    async fn of(world: World) -> Result<Self, String> {
        let folder = tempfile::tempdir().map_err(|e| e.to_string())?;
        let (dist, aside) = (folder.path().join("dist"), folder.path().join("aside"));
        copy_folder(&world.dist, &dist)?;
        let app = TestApp::spawn_serving(&dist).await;
        let world = World {
            base: app.url(""),
            ..world
        };
        Ok(Self {
            dist,
            aside,
            world,
            _app: app,
            _folder: folder,
        })
    }

    /// Takes every copy (plain, brotli, gzip) of `file` away.
    fn take_away(&self, file: &str) -> TestResult {
        let moved = move_part(&self.dist, &self.aside, file).map_err(|e| e.to_string())?;
        ensure(moved == 3, || {
            format!("moved {moved} copies of {file}, not 3")
        })
    }

    fn put_back(&self, file: &str) -> TestResult {
        move_part(&self.aside, &self.dist, file).map_err(|e| e.to_string())?;
        Ok(())
    }
}

pub async fn a_screen_opened_from_a_link_has_its_part_and_texts_preloaded_and_fetched_once(
    world: World,
) -> TestResult {
    let browser = world.browser(Viewport::Mobile).await?;
    open_the_first_question(&browser, Language::Ar).await?;
    let fetched = wasm_initiators(&browser).await?;
    let asks_for = |file: &str| -> Vec<&str> {
        fetched
            .iter()
            .filter(|(n, _)| n == file)
            .map(|(_, i)| i.as_str())
            .collect()
    };
    for file in ["split_frame_ar.wasm", "split_screener_texts_ar.wasm"] {
        ensure(asks_for(file) == ["link"], || {
            format!("{file} was not fetched once, by the preload: {fetched:?}")
        })?;
    }
    // The question read no text of another table: the loader would have fetched it. (The
    // results' tables may come ahead, as prefetches, while the resident reads.)
    ensure(
        !fetched.iter().any(|(n, by)| is_table(n) && by == "fetch"),
        || format!("the question read texts its part does not name: {fetched:?}"),
    )?;
    // The part comes as one pack, fetched by start.js beside the first part; its files are
    // unpacked from it, not fetched again.
    ensure(asks_for("pack_check.bin") == ["fetch"], || {
        format!("the screener's pack was not fetched once: {fetched:?}")
    })?;
    ensure(
        !fetched
            .iter()
            .any(|(n, _)| n == "split_check.wasm" || n == "velferd-frontend_bg.wasm"),
        || {
            format!(
                "the screener's part or the first part was fetched beside the pack: {fetched:?}"
            )
        },
    )?;
    ensure(
        !fetched
            .iter()
            .any(|(n, _)| is_table(n) && !n.ends_with("_ar.wasm")),
        || format!("another language's texts were fetched: {fetched:?}"),
    )?;
    browser.close().await;
    Ok(())
}

/// The help pages read only the frame's texts and the tables their part names (their own and the
/// outcomes'): a resident who only reads about a service downloads none of the other screens'
/// texts to see the page.
pub async fn a_help_page_asks_for_its_own_texts_and_not_the_other_screens(
    world: World,
) -> TestResult {
    let browser = world.browser(Viewport::Mobile).await?;
    browser.open_in("/help/money", "en").await?;
    browser
        .wait_for_text(
            "main h1",
            &translations::text(Language::En, "areas.money.title"),
        )
        .await?;
    browser
        .wait_for_text(
            "main .lead",
            &translations::text(Language::En, "area_page.intro"),
        )
        .await?;
    let preloaded = browser
        .script(
            "return [...document.querySelectorAll('link[rel=preload]')] \
               .map(l => new URL(l.href).pathname.split('/').pop())",
        )
        .await?;
    let preloaded: Vec<&str> = preloaded
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|file| file.as_str())
        .collect();
    for wanted in [
        "split_frame_en.wasm",
        "split_help_texts_en.wasm",
        "split_outcomes_texts_en.wasm",
    ] {
        ensure(preloaded.contains(&wanted), || {
            format!("the help page did not ask for {wanted}: {preloaded:?}")
        })?;
    }
    ensure(
        !preloaded
            .iter()
            .any(|file| file.starts_with("split_strings_")),
        || format!("the help page asked for the other screens' texts: {preloaded:?}"),
    )?;
    // Nor did the page read one of their texts (which would make the loader fetch their table).
    let loaded = wasm_initiators(&browser).await?;
    ensure(
        !loaded
            .iter()
            .any(|(file, by)| file.starts_with("split_strings_") && by == "fetch"),
        || format!("the help page read the other screens' texts: {loaded:?}"),
    )?;
    browser.close().await;
    Ok(())
}

pub async fn the_screeners_part_is_fetched_while_the_home_page_is_idle(world: World) -> TestResult {
    let browser = world.browser(Viewport::Mobile).await?;
    browser.open_in("/", "en").await?;
    browser.wait_for("main h1").await?;
    let prefetched = velferd_tests::wait_until(
        "the screener's part to be fetched without a click",
        std::time::Duration::from_secs(10),
        || async {
            let fetched = fetched_wasm(&browser).await?;
            if fetched.iter().any(|n| n == "split_check.wasm") {
                Ok(fetched)
            } else {
                Err(format!("fetched so far: {fetched:?}"))
            }
        },
    )
    .await?;
    ensure(
        !prefetched
            .iter()
            .any(|n| n == "split_apply.wasm" || n == "split_follow.wasm"),
        || {
            format!(
                "idling on the home page fetched more than the next screens need: {prefetched:?}"
            )
        },
    )?;
    browser.close().await;
    Ok(())
}

/// Moves every copy (plain, brotli, gzip) of the files whose names start with `part` from `dist`
/// to `aside`, or back: as a deploy in between or a lost connection would leave them, out of
/// reach.
fn move_part(from: &Path, to: &Path, part: &str) -> std::io::Result<usize> {
    let mut moved = 0;
    for folder in std::fs::read_dir(from)? {
        let folder = folder?.path();
        if !folder.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&folder)? {
            let file = file?;
            let name = file.file_name();
            if name.to_string_lossy().starts_with(part) {
                let target = to.join(folder.strip_prefix(from).unwrap_or(&folder));
                std::fs::create_dir_all(&target)?;
                std::fs::rename(file.path(), target.join(&name))?;
                moved += 1;
            }
        }
    }
    Ok(moved)
}

pub async fn a_part_that_cannot_be_fetched_is_reported_in_the_residents_language_with_a_retry(
    world: World,
    lang: &'static str,
) -> TestResult {
    let missing = ["split_callback.wasm".to_owned()];
    reported_with_a_retry_when_missing(world, lang, &missing, Opening::FromHomeThenGone).await
}

/// Opened from a link, a screen's part comes as one pack; with neither the pack nor the part's
/// own file to be had, the resident is told, and Try again brings both back.
pub async fn a_part_opened_from_a_link_that_cannot_be_fetched_is_reported_with_a_retry(
    world: World,
    lang: &'static str,
) -> TestResult {
    let missing = [
        "pack_callback.bin".to_owned(),
        "split_callback.wasm".to_owned(),
    ];
    reported_with_a_retry_when_missing(world, lang, &missing, Opening::Link("/call-me")).await
}

/// As a screen's part, so the table of the language's texts that the screen needs.
pub async fn a_language_table_that_cannot_be_fetched_is_reported_in_that_language_with_a_retry(
    world: World,
    lang: &'static str,
) -> TestResult {
    // Gone before the home page opens: it fetches the table as soon as it is idle.
    let missing = [format!("split_strings_{lang}.wasm")];
    reported_with_a_retry_when_missing(world, lang, &missing, Opening::FromHomeGoneBefore).await
}

/// The frame's texts, which every page waits for: the page itself says so, in the built-in
/// texts, and Try again draws the home page once they can be fetched.
pub async fn the_frames_texts_that_cannot_be_fetched_are_reported_in_that_language_with_a_retry(
    world: World,
    lang: &'static str,
) -> TestResult {
    let missing = [format!("split_frame_{lang}.wasm")];
    reported_with_a_retry_when_missing(world, lang, &missing, Opening::Link("/")).await
}

/// How the resident reaches the call-back screen (or, for `Link`, that address) while files are
/// out of reach.
enum Opening {
    /// The home page opens with everything there, and the files go before the footer's link to
    /// the call-back screen is followed.
    FromHomeThenGone,
    /// The files are gone before the home page opens; then the footer's link is followed.
    FromHomeGoneBefore,
    /// The files are gone before the address is opened as typed into the address bar.
    Link(&'static str),
}

/// Opens the call-back screen (or `Opening::Link`'s address) with the `missing` files (all their
/// copies) gone from the server, expects the translated notice with the number, puts the files
/// back and expects Try again to show the screen. Without the frame's texts the page itself is
/// what reports it, and what Try again shows is the home page.
async fn reported_with_a_retry_when_missing(
    world: World,
    lang: &'static str,
    missing: &[String],
    opening: Opening,
) -> TestResult {
    let frame_missing = missing.iter().any(|file| file.starts_with("split_frame_"));
    let served = ServedCopy::of(world).await?;
    let language = Language::from_tag(lang).expect("a language of ours");
    let browser = served.world.browser(Viewport::Mobile).await?;
    let take_away = || missing.iter().try_for_each(|file| served.take_away(file));
    match opening {
        Opening::Link(address) => {
            take_away()?;
            browser.goto(&format!("{address}?lang={lang}")).await?;
        }
        Opening::FromHomeGoneBefore | Opening::FromHomeThenGone => {
            if matches!(opening, Opening::FromHomeGoneBefore) {
                take_away()?;
            }
            browser.open_in("/", lang).await?;
            browser.wait_for("main h1").await?;
            if matches!(opening, Opening::FromHomeThenGone) {
                take_away()?;
            }
            browser.click("footer a[href='/call-me']").await?;
        }
    }
    shows_the_part_missing_notice(&browser, language).await?;

    for file in missing {
        served.put_back(file)?;
    }
    browser.click("main [role=alert] + p button").await?;
    let screen = if frame_missing {
        "home.title"
    } else {
        "callback.title"
    };
    browser
        .wait_for_text("main h1", &translations::text(language, screen))
        .await?;
    browser.close().await;
    drop(served);
    Ok(())
}

/// The notice that a part could not be fetched, in `language`, with the Online Center's number
/// as a link.
async fn shows_the_part_missing_notice(browser: &Browser, language: Language) -> TestResult {
    // The number is a link of its own, which the page may lay out on a line of its own.
    let message = translations::text(language, "offline.part_missing");
    let (before_number, _) = message
        .split_once("411 1111")
        .ok_or("no number in the text")?;
    let shown = browser
        .wait_for_text("main [role=alert]", before_number.trim())
        .await?;
    ensure(shown.contains("411 1111"), || {
        format!("no phone number in {shown:?}")
    })?;
    browser
        .wait_for("main [role=alert] a[href^='tel:']")
        .await?;
    Ok(())
}

/// The rules that say which question comes next live in the part of "Check your answers", not
/// in the first question's: a Continue that cannot fetch them says so beside the form, keeps the
/// answer, and Try again moves on once they can be fetched.
pub async fn a_continue_whose_rules_cannot_be_fetched_is_reported_with_a_retry(
    world: World,
    lang: &'static str,
) -> TestResult {
    let served = ServedCopy::of(world).await?;
    let language = Language::from_tag(lang).expect("a language of ours");
    let missing = ["pack_answers.bin", "split_answers.wasm"];
    missing.iter().try_for_each(|file| served.take_away(file))?;
    let browser = served.world.browser(Viewport::Mobile).await?;
    open_the_first_question(&browser, language).await?;
    browser.wait_for_live_app().await?;
    browser.type_into("#answer", "34").await?;
    browser.click("form button[type=submit]").await?;
    shows_the_part_missing_notice(&browser, language).await?;
    ensure(browser.path().await? == "/check/q/age", || {
        "moved on without the rules".to_owned()
    })?;

    missing.iter().try_for_each(|file| served.put_back(file))?;
    browser.click("main [role=alert] + p button").await?;
    let next = browser.wait_for_path_change("/check/q/age").await?;
    ensure(next.starts_with("/check/q/"), || {
        format!("Try again went to {next}, not the next question")
    })?;
    browser.goto("/check/answers").await?;
    browser.wait_for_live_app().await?;
    let summary = browser.text(".summary-list").await?;
    ensure(summary.contains("34"), || {
        format!("the age typed before the notice is not among the answers: {summary:?}")
    })?;
    browser.close().await;
    drop(served);
    Ok(())
}

/// The call-back form's checking and sending live in the outbox's part, which the form fetches
/// when idle: a Send that cannot fetch it says so beside the form, keeps what was typed, and Try
/// again sends once it can be fetched.
pub async fn a_call_back_whose_outbox_cannot_be_fetched_is_reported_with_a_retry(
    world: World,
    lang: &'static str,
) -> TestResult {
    let served = ServedCopy::of(world).await?;
    let language = Language::from_tag(lang).expect("a language of ours");
    served.take_away("split_outbox.wasm")?;
    let browser = served.world.browser(Viewport::Mobile).await?;
    browser.open_in("/call-me", lang).await?;
    browser
        .wait_for_text("main h1", &translations::text(language, "callback.title"))
        .await?;
    browser.click("label[for='language']").await?;
    browser.type_into("#phone", "611 2345").await?;
    browser.click("label[for='window']").await?;
    // Nothing is said while the resident types, though the part could not be fetched ahead.
    velferd_tests::wait_until(
        "the outbox's part to be asked for ahead, in vain",
        std::time::Duration::from_secs(10),
        || async {
            let fetched = fetched_wasm(&browser).await?;
            if fetched.iter().any(|n| n == "split_outbox.wasm") {
                Ok(())
            } else {
                Err(format!("fetched so far: {fetched:?}"))
            }
        },
    )
    .await?;
    ensure(
        browser
            .script("return !document.querySelector('main [role=alert]')")
            .await?
            == true,
        || "the notice showed before the resident sent anything".to_owned(),
    )?;
    browser.click("main form button[type=submit]").await?;
    shows_the_part_missing_notice(&browser, language).await?;
    ensure(browser.path().await? == "/call-me", || {
        "left the form without the outbox".to_owned()
    })?;
    let phone = browser
        .script("return document.getElementById('phone').value")
        .await?;
    ensure(phone == "611 2345", || {
        format!("the phone number typed is gone: {phone}")
    })?;

    served.put_back("split_outbox.wasm")?;
    browser.click("main [role=alert] + p button").await?;
    browser
        .wait_for_path_starting("/call-me/", std::time::Duration::from_secs(10))
        .await?;
    browser
        .wait_for_text(
            "main h1",
            &translations::text(language, "callback.sent_title"),
        )
        .await?;
    browser.wait_for("main .reference").await?;
    browser.close().await;
    drop(served);
    Ok(())
}

/// A pack that cannot be fetched (a deploy in between, say) costs only its saving: the part's
/// files are then fetched one by one, and the screen shows.
pub async fn a_screen_opened_from_a_link_without_its_pack_comes_from_the_parts_own_files(
    world: World,
) -> TestResult {
    let served = ServedCopy::of(world).await?;
    served.take_away("pack_check.bin")?;
    let browser = served.world.browser(Viewport::Mobile).await?;
    open_the_first_question(&browser, Language::Is).await?;
    browser.wait_for("main #answer").await?;
    let fetched = wasm_initiators(&browser).await?;
    ensure(
        fetched
            .iter()
            .any(|(file, by)| file == "split_check.wasm" && by == "fetch"),
        || format!("the screener's part was not fetched on its own: {fetched:?}"),
    )?;
    browser.close().await;
    drop(served);
    Ok(())
}

/// The first screens come as HTML in the reader's language (`xtask/src/prerender.rs`), so a
/// phone paints them before the wasm has arrived; the app then puts its live screen in the
/// copy's place, and the copy's controls, which could not keep what was typed, do nothing.
pub async fn a_first_screen_paints_from_its_html_and_the_app_takes_it_over(
    world: World,
    lang: &'static str,
) -> TestResult {
    let language = Language::from_tag(lang).ok_or("a language we speak")?;
    let question = translations::text(language, "questions.age.title");
    let html = reqwest::get(format!("{}/check/q/age?lang={lang}", world.base))
        .await
        .map_err(|e| e.to_string())?
        .text()
        .await
        .map_err(|e| e.to_string())?;
    ensure(html.contains("<div id=\"prerendered\">"), || {
        format!("no pre-rendered screen in the page: {html}")
    })?;
    ensure(html.contains(&question), || {
        format!("the page is not in {lang}: {html}")
    })?;
    ensure(
        html.contains(&format!(
            "<html lang=\"{lang}\" dir=\"{}\">",
            language.direction().html_dir()
        )),
        || format!("the page's own language is not {lang}"),
    )?;
    ensure(html.contains("<form inert"), || {
        format!("the copy's form takes input that would be lost: {html}")
    })?;
    ensure(!html.contains("rel=\"preload\""), || {
        "the pre-rendered page asks for the code before it paints".to_owned()
    })?;

    let browser = world.browser(Viewport::Mobile).await?;
    browser.open_in("/check/q/age", lang).await?;
    let mains = browser
        .script("return document.querySelectorAll('main').length")
        .await?;
    ensure(mains == serde_json::json!(1), || {
        format!("the copy and the live screen are both there: {mains} main elements")
    })?;
    ensure(browser.text("main h1").await? == question, || {
        "the live screen is not the question the copy showed".to_owned()
    })?;
    // The choice (here from the link) is told to the server for the next first screen.
    let cookie = browser.script("return document.cookie").await?;
    ensure(
        cookie
            .as_str()
            .is_some_and(|c| c.contains(&format!("velferd-language={lang}"))),
        || format!("the server is not told the language: {cookie}"),
    )?;
    // The live form takes what is typed.
    browser.type_into("#answer", "34").await?;
    let typed = browser
        .script("return document.getElementById('answer').value")
        .await?;
    ensure(typed == serde_json::json!("34"), || {
        format!("the live field holds {typed}")
    })?;
    browser.close().await;
    Ok(())
}
