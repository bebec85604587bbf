//! The residents' app, built in parts. Trunk cannot split a wasm module (trunk-rs/trunk#1022),
//! so this is the pipeline it would run, with one step more:
//!
//! 1. `cargo rustc --release` with `--emit-relocs`, so the splitter can tell which code and data
//!    only the screens behind a split point use (`frontend/src/parts.rs`);
//! 2. `wasm-split-cli` cuts the module into the first part and one wasm file per group of
//!    screens, and writes `__wasm_split.js`, which fetches a part the first time it is needed;
//! 3. `wasm-bindgen --target web --keep-lld-exports` on the first part (the parts import its
//!    memory, table and functions through those exports);
//! 4. `wasm-opt -Oz` on every wasm file, esbuild on wasm-bindgen's glue, and short names for
//!    what the first part imports from the glue (`glue_names.rs`);
//! 5. everything goes into `dist/app-<hash of the files>/`, so the relative imports between the
//!    files stay as the tools wrote them and one name changes whenever any byte does;
//! 6. `dist/index.html` from the root `index.html`, with the style, the loader and preloads of
//!    exactly the first part's files.

use std::{
    hash::{Hash, Hasher},
    path::Path,
};

use velferd_shared::Language;

use crate::shell::{Failure, Result, command, fail, root, run, step};

const CRATE: &str = "velferd-frontend";
/// What `frontend/index.html` marks for this step to fill in.
const ASSETS_MARK: &str = "<!-- assets: written by cargo xtask build -->";
/// The wasm features rustc 1.95 emits for wasm32-unknown-unknown; wasm-opt may use no others.
const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Builds the residents' app into `dist/` (which it empties first).
pub fn residents(dist: &Path) -> Result {
    let work = root().join("target/velferd-split");
    let _ = std::fs::remove_dir_all(&work);
    let (split, bound) = (work.join("split"), work.join("bound"));
    for dir in [&split, &bound] {
        create_dir(dir)?;
    }

    step("Building the residents' app (cargo, release, with relocations for the splitter)");
    run(
        "cargo rustc (residents)",
        &mut command(
            "cargo",
            &[
                "rustc",
                "--release",
                "--offline",
                "--target",
                "wasm32-unknown-unknown",
                "--package",
                CRATE,
                "--bin",
                CRATE,
                "--",
                "-C",
                "link-arg=--emit-relocs",
            ],
        ),
    )?;
    let linked = root().join(format!(
        "target/wasm32-unknown-unknown/release/{CRATE}.wasm"
    ));

    step("Splitting it into the first part and a part per group of screens (wasm-split-cli)");
    run(
        "wasm-split-cli",
        &mut command(
            "wasm-split-cli",
            &["--out-name", CRATE, &path_arg(&linked)?, &path_arg(&split)?],
        ),
    )?;
    run(
        "wasm-bindgen",
        &mut command(
            "wasm-bindgen",
            &[
                "--target",
                "web",
                "--keep-lld-exports",
                "--no-typescript",
                "--out-dir",
                &path_arg(&bound)?,
                &path_arg(&split.join(format!("{CRATE}.wasm")))?,
            ],
        ),
    )?;

    step("Optimising every part for size (wasm-opt -Oz)");
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let glue = format!("{CRATE}.js");
    // The classes nothing here uses go first, so that wasm-opt drops the code only they reach.
    let bound_glue = String::from_utf8(read(&bound.join(&glue))?)
        .map_err(|_| Failure("the glue is not UTF-8".into()))?;
    let (wasm, bound_glue) = crate::unused_classes::drop_classes(
        &read(&bound.join(MAIN_WASM))?,
        &bound_glue,
        &crate::unused_classes::WASM_STREAMS,
    )?;
    let unclassed = work.join("unclassed");
    create_dir(&unclassed)?;
    write(&unclassed.join(MAIN_WASM), &wasm)?;
    write(&unclassed.join(&glue), bound_glue.as_bytes())?;
    optimise(&unclassed.join(MAIN_WASM), &work.join(MAIN_WASM))?;
    minify(&unclassed.join(&glue), &work.join(&glue))?;
    let minified = String::from_utf8(read(&work.join(&glue))?)
        .map_err(|_| Failure("the minified glue is not UTF-8".into()))?;
    let (shortened_wasm, shortened_glue) =
        crate::glue_names::shorten(&read(&work.join(MAIN_WASM))?, &minified)?;
    files.push((MAIN_WASM.to_owned(), shortened_wasm));
    files.push((glue.clone(), shortened_glue.into_bytes()));
    for entry in read_dir(&split)? {
        let name = entry.file_name().to_string_lossy().into_owned();
        // The parts (`split_<group>.wasm`) and the code two or more of them share (`chunk_<n>.wasm`).
        if name.ends_with(".wasm") && name != format!("{CRATE}.wasm") {
            let optimised = work.join(&name);
            optimise(&entry.path(), &optimised)?;
            files.push((name, read(&optimised)?));
        } else if name.ends_with(".js") {
            files.push((name, read(&entry.path())?));
        }
    }
    let loader = String::from_utf8(read(&split.join(LOADER))?)
        .map_err(|_| Failure(format!("{LOADER} is not UTF-8")))?;
    let loader = compact_loader(&loader)?;
    for part in parts_opened_from_links() {
        let pack = members_of_pack(&loader, part, &files)?
            .into_iter()
            .flat_map(|(_, bytes)| bytes.to_vec())
            .collect();
        files.push((pack_of(part), pack));
    }
    files.push((
        "style.css".into(),
        read(&root().join("frontend/style.css"))?,
    ));
    // Minified as the glue is: 320 B of brotli in its local names and spaces.
    write(&work.join(START), start_script(&loader, &files)?.as_bytes())?;
    minify(&work.join(START), &work.join("start.min.js"))?;
    let start = read(&work.join("start.min.js"))?;
    files.retain(|(name, _)| name != LOADER);
    files.push((LOADER.into(), loader.into_bytes()));
    files.push((START.into(), start));
    files.sort();

    let mut hasher = std::hash::DefaultHasher::new();
    files.hash(&mut hasher);
    let folder = format!("app-{:016x}", hasher.finish());
    let _ = std::fs::remove_dir_all(dist);
    create_dir(&dist.join(&folder))?;
    for (name, bytes) in &files {
        write(&dist.join(&folder).join(name), bytes)?;
    }
    let template = String::from_utf8(read(&root().join("index.html"))?)
        .map_err(|_| Failure("index.html is not UTF-8".into()))?;
    write(
        &dist.join("index.html"),
        index_html(&template, &folder)?.as_bytes(),
    )
}

const START: &str = "start.js";
/// The first part's wasm, as wasm-bindgen names `CRATE`'s.
const MAIN_WASM: &str = "velferd-frontend_bg.wasm";
/// What `wasm-split-cli` names the script that fetches and instantiates the parts.
const LOADER: &str = "__wasm_split.js";

/// The parts whose screens a resident may open from a link, each once.
fn parts_opened_from_links() -> Vec<&'static str> {
    layout::PARTS
        .iter()
        .filter(|(_, _, addresses, _)| !addresses.is_empty())
        .map(|(part, ..)| *part)
        .collect()
}

/// The file holding all of `part`'s wasm files one after the other, which `start.js` fetches
/// when a resident opens one of its screens from a link: compressed as one, a part is 13–20 %
/// smaller than its 20–50 files compressed one by one (apply 182.2 → 152.0 KB, check 89.3 →
/// 78.3 KB). Later parts still come file by file, so the code two parts share comes once.
pub fn pack_of(part: &str) -> String {
    format!("pack_{part}.bin")
}

/// The files in `part`'s pack, in order: the first part's wasm, then the part's own files. A
/// page opened in a part needs both, and compressed as one they are 5–8 KB smaller than apart
/// (brotli: check 102.5 + 52.8 → 149.6 KB, apply 102.5 + 143.4 → 237.6 KB).
fn pack_members(loader: &str, part: &str) -> Result<Vec<String>> {
    let mut members = vec![MAIN_WASM.to_owned()];
    members.extend(part_files(loader, part)?);
    Ok(members)
}

/// The files in `part`'s pack, in order, with their bytes as they are served.
fn members_of_pack<'a>(
    loader: &str,
    part: &str,
    files: &'a [(String, Vec<u8>)],
) -> Result<Vec<(String, &'a [u8])>> {
    pack_members(loader, part)?
        .into_iter()
        .map(|member| {
            let bytes = files
                .iter()
                .find(|(name, _)| *name == member)
                .map(|(_, bytes)| bytes.as_slice())
                .ok_or_else(|| Failure(format!("{part} needs {member}, which was not built")))?;
            Ok((member, bytes))
        })
        .collect()
}

/// How `wasm-split-cli` 0.2 writes the loading of one file, around its name and its list of
/// dependencies: `makeLoad(() => { …fetch(new URL("./<file>"…)… }, [<dependencies>])`.
const LOAD_BEFORE_FILE: &str = "makeLoad(() => {\n    const src = fetch(new URL(\"./";
const LOAD_AFTER_FILE: &str = "\", import.meta.url));\n    src.catch(() => {});\n    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));\n}\n, [";

/// How the loader served loads one file: `loadFile("<file>", [<dependencies>])`.
const LOAD_FILE: &str = "loadFile(\"";
const LOAD_FILE_DEPENDENCIES: &str = "\", [";

/// The loader as served: each file loaded through one function, whose fetch goes through
/// `start.js` (which hands out a file it has unpacked from a pack, or else fetches it), and
/// without comments. As written, the loader spelled out the same ten lines for each of its 160
/// files, and named in a comment the parts that share each chunk: 540 B of brotli of every
/// first load in the comments, 220 B in the repeated lines.
fn compact_loader(loader: &str) -> Result<String> {
    let files = loader.matches(LOAD_BEFORE_FILE).count();
    if files == 0 || loader.matches(LOAD_AFTER_FILE).count() != files {
        return fail(format!(
            "{LOADER} does not load its files as wasm-split-cli 0.2 writes it"
        ));
    }
    let compact: String = loader
        .replace(LOAD_BEFORE_FILE, LOAD_FILE)
        .replace(LOAD_AFTER_FILE, LOAD_FILE_DEPENDENCIES)
        .lines()
        .filter(|line| {
            let line = line.trim_start();
            !(line.starts_with("//") || line.starts_with("/*") && line.ends_with("*/"))
        })
        .map(|line| format!("{line}\n"))
        .collect();
    Ok(format!(
        "const fetchFile = (url) => (globalThis.velferdFile || fetch)(url);\n\
         function loadFile(file, dependencies) {{\n\
         \x20   return makeLoad(() => {{\n\
         \x20       const src = fetchFile(new URL(\"./\" + file, import.meta.url));\n\
         \x20       src.catch(() => {{}});\n\
         \x20       return async (imports) => WebAssembly.instantiateStreaming(src, imports);\n\
         \x20   }}, dependencies);\n}}\n{compact}"
    ))
}

/// The parts the service worker keeps when it installs (`layout::PARTS` says which), with every
/// language's frame texts (a new version must open offline in the resident's language, which
/// the worker does not know).
pub fn kept_offline() -> Vec<String> {
    let mut parts: Vec<String> = parts_kept_offline().map(str::to_owned).collect();
    parts.extend(Language::ALL.map(|language| table(FRAME_TEXTS, language)));
    parts
}

fn parts_kept_offline() -> impl Iterator<Item = &'static str> {
    layout::PARTS
        .iter()
        .filter(|(.., kept)| *kept)
        .map(|(part, ..)| *part)
}

/// The tables of texts that the parts in `kept_offline` read, in `language`. The worker keeps
/// them in the resident's language once a page has told it which that is (by the frame texts it
/// fetched): in every language they would be 85 KB more to download for one.
pub fn texts_kept_offline(language: Language) -> Vec<String> {
    let mut names: Vec<&str> = parts_kept_offline().flat_map(tables_of).collect();
    names.sort_unstable();
    names.dedup();
    names
        .into_iter()
        .map(|name| table(name, language))
        .collect()
}

// The tables of texts and the parts, as the frontend's build script reads them too.
#[path = "../../frontend/layout.rs"]
mod layout;

/// The table of texts every page fetches before the frame draws: the first.
pub const FRAME_TEXTS: &str = layout::TEXT_TABLES[0].2;

/// Every language's tables of texts, by the name of their parts.
pub fn every_table() -> impl Iterator<Item = &'static str> {
    layout::TEXT_TABLES.iter().map(|(.., name, _)| *name)
}

/// The tables of texts (by the name of their parts) that `part`'s screens read beside the
/// frame's.
pub fn tables_of(part: &str) -> Vec<&'static str> {
    let sections = layout::PARTS
        .iter()
        .find(|(name, ..)| *name == part)
        .map_or(&[][..], |(_, sections, ..)| *sections);
    layout::TEXT_TABLES
        .iter()
        .filter(|(section, ..)| sections.contains(section))
        .map(|(.., name, _)| *name)
        .collect()
}

/// The part that holds `language`'s texts of the table `name` (`frame_ar`, say).
pub fn table(name: &str, language: Language) -> String {
    format!("{name}_{}", language.code())
}

/// A pack's URL, and its files' URLs with their lengths in the pack's order.
pub type PackAsServed = (String, Vec<(String, u64)>);

/// Every pack as served: the service worker cuts the files out of a pack the page kept
/// (`frontend/sw.js`).
pub fn packs_as_served(dist: &Path, index: &str) -> Result<Vec<PackAsServed>> {
    let (folder, loader) = loader_as_served(dist, index)?;
    parts_opened_from_links()
        .into_iter()
        .map(|part| {
            let members = pack_members(&loader, part)?
                .into_iter()
                .map(|file| {
                    let url = format!("{folder}{file}");
                    let path = dist.join(url.trim_start_matches('/'));
                    let length = std::fs::metadata(&path)
                        .map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))?
                        .len();
                    Ok((url, length))
                })
                .collect::<Result<Vec<_>>>()?;
            Ok((url_of_pack(index, part)?, members))
        })
        .collect()
}

/// The URLs (as `index.html` names files) of the wasm files that `parts` need, read from the
/// loader that `index` preloads.
pub fn urls_of_parts(dist: &Path, index: &str, parts: &[impl AsRef<str>]) -> Result<Vec<String>> {
    let (folder, loader) = loader_as_served(dist, index)?;
    let mut urls = Vec::new();
    for part in parts {
        for file in part_files(&loader, part.as_ref())? {
            let url = format!("{folder}{file}");
            if !urls.contains(&url) {
                urls.push(url);
            }
        }
    }
    Ok(urls)
}

/// The app's folder as `index.html` names it, and the loader in it as built into `dist`.
fn loader_as_served(dist: &Path, index: &str) -> Result<(String, String)> {
    let folder = app_folder(index)?;
    let path = dist.join(folder.trim_start_matches('/')).join(LOADER);
    let loader =
        String::from_utf8(read(&path)?).map_err(|_| Failure(format!("{LOADER} is not UTF-8")))?;
    Ok((folder, loader))
}

/// The URL of the first part's wasm, as `index.html` names the app's files. `start.js` fetches
/// it: in the pack of the page's part, or else on its own.
pub fn url_of_main(index: &str) -> Result<String> {
    Ok(format!("{}{MAIN_WASM}", app_folder(index)?))
}

/// The URL of `part`'s pack, as `index.html` names the app's files.
pub fn url_of_pack(index: &str, part: &str) -> Result<String> {
    Ok(format!("{}{}", app_folder(index)?, pack_of(part)))
}

/// The folder of the app's files (`/app-<hash>/`), as `index.html` names them.
fn app_folder(index: &str) -> Result<String> {
    let assets = first_load_assets(index);
    let Some(loader_url) = assets.iter().find(|a| a.ends_with(&format!("/{LOADER}"))) else {
        return fail(format!("index.html names no {LOADER}"));
    };
    Ok(loader_url[..loader_url.len() - LOADER.len()].to_owned())
}

/// The wasm files the loader (`__wasm_split.js`) fetches for `part`: the part's own file and
/// the shared chunks it depends on. Read from the loader itself, which loads each part and each
/// chunk as `loadFile("<file>", [<dependencies>])` (`compact_loader`).
pub fn part_files(loader: &str, part: &str) -> Result<Vec<String>> {
    let export = format!("export const __wasm_split_load_{part} = ");
    let Some(at) = loader.find(&export) else {
        return fail(format!("__wasm_split.js has no part `{part}`"));
    };
    let (file, dependencies) = load_of(&loader[at..])?;
    let mut files = vec![file];
    for dependency in dependencies {
        let definition = format!("const {dependency} = ");
        let Some(at) = loader.find(&definition) else {
            return fail(format!("__wasm_split.js does not define {dependency}"));
        };
        files.push(load_of(&loader[at..])?.0);
    }
    Ok(files)
}

/// The file and the dependencies of the `loadFile` that `definition` starts with.
fn load_of(definition: &str) -> Result<(String, Vec<String>)> {
    let unreadable = || Failure("__wasm_split.js does not load its files with `loadFile`".into());
    let url = definition.find(LOAD_FILE).ok_or_else(unreadable)? + LOAD_FILE.len();
    let file = &definition[url..];
    let file = &file[..file.find('"').ok_or_else(unreadable)?];
    let list = definition
        .find(LOAD_FILE_DEPENDENCIES)
        .ok_or_else(unreadable)?
        + LOAD_FILE_DEPENDENCIES.len();
    let list = &definition[list..];
    let list = &list[..list.find(']').ok_or_else(unreadable)?];
    let dependencies = list
        .split(',')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_owned)
        .collect();
    Ok((file.to_owned(), dependencies))
}

/// Each start of an address and the part whose screens are there, the longest start first, so
/// that the first that fits an address is the one that wins (`start.js` reads them so too).
fn parts_by_address() -> Vec<(&'static str, &'static str)> {
    let mut starts: Vec<(&str, &str)> = layout::PARTS
        .iter()
        .flat_map(|(part, _, starts, _)| starts.iter().map(move |start| (*start, *part)))
        .collect();
    starts.sort_by_key(|(start, _)| std::cmp::Reverse(start.len()));
    starts
}

/// The part whose screen shows at `path`, if it is not in the first part.
pub fn part_of_address(path: &str) -> Option<&'static str> {
    parts_by_address()
        .into_iter()
        .find(|(start, _)| path.starts_with(start))
        .map(|(_, part)| part)
}

/// `start.js` from `frontend/start.js`, with each address's part, each part's files, tables of
/// texts and pack, and each language's tables' files named. A file, not inline: the content security policy then
/// needs no hash for it.
fn start_script(loader: &str, files: &[(String, Vec<u8>)]) -> Result<String> {
    let template_path = root().join("frontend/start.js");
    let template = std::fs::read_to_string(&template_path)
        .map_err(|e| Failure(format!("cannot read {}: {e}", template_path.display())))?;
    // Each part once (several addresses show one part), so every first load carries its files'
    // names once.
    let mut parts = serde_json::Map::new();
    for part in parts_opened_from_links() {
        // The part's own files, and the length of each file in its pack (the first part's first).
        let lengths: Vec<usize> = members_of_pack(loader, part, files)?
            .into_iter()
            .map(|(_, bytes)| bytes.len())
            .collect();
        parts.insert(
            part.to_owned(),
            serde_json::json!([
                part_files(loader, part)?,
                tables_of(part),
                pack_of(part),
                lengths
            ]),
        );
    }
    let mut tables = serde_json::Map::new();
    for language in Language::ALL {
        let mut files = serde_json::Map::new();
        for name in every_table() {
            files.insert(
                name.to_owned(),
                part_files(loader, &table(name, language))?.into(),
            );
        }
        tables.insert(language.code().to_owned(), files.into());
    }
    Ok(template
        .replace("__GLUE__", &format!("{CRATE}.js"))
        .replace("__MAIN_WASM__", MAIN_WASM)
        .replace(
            "__ADDRESSES__",
            &serde_json::json!(parts_by_address()).to_string(),
        )
        .replace("__PARTS__", &serde_json::Value::from(parts).to_string())
        .replace("__TABLES__", &serde_json::Value::from(tables).to_string()))
}

/// The first part's files, named in `index.html` so the browser fetches them at once rather
/// than one after the other (and `first_load_assets` finds exactly these). Not its wasm: a page
/// in a part gets that in the part's pack (`pack_members`), so `start.js` asks for it.
fn index_html(template: &str, folder: &str) -> Result<String> {
    if !template.contains(ASSETS_MARK) {
        return fail(format!("index.html has no `{ASSETS_MARK}`"));
    }
    let assets = format!(
        "<link rel=\"stylesheet\" href=\"/{folder}/style.css\">\n  \
         <link rel=\"modulepreload\" href=\"/{folder}/{CRATE}.js\">\n  \
         <link rel=\"modulepreload\" href=\"/{folder}/{LOADER}\">\n  \
         <script type=\"module\" src=\"/{folder}/{START}\"></script>"
    );
    Ok(template.replace(ASSETS_MARK, &assets))
}

fn optimise(input: &Path, output: &Path) -> Result {
    // The target features section (148 B) says what the tools agreed on, which no browser
    // reads; a part comes in up to 36 files.
    let mut args = vec![
        "-Oz",
        "--strip-debug",
        "--strip-producers",
        "--strip-target-features",
    ];
    args.extend(WASM_FEATURES);
    let (input, output) = (path_arg(input)?, path_arg(output)?);
    args.extend([input.as_str(), "-o", output.as_str()]);
    run("wasm-opt", &mut command("wasm-opt", &args))
}

/// wasm-bindgen's glue and `start.js`, minified: the glue was 9.5 KB brotli as written, 2 KB of
/// it comments, spaces and long local names. (The loader is not: `part_files` reads it, and
/// `compact_loader` leaves little for a minifier.)
fn minify(input: &Path, output: &Path) -> Result {
    let (input, output) = (path_arg(input)?, path_arg(output)?);
    let out = format!("--outfile={output}");
    run(
        "esbuild",
        &mut command(
            "esbuild",
            &[
                input.as_str(),
                "--minify",
                "--format=esm",
                "--log-level=warning",
                &out,
            ],
        ),
    )
}

fn path_arg(path: &Path) -> Result<String> {
    path.to_str()
        .map(str::to_owned)
        .ok_or_else(|| Failure(format!("{} is not UTF-8", path.display())))
}

fn create_dir(dir: &Path) -> Result {
    std::fs::create_dir_all(dir)
        .map_err(|e| Failure(format!("cannot create {}: {e}", dir.display())))
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))
}

fn write(path: &Path, bytes: &[u8]) -> Result {
    std::fs::write(path, bytes)
        .map_err(|e| Failure(format!("cannot write {}: {e}", path.display())))
}

fn read_dir(dir: &Path) -> Result<Vec<std::fs::DirEntry>> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Failure(format!("cannot read {}: {e}", dir.display())))?;
    Ok(entries.flatten().collect())
}

/// The URLs the browser fetches on first load: what `index.html` links (CSS, the module and
/// the wasm it preloads). Minified HTML (Trunk's, for the staff page) may leave attribute values
/// unquoted.
pub fn first_load_assets(index: &str) -> Vec<String> {
    let mut assets: Vec<String> = Vec::new();
    for attribute in ["href=", "src="] {
        let mut rest = index;
        while let Some(at) = rest.find(attribute) {
            rest = &rest[at + attribute.len()..];
            let (value, after) = match rest.chars().next() {
                Some(quote @ ('"' | '\'')) => {
                    let inner = &rest[1..];
                    let end = inner.find(quote).unwrap_or(inner.len());
                    (&inner[..end], &inner[end..])
                }
                _ => {
                    let end = rest
                        .find(|c: char| c.is_whitespace() || c == '>')
                        .unwrap_or(rest.len());
                    (&rest[..end], &rest[end..])
                }
            };
            if value.starts_with('/') && !assets.iter().any(|a| a == value) {
                assets.push(value.to_owned());
            }
            rest = after;
        }
    }
    assets
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_load_assets_are_found_quoted_or_not_and_only_once() {
        let html = r#"<link href=/a-1.css rel=stylesheet><script src="/b.js"></script><link href='/b.js'><link href=data:, rel=icon>"#;
        assert_eq!(first_load_assets(html), vec!["/a-1.css", "/b.js"]);
    }

    #[test]
    fn the_index_names_the_first_parts_files_in_the_hashed_folder() {
        let html = index_html(
            &format!("<head>{ASSETS_MARK}</head>"),
            "app-0123456789abcdef",
        )
        .unwrap();
        assert!(html.contains("href=\"/app-0123456789abcdef/style.css\""));
        assert!(html.contains("src=\"/app-0123456789abcdef/start.js\""));
        // The first part's wasm comes in the pack of the page's part, or from start.js.
        assert!(!html.contains(MAIN_WASM));
        assert!(!html.contains(ASSETS_MARK));
    }

    /// A loader as wasm-split-cli 0.2 writes it, for a part `check` and one chunk.
    const WRITTEN_LOADER_OF_CHECK: &str = "/* check */\nconst __chunk_1 = makeLoad(() => {\n    const src = fetch(new URL(\"./chunk_1.wasm\", import.meta.url));\n    src.catch(() => {});\n    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));\n}\n, []);\n\
            export const __wasm_split_load_check = wrapAsyncCb(makeLoad(() => {\n    const src = fetch(new URL(\"./split_check.wasm\", import.meta.url));\n    src.catch(() => {});\n    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));\n}\n, [__chunk_1]));\n";

    /// The same, as served.
    const LOADER_OF_CHECK: &str = "const __chunk_1 = loadFile(\"chunk_1.wasm\", []);\n\
            export const __wasm_split_load_check = wrapAsyncCb(loadFile(\"split_check.wasm\", [__chunk_1]));\n";

    #[test]
    fn the_loader_loads_every_file_through_one_function_that_asks_start_and_drops_comments() {
        let loader = compact_loader(WRITTEN_LOADER_OF_CHECK).unwrap();
        assert!(loader.ends_with(LOADER_OF_CHECK), "{loader}");
        assert_eq!(loader.matches("fetchFile(new URL(").count(), 1);
        assert!(!loader.contains("/* check */"));
        assert_eq!(
            part_files(&loader, "check").unwrap(),
            vec!["split_check.wasm", "chunk_1.wasm"]
        );
        assert!(compact_loader("export const x = 1;").is_err());
    }

    #[test]
    fn a_pack_holds_the_parts_files_in_the_order_start_reads_them() {
        let files = vec![
            ("chunk_1.wasm".to_owned(), vec![1, 1]),
            ("split_check.wasm".to_owned(), vec![2, 2, 2]),
            (MAIN_WASM.to_owned(), vec![0]),
        ];
        let members = members_of_pack(LOADER_OF_CHECK, "check", &files).unwrap();
        assert_eq!(
            members,
            vec![
                (MAIN_WASM.to_owned(), &[0u8][..]),
                ("split_check.wasm".to_owned(), &[2u8, 2, 2][..]),
                ("chunk_1.wasm".to_owned(), &[1u8, 1][..])
            ]
        );
        assert!(members_of_pack(LOADER_OF_CHECK, "check", &files[..2]).is_err());
    }

    #[test]
    fn a_parts_files_are_its_own_and_its_dependencies() {
        let loader = LOADER_OF_CHECK;
        assert_eq!(
            part_files(loader, "check").unwrap(),
            vec!["split_check.wasm", "chunk_1.wasm"]
        );
        assert!(part_files(loader, "apply").is_err());
    }

    #[test]
    fn the_worker_keeps_what_a_resident_needs_without_a_signal_and_never_applying_at_install() {
        let kept: Vec<&str> = parts_kept_offline().collect();
        // The call-back form's outbox with the form: a request typed offline is kept.
        for part in [
            "help", "check", "answers", "results", "callback", "sent", "outbox",
        ] {
            assert!(kept.contains(&part), "{part} is not kept: {kept:?}");
        }
        for part in ["apply", "follow", "partner", "device"] {
            assert!(!kept.contains(&part), "{part} is kept: {kept:?}");
        }
    }

    #[test]
    fn each_address_is_found_in_its_part_and_the_home_page_in_none() {
        assert_eq!(part_of_address("/check/q/age"), Some("check"));
        assert_eq!(part_of_address("/check/results"), Some("results"));
        assert_eq!(part_of_address("/check/answers"), Some("answers"));
        assert_eq!(part_of_address("/check"), Some("check"));
        assert_eq!(part_of_address("/help/money"), Some("help"));
        assert_eq!(part_of_address("/status/a-private-link"), Some("follow"));
        assert_eq!(part_of_address("/call-me"), Some("callback"));
        assert_eq!(part_of_address("/call-me/SIM-4F2K"), Some("sent"));
        assert_eq!(part_of_address("/"), None);
    }

    #[test]
    fn a_template_without_the_mark_is_refused() {
        assert!(index_html("<head></head>", "app-0").is_err());
    }
}
