//! The counsellors' side: accounts and their second factor, sessions, and the audit trail. The
//! routes that use them are in `routes/staff/`.

pub mod accounts;
pub mod audit;
pub mod sessions;
pub mod totp;

/// Seconds since the Unix epoch: what locks and session ages are compared in.
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}
