//! Short names for what the first part imports from wasm-bindgen's glue.
//!
//! wasm-bindgen names each JS function the wasm calls after the function and a hash
//! (`__wbg_body_5f971cbc6950ca4f`), and both the wasm's import section and the glue's import
//! object spell out every name: 249 names, 8 KB of hex digits that brotli can hardly shrink, on
//! every first load. Neither file needs them long, so both get the same short names here.

use std::collections::HashMap;

use wasm_encoder::{
    ImportSection, Module, RawSection,
    reencode::{Reencode, RoundtripReencoder},
};
use wasmparser::{Parser, Payload};

use crate::shell::{Failure, Result};

/// The module name wasm-bindgen gives the glue's imports (`--target web`).
const GLUE_MODULE_SUFFIX: &str = "_bg.js";

/// Renames the hashed imports that `wasm` takes from the glue, in `wasm` and in `glue` alike.
///
/// Fails, rather than writing a module that cannot start, when a name to rename is not
/// exactly once in the glue.
pub fn shorten(wasm: &[u8], glue: &str) -> Result<(Vec<u8>, String)> {
    let mut short_names: HashMap<String, String> = HashMap::new();
    let mut module = Module::new();
    for payload in Parser::new(0).parse_all(wasm) {
        let payload = payload.map_err(invalid)?;
        if let Payload::ImportSection(reader) = &payload {
            let mut imports = ImportSection::new();
            for import in reader.clone().into_imports() {
                let import = import.map_err(invalid)?;
                let name = if import.module.ends_with(GLUE_MODULE_SUFFIX) && is_hashed(import.name)
                {
                    let next = short_name(short_names.len());
                    short_names
                        .entry(import.name.to_owned())
                        .or_insert(next)
                        .clone()
                } else {
                    import.name.to_owned()
                };
                let ty = RoundtripReencoder
                    .entity_type(import.ty)
                    .map_err(|e| Failure(format!("cannot re-encode an import: {e:?}")))?;
                imports.import(import.module, &name, ty);
            }
            module.section(&imports);
        } else {
            keep_as_is(&mut module, wasm, &payload)?;
        }
    }

    let mut glue = glue.to_owned();
    for (long, short) in &short_names {
        let found = glue.matches(long.as_str()).count();
        if found != 1 {
            return Err(Failure(format!(
                "the glue names the import {long} {found} times, not once: cannot shorten it"
            )));
        }
        glue = glue.replacen(long.as_str(), short, 1);
    }
    Ok((module.finish(), glue))
}

/// wasm-bindgen's hashed names end in `_` and 16 hex digits; the few others are its own
/// (`__wbindgen_init_externref_table`) and left alone.
fn is_hashed(name: &str) -> bool {
    name.len() > 17
        && name.as_bytes()[name.len() - 17] == b'_'
        && name[name.len() - 16..]
            .bytes()
            .all(|b| b.is_ascii_hexdigit())
}

/// `a`…`Z`, then `aa`, `ab`…: valid property names in JS (reserved words such as `do` are too).
fn short_name(mut index: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = Vec::new();
    loop {
        name.push(LETTERS[index % LETTERS.len()]);
        index /= LETTERS.len();
        if index == 0 {
            break;
        }
        index -= 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// Copies `payload`'s section, if it is one, into `module` unchanged.
pub fn keep_as_is(module: &mut Module, wasm: &[u8], payload: &Payload) -> Result {
    if let Some((id, range)) = payload.as_section() {
        let range = usize::try_from(range.start).map_err(invalid)?
            ..usize::try_from(range.end).map_err(invalid)?;
        module.section(&RawSection {
            id,
            data: &wasm[range],
        });
    }
    Ok(())
}

pub fn invalid(e: impl std::fmt::Display) -> Failure {
    Failure(format!("the first part's wasm cannot be read: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_are_distinct_and_short() {
        let names: Vec<String> = (0..3000).map(short_name).collect();
        let distinct: std::collections::HashSet<&String> = names.iter().collect();
        assert_eq!(distinct.len(), names.len());
        assert_eq!(names[0], "a");
        assert_eq!(names[51], "Z");
        assert_eq!(names[52], "aa");
        assert!(names.iter().all(|n| n.len() <= 3));
    }

    #[test]
    fn only_wasm_bindgens_hashed_names_are_renamed() {
        assert!(is_hashed("__wbg_body_5f971cbc6950ca4f"));
        assert!(!is_hashed("__wbindgen_init_externref_table"));
        assert!(!is_hashed("__wasm_split_load_check_0123"));
    }

    /// A module that imports functions of these names from the glue.
    fn importing(names: &[&str]) -> Vec<u8> {
        let mut imports = ImportSection::new();
        for name in names {
            imports.import("./app_bg.js", name, wasm_encoder::EntityType::Function(0));
        }
        let mut types = wasm_encoder::TypeSection::new();
        types.ty().function([], []);
        let mut module = Module::new();
        module.section(&types).section(&imports);
        module.finish()
    }

    #[test]
    fn the_wasm_and_the_glue_get_the_same_short_names() {
        let long = "__wbg_body_5f971cbc6950ca4f";
        let module = importing(&[long, "__wbindgen_init_externref_table"]);
        let glue =
            format!("const i={{{long}:function(){{}},__wbindgen_init_externref_table(){{}}}}");

        let (wasm, glue) = shorten(&module, &glue).unwrap();
        assert_eq!(
            glue,
            "const i={a:function(){},__wbindgen_init_externref_table(){}}"
        );
        let names: Vec<String> = Parser::new(0)
            .parse_all(&wasm)
            .filter_map(|p| match p.unwrap() {
                Payload::ImportSection(r) => Some(
                    r.into_imports()
                        .map(|i| i.unwrap().name.to_owned())
                        .collect::<Vec<_>>(),
                ),
                _ => None,
            })
            .flatten()
            .collect();
        assert_eq!(names, ["a", "__wbindgen_init_externref_table"]);
    }

    #[test]
    fn a_name_the_glue_does_not_hold_once_stops_the_build() {
        let module = importing(&["__wbg_body_5f971cbc6950ca4f"]);
        assert!(shorten(&module, "const i={}").is_err());
    }
}
