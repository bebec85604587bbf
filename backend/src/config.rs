use std::{net::SocketAddr, path::PathBuf};

/// Defaults that work on a developer's machine, each overridable by an environment variable.
#[derive(Debug, Clone)]
pub struct Config {
    /// `VELFERD_ADDR`
    pub addr: SocketAddr,
    /// `VELFERD_DATABASE_URL`: an `sqlite:` URL; the file and its folder are created on start.
    pub database_url: String,
    /// `VELFERD_DIST`: the folder Trunk built the frontend into.
    pub dist_dir: PathBuf,
    /// `VELFERD_SUBMISSIONS_PER_MINUTE`: applications one client address may send a minute;
    /// 0 turns the limit off (load tests).
    pub submissions_per_minute: u32,
    /// `VELFERD_STAFF_IDLE_SECONDS`: a staff session unused this long has ended.
    pub staff_idle_seconds: u64,
    /// `VELFERD_STAFF_MAX_SECONDS`: a staff session ends this long after sign-in, used or not.
    pub staff_max_seconds: u64,
    /// `VELFERD_STAFF_SIGN_INS_PER_MINUTE`: sign-in attempts one client address may make a
    /// minute; 0 turns the limit off.
    pub staff_sign_ins_per_minute: u32,
    /// `VELFERD_SECURE_COOKIES`: the server is reached over TLS (a proxy that terminates it
    /// without sending `X-Forwarded-Proto`), so the staff cookie is `__Host-` and `Secure`.
    pub secure_cookies: bool,
    /// `VELFERD_SMTP_URL` (`smtp://relay:25`): where mail goes. Without it and
    /// `VELFERD_MAIL_FROM`, mail waits in the outbox.
    pub smtp_url: Option<String>,
    /// `VELFERD_MAIL_FROM`: the sender of every message.
    pub mail_from: Option<String>,
    /// `VELFERD_MAX_CONNECTIONS`: connections open at once; more wait to be accepted.
    pub max_connections: usize,
    /// `VELFERD_HEADER_TIMEOUT_SECONDS`: a request's headers must have arrived by then.
    pub header_read_timeout_seconds: u64,
    /// `VELFERD_MAX_IN_FLIGHT`: requests handled at once; more get a 503 with Retry-After.
    pub max_in_flight: usize,
    /// `VELFERD_MAX_UPLOADS`: document uploads handled at once.
    pub max_uploads: usize,
    /// `VELFERD_REQUEST_TIMEOUT_SECONDS`: reading and answering a JSON request (then a 408).
    pub request_timeout_seconds: u64,
    /// `VELFERD_UPLOAD_TIMEOUT_SECONDS`: reading and storing a document.
    pub upload_timeout_seconds: u64,
    /// `VELFERD_SHUTDOWN_SECONDS`: after SIGTERM, how long requests in flight may finish.
    pub shutdown_grace_seconds: u64,
    /// `VELFERD_DOCUMENTS_PER_MINUTE`: documents one client may send a minute; 0: no limit.
    pub documents_per_minute: u32,
    /// `VELFERD_TRUSTED_PROXIES` (`10.0.0.0/8, 2001:db8::/32`): the load balancers whose
    /// `Forwarded` / `X-Forwarded-For` name the client; from anyone else they are ignored.
    pub trusted_proxies: crate::limits::TrustedProxies,
    /// `VELFERD_PUBLIC_ORIGIN`: the address residents reach the site at, for the link in the
    /// receipt e-mail.
    pub public_origin: String,
}

pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";
/// Generous for a household applying for several services, a family member helping, or a
/// library computer shared through one address; far below a flood.
pub const DEFAULT_SUBMISSIONS_PER_MINUTE: u32 = 20;
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/velferd.db";
/// OWASP ASVS 3.3.2 (level 2): 30 minutes idle, 12 hours at most.
pub const DEFAULT_STAFF_IDLE_SECONDS: u64 = 30 * 60;
pub const DEFAULT_STAFF_MAX_SECONDS: u64 = 12 * 60 * 60;
/// Enough for a counsellor who mistypes a few times, far below guessing.
pub const DEFAULT_STAFF_SIGN_INS_PER_MINUTE: u32 = 10;

impl Default for Config {
    fn default() -> Self {
        Config {
            addr: DEFAULT_ADDR.parse().expect("the default address parses"),
            database_url: DEFAULT_DATABASE_URL.to_owned(),
            dist_dir: PathBuf::from("dist"),
            submissions_per_minute: DEFAULT_SUBMISSIONS_PER_MINUTE,
            staff_idle_seconds: DEFAULT_STAFF_IDLE_SECONDS,
            staff_max_seconds: DEFAULT_STAFF_MAX_SECONDS,
            staff_sign_ins_per_minute: DEFAULT_STAFF_SIGN_INS_PER_MINUTE,
            secure_cookies: false,
            smtp_url: None,
            mail_from: None,
            max_connections: 1024,
            header_read_timeout_seconds: 15,
            max_in_flight: 256,
            max_uploads: 16,
            request_timeout_seconds: 30,
            // 10 MB at 1 Mbit/s takes 80 s.
            upload_timeout_seconds: 180,
            shutdown_grace_seconds: 20,
            // A resident photographing a handful of pay slips, twice over.
            documents_per_minute: 30,
            trusted_proxies: Default::default(),
            public_origin: format!("http://{DEFAULT_ADDR}"),
        }
    }
}

impl Config {
    pub fn from_env() -> Config {
        Config::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads overrides through `lookup`, so tests need not touch the process environment.
    /// An address that does not parse is reported and the default kept, rather than refusing
    /// to start over a typo.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Config {
        let mut config = Config::default();
        if let Some(addr) = lookup("VELFERD_ADDR") {
            match addr.parse() {
                Ok(addr) => config.addr = addr,
                Err(_) => eprintln!(
                    "velferd: VELFERD_ADDR={addr:?} is not an address like 127.0.0.1:8080; using {DEFAULT_ADDR}"
                ),
            }
        }
        if let Some(url) = lookup("VELFERD_DATABASE_URL").filter(|u| !u.is_empty()) {
            config.database_url = url;
        }
        if let Some(dir) = lookup("VELFERD_DIST").filter(|d| !d.is_empty()) {
            config.dist_dir = PathBuf::from(dir);
        }
        number(
            &lookup,
            "VELFERD_SUBMISSIONS_PER_MINUTE",
            &mut config.submissions_per_minute,
        );
        number(
            &lookup,
            "VELFERD_STAFF_IDLE_SECONDS",
            &mut config.staff_idle_seconds,
        );
        number(
            &lookup,
            "VELFERD_STAFF_MAX_SECONDS",
            &mut config.staff_max_seconds,
        );
        number(
            &lookup,
            "VELFERD_STAFF_SIGN_INS_PER_MINUTE",
            &mut config.staff_sign_ins_per_minute,
        );
        for (name, value) in [
            ("VELFERD_MAX_CONNECTIONS", &mut config.max_connections),
            ("VELFERD_MAX_IN_FLIGHT", &mut config.max_in_flight),
            ("VELFERD_MAX_UPLOADS", &mut config.max_uploads),
        ] {
            number(&lookup, name, value);
        }
        for (name, value) in [
            (
                "VELFERD_HEADER_TIMEOUT_SECONDS",
                &mut config.header_read_timeout_seconds,
            ),
            (
                "VELFERD_REQUEST_TIMEOUT_SECONDS",
                &mut config.request_timeout_seconds,
            ),
            (
                "VELFERD_UPLOAD_TIMEOUT_SECONDS",
                &mut config.upload_timeout_seconds,
            ),
            (
                "VELFERD_SHUTDOWN_SECONDS",
                &mut config.shutdown_grace_seconds,
            ),
        ] {
            number(&lookup, name, value);
        }
        number(
            &lookup,
            "VELFERD_DOCUMENTS_PER_MINUTE",
            &mut config.documents_per_minute,
        );
        config.smtp_url = lookup("VELFERD_SMTP_URL").filter(|u| !u.is_empty());
        config.mail_from = lookup("VELFERD_MAIL_FROM").filter(|u| !u.is_empty());
        if let Some(origin) = lookup("VELFERD_PUBLIC_ORIGIN").filter(|o| !o.is_empty()) {
            config.public_origin = origin.trim_end_matches('/').to_owned();
        }
        if let Some(secure) = lookup("VELFERD_SECURE_COOKIES") {
            config.secure_cookies = matches!(secure.trim(), "1" | "true" | "yes");
        }
        // Behind https every browser keeps a Secure cookie, whatever the proxy forwards.
        config.secure_cookies |= config.public_origin.starts_with("https://");
        if let Some(list) = lookup("VELFERD_TRUSTED_PROXIES") {
            match crate::limits::TrustedProxies::parse(&list) {
                Ok(trusted) => config.trusted_proxies = trusted,
                // Trusting nobody is the safe reading of a typo: clients are then known by
                // the proxy's address, and share its budget.
                Err(problem) => {
                    eprintln!("velferd: VELFERD_TRUSTED_PROXIES: {problem}; trusting no proxy")
                }
            }
        }
        config
    }
}

/// A whole number from `name`, or the default already in `value` with a word about the typo.
fn number<T: std::str::FromStr + std::fmt::Display>(
    lookup: &impl Fn(&str) -> Option<String>,
    name: &str,
    value: &mut T,
) {
    if let Some(typed) = lookup(name) {
        match typed.trim().parse() {
            Ok(parsed) => *value = parsed,
            Err(_) => eprintln!("velferd: {name}={typed:?} is not a whole number; using {value}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_serve_locally_with_an_sqlite_file() {
        let config = Config::from_lookup(|_| None);
        assert_eq!(config.addr.to_string(), "127.0.0.1:8080");
        assert!(config.database_url.starts_with("sqlite:"));
    }

    #[test]
    fn environment_variables_override_the_defaults() {
        let config = Config::from_lookup(|name| match name {
            "VELFERD_ADDR" => Some("0.0.0.0:9000".into()),
            "VELFERD_DATABASE_URL" => Some("sqlite::memory:".into()),
            "VELFERD_DIST" => Some("/srv/dist".into()),
            "VELFERD_STAFF_IDLE_SECONDS" => Some("2".into()),
            "VELFERD_STAFF_MAX_SECONDS" => Some("nine".into()),
            _ => None,
        });
        assert_eq!(config.addr.to_string(), "0.0.0.0:9000");
        assert_eq!(config.database_url, "sqlite::memory:");
        assert_eq!(config.dist_dir, PathBuf::from("/srv/dist"));
        assert_eq!(config.staff_idle_seconds, 2);
        assert_eq!(config.staff_max_seconds, DEFAULT_STAFF_MAX_SECONDS);
    }

    #[test]
    fn a_malformed_address_keeps_the_default() {
        let config =
            Config::from_lookup(|name| (name == "VELFERD_ADDR").then(|| "localhost".into()));
        assert_eq!(config.addr.to_string(), DEFAULT_ADDR);
    }
}
