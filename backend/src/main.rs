use velferd_backend::{
    Config,
    admin::{self, Cli, Command, StaffCommand},
    telemetry,
};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::try_parse_checked(std::env::args_os()).unwrap_or_else(|error| error.exit());
    telemetry::init();
    let config = Config::from_env();
    let outcome = match cli.command {
        None => velferd_backend::run(config)
            .await
            .map_err(|e| e.to_string()),
        Some(Command::Status(change)) => admin::record(&config, &change).await.map(|()| {
            println!("{}: {} recorded", change.reference, change.status.as_str());
        }),
        Some(Command::Staff(StaffCommand::Add(new))) => match admin::read_password() {
            Ok(password) => admin::add_staff(&config, &new, &password).await.map(|uri| {
                println!(
                    "{} can sign in after adding this to an authenticator app:",
                    new.email
                );
                println!("{uri}");
            }),
            Err(error) => Err(error),
        },
        Some(Command::Staff(StaffCommand::Disable { email })) => {
            admin::disable_staff(&config, &email)
                .await
                .map(|()| println!("{email} is disabled; its sessions have ended"))
        }
    };
    match outcome {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("velferd: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
