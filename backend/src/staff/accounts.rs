//! Staff accounts: created from the shell or by an admin, with an Argon2id password hash and a
//! TOTP secret; disabling one ends its sessions at once.

use std::sync::LazyLock;

use argon2::{
    Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version,
    password_hash::SaltString,
};
use sqlx::Row;
use velferd_shared::{
    ServiceCentre,
    staff::{MIN_PASSWORD_CHARS, Role, StaffAccount},
};

use crate::{
    clock::now,
    db::{Database, from_stored_name, stored_name},
    error::ApiError,
};

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("a password must have at least {MIN_PASSWORD_CHARS} characters")]
    PasswordTooShort,
    #[error("that is not an e-mail address")]
    BadEmail,
    #[error("a name is needed")]
    NoName,
    #[error("an account works for at least one centre")]
    NoCentre,
    #[error("an account with that e-mail exists already")]
    EmailTaken,
    #[error("no account has that e-mail")]
    Unknown,
    #[error("cannot make a secret: {0}")]
    Random(getrandom::Error),
    #[error("cannot hash the password")]
    Hash,
    #[error("the database failed: {0}")]
    Database(#[from] sqlx::Error),
}

/// What a new account needs.
pub struct NewAccount<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub centres: &'a [ServiceCentre],
    pub password: &'a str,
}

/// OWASP's Password Storage Cheat Sheet: Argon2id, 19 MiB, two passes, one lane.
fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("OWASP's parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn hash_password(password: &str) -> Result<String, AccountError> {
    let mut random = [0u8; 16];
    getrandom::fill(&mut random).map_err(AccountError::Random)?;
    let salt = SaltString::encode_b64(&random).map_err(|_| AccountError::Hash)?;
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|_| AccountError::Hash)
}

/// Whether `password` is the one `stored` was hashed from.
pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .is_ok_and(|hash| hasher().verify_password(password.as_bytes(), &hash).is_ok())
}

/// `verify_password` off the async threads: Argon2id is meant to take a while, and other
/// requests should not wait behind it.
pub async fn verify_password_blocking(password: String, stored: String) -> bool {
    tokio::task::spawn_blocking(move || verify_password(&password, &stored))
        .await
        .unwrap_or(false)
}

/// A hash no password is known for: an unknown or disabled account is checked against it, so
/// the answer takes as long as for a real one and timing does not tell which e-mails exist.
pub static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_password("no account has this password").unwrap_or_default());

/// E-mail addresses are compared as typed, without case or surrounding spaces.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Creates the account and returns its TOTP secret (base32), to be shown once.
pub async fn create(db: &Database, account: &NewAccount<'_>) -> Result<String, AccountError> {
    let email = normalise_email(account.email);
    if email.len() > 254 || !email.contains('@') || email.chars().any(char::is_whitespace) {
        return Err(AccountError::BadEmail);
    }
    let name = account.name.trim();
    if name.is_empty() {
        return Err(AccountError::NoName);
    }
    if account.centres.is_empty() {
        return Err(AccountError::NoCentre);
    }
    if account.password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AccountError::PasswordTooShort);
    }
    let password = account.password.to_owned();
    let password_hash = tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|_| AccountError::Hash)??;
    let secret = super::totp::new_secret().map_err(AccountError::Random)?;
    let _turn = db.write_turn().await;
    let mut tx = db.pool().begin().await?;
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO staff (email, name, role, password_hash, totp_secret, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (email) DO NOTHING RETURNING id",
    )
    .bind(&email)
    .bind(name)
    .bind(account.role.as_str())
    .bind(&password_hash)
    .bind(&secret)
    .bind(now())
    .fetch_optional(&mut *tx)
    .await?;
    let id = id.ok_or(AccountError::EmailTaken)?;
    for centre in account.centres {
        sqlx::query(
            "INSERT INTO staff_centres (staff_id, centre) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(stored_name(centre))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    tracing::info!(staff = id, "staff account created");
    Ok(secret)
}

/// Disables the account and ends every session it has.
pub async fn disable(db: &Database, email: &str) -> Result<(), AccountError> {
    let _turn = db.write_turn().await;
    let mut tx = db.pool().begin().await?;
    let id: Option<i64> =
        sqlx::query_scalar("UPDATE staff SET active = 0 WHERE email = $1 RETURNING id")
            .bind(normalise_email(email))
            .fetch_optional(&mut *tx)
            .await?;
    let id = id.ok_or(AccountError::Unknown)?;
    sqlx::query("DELETE FROM staff_sessions WHERE staff_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    tracing::info!(staff = id, "staff account disabled, its sessions ended");
    Ok(())
}

/// The centres an account works for.
pub async fn centres_of(db: &Database, staff: i64) -> Result<Vec<ServiceCentre>, ApiError> {
    sqlx::query_scalar::<_, String>(
        "SELECT centre FROM staff_centres WHERE staff_id = $1 ORDER BY centre",
    )
    .bind(staff)
    .fetch_all(db.pool())
    .await
    .map_err(ApiError::database)?
    .iter()
    .map(|c| from_stored_name(c))
    .collect()
}

/// Every account, for admins.
pub async fn list(db: &Database) -> Result<Vec<StaffAccount>, ApiError> {
    let rows = sqlx::query("SELECT id, email, name, role, active FROM staff ORDER BY name, email")
        .fetch_all(db.pool())
        .await
        .map_err(ApiError::database)?;
    let mut accounts = Vec::with_capacity(rows.len());
    for row in rows {
        accounts.push(StaffAccount {
            email: row.get("email"),
            name: row.get("name"),
            role: Role::parse(&row.get::<String, _>("role")).ok_or(ApiError::Internal)?,
            centres: centres_of(db, row.get("id")).await?,
            active: row.get::<i64, _>("active") != 0,
        });
    }
    Ok(accounts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_hashed_with_argon2id_and_verified() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse batterY", &hash));
        assert!(!verify_password("correct horse battery", "not a hash"));
    }

    #[tokio::test]
    async fn accounts_are_checked_created_once_and_disabled() {
        let dir = tempfile::tempdir().unwrap();
        let db = Database::open(&format!("sqlite://{}", dir.path().join("v.db").display()))
            .await
            .unwrap();
        let account = |email, password| NewAccount {
            email,
            name: "Anna",
            role: Role::Counsellor,
            centres: &[ServiceCentre::Vesturmidstod],
            password,
        };
        assert!(matches!(
            create(&db, &account("anna@reykjavik.is", "short")).await,
            Err(AccountError::PasswordTooShort)
        ));
        assert!(matches!(
            create(&db, &account("anna", "long enough password")).await,
            Err(AccountError::BadEmail)
        ));
        let secret = create(&db, &account(" Anna@Reykjavik.is", "long enough password"))
            .await
            .unwrap();
        assert_eq!(secret.len(), 32);
        assert!(matches!(
            create(&db, &account("anna@reykjavik.is", "long enough password")).await,
            Err(AccountError::EmailTaken)
        ));
        disable(&db, "ANNA@reykjavik.is").await.unwrap();
        let listed = list(&db).await.unwrap();
        assert_eq!(listed.len(), 1);
        assert!(!listed[0].active);
        assert_eq!(listed[0].centres, [ServiceCentre::Vesturmidstod]);
        assert!(matches!(
            disable(&db, "nobody@reykjavik.is").await,
            Err(AccountError::Unknown)
        ));
    }
}
