//! Dark mode, Windows high contrast (`forced-colors: active`) and reduced motion, emulated by
//! Chromium: every control stays visible and so does the focus, measured on screenshots rather
//! than read from the stylesheet (in forced colours the browser replaces colours and drops box
//! shadows, so a rule that looks right can paint nothing).

use serde::Deserialize;
use serde_json::json;
use velferd_tests::browser::{Browser, Viewport, cdp};

use super::{World, ensure};

/// Screens with every kind of control a resident meets: links and cards, the language menu, a
/// text field, radios, selects and checkboxes, and an error summary.
const SCREENS: &[(&str, &[&str])] = &[
    ("/", &["is", "ar"]),
    ("/check/q/age", &["is", "ar"]),
    ("/check/q/living", &["is", "ar"]),
    ("/call-me", &["is", "ar"]),
    ("/apply/financial-assistance/consent", &["is", "ar"]),
    // The workspace takes its language from the browser (Icelandic here), not from `?lang=`.
    ("/staff/sign-in", &["is"]),
];

/// At most this many focus stops per screen: enough to reach the main content past the header.
const FOCUS_STOPS: usize = 14;

/// A screenshot decoded to RGB, with the page's device pixel ratio.
struct Shot {
    width: usize,
    height: usize,
    rgb: Vec<u8>,
    ratio: f64,
}

impl Shot {
    async fn take(browser: &Browser) -> Result<Shot, String> {
        let png = browser
            .client
            .screenshot()
            .await
            .map_err(|e| format!("screenshot: {e}"))?;
        let decoder = png::Decoder::new(std::io::Cursor::new(png));
        let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
        let mut buffer = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buffer).map_err(|e| e.to_string())?;
        let channels = info.color_type.samples();
        let rgb = buffer[..info.buffer_size()]
            .chunks(channels)
            .flat_map(|p| [p[0], p[1], p[2]])
            .collect();
        let ratio = browser
            .script("return window.devicePixelRatio")
            .await?
            .as_f64()
            .unwrap_or(1.0);
        Ok(Shot {
            width: info.width as usize,
            height: info.height as usize,
            rgb,
            ratio,
        })
    }

    /// The device pixels of a CSS-pixel rectangle, widened by `margin` CSS px, within the shot.
    fn pixels(&self, rect: &Rect, margin: f64) -> Vec<(usize, usize)> {
        let to = |css: f64, limit: usize| ((css * self.ratio).round().max(0.0) as usize).min(limit);
        let (x0, x1) = (
            to(rect.left - margin, self.width),
            to(rect.right + margin, self.width),
        );
        let (y0, y1) = (
            to(rect.top - margin, self.height),
            to(rect.bottom + margin, self.height),
        );
        (y0..y1)
            .flat_map(|y| (x0..x1).map(move |x| (x, y)))
            .collect()
    }

    fn luminance(&self, (x, y): (usize, usize)) -> f64 {
        let i = (y * self.width + x) * 3;
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.rgb[i])
            + 0.7152 * channel(self.rgb[i + 1])
            + 0.0722 * channel(self.rgb[i + 2])
    }
}

/// WCAG's contrast ratio between two relative luminances.
fn contrast(a: f64, b: f64) -> f64 {
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

#[derive(Debug, Deserialize)]
struct Rect {
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
}

#[derive(Debug, Deserialize)]
struct FocusStop {
    what: String,
    rect: Rect,
}

async fn focus_stop(browser: &Browser) -> Result<Option<FocusStop>, String> {
    let value = browser
        .script(
            "const e = document.activeElement;
             if (!e || e === document.body) return null;
             const r = e.getBoundingClientRect();
             if (r.width < 2 || r.height < 2) return null;
             return { what: `<${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}> ${(e.textContent || '').trim().slice(0, 30)}`,
                      rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom } };",
        )
        .await?;
    serde_json::from_value(value).map_err(|e| e.to_string())
}

/// Tabs through the screen; at each stop compares the screenshot with and without focus, and
/// checks the control itself stands out from what is around it. Returns what fails.
async fn walk_focus(
    browser: &Browser,
    screen: &str,
    failures: &mut Vec<String>,
) -> Result<usize, String> {
    let mut checked = 0;
    for _ in 0..FOCUS_STOPS {
        browser.press_key(fantoccini::key::Key::Tab).await?;
        // Centred, so a ring round a control at the screen's edge is not cut off the screenshot.
        browser
            .script("document.activeElement.scrollIntoView({ block: 'center', inline: 'nearest' })")
            .await?;
        let Some(stop) = focus_stop(browser).await? else {
            continue;
        };
        let focused = Shot::take(browser).await?;
        browser.script("document.activeElement.blur()").await?;
        let unfocused = Shot::take(browser).await?;
        checked += 1;

        // WCAG 2.4.13: the change is at least as large as a 2 px thick perimeter of the control,
        // at a 3:1 contrast between its focused and unfocused states.
        let width = stop.rect.right - stop.rect.left;
        let height = stop.rect.bottom - stop.rect.top;
        let wanted = 4.0 * (width + height) * focused.ratio * focused.ratio;
        let changed = focused
            .pixels(&stop.rect, 8.0)
            .into_iter()
            .filter(|&p| contrast(focused.luminance(p), unfocused.luminance(p)) >= 3.0)
            .count() as f64;
        if changed < wanted {
            failures.push(format!(
                "{screen}: focus on {} changes {changed:.0} device px at 3:1, fewer than {wanted:.0}",
                stop.what
            ));
        }
        // The control itself: its lightest and darkest pixels (text, border or mark against its
        // background) differ by at least 3:1, so it does not vanish into the page.
        let own = unfocused.pixels(&stop.rect, 0.0);
        let (dark, light) = own.iter().fold((f64::MAX, f64::MIN), |(d, l), &p| {
            let y = unfocused.luminance(p);
            (d.min(y), l.max(y))
        });
        if own.is_empty() || contrast(dark, light) < 3.0 {
            failures.push(format!(
                "{screen}: {} is barely visible (contrast {:.2} within it)",
                stop.what,
                contrast(dark, light)
            ));
        }
        // With focus gone, Chromium's next Tab goes on from the blurred control.
    }
    Ok(checked)
}

async fn emulate(browser: &Browser, feature: &str, value: &str) -> Result<(), String> {
    browser
        .client
        .issue_cmd(cdp(
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": feature, "value": value }] }),
        ))
        .await
        .map(drop)
        .map_err(|e| format!("emulate {feature}: {value}: {e}"))
}

/// `setting` is the media feature and value the resident's device has.
pub async fn every_control_and_the_focus_stay_visible(
    world: World,
    setting: &'static str,
) -> Result<(), String> {
    let (feature, value) = setting.split_once('=').expect("feature=value");
    let browser = world.browser(Viewport::Mobile).await?;
    let mut failures = Vec::new();
    for (screen, languages) in SCREENS {
        for &lang in *languages {
            if screen.starts_with("/staff") {
                browser.open(screen).await?;
                browser.wait_for_lang(lang).await?;
            } else {
                browser.open_in(screen, lang).await?;
            }
            emulate(&browser, feature, value).await?;
            let active = browser
                .script(&format!(
                    "return matchMedia('({feature}: {value})').matches"
                ))
                .await?;
            ensure(active == json!(true), || {
                format!("Chromium does not emulate ({feature}: {value})")
            })?;
            let checked =
                walk_focus(&browser, &format!("{screen} [{lang}]"), &mut failures).await?;
            ensure(checked > 2, || {
                format!("{screen} [{lang}]: only {checked} focus stops were measured")
            })?;
            if feature == "prefers-reduced-motion" {
                let moving = browser
                    .script("return document.getAnimations().filter(a => a.playState === 'running').length")
                    .await?;
                if moving != json!(0) {
                    failures.push(format!("{screen} [{lang}]: {moving} animations run"));
                }
            }
        }
    }
    browser.close().await;
    ensure(failures.is_empty(), || {
        format!(
            "with {setting}, {} problem(s):\n  {}",
            failures.len(),
            failures.join("\n  ")
        )
    })
}
