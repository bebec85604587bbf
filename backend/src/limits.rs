//! Per-client budgets, so one client cannot flood the counsellors' queue.

use std::{
    net::{IpAddr, Ipv4Addr, SocketAddr},
    num::NonZeroU32,
};

use axum::{Extension, extract::ConnectInfo};

use crate::error::ApiError;

pub struct SubmissionLimiter {
    limiter: governor::DefaultKeyedRateLimiter<IpAddr>,
}

impl SubmissionLimiter {
    /// `per_minute` submissions a minute from one address, all of them allowed in a burst.
    pub fn new(per_minute: NonZeroU32) -> SubmissionLimiter {
        SubmissionLimiter {
            limiter: governor::RateLimiter::keyed(governor::Quota::per_minute(per_minute)),
        }
    }

    /// A 429 with the seconds to wait when the client has used its budget.
    pub(crate) fn check(&self, client: IpAddr) -> Result<(), ApiError> {
        use governor::clock::{Clock, DefaultClock};
        self.limiter.check_key(&client).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            ApiError::TooManyRequests {
                retry_after: wait.as_secs() + u64::from(wait.subsec_nanos() > 0),
            }
        })?;
        // Forget clients that have not submitted for a while, so the table stays small.
        if self.limiter.len() > 10_000 {
            self.limiter.retain_recent();
        }
        Ok(())
    }
}

/// Spends one of the client's budget under `limiter`, when a limit is on.
pub(crate) fn spend(
    limiter: Option<&SubmissionLimiter>,
    connection: Option<Extension<ConnectInfo<SocketAddr>>>,
) -> Result<(), ApiError> {
    limiter.map_or(Ok(()), |limiter| limiter.check(client_address(connection)))
}

/// The client's address, for per-client limits and the audit trail. In-process tests have no
/// socket: one address.
pub(crate) fn client_address(connection: Option<Extension<ConnectInfo<SocketAddr>>>) -> IpAddr {
    connection.map_or(Ipv4Addr::LOCALHOST.into(), |c| c.0.0.ip())
}
