//! Rate limits on mutations: a token bucket per live session (per user behind an identity
//! header; per client address for requests without a live session, e.g. signing in), refilled at
//! `--mutation-rate-limit` tokens a minute, holding at most that many. An empty bucket is
//! answered `429 rate_limited` with `Retry-After`.
//!
//! The buckets live in this process: behind a load balancer with several servers, a client
//! may get up to the limit from each one.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use complaint_api::{ApiError, ErrorBody, ErrorDetail};
use complaint_rules::ErrorCode;

use crate::auth::{Credential, CurrentUser};
use crate::error::json_response;
use crate::security::client_address;
use crate::AppState;

/// More keys than this: idle buckets are dropped, and new keys fall back to the client's
/// address, so a flood of made-up cookies cannot grow the map without bound.
const MAX_BUCKETS: usize = 100_000;

struct Bucket {
    tokens: f64,
    updated: Instant,
}

#[derive(Clone)]
pub struct RateLimiter {
    /// Tokens per minute, and the bucket's capacity. 0: no limit.
    per_minute: u32,
    buckets: Arc<Mutex<HashMap<String, Bucket>>>,
}

impl RateLimiter {
    pub fn new(per_minute: u32) -> RateLimiter {
        RateLimiter {
            per_minute,
            buckets: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    /// Takes a token for `key` at `now`; `Err(wait)` when the bucket is empty, with the time
    /// until the next token.
    pub fn take(&self, key: &str, fallback_key: &str, now: Instant) -> Result<(), Duration> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let capacity = f64::from(self.per_minute);
        let per_second = capacity / 60.0;
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() >= MAX_BUCKETS && !buckets.contains_key(key) {
            // Drop the buckets that have refilled: forgetting them changes nothing.
            buckets.retain(|_, bucket| {
                bucket.tokens + now.duration_since(bucket.updated).as_secs_f64() * per_second
                    < capacity
            });
        }
        let key = if buckets.len() >= MAX_BUCKETS && !buckets.contains_key(key) {
            fallback_key
        } else {
            key
        };
        let bucket = buckets.entry(key.to_owned()).or_insert(Bucket {
            tokens: capacity,
            updated: now,
        });
        let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * per_second).min(capacity);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - bucket.tokens) / per_second))
        }
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
    if !crate::http::is_mutation(request.method()) || state.limiter.per_minute == 0 {
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
    match state.limiter.take(&key, &address_key, Instant::now()) {
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
    fn a_bucket_empties_and_refills() {
        let limiter = RateLimiter::new(3);
        let start = Instant::now();
        for _ in 0..3 {
            assert!(limiter.take("a", "ip", start).is_ok());
        }
        let wait = limiter.take("a", "ip", start).unwrap_err();
        assert!(wait > Duration::from_secs(19) && wait <= Duration::from_secs(20));
        // Another key has its own bucket.
        assert!(limiter.take("b", "ip", start).is_ok());
        // One token every 20 s.
        assert!(limiter
            .take("a", "ip", start + Duration::from_secs(21))
            .is_ok());
        assert!(limiter
            .take("a", "ip", start + Duration::from_secs(22))
            .is_err());
        // Never more than the capacity.
        let later = start + Duration::from_secs(3600);
        for _ in 0..3 {
            assert!(limiter.take("a", "ip", later).is_ok());
        }
        assert!(limiter.take("a", "ip", later).is_err());
    }

    #[test]
    fn zero_means_no_limit() {
        let limiter = RateLimiter::new(0);
        for _ in 0..1000 {
            assert!(limiter.take("a", "ip", Instant::now()).is_ok());
        }
    }

    #[test]
    fn retry_after_is_whole_seconds_rounded_up() {
        let response = rate_limited(Duration::from_millis(1500));
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(response.headers()[header::RETRY_AFTER], "2");
    }
}
