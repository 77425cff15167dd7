//! Rate limits on mutations: a token bucket per live session (per user behind an identity
//! header; per client address for requests without a live session, e.g. signing in), refilled at
//! `--mutation-rate-limit` tokens a minute, holding at most that many — `governor`'s keyed
//! limiter (GCRA, the same thing as such a bucket). An empty bucket is answered
//! `429 rate_limited` with `Retry-After`.
//!
//! The buckets live in this process: behind a load balancer with several servers, a client
//! may get up to the limit from each one.

use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use complaint_api::{ApiError, ErrorBody, ErrorDetail};
use complaint_rules::ErrorCode;
use governor::clock::{Clock as _, DefaultClock};
use governor::state::keyed::DashMapStateStore;
use governor::Quota;

use crate::auth::{Credential, CurrentUser};
use crate::error::json_response;
use crate::security::client_address;
use crate::AppState;

/// More keys than this: the full (idle) buckets are forgotten, and while there are still this
/// many, requests count against their client address, so that a flood of made-up cookies
/// cannot grow the map without bound.
const MAX_BUCKETS: usize = 100_000;

type Buckets = governor::RateLimiter<String, DashMapStateStore<String>, DefaultClock>;

#[derive(Clone)]
pub struct RateLimiter {
    /// None: no limit (`--mutation-rate-limit 0`).
    buckets: Option<Arc<Buckets>>,
}

impl RateLimiter {
    /// `per_minute` tokens a minute, and as many at once; 0: no limit.
    pub fn new(per_minute: u32) -> RateLimiter {
        RateLimiter {
            buckets: NonZeroU32::new(per_minute)
                .map(|per_minute| Arc::new(Buckets::dashmap(Quota::per_minute(per_minute)))),
        }
    }

    /// Takes a token from `key`'s bucket (`fallback_key`'s when there are too many buckets);
    /// `Err(wait)` when it is empty, with the time until the next token.
    pub fn take(&self, key: &str, fallback_key: &str) -> Result<(), Duration> {
        let Some(buckets) = &self.buckets else {
            return Ok(());
        };
        if buckets.len() >= MAX_BUCKETS {
            buckets.retain_recent();
        }
        let key = if buckets.len() >= MAX_BUCKETS {
            fallback_key
        } else {
            key
        };
        buckets
            .check_key(&key.to_owned())
            .map_err(|empty| empty.wait_time_from(buckets.clock().now()))
    }
}

/// The 429 answer.
pub fn rate_limited(wait: Duration) -> Response {
    let seconds = u32::try_from(wait.as_secs() + u64::from(wait.subsec_nanos() > 0))
        .unwrap_or(u32::MAX)
        .max(1);
    let mut response = json_response(
        StatusCode::TOO_MANY_REQUESTS,
        &ErrorBody {
            error: ApiError {
                code: ErrorCode::RateLimited,
                message: format!("too many changes in a short time: retry in {seconds} s"),
                detail: Some(ErrorDetail::RetryAfter { seconds }),
            },
        },
    );
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    response
}

/// Limits `POST`/`DELETE`/… under `/api` (reads are never limited).
///
/// The bucket is the verified user's: their live session's, or behind `--identity-header`
/// the user's. Anything else — no cookie, a made-up cookie, an ended or expired session —
/// counts against the client's address (the forwarded one behind a `--trusted-proxy`), so
/// inventing cookies does not buy fresh buckets. The user found is handed on to the handler
/// (a request extension), which does not look it up again.
pub async fn limit_mutations(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if !crate::http::is_mutation(request.method()) || state.limiter.buckets.is_none() {
        return next.run(request).await;
    }
    let address = match request.extensions().get::<ConnectInfo<SocketAddr>>() {
        Some(ConnectInfo(peer)) => {
            client_address(&state.config, peer.ip(), request.headers()).to_string()
        }
        None => "unknown".to_owned(),
    };
    let address_key = format!("ip:{address}");
    let (mut parts, body) = request.into_parts();
    let key = match CurrentUser::from_request_parts(&mut parts, &state).await {
        Ok(user) => {
            let key = match &user.credential {
                Credential::Session { token_hash } => format!("session:{token_hash}"),
                Credential::IdentityHeader => format!("user:{}", user.user.id.0),
            };
            parts.extensions.insert(user);
            key
        }
        // Not signed in (or the lookup failed: the handler will say so).
        Err(_) => address_key.clone(),
    };
    let request = Request::from_parts(parts, body);
    match state.limiter.take(&key, &address_key) {
        Ok(()) => next.run(request).await,
        Err(wait) => {
            tracing::info!(key = %key.split(':').next().unwrap_or(""), "rate limited");
            rate_limited(wait).into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_holds_the_limit_then_says_when_the_next_token_comes() {
        let limiter = RateLimiter::new(3);
        for _ in 0..3 {
            assert!(limiter.take("a", "ip").is_ok());
        }
        // One token every 20 s.
        let wait = limiter.take("a", "ip").unwrap_err();
        assert!(wait > Duration::from_secs(19) && wait <= Duration::from_secs(20));
        // Another key has its own bucket.
        assert!(limiter.take("b", "ip").is_ok());
    }

    #[test]
    fn zero_means_no_limit() {
        let limiter = RateLimiter::new(0);
        for _ in 0..1000 {
            assert!(limiter.take("a", "ip").is_ok());
        }
    }

    #[test]
    fn retry_after_is_whole_seconds_rounded_up() {
        let response = rate_limited(Duration::from_millis(1500));
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(response.headers()[header::RETRY_AFTER], "2");
    }
}
