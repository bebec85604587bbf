//! Per-client budgets, so one client cannot flood the counsellors' queue or guess passwords, and
//! who the client is when a proxy stands in front of us.
//!
//! A budget is `n` requests a minute, all of them allowed at once, then one more every `60/n`
//! seconds (GCRA: one stored time per client, when their budget is whole again). On SQLite,
//! which one instance serves by construction, the times are kept in memory: a write per request
//! would cost a disk sync. On PostgreSQL several instances share the work, so the times are
//! kept in the database and a client's budget is the same whichever instance it reaches.

use std::{
    collections::HashMap,
    net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr},
    num::NonZeroU32,
    sync::{
        Mutex,
        atomic::{AtomicI64, Ordering},
    },
};

use axum::{
    extract::{ConnectInfo, FromRequestParts, Request, State},
    http::{HeaderMap, request::Parts},
    middleware::Next,
    response::Response,
};
use ipnet::IpNet;

use crate::{
    Config,
    clock::millis_now,
    db::{Backend, Database},
    error::ApiError,
};

const WINDOW_MS: i64 = 60_000;

/// What a budget is for; each is counted apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Budget {
    Submissions,
    CallBacks,
    SignIns,
    Documents,
}

impl Budget {
    fn name(self) -> &'static str {
        match self {
            Budget::Submissions => "submissions",
            Budget::CallBacks => "call-backs",
            Budget::SignIns => "sign-ins",
            Budget::Documents => "documents",
        }
    }
}

pub struct Limits {
    submissions: Option<NonZeroU32>,
    call_backs: Option<NonZeroU32>,
    sign_ins: Option<NonZeroU32>,
    documents: Option<NonZeroU32>,
    store: Store,
}

enum Store {
    Memory(Mutex<HashMap<(Budget, IpAddr), i64>>),
    Shared { db: Database, last_swept: AtomicI64 },
}

impl Limits {
    /// The budgets `config` sets (0 turns one off), kept where `db`'s backend calls for.
    pub fn new(config: &Config, db: &Database) -> Limits {
        Limits {
            // Call-back requests have a budget of their own, as large as applications'.
            submissions: NonZeroU32::new(config.submissions_per_minute),
            call_backs: NonZeroU32::new(config.submissions_per_minute),
            sign_ins: NonZeroU32::new(config.staff_sign_ins_per_minute),
            documents: NonZeroU32::new(config.documents_per_minute),
            store: match db.backend() {
                Backend::Sqlite => Store::Memory(Mutex::default()),
                Backend::Postgres => Store::Shared {
                    db: db.clone(),
                    last_swept: AtomicI64::new(0),
                },
            },
        }
    }

    /// Spends one request of `client`'s `budget`; a 429 with the seconds to wait when it is
    /// used up.
    pub async fn spend(&self, budget: Budget, client: ClientAddress) -> Result<(), ApiError> {
        let per_minute = match budget {
            Budget::Submissions => self.submissions,
            Budget::CallBacks => self.call_backs,
            Budget::SignIns => self.sign_ins,
            Budget::Documents => self.documents,
        };
        let Some(per_minute) = per_minute else {
            return Ok(());
        };
        let interval = WINDOW_MS / i64::from(per_minute.get());
        let key = client.budget_key();
        let now = millis_now();
        let outcome = match &self.store {
            Store::Memory(times) => {
                let mut times = times.lock().unwrap_or_else(|e| e.into_inner());
                // Forget clients whose budget is whole again, so the table stays small.
                if times.len() > 10_000 {
                    times.retain(|_, tat| *tat > now);
                }
                let outcome = next_time(times.get(&(budget, key)).copied(), now, interval);
                if let Ok(tat) = outcome {
                    times.insert((budget, key), tat);
                }
                outcome.map(drop)
            }
            Store::Shared { db, last_swept } => {
                spend_shared(db, last_swept, budget, key, now, interval).await?
            }
        };
        outcome.map_err(|wait_ms| ApiError::TooManyRequests {
            retry_after: (wait_ms as u64).div_ceil(1000),
        })
    }
}

/// GCRA: given when the client's budget would be whole again (`None`: it is), the new such time
/// if one more request fits in the window, or how many milliseconds until one does.
fn next_time(whole_at: Option<i64>, now: i64, interval: i64) -> Result<i64, i64> {
    let after = whole_at.map_or(now, |t| t.max(now)) + interval;
    if after - now <= WINDOW_MS {
        Ok(after)
    } else {
        Err(after - now - WINDOW_MS)
    }
}

/// The same rule over the shared table: read the client's time, decide, then write it back only
/// if no other instance changed it meanwhile (compare-and-set, retried), so two instances can
/// never both spend the last request. A refused request writes nothing.
async fn spend_shared(
    db: &Database,
    last_swept: &AtomicI64,
    budget: Budget,
    key: IpAddr,
    now: i64,
    interval: i64,
) -> Result<Result<(), i64>, ApiError> {
    let client = key.to_string();
    for _ in 0..8 {
        let whole_at: Option<i64> = sqlx::query_scalar(
            "SELECT whole_at_ms FROM rate_limits WHERE budget = $1 AND client = $2",
        )
        .bind(budget.name())
        .bind(&client)
        .fetch_optional(db.pool())
        .await
        .map_err(ApiError::database)?;
        let after = match next_time(whole_at, now, interval) {
            Ok(after) => after,
            Err(wait) => return Ok(Err(wait)),
        };
        let written = match whole_at {
            None => sqlx::query(
                "INSERT INTO rate_limits (budget, client, whole_at_ms) VALUES ($1, $2, $3) \
                 ON CONFLICT (budget, client) DO NOTHING",
            )
            .bind(budget.name())
            .bind(&client)
            .bind(after),
            Some(before) => sqlx::query(
                "UPDATE rate_limits SET whole_at_ms = $1 \
                 WHERE budget = $2 AND client = $3 AND whole_at_ms = $4",
            )
            .bind(after)
            .bind(budget.name())
            .bind(&client)
            .bind(before),
        }
        .execute(db.pool())
        .await
        .map_err(ApiError::database)?;
        if written.rows_affected() == 1 {
            sweep(db, last_swept, now).await;
            return Ok(Ok(()));
        }
    }
    // Eight other requests from the same client won each round: it is flooding.
    Ok(Err(interval))
}

/// At most once a minute per instance, forgets clients whose budget is whole again.
async fn sweep(db: &Database, last_swept: &AtomicI64, now: i64) {
    let last = last_swept.load(Ordering::Relaxed);
    if now - last < WINDOW_MS
        || last_swept
            .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
            .is_err()
    {
        return;
    }
    if let Err(error) = sqlx::query("DELETE FROM rate_limits WHERE whole_at_ms < $1")
        .bind(now)
        .execute(db.pool())
        .await
    {
        tracing::warn!(%error, "old rate-limit rows were not removed");
    }
}

/// The client's address: the peer's, or, when the peer is one of `VELFERD_TRUSTED_PROXIES`,
/// the address that proxy says it forwarded for. Put on every request by `resolve_client`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

impl ClientAddress {
    /// What a budget is kept under: an IPv4 address, or an IPv6 address's /64 prefix, since one
    /// household or phone is given a whole /64 and may use any address in it.
    fn budget_key(self) -> IpAddr {
        match self.0 {
            IpAddr::V4(v4) => IpAddr::V4(v4),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => IpAddr::V4(v4),
                None => IpAddr::V6(Ipv6Addr::from(
                    u128::from(v6) & 0xffff_ffff_ffff_ffff_0000_0000_0000_0000,
                )),
            },
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<ClientAddress>()
            .copied()
            .unwrap_or_else(|| peer_of(parts)))
    }
}

/// In-process tests have no socket: one address.
fn peer_of(parts: &Parts) -> ClientAddress {
    ClientAddress(
        parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(Ipv4Addr::LOCALHOST.into(), |c| c.0.ip()),
    )
}

/// `VELFERD_TRUSTED_PROXIES`: the networks whose forwarding headers are believed.
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// A comma-separated list of networks (`10.0.0.0/8`) or single addresses.
    pub fn parse(list: &str) -> Result<TrustedProxies, String> {
        list.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse::<IpNet>()
                    .or_else(|_| s.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("{s:?} is not a network like 10.0.0.0/8 or an address"))
            })
            .collect::<Result<_, _>>()
            .map(TrustedProxies)
    }

    fn trusts(&self, address: IpAddr) -> bool {
        let address = match address {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
            v4 => v4,
        };
        self.0.iter().any(|net| net.contains(&address))
    }

    /// The client behind `peer`: walking the forwarding chain from the nearest hop, the first
    /// address that is not a trusted proxy. A hop we cannot read ends the walk at the proxy
    /// that wrote it.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.trusts(peer) {
            return peer;
        }
        let mut client = peer;
        for hop in forwarded_chain(headers).into_iter().rev() {
            match hop {
                Some(address) if self.trusts(address) => client = address,
                Some(address) => return address,
                None => return client,
            }
        }
        client
    }
}

/// The addresses a request was forwarded for, farthest first: RFC 7239 `Forwarded: for=…` when
/// present, else `X-Forwarded-For`. `None` for a hop that is not an address (`unknown`, an
/// obfuscated name).
fn forwarded_chain(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let values = |name: &str| -> Vec<String> {
        headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(|hop| hop.trim().to_owned())
            .collect()
    };
    let forwarded = values("forwarded");
    if !forwarded.is_empty() {
        return forwarded
            .iter()
            .map(|element| {
                element
                    .split(';')
                    .filter_map(|pair| pair.trim().split_once('='))
                    .find(|(name, _)| name.eq_ignore_ascii_case("for"))
                    .and_then(|(_, node)| parse_node(node.trim_matches('"')))
            })
            .collect();
    }
    values("x-forwarded-for")
        .iter()
        .map(|hop| parse_node(hop))
        .collect()
}

/// `192.0.2.60`, `192.0.2.60:4711`, `2001:db8::1` or `[2001:db8::1]:4711`.
fn parse_node(node: &str) -> Option<IpAddr> {
    if let Ok(address) = node.parse() {
        return Some(address);
    }
    if let Some(rest) = node.strip_prefix('[') {
        return rest.split_once(']')?.0.parse().ok();
    }
    node.rsplit_once(':')?
        .0
        .parse::<Ipv4Addr>()
        .ok()
        .map(IpAddr::V4)
}

/// Middleware: works out the client's address once per request, for the budgets and the audit
/// trail.
pub async fn resolve_client(
    State(trusted): State<std::sync::Arc<TrustedProxies>>,
    mut request: Request,
    next: Next,
) -> Response {
    let (mut parts, body) = request.into_parts();
    let peer = peer_of(&parts).0;
    let client = ClientAddress(trusted.client(peer, &parts.headers));
    parts.extensions.insert(client);
    request = Request::from_parts(parts, body);
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.append(*name, value.parse().unwrap());
        }
        headers
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn a_budget_allows_its_burst_then_one_request_per_share_of_the_minute() {
        let interval = WINDOW_MS / 3;
        let mut whole_at = None;
        for _ in 0..3 {
            whole_at = Some(next_time(whole_at, 0, interval).unwrap());
        }
        assert_eq!(next_time(whole_at, 0, interval), Err(interval));
        assert!(next_time(whole_at, interval, interval).is_ok());
    }

    #[test]
    fn forwarding_headers_are_believed_only_from_trusted_proxies() {
        let trusted = TrustedProxies::parse("10.0.0.0/8, 192.168.1.1").unwrap();
        let forwarded = headers(&[("x-forwarded-for", "203.0.113.7, 10.1.2.3")]);
        // From the proxy: the client it forwarded for, past the trusted hops.
        assert_eq!(
            trusted.client(ip("10.0.0.2"), &forwarded),
            ip("203.0.113.7")
        );
        // From anyone else: the header is a client's own claim.
        assert_eq!(
            trusted.client(ip("198.51.100.9"), &forwarded),
            ip("198.51.100.9")
        );
        assert_eq!(
            TrustedProxies::default().client(ip("10.0.0.2"), &forwarded),
            ip("10.0.0.2")
        );
        // A client cannot hide behind an address it puts first: the walk is from the right.
        let spoofed = headers(&[("x-forwarded-for", "1.2.3.4, 203.0.113.7")]);
        assert_eq!(
            trusted.client(ip("192.168.1.1"), &spoofed),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn the_standard_forwarded_header_is_read_with_ports_and_brackets() {
        let trusted = TrustedProxies::parse("10.0.0.0/8").unwrap();
        let forwarded = headers(&[(
            "forwarded",
            r#"for="[2001:db8:cafe::17]:4711";proto=https, for=10.0.0.5"#,
        )]);
        assert_eq!(
            trusted.client(ip("10.0.0.1"), &forwarded),
            ip("2001:db8:cafe::17")
        );
        let unknown = headers(&[("forwarded", "for=unknown")]);
        assert_eq!(trusted.client(ip("10.0.0.1"), &unknown), ip("10.0.0.1"));
        assert!(TrustedProxies::parse("10.0.0.0/8, proxy.local").is_err());
    }

    #[test]
    fn ipv6_clients_share_a_budget_per_64_and_ipv4_per_address() {
        let a = ClientAddress(ip("2001:db8:1:2:aaaa::1")).budget_key();
        let b = ClientAddress(ip("2001:db8:1:2:bbbb::9")).budget_key();
        let other = ClientAddress(ip("2001:db8:1:3::1")).budget_key();
        assert_eq!(a, b);
        assert_ne!(a, other);
        assert_eq!(a, ip("2001:db8:1:2::"));
        assert_eq!(
            ClientAddress(ip("::ffff:203.0.113.7")).budget_key(),
            ip("203.0.113.7")
        );
    }
}
