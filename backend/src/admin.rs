//! The server binary's command line: serving, staff accounts (the first admin has no other
//! way in), and status changes from a shell.

use clap::{
    Args, CommandFactory, Parser, Subcommand,
    builder::{PossibleValuesParser, TypedValueParser},
    error::ErrorKind,
};
use velferd_shared::{
    ServiceCentre,
    follow::{Decision, Status},
    staff::Role,
};

use crate::{
    Config, cases,
    db::Database,
    staff::{accounts, totp},
};

/// Velferð's server. Without a command it serves the app and the JSON API, configured by
/// VELFERD_* variables, until Ctrl-C or SIGTERM.
#[derive(Debug, Parser)]
#[command(name = "velferd", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Record a status change on an application, as a counsellor would.
    Status(StatusChange),
    /// Manage staff accounts.
    #[command(subcommand)]
    Staff(StaffCommand),
}

#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum StaffCommand {
    /// Create an account. The password is read from standard input (not echoed on a terminal);
    /// the account's TOTP secret is printed as an otpauth:// URI for an authenticator app.
    Add(NewStaff),
    /// Disable an account and end its sessions.
    Disable {
        /// The account's e-mail address.
        email: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Args)]
pub struct NewStaff {
    /// The e-mail address, which is also the sign-in name.
    pub email: String,
    /// The name colleagues see.
    #[arg(long)]
    pub name: String,
    /// A centre the account works for; repeat for several.
    #[arg(long = "centre", required = true, value_parser = by_name(CENTRES, centre_named))]
    pub centres: Vec<ServiceCentre>,
    /// An admin also manages accounts and reads the audit trail.
    #[arg(long)]
    pub admin: bool,
}

const CENTRES: [&str; 5] = [
    "online-center",
    "vesturmidstod",
    "nordurmidstod",
    "sudurmidstod",
    "austurmidstod",
];

fn centre_named(name: &str) -> Option<ServiceCentre> {
    crate::db::from_stored_name(name).ok()
}

#[derive(Debug, Clone, PartialEq, Eq, Args)]
pub struct StatusChange {
    /// The application's reference, as on the receipt (RVK-2026-000123).
    pub reference: String,
    /// The application's status from now on.
    #[arg(value_parser = by_name(Status::ALL.map(Status::as_str), Status::parse))]
    pub status: Status,
    /// What was decided: only, and always, with the status decided.
    #[arg(long, value_parser = by_name(Decision::ALL.map(Decision::as_str), Decision::parse))]
    pub decision: Option<Decision>,
    /// The counsellor's words to the resident: what is missing, or the reasons for a decision.
    #[arg(long)]
    pub note: Option<String>,
}

/// Accepts exactly the domain's names, so `--help` lists them and a typo gets a suggestion,
/// and reads them with the domain's own parser.
fn by_name<T: Clone + Send + Sync + 'static, const N: usize>(
    names: [&'static str; N],
    parse: fn(&str) -> Option<T>,
) -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(names)
        .try_map(move |name| parse(&name).ok_or_else(|| format!("{name:?} is not known")))
}

impl Cli {
    /// The command line as given, with what clap cannot express checked too: a decision goes
    /// with the status decided, and only with it.
    pub fn try_parse_checked<I, T>(args: I) -> Result<Cli, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        let cli = Cli::try_parse_from(args)?;
        if let Some(Command::Status(change)) = &cli.command
            && change.decision.is_some() != (change.status == Status::Decided)
        {
            // Built, so the error shows the usage of `velferd status` rather than of `velferd`.
            let mut cli = Cli::command();
            cli.build();
            let status = cli
                .find_subcommand_mut("status")
                .expect("the status command exists");
            return Err(status.error(
                ErrorKind::ArgumentConflict,
                "a decision goes with the status decided, and only with it",
            ));
        }
        Ok(cli)
    }
}

pub async fn record(config: &Config, change: &StatusChange) -> Result<(), String> {
    let db = Database::open(&config.database_url)
        .await
        .map_err(|e| e.to_string())?;
    let result = cases::record_status(
        &db,
        &change.reference,
        change.status,
        change.decision,
        change.note.as_deref(),
    )
    .await
    .map_err(|e| e.to_string());
    db.close().await;
    result
}

/// `velferd staff add`: the account's otpauth:// URI, to print.
pub async fn add_staff(config: &Config, new: &NewStaff, password: &str) -> Result<String, String> {
    let db = Database::open(&config.database_url)
        .await
        .map_err(|e| e.to_string())?;
    let account = accounts::NewAccount {
        email: &new.email,
        name: &new.name,
        role: if new.admin {
            Role::Admin
        } else {
            Role::Counsellor
        },
        centres: &new.centres,
        password,
    };
    let result = accounts::create(&db, &account)
        .await
        .map(|secret| totp::otpauth_uri(&accounts::normalise_email(&new.email), &secret))
        .map_err(|e| e.to_string());
    db.close().await;
    result
}

/// `velferd staff disable`
pub async fn disable_staff(config: &Config, email: &str) -> Result<(), String> {
    let db = Database::open(&config.database_url)
        .await
        .map_err(|e| e.to_string())?;
    let result = accounts::disable(&db, email)
        .await
        .map_err(|e| e.to_string());
    db.close().await;
    result
}

/// The new password: asked for without echo on a terminal, else the first line of the pipe.
pub fn read_password() -> Result<String, String> {
    use std::io::IsTerminal;
    let password = if std::io::stdin().is_terminal() {
        rpassword::prompt_password("Password (at least 12 characters): ")
            .map_err(|e| e.to_string())?
    } else {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    Ok(password)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status_change(args: &[&str]) -> Result<StatusChange, clap::Error> {
        let cli = Cli::try_parse_checked(
            ["velferd", "status"]
                .into_iter()
                .chain(args.iter().copied()),
        )?;
        match cli.command {
            Some(Command::Status(change)) => Ok(change),
            other => panic!("the status command parsed as {other:?}"),
        }
    }

    #[test]
    fn without_a_command_the_server_serves() {
        assert!(
            Cli::try_parse_checked(["velferd"])
                .unwrap()
                .command
                .is_none()
        );
    }

    #[test]
    fn a_decision_with_its_reasons_parses() {
        let change = status_change(&[
            "RVK-2026-000001",
            "decided",
            "--decision",
            "granted",
            "--note",
            "Income below the basic amount.",
        ])
        .unwrap();
        assert_eq!(change.reference, "RVK-2026-000001");
        assert_eq!(change.status, Status::Decided);
        assert_eq!(change.decision, Some(Decision::Granted));
        assert_eq!(
            change.note.as_deref(),
            Some("Income below the basic amount.")
        );
        let change = status_change(&["RVK-2026-000001", "more-information-needed"]).unwrap();
        assert_eq!(change.status, Status::MoreInformationNeeded);
        assert_eq!((change.decision, change.note), (None, None));
    }

    #[test]
    fn unknown_statuses_and_decisions_without_a_decided_status_are_refused() {
        let refused = |args: &[&str]| status_change(args).unwrap_err().kind();
        assert_eq!(
            refused(&["RVK-2026-000001", "lost"]),
            ErrorKind::InvalidValue
        );
        assert_eq!(
            refused(&["RVK-2026-000001", "decided", "--decision", "maybe"]),
            ErrorKind::InvalidValue
        );
        assert_eq!(
            refused(&["RVK-2026-000001", "in-review", "--decision", "granted"]),
            ErrorKind::ArgumentConflict
        );
        assert_eq!(
            refused(&["RVK-2026-000001", "decided"]),
            ErrorKind::ArgumentConflict
        );
        assert_eq!(
            refused(&["RVK-2026-000001", "in-review", "--note"]),
            ErrorKind::InvalidValue
        );
        assert_eq!(
            refused(&["RVK-2026-000001"]),
            ErrorKind::MissingRequiredArgument
        );
    }

    #[test]
    fn every_status_and_decision_is_accepted_by_its_name() {
        for status in Status::ALL {
            let decision = (status == Status::Decided).then_some(["--decision", "refused"]);
            let mut args = vec!["RVK-2026-000001", status.as_str()];
            args.extend(decision.into_iter().flatten());
            assert_eq!(status_change(&args).unwrap().status, status);
        }
        for decision in Decision::ALL {
            let args = [
                "RVK-2026-000001",
                "decided",
                "--decision",
                decision.as_str(),
            ];
            assert_eq!(status_change(&args).unwrap().decision, Some(decision));
        }
    }

    #[test]
    fn staff_are_added_with_their_centres_by_their_json_names() {
        let cli = Cli::try_parse_checked([
            "velferd",
            "staff",
            "add",
            "anna@reykjavik.is",
            "--name",
            "Anna Jónsdóttir",
            "--centre",
            "vesturmidstod",
            "--centre",
            "online-center",
            "--admin",
        ])
        .unwrap();
        let Some(Command::Staff(StaffCommand::Add(new))) = cli.command else {
            panic!("not staff add");
        };
        assert_eq!(
            new.centres,
            [ServiceCentre::Vesturmidstod, ServiceCentre::OnlineCenter]
        );
        assert!(new.admin);
        let without_centre =
            Cli::try_parse_checked(["velferd", "staff", "add", "a@b.is", "--name", "A"]);
        assert_eq!(
            without_centre.unwrap_err().kind(),
            ErrorKind::MissingRequiredArgument
        );
        let unknown = Cli::try_parse_checked([
            "velferd", "staff", "add", "a@b.is", "--name", "A", "--centre", "akureyri",
        ]);
        assert_eq!(unknown.unwrap_err().kind(), ErrorKind::InvalidValue);
    }

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
