//! `cargo xtask run | test | bench`: the only commands a newcomer needs. Each installs what is
//! missing (and nothing already there at the right version) before it starts.

mod bench;
mod build;
mod glue_names;
mod offline;
mod postgres;
mod prerender;
mod shell;
mod split;
mod test;
mod tools;
mod unused_classes;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

  run     install what is missing, build the frontend and serve the app on http://127.0.0.1:8080
  build   install what is missing and build the frontend into dist/
  test    install what is missing and run every check and test (what CI runs)
  bench   measure first-load transfer and API throughput, printed as figures";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => build::serve(),
        Some("build") => build::frontend(),
        Some("test") => test::all(),
        Some("bench") => bench::all(),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("\nxtask: FAILED: {failure}");
            ExitCode::FAILURE
        }
    }
}
