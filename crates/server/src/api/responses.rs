//! The error responses many operations share, declared once for the OpenAPI document
//! (`responses(…, Mutation)` in an operation's annotation). Never built: they only describe.

#![allow(dead_code)]

use complaint_api::ErrorBody;
use utoipa::IntoResponses;

/// What any operation of a signed-in user may answer.
#[derive(IntoResponses)]
pub enum SignedIn {
    /// `unauthenticated`: no session, or it ended or expired
    #[response(status = 401)]
    Unauthenticated(ErrorBody),
}

/// What any change made by a signed-in user may answer.
#[derive(IntoResponses)]
pub enum Mutation {
    /// `unauthenticated`: no session, or it ended or expired
    #[response(status = 401)]
    Unauthenticated(ErrorBody),
    /// `forbidden`: the CSRF header is missing
    #[response(status = 403)]
    Forbidden(ErrorBody),
    /// `payload_too_large`: the body is over 16 KiB
    #[response(status = 413)]
    PayloadTooLarge(ErrorBody),
    /// `rate_limited`: too many changes in a short time; retry after `Retry-After` seconds
    #[response(status = 429, headers(("retry-after" = u32, description = "Seconds to wait")))]
    RateLimited(ErrorBody),
}

/// What any agent's read may answer.
#[derive(IntoResponses)]
pub enum AgentRead {
    /// `unauthenticated`: no session, or it ended or expired
    #[response(status = 401)]
    Unauthenticated(ErrorBody),
    /// `forbidden`: not an agent
    #[response(status = 403)]
    Forbidden(ErrorBody),
}

/// What any agent's change may answer.
#[derive(IntoResponses)]
pub enum AgentMutation {
    /// `unauthenticated`: no session, or it ended or expired
    #[response(status = 401)]
    Unauthenticated(ErrorBody),
    /// `forbidden`: not an agent, or the CSRF header is missing
    #[response(status = 403)]
    Forbidden(ErrorBody),
    /// `payload_too_large`: the body is over 16 KiB
    #[response(status = 413)]
    PayloadTooLarge(ErrorBody),
    /// `rate_limited`: too many changes in a short time; retry after `Retry-After` seconds
    #[response(status = 429, headers(("retry-after" = u32, description = "Seconds to wait")))]
    RateLimited(ErrorBody),
}
