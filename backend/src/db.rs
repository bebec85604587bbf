//! The database: an SQLite file by default, PostgreSQL when several instances share one. The
//! queries are portable SQL run through sqlx's `Any` driver, with parameters written `$1, $2…`,
//! which both read; only the schema differs, one migrations folder per backend.

use std::{fmt::Write as _, time::Duration};

use sqlx::{
    Arguments, Executor,
    any::{AnyArguments, AnyConnectOptions, AnyPoolOptions},
};

pub use sqlx::{AnyConnection as Connection, AnyPool as Pool, any::AnyRow as Row};

use crate::error::ApiError;

#[derive(Debug, thiserror::Error)]
pub enum DatabaseError {
    #[error("VELFERD_DATABASE_URL must start with sqlite:// or postgres://")]
    Scheme,
    #[error("the database URL is not valid: {0}")]
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

/// Which server keeps the data: the schema and the way writers take turns differ, the
/// queries do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of(url: &str) -> Result<Backend, DatabaseError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Backend::Postgres)
        } else {
            Err(DatabaseError::Scheme)
        }
    }
}

#[derive(Clone, Debug)]
pub struct Database {
    pool: Pool,
    backend: Backend,
    /// SQLite has one writer at a time. Writers that queue here wait their turn in order;
    /// left to SQLite they would poll its lock with growing sleeps (up to 100 ms each), which
    /// is where the slowest submissions lose their time. PostgreSQL locks rows, not the file,
    /// and is shared by several processes, so there writers do not queue here.
    writer: std::sync::Arc<tokio::sync::Mutex<()>>,
}

impl Database {
    /// Opens (for SQLite, creating the file if missing) and migrates the database.
    pub async fn open(url: &str) -> Result<Database, DatabaseError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::of(url)?;
        let url = match backend {
            Backend::Sqlite => sqlite_file(url)?,
            Backend::Postgres => url.to_owned(),
        };
        let options: AnyConnectOptions = url.parse().map_err(DatabaseError::Url)?;
        let pool = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            })
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |connection, _| {
                Box::pin(async move {
                    // WAL lets status reads go on while an application is being committed;
                    // FULL makes the commit survive a power cut before we acknowledge it. A
                    // lock held elsewhere is waited for 5 s, then the client is told to retry
                    // (503) rather than kept waiting; on PostgreSQL a statement that runs away
                    // is stopped too.
                    let settings: &[&str] = match backend {
                        Backend::Sqlite => &[
                            "PRAGMA journal_mode = WAL",
                            "PRAGMA synchronous = FULL",
                            "PRAGMA foreign_keys = ON",
                            "PRAGMA busy_timeout = 5000",
                        ],
                        Backend::Postgres => {
                            &["SET lock_timeout = '5s'", "SET statement_timeout = '30s'"]
                        }
                    };
                    for setting in settings {
                        connection.execute(*setting).await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .map_err(DatabaseError::Connect)?;
        match backend {
            Backend::Sqlite => sqlx::migrate!("./migrations/sqlite").run(&pool).await?,
            Backend::Postgres => sqlx::migrate!("./migrations/postgres").run(&pool).await?,
        }
        Ok(Database {
            pool,
            backend,
            writer: Default::default(),
        })
    }

    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Held for the length of a write transaction in this process (SQLite only).
    pub async fn write_turn(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        match self.backend {
            Backend::Sqlite => Some(self.writer.lock().await),
            Backend::Postgres => None,
        }
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

/// The SQLite URL with `mode=rwc` (create the file if missing), its folder created.
fn sqlite_file(url: &str) -> Result<String, DatabaseError> {
    // sqlx's own reading of the URL, so the folder is the one it will open the file in.
    let options = <sqlx::sqlite::SqliteConnectOptions as std::str::FromStr>::from_str(url)
        .map_err(DatabaseError::Url)?;
    let path = options.get_filename();
    let folder = path.parent();
    if let Some(folder) =
        folder.filter(|p| !p.as_os_str().is_empty() && path != std::path::Path::new(":memory:"))
    {
        std::fs::create_dir_all(folder).map_err(|source| DatabaseError::Folder {
            path: folder.display().to_string(),
            source,
        })?;
    }
    Ok(if url.contains("mode=") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    })
}

/// A statement put together from parts (the inbox's filters), numbering its parameters as the
/// fixed queries do. sqlx's `QueryBuilder` writes `?` for the `Any` driver, which PostgreSQL
/// refuses.
#[derive(Default)]
pub struct Statement<'a> {
    sql: String,
    arguments: AnyArguments<'a>,
}

impl<'a> Statement<'a> {
    pub fn new(sql: &str) -> Statement<'a> {
        Statement {
            sql: sql.to_owned(),
            arguments: AnyArguments::default(),
        }
    }

    pub fn push(&mut self, sql: &str) -> &mut Self {
        self.sql.push_str(sql);
        self
    }

    pub fn push_bind<T>(&mut self, value: T) -> &mut Self
    where
        T: 'a + sqlx::Encode<'a, sqlx::Any> + sqlx::Type<sqlx::Any>,
    {
        // Encoding our own strings and numbers cannot fail.
        let _ = self.arguments.add(value);
        let _ = write!(self.sql, "${}", self.arguments.len());
        self
    }

    /// `$n, $n+1, …`: one parameter per value, for `IN (…)`.
    pub fn push_list<T>(&mut self, values: impl IntoIterator<Item = T>) -> &mut Self
    where
        T: 'a + sqlx::Encode<'a, sqlx::Any> + sqlx::Type<sqlx::Any>,
    {
        for (i, value) in values.into_iter().enumerate() {
            if i > 0 {
                self.sql.push_str(", ");
            }
            self.push_bind(value);
        }
        self
    }

    pub fn build(&mut self) -> sqlx::query::Query<'_, sqlx::Any, AnyArguments<'_>> {
        let arguments = std::mem::take(&mut self.arguments);
        sqlx::query_with(&self.sql, arguments)
    }
}

/// A public reference for a new row, `RVK-2026-000123`: numbered by the row's id, so it is
/// short, unique and needs no counter of its own. The row was inserted with a placeholder
/// because the id exists only then; `table` is one of ours, never a client's word.
pub(crate) async fn number_reference(
    tx: &mut Connection,
    table: &'static str,
    prefix: &str,
    id: i64,
    created_at: &str,
) -> Result<String, sqlx::Error> {
    let reference = format!("{prefix}-{}-{id:06}", &created_at[..4]);
    sqlx::query(&format!("UPDATE {table} SET reference = $1 WHERE id = $2"))
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
