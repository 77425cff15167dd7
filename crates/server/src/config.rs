//! Configuration: command-line flags, each also readable from an environment variable.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{ArgAction, Parser};

/// The Complaint Desk reference server: the JSON API under `/api`, storage on SQLite or
/// PostgreSQL seeded with demo data on first start, and (with `--dist`) the built app.
#[derive(Clone, Debug, Parser)]
#[command(name = "complaint-server", version, about)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "COMPLAINT_DESK_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// The database: `sqlite://path/to/file.db` or a plain file path (the file and its
    /// parent directory are created on first start), or `postgres://user:password@host/db`
    /// (the database must exist). Migrated on start; demo data is seeded into an empty one.
    #[arg(
        long,
        env = "COMPLAINT_DESK_DATABASE_URL",
        default_value = "sqlite://data/complaint-desk.db"
    )]
    pub database_url: String,

    /// Directory of the built app (Trunk's `dist/`). Served at `/` with a fallback to
    /// `index.html` for client-side routes; hashed assets are cached for a year.
    #[arg(long, env = "COMPLAINT_DESK_DIST")]
    pub dist: Option<PathBuf>,

    /// Render each page of the app on the server, for the session's user, and send it whole;
    /// the app then takes it over. `--dist` must then be the app's server-rendered build
    /// (`scripts/build-rendered.sh` → `dist-rendered/`), not the client-side one.
    #[arg(
        long,
        env = "COMPLAINT_DESK_RENDER",
        default_value_t = false,
        requires = "dist"
    )]
    pub render: bool,

    /// Trust this request header as the signed-in username (deployments behind the
    /// platform's own login). The reverse proxy MUST strip it from client requests,
    /// otherwise anyone can claim any identity.
    #[arg(long, env = "COMPLAINT_DESK_IDENTITY_HEADER")]
    pub identity_header: Option<String>,

    /// Secret for host-app tokens (`SignIn::HostToken`): a token is
    /// `username.expiry_ms.hex(hmac_sha256(secret, "username.expiry_ms"))`.
    #[arg(long, env = "COMPLAINT_DESK_HOST_TOKEN_SECRET", hide_env_values = true)]
    pub host_token_secret: Option<String>,

    /// Let the seeded demo accounts sign in by username alone. A demo convenience: turn it
    /// off (`--demo-sign-in=false`) for anything but a demo.
    #[arg(
        long,
        env = "COMPLAINT_DESK_DEMO_SIGN_IN",
        default_value_t = true,
        action = ArgAction::Set,
        num_args = 0..=1,
        default_missing_value = "true"
    )]
    pub demo_sign_in: bool,

    /// Lifetime of a session, in hours.
    #[arg(long, env = "COMPLAINT_DESK_SESSION_TTL_HOURS", default_value_t = 12,
          value_parser = clap::value_parser!(u32).range(1..=24 * 365))]
    pub session_ttl_hours: u32,

    /// Always mark the session cookie `Secure` (the site is served over HTTPS).
    #[arg(long, env = "COMPLAINT_DESK_SECURE_COOKIES", default_value_t = false)]
    pub secure_cookies: bool,

    /// Trust the reverse proxy's `X-Forwarded-Proto`: a request that reached the proxy over
    /// `https` gets a `Secure` session cookie. Only behind a proxy that sets (overwrites)
    /// this header.
    #[arg(
        long,
        env = "COMPLAINT_DESK_TRUST_FORWARDED_PROTO",
        default_value_t = false
    )]
    pub trust_forwarded_proto: bool,

    /// Who may embed the app in a frame: the CSP `frame-ancestors` sources, e.g.
    /// `'self'`, `'none'`, or `'self' https://host.example`. `X-Frame-Options` is sent
    /// alongside only for `'self'` (SAMEORIGIN) and `'none'` (DENY).
    #[arg(long, env = "COMPLAINT_DESK_FRAME_ANCESTORS", default_value = "'self'",
          value_parser = crate::csp::parse_frame_ancestors)]
    pub frame_ancestors: String,

    /// Extra origins the app may connect to (CSP `connect-src`), besides its own and the
    /// `apiBase` origin of `dist/config.json`. Repeatable, or comma-separated.
    #[arg(long = "connect-src", env = "COMPLAINT_DESK_CONNECT_SRC", value_delimiter = ',',
          value_parser = crate::csp::parse_origin)]
    pub connect_src: Vec<String>,

    /// Mutations (POST/DELETE under /api) allowed per live session per minute (a token bucket
    /// of this size, refilled continuously); requests without a live session (signing in, a
    /// made-up or ended cookie) count per client address. Over it: 429 `rate_limited` with
    /// `Retry-After`. 0 turns it off.
    #[arg(
        long,
        env = "COMPLAINT_DESK_MUTATION_RATE_LIMIT",
        default_value_t = 120
    )]
    pub mutation_rate_limit: u32,

    /// Seconds a client has to send a request's headers, counted from their first byte; a
    /// connection still sending them then is closed (however steadily it trickles).
    #[arg(long, env = "COMPLAINT_DESK_HEADER_READ_TIMEOUT_SECS", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub header_read_timeout_secs: u64,

    /// Seconds a connection may go without a byte read or written (kept alive between
    /// requests, never used, a body that stops coming, a client that stops reading) before
    /// it is closed. Event streams send a comment at least three times as often.
    #[arg(long, env = "COMPLAINT_DESK_IDLE_TIMEOUT_SECS", default_value_t = 75,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub idle_timeout_secs: u64,

    /// Reverse proxies (addresses or CIDR ranges, e.g. `10.0.0.0/8`) trusted to name the
    /// client in the forwarded-for header. A request from one of them counts (for rate
    /// limits) against the client the header names: the rightmost address in it that is not
    /// a trusted proxy. Without it the header is ignored. Repeatable, or comma-separated.
    #[arg(long = "trusted-proxy", env = "COMPLAINT_DESK_TRUSTED_PROXIES", value_delimiter = ',',
          value_parser = parse_trusted_proxy)]
    pub trusted_proxies: Vec<ipnet::IpNet>,

    /// The header in which a trusted proxy appends the address it got the request from.
    #[arg(long, env = "COMPLAINT_DESK_FORWARDED_FOR_HEADER", default_value = "x-forwarded-for",
          value_parser = parse_header_name)]
    pub forwarded_for_header: String,

    /// Allow the app served from this origin (e.g. `https://static.example.com`) to call
    /// the API with credentials. Repeatable. Without it, no CORS headers are sent.
    #[arg(long = "cors-origin", env = "COMPLAINT_DESK_CORS_ORIGINS", value_delimiter = ',',
          value_parser = crate::csp::parse_origin)]
    pub cors_origins: Vec<String>,

    /// The clock every rule is decided on and every response reports: the system's, or a
    /// fixed one in tests (not a flag).
    #[arg(skip)]
    pub clock: crate::clock::Clock,
}

/// An address (`10.0.0.2`, one host) or a CIDR range (`10.0.0.0/8`).
fn parse_trusted_proxy(value: &str) -> Result<ipnet::IpNet, String> {
    let value = value.trim();
    value
        .parse::<ipnet::IpNet>()
        .or_else(|_| value.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
        .map(|net| net.trunc())
        .map_err(|_| format!("{value:?} is not an address or a CIDR range like 10.0.0.0/8"))
}

/// A valid HTTP header name, lower-cased.
fn parse_header_name(value: &str) -> Result<String, String> {
    axum::http::HeaderName::from_bytes(value.trim().as_bytes())
        .map(|name| name.as_str().to_owned())
        .map_err(|_| format!("{value:?} is not a header name"))
}

impl Config {
    /// What `complaint-server --addr 127.0.0.1:0 --database-url URL` runs with: every other
    /// flag at its default (or its environment variable). What the tests start from.
    pub fn with_database_url(database_url: impl Into<String>) -> Self {
        let database_url = database_url.into();
        let args = ["--addr", "127.0.0.1:0", "--database-url", &database_url];
        Config::try_parse_from(std::iter::once("complaint-server").chain(args))
            .unwrap_or_else(|error| panic!("the defaults with {database_url:?}: {error}"))
    }

    /// Checks what the flags' parsers could not, because a caller set the field itself (the
    /// tests do): every `--cors-origin` is an origin.
    pub fn validate(&self) -> anyhow::Result<()> {
        for origin in &self.cors_origins {
            crate::csp::parse_origin(origin)
                .map_err(|error| anyhow::anyhow!("--cors-origin: {error}"))?;
        }
        Ok(())
    }

    pub fn session_ttl_ms(&self) -> i64 {
        i64::from(self.session_ttl_hours) * 3_600_000
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Config::command().debug_assert();
    }

    #[test]
    fn flags_parse_with_their_defaults() {
        let config = Config::try_parse_from(["complaint-server"]).unwrap();
        assert_eq!(config.addr.to_string(), "127.0.0.1:8080");
        assert_eq!(config.database_url, "sqlite://data/complaint-desk.db");
        assert!(config.demo_sign_in);
        assert!(!config.secure_cookies);
        assert_eq!(config.session_ttl_hours, 12);
        assert_eq!(config.frame_ancestors, "'self'");
        assert_eq!(config.mutation_rate_limit, 120);
        assert!(!config.trust_forwarded_proto);
        assert_eq!(config.header_read_timeout_secs, 10);
        assert_eq!(config.idle_timeout_secs, 75);

        let config = Config::try_parse_from([
            "complaint-server",
            "--addr",
            "0.0.0.0:9000",
            "--database-url",
            "/var/lib/cd/cd.db",
            "--dist",
            "dist",
            "--identity-header",
            "x-forwarded-user",
            "--host-token-secret",
            "s",
            "--demo-sign-in=false",
            "--session-ttl-hours",
            "2",
            "--secure-cookies",
            "--cors-origin",
            "https://a.example,https://b.example",
            "--frame-ancestors",
            "'self' https://host.example",
            "--connect-src",
            "https://api.example.com",
            "--mutation-rate-limit",
            "0",
            "--trust-forwarded-proto",
            "--header-read-timeout-secs",
            "5",
            "--idle-timeout-secs",
            "30",
        ])
        .unwrap();
        assert_eq!(config.header_read_timeout_secs, 5);
        assert_eq!(config.idle_timeout_secs, 30);
        assert!(Config::try_parse_from(["complaint-server", "--idle-timeout-secs", "0"]).is_err());
        assert_eq!(config.frame_ancestors, "'self' https://host.example");
        assert_eq!(config.connect_src, ["https://api.example.com"]);
        assert_eq!(config.mutation_rate_limit, 0);
        assert!(config.trust_forwarded_proto);
        assert!(Config::try_parse_from([
            "complaint-server",
            "--frame-ancestors",
            "*; script-src *"
        ])
        .is_err());
        assert!(Config::try_parse_from(["complaint-server", "--connect-src", "ftp://x"]).is_err());
        assert!(!config.demo_sign_in);
        assert!(config.secure_cookies);
        assert_eq!(config.session_ttl_ms(), 2 * 3_600_000);
        assert_eq!(config.cors_origins.len(), 2);
        assert!(Config::try_parse_from(["complaint-server", "--session-ttl-hours", "0"]).is_err());
        let refused = Config::try_parse_from(["complaint-server", "--cors-origin", "app.example"])
            .unwrap_err()
            .to_string();
        assert!(
            refused.contains("\"app.example\" is not an origin"),
            "{refused}"
        );
        let mut config = Config::with_database_url("sqlite::memory:");
        config.cors_origins = vec!["https://app.example/path".into()];
        let refused = config.validate().unwrap_err().to_string();
        assert!(refused.contains("https://app.example/path"), "{refused}");

        let config = Config::try_parse_from([
            "complaint-server",
            "--trusted-proxy",
            "10.0.0.2,192.168.0.0/16",
            "--trusted-proxy",
            "2001:db8::/32",
            "--forwarded-for-header",
            "X-Real-IP",
        ])
        .unwrap();
        let proxies: Vec<String> = config
            .trusted_proxies
            .iter()
            .map(|net| net.to_string())
            .collect();
        assert_eq!(proxies, ["10.0.0.2/32", "192.168.0.0/16", "2001:db8::/32"]);
        assert_eq!(config.forwarded_for_header, "x-real-ip");
        assert!(
            Config::try_parse_from(["complaint-server", "--trusted-proxy", "proxy.internal"])
                .is_err()
        );
        assert!(
            Config::try_parse_from(["complaint-server", "--forwarded-for-header", "a b"]).is_err()
        );
    }
}
