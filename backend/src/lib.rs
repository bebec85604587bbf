//! The Velferð server: the JSON API under `/api` and the built frontend, over one database.

pub mod admin;
pub mod cases;
pub mod clock;
pub mod config;
pub mod db;
pub mod digest;
pub mod error;
pub mod idempotency;
pub mod limits;
pub mod load;
pub mod mail;
pub mod openapi;
pub mod routes;
pub mod security;
pub mod site;
pub mod staff;
pub mod telemetry;
pub mod tokens;
pub mod translations;

use std::sync::Arc;

use axum::Router;
use tokio::net::TcpListener;

pub use config::Config;
pub use error::ApiError;

/// Everything a request handler may need; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: db::Database,
    pub site: Arc<site::Site>,
    pub tokens: tokens::StatusTokens,
    /// Per-client budgets of submissions, call-back requests and sign-ins.
    pub limits: Arc<limits::Limits>,
    /// How much is taken on at once and how long a request may take.
    pub load: load::LoadSettings,
    pub admission: Arc<load::Admission>,
    /// `VELFERD_TRUSTED_PROXIES`: whose forwarding headers name the client.
    pub trusted_proxies: Arc<limits::TrustedProxies>,
    /// Staff sessions' lifetimes, cookie and sign-in limit.
    pub staff: Arc<staff::sessions::StaffSettings>,
    /// Where the links in e-mails point (`VELFERD_PUBLIC_ORIGIN`).
    pub public_origin: Arc<str>,
    /// The mail worker, `None` without SMTP settings (mail then waits in the outbox). Kept here
    /// so that it stops with the server.
    pub mail: Option<Arc<mail::MailWorker>>,
}

/// The whole application as one router, so tests can drive it in-process or over a socket.
pub fn app(state: AppState) -> Router {
    let headers =
        security::SecurityHeaders::new(state.site.content_security_policy(), &state.public_origin);
    let trusted_proxies = state.trusted_proxies.clone();
    Router::new()
        .nest("/api", routes::api(&state))
        .fallback_service(site::service(&state.site))
        .layer(axum::middleware::from_fn(telemetry::log_request))
        .layer(axum::middleware::from_fn_with_state(
            trusted_proxies,
            limits::resolve_client,
        ))
        .layer(axum::middleware::from_fn_with_state(
            headers,
            security::add_headers,
        ))
        .with_state(state)
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot open the database: {0}")]
    Database(#[from] db::DatabaseError),
    #[error("cannot read the server secret: {0}")]
    Secret(sqlx::Error),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: std::net::SocketAddr,
        source: std::io::Error,
    },
    #[error("the server failed: {0}")]
    Serve(std::io::Error),
    #[error("{0}")]
    Mail(#[from] mail::MailSettingsError),
}

/// Opens the database, binds the socket and returns the state and the bound listener, so the
/// caller knows the real address (port 0 in tests) before serving starts.
pub async fn prepare(config: &Config) -> Result<(AppState, TcpListener), StartError> {
    let db = db::Database::open(&config.database_url).await?;
    let tokens = tokens::StatusTokens::load(&db)
        .await
        .map_err(StartError::Secret)?;
    let limits = Arc::new(limits::Limits::new(config, &db));
    let site = Arc::new(site::Site::load(&config.dist_dir));
    let mail = match (&config.smtp_url, &config.mail_from) {
        (Some(url), Some(from)) => {
            Some(mail::start(db.clone(), mail::MailSettings::new(url, from)?))
        }
        _ => {
            tracing::warn!(
                "VELFERD_SMTP_URL and VELFERD_MAIL_FROM are not both set: e-mail is kept in the \
                 outbox (mail_outbox) and sent once they are"
            );
            None
        }
    };
    let listener = TcpListener::bind(config.addr)
        .await
        .map_err(|source| StartError::Bind {
            addr: config.addr,
            source,
        })?;
    let load_settings = load::LoadSettings::new(config);
    Ok((
        AppState {
            db,
            site,
            tokens,
            limits,
            admission: Arc::new(load::Admission::new(&load_settings)),
            load: load_settings,
            trusted_proxies: Arc::new(config.trusted_proxies.clone()),
            staff: staff::sessions::StaffSettings::new(config),
            public_origin: config.public_origin.clone().into(),
            mail,
        },
        listener,
    ))
}

/// Serves `router` on `listener` until `shutdown` completes, then lets the requests in flight
/// finish for `load.shutdown_grace` (tests use this on port 0, and stop and restart servers
/// with it).
pub async fn serve(
    listener: TcpListener,
    router: Router,
    load: load::LoadSettings,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) {
    load::serve(listener, router, &load, shutdown).await;
}

/// Serves until Ctrl-C or SIGTERM, then finishes the requests in flight and closes the database.
pub async fn run(config: Config) -> Result<(), StartError> {
    let (state, listener) = prepare(&config).await?;
    let addr = listener.local_addr().map_err(StartError::Serve)?;
    let db = state.db.clone();
    let load = state.load.clone();
    tracing::info!(%addr, "listening");
    println!("Velferð is running: open http://{addr}/ (Ctrl-C stops it)");
    serve(listener, app(state), load, shutdown_signal()).await;
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
