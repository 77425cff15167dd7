//! The error responses many operations share, each declared once for the OpenAPI document and
//! listed by the operations that may give it (`responses(…, SignedIn, Csrf, Limits)`). Never
//! built: they only describe.

#![allow(dead_code)]

use complaint_api::ErrorBody;
use utoipa::IntoResponses;

/// Any operation of a signed-in user.
#[derive(IntoResponses)]
#[response(
    status = 401,
    description = "`unauthenticated`: no session, or it ended or expired"
)]
pub struct SignedIn(ErrorBody);

/// Any change: the request body limit and the mutation rate limit.
#[derive(IntoResponses)]
pub enum Limits {
    /// `payload_too_large`: the body is over 16 KiB
    #[response(status = 413)]
    PayloadTooLarge(ErrorBody),
    /// `rate_limited`: too many changes in a short time; retry after `Retry-After` seconds
    #[response(status = 429, headers(("retry-after" = u32, description = "Seconds to wait")))]
    RateLimited(ErrorBody),
}

/// A shopper's change.
#[derive(IntoResponses)]
#[response(status = 403, description = "`forbidden`: the CSRF header is missing")]
pub struct Csrf(ErrorBody);

/// An agent's read.
#[derive(IntoResponses)]
#[response(status = 403, description = "`forbidden`: not an agent")]
pub struct NotAgent(ErrorBody);

/// An agent's change.
#[derive(IntoResponses)]
#[response(
    status = 403,
    description = "`forbidden`: not an agent, or the CSRF header is missing"
)]
pub struct AgentCsrf(ErrorBody);

/// A change whose body has a limit of its own (an uploaded picture): the mutation rate limit.
#[derive(IntoResponses)]
#[response(
    status = 429,
    description = "`rate_limited`: too many changes in a short time; retry after `Retry-After` seconds",
    headers(("retry-after" = u32, description = "Seconds to wait"))
)]
pub struct TooManyChanges(ErrorBody);
