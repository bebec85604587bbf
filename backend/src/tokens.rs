//! Private status tokens: the link in a resident's receipt. The token is an HMAC of the
//! idempotency key under a server secret: 256 bits nobody can guess without both, reproducible
//! for a retry, and only its hash is stored.

use std::sync::Arc;

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::{db::Database, digest::sha256_hex, idempotency::IdempotencyKey};

#[derive(Clone)]
pub struct StatusTokens {
    secret: Arc<[u8]>,
}

impl StatusTokens {
    /// Reads the secret, creating it on the very first start (every instance then reads the same).
    pub async fn load(db: &Database) -> Result<StatusTokens, sqlx::Error> {
        let mut fresh = [0u8; 32];
        getrandom::fill(&mut fresh).map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
        sqlx::query(
            "INSERT INTO server_secrets (name, secret) VALUES ('status-token', $1) \
             ON CONFLICT (name) DO NOTHING",
        )
        .bind(URL_SAFE_NO_PAD.encode(fresh))
        .execute(db.pool())
        .await?;
        let stored: String =
            sqlx::query_scalar("SELECT secret FROM server_secrets WHERE name = 'status-token'")
                .fetch_one(db.pool())
                .await?;
        let secret = URL_SAFE_NO_PAD
            .decode(stored)
            .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
        Ok(StatusTokens {
            secret: secret.into(),
        })
    }

    pub fn token_for(&self, key: &IdempotencyKey) -> String {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(&self.secret).expect("HMAC takes a key of any length");
        mac.update(b"status-token:");
        mac.update(key.as_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }

    /// The stored form of a token.
    pub fn hash(token: &str) -> String {
        sha256_hex(token.as_bytes())
    }

    /// Whether `token` has the shape a receipt gives (43 base64url characters); anything else
    /// is unknown without asking the database.
    pub fn well_formed(token: &str) -> bool {
        token.len() == 43
            && token
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    }
}
