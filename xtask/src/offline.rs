//! What makes the residents' app installable and usable offline, written into `dist/` after
//! Trunk: the service worker with this build's file list and version, a web app manifest per
//! language, and the icons the manifests name (drawn here, so no image is kept in the repository).

use std::{
    hash::{Hash, Hasher},
    path::Path,
};

use crate::shell::{Failure, Result, root};
use velferd_shared::Language;

/// `--accent` of frontend/style.css: the colour of the icon and the phone's title bar.
const THEME: [u8; 3] = [0x0a, 0x56, 0xa0];
const ICON_SIZES: &[u32] = &[192, 512];

pub fn write(dist: &Path) -> Result {
    for size in ICON_SIZES {
        write_file(&dist.join(format!("icons/icon-{size}.png")), &icon(*size))?;
    }
    // One per language of `locales/*.json`: `dist/manifest/<code>.webmanifest`.
    for language in Language::ALL {
        let manifest = manifest(language)?;
        write_file(
            &dist.join(format!("manifest/{}.webmanifest", language.code())),
            manifest.as_bytes(),
        )?;
    }
    service_worker(dist)
}

fn write_file(path: &Path, bytes: &[u8]) -> Result {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| Failure(format!("cannot create {}: {e}", parent.display())))?;
    }
    std::fs::write(path, bytes)
        .map_err(|e| Failure(format!("cannot write {}: {e}", path.display())))
}

/// The manifest in `lang`: the Icelandic name of the service with the language's own
/// description of it, and the app opening at the home page on its own, like an installed app.
fn manifest(language: Language) -> Result<String> {
    let lang = language.code();
    let path = root().join(format!("locales/{lang}.json"));
    let text = std::fs::read_to_string(&path)
        .map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))?;
    let locale: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| Failure(format!("{} is not JSON: {e}", path.display())))?;
    let app = |key: &str| {
        locale["app"][key]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| Failure(format!("{} has no app.{key}", path.display())))
    };
    let (name, tagline) = (app("name")?, app("tagline")?);
    let hex = format!("#{:02x}{:02x}{:02x}", THEME[0], THEME[1], THEME[2]);
    let icons: Vec<serde_json::Value> = ICON_SIZES
        .iter()
        .map(|size| {
            serde_json::json!({
                "src": format!("/icons/icon-{size}.png"),
                "sizes": format!("{size}x{size}"),
                "type": "image/png",
                // The mark sits inside the central safe zone, so launchers may crop to any shape.
                "purpose": "any maskable",
            })
        })
        .collect();
    let manifest = serde_json::json!({
        "id": "/",
        "name": format!("{name} – {tagline}"),
        "short_name": name,
        "description": tagline,
        "lang": lang,
        "dir": language.direction().html_dir(),
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": hex,
        "background_color": "#ffffff",
        "icons": icons,
    });
    serde_json::to_string_pretty(&manifest).map_err(|e| Failure(e.to_string()))
}

/// A white "V" on the theme colour, edge to edge, anti-aliased by 4 × 4 samples per pixel.
fn icon(size: u32) -> Vec<u8> {
    let s = size as f64;
    // Two strokes meeting at the bottom, inside the central 60 % (the maskable safe zone is 80 %).
    let (left, bottom, right) = (
        (0.30 * s, 0.30 * s),
        (0.5 * s, 0.70 * s),
        (0.70 * s, 0.30 * s),
    );
    let half_width = 0.065 * s;
    let mut pixels = Vec::with_capacity((size * size * 3) as usize);
    for y in 0..size {
        for x in 0..size {
            let mut inside = 0u32;
            for sy in 0..4 {
                for sx in 0..4 {
                    let point = (
                        f64::from(x) + (f64::from(sx) + 0.5) / 4.0,
                        f64::from(y) + (f64::from(sy) + 0.5) / 4.0,
                    );
                    let near = distance_to_segment(point, left, bottom)
                        .min(distance_to_segment(point, bottom, right));
                    inside += u32::from(near <= half_width);
                }
            }
            let white = f64::from(inside) / 16.0;
            for channel in THEME {
                let value = f64::from(channel) * (1.0 - white) + 255.0 * white;
                pixels.push(value.round() as u8);
            }
        }
    }
    let mut png = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut png, size, size);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().expect("writing to memory");
        writer.write_image_data(&pixels).expect("writing to memory");
    }
    png
}

fn distance_to_segment(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let t = (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / (dx * dx + dy * dy)).clamp(0.0, 1.0);
    ((p.0 - a.0 - t * dx).powi(2) + (p.1 - a.1 - t * dy).powi(2)).sqrt()
}

/// `dist/sw.js` from `frontend/sw.js`: the files `index.html` loads (the first part of the code,
/// the style, the manifest), which every screen needs offline and a first visit downloads anyway,
/// the parts of the help pages, the screener and its results, and every language's frame texts
/// (`split::kept_offline`); by each language's frame texts, the tables of texts those parts read
/// in that language (`split::texts_kept_offline`), kept once a page shows which; and a version
/// that changes whenever any of them or the worker itself does. The icons and the other
/// languages' manifests are kept when the browser first asks for them.
fn service_worker(dist: &Path) -> Result {
    let template_path = root().join("frontend/sw.js");
    let template = std::fs::read_to_string(&template_path)
        .map_err(|e| Failure(format!("cannot read {}: {e}", template_path.display())))?;
    let index = std::fs::read_to_string(dist.join("index.html"))
        .map_err(|e| Failure(format!("cannot read dist/index.html: {e}")))?;
    let mut files = crate::split::first_load_assets(&index);
    files.push(crate::split::url_of_main(&index)?);
    files.extend(crate::split::urls_of_parts(
        dist,
        &index,
        &crate::split::kept_offline(),
    )?);
    files.sort();
    let mut version = std::hash::DefaultHasher::new();
    template.hash(&mut version);
    for file in &files {
        file.hash(&mut version);
        let bytes = std::fs::read(dist.join(file.trim_start_matches('/')))
            .map_err(|e| Failure(format!("cannot read {file}: {e}")))?;
        bytes.hash(&mut version);
    }
    let mut texts = serde_json::Map::new();
    for language in Language::ALL {
        let frame = crate::split::table(crate::split::FRAME_TEXTS, language);
        // The table's own file is the first: the one a page of that language always fetches.
        let Some(frame_file) = crate::split::urls_of_parts(dist, &index, &[frame])?
            .into_iter()
            .next()
        else {
            return Err(Failure(format!("no frame texts in {}", language.code())));
        };
        let kept =
            crate::split::urls_of_parts(dist, &index, &crate::split::texts_kept_offline(language))?;
        texts.insert(frame_file, kept.into());
    }
    let mut packs = serde_json::Map::new();
    for (pack, members) in crate::split::packs_as_served(dist, &index)? {
        packs.insert(pack, serde_json::json!(members));
    }
    let list = serde_json::to_string(&files).map_err(|e| Failure(e.to_string()))?;
    let worker = template
        .replace("__VERSION__", &format!("{:016x}", version.finish()))
        .replace("__FILES__", &list)
        .replace("__TEXTS__", &serde_json::Value::from(texts).to_string())
        .replace("__PACKS__", &serde_json::Value::from(packs).to_string());
    write_file(&dist.join("sw.js"), worker.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_icon_is_the_theme_colour_at_the_corner_and_white_on_the_mark() {
        let png = icon(192);
        let decoder = png::Decoder::new(png.as_slice());
        let mut reader = decoder.read_info().unwrap();
        let mut pixels = vec![0; reader.output_buffer_size()];
        reader.next_frame(&mut pixels).unwrap();
        assert_eq!(&pixels[..3], &THEME);
        // The bottom point of the V, at (0.5, 0.68) of the square.
        let (x, y) = (96usize, 130usize);
        let at = (y * 192 + x) * 3;
        assert_eq!(&pixels[at..at + 3], &[255, 255, 255]);
    }

    #[test]
    fn every_language_has_a_manifest_with_the_icelandic_name_first() {
        for language in Language::ALL {
            let manifest: serde_json::Value =
                serde_json::from_str(&manifest(language).unwrap()).unwrap();
            assert!(manifest["name"].as_str().unwrap().starts_with("Velferð – "));
            assert_eq!(manifest["lang"], language.code());
            assert_eq!(manifest["display"], "standalone");
            assert_eq!(manifest["start_url"], "/");
        }
    }
}
