//! Staff commands run from a shell until counsellors have their own screens.

use velferd_shared::follow::{Decision, Status};

use crate::{Config, cases, db::Database};

/// `velferd status <reference> <status> [--decision <d>] [--note <text>]`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    pub reference: String,
    pub status: Status,
    pub decision: Option<Decision>,
    pub note: Option<String>,
}

impl StatusChange {
    pub fn parse(args: &[String]) -> Result<StatusChange, String> {
        let [reference, status, rest @ ..] = args else {
            return Err("status needs a reference and a status".into());
        };
        let status = Status::parse(status).ok_or_else(|| format!("{status:?} is not a status"))?;
        let mut change = StatusChange {
            reference: reference.clone(),
            status,
            decision: None,
            note: None,
        };
        let mut rest = rest.iter();
        while let Some(flag) = rest.next() {
            let value = rest.next().ok_or_else(|| format!("{flag} needs a value"))?;
            match flag.as_str() {
                "--decision" => {
                    change.decision = Some(
                        Decision::parse(value)
                            .ok_or_else(|| format!("{value:?} is not a decision"))?,
                    )
                }
                "--note" => change.note = Some(value.clone()),
                _ => return Err(format!("unknown option {flag:?}")),
            }
        }
        if change.decision.is_some() != (change.status == Status::Decided) {
            return Err("a decision goes with the status decided, and only with it".into());
        }
        Ok(change)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_decision_with_its_reasons_parses() {
        let change = StatusChange::parse(&args(&[
            "RVK-2026-000001",
            "decided",
            "--decision",
            "granted",
            "--note",
            "Income below the basic amount.",
        ]))
        .unwrap();
        assert_eq!(change.status, Status::Decided);
        assert_eq!(change.decision, Some(Decision::Granted));
        assert_eq!(
            change.note.as_deref(),
            Some("Income below the basic amount.")
        );
    }

    #[test]
    fn unknown_statuses_and_decisions_without_a_decided_status_are_refused() {
        assert!(StatusChange::parse(&args(&["RVK-2026-000001", "lost"])).is_err());
        assert!(
            StatusChange::parse(&args(&[
                "RVK-2026-000001",
                "in-review",
                "--decision",
                "granted"
            ]))
            .is_err()
        );
        assert!(StatusChange::parse(&args(&["RVK-2026-000001", "decided"])).is_err());
        assert!(StatusChange::parse(&args(&["RVK-2026-000001", "in-review", "--note"])).is_err());
    }
}
