use velferd_backend::{Config, telemetry};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    telemetry::init();
    match velferd_backend::run(Config::from_env()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "the server stopped");
            eprintln!("velferd: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
