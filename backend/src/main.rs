use velferd_backend::{Config, admin, telemetry};

const USAGE: &str = "\
usage:
  velferd                     serve the app and the API (configured by VELFERD_* variables)
  velferd status <reference> <status> [--decision <decision>] [--note <text>]
                              record a status change, as a counsellor would
    <status>    received | in-review | more-information-needed | document-received | decided
    <decision>  granted | partly-granted | refused (with the status decided)";

#[tokio::main]
async fn main() -> std::process::ExitCode {
    telemetry::init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = Config::from_env();
    let outcome = match args.first().map(String::as_str) {
        None => velferd_backend::run(config)
            .await
            .map_err(|e| e.to_string()),
        Some("status") => match admin::StatusChange::parse(&args[1..]) {
            Ok(change) => admin::record(&config, &change).await.map(|()| {
                println!("{}: {} recorded", change.reference, change.status.as_str());
            }),
            Err(error) => Err(format!("{error}\n{USAGE}")),
        },
        Some("--help" | "-h" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command {other:?}\n{USAGE}")),
    };
    match outcome {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("velferd: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
