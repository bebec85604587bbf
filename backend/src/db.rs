//! The database: an SQLite file by default. Queries stay in portable SQL so PostgreSQL can
//! follow when the city runs several instances.

use std::str::FromStr;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use crate::error::ApiError;

#[derive(Debug, thiserror::Error)]
pub enum DatabaseError {
    #[error("the database URL is not a valid sqlite URL: {0}")]
    Url(sqlx::Error),
    #[error("cannot create the database folder {path}: {source}")]
    Folder {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot connect: {0}")]
    Connect(sqlx::Error),
    #[error("cannot migrate: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

#[derive(Clone, Debug)]
pub struct Database {
    pool: SqlitePool,
    /// SQLite has one writer at a time. Writers that queue here wait their turn in order;
    /// left to SQLite they would poll its lock with growing sleeps (up to 100 ms each), which
    /// is where the slowest submissions lose their time.
    writer: std::sync::Arc<tokio::sync::Mutex<()>>,
}

impl Database {
    /// Opens (creating if missing) and migrates the database.
    pub async fn open(url: &str) -> Result<Database, DatabaseError> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(DatabaseError::Url)?
            .create_if_missing(true)
            // WAL lets status reads go on while an application is being committed; FULL makes
            // the commit survive a power cut before we acknowledge it.
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(std::time::Duration::from_secs(5));
        let file = options.get_filename();
        if let Some(folder) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|source| DatabaseError::Folder {
                path: folder.display().to_string(),
                source,
            })?;
        }
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await
            .map_err(DatabaseError::Connect)?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        Ok(Database {
            pool,
            writer: Default::default(),
        })
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Held for the length of a write transaction in this process.
    pub async fn write_turn(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.writer.lock().await
    }

    /// Whether the database answers a query right now.
    pub async fn is_healthy(&self) -> bool {
        sqlx::query_scalar::<_, i64>("SELECT 1")
            .fetch_one(&self.pool)
            .await
            .is_ok()
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// A public reference for a new row, `RVK-2026-000123`: numbered by the row's id, so it is
/// short, unique and needs no counter of its own. The row was inserted with a placeholder
/// because the id exists only then; `table` is one of ours, never a client's word.
pub(crate) async fn number_reference(
    tx: &mut sqlx::SqliteConnection,
    table: &'static str,
    prefix: &str,
    id: i64,
    created_at: &str,
) -> Result<String, sqlx::Error> {
    let reference = format!("{prefix}-{}-{id:06}", &created_at[..4]);
    sqlx::query(&format!("UPDATE {table} SET reference = ? WHERE id = ?"))
        .bind(&reference)
        .bind(id)
        .execute(tx)
        .await?;
    Ok(reference)
}

/// How an enum is named in the database: its JSON name (`financial-assistance`), so a column
/// reads the same as the API.
pub fn stored_name<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The enum a column names; a name we never wrote is our fault, hence a 500.
pub fn from_stored_name<T: serde::de::DeserializeOwned>(stored: &str) -> Result<T, ApiError> {
    serde_json::from_value(serde_json::Value::String(stored.to_owned()))
        .map_err(|_| ApiError::Internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn opening_creates_the_file_and_its_folder_and_migrates() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/velferd.db");
        let db = Database::open(&format!("sqlite://{}", path.display()))
            .await
            .unwrap();
        assert!(path.exists());
        assert!(db.is_healthy().await);
        let tables: Vec<String> =
            sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                .fetch_all(db.pool())
                .await
                .unwrap();
        assert!(tables.iter().any(|t| t == "applications"), "{tables:?}");
        db.close().await;
        assert!(!db.is_healthy().await);
    }

    #[test]
    fn enums_are_stored_by_their_json_names() {
        use velferd_shared::catalogue::ServiceId;
        let name = stored_name(&ServiceId::FinancialAssistance);
        assert_eq!(name, "financial-assistance");
        assert_eq!(
            from_stored_name::<ServiceId>(&name).unwrap(),
            ServiceId::FinancialAssistance
        );
        assert!(from_stored_name::<ServiceId>("no-such-service").is_err());
    }

    #[tokio::test]
    async fn opening_twice_does_not_migrate_again() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("v.db").display());
        Database::open(&url).await.unwrap().close().await;
        let again = Database::open(&url).await.unwrap();
        assert!(again.is_healthy().await);
    }
}
