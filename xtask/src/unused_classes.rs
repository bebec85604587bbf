//! Classes that a dependency exports to JavaScript and the residents' app never uses, taken out
//! of the first part and its glue.
//!
//! Leptos's `csr` feature turns on server_fn's `browser` feature, which brings wasm-streams: its
//! `#[wasm_bindgen]` classes (a Rust stream as a JS `ReadableStream` or `WritableStream`) are
//! exports of every bundle, so neither the linker nor wasm-opt may drop them, nor the code they
//! reach. Nothing here streams. Without their exports, wasm-opt drops that code: 4 KB of the first
//! part's wasm, 1.1 KB brotli, on every first load.

use wasm_encoder::{ExportKind, ExportSection, Module};
use wasmparser::{Parser, Payload};

use crate::glue_names::{invalid, keep_as_is};
use crate::shell::{Failure, Result};

/// The classes wasm-streams exports, as wasm-bindgen names them in the glue.
pub const WASM_STREAMS: [&str; 3] = [
    "IntoUnderlyingByteSource",
    "IntoUnderlyingSink",
    "IntoUnderlyingSource",
];

/// `wasm` without the exports of `classes` (their methods and `free`), and `glue` without the
/// classes and their finalization registries. Fails when the glue does not define a class as
/// wasm-bindgen 0.2 writes it, rather than leave a class whose methods call nothing.
pub fn drop_classes(wasm: &[u8], glue: &str, classes: &[&str]) -> Result<(Vec<u8>, String)> {
    let owned_by_class = |export: &str| {
        classes.iter().any(|class| {
            let class = class.to_lowercase();
            export == format!("__wbg_{class}_free") || export.starts_with(&format!("{class}_"))
        })
    };
    let mut module = Module::new();
    let mut dropped = 0;
    for payload in Parser::new(0).parse_all(wasm) {
        let payload = payload.map_err(invalid)?;
        if let Payload::ExportSection(reader) = &payload {
            let mut exports = ExportSection::new();
            for export in reader.clone() {
                let export = export.map_err(invalid)?;
                if owned_by_class(export.name) {
                    dropped += 1;
                    continue;
                }
                exports.export(export.name, ExportKind::from(export.kind), export.index);
            }
            module.section(&exports);
        } else {
            keep_as_is(&mut module, wasm, &payload)?;
        }
    }
    if dropped == 0 {
        return Err(Failure(format!(
            "the first part exports nothing of {}",
            classes.join(", ")
        )));
    }

    let mut glue = glue.to_owned();
    for class in classes {
        glue = cut(
            &glue,
            &format!("export class {class} {{"),
            &format!(
                "if (Symbol.dispose) {class}.prototype[Symbol.dispose] = {class}.prototype.free;\n"
            ),
        )?;
        glue = cut(
            &glue,
            &format!("const {class}Finalization = "),
            "_free(ptr, 1));\n",
        )?;
    }
    Ok((module.finish(), glue))
}

/// `text` without the one stretch from `start` to the first `end` after it, both included.
fn cut(text: &str, start: &str, end: &str) -> Result<String> {
    let unexpected = || Failure(format!("the glue has no one `{start}` … `{end}`"));
    let from = text.find(start).ok_or_else(unexpected)?;
    if text[from + start.len()..].contains(start) {
        return Err(unexpected());
    }
    let to = from + text[from..].find(end).ok_or_else(unexpected)? + end.len();
    Ok(format!("{}{}", &text[..from], &text[to..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GLUE: &str = "import * as a from \"./x.js\"\n\nexport class Pump {\n    free() {\n        wasm.__wbg_pump_free(ptr, 0);\n    }\n}\nif (Symbol.dispose) Pump.prototype[Symbol.dispose] = Pump.prototype.free;\n\nfunction keep() {}\nconst PumpFinalization = (typeof FinalizationRegistry === 'undefined')\n    ? { register: () => {}, unregister: () => {} }\n    : new FinalizationRegistry(ptr => wasm.__wbg_pump_free(ptr, 1));\nconst other = 1;\n";

    /// A module exporting `main`, `pump_pull` and `__wbg_pump_free`, three empty functions.
    fn module() -> Vec<u8> {
        use wasm_encoder::{CodeSection, Function, FunctionSection, TypeSection};
        let mut module = Module::new();
        let mut types = TypeSection::new();
        types.ty().function([], []);
        module.section(&types);
        let mut functions = FunctionSection::new();
        let mut exports = ExportSection::new();
        let mut code = CodeSection::new();
        for (index, name) in ["main", "pump_pull", "__wbg_pump_free"].iter().enumerate() {
            functions.function(0);
            exports.export(name, ExportKind::Func, index as u32);
            let mut body = Function::new([]);
            body.instructions().end();
            code.function(&body);
        }
        module.section(&functions);
        module.section(&exports);
        module.section(&code);
        module.finish()
    }

    fn exports(wasm: &[u8]) -> Vec<String> {
        Parser::new(0)
            .parse_all(wasm)
            .filter_map(|payload| match payload.unwrap() {
                Payload::ExportSection(reader) => Some(
                    reader
                        .into_iter()
                        .map(|e| e.unwrap().name.to_owned())
                        .collect::<Vec<_>>(),
                ),
                _ => None,
            })
            .flatten()
            .collect()
    }

    #[test]
    fn a_class_leaves_the_exports_and_the_glue_and_nothing_else_does() {
        let (wasm, glue) = drop_classes(&module(), GLUE, &["Pump"]).unwrap();
        assert_eq!(exports(&wasm), vec!["main"]);
        assert!(!glue.contains("Pump"), "{glue}");
        assert!(
            glue.contains("function keep() {}\nconst other = 1;\n"),
            "{glue}"
        );
        assert!(
            glue.starts_with("import * as a from \"./x.js\"\n\n\n"),
            "{glue}"
        );
    }

    #[test]
    fn a_class_the_glue_does_not_define_as_expected_fails_the_build() {
        assert!(drop_classes(&module(), "const x = 1;", &["Pump"]).is_err());
        assert!(drop_classes(&module(), GLUE, &["Valve"]).is_err());
    }
}
