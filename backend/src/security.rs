//! Security headers on every response, API and static files alike.

use std::sync::Arc;

use axum::{
    extract::{Request, State},
    http::{HeaderName, HeaderValue, header},
    middleware::Next,
    response::Response,
};

/// The camera stays allowed for our own pages: residents photograph documents to upload them.
const PERMISSIONS_POLICY: &str = "camera=(self), geolocation=(), microphone=(), payment=(), usb=()";

#[derive(Clone)]
pub struct SecurityHeaders {
    content_security_policy: Arc<HeaderValue>,
    /// Residents reach the site over HTTPS (`VELFERD_PUBLIC_ORIGIN`): browsers are told to never
    /// use plain HTTP for it again, so a café's network cannot strip the encryption.
    strict_transport: bool,
}

/// A year, the figure the HSTS preload list asks for.
const STRICT_TRANSPORT_SECURITY: &str = "max-age=31536000; includeSubDomains";

impl SecurityHeaders {
    pub fn new(content_security_policy: &str, public_origin: &str) -> SecurityHeaders {
        SecurityHeaders {
            content_security_policy: Arc::new(
                HeaderValue::from_str(content_security_policy)
                    .expect("the policy is built from ASCII"),
            ),
            strict_transport: public_origin.starts_with("https://"),
        }
    }
}

pub async fn add_headers(
    State(policy): State<SecurityHeaders>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    // A response with a stricter policy of its own (a document's `sandbox`) keeps it.
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            (*policy.content_security_policy).clone(),
        );
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static(PERMISSIONS_POLICY),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if policy.strict_transport {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(STRICT_TRANSPORT_SECURITY),
        );
    }
    // No other site's window keeps a handle on ours, and no other site may embed our responses
    // (a status page, a document) as an image or a script.
    headers.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        HeaderName::from_static("cross-origin-resource-policy"),
        HeaderValue::from_static("same-origin"),
    );
    response
}
