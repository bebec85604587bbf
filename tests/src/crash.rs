//! Many clients submitting while a server is killed, and what must hold afterwards: shared by
//! the one-server crash test (SQLite and PostgreSQL) and the two-instance test.

use std::{
    collections::{HashMap, HashSet},
    sync::{Arc, Mutex},
};

use velferd_shared::api::ApplicationReceipt;

use crate::{
    app::ApiClient,
    applications::{financial_assistance, new_key},
};

pub const APPLICATIONS: u32 = 300;
pub const CLIENTS: u32 = 32;
pub const KILL_AFTER: usize = 100;

/// The applications sent, each under its key, and the receipts that came back before the kill.
pub struct Submissions {
    keys: Vec<String>,
    pub acknowledged: Vec<(u32, ApplicationReceipt)>,
}

/// 300 applications from 32 clients, client `n` sending to `servers[n % servers.len()]`; `kill`
/// runs once, when the 100th receipt arrives. A request the kill cuts short counts as not
/// acknowledged, as it would for a resident.
pub async fn submit_while_killing<Kill: FnOnce() + Send + 'static>(
    servers: &[ApiClient],
    kill: Kill,
) -> Submissions {
    let keys: Vec<String> = (0..APPLICATIONS).map(|_| new_key()).collect();
    let acknowledged = Arc::new(Mutex::new(Vec::<(u32, ApplicationReceipt)>::new()));
    let kill = Arc::new(Mutex::new(Some(kill)));
    let mut clients = tokio::task::JoinSet::new();
    for client in 0..CLIENTS {
        let api = servers[client as usize % servers.len()].clone();
        let (keys, acknowledged, kill) = (keys.clone(), acknowledged.clone(), kill.clone());
        clients.spawn(async move {
            for variant in (client..APPLICATIONS).step_by(CLIENTS as usize) {
                let response = api
                    .application_request(
                        Some(&keys[variant as usize]),
                        &financial_assistance(variant),
                    )
                    .send()
                    .await;
                let Ok(response) = response else { continue };
                if response.status() != 201 {
                    continue;
                }
                let Ok(receipt) = response.json::<ApplicationReceipt>().await else {
                    continue;
                };
                let count = {
                    let mut acknowledged = acknowledged.lock().unwrap();
                    acknowledged.push((variant, receipt));
                    acknowledged.len()
                };
                if count == KILL_AFTER {
                    let kill = kill.lock().unwrap().take();
                    if let Some(kill) = kill {
                        tokio::task::block_in_place(kill);
                    }
                }
            }
        });
    }
    clients.join_all().await;
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(
        acknowledged.len() >= KILL_AFTER && acknowledged.len() < APPLICATIONS as usize,
        "the kill landed part-way: {} acknowledged",
        acknowledged.len()
    );
    Submissions { keys, acknowledged }
}

impl Submissions {
    /// Every acknowledged application is stored, intact, under the receipt's private link; then
    /// every application is sent again to `server`: an acknowledged one gets its receipt back,
    /// and in the end there is exactly one row (and one key) per application, each with its
    /// own reference.
    pub async fn check_after_retrying_on(&self, server: &ApiClient, pool: &sqlx::AnyPool) {
        for (variant, receipt) in &self.acknowledged {
            let token_hash = velferd_backend::digest::sha256_hex(receipt.status_token.as_bytes());
            let (answers, stored_hash): (String, String) =
                sqlx::query_as("SELECT answers, token_hash FROM applications WHERE reference = $1")
                    .bind(&receipt.reference)
                    .fetch_optional(pool)
                    .await
                    .unwrap()
                    .unwrap_or_else(|| panic!("acknowledged {} was lost", receipt.reference));
            assert_eq!(stored_hash, token_hash, "{}", receipt.reference);
            let answers: serde_json::Value = serde_json::from_str(&answers).unwrap();
            assert_eq!(
                answers["address"],
                format!("Hverfisgata {variant}"),
                "stored intact"
            );
        }

        let earlier: HashMap<u32, &ApplicationReceipt> =
            self.acknowledged.iter().map(|(v, r)| (*v, r)).collect();
        for variant in 0..APPLICATIONS {
            let response = server
                .submit_application(
                    Some(&self.keys[variant as usize]),
                    &financial_assistance(variant),
                )
                .await;
            let status = response.status().as_u16();
            let receipt: ApplicationReceipt = response.json().await.unwrap();
            if let Some(earlier) = earlier.get(&variant) {
                assert_eq!(status, 200, "a retry of an acknowledged application");
                assert_eq!(&&receipt, earlier);
            } else {
                assert!(matches!(status, 200 | 201), "{status}");
            }
        }

        let references: Vec<String> = sqlx::query_scalar("SELECT reference FROM applications")
            .fetch_all(pool)
            .await
            .unwrap();
        let unique: HashSet<&String> = references.iter().collect();
        assert_eq!(
            references.len(),
            APPLICATIONS as usize,
            "one row per application"
        );
        assert_eq!(unique.len(), references.len(), "references are unique");
        let keys_stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM idempotency_keys")
            .fetch_one(pool)
            .await
            .unwrap();
        assert_eq!(keys_stored, i64::from(APPLICATIONS));
    }
}
