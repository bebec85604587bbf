//! Holding under slow, hostile and many clients: the connection loop (a cap on connections, a
//! header-read timeout, a bounded shutdown), a cap on requests in flight, and deadlines for
//! reading a request.

use std::{sync::Arc, time::Duration};

use axum::{
    Router,
    extract::{ConnectInfo, Request, State},
    http::Method,
    middleware::Next,
    response::{IntoResponse, Response},
};
use hyper_util::{
    rt::{TokioExecutor, TokioIo, TokioTimer},
    server::{conn::auto, graceful::GracefulShutdown},
    service::TowerToHyperService,
};
use tokio::{net::TcpListener, sync::Semaphore};
use tower::ServiceExt;

use crate::{Config, error::ApiError};

/// How much the server takes on at once and how long it waits, from `Config`.
#[derive(Clone, Debug)]
pub struct LoadSettings {
    /// Connections open at once; more wait in the listen queue until one closes.
    pub max_connections: usize,
    /// A client that has not sent a request's headers by then is disconnected: 300 half-open
    /// connections must not stay forever.
    pub header_read_timeout: Duration,
    /// Requests handled at once; beyond that a 503 with `Retry-After`, so memory stays bounded.
    pub max_in_flight: usize,
    /// Document uploads handled at once (each holds up to 10 MB while it is checked).
    pub max_uploads: usize,
    /// Reading and answering a JSON request.
    pub request_timeout: Duration,
    /// Reading and storing a document: 10 MB over a slow phone connection.
    pub upload_timeout: Duration,
    /// After SIGTERM, how long requests in flight may take to finish.
    pub shutdown_grace: Duration,
}

impl LoadSettings {
    pub fn new(config: &Config) -> LoadSettings {
        LoadSettings {
            max_connections: config.max_connections.max(1),
            header_read_timeout: Duration::from_secs(config.header_read_timeout_seconds.max(1)),
            max_in_flight: config.max_in_flight.max(1),
            max_uploads: config.max_uploads.max(1),
            request_timeout: Duration::from_secs(config.request_timeout_seconds.max(1)),
            upload_timeout: Duration::from_secs(config.upload_timeout_seconds.max(1)),
            shutdown_grace: Duration::from_secs(config.shutdown_grace_seconds),
        }
    }
}

/// Serves `router` on `listener` until `shutdown` completes, then gives the connections in
/// flight `shutdown_grace` to finish.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    settings: &LoadSettings,
    shutdown: impl Future<Output = ()> + Send + 'static,
) {
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(settings.header_read_timeout);
    builder.http2().timer(TokioTimer::new());
    let connections = Arc::new(Semaphore::new(settings.max_connections));
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = connections.clone().acquire_owned() => permit,
            () = &mut shutdown => break,
        };
        let Ok(permit) = permit else { break };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors, say: wait a moment rather than spin.
                    tracing::warn!(%error, "a connection could not be accepted");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let router = router.clone();
        let service = tower::service_fn(move |mut request: Request<hyper::body::Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            router.clone().oneshot(request)
        });
        let connection = builder
            .serve_connection_with_upgrades(TokioIo::new(stream), TowerToHyperService::new(service))
            .into_owned();
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A client that goes away or times out is the usual end of a connection.
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(settings.shutdown_grace) => {
            tracing::warn!(
                seconds = settings.shutdown_grace.as_secs(),
                "requests still in flight at shutdown were cut off"
            );
        }
    }
}

/// The limits the middleware apply, shared by every request.
pub struct Admission {
    in_flight: Semaphore,
    uploads: Arc<Semaphore>,
    request_timeout: Duration,
    upload_timeout: Duration,
}

impl Admission {
    pub fn new(settings: &LoadSettings) -> Admission {
        Admission {
            in_flight: Semaphore::new(settings.max_in_flight),
            uploads: Arc::new(Semaphore::new(settings.max_uploads)),
            request_timeout: settings.request_timeout,
            upload_timeout: settings.upload_timeout,
        }
    }
}

/// Middleware for `/api`: a 503 when too many requests are in flight, and a 408 when reading
/// and answering one takes longer than its deadline (an upload has a longer one, and a place
/// of its own among the uploads in flight).
pub async fn admit(
    State(admission): State<Arc<Admission>>,
    request: Request,
    next: Next,
) -> Response {
    let Ok(_permit) = admission.in_flight.try_acquire() else {
        return ApiError::Unavailable.into_response();
    };
    let is_upload =
        request.method() == Method::POST && request.uri().path().ends_with("/documents");
    let (_upload, deadline) = if is_upload {
        let Ok(upload) = admission.uploads.clone().try_acquire_owned() else {
            return ApiError::Unavailable.into_response();
        };
        (Some(upload), admission.upload_timeout)
    } else {
        (None, admission.request_timeout)
    };
    match tokio::time::timeout(deadline, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::RequestTimeout.into_response(),
    }
}
