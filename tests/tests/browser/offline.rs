//! Without a signal: the app opens from the device with the server stopped, an application
//! finished offline is sent once from a reopened tab, a new version waits for the next screen,
//! a document and a call-back wait on the device and go when the server is back, "clear my
//! information" leaves nothing of the resident's behind, and the app is installable.

use std::{path::Path, time::Duration};

use serde_json::{Value, json};
use velferd_backend::translations;
use velferd_shared::Language;
use velferd_tests::{
    TestApp,
    applications::financial_assistance,
    browser::{Browser, Viewport, cdp},
    wait_until,
};

use super::{SINGLE_RENTER, Step, World, answer, audit, complete, ensure, no_violations};

/// Waits until the service worker controls the page, which it does only once it has kept the
/// whole app (its install step caches every file before it activates).
async fn kept_on_the_device(browser: &Browser) -> Result<(), String> {
    wait_until(
        "the service worker to control the page",
        Duration::from_secs(20),
        || async move {
            match browser
                .script("return !!(navigator.serviceWorker && navigator.serviceWorker.controller)")
                .await?
            {
                Value::Bool(true) => Ok(()),
                other => Err(format!("controlled: {other}")),
            }
        },
    )
    .await
}

/// The text a resident sees for `key` in `lang`, as the locale files say.
fn text_in(lang: &str, key: &str) -> String {
    translations::text(Language::from_tag(lang).expect("a language of ours"), key)
}

/// The wasm file the page runs.
async fn running_wasm(browser: &Browser) -> Result<String, String> {
    let found = browser
        .script(
            "return performance.getEntriesByType('resource').map(e => e.name) \
               .find(n => n.endsWith('.wasm')) || null",
        )
        .await?;
    found
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("no wasm among the page's resources: {found}"))
}

pub async fn the_home_page_a_question_and_the_results_open_with_the_server_stopped(
    world: World,
) -> Result<(), String> {
    let (mut app, world) = world.own_server().await;
    let browser = world.browser(Viewport::Mobile).await?;
    complete(&browser, &SINGLE_RENTER, "is", false).await?;
    kept_on_the_device(&browser).await?;
    let results_online = browser.text("main").await?;

    app.stop().await;
    for (path, expected) in [
        ("/", "main .cards .card"),
        ("/check/q/age", "main #answer"),
        ("/check/answers", "main .summary-list .summary-row"),
        ("/check/results", "main .result"),
    ] {
        // As typed into the address bar: a full page load that only the device can answer.
        browser.open(path).await?;
        browser
            .wait_for(expected)
            .await
            .map_err(|e| format!("{path} offline: {e}"))?;
    }
    let results_offline = browser.text("main").await?;
    ensure(results_offline == results_online, || {
        format!(
            "the results differ offline:\n{results_offline}\n— online they were —\n{results_online}"
        )
    })?;
    browser.close().await;
    Ok(())
}

/// The help pages, the screener and the call-back form are kept on the device from the first
/// visit, with their texts in the resident's language: a resident who only read the
/// accessibility statement (a page that fetches nothing ahead) can check what they can get and
/// ask for a call without a signal, also in a language chosen after the first visit.
pub async fn screens_never_opened_open_in_the_residents_language_with_the_server_stopped(
    world: World,
    lang: &'static str,
) -> Result<(), String> {
    let (mut app, world) = world.own_server().await;
    let browser = world.browser(Viewport::Mobile).await?;
    browser.open_in("/accessibility", lang).await?;
    browser.wait_for("main h1").await?;
    kept_on_the_device(&browser).await?;
    texts_kept_in(&browser, lang).await?;
    // A language chosen later (a page loaded in it through the worker) is kept as well.
    let chosen = if lang == "uk" { "pl" } else { "uk" };
    browser.open_in("/accessibility", chosen).await?;
    browser.wait_for("main h1").await?;
    texts_kept_in(&browser, chosen).await?;
    // What the browser's own cache holds may be gone by the time a resident is offline (it is
    // evicted as it fills): only what the worker keeps counts.
    browser
        .client
        .issue_cmd(cdp("Network.clearBrowserCache", json!({})))
        .await
        .map_err(|e| e.to_string())?;
    app.stop().await;
    for (path, title) in [
        ("/check/q/age", "questions.age.title"),
        ("/call-me", "callback.title"),
    ] {
        // Moving there inside the app, as a resident would from the home page's links.
        browser
            .script(&format!(
                "history.pushState(null, '', '{path}'); \
                 dispatchEvent(new PopStateEvent('popstate'));"
            ))
            .await?;
        browser
            .wait_for_text("main h1", &text_in(chosen, title))
            .await
            .map_err(|e| format!("{path} offline: {e}"))?;
    }
    browser.close().await;
    Ok(())
}

/// Waits until the worker keeps the tables of texts that the kept parts read in `lang`.
async fn texts_kept_in(browser: &Browser, lang: &str) -> Result<(), String> {
    let texts = ["help_texts", "screener_texts", "outcomes_texts", "strings"]
        .map(|table| format!("split_{table}_{lang}.wasm"));
    wait_until(
        "the worker to keep the texts in the resident's language",
        Duration::from_secs(20),
        || async {
            let kept = kept_files(browser).await?;
            match texts
                .iter()
                .find(|t| !kept.iter().any(|path| path.ends_with(&format!("/{t}"))))
            {
                None => Ok(()),
                Some(missing) => Err(format!("{missing} is not kept: {kept:?}")),
            }
        },
    )
    .await
}

pub async fn an_application_finished_offline_is_sent_once_from_a_reopened_tab(
    world: World,
) -> Result<(), String> {
    let (mut app, world) = world.own_server().await;
    let browser = world.browser(Viewport::Mobile).await?;
    // The resident starts applying with a signal: the application's part is kept from then on
    // (a part never opened before cannot come without one; `parts.rs` tests that message).
    // Opened from a link, the part comes as one pack, whose files the page keeps unpacked for
    // the service worker: they were never fetched one by one.
    browser.open_in("/apply/financial-assistance", "en").await?;
    browser.wait_for("main h1").await?;
    kept_on_the_device(&browser).await?;
    app.stop().await;

    // Everything from here on is answered by the device alone.
    let draft = serde_json::to_string(&json!({
        "financial-assistance": financial_assistance(2).draft
    }))
    .map_err(|e| e.to_string())?;
    browser
        .script(&format!(
            "localStorage.setItem('velferd.applications.drafts', {});",
            Value::String(draft)
        ))
        .await?;
    browser.open("/apply/financial-assistance/check").await?;
    browser.click("main form button[type=submit]").await?;
    browser.wait_for("main .queued").await?;

    // The tab is closed and the app opened again from the home screen, still offline.
    let (first, second) = browser.new_tab().await?;
    let client = &browser.client;
    client
        .switch_to_window(first)
        .await
        .map_err(|e| e.to_string())?;
    client.close_window().await.map_err(|e| e.to_string())?;
    client
        .switch_to_window(second)
        .await
        .map_err(|e| e.to_string())?;
    browser.open("/").await?;
    browser
        .wait_for_text("main .your-applications", &text_in("en", "home.waiting"))
        .await?;

    app.start().await;
    browser
        .wait_for_text("main .your-applications", "RVK-")
        .await?;
    // Asserts an absence: no second copy from a retry after the acknowledgement.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let stored = app.stored_count("applications").await;
    ensure(stored == 1, || format!("{stored} applications stored"))?;
    browser.close().await;
    Ok(())
}

/// Copies the built app, so a test can deploy a new version of it.
pub fn copy_folder(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| e.to_string())?;
    for entry in std::fs::read_dir(from).map_err(|e| e.to_string())? {
        let entry = entry.map_err(|e| e.to_string())?;
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_folder(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

/// What a deployment of changed code looks like to a browser: every content-hashed file under a
/// new hash, `index.html` and the service worker naming them. Returns the new hashes.
fn deploy_new_version(dist: &Path) -> Result<Vec<String>, String> {
    let index = std::fs::read_to_string(dist.join("index.html")).map_err(|e| e.to_string())?;
    let files: Vec<String> = std::fs::read_dir(dist)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    // The hashes are 10 to 16 hex digits; only those naming a file or folder count (the integrity
    // attributes hold hex-looking runs too, which must stay as they are).
    let mut hashes: Vec<String> = index
        .split(|c: char| !c.is_ascii_hexdigit())
        .filter(|part| (10..=16).contains(&part.len()))
        .filter(|part| files.iter().any(|f| f.contains(part)))
        .map(str::to_owned)
        .collect();
    hashes.sort();
    hashes.dedup();
    ensure(!hashes.is_empty(), || {
        "index.html names no hashed file".into()
    })?;
    let renamed = |hash: &str| hash.chars().rev().collect::<String>();
    for entry in std::fs::read_dir(dist).map_err(|e| e.to_string())? {
        let name = entry.map_err(|e| e.to_string())?.file_name();
        let name = name.to_string_lossy();
        if let Some(hash) = hashes.iter().find(|h| name.contains(h.as_str())) {
            let (from, to) = (
                dist.join(name.as_ref()),
                dist.join(name.replace(hash.as_str(), &renamed(hash))),
            );
            // The residents' app is a hashed folder (its parts), the staff's files are hashed.
            if from.is_dir() {
                copy_folder(&from, &to)?;
            } else {
                std::fs::copy(from, to).map_err(|e| e.to_string())?;
            }
        }
    }
    for page in ["index.html", "sw.js"] {
        let mut text = std::fs::read_to_string(dist.join(page)).map_err(|e| e.to_string())?;
        for hash in &hashes {
            text = text.replace(hash.as_str(), &renamed(hash));
        }
        text = text.replace("const VERSION = \"", "const VERSION = \"next-");
        std::fs::write(dist.join(page), text).map_err(|e| e.to_string())?;
        // The precompressed copies are of the old text.
        for suffix in [".br", ".gz"] {
            let _ = std::fs::remove_file(dist.join(format!("{page}{suffix}")));
        }
    }
    Ok(hashes.iter().map(|h| renamed(h)).collect())
}

pub async fn a_new_version_is_used_from_the_next_screen_never_in_the_middle_of_one(
    world: World,
) -> Result<(), String> {
    let folder = tempfile::tempdir().map_err(|e| e.to_string())?;
    let dist = folder.path().join("dist");
    copy_folder(&world.dist, &dist)?;
    let mut app = TestApp::spawn_serving(&dist).await;
    let world = World {
        base: app.url(""),
        ..world
    };
    let browser = world.browser(Viewport::Mobile).await?;
    browser.open_in("/check", "is").await?;
    browser.click("main button.button").await?;
    browser.wait_for_path_change("/check").await?;
    kept_on_the_device(&browser).await?;
    // The browser queues update checks behind the first install; one still waiting would find
    // the new version while the resident is on this screen, before the navigation under test.
    browser
        .script("return navigator.serviceWorker.ready.then(r => r.update()).then(() => true)")
        .await?;
    let old_wasm = running_wasm(&browser).await?;
    // Gone when the page is loaded again.
    browser.script("window.sameDocument = true").await?;
    let same_document = || async {
        Ok::<_, String>(
            browser
                .script("return window.sameDocument === true")
                .await?
                == json!(true),
        )
    };

    app.stop().await;
    let new_hashes = deploy_new_version(&dist)?;
    app.start().await;

    // In the middle of a question: nothing changes under the resident's fingers.
    browser.type_into("#answer", "34").await?;
    // Asserts an absence: no reload and no notice while the resident stays on the screen.
    tokio::time::sleep(Duration::from_secs(2)).await;
    ensure(same_document().await?, || {
        "the page was reloaded mid-question".into()
    })?;
    let typed = browser
        .script("return document.getElementById('answer').value")
        .await?;
    ensure(typed == json!("34"), || format!("the field holds {typed}"))?;

    // The next screen: the new version is found and announced, and waits.
    browser.click("form button[type=submit]").await?;
    browser.wait_for_path_change("/check/q/age").await?;
    browser.wait_for(".update-notice").await?;
    ensure(same_document().await?, || {
        "the page was reloaded as soon as the new version was found".into()
    })?;
    let mut violations = Vec::new();
    audit(&browser, "the new-version notice [is]", &mut violations).await?;
    no_violations(violations)?;

    // The screen after that runs the new version, with every answer kept.
    let here = browser.path().await?;
    answer(&browser, Step::Type("101")).await?;
    wait_until(
        "the page to load the new version",
        Duration::from_secs(15),
        || async {
            match same_document().await {
                Ok(false) => Ok(()),
                Ok(true) => Err("still the old page".to_owned()),
                Err(e) => Err(e),
            }
        },
    )
    .await?;
    browser.wait_for("main h1").await?;
    let new_wasm = running_wasm(&browser).await?;
    ensure(
        new_wasm != old_wasm && new_hashes.iter().any(|h| new_wasm.contains(h.as_str())),
        || format!("runs {new_wasm}; before the deployment {old_wasm}"),
    )?;
    ensure(browser.path().await? != here, || {
        "the answer was not taken to the next question".into()
    })?;
    let answers = browser
        .script("return JSON.parse(localStorage.getItem('velferd.screener.answers') || '{}')")
        .await?;
    ensure(
        answers["age"] == json!(34) && answers["postcode"] == json!("101"),
        || format!("answers after the switch: {answers}"),
    )?;
    browser.close().await;
    Ok(())
}

/// The paths of everything in the service worker's caches.
async fn kept_files(browser: &Browser) -> Result<Vec<String>, String> {
    let found = browser
        .script(
            "return (async () => { const kept = []; \
               for (const name of await caches.keys()) { \
                 const cache = await caches.open(name); \
                 for (const request of await cache.keys()) kept.push(new URL(request.url).pathname); } \
               return kept; })()",
        )
        .await?;
    serde_json::from_value(found).map_err(|e| e.to_string())
}

/// A small valid PDF: the server decides a document's type by its bytes.
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n\
2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n";

/// Sends a PDF from the status page on screen, which cannot reach the server: it waits on the
/// device, and the page says so.
async fn send_document_while_the_server_is_down(
    browser: &Browser,
    lang: &str,
) -> Result<(), String> {
    let folder = tempfile::tempdir().map_err(|e| e.to_string())?;
    let file = folder.path().join("lease.pdf");
    std::fs::write(&file, PDF).map_err(|e| e.to_string())?;
    browser
        .type_into("#document", &file.display().to_string())
        .await?;
    browser.click("main .upload button[type=submit]").await?;
    browser
        .wait_for_text(
            "main .upload-status",
            &text_in(lang, "offline.upload_waiting"),
        )
        .await
        .map(drop)
}

async fn emulate_offline(browser: &Browser, offline: bool) -> Result<(), String> {
    browser
        .client
        .issue_cmd(cdp("Network.enable", json!({})))
        .await
        .map_err(|e| e.to_string())?;
    browser
        .client
        .issue_cmd(cdp(
            "Network.emulateNetworkConditions",
            json!({ "offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 }),
        ))
        .await
        .map_err(|e| e.to_string())?;
    Ok(())
}

pub async fn a_document_and_a_call_back_wait_on_the_device_and_go_when_the_server_is_back(
    world: World,
    lang: &'static str,
) -> Result<(), String> {
    let (mut app, world) = world.own_server().await;
    let receipt = app.apply(7).await;
    let browser = world.browser(Viewport::Mobile).await?;
    let status = format!("/status/{}", receipt.status_token);
    browser.open_in(&status, lang).await?;
    browser.wait_for("main .timeline").await?;
    kept_on_the_device(&browser).await?;
    // The call-back form's texts too, of which the status page reads only one table: the worker
    // fetches the others by itself, from the server, which the test stops next.
    texts_kept_in(&browser, lang).await?;
    let mut violations = Vec::new();

    // The status as last seen, dated, when the server cannot be reached.
    app.stop().await;
    browser.reload().await?;
    browser.wait_for("main .offline-notice time").await?;
    browser.wait_for("main .timeline").await?;
    let reference = browser.text("main .reference-inline").await?;
    ensure(reference == receipt.reference, || {
        format!("the page offline shows {reference}")
    })?;
    audit(
        &browser,
        &format!("status offline [{lang}]"),
        &mut violations,
    )
    .await?;

    // A document sent now waits on the device (IndexedDB), also through a closed page.
    send_document_while_the_server_is_down(&browser, lang).await?;
    audit(
        &browser,
        &format!("document waiting [{lang}]"),
        &mut violations,
    )
    .await?;

    // The call-back form, with the phone offline: it says so, and keeps the request.
    emulate_offline(&browser, true).await?;
    browser.open("/call-me").await?;
    browser.wait_for("main .offline-notice").await?;
    audit(
        &browser,
        &format!("call-back offline [{lang}]"),
        &mut violations,
    )
    .await?;
    browser.click("label[for='language']").await?;
    browser.type_into("#phone", "611 2345").await?;
    browser.click("label[for='window']").await?;
    browser.click("main form button[type=submit]").await?;
    browser
        .wait_for_text(
            "main .send-status",
            &text_in(lang, "offline.callback_waiting"),
        )
        .await?;
    audit(
        &browser,
        &format!("call-back waiting [{lang}]"),
        &mut violations,
    )
    .await?;
    no_violations(violations)?;

    // Back online with the server up: the call-back goes by itself and is confirmed.
    emulate_offline(&browser, false).await?;
    app.start().await;
    browser
        .wait_for_path_starting("/call-me/SIM-", Duration::from_secs(30))
        .await?;
    browser.wait_for("main .reference").await?;
    // The document goes when its page is open again.
    browser.open(&status).await?;
    browser
        .wait_for_text("main .upload-status", &text_in(lang, "follow.uploaded"))
        .await?;
    // Asserts an absence: no second copy of either.
    tokio::time::sleep(Duration::from_millis(500)).await;
    for (table, expected) in [("callbacks", 1), ("documents", 1)] {
        let stored = app.stored_count(table).await;
        ensure(stored == expected, || format!("{stored} {table} stored"))?;
    }
    let left = browser
        .script(
            "return new Promise(done => { const open = indexedDB.open('velferd'); \
               open.onsuccess = () => { const db = open.result; \
                 const count = db.transaction('uploads').objectStore('uploads').count(); \
                 count.onsuccess = () => { db.close(); done(count.result); }; }; })",
        )
        .await?;
    ensure(left == json!(0), || {
        format!("{left} documents still wait on the device")
    })?;
    browser.close().await;
    Ok(())
}

pub async fn clearing_my_information_leaves_nothing_of_mine_in_caches_or_storage(
    world: World,
) -> Result<(), String> {
    let (mut app, world) = world.own_server().await;
    let receipt = app.apply(8).await;
    let browser = world.browser(Viewport::Mobile).await?;
    let status = format!("/status/{}", receipt.status_token);
    browser.open_in(&status, "en").await?;
    browser.wait_for("main .timeline").await?;
    kept_on_the_device(&browser).await?;
    // A document waiting on the device, and the status as seen.
    app.stop().await;
    send_document_while_the_server_is_down(&browser, "en").await?;
    app.start().await;
    browser.open("/").await?;
    // The app, and nothing the API answered (the status with its token, in particular).
    let before = kept_files(&browser).await?;
    let token = &receipt.status_token;
    let personal = |path: &String| path.starts_with("/api") || path.contains(token.as_str());
    ensure(
        before.iter().any(|path| path.ends_with(".wasm")) && !before.iter().any(personal),
        || format!("the worker keeps {before:?}"),
    )?;

    browser.script("window.beforeClearing = true").await?;
    browser.click("footer .button-link").await?;
    browser.accept_dialog().await?;
    // The app starts afresh once everything is cleared.
    wait_until(
        "the app to start afresh",
        Duration::from_secs(10),
        || async {
            match browser
                .script("return window.beforeClearing === true")
                .await
            {
                Ok(Value::Bool(false)) => Ok(()),
                other => Err(format!("{other:?}")),
            }
        },
    )
    .await?;
    browser.wait_for("main h1").await?;
    // Asserts an absence: nothing of the resident's comes back as the app starts again.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let found = browser
        .script(
            "return (async () => { \
               const databases = (await indexedDB.databases()).map(d => d.name); \
               const empty = v => v === null || (typeof v === 'object' && Object.values(v).every(empty)); \
               const stored = Object.keys(localStorage).filter(k => k !== 'velferd.language') \
                 .filter(k => !empty(JSON.parse(localStorage.getItem(k)))); \
               return { databases, stored }; })()",
        )
        .await?;
    let cached = kept_files(&browser).await?;
    ensure(!cached.iter().any(personal), || {
        format!("cached: {cached:?}")
    })?;
    ensure(found["databases"] == json!([]), || {
        format!("databases left: {}", found["databases"])
    })?;
    // The app writes its empty state back as it starts: records with nothing in them.
    ensure(found["stored"] == json!([]), || {
        format!("left in localStorage: {}", found["stored"])
    })?;
    browser.close().await;
    Ok(())
}

pub async fn the_app_can_be_installed_with_a_manifest_in_the_residents_language(
    world: World,
) -> Result<(), String> {
    let browser = world.browser(Viewport::Mobile).await?;
    browser.open_in("/", "pl").await?;
    kept_on_the_device(&browser).await?;
    let manifest = browser
        .script("return document.querySelector('link[rel=manifest]').getAttribute('href')")
        .await?;
    ensure(manifest == json!("/manifest/pl.webmanifest"), || {
        format!("the manifest linked is {manifest}")
    })?;
    // Chromium's own verdict, the one behind "Install app" / "Add to home screen".
    let verdict = browser
        .client
        .issue_cmd(cdp("Page.getInstallabilityErrors", json!({})))
        .await
        .map_err(|e| e.to_string())?;
    ensure(verdict["installabilityErrors"] == json!([]), || {
        format!("Chromium says the app cannot be installed: {verdict}")
    })?;
    let name = browser
        .script("return fetch('/manifest/pl.webmanifest').then(r => r.json()).then(m => m.name)")
        .await?;
    ensure(
        name.as_str()
            .is_some_and(|n| n.starts_with("Velferð – ") && n.contains("Reykjav")),
        || format!("the Polish manifest names the app {name}"),
    )?;
    browser.close().await;
    Ok(())
}
