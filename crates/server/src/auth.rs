//! Who is asking: a session cookie, or (behind a reverse proxy) a trusted identity header.
//! Sign-in: the seeded demo accounts by username (a demo), or a token from a host app.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderName};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use complaint_api::UserView;
use complaint_rules::{Actor, Role, UtcMillis};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::config::Config;
use crate::error::AppError;
use crate::{db, AppState};

pub const SESSION_COOKIE: &str = "cd_session";

/// The signed-in user of a request.
#[derive(Clone, Debug)]
pub struct CurrentUser {
    pub user: UserView,
    pub expires_at: UtcMillis,
    pub credential: Credential,
}

/// What identified the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Credential {
    /// A live session: the SHA-256 of its token, as stored.
    Session { token_hash: String },
    /// The trusted identity header: no session, the reverse proxy vouches for each request.
    IdentityHeader,
}

impl CurrentUser {
    pub fn actor(&self) -> Actor {
        self.user.actor()
    }

    pub fn is_agent(&self) -> bool {
        self.user.role == Role::Agent
    }
}

/// A signed-in customer-service agent; anyone else is refused with 403.
#[derive(Clone, Debug)]
pub struct Agent(pub CurrentUser);

/// A fresh random session token (256 bits, hex).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// What is stored instead of the token.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The session cookie for `token`, kept `max_age_secs` (0: the cookie that ends it).
pub fn session_cookie(token: String, max_age_secs: i64, secure: bool) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, token))
        .http_only(true)
        .same_site(SameSite::Strict)
        .path("/")
        .max_age(cookie::time::Duration::seconds(max_age_secs))
        .secure(secure)
        .build()
}

/// The session token the request's cookie carries, if any.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    CookieJar::from_headers(headers)
        .get(SESSION_COOKIE)
        .map(|cookie| cookie.value().to_owned())
}

/// Whether the session cookie is `Secure` (the request reached us over TLS): `--secure-cookies`, or (with
/// `--trust-forwarded-proto`) a reverse proxy's `X-Forwarded-Proto: https`.
pub fn request_is_tls(config: &Config, headers: &HeaderMap) -> bool {
    if config.secure_cookies {
        return true;
    }
    if !config.trust_forwarded_proto {
        return false;
    }
    static FORWARDED_PROTO: HeaderName = HeaderName::from_static("x-forwarded-proto");
    headers
        .get(&FORWARDED_PROTO)
        .and_then(|value| value.to_str().ok())
        // A chain of proxies appends: the first is what the client used.
        .and_then(|value| value.split(',').next())
        .is_some_and(|proto| proto.trim().eq_ignore_ascii_case("https"))
}

/// Checks a host-app token `username.expiry_ms.hex(hmac_sha256(secret, "username.expiry_ms"))`
/// and returns its username if it is authentic and not expired.
pub fn verify_host_token(secret: &str, token: &str, now: UtcMillis) -> Option<String> {
    let (signed, signature) = token.rsplit_once('.')?;
    let (username, expiry) = signed.rsplit_once('.')?;
    let expiry: i64 = expiry.parse().ok()?;
    if username.is_empty() || expiry <= now.0 {
        return None;
    }
    let signature = hex::decode(signature).ok()?;
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).ok()?;
    mac.update(signed.as_bytes());
    mac.verify_slice(&signature).ok()?;
    Some(username.to_owned())
}

/// Makes a host-app token (for host apps written in Rust, and for tests).
pub fn sign_host_token(secret: &str, username: &str, expiry: UtcMillis) -> String {
    let signed = format!("{username}.{}", expiry.0);
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(signed.as_bytes());
    format!("{signed}.{}", hex::encode(mac.finalize().into_bytes()))
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        // Already found for this request (by the rate limiter).
        if let Some(user) = parts.extensions.get::<CurrentUser>() {
            return Ok(user.clone());
        }
        let now = state.now();
        if let Some(header) = &state.config.identity_header {
            if let Some(value) = parts.headers.get(header.as_str()) {
                let username = value
                    .to_str()
                    .map_err(|_| AppError::Unauthenticated("the identity header is not ASCII"))?;
                let mut conn = state.db.read().await?;
                let user = db::user_by_username(&mut conn.conn(), username.trim())
                    .await?
                    .ok_or(AppError::Unauthenticated(
                        "unknown user in the identity header",
                    ))?;
                return Ok(CurrentUser {
                    user,
                    expires_at: now.plus(state.config.session_ttl_ms()),
                    credential: Credential::IdentityHeader,
                });
            }
        }
        let token =
            session_token(&parts.headers).ok_or(AppError::Unauthenticated("sign in first"))?;
        let token_hash = token_hash(&token);
        let (user, expires_at) =
            state
                .db
                .session_user(&token_hash, now)
                .await?
                .ok_or(AppError::Unauthenticated(
                    "the session has ended or expired: sign in again",
                ))?;
        Ok(CurrentUser {
            user,
            expires_at,
            credential: Credential::Session { token_hash },
        })
    }
}

impl FromRequestParts<AppState> for Agent {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let user = CurrentUser::from_request_parts(parts, state).await?;
        if user.is_agent() {
            Ok(Agent(user))
        } else {
            Err(AppError::Forbidden(
                "only customer-service agents may do this",
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_tokens_verify_only_when_authentic_and_fresh() {
        let token = sign_host_token("s3cret", "demo.shopper", UtcMillis(2_000));
        assert_eq!(
            verify_host_token("s3cret", &token, UtcMillis(1_000)).as_deref(),
            Some("demo.shopper")
        );
        assert_eq!(verify_host_token("s3cret", &token, UtcMillis(2_000)), None);
        assert_eq!(verify_host_token("other", &token, UtcMillis(1_000)), None);
        let forged = token.replace("demo.shopper", "demo-agent");
        assert_eq!(verify_host_token("s3cret", &forged, UtcMillis(1_000)), None);
        assert_eq!(
            verify_host_token("s3cret", "garbage", UtcMillis(1_000)),
            None
        );
    }

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            axum::http::header::COOKIE,
            axum::http::HeaderValue::from_static("a=1; cd_session=abc ; b=2"),
        );
        assert_eq!(session_token(&headers).as_deref(), Some("abc"));
        assert_eq!(session_token(&HeaderMap::new()), None);
    }
}
