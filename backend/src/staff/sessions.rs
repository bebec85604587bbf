//! Signing in and the sessions it opens: kept in the database, named by a random token in a
//! cookie whose hash is the row's id, ended by sign-out, by disabling the account, after 30
//! minutes unused or 12 hours after sign-in (both configurable).

use std::{net::IpAddr, sync::Arc};

use axum::{
    extract::{FromRequestParts, Request, State},
    http::{HeaderMap, HeaderValue, Method, header, request::Parts},
    middleware::Next,
    response::Response,
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use sqlx::Row;
use velferd_shared::{
    ServiceCentre,
    staff::{Role, SignIn},
};

use super::{accounts, audit, totp, unix_now};
use crate::{
    AppState, Config,
    digest::sha256_hex,
    error::ApiError,
    limits::{Budget, ClientAddress},
};

/// Five failures in a row lock the account for 15 minutes (OWASP ASVS 2.2.1).
pub const FAILURES_BEFORE_LOCK: i64 = 5;
pub const LOCK_SECONDS: i64 = 15 * 60;

/// The cookie over TLS: `__Host-` makes the browser refuse it unless `Secure`, `Path=/` and
/// without `Domain`, so no other site or subdomain can set it.
pub const SECURE_COOKIE: &str = "__Host-velferd-staff";
/// The cookie over plain HTTP on a developer's loopback, where `Secure` cookies are not kept.
pub const PLAIN_COOKIE: &str = "velferd-staff";

/// How staff sessions behave, from `Config`.
pub struct StaffSettings {
    pub idle_seconds: i64,
    pub max_seconds: i64,
    pub secure_cookies: bool,
}

impl StaffSettings {
    pub fn new(config: &Config) -> Arc<StaffSettings> {
        Arc::new(StaffSettings {
            idle_seconds: config.staff_idle_seconds as i64,
            max_seconds: config.staff_max_seconds as i64,
            secure_cookies: config.secure_cookies,
        })
    }

    /// Whether the browser reached us over TLS: configured, or said by the proxy in front.
    fn over_tls(&self, headers: &HeaderMap) -> bool {
        self.secure_cookies
            || headers
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|p| p.trim().eq_ignore_ascii_case("https"))
    }

    fn cookie_name(&self, headers: &HeaderMap) -> &'static str {
        if self.over_tls(headers) {
            SECURE_COOKIE
        } else {
            PLAIN_COOKIE
        }
    }

    /// `Set-Cookie` for a new session, or (`token` None) one that makes the browser forget it.
    pub fn cookie(&self, headers: &HeaderMap, token: Option<&str>) -> HeaderValue {
        let name = self.cookie_name(headers);
        let secure = if self.over_tls(headers) {
            "; Secure"
        } else {
            ""
        };
        let value = match token {
            // No Max-Age: the cookie goes with the browser; the server ends the session.
            Some(token) => format!("{name}={token}; HttpOnly; SameSite=Strict; Path=/{secure}"),
            None => format!("{name}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0{secure}"),
        };
        HeaderValue::from_str(&value).expect("the cookie is ASCII")
    }

    /// The session token the request's cookie carries, under this scheme's name only.
    fn token<'h>(&self, headers: &'h HeaderMap) -> Option<&'h str> {
        let name = self.cookie_name(headers);
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v)
    }
}

/// Checks a sign-in and opens a session: the new session's token, for the cookie.
pub async fn sign_in(
    state: &AppState,
    client: IpAddr,
    attempt: &SignIn,
) -> Result<String, ApiError> {
    state
        .limits
        .spend(Budget::SignIns, ClientAddress(client))
        .await
        .inspect_err(|_| {
            tracing::warn!("staff sign-in refused: too many attempts from one address");
        })?;
    let db = &state.db;
    let email = accounts::normalise_email(&attempt.email);
    let row = sqlx::query(
        "SELECT id, password_hash, totp_secret, totp_last_step, failed_sign_ins, locked_until, active \
         FROM staff WHERE email = $1",
    )
    .bind(&email)
    .fetch_optional(db.pool())
    .await
    .map_err(ApiError::database)?;
    let Some(row) = row.filter(|row| row.get::<i64, _>("active") != 0) else {
        // As long as a real check, so that the answer's timing does not tell which accounts exist.
        accounts::verify_password_blocking(attempt.password.clone(), accounts::DUMMY_HASH.clone())
            .await;
        tracing::info!(
            staff = "unknown or disabled account",
            outcome = "refused",
            "staff sign-in"
        );
        return Err(ApiError::SignInRefused);
    };
    let id: i64 = row.get("id");
    let now = unix_now();
    let locked_until: i64 = row.get("locked_until");
    if locked_until > now {
        tracing::info!(staff = id, outcome = "locked", "staff sign-in");
        return Err(ApiError::Locked {
            retry_after: (locked_until - now) as u64,
        });
    }
    let password_right =
        accounts::verify_password_blocking(attempt.password.clone(), row.get("password_hash"))
            .await;
    let secret: String = row.get("totp_secret");
    let step = totp::matching_step(&secret, &attempt.totp, now as u64)
        .filter(|step| *step as i64 > row.get::<i64, _>("totp_last_step"));
    let _turn = db.write_turn().await;
    let accepted = match (password_right, step) {
        // Taking the step is what makes a code single-use: a concurrent sign-in with the same
        // code finds it taken.
        (true, Some(step)) => {
            sqlx::query(
                "UPDATE staff SET totp_last_step = $1, failed_sign_ins = 0, locked_until = 0 \
             WHERE id = $2 AND totp_last_step < $3",
            )
            .bind(step as i64)
            .bind(id)
            .bind(step as i64)
            .execute(db.pool())
            .await
            .map_err(ApiError::database)?
            .rows_affected()
                == 1
        }
        _ => false,
    };
    if !accepted {
        // One statement, so concurrent failures (on any instance) all count; SQLite and
        // PostgreSQL both evaluate every SET expression on the row as it was.
        let locked_until: i64 = sqlx::query_scalar(
            "UPDATE staff SET \
             failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= $1 THEN 0 ELSE failed_sign_ins + 1 END, \
             locked_until = CASE WHEN failed_sign_ins + 1 >= $2 THEN $3 ELSE locked_until END \
             WHERE id = $4 RETURNING locked_until",
        )
        .bind(FAILURES_BEFORE_LOCK)
        .bind(FAILURES_BEFORE_LOCK)
        .bind(now + LOCK_SECONDS)
        .bind(id)
        .fetch_one(db.pool())
        .await
        .map_err(ApiError::database)?;
        tracing::info!(
            staff = id,
            outcome = "refused",
            password_right,
            code_right = step.is_some(),
            locked = locked_until > now,
            "staff sign-in"
        );
        return Err(ApiError::SignInRefused);
    }
    let mut random = [0u8; 32];
    getrandom::fill(&mut random).map_err(|_| ApiError::Internal)?;
    let token = URL_SAFE_NO_PAD.encode(random);
    // Sessions nobody presents again are never looked up: they go when anyone signs in.
    sqlx::query("DELETE FROM staff_sessions WHERE last_seen_at < $1 OR created_at < $2")
        .bind(now - state.staff.idle_seconds)
        .bind(now - state.staff.max_seconds)
        .execute(db.pool())
        .await
        .map_err(ApiError::database)?;
    sqlx::query(
        "INSERT INTO staff_sessions (id, staff_id, created_at, last_seen_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(session_id(&token))
    .bind(id)
    .bind(now)
    .bind(now)
    .execute(db.pool())
    .await
    .map_err(ApiError::database)?;
    drop(_turn);
    tracing::info!(staff = id, outcome = "signed in", "staff sign-in");
    audit::record(db, id, audit::Action::SignedIn, None, client).await?;
    Ok(token)
}

fn session_id(token: &str) -> String {
    sha256_hex(format!("staff-session:{token}").as_bytes())
}

/// Ends the session the request carries, if any.
pub async fn sign_out(state: &AppState, staff: &StaffSession) -> Result<(), ApiError> {
    let _turn = state.db.write_turn().await;
    sqlx::query("DELETE FROM staff_sessions WHERE id = $1")
        .bind(&staff.session)
        .execute(state.db.pool())
        .await
        .map_err(ApiError::database)?;
    Ok(())
}

/// A signed-in member of staff, as every staff route starts: 401 without a live session.
#[derive(Debug, Clone)]
pub struct StaffSession {
    session: String,
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub centres: Vec<ServiceCentre>,
    pub client: IpAddr,
}

impl StaffSession {
    /// 403 unless an admin.
    pub fn require_admin(&self) -> Result<(), ApiError> {
        if self.role == Role::Admin {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }

    pub fn works_for(&self, centre: ServiceCentre) -> bool {
        self.centres.contains(&centre)
    }
}

impl FromRequestParts<AppState> for StaffSession {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = state
            .staff
            .token(&parts.headers)
            .ok_or(ApiError::Unauthorized)?;
        let session = session_id(token);
        let row = sqlx::query(
            "SELECT s.created_at, s.last_seen_at, t.id, t.email, t.name, t.role \
             FROM staff_sessions s JOIN staff t ON t.id = s.staff_id \
             WHERE s.id = $1 AND t.active = 1",
        )
        .bind(&session)
        .fetch_optional(state.db.pool())
        .await
        .map_err(ApiError::database)?
        .ok_or(ApiError::Unauthorized)?;
        let now = unix_now();
        let created_at: i64 = row.get("created_at");
        let last_seen_at: i64 = row.get("last_seen_at");
        let settings = &state.staff;
        let _turn = state.db.write_turn().await;
        if now - last_seen_at > settings.idle_seconds || now - created_at > settings.max_seconds {
            sqlx::query("DELETE FROM staff_sessions WHERE id = $1")
                .bind(&session)
                .execute(state.db.pool())
                .await
                .map_err(ApiError::database)?;
            return Err(ApiError::Unauthorized);
        }
        // Once a second at most: a page's burst of requests costs one write.
        if now > last_seen_at {
            sqlx::query("UPDATE staff_sessions SET last_seen_at = $1 WHERE id = $2")
                .bind(now)
                .bind(&session)
                .execute(state.db.pool())
                .await
                .map_err(ApiError::database)?;
        }
        drop(_turn);
        let id: i64 = row.get("id");
        Ok(StaffSession {
            session,
            id,
            email: row.get("email"),
            name: row.get("name"),
            role: Role::parse(&row.get::<String, _>("role")).ok_or(ApiError::Internal)?,
            centres: accounts::centres_of(&state.db, id).await?,
            client: ClientAddress::from_request_parts(parts, state)
                .await
                .unwrap_or_else(|never| match never {})
                .0,
        })
    }
}

/// Around every staff route: state-changing requests must come from our own pages (OWASP's
/// CSRF defence for cookie sessions: `Origin` equal to ours, or `Sec-Fetch-Site: same-origin`),
/// and no answer may be kept by a cache.
pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    use axum::response::IntoResponse;
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let mut response = if safe || same_origin(&state.staff, request.headers()) {
        next.run(request).await
    } else {
        tracing::warn!("staff request refused: not from our own origin");
        ApiError::CrossOrigin.into_response()
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Browsers say where a request comes from in `Sec-Fetch-Site`, which pages cannot forge: when
/// it is there it decides (a proxy may have rewritten `Host`). Older browsers send only
/// `Origin`, which must then be ours.
fn same_origin(settings: &StaffSettings, headers: &HeaderMap) -> bool {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    if let Some(site) = text("sec-fetch-site") {
        return site == "same-origin";
    }
    let scheme = if settings.over_tls(headers) {
        "https"
    } else {
        "http"
    };
    match (text(header::ORIGIN.as_str()), text(header::HOST.as_str())) {
        (Some(origin), Some(host)) => origin == format!("{scheme}://{host}"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(secure: bool) -> StaffSettings {
        StaffSettings {
            idle_seconds: 1800,
            max_seconds: 43_200,
            secure_cookies: secure,
        }
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.append(*name, value.parse().unwrap());
        }
        headers
    }

    #[test]
    fn the_cookie_is_host_prefixed_and_secure_over_tls_only() {
        let tls = headers(&[("x-forwarded-proto", "https")]);
        let cookie = settings(false).cookie(&tls, Some("abc"));
        assert_eq!(
            cookie,
            "__Host-velferd-staff=abc; HttpOnly; SameSite=Strict; Path=/; Secure"
        );
        let plain = settings(false).cookie(&HeaderMap::new(), Some("abc"));
        assert_eq!(
            plain,
            "velferd-staff=abc; HttpOnly; SameSite=Strict; Path=/"
        );
        let configured = settings(true).cookie(&HeaderMap::new(), None);
        assert!(
            configured
                .to_str()
                .unwrap()
                .starts_with("__Host-velferd-staff=; ")
        );
        assert!(configured.to_str().unwrap().contains("Max-Age=0"));
    }

    #[test]
    fn the_token_is_read_from_the_cookie_of_this_scheme_only() {
        let plain = headers(&[(
            "cookie",
            "a=b; velferd-staff=tok; __Host-velferd-staff=other",
        )]);
        assert_eq!(settings(false).token(&plain), Some("tok"));
        assert_eq!(settings(true).token(&plain), Some("other"));
        assert_eq!(settings(false).token(&HeaderMap::new()), None);
    }

    #[test]
    fn only_our_own_origin_may_change_anything() {
        let host = ("host", "127.0.0.1:8080");
        let cases: [(&[(&'static str, &str)], bool); 8] = [
            (&[host, ("origin", "http://127.0.0.1:8080")], true),
            (&[host, ("origin", "http://evil.example")], false),
            (&[host, ("origin", "https://127.0.0.1:8080")], false),
            (&[("sec-fetch-site", "same-origin")], true),
            (&[("sec-fetch-site", "cross-site")], false),
            (&[], false),
            // Behind a proxy that rewrote Host, the browser's word decides.
            (
                &[
                    host,
                    ("origin", "https://velferd.reykjavik.is"),
                    ("sec-fetch-site", "same-origin"),
                ],
                true,
            ),
            (
                &[
                    host,
                    ("origin", "http://127.0.0.1:8080"),
                    ("sec-fetch-site", "cross-site"),
                ],
                false,
            ),
        ];
        for (pairs, allowed) in cases {
            assert_eq!(
                same_origin(&settings(false), &headers(pairs)),
                allowed,
                "{pairs:?}"
            );
        }
    }
}
